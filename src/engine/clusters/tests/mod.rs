//! CreateCluster, DescribeClusters and DeleteCluster; the other operations
//! in the submodules.

mod changes;
mod lifecycle;

use serde_json::{json, Value};

use super::{ClusterRecord, ClusterStatus};
use crate::engine::snapshots::{Retention, SnapshotKind};
use crate::engine::testkit::{
    at, cluster, cluster_page, cluster_status, ctx, ctx_of, described_cluster, every_page, listed,
    ok, record, refused, snapshot, world, world_with, AUTOMATED, OTHER, T0,
};
use crate::engine::{Context, Settings, World};
use crate::model::operations as op;

fn new_cluster(id: &str) -> Value {
    json!({"ClusterIdentifier": id, "NodeType": "dc2.large", "MasterUsername": "admin",
           "MasterUserPassword": "Secret123"})
}

fn with(mut params: Value, extra: Value) -> Value {
    crate::engine::testkit::merge(&mut params, extra);
    params
}

fn delete(id: &str, skip: Option<bool>, final_id: Option<&str>) -> Value {
    let mut params = json!({ "ClusterIdentifier": id });
    if let Some(skip) = skip {
        params["SkipFinalClusterSnapshot"] = json!(skip);
    }
    if let Some(final_id) = final_id {
        params["FinalClusterSnapshotIdentifier"] = json!(final_id);
    }
    params
}

/// Every snapshot the default caller lists, with its type.
fn snapshot_kinds(w: &mut World, now: crate::model::Timestamp) -> Vec<(String, SnapshotKind)> {
    listed(w, now, json!({}))
        .into_iter()
        .map(|id| {
            let kind = record(w, &id).map(|s| s.kind()).expect("listed, so stored");
            (id, kind)
        })
        .collect()
}

#[test]
fn create_answers_creating_and_stores_lowercase() {
    let mut w = World::default();
    let made = ok::<op::CreateCluster>(&mut w, &ctx(T0), new_cluster("My-Cluster"))
        .cluster
        .unwrap();
    assert_eq!(made.cluster_status.as_deref(), Some("creating"));
    assert_eq!(made.cluster_identifier.as_deref(), Some("my-cluster"));
    assert!(made.endpoint.is_none());
    assert!(w.own::<ClusterRecord>(&ctx(T0), "my-cluster").is_ok());
    let seen = described_cluster(&mut w, &ctx(T0), "MY-CLUSTER").unwrap();
    assert_eq!(seen.cluster_status.as_deref(), Some("available"));
    assert_eq!(seen.db_name.as_deref(), Some("dev"));
    assert_eq!(seen.endpoint.and_then(|e| e.port), Some(5439));
}

#[test]
fn invalid_identifiers_name_the_parameter() {
    let mut w = World::default();
    for bad in ["", "1c", "c--1", "c-", "c_1", &"c".repeat(64)] {
        let err = refused::<op::CreateCluster>(
            &mut w,
            &ctx(T0),
            new_cluster(bad),
            "InvalidParameterValue",
        );
        assert!(err
            .to_string()
            .starts_with("The parameter ClusterIdentifier is not a valid identifier."));
    }
}

#[test]
fn identifier_taken_in_any_case() {
    let mut w = World::default();
    ok::<op::CreateCluster>(&mut w, &ctx(T0), new_cluster("c1"));
    let err =
        refused::<op::CreateCluster>(&mut w, &ctx(T0), new_cluster("C1"), "ClusterAlreadyExists");
    assert_eq!(err.to_string(), "Cluster already exists");
    // Another account or region has its own namespace.
    call_ok(&mut w, &ctx_of(OTHER, T0));
    call_ok(
        &mut w,
        &Context {
            region: "eu-west-1",
            ..ctx(T0)
        },
    );
}

fn call_ok(w: &mut World, ctx: &Context) {
    ok::<op::CreateCluster>(w, ctx, new_cluster("c1"));
}

