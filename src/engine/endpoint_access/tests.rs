use serde_json::json;

use super::*;
use crate::engine::testkit::{cluster, ctx, ctx_of, ok, refused, ACCOUNT, OTHER, T0};
use crate::engine::Settings;
use crate::model::operations as op;

#[test]
fn a_revocation_ends_with_the_endpoints_it_deletes() {
    let mut w = World::new(Settings {
        endpoint_deletion_seconds: 20.0,
        ..Settings::default()
    });
    let (owner, grantee) = (ctx(T0), ctx_of(OTHER, T0));
    cluster(&mut w, &owner, "c1", json!({"NodeType": "ra3.16xlarge"}));
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
    let w = World::default();
    let a = w.endpoint_placement(&ctx(T0), "one").unwrap();
    assert_eq!(a, w.endpoint_placement(&ctx(T0), "one").unwrap());
    assert_ne!(
        a.vpc_id,
        w.endpoint_placement(&ctx(T0), "two").unwrap().vpc_id
    );
    assert!(a.vpc_id.starts_with("vpc-") && a.vpc_id.len() == 21);
    assert!(a.subnet_id.starts_with("subnet-"));
}
