//! ModifyClusterSnapshot and BatchModifyClusterSnapshots.

use serde_json::{json, Value};

use super::access;
use crate::engine::snapshots::{Retention, SnapshotStatus};
use crate::engine::testkit::{
    at, ctx, force, has_snapshot, ok, record, refused, snapshot, world, AUTOMATED, DAY, OTHER, T0,
};
use crate::engine::World;
use crate::errors::RedshiftError;
use crate::model::operations as op;
use crate::model::{Snapshot, Timestamp};

fn modify(w: &mut World, now: Timestamp, params: Value) -> Snapshot {
    ok::<op::ModifyClusterSnapshot>(w, &ctx(now), params)
        .snapshot
        .unwrap()
}

#[test]
fn modify_sets_the_period_and_retention_follows_it() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    // Nothing is due for s1: the change itself must ask the timeline.
    assert!(w.timeline.pending().all(|(_, wakeup)| wakeup.key != "s1"));
    let s = modify(
        &mut w,
        T0,
        json!({"SnapshotIdentifier": "S1", "ManualSnapshotRetentionPeriod": 2}),
    );
    assert_eq!(s.manual_snapshot_retention_period, Some(2));
    assert_eq!(s.manual_snapshot_remaining_days, Some(2));
    assert_eq!(s.status.as_deref(), Some("available"));
    w.tick(at(2.0 * DAY - 1.0));
    assert!(has_snapshot(&w, "s1"));
    w.tick(at(2.0 * DAY));
    assert!(!has_snapshot(&w, "s1"));
}

#[test]
fn a_longer_period_outlives_the_wake_up_of_the_shorter_one() {
    let mut w = world();
    crate::engine::testkit::snapshot_with(
        &mut w,
        "s1",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    modify(
        &mut w,
        T0,
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 3}),
    );
    w.tick(at(DAY));
    assert!(has_snapshot(&w, "s1"));
    w.tick(at(3.0 * DAY));
    assert!(!has_snapshot(&w, "s1"));
}

#[test]
fn modify_without_a_period_changes_nothing() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let before = crate::engine::testkit::state(&w);
    let s = modify(
        &mut w,
        T0,
        json!({"SnapshotIdentifier": "s1", "Force": true}),
    );
    assert_eq!(s.manual_snapshot_retention_period, Some(-1));
    assert_eq!(crate::engine::testkit::state(&w), before);
}

#[test]
fn modify_refuses_what_it_cannot_change() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let cases = [
        (
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 0}),
            RedshiftError::InvalidManualRetention(0),
        ),
        (
            json!({"SnapshotIdentifier": "nope", "ManualSnapshotRetentionPeriod": 5}),
            RedshiftError::ClusterSnapshotNotFound("nope".into()),
        ),
        (
            json!({"SnapshotIdentifier": AUTOMATED, "ManualSnapshotRetentionPeriod": 5}),
            RedshiftError::AutomatedSnapshotNotModifiable(AUTOMATED.into()),
        ),
    ];
    for (params, expected) in cases {
        let code = expected.code().to_owned();
        let err = refused::<op::ModifyClusterSnapshot>(&mut w, &ctx(T0), params, &code);
        assert_eq!(err, expected);
    }
    force(&mut w, "s1", SnapshotStatus::Creating);
    let err = refused::<op::ModifyClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 5}),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err,
        RedshiftError::SnapshotNotModifiable {
            id: "s1".into(),
            status: "creating".into()
        }
    );
}

#[test]
fn a_period_already_passed_needs_force_and_then_deletes() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let later = at(3.0 * DAY);
    let err = refused::<op::ModifyClusterSnapshot>(
        &mut w,
        &ctx(later),
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 3}),
        "InvalidRetentionPeriodFault",
    );
    assert_eq!(
        err,
        RedshiftError::RetentionPeriodPassed {
            id: "s1".into(),
            days: 3
        }
    );
    assert_eq!(
        record(&w, "s1").unwrap().retention,
        Retention::Manual {
            days: -1,
            start: T0
        }
    );
    // One more day is still ahead: no force needed.
    let kept = modify(
        &mut w,
        later,
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 4}),
    );
    assert_eq!(kept.manual_snapshot_remaining_days, Some(1));
    let forced = modify(
        &mut w,
        later,
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 1, "Force": true}),
    );
    assert_eq!(forced.status.as_deref(), Some("deleted"));
    assert_eq!(forced.manual_snapshot_retention_period, Some(1));
    assert_eq!(forced.manual_snapshot_remaining_days, Some(0));
    assert!(!has_snapshot(&w, "s1"));
}

#[test]
fn forced_deletion_follows_the_delete_rules() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", OTHER));
    let err = refused::<op::ModifyClusterSnapshot>(
        &mut w,
        &ctx(at(3.0 * DAY)),
        json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 1, "Force": true}),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(err, RedshiftError::SnapshotShared("s1".into()));
    assert!(has_snapshot(&w, "s1"));
}

#[test]
fn batch_modify_checks_the_call_then_each_snapshot() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    snapshot(&mut w, "s2", T0);
    let err = refused::<op::BatchModifyClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifierList": vec!["s1"; 101], "ManualSnapshotRetentionPeriod": 5}),
        "BatchModifyClusterSnapshotsLimitExceededFault",
    );
    assert_eq!(
        err,
        RedshiftError::BatchModifyClusterSnapshotsLimitExceeded(100)
    );
    refused::<op::BatchModifyClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifierList": ["s1"], "ManualSnapshotRetentionPeriod": 3654}),
        "InvalidRetentionPeriodFault",
    );
    let later = at(5.0 * DAY);
    snapshot(&mut w, "s3", later);
    let out = ok::<op::BatchModifyClusterSnapshots>(
        &mut w,
        &ctx(later),
        json!({
            "SnapshotIdentifierList": ["S3", "nope", "s1"],
            "ManualSnapshotRetentionPeriod": 2,
        }),
    );
    assert_eq!(out.resources, Some(vec!["s3".into()]));
    let errors = out.errors.unwrap();
    let codes: Vec<_> = errors
        .iter()
        .map(|e| e.failure_code.as_deref().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec!["ClusterSnapshotNotFound", "InvalidRetentionPeriodFault"]
    );
    assert_eq!(errors[1].snapshot_identifier.as_deref(), Some("s1"));
    let forced = ok::<op::BatchModifyClusterSnapshots>(
        &mut w,
        &ctx(later),
        json!({
            "SnapshotIdentifierList": ["s1", "s2"],
            "ManualSnapshotRetentionPeriod": 2,
            "Force": true,
        }),
    );
    assert_eq!(forced.resources, Some(vec!["s1".into(), "s2".into()]));
    assert_eq!(forced.errors, Some(Vec::new()));
    assert!(!has_snapshot(&w, "s1") && !has_snapshot(&w, "s2"));
    assert!(has_snapshot(&w, "s3"));
}
