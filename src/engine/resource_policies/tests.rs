use super::document::glob;
use super::*;

fn allows(policy: &str, account: &str, action: &str, source: Option<&str>) -> bool {
    PolicyDocument::parse(policy)
        .unwrap()
        .allows(account, action, source)
}

#[test]
fn statements_need_effect_principal_and_action() {
    for bad in [
        "",
        "[]",
        "{}",
        r#"{"Statement": []}"#,
        r#"{"Version": "2020-01-01", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*"}}"#,
        r#"{"Statement": {"Effect": "Maybe", "Principal": "*", "Action": "*"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Action": "*"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": "*"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "a", "NotAction": "b"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "bob"}, "Action": "*"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": {"Nobody": "x"}, "Action": "*"}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": []}}"#,
        r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Condition": []}}"#,
    ] {
        assert_eq!(
            PolicyDocument::parse(bad).unwrap_err().code(),
            "InvalidPolicyFault",
            "{bad}"
        );
    }
}

#[test]
fn an_allow_for_the_account_and_action_and_no_deny() {
    let policy = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::210987654321:root", "111122223333"]},
         "Action": "redshift:CreateInboundIntegration", "Resource": "*"},
        {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "redshift:*"}]}"#;
    assert!(allows(
        policy,
        "210987654321",
        "redshift:CreateInboundIntegration",
        None
    ));
    assert!(allows(
        policy,
        "210987654321",
        "REDSHIFT:createinboundintegration",
        None
    ));
    assert!(!allows(
        policy,
        "111122223333",
        "redshift:CreateInboundIntegration",
        None
    ));
    assert!(!allows(
        policy,
        "444455556666",
        "redshift:CreateInboundIntegration",
        None
    ));
    assert!(!allows(
        policy,
        "210987654321",
        "redshift:DeleteCluster",
        None
    ));
    let everyone = r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "NotAction": "redshift:Delete*"}}"#;
    assert!(allows(
        everyone,
        "444455556666",
        "redshift:CreateInboundIntegration",
        None
    ));
    assert!(!allows(
        everyone,
        "444455556666",
        "redshift:DeleteCluster",
        None
    ));
}

#[test]
fn source_arn_conditions_and_unknown_ones() {
    let policy = r#"{"Statement": {"Effect": "Allow", "Principal": "*",
        "Action": "redshift:AuthorizeInboundIntegration",
        "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:dynamodb:*:123456789012:table/orders*"}}}}"#;
    let action = "redshift:AuthorizeInboundIntegration";
    let orders = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    assert!(allows(policy, "123456789012", action, Some(orders)));
    assert!(!allows(
        policy,
        "123456789012",
        action,
        Some("arn:aws:dynamodb:us-east-1:123456789012:table/x")
    ));
    assert!(!allows(policy, "123456789012", action, None));
    let unknown = r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}"#;
    assert!(!allows(unknown, "123456789012", action, None));
}

#[test]
fn wildcards() {
    assert!(glob("redshift:*", "redshift:X", false));
    assert!(glob("*", "", false));
    assert!(glob("a*b?d", "aXXbcd", false));
    assert!(glob("a*a", "aaa", false));
    assert!(!glob("a*b", "aXc", false));
    assert!(!glob("a?", "a", false));
    assert!(glob("A*", "abc", true));
    assert!(!glob("A*", "abc", false));
}
