//! The world saved as JSON and loaded back: losslessly, and only when every
//! member is one the API could have made.

use std::sync::Arc;

use serde_json::{json, Value};

use super::super::Controls;
use crate::engine::clusters::ClusterRecord;
use crate::engine::testkit::{
    at, cluster, ctx, ctx_of, delete_cluster, described, described_one, ids, ok, record,
    snapshot_with, world, world_with, ACCOUNT, AUTOMATED, DAY, OTHER, REGION, T0, THIRD,
};
use crate::engine::{Context, Settings, World};
use crate::errors::ControlError;
use crate::model::operations as op;
use crate::model::Timestamp;

/// A world with a bit of everything: clusters with tags, manual snapshots
/// shared with other accounts, a forced status, a seeded snapshot in
/// another region, transitions still to come, a fixed clock.
fn rich_world() -> World {
    let mut w = world_with(Settings {
        manual_snapshot_quota: 7,
        snapshot_creation_seconds: 0.1 + 0.2,
        cluster_deletion_seconds: 60.0,
        ..Settings::default()
    });
    w.clock.fixed = Some(T0);
    cluster(
        &mut w,
        &ctx(T0),
        "c2",
        json!({"NodeType": "ra3.xlplus", "NumberOfNodes": 3, "ClusterType": "multi-node",
               "Tags": [{"Key": "k", "Value": "v"}]}),
    );
    snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 10, "Tags": [{"Key": "t", "Value": "1"}]}),
    );
    for account in [OTHER, THIRD] {
        ok::<op::AuthorizeSnapshotAccess>(
            &mut w,
            &ctx(at(1.0)),
            json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": account}),
        );
    }
    snapshot_with(&mut w, "s2", at(1.0), json!({}));
    w.set_snapshot_status(REGION, ACCOUNT, "s2", Some("failed"))
        .unwrap();
    delete_cluster(&mut w, at(1.0), "c2");
    let elsewhere = Context {
        region: "eu-west-1",
        ..ctx_of(OTHER, T0)
    };
    w.seed_snapshot(
        &elsewhere,
        json!({"SnapshotIdentifier": "odd", "ClusterIdentifier": "gone",
               "TotalBackupSizeInMegaBytes": 0.1 + 0.7, "SnapshotCreateTime": 1}),
        None,
    )
    .unwrap();
    w
}

#[test]
fn a_saved_world_loads_back_equal() {
    let w = rich_world();
    assert!(
        w.timeline.pending().count() > 0,
        "transitions still to come"
    );
    let text = w.save_json(OTHER).unwrap();
    let (loaded, account) = World::load_json(&text).unwrap();
    assert_eq!(account, OTHER);
    // Everything but the test run's controls, indexes included.
    assert_eq!(
        loaded,
        World {
            controls: Controls::default(),
            ..w.clone()
        }
    );
    assert_eq!(loaded.save_json(OTHER).unwrap(), text);
    let grantee = loaded.place(&ctx_of(THIRD, T0)).unwrap();
    assert_eq!(grantee.shared_with_me.len(), 1);
}

#[test]
fn a_loaded_world_shares_each_clusters_facts_again() {
    let w = rich_world();
    let (loaded, _) = World::load_json(&w.save_json(ACCOUNT).unwrap()).unwrap();
    let c1 = loaded.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    for id in [AUTOMATED, "s1", "s2"] {
        assert!(
            Arc::ptr_eq(&record(&loaded, id).unwrap().facts, &c1.facts),
            "{id}"
        );
    }
}

#[test]
fn a_loaded_world_runs_on() {
    let w = rich_world();
    let (mut loaded, _) = World::load_json(&w.save_json(ACCOUNT).unwrap()).unwrap();
    // c2 finishes being deleted; s1's grants still hold; retention still runs.
    let later = at(120.0);
    let clusters = ok::<op::DescribeClusters>(&mut loaded, &ctx(later), json!({}));
    assert_eq!(clusters.clusters.map(|c| c.len()), Some(1));
    let theirs = described(&mut loaded, &ctx_of(OTHER, later), json!({})).unwrap();
    assert_eq!(ids(&theirs), ["s1"]);
    // The grantee's index was made anew: a revoke reaches it.
    ok::<op::RevokeSnapshotAccess>(
        &mut loaded,
        &ctx(later),
        json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": THIRD}),
    );
    let theirs = described(&mut loaded, &ctx_of(THIRD, later), json!({})).unwrap();
    assert!(theirs.is_empty());
    assert!(described_one(&mut loaded, at(10.0 * DAY), "s1").is_err());
}

