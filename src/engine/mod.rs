//! The engine: every account and region of one simulated AWS, its clock, and
//! the rules of Amazon Redshift as methods returning `Result<_, RedshiftError>`.
//! Plain Rust: the doors convert, the engine decides.
//!
//! Mechanisms written once, used by every resource type: [`store`] (one
//! store per account, region and type, with the indexes its listings walk),
//! [`resources`] (kinds, ARNs, the one lookup), [`listing`] (`MaxRecords`,
//! `Marker`, pages), [`tags`], [`time`] (transitions as wake-ups on the
//! world's clock), and [`require`] (status preconditions).

pub mod authentication_profiles;
pub mod catalog;
pub mod cluster_links;
pub mod clusters;
pub mod controls;
pub mod cron;
pub mod custom_domains;
pub mod data_shares;
pub mod endpoint_access;
pub mod events;
pub mod hsm;
pub mod iam;
pub mod identifiers;
pub mod identity_center;
pub mod integrations;
pub mod listing;
pub mod logging;
pub mod namespaces;
pub mod parameter_groups;
pub mod partners;
pub mod principal;
pub mod references;
pub mod reserved_nodes;
pub mod resource_policies;
pub mod resources;
pub mod scheduled_actions;
pub mod security_groups;
pub mod snapshot_copy;
pub mod snapshot_copy_grants;
pub mod snapshot_schedules;
pub mod snapshots;
pub mod store;
pub mod subnet_groups;
pub mod table_restore;
pub mod tags;
#[cfg(test)]
mod testkit;
pub mod time;
pub mod usage_limits;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::errors::RedshiftError;
pub use crate::model::name;
use crate::model::Timestamp;
use clusters::ClusterRecord;
use controls::Outside;
use events::{EventLog, EventSubscriptionRecord};
use logging::LoggingRecord;
use name::Name;
use parameter_groups::ParameterGroupRecord;
use resources::ResourceKind;
use scheduled_actions::ScheduledActionRecord;
use security_groups::SecurityGroupRecord;
use snapshot_copy_grants::CopyGrantRecord;
use snapshot_schedules::ScheduleRecord;
use snapshots::SnapshotRecord;
use store::Store;
use subnet_groups::SubnetGroupRecord;
use table_restore::TableRestoreRecord;
use tags::TagStore;
use time::{Timeline, Wakeup};
use usage_limits::UsageLimitRecord;

/// Result of an engine operation.
pub type Outcome<T> = Result<T, RedshiftError>;

/// Who calls, where, and when: the caller's account and region, the IAM
/// principal it acts as (an ARN of that account, see [`principal`]), and the
/// clock's reading for this call.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub principal: &'a str,
    pub now: Timestamp,
}

impl<'a> Context<'a> {
    /// The same caller at another time.
    pub fn at(&self, now: Timestamp) -> Context<'a> {
        Context { now, ..*self }
    }
}

