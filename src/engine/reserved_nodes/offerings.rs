//! The catalog of reserved node offerings: every node type of the engine's
//! catalog and the retired ones reserved nodes still hold, for one and
//! three years, with no, partial or all upfront payment; and the exchanges
//! and upgrades between node types.

use std::sync::OnceLock;

use crate::engine::catalog::NODE_TYPES;
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::{uuid4, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeReservedNodeOfferingsMessage, RecurringCharge, ReservedNodeOffering,
    ReservedNodeOfferingsMessage,
};

/// Node types no new cluster may have whose reserved nodes an account may
/// still hold, to exchange or upgrade (doc: DC1 and DS2 are retired; choice:
/// they stay on offer, so that a test can buy one to exchange).
pub const RETIRED_NODE_TYPES: [&str; 4] = ["dc1.large", "dc1.8xlarge", "ds2.xlarge", "ds2.8xlarge"];

/// One year and three years, in seconds (doc: the terms AWS offers).
pub const TERMS: [i64; 2] = [31_536_000, 94_608_000];
/// The payment options (doc: Management Guide, "Reserved nodes").
pub const OFFERING_TYPES: [&str; 3] = ["No Upfront", "Partial Upfront", "All Upfront"];

/// On-demand price of a node type, in USD per hour (choice: close to AWS's
/// us-east-1 prices, the same in every region).
fn hourly_price(node_type: &str) -> f64 {
    match node_type {
        "dc2.large" | "dc1.large" => 0.25,
        "dc2.8xlarge" | "dc1.8xlarge" => 4.8,
        "ra3.large" | "rg.large" => 0.543,
        "ra3.xlplus" | "rg.xlarge" => 1.086,
        "ra3.4xlarge" | "rg.4xlarge" => 3.26,
        "ra3.16xlarge" | "rg.12xlarge" => 13.04,
        "ds2.xlarge" => 0.85,
        "ds2.8xlarge" => 6.8,
        _ => 1.0,
    }
}

/// The discount of a term and payment option on the on-demand price (choice).
fn discount(term: i64, offering_type: &str) -> f64 {
    let long = term > TERMS[0];
    match (offering_type, long) {
        ("No Upfront", false) => 0.20,
        ("Partial Upfront", false) => 0.33,
        ("All Upfront", false) => 0.36,
        ("No Upfront", true) => 0.45,
        ("Partial Upfront", true) => 0.60,
        _ => 0.63,
    }
}

/// Money, to the cent.
fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}

/// Node-type changes a reserved node can be exchanged for (DC1 to DC2, doc:
/// AcceptReservedNodeExchange) or upgraded to when its cluster is resized
/// or restored (to RA3): `(from, to, target nodes, per source nodes)`
/// (choice, after AWS's RA3 upgrade recommendations).
pub const UPGRADES: &[(&str, &str, i64, i64)] = &[
    ("dc1.large", "dc2.large", 1, 1),
    ("dc1.8xlarge", "dc2.8xlarge", 1, 1),
    ("dc2.large", "ra3.large", 1, 1),
    ("dc2.8xlarge", "ra3.4xlarge", 2, 1),
    ("dc2.8xlarge", "ra3.16xlarge", 1, 2),
    ("ds2.xlarge", "ra3.xlplus", 1, 2),
    ("ds2.8xlarge", "ra3.4xlarge", 2, 1),
    ("ds2.8xlarge", "ra3.16xlarge", 1, 2),
];

/// An offering of the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Offering {
    pub id: Name,
    pub node_type: &'static str,
    pub duration: i64,
    pub offering_type: &'static str,
    pub fixed_price: f64,
    pub hourly: f64,
}

