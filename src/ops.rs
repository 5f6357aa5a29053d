//! The operation table: which model operations the engine implements, and
//! how a validated input reaches its engine method. Every door calls
//! [`invoke`]; adding an operation is one line here plus its engine method.

use std::cell::Cell;

use serde::Serialize;
use serde_json::Value;

use crate::engine::{Context, World};
use crate::errors::RedshiftError;
use crate::model::{
    BatchSnapshotResult, ClusterResult, ClustersMessage, NoOutput, SnapshotMessage, SnapshotResult,
    TaggedResourceListMessage,
};

macro_rules! outputs {
    ($($variant:ident($shape:ty),)*) => {
        /// An operation's output: one variant per output shape of the model.
        /// Rendered as the inner shape alone.
        #[derive(Debug, Clone, Serialize)]
        #[serde(untagged)]
        pub enum Output {
            $($variant($shape),)*
        }

        $(impl From<$shape> for Output {
            fn from(o: $shape) -> Self {
                Output::$variant(o)
            }
        })*
    };
}

outputs! {
    Snapshot(SnapshotResult),
    Cluster(ClusterResult),
    Snapshots(SnapshotMessage),
    Clusters(ClustersMessage),
    Batch(BatchSnapshotResult),
    Tags(TaggedResourceListMessage),
    Nothing(NoOutput),
}

/// Why an operation did not answer.
#[derive(Debug)]
pub enum Failure {
    /// The model has the operation; the fake does not implement it yet.
    NotImplemented,
    /// Amazon Redshift would have answered with this error.
    Service(RedshiftError),
}

impl From<RedshiftError> for Failure {
    fn from(e: RedshiftError) -> Self {
        Failure::Service(e)
    }
}

fn input<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, Failure> {
    T::deserialize(value)
        .map_err(|e| Failure::Service(RedshiftError::MalformedInput(e.to_string())))
}

/// Runs `operation` on the world with validated input, as the service would:
/// an error a test injected for it wins (and changes nothing); otherwise the
/// clock's passage acts, then the operation. Every call the service answers
/// goes into the call log.
pub fn invoke(
    world: &mut World,
    ctx: &Context,
    operation: &str,
    params: Value,
) -> Result<Output, Failure> {
    let result = match world.take_fault(operation) {
        Some(error) => Err(Failure::Service(error)),
        None => run(world, ctx, operation, &params),
    };
    let error_code = match &result {
        Ok(_) => None,
        Err(Failure::Service(e)) => Some(e.code()),
        Err(Failure::NotImplemented) => return result,
    };
    world.record_call(ctx, operation, &params, error_code);
    result
}

macro_rules! operations {
    ($($name:literal => $method:ident,)*) => {
        /// The PascalCase names of the implemented operations.
        pub const IMPLEMENTED: &[&str] = &[$($name),*];

        /// Runs an implemented operation; the clock's passage acts first.
        fn run(world: &mut World, ctx: &Context, operation: &str, params: &Value) -> Result<Output, Failure> {
            match operation {
                $($name => {
                    world.tick(ctx.now);
                    Ok(world.$method(ctx, input(params)?)?.into())
                })*
                _ => Err(Failure::NotImplemented),
            }
        }
    };
}

operations! {
    "AuthorizeSnapshotAccess" => authorize_snapshot_access,
    "BatchDeleteClusterSnapshots" => batch_delete_cluster_snapshots,
    "BatchModifyClusterSnapshots" => batch_modify_cluster_snapshots,
    "CopyClusterSnapshot" => copy_cluster_snapshot,
    "CreateCluster" => create_cluster,
    "CreateClusterSnapshot" => create_cluster_snapshot,
    "CreateTags" => create_tags,
    "DeleteCluster" => delete_cluster,
    "DeleteClusterSnapshot" => delete_cluster_snapshot,
    "DeleteTags" => delete_tags,
    "DescribeClusterSnapshots" => describe_cluster_snapshots,
    "DescribeClusters" => describe_clusters,
    "DescribeTags" => describe_tags,
    "ModifyClusterSnapshot" => modify_cluster_snapshot,
    "RestoreFromClusterSnapshot" => restore_from_cluster_snapshot,
    "RevokeSnapshotAccess" => revoke_snapshot_access,
}

thread_local! {
    static REQUEST_SEQUENCE: Cell<u64> = const { Cell::new(0x9e37_79b9_7f4a_7c15) };
}

/// A fresh request id, shaped like AWS's (a version 4 UUID).
pub fn request_id() -> String {
    let next = REQUEST_SEQUENCE.with(|s| {
        let v = s.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        s.set(v);
        v
    });
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let (a, b) = (mix(next), mix(next ^ 0x5555_5555_5555_5555));
    // 128 bits, of which the version (4) and variant (10) bits are fixed;
    // written as hex by hand, which is several times cheaper than `format!`.
    const VERSION_MASK: u128 = 0xf << 76;
    const VARIANT_MASK: u128 = 0x3 << 62;
    let raw = (u128::from(a) << 64) | u128::from(b);
    let bits = (raw & !VERSION_MASK & !VARIANT_MASK) | (0x4 << 76) | (0x2 << 62);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for i in 0..32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(HEX[(bits >> (124 - 4 * i)) as usize & 0xf] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::request_id;

    #[test]
    fn request_ids_are_distinct_version_4_uuids() {
        let (a, b) = (request_id(), request_id());
        assert_ne!(a, b);
        for id in [a, b] {
            let groups: Vec<&str> = id.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
            assert!(id
                .chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{id}");
        }
    }
}
