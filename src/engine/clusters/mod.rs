//! Clusters: the record the engine keeps, its one state machine on the
//! clock, and the changes that wait in it (`PendingModifiedValues`) until
//! AWS applies them. The render of the model's `Cluster` is in [`render`];
//! each operation has its own file.

mod account;
mod catalog_ops;
mod configuration;
mod create;
mod credentials;
mod delete;
mod describe;
mod iam;
mod lifecycle;
mod loaded;
mod maintenance;
mod modify;
mod names;
mod options;
mod rename;
mod render;
mod resize;
#[cfg(test)]
mod tests;
mod window;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog;
use super::name::Name;
use super::resources::{Resource, ResourceKind};
use super::snapshots::SnapshotPlan;
use super::store::Record;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::Timestamp;

pub use resize::{Resize, ResizeKind, ResizeStatus};
pub use window::MaintenanceWindow;

/// What a cluster's snapshots show of it. Shared between the cluster and
/// every snapshot taken while it stays the same (a change makes a new one),
/// so its strings are held once however many snapshots there are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClusterFacts {
    pub cluster_identifier: Name,
    pub cluster_create_time: Timestamp,
    pub node_type: Name,
    pub number_of_nodes: i64,
    pub master_username: Name,
    pub db_name: Name,
    pub cluster_version: Name,
    pub engine_full_version: Name,
    pub availability_zone: Name,
    pub port: i64,
    pub vpc_id: Option<Name>,
    pub encrypted: bool,
    pub kms_key_id: Option<Name>,
    pub encrypted_with_hsm: bool,
    pub enhanced_vpc_routing: bool,
    pub maintenance_track_name: Name,
    pub master_password_secret_arn: Option<Name>,
    pub master_password_secret_kms_key_id: Option<Name>,
}

/// `ClusterStatus` (doc: the values of the `Cluster` shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClusterStatus {
    Available,
    Creating,
    Deleting,
    FinalSnapshot,
    Modifying,
    Paused,
    Pausing,
    Rebooting,
    Renaming,
    Resizing,
    Resuming,
    RotatingKeys,
    CancellingResize,
}

/// Where a transitional status leads when its time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settles {
    To(ClusterStatus),
    /// The cluster is gone (a deletion finished).
    Gone,
}

impl ClusterStatus {
    /// Every status.
    pub const ALL: &'static [ClusterStatus] = &[
        ClusterStatus::Creating,
        ClusterStatus::Available,
        ClusterStatus::Modifying,
        ClusterStatus::Paused,
        ClusterStatus::Pausing,
        ClusterStatus::Rebooting,
        ClusterStatus::Renaming,
        ClusterStatus::Resizing,
        ClusterStatus::Resuming,
        ClusterStatus::RotatingKeys,
        ClusterStatus::CancellingResize,
        ClusterStatus::Deleting,
        ClusterStatus::FinalSnapshot,
    ];

    /// Every status but those of a cluster on its way out (the last two of
    /// [`ClusterStatus::ALL`]).
    pub const LIVE: &'static [ClusterStatus] = Self::ALL.split_at(11).0;

    /// Every status of a cluster that has been made and is not on its way out.
    pub const BUILT: &'static [ClusterStatus] = Self::LIVE.split_at(1).1;

    /// The status as AWS writes it.
    pub fn as_str(self) -> &'static str {
        use ClusterStatus::*;
        match self {
            Available => "available",
            Creating => "creating",
            Deleting => "deleting",
            FinalSnapshot => "final-snapshot",
            Modifying => "modifying",
            Paused => "paused",
            Pausing => "pausing",
            Rebooting => "rebooting",
            Renaming => "renaming",
            Resizing => "resizing",
            Resuming => "resuming",
            RotatingKeys => "rotating-keys",
            CancellingResize => "cancelling-resize",
        }
    }

    /// What the status becomes when it has lasted its time (doc, Management
    /// Guide and DeleteCluster: pausing to paused, resuming and every change
    /// to available, a final snapshot to deleting, deleting to gone).
    pub fn settles(self) -> Settles {
        use ClusterStatus::*;
        match self {
            Deleting => Settles::Gone,
            FinalSnapshot => Settles::To(Deleting),
            Pausing | Paused => Settles::To(Paused),
            _ => Settles::To(Available),
        }
    }

    /// `ClusterAvailabilityStatus` while in this status (doc).
    pub fn availability(self) -> &'static str {
        use ClusterStatus::*;
        match self {
            Available => "Available",
            Modifying | Renaming | Resizing | CancellingResize | RotatingKeys => "Modifying",
            _ => "Unavailable",
        }
    }
}

