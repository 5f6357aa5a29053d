//! Table restores on the clock.

use serde_json::{json, Value};

use super::*;
use crate::engine::testkit::{
    at, ctx, delete_cluster, ok, refused, snapshot, world_with, ACCOUNT, REGION, T0,
};
use crate::engine::{Settings, World};
use crate::model::operations as op;

fn restoring(seconds: f64) -> World {
    let mut w = world_with(Settings {
        table_restore_seconds: seconds,
        ..Settings::default()
    });
    snapshot(&mut w, "s1", T0);
    w
}

fn restore(w: &mut World, table: &str) -> TableRestoreStatus {
    ok::<op::RestoreTableFromClusterSnapshot>(
        w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1",
               "SourceDatabaseName": "dev", "SourceTableName": "t", "NewTableName": table}),
    )
    .table_restore_status
    .unwrap()
}

fn status(w: &mut World, seconds: f64) -> (String, i64) {
    let found = ok::<op::DescribeTableRestoreStatus>(w, &ctx(at(seconds)), json!({}));
    let last = found.table_restore_status_details.unwrap().pop().unwrap();
    (
        last.status.unwrap().to_string(),
        last.progress_in_mega_bytes.unwrap(),
    )
}

#[test]
fn a_restore_moves_through_its_states_on_the_clock_and_only_forward() {
    let mut w = restoring(100.0);
    let made = restore(&mut w, "t2");
    assert_eq!(made.status.as_deref(), Some("PENDING"));
    assert_eq!(made.total_data_in_mega_bytes, Some(48));
    assert_eq!(status(&mut w, 25.0), ("IN_PROGRESS".to_owned(), 12));
    assert_eq!(status(&mut w, 100.0), ("SUCCEEDED".to_owned(), 48));
    assert_eq!(status(&mut w, -1000.0), ("SUCCEEDED".to_owned(), 48));
}

#[test]
fn one_restore_at_a_time_and_a_taken_name_fails() {
    let mut w = restoring(100.0);
    let first = restore(&mut w, "t2");
    let error = refused::<op::RestoreTableFromClusterSnapshot>(
        &mut w,
        &ctx(at(50.0)),
        json!({"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1",
               "SourceDatabaseName": "dev", "SourceTableName": "t", "NewTableName": "t3"}),
        "InProgressTableRestoreQuotaExceededFault",
    );
    assert!(error
        .to_string()
        .contains(first.table_restore_request_id.as_deref().unwrap()));
    w.tick(at(100.0));
    restore(&mut w, "T2");
    w.tick(at(300.0));
    let place = w.place(&ctx(T0)).unwrap();
    let last = place
        .table_restores
        .values()
        .find(|r| r.target.table == "T2")
        .unwrap();
    assert_eq!(last.state, TableRestoreState::Failed);
    assert_eq!(
        last.message.as_deref(),
        Some("Table dev.public.T2 already exists.")
    );
}

#[test]
fn a_restore_into_a_cluster_deleted_meanwhile_fails() {
    let mut w = restoring(100.0);
    restore(&mut w, "t2");
    delete_cluster(&mut w, at(10.0), "c1");
    w.tick(at(100.0));
    let r = w
        .place(&ctx(T0))
        .unwrap()
        .table_restores
        .values()
        .next()
        .unwrap();
    assert_eq!(
        (r.state, r.message.as_deref()),
        (
            TableRestoreState::Failed,
            Some("Cluster c1 no longer exists.")
        )
    );
}

#[test]
fn a_saved_running_restore_needs_its_wake_up() {
    let mut w = restoring(100.0);
    restore(&mut w, "t2");
    let text = w.save_json(ACCOUNT).unwrap();
    World::load_json(&text).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["world"]["regions"][REGION][ACCOUNT]["table_restores"][0]["ends"] = json!(1);
    let said = World::load_json(&v.to_string()).unwrap_err().to_string();
    assert!(said.contains("ends after it is requested"), "{said}");
    // Without the restore's wake-ups (at T0 and T0 + 100 s).
    let ends = T0.0 + 100_000_000;
    v["world"]["timeline"]["due"]
        .as_array_mut()
        .unwrap()
        .retain(|d| d[0] != json!(T0.0) && d[0] != json!(ends));
    v["world"]["regions"][REGION][ACCOUNT]["table_restores"][0]["ends"] = json!(ends);
    let said = World::load_json(&v.to_string()).unwrap_err().to_string();
    assert!(said.contains("no wake-up ends it"), "{said}");
}
