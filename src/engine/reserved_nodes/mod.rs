//! Reserved nodes: offerings bought for a term (PurchaseReservedNodeOffering),
//! `payment-pending` for the world's `reserved_node_payment_seconds`, then
//! `active` until the term ends (`retired`); and exchanges of a reserved
//! node for another offering, in progress for
//! `reserved_node_exchange_seconds`.

mod exchange;
mod offerings;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use exchange::{ExchangeRecord, ExchangeStatus};
pub use offerings::{offering, offerings, Offering, UPGRADES};

use super::name::Name;
use super::resources::{Resource, ResourceKind};
use super::store::Record;
use super::{uuid4, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeReservedNodesMessage, PurchaseReservedNodeOfferingMessage,
    PurchaseReservedNodeOfferingResult, ReservedNode, ReservedNodesMessage, Timestamp,
};

/// Reserved compute nodes an account may hold in a region, retired ones
/// aside (choice).
pub const RESERVED_NODE_QUOTA: i64 = 200;

/// A reserved node's `State` (doc: the values of the `ReservedNode` shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReservedNodeState {
    PaymentPending,
    Active,
    Exchanging,
    Retired,
}

impl ReservedNodeState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReservedNodeState::PaymentPending => "payment-pending",
            ReservedNodeState::Active => "active",
            ReservedNodeState::Exchanging => "exchanging",
            ReservedNodeState::Retired => "retired",
        }
    }
}

/// A reserved node as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReservedNodeRecord {
    pub id: Name,
    pub offering: Name,
    pub count: i64,
    pub start: Timestamp,
    pub state: ReservedNodeState,
    /// When a payment or exchange in progress is over.
    pub until: Option<Timestamp>,
    /// Retired by an exchange (doc: `ReservedNodeAlreadyMigrated`).
    pub exchanged: bool,
}

impl Record for ReservedNodeRecord {
    /// Listed in the order they were bought.
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.start
    }
}

impl Resource for ReservedNodeRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ReservedNodeNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        self.offering().map_err(|e| e.to_string())?;
        if self.count < 1 {
            return Err(format!("NodeCount must be at least 1, got {}", self.count));
        }
        super::resources::check_saved_time("its StartTime", self.start)
    }
    /// The end of a payment or exchange, and of its term unless retired.
    fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
        let term = self
            .ends()
            .ok()
            .filter(|_| self.state != ReservedNodeState::Retired)
            .map(|t| (t, "ends its term"));
        let state = self.until.map(|t| (t, "ends its transition"));
        state.into_iter().chain(term).collect()
    }
}

impl ReservedNodeRecord {
    /// Its offering (every record names one of the catalog).
    pub fn offering(&self) -> Outcome<&'static Offering> {
        offering(&self.offering)
            .ok_or_else(|| RedshiftError::ReservedNodeOfferingNotFound(self.offering.to_string()))
    }

    /// When its term ends.
    pub fn ends(&self) -> Outcome<Timestamp> {
        Ok(self.start.plus_seconds(self.offering()?.duration as f64))
    }

    pub fn render(&self) -> ReservedNode {
        let offering = self.offering().ok();
        ReservedNode {
            reserved_node_id: Some(self.id.clone()),
            reserved_node_offering_id: Some(self.offering.clone()),
            node_type: offering.map(|o| Name::from_static(o.node_type)),
            start_time: Some(self.start),
            duration: offering.map(|o| o.duration),
            fixed_price: offering.map(|o| o.fixed_price),
            usage_price: Some(0.0),
            currency_code: Some(Name::from_static("USD")),
            node_count: Some(self.count),
            state: Some(Name::from_static(self.state.as_str())),
            offering_type: offering.map(|o| Name::from_static(o.offering_type)),
            recurring_charges: offering.map(Offering::recurring_charges),
            reserved_node_offering_type: offering.map(|o| Name::from_static(o.kind())),
        }
    }
}

