//! ModifyClusterSnapshot and BatchModifyClusterSnapshots: a manual
//! snapshot's retention period, one by one or in bulk.

use super::delete::{failure, BATCH_LIMIT};
use super::{Retention, SnapshotRecord, SnapshotStatus};
use crate::engine::resources::Stored;
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    BatchModifyClusterSnapshotsMessage, BatchModifyClusterSnapshotsOutputMessage,
    ModifyClusterSnapshotMessage, ModifyClusterSnapshotResult, Snapshot,
};

impl World {
    /// ModifyClusterSnapshot.
    pub fn modify_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: ModifyClusterSnapshotMessage,
    ) -> Outcome<ModifyClusterSnapshotResult> {
        let days = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let force = input.force.unwrap_or(false);
        let snapshot = self.modify_retention(ctx, &input.snapshot_identifier, days, force)?;
        Ok(ModifyClusterSnapshotResult {
            snapshot: Some(snapshot),
        })
    }

    /// BatchModifyClusterSnapshots: the period and the size of the batch are
    /// checked for the whole call, everything else snapshot by snapshot.
    pub fn batch_modify_cluster_snapshots(
        &mut self,
        ctx: &Context,
        input: BatchModifyClusterSnapshotsMessage,
    ) -> Outcome<BatchModifyClusterSnapshotsOutputMessage> {
        if input.snapshot_identifier_list.len() > BATCH_LIMIT {
            return Err(RedshiftError::BatchModifyClusterSnapshotsLimitExceeded(
                BATCH_LIMIT,
            ));
        }
        let days = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let force = input.force.unwrap_or(false);
        let (mut resources, mut errors) = (Vec::new(), Vec::new());
        for identifier in &input.snapshot_identifier_list {
            match self.modify_retention(ctx, identifier, days, force) {
                Ok(modified) => resources.push(modified.snapshot_identifier.unwrap_or_default()),
                Err(e) => errors.push(failure(identifier, None, &e)),
            }
        }
        Ok(BatchModifyClusterSnapshotsOutputMessage {
            resources: Some(resources),
            errors: Some(errors),
        })
    }

    /// Gives one of the caller's manual snapshots a new retention period
    /// (`None` keeps it). A period that has already run out is refused, or
    /// with `force` deletes the snapshot now, by the rules of a delete (doc).
    fn modify_retention(
        &mut self,
        ctx: &Context,
        identifier: &str,
        days: Option<i64>,
        force: bool,
    ) -> Outcome<Snapshot> {
        let record = self.own_snapshot(ctx, identifier, None)?;
        let Retention::Manual { start, .. } = record.retention else {
            return Err(RedshiftError::AutomatedSnapshotNotModifiable(
                record.id.to_string(),
            ));
        };
        record.require(&[SnapshotStatus::Available], |id, status| {
            RedshiftError::SnapshotNotModifiable { id, status }
        })?;
        let Some(days) = days else {
            return Ok(self.render_own_snapshot(ctx, record, None));
        };
        let mut changed = record.clone();
        changed.set_manual_retention(days, start);
        let expiry = changed.expires_at();
        if expiry.is_some_and(|t| t <= ctx.now) {
            if !force {
                return Err(RedshiftError::RetentionPeriodPassed {
                    id: record.id.to_string(),
                    days,
                });
            }
            let mut deleted = self.delete_snapshot(ctx, identifier, None)?;
            deleted.manual_snapshot_retention_period = Some(days);
            deleted.manual_snapshot_remaining_days = Some(0);
            return Ok(deleted);
        }
        let key = changed.id.clone();
        let answer = self.render_own_snapshot(ctx, &changed, None);
        if let Some(slot) = self.place_mut(ctx).and_then(|p| p.snapshots.get_mut(&key)) {
            *slot = changed;
        }
        if let Some(at) = expiry {
            self.schedule(ctx, at, SnapshotRecord::KIND, &key);
        }
        Ok(answer)
    }
}
