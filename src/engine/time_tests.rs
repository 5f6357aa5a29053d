//! The clock's rules, driven through the operation table as a door drives
//! them: retention, timed creation and deletion, and their progress members.

use serde_json::{json, Value};

use super::{Context, Settings, World};
use crate::model::Timestamp;
use crate::ops::{invoke, Failure};

/// 2030-01-01T00:00:00Z.
const T0: i64 = 1_893_456_000_000_000;
const SECOND: i64 = 1_000_000;
const DAY: i64 = 86_400 * SECOND;
const ACCOUNT: &str = "123456789012";

/// Runs `operation` at `at` (microseconds) and renders the answer as JSON
/// (timestamps as microseconds), or the error code.
fn call(world: &mut World, at: i64, operation: &str, params: Value) -> Result<Value, String> {
    let ctx = Context {
        account: ACCOUNT,
        region: "us-east-1",
        now: Timestamp(at),
    };
    match invoke(world, &ctx, operation, params) {
        Ok(output) => serde_json::to_value(&output).map_err(|e| e.to_string()),
        Err(Failure::Service(e)) => Err(e.code().to_owned()),
        Err(Failure::NotImplemented) => Err("NotImplemented".to_owned()),
    }
}

fn world(settings: Settings) -> World {
    World::new(Settings {
        manual_snapshot_quota: 1000,
        ..settings
    })
}

fn create_cluster(world: &mut World, at: i64, extra: Value) {
    let mut params = json!({
        "ClusterIdentifier": "c1",
        "NodeType": "dc2.large",
        "MasterUsername": "admin",
    });
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    call(world, at, "CreateCluster", params).unwrap();
}

fn create_snapshot(world: &mut World, at: i64, id: &str, extra: Value) -> Value {
    let mut params = json!({"SnapshotIdentifier": id, "ClusterIdentifier": "c1"});
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    call(world, at, "CreateClusterSnapshot", params).unwrap()["Snapshot"].clone()
}

/// The snapshot as DescribeClusterSnapshots shows it at `at`, or the error code.
fn snapshot(world: &mut World, at: i64, id: &str) -> Result<Value, String> {
    let found = call(
        world,
        at,
        "DescribeClusterSnapshots",
        json!({"SnapshotIdentifier": id}),
    )?;
    Ok(found["Snapshots"][0].clone())
}

/// The identifiers DescribeClusterSnapshots lists at `at` with `filters`.
fn listed(world: &mut World, at: i64, filters: Value) -> Vec<String> {
    let found = call(world, at, "DescribeClusterSnapshots", filters).unwrap();
    found["Snapshots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["SnapshotIdentifier"].as_str().map(str::to_owned))
        .collect()
}

fn cluster_status(world: &mut World, at: i64) -> Result<String, String> {
    let found = call(
        world,
        at,
        "DescribeClusters",
        json!({"ClusterIdentifier": "c1"}),
    )?;
    Ok(found["Clusters"][0]["ClusterStatus"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

#[test]
fn manual_snapshots_count_down_and_expire_when_their_period_ends() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({}));
    let created = create_snapshot(
        &mut w,
        T0,
        "s1",
        json!({"ManualSnapshotRetentionPeriod": 3}),
    );
    assert_eq!(created["ManualSnapshotRemainingDays"], 3);
    assert_eq!(created["SnapshotRetentionStartTime"], T0);
    assert_eq!(
        snapshot(&mut w, T0 + DAY, "s1").unwrap()["ManualSnapshotRemainingDays"],
        2
    );
    assert_eq!(
        snapshot(&mut w, T0 + 3 * DAY - 1, "s1").unwrap()["ManualSnapshotRemainingDays"],
        1
    );
    assert_eq!(
        snapshot(&mut w, T0 + 3 * DAY, "s1").unwrap_err(),
        "ClusterSnapshotNotFound"
    );
}

#[test]
fn indefinite_manual_snapshots_never_expire() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({}));
    let created = create_snapshot(&mut w, T0, "s1", json!({}));
    assert_eq!(created["ManualSnapshotRetentionPeriod"], -1);
    assert!(created["ManualSnapshotRemainingDays"].is_null());
    let much_later = T0 + 100 * 365 * DAY;
    assert!(snapshot(&mut w, much_later, "s1").is_ok());
}

#[test]
fn automated_snapshots_expire_with_their_clusters_period() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({"AutomatedSnapshotRetentionPeriod": 2}));
    let automated = json!({"SnapshotType": "automated"});
    assert_eq!(listed(&mut w, T0, automated.clone()).len(), 1);
    assert_eq!(listed(&mut w, T0 + 2 * DAY - 1, automated.clone()).len(), 1);
    assert!(listed(&mut w, T0 + 2 * DAY, automated).is_empty());
}

#[test]
fn a_tick_with_nothing_due_still_sees_later_expiries() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({"AutomatedSnapshotRetentionPeriod": 0}));
    // Nothing can expire: the next tick has nothing to look at...
    w.tick(Timestamp(T0 + SECOND));
    // ...until a snapshot with a finite period arrives.
    create_snapshot(
        &mut w,
        T0 + 2 * SECOND,
        "s1",
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    w.tick(Timestamp(T0 + 2 * SECOND + DAY));
    assert!(w.regions["us-east-1"][ACCOUNT].snapshots.is_empty());
}

