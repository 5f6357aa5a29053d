//! Exchanges of reserved nodes: GetReservedNodeExchangeOfferings,
//! AcceptReservedNodeExchange, DescribeReservedNodeExchangeStatus and
//! GetReservedNodeExchangeConfigurationOptions.

use serde::{Deserialize, Serialize};

use super::offerings::targets;
use super::{offering, Offering, ReservedNodeRecord, ReservedNodeState};
use crate::engine::clusters::ClusterRecord;
use crate::engine::listing::{Paging, Query, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{Resource, ResourceKind};
use crate::engine::snapshots::Target;
use crate::engine::store::Record;
use crate::engine::tags::TagFilter;
use crate::engine::{uuid4, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AcceptReservedNodeExchangeInputMessage, AcceptReservedNodeExchangeOutputMessage,
    DescribeReservedNodeExchangeStatusInputMessage,
    DescribeReservedNodeExchangeStatusOutputMessage,
    GetReservedNodeExchangeConfigurationOptionsInputMessage,
    GetReservedNodeExchangeConfigurationOptionsOutputMessage,
    GetReservedNodeExchangeOfferingsInputMessage, GetReservedNodeExchangeOfferingsOutputMessage,
    ReservedNodeConfigurationOption, ReservedNodeExchangeStatus, Timestamp,
};

/// An exchange's `Status` (doc: the model's values; the fake's exchanges
/// are in progress, then succeed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExchangeStatus {
    InProgress,
    Succeeded,
}

/// A reserved-node exchange request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRecord {
    pub id: Name,
    pub requested: Timestamp,
    pub source: Name,
    pub source_type: Name,
    pub source_count: i64,
    pub target_offering: Name,
    pub target_type: Name,
    pub target_count: i64,
    pub status: ExchangeStatus,
    pub until: Timestamp,
}

impl Record for ExchangeRecord {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.requested
    }
}

impl Resource for ExchangeRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ReservedNodeExchangeNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        offering(&self.target_offering).ok_or("its target offering is not one of the catalog")?;
        crate::engine::resources::check_saved_time("its RequestTime", self.requested)
    }
    fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
        (self.status == ExchangeStatus::InProgress)
            .then_some((self.until, "ends the exchange"))
            .into_iter()
            .collect()
    }
}

impl ExchangeRecord {
    fn render(&self) -> ReservedNodeExchangeStatus {
        ReservedNodeExchangeStatus {
            reserved_node_exchange_request_id: Some(self.id.clone()),
            status: Some(Name::from_static(match self.status {
                ExchangeStatus::InProgress => "IN_PROGRESS",
                ExchangeStatus::Succeeded => "SUCCEEDED",
            })),
            request_time: Some(self.requested),
            source_reserved_node_id: Some(self.source.clone()),
            source_reserved_node_type: Some(self.source_type.clone()),
            source_reserved_node_count: Some(self.source_count),
            target_reserved_node_offering_id: Some(self.target_offering.clone()),
            target_reserved_node_type: Some(self.target_type.clone()),
            target_reserved_node_count: Some(self.target_count),
        }
    }
}

impl World {
    /// The caller's reserved node an exchange starts from: it must be
    /// active and not exchanged already (doc: the operations' errors).
    fn exchangeable(&self, ctx: &Context, id: &str) -> Outcome<&ReservedNodeRecord> {
        let node = self.own::<ReservedNodeRecord>(ctx, id)?;
        if node.exchanged {
            return Err(RedshiftError::ReservedNodeAlreadyMigrated(
                node.id.to_string(),
            ));
        }
        crate::engine::require(node.state, &[ReservedNodeState::Active], |state| {
            RedshiftError::InvalidReservedNodeState {
                id: node.id.to_string(),
                state: state.as_str(),
            }
        })?;
        Ok(node)
    }

    /// The exchange a resize or a restore asks for with `ReservedNodeId`
    /// and `TargetReservedNodeOfferingId`, checked before the cluster
    /// changes: both or neither (choice), the caller's active node, an
    /// offering it may be upgraded to (as
    /// GetReservedNodeExchangeConfigurationOptions lists them) of the
    /// cluster's new node type. Answers the node and the offering.
    pub fn cluster_exchange(
        &self,
        ctx: &Context,
        node: Option<&str>,
        offering_id: Option<&str>,
        node_type: &str,
    ) -> Outcome<Option<(Name, &'static Offering)>> {
        let (id, wanted) = match (node, offering_id) {
            (None, None) => return Ok(None),
            (Some(id), Some(wanted)) => (id, wanted),
            _ => return Err(RedshiftError::ExchangeNeedsNodeAndOffering),
        };
        let target = offering(wanted)
            .ok_or_else(|| RedshiftError::ReservedNodeOfferingNotFound(wanted.to_owned()))?;
        let node = self.exchangeable(ctx, id)?;
        let from = node.offering()?;
        let allowed = targets(
            from.node_type,
            from.duration,
            from.offering_type,
            node.count,
            false,
        );
        if target.node_type != node_type || !allowed.iter().any(|(o, _)| o.id == target.id) {
            return Err(RedshiftError::NotAnExchangeOffering {
                offering: wanted.to_owned(),
                node: node.id.to_string(),
            });
        }
        Ok(Some((node.id.clone(), target)))
    }

