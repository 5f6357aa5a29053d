//! Snapshots: the record the engine keeps, its life on the clock (creating,
//! available, expired), the one way in and the one way out of the store,
//! and the one render of the model's `Snapshot`.

mod access;
mod automated;
mod create;
mod delete;
mod describe;
mod lookup;
mod modify;
mod restore;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog;
use super::clusters::{ClusterFacts, ClusterRecord};
use super::events::{SNAPSHOT_COMPLETED, SNAPSHOT_DELETED, SNAPSHOT_STARTED};
use super::identifiers::automated_snapshot_identifier;
use super::name::Name;
use super::resources::{arn, Resource, ResourceKind};
use super::store::Record;
use super::table_restore::TableName;
use super::tags::{Pair, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{AccountWithRestoreAccess, Snapshot, Timestamp};

pub use automated::SnapshotPlan;
pub use lookup::Target;

const DAY_SECONDS: f64 = 86_400.0;

/// The status a new snapshot is answered in.
const CREATING: Name = Name::from_static("creating");
/// The status of the snapshot a call removes, as that call answers it.
pub const DELETED: Name = Name::from_static("deleted");

/// `SnapshotType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotKind {
    Manual,
    Automated,
}

impl SnapshotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotKind::Manual => "manual",
            SnapshotKind::Automated => "automated",
        }
    }

    pub fn name(self) -> Name {
        Name::from_static(self.as_str())
    }
}

/// A snapshot's `Status` while it exists (doc; `deleted` is only ever the
/// answer of the call that removes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotStatus {
    Creating,
    Available,
    Failed,
    Cancelled,
}

impl SnapshotStatus {
    pub const ALL: [SnapshotStatus; 4] = [
        SnapshotStatus::Creating,
        SnapshotStatus::Available,
        SnapshotStatus::Failed,
        SnapshotStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotStatus::Creating => "creating",
            SnapshotStatus::Available => "available",
            SnapshotStatus::Failed => "failed",
            SnapshotStatus::Cancelled => "cancelled",
        }
    }

    pub fn name(self) -> Name {
        Name::from_static(self.as_str())
    }

    pub fn parse(text: &str) -> Option<SnapshotStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How long a snapshot is kept (doc): a manual one for its own period from
/// its retention start (-1: forever), an automated one for its cluster's
/// automated period from its creation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Retention {
    Manual { days: i64, start: Timestamp },
    Automated { days: i64 },
}

/// A snapshot as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub id: Name,
    /// The cluster as it was when the snapshot was taken (shared).
    pub facts: Arc<ClusterFacts>,
    /// The status the clock has brought it to.
    pub status: SnapshotStatus,
    /// A status a test forced, overriding the clock.
    pub forced: Option<SnapshotStatus>,
    pub created_at: Timestamp,
    /// When `creating` ends.
    pub ready_at: Timestamp,
    pub size_mb: f64,
    pub incremental_mb: f64,
    pub retention: Retention,
    /// Accounts authorized to restore it, in the order they were added
    /// (a boxed slice: most snapshots have none, and every byte of a
    /// snapshot counts a hundred thousand times).
    pub grantees: Box<[Name]>,
    pub source_region: Option<Name>,
    /// The tables a test declared it holds (`add_snapshot_tables`); none
    /// declared: any table.
    #[serde(default, skip_serializing_if = "<[TableName]>::is_empty")]
    pub tables: Box<[TableName]>,
}

impl Record for SnapshotRecord {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.created_at
    }
    fn group(&self) -> Option<&Name> {
        Some(&self.facts.cluster_identifier)
    }
    /// Manual snapshots count against the manual snapshot quota.
    fn counted(&self) -> bool {
        !self.is_automated()
    }
}

impl Resource for SnapshotRecord {
    fn arn_path(&self) -> String {
        format!("{}/{}", self.facts.cluster_identifier, self.id)
    }
    /// A snapshot ARN's path is `<cluster>/<snapshot>` (an automated
    /// snapshot's identifier has a colon of its own).
    fn key_in_arn_path(path: &str) -> Option<&str> {
        path.split_once('/').map(|(_, snapshot)| snapshot)
    }
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterSnapshotNotFound(identifier.to_owned())
    }
    fn shared_with(&self, account: &str) -> bool {
        self.grantees.iter().any(|a| a == account)
    }
}

