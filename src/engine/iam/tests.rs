use serde_json::{json, Value};

use super::pattern::{literal, Pattern, Text};
use super::policy::{Facts, Key, Policy, Request, Verdict};
use super::request;
use super::Denial;
use crate::engine::testkit::{
    call, ctx, ctx_of, has_snapshot, ok, refused, snapshot, snapshot_with, world, ACCOUNT, OTHER,
    REGION, T0,
};
use crate::engine::{Context, World};
use crate::errors::{ControlError, RedshiftError};
use crate::model::operations as op;
use crate::model::service::{model, ShapeKind};

const USER: &str = "arn:aws:iam::123456789012:user/redshift-fake";
const ROLE: &str = "arn:aws:iam::123456789012:role/etl";
const SESSION: &str = "arn:aws:sts::123456789012:assumed-role/etl/run-1";
const DENIED: &str = "Access Denied. Please ensure that your IAM Permissions allow this operation.";

fn glob(pattern: &str, text: &str) -> bool {
    Pattern::new(pattern, Text::Glob, true)
        .unwrap()
        .is_match(text, Text::Glob)
}

fn arn_glob(pattern: &str, text: &str) -> bool {
    Pattern::new(pattern, Text::Arn, true)
        .unwrap()
        .is_match(text, Text::Arn)
}

#[test]
fn wildcards_match_any_run_and_any_one_character() {
    for (pattern, text, expected) in [
        ("*", "", true),
        ("*", "anything at all", true),
        ("a*c", "abbbc", true),
        ("a*c", "ac", true),
        ("a*c", "acb", false),
        ("a?c", "abc", true),
        ("a?c", "ac", false),
        ("*b*", "abc", true),
        ("**", "x", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxcyyb", false),
        ("abc", "ABC", false),
        ("é*", "éa", true),
        ("a:*", "a:b:c", true),
    ] {
        assert_eq!(glob(pattern, text), expected, "{pattern} ~ {text}");
    }
}

#[test]
fn in_an_arn_a_wildcard_stays_in_its_segment_unless_it_ends_it() {
    for (pattern, text, expected) in [
        // A `*` ending its segment matches across colons (doc).
        (
            "arn:aws:redshift:*",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            true,
        ),
        (
            "arn:aws:redshift:*:*:cluster:*",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            true,
        ),
        (
            "arn:aws:redshift:us-east-1:1:snapshot:*",
            "arn:aws:redshift:us-east-1:1:snapshot:c1/rs:c1-2024",
            true,
        ),
        // Inside a segment, it does not.
        (
            "arn:aws:redshift:us-*1:1:cluster:c1",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            true,
        ),
        (
            "arn:aws:redshift:us*1:cluster:c1",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            false,
        ),
        (
            "arn:aws:redshift:us-east-1:1:cluster:c?",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            true,
        ),
        (
            "arn:aws:redshift:us-east-?:1:cluster:c1",
            "arn:aws:redshift:us-east-:1:cluster:c1",
            false,
        ),
        // Resources are case-sensitive (doc).
        (
            "arn:aws:redshift:us-east-1:1:cluster:C1",
            "arn:aws:redshift:us-east-1:1:cluster:c1",
            false,
        ),
        // The seed's rule: a request that does not name the cluster.
        (
            "arn:aws:redshift:us-east-1:1:snapshot:prod/*",
            "arn:aws:redshift:us-east-1:1:snapshot:*/s1",
            false,
        ),
        (
            "arn:aws:redshift:us-east-1:1:snapshot:prod/*",
            "arn:aws:redshift:us-east-1:1:snapshot:prod/s1",
            true,
        ),
        (
            "arn:aws:redshift:us-east-1:1:snapshot:*/s1",
            "arn:aws:redshift:us-east-1:1:snapshot:*/s1",
            true,
        ),
        ("*", "*", true),
        ("arn:aws:redshift:*:*:*", "*", false),
    ] {
        assert_eq!(arn_glob(pattern, text), expected, "{pattern} ~ {text}");
    }
}

#[test]
fn escapes_are_literal_and_variables_are_refused_in_the_2012_language() {
    assert!(glob("a${*}b", "a*b"));
    assert!(!glob("a${*}b", "axb"));
    assert!(glob("${?}${$}", "?$"));
    assert_eq!(literal("x${*}y${$}", true).unwrap(), "x*y$");
    assert_eq!(
        literal("${aws:username}", false).unwrap(),
        "${aws:username}"
    );
    let e = Pattern::new("arn:aws:s3:::b/${aws:username}", Text::Arn, true).unwrap_err();
    assert!(
        e.contains("${aws:username}") && e.contains("not evaluated"),
        "{e}"
    );
    assert!(literal("${oops", true)
        .unwrap_err()
        .contains("unterminated"));
    // In the 2008-10-17 language, `${*}` is three characters.
    let old = Pattern::new("a${*}", Text::Glob, false).unwrap();
    assert!(old.is_match("a${x}", Text::Glob) && !old.is_match("a*", Text::Glob));
}

fn policy(document: Value) -> Policy {
    Policy::parse(&document).unwrap_or_else(|e| panic!("{e}"))
}

fn refusal(document: Value) -> String {
    Policy::parse(&document).expect_err("the document must be refused")
}

fn allow(statement: Value) -> Value {
    let mut s = json!({"Effect": "Allow", "Action": "*", "Resource": "*"});
    s.as_object_mut()
        .unwrap()
        .extend(statement.as_object().unwrap().clone());
    json!({"Version": "2012-10-17", "Statement": [s]})
}

#[test]
fn malformed_documents_are_refused_naming_the_problem() {
    for (document, expected) in [
        (json!([]), "a policy document is a JSON object"),
        (
            json!({"Version": "2012-10-17"}),
            "a policy needs a Statement",
        ),
        (
            json!({"Version": "2013-01-01", "Statement": []}),
            "Version must be",
        ),
        (json!({"Version": 1, "Statement": []}), "Version must be"),
        (
            json!({"Statements": []}),
            "\"Statements\" is not an element of a policy",
        ),
        (
            json!({"Statement": [1]}),
            "Statement[0] must be a JSON object",
        ),
        (
            json!({"Statement": {"Action": "*", "Resource": "*"}}),
            "Statement needs an Effect",
        ),
        (
            json!({"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}),
            "Statement[0].Effect must be",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Resource": "*"}]}),
            "needs an Action or a NotAction",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*"}]}),
            "needs a Resource or a NotResource",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "*", "Resource": "*"}]}),
            "has both Action and NotAction",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}]}),
            "has both Resource and NotResource",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}),
            "Statement[0].Action is an empty list",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": [1], "Resource": "*"}]}),
            "must be a string or a list of strings",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "DeleteClusterSnapshot", "Resource": "*"}]}),
            "is not an action",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}]}),
            "is not an action",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "cluster:c1"}]}),
            "is not \"*\" or an ARN",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:red*:*:*:*"}]}),
            "without a wildcard",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}]}),
            "Statement[0].Principal: an identity-based policy has no Principal",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotPrincipal": {"AWS": "*"}}]}),
            "has no NotPrincipal",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Sid": "a b"}]}),
            "Sid must be ASCII letters and digits",
        ),
        (
            json!({"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}),
            "Sid \"A\" is used twice",
        ),
        (
            json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Conditions": {}}]}),
            "\"Conditions\" is not an element of a statement",
        ),
    ] {
        let e = refusal(document.clone());
        assert!(e.contains(expected), "{document}: {e}");
    }
}

