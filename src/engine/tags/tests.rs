//! The tag store, the tag limits and filters, and CreateTags, DeleteTags and
//! DescribeTags for every kind of resource.

use serde_json::{json, Value};

use super::{check_tags, Pair, TagFilter, TagStore};
use crate::engine::listing::encode_marker;
use crate::engine::name::Name;
use crate::engine::resources::ResourceKind::{self, Cluster, Snapshot};
use crate::engine::testkit::{
    ctx, ctx_of, delete_cluster, every_page, ok, refused, snapshot, tags_of, world, OTHER, T0,
};
use crate::engine::{Settings, World};
use crate::errors::RedshiftError;
use crate::model::operations as op;
use crate::model::{Tag, TaggedResourceListMessage};

const CLUSTER: &str = "arn:aws:redshift:us-east-1:123456789012:cluster:c1";
const SNAPSHOT: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";

fn pairs(list: &[(&str, &str)]) -> Vec<Pair> {
    list.iter()
        .map(|(k, v)| (Name::from(*k), Name::from(*v)))
        .collect()
}

fn tag(w: &mut World, arn: &str, tags: Value) {
    ok::<op::CreateTags>(w, &ctx(T0), json!({"ResourceName": arn, "Tags": tags}));
}

fn describe(w: &mut World, params: Value) -> TaggedResourceListMessage {
    ok::<op::DescribeTags>(w, &ctx(T0), params)
}

/// `(resource type, key, value)` of every item of a DescribeTags answer.
fn items(out: &TaggedResourceListMessage) -> Vec<(Name, Name, Name)> {
    out.tagged_resources
        .iter()
        .flatten()
        .map(|t| {
            let tag = t.tag.clone().unwrap_or_default();
            (
                t.resource_type.clone().unwrap_or_default(),
                tag.key.unwrap_or_default(),
                tag.value.unwrap_or_default(),
            )
        })
        .collect()
}

