//! Usage limits: made-up ids, and limits going with their cluster.

use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, delete_cluster, ok, world, T0};
use crate::model::operations as op;

fn limit(w: &mut World, amount: i64) -> String {
    let params = json!({"ClusterIdentifier": "c1", "FeatureType": "spectrum", "LimitType": "data-scanned", "Amount": amount});
    ok::<op::CreateUsageLimit>(w, &ctx(T0), params)
        .usage_limit_id
        .unwrap()
        .to_string()
}

#[test]
fn ids_are_new_each_time_and_the_same_in_a_twin_world() {
    let (mut a, mut b) = (world(), world());
    let first = limit(&mut a, 1);
    let second = limit(&mut a, 2);
    assert_ne!(first, second);
    assert_eq!(limit(&mut b, 1), first);
    assert_eq!(first.len(), 36);
}

#[test]
fn limits_go_with_their_cluster_and_a_loaded_one_needs_its_cluster() {
    let mut w = world();
    limit(&mut w, 1);
    let text = w.save_json("123456789012").unwrap();
    let orphan = text.replacen(r#""cluster":"c1""#, r#""cluster":"c9""#, 1);
    assert!(World::load_json(&orphan)
        .unwrap_err()
        .to_string()
        .contains("usage_limits"));
    delete_cluster(&mut w, T0, "c1");
    assert!(w.place(&ctx(T0)).unwrap().usage_limits.is_empty());
}

#[test]
fn limits_and_logging_follow_a_renamed_cluster() {
    let mut w = world();
    limit(&mut w, 1);
    ok::<op::EnableLogging>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "BucketName": "logs-1"}),
    );
    w.cluster_renamed(&ctx(T0), &Name::from("c1"), &Name::from("c9"));
    let place = w.place(&ctx(T0)).unwrap();
    assert!(place.usage_limits.values().all(|l| l.cluster == "c9"));
    assert!(place.logging.contains_key("c9") && !place.logging.contains_key("c1"));
}
