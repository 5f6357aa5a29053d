//! Clusters: the record the engine keeps, its state machine on the clock,
//! and the one render of the model's `Cluster`.

mod create;
mod delete;
mod describe;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog::{self, CLUSTER_REVISION_NUMBER};
use super::name::Name;
use super::parameter_groups::cluster_parameter_groups;
use super::resources::{partition, typed_arn, Resource, ResourceKind};
use super::snapshots::SnapshotPlan;
use super::store::{Record, Store};
use super::tags::TagStore;
use super::{hash64, Context, Outcome, Place, World};
use crate::errors::RedshiftError;
use crate::model::{
    Cluster, ClusterNode, ClusterSecurityGroupMembership, Endpoint, PendingModifiedValues,
    RestoreStatus, Timestamp,
};

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
    /// Guide: pausing to paused, resuming to available, deleting to gone).
    pub fn settles(self) -> Settles {
        use ClusterStatus::*;
        match self {
            Deleting | FinalSnapshot => Settles::Gone,
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
    /// Its automated snapshots, snapshot schedule and cross-region copy.
    #[serde(default)]
    pub snapshot_plan: SnapshotPlan,
    /// Its cluster security groups.
    pub cluster_security_groups: Vec<Name>,
    /// Whether its parameter group changed since it last rebooted.
    pub pending_reboot: bool,
}

impl Record for ClusterRecord {
    type Order = ();
    fn key(&self) -> &Name {
        &self.facts.cluster_identifier
    }
    fn order(&self) {}
}

impl Resource for ClusterRecord {
    const KIND: ResourceKind = ResourceKind::Cluster;
    fn store(place: &Place) -> &Store<Self> {
        &place.clusters
    }
    fn store_mut(place: &mut Place) -> &mut Store<Self> {
        &mut place.clusters
    }
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterNotFound(identifier.to_ascii_lowercase())
    }
    /// A cluster being deleted takes no tags.
    fn taggable(&self, _ctx: &Context) -> Outcome<()> {
        self.require(&[
            ClusterStatus::Available,
            ClusterStatus::Creating,
            ClusterStatus::Modifying,
            ClusterStatus::Paused,
            ClusterStatus::Pausing,
            ClusterStatus::Rebooting,
            ClusterStatus::Renaming,
            ClusterStatus::Resizing,
            ClusterStatus::Resuming,
            ClusterStatus::RotatingKeys,
            ClusterStatus::CancellingResize,
        ])
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

    /// The cluster as its owner sees it at `ctx.now`.
    pub fn render(&self, ctx: &Context, tags: &TagStore) -> Cluster {
        let f = &self.facts;
        let id = f.cluster_identifier.as_str();
        let h = hash64(&[ctx.account, ctx.region, id]);
        let octet = |shift: u32| (h >> shift) & 0xff;
        let node = |role: String, i: i64| ClusterNode {
            node_role: Some(Name::from(role)),
            private_ip_address: Some(Name::from(format!(
                "10.{}.{}.{}",
                octet(8),
                octet(16),
                10 + i
            ))),
            public_ip_address: Some(Name::from(format!(
                "54.{}.{}.{}",
                octet(24),
                octet(32),
                10 + i
            ))),
        };
        let nodes = if f.number_of_nodes == 1 {
            vec![node("SHARED".to_owned(), 0)]
        } else {
            std::iter::once(node("LEADER".to_owned(), 0))
                .chain((0..f.number_of_nodes).map(|i| node(format!("COMPUTE-{i}"), i + 1)))
                .collect()
        };
        let namespace = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            h >> 32,
            (h >> 16) & 0xffff,
            h & 0xfff,
            (h >> 12) & 0xfff,
            hash64(&[id, ctx.account]) & 0xffff_ffff_ffff
        );
        let storage = catalog::node_type(&f.node_type).map_or(0, |n| n.storage_mb);
        let endpoint = (self.status != ClusterStatus::Creating).then(|| Endpoint {
            address: Some(Name::from(format!(
                "{id}.c{:011x}.{}.redshift.{}",
                h >> 20,
                ctx.region,
                partition(ctx.region).1
            ))),
            port: Some(f.port),
            vpc_endpoints: None,
        });
        Cluster {
            cluster_identifier: Some(f.cluster_identifier.clone()),
            node_type: Some(f.node_type.clone()),
            cluster_status: Some(Name::from(self.status.as_str())),
            cluster_availability_status: Some(Name::from(self.status.availability())),
            master_username: Some(f.master_username.clone()),
            db_name: Some(f.db_name.clone()),
            endpoint,
            cluster_create_time: Some(f.cluster_create_time),
            automated_snapshot_retention_period: Some(self.automated_retention_days),
            manual_snapshot_retention_period: Some(self.manual_retention_days),
            cluster_security_groups: Some(
                self.cluster_security_groups
                    .iter()
                    .map(|g| ClusterSecurityGroupMembership {
                        cluster_security_group_name: Some(g.clone()),
                        status: Some(Name::from_static("active")),
                    })
                    .collect(),
            ),
            vpc_security_groups: Some(Vec::new()),
            cluster_parameter_groups: Some(cluster_parameter_groups(
                &self.parameter_group,
                self.pending_reboot,
            )),
            cluster_subnet_group_name: self.subnet_group.clone(),
            vpc_id: f.vpc_id.clone(),
            availability_zone: Some(f.availability_zone.clone()),
            preferred_maintenance_window: Some(self.preferred_maintenance_window.clone()),
            pending_modified_values: Some(PendingModifiedValues::default()),
            cluster_version: Some(f.cluster_version.clone()),
            allow_version_upgrade: Some(self.allow_version_upgrade),
            number_of_nodes: Some(f.number_of_nodes),
            publicly_accessible: Some(self.publicly_accessible),
            encrypted: Some(f.encrypted),
            restore_status: self
                .restore
                .as_ref()
                .map(|r| r.status(ctx.now, self.status != ClusterStatus::Creating)),
            cluster_nodes: Some(nodes),
            cluster_revision_number: Some(Name::from(CLUSTER_REVISION_NUMBER)),
            tags: Some(tags.render(ResourceKind::Cluster, id)),
            kms_key_id: f.kms_key_id.clone(),
            enhanced_vpc_routing: Some(f.enhanced_vpc_routing),
            iam_roles: Some(Vec::new()),
            pending_actions: Some(Vec::new()),
            maintenance_track_name: Some(f.maintenance_track_name.clone()),
            deferred_maintenance_windows: Some(Vec::new()),
            availability_zone_relocation_status: Some(Name::from("disabled")),
            cluster_namespace_arn: Some(Name::from(typed_arn(
                ctx.region,
                ctx.account,
                "namespace",
                &namespace,
            ))),
            total_storage_capacity_in_mega_bytes: Some(storage * f.number_of_nodes),
            default_iam_role_arn: self.default_iam_role_arn.clone(),
            ip_address_type: Some(self.ip_address_type.clone()),
            multi_az: Some(Name::from(if self.multi_az {
                "Enabled"
            } else {
                "Disabled"
            })),
            master_password_secret_arn: f.master_password_secret_arn.clone(),
            master_password_secret_kms_key_id: f.master_password_secret_kms_key_id.clone(),
            ..self.snapshot_members()
        }
    }
}

