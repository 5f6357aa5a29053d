use serde_json::json;

use crate::engine::namespaces::namespace_arn;
use crate::engine::testkit::{at, cluster, ctx, ok, ACCOUNT, REGION, T0};
use crate::engine::{Settings, World};
use crate::model::operations as op;

#[test]
fn an_integration_lives_on_the_clock_and_lists_oldest_first() {
    let mut w = World::new(Settings {
        integration_creation_seconds: 10.0,
        integration_deletion_seconds: 5.0,
        ..Settings::default()
    });
    cluster(
        &mut w,
        &ctx(T0),
        "w1",
        json!({"NodeType": "ra3.4xlarge", "NumberOfNodes": 2}),
    );
    let target = namespace_arn(REGION, ACCOUNT, "w1");
    let create = |w: &mut World, seconds: f64, name: &str| {
        ok::<op::CreateIntegration>(
            w,
            &ctx(at(seconds)),
            json!({"SourceArn": format!("arn:aws:s3:::{name}"), "TargetArn": target, "IntegrationName": name}),
        )
        .integration_arn
        .unwrap()
    };
    let (zed, alpha) = (create(&mut w, 1.0, "zed"), create(&mut w, 2.0, "alpha"));
    let statuses = |w: &mut World, seconds: f64| -> Vec<(String, String)> {
        ok::<op::DescribeIntegrations>(w, &ctx(at(seconds)), json!({}))
            .integrations
            .unwrap()
            .into_iter()
            .map(|i| {
                (
                    i.integration_name.unwrap().to_string(),
                    i.status.unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |n: &str, s: &str| (n.to_owned(), s.to_owned());
    assert_eq!(
        statuses(&mut w, 10.5),
        [pair("zed", "creating"), pair("alpha", "creating")]
    );
    assert_eq!(
        statuses(&mut w, 11.0),
        [pair("zed", "active"), pair("alpha", "creating")]
    );
    ok::<op::DeleteIntegration>(&mut w, &ctx(at(20.0)), json!({"IntegrationArn": zed}));
    assert_eq!(
        statuses(&mut w, 24.9),
        [pair("zed", "deleting"), pair("alpha", "active")]
    );
    assert_eq!(statuses(&mut w, 25.0), [pair("alpha", "active")]);
    assert!(alpha.ends_with(
        &*w.place(&ctx(T0))
            .unwrap()
            .integrations
            .values()
            .next()
            .unwrap()
            .id
    ));
}
