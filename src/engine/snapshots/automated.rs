//! Automated snapshots on the clock (doc, Management Guide, "Automated
//! snapshots"): while a cluster is available with a retention period, it
//! takes one at each invocation of its snapshot schedule, or without one on
//! AWS's default cadence; each goes when its retention period ends, except
//! the cluster's latest ("Amazon Redshift retains the latest automated
//! snapshot until you disable automated snapshots or delete the cluster").
//! Every snapshot is a wake-up of the cluster at its own time, so a clock
//! moved on by a week takes each in turn and expires the old ones in order.

use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::SnapshotRecord;
use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::name::Name;
use crate::engine::resources::Stored;
use crate::engine::snapshot_copy::SnapshotCopy;
use crate::engine::snapshot_schedules::Association;
use crate::engine::{Context, World};
use crate::model::{Cluster, Timestamp};

/// AWS's default cadence: "approximately every eight hours or following
/// every 5 GB per node of data changes, whichever comes first" (doc). The
/// fake's clusters hold no changing data, so every eight hours from the
/// last automated snapshot (choice).
pub const DEFAULT_CADENCE_SECONDS: f64 = 8.0 * 3600.0;

/// What a cluster keeps about its snapshots.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotPlan {
    /// When its next automated snapshot is due (a wake-up of the cluster).
    pub next_at: Option<Timestamp>,
    /// When it took its last automated snapshot.
    pub last_at: Option<Timestamp>,
    /// The snapshot schedule it follows, or is leaving.
    pub schedule: Option<Association>,
    /// Where its new snapshots are copied.
    pub copy: Option<SnapshotCopy>,
}

impl ClusterRecord {
    /// Whether the cluster takes automated snapshots now: available, or
    /// pausing (doc: a cluster takes one as it pauses), with a retention
    /// period (doc; SPEC section 8: none while paused).
    pub fn takes_automated_snapshots(&self) -> bool {
        matches!(
            self.status,
            ClusterStatus::Available | ClusterStatus::Pausing
        ) && self.automated_retention_days > 0
    }

    /// The members of `Cluster` about its snapshots: its schedule, when the
    /// schedule takes the next one (doc: for clusters with a schedule and
    /// backups enabled; `Pending` while the cluster cannot take it, choice),
    /// and its cross-region copy.
    pub fn snapshot_members(&self) -> Cluster {
        let plan = &self.snapshot_plan;
        let association = plan.schedule.as_ref();
        let expected = plan
            .next_at
            .filter(|_| association.and_then(Association::followed).is_some())
            .filter(|_| self.automated_retention_days > 0);
        let on_track = if self.status == ClusterStatus::Available {
            "OnTrack"
        } else {
            "Pending"
        };
        Cluster {
            cluster_snapshot_copy_status: plan.copy.as_ref().map(SnapshotCopy::status),
            snapshot_schedule_identifier: association.map(|a| a.schedule.clone()),
            snapshot_schedule_state: association.map(|a| Name::from_static(a.state())),
            expected_next_snapshot_schedule_time: expected,
            expected_next_snapshot_schedule_time_status: expected
                .map(|_| Name::from_static(on_track)),
            ..Cluster::default()
        }
    }
}

/// The first instant of the default cadence after `after`: every eight
/// hours from the last automated snapshot, or from `after` without one.
fn on_cadence(last: Option<Timestamp>, after: Timestamp) -> Timestamp {
    let period = (DEFAULT_CADENCE_SECONDS * 1e6) as i64;
    let from = last.unwrap_or(after);
    let periods = after.0.saturating_sub(from.0).max(0) / period + 1;
    Timestamp(from.0.saturating_add(periods.saturating_mul(period)))
}

impl World {
    /// A cluster became available: its first automated snapshot (doc), and
    /// the next one planned.
    pub(crate) fn begin_automated_snapshots(&mut self, ctx: &Context, key: &Name) {
        self.take_automated_snapshot(ctx, key);
        self.plan_automated_snapshot(ctx, key, ctx.now);
    }

    /// A cluster's wake-up, for what it does on the clock besides changing
    /// status: its schedule association settles, its automated snapshot is
    /// taken when due (and the next planned), its table restores move on.
    pub(crate) fn wake_cluster_snapshots(&mut self, ctx: &Context, key: &Name) {
        self.settle_association(ctx, key);
        let due = self
            .own::<ClusterRecord>(ctx, key)
            .ok()
            .and_then(|c| c.snapshot_plan.next_at)
            .is_some_and(|at| at <= ctx.now);
        if due {
            self.take_automated_snapshot(ctx, key);
            self.plan_automated_snapshot(ctx, key, ctx.now);
        }
        self.settle_table_restores(ctx, key);
    }

