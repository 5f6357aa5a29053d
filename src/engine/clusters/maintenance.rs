//! ModifyClusterMaintenance, DescribeClusterDbRevisions and
//! ModifyClusterDbRevision: a cluster's maintenance and its engine release.

use super::describe::ClusterListing;
use super::{ClusterRecord, ClusterStatus, Deferral};
use crate::engine::catalog::{self, MAX_DEFER_MAINTENANCE_DAYS};
use crate::engine::name::Name;
use crate::engine::tags::TagFilter;
use crate::engine::{hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    ClusterDbRevision, ClusterDbRevisionsMessage, DescribeClusterDbRevisionsMessage,
    ModifyClusterDbRevisionMessage, ModifyClusterDbRevisionResult, ModifyClusterMaintenanceMessage,
    ModifyClusterMaintenanceResult, RevisionTarget,
};

const DAY_SECONDS: f64 = 86_400.0;

impl ClusterRecord {
    /// The cluster's revision, and those it can move to (doc: `ClusterDbRevision`).
    fn db_revision(&self) -> ClusterDbRevision {
        let current = catalog::revision_of(&self.facts.engine_full_version);
        ClusterDbRevision {
            cluster_identifier: Some(self.identifier().clone()),
            current_database_revision: Some(Name::from(current)),
            database_revision_release_date: catalog::release(current).map(|r| r.released_at()),
            revision_targets: Some(
                catalog::newer_releases(current)
                    .map(|r| RevisionTarget {
                        database_revision: Some(Name::from(r.revision)),
                        description: Some(Name::from(r.description)),
                        database_revision_release_date: Some(r.released_at()),
                    })
                    .collect(),
            ),
        }
    }
}

/// The deferral a ModifyClusterMaintenance asks for (doc: from a start,
/// default now, to an end or for a duration, not both, of at most 60 days).
fn deferral_of(
    ctx: &Context,
    cluster: &str,
    input: &ModifyClusterMaintenanceMessage,
) -> Outcome<Deferral> {
    let start = input.defer_maintenance_start_time.unwrap_or(ctx.now);
    let end = match (
        input.defer_maintenance_end_time,
        input.defer_maintenance_duration,
    ) {
        (Some(_), Some(_)) => return Err(RedshiftError::DeferralEndAndDuration),
        (None, None) => return Err(RedshiftError::DeferralNeedsEnd),
        (Some(end), None) => end,
        (None, Some(days)) => {
            if !(1..=MAX_DEFER_MAINTENANCE_DAYS).contains(&days) {
                return Err(RedshiftError::InvalidDeferralDuration(days));
            }
            start.plus_seconds(days as f64 * DAY_SECONDS)
        }
    };
    let longest = start.plus_seconds(MAX_DEFER_MAINTENANCE_DAYS as f64 * DAY_SECONDS);
    if end <= start || end > longest {
        return Err(RedshiftError::InvalidDeferralWindow);
    }
    let identifier = input
        .defer_maintenance_identifier
        .clone()
        .unwrap_or_else(|| {
            let h = hash64(&[ctx.account, ctx.region, cluster, &start.0.to_string()]);
            Name::from(format!("dfm-{h:016x}"))
        });
    Ok(Deferral {
        identifier,
        start,
        end,
    })
}

impl World {
    /// ModifyClusterMaintenance: defers an available cluster's maintenance,
    /// or ends the deferral (`DeferMaintenance=false`); a new deferral
    /// replaces the one there was (choice). A pending maintenance track
    /// waits for the first window the deferral leaves.
    pub fn modify_cluster_maintenance(
        &mut self,
        ctx: &Context,
        input: ModifyClusterMaintenanceMessage,
    ) -> Outcome<ModifyClusterMaintenanceResult> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let key = cluster.identifier().clone();
        let deferral = match input.defer_maintenance {
            Some(true) => Some(deferral_of(ctx, &key, &input)?),
            Some(false) => {
                if let Some(id) = &input.defer_maintenance_identifier {
                    if cluster
                        .deferral
                        .as_ref()
                        .is_none_or(|d| d.identifier != *id)
                    {
                        return Err(RedshiftError::DeferralNotFound(id.to_string()));
                    }
                }
                None
            }
            None if input.defer_maintenance_identifier.is_some()
                || input.defer_maintenance_start_time.is_some()
                || input.defer_maintenance_end_time.is_some()
                || input.defer_maintenance_duration.is_some() =>
            {
                return Err(RedshiftError::DeferralWithoutDefer)
            }
            None => cluster.deferral.clone(),
        };
        if let Some(c) = self.cluster_mut(ctx, &key) {
            c.deferral = deferral;
            if c.pending.maintenance_track_name.is_some() {
                c.pending.maintenance_at = c.next_maintenance(ctx.now);
            }
        }
        self.schedule_cluster(ctx, &key);
        Ok(ModifyClusterMaintenanceResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }

    /// DescribeClusterDbRevisions: the revisions of the caller's clusters,
    /// or of the one it names (not with a marker: doc).
    pub fn describe_cluster_db_revisions(
        &self,
        ctx: &Context,
        input: DescribeClusterDbRevisionsMessage,
    ) -> Outcome<ClusterDbRevisionsMessage> {
        let listing = ClusterListing {
            identifier: input.cluster_identifier.as_deref(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
            tags: TagFilter::default(),
            statuses: ClusterStatus::BUILT,
        };
        let (revisions, marker) = self.list_clusters(ctx, listing, |c, _| c.db_revision())?;
        Ok(ClusterDbRevisionsMessage {
            marker,
            cluster_db_revisions: Some(revisions),
        })
    }

    /// ModifyClusterDbRevision: an available cluster moves to a newer
    /// revision (one of its `RevisionTargets`) while `modifying`;
    /// `ClusterOnLatestRevision` when there is none (doc).
    pub fn modify_cluster_db_revision(
        &mut self,
        ctx: &Context,
        input: ModifyClusterDbRevisionMessage,
    ) -> Outcome<ModifyClusterDbRevisionResult> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let key = cluster.identifier().clone();
        let current = catalog::revision_of(&cluster.facts.engine_full_version);
        let mut newer = catalog::newer_releases(current).peekable();
        if newer.peek().is_none() {
            return Err(RedshiftError::ClusterOnLatestRevision(key.to_string()));
        }
        let target = newer
            .find(|r| r.revision == input.revision_target.as_str())
            .ok_or_else(|| {
                RedshiftError::InvalidRevisionTarget(input.revision_target.to_string())
            })?;
        if let Some(c) = self.cluster_mut(ctx, &key) {
            c.pending.revision = Some(Name::from(target.revision));
        }
        let seconds = self.settings.cluster_modifying_seconds;
        self.begin_cluster_transition(ctx, &key, ClusterStatus::Modifying, seconds);
        Ok(ModifyClusterDbRevisionResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }
}
