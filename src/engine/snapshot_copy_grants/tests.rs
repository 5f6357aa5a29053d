//! Snapshot copy grants: names, and the clusters that use them.

use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ok, refused, world, T0};
use crate::model::operations as op;

#[test]
fn grant_names_are_lowercase_identifiers() {
    assert_eq!(new_grant_name("my-grant-1").unwrap(), "my-grant-1");
    for bad in [
        "My-grant",
        "1grant",
        "grant-",
        "gr--ant",
        "",
        &"g".repeat(64),
        "g_1",
    ] {
        assert_eq!(
            new_grant_name(bad).unwrap_err(),
            RedshiftError::InvalidSnapshotCopyGrantName(bad.to_owned())
        );
    }
}

#[test]
fn a_grant_a_cluster_copies_with_cannot_be_deleted() {
    let mut w = world();
    let west = Context {
        region: "us-west-2",
        ..ctx(T0)
    };
    ok::<op::CreateSnapshotCopyGrant>(&mut w, &west, json!({"SnapshotCopyGrantName": "g1"}));
    ok::<op::EnableSnapshotCopy>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "DestinationRegion": "us-west-2",
               "SnapshotCopyGrantName": "g1"}),
    );
    let error = refused::<op::DeleteSnapshotCopyGrant>(
        &mut w,
        &west,
        json!({"SnapshotCopyGrantName": "g1"}),
        "InvalidSnapshotCopyGrantStateFault",
    );
    assert_eq!(
        error.to_string(),
        "Cannot delete snapshot copy grant g1 because cluster c1 uses it to copy snapshots."
    );
    ok::<op::DisableSnapshotCopy>(&mut w, &ctx(T0), json!({"ClusterIdentifier": "c1"}));
    ok::<op::DeleteSnapshotCopyGrant>(&mut w, &west, json!({"SnapshotCopyGrantName": "G1"}));
}