#[test]
fn what_the_fake_does_not_evaluate_is_refused_naming_it() {
    for (condition, expected) in [
        (
            json!({"NumericLessThan": {"aws:RequestedRegion": "1"}}),
            "the condition operator NumericLessThan is not evaluated",
        ),
        (
            json!({"DateGreaterThan": {"aws:CurrentTime": "2020-01-01"}}),
            "DateGreaterThan",
        ),
        (
            json!({"ForEach:StringEquals": {"aws:TagKeys": "a"}}),
            "ForEach:StringEquals",
        ),
        (
            json!({"StringEquals": {"aws:SourceIp": "1.2.3.4"}}),
            "the condition key aws:SourceIp is not evaluated",
        ),
        (
            json!({"StringEquals": {"redshift:DbUser": "admin"}}),
            "redshift:DbUser",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/": "x"}}),
            "aws:ResourceTag/",
        ),
        (
            json!({"StringEquals": {"aws:TagKeys": "x"}}),
            "aws:TagKeys is a multivalued key",
        ),
        (
            json!({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "x"}}),
            "IfExists with ForAllValues:/ForAnyValue:",
        ),
        (
            json!({"ForAllValues:Null": {"aws:TagKeys": "true"}}),
            "ForAllValues:Null",
        ),
        (
            json!({"NullIfExists": {"aws:TagKeys": "true"}}),
            "NullIfExists",
        ),
        (
            json!({"Null": {"aws:TagKeys": "maybe"}}),
            "Null takes \"true\" or \"false\"",
        ),
        (
            json!({"StringEquals": {"aws:RequestedRegion": "${aws:username}"}}),
            "the policy variable ${aws:username}",
        ),
        (
            json!({"StringEquals": {"aws:RequestedRegion": []}}),
            "is an empty list",
        ),
        (
            json!({"StringEquals": {"aws:RequestedRegion": {"a": 1}}}),
            "must be a string, a number, a boolean",
        ),
        (
            json!({"StringEquals": "us-east-1"}),
            "must be a JSON object of condition keys",
        ),
        (json!("x"), "must be a JSON object of condition operators"),
    ] {
        let e = refusal(allow(json!({ "Condition": condition })));
        assert!(e.contains(expected), "{condition}: {e}");
        assert!(e.starts_with("Statement[0].Condition"), "{e}");
    }
    // Everything the fake evaluates is accepted.
    policy(allow(json!({"Condition": {
        "StringEquals": {"aws:RequestedRegion": ["us-east-1", 2, true]},
        "StringNotEqualsIgnoreCaseIfExists": {"AWS:ResourceTag/Team": "bi"},
        "ForAllValues:StringLike": {"aws:TagKeys": "team*"},
        "ForAnyValue:StringNotEquals": {"aws:tagkeys": "x"},
        "StringLikeIfExists": {"aws:RequestTag/env": "p?od*"},
        "Null": {"aws:TagKeys": false},
    }})));
    // Without Version, the 2008-10-17 language: `${...}` is plain text.
    policy(
        json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:RequestedRegion": "${aws:username}"}}}}),
    );
}

