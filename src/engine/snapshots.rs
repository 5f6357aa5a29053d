//! Snapshot rules: create, describe, delete, share.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::identifiers::{key, new_snapshot_identifier, parse_snapshot_arn, snapshot_arn};
use super::{
    check_manual_retention, check_tags, encode_marker, page_size, read_marker, tags_match,
    ClusterRecord, Context, Outcome, SnapshotRecord, World, DESCRIBE_PAGE,
};
use crate::errors::RedshiftError;
use crate::model::inputs::{
    CopyClusterSnapshotMessage, CreateClusterSnapshotMessage, DeleteClusterSnapshotMessage,
    DescribeClusterSnapshotsMessage, SnapshotAccessMessage,
};
use crate::model::{
    AccountWithRestoreAccess, Snapshot, SnapshotMessage, SnapshotResult, Timestamp,
};

const DAY_SECONDS: f64 = 86_400.0;

impl SnapshotRecord {
    /// A new snapshot of `cluster`, taken at `at`, `creating` for `duration` seconds.
    pub fn of_cluster(
        ctx: &Context,
        cluster: &ClusterRecord,
        identifier: String,
        snapshot_type: &str,
        at: Timestamp,
        duration: f64,
    ) -> SnapshotRecord {
        let c = &cluster.cluster;
        let cluster_id = c.cluster_identifier.clone().unwrap_or_default();
        let nodes = c.number_of_nodes.unwrap_or(1);
        let size = super::clusters::data_size_mb(nodes);
        let manual = snapshot_type == "manual";
        SnapshotRecord {
            snapshot: Snapshot {
                snapshot_arn: Some(snapshot_arn(
                    ctx.region,
                    ctx.account,
                    &cluster_id,
                    &identifier,
                )),
                snapshot_identifier: Some(identifier),
                cluster_identifier: Some(cluster_id),
                snapshot_create_time: Some(at),
                port: c.endpoint.as_ref().map(|e| e.port).or(Some(5439)),
                availability_zone: c.availability_zone.clone(),
                cluster_create_time: c.cluster_create_time,
                master_username: c.master_username.clone(),
                cluster_version: c.cluster_version.clone(),
                engine_full_version: Some(super::clusters::ENGINE_FULL_VERSION.to_owned()),
                snapshot_type: Some(snapshot_type.to_owned()),
                node_type: c.node_type.clone(),
                number_of_nodes: Some(nodes),
                db_name: c.db_name.clone(),
                vpc_id: c.vpc_id.clone(),
                encrypted: c.encrypted,
                kms_key_id: c.kms_key_id.clone(),
                encrypted_with_hsm: Some(false),
                owner_account: Some(ctx.account.to_owned()),
                total_backup_size_in_mega_bytes: Some(size),
                actual_incremental_backup_size_in_mega_bytes: Some(size),
                tags: Some(Vec::new()),
                restorable_node_types: c.node_type.clone().map(|n| vec![n]),
                enhanced_vpc_routing: c.enhanced_vpc_routing,
                maintenance_track_name: c.maintenance_track_name.clone(),
                manual_snapshot_retention_period: manual
                    .then(|| c.manual_snapshot_retention_period.unwrap_or(-1)),
                snapshot_retention_start_time: manual.then_some(at),
                ..Snapshot::default()
            },
            ready_at: at.plus_seconds(duration),
            forced_status: None,
            automated_retention_days: (!manual)
                .then(|| c.automated_snapshot_retention_period.unwrap_or(1)),
        }
    }

    /// The status the snapshot has at `now`.
    pub fn status(&self, now: Timestamp) -> &str {
        match &self.forced_status {
            Some(s) => s,
            None if now < self.ready_at => "creating",
            None => "available",
        }
    }

    /// When retention removes the snapshot, if it ever does.
    pub fn expires_at(&self) -> Option<Timestamp> {
        expiry(&self.snapshot, self.automated_retention_days)
    }

    /// Whether the snapshot has begun by `now`. A new cluster's first
    /// automated snapshot is taken when the cluster becomes available; until
    /// then it does not exist for any caller.
    pub fn started(&self, now: Timestamp) -> bool {
        self.snapshot.snapshot_create_time.is_none_or(|t| t <= now)
    }

    pub(super) fn is_manual(&self) -> bool {
        self.snapshot.snapshot_type.as_deref() == Some("manual")
    }

    pub(super) fn owner(&self) -> &str {
        self.snapshot.owner_account.as_deref().unwrap_or("")
    }

    pub(super) fn shared_with(&self, account: &str) -> bool {
        self.snapshot
            .accounts_with_restore_access
            .as_ref()
            .is_some_and(|a| a.iter().any(|x| x.account_id.as_deref() == Some(account)))
    }

    /// The snapshot as `viewer` sees it at `now`, with its changing members
    /// (status, progress, remaining days) worked out.
    pub fn view(&self, now: Timestamp, viewer: &str) -> Snapshot {
        let mut s = self.snapshot.clone();
        let status = self.status(now).to_owned();
        fill(
            &mut s,
            self.ready_at,
            self.automated_retention_days,
            now,
            status,
        );
        if viewer != self.owner() {
            s.accounts_with_restore_access = None;
        }
        s
    }

    /// The snapshot leaving the store, as its owner saw it, with the status
    /// the operation ends it in (no copy: the record is consumed).
    pub fn into_view(self, now: Timestamp, status: &str) -> Snapshot {
        let mut s = self.snapshot;
        fill(
            &mut s,
            self.ready_at,
            self.automated_retention_days,
            now,
            status.to_owned(),
        );
        s
    }

    /// The snapshot as a create or copy call answers it: `creating`.
    pub fn view_creating(&self, now: Timestamp) -> Snapshot {
        let mut s = self.snapshot.clone();
        let now = now.min(self.ready_at);
        fill(
            &mut s,
            self.ready_at,
            self.automated_retention_days,
            now,
            "creating".to_owned(),
        );
        s
    }
}

/// When retention removes snapshot `s` (kept `automated_retention_days` if
/// automated), if it ever does.
fn expiry(s: &Snapshot, automated_retention_days: Option<i64>) -> Option<Timestamp> {
    let (start, days) = match automated_retention_days {
        Some(days) => (s.snapshot_create_time?, days),
        None => (
            s.snapshot_retention_start_time?,
            s.manual_snapshot_retention_period?,
        ),
    };
    (days > 0).then(|| start.plus_seconds(days as f64 * DAY_SECONDS))
}

