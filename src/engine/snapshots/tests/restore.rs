//! RestoreFromClusterSnapshot, and the snapshot a restored cluster depends
//! on until a newer backup of it exists.

use serde_json::{json, Value};

use super::{access, delete};
use crate::engine::clusters::ClusterRecord;
use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    at, call, ctx, ctx_of, delete_cluster, described_cluster, force, has_snapshot, merge, ok,
    refused, snapshot, world, world_with, AUTOMATED, OTHER, T0,
};
use crate::engine::{Context, Settings, World};
use crate::errors::RedshiftError;
use crate::model::operations as op;
use crate::model::{Cluster, RestoreStatus, Timestamp};

const S1_ARN: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";

fn restore(w: &mut World, c: &Context, params: Value) -> Cluster {
    ok::<op::RestoreFromClusterSnapshot>(w, c, params)
        .cluster
        .unwrap()
}

/// A world with `settings` where the default caller restored cluster `r1`
/// from its snapshot `s1` of `c1`, both at `now`, with `extra` members of
/// the restore.
fn restored(settings: Settings, now: Timestamp, extra: Value) -> World {
    let mut w = world_with(settings);
    snapshot(&mut w, "s1", now);
    let mut params = json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"});
    merge(&mut params, extra);
    restore(&mut w, &ctx(now), params);
    w
}

/// No automated snapshots: the restored cluster's first backup is left to the test.
fn no_automated() -> Value {
    json!({"AutomatedSnapshotRetentionPeriod": 0})
}

fn restore_status(w: &mut World, now: Timestamp, id: &str) -> Option<RestoreStatus> {
    described_cluster(w, &ctx(now), id).unwrap().restore_status
}

fn delete_s1(w: &mut World, now: Timestamp) -> Result<(), RedshiftError> {
    call::<op::DeleteClusterSnapshot>(w, &ctx(now), delete("s1", None)).map(|_| ())
}

#[test]
fn a_restored_cluster_takes_the_snapshots_shape() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let c = restore(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "R1", "SnapshotIdentifier": "S1",
               "AutomatedSnapshotRetentionPeriod": 0}),
    );
    assert_eq!(c.cluster_identifier.as_deref(), Some("r1"));
    assert_eq!(c.cluster_status.as_deref(), Some("creating"));
    assert_eq!(c.node_type.as_deref(), Some("dc2.large"));
    assert_eq!(c.number_of_nodes, Some(2));
    assert_eq!(c.master_username.as_deref(), Some("admin"));
    let status = c.restore_status.unwrap();
    assert_eq!(status.status.as_deref(), Some("starting"));
    assert_eq!(status.snapshot_size_in_mega_bytes, Some(48));
    let r1 = w.own::<ClusterRecord>(&ctx(T0), "r1").unwrap();
    assert_eq!(r1.restored_from.as_deref(), Some(S1_ARN));
    let seen = described_cluster(&mut w, &ctx(T0), "r1").unwrap();
    assert_eq!(seen.cluster_status.as_deref(), Some("available"));
    assert_eq!(
        seen.restore_status.and_then(|s| s.status).as_deref(),
        Some("completed")
    );
    let resized = restore(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "r2", "SnapshotIdentifier": "s1",
               "NodeType": "ra3.xlplus", "NumberOfNodes": 4}),
    );
    assert_eq!(resized.node_type.as_deref(), Some("ra3.xlplus"));
    assert_eq!(resized.number_of_nodes, Some(4));
}

#[test]
fn restore_status_follows_the_clock() {
    let later = at(100.0);
    let mut w = restored(
        Settings {
            cluster_creation_seconds: 100.0,
            ..Settings::default()
        },
        later,
        json!({}),
    );
    let midway = described_cluster(&mut w, &ctx(at(125.0)), "r1").unwrap();
    assert_eq!(midway.cluster_status.as_deref(), Some("creating"));
    let status = midway.restore_status.unwrap();
    assert_eq!(status.status.as_deref(), Some("restoring"));
    assert_eq!(status.progress_in_mega_bytes, Some(12));
    assert_eq!(status.elapsed_time_in_seconds, Some(25));
    assert_eq!(status.estimated_time_to_completion_in_seconds, Some(75));
    let done = restore_status(&mut w, at(200.0), "r1").unwrap();
    assert_eq!(done.status.as_deref(), Some("completed"));
    assert_eq!(done.progress_in_mega_bytes, Some(48));
    assert_eq!(done.elapsed_time_in_seconds, Some(100));
    assert_eq!(done.estimated_time_to_completion_in_seconds, Some(0));
    assert!(restore_status(&mut w, at(200.0), "c1").is_none());
}

