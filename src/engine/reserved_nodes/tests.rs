use super::offerings::{targets, OFFERING_TYPES, RETIRED_NODE_TYPES, TERMS};
use super::*;
use crate::engine::catalog::{self, NODE_TYPES};

#[test]
fn every_node_type_of_the_catalog_is_offered_for_every_term_and_payment() {
    let all = offerings();
    let names: Vec<&str> = NODE_TYPES
        .iter()
        .map(|n| n.name)
        .chain(RETIRED_NODE_TYPES)
        .collect();
    assert_eq!(all.len(), names.len() * TERMS.len() * OFFERING_TYPES.len());
    for node in names {
        for term in TERMS {
            for payment in OFFERING_TYPES {
                let found: Vec<_> = all
                    .iter()
                    .filter(|o| {
                        o.node_type == node && o.duration == term && o.offering_type == payment
                    })
                    .collect();
                assert_eq!(found.len(), 1, "{node} {term} {payment}");
                assert_eq!(offering(&found[0].id), Some(found[0]));
            }
        }
    }
    let mut ids: Vec<&str> = all.iter().map(|o| o.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
}

#[test]
fn upgrades_name_node_types_of_the_catalog_and_round_nodes_up() {
    for (from, to, per, of) in UPGRADES {
        assert!(catalog::node_type(from).is_some() || RETIRED_NODE_TYPES.contains(from));
        assert!(catalog::node_type(to).is_some());
        assert!(*per >= 1 && *of >= 1);
    }
    let counts = |count| -> Vec<(&str, i64)> {
        targets("ds2.8xlarge", TERMS[0], "All Upfront", count, false)
            .into_iter()
            .map(|(o, n)| (o.node_type, n))
            .collect()
    };
    assert_eq!(counts(3), [("ra3.4xlarge", 6), ("ra3.16xlarge", 2)]);
    assert_eq!(counts(1), [("ra3.4xlarge", 2), ("ra3.16xlarge", 1)]);
    let exchanges = targets("dc1.large", TERMS[1], "No Upfront", 4, true);
    assert_eq!(exchanges.len(), 1);
    assert_eq!((exchanges[0].0.node_type, exchanges[0].1), ("dc2.large", 4));
    assert!(targets("dc2.large", TERMS[0], "No Upfront", 1, true).is_empty());
}

#[test]
fn prices_follow_the_payment_option() {
    let all = offerings();
    let of = |node: &str, payment: &str| {
        all.iter()
            .find(|o| o.node_type == node && o.duration == TERMS[0] && o.offering_type == payment)
            .unwrap()
    };
    let (none, partial, full) = (
        of("dc2.large", "No Upfront"),
        of("dc2.large", "Partial Upfront"),
        of("dc2.large", "All Upfront"),
    );
    assert_eq!((none.fixed_price, full.hourly), (0.0, 0.0));
    assert!(partial.fixed_price > 0.0 && partial.hourly > 0.0);
    assert!(full.fixed_price > partial.fixed_price);
}
