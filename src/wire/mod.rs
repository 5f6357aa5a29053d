//! The wire door: Amazon Redshift's Query protocol. A form-encoded request
//! comes in, is decoded along the operation's input shape and checked by the
//! one validator ([`crate::validate`]), runs through [`crate::ops::invoke`],
//! and goes out as the XML AWS writes. It converts; the engine decides.
//!
//! Malformed requests get the common AWS errors (`MissingAction`,
//! `InvalidAction`, `MissingParameter`, `InvalidParameterValue`,
//! `MalformedQueryString`), never a crash; a body beyond
//! [`MAX_REQUEST_BYTES`] is refused unread. Decoding is linear in the size
//! of the body. Parameters the model does not have are ignored, as AWS does.

pub mod form;
pub mod xml;

use serde_json::Value;

use crate::engine::Context;
use crate::errors::RedshiftError;
use crate::model::service::model;
use crate::model::Timestamp;
use crate::ops::Output;
use crate::validate::{validate, Problem, Rejected};
use form::{parse_form, FormParam};

/// The largest Query-protocol request body answered, in bytes (choice): 1 MiB,
/// far above any request of the Redshift API (its largest, a batch of 100
/// snapshot identifiers or 50 tags, are a few tens of KB), and small enough
/// that decoding one takes milliseconds. Larger bodies get
/// `RequestEntityTooLarge` (HTTP 413).
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// A decoded request: the operation and its validated input.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub operation: String,
    pub input: Value,
}

/// Top-level parameters that sign a request rather than carry its input
/// (query-string SigV4, and SigV2): never an input member.
const SIGNING_PARAMETERS: &[&str] = &[
    "AWSAccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "Timestamp",
    "Expires",
    "SecurityToken",
];

/// Decodes a Query-protocol body into the operation's validated input.
pub fn decode(body: &[u8]) -> Result<Request, RedshiftError> {
    if body.len() > MAX_REQUEST_BYTES {
        return Err(RedshiftError::RequestTooLarge {
            size: body.len(),
            limit: MAX_REQUEST_BYTES,
        });
    }
    let mut root = parse_form(body)?;
    let action = root
        .take("Action")
        .and_then(|n| n.value)
        .filter(|a| !a.is_empty())
        .ok_or(RedshiftError::MissingAction)?;
    let m = model();
    if m.operation(&action).is_none() {
        return Err(RedshiftError::InvalidAction(action));
    }
    let version = root
        .take("Version")
        .and_then(|n| n.value)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| RedshiftError::MissingParameter("Version".to_owned()))?;
    if version != m.api_version {
        return Err(RedshiftError::InvalidVersion { action, version });
    }
    root.children
        .retain(|k, _| !(k.starts_with("X-Amz-") || SIGNING_PARAMETERS.contains(&k.as_str())));
    let input = validate(m, &action, &FormParam(&root)).map_err(|rejected| match rejected {
        // The first problem the validator found.
        Rejected::Invalid(problems) => problems
            .first()
            .map_or(RedshiftError::MalformedQueryString, Problem::service_error),
        Rejected::Refused(error) => error,
        Rejected::Raised(never) => match never {},
    })?;
    Ok(Request {
        operation: action,
        input,
    })
}

