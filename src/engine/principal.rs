//! Who calls: the IAM principal a client acts as. A plain ARN of an IAM user,
//! an IAM role or an assumed-role session of the caller's account, checked
//! once when a client is made; operations that depend on the caller's
//! identity (GetClusterCredentialsWithIAM) read it from the `Context`.

use super::resources::partition;

/// The principal the service itself acts as, in the wake-ups of the
/// timeline (doc: IAM's service principal of Amazon Redshift).
pub const SERVICE: &str = "redshift.amazonaws.com";

/// The name of the IAM user a client acts as unless it names a principal (choice).
pub const DEFAULT_USER: &str = "redshift-fake";

/// An IAM identity, as a principal ARN names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity<'a> {
    /// An IAM user, by name (its path left out).
    User(&'a str),
    /// An IAM role, by name: the role itself, or a session of it.
    Role(&'a str),
}

/// A principal ARN, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal<'a> {
    pub partition: &'a str,
    pub account: &'a str,
    pub identity: Identity<'a>,
}

/// IAM's characters of user, role and session names (doc): `[\w+=,.@-]`.
fn is_iam_name(name: &str, min: usize) -> bool {
    (min..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
}

/// An IAM path's parts between `user/` or `role/` and the name.
fn is_iam_path(parts: &[&str]) -> bool {
    parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'/'))
}

impl<'a> Principal<'a> {
    /// Reads `arn:<partition>:iam::<account>:user/[<path>/]<name>`,
    /// `arn:<partition>:iam::<account>:role/[<path>/]<name>` or
    /// `arn:<partition>:sts::<account>:assumed-role/<role>/<session>` (doc).
    pub fn parse(text: &'a str) -> Option<Principal<'a>> {
        let fields: Vec<&str> = text.splitn(6, ':').collect();
        let ["arn", partition, service, "", account, resource] = fields[..] else {
            return None;
        };
        if !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let parts: Vec<&str> = resource.split('/').collect();
        let identity = match (service, &parts[..]) {
            ("iam", ["user", path @ .., name]) if is_iam_path(path) && is_iam_name(name, 1) => {
                Identity::User(name)
            }
            ("iam", ["role", path @ .., name]) if is_iam_path(path) && is_iam_name(name, 1) => {
                Identity::Role(name)
            }
            ("sts", ["assumed-role", role, session])
                if is_iam_name(role, 1) && is_iam_name(session, 2) =>
            {
                Identity::Role(role)
            }
            _ => return None,
        };
        Some(Principal {
            partition,
            account,
            identity,
        })
    }
}

/// The principal a client of `account` in `region` acts as unless it names
/// one: the IAM user [`DEFAULT_USER`] of that account (choice).
pub fn default_principal(account: &str, region: &str) -> String {
    format!(
        "arn:{}:iam::{account}:user/{DEFAULT_USER}",
        partition(region).0
    )
}

/// The principal a client of `account` in `region` acts as: `given`, once
/// checked to be a user, role or assumed-role ARN of that account in the
/// region's partition, or the default one.
pub fn client_principal(
    account: &str,
    region: &str,
    given: Option<&str>,
) -> Result<String, String> {
    let Some(text) = given else {
        return Ok(default_principal(account, region));
    };
    let principal = Principal::parse(text).ok_or_else(|| {
        format!(
            "principal must be the ARN of an IAM user, role or assumed-role session \
             (arn:aws:iam::123456789012:user/name, arn:aws:iam::123456789012:role/name, \
             arn:aws:sts::123456789012:assumed-role/role/session), got {text:?}"
        )
    })?;
    if principal.account != account {
        return Err(format!(
            "principal {text} is not of the client's account {account}"
        ));
    }
    let expected = partition(region).0;
    if principal.partition != expected {
        return Err(format!(
            "principal {text} is not of the partition {expected} of region {region}"
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "123456789012";

    #[test]
    fn users_roles_and_sessions_are_read() {
        for (text, identity) in [
            (
                "arn:aws:iam::123456789012:user/alice",
                Identity::User("alice"),
            ),
            (
                "arn:aws:iam::123456789012:user/team/data/bob.b@x",
                Identity::User("bob.b@x"),
            ),
            ("arn:aws:iam::123456789012:role/etl", Identity::Role("etl")),
            (
                "arn:aws:iam::123456789012:role/service-role/etl",
                Identity::Role("etl"),
            ),
            (
                "arn:aws:sts::123456789012:assumed-role/etl/airflow-run",
                Identity::Role("etl"),
            ),
        ] {
            let p = Principal::parse(text).unwrap();
            assert_eq!((p.account, p.identity), (ACCOUNT, identity), "{text}");
        }
        for bad in [
            "",
            "alice",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:group/g",
            "arn:aws:iam::12345:user/alice",
            "arn:aws:iam:us-east-1:123456789012:user/alice",
            "arn:aws:iam::123456789012:user/",
            "arn:aws:iam::123456789012:user/a b",
            "arn:aws:iam::123456789012:user//alice",
            "arn:aws:sts::123456789012:assumed-role/etl",
            "arn:aws:sts::123456789012:assumed-role/etl/x",
            "arn:aws:sts::123456789012:assumed-role/etl/s/x",
            "arn:aws:s3::123456789012:user/alice",
            &format!("arn:aws:iam::123456789012:user/{}", "a".repeat(65)),
        ] {
            assert_eq!(Principal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_client_acts_as_a_principal_of_its_own_account_and_partition() {
        assert_eq!(
            client_principal(ACCOUNT, "us-east-1", None).unwrap(),
            "arn:aws:iam::123456789012:user/redshift-fake"
        );
        assert_eq!(
            client_principal(ACCOUNT, "cn-north-1", None).unwrap(),
            "arn:aws-cn:iam::123456789012:user/redshift-fake"
        );
        let role = "arn:aws:iam::123456789012:role/etl";
        assert_eq!(
            client_principal(ACCOUNT, "eu-west-1", Some(role)).unwrap(),
            role
        );
        assert!(client_principal("210987654321", "eu-west-1", Some(role))
            .unwrap_err()
            .contains("not of the client's account 210987654321"));
        assert!(client_principal(ACCOUNT, "cn-north-1", Some(role))
            .unwrap_err()
            .contains("partition aws-cn"));
        assert!(client_principal(ACCOUNT, "us-east-1", Some("root"))
            .unwrap_err()
            .starts_with("principal must be the ARN"));
    }
}
