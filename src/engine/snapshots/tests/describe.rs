//! DescribeClusterSnapshots: filters, sharing, orders. (How its pages hold
//! while snapshots come and go is in the listing's tests.)

use serde_json::{json, Value};

use super::{access, world_s1};
use crate::engine::testkit::{
    at, cluster, ctx, ctx_of, delete_cluster, described, every_page, ids, listed, ok, refused,
    snapshot, snapshot_page, world, AUTOMATED, OTHER, T0, THIRD,
};
use crate::engine::Settings;
use crate::model::operations as op;
use crate::model::AccountWithRestoreAccess;

#[test]
fn describe_filters_and_not_found() {
    let mut w = world_s1(Settings::default());
    assert_eq!(listed(&mut w, T0, json!({})), [AUTOMATED, "s1"]);
    assert_eq!(
        listed(&mut w, T0, json!({"SnapshotType": "manual"})),
        ["s1"]
    );
    assert_eq!(
        listed(&mut w, T0, json!({"ClusterIdentifier": "C1"})).len(),
        2
    );
    assert!(listed(&mut w, T0, json!({"ClusterIdentifier": "c9"})).is_empty());
    let err = refused::<op::DescribeClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"SnapshotIdentifier": "nope"}),
        "ClusterSnapshotNotFound",
    );
    assert_eq!(err.to_string(), "Snapshot nope not found.");
    for params in [
        json!({"SnapshotIdentifier": "s1", "SnapshotType": "automated"}),
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c9"}),
    ] {
        refused::<op::DescribeClusterSnapshots>(
            &mut w,
            &ctx(T0),
            params,
            "ClusterSnapshotNotFound",
        );
    }
    for (params, code) in [
        (json!({"SnapshotType": "weekly"}), "InvalidParameterValue"),
        (json!({"MaxRecords": 19}), "InvalidParameterValue"),
        (
            json!({"ClusterExists": true}),
            "InvalidParameterCombination",
        ),
        (
            json!({"SortingEntities": [{"Attribute": "NAME"}]}),
            "InvalidParameterValue",
        ),
        (
            json!({"SortingEntities": [{"Attribute": "TOTAL_SIZE", "SortOrder": "UP"}]}),
            "InvalidParameterValue",
        ),
    ] {
        refused::<op::DescribeClusterSnapshots>(&mut w, &ctx(T0), params, code);
    }
}

#[test]
fn describe_filters_by_time_owner_and_cluster_existence() {
    let mut w = world();
    snapshot(&mut w, "early", at(10.0));
    snapshot(&mut w, "late", at(20.0));
    let t = |s: f64| json!(at(s).0);
    assert_eq!(
        listed(&mut w, at(30.0), json!({"StartTime": t(10.0)})),
        ["early", "late"]
    );
    assert_eq!(
        listed(
            &mut w,
            at(30.0),
            json!({"StartTime": t(5.0), "EndTime": t(10.0)})
        ),
        ["early"]
    );
    assert!(listed(&mut w, at(30.0), json!({ "OwnerAccount": OTHER })).is_empty());
    assert_eq!(
        listed(
            &mut w,
            at(30.0),
            json!({"ClusterIdentifier": "c1", "ClusterExists": true})
        )
        .len(),
        3
    );
    delete_cluster(&mut w, at(30.0), "c1");
    assert_eq!(
        listed(&mut w, at(30.0), json!({"ClusterExists": false})),
        ["early", "late"]
    );
    assert!(listed(
        &mut w,
        at(30.0),
        json!({"ClusterIdentifier": "c1", "ClusterExists": true})
    )
    .is_empty());
}

#[test]
fn describe_pages_without_losing_or_repeating() {
    let mut w = world_s1(Settings {
        manual_snapshot_quota: 100,
        ..Settings::default()
    });
    for i in 0..45 {
        snapshot(&mut w, &format!("p{i:02}"), at(f64::from(i)));
    }
    let seen = every_page::<op::DescribeClusterSnapshots>(
        &mut w,
        at(100.0),
        json!({"MaxRecords": 20}),
        |_, _| {},
        snapshot_page,
    );
    assert_eq!(seen.len(), 47);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 47);
}

