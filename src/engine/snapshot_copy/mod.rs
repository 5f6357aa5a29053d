//! Cross-region snapshot copy (doc, Management Guide, "Copying a snapshot
//! to another AWS Region"): EnableSnapshotCopy, DisableSnapshotCopy and
//! ModifySnapshotCopyRetentionPeriod, and the copies themselves. While copy
//! is enabled, each new snapshot of the cluster, automated or manual, is
//! copied to the destination region of the same account once it is
//! available: same identifier, type and create time, `SourceRegion` set,
//! kept for the copy's retention periods there.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::catalog::REGIONS;
use super::clusters::{ClusterRecord, ClusterStatus};
use super::name::Name;
use super::resources::{partition, Resource, Stored};
use super::snapshot_copy_grants::CopyGrantRecord;
use super::snapshots::{Retention, SnapshotRecord, SnapshotStatus};
use super::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    Cluster, ClusterSnapshotCopyStatus, DisableSnapshotCopyMessage, DisableSnapshotCopyResult,
    EnableSnapshotCopyMessage, EnableSnapshotCopyResult, ModifySnapshotCopyRetentionPeriodMessage,
    ModifySnapshotCopyRetentionPeriodResult,
};

/// Days copied automated snapshots are kept unless the call says (doc).
const DEFAULT_RETENTION_DAYS: i64 = 7;
/// Days copied manual snapshots are kept unless the call says (choice:
/// AWS does not document it; -1 is forever, as for a new manual snapshot).
const DEFAULT_MANUAL_RETENTION_DAYS: i64 = -1;

/// A cluster's cross-region snapshot copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotCopy {
    pub destination: Name,
    /// Days copied automated snapshots are kept in the destination.
    pub retention_days: i64,
    /// Days newly copied manual snapshots are kept in the destination.
    pub manual_retention_days: i64,
    pub grant: Option<Name>,
}

impl SnapshotCopy {
    /// `ClusterSnapshotCopyStatus`.
    pub fn status(&self) -> ClusterSnapshotCopyStatus {
        ClusterSnapshotCopyStatus {
            destination_region: Some(self.destination.clone()),
            retention_period: Some(self.retention_days),
            manual_snapshot_retention_period: Some(self.manual_retention_days),
            snapshot_copy_grant_name: self.grant.clone(),
        }
    }
}

/// Days copied automated snapshots are kept: 1 to 35 (doc).
pub fn check_copy_retention(days: i64) -> Outcome<i64> {
    if (1..=35).contains(&days) {
        Ok(days)
    } else {
        Err(RedshiftError::InvalidCopyRetention(days))
    }
}

/// The region snapshots of a cluster in `source` may be copied to: a
/// Redshift region of the same partition (choice: no copy crosses
/// partitions), not `source` itself.
pub fn check_destination<'a>(source: &str, destination: &'a str) -> Outcome<&'a str> {
    if !REGIONS.contains(&destination) || partition(destination).0 != partition(source).0 {
        return Err(RedshiftError::UnknownSnapshotCopyRegion(
            destination.to_owned(),
        ));
    }
    if destination == source {
        return Err(RedshiftError::SnapshotCopyToSourceRegion(
            destination.to_owned(),
        ));
    }
    Ok(destination)
}

impl World {
    /// One of the caller's clusters as DescribeClusters shows it.
    fn cluster_answer(&self, ctx: &Context, key: &Name) -> Outcome<Cluster> {
        let place = self
            .place(ctx)
            .ok_or_else(|| ClusterRecord::not_found(key))?;
        let cluster = place
            .clusters
            .get(key)
            .ok_or_else(|| ClusterRecord::not_found(key))?;
        Ok(cluster.render(ctx, place))
    }

    /// Sets the copy of one of the caller's clusters and answers the cluster.
    fn set_copy(
        &mut self,
        ctx: &Context,
        key: &Name,
        copy: Option<SnapshotCopy>,
    ) -> Outcome<Cluster> {
        self.own_mut::<ClusterRecord>(ctx, key)?.snapshot_plan.copy = copy;
        self.cluster_answer(ctx, key)
    }

    /// EnableSnapshotCopy.
    pub fn enable_snapshot_copy(
        &mut self,
        ctx: &Context,
        input: EnableSnapshotCopyMessage,
    ) -> Outcome<EnableSnapshotCopyResult> {
        let retention_days =
            check_copy_retention(input.retention_period.unwrap_or(DEFAULT_RETENTION_DAYS))?;
        let manual_retention_days = check_manual_retention(
            input
                .manual_snapshot_retention_period
                .unwrap_or(DEFAULT_MANUAL_RETENTION_DAYS),
        )?;
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        if cluster.snapshot_plan.copy.is_some() {
            return Err(RedshiftError::SnapshotCopyAlreadyEnabled(key.to_string()));
        }
        cluster.require(&[ClusterStatus::Available])?;
        let destination = check_destination(ctx.region, &input.destination_region)?;
        let facts = &cluster.facts;
        let grant = match input.snapshot_copy_grant_name {
            // Doc: a KMS-encrypted cluster's copies need a grant in the destination.
            None if facts.encrypted && !facts.encrypted_with_hsm => {
                return Err(RedshiftError::SnapshotCopyGrantRequired)
            }
            None => None,
            Some(name) => {
                let there = Context {
                    region: destination,
                    ..*ctx
                };
                let grant = self.own::<CopyGrantRecord>(&there, &name).map_err(|_| {
                    RedshiftError::SnapshotCopyGrantNotInRegion {
                        name: name.to_string(),
                        region: destination.to_owned(),
                    }
                })?;
                Some(grant.name.clone())
            }
        };
        let copy = SnapshotCopy {
            destination: Name::from(destination),
            retention_days,
            manual_retention_days,
            grant,
        };
        Ok(EnableSnapshotCopyResult {
            cluster: Some(self.set_copy(ctx, &key, Some(copy))?),
        })
    }

