//! DescribeDataShares, DescribeDataSharesForProducer and
//! DescribeDataSharesForConsumer.

use super::{DataShareRecord, Target, View};
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{arn, Resource, ResourceKind};
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DataShare, DescribeDataSharesForConsumerMessage, DescribeDataSharesForConsumerResult,
    DescribeDataSharesForProducerMessage, DescribeDataSharesForProducerResult,
    DescribeDataSharesMessage, DescribeDataSharesResult,
};

/// One share a listing may give: its ARN, producer, record and the view.
type Seen<'w> = (String, &'w Name, &'w DataShareRecord, View<'w>);

impl World {
    /// Every share of the caller's Region the caller produces or is
    /// authorized to consume, by ARN, each in the caller's view.
    fn seen_shares<'w>(&'w self, ctx: &'w Context) -> Vec<Seen<'w>> {
        let mut seen: Vec<Seen<'w>> = self
            .regions
            .get(ctx.region)
            .into_iter()
            .flatten()
            .flat_map(|(owner, place)| place.data_shares.values().map(move |s| (owner, s)))
            .filter_map(|(owner, share)| {
                let view = if *owner == ctx.account {
                    View::Producer
                } else if share.visible_to(ctx.account) {
                    View::Consumer(ctx.account)
                } else {
                    return None;
                };
                let arn = arn(ctx.region, owner, ResourceKind::DataShare, &share.key);
                Some((arn, owner, share, view))
            })
            .collect();
        seen.sort_by(|a, b| a.0.cmp(&b.0));
        seen
    }

    /// One page of shares by ARN, rendered in their views.
    fn page_shares<'w>(
        &self,
        ctx: &Context,
        shares: impl Iterator<Item = Seen<'w>>,
        max_records: Option<i64>,
        marker: Option<&str>,
    ) -> Outcome<(Vec<DataShare>, Option<Name>)> {
        let paging: Paging<String> = Paging::new(DESCRIBE_PAGE, max_records, marker)?;
        let walk = shares
            .filter(|(arn, ..)| paging.after.as_ref().is_none_or(|after| arn > after))
            .map(|(arn, owner, share, view)| (arn, share.render(ctx.region, owner, view)));
        Ok(paging.page(walk))
    }

    /// A namespace ARN of a `*ForProducer`/`*ForConsumer` call must be one
    /// of the caller's in its Region (`InvalidNamespaceFault`).
    fn own_namespace_cluster(&self, ctx: &Context, namespace: &str) -> Outcome<Name> {
        self.cluster_of_namespace(namespace)
            .filter(|(owner, _)| *owner == ctx.account)
            .filter(|_| namespace.split(':').nth(3) == Some(ctx.region))
            .map(|(_, c)| c.identifier().clone())
            .ok_or_else(|| RedshiftError::InvalidNamespace(namespace.to_owned()))
    }

    /// DescribeDataShares: the shares the caller produces or may consume;
    /// one the caller may not see is `InvalidDataShareFault`.
    pub fn describe_data_shares(
        &self,
        ctx: &Context,
        input: DescribeDataSharesMessage,
    ) -> Outcome<DescribeDataSharesResult> {
        let shares = self.seen_shares(ctx);
        if let Some(wanted) = input.data_share_arn.as_deref() {
            if !shares.iter().any(|(arn, ..)| arn == wanted) {
                return Err(DataShareRecord::not_found(wanted));
            }
        }
        let wanted = input.data_share_arn.as_deref();
        let (page, marker) = self.page_shares(
            ctx,
            shares
                .into_iter()
                .filter(|(arn, ..)| wanted.is_none_or(|w| w == arn)),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(DescribeDataSharesResult {
            data_shares: Some(page),
            marker,
        })
    }

    /// DescribeDataSharesForProducer: the caller's own shares, of one of
    /// its namespaces and with an association of a status when asked.
    pub fn describe_data_shares_for_producer(
        &self,
        ctx: &Context,
        input: DescribeDataSharesForProducerMessage,
    ) -> Outcome<DescribeDataSharesForProducerResult> {
        let cluster = input
            .producer_arn
            .as_deref()
            .map(|arn| self.own_namespace_cluster(ctx, arn))
            .transpose()?;
        let status = input.status.as_deref();
        let shares = self
            .seen_shares(ctx)
            .into_iter()
            .filter(|(_, _, share, view)| {
                *view == View::Producer
                    && cluster.as_ref().is_none_or(|c| share.cluster == *c)
                    && status.is_none_or(|s| share.has_status(View::Producer, s))
            });
        let (page, marker) =
            self.page_shares(ctx, shares, input.max_records, input.marker.as_deref())?;
        Ok(DescribeDataSharesForProducerResult {
            data_shares: Some(page),
            marker,
        })
    }

    /// DescribeDataSharesForConsumer: the shares the caller may consume,
    /// those associated with one of its namespaces (directly, through its
    /// Region or its whole account) when one is named, and with an
    /// association of a status when asked.
    pub fn describe_data_shares_for_consumer(
        &self,
        ctx: &Context,
        input: DescribeDataSharesForConsumerMessage,
    ) -> Outcome<DescribeDataSharesForConsumerResult> {
        if let Some(arn) = input.consumer_arn.as_deref() {
            self.own_namespace_cluster(ctx, arn)?;
        }
        let namespace = input.consumer_arn.as_deref();
        let status = input.status.as_deref();
        let shares = self
            .seen_shares(ctx)
            .into_iter()
            .filter(|(_, _, share, view)| {
                let associated = |ns: &str| {
                    share.associations.iter().any(|a| {
                        a.account == ctx.account
                            && match &a.target {
                                Target::Account => true,
                                Target::Region(r) => *r == ctx.region,
                                Target::Namespace(arn) => arn == ns,
                            }
                    })
                };
                matches!(view, View::Consumer(_))
                    && namespace.is_none_or(associated)
                    && status.is_none_or(|s| share.has_status(*view, s))
            });
        let (page, marker) =
            self.page_shares(ctx, shares, input.max_records, input.marker.as_deref())?;
        Ok(DescribeDataSharesForConsumerResult {
            data_shares: Some(page),
            marker,
        })
    }
}