/// A finished or running restore: what `RestoreStatus` is worked out from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Restore {
    pub snapshot_size_mb: f64,
    pub started: Timestamp,
    pub ends: Timestamp,
}

/// Where an IAM role stands with its cluster (doc: `ApplyStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleStatus {
    InSync,
    Adding,
    Removing,
}

impl RoleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleStatus::InSync => "in-sync",
            RoleStatus::Adding => "adding",
            RoleStatus::Removing => "removing",
        }
    }
}

/// An IAM role associated with a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IamRole {
    pub arn: Name,
    pub status: RoleStatus,
}

/// Where the cluster's parameter group stands (doc: `ParameterApplyStatus`:
/// a new group applies only after a reboot).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParameterApply {
    #[default]
    InSync,
    PendingReboot,
}

impl ParameterApply {
    /// The status as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterApply::InSync => "in-sync",
            ParameterApply::PendingReboot => "pending-reboot",
        }
    }
}

/// Encryption a modification asks for: with a key, or none at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encryption {
    pub encrypted: bool,
    pub kms_key_id: Option<Name>,
}

/// The changes that wait to be applied: those of a modification, applied
/// when its transition ends; the maintenance track, applied in the next
/// maintenance window (doc) or at a reboot (doc: a reboot applies every
/// pending modification).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pending {
    pub master_user_password: bool,
    pub publicly_accessible: Option<bool>,
    pub enhanced_vpc_routing: Option<bool>,
    pub encryption: Option<Encryption>,
    pub port: Option<i64>,
    pub availability_zone: Option<Name>,
    pub revision: Option<Name>,
    /// A rename, done when `renaming` ends.
    pub cluster_identifier: Option<Name>,
    pub maintenance_track_name: Option<Name>,
    /// When the pending maintenance track is applied.
    pub maintenance_at: Option<Timestamp>,
}

/// A deferral of the cluster's maintenance (ModifyClusterMaintenance).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deferral {
    pub identifier: Name,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// The cluster's HSM settings (doc: `HsmStatus`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hsm {
    pub client_certificate: Option<Name>,
    pub configuration: Option<Name>,
}

/// The cluster's lakehouse configuration (ModifyLakehouseConfiguration).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lakehouse {
    pub registered: bool,
    pub catalog_arn: Option<Name>,
    pub idc_application_arn: Option<Name>,
}

/// A cluster as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    pub facts: Arc<ClusterFacts>,
    pub status: ClusterStatus,
    /// When the current transitional status is over.
    pub until: Option<Timestamp>,
    pub automated_retention_days: i64,
    pub manual_retention_days: i64,
    pub parameter_group: Name,
    pub subnet_group: Option<Name>,
    pub preferred_maintenance_window: Name,
    pub allow_version_upgrade: bool,
    pub publicly_accessible: bool,
    pub default_iam_role_arn: Option<Name>,
    pub ip_address_type: Name,
    pub multi_az: bool,
    pub restore: Option<Restore>,
    /// The ARN of the snapshot the cluster was restored from, while no newer
    /// backup of the cluster exists (fact: that snapshot cannot be deleted).
    pub restored_from: Option<Name>,
    #[serde(default)]
    pub parameter_apply: ParameterApply,
    #[serde(default)]
    pub iam_roles: Vec<IamRole>,
    #[serde(default)]
    pub pending: Pending,
    /// The last resize, running or done (DescribeResize).
    #[serde(default)]
    pub resize: Option<Resize>,
    #[serde(default)]
    pub deferral: Option<Deferral>,
    #[serde(default)]
    pub security_groups: Vec<Name>,
    #[serde(default)]
    pub vpc_security_groups: Vec<Name>,
    #[serde(default)]
    pub hsm: Option<Hsm>,
    #[serde(default)]
    pub elastic_ip: Option<Name>,
    #[serde(default)]
    pub availability_zone_relocation: bool,
    /// The Availability Zone of a Multi-AZ cluster's secondary compute.
    #[serde(default)]
    pub secondary_availability_zone: Option<Name>,
    #[serde(default)]
    pub lakehouse: Lakehouse,
    #[serde(default)]
    pub extra_compute_for_automatic_optimization: bool,
    /// Its automated snapshots, snapshot schedule and cross-region copy.
    #[serde(default)]
    pub snapshot_plan: SnapshotPlan,
    /// How many temporary credentials the cluster has issued: each gets a
    /// fresh password.
    #[serde(default)]
    pub credentials_issued: u64,
}