/// Fills in the members of `s` that depend on the status and the clock.
fn fill(
    s: &mut Snapshot,
    ready_at: Timestamp,
    automated_retention_days: Option<i64>,
    now: Timestamp,
    status: String,
) {
    let total = s.total_backup_size_in_mega_bytes.unwrap_or(0.0);
    let start = s.snapshot_create_time.unwrap_or(now);
    let duration = start.seconds_until(ready_at).max(0.0);
    if status == "creating" {
        let elapsed = start.seconds_until(now).clamp(0.0, duration);
        let rate = if duration > 0.0 {
            total / duration
        } else {
            0.0
        };
        s.backup_progress_in_mega_bytes = Some((rate * elapsed * 100.0).round() / 100.0);
        s.current_backup_rate_in_mega_bytes_per_second = Some((rate * 1000.0).round() / 1000.0);
        s.estimated_seconds_to_completion = Some((duration - elapsed).ceil() as i64);
        s.elapsed_time_in_seconds = Some(elapsed as i64);
    } else {
        s.backup_progress_in_mega_bytes = Some(total);
        s.current_backup_rate_in_mega_bytes_per_second = Some(0.0);
        s.estimated_seconds_to_completion = Some(0);
        s.elapsed_time_in_seconds = Some(duration as i64);
    }
    let manual = s.snapshot_type.as_deref() == Some("manual");
    if manual && s.manual_snapshot_retention_period.is_some_and(|d| d > 0) {
        s.manual_snapshot_remaining_days = expiry(s, automated_retention_days)
            .map(|end| (now.seconds_until(end) / DAY_SECONDS).ceil().max(0.0) as i64);
    }
    s.status = Some(status);
}

/// Which snapshot a call names: by identifier (with an optional cluster) or ARN.
pub(super) struct Target<'a> {
    pub identifier: Option<&'a str>,
    pub arn: Option<&'a str>,
    pub cluster: Option<&'a str>,
    /// Whose account an identifier names; `None`: the caller's, or failing
    /// that one shared with the caller.
    pub owner: Option<&'a str>,
}

impl Target<'_> {
    /// What error messages call the snapshot.
    pub(super) fn name(&self) -> &str {
        self.identifier.or(self.arn).unwrap_or("")
    }
}

impl World {
    /// Whether the account holds its quota of manual snapshots in the region.
    /// (Counting is skipped while all its snapshots together are fewer.)
    fn manual_quota_reached(&self, ctx: &Context, quota: usize) -> bool {
        self.place(ctx).is_some_and(|p| {
            p.snapshots.len() >= quota
                && p.snapshots.values().filter(|s| s.is_manual()).count() >= quota
        })
    }

    /// Adds a new manual snapshot, after the checks every new manual snapshot
    /// passes (free identifier, quota).
    pub(super) fn add_manual_snapshot(
        &mut self,
        ctx: &Context,
        record: SnapshotRecord,
    ) -> Outcome<Snapshot> {
        let id = record
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        if self
            .place(ctx)
            .is_some_and(|p| p.snapshots.contains_key(&id))
        {
            return Err(RedshiftError::ClusterSnapshotAlreadyExists(id));
        }
        let quota = self.settings.manual_snapshot_quota;
        if self.manual_quota_reached(ctx, quota) {
            return Err(RedshiftError::ClusterSnapshotQuotaExceeded(quota));
        }
        let answer = record.view_creating(ctx.now);
        self.note_event(record.expires_at());
        self.place_entry(ctx).snapshots.insert(id, record);
        Ok(answer)
    }

