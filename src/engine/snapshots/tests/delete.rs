//! DeleteClusterSnapshot, SPEC section 4 check by check (the number in a
//! test's name is the check's), and BatchDeleteClusterSnapshots.

use serde_json::json;

use super::{access, delete, world_s1};
use crate::engine::name::Name;
use crate::engine::resources::ResourceKind;
use crate::engine::snapshots::SnapshotStatus;
use crate::engine::testkit::{
    at, ctx, ctx_of, delete_cluster, described_one, force, has_snapshot, ok, record, refused,
    snapshot, world, AUTOMATED, OTHER, REGION, T0, THIRD,
};
use crate::engine::{Context, Settings, World};
use crate::errors::{ControlError, RedshiftError};
use crate::model::operations as op;
use crate::model::Snapshot;

/// DeleteClusterSnapshot by the default caller at T0, refused with `code`.
fn delete_refused(w: &mut World, id: &str, cluster: Option<&str>, code: &str) -> RedshiftError {
    refused::<op::DeleteClusterSnapshot>(w, &ctx(T0), delete(id, cluster), code)
}

#[test]
fn delete_2_missing_snapshot() {
    let mut w = world_s1(Settings::default());
    let err = delete_refused(&mut w, "Nope", None, "ClusterSnapshotNotFound");
    assert_eq!(err.to_string(), "Snapshot Nope not found.");
    assert_eq!(err.status(), 404);
}

#[test]
fn delete_2_only_the_owner_in_its_region() {
    let mut w = world_s1(Settings::default());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    for caller in [
        ctx_of(THIRD, T0),
        ctx_of(OTHER, T0),
        Context {
            region: "eu-west-1",
            ..ctx(T0)
        },
    ] {
        for cluster in [None, Some("c1")] {
            refused::<op::DeleteClusterSnapshot>(
                &mut w,
                &caller,
                delete("s1", cluster),
                "ClusterSnapshotNotFound",
            );
        }
    }
}

#[test]
fn delete_3_cluster_must_match() {
    let mut w = world_s1(Settings::default());
    let err = delete_refused(&mut w, "s1", Some("c2"), "ClusterSnapshotNotFound");
    assert_eq!(err.to_string(), "Snapshot s1 not found.");
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("S1", Some("C1")));
}

#[test]
fn delete_3_before_4_automated_with_wrong_cluster_is_not_found() {
    let mut w = world_s1(Settings::default());
    delete_refused(&mut w, AUTOMATED, Some("c2"), "ClusterSnapshotNotFound");
}

#[test]
fn delete_3_before_5_and_6() {
    let mut w = world_s1(Settings::default());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    force(&mut w, "s1", SnapshotStatus::Creating);
    delete_refused(&mut w, "s1", Some("c2"), "ClusterSnapshotNotFound");
}

#[test]
fn delete_4_automated() {
    let mut w = world_s1(Settings::default());
    let err = delete_refused(&mut w, AUTOMATED, Some("c1"), "InvalidClusterSnapshotState");
    assert_eq!(
        err.to_string(),
        format!(
            "Cannot delete the snapshot {AUTOMATED} because only manual snapshots may be deleted"
        )
    );
    assert_eq!(err.status(), 400);
}

#[test]
fn delete_4_before_5_and_6() {
    let mut w = world_s1(Settings::default());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access(AUTOMATED, THIRD));
    force(&mut w, AUTOMATED, SnapshotStatus::Creating);
    let err = delete_refused(&mut w, AUTOMATED, None, "InvalidClusterSnapshotState");
    assert!(matches!(err, RedshiftError::NotManualSnapshot(_)));
}

