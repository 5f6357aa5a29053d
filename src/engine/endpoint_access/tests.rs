use serde_json::json;

use super::*;
use crate::engine::testkit::{cluster, ctx, ctx_of, ok, refused, subnet_group, ACCOUNT, OTHER, T0};
use crate::engine::Settings;
use crate::model::operations as op;

#[test]
fn a_revocation_ends_with_the_endpoints_it_deletes() {
    let mut w = World::new(Settings {
        endpoint_deletion_seconds: 20.0,
        ..Settings::default()
    });
    let (owner, grantee) = (ctx(T0), ctx_of(OTHER, T0));
    cluster(
        &mut w,
        &owner,
        "c1",
        json!({"NodeType": "ra3.16xlarge", "NumberOfNodes": 2}),
    );
    subnet_group(&mut w, &grantee, "s");
    ok::<op::AuthorizeEndpointAccess>(
        &mut w,
        &owner,
        json!({"ClusterIdentifier": "c1", "Account": OTHER}),
    );
    ok::<op::CreateEndpointAccess>(
        &mut w,
        &grantee,
        json!({"ClusterIdentifier": "c1", "ResourceOwner": ACCOUNT, "EndpointName": "e1", "SubnetGroupName": "s"}),
    );
    let revoked = ok::<op::RevokeEndpointAccess>(
        &mut w,
        &owner,
        json!({"ClusterIdentifier": "c1", "Account": OTHER, "Force": true}),
    );
    assert_eq!(revoked.status.as_deref(), Some("Revoking"));
    let later = T0.plus_seconds(19.0);
    w.tick(later);
    assert_eq!(w.place(&owner).unwrap().endpoint_authorizations.len(), 1);
    assert_eq!(
        w.place(&grantee)
            .unwrap()
            .endpoint_accesses
            .get("e1")
            .map(|e| e.status),
        Some(EndpointStatus::Deleting)
    );
    w.tick(T0.plus_seconds(20.0));
    assert!(w.place(&owner).unwrap().endpoint_authorizations.is_empty());
    assert!(w.place(&grantee).unwrap().endpoint_accesses.is_empty());
    // Without an authorization, the grantee is refused.
    refused::<op::CreateEndpointAccess>(
        &mut w,
        &ctx_of(OTHER, T0.plus_seconds(21.0)),
        json!({"ClusterIdentifier": "c1", "ResourceOwner": ACCOUNT, "EndpointName": "e2", "SubnetGroupName": "s"}),
        "AccessToClusterDenied",
    );
}

#[test]
fn placements_are_made_from_the_subnet_group() {
    let mut w = World::default();
    assert_eq!(
        w.endpoint_placement(&ctx(T0), "one"),
        Err(RedshiftError::ClusterSubnetGroupNotFound("one".to_owned()))
    );
    subnet_group(&mut w, &ctx(T0), "one");
    let placed = w.endpoint_placement(&ctx(T0), "one").unwrap();
    let group = w.place(&ctx(T0)).unwrap().subnet_groups.get("one").unwrap();
    assert_eq!(placed.vpc_id, group.vpc_id);
    assert_eq!(placed.subnet_id, "subnet-0a1b2c3d");
    assert_eq!(
        Some(&placed.availability_zone),
        group.subnets.get("subnet-0a1b2c3d")
    );
}
