use serde_json::json;

use crate::engine::testkit::{ctx, ok, refused, world, ACCOUNT, T0};
use crate::model::operations as op;

#[test]
fn names_are_matched_in_any_case_and_listed_by_cluster() {
    let mut w = world();
    let c = ctx(T0);
    let partner = |db: &str, name: &str| json!({"AccountId": ACCOUNT, "ClusterIdentifier": "C1", "DatabaseName": db, "PartnerName": name});
    ok::<op::AddPartner>(&mut w, &c, partner("Dev", "Fivetran"));
    ok::<op::UpdatePartnerStatus>(&mut w, &c, {
        let mut p = partner("dev", "FIVETRAN");
        p["Status"] = json!("Active");
        p
    });
    let listed = ok::<op::DescribePartners>(
        &mut w,
        &c,
        json!({"AccountId": ACCOUNT, "ClusterIdentifier": "c1", "DatabaseName": "DEV"}),
    )
    .partner_integration_info_list
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].database_name.as_deref(), Some("Dev"));
    assert_eq!(listed[0].status.as_deref(), Some("Active"));
    refused::<op::DeletePartner>(&mut w, &c, partner("dev", "dbt"), "PartnerNotFound");
    ok::<op::DeletePartner>(&mut w, &c, partner("DEV", "fivetran"));
    assert!(w.place(&c).unwrap().partners.is_empty());
}
