//! DescribeIntegrations (the caller's own) and DescribeInboundIntegrations
//! (those into the caller's namespaces, whoever made them).

use super::IntegrationRecord;
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::namespaces::parse_namespace_arn;
use crate::engine::resources::Resource;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeInboundIntegrationsMessage, DescribeIntegrationsFilter, DescribeIntegrationsMessage,
    InboundIntegrationsMessage, IntegrationsMessage, Timestamp,
};

/// Where a listing of integrations resumes: creation time and ARN.
type Position = (Timestamp, String);

/// Whether an integration passes one of DescribeIntegrations' filters
/// (doc: `integration-arn`, `source-arn`, `source-types`, `status`; a
/// source type is the service of the source's ARN, in any case: choice).
fn passes(filter: &DescribeIntegrationsFilter, arn: &str, i: &IntegrationRecord) -> bool {
    let any = |value: &str| filter.values.iter().any(|v| v.eq_ignore_ascii_case(value));
    match filter.name.as_str() {
        "integration-arn" => any(arn),
        "source-arn" => any(&i.source_arn),
        "source-types" => any(i.source_type()),
        _ => any(i.status.as_str()),
    }
}

impl World {
    /// DescribeIntegrations: the caller's integrations, oldest first.
    pub fn describe_integrations(
        &self,
        ctx: &Context,
        input: DescribeIntegrationsMessage,
    ) -> Outcome<IntegrationsMessage> {
        let paging: Paging<Position> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let filters = input.filters.unwrap_or_default();
        if let Some(f) = filters.iter().find(|f| {
            !matches!(
                f.name.as_str(),
                "integration-arn" | "source-arn" | "source-types" | "status"
            )
        }) {
            return Err(RedshiftError::InvalidIntegrationFilter(f.name.to_string()));
        }
        if let Some(arn) = input.integration_arn.as_deref() {
            self.own_at_arn::<IntegrationRecord>(ctx, arn)?;
        }
        let Some(place) = self.place(ctx) else {
            return Ok(IntegrationsMessage {
                marker: None,
                integrations: Some(Vec::new()),
            });
        };
        let after = paging.after.as_ref().map(|(t, arn)| {
            let id = arn.rsplit(':').next().unwrap_or_default();
            (*t, Name::from(id))
        });
        let walk = place
            .integrations
            .after(after.as_ref())
            .map(|i| (i.arn(ctx.region, ctx.account), i))
            .filter(|(arn, _)| input.integration_arn.as_deref().is_none_or(|a| a == arn))
            .filter(|(arn, i)| filters.iter().all(|f| passes(f, arn, i)))
            .map(|(arn, i)| ((i.created, arn), i));
        let (page, marker) = paging.page(walk);
        Ok(IntegrationsMessage {
            marker,
            integrations: Some(page.iter().map(|i| i.render(ctx, &place.tags)).collect()),
        })
    }

    /// DescribeInboundIntegrations: the integrations of every account of
    /// the region into the caller's namespaces, oldest first. A `TargetArn`
    /// must be one of the caller's namespaces (`InvalidNamespaceFault`).
    pub fn describe_inbound_integrations(
        &self,
        ctx: &Context,
        input: DescribeInboundIntegrationsMessage,
    ) -> Outcome<InboundIntegrationsMessage> {
        let paging: Paging<Position> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        if let Some(target) = input.target_arn.as_deref() {
            let mine = self
                .cluster_of_namespace(target)
                .is_some_and(|(owner, _)| *owner == ctx.account)
                && parse_namespace_arn(target).is_some_and(|(region, _, _)| region == ctx.region);
            if !mine {
                return Err(RedshiftError::InvalidNamespace(target.to_owned()));
            }
        }
        let mut inbound: Vec<(Position, (&Name, &IntegrationRecord))> = self
            .regions
            .get(ctx.region)
            .into_iter()
            .flatten()
            .flat_map(|(owner, place)| place.integrations.values().map(move |i| (owner, i)))
            .filter(|(_, i)| {
                self.cluster_of_namespace(&i.target_arn)
                    .is_some_and(|(target_owner, _)| *target_owner == ctx.account)
            })
            .filter(|(_, i)| {
                input
                    .target_arn
                    .as_deref()
                    .is_none_or(|t| i.target_arn == t)
            })
            .map(|(owner, i)| ((i.created, i.arn(ctx.region, owner)), (owner, i)))
            .filter(|((_, arn), _)| input.integration_arn.as_deref().is_none_or(|a| a == arn))
            .collect();
        if let (Some(arn), true) = (input.integration_arn.as_deref(), inbound.is_empty()) {
            return Err(IntegrationRecord::not_found(arn));
        }
        inbound.sort_by(|a, b| a.0.cmp(&b.0));
        let walk = inbound
            .into_iter()
            .filter(|(position, _)| paging.after.as_ref().is_none_or(|after| position > after));
        let (page, marker) = paging.page(walk);
        Ok(InboundIntegrationsMessage {
            marker,
            inbound_integrations: Some(
                page.into_iter()
                    .map(|(owner, i)| i.render_inbound(ctx.region, owner))
                    .collect(),
            ),
        })
    }
}