impl Record for ClusterRecord {
    type Order = ();
    fn key(&self) -> &Name {
        &self.facts.cluster_identifier
    }
    fn order(&self) {}
}

impl Resource for ClusterRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterNotFound(identifier.to_ascii_lowercase())
    }
    /// A cluster being deleted takes no tags.
    fn taggable(&self, _ctx: &Context) -> Outcome<()> {
        self.require(ClusterStatus::LIVE)
    }
}

impl ClusterRecord {
    pub fn identifier(&self) -> &Name {
        &self.facts.cluster_identifier
    }

    /// The one cluster precondition: its status must be one of `allowed`,
    /// otherwise `InvalidClusterState`.
    pub fn require(&self, allowed: &[ClusterStatus]) -> Outcome<()> {
        super::require(self.status, allowed, |status| {
            RedshiftError::InvalidClusterState {
                id: self.identifier().to_string(),
                status: status.as_str().to_owned(),
            }
        })
    }

    /// The node type of the cluster in the catalog.
    pub fn node_type(&self) -> Option<&'static catalog::NodeType> {
        catalog::node_type(&self.facts.node_type)
    }

    /// The cluster's preferred maintenance window, read.
    pub fn window(&self) -> Option<MaintenanceWindow> {
        MaintenanceWindow::parse(&self.preferred_maintenance_window)
    }

    /// When maintenance can next begin at or after `now`: the next start of
    /// the preferred window that a deferral does not cover (doc).
    pub fn next_maintenance(&self, now: Timestamp) -> Option<Timestamp> {
        let window = self.window()?;
        let mut at = window.next_start(now);
        if let Some(d) = &self.deferral {
            if at >= d.start && at < d.end {
                at = window.next_start(d.end);
            }
        }
        Some(at)
    }

    /// Applies what waits for the end of a transition: every pending
    /// modification but the maintenance track and the rename (done by the
    /// world, which moves the record).
    fn apply_pending(&mut self) {
        let p = std::mem::take(&mut self.pending);
        self.pending.maintenance_track_name = p.maintenance_track_name;
        self.pending.maintenance_at = p.maintenance_at;
        self.pending.cluster_identifier = p.cluster_identifier;
        if let Some(public) = p.publicly_accessible {
            self.publicly_accessible = public;
        }
        let facts = Arc::make_mut(&mut self.facts);
        if let Some(routing) = p.enhanced_vpc_routing {
            facts.enhanced_vpc_routing = routing;
        }
        if let Some(e) = p.encryption {
            facts.encrypted = e.encrypted;
            facts.kms_key_id = e.kms_key_id;
        }
        if let Some(port) = p.port {
            facts.port = port;
        }
        if let Some(zone) = p.availability_zone {
            facts.availability_zone = zone;
        }
        if let Some(revision) = p.revision.as_deref().and_then(catalog::release) {
            facts.engine_full_version = Name::from(revision.version());
        }
        self.iam_roles.retain(|r| r.status != RoleStatus::Removing);
        for role in &mut self.iam_roles {
            role.status = RoleStatus::InSync;
        }
        if let Some(resize) = &mut self.resize {
            if resize.status == ResizeStatus::InProgress {
                facts.node_type = resize.target_node_type.clone();
                facts.number_of_nodes = resize.target_nodes;
                resize.status = ResizeStatus::Succeeded;
            }
        }
    }

    /// Applies the pending maintenance track: the cluster switches to the
    /// release of that track (doc).
    fn apply_track(&mut self) {
        self.pending.maintenance_at = None;
        let Some(name) = self.pending.maintenance_track_name.take() else {
            return;
        };
        if let Some(track) = catalog::track(&name) {
            let facts = Arc::make_mut(&mut self.facts);
            facts.maintenance_track_name = name;
            facts.engine_full_version = Name::from(track.release.version());
        }
    }
}