#[test]
fn creation_takes_an_automated_snapshot_named_by_its_time() {
    let mut w = World::default();
    call_ok(&mut w, &ctx(T0));
    assert_eq!(
        snapshot_kinds(&mut w, T0),
        vec![(AUTOMATED.to_owned(), SnapshotKind::Automated)]
    );
    let taken = record(&w, AUTOMATED).unwrap();
    assert_eq!(taken.created_at, T0);
    assert_eq!(taken.retention, Retention::Automated { days: 1 });
    let seen = crate::engine::testkit::described_one(&mut w, T0, AUTOMATED).unwrap();
    assert_eq!(seen.snapshot_type.as_deref(), Some("automated"));
    assert_eq!(seen.manual_snapshot_retention_period, None);
}

#[test]
fn no_automated_snapshot_with_zero_retention() {
    let mut w = World::default();
    let input = with(
        new_cluster("c1"),
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    ok::<op::CreateCluster>(&mut w, &ctx(T0), input);
    assert!(snapshot_kinds(&mut w, T0).is_empty());
}

#[test]
fn automated_retention_is_zero_to_thirty_five_days() {
    let mut w = World::default();
    for bad in [-1, 36] {
        let input = with(
            new_cluster("c1"),
            json!({ "AutomatedSnapshotRetentionPeriod": bad }),
        );
        refused::<op::CreateCluster>(&mut w, &ctx(T0), input, "InvalidRetentionPeriodFault");
    }
    let input = with(
        new_cluster("c1"),
        json!({"AutomatedSnapshotRetentionPeriod": 35}),
    );
    ok::<op::CreateCluster>(&mut w, &ctx(T0), input);
}

#[test]
fn node_type_count_and_port_are_checked() {
    let mut w = World::default();
    let cases = [
        (json!({"NodeType": "huge"}), "InvalidParameterValue"),
        (
            json!({"ClusterType": "multi-node", "NumberOfNodes": 1}),
            "InvalidParameterValue",
        ),
        (json!({"ClusterType": "cluster"}), "InvalidParameterValue"),
        (
            json!({"NumberOfNodes": 129}),
            "NumberOfNodesPerClusterLimitExceeded",
        ),
        (json!({"Port": 80}), "InvalidParameterValue"),
        (
            json!({"ManualSnapshotRetentionPeriod": 0}),
            "InvalidRetentionPeriodFault",
        ),
    ];
    for (extra, code) in cases {
        refused::<op::CreateCluster>(&mut w, &ctx(T0), with(new_cluster("c1"), extra), code);
    }
}

#[test]
fn a_cluster_is_creating_until_its_creation_time_has_passed() {
    let mut w = World::new(Settings {
        cluster_creation_seconds: 60.0,
        ..Settings::default()
    });
    call_ok(&mut w, &ctx(T0));
    assert_eq!(cluster_status(&mut w, at(59.0), "c1").unwrap(), "creating");
    // The automated snapshot is taken when the cluster becomes available.
    assert!(snapshot_kinds(&mut w, at(59.0)).is_empty());
    // A creating cluster cannot be snapshotted...
    let snap = json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"});
    let err = refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(at(30.0)),
        snap.clone(),
        "InvalidClusterState",
    );
    assert!(err.to_string().contains("creating"), "{err}");
    // ...nor deleted with a final snapshot.
    refused::<op::DeleteCluster>(
        &mut w,
        &ctx(at(30.0)),
        delete("c1", None, Some("f1")),
        "InvalidClusterState",
    );
    assert_eq!(cluster_status(&mut w, at(60.0), "c1").unwrap(), "available");
    assert_eq!(
        snapshot_kinds(&mut w, at(60.0)),
        vec![(
            "rs:c1-2024-03-05-06-08-08".to_owned(),
            SnapshotKind::Automated
        )]
    );
    ok::<op::CreateClusterSnapshot>(&mut w, &ctx(at(60.0)), snap);
}

