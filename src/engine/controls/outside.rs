//! What lives in other services: S3 buckets, SNS topics, KMS keys, VPCs and
//! their subnets. A test declares them (`fake.add_bucket`, `add_sns_topic`,
//! `add_kms_key`, `add_vpc`); once it has declared one of a kind, a name of
//! that kind must be declared to be found, so the errors of a missing one
//! can be produced. While it declares none of a kind, any well-formed name
//! of it is taken to exist (choice), and a subnet is taken to be in its
//! account's one VPC of the region, in a zone its name picks.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::super::identifiers::is_account_id;
use super::super::name::Name;
use super::super::{hash64, Context, Outcome, World};
use crate::errors::{ControlError, RedshiftError};

/// A declared bucket: its region, and whether its policy lets Redshift
/// write logs to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub region: Name,
    pub redshift_can_write: bool,
}

/// A VPC's subnets: subnet id -> availability zone.
pub type Subnets = BTreeMap<Name, Name>;

/// The declarations of a world.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outside {
    pub buckets: BTreeMap<Name, Bucket>,
    pub sns_topics: BTreeSet<Name>,
    pub kms_keys: BTreeSet<Name>,
    /// region -> account -> VPC id -> its subnets.
    pub vpcs: BTreeMap<Name, BTreeMap<Name, BTreeMap<Name, Subnets>>>,
}