/// A request's facts, written out.
#[derive(Default)]
struct Given {
    region: Option<&'static str>,
    resource_tags: Vec<(&'static str, &'static str)>,
    request_tags: Option<Vec<(&'static str, &'static str)>>,
}

impl Facts for Given {
    fn values(&self, key: &Key) -> Option<Vec<&str>> {
        let find = |tags: &[(&'static str, &'static str)], k: &str| {
            tags.iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(k))
                .map(|(_, v)| vec![*v])
        };
        match key {
            Key::RequestedRegion => self.region.map(|r| vec![r]),
            Key::ResourceTag(k) => find(&self.resource_tags, k),
            Key::RequestTag(k) => find(self.request_tags.as_ref()?, k),
            Key::TagKeys => Some(
                self.request_tags
                    .as_ref()?
                    .iter()
                    .map(|(k, _)| *k)
                    .collect(),
            ),
        }
    }
}

fn verdict(document: &Value, action: &str, resource: &str, facts: &Given) -> &'static str {
    let p = policy(document.clone());
    let action = action.to_ascii_lowercase();
    let request = Request {
        action: &action,
        resource,
        facts,
    };
    match p.evaluate(&request) {
        Verdict::Deny(_) => "deny",
        Verdict::Allow => "allow",
        Verdict::Silent => "silent",
    }
}

const S1: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:prod/s1";

#[test]
fn an_explicit_deny_wins_and_actions_match_ignoring_case() {
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "REDSHIFT:*", "Resource": "*"},
        {"Sid": "NoDeletes", "Effect": "Deny", "Action": "redshift:delete*", "Resource": "arn:aws:redshift:*:*:snapshot:prod/*"},
    ]});
    let none = Given::default();
    assert_eq!(
        verdict(&doc, "redshift:DeleteClusterSnapshot", S1, &none),
        "deny"
    );
    assert_eq!(
        verdict(&doc, "redshift:DescribeClusters", S1, &none),
        "allow"
    );
    assert_eq!(verdict(&doc, "s3:GetObject", S1, &none), "silent");
    let p = policy(doc);
    let action = "redshift:deleteclustersnapshot";
    let request = Request {
        action,
        resource: S1,
        facts: &none,
    };
    assert_eq!(p.evaluate(&request), Verdict::Deny("NoDeletes"));
    let unnamed =
        policy(json!({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}));
    assert_eq!(unnamed.evaluate(&request), Verdict::Deny("Statement[0]"));
}

