//! Audit logging: its status over time, and its going with its cluster.

use serde_json::json;

use crate::engine::testkit::{at, ctx, delete_cluster, ok, world, T0};
use crate::model::operations as op;

#[test]
fn delivery_follows_the_clock_while_logging_is_on() {
    let mut w = world();
    let on = ok::<op::EnableLogging>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "BucketName": "logs-1"}),
    );
    assert_eq!(on.last_successful_delivery_time, Some(T0));
    let later =
        ok::<op::DescribeLoggingStatus>(&mut w, &ctx(at(90.0)), json!({"ClusterIdentifier": "c1"}));
    assert_eq!(later.last_successful_delivery_time, Some(at(90.0)));
    ok::<op::DisableLogging>(&mut w, &ctx(at(100.0)), json!({"ClusterIdentifier": "c1"}));
    let off = ok::<op::DescribeLoggingStatus>(
        &mut w,
        &ctx(at(500.0)),
        json!({"ClusterIdentifier": "c1"}),
    );
    assert_eq!(
        (off.logging_enabled, off.last_successful_delivery_time),
        (Some(false), Some(at(100.0)))
    );
    assert_eq!(off.bucket_name, None);
}

#[test]
fn logging_goes_with_its_cluster() {
    let mut w = world();
    ok::<op::EnableLogging>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "BucketName": "logs-1"}),
    );
    delete_cluster(&mut w, T0, "c1");
    assert!(w.place(&ctx(T0)).unwrap().logging.is_empty());
}

#[test]
fn prefixes_have_the_models_characters_and_length() {
    let prefix = |p: &str| {
        let params = json!({"ClusterIdentifier": "c1", "BucketName": "b", "S3KeyPrefix": p});
        crate::constraints::check("EnableLogging", &params)
    };
    assert!(prefix("a/b.c:d=e+f-g@h_i j/été").is_ok());
    assert!(prefix(&"x".repeat(256)).is_ok());
    assert!(prefix(&"x".repeat(257)).is_err());
    assert!(prefix("a\\b").is_err());
}
