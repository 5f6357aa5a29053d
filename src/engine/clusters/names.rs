//! The rules names and secrets of a cluster follow (doc: CreateCluster,
//! ModifyCluster, GetClusterCredentials): database and user names, the
//! admin password, IAM role ARNs, Elastic IPs.

use crate::errors::RedshiftError;

/// Amazon Redshift's reserved words (doc: Database Developer Guide,
/// "Reserved words"), which no database, user or group may be named.
const RESERVED_WORDS: &[&str] = &[
    "aes128",
    "aes256",
    "all",
    "allowoverwrite",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "authorization",
    "az64",
    "backup",
    "between",
    "binary",
    "blanksasnull",
    "both",
    "bytedict",
    "bzip2",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "credentials",
    "cross",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "current_user_id",
    "default",
    "deferrable",
    "deflate",
    "defrag",
    "delta",
    "delta32k",
    "desc",
    "disable",
    "distinct",
    "do",
    "else",
    "emptyasnull",
    "enable",
    "encode",
    "encrypt",
    "encryption",
    "end",
    "except",
    "explicit",
    "false",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "globaldict256",
    "globaldict64k",
    "grant",
    "group",
    "gzip",
    "having",
    "identity",
    "ignore",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "language",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "lun",
    "luns",
    "lzo",
    "lzop",
    "minus",
    "mostly16",
    "mostly32",
    "mostly8",
    "natural",
    "new",
    "not",
    "notnull",
    "null",
    "nulls",
    "off",
    "offline",
    "offset",
    "oid",
    "old",
    "on",
    "only",
    "open",
    "or",
    "order",
    "outer",
    "overlaps",
    "parallel",
    "partition",
    "percent",
    "permissions",
    "pivot",
    "placing",
    "primary",
    "raw",
    "readratio",
    "recover",
    "references",
    "rejectlog",
    "resort",
    "respect",
    "restore",
    "right",
    "select",
    "session_user",
    "similar",
    "snapshot",
    "some",
    "sysdate",
    "system",
    "table",
    "tag",
    "tdes",
    "text255",
    "text32k",
    "then",
    "timestamp",
    "to",
    "top",
    "trailing",
    "true",
    "truncatecolumns",
    "union",
    "unique",
    "unnest",
    "unpivot",
    "user",
    "using",
    "verbose",
    "wallet",
    "when",
    "where",
    "with",
    "without",
];

/// Whether `name` is a reserved word, in any case.
pub fn is_reserved(name: &str) -> bool {
    RESERVED_WORDS
        .binary_search(&name.to_ascii_lowercase().as_str())
        .is_ok()
}

/// A name of 1 to `max` characters, a letter first, every character
/// `allowed`, and no reserved word.
fn name_follows(name: &str, max: usize, allowed: impl Fn(char) -> bool) -> bool {
    let first = name.chars().next();
    name.len() <= max
        && first.is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(allowed)
        && !is_reserved(name)
}

/// The characters of user and group names (doc): letters, digits and `_ + . @ -`.
fn user_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+.@-".contains(c)
}

/// `DBName` of a new cluster (doc): 1 to 64 lowercase letters or digits,
/// not a reserved word.
pub fn check_db_name(name: &str) -> Result<(), RedshiftError> {
    let valid = name_follows(name, 64, |c| c.is_ascii_lowercase() || c.is_ascii_digit());
    valid
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidDbName(name.to_owned()))
}

/// `MasterUsername` (doc): 1 to 128 lowercase letters, digits and
/// `_ + . @ -`, a letter first, not `PUBLIC` nor a reserved word.
pub fn check_master_username(name: &str) -> Result<(), RedshiftError> {
    let valid = name_follows(name, 128, |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || "_+.@-".contains(c)
    }) && !name.eq_ignore_ascii_case("public");
    valid
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidMasterUsername(name.to_owned()))
}

/// `MasterUserPassword` (doc): 8 to 64 printable ASCII characters but
/// `' " \ / @`, with an uppercase letter, a lowercase letter and a digit.
pub fn check_password(password: &str) -> Result<(), RedshiftError> {
    let valid = (8..=64).contains(&password.len())
        && password
            .bytes()
            .all(|b| (33..=126).contains(&b) && !b"'\"\\/@".contains(&b))
        && password.bytes().any(|b| b.is_ascii_uppercase())
        && password.bytes().any(|b| b.is_ascii_lowercase())
        && password.bytes().any(|b| b.is_ascii_digit());
    valid.then_some(()).ok_or(RedshiftError::InvalidPassword)
}

