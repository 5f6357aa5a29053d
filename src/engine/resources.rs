//! What every resource type has in common: its kind and ARN form, where it is
//! stored, and the one lookup (by identifier or ARN, own or shared with the
//! caller) every operation starts from.

use serde::{Deserialize, Serialize};

use super::name::Name;
use super::store::{Record, Store};
use super::tags::{Pair, TagStore};
use super::{Context, Outcome, Place, World};
use crate::errors::RedshiftError;
use crate::model::Timestamp;

/// The kinds of resource the fake holds: one line each, with the resource
/// type of its ARN (`arn:aws:redshift:<region>:<account>:<type>:<path>`),
/// which is also the `ResourceType` DescribeTags reports for it (choice),
/// the field of `Place` that stores its records, and its record type.
macro_rules! kinds {
    ($($kind:ident => $arn_type:literal, $field:ident, $record:ty;)*) => {
        $(impl Stored for $record {
            const KIND: ResourceKind = ResourceKind::$kind;
            fn store(place: &Place) -> &Store<Self> {
                &place.$field
            }
            fn store_mut(place: &mut Place) -> &mut Store<Self> {
                &mut place.$field
            }
        })*

        /// A kind of resource of the fake.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum ResourceKind {
            $($kind,)*
        }

        impl ResourceKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ResourceKind] = &[$(ResourceKind::$kind,)*];

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
            /// The caller's own taggable resource an ARN names, whatever its
            /// kind: its kind, key, and whether it may be tagged now.
            pub fn own_by_arn(&self, ctx: &Context, text: &str) -> Option<(ResourceKind, Name, Outcome<()>)> {
                match Arn::parse(text)?.kind {
                    $(ResourceKind::$kind => self
                        .by_arn::<$record>(ctx, text)
                        .filter(|(owner, _)| *owner == ctx.account && <$record as Resource>::TAGGABLE)
                        .map(|(_, r)| (ResourceKind::$kind, r.key().clone(), r.taggable(ctx))),)*
                }
            }

            /// The tags of the resource an ARN names, whoever owns it; a
            /// `*` part of its path stands for any (a request that names a
            /// snapshot without its cluster). None for what is not there.
            pub fn tags_at(&self, text: &str) -> &[Pair] {
                let Some(arn) = Arn::parse(text) else {
                    return &[];
                };
                let Some(place) = self.place_of(arn.region, arn.account) else {
                    return &[];
                };
                match arn.kind {
                    $(ResourceKind::$kind => tags_in::<$record>(place, arn.path),)*
                }
            }

            /// Checks every record of a loaded place by its type's rules
            /// ([`Resource::check_saved`]), and that each wake-up it awaits
            /// is on the timeline (`awaited`).
            pub fn check_saved_place(
                place: &Place,
                awaited: impl Fn(ResourceKind, &Name, Timestamp) -> bool,
            ) -> Result<(), String> {
                $(for record in <$record as Stored>::store(place).values() {
                    let at = format!("{}.{}", $arn_type, record.key());
                    record.check_saved().map_err(|e| format!("{at}: {e}"))?;
                    for (t, what) in record.wakeups() {
                        check_saved_time(&at, t)?;
                        if !awaited(ResourceKind::$kind, record.key(), t) {
                            return Err(format!("{at}: no wake-up {what}"));
                        }
                    }
                })*
                Ok(())
            }

            /// The ARN path of one of the caller's resources.
            pub fn arn_path_of(&self, ctx: &Context, kind: ResourceKind, record_key: &str) -> Option<String> {
                let place = self.place(ctx)?;
                match kind {
                    $(ResourceKind::$kind => <$record as Stored>::store(place).get(record_key).map(Resource::arn_path),)*
                }
            }
        }
    };
}

