//! PauseCluster, ResumeCluster, RebootCluster, RotateEncryptionKey and
//! FailoverPrimaryCompute: the operations that move a cluster through a
//! transitional status on the clock, or swap its compute.

use std::ops::Bound;
use std::sync::Arc;

use super::{ClusterRecord, ClusterStatus};
use crate::engine::name::Name;
use crate::engine::snapshots::SnapshotRecord;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    Cluster, FailoverPrimaryComputeInputMessage, FailoverPrimaryComputeResult, PauseClusterMessage,
    PauseClusterResult, RebootClusterMessage, RebootClusterResult, ResumeClusterMessage,
    ResumeClusterResult, RotateEncryptionKeyMessage, RotateEncryptionKeyResult,
};

impl World {
    /// Moves one of the caller's clusters from one of `allowed` (else
    /// `InvalidClusterState`), once `check` passes, into `to` for `seconds`;
    /// answers it as it is now.
    fn transition(
        &mut self,
        ctx: &Context,
        identifier: &str,
        allowed: &[ClusterStatus],
        check: impl FnOnce(&ClusterRecord) -> Outcome<()>,
        to: ClusterStatus,
        seconds: f64,
    ) -> Outcome<Cluster> {
        let cluster = self.cluster_in(ctx, identifier, allowed)?;
        check(cluster)?;
        let key = cluster.identifier().clone();
        self.begin_cluster_transition(ctx, &key, to, seconds);
        Ok(self.answer_cluster(ctx, &key))
    }

    /// PauseCluster (doc, Management Guide): an available cluster, not an
    /// HSM one nor one with automated snapshots off, takes a snapshot and
    /// is `pausing`, then `paused`.
    pub fn pause_cluster(
        &mut self,
        ctx: &Context,
        input: PauseClusterMessage,
    ) -> Outcome<PauseClusterResult> {
        let seconds = self.settings.cluster_pausing_seconds;
        let check = |c: &ClusterRecord| {
            let id = c.identifier().to_string();
            if c.hsm.is_some() {
                return Err(RedshiftError::PauseUnsupported {
                    id,
                    reason: "it uses an HSM",
                });
            }
            if c.automated_retention_days == 0 {
                return Err(RedshiftError::PauseUnsupported {
                    id,
                    reason: "its automated snapshots are turned off",
                });
            }
            Ok(())
        };
        let key = Name::from(crate::engine::resources::key(&input.cluster_identifier));
        let cluster = self.transition(
            ctx,
            &input.cluster_identifier,
            &[ClusterStatus::Available],
            check,
            ClusterStatus::Pausing,
            seconds,
        )?;
        self.take_automated_snapshot(ctx, &key);
        Ok(PauseClusterResult {
            cluster: Some(cluster),
        })
    }

    /// ResumeCluster: a paused cluster is `resuming`, then `available` (doc).
    pub fn resume_cluster(
        &mut self,
        ctx: &Context,
        input: ResumeClusterMessage,
    ) -> Outcome<ResumeClusterResult> {
        let seconds = self.settings.cluster_resuming_seconds;
        let cluster = self.transition(
            ctx,
            &input.cluster_identifier,
            &[ClusterStatus::Paused],
            |_| Ok(()),
            ClusterStatus::Resuming,
            seconds,
        )?;
        Ok(ResumeClusterResult {
            cluster: Some(cluster),
        })
    }

    /// RebootCluster: an available cluster is `rebooting` (fact: the answer
    /// says so), and every pending modification is applied at its end (doc).
    pub fn reboot_cluster(
        &mut self,
        ctx: &Context,
        input: RebootClusterMessage,
    ) -> Outcome<RebootClusterResult> {
        let seconds = self.settings.cluster_rebooting_seconds;
        let cluster = self.transition(
            ctx,
            &input.cluster_identifier,
            &[ClusterStatus::Available],
            |_| Ok(()),
            ClusterStatus::Rebooting,
            seconds,
        )?;
        Ok(RebootClusterResult {
            cluster: Some(cluster),
        })
    }

    /// RotateEncryptionKey: an available, encrypted cluster (doc) is
    /// `rotating-keys` for the world's key rotation time.
    pub fn rotate_encryption_key(
        &mut self,
        ctx: &Context,
        input: RotateEncryptionKeyMessage,
    ) -> Outcome<RotateEncryptionKeyResult> {
        let seconds = self.settings.key_rotation_seconds;
        let check = |c: &ClusterRecord| {
            if c.facts.encrypted {
                Ok(())
            } else {
                Err(RedshiftError::NotEncrypted(c.identifier().to_string()))
            }
        };
        let cluster = self.transition(
            ctx,
            &input.cluster_identifier,
            &[ClusterStatus::Available],
            check,
            ClusterStatus::RotatingKeys,
            seconds,
        )?;
        Ok(RotateEncryptionKeyResult {
            cluster: Some(cluster),
        })
    }

    /// FailoverPrimaryCompute: an available Multi-AZ cluster (doc) swaps its
    /// primary and secondary compute's Availability Zones (choice: at once).
    pub fn failover_primary_compute(
        &mut self,
        ctx: &Context,
        input: FailoverPrimaryComputeInputMessage,
    ) -> Outcome<FailoverPrimaryComputeResult> {
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        if !cluster.multi_az {
            return Err(RedshiftError::NotMultiAz(key.to_string()));
        }
        cluster.require(&[ClusterStatus::Available])?;
        if let Some(c) = self.cluster_mut(ctx, &key) {
            if let Some(secondary) = c.secondary_availability_zone.take() {
                let facts = Arc::make_mut(&mut c.facts);
                let primary = std::mem::replace(&mut facts.availability_zone, secondary);
                c.secondary_availability_zone = Some(primary);
            }
        }
        Ok(FailoverPrimaryComputeResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }
}

impl World {
    /// Whether `snapshot` is the latest automated snapshot of a cluster of
    /// the caller's that is paused (or pausing): it cannot be copied to a
    /// manual snapshot (doc, Management Guide).
    pub(crate) fn paused_clusters_latest_backup(
        &self,
        ctx: &Context,
        snapshot: &SnapshotRecord,
    ) -> bool {
        let Some(place) = self.place(ctx) else {
            return false;
        };
        let of_cluster = |s: &SnapshotRecord| {
            s.is_automated()
                && s.cluster_identifier() == snapshot.cluster_identifier()
                && s.facts.cluster_create_time == snapshot.facts.cluster_create_time
        };
        let paused = place
            .clusters
            .get(snapshot.cluster_identifier())
            .is_some_and(|c| {
                matches!(c.status, ClusterStatus::Paused | ClusterStatus::Pausing)
                    && c.facts.cluster_create_time == snapshot.facts.cluster_create_time
            });
        paused
            && of_cluster(snapshot)
            && place
                .snapshots
                .walk_group(snapshot.cluster_identifier(), Bound::Unbounded)
                .filter(|s| of_cluster(s))
                .all(|s| s.created_at <= snapshot.created_at)
    }
}
