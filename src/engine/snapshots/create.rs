//! CreateClusterSnapshot and CopyClusterSnapshot: the two ways a new manual
//! snapshot comes into being.

use std::sync::Arc;

use super::{Retention, SnapshotKind, SnapshotRecord, SnapshotStatus};
use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::identifiers::new_snapshot_identifier;
use crate::engine::name::Name;
use crate::engine::tags::tags_of;
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CopyClusterSnapshotMessage, CopyClusterSnapshotResult, CreateClusterSnapshotMessage,
    CreateClusterSnapshotResult,
};

impl World {
    /// CreateClusterSnapshot: a manual snapshot of an available cluster.
    pub fn create_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: CreateClusterSnapshotMessage,
    ) -> Outcome<CreateClusterSnapshotResult> {
        let id = new_snapshot_identifier("SnapshotIdentifier", &input.snapshot_identifier)?;
        let retention = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let tags = tags_of(input.tags)?;
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        cluster.require(&[ClusterStatus::Available])?;
        let mut record = SnapshotRecord::of(self, ctx, cluster, id, SnapshotKind::Manual);
        if let Some(days) = retention {
            record.set_manual_retention(days, ctx.now);
        }
        let (cluster_key, of) = (
            cluster.identifier().clone(),
            cluster.facts.cluster_create_time,
        );
        let snapshot = self.add_manual_snapshot(ctx, record, tags)?;
        self.release_restore_hold(ctx, &cluster_key, of);
        Ok(CreateClusterSnapshotResult {
            snapshot: Some(snapshot),
        })
    }

    /// CopyClusterSnapshot: a new manual snapshot from an available
    /// automated one (doc), taken now, owned and tagged afresh.
    pub fn copy_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: CopyClusterSnapshotMessage,
    ) -> Outcome<CopyClusterSnapshotResult> {
        let target = new_snapshot_identifier(
            "TargetSnapshotIdentifier",
            &input.target_snapshot_identifier,
        )?;
        let days = check_manual_retention(input.manual_snapshot_retention_period.unwrap_or(-1))?;
        let source = self.own_snapshot(
            ctx,
            &input.source_snapshot_identifier,
            input.source_snapshot_cluster_identifier.as_deref(),
        )?;
        if !source.is_automated() {
            return Err(RedshiftError::NotAutomatedSnapshot(source.id.to_string()));
        }
        source.require(&[SnapshotStatus::Available], |id, status| {
            RedshiftError::SnapshotNotCopyable { id, status }
        })?;
        if self.paused_clusters_latest_backup(ctx, source) {
            return Err(RedshiftError::PausedClusterSnapshot(source.id.to_string()));
        }
        let copy = SnapshotRecord {
            id: Name::from(target),
            facts: Arc::clone(&source.facts),
            status: SnapshotStatus::Creating,
            forced: None,
            created_at: ctx.now,
            ready_at: ctx
                .now
                .plus_seconds(self.settings.snapshot_creation_seconds),
            size_mb: source.size_mb,
            incremental_mb: source.incremental_mb,
            retention: Retention::Manual {
                days,
                start: ctx.now,
            },
            grantees: Box::default(),
            source_region: source.source_region.clone(),
            tables: source.tables.clone(),
        };
        let snapshot = self.add_manual_snapshot(ctx, copy, Vec::new())?;
        Ok(CopyClusterSnapshotResult {
            snapshot: Some(snapshot),
        })
    }
}