#[test]
fn not_action_and_not_resource_apply_to_everything_else() {
    let doc = json!({"Statement": [
        {"Effect": "Allow", "NotAction": ["redshift:Delete*", "redshift:Modify*"], "NotResource": "arn:aws:redshift:*:*:cluster:prod"},
    ]});
    let none = Given::default();
    let cluster = "arn:aws:redshift:us-east-1:123456789012:cluster:";
    assert_eq!(
        verdict(
            &doc,
            "redshift:DescribeClusters",
            &format!("{cluster}dev"),
            &none
        ),
        "allow"
    );
    assert_eq!(
        verdict(&doc, "redshift:DescribeClusters", "*", &none),
        "allow"
    );
    assert_eq!(
        verdict(
            &doc,
            "redshift:DescribeClusters",
            &format!("{cluster}prod"),
            &none
        ),
        "silent"
    );
    assert_eq!(
        verdict(
            &doc,
            "redshift:DeleteCluster",
            &format!("{cluster}dev"),
            &none
        ),
        "silent"
    );
}

fn with_condition(condition: Value) -> Value {
    allow(json!({ "Condition": condition }))
}

#[test]
fn string_operators_or_their_values_and_negated_ones_nor_them() {
    let tagged = |team: &'static str| Given {
        resource_tags: vec![("Team", team)],
        ..Given::default()
    };
    let untagged = Given::default();
    for (condition, facts, expected) in [
        (
            json!({"StringEquals": {"aws:ResourceTag/team": ["bi", "ops"]}}),
            tagged("ops"),
            "allow",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/team": ["bi", "ops"]}}),
            tagged("OPS"),
            "silent",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/team": "bi"}}),
            untagged,
            "silent",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/team": "b*"}}),
            tagged("bi"),
            "silent",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/team": "b${*}"}}),
            tagged("b*"),
            "allow",
        ),
        (
            json!({"StringEqualsIgnoreCase": {"aws:ResourceTag/team": "Ops"}}),
            tagged("oPS"),
            "allow",
        ),
        (
            json!({"StringLike": {"aws:ResourceTag/team": ["x", "o?s*"]}}),
            tagged("opsX"),
            "allow",
        ),
        (
            json!({"StringLike": {"aws:ResourceTag/team": "O*"}}),
            tagged("ops"),
            "silent",
        ),
        // A negated operator: the value must match none of the policy's (NOR).
        (
            json!({"StringNotEquals": {"aws:ResourceTag/team": ["bi", "ops"]}}),
            tagged("ops"),
            "silent",
        ),
        (
            json!({"StringNotEquals": {"aws:ResourceTag/team": ["bi", "ops"]}}),
            tagged("dev"),
            "allow",
        ),
        (
            json!({"StringNotLike": {"aws:ResourceTag/team": "o*"}}),
            tagged("ops"),
            "silent",
        ),
        (
            json!({"StringNotEqualsIgnoreCase": {"aws:ResourceTag/team": "OPS"}}),
            tagged("ops"),
            "silent",
        ),
        // A key the request lacks: false, but true for a negated operator (doc).
        (
            json!({"StringNotEquals": {"aws:ResourceTag/team": "bi"}}),
            Given::default(),
            "allow",
        ),
        (
            json!({"StringNotLike": {"aws:ResourceTag/team": "bi"}}),
            Given::default(),
            "allow",
        ),
        // ...IfExists: a key the request lacks makes it true.
        (
            json!({"StringEqualsIfExists": {"aws:ResourceTag/team": "bi"}}),
            Given::default(),
            "allow",
        ),
        (
            json!({"StringEqualsIfExists": {"aws:ResourceTag/team": "bi"}}),
            tagged("ops"),
            "silent",
        ),
        // Every operator and key must hold.
        (
            json!({"StringEquals": {"aws:ResourceTag/team": "ops", "aws:RequestedRegion": "eu-west-1"}}),
            Given {
                region: Some("us-east-1"),
                ..tagged("ops")
            },
            "silent",
        ),
        (
            json!({"StringEquals": {"aws:ResourceTag/team": "ops"}, "StringLike": {"aws:RequestedRegion": "us-*"}}),
            Given {
                region: Some("us-east-1"),
                ..tagged("ops")
            },
            "allow",
        ),
        (
            json!({"Null": {"aws:ResourceTag/team": "true"}}),
            Given::default(),
            "allow",
        ),
        (
            json!({"Null": {"aws:ResourceTag/team": "true"}}),
            tagged("ops"),
            "silent",
        ),
        (
            json!({"Null": {"aws:ResourceTag/team": false}}),
            tagged("ops"),
            "allow",
        ),
    ] {
        let doc = with_condition(condition.clone());
        assert_eq!(
            verdict(&doc, "redshift:DeleteClusterSnapshot", S1, &facts),
            expected,
            "{condition}"
        );
    }
}