/// The world's knobs (SPEC section 6 and the (choice) items of section 5),
/// named as `FakeRedshift`'s keyword arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Manual snapshots an account may hold in a region.
    pub manual_snapshot_quota: usize,
    /// Accounts that may be authorized to restore one snapshot.
    pub snapshot_authorization_quota: usize,
    /// Seconds a snapshot spends `creating`.
    pub snapshot_creation_seconds: f64,
    /// Seconds a new cluster spends `creating`.
    pub cluster_creation_seconds: f64,
    /// Seconds from DeleteCluster until the cluster is gone (`final-snapshot`, then `deleting`).
    pub cluster_deletion_seconds: f64,
    /// Snapshot schedules an account may hold in a region.
    pub snapshot_schedule_quota: usize,
    /// Snapshot copy grants an account may hold in a region.
    pub snapshot_copy_grant_quota: usize,
    /// Seconds a table restore runs before it succeeds.
    pub table_restore_seconds: f64,
    /// Seconds a cluster's snapshot schedule association spends `MODIFYING`.
    pub snapshot_schedule_update_seconds: f64,
    /// Event subscriptions an account may hold in a region (doc: 20).
    pub event_subscription_quota: usize,
    /// Parameter groups an account may create in a region (doc: 20).
    pub parameter_group_quota: usize,
    /// Scheduled actions an account may hold in a region (choice: 100;
    /// AWS documents a quota but not its value).
    pub scheduled_action_quota: usize,
    /// Cluster security groups an account may create in a region (doc: 20).
    pub security_group_quota: usize,
    /// Cluster subnet groups an account may create in a region (doc: 20).
    pub subnet_group_quota: usize,
    /// Usage limits a cluster may have for one feature (doc: three).
    pub usage_limit_quota: usize,
    /// Seconds a paused cluster spends `pausing`.
    pub cluster_pausing_seconds: f64,
    /// Seconds a resumed cluster spends `resuming`.
    pub cluster_resuming_seconds: f64,
    /// Seconds a rebooted cluster spends `rebooting`.
    pub cluster_rebooting_seconds: f64,
    /// Seconds a modified (or renamed) cluster spends `modifying` (`renaming`).
    pub cluster_modifying_seconds: f64,
    /// Seconds a resized cluster spends `resizing`.
    pub cluster_resizing_seconds: f64,
    /// Seconds a cluster spends `rotating-keys`.
    pub key_rotation_seconds: f64,
    /// Authentication profiles an account may hold in a region.
    pub authentication_profile_quota: usize,
    /// HSM client certificates an account may hold in a region.
    pub hsm_client_certificate_quota: usize,
    /// HSM configurations an account may hold in a region.
    pub hsm_configuration_quota: usize,
    /// Seconds a new Redshift-managed VPC endpoint spends `creating`.
    pub endpoint_creation_seconds: f64,
    /// Seconds a modified Redshift-managed VPC endpoint spends `modifying`.
    pub endpoint_modification_seconds: f64,
    /// Seconds a deleted Redshift-managed VPC endpoint spends `deleting`.
    pub endpoint_deletion_seconds: f64,
    /// Seconds a new integration spends `creating`.
    pub integration_creation_seconds: f64,
    /// Seconds a deleted integration spends `deleting`.
    pub integration_deletion_seconds: f64,
    /// Seconds a purchased reserved node spends `payment-pending`.
    pub reserved_node_payment_seconds: f64,
    /// Seconds a reserved-node exchange spends in progress.
    pub reserved_node_exchange_seconds: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            manual_snapshot_quota: 20,
            snapshot_authorization_quota: 20,
            snapshot_creation_seconds: 0.0,
            cluster_creation_seconds: 0.0,
            cluster_deletion_seconds: 0.0,
            snapshot_schedule_quota: 100,
            snapshot_copy_grant_quota: 100,
            table_restore_seconds: 0.0,
            snapshot_schedule_update_seconds: 0.0,
            event_subscription_quota: 20,
            parameter_group_quota: 20,
            scheduled_action_quota: 100,
            security_group_quota: 20,
            subnet_group_quota: 20,
            usage_limit_quota: 3,
            cluster_pausing_seconds: 0.0,
            cluster_resuming_seconds: 0.0,
            cluster_rebooting_seconds: 0.0,
            cluster_modifying_seconds: 0.0,
            cluster_resizing_seconds: 0.0,
            key_rotation_seconds: 0.0,
            authentication_profile_quota: 10,
            hsm_client_certificate_quota: 20,
            hsm_configuration_quota: 20,
            endpoint_creation_seconds: 0.0,
            endpoint_modification_seconds: 0.0,
            endpoint_deletion_seconds: 0.0,
            integration_creation_seconds: 0.0,
            integration_deletion_seconds: 0.0,
            reserved_node_payment_seconds: 0.0,
            reserved_node_exchange_seconds: 0.0,
        }
    }
}

impl Settings {
    /// Refuses settings no world can have: every duration is a finite
    /// number of seconds, not negative.
    pub fn check(&self) -> Result<(), String> {
        for (name, seconds) in [
            ("snapshot_creation_seconds", self.snapshot_creation_seconds),
            ("cluster_creation_seconds", self.cluster_creation_seconds),
            ("cluster_deletion_seconds", self.cluster_deletion_seconds),
            ("table_restore_seconds", self.table_restore_seconds),
            (
                "snapshot_schedule_update_seconds",
                self.snapshot_schedule_update_seconds,
            ),
            ("cluster_pausing_seconds", self.cluster_pausing_seconds),
            ("cluster_resuming_seconds", self.cluster_resuming_seconds),
            ("cluster_rebooting_seconds", self.cluster_rebooting_seconds),
            ("cluster_modifying_seconds", self.cluster_modifying_seconds),
            ("cluster_resizing_seconds", self.cluster_resizing_seconds),
            ("key_rotation_seconds", self.key_rotation_seconds),
            ("endpoint_creation_seconds", self.endpoint_creation_seconds),
            (
                "endpoint_modification_seconds",
                self.endpoint_modification_seconds,
            ),
            ("endpoint_deletion_seconds", self.endpoint_deletion_seconds),
            (
                "integration_creation_seconds",
                self.integration_creation_seconds,
            ),
            (
                "integration_deletion_seconds",
                self.integration_deletion_seconds,
            ),
            (
                "reserved_node_payment_seconds",
                self.reserved_node_payment_seconds,
            ),
            (
                "reserved_node_exchange_seconds",
                self.reserved_node_exchange_seconds,
            ),
        ] {
            if !(seconds.is_finite() && seconds >= 0.0) {
                return Err(format!(
                    "{name} must be a finite number >= 0, got {seconds}"
                ));
            }
        }
        Ok(())
    }
}

