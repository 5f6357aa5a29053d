//! RestoreFromClusterSnapshot, and what a restored cluster keeps of its
//! snapshot: its `RestoreStatus`, and its hold on the snapshot until a newer
//! backup of the cluster exists (fact: deleting the snapshot before then is
//! refused).

use super::identifiers::{key, parse_snapshot_arn};
use super::{ClusterRecord, Context, Outcome, Place, SnapshotRecord, World};
use crate::errors::RedshiftError;
use crate::model::inputs::{CreateClusterMessage, RestoreFromClusterSnapshotMessage};
use crate::model::{ClusterResult, RestoreStatus, Timestamp};

impl Place {
    /// The cluster, if any, that was restored from the snapshot of that ARN
    /// and has no newer backup yet, so still depends on it.
    pub(super) fn cluster_using_snapshot(&self, arn: &str, now: Timestamp) -> Option<String> {
        self.clusters
            .values()
            .find(|c| {
                c.restored_from.as_deref() == Some(arn)
                    && c.deleting_until.is_none()
                    && !self.has_backup_since_creation(c, now)
            })
            .and_then(|c| c.cluster.cluster_identifier.clone())
    }

    /// Whether an available snapshot of the cluster was taken since it was
    /// made (a same-named older cluster's snapshots do not count).
    fn has_backup_since_creation(&self, cluster: &ClusterRecord, now: Timestamp) -> bool {
        let id = cluster.cluster.cluster_identifier.as_deref();
        let since = cluster.cluster.cluster_create_time;
        self.snapshots.values().any(|s| {
            s.snapshot.cluster_identifier.as_deref() == id
                && s.snapshot.snapshot_create_time >= since
                && s.status(now) == "available"
        })
    }
}

impl ClusterRecord {
    /// The cluster's `RestoreStatus` at `now`, if it was restored: the
    /// stored one is the finished restore's; while the cluster is being
    /// created it is worked out from the clock.
    pub(super) fn restore_status(&self, now: Timestamp) -> Option<RestoreStatus> {
        let done = self.cluster.restore_status.as_ref()?;
        if now >= self.available_at {
            return Some(done.clone());
        }
        let start = self.cluster.cluster_create_time.unwrap_or(now);
        Some(restore_progress(done, start, self.available_at, now))
    }
}

/// A restore from `start` to `end` seen at `at`, before it completes.
fn restore_progress(
    done: &RestoreStatus,
    start: Timestamp,
    end: Timestamp,
    at: Timestamp,
) -> RestoreStatus {
    let duration = start.seconds_until(end).max(0.0);
    let elapsed = start.seconds_until(at).clamp(0.0, duration);
    let size = done.snapshot_size_in_mega_bytes as f64;
    let rate = if duration > 0.0 { size / duration } else { 0.0 };
    RestoreStatus {
        status: if elapsed > 0.0 {
            "restoring"
        } else {
            "starting"
        }
        .to_owned(),
        current_restore_rate_in_mega_bytes_per_second: (rate * 1000.0).round() / 1000.0,
        snapshot_size_in_mega_bytes: done.snapshot_size_in_mega_bytes,
        progress_in_mega_bytes: (rate * elapsed) as i64,
        elapsed_time_in_seconds: elapsed as i64,
        estimated_time_to_completion_in_seconds: (duration - elapsed).ceil() as i64,
    }
}

impl World {
    /// The snapshot a restore names, if the caller may restore from it: its
    /// own, or (with `OwnerAccount` or an ARN) one its owner shared with it.
    fn restorable(
        &self,
        ctx: &Context,
        input: &RestoreFromClusterSnapshotMessage,
    ) -> Outcome<&SnapshotRecord> {
        let (name, owner, id, cluster) = match (
            input.snapshot_identifier.as_deref(),
            input.snapshot_arn.as_deref(),
        ) {
            (Some(_), Some(_)) => return Err(RedshiftError::SnapshotNamedTwice),
            (None, None) => return Err(RedshiftError::SnapshotNotNamed),
            (Some(id), None) => (
                id,
                input.owner_account.as_deref().unwrap_or(ctx.account),
                key(id),
                input.snapshot_cluster_identifier.as_deref().map(key),
            ),
            (None, Some(arn)) => {
                let not_found = || RedshiftError::ClusterSnapshotNotFound(arn.to_owned());
                let (region, account, cluster, id) =
                    parse_snapshot_arn(arn).ok_or_else(not_found)?;
                if region != ctx.region {
                    return Err(not_found());
                }
                (arn, account, key(id), Some(key(cluster)))
            }
        };
        let not_found = || RedshiftError::ClusterSnapshotNotFound(name.to_owned());
        let record = self
            .regions
            .get(ctx.region)
            .and_then(|r| r.get(owner))
            .and_then(|p| p.snapshots.get(&id))
            .ok_or_else(not_found)?;
        if cluster.is_some_and(|c| record.snapshot.cluster_identifier.as_deref() != Some(&c)) {
            return Err(not_found());
        }
        if owner != ctx.account && !record.shared_with(ctx.account) {
            return Err(RedshiftError::SnapshotRestoreNotAuthorized {
                account: ctx.account.to_owned(),
                id,
            });
        }
        let status = record.status(ctx.now);
        if status != "available" {
            return Err(RedshiftError::SnapshotNotRestorable {
                id,
                status: status.to_owned(),
            });
        }
        Ok(record)
    }

