//! ModifyCluster: every member checked before anything changes; what AWS
//! applies at once is applied, what it applies later waits in
//! `PendingModifiedValues` for the end of `modifying` (`renaming`,
//! `resizing`), the maintenance window, or a reboot.

use std::sync::Arc;

use super::create::{
    check_automated_retention, check_elastic_ip_use, check_ip_address_type, check_port,
    check_version, check_zone, secondary_zone, secret_arn,
};
use super::names::check_password;
use super::resize::{resize_target, ResizeKind, Target};
use super::{ClusterRecord, ClusterStatus, Encryption, Hsm, MaintenanceWindow};
use crate::engine::catalog;
use crate::engine::events::{MASTER_CREDENTIALS_UPDATED, VPC_SECURITY_GROUPS_UPDATED};
use crate::engine::identifiers::new_cluster_identifier;
use crate::engine::name::Name;
use crate::engine::references::ClusterReferences;
use crate::engine::resources::ResourceKind;
use crate::engine::snapshots::Retention;
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{ModifyClusterMessage, ModifyClusterResult};

impl World {
    /// ModifyCluster (doc unless marked).
    pub fn modify_cluster(
        &mut self,
        ctx: &Context,
        input: ModifyClusterMessage,
    ) -> Outcome<ModifyClusterResult> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let key = cluster.identifier().clone();
        let mut next = cluster.clone();
        let resize = resize_of(cluster, &input)?;
        let rename = match &input.new_cluster_identifier {
            Some(new) => Some(self.free_identifier(ctx, new)?),
            None => None,
        };
        if resize.is_some() && rename.is_some() {
            return Err(RedshiftError::ResizeAndRename);
        }
        modify_record(ctx, &mut next, &input)?;
        next.pending.cluster_identifier = rename.clone();
        let refs = self.check_cluster_references(
            ctx,
            ClusterReferences {
                parameter_group: input.cluster_parameter_group_name.as_deref(),
                subnet_group: cluster.subnet_group.as_deref(),
                security_groups: input.cluster_security_groups.as_deref(),
                availability_zone: input.availability_zone.as_deref(),
                kms_key: input.kms_key_id.as_deref(),
            },
        )?;
        if input.cluster_security_groups.is_some() {
            next.security_groups = refs.security_groups;
        }
        self.check_hsm_references(
            ctx,
            input.hsm_client_certificate_identifier.as_deref(),
            input.hsm_configuration_identifier.as_deref(),
        )?;
        if let Some(target) = &resize {
            self.check_node_quota(ctx, target.nodes, Some(&key))?;
        }
        // Checked: from here on the call changes the world.
        let retention_changed = next.automated_retention_days != cluster.automated_retention_days;
        let vpc_groups_changed = next.vpc_security_groups != cluster.vpc_security_groups;
        let group = refs
            .parameter_group
            .filter(|group| *group != cluster.parameter_group);
        let modifying = next.pending.is_modification();
        let seconds = self.settings.cluster_modifying_seconds;
        if let Some(c) = self.cluster_mut(ctx, &key) {
            *c = next;
        }
        if retention_changed {
            self.retain_automated_snapshots(ctx, &key);
        }
        if let Some(group) = group {
            self.parameter_group_associated(ctx, &key, &group);
        }
        if input.master_user_password.is_some() {
            self.record_event(ctx, MASTER_CREDENTIALS_UPDATED, &key, Vec::new());
        }
        if vpc_groups_changed {
            self.record_event(ctx, VPC_SECURITY_GROUPS_UPDATED, &key, Vec::new());
        }
        self.schedule_cluster(ctx, &key);
        if let Some(target) = resize {
            self.start_resize(ctx, &key, ResizeKind::Classic, target)?;
        } else if rename.is_some() {
            self.begin_cluster_transition(ctx, &key, ClusterStatus::Renaming, seconds);
        } else if modifying {
            self.begin_cluster_transition(ctx, &key, ClusterStatus::Modifying, seconds);
        }
        Ok(ModifyClusterResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }

    /// A new identifier for a cluster of the caller's: valid, and neither a
    /// cluster's nor one a rename is about to take (doc: ClusterAlreadyExists).
    fn free_identifier(&self, ctx: &Context, new: &str) -> Outcome<Name> {
        let id = new_cluster_identifier("NewClusterIdentifier", new)?;
        if self.cluster_identifier_taken(ctx, &id) {
            return Err(RedshiftError::ClusterAlreadyExists(id));
        }
        Ok(Name::from(id))
    }