/// A world with cluster `c1` and snapshot `s1`, two tags each.
fn tagged_world() -> World {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    tag(
        &mut w,
        CLUSTER,
        json!([{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ann"}]),
    );
    tag(
        &mut w,
        SNAPSHOT,
        json!([{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "ann"}]),
    );
    w
}

#[test]
fn a_tag_store_keeps_each_key_once_in_the_order_first_set() {
    let mut store = TagStore::default();
    let c1 = Name::from("c1");
    store.set(Cluster, &c1, pairs(&[("b", "1"), ("a", "2"), ("b", "3")]));
    assert_eq!(store.of(Cluster, "c1"), pairs(&[("b", "3"), ("a", "2")]));
    assert_eq!(
        store.render(Cluster, "c1")[0],
        Tag {
            key: Some("b".into()),
            value: Some("3".into())
        }
    );
    // The same key of another kind is another resource.
    assert!(store.of(Snapshot, "c1").is_empty());
    assert!(store.render(Snapshot, "c1").is_empty());
}

#[test]
fn a_tag_store_forgets_and_renames() {
    let mut store = TagStore::default();
    let (c1, s1, s2) = (Name::from("c1"), Name::from("s1"), Name::from("s2"));
    store.set(Cluster, &c1, pairs(&[("k", "v")]));
    store.set(Snapshot, &s1, pairs(&[("x", "1"), ("y", "2")]));
    store.rename(Snapshot, "s1", &s2);
    assert!(store.of(Snapshot, "s1").is_empty());
    assert_eq!(store.of(Snapshot, "s2"), pairs(&[("x", "1"), ("y", "2")]));
    // Renaming what has no tags does nothing.
    let before = store.clone();
    store.rename(Snapshot, "nope", &s1);
    assert_eq!(store, before);
    let entries: Vec<_> = store
        .entries()
        .map(|(k, n, t)| (k, n.clone(), t.len()))
        .collect();
    assert_eq!(
        entries,
        [(Cluster, c1.clone(), 1), (Snapshot, s2.clone(), 2)]
    );
    // Setting no tags forgets the resource; forgetting the last resource of
    // a kind leaves no trace of it.
    store.set(Snapshot, &s2, Vec::new());
    store.forget(Cluster, "c1");
    store.forget(Cluster, "c1");
    assert_eq!(store, TagStore::default());
}

#[test]
fn a_tag_store_is_walked_by_kind_resource_and_tag_key() {
    let mut store = TagStore::default();
    store.set(
        Snapshot,
        &Name::from("s1"),
        pairs(&[("z", "1"), ("a", "2")]),
    );
    store.set(Cluster, &Name::from("c2"), pairs(&[("m", "3")]));
    store.set(Cluster, &Name::from("c1"), pairs(&[("k", "4"), ("b", "5")]));
    let walk = |after: Option<(ResourceKind, Name, Name)>| -> Vec<String> {
        store
            .after(after.as_ref())
            .map(|(kind, key, (k, _))| format!("{kind:?}/{key}/{k}"))
            .collect()
    };
    assert_eq!(
        walk(None),
        [
            "Cluster/c1/b",
            "Cluster/c1/k",
            "Cluster/c2/m",
            "Snapshot/s1/a",
            "Snapshot/s1/z"
        ]
    );
    assert_eq!(
        walk(Some((Cluster, Name::from("c1"), Name::from("b")))),
        [
            "Cluster/c1/k",
            "Cluster/c2/m",
            "Snapshot/s1/a",
            "Snapshot/s1/z"
        ]
    );
    // A position whose resource or tag is gone resumes at what follows it.
    assert_eq!(
        walk(Some((Cluster, Name::from("c1x"), Name::from("a")))),
        ["Cluster/c2/m", "Snapshot/s1/a", "Snapshot/s1/z"]
    );
    assert_eq!(
        walk(Some((Snapshot, Name::from("s1"), Name::from("m")))),
        ["Snapshot/s1/z"]
    );
    assert!(walk(Some((Snapshot, Name::from("s1"), Name::from("z")))).is_empty());
}

#[test]
fn tag_limits_are_awss() {
    let many = |n: usize| -> Vec<Pair> {
        (0..n)
            .map(|i| (Name::from(format!("k{i}")), Name::from("v")))
            .collect()
    };
    assert!(check_tags(&many(50)).is_ok());
    assert_eq!(check_tags(&many(51)), Err(RedshiftError::TagLimitExceeded));
    for key in ["", "aws:x", "AWS:x", &"k".repeat(129)] {
        assert_eq!(
            check_tags(&pairs(&[(key, "v")])),
            Err(RedshiftError::InvalidTagKey(key.to_owned()))
        );
    }
    // Lengths are in characters, not bytes.
    assert!(check_tags(&pairs(&[(&"é".repeat(128), &"é".repeat(256))])).is_ok());
    assert_eq!(
        check_tags(&pairs(&[("k", &"v".repeat(257))])),
        Err(RedshiftError::TagValueTooLong("k".to_owned()))
    );
}

#[test]
fn tag_filters_match_a_tag_with_both_a_key_and_a_value_listed() {
    let tags = pairs(&[("env", "prod"), ("owner", "ann")]);
    let keys = [Name::from("env")];
    let values = [Name::from("ann")];
    assert!(TagFilter::default().matches(&[]));
    assert!(!TagFilter::default().is_active());
    assert!(TagFilter::new(Some(&keys), None).matches(&tags));
    assert!(TagFilter::new(None, Some(&values)).matches(&tags));
    // env=prod and owner=ann: no one tag is both.
    assert!(!TagFilter::new(Some(&keys), Some(&values)).matches(&tags));
    assert!(!TagFilter::new(Some(&keys), None).matches(&[]));
}

#[test]
fn tags_land_on_the_resource_and_replace_values_by_key() {
    let mut w = tagged_world();
    tag(&mut w, CLUSTER, json!([{"Key": "env", "Value": "dev"}]));
    assert_eq!(
        tags_of(&w, Cluster, "c1"),
        pairs(&[("env", "dev"), ("owner", "ann")])
    );
    assert_eq!(tags_of(&w, Snapshot, "s1")[1].0, "team");
    ok::<op::DeleteTags>(
        &mut w,
        &ctx(T0),
        json!({"ResourceName": SNAPSHOT, "TagKeys": ["env", "absent"]}),
    );
    assert_eq!(tags_of(&w, Snapshot, "s1"), pairs(&[("team", "ann")]));
    // Describes show them too.
    let c1 = crate::engine::testkit::described_cluster(&mut w, &ctx(T0), "c1").unwrap();
    assert_eq!(c1.tags.map(|t| t.len()), Some(2));
}

#[test]
fn tags_need_a_resource_of_the_caller() {
    let mut w = tagged_world();
    let missing = [
        "arn:aws:redshift:us-east-1:123456789012:cluster:nope",
        "arn:aws:redshift:us-east-1:123456789012:snapshot:c2/s1",
        "arn:aws:redshift:us-east-1:123456789012:snapshot:s1",
        "arn:aws:redshift:eu-west-1:123456789012:cluster:c1",
        "arn:aws:redshift:us-east-1:210987654321:cluster:c1",
        "arn:aws:redshift:us-east-1:123456789012:parametergroup:p1",
        "not an arn",
    ];
    for arn in missing {
        let err = refused::<op::CreateTags>(
            &mut w,
            &ctx(T0),
            json!({"ResourceName": arn, "Tags": [{"Key": "a", "Value": "b"}]}),
            "ResourceNotFoundFault",
        );
        assert_eq!(err, RedshiftError::TaggedResourceNotFound(arn.into()));
        refused::<op::DeleteTags>(
            &mut w,
            &ctx(T0),
            json!({"ResourceName": arn, "TagKeys": ["a"]}),
            "ResourceNotFoundFault",
        );
    }
    refused::<op::DescribeTags>(
        &mut w,
        &ctx_of(OTHER, T0),
        json!({ "ResourceName": CLUSTER }),
        "ResourceNotFoundFault",
    );
    // Identifiers are case-insensitive in an ARN as elsewhere.
    tag(
        &mut w,
        "arn:aws:redshift:us-east-1:123456789012:snapshot:C1/S1",
        json!([{"Key": "x"}]),
    );
    assert!(tags_of(&w, Snapshot, "s1").contains(&(Name::from("x"), Name::from(""))));
}

#[test]
fn tag_limits_hold_for_the_tags_a_resource_ends_with() {
    let mut w = tagged_world();
    let many = |n: usize| -> Value {
        (0..n)
            .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
            .collect()
    };
    let err = refused::<op::CreateTags>(
        &mut w,
        &ctx(T0),
        json!({"ResourceName": CLUSTER, "Tags": many(49)}),
        "TagLimitExceededFault",
    );
    assert_eq!(err, RedshiftError::TagLimitExceeded);
    tag(&mut w, CLUSTER, many(48));
    assert_eq!(tags_of(&w, Cluster, "c1").len(), 50);
    for bad in [
        json!([{"Key": "aws:x", "Value": "v"}]),
        json!([{"Key": "k", "Value": "v".repeat(257)}]),
    ] {
        refused::<op::CreateTags>(
            &mut w,
            &ctx(T0),
            json!({"ResourceName": SNAPSHOT, "Tags": bad}),
            "InvalidTagFault",
        );
    }
}

#[test]
fn tags_of_a_deleting_cluster_are_frozen() {
    let mut w = World::new(Settings {
        cluster_deletion_seconds: 60.0,
        ..Settings::default()
    });
    crate::engine::testkit::cluster(&mut w, &ctx(T0), "c1", json!({}));
    delete_cluster(&mut w, T0, "c1");
    refused::<op::CreateTags>(
        &mut w,
        &ctx(T0),
        json!({"ResourceName": CLUSTER, "Tags": [{"Key": "a", "Value": "b"}]}),
        "InvalidClusterState",
    );
    // Once gone, its tags are gone with it.
    w.tick(T0.plus_seconds(60.0));
    assert!(tags_of(&w, Cluster, "c1").is_empty());
}

#[test]
fn describe_filters_by_resource_type_and_tags() {
    let mut w = tagged_world();
    let all = describe(&mut w, json!({}));
    let resources = all.tagged_resources.clone().unwrap();
    assert_eq!(resources.len(), 4);
    assert_eq!(resources[0].resource_name.as_deref(), Some(CLUSTER));
    assert_eq!(resources[2].resource_name.as_deref(), Some(SNAPSHOT));
    assert!(all.marker.is_none());
    for t in ["Snapshot", "snapshot", "SNAPSHOT"] {
        let only = items(&describe(&mut w, json!({ "ResourceType": t })));
        assert_eq!(only.len(), 2);
        assert!(only.iter().all(|p| p.0 == "snapshot"));
    }
    let none = describe(&mut w, json!({"ResourceType": "Parameter group"}));
    assert_eq!(none.tagged_resources, Some(Vec::new()));
    let named = describe(&mut w, json!({ "ResourceName": SNAPSHOT }));
    assert_eq!(
        items(&named),
        vec![
            ("snapshot".into(), "env".into(), "test".into()),
            ("snapshot".into(), "team".into(), "ann".into()),
        ]
    );
    assert_eq!(
        items(&describe(&mut w, json!({"TagKeys": ["env"]}))).len(),
        2
    );
    assert_eq!(
        items(&describe(&mut w, json!({"TagValues": ["ann"]}))).len(),
        2
    );
    // Any combination of the keys and the values.
    let both = describe(
        &mut w,
        json!({"TagKeys": ["env", "owner"], "TagValues": ["prod", "ann"]}),
    );
    assert_eq!(
        items(&both),
        vec![
            ("cluster".into(), "env".into(), "prod".into()),
            ("cluster".into(), "owner".into(), "ann".into()),
        ]
    );
}

#[test]
fn describe_refuses_what_the_doc_rules_out() {
    let mut w = tagged_world();
    let cases = [
        (
            json!({"ResourceName": CLUSTER, "ResourceType": "cluster"}),
            RedshiftError::TagsNameAndType,
        ),
        (
            json!({"ResourceName": CLUSTER, "MaxRecords": 20}),
            RedshiftError::TagsNameAndPaging,
        ),
        (
            json!({"ResourceName": CLUSTER, "Marker": "00"}),
            RedshiftError::TagsNameAndPaging,
        ),
        (
            json!({"MaxRecords": 9}),
            RedshiftError::MaxRecordsOutOfRange { min: 10, max: 50 },
        ),
        (
            json!({"MaxRecords": 51}),
            RedshiftError::MaxRecordsOutOfRange { min: 10, max: 50 },
        ),
        (
            json!({"ResourceType": "volume"}),
            RedshiftError::InvalidResourceType("volume".into()),
        ),
        (
            json!({"Marker": "zz"}),
            RedshiftError::InvalidMarker("zz".into()),
        ),
        (
            json!({"Marker": encode_marker(&json!(5))}),
            RedshiftError::InvalidMarker(encode_marker(&json!(5))),
        ),
    ];
    for (params, expected) in cases {
        let code = expected.code().to_owned();
        assert_eq!(
            refused::<op::DescribeTags>(&mut w, &ctx(T0), params, &code),
            expected
        );
    }
}

/// Every page of DescribeTags, 10 items a page, as `type/key`, with what
/// `between` does to the world between pages.
fn pages(w: &mut World, between: impl FnMut(&mut World, usize)) -> Vec<String> {
    let params = json!({"MaxRecords": 10});
    every_page::<op::DescribeTags>(w, T0, params, between, |out| {
        let page = items(&out);
        assert!(page.len() <= 10);
        let tags = page
            .into_iter()
            .map(|(kind, key, _)| format!("{kind}/{key}"));
        (tags.collect(), out.marker.map(String::from))
    })
}

#[test]
fn describe_pages_with_markers() {
    let mut w = tagged_world();
    let many: Vec<Value> = (0..45)
        .map(|i| json!({"Key": format!("k{i:02}"), "Value": "v"}))
        .collect();
    tag(&mut w, CLUSTER, json!(many));
    let seen = pages(&mut w, |_, _| {});
    assert_eq!(seen.len(), 49);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 49);
    tag(
        &mut w,
        SNAPSHOT,
        json!([{"Key": "x", "Value": "1"}, {"Key": "y", "Value": "2"}]),
    );
    let first = describe(&mut w, json!({}));
    assert_eq!(first.tagged_resources.map(|t| t.len()), Some(50));
    assert!(first.marker.is_some());
}

#[test]
fn describe_pages_hold_while_tags_come_and_go() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let keys: Vec<Value> = (0..30)
        .map(|i| json!({"Key": format!("a{i:02}"), "Value": "v"}))
        .collect();
    tag(&mut w, CLUSTER, json!(keys));
    tag(&mut w, SNAPSHOT, json!([{"Key": "z", "Value": "v"}]));
    let seen = pages(&mut w, |w, page| match page {
        // The first page ended at a09.
        0 => {
            ok::<op::DeleteTags>(
                w,
                &ctx(T0),
                json!({"ResourceName": CLUSTER, "TagKeys": ["a05", "a15"]}),
            );
            tag(
                w,
                CLUSTER,
                json!([{"Key": "a01z", "Value": "v"}, {"Key": "a09z", "Value": "v"}]),
            );
        }
        // The second ended at a19, and then the cluster loses every tag.
        1 => {
            let all: Vec<String> = tags_of(w, Cluster, "c1")
                .into_iter()
                .map(|t| t.0.into())
                .collect();
            ok::<op::DeleteTags>(
                w,
                &ctx(T0),
                json!({"ResourceName": CLUSTER, "TagKeys": all}),
            );
        }
        _ => {}
    });
    let cluster_keys = (0..10)
        .map(|i| format!("a{i:02}"))
        .chain(["a09z".to_owned()])
        .chain((10..20).filter(|i| *i != 15).map(|i| format!("a{i:02}")));
    let expected: Vec<String> = cluster_keys
        .map(|k| format!("cluster/{k}"))
        .chain(["snapshot/z".to_owned()])
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn tags_follow_aws_pattern() {
    let tag = |k: &str, v: &str| (Name::from(k), Name::from(v));
    let ok = ["k", "Kéy 1_.:/=+-@", "日本\u{2028}٣"];
    for text in ok {
        assert_eq!(check_tags(&[tag(text, text)]), Ok(()), "{text:?}");
    }
    assert_eq!(
        check_tags(&[tag(&"é".repeat(128), &"é".repeat(256))]),
        Ok(())
    );
    for (key, value, member, character) in [
        ("k", "a\u{1}b", "value", '\u{1}'),
        ("k\tx", "v", "key", '\t'),
        ("k", "\u{fffe}", "value", '\u{fffe}'),
        ("k#", "v", "key", '#'),
    ] {
        let e = check_tags(&[tag(key, value)]).unwrap_err();
        assert_eq!(e, RedshiftError::InvalidTagCharacter { member, character });
        assert_eq!(e.code(), "InvalidTagFault");
    }
}
