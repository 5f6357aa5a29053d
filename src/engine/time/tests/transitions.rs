//! The clock's rules, driven through the operation table as a door drives
//! them: retention, timed creation and deletion, and their progress members.

use serde_json::json;

use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    at, call, cluster, cluster_status, ctx, delete_cluster, described, described_one, force,
    listed, snapshot_with, AUTOMATED, DAY, REGION, T0,
};
use crate::engine::{Settings, World};
use crate::model::operations as op;

/// 2030-01-01T00:00:00Z.
const Y2030: crate::model::Timestamp = crate::model::Timestamp(1_893_456_000_000_000);

fn world(settings: Settings) -> World {
    World::new(Settings {
        manual_snapshot_quota: 1000,
        ..settings
    })
}

#[test]
fn manual_snapshots_count_down_and_expire_when_their_period_ends() {
    let mut w = world(Settings::default());
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    let created = snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 3}),
    );
    assert_eq!(created.manual_snapshot_remaining_days, Some(3));
    assert_eq!(created.snapshot_retention_start_time, Some(T0));
    let remaining = |w: &mut World, seconds: f64| {
        described_one(w, at(seconds), "s1").map(|s| s.manual_snapshot_remaining_days)
    };
    assert_eq!(remaining(&mut w, DAY), Ok(Some(2)));
    assert_eq!(remaining(&mut w, 3.0 * DAY - 1e-6), Ok(Some(1)));
    assert_eq!(
        remaining(&mut w, 3.0 * DAY).unwrap_err().code(),
        "ClusterSnapshotNotFound"
    );
}

#[test]
fn indefinite_manual_snapshots_never_expire() {
    let mut w = world(Settings::default());
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    let created = snapshot_with(&mut w, "s1", T0, json!({}));
    assert_eq!(created.manual_snapshot_retention_period, Some(-1));
    assert_eq!(created.manual_snapshot_remaining_days, None);
    assert!(described_one(&mut w, at(100.0 * 365.0 * DAY), "s1").is_ok());
}

#[test]
fn automated_snapshots_expire_with_their_clusters_period() {
    let mut w = world(Settings::default());
    cluster(
        &mut w,
        &ctx(T0),
        "c1",
        json!({"AutomatedSnapshotRetentionPeriod": 2}),
    );
    let automated = json!({"SnapshotType": "automated"});
    assert_eq!(listed(&mut w, T0, automated.clone()), [AUTOMATED]);
    // One every eight hours since (doc: AWS's default cadence), the first
    // kept until its two days are over.
    let kept = listed(&mut w, at(2.0 * DAY - 1e-6), automated.clone());
    assert_eq!((kept.len(), kept[0].as_str()), (6, AUTOMATED));
    let kept = listed(&mut w, at(2.0 * DAY), automated);
    assert_eq!(kept.len(), 6);
    assert!(!kept.contains(&AUTOMATED.to_owned()));
}