kinds! {
    Cluster => "cluster", clusters, super::clusters::ClusterRecord;
    EventSubscription => "eventsubscription", event_subscriptions, super::events::EventSubscriptionRecord;
    ParameterGroup => "parametergroup", parameter_groups, super::parameter_groups::ParameterGroupRecord;
    ScheduledAction => "scheduledaction", scheduled_actions, super::scheduled_actions::ScheduledActionRecord;
    SecurityGroup => "securitygroup", security_groups, super::security_groups::SecurityGroupRecord;
    Snapshot => "snapshot", snapshots, super::snapshots::SnapshotRecord;
    SnapshotCopyGrant => "snapshotcopygrant", snapshot_copy_grants, super::snapshot_copy_grants::CopyGrantRecord;
    SnapshotSchedule => "snapshotschedule", snapshot_schedules, super::snapshot_schedules::ScheduleRecord;
    SubnetGroup => "subnetgroup", subnet_groups, super::subnet_groups::SubnetGroupRecord;
    UsageLimit => "usagelimit", usage_limits, super::usage_limits::UsageLimitRecord;
    HsmClientCertificate => "hsmclientcertificate", hsm_client_certificates, super::hsm::HsmClientCertificateRecord;
    HsmConfiguration => "hsmconfiguration", hsm_configurations, super::hsm::HsmConfigurationRecord;
    Qev2IdcApplication => "qev2idcapplication", qev2_idc_applications, super::identity_center::Qev2IdcApplicationRecord;
    RedshiftIdcApplication => "redshiftidcapplication", redshift_idc_applications, super::identity_center::RedshiftIdcApplicationRecord;
    ReservedNodeExchange => "reservednodeexchange", reserved_node_exchanges, super::reserved_nodes::ExchangeRecord;
    ReservedNode => "reservednode", reserved_nodes, super::reserved_nodes::ReservedNodeRecord;
    EndpointAuthorization => "endpointauthorization", endpoint_authorizations, super::endpoint_access::EndpointAuthorizationRecord;
    EndpointAccess => "endpointaccess", endpoint_accesses, super::endpoint_access::EndpointAccessRecord;
    CustomDomain => "customdomain", custom_domains, super::custom_domains::CustomDomainRecord;
    Partner => "partner", partners, super::partners::PartnerRecord;
    DataShare => "datashare", data_shares, super::data_shares::DataShareRecord;
    Integration => "integration", integrations, super::integrations::IntegrationRecord;
    ResourcePolicy => "resourcepolicy", resource_policies, super::resource_policies::ResourcePolicyRecord;
    AuthenticationProfile => "authenticationprofile", authentication_profiles, super::authentication_profiles::AuthenticationProfileRecord;
}

/// The tags of the record of type `R` an ARN path names in `place`, where
/// a `*` part of the path stands for any.
fn tags_in<'p, R: Resource>(place: &'p Place, path: &str) -> &'p [Pair] {
    let record = R::key_in_arn_path(path).and_then(|k| R::store(place).get(&key(k)));
    match record {
        Some(record) if path_names(path, &record.arn_path()) => {
            place.tags.of(R::KIND, record.key())
        }
        _ => &[],
    }
}

/// Whether an ARN path names a record's path, part by part (between `/`),
/// ignoring case, a `*` part standing for any.
fn path_names(path: &str, record_path: &str) -> bool {
    let (asked, found): (Vec<&str>, Vec<&str>) =
        (path.split('/').collect(), record_path.split('/').collect());
    asked.len() == found.len()
        && asked
            .iter()
            .zip(&found)
            .all(|(a, f)| *a == "*" || a.eq_ignore_ascii_case(f))
}

