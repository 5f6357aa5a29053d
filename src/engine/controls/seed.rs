//! `seed_snapshot`: a snapshot put into the world without
//! CreateClusterSnapshot, with the members a test chooses (an old create
//! time, a cluster long gone, a size, grants, a status).

use std::sync::Arc;

use serde_json::Value;

use super::super::catalog::{self, CLUSTER_VERSION};
use super::super::clusters::{ClusterFacts, ClusterRecord};
use super::super::identifiers::{
    automated_snapshot_identifier, is_account_id, new_cluster_identifier, new_snapshot_identifier,
};
use super::super::name::Name;
use super::super::snapshots::{Retention, SnapshotRecord, SnapshotStatus};
use super::super::tags::tags_of;
use super::super::{check_manual_retention, Context, World};
use crate::errors::ControlError;
use crate::model::{Snapshot, Timestamp};

/// Snapshot members the fake works out itself (from the account, the
/// identifiers, the node type, the status and the clock), so a seed may not
/// set them.
const DERIVED_MEMBERS: &[&str] = &[
    "SnapshotArn",
    "OwnerAccount",
    "BackupProgressInMegaBytes",
    "CurrentBackupRateInMegaBytesPerSecond",
    "EstimatedSecondsToCompletion",
    "ElapsedTimeInSeconds",
    "ManualSnapshotRemainingDays",
    "RestorableNodeTypes",
];

fn seed_error(message: impl Into<String>) -> ControlError {
    ControlError::InvalidSeed(message.into())
}

impl World {
    /// Puts a snapshot into the caller's account and region: `members` are
    /// members of the model's `Snapshot` shape (validated, timestamps in
    /// microseconds); what is left out comes from the cluster when it
    /// exists, else from a single-node dc2.large cluster. The quota does not
    /// apply. Returns the snapshot as DescribeClusterSnapshots shows it.
    pub fn seed_snapshot(
        &mut self,
        ctx: &Context,
        members: Value,
        automated_retention_days: Option<i64>,
    ) -> Result<Snapshot, ControlError> {
        if let Some(derived) = DERIVED_MEMBERS.iter().find(|m| members.get(**m).is_some()) {
            return Err(seed_error(format!(
                "{derived} is worked out by the fake (from the account, identifiers, status and clock); leave it out"
            )));
        }
        for member in [
            "TotalBackupSizeInMegaBytes",
            "ActualIncrementalBackupSizeInMegaBytes",
        ] {
            // A size that is not a finite number reads as null in JSON.
            if let Some(size) = members.get(member) {
                if !size.as_f64().is_some_and(|v| v.is_finite() && v >= 0.0) {
                    return Err(seed_error(format!(
                        "{member} must be a finite number >= 0, got {size}"
                    )));
                }
            }
        }
        let s: Snapshot = serde_json::from_value(members).map_err(|e| seed_error(e.to_string()))?;
        let manual = match s.snapshot_type.as_deref() {
            None | Some("manual") => true,
            Some("automated") => false,
            Some(other) => {
                return Err(seed_error(format!(
                    "SnapshotType must be manual or automated, got {other:?}"
                )))
            }
        };
        let forced = match s.status.as_deref() {
            None | Some("available") => None,
            Some(other) => Some(
                SnapshotStatus::parse(other)
                    .ok_or_else(|| ControlError::InvalidStatus(other.to_owned()))?,
            ),
        };
        let cluster_id = s
            .cluster_identifier
            .as_deref()
            .ok_or_else(|| seed_error("ClusterIdentifier is required"))?;
        let cluster_id = new_cluster_identifier("ClusterIdentifier", cluster_id)
            .map_err(|e| seed_error(e.to_string()))?;
        let at = s.snapshot_create_time.unwrap_or(ctx.now);
        let id = match (s.snapshot_identifier.as_deref(), manual) {
            (Some(id), true) => new_snapshot_identifier("SnapshotIdentifier", id),
            (Some(id), false) => match id.get(..3).filter(|p| p.eq_ignore_ascii_case("rs:")) {
                Some(_) => new_snapshot_identifier("SnapshotIdentifier", &id[3..])
                    .map(|rest| format!("rs:{rest}")),
                None => return Err(seed_error(
                    "automated snapshot identifiers begin with rs: (leave it out for AWS's name)",
                )),
            },
            (None, true) => return Err(seed_error("SnapshotIdentifier is required")),
            (None, false) => Ok(automated_snapshot_identifier(&cluster_id, at)),
        }
        .map_err(|e| seed_error(e.to_string()))?;
        if self.own::<SnapshotRecord>(ctx, &id).is_ok() {
            return Err(ControlError::SnapshotExists {
                id,
                account: ctx.account.to_owned(),
                region: ctx.region.to_owned(),
            });
        }
        if !manual {
            for (member, given) in [
                (
                    "ManualSnapshotRetentionPeriod",
                    s.manual_snapshot_retention_period.is_some(),
                ),
                (
                    "SnapshotRetentionStartTime",
                    s.snapshot_retention_start_time.is_some(),
                ),
            ] {
                if given {
                    return Err(seed_error(format!(
                        "{member} is for manual snapshots; an automated one is kept for automated_retention_days"
                    )));
                }
            }
        }
        if let Some(days) = s.manual_snapshot_retention_period {
            check_manual_retention(days).map_err(|e| seed_error(e.to_string()))?;
        }
        if let Some(days) = automated_retention_days {
            if manual {
                return Err(seed_error(
                    "automated_retention_days is for automated snapshots; a manual one has ManualSnapshotRetentionPeriod",
                ));
            }
            if !(1..=35).contains(&days) {
                return Err(seed_error(format!(
                    "automated_retention_days must be between 1 and 35, got {days}"
                )));
            }
        }
        let mut grantees: Vec<Name> = Vec::new();
        for grant in s.accounts_with_restore_access.iter().flatten() {
            let account = grant.account_id.as_deref().unwrap_or("");
            if !is_account_id(account) || grantees.iter().any(|g| g == account) {
                return Err(seed_error(format!(
                    "AccountsWithRestoreAccess needs distinct 12-digit AccountIds, got {account:?}"
                )));
            }
            grantees.push(Name::from(account));
        }
        let tags = tags_of(s.tags.clone()).map_err(|e| seed_error(e.to_string()))?;

        let cluster = self.own::<ClusterRecord>(ctx, &cluster_id).ok();
        let facts = seeded_facts(ctx, cluster, &cluster_id, at, &s);
        let size = s
            .total_backup_size_in_mega_bytes
            .unwrap_or_else(|| catalog::data_size_mb(facts.number_of_nodes));
        let retention = if manual {
            Retention::Manual {
                days: s
                    .manual_snapshot_retention_period
                    .or(cluster.map(|c| c.manual_retention_days))
                    .unwrap_or(-1),
                start: s.snapshot_retention_start_time.unwrap_or(at),
            }
        } else {
            Retention::Automated {
                days: automated_retention_days
                    .or(cluster.map(|c| c.automated_retention_days))
                    .unwrap_or(1),
            }
        };
        let record = SnapshotRecord {
            id: Name::from(id),
            facts,
            status: SnapshotStatus::Available,
            forced,
            created_at: at,
            ready_at: at,
            size_mb: size,
            incremental_mb: s
                .actual_incremental_backup_size_in_mega_bytes
                .unwrap_or(size),
            retention,
            grantees: grantees.clone().into_boxed_slice(),
            source_region: s.source_region.clone(),
            tables: Box::default(),
        };
        let key = record.id.clone();
        self.add_snapshot_tagged(ctx, record, tags);
        self.reindex_grants(ctx, &key, &[], &grantees);
        let place = self.place_entry(ctx);
        Ok(place
            .snapshots
            .get(&key)
            .map(|r| r.render(ctx, ctx.account, &place.tags, None))
            .unwrap_or_default())
    }
}

