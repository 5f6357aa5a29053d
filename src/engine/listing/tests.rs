//! The one listing mechanism: `MaxRecords`, markers, pages; and the pages of
//! every `Describe*` holding their place while records come and go.

use serde_json::json;

use super::*;
use crate::engine::snapshots::SnapshotRecord;
use crate::engine::store::{Position, Record, Store};
use crate::engine::testkit::{
    at, cluster, cluster_page, ctx, ctx_of, delete_cluster, described, every_page, ok, refused,
    snapshot, snapshot_page, world_with, OTHER, T0,
};
use crate::engine::{Settings, World};
use crate::model::operations as op;

#[test]
fn markers_round_trip_and_reject_garbage() {
    let key = (1i64, "a".to_owned());
    let marker = encode_marker(&key);
    assert_eq!(decode_marker::<(i64, String)>(&marker).unwrap(), key);
    for bad in ["zz", "abc", "", "7b"] {
        assert_eq!(
            decode_marker::<(i64, String)>(bad).unwrap_err().code(),
            "InvalidParameterValue"
        );
    }
    assert_eq!(
        decode_marker::<String>(&marker).unwrap_err().to_string(),
        format!("Invalid marker: {marker}")
    );
}

#[test]
fn page_sizes() {
    assert_eq!(DESCRIBE_PAGE.size(None).unwrap(), 100);
    assert_eq!(DESCRIBE_PAGE.size(Some(20)).unwrap(), 20);
    assert!(DESCRIBE_PAGE.size(Some(19)).is_err());
    assert!(DESCRIBE_PAGE.size(Some(101)).is_err());
}

#[test]
fn a_page_looks_at_one_item_past_its_end() {
    let paging: Paging<u32> = Paging {
        limit: 2,
        after: None,
    };
    let mut seen = 0;
    let walk = (0..1000u32).map(|i| {
        seen += 1;
        (i, i)
    });
    let (items, marker) = paging.page(walk);
    assert_eq!(items, [0, 1]);
    assert_eq!(decode_marker::<u32>(&marker.unwrap()).unwrap(), 1);
    assert_eq!(seen, 3);
    let (items, marker) = paging.page((0..2u32).map(|i| (i, i)));
    assert_eq!((items.len(), marker), (2, None));
}

#[test]
fn paging_reads_max_records_and_the_marker() {
    let marker = encode_marker(&(3i64, "x".to_owned()));
    let paging: Paging<(i64, String)> =
        Paging::new(DESCRIBE_PAGE, Some(20), Some(&marker)).unwrap();
    assert_eq!(
        (paging.limit, paging.after),
        (20, Some((3, "x".to_owned())))
    );
    let fresh: Paging<(i64, String)> = Paging::new(DESCRIBE_PAGE, None, None).unwrap();
    assert_eq!((fresh.limit, fresh.after), (100, None));
    let err = Paging::<(i64, String)>::new(DESCRIBE_PAGE, Some(101), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The value for MaxRecords must be between 20 and 100."
    );
    let err = Paging::<(i64, String)>::new(DESCRIBE_PAGE, None, Some("7b")).unwrap_err();
    assert_eq!(err, RedshiftError::InvalidMarker("7b".to_owned()));
}

/// A page cut from a store's walk costs the page and one more record, however
/// many records follow.
#[test]
fn a_page_of_a_store_looks_at_limit_plus_one_records() {
    let w = many_snapshots(300);
    let store: &Store<SnapshotRecord> = &w.place(&ctx(T0)).unwrap().snapshots;
    let mut paging: Paging<Position<SnapshotRecord>> = Paging {
        limit: 20,
        after: None,
    };
    let mut seen = 0;
    let mut all = Vec::new();
    loop {
        let looked = std::cell::Cell::new(0);
        let walk = store
            .after(paging.after.as_ref())
            .inspect(|_| looked.set(looked.get() + 1))
            .map(|r| ((r.order(), r.key().clone()), r.id.clone()));
        let (page, marker) = paging.page(walk);
        assert!(
            looked.get() <= 21,
            "a page of 20 looked at {} records",
            looked.get()
        );
        seen += page.len();
        all.extend(page);
        match marker {
            Some(m) => paging.after = Some(decode_marker(&m).unwrap()),
            None => break,
        }
    }
    assert_eq!(seen, 301);
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(unique.len(), 301);
}

/// A world whose default caller has cluster `c1` and `n` manual snapshots
/// `p000`.., one a second from T0.
fn many_snapshots(n: u32) -> World {
    let mut w = world_with(Settings {
        manual_snapshot_quota: 1000,
        ..Settings::default()
    });
    for i in 0..n {
        snapshot(&mut w, &format!("p{i:03}"), at(f64::from(i)));
    }
    w
}

fn p(range: std::ops::Range<u32>) -> Vec<String> {
    range.map(|i| format!("p{i:03}")).collect()
}

