//! Helpers for the engine's unit tests: a caller, inputs written as JSON,
//! and a world with a cluster to take snapshots of.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::{Context, Outcome, Settings, World};
use crate::errors::RedshiftError;
use crate::model::Timestamp;

/// The default caller's account.
pub const ACCOUNT: &str = "123456789012";
/// Another account of the same region.
pub const OTHER: &str = "210987654321";
/// The start of every test's clock.
pub const T0: Timestamp = Timestamp(1_700_000_000_000_000);
/// One day, in seconds.
pub const DAY: f64 = 86_400.0;

/// `account` calling in us-east-1 at `now`.
pub fn ctx_of(account: &'static str, now: Timestamp) -> Context<'static> {
    Context {
        account,
        region: "us-east-1",
        now,
    }
}

/// The default caller at `now`.
pub fn ctx(now: Timestamp) -> Context<'static> {
    ctx_of(ACCOUNT, now)
}

/// An operation input written as the validator would hand it over.
pub fn input<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("test input matches its struct")
}

/// A world with `settings` where the default caller has an available
/// cluster `c1` (and its first automated snapshot) at [`T0`].
pub fn world_with(settings: Settings) -> World {
    let mut world = World::new(settings);
    world
        .create_cluster(
            &ctx(T0),
            input(json!({
                "ClusterIdentifier": "c1",
                "NodeType": "dc2.large",
                "MasterUsername": "admin",
                "NumberOfNodes": 2,
            })),
        )
        .expect("c1 is created");
    world
}

/// [`world_with`] default settings.
pub fn world() -> World {
    world_with(Settings::default())
}

/// The default caller takes manual snapshot `id` of `c1` at `now`.
pub fn snapshot(world: &mut World, id: &str, now: Timestamp) {
    world
        .create_cluster_snapshot(
            &ctx(now),
            input(json!({"SnapshotIdentifier": id, "ClusterIdentifier": "c1"})),
        )
        .expect("snapshot is created");
}

/// The identifier of `c1`'s automated snapshot.
pub fn automated_id(world: &World) -> String {
    world
        .place(&ctx(T0))
        .and_then(|p| p.snapshots.keys().find(|k| k.starts_with("rs:")).cloned())
        .expect("c1 has an automated snapshot")
}

/// Whether the default caller still has snapshot `id`.
pub fn has_snapshot(world: &World, id: &str) -> bool {
    world
        .place(&ctx(T0))
        .is_some_and(|p| p.snapshots.contains_key(id))
}

/// Runs a call that must fail with `code`, and checks it changed nothing.
pub fn refused<T: std::fmt::Debug>(
    w: &mut World,
    code: &str,
    call: impl FnOnce(&mut World) -> Outcome<T>,
) -> RedshiftError {
    let before = w.clone();
    let err = call(w).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(*w, before, "a failing call changed the world");
    err
}