#[test]
fn restore_refuses_bad_requests() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let cases = [
        (
            json!({"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1"}),
            RedshiftError::ClusterAlreadyExists("c1".into()),
        ),
        (
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "nope"}),
            RedshiftError::ClusterSnapshotNotFound("nope".into()),
        ),
        (
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                   "SnapshotClusterIdentifier": "c2"}),
            RedshiftError::ClusterSnapshotNotFound("s1".into()),
        ),
        (
            json!({"ClusterIdentifier": "r1"}),
            RedshiftError::SnapshotNotNamed,
        ),
        (
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1", "SnapshotArn": S1_ARN}),
            RedshiftError::SnapshotNamedTwice,
        ),
        (
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1", "NumberOfNodes": 0}),
            RedshiftError::InvalidNumberOfNodes(0),
        ),
    ];
    for (params, expected) in cases {
        let code = expected.code().to_owned();
        let err = refused::<op::RestoreFromClusterSnapshot>(&mut w, &ctx(T0), params, &code);
        assert_eq!(err, expected);
    }
    for (params, code) in [
        (
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1", "NumberOfNodes": 129}),
            "NumberOfNodesPerClusterLimitExceeded",
        ),
        (
            json!({"ClusterIdentifier": "r--1", "SnapshotIdentifier": "s1"}),
            "InvalidParameterValue",
        ),
    ] {
        refused::<op::RestoreFromClusterSnapshot>(&mut w, &ctx(T0), params, code);
    }
    force(&mut w, "s1", SnapshotStatus::Failed);
    let err = refused::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err,
        RedshiftError::SnapshotNotRestorable {
            id: "s1".into(),
            status: "failed".into()
        }
    );
}

#[test]
fn a_shared_snapshot_is_restored_by_owner_account_or_arn() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let theirs = ctx_of(OTHER, T0);
    let by_owner = json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                          "OwnerAccount": "123456789012"});
    let err = refused::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &theirs,
        by_owner.clone(),
        "AccessToSnapshotDenied",
    );
    assert_eq!(
        err,
        RedshiftError::SnapshotRestoreNotAuthorized {
            account: OTHER.into(),
            id: "s1".into()
        }
    );
    // Without OwnerAccount, the name is looked up among the caller's own.
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", OTHER));
    let err = refused::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &theirs,
        json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
        "ClusterSnapshotNotFound",
    );
    assert_eq!(err, RedshiftError::ClusterSnapshotNotFound("s1".into()));
    restore(&mut w, &theirs, by_owner);
    restore(
        &mut w,
        &theirs,
        json!({"ClusterIdentifier": "r2", "SnapshotArn": S1_ARN}),
    );
    refused::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &theirs,
        json!({"ClusterIdentifier": "r3",
               "SnapshotArn": "arn:aws:redshift:eu-west-1:123456789012:snapshot:c1/s1"}),
        "ClusterSnapshotNotFound",
    );
    for id in ["r1", "r2"] {
        assert!(w.own::<ClusterRecord>(&theirs, id).is_ok());
    }
}

#[test]
fn the_snapshot_is_in_use_until_a_newer_backup_is_available() {
    let t1 = at(60.0);
    let mut w = restored(
        Settings {
            cluster_creation_seconds: 60.0,
            ..Settings::default()
        },
        t1,
        json!({}),
    );
    let err = refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(at(90.0)),
        delete("s1", None),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err,
        RedshiftError::SnapshotInUse {
            id: "s1".into(),
            cluster: "r1".into()
        }
    );
    // The restored cluster's first automated backup frees it.
    delete_s1(&mut w, at(120.0)).unwrap();
}

#[test]
fn without_automated_backups_a_manual_one_frees_the_snapshot() {
    let mut w = restored(Settings::default(), T0, no_automated());
    let err = refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        delete("s1", None),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err.to_string(),
        "You can't delete snapshot s1 because it is used by cluster r1. The snapshot can be deleted after a newer backup is created."
    );
    let batch = ok::<op::BatchDeleteClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"Identifiers": [{"SnapshotIdentifier": "s1"}]}),
    );
    assert_eq!(batch.errors.map(|e| e.len()), Some(1));
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "r1-backup", "ClusterIdentifier": "r1"}),
    );
    delete_s1(&mut w, T0).unwrap();
    assert!(!has_snapshot(&w, "s1"));
}

/// A backup taken after the clock was set back is still newer than the
/// cluster it backs up.
#[test]
fn a_backup_taken_after_the_clock_was_set_back_frees_the_snapshot() {
    let mut w = restored(Settings::default(), T0, no_automated());
    let earlier = at(-30.0 * crate::engine::testkit::DAY);
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(earlier),
        json!({"SnapshotIdentifier": "r1-backup", "ClusterIdentifier": "r1"}),
    );
    delete_s1(&mut w, earlier).unwrap();
}

#[test]
fn deleting_the_restored_cluster_frees_the_snapshot() {
    let mut w = restored(Settings::default(), T0, no_automated());
    // An automated snapshot cannot be deleted, but it can be restored from.
    restore(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "r2", "SnapshotIdentifier": AUTOMATED}),
    );
    delete_cluster(&mut w, T0, "r1");
    delete_s1(&mut w, T0).unwrap();
}

#[test]
fn a_cluster_being_deleted_no_longer_holds_its_snapshot() {
    let mut w = restored(
        Settings {
            cluster_deletion_seconds: 60.0,
            ..Settings::default()
        },
        T0,
        no_automated(),
    );
    delete_cluster(&mut w, T0, "r1");
    assert_eq!(
        described_cluster(&mut w, &ctx(T0), "r1")
            .unwrap()
            .cluster_status
            .as_deref(),
        Some("deleting")
    );
    delete_s1(&mut w, T0).unwrap();
}