/// The `ResourceType` values DescribeTags accepts (doc), matched
/// case-insensitively, with the kind each names; `None` for those the fake
/// holds nothing of. A kind AWS gives no such value (a snapshot schedule) is
/// found by its ARN, or with no `ResourceType`.
pub const DESCRIBE_TAG_TYPES: &[(&str, Option<ResourceKind>)] = &[
    ("cluster", Some(ResourceKind::Cluster)),
    ("cidr/ip", None),
    ("ec2 security group", None),
    ("snapshot", Some(ResourceKind::Snapshot)),
    ("cluster security group", Some(ResourceKind::SecurityGroup)),
    ("subnet group", Some(ResourceKind::SubnetGroup)),
    ("hsm connection", Some(ResourceKind::HsmConfiguration)),
    ("hsm certificate", Some(ResourceKind::HsmClientCertificate)),
    ("parameter group", Some(ResourceKind::ParameterGroup)),
    ("snapshot copy grant", Some(ResourceKind::SnapshotCopyGrant)),
    ("integration", Some(ResourceKind::Integration)),
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
    // Joined by hand: `format!` costs several times as much, and every
    // rendered resource has an ARN.
    let parts = [
        "arn:",
        partition,
        ":redshift:",
        region,
        ":",
        account,
        ":",
        arn_type,
        ":",
        path,
    ];
    let mut arn = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        arn.push_str(part);
    }
    arn
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

/// Where a resource type's records live: its kind and its store in a
/// `Place` (the `kinds!` line of the type implements it).
pub trait Stored: Record {
    const KIND: ResourceKind;
    fn store(place: &Place) -> &Store<Self>;
    fn store_mut(place: &mut Place) -> &mut Store<Self>;
}

/// A resource type of the fake: how its ARN and "not found" read, and what
/// its records must hold.
pub trait Resource: Stored {
    /// Whether AWS lets the type be tagged (CreateTags, DeleteTags, DescribeTags).
    const TAGGABLE: bool = true;
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
    /// What a loaded world must hold true of the record: the rules its
    /// operations enforce, or what is wrong.
    fn check_saved(&self) -> Result<(), String> {
        Ok(())
    }
    /// The times the record awaits a wake-up at, each with what it does
    /// then: transitions on their way, runs to come.
    fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
        Vec::new()
    }
}

