//! DeleteCluster.

use super::{ClusterRecord, ClusterStatus};
use crate::engine::identifiers::new_snapshot_identifier;
use crate::engine::snapshots::{SnapshotKind, SnapshotRecord};
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{DeleteClusterMessage, DeleteClusterResult};

impl World {
    /// DeleteCluster: takes the final snapshot unless told to skip it, removes
    /// the cluster's automated snapshots and keeps its manual ones (doc). The
    /// deletion takes the world's deletion time; with a final snapshot the
    /// cluster is `final-snapshot` for the first part of it, while the
    /// snapshot is taken, then `deleting` (doc); a stage of no time is not
    /// shown.
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
        cluster.require(ClusterStatus::LIVE)?;
        let key = cluster.identifier().clone();
        let mut stage = (
            ClusterStatus::Deleting,
            self.settings.cluster_deletion_seconds,
        );
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
                // A paused cluster can be deleted with a final snapshot (doc).
                cluster.require(&[ClusterStatus::Available, ClusterStatus::Paused])?;
                let mut snapshot =
                    SnapshotRecord::of(self, ctx, cluster, snapshot_id, SnapshotKind::Manual);
                if let Some(days) = retention {
                    snapshot.set_manual_retention(days, ctx.now);
                }
                self.add_manual_snapshot(ctx, snapshot, Vec::new())?;
                let taking = self.final_snapshot_seconds();
                if taking > 0.0 {
                    stage = (ClusterStatus::FinalSnapshot, taking);
                }
            }
            (true, None) => {}
        }
        self.remove_snapshots(ctx, |s| s.is_automated() && *s.cluster_identifier() == key);
        self.begin_cluster_transition(ctx, &key, stage.0, stage.1);
        Ok(DeleteClusterResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }
}

impl World {
    /// How much of a deletion the final snapshot takes: the snapshot's
    /// creation time, within the deletion time.
    pub(super) fn final_snapshot_seconds(&self) -> f64 {
        let s = &self.settings;
        s.snapshot_creation_seconds.min(s.cluster_deletion_seconds)
    }
}
