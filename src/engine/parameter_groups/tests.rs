//! Parameter groups: the table's values, the checks of a value, and what a
//! change, an association and a reboot do to a cluster's apply status.

use serde_json::json;

use super::*;
use crate::engine::testkit::{cluster, ctx, described_cluster, ok, refused, world, T0};
use crate::model::operations as op;

fn apply_status(w: &mut World, id: &str) -> String {
    let c = described_cluster(w, &ctx(T0), id).unwrap();
    let groups = c.cluster_parameter_groups.unwrap_or_default();
    groups[0]
        .parameter_apply_status
        .clone()
        .unwrap_or_default()
        .to_string()
}

fn with_group(name: &str) -> World {
    let mut w = world();
    ok::<op::CreateClusterParameterGroup>(
        &mut w,
        &ctx(T0),
        json!({"ParameterGroupName": name, "ParameterGroupFamily": FAMILY, "Description": "d"}),
    );
    w
}

#[test]
fn allowed_ranges_are_read_as_aws_writes_them() {
    assert!(in_range("-15-2", -15) && in_range("-15-2", 2) && !in_range("-15-2", 3));
    assert!(in_range("0", 0) && !in_range("0", 1));
    assert!(in_range("100-2147483647", 100) && !in_range("100-2147483647", 99));
    assert!(!in_range("garbage", 1));
}

#[test]
fn values_are_stored_as_aws_stores_them() {
    assert_eq!(
        parameter("require_ssl").unwrap().check("TRUE").unwrap(),
        "true"
    );
    assert_eq!(
        parameter("statement_timeout")
            .unwrap()
            .check(" 200 ")
            .unwrap(),
        "200"
    );
    assert!(parameter("statement_timeout").unwrap().check("99").is_err());
    assert!(parameter("wlm_json_configuration")
        .unwrap()
        .check("{}")
        .is_err());
    assert!(parameter("nope").is_err());
    assert_eq!(PARAMETERS.len(), 13);
    assert!(PARAMETERS.windows(2).all(|w| w[0].name < w[1].name));
    for p in PARAMETERS {
        assert_eq!(p.check(p.value).unwrap(), p.value, "{}", p.name);
    }
}

#[test]
fn a_reboot_applies_the_groups_changes() {
    let mut w = with_group("pg1");
    cluster(
        &mut w,
        &ctx(T0),
        "c2",
        json!({"ClusterParameterGroupName": "pg1"}),
    );
    ok::<op::ModifyClusterParameterGroup>(
        &mut w,
        &ctx(T0),
        json!({"ParameterGroupName": "pg1", "Parameters": [{"ParameterName": "require_ssl", "ParameterValue": "true"}]}),
    );
    assert_eq!(apply_status(&mut w, "c2"), "pending-reboot");
    assert_eq!(apply_status(&mut w, "c1"), "in-sync");
    w.parameter_groups_applied(&ctx(T0), "C2");
    assert_eq!(apply_status(&mut w, "c2"), "in-sync");
    // The end of a reboot applies them too.
    w.parameter_group_associated(&ctx(T0), "c2", &Name::from("pg1"));
    let c2 = Name::from("c2");
    w.begin_cluster_transition(
        &ctx(T0),
        &c2,
        crate::engine::clusters::ClusterStatus::Rebooting,
        60.0,
    );
    assert_eq!(apply_status(&mut w, "c2"), "pending-reboot");
    w.tick(crate::engine::testkit::at(60.0));
    assert_eq!(apply_status(&mut w, "c2"), "in-sync");
}

#[test]
fn an_association_waits_for_a_reboot_and_is_an_event() {
    let mut w = with_group("pg1");
    w.parameter_group_associated(&ctx(T0), "c1", &Name::from("pg1"));
    assert_eq!(apply_status(&mut w, "c1"), "pending-reboot");
    let events = ok::<op::DescribeEvents>(&mut w, &ctx(T0), json!({"SourceType": "cluster"}));
    let last = events.events.unwrap_or_default().pop().unwrap();
    assert_eq!(last.event_id.as_deref(), Some("REDSHIFT-EVENT-1001"));
    refused::<op::DeleteClusterParameterGroup>(
        &mut w,
        &ctx(T0),
        json!({"ParameterGroupName": "pg1"}),
        "InvalidClusterParameterGroupState",
    );
}

#[test]
fn a_loaded_group_must_be_one_the_api_could_make() {
    let w = with_group("pg1");
    let text = w.save_json("123456789012").unwrap();
    assert!(World::load_json(&text).is_ok());
    for (from, to) in [
        (r#""family":"redshift-1.0""#, r#""family":"redshift-2.0""#),
        (r#""values":{}"#, r#""values":{"require_ssl":"maybe"}"#),
        (
            r#""parameter_group":"default.redshift-1.0""#,
            r#""parameter_group":"gone""#,
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let err = World::load_json(&text.replacen(from, to, 1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("regions.us-east-1.123456789012"), "{err}");
    }
}