    /// CreateClusterSnapshot.
    pub fn create_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: CreateClusterSnapshotMessage,
    ) -> Outcome<SnapshotResult> {
        let id = new_snapshot_identifier("SnapshotIdentifier", &input.snapshot_identifier)?;
        let retention = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let tags = input.tags.unwrap_or_default();
        check_tags(&tags)?;
        let cluster = self.available_cluster(ctx, &input.cluster_identifier)?;
        let mut record = SnapshotRecord::of_cluster(
            ctx,
            cluster,
            id,
            "manual",
            ctx.now,
            self.settings.snapshot_creation_seconds,
        );
        if let Some(days) = retention {
            record.snapshot.manual_snapshot_retention_period = Some(days);
        }
        record.snapshot.tags = Some(tags);
        let snapshot = self.add_manual_snapshot(ctx, record)?;
        self.clear_restored_from(ctx, &input.cluster_identifier);
        Ok(SnapshotResult { snapshot })
    }

    /// CopyClusterSnapshot: a new manual snapshot from an available automated one.
    pub fn copy_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: CopyClusterSnapshotMessage,
    ) -> Outcome<SnapshotResult> {
        let target = new_snapshot_identifier(
            "TargetSnapshotIdentifier",
            &input.target_snapshot_identifier,
        )?;
        let days = check_manual_retention(input.manual_snapshot_retention_period.unwrap_or(-1))?;
        let (id, source) = self.own_snapshot(
            ctx,
            &input.source_snapshot_identifier,
            input.source_snapshot_cluster_identifier.as_deref(),
        )?;
        if source.is_manual() {
            return Err(RedshiftError::NotAutomatedSnapshot(id));
        }
        let status = source.status(ctx.now);
        if status != "available" {
            return Err(RedshiftError::SnapshotNotCopyable {
                id,
                status: status.to_owned(),
            });
        }
        // The copy is a new snapshot: taken now, owned and tagged afresh.
        let mut record = source.clone();
        let s = &mut record.snapshot;
        let cluster = s.cluster_identifier.clone().unwrap_or_default();
        s.snapshot_arn = Some(snapshot_arn(ctx.region, ctx.account, &cluster, &target));
        s.snapshot_identifier = Some(target);
        s.snapshot_type = Some("manual".to_owned());
        s.snapshot_create_time = Some(ctx.now);
        s.manual_snapshot_retention_period = Some(days);
        s.snapshot_retention_start_time = Some(ctx.now);
        s.accounts_with_restore_access = None;
        s.tags = Some(Vec::new());
        record.ready_at = ctx
            .now
            .plus_seconds(self.settings.snapshot_creation_seconds);
        record.forced_status = None;
        record.automated_retention_days = None;
        let snapshot = self.add_manual_snapshot(ctx, record)?;
        Ok(SnapshotResult { snapshot })
    }

    /// The snapshot a call names, if `ctx`'s account may see it: its own, or
    /// one another account of the region shared with it.
    fn visible<'w>(&'w self, ctx: &Context, target: &Target) -> Option<&'w SnapshotRecord> {
        self.named(ctx, target).filter(|s| {
            (s.owner() == ctx.account || s.shared_with(ctx.account)) && s.started(ctx.now)
        })
    }

    /// The snapshot a call names (by ARN, or by identifier in the target's
    /// owner's account), taken from the cluster the call gives, whether or
    /// not the caller may see it.
    pub(super) fn named<'w>(
        &'w self,
        ctx: &Context,
        target: &Target,
    ) -> Option<&'w SnapshotRecord> {
        let (owner, id, cluster) = match (target.identifier, target.arn) {
            (Some(id), _) => (target.owner, key(id), target.cluster.map(key)),
            (None, Some(arn)) => {
                let (region, account, cluster, id) = parse_snapshot_arn(arn)?;
                if region != ctx.region {
                    return None;
                }
                (Some(account), key(id), Some(key(cluster)))
            }
            (None, None) => return None,
        };
        let region = self.regions.get(ctx.region)?;
        let found = match owner {
            Some(owner) => region.get(owner).and_then(|p| p.snapshots.get(&id)),
            None => region
                .get(ctx.account)
                .and_then(|p| p.snapshots.get(&id))
                .or_else(|| {
                    region
                        .iter()
                        .filter(|(a, _)| a.as_str() != ctx.account)
                        .find_map(|(_, p)| {
                            p.snapshots.get(&id).filter(|s| s.shared_with(ctx.account))
                        })
                }),
        }?;
        cluster
            .is_none_or(|c| found.snapshot.cluster_identifier.as_deref() == Some(c.as_str()))
            .then_some(found)
    }

    /// DescribeClusterSnapshots.
    pub fn describe_cluster_snapshots(
        &self,
        ctx: &Context,
        input: DescribeClusterSnapshotsMessage,
    ) -> Outcome<SnapshotMessage> {
        let limit = page_size(input.max_records, DESCRIBE_PAGE)?;
        if let Some(t) = input.snapshot_type.as_deref() {
            if t != "manual" && t != "automated" {
                return Err(RedshiftError::InvalidSnapshotType(t.to_owned()));
            }
        }
        if input.cluster_exists == Some(true) && input.cluster_identifier.is_none() {
            return Err(RedshiftError::ClusterExistsWithoutCluster);
        }
        let order = SortOrder::from_input(&input)?;
        let after = input
            .marker
            .as_deref()
            .map(|m| read_marker(m, |key| order.fits(key)))
            .transpose()?;
        let named = input.snapshot_identifier.is_some() || input.snapshot_arn.is_some();
        if named {
            let target = Target {
                identifier: input.snapshot_identifier.as_deref(),
                arn: input.snapshot_arn.as_deref(),
                cluster: input.cluster_identifier.as_deref(),
                owner: None,
            };
            let found = self.visible(ctx, &target);
            let type_ok = |s: &SnapshotRecord| {
                input
                    .snapshot_type
                    .as_deref()
                    .is_none_or(|t| s.snapshot.snapshot_type.as_deref() == Some(t))
            };
            if !found.is_some_and(type_ok) {
                return Err(RedshiftError::ClusterSnapshotNotFound(
                    target.name().to_owned(),
                ));
            }
        }
        let tag_filter = input.tag_keys.is_some() || input.tag_values.is_some();
        let cluster = input.cluster_identifier.as_deref().map(key);
        let id = input.snapshot_identifier.as_deref().map(key);
        let Some(region) = self.regions.get(ctx.region) else {
            return Ok(SnapshotMessage {
                marker: None,
                snapshots: Vec::new(),
            });
        };
        let mut matches: Vec<(Value, &SnapshotRecord)> = Vec::new();
        for (account, place) in region {
            let own = account == ctx.account;
            if !own && tag_filter {
                continue;
            }
            if input.owner_account.as_deref().is_some_and(|o| o != account) {
                continue;
            }
            for record in place.snapshots.values() {
                let s = &record.snapshot;
                if (!own && !record.shared_with(ctx.account)) || !record.started(ctx.now) {
                    continue;
                }
                let keep = id
                    .as_deref()
                    .is_none_or(|i| s.snapshot_identifier.as_deref() == Some(i))
                    && input.snapshot_arn.as_deref().is_none_or(|a| {
                        // Identifiers inside an ARN are as case-insensitive
                        // as anywhere else (`visible` found it that way).
                        s.snapshot_arn
                            .as_deref()
                            .is_some_and(|own| own.eq_ignore_ascii_case(a))
                    })
                    && cluster
                        .as_deref()
                        .is_none_or(|c| s.cluster_identifier.as_deref() == Some(c))
                    && input
                        .snapshot_type
                        .as_deref()
                        .is_none_or(|t| s.snapshot_type.as_deref() == Some(t))
                    && input
                        .start_time
                        .is_none_or(|t| s.snapshot_create_time.is_some_and(|c| c >= t))
                    && input
                        .end_time
                        .is_none_or(|t| s.snapshot_create_time.is_some_and(|c| c <= t))
                    && (!tag_filter
                        || tags_match(
                            s.tags.as_deref().unwrap_or(&[]),
                            input.tag_keys.as_deref(),
                            input.tag_values.as_deref(),
                        ))
                    && input.cluster_exists.is_none_or(|want| {
                        let exists = s
                            .cluster_identifier
                            .as_ref()
                            .is_some_and(|c| place.clusters.contains_key(c));
                        exists == want
                    });
                if keep {
                    matches.push((order.key(record), record));
                }
            }
        }
        matches.sort_by(|a, b| order.compare(&a.0, &b.0));
        let start = match &after {
            Some(marker) => {
                matches.partition_point(|(k, _)| order.compare(k, marker) != Ordering::Greater)
            }
            None => 0,
        };
        let page = &matches[start..];
        let marker = (page.len() > limit).then(|| encode_marker(&page[limit - 1].0));
        let snapshots = page
            .iter()
            .take(limit)
            .map(|(_, r)| r.view(ctx.now, ctx.account))
            .collect();
        Ok(SnapshotMessage { marker, snapshots })
    }

    /// DeleteClusterSnapshot: the checks of SPEC section 4, in order.
    pub fn delete_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: DeleteClusterSnapshotMessage,
    ) -> Outcome<SnapshotResult> {
        let snapshot = self.delete_snapshot(
            ctx,
            &input.snapshot_identifier,
            input.snapshot_cluster_identifier.as_deref(),
        )?;
        Ok(SnapshotResult { snapshot })
    }

    /// The caller's own snapshot named `identifier` (taken from `cluster`,
    /// when given) and its key, or `ClusterSnapshotNotFound`: where delete,
    /// copy and modify start.
    pub(super) fn own_snapshot(
        &self,
        ctx: &Context,
        identifier: &str,
        cluster: Option<&str>,
    ) -> Outcome<(String, &SnapshotRecord)> {
        let not_found = || RedshiftError::ClusterSnapshotNotFound(identifier.to_owned());
        let id = key(identifier);
        let record = self
            .place(ctx)
            .and_then(|p| p.snapshots.get(&id))
            .ok_or_else(not_found)?;
        let from = |c: &str| record.snapshot.cluster_identifier.as_deref() == Some(key(c).as_str());
        if cluster.is_some_and(|c| !from(c)) {
            return Err(not_found());
        }
        Ok((id, record))
    }

    /// Deletes one manual snapshot of the caller's, or says why not.
    pub(super) fn delete_snapshot(
        &mut self,
        ctx: &Context,
        identifier: &str,
        cluster: Option<&str>,
    ) -> Outcome<Snapshot> {
        let (id, record) = self.own_snapshot(ctx, identifier, cluster)?;
        if !record.is_manual() {
            return Err(RedshiftError::NotManualSnapshot(id));
        }
        let status = record.status(ctx.now);
        if !matches!(status, "available" | "failed" | "cancelled") {
            return Err(RedshiftError::SnapshotNotDeletable {
                id,
                status: status.to_owned(),
            });
        }
        if record
            .snapshot
            .accounts_with_restore_access
            .as_ref()
            .is_some_and(|a| !a.is_empty())
        {
            return Err(RedshiftError::SnapshotShared(id));
        }
        let arn = record.snapshot.snapshot_arn.as_deref().unwrap_or("");
        if let Some(cluster) = self
            .place(ctx)
            .and_then(|p| p.cluster_using_snapshot(arn, ctx.now))
        {
            return Err(RedshiftError::SnapshotInUse { id, cluster });
        }
        let record = self
            .place_mut(ctx)
            .and_then(|p| p.snapshots.remove(&id))
            .ok_or_else(|| RedshiftError::ClusterSnapshotNotFound(identifier.to_owned()))?;
        Ok(record.into_view(ctx.now, "deleted"))
    }

    /// Resolves an access call to the caller's own snapshot, or says why not.
    fn owned_for_access(
        &mut self,
        ctx: &Context,
        input: &SnapshotAccessMessage,
    ) -> Outcome<&mut SnapshotRecord> {
        if input.snapshot_identifier.is_none() && input.snapshot_arn.is_none() {
            return Err(RedshiftError::SnapshotNotNamed);
        }
        let target = Target {
            identifier: input.snapshot_identifier.as_deref(),
            arn: input.snapshot_arn.as_deref(),
            cluster: input.snapshot_cluster_identifier.as_deref(),
            owner: None,
        };
        let found = self
            .visible(ctx, &target)
            .ok_or_else(|| RedshiftError::ClusterSnapshotNotFound(target.name().to_owned()))?;
        let id = found
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        if found.owner() != ctx.account {
            return Err(RedshiftError::AccessToSnapshotDenied {
                account: ctx.account.to_owned(),
                id,
            });
        }
        self.place_mut(ctx)
            .and_then(|p| p.snapshots.get_mut(&id))
            .ok_or(RedshiftError::ClusterSnapshotNotFound(id))
    }

    /// AuthorizeSnapshotAccess.
    pub fn authorize_snapshot_access(
        &mut self,
        ctx: &Context,
        input: SnapshotAccessMessage,
    ) -> Outcome<SnapshotResult> {
        let quota = self.settings.snapshot_authorization_quota;
        let account = input.account_with_restore_access.clone();
        let record = self.owned_for_access(ctx, &input)?;
        let id = record
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        if !super::identifiers::is_account_id(&account) {
            return Err(RedshiftError::InvalidAccountId(account));
        }
        let status = record.status(ctx.now);
        if status != "available" {
            return Err(RedshiftError::SnapshotNotShareable {
                id,
                status: status.to_owned(),
            });
        }
        let granted = record
            .snapshot
            .accounts_with_restore_access
            .as_deref()
            .unwrap_or_default();
        if granted
            .iter()
            .any(|a| a.account_id.as_deref() == Some(account.as_str()))
        {
            return Err(RedshiftError::AuthorizationAlreadyExists { account, id });
        }
        if granted.len() >= quota {
            return Err(RedshiftError::AuthorizationQuotaExceeded(quota));
        }
        // Only now, every check passed, may the list come into being: an
        // empty one would show as `AccountsWithRestoreAccess: []`.
        let accounts = record
            .snapshot
            .accounts_with_restore_access
            .get_or_insert_with(Vec::new);
        accounts.push(AccountWithRestoreAccess {
            account_id: Some(account.clone()),
            account_alias: (account == "amazon-redshift-support").then(|| account.clone()),
        });
        Ok(SnapshotResult {
            snapshot: record.view(ctx.now, ctx.account),
        })
    }

    /// RevokeSnapshotAccess.
    pub fn revoke_snapshot_access(
        &mut self,
        ctx: &Context,
        input: SnapshotAccessMessage,
    ) -> Outcome<SnapshotResult> {
        let account = input.account_with_restore_access.clone();
        let record = self.owned_for_access(ctx, &input)?;
        let id = record
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        // A failed revoke must leave the record as it was, so the list is
        // only looked at here, never made.
        let Some((accounts, at)) = record
            .snapshot
            .accounts_with_restore_access
            .as_mut()
            .and_then(|accounts| {
                let at = accounts
                    .iter()
                    .position(|a| a.account_id.as_deref() == Some(account.as_str()))?;
                Some((accounts, at))
            })
        else {
            return Err(RedshiftError::AuthorizationNotFound { account, id });
        };
        accounts.remove(at);
        if accounts.is_empty() {
            record.snapshot.accounts_with_restore_access = None;
        }
        Ok(SnapshotResult {
            snapshot: record.view(ctx.now, ctx.account),
        })
    }
}

