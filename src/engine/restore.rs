//! RestoreFromClusterSnapshot, and what a restored cluster keeps of its
//! snapshot: its `RestoreStatus`, and its hold on the snapshot until a newer
//! backup of the cluster exists (fact: deleting the snapshot before then is
//! refused).

use super::snapshots::Target;
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
        if input.snapshot_identifier.is_some() && input.snapshot_arn.is_some() {
            return Err(RedshiftError::SnapshotNamedTwice);
        }
        let target = Target {
            identifier: input.snapshot_identifier.as_deref(),
            arn: input.snapshot_arn.as_deref(),
            cluster: input.snapshot_cluster_identifier.as_deref(),
            // AWS: OwnerAccount is "required if you do not own the snapshot".
            owner: Some(input.owner_account.as_deref().unwrap_or(ctx.account)),
        };
        if target.identifier.is_none() && target.arn.is_none() {
            return Err(RedshiftError::SnapshotNotNamed);
        }
        let record = self
            .named(ctx, &target)
            .ok_or_else(|| RedshiftError::ClusterSnapshotNotFound(target.name().to_owned()))?;
        let id = record
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        if record.owner() != ctx.account && !record.shared_with(ctx.account) {
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testkit::{
        automated_id, ctx, ctx_of, has_snapshot, input, snapshot, world, world_with, OTHER, T0,
    };
    use super::super::Settings;
    use super::*;
    use crate::model::Cluster;

    fn restore(w: &mut World, c: &Context, body: serde_json::Value) -> Outcome<Cluster> {
        w.restore_from_cluster_snapshot(c, input(body))
            .map(|r| r.cluster)
    }

    fn delete(w: &mut World, at: Timestamp, id: &str) -> Outcome<()> {
        w.delete_cluster_snapshot(&ctx(at), input(json!({ "SnapshotIdentifier": id })))
            .map(|_| ())
    }

    #[test]
    fn a_restored_cluster_takes_the_snapshots_shape() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let c = restore(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "R1", "SnapshotIdentifier": "S1"}),
        )
        .unwrap();
        assert_eq!(c.cluster_identifier.as_deref(), Some("r1"));
        assert_eq!(c.cluster_status.as_deref(), Some("creating"));
        assert_eq!(c.node_type.as_deref(), Some("dc2.large"));
        assert_eq!(c.number_of_nodes, Some(2));
        assert_eq!(c.master_username.as_deref(), Some("admin"));
        let status = c.restore_status.unwrap();
        assert_eq!(status.status, "starting");
        assert_eq!(status.snapshot_size_in_mega_bytes, 48);
        let record = &w.place(&ctx(T0)).unwrap().clusters["r1"];
        assert_eq!(
            record.restored_from.as_deref(),
            Some("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1")
        );
        let seen = record.view(T0);
        assert_eq!(seen.cluster_status.as_deref(), Some("available"));
        assert_eq!(seen.restore_status.unwrap().status, "completed");
        let resized = restore(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "r2", "SnapshotIdentifier": "s1",
                   "NodeType": "ra3.xlplus", "NumberOfNodes": 4}),
        )
        .unwrap();
        assert_eq!(resized.node_type.as_deref(), Some("ra3.xlplus"));
        assert_eq!(resized.number_of_nodes, Some(4));
    }

    #[test]
    fn restore_status_follows_the_clock() {
        let mut w = world_with(Settings {
            cluster_creation_seconds: 100.0,
            ..Settings::default()
        });
        let later = T0.plus_seconds(100.0);
        snapshot(&mut w, "s1", later);
        restore(
            &mut w,
            &ctx(later),
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
        )
        .unwrap();
        let record = w.place(&ctx(T0)).unwrap().clusters["r1"].clone();
        let midway = record.view(later.plus_seconds(25.0));
        let status = midway.restore_status.unwrap();
        assert_eq!(midway.cluster_status.as_deref(), Some("creating"));
        assert_eq!(status.status, "restoring");
        assert_eq!(status.progress_in_mega_bytes, 12);
        assert_eq!(status.elapsed_time_in_seconds, 25);
        assert_eq!(status.estimated_time_to_completion_in_seconds, 75);
        let done = record
            .view(later.plus_seconds(100.0))
            .restore_status
            .unwrap();
        assert_eq!(done.status, "completed");
        assert_eq!(done.progress_in_mega_bytes, 48);
        assert_eq!(done.elapsed_time_in_seconds, 100);
        assert_eq!(done.estimated_time_to_completion_in_seconds, 0);
        assert!(w.place(&ctx(T0)).unwrap().clusters["c1"]
            .view(later)
            .restore_status
            .is_none());
    }

    #[test]
    fn restore_refuses_bad_requests() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let c = ctx(T0);
        let cases = [
            (
                json!({"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1"}),
                RedshiftError::ClusterAlreadyExists("c1".into()),
            ),
            (
                json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "nope"}),
                RedshiftError::ClusterSnapshotNotFound("nope".into()),
            ),
            (
                json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                       "SnapshotClusterIdentifier": "c2"}),
                RedshiftError::ClusterSnapshotNotFound("s1".into()),
            ),
            (
                json!({"ClusterIdentifier": "r1"}),
                RedshiftError::SnapshotNotNamed,
            ),
            (
                json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                       "SnapshotArn": "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1"}),
                RedshiftError::SnapshotNamedTwice,
            ),
            (
                json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1", "NumberOfNodes": 0}),
                RedshiftError::InvalidNumberOfNodes(0),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(restore(&mut w, &c, body).unwrap_err(), expected);
        }
        let too_many = restore(
            &mut w,
            &c,
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1", "NumberOfNodes": 129}),
        );
        assert_eq!(
            too_many.unwrap_err().code(),
            "NumberOfNodesPerClusterLimitExceeded"
        );
        let bad_id = restore(
            &mut w,
            &c,
            json!({"ClusterIdentifier": "r--1", "SnapshotIdentifier": "s1"}),
        );
        assert_eq!(bad_id.unwrap_err().code(), "InvalidParameterValue");
        if let Some(r) = w.place_mut(&c).and_then(|p| p.snapshots.get_mut("s1")) {
            r.forced_status = Some("failed".into());
        }
        let failed = restore(
            &mut w,
            &c,
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
        );
        assert_eq!(
            failed.unwrap_err(),
            RedshiftError::SnapshotNotRestorable {
                id: "s1".into(),
                status: "failed".into()
            }
        );
        assert!(!w.place(&c).unwrap().clusters.contains_key("r1"));
    }

    #[test]
    fn a_shared_snapshot_is_restored_by_owner_account_or_arn() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let theirs = ctx_of(OTHER, T0);
        let by_owner = json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                              "OwnerAccount": "123456789012"});
        assert_eq!(
            restore(&mut w, &theirs, by_owner.clone()).unwrap_err(),
            RedshiftError::SnapshotRestoreNotAuthorized {
                account: OTHER.into(),
                id: "s1".into()
            }
        );
        // Without OwnerAccount, the name is looked up among the caller's own.
        assert_eq!(
            restore(
                &mut w,
                &theirs,
                json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"})
            )
            .unwrap_err(),
            RedshiftError::ClusterSnapshotNotFound("s1".into())
        );
        w.authorize_snapshot_access(
            &ctx(T0),
            input(json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER})),
        )
        .unwrap();
        restore(&mut w, &theirs, by_owner).unwrap();
        let arn = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";
        restore(
            &mut w,
            &theirs,
            json!({"ClusterIdentifier": "r2", "SnapshotArn": arn}),
        )
        .unwrap();
        let wrong_region = "arn:aws:redshift:eu-west-1:123456789012:snapshot:c1/s1";
        assert_eq!(
            restore(
                &mut w,
                &theirs,
                json!({"ClusterIdentifier": "r3", "SnapshotArn": wrong_region})
            )
            .unwrap_err()
            .code(),
            "ClusterSnapshotNotFound"
        );
        let mine = w.place(&theirs).unwrap();
        assert!(mine.clusters.contains_key("r1") && mine.clusters.contains_key("r2"));
    }

    #[test]
    fn the_snapshot_is_in_use_until_a_newer_backup_is_available() {
        let mut w = world_with(Settings {
            cluster_creation_seconds: 60.0,
            ..Settings::default()
        });
        let t1 = T0.plus_seconds(60.0);
        snapshot(&mut w, "s1", t1);
        restore(
            &mut w,
            &ctx(t1),
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1"}),
        )
        .unwrap();
        assert_eq!(
            delete(&mut w, t1.plus_seconds(30.0), "s1").unwrap_err(),
            RedshiftError::SnapshotInUse {
                id: "s1".into(),
                cluster: "r1".into()
            }
        );
        // The restored cluster's first automated backup frees it.
        delete(&mut w, t1.plus_seconds(60.0), "s1").unwrap();
    }

    #[test]
    fn without_automated_backups_a_manual_one_frees_the_snapshot() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        restore(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                   "AutomatedSnapshotRetentionPeriod": 0}),
        )
        .unwrap();
        let err = delete(&mut w, T0, "s1").unwrap_err();
        assert_eq!(err.code(), "InvalidClusterSnapshotState");
        assert_eq!(
            err.to_string(),
            "You can't delete snapshot s1 because it is used by cluster r1. The snapshot can be deleted after a newer backup is created."
        );
        let batch = w
            .batch_delete_cluster_snapshots(
                &ctx(T0),
                input(json!({"Identifiers": [{"SnapshotIdentifier": "s1"}]})),
            )
            .unwrap();
        assert_eq!(batch.errors.len(), 1);
        w.create_cluster_snapshot(
            &ctx(T0),
            input(json!({"SnapshotIdentifier": "r1-backup", "ClusterIdentifier": "r1"})),
        )
        .unwrap();
        delete(&mut w, T0, "s1").unwrap();
        assert!(!has_snapshot(&w, "s1"));
    }

    #[test]
    fn deleting_the_restored_cluster_frees_the_snapshot() {
        let mut w = world();
        let auto = automated_id(&w);
        snapshot(&mut w, "s1", T0);
        restore(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "r1", "SnapshotIdentifier": "s1",
                   "AutomatedSnapshotRetentionPeriod": 0}),
        )
        .unwrap();
        // An automated snapshot cannot be deleted, but it can be restored from.
        restore(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "r2", "SnapshotIdentifier": auto}),
        )
        .unwrap();
        w.delete_cluster(
            &ctx(T0),
            input(json!({"ClusterIdentifier": "r1", "SkipFinalClusterSnapshot": true})),
        )
        .unwrap();
        delete(&mut w, T0, "s1").unwrap();
    }
}