#[test]
fn set_operators_compare_every_or_any_value_of_a_multivalued_key() {
    let tags = |keys: &[&'static str]| Given {
        request_tags: Some(keys.iter().map(|k| (*k, "v")).collect()),
        ..Given::default()
    };
    for (condition, facts, expected) in [
        (
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}),
            tags(&["team"]),
            "allow",
        ),
        (
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}),
            tags(&["team", "cost"]),
            "silent",
        ),
        // ForAllValues holds when the request has no such key (doc).
        (
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": "team"}}),
            Given::default(),
            "allow",
        ),
        (
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": "team"}}),
            tags(&[]),
            "allow",
        ),
        (
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}),
            tags(&["cost", "team"]),
            "allow",
        ),
        (
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}),
            tags(&["cost"]),
            "silent",
        ),
        (
            json!({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}),
            Given::default(),
            "silent",
        ),
        // The IAM User Guide's example: ForAllValues:StringNotLike "key1*".
        (
            json!({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}),
            tags(&["key1:legal"]),
            "silent",
        ),
        (
            json!({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}),
            tags(&["key1:hr", "key1:personnel"]),
            "silent",
        ),
        (
            json!({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}),
            tags(&["key2:audit"]),
            "allow",
        ),
        (
            json!({"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}),
            Given::default(),
            "allow",
        ),
        (
            json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}),
            tags(&["a", "c"]),
            "allow",
        ),
        (
            json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}),
            tags(&["a", "b"]),
            "silent",
        ),
        (
            json!({"ForAnyValue:StringEqualsIgnoreCase": {"aws:TagKeys": "TEAM"}}),
            tags(&["team"]),
            "allow",
        ),
        (
            json!({"Null": {"aws:TagKeys": "false"}}),
            tags(&["team"]),
            "allow",
        ),
        (
            json!({"Null": {"aws:TagKeys": "false"}}),
            tags(&[]),
            "silent",
        ),
        // A single-valued key under a set operator is a set of one.
        (
            json!({"ForAnyValue:StringEquals": {"aws:RequestedRegion": "us-east-1"}}),
            Given {
                region: Some("us-east-1"),
                ..Given::default()
            },
            "allow",
        ),
    ] {
        let doc = with_condition(condition.clone());
        assert_eq!(
            verdict(&doc, "redshift:CreateTags", S1, &facts),
            expected,
            "{condition}"
        );
    }
}

#[test]
fn the_table_names_model_operations_and_their_members() {
    let m = model();
    let ops: Vec<&str> = request::operations().collect();
    assert!(ops.windows(2).all(|w| w[0] < w[1]), "the table is sorted");
    let member_shape =
        |shape: crate::model::service::ShapeId, name: &str| match &m.shapes[shape].kind {
            ShapeKind::Structure { members, .. } => {
                members.iter().find(|x| x.name == name).map(|x| x.shape)
            }
            _ => None,
        };
    for op in &ops {
        assert!(
            m.operation(op).is_some(),
            "{op} is not an operation of the model"
        );
    }
    for (op, list, member) in request::members() {
        let input = m.operation(op).and_then(|o| o.input).expect("an input");
        let shape = match list {
            Some(list) => match member_shape(input, list).map(|s| &m.shapes[s].kind) {
                Some(ShapeKind::List { member, .. }) => *member,
                _ => panic!("{op}.{list} is not a list"),
            },
            None => input,
        };
        assert!(
            member_shape(shape, member).is_some(),
            "{op} has no member {member} ({list:?})"
        );
    }
}

fn resources(operation: &str, input: Value) -> Vec<String> {
    request::resources(&ctx(T0), operation, &input)
}