/// HTTP headers, names as AWS writes them.
pub type Headers = Vec<(&'static str, String)>;

/// An HTTP answer: status, headers, body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

/// Answers one Query-protocol request of `account` in `region`, acting as
/// `principal`, at `now`. `run` performs the decoded operation (the caller
/// holds the world's lock only inside it).
pub fn handle(
    body: &[u8],
    account: &str,
    region: &str,
    principal: &str,
    now: Timestamp,
    run: impl FnOnce(&Context, &str, Value) -> Result<Output, RedshiftError>,
) -> Reply {
    let request_id = crate::ops::request_id();
    let ctx = Context {
        account,
        region,
        principal,
        now,
    };
    let outcome = decode(body).and_then(|request| {
        run(&ctx, &request.operation, request.input).map(|output| (request.operation, output))
    });
    let (status, written) = match outcome {
        Ok((operation, output)) => match serde_json::to_value(&output) {
            Ok(value) => (200, xml::response(&operation, &value, &request_id)),
            Err(e) => {
                let error = RedshiftError::Coded {
                    code: "InternalFailure".to_owned(),
                    message: e.to_string(),
                };
                (error.status(), xml::error_response(&error, &request_id))
            }
        },
        Err(error) => (error.status(), xml::error_response(&error, &request_id)),
    };
    // Writing into a `Vec` cannot fail; should it, the client still gets an answer.
    let body = written.unwrap_or_default();
    Reply {
        status,
        headers: vec![
            ("x-amzn-RequestId", request_id),
            ("Content-Type", "text/xml".to_owned()),
            ("Content-Length", body.len().to_string()),
            (
                "Date",
                now.datetime()
                    .format("%a, %d %b %Y %H:%M:%S GMT")
                    .to_string(),
            ),
        ],
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Settings, World};
    use crate::ops;
    use serde_json::json;

    fn decoded(body: &str) -> Result<Value, RedshiftError> {
        decode(body.as_bytes()).map(|r| r.input)
    }

    const DELETE: &str = "Action=DeleteClusterSnapshot&Version=2012-12-01";

    #[test]
    fn members_become_the_in_process_json() {
        let input = decoded(&format!(
            "{DELETE}&SnapshotIdentifier=s1&SnapshotClusterIdentifier=c%2D1"
        ));
        assert_eq!(
            input,
            Ok(json!({"SnapshotIdentifier": "s1", "SnapshotClusterIdentifier": "c-1"}))
        );
    }

    #[test]
    fn lists_of_structures_use_item_names() {
        let body = "Action=BatchDeleteClusterSnapshots&Version=2012-12-01\
            &Identifiers.DeleteClusterSnapshotMessage.2.SnapshotIdentifier=b\
            &Identifiers.DeleteClusterSnapshotMessage.1.SnapshotIdentifier=a\
            &Identifiers.DeleteClusterSnapshotMessage.1.SnapshotClusterIdentifier=c";
        assert_eq!(
            decoded(body),
            Ok(json!({"Identifiers": [
                {"SnapshotIdentifier": "a", "SnapshotClusterIdentifier": "c"},
                {"SnapshotIdentifier": "b"},
            ]}))
        );
    }

    #[test]
    fn tags_keys_sorting_timestamps_booleans_numbers() {
        let body = "Action=DescribeClusterSnapshots&Version=2012-12-01\
            &TagKeys.TagKey.1=k1&TagKeys.TagKey.2=k2&ClusterExists=true&MaxRecords=20\
            &StartTime=2024-05-01T12%3A00%3A00Z&EndTime=2024-05-01T12%3A00%3A00.5Z\
            &SortingEntities.SnapshotSortingEntity.1.Attribute=CREATE_TIME\
            &SortingEntities.SnapshotSortingEntity.1.SortOrder=DESC";
        assert_eq!(
            decoded(body),
            Ok(json!({
                "StartTime": 1_714_564_800_000_000i64,
                "EndTime": 1_714_564_800_500_000i64,
                "MaxRecords": 20,
                "TagKeys": ["k1", "k2"],
                "ClusterExists": true,
                "SortingEntities": [{"Attribute": "CREATE_TIME", "SortOrder": "DESC"}],
            }))
        );
        let tags = "Action=CreateClusterSnapshot&Version=2012-12-01&SnapshotIdentifier=s\
            &ClusterIdentifier=c&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v";
        assert_eq!(
            decoded(tags).unwrap()["Tags"],
            json!([{"Key": "k", "Value": "v"}])
        );
    }

    #[test]
    fn empty_list_and_member_location_names() {
        let body = "Action=CreateClusterSnapshot&Version=2012-12-01&SnapshotIdentifier=s\
            &ClusterIdentifier=c&Tags=";
        assert_eq!(decoded(body).unwrap()["Tags"], json!([]));
        let body = "Action=DescribeNodeConfigurationOptions&Version=2012-12-01\
            &ActionType=restore-cluster\
            &Filter.NodeConfigurationOptionsFilter.1.Name=NodeType\
            &Filter.NodeConfigurationOptionsFilter.1.Value.item.1=dc2.large";
        let input = decoded(body).unwrap();
        assert_eq!(
            input["Filters"],
            json!([{"Name": "NodeType", "Values": ["dc2.large"]}])
        );
    }

    #[test]
    fn unknown_and_signing_parameters_are_ignored() {
        let body = format!("{DELETE}&SnapshotIdentifier=s1&Foo=1&X-Amz-Date=x&Timestamp=t");
        assert_eq!(decoded(&body), Ok(json!({"SnapshotIdentifier": "s1"})));
    }

    #[test]
    fn malformed_requests_get_aws_errors() {
        let code = |body: &str| {
            decoded(body).map_err(|e| (e.code().to_owned(), e.to_string(), e.status()))
        };
        assert_eq!(
            code("SnapshotIdentifier=s1"),
            Err((
                "MissingAction".into(),
                "The request must contain the parameter Action.".into(),
                400
            ))
        );
        assert_eq!(
            code("Action=DeleteEverything&Version=2012-12-01"),
            Err((
                "InvalidAction".into(),
                "The action DeleteEverything is not valid for this web service.".into(),
                400
            ))
        );
        assert_eq!(
            code("Action=DeleteClusterSnapshot&Version=2099-01-01&SnapshotIdentifier=s"),
            Err((
                "InvalidAction".into(),
                "Could not find operation DeleteClusterSnapshot for version 2099-01-01".into(),
                400
            ))
        );
        assert_eq!(
            code("Action=DeleteClusterSnapshot&SnapshotIdentifier=s")
                .unwrap_err()
                .0,
            "MissingParameter"
        );
        assert_eq!(
            code(DELETE),
            Err((
                "MissingParameter".into(),
                "The request must contain the parameter SnapshotIdentifier.".into(),
                400
            ))
        );
        assert_eq!(
            code("Action=DescribeClusterSnapshots&Version=2012-12-01&MaxRecords=many"),
            Err((
                "InvalidParameterValue".into(),
                "Value (many) for parameter MaxRecords is invalid. Expected an integer.".into(),
                400
            ))
        );
        assert_eq!(
            code("Action=DescribeClusterSnapshots&Version=2012-12-01&StartTime=noon")
                .unwrap_err()
                .1,
            "Value (noon) for parameter StartTime is invalid. Expected an ISO 8601 timestamp."
        );
        assert_eq!(
            code("Action=DescribeClusterSnapshots&Version=2012-12-01&ClusterExists=yes")
                .unwrap_err()
                .0,
            "InvalidParameterValue"
        );
        assert_eq!(
            code("Action=DescribeClusterSnapshots&Version=2012-12-01&TagKeys.TagKey.x=a")
                .unwrap_err()
                .1,
            "Value () for parameter TagKeys is invalid. Expected a list of numbered members."
        );
        assert_eq!(
            code(
                "Action=CreateClusterSnapshot&Version=2012-12-01&SnapshotIdentifier=s\
                  &ClusterIdentifier=c&Tags.Tag.1.Key.x=k"
            )
            .unwrap_err()
            .1,
            "Value () for parameter Tags[0].Key is invalid. Expected a string."
        );
        assert_eq!(
            code("Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=c&NodeType=n")
                .unwrap_err()
                .1,
            "The request must contain the parameter MasterUsername."
        );
        assert_eq!(
            code("Action=%E0%80"),
            Err((
                "MalformedQueryString".into(),
                "The query string is not valid form-encoded UTF-8.".into(),
                404
            ))
        );
    }

    fn run(world: &mut World, body: &str) -> Reply {
        handle(
            body.as_bytes(),
            "123456789012",
            "us-east-1",
            "arn:aws:iam::123456789012:user/redshift-fake",
            Timestamp(1_700_000_000_000_000),
            |ctx, op, input| ops::invoke(world, ctx, op, input),
        )
    }

    #[test]
    fn a_request_runs_through_the_engine() {
        let mut world = World::new(Settings::default());
        let reply = run(
            &mut world,
            "Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=c1&NodeType=dc2.large\
             &MasterUsername=admin&MasterUserPassword=Secret123",
        );
        assert_eq!(reply.status, 200);
        let reply = run(
            &mut world,
            "Action=CreateClusterSnapshot&Version=2012-12-01&SnapshotIdentifier=s1&ClusterIdentifier=c1",
        );
        assert_eq!(reply.status, 200);
        let reply = run(&mut world, &format!("{DELETE}&SnapshotIdentifier=s1"));
        let body = String::from_utf8(reply.body).unwrap();
        assert_eq!(reply.status, 200, "{body}");
        assert!(body.starts_with("<DeleteClusterSnapshotResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\"><DeleteClusterSnapshotResult><Snapshot><SnapshotIdentifier>s1</SnapshotIdentifier>"));
        assert!(body.contains("<Status>deleted</Status>"));
        assert!(body.contains("<SnapshotCreateTime>2023-11-14T22:13:20.000Z</SnapshotCreateTime>"));
        let id = &reply.headers[0].1;
        assert!(body.ends_with(&format!(
            "<ResponseMetadata><RequestId>{id}</RequestId></ResponseMetadata></DeleteClusterSnapshotResponse>"
        )));
        assert!(reply
            .headers
            .contains(&("Content-Length", body.len().to_string())));
    }

    #[test]
    fn service_errors_carry_the_models_status() {
        let mut world = World::new(Settings::default());
        let reply = run(&mut world, &format!("{DELETE}&SnapshotIdentifier=nope"));
        assert_eq!(reply.status, 404);
        let body = String::from_utf8(reply.body).unwrap();
        assert!(body.contains("<Error><Type>Sender</Type><Code>ClusterSnapshotNotFound</Code><Message>Snapshot nope not found.</Message></Error>"));
        let reply = run(&mut world, "Action=Nope&Version=2012-12-01");
        assert_eq!(reply.status, 400);
    }

    #[test]
    fn no_body_crashes_the_door() {
        let mut world = World::new(Settings::default());
        let odd = [
            "=",
            "&&&",
            "Action",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&TagKeys.TagKey.99999999999=a",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&TagKeys..TagKey.1=a",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&TagKeys=a&TagKeys.TagKey.1=b",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&MaxRecords=99999999999999999999",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&StartTime=+999999-01-01T00:00:00Z",
            "Action=DescribeClusterSnapshots&Version=2012-12-01&SortingEntities.SnapshotSortingEntity.1.Attribute.x.y.z=1",
            "Action=DescribeNodeConfigurationOptions&Version=2012-12-01&ActionType=x&Filter=",
            "Action=CreateClusterSnapshot&Version=2012-12-01&SnapshotIdentifier=%F0%9F%A6%80&ClusterIdentifier=c",
        ];
        for body in odd {
            let reply = run(&mut world, body);
            assert!(reply.status >= 200, "{body}");
        }
        // Pseudo-random bytes, deterministically.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let len = (state % 64) as usize;
            let mut body = b"Action=DescribeClusterSnapshots&Version=2012-12-01&".to_vec();
            body.extend((0..len).map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let alphabet = b"TagKeys.Tag1=&%2Z+MaxRecords.StartTime.SortingEntities.";
                alphabet[(state % alphabet.len() as u64) as usize]
            }));
            let reply = handle(
                &body,
                "123456789012",
                "us-east-1",
                "arn:aws:iam::123456789012:user/redshift-fake",
                Timestamp(0),
                |ctx, op, input| ops::invoke(&mut world, ctx, op, input),
            );
            assert!(matches!(reply.status, 200 | 400 | 404));
        }
    }
}
