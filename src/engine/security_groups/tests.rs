//! Cluster security groups: rules, and the default group's.

use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ok, refused, world, T0};
use crate::model::operations as op;

#[test]
fn cidr_ranges_are_ipv4() {
    assert!(is_cidr("0.0.0.0/0") && is_cidr("192.0.2.0/24") && is_cidr("10.0.0.1/32"));
    for bad in [
        "10.0.0.0",
        "10.0.0.0/33",
        "10.0.0/8",
        "::/0",
        "10.0.0.0/+8",
        "10.0.0.0/008",
    ] {
        assert!(!is_cidr(bad), "{bad}");
    }
}

#[test]
fn rules_on_the_default_group_keep_it_without_counting_it() {
    let mut w = world();
    ok::<op::AuthorizeClusterSecurityGroupIngress>(
        &mut w,
        &ctx(T0),
        json!({"ClusterSecurityGroupName": "default", "CIDRIP": "10.0.0.0/8"}),
    );
    let place = w.place(&ctx(T0)).unwrap();
    assert_eq!(place.security_groups.len(), 1);
    assert_eq!(place.security_groups.counted(), 0);
    refused::<op::DeleteClusterSecurityGroup>(
        &mut w,
        &ctx(T0),
        json!({"ClusterSecurityGroupName": "DEFAULT"}),
        "InvalidClusterSecurityGroupState",
    );
    let text = w.save_json("123456789012").unwrap();
    assert!(World::load_json(&text).is_ok());
    let bad = text.replacen("10.0.0.0/8", "10.0.0.0/99", 1);
    assert!(World::load_json(&bad).is_err());
}
