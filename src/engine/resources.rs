//! What every resource type has in common: its kind and ARN form, where it is
//! stored, and the one lookup (by identifier or ARN, own or shared with the
//! caller) every operation starts from.

use serde::{Deserialize, Serialize};

use super::name::Name;
use super::store::{Record, Store};
use super::{Context, Outcome, Place, World};
use crate::errors::RedshiftError;

/// The kinds of resource the fake holds: one line each, with the resource
/// type of its ARN (`arn:aws:redshift:<region>:<account>:<type>:<path>`),
/// which is also the `ResourceType` DescribeTags reports for it (choice).
macro_rules! kinds {
    ($($kind:ident => $arn_type:literal, $record:ty;)*) => {
        /// A kind of resource of the fake.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum ResourceKind {
            $($kind,)*
        }

        impl ResourceKind {
            /// The resource type its ARNs name.
            pub fn arn_type(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => $arn_type,)*
                }
            }

            /// The kind an ARN's resource type names.
            pub fn from_arn_type(text: &str) -> Option<ResourceKind> {
                match text {
                    $($arn_type => Some(ResourceKind::$kind),)*
                    _ => None,
                }
            }
        }

        impl World {
            /// The caller's own resource an ARN names, whatever its kind: its
            /// kind, key, and whether it may be tagged now.
            pub fn own_by_arn(&self, ctx: &Context, text: &str) -> Option<(ResourceKind, Name, Outcome<()>)> {
                match Arn::parse(text)?.kind {
                    $(ResourceKind::$kind => self
                        .by_arn::<$record>(ctx, text)
                        .filter(|(owner, _)| *owner == ctx.account)
                        .map(|(_, r)| (ResourceKind::$kind, r.key().clone(), r.taggable(ctx))),)*
                }
            }

            /// The ARN path of one of the caller's resources.
            pub fn arn_path_of(&self, ctx: &Context, kind: ResourceKind, record_key: &str) -> Option<String> {
                let place = self.place(ctx)?;
                match kind {
                    $(ResourceKind::$kind => <$record as Resource>::store(place).get(record_key).map(Resource::arn_path),)*
                }
            }
        }
    };
}

kinds! {
    Cluster => "cluster", super::clusters::ClusterRecord;
    Snapshot => "snapshot", super::snapshots::SnapshotRecord;
}

/// The `ResourceType` values DescribeTags accepts (doc), matched
/// case-insensitively, with the kind each names; `None` for those the fake
/// holds nothing of.
pub const DESCRIBE_TAG_TYPES: &[(&str, Option<ResourceKind>)] = &[
    ("cluster", Some(ResourceKind::Cluster)),
    ("cidr/ip", None),
    ("ec2 security group", None),
    ("snapshot", Some(ResourceKind::Snapshot)),
    ("cluster security group", None),
    ("subnet group", None),
    ("hsm connection", None),
    ("hsm certificate", None),
    ("parameter group", None),
    ("snapshot copy grant", None),
    ("integration", None),
];

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

/// `arn:<partition>:redshift:<region>:<account>:<type>:<path>` of a kind.
pub fn arn(region: &str, account: &str, kind: ResourceKind, path: &str) -> String {
    typed_arn(region, account, kind.arn_type(), path)
}

/// `arn:<partition>:redshift:<region>:<account>:<type>:<path>`, for a
/// resource type the fake keeps no records of (a cluster's namespace).
pub fn typed_arn(region: &str, account: &str, arn_type: &str, path: &str) -> String {
    let (partition, _) = partition(region);
    format!("arn:{partition}:redshift:{region}:{account}:{arn_type}:{path}")
}

/// A Redshift ARN, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    pub region: &'a str,
    pub account: &'a str,
    pub kind: ResourceKind,
    pub path: &'a str,
}

impl<'a> Arn<'a> {
    /// Reads `arn:<partition>:redshift:<region>:<account>:<type>:<path>`.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let parts: Vec<&str> = text.splitn(7, ':').collect();
        match parts[..] {
            ["arn", _partition, "redshift", region, account, kind, path] => Some(Arn {
                region,
                account,
                kind: ResourceKind::from_arn_type(kind)?,
                path,
            }),
            _ => None,
        }
    }
}

