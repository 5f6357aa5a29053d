//! Identifier rules and generated names.

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

/// The name of a new subnet or security group (doc): 1 to 255 ASCII
/// letters, digits and hyphens, not "Default"; stored lowercased.
pub fn new_group_name(parameter: &'static str, value: &str) -> Result<String, RedshiftError> {
    let valid = !value.is_empty()
        && value.len() <= 255
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.eq_ignore_ascii_case("default");
    if valid {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(RedshiftError::InvalidGroupName(parameter))
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

/// The name AWS gives an automated snapshot: `rs:<cluster>-YYYY-MM-DD-HH-MM-SS`.
pub fn automated_snapshot_identifier(cluster: &str, at: Timestamp) -> String {
    format!("rs:{cluster}-{}", at.datetime().format("%Y-%m-%d-%H-%M-%S"))
}

/// An AWS account id: twelve digits (or the support account's alias).
pub fn is_account_id(value: &str) -> bool {
    (value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()))
        || value == "amazon-redshift-support"
}

/// An IAM role ARN (doc: roles are given "in their Amazon Resource Name
/// (ARN) format"): `arn:<partition>:iam::<account>:role/<path and name>`.
pub fn check_role_arn(arn: &str) -> Result<(), RedshiftError> {
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    let valid = match fields[..] {
        ["arn", partition, "iam", "", account, role] => {
            !partition.is_empty()
                && account.len() == 12
                && is_account_id(account)
                && role.strip_prefix("role/").is_some_and(|name| {
                    !name.is_empty() && !name.ends_with('/') && !name.contains("//")
                })
        }
        _ => false,
    };
    valid
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidIamRoleArn(arn.to_owned()))
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