    /// Holds the cluster's automated snapshots to its automated retention
    /// period, as modified: those outside it go at once (doc).
    fn retain_automated_snapshots(&mut self, ctx: &Context, key: &Name) {
        let Some(c) = self.place(ctx).and_then(|p| p.clusters.get(key)) else {
            return;
        };
        let (days, created) = (c.automated_retention_days, c.facts.cluster_create_time);
        let ours = |s: &crate::engine::snapshots::SnapshotRecord| {
            s.is_automated()
                && s.cluster_identifier() == key
                && s.facts.cluster_create_time == created
        };
        if days == 0 {
            self.remove_snapshots(ctx, ours);
            return;
        }
        let mut expiries = Vec::new();
        if let Some(place) = self.place_mut(ctx) {
            for s in place.snapshots.values_mut().filter(|s| ours(s)) {
                s.retention = Retention::Automated { days };
                expiries.extend(s.expires_at().map(|at| (at, s.id.clone())));
            }
        }
        for (at, id) in expiries {
            self.schedule(ctx, at.max(ctx.now), ResourceKind::Snapshot, &id);
        }
    }
}

impl super::Pending {
    /// Whether a change waits for the end of a `modifying` transition.
    fn is_modification(&self) -> bool {
        self.master_user_password
            || self.publicly_accessible.is_some()
            || self.enhanced_vpc_routing.is_some()
            || self.encryption.is_some()
            || self.port.is_some()
            || self.availability_zone.is_some()
            || self.revision.is_some()
    }
}

/// The classic resize a ModifyCluster asks for, if any (doc: a new node
/// type needs the number of nodes, and the other way round).
fn resize_of(cluster: &ClusterRecord, input: &ModifyClusterMessage) -> Outcome<Option<Target>> {
    match (&input.node_type, input.number_of_nodes, &input.cluster_type) {
        (None, None, None) => Ok(None),
        (Some(_), None, _) | (None, Some(_), _) => Err(RedshiftError::ResizeNeedsTypeAndCount),
        (node_type, nodes, cluster_type) => resize_target(
            cluster,
            node_type.as_deref(),
            cluster_type.as_deref(),
            nodes,
        )
        .map(Some),
    }
}

/// A value that differs from the current one, as a pending change.
fn changed<T: PartialEq>(wanted: Option<T>, current: T) -> Option<T> {
    wanted.filter(|w| *w != current)
}