#[test]
fn a_loaded_world_applies_retention_that_came_due() {
    let mut w = World::default();
    w.seed_snapshot(
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 1}),
        None,
    )
    .unwrap();
    let (mut loaded, _) = World::load_json(&w.save_json(ACCOUNT).unwrap()).unwrap();
    assert!(described_one(&mut loaded, at(DAY + 1e-6), "s1").is_err());
}

#[test]
fn what_is_not_a_saved_world_is_refused() {
    for text in [
        "not json",
        "{}",
        r#"{"format": "something else", "version": 2, "account_id": "123456789012", "world": {}}"#,
        r#"{"format": "redshift-fake world", "version": 1, "account_id": "123456789012", "world": {}}"#,
        r#"{"format": "redshift-fake world", "version": 2, "account_id": "me", "world": {}}"#,
        r#"{"format": "redshift-fake world", "version": 2, "account_id": "123456789012", "world": {"regions": 3}}"#,
    ] {
        assert!(
            matches!(World::load_json(text), Err(ControlError::InvalidSave(_))),
            "{text}"
        );
    }
    let (w, _) = World::load_json(
        r#"{"format": "redshift-fake world", "version": 2, "account_id": "123456789012", "world": {}}"#,
    )
    .unwrap();
    assert_eq!(w, World::default());
}

/// The saved `rich_world`, as JSON to spoil.
fn saved() -> Value {
    serde_json::from_str(&rich_world().save_json(ACCOUNT).unwrap()).unwrap()
}

/// The saved record of `key` in a store of the default caller's holdings.
fn saved_record<'v>(v: &'v mut Value, store: &str, key: &str) -> &'v mut Value {
    v["world"]["regions"][REGION][ACCOUNT][store]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r.get("id").unwrap_or(&r["facts"]["cluster_identifier"]) == key)
        .unwrap()
}

/// Loads `v`, which must be refused with a message that has `says` in it.
fn refused_load(v: &Value, says: &str) {
    match World::load_json(&v.to_string()) {
        Err(ControlError::InvalidSave(message)) => {
            assert!(message.contains(says), "{message:?} does not say {says:?}")
        }
        other => panic!("loaded, or refused otherwise: {other:?} (expected {says:?})"),
    }
}

#[test]
fn negative_durations_are_refused() {
    for member in [
        "snapshot_creation_seconds",
        "cluster_creation_seconds",
        "cluster_deletion_seconds",
    ] {
        let mut v = saved();
        v["world"]["settings"][member] = json!(-1.0);
        refused_load(
            &v,
            &format!("settings: {member} must be a finite number >= 0, got -1"),
        );
    }
    let mut v = saved();
    v["world"]["settings"]["snapshot_creation_secs"] = json!(1.0);
    refused_load(&v, "unknown field");
}

#[test]
fn accounts_must_be_twelve_digits() {
    let mut v = saved();
    v["account_id"] = json!("12345");
    refused_load(&v, "account_id \"12345\" is not a 12-digit account id");
    let mut v = saved();
    let region = v["world"]["regions"][REGION].as_object_mut().unwrap();
    let place = region.remove(ACCOUNT).unwrap();
    region.insert("1234".to_owned(), place);
    refused_load(
        &v,
        "regions.us-east-1.1234: \"1234\" is not a 12-digit account id",
    );
    let mut v = saved();
    saved_record(&mut v, "snapshots", "s1")["grantees"] = json!([OTHER, "nobody"]);
    refused_load(
        &v,
        "regions.us-east-1.123456789012.snapshots.s1: grantees need distinct",
    );
    let mut v = saved();
    saved_record(&mut v, "snapshots", "s1")["grantees"] = json!([OTHER, OTHER]);
    refused_load(&v, "grantees need distinct 12-digit account ids");
}

