use serde_json::json;

use super::*;
use crate::engine::testkit::{ctx, ctx_of, ok, refused, world, OTHER, T0, THIRD};
use crate::model::operations as op;

#[test]
fn a_share_is_seen_as_each_side_sees_it() {
    let mut w = world();
    let arn = w
        .create_data_share(
            &ctx(T0),
            "c1",
            "sales",
            &[OTHER.to_owned(), THIRD.to_owned()],
            false,
        )
        .unwrap();
    let (_, share) = w.at_arn::<DataShareRecord>("us-east-1", &arn).unwrap();
    let statuses = |s: &DataShareRecord, view| -> Vec<String> {
        s.associations_in(view)
            .into_iter()
            .map(|a| a.status.unwrap().to_string())
            .collect()
    };
    assert_eq!(
        statuses(share, View::Producer),
        ["PENDING_AUTHORIZATION"; 2]
    );
    assert!(!share.visible_to(OTHER));
    ok::<op::AuthorizeDataShare>(
        &mut w,
        &ctx(T0),
        json!({"DataShareArn": arn, "ConsumerIdentifier": OTHER}),
    );
    let (_, share) = w.at_arn::<DataShareRecord>("us-east-1", &arn).unwrap();
    assert!(share.visible_to(OTHER) && !share.visible_to(THIRD));
    assert_eq!(statuses(share, View::Consumer(OTHER)), ["AVAILABLE"]);
    assert!(share.has_status(View::Producer, "AUTHORIZED"));
    // A third account may not associate what was not authorized for it.
    refused::<op::AssociateDataShareConsumer>(
        &mut w,
        &ctx_of(THIRD, T0),
        json!({"DataShareArn": arn, "AssociateEntireAccount": true}),
        "InvalidDataShareFault",
    );
    // Keys are found from ARN paths of two parts only.
    assert_eq!(DataShareRecord::key_in_arn_path("a/b"), Some("a/b"));
    assert_eq!(DataShareRecord::key_in_arn_path("a"), None);
    assert_eq!(DataShareRecord::key_in_arn_path("a/b/c"), None);
}
