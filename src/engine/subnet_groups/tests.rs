//! Subnet groups: subnets declared or derived, and a cluster's VPC and zone.

use serde_json::json;

use super::*;
use crate::engine::references::ClusterReferences;
use crate::engine::testkit::{cluster, ctx, ok, refused, world, T0};
use crate::model::operations as op;

const A: &str = "subnet-0a1b2c3d";
const B: &str = "subnet-1a2b3c4d";

#[test]
fn undeclared_subnets_are_derived_and_declared_ones_looked_up() {
    let mut w = world();
    let (vpc, zone) = w.subnet(&ctx(T0), A).unwrap();
    assert!(vpc.starts_with("vpc-") && zone.starts_with("us-east-1"));
    assert_eq!(w.subnet(&ctx(T0), "subnet-nope"), None);
    w.add_vpc(
        "us-east-1",
        "123456789012",
        "vpc-11112222",
        vec![(B.into(), "us-east-1b".into())],
    )
    .unwrap();
    assert_eq!(w.subnet(&ctx(T0), A), None);
    assert_eq!(
        w.subnet(&ctx(T0), B),
        Some((Name::from("vpc-11112222"), Name::from("us-east-1b")))
    );
}

#[test]
fn a_cluster_in_a_group_takes_its_vpc_and_first_zone() {
    let mut w = world();
    w.add_vpc(
        "us-east-1",
        "123456789012",
        "vpc-11112222",
        vec![
            (A.into(), "us-east-1c".into()),
            (B.into(), "us-east-1b".into()),
        ],
    )
    .unwrap();
    let params = json!({"ClusterSubnetGroupName": "g", "Description": "d", "SubnetIds": [A, B]});
    ok::<op::CreateClusterSubnetGroup>(&mut w, &ctx(T0), params);
    let refs = ClusterReferences {
        subnet_group: Some("G"),
        ..ClusterReferences::default()
    };
    let resolved = w.check_cluster_references(&ctx(T0), refs).unwrap();
    assert_eq!(resolved.vpc_id.as_deref(), Some("vpc-11112222"));
    assert_eq!(resolved.availability_zone.as_deref(), Some("us-east-1b"));
    assert_eq!(resolved.subnet_group.as_deref(), Some("g"));
    assert_eq!(
        resolved.parameter_group_or_default(),
        "default.redshift-1.0"
    );
    let made = cluster(
        &mut w,
        &ctx(T0),
        "c2",
        json!({"ClusterSubnetGroupName": "g"}),
    );
    assert_eq!(made.vpc_id.as_deref(), Some("vpc-11112222"));
    refused::<op::DeleteClusterSubnetGroup>(
        &mut w,
        &ctx(T0),
        json!({"ClusterSubnetGroupName": "g"}),
        "InvalidClusterSubnetGroupStateFault",
    );
}