/// `DbUser` of GetClusterCredentials (doc): 1 to 64 letters, digits and
/// `_ + . @ -`, a letter first, not `PUBLIC` nor a reserved word.
pub fn check_db_user(name: &str) -> Result<(), RedshiftError> {
    let valid = name_follows(name, 64, user_char) && !name.eq_ignore_ascii_case("public");
    valid
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidDbUser(name.to_owned()))
}

/// `DbName` of GetClusterCredentials (doc): 1 to 64 letters, digits and
/// `_ + . @ -`, a letter first, not a reserved word.
pub fn check_credentials_db_name(name: &str) -> Result<(), RedshiftError> {
    name_follows(name, 64, user_char)
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidDbName(name.to_owned()))
}

/// A database group of GetClusterCredentials (doc): 1 to 64 lowercase
/// letters, digits and `_ + . @ -`, a letter first, not a reserved word.
pub fn check_db_group(name: &str) -> Result<(), RedshiftError> {
    name_follows(name, 64, |c| !c.is_ascii_uppercase() && user_char(c))
        .then_some(())
        .ok_or_else(|| RedshiftError::InvalidDbGroup(name.to_owned()))
}

/// An Elastic IP: an IPv4 address (doc: otherwise InvalidElasticIpFault).
pub fn check_elastic_ip(ip: &str) -> Result<(), RedshiftError> {
    ip.parse::<std::net::Ipv4Addr>()
        .map(|_| ())
        .map_err(|_| RedshiftError::InvalidElasticIp(ip.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::identifiers::check_role_arn;

    #[test]
    fn reserved_words_are_sorted_and_found_in_any_case() {
        assert!(RESERVED_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_reserved("SELECT") && is_reserved("user") && !is_reserved("admin"));
    }

    #[test]
    fn names_follow_their_rules() {
        assert!(check_db_name("dev").is_ok() && check_db_name("warehouse2").is_ok());
        for bad in ["", "Dev", "2dev", "my-db", "select", &"a".repeat(65)] {
            assert!(check_db_name(bad).is_err(), "{bad}");
        }
        for good in ["admin", "a", "etl_user+1@x.y-z", "username"] {
            assert!(check_master_username(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Admin",
            "1admin",
            "public",
            "PUBLIC",
            "a:b",
            "a/b",
            "user",
            &"a".repeat(129),
        ] {
            assert!(check_master_username(bad).is_err(), "{bad}");
        }
        for good in [
            "Secret123",
            "Password1",
            "Aa1!#$%^&*()",
            &format!("Aa1{}", "x".repeat(61)),
        ] {
            assert!(check_password(good).is_ok(), "{good}");
        }
        for bad in [
            "password",
            "Secret1",
            "SECRET123",
            "secret123",
            "SecretABC",
            "Secret 123",
            "Secret@123",
            "Secret/123",
            "Sécret123",
            &format!("Aa1{}", "x".repeat(62)),
        ] {
            assert!(check_password(bad).is_err(), "{bad}");
        }
        assert!(check_db_user("Alice.B@corp").is_ok());
        for bad in ["", "1a", "a:b", "public", "select", &"a".repeat(65)] {
            assert!(check_db_user(bad).is_err(), "{bad}");
        }
        assert!(check_db_group("analysts").is_ok());
        assert!(check_db_group("Analysts").is_err());
    }

    #[test]
    fn role_arns_and_elastic_ips() {
        for good in [
            "arn:aws:iam::123456789012:role/r1",
            "arn:aws-cn:iam::123456789012:role/service-role/r1",
        ] {
            assert!(check_role_arn(good).is_ok(), "{good}");
        }
        for bad in [
            "r1",
            "arn:aws:iam::123456789012:user/u",
            "arn:aws:iam::12345:role/r",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:s3::123456789012:role/r",
        ] {
            assert_eq!(
                check_role_arn(bad).unwrap_err().code(),
                "InvalidParameterValue",
                "{bad}"
            );
        }
        assert!(check_elastic_ip("52.1.2.3").is_ok());
        assert_eq!(
            check_elastic_ip("52.1.2").unwrap_err().code(),
            "InvalidElasticIpFault"
        );
    }
}
