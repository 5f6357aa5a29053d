//! Identifier rules, ARNs and generated names.

use crate::errors::RedshiftError;
use crate::model::Timestamp;

/// Checks a new identifier against AWS's rules (1..=`max` characters; ASCII
/// letters, digits and hyphens; a letter first; no trailing or doubled
/// hyphen) and returns it lowercased, as AWS stores it.
pub fn new_identifier(
    parameter: &'static str,
    value: &str,
    max: usize,
) -> Result<String, RedshiftError> {
    let valid = !value.is_empty()
        && value.len() <= max
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && value.as_bytes()[0].is_ascii_alphabetic()
        && !value.ends_with('-')
        && !value.contains("--");
    if valid {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(RedshiftError::InvalidIdentifier(parameter))
    }
}

/// A cluster identifier in a new cluster: at most 63 characters.
pub fn new_cluster_identifier(
    parameter: &'static str,
    value: &str,
) -> Result<String, RedshiftError> {
    new_identifier(parameter, value, 63)
}

/// A snapshot identifier for a new snapshot: at most 255 characters.
pub fn new_snapshot_identifier(
    parameter: &'static str,
    value: &str,
) -> Result<String, RedshiftError> {
    new_identifier(parameter, value, 255)
}

/// The key an existing resource is looked up by: identifiers are
/// case-insensitive.
pub fn key(value: &str) -> String {
    value.to_ascii_lowercase()
}

/// The AWS partition a region belongs to, and the DNS suffix of its hosts.
pub fn partition(region: &str) -> (&'static str, &'static str) {
    if region.starts_with("cn-") {
        ("aws-cn", "amazonaws.com.cn")
    } else if region.starts_with("us-gov-") {
        ("aws-us-gov", "amazonaws.com")
    } else {
        ("aws", "amazonaws.com")
    }
}

/// `arn:<partition>:redshift:<region>:<account>:<kind>:<resource>`.
pub fn arn(region: &str, account: &str, kind: &str, resource: &str) -> String {
    let (partition, _) = partition(region);
    format!("arn:{partition}:redshift:{region}:{account}:{kind}:{resource}")
}

/// `arn:aws:redshift:<region>:<account>:snapshot:<cluster>/<snapshot>`.
pub fn snapshot_arn(region: &str, account: &str, cluster: &str, snapshot: &str) -> String {
    arn(
        region,
        account,
        "snapshot",
        &format!("{cluster}/{snapshot}"),
    )
}

/// `arn:aws:redshift:<region>:<account>:cluster:<cluster>`.
pub fn cluster_arn(region: &str, account: &str, cluster: &str) -> String {
    arn(region, account, "cluster", cluster)
}

/// Reads a Redshift ARN of resource type `kind`: `(region, account, resource)`.
fn parse_arn<'a>(arn: &'a str, kind: &str) -> Option<(&'a str, &'a str, &'a str)> {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    match parts[..] {
        ["arn", _partition, "redshift", region, account, k, resource] if k == kind => {
            Some((region, account, resource))
        }
        _ => None,
    }
}

/// Reads a snapshot ARN: `(region, account, cluster, snapshot)`. (An
/// automated snapshot's identifier has a colon of its own.)
pub fn parse_snapshot_arn(arn: &str) -> Option<(&str, &str, &str, &str)> {
    let (region, account, rest) = parse_arn(arn, "snapshot")?;
    let (cluster, snapshot) = rest.split_once('/')?;
    Some((region, account, cluster, snapshot))
}

/// Reads a cluster ARN: `(region, account, cluster)`.
pub fn parse_cluster_arn(arn: &str) -> Option<(&str, &str, &str)> {
    parse_arn(arn, "cluster").filter(|(_, _, cluster)| !cluster.contains(':'))
}

/// The name AWS gives an automated snapshot: `rs:<cluster>-YYYY-MM-DD-HH-MM-SS`.
pub fn automated_snapshot_identifier(cluster: &str, at: Timestamp) -> String {
    format!("rs:{cluster}-{}", at.datetime().format("%Y-%m-%d-%H-%M-%S"))
}

/// An AWS account id: twelve digits (or the support account's alias).
pub fn is_account_id(value: &str) -> bool {
    (value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()))
        || value == "amazon-redshift-support"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_follow_the_documented_rules() {
        assert_eq!(
            new_snapshot_identifier("SnapshotIdentifier", "My-Snap1").unwrap(),
            "my-snap1"
        );
        for bad in ["", "1abc", "a--b", "abc-", "a_b", "a b", "é"] {
            let err = new_snapshot_identifier("SnapshotIdentifier", bad).unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValue");
            assert!(err
                .to_string()
                .starts_with("The parameter SnapshotIdentifier is not a valid identifier."));
        }
        assert!(new_cluster_identifier("ClusterIdentifier", &"a".repeat(63)).is_ok());
        assert!(new_cluster_identifier("ClusterIdentifier", &"a".repeat(64)).is_err());
        assert!(new_snapshot_identifier("SnapshotIdentifier", &"a".repeat(255)).is_ok());
        assert!(new_snapshot_identifier("SnapshotIdentifier", &"a".repeat(256)).is_err());
    }

    #[test]
    fn arns_carry_the_partition_of_their_region() {
        assert_eq!(
            cluster_arn("cn-north-1", "123456789012", "c1"),
            "arn:aws-cn:redshift:cn-north-1:123456789012:cluster:c1"
        );
        assert_eq!(
            snapshot_arn("us-gov-west-1", "123456789012", "c1", "s1"),
            "arn:aws-us-gov:redshift:us-gov-west-1:123456789012:snapshot:c1/s1"
        );
        let arn = snapshot_arn("cn-north-1", "123456789012", "c1", "s1");
        assert_eq!(
            parse_snapshot_arn(&arn),
            Some(("cn-north-1", "123456789012", "c1", "s1"))
        );
    }

    #[test]
    fn arns_round_trip() {
        let arn = snapshot_arn("us-east-1", "123456789012", "c1", "s1");
        assert_eq!(
            arn,
            "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1"
        );
        assert_eq!(
            parse_snapshot_arn(&arn),
            Some(("us-east-1", "123456789012", "c1", "s1"))
        );
        assert_eq!(
            parse_snapshot_arn("arn:aws:redshift:us-east-1:1:cluster:c1"),
            None
        );
        let arn = cluster_arn("us-east-1", "123456789012", "c1");
        assert_eq!(
            parse_cluster_arn(&arn),
            Some(("us-east-1", "123456789012", "c1"))
        );
        assert_eq!(parse_cluster_arn(&snapshot_arn("r", "a", "c1", "s1")), None);
        assert_eq!(parse_cluster_arn("arn:aws:redshift:r:a:cluster:c1:x"), None);
    }

    #[test]
    fn automated_names() {
        let t = Timestamp::from_datetime(
            chrono::DateTime::parse_from_rfc3339("2024-03-05T06:07:08Z")
                .unwrap()
                .into(),
        );
        assert_eq!(
            automated_snapshot_identifier("c1", t),
            "rs:c1-2024-03-05-06-07-08"
        );
    }
}