impl World {
    /// Adds a reserved node of `offering` for `count` nodes, in `state`
    /// until `seconds` from now (then active), and asks the clock to retire
    /// it when its term ends.
    fn add_reserved_node(
        &mut self,
        ctx: &Context,
        offering: &Offering,
        count: i64,
        start: Timestamp,
        state: ReservedNodeState,
        seconds: f64,
    ) -> Name {
        let held = self.place(ctx).map_or(0, |p| p.reserved_nodes.len());
        let id = Name::from(uuid4(&[
            ctx.account,
            ctx.region,
            &offering.id,
            &ctx.now.0.to_string(),
            &held.to_string(),
        ]));
        let until = ctx.now.plus_seconds(seconds);
        self.add(
            ctx,
            ReservedNodeRecord {
                id: id.clone(),
                offering: offering.id.clone(),
                count,
                start,
                state,
                until: Some(until),
                exchanged: false,
            },
        );
        self.schedule(ctx, until, ResourceKind::ReservedNode, &id);
        let ends = start.plus_seconds(offering.duration as f64);
        self.schedule(ctx, ends, ResourceKind::ReservedNode, &id);
        id
    }

    /// A reserved node's wake-up: a payment or exchange is over, or its
    /// term has ended.
    pub(super) fn wake_reserved_node(&mut self, ctx: &Context, id: &Name) {
        let Some(node) = self
            .place_mut(ctx)
            .and_then(|p| p.reserved_nodes.get_mut(id))
        else {
            return;
        };
        if node.until.is_some_and(|until| ctx.now >= until) {
            node.until = None;
            node.state = match node.state {
                ReservedNodeState::Exchanging if node.exchanged => ReservedNodeState::Retired,
                ReservedNodeState::Retired => ReservedNodeState::Retired,
                _ => ReservedNodeState::Active,
            };
        }
        if node.ends().is_ok_and(|ends| ctx.now >= ends) && node.until.is_none() {
            node.state = ReservedNodeState::Retired;
        }
    }

    /// PurchaseReservedNodeOffering.
    pub fn purchase_reserved_node_offering(
        &mut self,
        ctx: &Context,
        input: PurchaseReservedNodeOfferingMessage,
    ) -> Outcome<PurchaseReservedNodeOfferingResult> {
        let offering = offering(&input.reserved_node_offering_id).ok_or_else(|| {
            RedshiftError::ReservedNodeOfferingNotFound(input.reserved_node_offering_id.to_string())
        })?;
        let count = input.node_count.unwrap_or(1);
        if count < 1 {
            return Err(RedshiftError::InvalidNodeCount(count));
        }
        let held: i64 = self.place(ctx).map_or(0, |p| {
            p.reserved_nodes
                .values()
                .filter(|n| n.state != ReservedNodeState::Retired)
                .map(|n| n.count)
                .sum()
        });
        if held + count > RESERVED_NODE_QUOTA {
            return Err(RedshiftError::ReservedNodeQuotaExceeded(
                RESERVED_NODE_QUOTA,
            ));
        }
        let seconds = self.settings.reserved_node_payment_seconds;
        let id = self.add_reserved_node(
            ctx,
            offering,
            count,
            ctx.now,
            ReservedNodeState::PaymentPending,
            seconds,
        );
        Ok(PurchaseReservedNodeOfferingResult {
            reserved_node: Some(self.own::<ReservedNodeRecord>(ctx, &id)?.render()),
        })
    }

    /// DescribeReservedNodes: the caller's, oldest first, retired ones too.
    pub fn describe_reserved_nodes(
        &self,
        ctx: &Context,
        input: DescribeReservedNodesMessage,
    ) -> Outcome<ReservedNodesMessage> {
        let query = super::listing::Query {
            name: input.reserved_node_id.as_deref(),
            tags: super::tags::TagFilter::default(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
        };
        let (page, marker) = self.list(
            ctx,
            query,
            None,
            |_: &ReservedNodeRecord| true,
            |n, _| n.render(),
        )?;
        Ok(ReservedNodesMessage {
            marker,
            reserved_nodes: Some(page),
        })
    }
}
