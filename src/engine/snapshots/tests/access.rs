//! AuthorizeSnapshotAccess and RevokeSnapshotAccess.

use serde_json::{json, Value};

use super::{access, world_s1};
use crate::engine::name::Name;
use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    ctx, ctx_of, described_one, force, ok, record, refused, OTHER, T0, THIRD,
};
use crate::engine::{Settings, World};
use crate::errors::RedshiftError;
use crate::model::operations as op;

const ARN: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";

fn by_arn(account: &str) -> Value {
    json!({"SnapshotArn": ARN, "AccountWithRestoreAccess": account})
}

/// What the grantee's index says is shared with it.
fn shared_with(w: &World, account: &'static str) -> Vec<(Name, Name)> {
    w.place(&ctx_of(account, T0))
        .map(|p| p.shared_with_me.iter().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn authorize_and_revoke_by_identifier_and_arn() {
    let mut w = world_s1(Settings::default());
    let granted = ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), by_arn(THIRD))
        .snapshot
        .unwrap();
    assert_eq!(
        granted.accounts_with_restore_access.map(|a| a.len()),
        Some(1)
    );
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("S1", OTHER));
    let id_and_owner = [(Name::from("s1"), Name::from("123456789012"))];
    assert_eq!(shared_with(&w, OTHER), id_and_owner);
    assert_eq!(shared_with(&w, THIRD), id_and_owner);
    ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), by_arn(THIRD));
    assert!(shared_with(&w, THIRD).is_empty());
    let left = ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), access("s1", OTHER))
        .snapshot
        .unwrap();
    assert_eq!(left.accounts_with_restore_access, None);
    assert!(record(&w, "s1").unwrap().grantees.is_empty());
    assert!(shared_with(&w, OTHER).is_empty());
    let seen = described_one(&mut w, T0, "s1").unwrap();
    assert_eq!(seen.accounts_with_restore_access, None);
}

#[test]
fn the_support_account_is_granted_by_its_alias() {
    let mut w = world_s1(Settings::default());
    let granted = ok::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &ctx(T0),
        access("s1", "amazon-redshift-support"),
    )
    .snapshot
    .unwrap();
    let grants = granted.accounts_with_restore_access.unwrap();
    assert_eq!(
        grants[0].account_alias.as_deref(),
        Some("amazon-redshift-support")
    );
}

#[test]
fn authorization_refusals_change_nothing() {
    let mut w = world_s1(Settings {
        snapshot_authorization_quota: 1,
        ..Settings::default()
    });
    let me = ctx(T0);
    // Revoking what was never granted leaves no empty grant list behind.
    let err = refused::<op::RevokeSnapshotAccess>(
        &mut w,
        &me,
        access("s1", THIRD),
        "AuthorizationNotFound",
    );
    assert_eq!(err.status(), 404);
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &me, access("s1", THIRD));
    let mut s1_for_other = access("s1", OTHER);
    for (params, code) in [
        (access("s1", THIRD), "AuthorizationAlreadyExists"),
        (s1_for_other.clone(), "AuthorizationQuotaExceeded"),
        (access("s1", "12"), "InvalidParameterValue"),
        (access("nope", OTHER), "ClusterSnapshotNotFound"),
        (
            json!({ "AccountWithRestoreAccess": OTHER }),
            "InvalidParameterCombination",
        ),
    ] {
        refused::<op::AuthorizeSnapshotAccess>(&mut w, &me, params, code);
    }
    s1_for_other["SnapshotClusterIdentifier"] = json!("c9");
    refused::<op::AuthorizeSnapshotAccess>(&mut w, &me, s1_for_other, "ClusterSnapshotNotFound");
    refused::<op::RevokeSnapshotAccess>(&mut w, &me, access("s1", OTHER), "AuthorizationNotFound");
    // Only the owner changes who may restore its snapshot.
    let grantee = ctx_of(THIRD, T0);
    refused::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &grantee,
        access("s1", THIRD),
        "AccessToSnapshotDenied",
    );
    refused::<op::RevokeSnapshotAccess>(
        &mut w,
        &grantee,
        access("s1", THIRD),
        "AccessToSnapshotDenied",
    );
    // A stranger does not even see it.
    refused::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &ctx_of(OTHER, T0),
        access("s1", OTHER),
        "ClusterSnapshotNotFound",
    );
}

#[test]
fn a_zero_quota_refuses_without_leaving_an_empty_list() {
    let mut w = world_s1(Settings {
        snapshot_authorization_quota: 0,
        ..Settings::default()
    });
    refused::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &ctx(T0),
        access("s1", THIRD),
        "AuthorizationQuotaExceeded",
    );
}

#[test]
fn a_snapshot_being_created_cannot_be_shared() {
    let mut w = world_s1(Settings::default());
    force(&mut w, "s1", SnapshotStatus::Creating);
    let err = refused::<op::AuthorizeSnapshotAccess>(
        &mut w,
        &ctx(T0),
        access("s1", THIRD),
        "InvalidClusterSnapshotState",
    );
    assert!(matches!(err, RedshiftError::SnapshotNotShareable { .. }));
}