#[test]
fn identifiers_aws_would_refuse_are_refused() {
    let at_c1 = "regions.us-east-1.123456789012.clusters";
    let cases: [(&str, &str, &str, Value, String); 6] = [
        (
            "clusters",
            "c1",
            "/facts/cluster_identifier",
            json!("c--1"),
            format!("{at_c1}.c--1: The parameter ClusterIdentifier is not a valid identifier"),
        ),
        (
            "clusters",
            "c1",
            "/facts/cluster_identifier",
            json!("C1"),
            format!("{at_c1}.C1: ClusterIdentifier must be lowercase"),
        ),
        (
            "snapshots",
            "s1",
            "/id",
            json!("s1-"),
            "snapshots.s1-: The parameter SnapshotIdentifier is not a valid identifier".to_owned(),
        ),
        (
            "snapshots",
            "s1",
            "/id",
            json!("S1"),
            "snapshots.S1: SnapshotIdentifier must be lowercase".to_owned(),
        ),
        (
            "snapshots",
            AUTOMATED,
            "/id",
            json!("c1-2024"),
            "snapshots.c1-2024: an automated snapshot's identifier begins with rs:".to_owned(),
        ),
        (
            "snapshots",
            "s1",
            "/facts/cluster_identifier",
            json!("1c"),
            "snapshots.s1: The parameter ClusterIdentifier".to_owned(),
        ),
    ];
    for (store, key, member, value, says) in cases {
        let mut v = saved();
        *saved_record(&mut v, store, key)
            .pointer_mut(member)
            .unwrap() = value;
        refused_load(&v, &says);
    }
    let mut v = saved();
    let regions = v["world"]["regions"].as_object_mut().unwrap();
    let place = regions.remove("eu-west-1").unwrap();
    regions.insert("eu west 1".to_owned(), place);
    refused_load(&v, "region \"eu west 1\" is not a region name");
}

#[test]
fn members_out_of_their_range_are_refused() {
    let at_s1 = "regions.us-east-1.123456789012.snapshots.s1";
    let cases: [(&str, &str, &str, Value, &str); 8] = [
        (
            "clusters",
            "c1",
            "/facts/number_of_nodes",
            json!(0),
            "NumberOfNodes must be 1 to 128, got 0",
        ),
        (
            "clusters",
            "c1",
            "/facts/port",
            json!(80),
            "Port must be 1150 to 65535, got 80",
        ),
        (
            "clusters",
            "c1",
            "/facts/node_type",
            json!("huge"),
            "NodeType huge is not a node type",
        ),
        (
            "clusters",
            "c1",
            "/automated_retention_days",
            json!(36),
            "AutomatedSnapshotRetentionPeriod must be 0 to 35, got 36",
        ),
        (
            "clusters",
            "c1",
            "/manual_retention_days",
            json!(0),
            "Invalid manual snapshot retention period: 0",
        ),
        (
            "snapshots",
            "s1",
            "/retention/Manual/days",
            json!(-2),
            at_s1,
        ),
        (
            "snapshots",
            AUTOMATED,
            "/retention/Automated/days",
            json!(36),
            "an automated retention period must be 0 to 35, got 36",
        ),
        (
            "snapshots",
            "s1",
            "/size_mb",
            json!(-1.0),
            "size_mb must be a finite number >= 0, got -1",
        ),
    ];
    for (store, key, member, value, says) in cases {
        let mut v = saved();
        *saved_record(&mut v, store, key)
            .pointer_mut(member)
            .unwrap() = value;
        refused_load(&v, says);
    }
}

