use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ok, world, T0};
use crate::model::operations as op;

#[test]
fn a_clusters_custom_domain_is_there_for_its_render() {
    let mut w = world();
    let c = ctx(T0);
    assert!(w.custom_domain_of(&c, "c1").is_none());
    ok::<op::CreateCustomDomainAssociation>(
        &mut w,
        &c,
        json!({"ClusterIdentifier": "C1", "CustomDomainName": "DW.Example.com",
               "CustomDomainCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc"}),
    );
    let domain = w.custom_domain_of(&c, "c1").unwrap();
    assert_eq!(domain.domain, "dw.example.com");
    assert_eq!(domain.certificate_expiry, T0.plus_seconds(395.0 * 86_400.0));
    assert_eq!(expiry_text(T0), "2024-03-05T06:07:08.000Z");
}
