//! AuthorizeSnapshotAccess and RevokeSnapshotAccess: the accounts a snapshot
//! is shared with, which only its owner may change.

use super::{SnapshotRecord, SnapshotStatus, Target};
use crate::engine::identifiers::is_account_id;
use crate::engine::name::Name;
use crate::engine::resources::Resource;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AuthorizeSnapshotAccessMessage, AuthorizeSnapshotAccessResult, RevokeSnapshotAccessMessage,
    RevokeSnapshotAccessResult, Snapshot,
};

impl World {
    /// The caller's own snapshot an access call names, or why not: not found
    /// (also when the caller may not see it), or not the caller's to share.
    fn shareable(&self, ctx: &Context, target: Target) -> Outcome<Name> {
        if target.identifier.is_none() && target.arn.is_none() {
            return Err(RedshiftError::SnapshotNotNamed);
        }
        let (owner, record) = self
            .visible_snapshot(ctx, &target)
            .ok_or_else(|| target.not_found())?;
        if *owner != ctx.account {
            return Err(RedshiftError::AccessToSnapshotDenied {
                account: ctx.account.to_owned(),
                id: record.id.to_string(),
            });
        }
        Ok(record.id.clone())
    }

    /// Changes the grants of one of the caller's snapshots and answers it.
    fn change_grants(
        &mut self,
        ctx: &Context,
        key: &Name,
        change: impl FnOnce(&mut Vec<Name>),
    ) -> Outcome<Snapshot> {
        let record = self
            .place_mut(ctx)
            .and_then(|p| p.snapshots.get_mut(key))
            .ok_or_else(|| SnapshotRecord::not_found(key))?;
        let before = record.grantees.to_vec();
        let mut after = before.clone();
        change(&mut after);
        record.grantees = after.clone().into_boxed_slice();
        self.reindex_grants(ctx, key, &before, &after);
        let record = self.own_snapshot(ctx, key, None)?;
        Ok(self.render_own_snapshot(ctx, record, None))
    }

    /// AuthorizeSnapshotAccess.
    pub fn authorize_snapshot_access(
        &mut self,
        ctx: &Context,
        input: AuthorizeSnapshotAccessMessage,
    ) -> Outcome<AuthorizeSnapshotAccessResult> {
        let quota = self.settings.snapshot_authorization_quota;
        let account = input.account_with_restore_access;
        let key = self.shareable(
            ctx,
            Target {
                identifier: input.snapshot_identifier.as_deref(),
                arn: input.snapshot_arn.as_deref(),
                cluster: input.snapshot_cluster_identifier.as_deref(),
                owner: None,
            },
        )?;
        if !is_account_id(&account) {
            return Err(RedshiftError::InvalidAccountId(account.to_string()));
        }
        let record = self.own_snapshot(ctx, &key, None)?;
        record.require(&[SnapshotStatus::Available], |id, status| {
            RedshiftError::SnapshotNotShareable { id, status }
        })?;
        if record.shared_with(&account) {
            return Err(RedshiftError::AuthorizationAlreadyExists {
                account: account.to_string(),
                id: key.to_string(),
            });
        }
        if record.grantees.len() >= quota {
            return Err(RedshiftError::AuthorizationQuotaExceeded(quota));
        }
        let snapshot = self.change_grants(ctx, &key, |grants| grants.push(account))?;
        Ok(AuthorizeSnapshotAccessResult {
            snapshot: Some(snapshot),
        })
    }

    /// RevokeSnapshotAccess.
    pub fn revoke_snapshot_access(
        &mut self,
        ctx: &Context,
        input: RevokeSnapshotAccessMessage,
    ) -> Outcome<RevokeSnapshotAccessResult> {
        let account = input.account_with_restore_access;
        let key = self.shareable(
            ctx,
            Target {
                identifier: input.snapshot_identifier.as_deref(),
                arn: input.snapshot_arn.as_deref(),
                cluster: input.snapshot_cluster_identifier.as_deref(),
                owner: None,
            },
        )?;
        let record = self.own_snapshot(ctx, &key, None)?;
        if !record.shared_with(&account) {
            return Err(RedshiftError::AuthorizationNotFound {
                account: account.to_string(),
                id: key.to_string(),
            });
        }
        let snapshot = self.change_grants(ctx, &key, |grants| {
            grants.retain(|a| *a != account.as_str())
        })?;
        Ok(RevokeSnapshotAccessResult {
            snapshot: Some(snapshot),
        })
    }
}