#[test]
fn each_operation_is_authorized_against_the_arns_aws_documents() {
    let arn = |path: &str| format!("arn:aws:redshift:us-east-1:123456789012:{path}");
    assert_eq!(
        resources("DeleteClusterSnapshot", json!({"SnapshotIdentifier": "S1"})),
        [arn("snapshot:*/s1")]
    );
    assert_eq!(
        resources(
            "DeleteClusterSnapshot",
            json!({"SnapshotIdentifier": "s1", "SnapshotClusterIdentifier": "Prod"})
        ),
        [arn("snapshot:prod/s1")]
    );
    assert_eq!(
        resources(
            "CreateClusterSnapshot",
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"})
        ),
        [arn("snapshot:c1/s1")]
    );
    let given = "arn:aws:redshift:us-east-1:210987654321:snapshot:c9/S9";
    assert_eq!(
        resources(
            "AuthorizeSnapshotAccess",
            json!({"SnapshotArn": given, "AccountWithRestoreAccess": OTHER})
        ),
        [given]
    );
    assert_eq!(
        resources(
            "RestoreFromClusterSnapshot",
            json!({"ClusterIdentifier": "new", "SnapshotIdentifier": "s9", "OwnerAccount": OTHER})
        ),
        [
            arn("cluster:new"),
            "arn:aws:redshift:us-east-1:210987654321:snapshot:*/s9".to_owned()
        ]
    );
    assert_eq!(
        resources(
            "BatchDeleteClusterSnapshots",
            json!({"Identifiers": [
            {"SnapshotIdentifier": "a"}, {"SnapshotIdentifier": "b", "SnapshotClusterIdentifier": "c1"}]})
        ),
        [arn("snapshot:*/a"), arn("snapshot:c1/b")]
    );
    assert_eq!(
        resources(
            "BatchModifyClusterSnapshots",
            json!({"SnapshotIdentifierList": ["a", "B"]})
        ),
        [arn("snapshot:*/a"), arn("snapshot:*/b")]
    );
    assert_eq!(resources("DescribeClusters", json!({})), [arn("cluster:*")]);
    assert_eq!(
        resources("DescribeClusters", json!({"ClusterIdentifier": "c1"})),
        [arn("cluster:c1")]
    );
    assert_eq!(
        resources(
            "DescribeClusterSnapshots",
            json!({"ClusterIdentifier": "c1"})
        ),
        ["*"]
    );
    assert_eq!(resources("DescribeTags", json!({})), ["*"]);
    assert_eq!(
        resources("CreateTags", json!({"ResourceName": given, "Tags": []})),
        [given]
    );
    assert_eq!(
        resources(
            "GetClusterCredentials",
            json!({"DbUser": "alice", "ClusterIdentifier": "c1"})
        ),
        [arn("dbuser:c1/alice")]
    );
    assert_eq!(
        resources(
            "GetClusterCredentials",
            json!({"DbUser": "alice", "DbName": "dev"})
        ),
        [arn("dbuser:*/alice"), arn("dbname:*/dev")]
    );
    assert_eq!(resources("GetClusterCredentialsWithIAM", json!({})), ["*"]);
    let in_china = Context {
        region: "cn-north-1",
        ..ctx(T0)
    };
    assert_eq!(
        request::resources(
            &in_china,
            "DeleteCluster",
            &json!({"ClusterIdentifier": "c1"})
        ),
        ["arn:aws-cn:redshift:cn-north-1:123456789012:cluster:c1"]
    );
}

fn as_principal(principal: &'static str) -> Context<'static> {
    Context {
        principal,
        ..ctx(T0)
    }
}

fn put(w: &mut World, principal: &str, name: &str, document: Value) {
    w.put_identity_policy(principal, name, &document.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The seed's policy: DeleteClusterSnapshot only on the snapshots of `prod`.
fn prod_only() -> Value {
    json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "redshift:*", "Resource": "*", "Condition": {}},
        {"Effect": "Deny", "Action": "redshift:DeleteClusterSnapshot",
         "NotResource": "arn:aws:redshift:*:*:snapshot:prod/*"},
    ]})
}

fn prod_world() -> World {
    let mut w = World::default();
    crate::engine::testkit::cluster(&mut w, &ctx(T0), "prod", json!({}));
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "prod"}),
    );
    w
}

#[test]
fn the_seeds_rule_a_snapshot_resource_naming_its_cluster_needs_snapshot_cluster_identifier() {
    let mut w = prod_world();
    put(
        &mut w,
        USER,
        "deletes",
        json!({"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Action": "redshift:DeleteClusterSnapshot",
        "Resource": "arn:aws:redshift:us-east-1:123456789012:snapshot:prod/*"}}),
    );
    let e = refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    assert_eq!(e.to_string(), DENIED);
    assert_eq!(e.status(), 400);
    let RedshiftError::Unauthorized(denial) = e else {
        panic!()
    };
    assert_eq!(
        *denial,
        Denial {
            action: "redshift:DeleteClusterSnapshot".into(),
            resource: "arn:aws:redshift:us-east-1:123456789012:snapshot:*/s1".into(),
            reason: "no identity-based policy allows the action".into(),
        }
    );
    ok::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1", "SnapshotClusterIdentifier": "prod"}),
    );
    assert!(!has_snapshot(&w, "s1"));
    // The policy allows nothing else.
    refused::<op::DescribeClusters>(&mut w, &ctx(T0), json!({}), "UnauthorizedOperation");
}