#[test]
fn shared_snapshots_are_visible_to_the_grantee_without_the_grant_list() {
    let mut w = world_s1(Settings::default());
    let grantee = ctx_of(THIRD, T0);
    assert!(described(&mut w, &grantee, json!({})).unwrap().is_empty());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", THIRD));
    let theirs = described(&mut w, &grantee, json!({})).unwrap();
    assert_eq!(ids(&theirs), ["s1"]);
    assert_eq!(theirs[0].owner_account.as_deref(), Some("123456789012"));
    assert_eq!(theirs[0].accounts_with_restore_access, None);
    let mine = described(&mut w, &ctx(T0), json!({"SnapshotIdentifier": "s1"})).unwrap();
    assert_eq!(
        mine[0].accounts_with_restore_access,
        Some(vec![AccountWithRestoreAccess {
            account_id: Some(THIRD.into()),
            account_alias: None,
        }])
    );
    let named = described(&mut w, &grantee, json!({"SnapshotIdentifier": "S1"})).unwrap();
    assert_eq!(ids(&named), ["s1"]);
    let by_arn = json!({"SnapshotArn": "arn:aws:redshift:us-east-1:123456789012:snapshot:C1/S1"});
    assert_eq!(
        ids(&described(&mut w, &grantee, by_arn.clone()).unwrap()),
        ["s1"]
    );
    assert_eq!(ids(&described(&mut w, &ctx(T0), by_arn).unwrap()), ["s1"]);
    let of_owner = json!({ "OwnerAccount": "123456789012" });
    assert_eq!(ids(&described(&mut w, &grantee, of_owner).unwrap()), ["s1"]);
    refused::<op::DescribeClusterSnapshots>(
        &mut w,
        &ctx_of(OTHER, T0),
        json!({"SnapshotIdentifier": "s1"}),
        "ClusterSnapshotNotFound",
    );
    // With tag filters, shared snapshots are left out.
    let tagged = json!({"TagKeys": ["k"]});
    assert!(described(&mut w, &grantee, tagged).unwrap().is_empty());
}

#[test]
fn a_name_the_grantee_also_has_lists_both_and_acts_on_its_own() {
    let mut w = world_s1(Settings::default());
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &ctx(T0), access("s1", OTHER));
    let theirs = ctx_of(OTHER, at(1.0));
    cluster(
        &mut w,
        &theirs,
        "c1",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    ok::<op::CreateClusterSnapshot>(
        &mut w,
        &theirs,
        json!({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}),
    );
    let named = described(&mut w, &theirs, json!({"SnapshotIdentifier": "s1"})).unwrap();
    let owners: Vec<_> = named.iter().map(|s| s.owner_account.as_deref()).collect();
    // Both are listed, in the default order: create time, then owner.
    assert_eq!(owners, [Some("123456789012"), Some(OTHER)]);
    // A call naming the snapshot acts on the caller's own.
    ok::<op::AuthorizeSnapshotAccess>(&mut w, &theirs, access("s1", THIRD));
    let grantees = |w: &crate::engine::World, c| {
        w.place(&c)
            .unwrap()
            .snapshots
            .get("s1")
            .unwrap()
            .grantees
            .to_vec()
    };
    assert_eq!(grantees(&w, theirs), [THIRD]);
    assert_eq!(grantees(&w, ctx(T0)), [OTHER]);
}

/// The identifiers a sorted listing gives, page by page.
fn sorted(w: &mut crate::engine::World, entities: Value, page: i64) -> Vec<String> {
    let params = json!({"SortingEntities": entities, "MaxRecords": page});
    every_page::<op::DescribeClusterSnapshots>(w, at(100.0), params, |_, _| {}, snapshot_page)
}

#[test]
fn sorting_entities_order_every_page() {
    let mut w = crate::engine::testkit::world_with(Settings {
        manual_snapshot_quota: 100,
        ..Settings::default()
    });
    // c2 has one node, so its snapshots are half the size of c1's.
    cluster(
        &mut w,
        &ctx(T0),
        "c2",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    for i in 0..30 {
        let cluster = if i % 2 == 0 { "c1" } else { "c2" };
        ok::<op::CreateClusterSnapshot>(
            &mut w,
            &ctx(at(f64::from(i))),
            json!({"SnapshotIdentifier": format!("s{i:02}"), "ClusterIdentifier": cluster}),
        );
    }
    let by_size = sorted(
        &mut w,
        json!([{"Attribute": "TOTAL_SIZE", "SortOrder": "DESC"}]),
        20,
    );
    let expected: Vec<String> = std::iter::once(AUTOMATED.to_owned())
        .chain((0..30).step_by(2).map(|i| format!("s{i:02}")))
        .chain((1..30).step_by(2).map(|i| format!("s{i:02}")))
        .collect();
    assert_eq!(by_size, expected);
    let by_time = sorted(
        &mut w,
        json!([{"Attribute": "CREATE_TIME", "SortOrder": "DESC"}]),
        20,
    );
    let newest_first: Vec<String> = (1..30)
        .rev()
        .map(|i| format!("s{i:02}"))
        .chain([AUTOMATED.to_owned(), "s00".to_owned()])
        .collect();
    assert_eq!(by_time, newest_first);
    let by_type = sorted(&mut w, json!([{"Attribute": "SOURCE_TYPE"}]), 20);
    assert_eq!(by_type[0], AUTOMATED);
    assert_eq!(by_type.len(), 31);
    // A marker of one order is no marker of another.
    let default = ok::<op::DescribeClusterSnapshots>(&mut w, &ctx(T0), json!({"MaxRecords": 20}));
    refused::<op::DescribeClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({"SortingEntities": [{"Attribute": "TOTAL_SIZE"}], "Marker": default.marker}),
        "InvalidParameterValue",
    );
}