    /// DisableSnapshotCopy: no more copies; those made stay for their
    /// retention periods (doc).
    pub fn disable_snapshot_copy(
        &mut self,
        ctx: &Context,
        input: DisableSnapshotCopyMessage,
    ) -> Outcome<DisableSnapshotCopyResult> {
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        if cluster.snapshot_plan.copy.is_none() {
            return Err(RedshiftError::SnapshotCopyAlreadyDisabled(key.to_string()));
        }
        cluster.require(&[ClusterStatus::Available])?;
        Ok(DisableSnapshotCopyResult {
            cluster: Some(self.set_copy(ctx, &key, None)?),
        })
    }

    /// ModifySnapshotCopyRetentionPeriod: for copied automated snapshots,
    /// those already copied too (doc: a shorter period deletes those past
    /// it; a longer one keeps them longer, choice); with `Manual`, for
    /// manual snapshots copied from now on only (doc).
    pub fn modify_snapshot_copy_retention_period(
        &mut self,
        ctx: &Context,
        input: ModifySnapshotCopyRetentionPeriodMessage,
    ) -> Outcome<ModifySnapshotCopyRetentionPeriodResult> {
        let manual = input.manual == Some(true);
        let days = if manual {
            check_manual_retention(input.retention_period)?
        } else {
            check_copy_retention(input.retention_period)?
        };
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        let Some(mut copy) = cluster.snapshot_plan.copy.clone() else {
            return Err(RedshiftError::SnapshotCopyDisabled(key.to_string()));
        };
        cluster.require(&[ClusterStatus::Available])?;
        let of = cluster.facts.cluster_create_time;
        if manual {
            copy.manual_retention_days = days;
        } else {
            copy.retention_days = days;
            let there = Context {
                region: &copy.destination,
                ..*ctx
            };
            let copies: Vec<Name> = self
                .place(&there)
                .into_iter()
                .flat_map(|p| p.snapshots.walk_group(&key, std::ops::Bound::Unbounded))
                .filter(|s| s.is_automated() && s.source_region.as_deref() == Some(ctx.region))
                .filter(|s| s.facts.cluster_create_time == of)
                .map(|s| s.id.clone())
                .collect();
            for id in copies {
                if let Some(s) = self
                    .place_mut(&there)
                    .and_then(|p| p.snapshots.get_mut(&id))
                {
                    s.retention = Retention::Automated { days };
                    let end = s.expires_at();
                    if let Some(end) = end {
                        self.schedule(&there, end, SnapshotRecord::KIND, &id);
                    }
                }
            }
        }
        Ok(ModifySnapshotCopyRetentionPeriodResult {
            cluster: Some(self.set_copy(ctx, &key, Some(copy))?),
        })
    }

    /// A snapshot just became available: copied to its cluster's copy
    /// destination, if its cluster copies. A copy is not copied again; an
    /// identifier already taken there is not copied over (choice).
    pub(crate) fn copy_to_destination(&mut self, ctx: &Context, key: &Name) {
        let Some(place) = self.place(ctx) else {
            return;
        };
        let Some(source) = place.snapshots.get(key) else {
            return;
        };
        let copy = place
            .clusters
            .get(source.cluster_identifier())
            .filter(|c| c.facts.cluster_create_time == source.facts.cluster_create_time)
            .and_then(|c| c.snapshot_plan.copy.clone());
        let Some(copy) = copy.filter(|_| source.source_region.is_none()) else {
            return;
        };
        let retention = match source.retention {
            Retention::Automated { .. } => Retention::Automated {
                days: copy.retention_days,
            },
            Retention::Manual { .. } => Retention::Manual {
                days: copy.manual_retention_days,
                start: ctx.now,
            },
        };
        let record = SnapshotRecord {
            status: SnapshotStatus::Available,
            forced: None,
            retention,
            grantees: Box::default(),
            source_region: Some(Name::from(ctx.region)),
            ..source.clone()
        };
        let there = Context {
            region: &copy.destination,
            ..*ctx
        };
        if self
            .place(&there)
            .is_some_and(|p| p.snapshots.contains(key))
        {
            return;
        }
        self.add_snapshot(&there, record);
    }
}
