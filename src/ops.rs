//! The operation table: which model operations the engine implements, and
//! how a validated input reaches its engine method. Every door calls
//! [`invoke`]; adding an operation is one line here plus its engine method.

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