#[test]
fn describe_unknown_cluster() {
    let mut w = world();
    let err = refused::<op::DescribeClusters>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "C9"}),
        "ClusterNotFound",
    );
    assert_eq!(err.to_string(), "Cluster c9 not found.");
    assert_eq!(err.status(), 404);
}

#[test]
fn describe_pages_in_identifier_order() {
    let mut w = World::default();
    for i in (0..25).rev() {
        cluster(&mut w, &ctx(T0), &format!("c{i:02}"), json!({}));
    }
    let mut markers = 0;
    let ids = every_page::<op::DescribeClusters>(
        &mut w,
        T0,
        json!({"MaxRecords": 20}),
        |_, _| markers += 1,
        cluster_page,
    );
    assert_eq!(markers, 1, "two pages, so one marker");
    assert_eq!(ids, (0..25).map(|i| format!("c{i:02}")).collect::<Vec<_>>());
}

#[test]
fn describe_filters_by_tags() {
    let mut w = World::default();
    cluster(
        &mut w,
        &ctx(T0),
        "c1",
        json!({"Tags": [{"Key": "env", "Value": "prod"}]}),
    );
    cluster(&mut w, &ctx(T0), "c2", json!({}));
    let found = |w: &mut World, params: Value| -> Vec<crate::model::Name> {
        ok::<op::DescribeClusters>(w, &ctx(T0), params)
            .clusters
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| c.cluster_identifier)
            .collect()
    };
    assert_eq!(found(&mut w, json!({"TagKeys": ["env"]})), ["c1"]);
    assert_eq!(found(&mut w, json!({"TagValues": ["prod"]})), ["c1"]);
    assert!(found(&mut w, json!({"TagKeys": ["env"], "TagValues": ["dev"]})).is_empty());
    assert_eq!(found(&mut w, json!({})), ["c1", "c2"]);
}

#[test]
fn delete_needs_exactly_one_of_skip_and_final_identifier() {
    let mut w = world();
    for input in [
        delete("c1", None, None),
        delete("c1", Some(false), None),
        delete("c1", Some(false), Some("")),
        delete("c1", Some(true), Some("f1")),
    ] {
        refused::<op::DeleteCluster>(&mut w, &ctx(T0), input, "InvalidParameterCombination");
    }
    // What a popular workflow tool sends.
    ok::<op::DeleteCluster>(&mut w, &ctx(T0), delete("c1", Some(true), Some("")));
}

#[test]
fn delete_takes_the_final_snapshot_and_keeps_manual_ones() {
    let mut w = world();
    cluster(&mut w, &ctx(T0), "c2", json!({}));
    snapshot(&mut w, "m1", T0);
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "m2", "ClusterIdentifier": "c2"}),
    );
    let gone = ok::<op::DeleteCluster>(&mut w, &ctx(T0), delete("C1", None, Some("Final")))
        .cluster
        .unwrap();
    assert_eq!(gone.cluster_status.as_deref(), Some("deleting"));
    assert!(w.own::<ClusterRecord>(&ctx(T0), "c1").is_err());
    let mut left = snapshot_kinds(&mut w, T0);
    left.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        left,
        vec![
            ("final".to_owned(), SnapshotKind::Manual),
            ("m1".to_owned(), SnapshotKind::Manual),
            ("m2".to_owned(), SnapshotKind::Manual),
            (
                "rs:c2-2024-03-05-06-07-08".to_owned(),
                SnapshotKind::Automated
            ),
        ]
    );
    let final_snapshot = record(&w, "final").unwrap();
    assert_eq!(final_snapshot.cluster_identifier().as_str(), "c1");
    assert_eq!(
        final_snapshot.retention,
        Retention::Manual {
            days: -1,
            start: T0
        }
    );
}