    /// The cluster takes an automated snapshot now, if it takes any; the
    /// older ones retention kept while each was the latest go.
    pub(crate) fn take_automated_snapshot(&mut self, ctx: &Context, key: &Name) {
        let Ok(cluster) = self.own::<ClusterRecord>(ctx, key) else {
            return;
        };
        if !cluster.takes_automated_snapshots() {
            return;
        }
        let snapshot = SnapshotRecord::automated(self, ctx, cluster);
        // One automated snapshot a second at most (its identifier is its time).
        if self
            .place(ctx)
            .is_some_and(|p| p.snapshots.contains(&snapshot.id))
        {
            return;
        }
        let newest = snapshot.id.clone();
        self.add_snapshot(ctx, snapshot);
        if let Ok(cluster) = self.own_mut::<ClusterRecord>(ctx, key) {
            cluster.snapshot_plan.last_at = Some(ctx.now);
        }
        let superseded: Vec<Name> = self
            .place(ctx)
            .into_iter()
            .flat_map(|p| p.snapshots.walk_group(key, Bound::Unbounded))
            .filter(|s| s.is_automated() && s.id != newest)
            .filter(|s| s.expires_at().is_some_and(|end| end <= ctx.now))
            .map(|s| s.id.clone())
            .collect();
        for id in superseded {
            self.remove_snapshot(ctx, &id);
        }
    }

    /// Plans a cluster's next automated snapshot after `after`: its
    /// schedule's next invocation, or the default cadence's.
    pub(crate) fn plan_automated_snapshot(&mut self, ctx: &Context, key: &Name, after: Timestamp) {
        let Some(place) = self.place(ctx) else {
            return;
        };
        let Some(cluster) = place.clusters.get(key) else {
            return;
        };
        let plan = &cluster.snapshot_plan;
        let next = match plan.schedule.as_ref().and_then(Association::followed) {
            Some(schedule) => place
                .snapshot_schedules
                .get(schedule)
                .and_then(|s| s.next_after(after)),
            None => Some(on_cadence(plan.last_at, after)),
        };
        if let Ok(cluster) = self.own_mut::<ClusterRecord>(ctx, key) {
            cluster.snapshot_plan.next_at = next;
        }
        if let Some(at) = next {
            self.schedule(ctx, at, ClusterRecord::KIND, key);
        }
    }

    /// Whether retention keeps an automated snapshot past its period: it is
    /// the latest of its cluster, which still takes automated snapshots (doc).
    pub(super) fn kept_as_latest(&self, ctx: &Context, s: &SnapshotRecord) -> bool {
        let Some(place) = self.place(ctx) else {
            return false;
        };
        let cluster = s.cluster_identifier();
        s.is_automated()
            && s.source_region.is_none()
            && place.clusters.get(cluster).is_some_and(|c| {
                c.facts.cluster_create_time == s.facts.cluster_create_time
                    && c.automated_retention_days > 0
            })
            && !place
                .snapshots
                .walk_group(cluster, Bound::Excluded((s.created_at, s.id.clone())))
                .any(SnapshotRecord::is_automated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000_000;

    #[test]
    fn the_default_cadence_runs_every_eight_hours_from_the_last_snapshot() {
        let t = Timestamp(1_000 * HOUR);
        assert_eq!(on_cadence(None, t), Timestamp(1_008 * HOUR));
        assert_eq!(on_cadence(Some(t), t), Timestamp(1_008 * HOUR));
        // Snapshots missed (a paused cluster) keep the grid.
        assert_eq!(
            on_cadence(Some(t), Timestamp(1_020 * HOUR)),
            Timestamp(1_024 * HOUR)
        );
        assert_eq!(
            on_cadence(Some(t), Timestamp(1_016 * HOUR)),
            Timestamp(1_024 * HOUR)
        );
        // A clock set back before the last snapshot: eight hours after it.
        assert_eq!(
            on_cadence(Some(t), Timestamp(900 * HOUR)),
            Timestamp(1_008 * HOUR)
        );
    }
}
