//! Snapshot schedules on the clock: clusters that follow one take their
//! automated snapshots at its invocations; associations change
//! asynchronously; a world saved with them loads only when they hold.

use serde_json::{json, Value};

use crate::engine::clusters::ClusterRecord;
use crate::engine::testkit::{
    at, ctx, listed, ok, refused, world, world_with, ACCOUNT, AUTOMATED, DAY, REGION, T0,
};
use crate::engine::{Settings, World};
use crate::errors::ControlError;
use crate::model::operations as op;
use crate::model::Timestamp;

/// T0 is 2024-03-05T06:07:08Z: the schedule's first snapshot is at 18:00.
const TWICE_A_DAY: &str = "rate(12 hours)";

fn schedule(w: &mut World, id: &str, definitions: &[&str]) {
    ok::<op::CreateSnapshotSchedule>(
        w,
        &ctx(T0),
        json!({"ScheduleIdentifier": id, "ScheduleDefinitions": definitions}),
    );
}

fn associate(w: &mut World, now: Timestamp, params: Value) {
    let mut params = params;
    params["ClusterIdentifier"] = json!("c1");
    ok::<op::ModifyClusterSnapshotSchedule>(w, &ctx(now), params);
}

fn automated(w: &mut World, now: Timestamp) -> Vec<String> {
    listed(w, now, json!({"SnapshotType": "automated"}))
}

fn plan(w: &World) -> &crate::engine::snapshots::SnapshotPlan {
    &w.own::<ClusterRecord>(&ctx(T0), "c1")
        .unwrap()
        .snapshot_plan
}

#[test]
fn a_cluster_follows_its_schedule_and_returns_to_the_cadence_without_it() {
    let mut w = world();
    schedule(&mut w, "twice", &[TWICE_A_DAY]);
    associate(&mut w, T0, json!({"ScheduleIdentifier": "twice"}));
    assert_eq!(
        automated(&mut w, at(DAY - 1.0)),
        [
            AUTOMATED,
            "rs:c1-2024-03-05-12-00-00",
            "rs:c1-2024-03-06-00-00-00"
        ]
    );
    // Disassociated at 01:00: eight hours after the last one, the cadence.
    let one = Timestamp::from_datetime(
        chrono::DateTime::parse_from_rfc3339("2024-03-06T01:00:00Z")
            .unwrap()
            .into(),
    );
    associate(&mut w, one, json!({"DisassociateSchedule": true}));
    assert_eq!(plan(&w).schedule, None);
    let taken = automated(&mut w, one.plus_seconds(9.0 * 3600.0));
    assert_eq!(taken.last().unwrap(), "rs:c1-2024-03-06-08-00-00");
}

#[test]
fn an_association_is_modifying_for_the_worlds_update_time() {
    let mut w = world_with(Settings {
        snapshot_schedule_update_seconds: 600.0,
        ..Settings::default()
    });
    schedule(&mut w, "twice", &[TWICE_A_DAY]);
    schedule(&mut w, "daily", &["cron(0 3 *)"]);
    associate(&mut w, T0, json!({"ScheduleIdentifier": "twice"}));
    let modifying = plan(&w).schedule.clone().unwrap();
    assert_eq!(
        (modifying.state(), modifying.modifying_until),
        ("MODIFYING", Some(at(600.0)))
    );
    for (operation, params) in [
        (
            "ModifyClusterSnapshotSchedule",
            json!({"ClusterIdentifier": "c1", "ScheduleIdentifier": "daily"}),
        ),
        (
            "ModifySnapshotSchedule",
            json!({"ScheduleIdentifier": "twice", "ScheduleDefinitions": ["rate(6 hours)"]}),
        ),
        (
            "DeleteSnapshotSchedule",
            json!({"ScheduleIdentifier": "twice"}),
        ),
    ] {
        let code = match operation {
            "ModifySnapshotSchedule" => "SnapshotScheduleUpdateInProgress",
            _ => "InvalidClusterSnapshotScheduleState",
        };
        let c = ctx(at(599.0));
        let error = match operation {
            "ModifyClusterSnapshotSchedule" => {
                refused::<op::ModifyClusterSnapshotSchedule>(&mut w, &c, params, code)
            }
            "ModifySnapshotSchedule" => {
                refused::<op::ModifySnapshotSchedule>(&mut w, &c, params, code)
            }
            _ => refused::<op::DeleteSnapshotSchedule>(&mut w, &c, params, code),
        };
        assert_eq!(error.code(), code);
    }
    w.tick(at(600.0));
    assert_eq!(plan(&w).schedule.as_ref().unwrap().state(), "ACTIVE");
    // A disassociation is modifying too, then the association is gone.
    associate(&mut w, at(700.0), json!({"DisassociateSchedule": true}));
    assert_eq!(plan(&w).schedule.as_ref().unwrap().state(), "MODIFYING");
    w.tick(at(1300.0));
    assert_eq!(plan(&w).schedule, None);
    ok::<op::DeleteSnapshotSchedule>(
        &mut w,
        &ctx(at(1300.0)),
        json!({"ScheduleIdentifier": "twice"}),
    );
}

#[test]
fn a_modified_schedule_moves_its_clusters_next_snapshot() {
    let mut w = world();
    schedule(&mut w, "s", &[TWICE_A_DAY]);
    associate(&mut w, T0, json!({"ScheduleIdentifier": "s"}));
    // 12:00 is 5h52m52s after T0; 07:30, 1h22m52s.
    assert_eq!(plan(&w).next_at, Some(at(21_172.0)));
    ok::<op::ModifySnapshotSchedule>(
        &mut w,
        &ctx(T0),
        json!({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["cron(30 7 *)"]}),
    );
    assert_eq!(plan(&w).next_at, Some(at(4_972.0)));
}

#[test]
fn a_saved_world_with_schedules_loads_only_when_they_hold() {
    let mut w = world();
    schedule(&mut w, "s", &[TWICE_A_DAY]);
    associate(&mut w, T0, json!({"ScheduleIdentifier": "s"}));
    let text = w.save_json(ACCOUNT).unwrap();
    let (loaded, _) = World::load_json(&text).unwrap();
    assert_eq!(loaded.save_json(ACCOUNT).unwrap(), text);
    let place = |v: &mut Value| v["world"]["regions"][REGION][ACCOUNT].clone();
    let spoiled = |change: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let mut p = place(&mut v);
        change(&mut p);
        v["world"]["regions"][REGION][ACCOUNT] = p;
        match World::load_json(&v.to_string()) {
            Err(ControlError::InvalidSave(message)) => message,
            other => panic!("{other:?}"),
        }
    };
    let says = spoiled(&|p| p["snapshot_schedules"][0]["definitions"] = json!(["rate(5 minutes)"]));
    assert!(says.contains("definition rate(5 minutes)"), "{says}");
    let says = spoiled(&|p| p["snapshot_schedules"] = json!([]));
    assert!(says.contains("no snapshot schedule s"), "{says}");
    let says = spoiled(&|p| p["clusters"][0]["snapshot_plan"]["next_at"] = json!(1));
    assert!(
        says.contains("no wake-up takes its next automated snapshot"),
        "{says}"
    );
}
