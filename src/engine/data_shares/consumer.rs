//! AssociateDataShareConsumer, DisassociateDataShareConsumer and
//! RejectDataShare: the consumer's side.

use super::{Association, GrantStatus, Target, View};
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AssociateDataShareConsumerMessage, DataShare, DisassociateDataShareConsumerMessage,
    RejectDataShareMessage,
};

/// What an (dis)association names: exactly one of the entire account, a
/// namespace ARN or a Region (choice: AWS takes one per call).
fn target(
    entire_account: Option<bool>,
    arn: Option<Name>,
    region: Option<Name>,
) -> Outcome<Target> {
    match (entire_account.unwrap_or(false), arn, region) {
        (true, None, None) => Ok(Target::Account),
        (false, Some(arn), None) => Ok(Target::Namespace(arn)),
        (false, None, Some(region)) => Ok(Target::Region(region)),
        _ => Err(RedshiftError::DataShareTargetCount),
    }
}

impl World {
    /// The share a consumer call names, its producer and key.
    fn consumed_share(&self, ctx: &Context, arn: &str) -> Outcome<(Name, Name)> {
        let (owner, share) = self.data_share(ctx, arn)?;
        if *owner == ctx.account || share.grant(ctx.account).is_none() {
            return Err(RedshiftError::InvalidDataShare(format!(
                "The datashare {arn} is not shared with account {}.",
                ctx.account
            )));
        }
        Ok((owner.clone(), share.key.clone()))
    }

    /// A namespace ARN must be one of the caller's (`InvalidNamespaceFault`).
    fn check_own_namespace(&self, ctx: &Context, target: &Target) -> Outcome<()> {
        if let Target::Namespace(arn) = target {
            let mine = self
                .cluster_of_namespace(arn)
                .is_some_and(|(owner, _)| *owner == ctx.account);
            if !mine {
                return Err(RedshiftError::InvalidNamespace(arn.to_string()));
            }
        }
        Ok(())
    }

    /// AssociateDataShareConsumer: an authorized share becomes `ACTIVE` for
    /// the caller's account, a Region of it or one of its namespaces (doc).
    /// Writes need the producer's leave (choice); a publicly accessible
    /// cluster needs a share that allows such consumers (doc).
    pub fn associate_data_share_consumer(
        &mut self,
        ctx: &Context,
        input: AssociateDataShareConsumerMessage,
    ) -> Outcome<DataShare> {
        let (owner, key) = self.consumed_share(ctx, &input.data_share_arn)?;
        let target = target(
            input.associate_entire_account,
            input.consumer_arn,
            input.consumer_region,
        )?;
        self.check_own_namespace(ctx, &target)?;
        let share = self.data_share(ctx, &input.data_share_arn)?.1;
        let grant = share
            .grant(ctx.account)
            .ok_or_else(|| share_error(&share.name, "is not shared with you"))?;
        if grant.status != GrantStatus::Authorized {
            return Err(share_error(
                &share.name,
                "is not authorized for your account",
            ));
        }
        if share
            .associations
            .iter()
            .any(|a| a.account == ctx.account && a.target == target)
        {
            return Err(share_error(
                &share.name,
                "is already associated with that consumer",
            ));
        }
        let writes = input.allow_writes.unwrap_or(false);
        if writes && !grant.allow_writes {
            return Err(share_error(&share.name, "does not allow writes"));
        }
        if let Target::Namespace(arn) = &target {
            let public = self
                .cluster_of_namespace(arn)
                .is_some_and(|(_, c)| c.publicly_accessible);
            if public && !share.publicly_accessible {
                return Err(share_error(
                    &share.name,
                    "can't be shared with a publicly accessible cluster",
                ));
            }
        }
        let account = Name::from(ctx.account);
        self.change_data_share(ctx, &owner, &key, View::Consumer(ctx.account), |share| {
            share.associations.push(Association {
                account,
                target,
                accepted_writes: writes,
                created: ctx.now,
            });
            if let Some(g) = share.grant_mut(ctx.account) {
                g.changed = ctx.now;
            }
        })
    }

    /// DisassociateDataShareConsumer: ends one of the caller's associations.
    pub fn disassociate_data_share_consumer(
        &mut self,
        ctx: &Context,
        input: DisassociateDataShareConsumerMessage,
    ) -> Outcome<DataShare> {
        let (owner, key) = self.consumed_share(ctx, &input.data_share_arn)?;
        let target = target(
            input.disassociate_entire_account,
            input.consumer_arn,
            input.consumer_region,
        )?;
        self.check_own_namespace(ctx, &target)?;
        let share = self.data_share(ctx, &input.data_share_arn)?.1;
        if !share
            .associations
            .iter()
            .any(|a| a.account == ctx.account && a.target == target)
        {
            return Err(share_error(
                &share.name,
                "is not associated with that consumer",
            ));
        }
        self.change_data_share(ctx, &owner, &key, View::Consumer(ctx.account), |share| {
            share
                .associations
                .retain(|a| !(a.account == ctx.account && a.target == target));
            if let Some(g) = share.grant_mut(ctx.account) {
                g.changed = ctx.now;
            }
        })
    }

    /// RejectDataShare: a share granted to the caller and not associated
    /// becomes `REJECTED` (doc), and no longer shows to the caller.
    pub fn reject_data_share(
        &mut self,
        ctx: &Context,
        input: RejectDataShareMessage,
    ) -> Outcome<DataShare> {
        let (owner, key) = self.consumed_share(ctx, &input.data_share_arn)?;
        let share = self.data_share(ctx, &input.data_share_arn)?.1;
        let status = share.grant(ctx.account).map(|g| g.status);
        if !matches!(
            status,
            Some(GrantStatus::PendingAuthorization | GrantStatus::Authorized)
        ) {
            return Err(share_error(&share.name, "can't be rejected in its status"));
        }
        if share.associations.iter().any(|a| a.account == ctx.account) {
            return Err(share_error(
                &share.name,
                "is associated: disassociate it before rejecting it",
            ));
        }
        self.change_data_share(ctx, &owner, &key, View::Consumer(ctx.account), |share| {
            if let Some(g) = share.grant_mut(ctx.account) {
                g.status = GrantStatus::Rejected;
                g.changed = ctx.now;
            }
        })
    }
}

/// `InvalidDataShareFault` about a share.
fn share_error(name: &str, what: &str) -> RedshiftError {
    RedshiftError::InvalidDataShare(format!("The datashare {name} {what}."))
}