    /// RestoreFromClusterSnapshot: a new cluster shaped like the snapshot's
    /// (node type, number of nodes, database, port, encryption), unless the
    /// call says otherwise, checked like any new cluster.
    pub fn restore_from_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: RestoreFromClusterSnapshotMessage,
    ) -> Outcome<ClusterResult> {
        let source = self.restorable(ctx, &input)?;
        let s = &source.snapshot;
        let nodes = input
            .number_of_nodes
            .unwrap_or(s.number_of_nodes.unwrap_or(1));
        if nodes < 1 {
            return Err(RedshiftError::InvalidNumberOfNodes(nodes));
        }
        // The defaults a restore takes from the cluster of the snapshot, when
        // the caller still has that cluster.
        let origin = (source.owner() == ctx.account)
            .then(|| {
                let id = s.cluster_identifier.as_deref()?;
                self.place(ctx)?.clusters.get(id)
            })
            .flatten()
            .map(|c| &c.cluster);
        let message = CreateClusterMessage {
            db_name: s.db_name.clone(),
            cluster_identifier: input.cluster_identifier.clone(),
            node_type: input
                .node_type
                .clone()
                .or_else(|| s.node_type.clone())
                .unwrap_or_default(),
            master_username: s.master_username.clone().unwrap_or_default(),
            cluster_subnet_group_name: input.cluster_subnet_group_name.clone(),
            availability_zone: input
                .availability_zone
                .clone()
                .or_else(|| s.availability_zone.clone()),
            preferred_maintenance_window: input.preferred_maintenance_window.clone(),
            cluster_parameter_group_name: input.cluster_parameter_group_name.clone(),
            automated_snapshot_retention_period: input
                .automated_snapshot_retention_period
                .or_else(|| origin.and_then(|c| c.automated_snapshot_retention_period))
                .or(source.automated_retention_days),
            manual_snapshot_retention_period: input
                .manual_snapshot_retention_period
                .or_else(|| origin.and_then(|c| c.manual_snapshot_retention_period)),
            port: input.port.or(s.port),
            cluster_version: s.cluster_version.clone(),
            allow_version_upgrade: input.allow_version_upgrade,
            number_of_nodes: Some(nodes),
            publicly_accessible: input.publicly_accessible,
            encrypted: Some(input.encrypted.unwrap_or(false) || s.encrypted.unwrap_or(false)),
            kms_key_id: input.kms_key_id.clone().or_else(|| s.kms_key_id.clone()),
            enhanced_vpc_routing: input.enhanced_vpc_routing.or(s.enhanced_vpc_routing),
            maintenance_track_name: input
                .maintenance_track_name
                .clone()
                .or_else(|| s.maintenance_track_name.clone()),
            default_iam_role_arn: input.default_iam_role_arn.clone(),
            ip_address_type: input.ip_address_type.clone(),
            multi_az: input.multi_az,
            ..CreateClusterMessage::default()
        };
        let size = s.total_backup_size_in_mega_bytes.unwrap_or(0.0);
        let restored_from = s.snapshot_arn.clone();
        let mut record = self.new_cluster(ctx, &message)?;
        let start = ctx.now;
        let duration = start.seconds_until(record.available_at).max(0.0);
        let done = RestoreStatus {
            status: "completed".to_owned(),
            current_restore_rate_in_mega_bytes_per_second: if duration > 0.0 {
                ((size / duration) * 1000.0).round() / 1000.0
            } else {
                0.0
            },
            snapshot_size_in_mega_bytes: size.round() as i64,
            progress_in_mega_bytes: size.round() as i64,
            elapsed_time_in_seconds: duration as i64,
            estimated_time_to_completion_in_seconds: 0,
        };
        let answer_status = restore_progress(&done, start, record.available_at, start);
        record.cluster.restore_status = Some(done);
        record.restored_from = restored_from;
        let mut cluster = self.add_cluster(ctx, record);
        cluster.restore_status = Some(answer_status);
        Ok(ClusterResult { cluster })
    }
}