/// Applies to `c` (a copy) every member of the call but the resize, the
/// rename and the references (parameter and security groups), checking
/// each (doc unless marked).
fn modify_record(
    ctx: &Context,
    c: &mut ClusterRecord,
    input: &ModifyClusterMessage,
) -> Outcome<()> {
    let node = c
        .node_type()
        .ok_or_else(|| RedshiftError::InvalidNodeType(c.facts.node_type.to_string()))?;
    if let Some(groups) = &input.vpc_security_group_ids {
        c.vpc_security_groups = groups.clone();
    }
    let managed = input
        .manage_master_password
        .unwrap_or(c.facts.master_password_secret_arn.is_some());
    if let Some(password) = &input.master_user_password {
        if managed {
            return Err(RedshiftError::PasswordAndManagedPassword);
        }
        check_password(password)?;
        c.pending.master_user_password = true;
    }
    if let Some(days) = input.automated_snapshot_retention_period {
        check_automated_retention(node, days)?;
        c.automated_retention_days = days;
    }
    if let Some(days) = input.manual_snapshot_retention_period {
        c.manual_retention_days = check_manual_retention(days)?;
    }
    if let Some(window) = &input.preferred_maintenance_window {
        c.preferred_maintenance_window = Name::from(MaintenanceWindow::check(window)?);
    }
    if let Some(version) = &input.cluster_version {
        check_version(version)?;
    }
    if let Some(allow) = input.allow_version_upgrade {
        c.allow_version_upgrade = allow;
    }
    if input.hsm_client_certificate_identifier.is_some()
        || input.hsm_configuration_identifier.is_some()
    {
        let hsm = c.hsm.get_or_insert(Hsm {
            client_certificate: None,
            configuration: None,
        });
        if let Some(id) = &input.hsm_client_certificate_identifier {
            hsm.client_certificate = Some(id.clone());
        }
        if let Some(id) = &input.hsm_configuration_identifier {
            hsm.configuration = Some(id.clone());
        }
    }
    c.pending.publicly_accessible = changed(input.publicly_accessible, c.publicly_accessible);
    if let Some(relocation) = input.availability_zone_relocation {
        if relocation && !node.managed_storage {
            return Err(RedshiftError::RelocationNotSupported(node.name.to_owned()));
        }
        c.availability_zone_relocation = relocation;
    }
    if input.elastic_ip.is_some() {
        let public = input.publicly_accessible.unwrap_or(c.publicly_accessible);
        check_elastic_ip_use(
            input.elastic_ip.as_deref(),
            public,
            c.availability_zone_relocation,
        )?;
        c.elastic_ip = input.elastic_ip.clone();
    }
    c.pending.enhanced_vpc_routing =
        changed(input.enhanced_vpc_routing, c.facts.enhanced_vpc_routing);
    if let Some(name) = &input.maintenance_track_name {
        let track = catalog::track(name)
            .ok_or_else(|| RedshiftError::InvalidClusterTrack(name.to_string()))?;
        c.pending.maintenance_track_name =
            (track.name != c.facts.maintenance_track_name.as_str()).then(|| Name::from(track.name));
    }
    // A pending track waits for the next window, as the window now is.
    c.pending.maintenance_at = c
        .pending
        .maintenance_track_name
        .as_ref()
        .and_then(|_| c.next_maintenance(ctx.now));
    if input.encrypted.is_some() || input.kms_key_id.is_some() {
        let encrypted = input.encrypted.unwrap_or(true);
        if !encrypted && input.kms_key_id.is_some() {
            return Err(RedshiftError::KeyWithoutEncryption);
        }
        let wanted = Encryption {
            encrypted,
            kms_key_id: input.kms_key_id.clone().filter(|_| encrypted),
        };
        let current = Encryption {
            encrypted: c.facts.encrypted,
            kms_key_id: c.facts.kms_key_id.clone(),
        };
        c.pending.encryption = changed(Some(wanted), current);
    }
    if let Some(zone) = &input.availability_zone {
        if !c.availability_zone_relocation {
            return Err(RedshiftError::RelocationDisabled(
                c.identifier().to_string(),
            ));
        }
        let zone = check_zone(ctx, zone)?;
        c.pending.availability_zone = changed(Some(zone), c.facts.availability_zone.clone());
    }
    if let Some(port) = input.port {
        check_port(node, port)?;
        c.pending.port = changed(Some(port), c.facts.port);
    }
    if input.master_password_secret_kms_key_id.is_some() && !managed {
        return Err(RedshiftError::SecretKeyWithoutManagedPassword);
    }
    if input.manage_master_password.is_some() || input.master_password_secret_kms_key_id.is_some() {
        let secret = managed.then(|| {
            c.facts
                .master_password_secret_arn
                .clone()
                .unwrap_or_else(|| secret_arn(ctx, c.identifier()))
        });
        let key = input
            .master_password_secret_kms_key_id
            .clone()
            .or_else(|| c.facts.master_password_secret_kms_key_id.clone())
            .filter(|_| managed);
        let facts = Arc::make_mut(&mut c.facts);
        facts.master_password_secret_arn = secret;
        facts.master_password_secret_kms_key_id = key;
    }
    if input.ip_address_type.is_some() {
        c.ip_address_type = check_ip_address_type(input.ip_address_type.as_deref())?;
    }
    if let Some(multi_az) = input.multi_az {
        if multi_az && !node.managed_storage {
            return Err(RedshiftError::MultiAzNotSupported(node.name.to_owned()));
        }
        c.multi_az = multi_az;
        c.secondary_availability_zone = multi_az.then(|| {
            c.secondary_availability_zone
                .clone()
                .unwrap_or_else(|| secondary_zone(ctx, &c.facts.availability_zone))
        });
    }
    if let Some(extra) = input.extra_compute_for_automatic_optimization {
        c.extra_compute_for_automatic_optimization = extra;
    }
    Ok(())
}
