//! Seeded snapshots: put into the world with the members a test chooses.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::engine::clusters::ClusterRecord;
use crate::engine::snapshots::{Retention, SnapshotStatus};
use crate::engine::testkit::{
    at, call, ctx, ctx_of, described, described_one, ids, listed, ok, record, world, ACCOUNT, DAY,
    OTHER, T0,
};
use crate::engine::World;
use crate::errors::ControlError;
use crate::model::operations as op;
use crate::model::Snapshot;

fn seed(w: &mut World, members: Value, days: Option<i64>) -> Result<Snapshot, ControlError> {
    w.seed_snapshot(&ctx(T0), members, days)
}

#[test]
fn a_seeded_snapshot_of_a_gone_cluster_is_described_and_deletable() {
    let mut w = World::default();
    let long_ago = at(-400.0 * DAY);
    let seeded = seed(
        &mut w,
        json!({
            "SnapshotIdentifier": "Old-1",
            "ClusterIdentifier": "Gone",
            "SnapshotCreateTime": long_ago.0,
            "TotalBackupSizeInMegaBytes": 1234.5,
            "Tags": [{"Key": "team", "Value": "data"}],
        }),
        None,
    )
    .unwrap();
    let described = described_one(&mut w, T0, "old-1").unwrap();
    assert_eq!(seeded, described);
    assert_eq!(described.cluster_identifier.as_deref(), Some("gone"));
    assert_eq!(described.snapshot_create_time, Some(long_ago));
    assert_eq!(described.cluster_create_time, Some(long_ago));
    assert_eq!(described.status.as_deref(), Some("available"));
    assert_eq!(described.total_backup_size_in_mega_bytes, Some(1234.5));
    assert_eq!(
        described.actual_incremental_backup_size_in_mega_bytes,
        Some(1234.5)
    );
    assert_eq!(described.owner_account.as_deref(), Some(ACCOUNT));
    assert_eq!(described.node_type.as_deref(), Some("dc2.large"));
    assert_eq!(
        described.snapshot_arn.as_deref(),
        Some("arn:aws:redshift:us-east-1:123456789012:snapshot:gone/old-1")
    );
    assert_eq!(described.manual_snapshot_retention_period, Some(-1));
    assert_eq!(described.tags.map(|t| t.len()), Some(1));
    assert_eq!(listed(&mut w, T0, json!({"ClusterExists": false})).len(), 1);
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), json!({"SnapshotIdentifier": "old-1"}));
}

#[test]
fn seeded_snapshots_take_their_clusters_members_and_grants() {
    let mut w = world();
    let seeded = seed(
        &mut w,
        json!({
            "SnapshotIdentifier": "shared",
            "ClusterIdentifier": "c1",
            "AccountsWithRestoreAccess": [{"AccountId": OTHER}],
        }),
        None,
    )
    .unwrap();
    assert_eq!(seeded.master_username.as_deref(), Some("admin"));
    assert_eq!(seeded.number_of_nodes, Some(2));
    // What is taken from the cluster is the cluster's, not a copy.
    let c1 = w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    assert!(Arc::ptr_eq(&record(&w, "shared").unwrap().facts, &c1.facts));
    let err = call::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "shared"}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "InvalidClusterSnapshotState");
    let theirs = described(
        &mut w,
        &ctx_of(OTHER, T0),
        json!({"SnapshotIdentifier": "shared"}),
    );
    assert_eq!(ids(&theirs.unwrap()), ["shared"]);
    // A member given instead of the cluster's makes facts of its own.
    seed(
        &mut w,
        json!({"SnapshotIdentifier": "other", "ClusterIdentifier": "c1", "Port": 5440}),
        None,
    )
    .unwrap();
    let other = record(&w, "other").unwrap();
    assert_eq!(other.facts.port, 5440);
    assert_eq!(other.facts.master_username, "admin");
}

#[test]
fn seeded_retention_runs_on_the_clock() {
    let mut w = World::default();
    seed(
        &mut w,
        json!({"SnapshotIdentifier": "keep7", "ClusterIdentifier": "c9",
               "SnapshotCreateTime": at(-6.0 * DAY).0, "ManualSnapshotRetentionPeriod": 7}),
        None,
    )
    .unwrap();
    let auto = seed(
        &mut w,
        json!({"ClusterIdentifier": "c9", "SnapshotType": "automated",
               "SnapshotCreateTime": at(-DAY).0}),
        Some(3),
    )
    .unwrap();
    let auto_id = auto.snapshot_identifier.unwrap();
    assert_eq!(auto_id, "rs:c9-2024-03-04-06-07-08");
    assert_eq!(
        record(&w, &auto_id).unwrap().retention,
        Retention::Automated { days: 3 }
    );
    let remaining = described_one(&mut w, T0, "keep7").unwrap();
    assert_eq!(remaining.manual_snapshot_remaining_days, Some(1));
    let later = at(DAY + 1.0);
    assert!(described_one(&mut w, later, "keep7").is_err());
    assert!(described_one(&mut w, later, &auto_id).is_ok());
    assert!(described_one(&mut w, at(2.0 * DAY + 1.0), &auto_id).is_err());
}

#[test]
fn seeds_are_checked() {
    let mut w = World::default();
    for bad in [
        json!({"ClusterIdentifier": "c1"}),
        json!({"SnapshotIdentifier": "s1"}),
        json!({"SnapshotIdentifier": "s--1", "ClusterIdentifier": "c1"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c--1"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotArn": "x"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "OwnerAccount": OTHER}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotType": "shared"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 0}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "TotalBackupSizeInMegaBytes": -1.0}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ActualIncrementalBackupSizeInMegaBytes": "big"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "AccountsWithRestoreAccess": [{"AccountId": "1"}]}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1",
               "AccountsWithRestoreAccess": [{"AccountId": OTHER}, {"AccountId": OTHER}]}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Tags": [{"Key": "aws:x", "Value": "v"}]}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotType": "automated"}),
        json!({"ClusterIdentifier": "c1", "SnapshotType": "automated", "ManualSnapshotRetentionPeriod": 5}),
        json!({"ClusterIdentifier": "c1", "SnapshotType": "automated", "SnapshotRetentionStartTime": 0}),
    ] {
        assert!(
            matches!(
                seed(&mut w, bad.clone(), None),
                Err(ControlError::InvalidSeed(_))
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        seed(
            &mut w,
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Status": "deleted"}),
            None
        ),
        Err(ControlError::InvalidStatus(_))
    ));
    let automated = json!({"ClusterIdentifier": "c1", "SnapshotType": "automated"});
    for (members, days) in [
        (
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
            3,
        ),
        (automated.clone(), 0),
        (automated, 36),
    ] {
        assert!(matches!(
            seed(&mut w, members, Some(days)),
            Err(ControlError::InvalidSeed(_))
        ));
    }
    assert_eq!(w, World::default(), "a refused seed changed the world");
    seed(
        &mut w,
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Status": "failed"}),
        None,
    )
    .unwrap();
    assert!(matches!(
        seed(
            &mut w,
            json!({"SnapshotIdentifier": "S1", "ClusterIdentifier": "c1"}),
            None
        ),
        Err(ControlError::SnapshotExists { .. })
    ));
    assert_eq!(w.place(&ctx(T0)).map(|p| p.snapshots.len()), Some(1));
    assert_eq!(
        record(&w, "s1").unwrap().effective_status(),
        SnapshotStatus::Failed
    );
    assert_eq!(
        described_one(&mut w, T0, "s1").unwrap().status.as_deref(),
        Some("failed")
    );
}
