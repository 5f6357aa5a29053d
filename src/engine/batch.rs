//! Snapshot changes one by one and in bulk: ModifyClusterSnapshot,
//! BatchModifyClusterSnapshots and BatchDeleteClusterSnapshots. A batch runs
//! each item through the single-snapshot rules and reports each failure in
//! its `Errors` instead of failing the call.

use super::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::inputs::{
    BatchDeleteClusterSnapshotsRequest, BatchModifyClusterSnapshotsMessage,
    ModifyClusterSnapshotMessage,
};
use crate::model::{BatchSnapshotResult, Snapshot, SnapshotErrorMessage, SnapshotResult};

/// Snapshot identifiers one batch call may name (doc: 100 for both batches).
pub const BATCH_LIMIT: usize = 100;

/// One failed item of a batch, as `Errors` reports it.
fn failure(identifier: &str, cluster: Option<&str>, error: &RedshiftError) -> SnapshotErrorMessage {
    SnapshotErrorMessage {
        snapshot_identifier: Some(identifier.to_owned()),
        snapshot_cluster_identifier: cluster.map(str::to_owned),
        failure_code: Some(error.code().to_owned()),
        failure_reason: Some(error.to_string()),
    }
}

impl World {
    /// BatchDeleteClusterSnapshots: each item follows DeleteClusterSnapshot's
    /// rules on its own; too many items and nothing is deleted.
    pub fn batch_delete_cluster_snapshots(
        &mut self,
        ctx: &Context,
        input: BatchDeleteClusterSnapshotsRequest,
    ) -> Outcome<BatchSnapshotResult> {
        if input.identifiers.len() > BATCH_LIMIT {
            return Err(RedshiftError::BatchDeleteRequestSizeExceeded(BATCH_LIMIT));
        }
        let mut result = BatchSnapshotResult {
            resources: Vec::new(),
            errors: Vec::new(),
        };
        for item in &input.identifiers {
            let cluster = item.snapshot_cluster_identifier.as_deref();
            match self.delete_snapshot(ctx, &item.snapshot_identifier, cluster) {
                Ok(deleted) => result
                    .resources
                    .push(deleted.snapshot_identifier.unwrap_or_default()),
                Err(e) => result
                    .errors
                    .push(failure(&item.snapshot_identifier, cluster, &e)),
            }
        }
        Ok(result)
    }

