//! Scheduled actions: invocations on the timeline, and the runner.

use serde_json::json;

use super::*;
use crate::engine::snapshots::SnapshotRecord;
use crate::engine::testkit::{at, ctx, ok, world, T0};
use crate::model::operations as op;

const ROLE: &str = "arn:aws:iam::123456789012:role/r";

/// A scheduled resume of `c1`, which is available, so each run fails (doc).
fn create(w: &mut World, schedule: &str) -> ScheduledAction {
    let params = json!({"ScheduledActionName": "a", "TargetAction": {"ResumeCluster": {"ClusterIdentifier": "c1"}},
                        "Schedule": schedule, "IamRole": ROLE});
    ok::<op::CreateScheduledAction>(w, &ctx(T0), params)
}

#[test]
fn the_service_runs_an_operation_through_the_table_without_a_call() {
    let mut w = world();
    w.inject_error("CreateClusterSnapshot", "ThrottlingException", None, 1)
        .unwrap();
    let calls = w.controls.calls.len();
    let params = json!({"SnapshotIdentifier": "by-the-service", "ClusterIdentifier": "c1"});
    crate::ops::dispatch(&mut w, &ctx(T0), "CreateClusterSnapshot", params).unwrap();
    assert!(w.own::<SnapshotRecord>(&ctx(T0), "by-the-service").is_ok());
    assert_eq!(
        w.controls.faults.len(),
        1,
        "a test's fault is for its own calls"
    );
    assert_eq!(w.controls.calls.len(), calls, "nor is it in the call log");
    assert!(matches!(
        crate::ops::dispatch(&mut w, &ctx(T0), "NoSuchOperation", json!({})),
        Err(RedshiftError::InvalidAction(_))
    ));
}

#[test]
fn each_invocation_wakes_the_action_and_the_next_is_due() {
    let mut w = world();
    let made = create(&mut w, "cron(30 * * * ? *)");
    let first = made.next_invocations.unwrap()[0];
    assert_eq!(first, at(23.0 * 60.0 - 8.0));
    w.tick(at(3.0 * 3600.0));
    let a = w.own::<ScheduledActionRecord>(&ctx(T0), "a").unwrap();
    assert_eq!(a.due, Some(at(3.0 * 3600.0 + 23.0 * 60.0 - 8.0)));
    let params = json!({"SourceType": "scheduled-action", "Duration": 600});
    let failed = ok::<op::DescribeEvents>(&mut w, &ctx(at(3.0 * 3600.0)), params)
        .events
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.severity.as_deref() == Some("ERROR"))
        .count();
    assert_eq!(failed, 3);
}

#[test]
fn a_stale_wake_up_does_nothing() {
    let mut w = world();
    create(&mut w, "at(2024-03-05T07:00:00)");
    ok::<op::ModifyScheduledAction>(
        &mut w,
        &ctx(T0),
        json!({"ScheduledActionName": "a", "Schedule": "at(2024-03-05T09:00:00)"}),
    );
    w.tick(at(3600.0));
    let a = w.own::<ScheduledActionRecord>(&ctx(T0), "a").unwrap();
    assert!(a.due.is_some(), "the old invocation's wake-up ran nothing");
}

#[test]
fn a_loaded_action_needs_its_wake_up() {
    let mut w = world();
    create(&mut w, "cron(0 1 * * ? *)");
    let text = w.save_json("123456789012").unwrap();
    assert!(World::load_json(&text).is_ok());
    let mut saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    let due = saved["world"]["timeline"]["due"].as_array_mut().unwrap();
    due.retain(|d| d[2]["kind"] != "ScheduledAction");
    let err = World::load_json(&saved.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no wake-up for its next invocation"), "{err}");
}
