//! DeleteCluster.

use super::{ClusterRecord, ClusterStatus};
use crate::engine::identifiers::new_snapshot_identifier;
use crate::engine::snapshots::{SnapshotKind, SnapshotRecord};
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{DeleteClusterMessage, DeleteClusterResult};

impl World {
    /// DeleteCluster: takes the final snapshot unless told to skip it, removes
    /// the cluster's automated snapshots and keeps its manual ones (doc).
    pub fn delete_cluster(
        &mut self,
        ctx: &Context,
        input: DeleteClusterMessage,
    ) -> Outcome<DeleteClusterResult> {
        let skip = input.skip_final_cluster_snapshot.unwrap_or(false);
        // A popular workflow tool sends `FinalClusterSnapshotIdentifier=""`
        // with `SkipFinalClusterSnapshot=True` (SPEC section 7).
        let final_id = input
            .final_cluster_snapshot_identifier
            .as_deref()
            .filter(|s| !s.is_empty());
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        cluster.require(&[
            ClusterStatus::Available,
            ClusterStatus::Creating,
            ClusterStatus::Modifying,
            ClusterStatus::Paused,
            ClusterStatus::Pausing,
            ClusterStatus::Rebooting,
            ClusterStatus::Renaming,
            ClusterStatus::Resizing,
            ClusterStatus::Resuming,
            ClusterStatus::RotatingKeys,
            ClusterStatus::CancellingResize,
        ])?;
        let key = cluster.identifier().clone();
        match (skip, final_id) {
            (true, Some(_)) => return Err(RedshiftError::FinalSnapshotWithSkip),
            (false, None) => return Err(RedshiftError::FinalSnapshotRequired),
            (false, Some(final_id)) => {
                let snapshot_id =
                    new_snapshot_identifier("FinalClusterSnapshotIdentifier", final_id)?;
                let retention = input
                    .final_cluster_snapshot_retention_period
                    .map(check_manual_retention)
                    .transpose()?;
                cluster.require(&[ClusterStatus::Available, ClusterStatus::Paused])?;
                let mut snapshot =
                    SnapshotRecord::of(self, ctx, cluster, snapshot_id, SnapshotKind::Manual);
                if let Some(days) = retention {
                    snapshot.set_manual_retention(days, ctx.now);
                }
                self.add_manual_snapshot(ctx, snapshot, Vec::new())?;
            }
            (true, None) => {}
        }
        self.remove_snapshots(ctx, |s| s.is_automated() && *s.cluster_identifier() == key);
        let seconds = self.settings.cluster_deletion_seconds;
        self.begin_cluster_transition(ctx, &key, ClusterStatus::Deleting, seconds);
        let place = self
            .place(ctx)
            .ok_or_else(|| RedshiftError::ClusterNotFound(key.to_string()))?;
        let cluster = place
            .clusters
            .get(&key)
            .ok_or_else(|| RedshiftError::ClusterNotFound(key.to_string()))?;
        Ok(DeleteClusterResult {
            cluster: Some(cluster.render(ctx, &place.tags)),
        })
    }
}