impl World {
    /// Puts a cluster into a transitional status for `seconds`; the
    /// timeline settles it when the time is up (at once for 0 seconds).
    pub fn begin_cluster_transition(
        &mut self,
        ctx: &Context,
        key: &Name,
        status: ClusterStatus,
        seconds: f64,
    ) {
        let until = ctx.now.plus_seconds(seconds);
        if let Some(c) = self.place_mut(ctx).and_then(|p| p.clusters.get_mut(key)) {
            c.status = status;
            c.until = Some(until);
        }
        self.cluster_status_began(ctx, key, status);
        self.schedule(ctx, until, ResourceKind::Cluster, key);
    }

    /// Asks the timeline for every instant a cluster waits for (after it
    /// changed hands or name, or learnt of a new one).
    pub(crate) fn schedule_cluster(&mut self, ctx: &Context, key: &Name) {
        let awaited: Vec<Timestamp> = self
            .place(ctx)
            .and_then(|p| p.clusters.get(key))
            .map(|c| c.awaited().map(|(at, _)| at).collect())
            .unwrap_or_default();
        for at in awaited {
            self.schedule(ctx, at, ResourceKind::Cluster, key);
        }
    }

    /// The caller's cluster of that identifier (`ClusterNotFound`), in one of
    /// the `allowed` states (`InvalidClusterState`): where most operations start.
    pub(crate) fn cluster_in(
        &self,
        ctx: &Context,
        identifier: &str,
        allowed: &[ClusterStatus],
    ) -> Outcome<&ClusterRecord> {
        let cluster = self.own::<ClusterRecord>(ctx, identifier)?;
        cluster.require(allowed)?;
        Ok(cluster)
    }

    /// The caller's cluster, for a change that leaves its key alone.
    pub(crate) fn cluster_mut(&mut self, ctx: &Context, key: &Name) -> Option<&mut ClusterRecord> {
        self.place_mut(ctx).and_then(|p| p.clusters.get_mut(key))
    }

    /// A cluster's wake-up: a maintenance window that has come applies the
    /// pending track, and a transitional status whose time is up settles.
    pub(super) fn wake_cluster(&mut self, ctx: &Context, key: &Name) {
        self.wake_cluster_snapshots(ctx, key);
        let Some(c) = self.cluster_mut(ctx, key) else {
            return;
        };
        if c.pending.maintenance_at.is_some_and(|at| at <= ctx.now) {
            if c.status == ClusterStatus::Available {
                c.apply_track();
            } else {
                // Maintenance waits for an available cluster: the next window.
                c.pending.maintenance_at = c.next_maintenance(ctx.now.plus_seconds(1.0));
                self.schedule_cluster(ctx, key);
            }
        }
        self.settle_cluster(ctx, key);
    }

    /// Ends a cluster's transitional status if its time is up, applying
    /// what waited for it.
    fn settle_cluster(&mut self, ctx: &Context, key: &Name) {
        let Some(c) = self.cluster_mut(ctx, key) else {
            return;
        };
        if c.until.is_none_or(|until| ctx.now < until) {
            return;
        }
        c.until = None;
        let was = c.status;
        match was.settles() {
            Settles::Gone => {
                if let Some(gone) = self.remove::<ClusterRecord>(ctx, key) {
                    self.cluster_gone(ctx, &gone);
                }
            }
            Settles::To(ClusterStatus::Deleting) => {
                let seconds =
                    self.settings.cluster_deletion_seconds - self.final_snapshot_seconds();
                self.begin_cluster_transition(ctx, key, ClusterStatus::Deleting, seconds);
            }
            Settles::To(status) => {
                c.status = status;
                match was {
                    ClusterStatus::Rebooting => {
                        c.apply_pending();
                        c.apply_track();
                    }
                    ClusterStatus::CancellingResize => {
                        c.resize_cancelled();
                        c.apply_pending();
                    }
                    _ => c.apply_pending(),
                }
                let mut key = key.clone();
                match was {
                    ClusterStatus::Creating => self.begin_automated_snapshots(ctx, &key),
                    ClusterStatus::Renaming => key = self.finish_rename(ctx, &key),
                    _ => {}
                }
                self.cluster_status_settled(ctx, &key, was, status);
            }
        }
    }
}
