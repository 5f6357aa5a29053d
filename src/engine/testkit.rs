//! Helpers for the engine's unit tests: callers, calls with inputs written
//! as JSON run through the operation table as every door runs them (the
//! clock's passage acts before and after), a world with a cluster, and the
//! one [`refused`] that checks a failing call changed nothing.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::resources::ResourceKind;
use super::snapshots::{SnapshotRecord, SnapshotStatus};
use super::{Context, Outcome, Settings, World};
use crate::errors::RedshiftError;
use crate::model::operations as op;
use crate::model::{
    Cluster, ClustersMessage, Operation, Output, Snapshot, SnapshotMessage, Timestamp,
};
use crate::ops::invoke;

/// The default caller's account.
pub const ACCOUNT: &str = "123456789012";
/// Another account of the same region.
pub const OTHER: &str = "210987654321";
/// A third account.
pub const THIRD: &str = "111122223333";
/// The region every helper calls in.
pub const REGION: &str = "us-east-1";
/// The start of every test's clock: 2024-03-05T06:07:08Z.
pub const T0: Timestamp = Timestamp(1_709_618_828_000_000);
/// One day, in seconds.
pub const DAY: f64 = 86_400.0;
/// The first automated snapshot of a cluster `c1` that became available at [`T0`].
pub const AUTOMATED: &str = "rs:c1-2024-03-05-06-07-08";

/// `account` calling in [`REGION`] at `now`, as its default principal (an
/// IAM user of that account).
pub fn ctx_of(account: &'static str, now: Timestamp) -> Context<'static> {
    let principal = match account {
        OTHER => "arn:aws:iam::210987654321:user/redshift-fake",
        THIRD => "arn:aws:iam::111122223333:user/redshift-fake",
        _ => "arn:aws:iam::123456789012:user/redshift-fake",
    };
    Context {
        account,
        region: REGION,
        principal,
        now,
    }
}

/// The default caller at `now`.
pub fn ctx(now: Timestamp) -> Context<'static> {
    ctx_of(ACCOUNT, now)
}

/// [`T0`] plus `seconds`.
pub fn at(seconds: f64) -> Timestamp {
    T0.plus_seconds(seconds)
}

/// Runs operation `O` as every door does (through the operation table, so
/// the clock's passage acts before and after it and the call is logged),
/// and reads its answer back as the model's output type.
pub fn call<O: Operation>(w: &mut World, ctx: &Context, params: Value) -> Outcome<O::Output>
where
    O::Output: DeserializeOwned,
{
    let output = invoke(w, ctx, O::NAME, params)?;
    let json = match output {
        Output::Nothing(_) => Value::Null,
        other => serde_json::to_value(other).expect("an output renders as JSON"),
    };
    Ok(serde_json::from_value(json).expect("an output reads back as its shape"))
}

/// [`call`] that must succeed.
pub fn ok<O: Operation>(w: &mut World, ctx: &Context, params: Value) -> O::Output
where
    O::Output: DeserializeOwned,
{
    call::<O>(w, ctx, params).unwrap_or_else(|e| panic!("{} failed: {e}", O::NAME))
}

/// What a call may change: the world without the test run's controls (the
/// call log and the faults).
pub fn state(w: &World) -> World {
    World {
        controls: Default::default(),
        ..w.clone()
    }
}

/// Runs `O`, which must fail with `code` and change nothing: the world after
/// the call is the world as the call found it (once the clock had acted).
pub fn refused<O: Operation>(
    w: &mut World,
    ctx: &Context,
    params: Value,
    code: &str,
) -> RedshiftError
where
    O::Output: DeserializeOwned + std::fmt::Debug,
{
    w.tick(ctx.now);
    let before = state(w);
    let err = call::<O>(w, ctx, params).expect_err("the call must fail");
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(state(w), before, "a failing {} changed the world", O::NAME);
    err
}

/// The caller makes single-node dc2.large cluster `id` at `ctx.now`.
pub fn cluster(w: &mut World, ctx: &Context, id: &str, extra: Value) -> Cluster {
    let mut params = json!({"ClusterIdentifier": id, "NodeType": "dc2.large",
                            "MasterUsername": "admin", "MasterUserPassword": "Secret123"});
    merge(&mut params, extra);
    ok::<op::CreateCluster>(w, ctx, params)
        .cluster
        .expect("a cluster")
}

/// The caller makes subnet group `name` of one subnet of its default VPC.
pub fn subnet_group(w: &mut World, ctx: &Context, name: &str) {
    ok::<op::CreateClusterSubnetGroup>(
        w,
        ctx,
        json!({"ClusterSubnetGroupName": name, "Description": "d", "SubnetIds": ["subnet-0a1b2c3d"]}),
    );
}

/// A world with `settings` where the default caller made a two-node
/// cluster `c1` at [`T0`] (available at once with the default settings,
/// with its first automated snapshot).
pub fn world_with(settings: Settings) -> World {
    let mut w = World::new(settings);
    cluster(&mut w, &ctx(T0), "c1", json!({"NumberOfNodes": 2}));
    w
}

/// [`world_with`] the default settings.
pub fn world() -> World {
    world_with(Settings::default())
}

/// Adds the members of `extra` (an object) to `params`.
pub fn merge(params: &mut Value, extra: Value) {
    if let (Some(p), Value::Object(e)) = (params.as_object_mut(), extra) {
        p.extend(e);
    }
}