    /// The DC2 offerings a DC1 reserved node may be exchanged for: same term
    /// and payment (doc); another node type is `UnsupportedOperation`.
    fn exchange_offerings(&self, ctx: &Context, id: &str) -> Outcome<Vec<&'static Offering>> {
        let node = self.exchangeable(ctx, id)?;
        let from = node.offering()?;
        let found: Vec<&'static Offering> = targets(
            from.node_type,
            from.duration,
            from.offering_type,
            node.count,
            true,
        )
        .into_iter()
        .map(|(o, _)| o)
        .collect();
        if found.is_empty() {
            return Err(RedshiftError::NotExchangeable(from.node_type));
        }
        Ok(found)
    }

    /// Exchanges a reserved node for `count` nodes of another offering, for
    /// the rest of its term: both are `exchanging` for the world's exchange
    /// time, then the source is retired and the new one active. The one
    /// exchange of AcceptReservedNodeExchange and of the resizes and
    /// restores that name a reserved node (`ReservedNodeId`,
    /// `TargetReservedNodeOfferingId`). Answers the request and the new node.
    pub fn exchange_reserved_node(
        &mut self,
        ctx: &Context,
        source: &str,
        target: &Offering,
        count: i64,
    ) -> Outcome<(ExchangeRecord, Name)> {
        let node = self.exchangeable(ctx, source)?;
        let (id, start, source_count) = (node.id.clone(), node.start, node.count);
        let source_type = node.offering()?.node_type;
        let seconds = self.settings.reserved_node_exchange_seconds;
        let until = ctx.now.plus_seconds(seconds);
        let new = self.add_reserved_node(
            ctx,
            target,
            count,
            start,
            ReservedNodeState::Exchanging,
            seconds,
        );
        if let Some(n) = self
            .place_mut(ctx)
            .and_then(|p| p.reserved_nodes.get_mut(&id))
        {
            n.state = ReservedNodeState::Exchanging;
            n.exchanged = true;
            n.until = Some(until);
        }
        self.schedule(ctx, until, ResourceKind::ReservedNode, &id);
        let request = ExchangeRecord {
            id: Name::from(uuid4(&[ctx.account, ctx.region, &id, &new])),
            requested: ctx.now,
            source: id,
            source_type: Name::from_static(source_type),
            source_count,
            target_offering: target.id.clone(),
            target_type: Name::from_static(target.node_type),
            target_count: count,
            status: ExchangeStatus::InProgress,
            until,
        };
        self.add(ctx, request.clone());
        self.schedule(ctx, until, ResourceKind::ReservedNodeExchange, &request.id);
        Ok((request, new))
    }

    /// An exchange's wake-up: it has succeeded.
    pub(in crate::engine) fn wake_reserved_node_exchange(&mut self, ctx: &Context, id: &Name) {
        if let Some(e) = self
            .place_mut(ctx)
            .and_then(|p| p.reserved_node_exchanges.get_mut(id))
            .filter(|e| ctx.now >= e.until)
        {
            e.status = ExchangeStatus::Succeeded;
        }
    }

    /// GetReservedNodeExchangeOfferings.
    pub fn get_reserved_node_exchange_offerings(
        &self,
        ctx: &Context,
        input: GetReservedNodeExchangeOfferingsInputMessage,
    ) -> Outcome<GetReservedNodeExchangeOfferingsOutputMessage> {
        let paging: Paging<usize> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let found = self.exchange_offerings(ctx, &input.reserved_node_id)?;
        let walk = found
            .into_iter()
            .enumerate()
            .filter(|(i, _)| paging.after.is_none_or(|after| *i > after))
            .map(|(i, o)| (i, o.render()));
        let (page, marker) = paging.page(walk);
        Ok(GetReservedNodeExchangeOfferingsOutputMessage {
            marker,
            reserved_node_offerings: Some(page),
        })
    }

    /// AcceptReservedNodeExchange: a DC1 reserved node for one of its DC2
    /// exchange offerings, node for node (doc).
    pub fn accept_reserved_node_exchange(
        &mut self,
        ctx: &Context,
        input: AcceptReservedNodeExchangeInputMessage,
    ) -> Outcome<AcceptReservedNodeExchangeOutputMessage> {
        let wanted = input.target_reserved_node_offering_id.as_str();
        let target = offering(wanted)
            .ok_or_else(|| RedshiftError::ReservedNodeOfferingNotFound(wanted.to_owned()))?;
        let allowed = self.exchange_offerings(ctx, &input.reserved_node_id)?;
        if !allowed.iter().any(|o| o.id == target.id) {
            return Err(RedshiftError::NotAnExchangeOffering {
                offering: wanted.to_owned(),
                node: input.reserved_node_id.to_string(),
            });
        }
        let count = self
            .own::<ReservedNodeRecord>(ctx, &input.reserved_node_id)?
            .count;
        let (_, new) = self.exchange_reserved_node(ctx, &input.reserved_node_id, target, count)?;
        Ok(AcceptReservedNodeExchangeOutputMessage {
            exchanged_reserved_node: Some(self.own::<ReservedNodeRecord>(ctx, &new)?.render()),
        })
    }

    /// DescribeReservedNodeExchangeStatus: the caller's exchange requests,
    /// of one request or source node when asked.
    pub fn describe_reserved_node_exchange_status(
        &self,
        ctx: &Context,
        input: DescribeReservedNodeExchangeStatusInputMessage,
    ) -> Outcome<DescribeReservedNodeExchangeStatusOutputMessage> {
        let source = match input.reserved_node_id.as_deref() {
            Some(id) => Some(self.own::<ReservedNodeRecord>(ctx, id)?.id.clone()),
            None => None,
        };
        let query = Query {
            name: input.reserved_node_exchange_request_id.as_deref(),
            tags: TagFilter::default(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
        };
        let keep = |e: &ExchangeRecord| source.as_ref().is_none_or(|s| e.source == *s);
        let (page, marker) = self.list(ctx, query, None, keep, |e, _| e.render())?;
        Ok(DescribeReservedNodeExchangeStatusOutputMessage {
            reserved_node_exchange_status_details: Some(page),
            marker,
        })
    }

    /// GetReservedNodeExchangeConfigurationOptions: for a resize of a
    /// cluster or a restore from a snapshot, each active reserved node of
    /// its node type with each offering it may be upgraded to and the
    /// nodes that takes (choice: after AWS's upgrade recommendations).
    pub fn get_reserved_node_exchange_configuration_options(
        &self,
        ctx: &Context,
        input: GetReservedNodeExchangeConfigurationOptionsInputMessage,
    ) -> Outcome<GetReservedNodeExchangeConfigurationOptionsOutputMessage> {
        let paging: Paging<(Name, Name)> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let missing = |member: &str| RedshiftError::MissingParameter(member.to_owned());
        let node_type = match input.action_type.as_str() {
            "resize-cluster" => {
                let id = input
                    .cluster_identifier
                    .as_deref()
                    .ok_or_else(|| missing("ClusterIdentifier"))?;
                self.own::<ClusterRecord>(ctx, id)?.facts.node_type.clone()
            }
            "restore-cluster" => {
                let id = input
                    .snapshot_identifier
                    .as_deref()
                    .ok_or_else(|| missing("SnapshotIdentifier"))?;
                let target = Target {
                    identifier: Some(id),
                    ..Target::default()
                };
                let (_, snapshot) = self
                    .visible_snapshot(ctx, &target)
                    .ok_or_else(|| target.not_found())?;
                snapshot.facts.node_type.clone()
            }
            other => return Err(RedshiftError::InvalidExchangeActionType(other.to_owned())),
        };
        let mut options: Vec<((Name, Name), ReservedNodeConfigurationOption)> = Vec::new();
        for node in self
            .place(ctx)
            .iter()
            .flat_map(|p| p.reserved_nodes.values())
        {
            let Ok(from) = node.offering() else { continue };
            if from.node_type != node_type.as_str()
                || node.exchanged
                || node.state != ReservedNodeState::Active
            {
                continue;
            }
            for (to, count) in targets(
                from.node_type,
                from.duration,
                from.offering_type,
                node.count,
                false,
            ) {
                options.push((
                    (node.id.clone(), to.id.clone()),
                    ReservedNodeConfigurationOption {
                        source_reserved_node: Some(node.render()),
                        target_reserved_node_count: Some(count),
                        target_reserved_node_offering: Some(to.render()),
                    },
                ));
            }
        }
        options.sort_by(|a, b| a.0.cmp(&b.0));
        let walk = options
            .into_iter()
            .filter(|(position, _)| paging.after.as_ref().is_none_or(|after| position > after));
        let (page, marker) = paging.page(walk);
        Ok(GetReservedNodeExchangeConfigurationOptionsOutputMessage {
            marker,
            reserved_node_configuration_option_list: Some(page),
        })
    }
}
