//! The timeline, and `World::tick` running it: wake-ups in time order, each
//! at its own time; a stale wake-up does nothing.

use serde_json::json;

use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::name::Name;
use crate::engine::resources::ResourceKind;
use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    at, cluster, ctx, delete_cluster, has_snapshot, ok, record, snapshot, snapshot_with, state,
    world, world_with, AUTOMATED, DAY, REGION, T0,
};
use crate::engine::time::{Timeline, Wakeup};
use crate::engine::{Settings, World};
use crate::model::operations as op;
use crate::model::Timestamp;

fn wakeup(key: &str) -> Wakeup {
    Wakeup {
        region: Name::from(REGION),
        account: Name::from("123456789012"),
        kind: ResourceKind::Snapshot,
        key: Name::from(key),
    }
}

fn keys(due: &[(Timestamp, Wakeup)]) -> Vec<(i64, &str)> {
    due.iter().map(|(t, w)| (t.0, w.key.as_str())).collect()
}

#[test]
fn wake_ups_come_in_time_order_then_in_the_order_they_were_made() {
    let mut timeline = Timeline::default();
    for (at, key) in [(30, "c"), (10, "b"), (30, "a"), (10, "d"), (20, "b")] {
        timeline.schedule(Timestamp(at), wakeup(key));
    }
    let pending: Vec<_> = timeline.pending().map(|(t, w)| (t, w.clone())).collect();
    assert_eq!(
        keys(&pending),
        [(10, "b"), (10, "d"), (20, "b"), (30, "c"), (30, "a")]
    );
    assert_eq!(timeline.pop_due(Timestamp(9)), None);
    let mut due = Vec::new();
    while let Some(w) = timeline.pop_due(Timestamp(20)) {
        due.push(w);
    }
    assert_eq!(keys(&due), [(10, "b"), (10, "d"), (20, "b")]);
    assert_eq!(timeline.pending().count(), 2);
    // The same wake-up asked for twice comes twice.
    timeline.schedule(Timestamp(40), wakeup("e"));
    timeline.schedule(Timestamp(40), wakeup("e"));
    assert_eq!(timeline.pending().count(), 4);
    timeline.clear();
    assert_eq!(timeline.pop_due(Timestamp(i64::MAX)), None);
}

#[test]
fn a_tick_runs_what_earlier_wake_ups_made_due_each_at_its_own_time() {
    let mut w = World::new(Settings {
        cluster_creation_seconds: 60.0,
        snapshot_creation_seconds: 30.0,
        ..Settings::default()
    });
    cluster(
        &mut w,
        &ctx(T0),
        "c1",
        json!({"AutomatedSnapshotRetentionPeriod": 2}),
    );
    // One tick, long after: the cluster became available at T0+60 and took
    // its first automated snapshot then, which was done at T0+90.
    w.tick(at(DAY));
    let c1 = w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    assert_eq!((c1.status, c1.until), (ClusterStatus::Available, None));
    let first = "rs:c1-2024-03-05-06-08-08";
    let s = record(&w, first).unwrap();
    assert_eq!(
        (s.created_at, s.status),
        (at(60.0), SnapshotStatus::Available)
    );
    // And one tick past its two days removes it, at its time; what is
    // still to come is later (the cluster's next automated snapshot and the
    // expiry of those it took every eight hours since).
    let end = at(60.0 + 2.0 * DAY);
    w.tick(end);
    assert!(!has_snapshot(&w, first));
    assert!(has_snapshot(&w, "rs:c1-2024-03-05-14-08-08"));
    assert!(w.timeline.pending().all(|(t, _)| t > end));
}

#[test]
fn a_wake_up_for_nothing_or_too_early_does_nothing() {
    let mut w = world_with(Settings {
        snapshot_creation_seconds: 60.0,
        cluster_deletion_seconds: 60.0,
        ..Settings::default()
    });
    snapshot(&mut w, "s1", T0);
    delete_cluster(&mut w, T0, "c1");
    let c = ctx(T0);
    for (kind, key) in [
        (ResourceKind::Snapshot, "s1"),
        (ResourceKind::Snapshot, "nope"),
        (ResourceKind::Cluster, "c1"),
        (ResourceKind::Cluster, "nope"),
    ] {
        w.schedule(&c, at(30.0), kind, &Name::from(key));
    }
    // A wake-up of a place that does not exist.
    w.schedule(
        &crate::engine::Context {
            region: "eu-west-1",
            ..c
        },
        at(30.0),
        ResourceKind::Snapshot,
        &Name::from("s1"),
    );
    let before = state(&w);
    w.tick(at(30.0));
    assert_eq!(w.regions, before.regions);
    assert_eq!(record(&w, "s1").unwrap().status, SnapshotStatus::Creating);
    w.tick(at(60.0));
    assert_eq!(record(&w, "s1").unwrap().status, SnapshotStatus::Available);
    assert!(w.own::<ClusterRecord>(&c, "c1").is_err());
}

#[test]
fn a_wake_up_of_a_reused_name_leaves_the_new_record_alone() {
    let mut w = world();
    snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(at(10.0)), json!({"SnapshotIdentifier": "s1"}));
    snapshot_with(
        &mut w,
        "s1",
        at(20.0),
        json!({"ManualSnapshotRetentionPeriod": 2}),
    );
    // The first s1's expiry comes, and goes by the second.
    w.tick(at(DAY));
    assert!(has_snapshot(&w, "s1"));
    w.tick(at(20.0 + 2.0 * DAY));
    assert!(!has_snapshot(&w, "s1"));
}

#[test]
fn a_wake_up_of_a_cluster_made_anew_leaves_it_creating() {
    let mut w = world_with(Settings {
        cluster_creation_seconds: 60.0,
        ..Settings::default()
    });
    delete_cluster(&mut w, at(10.0), "c1");
    cluster(&mut w, &ctx(at(20.0)), "c1", json!({}));
    // The first c1's wake-up at T0+60 finds the second one creating till T0+80.
    w.tick(at(60.0));
    let c1 = w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    assert_eq!(
        (c1.status, c1.until),
        (ClusterStatus::Creating, Some(at(80.0)))
    );
    w.tick(at(80.0));
    let c1 = w.own::<ClusterRecord>(&ctx(T0), "c1").unwrap();
    assert_eq!(c1.status, ClusterStatus::Available);
}

#[test]
fn a_forced_status_does_not_stop_the_clock() {
    let mut w = world_with(Settings {
        snapshot_creation_seconds: 60.0,
        ..Settings::default()
    });
    snapshot(&mut w, "s1", T0);
    crate::engine::testkit::force(&mut w, "s1", SnapshotStatus::Failed);
    w.tick(at(60.0));
    let s1 = record(&w, "s1").unwrap();
    assert_eq!(
        (s1.status, s1.effective_status()),
        (SnapshotStatus::Available, SnapshotStatus::Failed)
    );
    w.set_snapshot_status(REGION, "123456789012", "s1", None)
        .unwrap();
    assert_eq!(
        record(&w, "s1").unwrap().effective_status(),
        SnapshotStatus::Available
    );
    assert!(has_snapshot(&w, AUTOMATED));
}