impl SnapshotRecord {
    /// A new snapshot of `cluster` taken at `ctx.now`, `creating` for the
    /// world's snapshot creation time.
    pub fn of(
        world: &World,
        ctx: &Context,
        cluster: &ClusterRecord,
        id: String,
        kind: SnapshotKind,
    ) -> SnapshotRecord {
        let size = catalog::data_size_mb(cluster.facts.number_of_nodes);
        let retention = match kind {
            SnapshotKind::Manual => Retention::Manual {
                days: cluster.manual_retention_days,
                start: ctx.now,
            },
            SnapshotKind::Automated => Retention::Automated {
                days: cluster.automated_retention_days,
            },
        };
        SnapshotRecord {
            id: Name::from(id),
            facts: Arc::clone(&cluster.facts),
            status: SnapshotStatus::Creating,
            forced: None,
            created_at: ctx.now,
            ready_at: ctx
                .now
                .plus_seconds(world.settings.snapshot_creation_seconds),
            size_mb: size,
            incremental_mb: size,
            retention,
            grantees: Box::default(),
            source_region: None,
            tables: Box::default(),
        }
    }

    /// The automated snapshot a cluster takes at `ctx.now`, named as AWS names them.
    pub fn automated(world: &World, ctx: &Context, cluster: &ClusterRecord) -> SnapshotRecord {
        let id = automated_snapshot_identifier(cluster.identifier(), ctx.now);
        SnapshotRecord::of(world, ctx, cluster, id, SnapshotKind::Automated)
    }

    pub fn kind(&self) -> SnapshotKind {
        match self.retention {
            Retention::Manual { .. } => SnapshotKind::Manual,
            Retention::Automated { .. } => SnapshotKind::Automated,
        }
    }

    pub fn is_automated(&self) -> bool {
        self.kind() == SnapshotKind::Automated
    }

    pub fn cluster_identifier(&self) -> &Name {
        &self.facts.cluster_identifier
    }

    /// The status it shows: the one a test forced, else the clock's.
    pub fn effective_status(&self) -> SnapshotStatus {
        self.forced.unwrap_or(self.status)
    }

    /// The one snapshot precondition: its status must be one of `allowed`,
    /// otherwise the operation's own error for it.
    pub fn require(
        &self,
        allowed: &[SnapshotStatus],
        refused: impl FnOnce(String, String) -> RedshiftError,
    ) -> Outcome<()> {
        super::require(self.effective_status(), allowed, |status| {
            refused(self.id.to_string(), status.as_str().to_owned())
        })
    }

    /// Gives a manual snapshot a retention period starting at `start`.
    pub fn set_manual_retention(&mut self, days: i64, start: Timestamp) {
        self.retention = Retention::Manual { days, start };
    }

    /// When retention removes the snapshot, if it ever does.
    pub fn expires_at(&self) -> Option<Timestamp> {
        let (start, days) = match self.retention {
            Retention::Manual { days, start } => (start, days),
            Retention::Automated { days } => (self.created_at, days),
        };
        (days > 0).then(|| start.plus_seconds(days as f64 * DAY_SECONDS))
    }

