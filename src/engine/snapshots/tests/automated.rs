//! Automated snapshots on the clock, in the states only the engine can
//! put a cluster in here (pausing is another area's operation).

use serde_json::json;

use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::testkit::{at, ctx, listed, world, AUTOMATED, DAY};

#[test]
fn a_paused_cluster_takes_no_automated_snapshots_and_keeps_its_latest() {
    let mut w = world();
    w.own_mut::<ClusterRecord>(&ctx(at(0.0)), "c1")
        .unwrap()
        .status = ClusterStatus::Paused;
    // SPEC section 8: no automated snapshot while paused; the doc keeps the
    // latest past its period.
    let automated = json!({"SnapshotType": "automated"});
    assert_eq!(
        listed(&mut w, at(3.0 * DAY), automated.clone()),
        [AUTOMATED]
    );
    let c1 = w.own::<ClusterRecord>(&ctx(at(0.0)), "c1").unwrap();
    // Its cadence goes on, so that it resumes on the same grid.
    assert_eq!(c1.snapshot_plan.next_at, Some(at(3.0 * DAY + 8.0 * 3600.0)));
    w.own_mut::<ClusterRecord>(&ctx(at(0.0)), "c1")
        .unwrap()
        .status = ClusterStatus::Available;
    assert_eq!(
        listed(&mut w, at(3.0 * DAY + 8.0 * 3600.0), automated),
        ["rs:c1-2024-03-08-14-07-08"]
    );
}
