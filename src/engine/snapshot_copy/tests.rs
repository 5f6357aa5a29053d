//! Cross-region copy on the clock: the copies, their retention, and a saved
//! world's copy settings.

use serde_json::{json, Value};

use super::*;
use crate::engine::testkit::{
    at, ctx, ok, snapshot, world_with, ACCOUNT, AUTOMATED, DAY, REGION, T0,
};
use crate::engine::Settings;
use crate::errors::ControlError;
use crate::model::operations as op;

const WEST: &str = "us-west-2";

fn west(now: crate::model::Timestamp) -> Context<'static> {
    Context {
        region: WEST,
        ..ctx(now)
    }
}

/// The identifiers and retention of the copies in the west.
fn copies(w: &World) -> Vec<(String, Retention, Option<String>)> {
    w.place(&west(T0))
        .into_iter()
        .flat_map(|p| p.snapshots.values())
        .map(|s| {
            (
                s.id.to_string(),
                s.retention,
                s.source_region.as_deref().map(str::to_owned),
            )
        })
        .collect()
}

fn enabled(settings: Settings) -> World {
    let mut w = world_with(settings);
    ok::<op::EnableSnapshotCopy>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "DestinationRegion": WEST, "RetentionPeriod": 2,
               "ManualSnapshotRetentionPeriod": 10}),
    );
    w
}

#[test]
fn new_snapshots_are_copied_once_available_with_the_copys_retention() {
    let mut w = enabled(Settings {
        snapshot_creation_seconds: 60.0,
        ..Settings::default()
    });
    snapshot(&mut w, "m1", at(10.0));
    assert!(copies(&w).is_empty(), "not before they are available");
    w.tick(at(70.0));
    // The first automated snapshot, done creating after copy was enabled,
    // and the manual one.
    assert_eq!(
        copies(&w),
        [
            (
                "m1".to_owned(),
                Retention::Manual {
                    days: 10,
                    start: at(70.0)
                },
                Some(REGION.to_owned())
            ),
            (
                AUTOMATED.to_owned(),
                Retention::Automated { days: 2 },
                Some(REGION.to_owned())
            )
        ]
    );
    // The next automated snapshot, eight hours after the first.
    w.tick(at(8.0 * 3600.0 + 60.0));
    let next = "rs:c1-2024-03-05-14-07-08";
    assert!(copies(&w).iter().any(|(id, _, _)| id == next));
    // Gone after the copy's two days, while the source (one day) went sooner.
    w.tick(at(2.0 * DAY + 8.0 * 3600.0 + 61.0));
    assert!(copies(&w).iter().all(|(id, _, _)| id != next));
    assert!(!copies(&w).iter().any(|(id, _, _)| id == AUTOMATED));
}

#[test]
fn a_shorter_copy_retention_removes_the_copies_past_it() {
    let mut w = enabled(Settings::default());
    w.tick(at(DAY));
    let before = copies(&w).len();
    assert_eq!(before, 3, "{:?}", copies(&w));
    ok::<op::ModifySnapshotCopyRetentionPeriod>(
        &mut w,
        &ctx(at(DAY + 1.0)),
        json!({"ClusterIdentifier": "c1", "RetentionPeriod": 1}),
    );
    // The one taken at T0 + 8h is a day old at T0 + 1d + 8h; new copies
    // are kept a day too.
    w.tick(at(DAY + 8.0 * 3600.0));
    let kept: Vec<(String, Retention)> = copies(&w).into_iter().map(|(id, r, _)| (id, r)).collect();
    let day = Retention::Automated { days: 1 };
    assert_eq!(
        kept,
        [
            ("rs:c1-2024-03-05-22-07-08".to_owned(), day),
            ("rs:c1-2024-03-06-06-07-08".to_owned(), day),
            ("rs:c1-2024-03-06-14-07-08".to_owned(), day),
        ]
    );
}

#[test]
fn a_saved_world_keeps_only_copies_the_api_could_have_set_up() {
    let w = enabled(Settings::default());
    let text = w.save_json(ACCOUNT).unwrap();
    World::load_json(&text).unwrap();
    for (member, value, says) in [
        ("destination", json!("mars-1"), "Invalid region mars-1"),
        ("destination", json!(REGION), "Invalid region us-east-1"),
        ("retention_days", json!(36), "must be between 1 and 35"),
        (
            "grant",
            json!("g1"),
            "no snapshot copy grant g1 in us-west-2",
        ),
    ] {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["world"]["regions"][REGION][ACCOUNT]["clusters"][0]["snapshot_plan"]["copy"][member] =
            value;
        match World::load_json(&v.to_string()) {
            Err(ControlError::InvalidSave(message)) => {
                assert!(message.contains(says), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn destinations_are_other_regions_of_the_partition() {
    assert_eq!(check_destination(REGION, WEST), Ok(WEST));
    for (source, destination, code) in [
        (REGION, REGION, "UnknownSnapshotCopyRegionFault"),
        (REGION, "cn-north-1", "UnknownSnapshotCopyRegionFault"),
        (REGION, "us-west-9", "UnknownSnapshotCopyRegionFault"),
        ("cn-north-1", "cn-northwest-1", ""),
    ] {
        let result = check_destination(source, destination);
        assert_eq!(
            result
                .err()
                .map(|e| e.code().to_owned())
                .unwrap_or_default(),
            code
        );
    }
}