#[test]
fn an_explicit_deny_names_its_statement_and_policy() {
    let mut w = prod_world();
    put(&mut w, USER, "Guard", prod_only());
    put(&mut w, USER, "all", allow(json!({})));
    let e = refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    let RedshiftError::Unauthorized(denial) = e else {
        panic!()
    };
    assert_eq!(
        denial.reason,
        "explicitly denied by Statement[1] of policy Guard"
    );
    ok::<op::DescribeClusters>(&mut w, &ctx(T0), json!({}));
}

#[test]
fn a_principal_without_policies_is_allowed_everything() {
    let mut w = prod_world();
    put(
        &mut w,
        ROLE,
        "nothing",
        json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}),
    );
    // The default user and other accounts have no policy.
    ok::<op::DescribeClusters>(&mut w, &ctx(T0), json!({}));
    ok::<op::DescribeClusters>(&mut w, &ctx_of(OTHER, T0), json!({}));
    // The role and its sessions have; its name in any case is the same role.
    for principal in [ROLE, SESSION, "arn:aws:iam::123456789012:role/team/ETL"] {
        refused::<op::DescribeClusters>(
            &mut w,
            &as_principal(principal),
            json!({}),
            "UnauthorizedOperation",
        );
    }
    w.delete_identity_policy("arn:aws:iam::123456789012:role/ETL", "NOTHING")
        .unwrap();
    ok::<op::DescribeClusters>(&mut w, &as_principal(SESSION), json!({}));
    assert_eq!(w.identity_policies, Default::default());
}

#[test]
fn attaching_replaces_a_policy_of_the_same_name_and_detaching_needs_one() {
    let mut w = prod_world();
    put(
        &mut w,
        ROLE,
        "p",
        json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}),
    );
    put(&mut w, ROLE, "P", allow(json!({})));
    ok::<op::DescribeClusters>(&mut w, &as_principal(ROLE), json!({}));
    assert_eq!(
        w.delete_identity_policy(ROLE, "other"),
        Err(ControlError::NoSuchPolicy {
            principal: ROLE.into(),
            name: "other".into()
        })
    );
    let user = "arn:aws:iam::123456789012:user/alice";
    assert!(matches!(
        w.delete_identity_policy(user, "p"),
        Err(ControlError::NoSuchPolicy { .. })
    ));
    for (principal, name, document, expected) in [
        (SESSION, "p", "{}", "is an assumed-role session: attach policies to its role"),
        ("arn:aws:iam::123456789012:root", "p", "{}", "principal must be the ARN of an IAM user or role"),
        (ROLE, "", "{}", "policy name must be 1 to 128"),
        (ROLE, "a b", "{}", "policy name must be"),
        (ROLE, "p", "{", "policy p: the document is not JSON"),
        (ROLE, "p", "{\"Statement\": []", "not JSON"),
        (ROLE, "p", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Principal\": \"*\"}}", "policy p: Statement.Principal"),
    ] {
        let before = w.clone();
        let e = w.put_identity_policy(principal, name, document).unwrap_err();
        assert!(matches!(e, ControlError::InvalidPolicy(_)));
        assert!(e.to_string().contains(expected), "{e}");
        assert_eq!(w, before);
    }
    assert!(w.delete_identity_policy(SESSION, "p").is_err());
}

#[test]
fn conditions_read_the_resources_tags_the_requests_tags_and_its_region() {
    let mut w = world();
    snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"Tags": [{"Key": "Team", "Value": "bi"}]}),
    );
    snapshot(&mut w, "s2", T0);
    put(
        &mut w,
        USER,
        "tags",
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "redshift:DeleteClusterSnapshot", "Resource": "*",
             "Condition": {"StringEquals": {"aws:ResourceTag/team": "bi"}}},
            {"Effect": "Allow", "Action": "redshift:CreateClusterSnapshot", "Resource": "*",
             "Condition": {"StringEquals": {"aws:RequestTag/team": "bi", "aws:RequestedRegion": REGION},
                           "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "cost"]}}},
        ]}),
    );
    // The tags of s1, whether or not the request names its cluster.
    refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s2"}),
        "UnauthorizedOperation",
    );
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), json!({"SnapshotIdentifier": "S1"}));
    let create =
        |tags: Value| json!({"SnapshotIdentifier": "s3", "ClusterIdentifier": "c1", "Tags": tags});
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        create(json!([])),
        "UnauthorizedOperation",
    );
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        create(json!([{"Key": "team", "Value": "ops"}])),
        "UnauthorizedOperation",
    );
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        create(json!([{"Key": "Team", "Value": "bi"}, {"Key": "owner", "Value": "x"}])),
        "UnauthorizedOperation",
    );
    // aws:TagKeys holds the keys as given: StringEquals compares them as they are.
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        create(json!([{"Key": "Team", "Value": "bi"}, {"Key": "cost", "Value": "1"}])),
        "UnauthorizedOperation",
    );
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        create(json!([{"Key": "team", "Value": "bi"}, {"Key": "cost", "Value": "1"}])),
    );
    let elsewhere = Context {
        region: "eu-west-1",
        ..ctx(T0)
    };
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &elsewhere,
        create(json!([{"Key": "team", "Value": "bi"}])),
        "UnauthorizedOperation",
    );
}