#[test]
fn delete_5_creating_snapshot_by_clock() {
    let mut w = world_s1(Settings {
        snapshot_creation_seconds: 60.0,
        ..Settings::default()
    });
    snapshot(&mut w, "s2", T0);
    let err = refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(at(59.0)),
        delete("s2", None),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err.to_string(),
        "Cannot delete the snapshot s2 because it is in the creating state."
    );
    let deleted = ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(at(60.0)), delete("s2", None));
    assert_eq!(
        deleted.snapshot.and_then(|s| s.status).as_deref(),
        Some("deleted")
    );
}

/// A snapshot is `creating` until its own ready time, even when the
/// timeline looks at it earlier.
#[test]
fn delete_5_creating_snapshot_by_ready_time() {
    let mut w = world_s1(Settings {
        snapshot_creation_seconds: 10.0,
        ..Settings::default()
    });
    snapshot(&mut w, "s2", T0);
    w.schedule(&ctx(T0), at(5.0), ResourceKind::Snapshot, &Name::from("s2"));
    refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(at(5.0)),
        delete("s2", None),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(record(&w, "s2").unwrap().status, SnapshotStatus::Creating);
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(at(10.0)), delete("s2", None));
}

#[test]
fn delete_5_only_available_failed_or_cancelled() {
    let mut w = world_s1(Settings::default());
    force(&mut w, "s1", SnapshotStatus::Creating);
    let err = delete_refused(&mut w, "s1", None, "InvalidClusterSnapshotState");
    assert!(matches!(err, RedshiftError::SnapshotNotDeletable { .. }));
    assert!(err.to_string().contains("s1") && err.to_string().contains("creating"));
    // `deleted` and `copying` are no status a stored snapshot can have.
    for status in ["deleted", "copying"] {
        assert_eq!(
            w.set_snapshot_status(REGION, crate::engine::testkit::ACCOUNT, "s1", Some(status)),
            Err(ControlError::InvalidStatus(status.to_owned()))
        );
    }
    for status in [
        SnapshotStatus::Available,
        SnapshotStatus::Failed,
        SnapshotStatus::Cancelled,
    ] {
        let mut w = world_s1(Settings::default());
        force(&mut w, "s1", status);
        let deleted = ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s1", None));
        assert_eq!(
            deleted.snapshot.and_then(|s| s.status).as_deref(),
            Some("deleted")
        );
        assert!(!has_snapshot(&w, "s1"));
    }
}

#[test]
fn delete_5_before_6_shared_creating_snapshot_reports_its_status() {
    let mut w = world_s1(Settings::default());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    force(&mut w, "s1", SnapshotStatus::Creating);
    let err = delete_refused(&mut w, "s1", None, "InvalidClusterSnapshotState");
    assert!(matches!(err, RedshiftError::SnapshotNotDeletable { .. }));
}

#[test]
fn delete_6_shared_snapshot_until_every_grant_is_revoked() {
    let mut w = world_s1(Settings::default());
    for account in [THIRD, OTHER] {
        ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", account));
    }
    force(&mut w, "s1", SnapshotStatus::Failed);
    let err = delete_refused(&mut w, "s1", None, "InvalidClusterSnapshotState");
    assert!(matches!(err, RedshiftError::SnapshotShared(_)));
    assert!(err.to_string().contains("s1") && err.to_string().contains("Revoke"));
    ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    delete_refused(&mut w, "s1", None, "InvalidClusterSnapshotState");
    ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), access("s1", OTHER));
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s1", None));
}

#[test]
fn delete_7_success_answers_the_whole_snapshot_as_deleted() {
    let mut w = world_s1(Settings::default());
    let later = at(3600.0);
    let before = described_one(&mut w, later, "s1").unwrap();
    let deleted = ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(later), delete("S1", None));
    assert_eq!(
        deleted.snapshot,
        Some(Snapshot {
            status: Some("deleted".into()),
            ..before
        })
    );
    refused::<op::DeleteClusterSnapshot>(
        &mut w,
        &ctx(later),
        delete("s1", None),
        "ClusterSnapshotNotFound",
    );
    refused::<op::DescribeClusterSnapshots>(
        &mut w,
        &ctx(later),
        json!({"SnapshotIdentifier": "s1"}),
        "ClusterSnapshotNotFound",
    );
    // The identifier is free again.
    snapshot(&mut w, "s1", later);
}

