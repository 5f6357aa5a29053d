//! DeleteClusterSnapshot (the seed's seven checks, in AWS's order) and
//! BatchDeleteClusterSnapshots, which runs each item through them.

use super::{SnapshotRecord, SnapshotStatus};
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::Name;
use crate::model::{
    BatchDeleteClusterSnapshotsRequest, BatchDeleteClusterSnapshotsResult,
    DeleteClusterSnapshotMessage, DeleteClusterSnapshotResult, Snapshot, SnapshotErrorMessage,
};

/// Snapshot identifiers one batch call may name (doc: 100 for both batches).
pub const BATCH_LIMIT: usize = 100;

/// One failed item of a batch, as `Errors` reports it.
pub fn failure(
    identifier: &str,
    cluster: Option<&str>,
    error: &RedshiftError,
) -> SnapshotErrorMessage {
    SnapshotErrorMessage {
        snapshot_identifier: Some(Name::from(identifier)),
        snapshot_cluster_identifier: cluster.map(Name::from),
        failure_code: Some(Name::from(error.code())),
        failure_reason: Some(Name::from(error.to_string())),
    }
}

impl World {
    /// DeleteClusterSnapshot: SPEC section 4, in order; a refusal changes nothing.
    pub fn delete_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: DeleteClusterSnapshotMessage,
    ) -> Outcome<DeleteClusterSnapshotResult> {
        let snapshot = self.delete_snapshot(
            ctx,
            &input.snapshot_identifier,
            input.snapshot_cluster_identifier.as_deref(),
        )?;
        Ok(DeleteClusterSnapshotResult {
            snapshot: Some(snapshot),
        })
    }

    /// Deletes one manual snapshot of the caller's, or says why not; answers
    /// it whole, `deleted`.
    pub(super) fn delete_snapshot(
        &mut self,
        ctx: &Context,
        identifier: &str,
        cluster: Option<&str>,
    ) -> Outcome<Snapshot> {
        let record = self.own_snapshot(ctx, identifier, cluster)?;
        if record.is_automated() {
            return Err(RedshiftError::NotManualSnapshot(record.id.to_string()));
        }
        record.require(
            &[
                SnapshotStatus::Available,
                SnapshotStatus::Failed,
                SnapshotStatus::Cancelled,
            ],
            |id, status| RedshiftError::SnapshotNotDeletable { id, status },
        )?;
        if !record.grantees.is_empty() {
            return Err(RedshiftError::SnapshotShared(record.id.to_string()));
        }
        let arn = World::arn_of(ctx, record);
        if let Some(cluster) = self.cluster_using_snapshot(ctx, &arn) {
            return Err(RedshiftError::SnapshotInUse {
                id: record.id.to_string(),
                cluster,
            });
        }
        let answer = self.render_own_snapshot(ctx, record, Some(super::DELETED));
        let key = record.id.clone();
        self.remove_snapshot(ctx, &key);
        Ok(answer)
    }

    /// One of the caller's snapshots as the caller sees it.
    pub(super) fn render_own_snapshot(
        &self,
        ctx: &Context,
        record: &SnapshotRecord,
        status: Option<Name>,
    ) -> Snapshot {
        let empty = crate::engine::tags::TagStore::default();
        let tags = self.place(ctx).map_or(&empty, |p| &p.tags);
        record.render(ctx, ctx.account, tags, status)
    }

    /// BatchDeleteClusterSnapshots: each item follows DeleteClusterSnapshot's
    /// rules on its own; too many items and nothing is deleted.
    pub fn batch_delete_cluster_snapshots(
        &mut self,
        ctx: &Context,
        input: BatchDeleteClusterSnapshotsRequest,
    ) -> Outcome<BatchDeleteClusterSnapshotsResult> {
        if input.identifiers.len() > BATCH_LIMIT {
            return Err(RedshiftError::BatchDeleteRequestSizeExceeded(BATCH_LIMIT));
        }
        let (mut resources, mut errors) = (Vec::new(), Vec::new());
        for item in &input.identifiers {
            let cluster = item.snapshot_cluster_identifier.as_deref();
            match self.delete_snapshot(ctx, &item.snapshot_identifier, cluster) {
                Ok(deleted) => resources.push(deleted.snapshot_identifier.unwrap_or_default()),
                Err(e) => errors.push(failure(&item.snapshot_identifier, cluster, &e)),
            }
        }
        Ok(BatchDeleteClusterSnapshotsResult {
            resources: Some(resources),
            errors: Some(errors),
        })
    }
}
