//! Injected faults, the call log and forced snapshot statuses.

use serde_json::json;

use super::super::{CallLog, Controls};
use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    call, ctx, described_one, listed, ok, snapshot, state, world, ACCOUNT, OTHER, REGION, T0,
};
use crate::engine::World;
use crate::errors::{ControlError, RedshiftError};
use crate::model::operations as op;
use crate::ops::invoke;

/// The error codes of the logged calls, from the `from`-th.
fn logged_codes(w: &World, from: usize) -> Vec<Option<String>> {
    (from..w.controls.calls.len())
        .map(|i| {
            w.controls
                .calls
                .get(i)
                .and_then(|c| c.error_code.map(str::to_owned))
        })
        .collect()
}

#[test]
fn injected_faults_fire_in_order_then_stop_and_change_nothing() {
    let mut w = world();
    w.inject_error("CreateClusterSnapshot", "ThrottlingException", None, 2)
        .unwrap();
    w.inject_error(
        "CreateClusterSnapshot",
        "ServiceUnavailable",
        Some("down"),
        1,
    )
    .unwrap();
    let before = state(&w);
    let create = json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"});
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        let err = call::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), create.clone()).unwrap_err();
        outcomes.push((err.code().to_owned(), err.to_string(), err.status()));
        // The faulted calls changed nothing.
        assert_eq!(state(&w), before);
    }
    assert_eq!(
        outcomes,
        [
            (
                "ThrottlingException".to_owned(),
                "Rate exceeded".to_owned(),
                400
            ),
            (
                "ThrottlingException".to_owned(),
                "Rate exceeded".to_owned(),
                400
            ),
            ("ServiceUnavailable".to_owned(), "down".to_owned(), 503),
        ]
    );
    ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), create);
    assert!(w.controls.faults.is_empty());
    let expected = [
        "ThrottlingException",
        "ThrottlingException",
        "ServiceUnavailable",
    ]
    .map(|c| Some(c.to_owned()));
    assert_eq!(logged_codes(&w, 1)[..3], expected);
    assert_eq!(logged_codes(&w, 4), [None]);
    assert_eq!(
        listed(&mut w, T0, json!({"SnapshotType": "manual"})),
        ["s1"]
    );
}

#[test]
fn injected_faults_touch_only_their_operation() {
    let mut w = world();
    w.inject_error("DeleteClusterSnapshot", "ThrottlingException", None, 1)
        .unwrap();
    ok::<op::DescribeClusters>(&mut w, &ctx(T0), json!({}));
    assert_eq!(w.controls.faults.len(), 1);
}

#[test]
fn inject_error_checks_its_arguments() {
    let mut w = World::default();
    for (operation, code, count) in [
        ("delete_cluster_snapshot", "X", 1),
        ("DeleteClusterSnapshot", "", 1),
        ("DeleteClusterSnapshot", "A B", 1),
        ("DeleteClusterSnapshot", "X", 0),
        ("DeleteClusterSnapshot", "X", i64::from(u32::MAX) + 1),
    ] {
        let err = w.inject_error(operation, code, None, count).unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::UnknownOperation(_)
                    | ControlError::InvalidCode(_)
                    | ControlError::InvalidCount(_)
            ),
            "{err:?}"
        );
    }
    assert!(w.controls.faults.is_empty());
}

#[test]
fn the_call_log_keeps_answered_calls_in_order() {
    let mut w = world();
    let _ =
        call::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), json!({"SnapshotIdentifier": "nope"}));
    assert_eq!(
        invoke(&mut w, &ctx(T0), "NoSuchOperation", json!({})).unwrap_err(),
        RedshiftError::InvalidAction("NoSuchOperation".to_owned())
    );
    let calls = &w.controls.calls;
    assert_eq!(
        calls.len(),
        2,
        "an unknown action is not answered by the service"
    );
    let first = calls.get(0).unwrap();
    assert_eq!((first.operation, first.error_code), ("CreateCluster", None));
    let second = calls.get(1).unwrap();
    assert_eq!(second.operation, "DeleteClusterSnapshot");
    assert_eq!(second.params(), json!({"SnapshotIdentifier": "nope"}));
    assert_eq!((second.region, second.account), (REGION, ACCOUNT));
    assert_eq!(second.error_code, Some("ClusterSnapshotNotFound"));
    assert!(calls.get(2).is_none());
    w.reset();
    assert!(w.controls.calls.is_empty());
    assert!(w.regions.is_empty() && w.timeline.pending().next().is_none());
}

#[test]
fn the_call_log_names_each_caller_and_can_be_off() {
    let mut log = CallLog::default();
    assert!(log.is_recording());
    let x = crate::errors::RedshiftError::injected("X", None);
    for (account, error) in [(ACCOUNT, None), (OTHER, Some(&x)), (ACCOUNT, None)] {
        log.push(
            &crate::engine::testkit::ctx_of(account, T0),
            0,
            &json!({ "n": account }),
            error,
        );
    }
    let accounts: Vec<_> = (0..log.len())
        .map(|i| log.get(i).map(|c| (c.account, c.error_code, c.params())))
        .collect();
    assert_eq!(
        accounts,
        [
            Some((ACCOUNT, None, json!({ "n": ACCOUNT }))),
            Some((OTHER, Some("X"), json!({ "n": OTHER }))),
            Some((ACCOUNT, None, json!({ "n": ACCOUNT }))),
        ]
    );
    log.clear();
    assert!(log.is_empty() && log.is_recording());
    let mut off = CallLog::new(false);
    off.push(&ctx(T0), 0, &json!({}), None);
    assert!(off.is_empty());
    off.clear();
    assert!(!off.is_recording());
    // A reset keeps whether calls are recorded.
    let mut w = World {
        controls: Controls {
            calls: CallLog::new(false),
            ..Controls::default()
        },
        ..World::default()
    };
    w.reset();
    assert!(!w.controls.calls.is_recording());
}

#[test]
fn forced_statuses_override_the_clock_until_released() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    w.set_snapshot_status(REGION, ACCOUNT, "S1", Some("failed"))
        .unwrap();
    let status = |w: &mut World| described_one(w, T0, "s1").unwrap().status.unwrap();
    assert_eq!(status(&mut w), "failed");
    w.set_snapshot_status(REGION, ACCOUNT, "s1", Some("creating"))
        .unwrap();
    assert_eq!(
        call::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), json!({"SnapshotIdentifier": "s1"}))
            .unwrap_err()
            .code(),
        "InvalidClusterSnapshotState"
    );
    w.set_snapshot_status(REGION, ACCOUNT, "s1", None).unwrap();
    assert_eq!(status(&mut w), "available");
    assert_eq!(
        w.set_snapshot_status(REGION, ACCOUNT, "s1", Some("deleted")),
        Err(ControlError::InvalidStatus("deleted".to_owned()))
    );
    assert!(matches!(
        w.set_snapshot_status(REGION, OTHER, "s1", Some("failed")),
        Err(ControlError::NoSuchSnapshot { .. })
    ));
    assert!(matches!(
        w.set_snapshot_status("eu-west-1", ACCOUNT, "s1", Some("failed")),
        Err(ControlError::NoSuchSnapshot { .. })
    ));
    for status in SnapshotStatus::ALL {
        assert_eq!(SnapshotStatus::parse(status.as_str()), Some(status));
    }
}