impl Restore {
    /// `RestoreStatus` at `now`: worked out from the clock while the restore
    /// runs (the cluster is `creating`), the finished restore's once `done`.
    pub fn status(&self, now: Timestamp, done: bool) -> RestoreStatus {
        let duration = self.started.seconds_until(self.ends).max(0.0);
        let elapsed = if done {
            duration
        } else {
            self.started.seconds_until(now).clamp(0.0, duration)
        };
        let size = self.snapshot_size_mb;
        let rate = if duration > 0.0 { size / duration } else { 0.0 };
        let status = if done {
            "completed"
        } else if elapsed > 0.0 {
            "restoring"
        } else {
            "starting"
        };
        RestoreStatus {
            status: Some(Name::from(status)),
            current_restore_rate_in_mega_bytes_per_second: Some((rate * 1000.0).round() / 1000.0),
            snapshot_size_in_mega_bytes: Some(size.round() as i64),
            progress_in_mega_bytes: Some(if done {
                size.round() as i64
            } else {
                (rate * elapsed) as i64
            }),
            elapsed_time_in_seconds: Some(elapsed as i64),
            estimated_time_to_completion_in_seconds: Some((duration - elapsed).ceil() as i64),
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

    /// A cluster's wake-up: a transitional status whose time is up settles.
    pub(super) fn wake_cluster(&mut self, ctx: &Context, key: &Name) {
        self.wake_cluster_snapshots(ctx, key);
        let Some(c) = self.place_mut(ctx).and_then(|p| p.clusters.get_mut(key)) else {
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
            Settles::To(status) => {
                c.status = status;
                self.cluster_status_settled(ctx, key, was, status);
                if was == ClusterStatus::Creating {
                    self.cluster_became_available(ctx, key);
                }
            }
        }
    }

    /// A new cluster is available: it takes its first automated snapshot,
    /// unless its retention period is 0 (doc), and the next in time.
    fn cluster_became_available(&mut self, ctx: &Context, key: &Name) {
        self.begin_automated_snapshots(ctx, key);
    }
}