/// The default caller takes manual snapshot `id` of `c1` at `now`.
pub fn snapshot(w: &mut World, id: &str, now: Timestamp) -> Snapshot {
    snapshot_with(w, id, now, json!({}))
}

/// [`snapshot`] with more members of CreateClusterSnapshot.
pub fn snapshot_with(w: &mut World, id: &str, now: Timestamp, extra: Value) -> Snapshot {
    let mut params = json!({"SnapshotIdentifier": id, "ClusterIdentifier": "c1"});
    merge(&mut params, extra);
    ok::<op::CreateClusterSnapshot>(w, &ctx(now), params)
        .snapshot
        .expect("a snapshot")
}

/// The default caller deletes cluster `id` at `now`, skipping the final snapshot.
pub fn delete_cluster(w: &mut World, now: Timestamp, id: &str) -> Cluster {
    let params = json!({"ClusterIdentifier": id, "SkipFinalClusterSnapshot": true});
    ok::<op::DeleteCluster>(w, &ctx(now), params)
        .cluster
        .expect("a cluster")
}

/// What a test takes of one page of a listing: its items, and its marker.
pub type Page = (Vec<String>, Option<String>);

/// Every page of listing `O` for the default caller at `now`, from the first,
/// with `between(world, page)` run after each page that has a next one:
/// what `read` takes of the pages, in order.
pub fn every_page<O: Operation>(
    w: &mut World,
    now: Timestamp,
    params: Value,
    mut between: impl FnMut(&mut World, usize),
    read: impl Fn(O::Output) -> Page,
) -> Vec<String>
where
    O::Output: DeserializeOwned,
{
    let (mut seen, mut params) = (Vec::new(), params);
    for page in 0.. {
        let (items, marker) = read(ok::<O>(w, &ctx(now), params.clone()));
        seen.extend(items);
        let Some(marker) = marker else { break };
        params["Marker"] = json!(marker);
        between(w, page);
    }
    seen
}

/// The identifiers of a page of DescribeClusterSnapshots.
pub fn snapshot_page(m: SnapshotMessage) -> Page {
    let found = m.snapshots.unwrap_or_default();
    let ids = ids(&found).into_iter().map(str::to_owned).collect();
    (ids, m.marker.map(String::from))
}

/// The identifiers of a page of DescribeClusters.
pub fn cluster_page(m: ClustersMessage) -> Page {
    let ids = m.clusters.into_iter().flatten();
    (
        ids.filter_map(|c| c.cluster_identifier.map(String::from))
            .collect(),
        m.marker.map(String::from),
    )
}

/// DescribeClusterSnapshots: the snapshots `ctx` sees with these parameters.
pub fn described(w: &mut World, ctx: &Context, params: Value) -> Outcome<Vec<Snapshot>> {
    call::<op::DescribeClusterSnapshots>(w, ctx, params).map(|m| m.snapshots.unwrap_or_default())
}

/// The identifiers of snapshots.
pub fn ids(snapshots: &[Snapshot]) -> Vec<&str> {
    snapshots
        .iter()
        .filter_map(|s| s.snapshot_identifier.as_deref())
        .collect()
}

/// The identifiers DescribeClusterSnapshots lists for the default caller.
pub fn listed(w: &mut World, now: Timestamp, params: Value) -> Vec<String> {
    let found = described(w, &ctx(now), params).expect("a listing");
    ids(&found).into_iter().map(str::to_owned).collect()
}

/// Snapshot `id` as the default caller sees it at `now`.
pub fn described_one(w: &mut World, now: Timestamp, id: &str) -> Outcome<Snapshot> {
    described(w, &ctx(now), json!({ "SnapshotIdentifier": id })).map(|mut found| found.remove(0))
}

/// Cluster `id` as its owner sees it at `ctx.now`.
pub fn described_cluster(w: &mut World, ctx: &Context, id: &str) -> Outcome<Cluster> {
    call::<op::DescribeClusters>(w, ctx, json!({ "ClusterIdentifier": id }))
        .map(|m| m.clusters.unwrap_or_default().remove(0))
}

/// The status of the default caller's cluster `id` at `now`.
pub fn cluster_status(w: &mut World, now: Timestamp, id: &str) -> Outcome<String> {
    described_cluster(w, &ctx(now), id).map(|c| c.cluster_status.unwrap_or_default().into())
}

/// The default caller's snapshot record `id`, if it has it.
pub fn record<'w>(w: &'w World, id: &str) -> Option<&'w SnapshotRecord> {
    w.place(&ctx(T0)).and_then(|p| p.snapshots.get(id))
}

/// Whether the default caller still has snapshot `id`.
pub fn has_snapshot(w: &World, id: &str) -> bool {
    record(w, id).is_some()
}

/// Forces the status of the default caller's snapshot `id`.
pub fn force(w: &mut World, id: &str, status: SnapshotStatus) {
    w.set_snapshot_status(REGION, ACCOUNT, id, Some(status.as_str()))
        .expect("the snapshot exists");
}

/// The tags of the default caller's resource, as `(key, value)` pairs.
pub fn tags_of(w: &World, kind: ResourceKind, key: &str) -> Vec<crate::engine::tags::Pair> {
    w.place(&ctx(T0))
        .map(|p| p.tags.of(kind, key).to_vec())
        .unwrap_or_default()
}