/// What a seeded snapshot shows of its cluster: the cluster's own facts (or
/// a single-node dc2.large with AWS's defaults, created at `at`, for a
/// cluster that does not exist), with the members the seed gives instead.
fn seeded_facts(
    ctx: &Context,
    cluster: Option<&ClusterRecord>,
    cluster_id: &str,
    at: Timestamp,
    s: &Snapshot,
) -> Arc<ClusterFacts> {
    let base = match cluster {
        Some(c) => Arc::clone(&c.facts),
        None => Arc::new(ClusterFacts {
            cluster_identifier: Name::from(cluster_id),
            cluster_create_time: at,
            node_type: Name::from("dc2.large"),
            number_of_nodes: 1,
            master_username: Name::from("admin"),
            db_name: Name::from(catalog::DEFAULT_DB_NAME),
            cluster_version: Name::from(CLUSTER_VERSION),
            engine_full_version: Name::from(catalog::default_engine_version()),
            availability_zone: Name::from(format!("{}a", ctx.region)),
            port: catalog::DEFAULT_PORT,
            vpc_id: None,
            encrypted: false,
            kms_key_id: None,
            encrypted_with_hsm: false,
            enhanced_vpc_routing: false,
            maintenance_track_name: Name::from(catalog::DEFAULT_MAINTENANCE_TRACK),
            master_password_secret_arn: None,
            master_password_secret_kms_key_id: None,
        }),
    };
    let name =
        |given: &Option<Name>, current: &Name| given.clone().unwrap_or_else(|| current.clone());
    let optional =
        |given: &Option<Name>, current: &Option<Name>| given.clone().or_else(|| current.clone());
    let f = &*base;
    let seeded = ClusterFacts {
        cluster_identifier: f.cluster_identifier.clone(),
        cluster_create_time: s.cluster_create_time.unwrap_or(f.cluster_create_time),
        node_type: name(&s.node_type, &f.node_type),
        number_of_nodes: s.number_of_nodes.unwrap_or(f.number_of_nodes),
        master_username: name(&s.master_username, &f.master_username),
        db_name: name(&s.db_name, &f.db_name),
        cluster_version: name(&s.cluster_version, &f.cluster_version),
        engine_full_version: name(&s.engine_full_version, &f.engine_full_version),
        availability_zone: name(&s.availability_zone, &f.availability_zone),
        port: s.port.unwrap_or(f.port),
        vpc_id: optional(&s.vpc_id, &f.vpc_id),
        encrypted: s.encrypted.unwrap_or(f.encrypted),
        kms_key_id: optional(&s.kms_key_id, &f.kms_key_id),
        encrypted_with_hsm: s.encrypted_with_hsm.unwrap_or(f.encrypted_with_hsm),
        enhanced_vpc_routing: s.enhanced_vpc_routing.unwrap_or(f.enhanced_vpc_routing),
        maintenance_track_name: name(&s.maintenance_track_name, &f.maintenance_track_name),
        master_password_secret_arn: optional(
            &s.master_password_secret_arn,
            &f.master_password_secret_arn,
        ),
        master_password_secret_kms_key_id: optional(
            &s.master_password_secret_kms_key_id,
            &f.master_password_secret_kms_key_id,
        ),
    };
    if seeded == *f {
        base
    } else {
        Arc::new(seeded)
    }
}