#[test]
fn times_python_cannot_hold_are_refused() {
    let too_late = json!(Timestamp::MAX.0 + 1);
    let too_early = json!(Timestamp::MIN.0 - 1);
    let mut v = saved();
    v["world"]["clock"]["fixed"] = too_late.clone();
    refused_load(
        &v,
        &format!(
            "clock.fixed is {} microseconds since 1970, outside the years 1 to 9999",
            Timestamp::MAX.0 + 1
        ),
    );
    let at_s1 = "regions.us-east-1.123456789012.snapshots.s1";
    for (store, key, member, says) in [
        (
            "snapshots",
            "s1",
            "/created_at",
            format!("{at_s1}.SnapshotCreateTime"),
        ),
        ("snapshots", "s1", "/ready_at", format!("{at_s1}.ready_at")),
        (
            "snapshots",
            "s1",
            "/retention/Manual/start",
            format!("{at_s1}.SnapshotRetentionStartTime"),
        ),
        (
            "snapshots",
            "s1",
            "/facts/cluster_create_time",
            format!("{at_s1}.ClusterCreateTime"),
        ),
        ("clusters", "c2", "/until", "clusters.c2.until".to_owned()),
    ] {
        for t in [&too_late, &too_early] {
            let mut v = saved();
            *saved_record(&mut v, store, key)
                .pointer_mut(member)
                .unwrap() = t.clone();
            refused_load(&v, &says);
        }
    }
    let mut v = saved();
    let due = v["world"]["timeline"]["due"].as_array_mut().unwrap();
    due[0][0] = too_early;
    refused_load(&v, "a timeline wake-up of");
}

#[test]
fn tags_must_be_valid_and_on_a_resource_that_exists() {
    let tags_at = "regions.us-east-1.123456789012.tags";
    let mut v = saved();
    v["world"]["regions"][REGION][ACCOUNT]["tags"]["Snapshot"]["ghost"] = json!([["k", "v"]]);
    refused_load(&v, &format!("{tags_at}: no snapshot ghost to carry them"));
    let mut v = saved();
    v["world"]["regions"][REGION][ACCOUNT]["tags"]["Cluster"]["c9"] = json!([["k", "v"]]);
    refused_load(&v, &format!("{tags_at}: no cluster c9 to carry them"));
    let mut v = saved();
    v["world"]["regions"][REGION][ACCOUNT]["tags"]["Snapshot"]["s1"] = json!([["aws:k", "v"]]);
    refused_load(&v, &format!("{tags_at}.s1: Tag key 'aws:k' is not valid"));
}

#[test]
fn a_key_saved_twice_is_refused() {
    let mut v = saved();
    let snapshots = v["world"]["regions"][REGION][ACCOUNT]["snapshots"]
        .as_array_mut()
        .unwrap();
    let first = snapshots[0].clone();
    snapshots.push(first);
    refused_load(&v, "two records have the same identifier");
}

#[test]
fn a_world_of_the_default_settings_saves_without_surprises() {
    let w = world();
    let saved: Value = serde_json::from_str(&w.save_json(ACCOUNT).unwrap()).unwrap();
    assert_eq!(saved["format"], "redshift-fake world");
    assert_eq!(saved["version"], 2);
    assert_eq!(
        saved["world"]["settings"],
        serde_json::to_value(Settings::default()).unwrap()
    );
    assert!(saved["world"].get("controls").is_none());
}

#[test]
fn a_record_whose_wake_up_is_missing_is_refused() {
    let mut w = world_with(Settings {
        snapshot_creation_seconds: 60.0,
        cluster_creation_seconds: 60.0,
        ..Settings::default()
    });
    let later = T0.plus_seconds(60.0);
    snapshot_with(&mut w, "s1", later, json!({}));
    cluster(&mut w, &ctx(later), "c2", json!({}));
    let mut v: Value = serde_json::from_str(&w.save_json(ACCOUNT).unwrap()).unwrap();
    assert!(World::load_json(&v.to_string()).is_ok());
    let due = v["world"]["timeline"]["due"].as_array_mut().unwrap();
    due.retain(|d| d[2]["key"] != "s1");
    refused_load(
        &v,
        "regions.us-east-1.123456789012.snapshots.s1: no wake-up ends its creating status",
    );
    let mut v: Value = serde_json::from_str(&w.save_json(ACCOUNT).unwrap()).unwrap();
    let due = v["world"]["timeline"]["due"].as_array_mut().unwrap();
    due.retain(|d| d[2]["key"] != "c2");
    refused_load(
        &v,
        "regions.us-east-1.123456789012.clusters.c2: no wake-up ends its creating status",
    );
}