#[test]
fn delete_7_a_failed_snapshot_answers_as_deleted_with_its_other_members() {
    let mut w = world_s1(Settings::default());
    force(&mut w, "s1", SnapshotStatus::Failed);
    let before = described_one(&mut w, T0, "s1").unwrap();
    assert_eq!(before.status.as_deref(), Some("failed"));
    let deleted = ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s1", None));
    assert_eq!(
        deleted.snapshot,
        Some(Snapshot {
            status: Some("deleted".into()),
            ..before
        })
    );
}

#[test]
fn delete_7_manual_snapshots_outlive_their_cluster() {
    let mut w = world_s1(Settings::default());
    delete_cluster(&mut w, T0, "c1");
    assert!(!has_snapshot(&w, AUTOMATED));
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s1", Some("c1")));
}

#[test]
fn delete_7_takes_the_tags_and_the_grants_index_with_it() {
    let mut w = world_s1(Settings::default());
    ok::<op::CreateTags>(
        &mut w,
        &ctx(T0),
        json!({"ResourceName": "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1",
               "Tags": [{"Key": "k", "Value": "v"}]}),
    );
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    ok::<op::RevokeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s1", None));
    let place = w.place(&ctx(T0)).unwrap();
    assert!(place.tags.of(ResourceKind::Snapshot, "s1").is_empty());
    let grantee = w.place(&ctx_of(THIRD, T0)).unwrap();
    assert!(grantee.shared_with_me.is_empty());
}

#[test]
fn batch_delete_reports_each_item_on_its_own() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    snapshot(&mut w, "s2", T0);
    let out = ok::<op::BatchDeleteClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"Identifiers": [
            {"SnapshotIdentifier": "S1"},
            {"SnapshotIdentifier": "nope"},
            {"SnapshotIdentifier": AUTOMATED},
            {"SnapshotIdentifier": "s2", "SnapshotClusterIdentifier": "other"},
            {"SnapshotIdentifier": "s1"},
        ]}),
    );
    assert_eq!(out.resources, Some(vec!["s1".into()]));
    let errors = out.errors.unwrap();
    let codes: Vec<_> = errors
        .iter()
        .map(|e| {
            (
                e.snapshot_identifier.as_deref().unwrap(),
                e.failure_code.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            ("nope", "ClusterSnapshotNotFound"),
            (AUTOMATED, "InvalidClusterSnapshotState"),
            ("s2", "ClusterSnapshotNotFound"),
            ("s1", "ClusterSnapshotNotFound"),
        ]
    );
    assert_eq!(
        errors[2].snapshot_cluster_identifier.as_deref(),
        Some("other")
    );
    assert_eq!(
        errors[0].failure_reason.as_deref(),
        Some("Snapshot nope not found.")
    );
    assert!(!has_snapshot(&w, "s1"));
    assert!(has_snapshot(&w, "s2"));
}

#[test]
fn batch_delete_of_more_than_100_deletes_nothing() {
    let mut w = world();
    snapshot(&mut w, "s1", T0);
    let items = |n: usize| json!({ "Identifiers": vec![json!({"SnapshotIdentifier": "s1"}); n] });
    let err = refused::<op::BatchDeleteClusterSnapshots>(
        &mut w,
        &ctx(T0),
        items(101),
        "BatchDeleteRequestSizeExceeded",
    );
    assert_eq!(err, RedshiftError::BatchDeleteRequestSizeExceeded(100));
    let out = ok::<op::BatchDeleteClusterSnapshots>(&mut w, &ctx(T0), items(100));
    assert_eq!(out.resources.map(|r| r.len()), Some(1));
    assert_eq!(out.errors.map(|e| e.len()), Some(99));
}