/// The order of a snapshot listing: the caller's `SortingEntities`, then
/// create time, owner and identifier, so that every snapshot has one place.
struct SortOrder {
    /// `(attribute, descending)` in priority order.
    entities: Vec<(&'static str, bool)>,
}

impl SortOrder {
    fn from_input(input: &DescribeClusterSnapshotsMessage) -> Outcome<SortOrder> {
        let mut entities = Vec::new();
        for e in input.sorting_entities.iter().flatten() {
            let attribute = match e.attribute.as_str() {
                "SOURCE_TYPE" => "SOURCE_TYPE",
                "TOTAL_SIZE" => "TOTAL_SIZE",
                "CREATE_TIME" => "CREATE_TIME",
                other => return Err(RedshiftError::InvalidSortAttribute(other.to_owned())),
            };
            let descending = match e.sort_order.as_deref() {
                None | Some("ASC") => false,
                Some("DESC") => true,
                Some(other) => return Err(RedshiftError::InvalidSortOrder(other.to_owned())),
            };
            entities.push((attribute, descending));
        }
        entities.push(("CREATE_TIME", false));
        Ok(SortOrder { entities })
    }

    /// The record's sort key: one value per entity, then owner and identifier.
    fn key(&self, record: &SnapshotRecord) -> Value {
        let s = &record.snapshot;
        let mut parts: Vec<Value> = self
            .entities
            .iter()
            .map(|(attribute, _)| match *attribute {
                "SOURCE_TYPE" => json!(s.snapshot_type),
                "TOTAL_SIZE" => json!(s.total_backup_size_in_mega_bytes),
                _ => json!(s.snapshot_create_time.map(|t| t.0)),
            })
            .collect();
        parts.push(json!(s.owner_account));
        parts.push(json!(s.snapshot_identifier));
        Value::Array(parts)
    }

    /// Whether `key` has the shape of this order's keys (see [`SortOrder::key`]).
    fn fits(&self, key: &Value) -> bool {
        let Some(parts) = key.as_array() else {
            return false;
        };
        let kinds = self.entities.iter().map(|(attribute, _)| match *attribute {
            "SOURCE_TYPE" => Value::is_string as fn(&Value) -> bool,
            _ => Value::is_number,
        });
        let kinds = kinds.chain([Value::is_string as fn(&Value) -> bool, Value::is_string]);
        parts.len() == self.entities.len() + 2
            && parts
                .iter()
                .zip(kinds)
                .all(|(part, kind)| part.is_null() || kind(part))
    }