/// A resource type of the fake: where its records live and how its ARN and
/// "not found" read.
pub trait Resource: Record {
    const KIND: ResourceKind;
    fn store(place: &Place) -> &Store<Self>;
    fn store_mut(place: &mut Place) -> &mut Store<Self>;
    /// The part of its ARN after the resource type.
    fn arn_path(&self) -> String {
        self.key().to_string()
    }
    /// The key of the record an ARN path names, if it names one at all.
    fn key_in_arn_path(path: &str) -> Option<&str> {
        (!path.contains(['/', ':'])).then_some(path)
    }
    /// The error for a record of that identifier that is not there.
    fn not_found(identifier: &str) -> RedshiftError;
    /// Whether the owner has shared the record with `account`.
    fn shared_with(&self, _account: &str) -> bool {
        false
    }
    /// Whether the record may be tagged at `ctx.now` (it always may, unless
    /// its type says otherwise).
    fn taggable(&self, _ctx: &Context) -> Outcome<()> {
        Ok(())
    }
}

/// The key an existing resource is looked up by: identifiers are
/// case-insensitive (fact: mixed case comes back lowercased).
pub fn key(value: &str) -> String {
    value.to_ascii_lowercase()
}

impl World {
    /// The resource's ARN, in the caller's account and region.
    pub fn arn_of<R: Resource>(ctx: &Context, record: &R) -> String {
        arn(ctx.region, ctx.account, R::KIND, &record.arn_path())
    }

    /// The caller's own record of that identifier, or the type's not-found error.
    pub fn own<R: Resource>(&self, ctx: &Context, identifier: &str) -> Outcome<&R> {
        self.place(ctx)
            .and_then(|p| R::store(p).get(&key(identifier)))
            .ok_or_else(|| R::not_found(identifier))
    }

    /// [`World::own`], for a change.
    pub fn own_mut<R: Resource>(&mut self, ctx: &Context, identifier: &str) -> Outcome<&mut R> {
        self.place_mut(ctx)
            .and_then(|p| R::store_mut(p).get_mut(&key(identifier)))
            .ok_or_else(|| R::not_found(identifier))
    }

    /// The record an ARN names in `region`, with its owner's account,
    /// whoever may see it.
    pub fn at_arn<'w, R: Resource>(
        &'w self,
        region: &str,
        text: &str,
    ) -> Option<(&'w Name, &'w R)> {
        let arn = Arn::parse(text).filter(|a| a.kind == R::KIND && a.region == region)?;
        let record_key = key(R::key_in_arn_path(arn.path)?);
        let (owner, place) = self.regions.get(region)?.get_key_value(arn.account)?;
        let record = R::store(place).get(&record_key)?;
        record
            .arn_path()
            .eq_ignore_ascii_case(arn.path)
            .then_some((owner, record))
    }

    /// The record an ARN names in the caller's region, with its owner's
    /// account, if the caller owns it or its owner shared it with the caller.
    pub fn by_arn<'w, R: Resource>(
        &'w self,
        ctx: &Context,
        text: &str,
    ) -> Option<(&'w Name, &'w R)> {
        self.at_arn::<R>(ctx.region, text)
            .filter(|(owner, record)| *owner == ctx.account || record.shared_with(ctx.account))
    }

    /// Adds a record to the caller's account and region.
    pub fn add<R: Resource>(&mut self, ctx: &Context, record: R) {
        R::store_mut(self.place_entry(ctx)).insert(record);
    }

    /// Removes one of the caller's records, and its tags.
    pub fn remove<R: Resource>(&mut self, ctx: &Context, record_key: &str) -> Option<R> {
        let place = self.place_mut(ctx)?;
        place.tags.forget(R::KIND, record_key);
        R::store_mut(place).remove(record_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_carry_the_partition_of_their_region() {
        assert_eq!(
            arn("cn-north-1", "123456789012", ResourceKind::Cluster, "c1"),
            "arn:aws-cn:redshift:cn-north-1:123456789012:cluster:c1"
        );
        assert_eq!(
            arn(
                "us-gov-west-1",
                "123456789012",
                ResourceKind::Snapshot,
                "c1/s1"
            ),
            "arn:aws-us-gov:redshift:us-gov-west-1:123456789012:snapshot:c1/s1"
        );
    }

    #[test]
    fn arns_are_read_back() {
        let text = arn(
            "us-east-1",
            "123456789012",
            ResourceKind::Snapshot,
            "c1/rs:c1-x",
        );
        assert_eq!(
            Arn::parse(&text),
            Some(Arn {
                region: "us-east-1",
                account: "123456789012",
                kind: ResourceKind::Snapshot,
                path: "c1/rs:c1-x"
            })
        );
        assert_eq!(Arn::parse("arn:aws:redshift:r:a:nothing:c1"), None);
        assert_eq!(Arn::parse("arn:aws:s3:r:a:cluster:c1"), None);
        assert_eq!(Arn::parse("cluster:c1"), None);
    }
}
