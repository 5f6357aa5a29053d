//! Test-author controls (SPEC section 6), beyond what AWS offers: injected
//! faults, the call log, forced snapshot statuses, seeded snapshots, and the
//! world saved as JSON. Faults and the call log belong to a test's run, not
//! to the world's state: they are neither saved nor loaded.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::identifiers::{
    automated_snapshot_identifier, is_account_id, key, new_cluster_identifier,
    new_snapshot_identifier,
};
use super::{check_manual_retention, check_tags, ClusterRecord, Context, SnapshotRecord, World};
use crate::errors::{ControlError, RedshiftError};
use crate::model::service::model;
use crate::model::{Cluster, Snapshot, Timestamp};

/// Statuses a test may force on a snapshot.
pub const FORCEABLE_STATUSES: &[&str] = &["creating", "available", "failed", "cancelled"];

/// The `format` member of a saved world.
const SAVE_FORMAT: &str = "redshift-fake world";
/// The version of the saved layout this build writes and reads.
const SAVE_VERSION: u32 = 1;

/// Snapshot members the fake works out itself (from the clock, the status,
/// the account and the identifiers), so a seed may not set them.
const DERIVED_MEMBERS: &[&str] = &[
    "SnapshotArn",
    "OwnerAccount",
    "BackupProgressInMegaBytes",
    "CurrentBackupRateInMegaBytesPerSecond",
    "EstimatedSecondsToCompletion",
    "ElapsedTimeInSeconds",
    "ManualSnapshotRemainingDays",
];

/// A fault a test injected: the next `remaining` calls of `operation` fail
/// with `code`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub operation: String,
    pub code: String,
    pub message: Option<String>,
    pub remaining: u32,
}

/// The log of the calls the service answered. To keep the hot path lean it
/// allocates nothing per call: each call's texts (operation, region, account,
/// parameters as compact JSON, error code) go back to back into one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallLog {
    text: Vec<u8>,
    /// Where each call's texts end in `text`: operation, region, account,
    /// parameters, error code (empty for none).
    ends: Vec<[usize; 5]>,
}

/// One logged call, borrowed from the [`CallLog`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Call<'a> {
    /// The PascalCase operation name.
    pub operation: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// The validated parameters as JSON (timestamps as microseconds).
    pub params_json: &'a str,
    /// The AWS error code the call ended in; `None` on success.
    pub error_code: Option<&'a str>,
}

impl Call<'_> {
    /// The validated parameters (timestamps as microseconds since the epoch).
    pub fn params(&self) -> Value {
        serde_json::from_str(self.params_json).unwrap_or(Value::Null)
    }
}