/// A time a saved record holds must be one Python can hold (years 1 to 9999).
pub fn check_saved_time(what: &str, t: Timestamp) -> Result<(), String> {
    if (Timestamp::MIN..=Timestamp::MAX).contains(&t) {
        Ok(())
    } else {
        Err(format!(
            "{what} is {} microseconds since 1970, outside the years 1 to 9999",
            t.0
        ))
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

    /// The caller's own record an ARN names, or the type's not-found error
    /// naming the ARN.
    pub fn own_at_arn<R: Resource>(&self, ctx: &Context, text: &str) -> Outcome<&R> {
        self.by_arn::<R>(ctx, text)
            .filter(|(owner, _)| *owner == ctx.account)
            .map(|(_, r)| r)
            .ok_or_else(|| R::not_found(text))
    }

    /// Adds a record to the caller's account and region.
    pub fn add<R: Resource>(&mut self, ctx: &Context, record: R) {
        R::store_mut(self.place_entry(ctx)).insert(record);
    }

    /// Adds a new record of the caller's with its tags, and answers it as
    /// `render` shows it.
    pub fn add_tagged<R: Resource, T>(
        &mut self,
        ctx: &Context,
        record: R,
        tags: Vec<Pair>,
        render: impl FnOnce(&R, &TagStore) -> T,
    ) -> Option<T> {
        let key = record.key().clone();
        self.add(ctx, record);
        self.place_entry(ctx).tags.set(R::KIND, &key, tags);
        self.rendered(ctx, &key, render)
    }

    /// One of the caller's records as `render` shows it, if it has it.
    pub fn rendered<R: Resource, T>(
        &self,
        ctx: &Context,
        record_key: &str,
        render: impl FnOnce(&R, &TagStore) -> T,
    ) -> Option<T> {
        let place = self.place(ctx)?;
        R::store(place)
            .get(record_key)
            .map(|r| render(r, &place.tags))
    }

    /// Adds a new record of the caller with its tags, unless its key is
    /// taken (`exists`) or the caller already holds `quota` records of the
    /// type (`full`); answers it as stored.
    pub fn create_own<R: Resource>(
        &mut self,
        ctx: &Context,
        record: R,
        tags: Vec<Pair>,
        quota: usize,
        exists: impl FnOnce(&str) -> RedshiftError,
        full: impl FnOnce(usize) -> RedshiftError,
    ) -> Outcome<&R> {
        let key = record.key().clone();
        let held = self.place(ctx).map(R::store);
        if held.is_some_and(|s| s.contains(&key)) {
            return Err(exists(&key));
        }
        if held.map_or(0, Store::len) >= quota {
            return Err(full(quota));
        }
        self.add_tagged(ctx, record, tags, |_, _| ());
        self.own::<R>(ctx, &key)
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

    use serde_json::json;

    use crate::engine::clusters::ClusterRecord;
    use crate::engine::snapshots::SnapshotRecord;
    use crate::engine::testkit::{
        ctx, ctx_of, delete_cluster, ok, snapshot, world, world_with, AUTOMATED, OTHER, T0, THIRD,
    };
    use crate::engine::Settings;
    use crate::model::operations as op;

    const S1: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";

    #[test]
    fn every_kind_has_one_arn_type_and_at_most_one_describe_tags_type() {
        for &kind in ResourceKind::ALL {
            assert_eq!(ResourceKind::from_arn_type(kind.arn_type()), Some(kind));
            let named: Vec<_> = DESCRIBE_TAG_TYPES
                .iter()
                .filter(|(_, k)| *k == Some(kind))
                .collect();
            assert!(named.len() <= 1, "{kind:?}");
        }
        for kind in [ResourceKind::Cluster, ResourceKind::Snapshot] {
            assert!(DESCRIBE_TAG_TYPES.iter().any(|(_, k)| *k == Some(kind)));
        }
        assert_eq!(ResourceKind::from_arn_type("Cluster"), None);
    }

    #[test]
    fn own_finds_the_callers_record_in_any_case() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let c = ctx(T0);
        assert_eq!(w.own::<ClusterRecord>(&c, "C1").unwrap().identifier(), "c1");
        assert_eq!(w.own::<SnapshotRecord>(&c, "S1").unwrap().id, "s1");
        assert!(w.own_mut::<SnapshotRecord>(&c, "s1").is_ok());
        // Each type's own not-found error (a cluster's names it lowercased).
        assert_eq!(
            w.own::<ClusterRecord>(&c, "C9").unwrap_err(),
            RedshiftError::ClusterNotFound("c9".into())
        );
        assert_eq!(
            w.own_mut::<SnapshotRecord>(&c, "S9").unwrap_err(),
            RedshiftError::ClusterSnapshotNotFound("S9".into())
        );
        // Another account's or region's holdings are not the caller's.
        let elsewhere = Context {
            region: "eu-west-1",
            ..c
        };
        for other in [ctx_of(OTHER, T0), elsewhere] {
            assert!(w.own::<ClusterRecord>(&other, "c1").is_err());
        }
    }

    #[test]
    fn an_arn_names_a_record_of_its_kind_region_account_and_path() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        let (owner, s1) = w.at_arn::<SnapshotRecord>("us-east-1", S1).unwrap();
        assert_eq!((owner.as_str(), s1.id.as_str()), ("123456789012", "s1"));
        let upper = "arn:aws:redshift:us-east-1:123456789012:snapshot:C1/S1";
        assert!(w.at_arn::<SnapshotRecord>("us-east-1", upper).is_some());
        let automated = format!("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/{AUTOMATED}");
        assert!(w
            .at_arn::<SnapshotRecord>("us-east-1", &automated)
            .is_some());
        for (region, text) in [
            ("eu-west-1", S1),
            (
                "us-east-1",
                "arn:aws:redshift:eu-west-1:123456789012:snapshot:c1/s1",
            ),
            (
                "us-east-1",
                "arn:aws:redshift:us-east-1:123456789012:snapshot:c2/s1",
            ),
            (
                "us-east-1",
                "arn:aws:redshift:us-east-1:123456789012:snapshot:s1",
            ),
            (
                "us-east-1",
                "arn:aws:redshift:us-east-1:210987654321:snapshot:c1/s1",
            ),
            (
                "us-east-1",
                "arn:aws:redshift:us-east-1:123456789012:cluster:c1/s1",
            ),
        ] {
            assert!(w.at_arn::<SnapshotRecord>(region, text).is_none(), "{text}");
        }
        let c1 = "arn:aws:redshift:us-east-1:123456789012:cluster:c1";
        assert!(w.at_arn::<ClusterRecord>("us-east-1", c1).is_some());
        for text in [
            "arn:aws:redshift:us-east-1:123456789012:cluster:c1/x",
            "arn:aws:redshift:us-east-1:123456789012:cluster:c1:x",
            S1,
        ] {
            assert!(
                w.at_arn::<ClusterRecord>("us-east-1", text).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn by_arn_sees_what_the_caller_owns_or_was_shared() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        ok::<op::AuthorizeSnapshotAccess>(
            &mut w,
            &ctx(T0),
            json!({"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER}),
        );
        assert!(w.by_arn::<SnapshotRecord>(&ctx(T0), S1).is_some());
        assert!(w.by_arn::<SnapshotRecord>(&ctx_of(OTHER, T0), S1).is_some());
        assert!(w.by_arn::<SnapshotRecord>(&ctx_of(THIRD, T0), S1).is_none());
        // Only its owner may tag it.
        assert!(w.own_by_arn(&ctx_of(OTHER, T0), S1).is_none());
        let (kind, key, taggable) = w.own_by_arn(&ctx(T0), S1).unwrap();
        assert_eq!(
            (kind, key.as_str(), taggable),
            (ResourceKind::Snapshot, "s1", Ok(()))
        );
        assert_eq!(
            w.arn_path_of(&ctx(T0), ResourceKind::Snapshot, "s1")
                .as_deref(),
            Some("c1/s1")
        );
        assert_eq!(w.arn_path_of(&ctx(T0), ResourceKind::Cluster, "s1"), None);
        assert_eq!(
            w.arn_path_of(&ctx_of(OTHER, T0), ResourceKind::Snapshot, "s1"),
            None
        );
    }

    #[test]
    fn a_cluster_being_deleted_may_not_be_tagged() {
        let mut w = world_with(Settings {
            cluster_deletion_seconds: 60.0,
            ..Settings::default()
        });
        delete_cluster(&mut w, T0, "c1");
        let c1 = "arn:aws:redshift:us-east-1:123456789012:cluster:c1";
        let (_, _, taggable) = w.own_by_arn(&ctx(T0), c1).unwrap();
        assert_eq!(taggable.unwrap_err().code(), "InvalidClusterState");
    }

    #[test]
    fn a_record_removed_takes_its_tags() {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        ok::<op::CreateTags>(
            &mut w,
            &ctx(T0),
            json!({"ResourceName": S1, "Tags": [{"Key": "k", "Value": "v"}]}),
        );
        let removed = w.remove::<SnapshotRecord>(&ctx(T0), "s1").unwrap();
        assert_eq!(removed.id, "s1");
        assert!(w
            .place(&ctx(T0))
            .unwrap()
            .tags
            .of(ResourceKind::Snapshot, "s1")
            .is_empty());
        assert!(w.remove::<SnapshotRecord>(&ctx(T0), "s1").is_none());
        assert!(w
            .remove::<SnapshotRecord>(&ctx_of(OTHER, T0), "s1")
            .is_none());
        // And a record added is found again.
        w.add(&ctx_of(OTHER, T0), removed);
        assert!(w.own::<SnapshotRecord>(&ctx_of(OTHER, T0), "s1").is_ok());
    }
}
