//! AuthorizeDataShare and DeauthorizeDataShare: the producer's side.

use super::{DataShareRecord, GrantStatus, View};
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{AuthorizeDataShareMessage, DataShare, DeauthorizeDataShareMessage};

impl World {
    /// The caller's own share a producer call names, and its key.
    fn produced_share(&self, ctx: &Context, arn: &str) -> Outcome<Name> {
        let (owner, share) = self.data_share(ctx, arn)?;
        if *owner != ctx.account {
            return Err(RedshiftError::InvalidDataShare(format!(
                "Only the producer of the datashare {arn} can change its authorizations."
            )));
        }
        Ok(share.key.clone())
    }

    /// The grant a producer call changes, which must be in one of `allowed`.
    fn grant_for_change(
        &self,
        ctx: &Context,
        key: &str,
        consumer: &str,
        allowed: &[GrantStatus],
        action: &str,
    ) -> Outcome<()> {
        let share = self.own::<DataShareRecord>(ctx, key)?;
        let grant = share.grant(consumer).ok_or_else(|| {
            RedshiftError::InvalidDataShare(format!(
                "The datashare {} was not granted to {consumer}; grant usage on it in SQL first.",
                share.name
            ))
        })?;
        crate::engine::require(grant.status, allowed, |status| {
            RedshiftError::InvalidDataShare(format!(
                "Can't {action} the datashare {} for {consumer}: its status is {}.",
                share.name,
                status.as_str()
            ))
        })
    }

    /// Changes the grant of one consumer of one of the caller's shares, which
    /// must be in one of `allowed`, and answers the share.
    fn change_grant(
        &mut self,
        ctx: &Context,
        arn: &str,
        consumer: &str,
        allowed: &[GrantStatus],
        action: &str,
        change: impl FnOnce(&mut DataShareRecord),
    ) -> Outcome<DataShare> {
        let key = self.produced_share(ctx, arn)?;
        self.grant_for_change(ctx, &key, consumer, allowed, action)?;
        self.change_data_share(ctx, ctx.account, &key, View::Producer, change)
    }

    /// AuthorizeDataShare: a consumer the share was granted to in SQL
    /// becomes `AUTHORIZED` (doc); so does one deauthorized earlier (choice).
    pub fn authorize_data_share(
        &mut self,
        ctx: &Context,
        input: AuthorizeDataShareMessage,
    ) -> Outcome<DataShare> {
        let consumer = input.consumer_identifier.as_str();
        let allowed = [GrantStatus::PendingAuthorization, GrantStatus::Deauthorized];
        self.change_grant(
            ctx,
            &input.data_share_arn,
            consumer,
            &allowed,
            "authorize",
            |share| {
                if let Some(g) = share.grant_mut(consumer) {
                    g.status = GrantStatus::Authorized;
                    g.allow_writes = input.allow_writes.unwrap_or(false);
                    g.changed = ctx.now;
                }
            },
        )
    }

    /// DeauthorizeDataShare: an authorized consumer becomes `DEAUTHORIZED`,
    /// and its associations end (choice).
    pub fn deauthorize_data_share(
        &mut self,
        ctx: &Context,
        input: DeauthorizeDataShareMessage,
    ) -> Outcome<DataShare> {
        let consumer = input.consumer_identifier.as_str();
        let allowed = [GrantStatus::Authorized];
        self.change_grant(
            ctx,
            &input.data_share_arn,
            consumer,
            &allowed,
            "deauthorize",
            |share| {
                share.associations.retain(|a| a.account != consumer);
                if let Some(g) = share.grant_mut(consumer) {
                    g.status = GrantStatus::Deauthorized;
                    g.changed = ctx.now;
                }
            },
        )
    }
}