/// The world's clock: it follows the system clock (read by the door) until a
/// test sets it; from then on it stands where the test puts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    pub fixed: Option<Timestamp>,
}

impl Clock {
    /// The clock's reading, given what the system clock says now.
    pub fn now(&self, system: Timestamp) -> Timestamp {
        self.fixed.unwrap_or(system)
    }
}

/// What one account holds in one region: a store per resource type, and
/// the tags of them all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    pub clusters: Store<ClusterRecord>,
    pub snapshots: Store<SnapshotRecord>,
    pub snapshot_schedules: Store<ScheduleRecord>,
    pub snapshot_copy_grants: Store<CopyGrantRecord>,
    pub table_restores: Store<TableRestoreRecord>,
    pub event_subscriptions: Store<EventSubscriptionRecord>,
    pub parameter_groups: Store<ParameterGroupRecord>,
    pub scheduled_actions: Store<ScheduledActionRecord>,
    pub security_groups: Store<SecurityGroupRecord>,
    pub subnet_groups: Store<SubnetGroupRecord>,
    pub usage_limits: Store<UsageLimitRecord>,
    /// The logging status of each cluster that had logging turned on.
    pub logging: BTreeMap<Name, LoggingRecord>,
    /// What happened to the account's resources in the region.
    pub events: EventLog,
    /// How many identifiers the fake has made up for the account (usage
    /// limit ids), so each is new.
    pub issued: u64,
    pub hsm_client_certificates: Store<hsm::HsmClientCertificateRecord>,
    pub hsm_configurations: Store<hsm::HsmConfigurationRecord>,
    pub authentication_profiles: Store<authentication_profiles::AuthenticationProfileRecord>,
    pub resource_policies: Store<resource_policies::ResourcePolicyRecord>,
    pub integrations: Store<integrations::IntegrationRecord>,
    pub data_shares: Store<data_shares::DataShareRecord>,
    pub partners: Store<partners::PartnerRecord>,
    pub custom_domains: Store<custom_domains::CustomDomainRecord>,
    pub endpoint_accesses: Store<endpoint_access::EndpointAccessRecord>,
    pub endpoint_authorizations: Store<endpoint_access::EndpointAuthorizationRecord>,
    pub reserved_nodes: Store<reserved_nodes::ReservedNodeRecord>,
    pub reserved_node_exchanges: Store<reserved_nodes::ExchangeRecord>,
    pub redshift_idc_applications: Store<identity_center::RedshiftIdcApplicationRecord>,
    pub qev2_idc_applications: Store<identity_center::Qev2IdcApplicationRecord>,
    pub tags: TagStore,
    /// The snapshots other accounts of the region shared with this one, as
    /// `(snapshot key, owner)`: derived from the owners' grants, so not saved.
    #[serde(skip)]
    pub shared_with_me: BTreeSet<(Name, Name)>,
}

/// One simulated AWS: every account and region, one clock.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct World {
    pub settings: Settings,
    pub clock: Clock,
    /// region -> account -> holdings.
    pub regions: BTreeMap<Name, BTreeMap<Name, Place>>,
    /// The transitions still to come.
    pub timeline: Timeline,
    /// What a test declared of other services (buckets, topics, keys, VPCs).
    pub outside: Outside,
    /// The inline policies of IAM users and roles (global, as IAM is).
    pub identity_policies: iam::IdentityPolicies,
    /// Injected faults and the call log: a test's run, not the world's state.
    #[serde(skip)]
    pub controls: controls::Controls,
}

impl World {
    pub fn new(settings: Settings) -> World {
        World {
            settings,
            ..World::default()
        }
    }

    /// Empties the world, keeping its settings, clock and call-log setting;
    /// the call log, pending faults, identity policies and what a test
    /// declared of other services go too.
    pub fn reset(&mut self) {
        self.regions.clear();
        self.timeline.clear();
        self.outside = Outside::default();
        self.identity_policies.clear();
        self.controls.reset();
    }

    /// The holdings of `account` in `region`, if it has any.
    pub fn place_of(&self, region: &str, account: &str) -> Option<&Place> {
        self.regions.get(region).and_then(|r| r.get(account))
    }

    /// The caller's holdings, if it has any.
    pub fn place(&self, ctx: &Context) -> Option<&Place> {
        self.place_of(ctx.region, ctx.account)
    }

    /// The caller's holdings, for a change to what exists.
    pub fn place_mut(&mut self, ctx: &Context) -> Option<&mut Place> {
        self.regions
            .get_mut(ctx.region)
            .and_then(|r| r.get_mut(ctx.account))
    }

    /// The caller's holdings, made on first use.
    pub fn place_entry(&mut self, ctx: &Context) -> &mut Place {
        self.regions
            .entry(Name::from(ctx.region))
            .or_default()
            .entry(Name::from(ctx.account))
            .or_default()
    }

