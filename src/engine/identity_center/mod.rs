//! IAM Identity Center applications of Amazon Redshift and of its Query
//! Editor (QEv2), and GetIdentityCenterAuthToken.

mod qev2;
mod redshift;
#[cfg(test)]
mod tests;
mod token;

pub use qev2::Qev2IdcApplicationRecord;
pub use redshift::RedshiftIdcApplicationRecord;

use super::name::Name;
use super::resources::Resource;
use super::tags::{render_tag, tags_of};
use super::{hash64, uuid4, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{Tag, Timestamp};

/// Redshift IAM Identity Center applications an account may hold in a
/// region (choice).
pub const REDSHIFT_IDC_APPLICATION_QUOTA: usize = 100;

/// What the two application types share: a generated id, a unique name,
/// tags, and their errors.
pub trait IdcApplication: Resource<Order = Timestamp> {
    type Shape;
    fn name(&self) -> &Name;
    fn already_exists(name: &str) -> RedshiftError;
    fn render(&self, ctx: &Context, tags: Vec<Tag>) -> Self::Shape;
}

/// The ARN IAM Identity Center gives the managed application of an
/// application of `kind` (choice: IAM Identity Center's application ARN
/// form, under the instance's id).
fn managed_application_arn(ctx: &Context, instance_arn: &str, kind: &str, id: &str) -> Name {
    let instance = instance_arn.rsplit('/').next().unwrap_or(instance_arn);
    let h = hash64(&[ctx.account, instance, kind, id]);
    Name::from(format!(
        "arn:aws:sso::{}:application/{instance}/apl-{h:016x}",
        ctx.account
    ))
}

impl World {
    /// A new id for an application of `kind` named `name`, if the caller
    /// has no application of that type and name.
    fn new_idc_application_id<R: IdcApplication>(
        &self,
        ctx: &Context,
        kind: &str,
        name: &str,
    ) -> Outcome<Name> {
        let taken = self
            .place(ctx)
            .is_some_and(|p| R::store(p).values().any(|a| a.name() == name));
        if taken {
            return Err(R::already_exists(name));
        }
        Ok(Name::from(uuid4(&[
            ctx.account,
            ctx.region,
            kind,
            name,
            &ctx.now.0.to_string(),
        ])))
    }

    /// Adds an application with the request's tags and answers it.
    fn add_idc_application<R: IdcApplication>(
        &mut self,
        ctx: &Context,
        record: R,
        tags: Option<Vec<Tag>>,
        quota: usize,
    ) -> Outcome<R::Shape> {
        let tags = tags_of(tags)?;
        let rendered = tags.iter().map(render_tag).collect();
        let record = self.create_own(
            ctx,
            record,
            tags,
            quota,
            |id| RedshiftError::MalformedInput(format!("the generated id {id} is taken")),
            RedshiftError::RedshiftIdcApplicationQuotaExceeded,
        )?;
        Ok(record.render(ctx, rendered))
    }

    /// One of the caller's applications, by ARN, as it is now.
    fn render_idc_application<R: IdcApplication>(
        &self,
        ctx: &Context,
        arn: &str,
    ) -> Outcome<R::Shape> {
        let record = self.own_at_arn::<R>(ctx, arn)?;
        let tags = self
            .place(ctx)
            .map(|p| p.tags.render(R::KIND, record.key()))
            .unwrap_or_default();
        Ok(record.render(ctx, tags))
    }

    /// Deletes one of the caller's applications, by ARN.
    fn delete_idc_application<R: IdcApplication>(
        &mut self,
        ctx: &Context,
        arn: &str,
    ) -> Outcome<()> {
        let key = self.own_at_arn::<R>(ctx, arn)?.key().clone();
        self.remove::<R>(ctx, &key);
        Ok(())
    }

    /// One page of the caller's applications, oldest first, or the one an
    /// ARN names.
    fn describe_idc_applications<R: IdcApplication>(
        &self,
        ctx: &Context,
        arn: Option<&str>,
        max_records: Option<i64>,
        marker: Option<&str>,
    ) -> Outcome<(Vec<R::Shape>, Option<Name>)> {
        let key = arn
            .map(|a| self.own_at_arn::<R>(ctx, a).map(|r| r.key().clone()))
            .transpose()?;
        let query = super::listing::Query {
            name: key.as_deref(),
            tags: super::tags::TagFilter::default(),
            max_records,
            marker,
        };
        self.list(
            ctx,
            query,
            None,
            |_: &R| true,
            |r, tags| r.render(ctx, tags.render(R::KIND, r.key())),
        )
    }
}
