//! Snapshot rules, by operation family: create and copy, describe, delete
//! (SPEC section 4, check by check), access, modify, restore, and the
//! automated snapshots clusters take on the clock.

mod access;
mod automated;
mod create;
mod delete;
mod describe;
mod modify;
mod restore;

use serde_json::{json, Value};

use crate::engine::testkit::{snapshot, world_with, T0};
use crate::engine::{Settings, World};

/// A world with cluster `c1` (and its automated snapshot) and manual snapshot `s1`.
fn world_s1(settings: Settings) -> World {
    let mut w = world_with(settings);
    snapshot(&mut w, "s1", T0);
    w
}

/// AuthorizeSnapshotAccess or RevokeSnapshotAccess of snapshot `id` for `account`.
fn access(id: &str, account: &str) -> Value {
    json!({"SnapshotIdentifier": id, "AccountWithRestoreAccess": account})
}

/// DeleteClusterSnapshot of snapshot `id`, from `cluster` if given.
fn delete(id: &str, cluster: Option<&str>) -> Value {
    match cluster {
        Some(c) => json!({"SnapshotIdentifier": id, "SnapshotClusterIdentifier": c}),
        None => json!({ "SnapshotIdentifier": id }),
    }
}