#[test]
fn a_saved_world_expires_what_came_due_while_it_was_saved() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({}));
    create_snapshot(
        &mut w,
        T0,
        "s1",
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    let saved = serde_json::to_string(&w).unwrap();
    let mut loaded: World = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        snapshot(&mut loaded, T0 + DAY, "s1").unwrap_err(),
        "ClusterSnapshotNotFound"
    );
}

#[test]
fn snapshot_progress_members_agree_every_second() {
    let mut w = world(Settings {
        snapshot_creation_seconds: 90.0,
        ..Settings::default()
    });
    create_cluster(&mut w, T0, json!({"AutomatedSnapshotRetentionPeriod": 0}));
    let created = create_snapshot(&mut w, T0, "s1", json!({}));
    let total = created["TotalBackupSizeInMegaBytes"].as_f64().unwrap();
    assert_eq!(created["Status"], "creating");
    for second in 0..=100 {
        let s = snapshot(&mut w, T0 + second * SECOND, "s1").unwrap();
        let elapsed = s["ElapsedTimeInSeconds"].as_i64().unwrap();
        let remaining = s["EstimatedSecondsToCompletion"].as_i64().unwrap();
        let progress = s["BackupProgressInMegaBytes"].as_f64().unwrap();
        if second < 90 {
            assert_eq!(s["Status"], "creating", "at {second} s");
            assert_eq!((elapsed, remaining), (second, 90 - second));
            assert!((progress - total * second as f64 / 90.0).abs() < 0.01);
            assert!(s["CurrentBackupRateInMegaBytesPerSecond"].as_f64().unwrap() > 0.0);
        } else {
            assert_eq!(s["Status"], "available", "at {second} s");
            assert_eq!((elapsed, remaining, progress), (90, 0, total));
            assert_eq!(s["CurrentBackupRateInMegaBytesPerSecond"], 0.0);
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
    create_cluster(&mut w, T0, json!({}));
    assert_eq!(
        cluster_status(&mut w, T0 + 299 * SECOND).unwrap(),
        "creating"
    );
    let early = call(
        &mut w,
        T0 + 299 * SECOND,
        "CreateClusterSnapshot",
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
    );
    assert_eq!(early.unwrap_err(), "InvalidClusterState");
    assert_eq!(
        cluster_status(&mut w, T0 + 300 * SECOND).unwrap(),
        "available"
    );
    let deleted = call(
        &mut w,
        T0 + 400 * SECOND,
        "DeleteCluster",
        json!({"ClusterIdentifier": "c1", "SkipFinalClusterSnapshot": true}),
    )
    .unwrap();
    assert_eq!(deleted["Cluster"]["ClusterStatus"], "deleting");
    assert_eq!(
        cluster_status(&mut w, T0 + 519 * SECOND).unwrap(),
        "deleting"
    );
    assert_eq!(
        cluster_status(&mut w, T0 + 520 * SECOND).unwrap_err(),
        "ClusterNotFound"
    );
}

#[test]
fn the_first_automated_snapshot_exists_from_when_it_is_taken() {
    let mut w = world(Settings {
        cluster_creation_seconds: 300.0,
        ..Settings::default()
    });
    create_cluster(&mut w, T0, json!({}));
    let name = "rs:c1-2030-01-01-00-05-00";
    assert!(listed(&mut w, T0 + 299 * SECOND, json!({})).is_empty());
    assert_eq!(
        snapshot(&mut w, T0 + 299 * SECOND, name).unwrap_err(),
        "ClusterSnapshotNotFound"
    );
    assert_eq!(listed(&mut w, T0 + 300 * SECOND, json!({})), vec![name]);
    let taken = snapshot(&mut w, T0 + 300 * SECOND, name).unwrap();
    assert_eq!(taken["SnapshotCreateTime"], T0 + 300 * SECOND);
}

/// What the `snapshot_available` waiter reads when called with only a
/// ClusterIdentifier: one failed snapshot among available ones shows as
/// `failed` whatever the clock says (the Python waiter test that forces it
/// through the client waits for the test controls).
#[test]
fn a_failed_snapshot_stays_failed_among_available_ones() {
    let mut w = world(Settings::default());
    create_cluster(&mut w, T0, json!({}));
    create_snapshot(&mut w, T0, "good", json!({}));
    create_snapshot(&mut w, T0, "bad", json!({}));
    if let Some(record) = w
        .regions
        .get_mut("us-east-1")
        .and_then(|r| r.get_mut(ACCOUNT))
        .and_then(|p| p.snapshots.get_mut("bad"))
    {
        record.forced_status = Some("failed".to_owned());
    }
    let found = call(
        &mut w,
        T0 + DAY / 2,
        "DescribeClusterSnapshots",
        json!({"ClusterIdentifier": "c1"}),
    )
    .unwrap();
    let statuses: Vec<(&str, &str)> = found["Snapshots"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["SnapshotIdentifier"].as_str().unwrap_or_default(),
                s["Status"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("bad", "failed"),
            ("good", "available"),
            ("rs:c1-2030-01-01-00-00-00", "available"),
        ]
    );
}