#[test]
fn every_resource_of_a_call_must_be_allowed() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    snapshot(&mut w, "s2", T0);
    put(
        &mut w,
        USER,
        "p",
        json!({"Statement": [
            {"Effect": "Allow", "Action": "redshift:*", "Resource": "arn:aws:redshift:us-east-1:123456789012:snapshot:*/s1"},
            {"Effect": "Allow", "Action": "redshift:RestoreFromClusterSnapshot", "Resource": "arn:aws:redshift:us-east-1:123456789012:cluster:new"},
        ]}),
    );
    let e = refused::<op::BatchDeleteClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"Identifiers": [{"SnapshotIdentifier": "s1"}, {"SnapshotIdentifier": "s2"}]}),
        "UnauthorizedOperation",
    );
    let RedshiftError::Unauthorized(denial) = e else {
        panic!()
    };
    assert!(
        denial.resource.ends_with("snapshot:*/s2"),
        "{}",
        denial.resource
    );
    refused::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "other", "SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    ok::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "new", "SnapshotIdentifier": "s1"}),
    );
}

#[test]
fn authorization_comes_before_an_injected_error_and_the_log_says_why() {
    let mut w = prod_world();
    put(&mut w, USER, "p", prod_only());
    w.inject_error("DescribeClusters", "ThrottlingException", None, 1)
        .unwrap();
    let other_account = ctx_of(OTHER, T0);
    w.controls.calls.clear();
    refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    let e = call::<op::DescribeClusters>(&mut w, &other_account, json!({})).unwrap_err();
    assert_eq!(e.code(), "ThrottlingException");
    let calls = &w.controls.calls;
    let denied = calls.get(0).unwrap();
    assert_eq!(denied.error_code, Some("UnauthorizedOperation"));
    let denial = denied.denial.unwrap();
    assert_eq!(
        (denial.action.as_str(), denial.resource.as_str()),
        (
            "redshift:DeleteClusterSnapshot",
            "arn:aws:redshift:us-east-1:123456789012:snapshot:*/s1"
        )
    );
    assert_eq!(calls.get(1).unwrap().denial, None);
    // A denied call does not use up a fault.
    w.inject_error("DeleteClusterSnapshot", "ThrottlingException", None, 1)
        .unwrap();
    refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    let e = call::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1", "SnapshotClusterIdentifier": "prod"}),
    )
    .unwrap_err();
    assert_eq!(e.code(), "ThrottlingException");
    assert_eq!(w.controls.calls.get(3).unwrap().denial, None);
}

#[test]
fn policies_are_saved_loaded_checked_and_reset() {
    let mut w = prod_world();
    put(&mut w, ROLE, "Guard", prod_only());
    let saved = w.save_json(ACCOUNT).unwrap();
    let (mut loaded, _) = World::load_json(&saved).unwrap();
    assert_eq!(loaded.identity_policies, w.identity_policies);
    refused::<op::DeleteClusterSnapshot>(
        &mut loaded,
        &as_principal(SESSION),
        json!({"SnapshotIdentifier": "s1"}),
        "UnauthorizedOperation",
    );
    for (from, to, expected) in [
        ("\"NotResource\"", "\"Principal\"", "identity_policies: arn:aws:iam::123456789012:role/etl policy Guard: Statement[1].Principal"),
        ("\"Guard\"", "\"Gu ard\"", "policy name must be"),
        ("\"guard\"", "\"other\"", "is kept under \"other\""),
        ("role/etl", "role/ETL", "is not the key of an IAM user or role"),
        ("role/etl", "group/etl", "is not the key of an IAM user or role"),
    ] {
        assert!(saved.contains(from), "{from}");
        let e = World::load_json(&saved.replace(from, to)).unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
    }
    loaded.reset();
    assert_eq!(loaded.identity_policies, Default::default());
}