    /// ModifyClusterSnapshot.
    pub fn modify_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: ModifyClusterSnapshotMessage,
    ) -> Outcome<SnapshotResult> {
        let days = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let force = input.force.unwrap_or(false);
        let snapshot = self.modify_retention(ctx, &input.snapshot_identifier, days, force)?;
        Ok(SnapshotResult { snapshot })
    }

    /// BatchModifyClusterSnapshots: the period and the size of the batch are
    /// checked for the whole call, everything else snapshot by snapshot.
    pub fn batch_modify_cluster_snapshots(
        &mut self,
        ctx: &Context,
        input: BatchModifyClusterSnapshotsMessage,
    ) -> Outcome<BatchSnapshotResult> {
        if input.snapshot_identifier_list.len() > BATCH_LIMIT {
            return Err(RedshiftError::BatchModifyClusterSnapshotsLimitExceeded(
                BATCH_LIMIT,
            ));
        }
        let days = input
            .manual_snapshot_retention_period
            .map(check_manual_retention)
            .transpose()?;
        let force = input.force.unwrap_or(false);
        let mut result = BatchSnapshotResult {
            resources: Vec::new(),
            errors: Vec::new(),
        };
        for identifier in &input.snapshot_identifier_list {
            match self.modify_retention(ctx, identifier, days, force) {
                Ok(modified) => result
                    .resources
                    .push(modified.snapshot_identifier.unwrap_or_default()),
                Err(e) => result.errors.push(failure(identifier, None, &e)),
            }
        }
        Ok(result)
    }

    /// Gives one of the caller's manual snapshots a new retention period
    /// (`None` keeps it). A period that has already run out is refused, or
    /// with `force` deletes the snapshot now, by the rules of a delete.
    fn modify_retention(
        &mut self,
        ctx: &Context,
        identifier: &str,
        days: Option<i64>,
        force: bool,
    ) -> Outcome<Snapshot> {
        let (id, record) = self.own_snapshot(ctx, identifier, None)?;
        if !record.is_manual() {
            return Err(RedshiftError::AutomatedSnapshotNotModifiable(id));
        }
        let status = record.status(ctx.now);
        if status != "available" {
            return Err(RedshiftError::SnapshotNotModifiable {
                id,
                status: status.to_owned(),
            });
        }
        let Some(days) = days else {
            return Ok(record.view(ctx.now, ctx.account));
        };
        let mut changed = record.clone();
        changed.snapshot.manual_snapshot_retention_period = Some(days);
        let expiry = changed.expires_at();
        if expiry.is_some_and(|t| t <= ctx.now) {
            if !force {
                return Err(RedshiftError::RetentionPeriodPassed { id, days });
            }
            let mut deleted = self.delete_snapshot(ctx, identifier, None)?;
            deleted.manual_snapshot_retention_period = Some(days);
            deleted.manual_snapshot_remaining_days = Some(0);
            return Ok(deleted);
        }
        let answer = changed.view(ctx.now, ctx.account);
        let slot = self
            .place_mut(ctx)
            .and_then(|p| p.snapshots.get_mut(&id))
            .ok_or_else(|| RedshiftError::ClusterSnapshotNotFound(identifier.to_owned()))?;
        *slot = changed;
        self.note_event(expiry);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testkit::{
        automated_id, ctx, has_snapshot, input, snapshot, world, DAY, OTHER, T0,
    };
    use super::*;

    #[test]
    fn batch_delete_reports_each_item_on_its_own() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        snapshot(&mut w, "s2", T0);
        let auto = automated_id(&w);
        let out = w
            .batch_delete_cluster_snapshots(
                &ctx(T0),
                input(json!({"Identifiers": [
                    {"SnapshotIdentifier": "S1"},
                    {"SnapshotIdentifier": "nope"},
                    {"SnapshotIdentifier": auto},
                    {"SnapshotIdentifier": "s2", "SnapshotClusterIdentifier": "other"},
                    {"SnapshotIdentifier": "s1"},
                ]})),
            )
            .unwrap();
        assert_eq!(out.resources, vec!["s1"]);
        let codes: Vec<_> = out
            .errors
            .iter()
            .map(|e| {
                (
                    e.snapshot_identifier.as_deref().unwrap(),
                    e.failure_code.as_deref().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            codes,
            vec![
                ("nope", "ClusterSnapshotNotFound"),
                (auto.as_str(), "InvalidClusterSnapshotState"),
                ("s2", "ClusterSnapshotNotFound"),
                ("s1", "ClusterSnapshotNotFound"),
            ]
        );
        assert_eq!(
            out.errors[2].snapshot_cluster_identifier.as_deref(),
            Some("other")
        );
        assert_eq!(
            out.errors[0].failure_reason.as_deref(),
            Some("Snapshot nope not found.")
        );
        assert!(!has_snapshot(&w, "s1"));
        assert!(has_snapshot(&w, "s2"));
    }

    #[test]
    fn batch_delete_of_more_than_100_deletes_nothing() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let items: Vec<_> = (0..101)
            .map(|_| json!({"SnapshotIdentifier": "s1"}))
            .collect();
        let err = w
            .batch_delete_cluster_snapshots(&ctx(T0), input(json!({ "Identifiers": items })))
            .unwrap_err();
        assert_eq!(err, RedshiftError::BatchDeleteRequestSizeExceeded(100));
        assert!(has_snapshot(&w, "s1"));
        let items: Vec<_> = (0..100)
            .map(|_| json!({"SnapshotIdentifier": "s1"}))
            .collect();
        let out = w
            .batch_delete_cluster_snapshots(&ctx(T0), input(json!({ "Identifiers": items })))
            .unwrap();
        assert_eq!(out.resources.len(), 1);
        assert_eq!(out.errors.len(), 99);
    }

    fn modify(
        w: &mut World,
        at: crate::model::Timestamp,
        body: serde_json::Value,
    ) -> Outcome<Snapshot> {
        w.modify_cluster_snapshot(&ctx(at), input(body))
            .map(|r| r.snapshot)
    }

    #[test]
    fn modify_sets_the_period_and_retention_follows_it() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let auto = automated_id(&w);
        w.place_mut(&ctx(T0)).unwrap().snapshots.remove(&auto);
        // The world has seen that nothing is due, so the change must say when.
        w.tick(T0);
        let s = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": "S1", "ManualSnapshotRetentionPeriod": 2}),
        )
        .unwrap();
        assert_eq!(s.manual_snapshot_retention_period, Some(2));
        assert_eq!(s.manual_snapshot_remaining_days, Some(2));
        assert_eq!(s.status.as_deref(), Some("available"));
        w.tick(T0.plus_seconds(2.0 * DAY - 1.0));
        assert!(has_snapshot(&w, "s1"));
        w.tick(T0.plus_seconds(2.0 * DAY));
        assert!(!has_snapshot(&w, "s1"));
    }

    #[test]
    fn modify_without_a_period_changes_nothing() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let s = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": "s1", "Force": true}),
        )
        .unwrap();
        assert_eq!(s.manual_snapshot_retention_period, Some(-1));
        assert!(has_snapshot(&w, "s1"));
    }

    #[test]
    fn modify_refuses_what_it_cannot_change() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let auto = automated_id(&w);
        let bad_period = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 0}),
        );
        assert_eq!(
            bad_period.unwrap_err().code(),
            "InvalidRetentionPeriodFault"
        );
        let missing = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": "nope", "ManualSnapshotRetentionPeriod": 5}),
        );
        assert_eq!(
            missing.unwrap_err(),
            RedshiftError::ClusterSnapshotNotFound("nope".into())
        );
        let automated = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": auto, "ManualSnapshotRetentionPeriod": 5}),
        );
        assert_eq!(
            automated.unwrap_err(),
            RedshiftError::AutomatedSnapshotNotModifiable(auto.clone())
        );
        if let Some(r) = w
            .place_mut(&ctx(T0))
            .and_then(|p| p.snapshots.get_mut("s1"))
        {
            r.forced_status = Some("creating".into());
        }
        let creating = modify(
            &mut w,
            T0,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 5}),
        );
        assert_eq!(
            creating.unwrap_err(),
            RedshiftError::SnapshotNotModifiable {
                id: "s1".into(),
                status: "creating".into()
            }
        );
    }

    #[test]
    fn a_period_already_passed_needs_force_and_then_deletes() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let later = T0.plus_seconds(3.0 * DAY);
        let refused = modify(
            &mut w,
            later,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 3}),
        );
        assert_eq!(
            refused.unwrap_err(),
            RedshiftError::RetentionPeriodPassed {
                id: "s1".into(),
                days: 3
            }
        );
        assert_eq!(
            w.place(&ctx(T0)).unwrap().snapshots["s1"]
                .snapshot
                .manual_snapshot_retention_period,
            Some(-1)
        );
        // One more day is still ahead: no force needed.
        let kept = modify(
            &mut w,
            later,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 4}),
        )
        .unwrap();
        assert_eq!(kept.manual_snapshot_remaining_days, Some(1));
        let forced = modify(
            &mut w,
            later,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 1, "Force": true}),
        )
        .unwrap();
        assert_eq!(forced.status.as_deref(), Some("deleted"));
        assert_eq!(forced.manual_snapshot_retention_period, Some(1));
        assert!(!has_snapshot(&w, "s1"));
    }

    #[test]
    fn forced_deletion_follows_the_delete_rules() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        w.authorize_snapshot_access(
            &ctx(T0),
            input(json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER})),
        )
        .unwrap();
        let later = T0.plus_seconds(3.0 * DAY);
        let err = modify(
            &mut w,
            later,
            json!({"SnapshotIdentifier": "s1", "ManualSnapshotRetentionPeriod": 1, "Force": true}),
        )
        .unwrap_err();
        assert_eq!(err, RedshiftError::SnapshotShared("s1".into()));
        assert!(has_snapshot(&w, "s1"));
    }

    #[test]
    fn batch_modify_checks_the_call_then_each_snapshot() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        snapshot(&mut w, "s2", T0);
        let ids: Vec<_> = (0..101).map(|_| "s1").collect();
        let err = w
            .batch_modify_cluster_snapshots(
                &ctx(T0),
                input(json!({"SnapshotIdentifierList": ids, "ManualSnapshotRetentionPeriod": 5})),
            )
            .unwrap_err();
        assert_eq!(
            err,
            RedshiftError::BatchModifyClusterSnapshotsLimitExceeded(100)
        );
        assert_eq!(err.code(), "BatchModifyClusterSnapshotsLimitExceededFault");
        let err = w
            .batch_modify_cluster_snapshots(
                &ctx(T0),
                input(json!({"SnapshotIdentifierList": ["s1"], "ManualSnapshotRetentionPeriod": 3654})),
            )
            .unwrap_err();
        assert_eq!(err.code(), "InvalidRetentionPeriodFault");
        let later = T0.plus_seconds(5.0 * DAY);
        snapshot(&mut w, "s3", later);
        let out = w
            .batch_modify_cluster_snapshots(
                &ctx(later),
                input(json!({
                    "SnapshotIdentifierList": ["S3", "nope", "s1"],
                    "ManualSnapshotRetentionPeriod": 2,
                })),
            )
            .unwrap();
        assert_eq!(out.resources, vec!["s3"]);
        let codes: Vec<_> = out
            .errors
            .iter()
            .map(|e| e.failure_code.as_deref().unwrap())
            .collect();
        assert_eq!(
            codes,
            vec!["ClusterSnapshotNotFound", "InvalidRetentionPeriodFault"]
        );
        assert_eq!(out.errors[1].snapshot_identifier.as_deref(), Some("s1"));
        let forced = w
            .batch_modify_cluster_snapshots(
                &ctx(later),
                input(json!({
                    "SnapshotIdentifierList": ["s1", "s2"],
                    "ManualSnapshotRetentionPeriod": 2,
                    "Force": true,
                })),
            )
            .unwrap();
        assert_eq!(forced.resources, vec!["s1", "s2"]);
        assert!(forced.errors.is_empty());
        assert!(!has_snapshot(&w, "s1") && !has_snapshot(&w, "s2"));
        assert!(has_snapshot(&w, "s3"));
    }
}
