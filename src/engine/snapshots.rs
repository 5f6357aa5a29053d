//! Snapshot rules: create, describe, delete, share.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::identifiers::{key, new_snapshot_identifier, parse_snapshot_arn, snapshot_arn};
use super::{
    check_manual_retention, check_tags, decode_marker, encode_marker, page_size, tags_match,
    ClusterRecord, Context, Outcome, SnapshotRecord, World,
};
use crate::errors::RedshiftError;
use crate::model::inputs::{
    CreateClusterSnapshotMessage, DeleteClusterSnapshotMessage, DescribeClusterSnapshotsMessage,
    SnapshotAccessMessage,
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
        let s = &self.snapshot;
        let (start, days) = match self.automated_retention_days {
            Some(days) => (s.snapshot_create_time?, days),
            None => (
                s.snapshot_retention_start_time?,
                s.manual_snapshot_retention_period?,
            ),
        };
        (days > 0).then(|| start.plus_seconds(days as f64 * DAY_SECONDS))
    }

    fn is_manual(&self) -> bool {
        self.snapshot.snapshot_type.as_deref() == Some("manual")
    }

    fn owner(&self) -> &str {
        self.snapshot.owner_account.as_deref().unwrap_or("")
    }

    fn shared_with(&self, account: &str) -> bool {
        self.snapshot
            .accounts_with_restore_access
            .as_ref()
            .is_some_and(|a| a.iter().any(|x| x.account_id.as_deref() == Some(account)))
    }

    /// The snapshot as `viewer` sees it at `now`, with its changing members
    /// (status, progress, remaining days) worked out.
    pub fn view(&self, now: Timestamp, viewer: &str) -> Snapshot {
        let mut s = self.snapshot.clone();
        self.fill(&mut s, now, self.status(now).to_owned());
        if viewer != self.owner() {
            s.accounts_with_restore_access = None;
        }
        s
    }

    /// The snapshot as a create or copy call answers it: `creating`.
    pub fn view_creating(&self, now: Timestamp) -> Snapshot {
        let mut s = self.snapshot.clone();
        self.fill(&mut s, now.min(self.ready_at), "creating".to_owned());
        s
    }

    /// Fills in the members that depend on the status and the clock.
    fn fill(&self, s: &mut Snapshot, now: Timestamp, status: String) {
        let total = s.total_backup_size_in_mega_bytes.unwrap_or(0.0);
        let start = s.snapshot_create_time.unwrap_or(now);
        let duration = start.seconds_until(self.ready_at).max(0.0);
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
        if self.is_manual() && s.manual_snapshot_retention_period.is_some_and(|d| d > 0) {
            s.manual_snapshot_remaining_days = self
                .expires_at()
                .map(|end| (now.seconds_until(end) / DAY_SECONDS).ceil().max(0.0) as i64);
        }
        s.status = Some(status);
    }
}

/// Which snapshot a call names: by identifier (with an optional cluster) or ARN.
struct Target<'a> {
    identifier: Option<&'a str>,
    arn: Option<&'a str>,
    cluster: Option<&'a str>,
}

impl Target<'_> {
    /// What error messages call the snapshot.
    fn name(&self) -> &str {
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

    /// The snapshot a call names, if `ctx`'s account may see it: its own, or
    /// one another account of the region shared with it. Returns the owner too.
    fn visible<'w>(&'w self, ctx: &Context, target: &Target) -> Option<&'w SnapshotRecord> {
        let (owner, id, cluster) = match (target.identifier, target.arn) {
            (Some(id), _) => (None, key(id), target.cluster.map(key)),
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
        let mine_or_shared = found.owner() == ctx.account || found.shared_with(ctx.account);
        let cluster_ok = cluster
            .is_none_or(|c| found.snapshot.cluster_identifier.as_deref() == Some(c.as_str()));
        (mine_or_shared && cluster_ok).then_some(found)
    }

    /// DescribeClusterSnapshots.
    pub fn describe_cluster_snapshots(
        &self,
        ctx: &Context,
        input: DescribeClusterSnapshotsMessage,
    ) -> Outcome<SnapshotMessage> {
        let limit = page_size(input.max_records)?;
        if let Some(t) = input.snapshot_type.as_deref() {
            if t != "manual" && t != "automated" {
                return Err(RedshiftError::InvalidParameterValue(format!(
                    "The snapshot type {t} is not valid. Valid types are manual and automated."
                )));
            }
        }
        let order = SortOrder::from_input(&input)?;
        let after = input.marker.as_deref().map(decode_marker).transpose()?;
        let named = input.snapshot_identifier.is_some() || input.snapshot_arn.is_some();
        if named {
            let target = Target {
                identifier: input.snapshot_identifier.as_deref(),
                arn: input.snapshot_arn.as_deref(),
                cluster: None,
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
                if !own && !record.shared_with(ctx.account) {
                    continue;
                }
                let keep = id
                    .as_deref()
                    .is_none_or(|i| s.snapshot_identifier.as_deref() == Some(i))
                    && input
                        .snapshot_arn
                        .as_deref()
                        .is_none_or(|a| s.snapshot_arn.as_deref() == Some(a))
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

    /// Deletes one manual snapshot of the caller's, or says why not.
    pub(super) fn delete_snapshot(
        &mut self,
        ctx: &Context,
        identifier: &str,
        cluster: Option<&str>,
    ) -> Outcome<Snapshot> {
        let not_found = || RedshiftError::ClusterSnapshotNotFound(identifier.to_owned());
        let id = key(identifier);
        let record = self
            .place(ctx)
            .and_then(|p| p.snapshots.get(&id))
            .ok_or_else(not_found)?;
        if let Some(cluster) = cluster {
            if record.snapshot.cluster_identifier.as_deref() != Some(key(cluster).as_str()) {
                return Err(not_found());
            }
        }
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
        let record = self
            .place_mut(ctx)
            .and_then(|p| p.snapshots.remove(&id))
            .ok_or_else(not_found)?;
        let mut snapshot = record.view(ctx.now, ctx.account);
        snapshot.status = Some("deleted".to_owned());
        Ok(snapshot)
    }

    /// Resolves an access call to the caller's own snapshot, or says why not.
    fn owned_for_access(
        &mut self,
        ctx: &Context,
        input: &SnapshotAccessMessage,
    ) -> Outcome<&mut SnapshotRecord> {
        if input.snapshot_identifier.is_none() && input.snapshot_arn.is_none() {
            return Err(RedshiftError::InvalidParameterCombination(
                "Either SnapshotIdentifier or SnapshotArn must be specified.".to_owned(),
            ));
        }
        let target = Target {
            identifier: input.snapshot_identifier.as_deref(),
            arn: input.snapshot_arn.as_deref(),
            cluster: input.snapshot_cluster_identifier.as_deref(),
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
            return Err(RedshiftError::InvalidParameterValue(format!(
                "Invalid value for AccountWithRestoreAccess: {account}. It must be a 12-digit AWS account ID."
            )));
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
                other => {
                    return Err(RedshiftError::InvalidParameterValue(format!(
                        "Invalid sorting attribute: {other}. Valid values are SOURCE_TYPE, TOTAL_SIZE and CREATE_TIME."
                    )))
                }
            };
            let descending = match e.sort_order.as_deref() {
                None | Some("ASC") => false,
                Some("DESC") => true,
                Some(other) => {
                    return Err(RedshiftError::InvalidParameterValue(format!(
                        "Invalid sort order: {other}. Valid values are ASC and DESC."
                    )))
                }
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
