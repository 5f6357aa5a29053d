//! Time only moves things forward: once a cluster or a snapshot has reached
//! a state, setting the clock back never returns it to an earlier one, and
//! what is still to come comes at its time, however the clock went meanwhile.

use serde_json::json;

use crate::engine::testkit::{
    at, cluster, cluster_status, ctx, delete_cluster, described_cluster, described_one, listed, ok,
    snapshot, snapshot_with, world, world_with, AUTOMATED, DAY, T0,
};
use crate::engine::{Settings, World};
use crate::model::operations as op;

/// Two years before [`T0`].
fn two_years_before() -> crate::model::Timestamp {
    at(-730.0 * DAY)
}

#[test]
fn a_cluster_made_before_the_clock_was_set_back_is_available_and_snapshottable() {
    let mut w = world();
    let back = two_years_before();
    assert_eq!(cluster_status(&mut w, back, "c1").unwrap(), "available");
    let made = snapshot(&mut w, "s1", back);
    assert_eq!(made.snapshot_create_time, Some(back));
    let seen = described_one(&mut w, back, "s1").unwrap();
    assert_eq!(seen.status.as_deref(), Some("available"));
    assert_eq!(listed(&mut w, back, json!({})), ["s1", AUTOMATED]);
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(back), json!({"SnapshotIdentifier": "s1"}));
}

#[test]
fn a_cluster_stays_creating_until_its_time_has_come_whatever_the_clock_did() {
    let mut w = world_with(Settings {
        cluster_creation_seconds: 60.0,
        ..Settings::default()
    });
    for seconds in [30.0, -365.0 * DAY, 59.0, -1.0] {
        assert_eq!(
            cluster_status(&mut w, at(seconds), "c1").unwrap(),
            "creating",
            "at T0{seconds:+}"
        );
    }
    assert_eq!(cluster_status(&mut w, at(60.0), "c1").unwrap(), "available");
    let back = at(-365.0 * DAY);
    assert_eq!(cluster_status(&mut w, back, "c1").unwrap(), "available");
    let c1 = described_cluster(&mut w, &ctx(back), "c1").unwrap();
    assert!(c1.endpoint.is_some());
    snapshot(&mut w, "s1", back);
}

#[test]
fn a_snapshot_is_available_once_and_for_all() {
    let mut w = crate::engine::testkit::world_with(Settings {
        snapshot_creation_seconds: 60.0,
        ..Settings::default()
    });
    w.tick(at(60.0));
    snapshot(&mut w, "s1", at(100.0));
    // Set back while it is being created: still creating, nothing done yet.
    let early = described_one(&mut w, at(-DAY), "s1").unwrap();
    assert_eq!(early.status.as_deref(), Some("creating"));
    assert_eq!(early.elapsed_time_in_seconds, Some(0));
    assert_eq!(early.estimated_seconds_to_completion, Some(60));
    assert_eq!(early.backup_progress_in_mega_bytes, Some(0.0));
    let done = described_one(&mut w, at(160.0), "s1").unwrap();
    assert_eq!(done.status.as_deref(), Some("available"));
    let back = described_one(&mut w, at(-DAY), "s1").unwrap();
    assert_eq!(back.status.as_deref(), Some("available"));
    assert_eq!(back.estimated_seconds_to_completion, Some(0));
    ok::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &ctx(at(-DAY)),
        json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": "210987654321"}),
    );
}

#[test]
fn what_time_removed_stays_removed() {
    let mut w = world();
    snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    let manual = json!({"SnapshotType": "manual"});
    assert!(listed(&mut w, at(DAY), manual.clone()).is_empty());
    assert!(listed(&mut w, T0, manual).is_empty());
    assert_eq!(
        described_one(&mut w, T0, "s1").unwrap_err().code(),
        "ClusterSnapshotNotFound"
    );
    delete_cluster(&mut w, at(DAY), "c1");
    assert_eq!(
        cluster_status(&mut w, T0, "c1").unwrap_err().code(),
        "ClusterNotFound"
    );
    // Its name is free, even in the past.
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    assert_eq!(cluster_status(&mut w, T0, "c1").unwrap(), "available");
}

#[test]
fn a_cluster_being_deleted_is_gone_at_its_time_whatever_the_clock_did() {
    let mut w = world_with(Settings {
        cluster_deletion_seconds: 120.0,
        ..Settings::default()
    });
    delete_cluster(&mut w, T0, "c1");
    for seconds in [-DAY, 119.0, -1.0] {
        assert_eq!(
            cluster_status(&mut w, at(seconds), "c1").unwrap(),
            "deleting"
        );
    }
    assert!(cluster_status(&mut w, at(120.0), "c1").is_err());
    assert!(cluster_status(&mut w, at(-DAY), "c1").is_err());
}

#[test]
fn a_restore_set_back_is_still_starting_and_done_once_done() {
    let mut w = world_with(Settings {
        cluster_creation_seconds: 100.0,
        ..Settings::default()
    });
    snapshot(&mut w, "s1", at(100.0));
    ok::<op::RestoreFromClusterSnapshot>(
        &mut w,
        &ctx(at(100.0)),
        json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
    );
    let status = |w: &mut World, seconds: f64| {
        described_cluster(w, &ctx(at(seconds)), "r1")
            .unwrap()
            .restore_status
            .and_then(|s| s.status)
            .unwrap_or_default()
    };
    assert_eq!(status(&mut w, -DAY), "starting");
    assert_eq!(status(&mut w, 150.0), "restoring");
    assert_eq!(status(&mut w, 200.0), "completed");
    assert_eq!(status(&mut w, -DAY), "completed");
}