/// S3's bucket naming rules (doc, "Bucket naming rules"): 3 to 63 lowercase
/// letters, digits, dots and hyphens, a letter or digit at each end, no two
/// adjacent dots, not an IP address, none of the reserved prefixes and
/// suffixes.
pub fn is_bucket_name(name: &str) -> bool {
    let b = name.as_bytes();
    let edge = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    (3..=63).contains(&b.len())
        && b.iter().all(|&c| edge(c) || c == b'.' || c == b'-')
        && edge(b[0])
        && edge(b[b.len() - 1])
        && !name.contains("..")
        && name.parse::<std::net::Ipv4Addr>().is_err()
        && !["xn--", "sthree-", "amzn-s3-demo-"]
            .iter()
            .any(|p| name.starts_with(p))
        && !["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// `<prefix>-` then 8 or 17 lowercase hex digits, as EC2 writes its ids.
fn is_ec2_id(prefix: &str, id: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hex| {
            matches!(hex.len(), 8 | 17)
                && hex
                    .bytes()
                    .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        })
}

/// A subnet id as EC2 writes it: `subnet-` and 8 or 17 hex digits.
pub fn is_subnet_id(id: &str) -> bool {
    is_ec2_id("subnet", id)
}

/// `arn:<partition>:<service>:<region>:<account>:<resource>` with each part
/// present and the account 12 digits.
fn is_arn_of(service: &str, text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    matches!(parts[..], ["arn", partition, s, region, account, resource]
        if partition.starts_with("aws") && s == service && !region.is_empty()
            && is_account_id(account) && !resource.is_empty())
}

/// An SNS topic ARN: `arn:aws:sns:<region>:<account>:<topic>`.
pub fn is_sns_topic_arn(text: &str) -> bool {
    is_arn_of("sns", text) && !text.rsplit(':').next().unwrap_or_default().contains('/')
}

/// A KMS key or alias ARN: `arn:aws:kms:<region>:<account>:key/<id>` or `alias/<name>`.
pub fn is_kms_key_arn(text: &str) -> bool {
    is_arn_of("kms", text)
        && text
            .rsplit(':')
            .next()
            .is_some_and(|r| r.len() > 4 && (r.starts_with("key/") || r.starts_with("alias/")))
}

fn refused(what: &str, value: &str) -> ControlError {
    ControlError::InvalidDeclaration(format!("{value:?} is not {what}"))
}

impl World {
    /// Declares an S3 bucket in `region`.
    pub fn add_bucket(
        &mut self,
        name: &str,
        region: &str,
        redshift_can_write: bool,
    ) -> Result<(), ControlError> {
        if !is_bucket_name(name) {
            return Err(refused("a valid S3 bucket name", name));
        }
        self.outside.buckets.insert(
            Name::from(name),
            Bucket {
                region: Name::from(region),
                redshift_can_write,
            },
        );
        Ok(())
    }

    /// Declares an SNS topic by its ARN.
    pub fn add_sns_topic(&mut self, arn: &str) -> Result<(), ControlError> {
        if !is_sns_topic_arn(arn) {
            return Err(refused(
                "an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)",
                arn,
            ));
        }
        self.outside.sns_topics.insert(Name::from(arn));
        Ok(())
    }

    /// Declares a KMS key (or alias) by its ARN.
    pub fn add_kms_key(&mut self, arn: &str) -> Result<(), ControlError> {
        if !is_kms_key_arn(arn) {
            return Err(refused(
                "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)",
                arn,
            ));
        }
        self.outside.kms_keys.insert(Name::from(arn));
        Ok(())
    }

    /// Declares a VPC of `account` in `region` with its subnets (id -> zone).
    /// A subnet belongs to one VPC; a zone is one of the region's.
    pub fn add_vpc(
        &mut self,
        region: &str,
        account: &str,
        vpc_id: &str,
        subnets: Vec<(String, String)>,
    ) -> Result<(), ControlError> {
        if !is_ec2_id("vpc", vpc_id) {
            return Err(refused("a VPC id (vpc- and 8 or 17 hex digits)", vpc_id));
        }
        let vpcs = self.outside.vpcs.get(region).and_then(|r| r.get(account));
        for (subnet, zone) in &subnets {
            if !is_subnet_id(subnet) {
                return Err(refused(
                    "a subnet id (subnet- and 8 or 17 hex digits)",
                    subnet,
                ));
            }
            let letter = zone.strip_prefix(region).unwrap_or_default();
            if letter.len() != 1 || !letter.bytes().all(|c| c.is_ascii_lowercase()) {
                return Err(refused(&format!("an availability zone of {region}"), zone));
            }
            if let Some((other, _)) = vpcs
                .into_iter()
                .flatten()
                .find(|(v, s)| v.as_str() != vpc_id && s.contains_key(subnet.as_str()))
            {
                return Err(ControlError::InvalidDeclaration(format!(
                    "subnet {subnet} is already in {other}"
                )));
            }
        }
        let declared = self
            .outside
            .vpcs
            .entry(Name::from(region))
            .or_default()
            .entry(Name::from(account))
            .or_default()
            .entry(Name::from(vpc_id))
            .or_default();
        for (subnet, zone) in subnets {
            declared.insert(Name::from(subnet), Name::from(zone));
        }
        Ok(())
    }

    /// The VPC and zone of one of the caller's subnets: declared, or, while
    /// no VPC is declared anywhere, derived (its account's one VPC of the
    /// region, a zone among `a` to `c` its id picks). `None`: no such subnet.
    pub fn subnet(&self, ctx: &Context, subnet: &str) -> Option<(Name, Name)> {
        if !is_subnet_id(subnet) {
            return None;
        }
        if self.outside.vpcs.is_empty() {
            let vpc = format!("vpc-{:017x}", hash64(&[ctx.account, ctx.region, "vpc"]));
            let zone = ["a", "b", "c"][(hash64(&[subnet]) % 3) as usize];
            return Some((Name::from(vpc), Name::from(format!("{}{zone}", ctx.region))));
        }
        self.outside
            .vpcs
            .get(ctx.region)
            .and_then(|r| r.get(ctx.account))
            .into_iter()
            .flatten()
            .find_map(|(vpc, subnets)| subnets.get(subnet).map(|zone| (vpc.clone(), zone.clone())))
    }

    /// A bucket Redshift is asked to write logs to, in `ctx.region` (doc):
    /// well-formed, and, once buckets are declared, declared in that region
    /// with a policy that lets Redshift write.
    pub fn check_log_bucket(&self, ctx: &Context, name: &str) -> Outcome<()> {
        if !is_bucket_name(name) {
            return Err(RedshiftError::InvalidS3BucketName(name.to_owned()));
        }
        if self.outside.buckets.is_empty() {
            return Ok(());
        }
        let bucket = self
            .outside
            .buckets
            .get(name)
            .filter(|b| b.region == ctx.region)
            .ok_or_else(|| RedshiftError::BucketNotFound(name.to_owned()))?;
        if !bucket.redshift_can_write {
            return Err(RedshiftError::InsufficientS3BucketPolicy(name.to_owned()));
        }
        Ok(())
    }

    /// An SNS topic events are sent to: a topic ARN, and, once topics are
    /// declared, a declared one.
    pub fn check_sns_topic(&self, arn: &str) -> Outcome<()> {
        if !is_sns_topic_arn(arn) {
            return Err(RedshiftError::SNSInvalidTopic(arn.to_owned()));
        }
        if !self.outside.sns_topics.is_empty() && !self.outside.sns_topics.contains(arn) {
            return Err(RedshiftError::SNSTopicArnNotFound(arn.to_owned()));
        }
        Ok(())
    }

    /// Whether a KMS key a call names exists: any, while no key is
    /// declared; once keys are declared, a declared key, named by its ARN,
    /// its key id or its alias (`alias/<name>`).
    pub fn kms_key_exists(&self, key: &str) -> bool {
        self.outside.kms_keys.is_empty()
            || self.outside.kms_keys.iter().any(|arn| {
                let resource = arn.rsplit(':').next().unwrap_or_default();
                arn == key || resource == key || resource.strip_prefix("key/") == Some(key)
            })
    }
}
