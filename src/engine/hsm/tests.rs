use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ctx_of, ok, world, OTHER, T0};
use crate::model::operations as op;

#[test]
fn clusters_naming_missing_hsm_resources_are_refused() {
    let mut w = world();
    let c = ctx(T0);
    assert_eq!(w.check_hsm_references(&c, None, None), Ok(()));
    assert_eq!(
        w.check_hsm_references(&c, Some("cert"), None),
        Err(RedshiftError::HsmClientCertificateNotFound("cert".into()))
    );
    assert_eq!(
        w.check_hsm_references(&c, None, Some("conf")),
        Err(RedshiftError::HsmConfigurationNotFound("conf".into()))
    );
    ok::<op::CreateHsmClientCertificate>(
        &mut w,
        &c,
        json!({"HsmClientCertificateIdentifier": "cert"}),
    );
    ok::<op::CreateHsmConfiguration>(
        &mut w,
        &c,
        json!({"HsmConfigurationIdentifier": "conf", "Description": "d", "HsmIpAddress": "10.0.0.1",
               "HsmPartitionName": "p", "HsmPartitionPassword": "x", "HsmServerPublicCertificate": "y"}),
    );
    assert_eq!(
        w.check_hsm_references(&c, Some("CERT"), Some("conf")),
        Ok(())
    );
    // Another account's are not the caller's.
    assert!(w
        .check_hsm_references(&ctx_of(OTHER, T0), Some("cert"), None)
        .is_err());
}

#[test]
fn a_resource_in_use_names_the_cluster_using_it() {
    let (c1, c2, cert, conf) = (
        Name::from("c1"),
        Name::from("c2"),
        Name::from("cert"),
        Name::from("conf"),
    );
    let clusters = || {
        [
            (&c1, (None, Some(&conf))),
            (&c2, (Some(&cert), Some(&conf))),
        ]
        .into_iter()
    };
    assert_eq!(
        cluster_using::<HsmClientCertificateRecord>(clusters(), "cert"),
        Some(&c2)
    );
    assert_eq!(
        cluster_using::<HsmConfigurationRecord>(clusters(), "conf"),
        Some(&c1)
    );
    assert_eq!(
        cluster_using::<HsmConfigurationRecord>(clusters(), "cert"),
        None
    );
}

#[test]
fn public_keys_are_pem_and_differ_by_certificate() {
    let a = public_key(&ctx(T0), "a");
    assert!(a.starts_with("-----BEGIN CERTIFICATE-----\nMIID"));
    assert!(a.ends_with("\n-----END CERTIFICATE-----\n"));
    assert_ne!(a, public_key(&ctx(T0), "b"));
    assert_eq!(a, public_key(&ctx(T0), "a"));
}