    /// The snapshot as `viewer` sees it at `now`, in `status` (its own
    /// unless the operation answering ends it in another, like `deleted`).
    pub fn render(
        &self,
        owner: &Context,
        viewer: &str,
        tags: &TagStore,
        status: Option<Name>,
    ) -> Snapshot {
        let now = owner.now;
        let f = &self.facts;
        let status = status.unwrap_or_else(|| self.effective_status().name());
        let duration = self.created_at.seconds_until(self.ready_at).max(0.0);
        let (progress, rate, remaining, elapsed) = if status == CREATING {
            let elapsed = self.created_at.seconds_until(now).clamp(0.0, duration);
            let rate = if duration > 0.0 {
                self.size_mb / duration
            } else {
                0.0
            };
            (
                (rate * elapsed * 100.0).round() / 100.0,
                (rate * 1000.0).round() / 1000.0,
                (duration - elapsed).ceil() as i64,
                elapsed as i64,
            )
        } else {
            (self.size_mb, 0.0, 0, duration as i64)
        };
        let (manual_days, remaining_days, retention_start) = match self.retention {
            Retention::Manual { days, start } => (
                Some(days),
                self.expires_at()
                    .map(|end| (now.seconds_until(end) / DAY_SECONDS).ceil().max(0.0) as i64),
                Some(start),
            ),
            Retention::Automated { .. } => (None, None, None),
        };
        let accounts = (viewer == owner.account && !self.grantees.is_empty()).then(|| {
            self.grantees
                .iter()
                .map(|account| AccountWithRestoreAccess {
                    account_id: Some(account.clone()),
                    account_alias: (*account == "amazon-redshift-support").then(|| account.clone()),
                })
                .collect()
        });
        let text = |n: &Name| Some(n.clone());
        Snapshot {
            snapshot_identifier: text(&self.id),
            cluster_identifier: text(&f.cluster_identifier),
            snapshot_create_time: Some(self.created_at),
            status: Some(status),
            port: Some(f.port),
            availability_zone: text(&f.availability_zone),
            cluster_create_time: Some(f.cluster_create_time),
            master_username: text(&f.master_username),
            cluster_version: text(&f.cluster_version),
            engine_full_version: text(&f.engine_full_version),
            snapshot_type: Some(self.kind().name()),
            node_type: text(&f.node_type),
            number_of_nodes: Some(f.number_of_nodes),
            db_name: text(&f.db_name),
            vpc_id: f.vpc_id.clone(),
            encrypted: Some(f.encrypted),
            kms_key_id: f.kms_key_id.clone(),
            encrypted_with_hsm: Some(f.encrypted_with_hsm),
            accounts_with_restore_access: accounts,
            owner_account: Some(Name::from(owner.account)),
            total_backup_size_in_mega_bytes: Some(self.size_mb),
            actual_incremental_backup_size_in_mega_bytes: Some(self.incremental_mb),
            backup_progress_in_mega_bytes: Some(progress),
            current_backup_rate_in_mega_bytes_per_second: Some(rate),
            estimated_seconds_to_completion: Some(remaining),
            elapsed_time_in_seconds: Some(elapsed),
            source_region: self.source_region.clone(),
            tags: Some(tags.render(ResourceKind::Snapshot, &self.id)),
            restorable_node_types: Some(vec![f.node_type.clone()]),
            enhanced_vpc_routing: Some(f.enhanced_vpc_routing),
            maintenance_track_name: text(&f.maintenance_track_name),
            manual_snapshot_retention_period: manual_days,
            manual_snapshot_remaining_days: remaining_days,
            snapshot_retention_start_time: retention_start,
            master_password_secret_arn: f.master_password_secret_arn.clone(),
            master_password_secret_kms_key_id: f.master_password_secret_kms_key_id.clone(),
            snapshot_arn: Some(Name::from(arn(
                owner.region,
                owner.account,
                ResourceKind::Snapshot,
                &self.arn_path(),
            ))),
        }
    }

    /// The snapshot as the call that made it answers: `creating`, as at its start.
    pub fn render_new(&self, ctx: &Context, tags: &TagStore) -> Snapshot {
        let start = ctx.at(ctx.now.min(self.ready_at));
        self.render(&start, ctx.account, tags, Some(CREATING))
    }
}

impl World {
    /// The one way into the store: adds a snapshot of the caller's with its
    /// tags, and asks the timeline to finish and expire it in time.
    pub fn add_snapshot_tagged(&mut self, ctx: &Context, record: SnapshotRecord, tags: Vec<Pair>) {
        let key = record.id.clone();
        let (ready, expiry) = (record.ready_at, record.expires_at());
        let (cluster, created) = (record.cluster_identifier().clone(), record.created_at);
        self.record_event(&ctx.at(created), SNAPSHOT_STARTED, &key, vec![cluster]);
        let place = self.place_entry(ctx);
        place.tags.set(ResourceKind::Snapshot, &key, tags);
        let creating = record.status == SnapshotStatus::Creating;
        place.snapshots.insert(record);
        if creating {
            self.schedule(ctx, ready, ResourceKind::Snapshot, &key);
        }
        if let Some(at) = expiry {
            self.schedule(ctx, at, ResourceKind::Snapshot, &key);
        }
    }

    /// [`World::add_snapshot_tagged`] without tags.
    pub fn add_snapshot(&mut self, ctx: &Context, record: SnapshotRecord) {
        self.add_snapshot_tagged(ctx, record, Vec::new());
    }