#[test]
fn snapshot_pages_hold_while_snapshots_come_and_go() {
    let mut w = many_snapshots(30);
    cluster(
        &mut w,
        &ctx_of(OTHER, T0),
        "o",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    let share = |w: &mut World, id: &str, seconds: f64| {
        let theirs = ctx_of(OTHER, at(seconds));
        ok::<op::CreateClusterSnapshot>(
            w,
            &theirs,
            json!({"SnapshotIdentifier": id, "ClusterIdentifier": "o"}),
        );
        ok::<op::AuthorizeSnapshotAccess>(
            w,
            &theirs,
            json!({"SnapshotIdentifier": id, "AccountWithRestoreAccess": "123456789012"}),
        );
    };
    share(&mut w, "o1", 20.0);
    let seen = every_page::<op::DescribeClusterSnapshots>(
        &mut w,
        at(1000.0),
        json!({"MaxRecords": 20}),
        |w, page| {
            if page == 0 {
                // The first page ended at p018 (the automated snapshot came after p000).
                for id in ["p005", "p025"] {
                    ok::<op::DeleteClusterSnapshot>(
                        w,
                        &ctx(at(1000.0)),
                        json!({"SnapshotIdentifier": id}),
                    );
                }
                snapshot(w, "early", at(3.0));
                snapshot(w, "late", at(100.0));
                share(w, "o0", 1.0);
                share(w, "o2", 21.0);
            }
        },
        snapshot_page,
    );
    let automated = crate::engine::testkit::AUTOMATED.to_owned();
    let expected: Vec<String> = p(0..1)
        .into_iter()
        .chain([automated])
        .chain(p(1..21))
        .chain(["o1".to_owned()])
        .chain(p(21..22))
        .chain(["o2".to_owned()])
        .chain(p(22..30).into_iter().filter(|id| id != "p025"))
        .chain(["late".to_owned()])
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn a_clusters_snapshots_are_paged_through_its_own_index() {
    let mut w = world_with(Settings {
        manual_snapshot_quota: 1000,
        ..Settings::default()
    });
    cluster(
        &mut w,
        &ctx(T0),
        "c10",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    for i in 0..50u32 {
        let cluster = if i % 2 == 0 { "c1" } else { "c10" };
        ok::<op::CreateClusterSnapshot>(
            &mut w,
            &ctx(at(f64::from(i))),
            json!({"SnapshotIdentifier": format!("p{i:03}"), "ClusterIdentifier": cluster}),
        );
    }
    let seen = every_page::<op::DescribeClusterSnapshots>(
        &mut w,
        at(1000.0),
        json!({"ClusterIdentifier": "C10", "MaxRecords": 20}),
        |_, _| {},
        snapshot_page,
    );
    let odd: Vec<String> = (1..50).step_by(2).map(|i| format!("p{i:03}")).collect();
    assert_eq!(seen, odd);
}

#[test]
fn cluster_pages_hold_while_clusters_come_and_go() {
    let mut w = World::default();
    for i in (0..50).step_by(2) {
        cluster(&mut w, &ctx(T0), &format!("c{i:02}"), json!({}));
    }
    let seen = every_page::<op::DescribeClusters>(
        &mut w,
        at(1000.0),
        json!({"MaxRecords": 20}),
        |w, page| {
            if page == 0 {
                // The first page ended at c38.
                for id in ["c10", "c40"] {
                    delete_cluster(w, T0, id);
                }
                for id in ["c01", "c39"] {
                    cluster(w, &ctx(T0), id, json!({}));
                }
            }
        },
        cluster_page,
    );
    let expected: Vec<String> = (0..40)
        .step_by(2)
        .map(|i| format!("c{i:02}"))
        .chain(["c39".to_owned()])
        .chain((42..50).step_by(2).map(|i| format!("c{i:02}")))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn a_marker_belongs_to_its_listing() {
    let mut w = many_snapshots(25);
    for i in 0..25 {
        cluster(&mut w, &ctx(T0), &format!("x{i:02}"), json!({}));
    }
    let clusters = ok::<op::DescribeClusters>(&mut w, &ctx(T0), json!({"MaxRecords": 20})).marker;
    let snapshots =
        ok::<op::DescribeClusterSnapshots>(&mut w, &ctx(T0), json!({"MaxRecords": 20})).marker;
    assert!(clusters.is_some() && snapshots.is_some());
    refused::<op::DescribeClusterSnapshots>(
        &mut w,
        &ctx(T0),
        json!({ "Marker": clusters }),
        "InvalidParameterValue",
    );
    refused::<op::DescribeClusters>(
        &mut w,
        &ctx(T0),
        json!({ "Marker": snapshots }),
        "InvalidParameterValue",
    );
    refused::<op::DescribeTags>(
        &mut w,
        &ctx(T0),
        json!({ "Marker": snapshots }),
        "InvalidParameterValue",
    );
    // Another caller may use a marker: it names a place, not a caller.
    let theirs = described(&mut w, &ctx_of(OTHER, T0), json!({"Marker": snapshots})).unwrap();
    assert!(theirs.is_empty());
}