#[test]
fn final_snapshot_retention_period_is_checked_and_kept() {
    let mut w = world();
    let with_days = |days: i64| {
        with(
            delete("c1", None, Some("f1")),
            json!({ "FinalClusterSnapshotRetentionPeriod": days }),
        )
    };
    refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        with_days(0),
        "InvalidRetentionPeriodFault",
    );
    ok::<op::DeleteCluster>(&mut w, &ctx(T0), with_days(9));
    assert_eq!(
        record(&w, "f1").unwrap().retention,
        Retention::Manual { days: 9, start: T0 }
    );
}

#[test]
fn a_final_snapshot_that_cannot_be_taken_keeps_the_cluster() {
    let mut w = world_with(Settings {
        manual_snapshot_quota: 1,
        ..Settings::default()
    });
    snapshot(&mut w, "s1", T0);
    refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        delete("c1", None, Some("S1")),
        "ClusterSnapshotAlreadyExists",
    );
    refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        delete("c1", None, Some("s2")),
        "ClusterSnapshotQuotaExceeded",
    );
    let err = refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        delete("c1", None, Some("s-")),
        "InvalidParameterValue",
    );
    assert!(err
        .to_string()
        .starts_with("The parameter FinalClusterSnapshotIdentifier is not a valid identifier."));
}

#[test]
fn delete_unknown_cluster() {
    let mut w = World::default();
    let err = refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        delete("c9", Some(true), None),
        "ClusterNotFound",
    );
    assert_eq!(err.to_string(), "Cluster c9 not found.");
}

#[test]
fn a_cluster_being_deleted_cannot_be_deleted_again_and_goes_on_tick() {
    let mut w = World::new(Settings {
        cluster_deletion_seconds: 30.0,
        ..Settings::default()
    });
    call_ok(&mut w, &ctx(T0));
    ok::<op::DeleteCluster>(&mut w, &ctx(T0), delete("c1", Some(true), None));
    let err = refused::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        delete("c1", Some(true), None),
        "InvalidClusterState",
    );
    assert!(err.to_string().contains("deleting"));
    w.tick(at(29.0));
    let c1 = w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    assert_eq!(c1.status, ClusterStatus::Deleting);
    w.tick(at(30.0));
    assert_eq!(
        w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap_err().code(),
        "ClusterNotFound"
    );
    // The identifier is free again.
    ok::<op::CreateCluster>(&mut w, &ctx(at(31.0)), new_cluster("c1"));
}

#[test]
fn statuses_settle_where_the_management_guide_says() {
    use super::Settles;
    use ClusterStatus::*;
    assert_eq!(Deleting.settles(), Settles::Gone);
    assert_eq!(FinalSnapshot.settles(), Settles::To(Deleting));
    assert_eq!(Pausing.settles(), Settles::To(Paused));
    for status in [Creating, Modifying, Rebooting, Resuming, Resizing, Renaming] {
        assert_eq!(status.settles(), Settles::To(Available), "{status:?}");
    }
    assert_eq!(Available.availability(), "Available");
    assert_eq!(Resizing.availability(), "Modifying");
    assert_eq!(Creating.availability(), "Unavailable");
    assert_eq!(RotatingKeys.as_str(), "rotating-keys");
    assert_eq!(
        serde_json::to_value(CancellingResize).unwrap(),
        json!("cancelling-resize")
    );
}

#[test]
fn the_status_sets_are_what_their_names_say() {
    use ClusterStatus::*;
    let leaving = [Deleting, FinalSnapshot];
    assert_eq!(ClusterStatus::ALL.len(), 13);
    for status in ClusterStatus::ALL {
        assert_eq!(
            ClusterStatus::LIVE.contains(status),
            !leaving.contains(status),
            "{status:?}"
        );
        assert_eq!(
            ClusterStatus::BUILT.contains(status),
            !leaving.contains(status) && *status != Creating,
            "{status:?}"
        );
    }
}