    /// Adds a new manual snapshot after the checks every new manual snapshot
    /// passes (a free identifier, the quota), and answers it as `creating`.
    pub fn add_manual_snapshot(
        &mut self,
        ctx: &Context,
        record: SnapshotRecord,
        tags: Vec<Pair>,
    ) -> Outcome<Snapshot> {
        let place = self.place(ctx);
        if place.is_some_and(|p| p.snapshots.contains(&record.id)) {
            return Err(RedshiftError::ClusterSnapshotAlreadyExists(
                record.id.to_string(),
            ));
        }
        let quota = self.settings.manual_snapshot_quota;
        if place.is_some_and(|p| p.snapshots.counted() >= quota) {
            return Err(RedshiftError::ClusterSnapshotQuotaExceeded(quota));
        }
        let key = record.id.clone();
        self.add_snapshot_tagged(ctx, record, tags);
        let place = self.place_entry(ctx);
        Ok(place
            .snapshots
            .get(&key)
            .map(|s| s.render_new(ctx, &place.tags))
            .unwrap_or_default())
    }

    /// The one way out of the store: removes one of the caller's snapshots,
    /// its tags and its grants.
    pub fn remove_snapshot(&mut self, ctx: &Context, key: &str) -> Option<SnapshotRecord> {
        let record = self.remove::<SnapshotRecord>(ctx, key)?;
        self.reindex_grants(ctx, &record.id, &record.grantees, &[]);
        let cluster = record.cluster_identifier().clone();
        self.record_event(ctx, SNAPSHOT_DELETED, &record.id, vec![cluster]);
        Some(record)
    }

    /// Keeps the grantees' index of what is shared with them in step with a
    /// snapshot of the caller's whose grants went from `before` to `after`.
    pub fn reindex_grants(&mut self, ctx: &Context, key: &Name, before: &[Name], after: &[Name]) {
        let entry = (key.clone(), Name::from(ctx.account));
        for account in before.iter().filter(|a| !after.contains(a)) {
            let grantee = Context { account, ..*ctx };
            if let Some(place) = self.place_mut(&grantee) {
                place.shared_with_me.remove(&entry);
            }
        }
        for account in after.iter().filter(|a| !before.contains(a)) {
            let grantee = Context { account, ..*ctx };
            self.place_entry(&grantee)
                .shared_with_me
                .insert(entry.clone());
        }
    }

    /// Removes every snapshot of the caller's that `doomed` picks.
    pub fn remove_snapshots(&mut self, ctx: &Context, doomed: impl Fn(&SnapshotRecord) -> bool) {
        let keys: Vec<Name> = self
            .place(ctx)
            .into_iter()
            .flat_map(|p| p.snapshots.values())
            .filter(|s| doomed(s))
            .map(|s| s.id.clone())
            .collect();
        for key in keys {
            self.remove_snapshot(ctx, &key);
        }
    }

    /// A snapshot's wake-up: done creating at its time (and copied to its
    /// cluster's copy destination), gone when its retention period ends
    /// (doc: AWS deletes it then) unless it is its cluster's latest
    /// automated snapshot.
    pub(super) fn wake_snapshot(&mut self, ctx: &Context, key: &Name) {
        let Some(s) = self.place_mut(ctx).and_then(|p| p.snapshots.get_mut(key)) else {
            return;
        };
        let mut finished = false;
        if s.status == SnapshotStatus::Creating && ctx.now >= s.ready_at {
            s.status = SnapshotStatus::Available;
            finished = true;
        }
        let expired = s.expires_at().is_some_and(|end| end <= ctx.now);
        let (cluster, of) = (s.cluster_identifier().clone(), s.facts.cluster_create_time);
        if expired
            && !self
                .place(ctx)
                .and_then(|p| p.snapshots.get(key))
                .is_some_and(|s| self.kept_as_latest(ctx, s))
        {
            self.remove_snapshot(ctx, key);
            return;
        }
        if finished {
            self.record_event(ctx, SNAPSHOT_COMPLETED, key, vec![cluster.clone()]);
            self.release_restore_hold(ctx, &cluster, of);
            self.copy_to_destination(ctx, key);
        }
    }

    /// A backup of a restored cluster frees the snapshot it was restored
    /// from (fact): a backup of that cluster, created at `of`, not of an
    /// earlier cluster of the same name; newer than the restore whatever
    /// the clock said when it was taken.
    fn release_restore_hold(&mut self, ctx: &Context, cluster: &Name, of: Timestamp) {
        if let Some(c) = self
            .place_mut(ctx)
            .and_then(|p| p.clusters.get_mut(cluster))
        {
            if c.facts.cluster_create_time == of {
                c.restored_from = None;
            }
        }
    }
}