#[test]
fn a_tick_with_nothing_due_still_sees_later_expiries() {
    let mut w = world(Settings::default());
    cluster(
        &mut w,
        &ctx(T0),
        "c1",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    // Nothing can expire: the next tick has nothing to look at...
    w.tick(at(1.0));
    // ...until a snapshot with a finite period arrives.
    snapshot_with(
        &mut w,
        "s1",
        at(2.0),
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    w.tick(at(2.0 + DAY));
    assert!(w.regions[REGION]["123456789012"].snapshots.is_empty());
}

#[test]
fn a_saved_world_expires_what_came_due_while_it_was_saved() {
    let mut w = world(Settings::default());
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    let saved = serde_json::to_string(&w).unwrap();
    let mut loaded: World = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        described_one(&mut loaded, at(DAY), "s1")
            .unwrap_err()
            .code(),
        "ClusterSnapshotNotFound"
    );
}

#[test]
fn snapshot_progress_members_agree_every_second() {
    let mut w = world(Settings {
        snapshot_creation_seconds: 90.0,
        ..Settings::default()
    });
    cluster(
        &mut w,
        &ctx(T0),
        "c1",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    let created = snapshot_with(&mut w, "s1", T0, json!({}));
    let total = created.total_backup_size_in_mega_bytes.unwrap();
    assert_eq!(created.status.as_deref(), Some("creating"));
    for second in 0..=100i64 {
        let s = described_one(&mut w, at(second as f64), "s1").unwrap();
        let elapsed = s.elapsed_time_in_seconds.unwrap();
        let remaining = s.estimated_seconds_to_completion.unwrap();
        let progress = s.backup_progress_in_mega_bytes.unwrap();
        let rate = s.current_backup_rate_in_mega_bytes_per_second.unwrap();
        if second < 90 {
            assert_eq!(s.status.as_deref(), Some("creating"), "at {second} s");
            assert_eq!((elapsed, remaining), (second, 90 - second));
            assert!((progress - total * second as f64 / 90.0).abs() < 0.01);
            assert!(rate > 0.0);
        } else {
            assert_eq!(s.status.as_deref(), Some("available"), "at {second} s");
            assert_eq!((elapsed, remaining, progress), (90, 0, total));
            assert_eq!(rate, 0.0);
        }
    }
}

#[test]
fn a_cluster_is_creating_then_available_then_deleting_then_gone() {
    let mut w = world(Settings {
        cluster_creation_seconds: 300.0,
        cluster_deletion_seconds: 120.0,
        ..Settings::default()
    });
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    assert_eq!(cluster_status(&mut w, at(299.0), "c1").unwrap(), "creating");
    let early = call::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(at(299.0)),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
    );
    assert_eq!(early.unwrap_err().code(), "InvalidClusterState");
    assert_eq!(
        cluster_status(&mut w, at(300.0), "c1").unwrap(),
        "available"
    );
    let deleted = delete_cluster(&mut w, at(400.0), "c1");
    assert_eq!(deleted.cluster_status.as_deref(), Some("deleting"));
    assert_eq!(cluster_status(&mut w, at(519.0), "c1").unwrap(), "deleting");
    assert_eq!(
        cluster_status(&mut w, at(520.0), "c1").unwrap_err().code(),
        "ClusterNotFound"
    );
}

#[test]
fn the_first_automated_snapshot_exists_from_when_it_is_taken() {
    let mut w = world(Settings {
        cluster_creation_seconds: 300.0,
        ..Settings::default()
    });
    cluster(&mut w, &ctx(Y2030), "c1", json!({}));
    let name = "rs:c1-2030-01-01-00-05-00";
    let later = |s: f64| Y2030.plus_seconds(s);
    assert!(listed(&mut w, later(299.0), json!({})).is_empty());
    assert_eq!(
        described_one(&mut w, later(299.0), name)
            .unwrap_err()
            .code(),
        "ClusterSnapshotNotFound"
    );
    assert_eq!(listed(&mut w, later(300.0), json!({})), [name]);
    let taken = described_one(&mut w, later(300.0), name).unwrap();
    assert_eq!(taken.snapshot_create_time, Some(later(300.0)));
}

/// What the `snapshot_available` waiter reads when called with only a
/// ClusterIdentifier: one failed snapshot among available ones shows as
/// `failed` whatever the clock says.
#[test]
fn a_failed_snapshot_stays_failed_among_available_ones() {
    let mut w = world(Settings::default());
    cluster(&mut w, &ctx(T0), "c1", json!({}));
    snapshot_with(&mut w, "good", T0, json!({}));
    snapshot_with(&mut w, "bad", T0, json!({}));
    force(&mut w, "bad", SnapshotStatus::Failed);
    let found = described(
        &mut w,
        &ctx(at(DAY / 2.0)),
        json!({"ClusterIdentifier": "c1"}),
    )
    .unwrap();
    let statuses: Vec<(&str, &str)> = found
        .iter()
        .map(|s| {
            (
                s.snapshot_identifier.as_deref().unwrap_or_default(),
                s.status.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("bad", "failed"),
            ("good", "available"),
            ("rs:c1-2024-03-05-06-07-08", "available"),
            // The automated snapshot of eight hours later (doc: AWS's cadence).
            ("rs:c1-2024-03-05-14-07-08", "available"),
        ]
    );
}