    fn compare(&self, a: &Value, b: &Value) -> Ordering {
        let (Some(a), Some(b)) = (a.as_array(), b.as_array()) else {
            return Ordering::Equal;
        };
        for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
            let descending = self.entities.get(i).is_some_and(|e| e.1);
            let o = compare_values(x, y);
            let o = if descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        a.len().cmp(&b.len())
    }
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod copy_tests {
    use serde_json::{json, Value};

    use super::super::testkit::{automated_id, ctx, snapshot, world, world_with, T0};
    use super::super::Settings;
    use super::*;

    fn copy(w: &mut World, body: Value) -> Outcome<Snapshot> {
        w.copy_cluster_snapshot(&ctx(T0), serde_json::from_value(body).unwrap())
            .map(|r| r.snapshot)
    }

    #[test]
    fn an_automated_snapshot_is_copied_to_a_new_manual_one() {
        let mut w = world();
        let auto = automated_id(&w);
        let s = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "Keep",
                   "SourceSnapshotClusterIdentifier": "C1", "ManualSnapshotRetentionPeriod": 7}),
        )
        .unwrap();
        assert_eq!(s.snapshot_identifier.as_deref(), Some("keep"));
        assert_eq!(s.snapshot_type.as_deref(), Some("manual"));
        assert_eq!(s.status.as_deref(), Some("creating"));
        assert_eq!(s.cluster_identifier.as_deref(), Some("c1"));
        assert_eq!(s.manual_snapshot_retention_period, Some(7));
        assert_eq!(
            s.snapshot_arn.as_deref(),
            Some("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/keep")
        );
        let kept = &w.place(&ctx(T0)).unwrap().snapshots["keep"];
        assert_eq!(
            kept.view(T0, "123456789012").status.as_deref(),
            Some("available")
        );
        assert_eq!(kept.automated_retention_days, None);
        let default = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "forever"}),
        )
        .unwrap();
        assert_eq!(default.manual_snapshot_retention_period, Some(-1));
    }

    #[test]
    fn copy_refuses_what_the_doc_rules_out() {
        let mut w = world();
        let auto = automated_id(&w);
        snapshot(&mut w, "s1", T0);
        let cases = [
            (
                json!({"SourceSnapshotIdentifier": "nope", "TargetSnapshotIdentifier": "t"}),
                RedshiftError::ClusterSnapshotNotFound("nope".into()),
            ),
            (
                json!({"SourceSnapshotIdentifier": auto, "SourceSnapshotClusterIdentifier": "c9",
                       "TargetSnapshotIdentifier": "t"}),
                RedshiftError::ClusterSnapshotNotFound(auto.clone()),
            ),
            (
                json!({"SourceSnapshotIdentifier": "s1", "TargetSnapshotIdentifier": "t"}),
                RedshiftError::NotAutomatedSnapshot("s1".into()),
            ),
            (
                json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "S1"}),
                RedshiftError::ClusterSnapshotAlreadyExists("s1".into()),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(copy(&mut w, body).unwrap_err(), expected);
        }
        let bad_target = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "t-"}),
        )
        .unwrap_err();
        assert_eq!(bad_target.code(), "InvalidParameterValue");
        assert!(bad_target.to_string().contains("TargetSnapshotIdentifier"));
        let bad_period = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "t",
                   "ManualSnapshotRetentionPeriod": 0}),
        );
        assert_eq!(
            bad_period.unwrap_err().code(),
            "InvalidRetentionPeriodFault"
        );
        if let Some(r) = w
            .place_mut(&ctx(T0))
            .and_then(|p| p.snapshots.get_mut(&auto))
        {
            r.forced_status = Some("creating".into());
        }
        let creating = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "t"}),
        );
        assert_eq!(
            creating.unwrap_err(),
            RedshiftError::SnapshotNotCopyable {
                id: auto.clone(),
                status: "creating".into()
            }
        );
        assert!(!w.place(&ctx(T0)).unwrap().snapshots.contains_key("t"));
    }

    #[test]
    fn copies_count_against_the_manual_snapshot_quota() {
        let mut w = world_with(Settings {
            manual_snapshot_quota: 1,
            ..Settings::default()
        });
        let auto = automated_id(&w);
        copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "a"}),
        )
        .unwrap();
        let err = copy(
            &mut w,
            json!({"SourceSnapshotIdentifier": auto, "TargetSnapshotIdentifier": "b"}),
        );
        assert_eq!(
            err.unwrap_err(),
            RedshiftError::ClusterSnapshotQuotaExceeded(1)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testkit::refused;
    use crate::engine::Settings;
    use crate::model::inputs::CreateClusterMessage;
    use crate::model::Tag;

    const ME: &str = "123456789012";
    const GRANTEE: &str = "111122223333";
    const STRANGER: &str = "210987654321";
    /// 2024-03-05T06:07:08Z.
    const T0: Timestamp = Timestamp(1_709_618_828_000_000);
    const AUTOMATED: &str = "rs:c1-2024-03-05-06-07-08";

    fn as_account(account: &'static str, now: Timestamp) -> Context<'static> {
        Context {
            account,
            region: "us-east-1",
            now,
        }
    }

    fn at(now: Timestamp) -> Context<'static> {
        as_account(ME, now)
    }

    /// A world with cluster `c1` (and its automated snapshot) and manual snapshot `s1`.
    fn world(settings: Settings) -> World {
        let mut w = World::new(settings);
        w.create_cluster(
            &at(T0),
            CreateClusterMessage {
                cluster_identifier: "c1".to_owned(),
                node_type: "dc2.large".to_owned(),
                master_username: "admin".to_owned(),
                ..Default::default()
            },
        )
        .unwrap();
        w.create_cluster_snapshot(&at(T0), snapshot_of("s1", "c1"))
            .unwrap();
        w
    }

    fn snapshot_of(id: &str, cluster: &str) -> CreateClusterSnapshotMessage {
        CreateClusterSnapshotMessage {
            snapshot_identifier: id.to_owned(),
            cluster_identifier: cluster.to_owned(),
            ..Default::default()
        }
    }

    fn access(id: &str, account: &str) -> SnapshotAccessMessage {
        SnapshotAccessMessage {
            snapshot_identifier: Some(id.to_owned()),
            account_with_restore_access: account.to_owned(),
            ..Default::default()
        }
    }

    fn delete(id: &str, cluster: Option<&str>) -> DeleteClusterSnapshotMessage {
        DeleteClusterSnapshotMessage {
            snapshot_identifier: id.to_owned(),
            snapshot_cluster_identifier: cluster.map(str::to_owned),
        }
    }

    fn record<'w>(w: &'w mut World, id: &str) -> &'w mut SnapshotRecord {
        w.place_mut(&at(T0))
            .and_then(|p| p.snapshots.get_mut(id))
            .unwrap()
    }

    fn force(w: &mut World, id: &str, status: &str) {
        record(w, id).forced_status = Some(status.to_owned());
    }

    fn describe(w: &World, ctx: &Context, input: DescribeClusterSnapshotsMessage) -> Vec<Snapshot> {
        w.describe_cluster_snapshots(ctx, input).unwrap().snapshots
    }

    fn named(id: &str) -> DescribeClusterSnapshotsMessage {
        DescribeClusterSnapshotsMessage {
            snapshot_identifier: Some(id.to_owned()),
            ..Default::default()
        }
    }

    fn ids(snapshots: &[Snapshot]) -> Vec<&str> {
        snapshots
            .iter()
            .filter_map(|s| s.snapshot_identifier.as_deref())
            .collect()
    }

    // ---- DeleteClusterSnapshot, SPEC section 4 ----

    #[test]
    fn delete_2_missing_snapshot() {
        let mut w = world(Settings::default());
        let err = refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("Nope", None))
        });
        assert_eq!(err.to_string(), "Snapshot Nope not found.");
        assert_eq!(err.status(), 404);
    }

    #[test]
    fn delete_2_only_the_owner_in_its_region() {
        let mut w = world(Settings::default());
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        w.revoke_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        for ctx in [
            as_account(GRANTEE, T0),
            as_account(STRANGER, T0),
            Context {
                region: "eu-west-1",
                ..at(T0)
            },
        ] {
            refused(&mut w, "ClusterSnapshotNotFound", |w| {
                w.delete_cluster_snapshot(&ctx, delete("s1", None))
            });
            refused(&mut w, "ClusterSnapshotNotFound", |w| {
                w.delete_cluster_snapshot(&ctx, delete("s1", Some("c1")))
            });
        }
    }

    #[test]
    fn delete_3_cluster_must_match() {
        let mut w = world(Settings::default());
        let err = refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", Some("c2")))
        });
        assert_eq!(err.to_string(), "Snapshot s1 not found.");
        assert!(w
            .delete_cluster_snapshot(&at(T0), delete("S1", Some("C1")))
            .is_ok());
    }

    #[test]
    fn delete_3_before_4_automated_with_wrong_cluster_is_not_found() {
        let mut w = world(Settings::default());
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.delete_cluster_snapshot(&at(T0), delete(AUTOMATED, Some("c2")))
        });
    }

    #[test]
    fn delete_3_before_5_and_6() {
        let mut w = world(Settings::default());
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        force(&mut w, "s1", "creating");
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", Some("c2")))
        });
    }

    #[test]
    fn delete_4_automated() {
        let mut w = world(Settings::default());
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete(AUTOMATED, Some("c1")))
        });
        assert_eq!(
            err.to_string(),
            format!("Cannot delete the snapshot {AUTOMATED} because only manual snapshots may be deleted")
        );
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn delete_4_before_5_and_6() {
        let mut w = world(Settings::default());
        w.authorize_snapshot_access(&at(T0), access(AUTOMATED, GRANTEE))
            .unwrap();
        force(&mut w, AUTOMATED, "creating");
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete(AUTOMATED, None))
        });
        assert!(matches!(err, RedshiftError::NotManualSnapshot(_)));
    }

    #[test]
    fn delete_5_creating_snapshot_by_clock() {
        let mut w = world(Settings {
            snapshot_creation_seconds: 60.0,
            ..Settings::default()
        });
        w.create_cluster_snapshot(&at(T0), snapshot_of("s2", "c1"))
            .unwrap();
        let later = T0.plus_seconds(59.0);
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(later), delete("s2", None))
        });
        assert_eq!(
            err.to_string(),
            "Cannot delete the snapshot s2 because it is in the creating state."
        );
        let done = T0.plus_seconds(60.0);
        let deleted = w
            .delete_cluster_snapshot(&at(done), delete("s2", None))
            .unwrap();
        assert_eq!(deleted.snapshot.status.as_deref(), Some("deleted"));
    }

    #[test]
    fn delete_5_creating_snapshot_by_ready_at() {
        let mut w = world(Settings::default());
        record(&mut w, "s1").ready_at = T0.plus_seconds(10.0);
        refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", None))
        });
    }

    #[test]
    fn delete_5_only_available_failed_or_cancelled() {
        for status in ["creating", "deleted", "copying"] {
            let mut w = world(Settings::default());
            force(&mut w, "s1", status);
            let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
                w.delete_cluster_snapshot(&at(T0), delete("s1", None))
            });
            assert!(matches!(err, RedshiftError::SnapshotNotDeletable { .. }));
            assert!(err.to_string().contains("s1") && err.to_string().contains(status));
        }
        for status in ["available", "failed", "cancelled"] {
            let mut w = world(Settings::default());
            force(&mut w, "s1", status);
            let deleted = w
                .delete_cluster_snapshot(&at(T0), delete("s1", None))
                .unwrap();
            assert_eq!(deleted.snapshot.status.as_deref(), Some("deleted"));
            assert!(!w.place(&at(T0)).unwrap().snapshots.contains_key("s1"));
        }
    }

    #[test]
    fn delete_5_before_6_shared_creating_snapshot_reports_its_status() {
        let mut w = world(Settings::default());
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        force(&mut w, "s1", "creating");
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", None))
        });
        assert!(matches!(err, RedshiftError::SnapshotNotDeletable { .. }));
    }

    #[test]
    fn delete_6_shared_snapshot_until_every_grant_is_revoked() {
        let mut w = world(Settings::default());
        for account in [GRANTEE, STRANGER] {
            w.authorize_snapshot_access(&at(T0), access("s1", account))
                .unwrap();
        }
        force(&mut w, "s1", "failed");
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", None))
        });
        assert!(matches!(err, RedshiftError::SnapshotShared(_)));
        assert!(err.to_string().contains("s1") && err.to_string().contains("Revoke"));
        w.revoke_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.delete_cluster_snapshot(&at(T0), delete("s1", None))
        });
        w.revoke_snapshot_access(&at(T0), access("s1", STRANGER))
            .unwrap();
        assert!(w
            .delete_cluster_snapshot(&at(T0), delete("s1", None))
            .is_ok());
    }

    #[test]
    fn delete_7_success_answers_the_whole_snapshot_as_deleted() {
        let mut w = world(Settings::default());
        let later = T0.plus_seconds(3600.0);
        let before = describe(&w, &at(later), named("s1")).remove(0);
        let deleted = w
            .delete_cluster_snapshot(&at(later), delete("S1", None))
            .unwrap()
            .snapshot;
        assert_eq!(
            deleted,
            Snapshot {
                status: Some("deleted".to_owned()),
                ..before
            }
        );
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.delete_cluster_snapshot(&at(later), delete("s1", None))
        });
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.describe_cluster_snapshots(&at(later), named("s1"))
        });
        // The identifier is free again.
        assert!(w
            .create_cluster_snapshot(&at(later), snapshot_of("s1", "c1"))
            .is_ok());
    }

    #[test]
    fn delete_7_a_failed_snapshot_answers_as_deleted_with_its_other_members() {
        let mut w = world(Settings::default());
        force(&mut w, "s1", "failed");
        let before = describe(&w, &at(T0), named("s1")).remove(0);
        assert_eq!(before.status.as_deref(), Some("failed"));
        let deleted = w
            .delete_cluster_snapshot(&at(T0), delete("s1", None))
            .unwrap()
            .snapshot;
        assert_eq!(
            deleted,
            Snapshot {
                status: Some("deleted".to_owned()),
                ..before
            }
        );
    }

    #[test]
    fn delete_7_manual_snapshots_outlive_their_cluster() {
        let mut w = world(Settings::default());
        w.delete_cluster(
            &at(T0),
            crate::model::inputs::DeleteClusterMessage {
                cluster_identifier: "c1".to_owned(),
                skip_final_cluster_snapshot: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(!w.place(&at(T0)).unwrap().snapshots.contains_key(AUTOMATED));
        assert!(w
            .delete_cluster_snapshot(&at(T0), delete("s1", Some("c1")))
            .is_ok());
    }

    // ---- CreateClusterSnapshot ----

    #[test]
    fn create_answers_creating_and_becomes_available() {
        let mut w = world(Settings::default());
        let made = w
            .create_cluster_snapshot(&at(T0), snapshot_of("S2", "C1"))
            .unwrap()
            .snapshot;
        assert_eq!(made.status.as_deref(), Some("creating"));
        assert_eq!(made.snapshot_identifier.as_deref(), Some("s2"));
        assert_eq!(made.cluster_identifier.as_deref(), Some("c1"));
        assert_eq!(made.manual_snapshot_retention_period, Some(-1));
        assert_eq!(made.tags, Some(Vec::new()));
        assert_eq!(
            made.snapshot_arn.as_deref(),
            Some("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s2")
        );
        let seen = describe(&w, &at(T0), named("s2")).remove(0);
        assert_eq!(seen.status.as_deref(), Some("available"));
    }

    #[test]
    fn progress_members_follow_the_status() {
        let mut w = world(Settings {
            snapshot_creation_seconds: 100.0,
            ..Settings::default()
        });
        w.create_cluster_snapshot(&at(T0), snapshot_of("s2", "c1"))
            .unwrap();
        let half = describe(&w, &at(T0.plus_seconds(50.0)), named("s2")).remove(0);
        assert_eq!(half.status.as_deref(), Some("creating"));
        assert_eq!(half.elapsed_time_in_seconds, Some(50));
        assert_eq!(half.estimated_seconds_to_completion, Some(50));
        assert_eq!(
            half.backup_progress_in_mega_bytes,
            half.total_backup_size_in_mega_bytes.map(|t| t / 2.0)
        );
        let done = describe(&w, &at(T0.plus_seconds(100.0)), named("s2")).remove(0);
        assert_eq!(done.status.as_deref(), Some("available"));
        assert_eq!(done.estimated_seconds_to_completion, Some(0));
        assert_eq!(
            done.backup_progress_in_mega_bytes,
            done.total_backup_size_in_mega_bytes
        );
    }

    #[test]
    fn create_refusals_change_nothing() {
        let mut w = world(Settings::default());
        let err = refused(&mut w, "ClusterNotFound", |w| {
            w.create_cluster_snapshot(&at(T0), snapshot_of("s2", "c9"))
        });
        assert_eq!(err.to_string(), "Cluster c9 not found.");
        refused(&mut w, "ClusterSnapshotAlreadyExists", |w| {
            w.create_cluster_snapshot(&at(T0), snapshot_of("S1", "c1"))
        });
        refused(&mut w, "InvalidParameterValue", |w| {
            w.create_cluster_snapshot(&at(T0), snapshot_of("s--2", "c1"))
        });
        for days in [0, -2, 3654] {
            refused(&mut w, "InvalidRetentionPeriodFault", |w| {
                w.create_cluster_snapshot(
                    &at(T0),
                    CreateClusterSnapshotMessage {
                        manual_snapshot_retention_period: Some(days),
                        ..snapshot_of("s2", "c1")
                    },
                )
            });
        }
        let tags = |n: usize, key: &str| {
            Some(
                (0..n)
                    .map(|i| Tag {
                        key: Some(format!("{key}{i}")),
                        value: Some("v".to_owned()),
                    })
                    .collect(),
            )
        };
        refused(&mut w, "TagLimitExceededFault", |w| {
            w.create_cluster_snapshot(
                &at(T0),
                CreateClusterSnapshotMessage {
                    tags: tags(51, "k"),
                    ..snapshot_of("s2", "c1")
                },
            )
        });
        refused(&mut w, "InvalidTagFault", |w| {
            w.create_cluster_snapshot(
                &at(T0),
                CreateClusterSnapshotMessage {
                    tags: tags(1, "aws:"),
                    ..snapshot_of("s2", "c1")
                },
            )
        });
    }

    #[test]
    fn create_keeps_tags_and_retention() {
        let mut w = world(Settings::default());
        let tags = vec![Tag {
            key: Some("team".to_owned()),
            value: Some("data".to_owned()),
        }];
        w.create_cluster_snapshot(
            &at(T0),
            CreateClusterSnapshotMessage {
                tags: Some(tags.clone()),
                manual_snapshot_retention_period: Some(3),
                ..snapshot_of("s2", "c1")
            },
        )
        .unwrap();
        let seen = describe(&w, &at(T0.plus_seconds(86_400.0)), named("s2")).remove(0);
        assert_eq!(seen.tags, Some(tags));
        assert_eq!(seen.manual_snapshot_retention_period, Some(3));
        assert_eq!(seen.manual_snapshot_remaining_days, Some(2));
        assert_eq!(seen.snapshot_retention_start_time, Some(T0));
    }

    #[test]
    fn manual_snapshot_quota_per_account_and_region() {
        let mut w = world(Settings {
            manual_snapshot_quota: 2,
            ..Settings::default()
        });
        w.create_cluster_snapshot(&at(T0), snapshot_of("s2", "c1"))
            .unwrap();
        let err = refused(&mut w, "ClusterSnapshotQuotaExceeded", |w| {
            w.create_cluster_snapshot(&at(T0), snapshot_of("s3", "c1"))
        });
        assert!(err.to_string().contains('2'));
        w.delete_cluster_snapshot(&at(T0), delete("s2", None))
            .unwrap();
        assert!(w
            .create_cluster_snapshot(&at(T0), snapshot_of("s3", "c1"))
            .is_ok());
    }

    #[test]
    fn retention_removes_a_manual_snapshot_when_its_period_ends() {
        let mut w = world(Settings::default());
        w.create_cluster_snapshot(
            &at(T0),
            CreateClusterSnapshotMessage {
                manual_snapshot_retention_period: Some(1),
                ..snapshot_of("s2", "c1")
            },
        )
        .unwrap();
        w.tick(T0.plus_seconds(86_399.0));
        assert!(w.place(&at(T0)).unwrap().snapshots.contains_key("s2"));
        w.tick(T0.plus_seconds(86_400.0));
        let place = w.place(&at(T0)).unwrap();
        assert!(!place.snapshots.contains_key("s2"));
        // The automated snapshot's one day ended too; `s1` is kept forever.
        assert!(!place.snapshots.contains_key(AUTOMATED));
        assert!(place.snapshots.contains_key("s1"));
    }

    // ---- DescribeClusterSnapshots ----

    #[test]
    fn describe_filters_and_not_found() {
        let mut w = world(Settings::default());
        let everything = describe(&w, &at(T0), DescribeClusterSnapshotsMessage::default());
        assert_eq!(ids(&everything), vec![AUTOMATED, "s1"]);
        let manual = DescribeClusterSnapshotsMessage {
            snapshot_type: Some("manual".to_owned()),
            ..Default::default()
        };
        assert_eq!(ids(&describe(&w, &at(T0), manual)), vec!["s1"]);
        let of_c1 = DescribeClusterSnapshotsMessage {
            cluster_identifier: Some("C1".to_owned()),
            ..Default::default()
        };
        assert_eq!(ids(&describe(&w, &at(T0), of_c1)).len(), 2);
        let of_c9 = DescribeClusterSnapshotsMessage {
            cluster_identifier: Some("c9".to_owned()),
            ..Default::default()
        };
        assert!(describe(&w, &at(T0), of_c9).is_empty());
        let err = refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.describe_cluster_snapshots(&at(T0), named("nope"))
        });
        assert_eq!(err.to_string(), "Snapshot nope not found.");
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.describe_cluster_snapshots(
                &at(T0),
                DescribeClusterSnapshotsMessage {
                    snapshot_type: Some("automated".to_owned()),
                    ..named("s1")
                },
            )
        });
        refused(&mut w, "InvalidParameterValue", |w| {
            w.describe_cluster_snapshots(
                &at(T0),
                DescribeClusterSnapshotsMessage {
                    snapshot_type: Some("weekly".to_owned()),
                    ..Default::default()
                },
            )
        });
    }

    #[test]
    fn describe_pages_without_losing_or_repeating() {
        let mut w = world(Settings {
            manual_snapshot_quota: 100,
            ..Settings::default()
        });
        for i in 0..45 {
            w.create_cluster_snapshot(
                &at(T0.plus_seconds(i as f64)),
                snapshot_of(&format!("p{i:02}"), "c1"),
            )
            .unwrap();
        }
        let mut seen = Vec::new();
        let mut marker = None;
        loop {
            let page = w
                .describe_cluster_snapshots(
                    &at(T0.plus_seconds(100.0)),
                    DescribeClusterSnapshotsMessage {
                        max_records: Some(20),
                        marker: marker.take(),
                        ..Default::default()
                    },
                )
                .unwrap();
            seen.extend(
                page.snapshots
                    .into_iter()
                    .filter_map(|s| s.snapshot_identifier),
            );
            match page.marker {
                Some(m) => marker = Some(m),
                None => break,
            }
        }
        assert_eq!(seen.len(), 47);
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 47);
    }

    #[test]
    fn shared_snapshots_are_visible_to_the_grantee_without_the_grant_list() {
        let mut w = world(Settings::default());
        let grantee = as_account(GRANTEE, T0);
        assert!(describe(&w, &grantee, DescribeClusterSnapshotsMessage::default()).is_empty());
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        let theirs = describe(&w, &grantee, DescribeClusterSnapshotsMessage::default());
        assert_eq!(ids(&theirs), vec!["s1"]);
        assert_eq!(theirs[0].owner_account.as_deref(), Some(ME));
        assert_eq!(theirs[0].accounts_with_restore_access, None);
        let mine = describe(&w, &at(T0), named("s1")).remove(0);
        assert_eq!(
            mine.accounts_with_restore_access,
            Some(vec![AccountWithRestoreAccess {
                account_id: Some(GRANTEE.to_owned()),
                account_alias: None,
            }])
        );
        assert_eq!(ids(&describe(&w, &grantee, named("S1"))), vec!["s1"]);
        let by_arn = DescribeClusterSnapshotsMessage {
            snapshot_arn: Some("arn:aws:redshift:us-east-1:123456789012:snapshot:C1/S1".to_owned()),
            ..Default::default()
        };
        assert_eq!(ids(&describe(&w, &grantee, by_arn.clone())), vec!["s1"]);
        assert_eq!(ids(&describe(&w, &at(T0), by_arn)), vec!["s1"]);
        let stranger = as_account(STRANGER, T0);
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.describe_cluster_snapshots(&stranger, named("s1"))
        });
        // With tag filters, shared snapshots are left out.
        let tagged = DescribeClusterSnapshotsMessage {
            tag_keys: Some(vec!["k".to_owned()]),
            ..Default::default()
        };
        assert!(describe(&w, &grantee, tagged).is_empty());
    }

    // ---- AuthorizeSnapshotAccess / RevokeSnapshotAccess ----

    #[test]
    fn authorize_and_revoke_by_identifier_and_arn() {
        let mut w = world(Settings::default());
        let arn = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";
        let by_arn = |account: &str| SnapshotAccessMessage {
            snapshot_arn: Some(arn.to_owned()),
            account_with_restore_access: account.to_owned(),
            ..Default::default()
        };
        let granted = w
            .authorize_snapshot_access(&at(T0), by_arn(GRANTEE))
            .unwrap()
            .snapshot;
        assert_eq!(
            granted.accounts_with_restore_access.map(|a| a.len()),
            Some(1)
        );
        w.authorize_snapshot_access(&at(T0), access("S1", STRANGER))
            .unwrap();
        w.revoke_snapshot_access(&at(T0), by_arn(GRANTEE)).unwrap();
        let left = w
            .revoke_snapshot_access(&at(T0), access("s1", STRANGER))
            .unwrap()
            .snapshot;
        assert_eq!(left.accounts_with_restore_access, None);
        assert_eq!(
            record(&mut w, "s1").snapshot.accounts_with_restore_access,
            None
        );
    }

    #[test]
    fn authorization_refusals_change_nothing() {
        let mut w = world(Settings {
            snapshot_authorization_quota: 1,
            ..Settings::default()
        });
        // Revoking what was never granted leaves no empty grant list behind.
        let err = refused(&mut w, "AuthorizationNotFound", |w| {
            w.revoke_snapshot_access(&at(T0), access("s1", GRANTEE))
        });
        assert_eq!(err.status(), 404);
        w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
            .unwrap();
        refused(&mut w, "AuthorizationAlreadyExists", |w| {
            w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
        });
        refused(&mut w, "AuthorizationQuotaExceeded", |w| {
            w.authorize_snapshot_access(&at(T0), access("s1", STRANGER))
        });
        refused(&mut w, "AuthorizationNotFound", |w| {
            w.revoke_snapshot_access(&at(T0), access("s1", STRANGER))
        });
        refused(&mut w, "InvalidParameterValue", |w| {
            w.authorize_snapshot_access(&at(T0), access("s1", "12"))
        });
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.authorize_snapshot_access(&at(T0), access("nope", STRANGER))
        });
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.authorize_snapshot_access(
                &at(T0),
                SnapshotAccessMessage {
                    snapshot_cluster_identifier: Some("c9".to_owned()),
                    ..access("s1", STRANGER)
                },
            )
        });
        refused(&mut w, "InvalidParameterCombination", |w| {
            w.authorize_snapshot_access(
                &at(T0),
                SnapshotAccessMessage {
                    account_with_restore_access: STRANGER.to_owned(),
                    ..Default::default()
                },
            )
        });
        let grantee = as_account(GRANTEE, T0);
        for call in [
            World::authorize_snapshot_access
                as fn(&mut World, &Context, SnapshotAccessMessage) -> Outcome<SnapshotResult>,
            World::revoke_snapshot_access,
        ] {
            refused(&mut w, "AccessToSnapshotDenied", |w| {
                call(w, &grantee, access("s1", GRANTEE))
            });
        }
        let stranger = as_account(STRANGER, T0);
        refused(&mut w, "ClusterSnapshotNotFound", |w| {
            w.authorize_snapshot_access(&stranger, access("s1", STRANGER))
        });
    }

    #[test]
    fn a_zero_quota_refuses_without_leaving_an_empty_list() {
        let mut w = world(Settings {
            snapshot_authorization_quota: 0,
            ..Settings::default()
        });
        refused(&mut w, "AuthorizationQuotaExceeded", |w| {
            w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
        });
    }

    #[test]
    fn a_snapshot_being_created_cannot_be_shared() {
        let mut w = world(Settings::default());
        force(&mut w, "s1", "creating");
        let err = refused(&mut w, "InvalidClusterSnapshotState", |w| {
            w.authorize_snapshot_access(&at(T0), access("s1", GRANTEE))
        });
        assert!(matches!(err, RedshiftError::SnapshotNotShareable { .. }));
    }
}