impl Offering {
    /// `Upgradable` for DC1 nodes, which may be exchanged (choice).
    pub fn kind(&self) -> &'static str {
        if self.node_type.starts_with("dc1.") {
            "Upgradable"
        } else {
            "Regular"
        }
    }

    /// What is charged every hour of the term.
    pub fn recurring_charges(&self) -> Vec<RecurringCharge> {
        (self.hourly > 0.0)
            .then(|| RecurringCharge {
                recurring_charge_amount: Some(self.hourly),
                recurring_charge_frequency: Some(Name::from_static("Hourly")),
            })
            .into_iter()
            .collect()
    }

    pub fn render(&self) -> ReservedNodeOffering {
        ReservedNodeOffering {
            reserved_node_offering_id: Some(self.id.clone()),
            node_type: Some(Name::from_static(self.node_type)),
            duration: Some(self.duration),
            fixed_price: Some(self.fixed_price),
            usage_price: Some(0.0),
            currency_code: Some(Name::from_static("USD")),
            offering_type: Some(Name::from_static(self.offering_type)),
            recurring_charges: Some(self.recurring_charges()),
            reserved_node_offering_type: Some(Name::from_static(self.kind())),
        }
    }
}

/// Every offering, by node type (in the catalog's order), term and payment.
pub fn offerings() -> &'static [Offering] {
    static OFFERINGS: OnceLock<Vec<Offering>> = OnceLock::new();
    OFFERINGS.get_or_init(|| {
        let mut all = Vec::new();
        let names = NODE_TYPES.iter().map(|n| n.name).chain(RETIRED_NODE_TYPES);
        for node in names {
            for duration in TERMS {
                for offering_type in OFFERING_TYPES {
                    let hours = duration as f64 / 3600.0;
                    let effective = hourly_price(node) * (1.0 - discount(duration, offering_type));
                    let upfront = match offering_type {
                        "All Upfront" => 1.0,
                        "Partial Upfront" => 0.5,
                        _ => 0.0,
                    };
                    all.push(Offering {
                        id: Name::from(uuid4(&[
                            "reserved-node-offering",
                            node,
                            &duration.to_string(),
                            offering_type,
                        ])),
                        node_type: node,
                        duration,
                        offering_type,
                        fixed_price: cents(effective * hours * upfront),
                        hourly: (effective * (1.0 - upfront) * 1000.0).round() / 1000.0,
                    });
                }
            }
        }
        all
    })
}

/// The offering of that id.
pub fn offering(id: &str) -> Option<&'static Offering> {
    offerings().iter().find(|o| o.id == id)
}

/// The offerings a reserved node of `node_type` on `duration` and
/// `offering_type` may become, each with the nodes it would take for
/// `count` source nodes; only DC1 exchanges with `exchanges_only`.
pub fn targets(
    node_type: &str,
    duration: i64,
    offering_type: &str,
    count: i64,
    exchanges_only: bool,
) -> Vec<(&'static Offering, i64)> {
    UPGRADES
        .iter()
        .filter(|(from, to, ..)| *from == node_type && (!exchanges_only || to.starts_with("dc2.")))
        .flat_map(|&(_, to, per, of)| {
            offerings()
                .iter()
                .filter(move |o| {
                    o.node_type == to && o.duration == duration && o.offering_type == offering_type
                })
                .map(move |o| (o, (count * per + of - 1) / of))
        })
        .collect()
}

impl World {
    /// DescribeReservedNodeOfferings: the catalog, or the one offering named.
    pub fn describe_reserved_node_offerings(
        &self,
        _ctx: &Context,
        input: DescribeReservedNodeOfferingsMessage,
    ) -> Outcome<ReservedNodeOfferingsMessage> {
        let paging: Paging<usize> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let wanted = input.reserved_node_offering_id.as_deref();
        if let Some(id) = wanted {
            offering(id)
                .ok_or_else(|| RedshiftError::ReservedNodeOfferingNotFound(id.to_owned()))?;
        }
        let walk = offerings()
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                paging.after.is_none_or(|after| *i > after) && wanted.is_none_or(|w| o.id == w)
            })
            .map(|(i, o)| (i, o.render()));
        let (page, marker) = paging.page(walk);
        Ok(ReservedNodeOfferingsMessage {
            marker,
            reserved_node_offerings: Some(page),
        })
    }
}