impl CallLog {
    /// Adds a call.
    pub fn push(
        &mut self,
        ctx: &Context,
        operation: &str,
        params: &Value,
        error_code: Option<&str>,
    ) {
        let mut ends = [0; 5];
        self.text.extend_from_slice(operation.as_bytes());
        ends[0] = self.text.len();
        self.text.extend_from_slice(ctx.region.as_bytes());
        ends[1] = self.text.len();
        self.text.extend_from_slice(ctx.account.as_bytes());
        ends[2] = self.text.len();
        if serde_json::to_writer(&mut self.text, params).is_err() {
            self.text.truncate(ends[2]);
            self.text.extend_from_slice(b"null");
        }
        ends[3] = self.text.len();
        self.text
            .extend_from_slice(error_code.unwrap_or("").as_bytes());
        ends[4] = self.text.len();
        self.ends.push(ends);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`-th call, from 0.
    pub fn get(&self, i: usize) -> Option<Call<'_>> {
        let ends = self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).map_or(0, |e| e[4]),
        };
        let text = |from: usize, to: usize| {
            self.text
                .get(from..to)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("")
        };
        let code = text(ends[3], ends[4]);
        Some(Call {
            operation: text(start, ends[0]),
            region: text(ends[0], ends[1]),
            account: text(ends[1], ends[2]),
            params_json: text(ends[2], ends[3]),
            error_code: (!code.is_empty()).then_some(code),
        })
    }

    /// The calls from the `start`-th on, in order.
    pub fn iter_from(&self, start: usize) -> impl Iterator<Item = Call<'_>> {
        (start..self.len()).filter_map(|i| self.get(i))
    }
}

/// What the controls hold for a test's run: pending faults (in the order
/// they were injected) and the call log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Controls {
    pub faults: Vec<Fault>,
    pub calls: CallLog,
}

/// A saved world, as written.
#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'static str,
    version: u32,
    account_id: &'a str,
    world: &'a World,
}

/// A saved world, as read.
#[derive(Deserialize)]
struct Saved {
    format: String,
    version: u32,
    account_id: String,
    world: World,
}

fn seed_error(message: impl Into<String>) -> ControlError {
    ControlError::InvalidSeed(message.into())
}

impl World {
    /// Makes the next `count` calls of `operation` fail with `code` (after
    /// any faults already pending for it).
    pub fn inject_error(
        &mut self,
        operation: &str,
        code: &str,
        message: Option<&str>,
        count: i64,
    ) -> Result<(), ControlError> {
        if model().operation(operation).is_none() {
            return Err(ControlError::UnknownOperation(operation.to_owned()));
        }
        // Its calls never reach the service, so the fault would never fire.
        if !crate::ops::IMPLEMENTED.contains(&operation) {
            return Err(ControlError::OperationNotImplemented(operation.to_owned()));
        }
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            return Err(ControlError::InvalidCode(code.to_owned()));
        }
        let remaining = u32::try_from(count)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or(ControlError::InvalidCount(count))?;
        self.controls.faults.push(Fault {
            operation: operation.to_owned(),
            code: code.to_owned(),
            message: message.map(str::to_owned),
            remaining,
        });
        Ok(())
    }

    /// The injected error the next call of `operation` ends in, if any; it
    /// uses up one call of the first fault pending for that operation.
    pub fn take_fault(&mut self, operation: &str) -> Option<RedshiftError> {
        if self.controls.faults.is_empty() {
            return None;
        }
        let faults = &mut self.controls.faults;
        let at = faults.iter().position(|f| f.operation == operation)?;
        let fault = &mut faults[at];
        let error = RedshiftError::injected(&fault.code, fault.message.as_deref());
        fault.remaining -= 1;
        if fault.remaining == 0 {
            faults.remove(at);
        }
        Some(error)
    }

    /// Adds a call to the log.
    pub fn record_call(
        &mut self,
        ctx: &Context,
        operation: &str,
        params: &Value,
        error_code: Option<&str>,
    ) {
        self.controls.calls.push(ctx, operation, params, error_code);
    }

    /// Forces a snapshot's status (`None` hands it back to the clock).
    pub fn set_snapshot_status(
        &mut self,
        region: &str,
        account: &str,
        identifier: &str,
        status: Option<&str>,
    ) -> Result<(), ControlError> {
        let status = match status {
            None => None,
            Some(s) if FORCEABLE_STATUSES.contains(&s) => Some(s.to_owned()),
            Some(s) => return Err(ControlError::InvalidStatus(s.to_owned())),
        };
        let record = self
            .regions
            .get_mut(region)
            .and_then(|r| r.get_mut(account))
            .and_then(|p| p.snapshots.get_mut(&key(identifier)))
            .ok_or_else(|| ControlError::NoSuchSnapshot {
                id: identifier.to_owned(),
                account: account.to_owned(),
                region: region.to_owned(),
            })?;
        record.forced_status = status;
        Ok(())
    }

    /// Puts a snapshot into the caller's account and region without going
    /// through CreateClusterSnapshot: `members` are members of the model's
    /// `Snapshot` shape (validated, timestamps in microseconds), anything
    /// left out is taken from the cluster when it exists, else from a
    /// single-node dc2.large cluster. The quota does not apply. Returns the
    /// snapshot as DescribeClusterSnapshots shows it.
    pub fn seed_snapshot(
        &mut self,
        ctx: &Context,
        members: Value,
        automated_retention_days: Option<i64>,
    ) -> Result<Snapshot, ControlError> {
        let Value::Object(mut members) = members else {
            return Err(seed_error("the members must be a mapping"));
        };
        if let Some(derived) = DERIVED_MEMBERS.iter().find(|m| members.contains_key(**m)) {
            return Err(seed_error(format!(
                "{derived} is worked out by the fake (from the account, identifiers, status and clock); leave it out"
            )));
        }
        let text = |members: &Map<String, Value>, name: &str| {
            members.get(name).and_then(Value::as_str).map(str::to_owned)
        };
        let snapshot_type = text(&members, "SnapshotType").unwrap_or_else(|| "manual".to_owned());
        let manual = match snapshot_type.as_str() {
            "manual" => true,
            "automated" => false,
            other => {
                return Err(seed_error(format!(
                    "SnapshotType must be manual or automated, got {other:?}"
                )))
            }
        };
        let status = match text(&members, "Status") {
            None => None,
            Some(s) if s == "available" => None,
            Some(s) if FORCEABLE_STATUSES.contains(&s.as_str()) => Some(s),
            Some(s) => return Err(ControlError::InvalidStatus(s)),
        };
        let cluster_id = text(&members, "ClusterIdentifier")
            .ok_or_else(|| seed_error("ClusterIdentifier is required"))?;
        let cluster_id = new_cluster_identifier("ClusterIdentifier", &cluster_id)
            .map_err(|e| seed_error(e.to_string()))?;
        let at = match members.get("SnapshotCreateTime") {
            Some(v) => Timestamp(v.as_i64().unwrap_or_default()),
            None => ctx.now,
        };
        let id = match (text(&members, "SnapshotIdentifier"), manual) {
            (Some(id), true) => new_snapshot_identifier("SnapshotIdentifier", &id),
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
        if self
            .place(ctx)
            .is_some_and(|p| p.snapshots.contains_key(&id))
        {
            return Err(ControlError::SnapshotExists {
                id,
                account: ctx.account.to_owned(),
                region: ctx.region.to_owned(),
            });
        }
        if !manual {
            for member in [
                "ManualSnapshotRetentionPeriod",
                "SnapshotRetentionStartTime",
            ] {
                if members.contains_key(member) {
                    return Err(seed_error(format!(
                        "{member} is for manual snapshots; an automated one is kept for automated_retention_days"
                    )));
                }
            }
        }
        if let Some(days) = members
            .get("ManualSnapshotRetentionPeriod")
            .and_then(Value::as_i64)
        {
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
        for member in [
            "TotalBackupSizeInMegaBytes",
            "ActualIncrementalBackupSizeInMegaBytes",
        ] {
            if let Some(size) = members.get(member) {
                if !size.as_f64().is_some_and(|s| s.is_finite() && s >= 0.0) {
                    return Err(seed_error(format!(
                        "{member} must be a finite number >= 0, got {size}"
                    )));
                }
            }
        }
        if let Some(grants) = members
            .get("AccountsWithRestoreAccess")
            .and_then(Value::as_array)
        {
            let mut seen = Vec::new();
            for grant in grants {
                let account = grant.get("AccountId").and_then(Value::as_str).unwrap_or("");
                if !is_account_id(account) || seen.contains(&account) {
                    return Err(seed_error(format!(
                        "AccountsWithRestoreAccess needs distinct 12-digit AccountIds, got {account:?}"
                    )));
                }
                seen.push(account);
            }
        }

        let cluster = match self.place(ctx).and_then(|p| p.clusters.get(&cluster_id)) {
            Some(c) => c.clone(),
            None => gone_cluster(ctx, &cluster_id, at),
        };
        let mut record = SnapshotRecord::of_cluster(ctx, &cluster, id, &snapshot_type, at, 0.0);
        for member in ["SnapshotIdentifier", "ClusterIdentifier", "Status"] {
            members.remove(member);
        }
        let mut snapshot =
            serde_json::to_value(&record.snapshot).map_err(|e| seed_error(e.to_string()))?;
        if let Value::Object(base) = &mut snapshot {
            if members.contains_key("NumberOfNodes")
                && !members.contains_key("TotalBackupSizeInMegaBytes")
            {
                let nodes = members
                    .get("NumberOfNodes")
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
                base.insert(
                    "TotalBackupSizeInMegaBytes".to_owned(),
                    super::clusters::data_size_mb(nodes).into(),
                );
            }
            if let Some(node_type) = members.get("NodeType") {
                base.insert(
                    "RestorableNodeTypes".to_owned(),
                    Value::Array(vec![node_type.clone()]),
                );
            }
            base.extend(members.clone());
            if !members.contains_key("ActualIncrementalBackupSizeInMegaBytes") {
                let total = base.get("TotalBackupSizeInMegaBytes").cloned();
                if let Some(total) = total {
                    base.insert("ActualIncrementalBackupSizeInMegaBytes".to_owned(), total);
                }
            }
        }
        record.snapshot =
            serde_json::from_value(snapshot).map_err(|e| seed_error(e.to_string()))?;
        let s = &mut record.snapshot;
        check_tags(s.tags.get_or_insert_with(Vec::new)).map_err(|e| seed_error(e.to_string()))?;
        if s.accounts_with_restore_access
            .as_ref()
            .is_some_and(Vec::is_empty)
        {
            s.accounts_with_restore_access = None;
        }
        if manual && s.snapshot_retention_start_time.is_none() {
            s.snapshot_retention_start_time = Some(at);
        }
        record.forced_status = status;
        if !manual {
            record.automated_retention_days = automated_retention_days
                .or(record.automated_retention_days)
                .or(Some(1));
        }
        let view = record.view(ctx.now, ctx.account);
        self.note_event(record.expires_at());
        let id = record
            .snapshot
            .snapshot_identifier
            .clone()
            .unwrap_or_default();
        self.place_entry(ctx).snapshots.insert(id, record);
        Ok(view)
    }

    /// The whole world as JSON, with the default account of its clients.
    pub fn save_json(&self, account_id: &str) -> Result<String, ControlError> {
        let saved = SavedRef {
            format: SAVE_FORMAT,
            version: SAVE_VERSION,
            account_id,
            world: self,
        };
        serde_json::to_string_pretty(&saved).map_err(|e| ControlError::Unsavable(e.to_string()))
    }

    /// A world saved by [`World::save_json`], and its default account. Its
    /// controls start empty and its timed events are looked at afresh.
    pub fn load_json(text: &str) -> Result<(World, String), ControlError> {
        let saved: Saved =
            serde_json::from_str(text).map_err(|e| ControlError::InvalidSave(e.to_string()))?;
        if saved.format != SAVE_FORMAT || saved.version != SAVE_VERSION {
            return Err(ControlError::InvalidSave(format!(
                "expected format {SAVE_FORMAT:?} version {SAVE_VERSION}, got {:?} version {}",
                saved.format, saved.version
            )));
        }
        if !is_account_id(&saved.account_id) {
            return Err(ControlError::InvalidSave(format!(
                "account_id {:?} is not a 12-digit account id",
                saved.account_id
            )));
        }
        let mut world = saved.world;
        world.recheck_events();
        Ok((world, saved.account_id))
    }
}

/// The cluster a seeded snapshot names when that cluster does not exist (any
/// more): a single-node dc2.large with AWS's defaults, created at `at`.
fn gone_cluster(ctx: &Context, identifier: &str, at: Timestamp) -> ClusterRecord {
    ClusterRecord {
        cluster: Cluster {
            cluster_identifier: Some(identifier.to_owned()),
            node_type: Some("dc2.large".to_owned()),
            master_username: Some("admin".to_owned()),
            db_name: Some("dev".to_owned()),
            cluster_create_time: Some(at),
            automated_snapshot_retention_period: Some(1),
            manual_snapshot_retention_period: Some(-1),
            availability_zone: Some(format!("{}a", ctx.region)),
            cluster_version: Some("1.0".to_owned()),
            number_of_nodes: Some(1),
            encrypted: Some(false),
            enhanced_vpc_routing: Some(false),
            maintenance_track_name: Some("current".to_owned()),
            ..Cluster::default()
        },
        available_at: at,
        deleting_until: None,
        restored_from: None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::Settings;
    use crate::ops::{invoke, Failure, Output};

    const ACCOUNT: &str = "123456789012";
    const OTHER: &str = "210987654321";
    const DAY: i64 = 86_400_000_000;
    const T0: Timestamp = Timestamp(1_700_000_000_000_000);

    fn ctx(now: Timestamp) -> Context<'static> {
        Context {
            account: ACCOUNT,
            region: "us-east-1",
            now,
        }
    }

    fn call(world: &mut World, now: Timestamp, op: &str, params: Value) -> Result<Value, String> {
        match invoke(world, &ctx(now), op, params) {
            Ok(out) => Ok(serde_json::to_value(&out).unwrap()),
            Err(Failure::Service(e)) => Err(e.code().to_owned()),
            Err(Failure::NotImplemented) => Err("NotImplemented".to_owned()),
        }
    }

    fn world_with_cluster() -> World {
        let mut world = World::new(Settings::default());
        call(
            &mut world,
            T0,
            "CreateCluster",
            json!({"ClusterIdentifier": "c1", "NodeType": "dc2.large", "MasterUsername": "a", "MasterUserPassword": "Secret123"}),
        )
        .unwrap();
        world
    }

    fn describe(world: &mut World, now: Timestamp, id: &str) -> Result<Value, String> {
        call(
            world,
            now,
            "DescribeClusterSnapshots",
            json!({"SnapshotIdentifier": id}),
        )
        .map(|v| v["Snapshots"][0].clone())
    }

    #[test]
    fn injected_faults_fire_in_order_then_stop_and_change_nothing() {
        let mut world = world_with_cluster();
        world
            .inject_error("CreateClusterSnapshot", "ThrottlingException", None, 2)
            .unwrap();
        world
            .inject_error(
                "CreateClusterSnapshot",
                "ServiceUnavailable",
                Some("down"),
                1,
            )
            .unwrap();
        let create = json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"});
        let mut codes = Vec::new();
        for _ in 0..4 {
            codes.push(call(&mut world, T0, "CreateClusterSnapshot", create.clone()).err());
        }
        assert_eq!(
            codes,
            [
                Some("ThrottlingException".to_owned()),
                Some("ThrottlingException".to_owned()),
                Some("ServiceUnavailable".to_owned()),
                None
            ]
        );
        assert!(world.controls.faults.is_empty());
        let logged: Vec<_> = world
            .controls
            .calls
            .iter_from(0)
            .map(|c| c.error_code.map(str::to_owned))
            .collect();
        assert_eq!(
            logged[1..],
            [
                Some("ThrottlingException".to_owned()),
                Some("ThrottlingException".to_owned()),
                Some("ServiceUnavailable".to_owned()),
                None
            ]
        );
        // Only one snapshot was made: the faulted calls changed nothing.
        let manual = call(
            &mut world,
            T0,
            "DescribeClusterSnapshots",
            json!({"SnapshotType": "manual"}),
        )
        .unwrap();
        assert_eq!(manual["Snapshots"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn injected_faults_touch_only_their_operation() {
        let mut world = world_with_cluster();
        world
            .inject_error("DeleteClusterSnapshot", "ThrottlingException", None, 1)
            .unwrap();
        assert!(call(&mut world, T0, "DescribeClusters", json!({})).is_ok());
        assert_eq!(world.controls.faults.len(), 1);
        // An operation the fake does not implement is refused: its calls
        // never reach the service.
        assert!(matches!(
            world.inject_error("DescribeEvents", "InternalFailure", None, 1),
            Err(ControlError::OperationNotImplemented(_))
        ));
    }

    #[test]
    fn inject_error_checks_its_arguments() {
        let mut world = World::default();
        assert!(matches!(
            world.inject_error("delete_cluster_snapshot", "X", None, 1),
            Err(ControlError::UnknownOperation(_))
        ));
        assert!(matches!(
            world.inject_error("DeleteClusterSnapshot", "", None, 1),
            Err(ControlError::InvalidCode(_))
        ));
        assert!(matches!(
            world.inject_error("DeleteClusterSnapshot", "A B", None, 1),
            Err(ControlError::InvalidCode(_))
        ));
        assert!(matches!(
            world.inject_error("DeleteClusterSnapshot", "X", None, 0),
            Err(ControlError::InvalidCount(0))
        ));
        assert!(world.controls.faults.is_empty());
    }

    #[test]
    fn the_call_log_keeps_answered_calls_in_order() {
        let mut world = world_with_cluster();
        let _ = call(
            &mut world,
            T0,
            "DeleteClusterSnapshot",
            json!({"SnapshotIdentifier": "nope"}),
        );
        let _ = call(&mut world, T0, "DescribeEvents", json!({}));
        let calls: Vec<Call> = world.controls.calls.iter_from(0).collect();
        assert_eq!(
            calls.len(),
            2,
            "NotImplemented is not answered by the service"
        );
        assert_eq!(calls[0].operation, "CreateCluster");
        assert_eq!(calls[0].error_code, None);
        assert_eq!(calls[1].operation, "DeleteClusterSnapshot");
        assert_eq!(calls[1].params(), json!({"SnapshotIdentifier": "nope"}));
        assert_eq!((calls[1].region, calls[1].account), ("us-east-1", ACCOUNT));
        assert_eq!(calls[1].error_code, Some("ClusterSnapshotNotFound"));
        assert_eq!(world.controls.calls.iter_from(1).count(), 1);
        assert!(world.controls.calls.get(2).is_none());
        world.reset();
        assert!(world.controls.calls.is_empty());
    }

    #[test]
    fn forced_statuses_override_the_clock_until_released() {
        let mut world = world_with_cluster();
        call(
            &mut world,
            T0,
            "CreateClusterSnapshot",
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
        )
        .unwrap();
        world
            .set_snapshot_status("us-east-1", ACCOUNT, "S1", Some("failed"))
            .unwrap();
        assert_eq!(describe(&mut world, T0, "s1").unwrap()["Status"], "failed");
        world
            .set_snapshot_status("us-east-1", ACCOUNT, "s1", Some("creating"))
            .unwrap();
        assert_eq!(
            call(
                &mut world,
                T0,
                "DeleteClusterSnapshot",
                json!({"SnapshotIdentifier": "s1"})
            ),
            Err("InvalidClusterSnapshotState".to_owned())
        );
        world
            .set_snapshot_status("us-east-1", ACCOUNT, "s1", None)
            .unwrap();
        assert_eq!(
            describe(&mut world, T0, "s1").unwrap()["Status"],
            "available"
        );
        assert!(matches!(
            world.set_snapshot_status("us-east-1", ACCOUNT, "s1", Some("deleted")),
            Err(ControlError::InvalidStatus(_))
        ));
        assert!(matches!(
            world.set_snapshot_status("us-east-1", OTHER, "s1", Some("failed")),
            Err(ControlError::NoSuchSnapshot { .. })
        ));
    }

    #[test]
    fn a_seeded_snapshot_of_a_gone_cluster_is_described_and_deletable() {
        let mut world = World::default();
        let seeded = world
            .seed_snapshot(
                &ctx(T0),
                json!({
                    "SnapshotIdentifier": "Old-1",
                    "ClusterIdentifier": "Gone",
                    "SnapshotCreateTime": T0.0 - 400 * DAY,
                    "TotalBackupSizeInMegaBytes": 1234.5,
                    "Tags": [{"Key": "team", "Value": "data"}],
                }),
                None,
            )
            .unwrap();
        let described = describe(&mut world, T0, "old-1").unwrap();
        assert_eq!(serde_json::to_value(&seeded).unwrap(), described);
        assert_eq!(described["ClusterIdentifier"], "gone");
        assert_eq!(described["SnapshotCreateTime"], T0.0 - 400 * DAY);
        assert_eq!(described["Status"], "available");
        assert_eq!(described["TotalBackupSizeInMegaBytes"], 1234.5);
        assert_eq!(described["ActualIncrementalBackupSizeInMegaBytes"], 1234.5);
        assert_eq!(described["OwnerAccount"], ACCOUNT);
        assert_eq!(
            described["SnapshotArn"],
            "arn:aws:redshift:us-east-1:123456789012:snapshot:gone/old-1"
        );
        assert_eq!(described["ManualSnapshotRetentionPeriod"], -1);
        let gone_only = call(
            &mut world,
            T0,
            "DescribeClusterSnapshots",
            json!({"ClusterExists": false}),
        )
        .unwrap();
        assert_eq!(gone_only["Snapshots"].as_array().unwrap().len(), 1);
        assert!(call(
            &mut world,
            T0,
            "DeleteClusterSnapshot",
            json!({"SnapshotIdentifier": "old-1"})
        )
        .is_ok());
    }

    #[test]
    fn seeded_snapshots_take_their_cluster_s_members_and_grants() {
        let mut world = world_with_cluster();
        let seeded = world
            .seed_snapshot(
                &ctx(T0),
                json!({
                    "SnapshotIdentifier": "shared",
                    "ClusterIdentifier": "c1",
                    "AccountsWithRestoreAccess": [{"AccountId": OTHER}],
                }),
                None,
            )
            .unwrap();
        assert_eq!(seeded.master_username.as_deref(), Some("a"));
        assert_eq!(
            call(
                &mut world,
                T0,
                "DeleteClusterSnapshot",
                json!({"SnapshotIdentifier": "shared"})
            ),
            Err("InvalidClusterSnapshotState".to_owned())
        );
        let other = Context {
            account: OTHER,
            ..ctx(T0)
        };
        let seen = invoke(
            &mut world,
            &other,
            "DescribeClusterSnapshots",
            json!({"SnapshotIdentifier": "shared"}),
        );
        assert!(matches!(seen, Ok(Output::Snapshots(m)) if m.snapshots.len() == 1));
    }

    #[test]
    fn seeded_retention_runs_on_the_clock() {
        let mut world = World::default();
        world
            .seed_snapshot(
                &ctx(T0),
                json!({"SnapshotIdentifier": "keep7", "ClusterIdentifier": "c9", "SnapshotCreateTime": T0.0 - 6 * DAY, "ManualSnapshotRetentionPeriod": 7}),
                None,
            )
            .unwrap();
        let auto = world
            .seed_snapshot(
                &ctx(T0),
                json!({"ClusterIdentifier": "c9", "SnapshotType": "automated", "SnapshotCreateTime": T0.0 - DAY}),
                Some(3),
            )
            .unwrap();
        let auto_id = auto.snapshot_identifier.unwrap();
        assert!(auto_id.starts_with("rs:c9-"));
        assert_eq!(
            describe(&mut world, T0, "keep7").unwrap()["ManualSnapshotRemainingDays"],
            1
        );
        assert!(describe(&mut world, Timestamp(T0.0 + DAY + 1), "keep7").is_err());
        assert!(describe(&mut world, Timestamp(T0.0 + DAY + 1), &auto_id).is_ok());
        assert!(describe(&mut world, Timestamp(T0.0 + 2 * DAY + 1), &auto_id).is_err());
    }

    #[test]
    fn seeds_are_checked() {
        let mut world = World::default();
        let mut seed =
            |members: Value, days: Option<i64>| world.seed_snapshot(&ctx(T0), members, days);
        for bad in [
            json!({"ClusterIdentifier": "c1"}),
            json!({"SnapshotIdentifier": "s1"}),
            json!({"SnapshotIdentifier": "s--1", "ClusterIdentifier": "c1"}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotArn": "x"}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotType": "shared"}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 0}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "TotalBackupSizeInMegaBytes": -1.0}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "AccountsWithRestoreAccess": [{"AccountId": "1"}]}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Tags": [{"Key": "aws:x", "Value": "v"}]}),
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotType": "automated"}),
            json!({"ClusterIdentifier": "c1", "SnapshotType": "automated", "ManualSnapshotRetentionPeriod": 5}),
        ] {
            assert!(
                matches!(seed(bad.clone(), None), Err(ControlError::InvalidSeed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            seed(
                json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Status": "deleted"}),
                None
            ),
            Err(ControlError::InvalidStatus(_))
        ));
        assert!(matches!(
            seed(
                json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
                Some(3)
            ),
            Err(ControlError::InvalidSeed(_))
        ));
        seed(
            json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Status": "failed"}),
            None,
        )
        .unwrap();
        assert!(matches!(
            seed(
                json!({"SnapshotIdentifier": "S1", "ClusterIdentifier": "c1"}),
                None
            ),
            Err(ControlError::SnapshotExists { .. })
        ));
        assert_eq!(world.place(&ctx(T0)).map(|p| p.snapshots.len()), Some(1));
        assert_eq!(describe(&mut world, T0, "s1").unwrap()["Status"], "failed");
    }

    #[test]
    fn a_saved_world_loads_back_equal() {
        let mut world = World::new(Settings {
            manual_snapshot_quota: 7,
            snapshot_creation_seconds: 0.1 + 0.2,
            ..Settings::default()
        });
        world.clock.fixed = Some(T0);
        call(&mut world, T0, "CreateCluster", json!({"ClusterIdentifier": "c1", "NodeType": "ra3.xlplus", "NumberOfNodes": 3, "ClusterType": "multi-node", "MasterUsername": "a", "MasterUserPassword": "Secret123", "Tags": [{"Key": "k", "Value": "v"}]})).unwrap();
        call(&mut world, T0, "CreateClusterSnapshot", json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 10})).unwrap();
        let later = Timestamp(T0.0 + 1_000_000);
        call(
            &mut world,
            later,
            "AuthorizeSnapshotAccess",
            json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER}),
        )
        .unwrap();
        world
            .set_snapshot_status("us-east-1", ACCOUNT, "s1", Some("failed"))
            .unwrap();
        world
            .seed_snapshot(
                &Context { region: "eu-west-1", account: OTHER, now: T0 },
                json!({"SnapshotIdentifier": "odd", "ClusterIdentifier": "gone", "TotalBackupSizeInMegaBytes": 0.1 + 0.7, "SnapshotCreateTime": 1}),
                None,
            )
            .unwrap();
        let text = world.save_json(OTHER).unwrap();
        let (loaded, account) = World::load_json(&text).unwrap();
        assert_eq!(account, OTHER);
        let mut expected = world.clone();
        expected.controls = Controls::default();
        assert_eq!(loaded.settings, expected.settings);
        assert_eq!(loaded.clock, expected.clock);
        assert_eq!(loaded.regions, expected.regions);
        assert_eq!(loaded.save_json(OTHER).unwrap(), text);
    }

    #[test]
    fn a_loaded_world_applies_retention_that_came_due() {
        let mut world = World::default();
        world
            .seed_snapshot(&ctx(T0), json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 1}), None)
            .unwrap();
        let (mut loaded, _) = World::load_json(&world.save_json(ACCOUNT).unwrap()).unwrap();
        assert!(describe(&mut loaded, Timestamp(T0.0 + DAY + 1), "s1").is_err());
    }

    #[test]
    fn bad_saves_are_refused() {
        for text in [
            "not json",
            r#"{"format": "something else", "version": 1, "account_id": "123456789012", "world": {}}"#,
            r#"{"format": "redshift-fake world", "version": 99, "account_id": "123456789012", "world": {}}"#,
            r#"{"format": "redshift-fake world", "version": 1, "account_id": "me", "world": {}}"#,
        ] {
            assert!(
                matches!(World::load_json(text), Err(ControlError::InvalidSave(_))),
                "{text}"
            );
        }
        let (world, _) = World::load_json(
            r#"{"format": "redshift-fake world", "version": 1, "account_id": "123456789012", "world": {}}"#,
        )
        .unwrap();
        assert_eq!(world.settings, Settings::default());
    }
}