    /// Asks the timeline to look at one of the caller's records at `at`.
    pub fn schedule(&mut self, ctx: &Context, at: Timestamp, kind: ResourceKind, key: &Name) {
        let wakeup = Wakeup {
            region: Name::from(ctx.region),
            account: Name::from(ctx.account),
            kind,
            key: key.clone(),
        };
        self.timeline.schedule(at, wakeup);
    }

    /// Lets the clock's passage act: every wake-up due by `now` runs, in
    /// time order, at its own time. Called before and after each operation
    /// (after, so that a transition of no duration is done before the clock
    /// can be set back); it costs nothing until something is due.
    pub fn tick(&mut self, now: Timestamp) {
        while let Some((at, wakeup)) = self.timeline.pop_due(now) {
            let ctx = Context {
                account: &wakeup.account,
                region: &wakeup.region,
                principal: principal::SERVICE,
                now: at,
            };
            match wakeup.kind {
                ResourceKind::Cluster => self.wake_cluster(&ctx, &wakeup.key),
                ResourceKind::Snapshot => self.wake_snapshot(&ctx, &wakeup.key),
                ResourceKind::ScheduledAction => self.wake_scheduled_action(&ctx, &wakeup.key),
                ResourceKind::Integration => self.wake_integration(&ctx, &wakeup.key),
                ResourceKind::EndpointAccess => self.wake_endpoint_access(&ctx, &wakeup.key),
                ResourceKind::EndpointAuthorization => {
                    self.wake_endpoint_authorization(&ctx, &wakeup.key)
                }
                ResourceKind::ReservedNode => self.wake_reserved_node(&ctx, &wakeup.key),
                ResourceKind::ReservedNodeExchange => {
                    self.wake_reserved_node_exchange(&ctx, &wakeup.key)
                }
                // Kinds that change only when a call changes them.
                ResourceKind::SnapshotCopyGrant
                | ResourceKind::SnapshotSchedule
                | ResourceKind::EventSubscription
                | ResourceKind::ParameterGroup
                | ResourceKind::SecurityGroup
                | ResourceKind::SubnetGroup
                | ResourceKind::UsageLimit
                | ResourceKind::HsmClientCertificate
                | ResourceKind::HsmConfiguration
                | ResourceKind::AuthenticationProfile
                | ResourceKind::ResourcePolicy
                | ResourceKind::DataShare
                | ResourceKind::Partner
                | ResourceKind::CustomDomain
                | ResourceKind::RedshiftIdcApplication
                | ResourceKind::Qev2IdcApplication => {}
            }
        }
    }
}

/// The one status precondition: `status` must be one of `allowed`;
/// otherwise the operation's own error for it, and nothing changes.
pub fn require<S: Copy + PartialEq>(
    status: S,
    allowed: &[S],
    refused: impl FnOnce(S) -> RedshiftError,
) -> Outcome<()> {
    if allowed.contains(&status) {
        Ok(())
    } else {
        Err(refused(status))
    }
}

/// Days a manual snapshot is kept: -1 (forever) or 1..=3653 (doc).
pub fn check_manual_retention(days: i64) -> Outcome<i64> {
    if days == -1 || (1..=3653).contains(&days) {
        Ok(days)
    } else {
        Err(RedshiftError::InvalidManualRetention(days))
    }
}

/// A stable, well-spread 64-bit hash (FNV-1a), for generated names.
pub fn hash64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// A version 4 UUID made from `parts` (stable: the same parts make the
/// same UUID), for the ids AWS generates.
pub fn uuid4(parts: &[&str]) -> String {
    let (a, b) = (hash64(parts), hash64(&[&parts.concat(), "uuid"]));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_stable() {
        let id = uuid4(&["a", "b"]);
        assert_eq!(id, uuid4(&["a", "b"]));
        assert_ne!(id, uuid4(&["a", "c"]));
        let groups: Vec<&str> = id.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
        assert!(groups[2].starts_with('4') && groups[3].starts_with(['8', '9', 'a', 'b']));
    }

    #[test]
    fn retention_periods() {
        assert!(check_manual_retention(-1).is_ok());
        assert!(check_manual_retention(1).is_ok());
        assert!(check_manual_retention(3653).is_ok());
        for bad in [0, -2, 3654] {
            assert_eq!(
                check_manual_retention(bad).unwrap_err().code(),
                "InvalidRetentionPeriodFault"
            );
        }
    }

    #[test]
    fn a_precondition_refuses_with_the_operations_error() {
        assert!(require(1, &[1, 2], |_| RedshiftError::SnapshotNotNamed).is_ok());
        assert_eq!(
            require(3, &[1, 2], RedshiftError::InvalidNumberOfNodes),
            Err(RedshiftError::InvalidNumberOfNodes(3))
        );
    }
}
