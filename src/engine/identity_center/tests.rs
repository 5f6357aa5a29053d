use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ok, world, T0};
use crate::model::operations as op;

#[test]
fn managed_applications_live_under_the_instance() {
    let arn = managed_application_arn(&ctx(T0), "arn:aws:sso:::instance/ssoins-abc", "qev2", "id");
    assert!(arn.starts_with("arn:aws:sso::123456789012:application/ssoins-abc/apl-"));
    assert_eq!(
        arn.len(),
        "arn:aws:sso::123456789012:application/ssoins-abc/apl-".len() + 16
    );
}

#[test]
fn tokens_are_new_each_time_and_expire() {
    let mut w = world();
    let token = |w: &mut World, seconds: f64| {
        ok::<op::GetIdentityCenterAuthToken>(
            w,
            &ctx(T0.plus_seconds(seconds)),
            json!({"ClusterIds": ["c1"]}),
        )
    };
    let (a, b) = (token(&mut w, 1.0), token(&mut w, 2.0));
    assert_ne!(a.token, b.token);
    assert_eq!(a.expiration_time, Some(T0.plus_seconds(901.0)));
}
