//! What a loaded world's cluster must be: a record the operations could have
//! made (a save edited by hand, or from another version, is refused with
//! the member at fault).

use super::create::{check_automated_retention, check_port, IAM_ROLE_QUOTA};
use super::names::check_elastic_ip;
use super::{ClusterRecord, ClusterStatus, MaintenanceWindow, ResizeStatus};
use crate::engine::catalog;
use crate::engine::check_manual_retention;
use crate::engine::identifiers::{check_role_arn, new_cluster_identifier};
use crate::model::Timestamp;

impl ClusterRecord {
    /// Every instant the record holds, named, for the caller to check.
    pub fn instants(&self) -> Vec<(&'static str, Timestamp)> {
        let mut at = Vec::new();
        at.extend(self.until.map(|t| ("until", t)));
        at.extend(self.pending.maintenance_at.map(|t| ("maintenance_at", t)));
        if let Some(r) = &self.resize {
            at.extend([("resize.started", r.started), ("resize.ends", r.ends)]);
        }
        let plan = &self.snapshot_plan;
        at.extend(plan.next_at.map(|t| ("automated snapshot", t)));
        at.extend(plan.last_at.map(|t| ("last automated snapshot", t)));
        at.extend(
            self.association_until()
                .map(|t| ("schedule association", t)),
        );
        if let Some(d) = &self.deferral {
            at.extend([
                ("DeferMaintenanceStartTime", d.start),
                ("DeferMaintenanceEndTime", d.end),
            ]);
        }
        at
    }

    /// When its snapshot schedule association stops `MODIFYING`, if it is.
    fn association_until(&self) -> Option<Timestamp> {
        self.snapshot_plan
            .schedule
            .as_ref()
            .and_then(|a| a.modifying_until)
    }

    /// The instants the cluster waits for, each of which needs a wake-up:
    /// the end of its transition, the maintenance window of a pending track,
    /// its next automated snapshot, the end of a schedule association's change.
    pub fn awaited(&self) -> impl Iterator<Item = (Timestamp, &'static str)> + '_ {
        [
            (self.until, "ends its status"),
            (
                self.pending.maintenance_at,
                "applies its pending maintenance track",
            ),
            (
                self.snapshot_plan.next_at,
                "takes its next automated snapshot",
            ),
            (
                self.association_until(),
                "ends its schedule association's change",
            ),
        ]
        .into_iter()
        .filter_map(|(at, what)| at.map(|at| (at, what)))
    }

    /// Refuses a cluster the API could not have made, naming the member.
    pub fn check_loaded(&self, region: &str) -> Result<(), String> {
        let f = &self.facts;
        let node = catalog::node_type(&f.node_type)
            .ok_or_else(|| format!("NodeType {} is not a node type", f.node_type))?;
        if !node.node_counts().contains(&f.number_of_nodes) {
            return Err(format!(
                "NumberOfNodes of a {} cluster must be in {:?}, got {}",
                node.name,
                node.node_counts(),
                f.number_of_nodes
            ));
        }
        if !(0..=35).contains(&self.automated_retention_days) {
            return Err(format!(
                "AutomatedSnapshotRetentionPeriod must be 0 to 35, got {}",
                self.automated_retention_days
            ));
        }
        check_automated_retention(node, self.automated_retention_days)
            .map_err(|e| e.to_string())?;
        check_manual_retention(self.manual_retention_days).map_err(|e| e.to_string())?;
        check_port(node, f.port).map_err(|e| e.to_string())?;
        if catalog::track(&f.maintenance_track_name).is_none() {
            return Err(format!(
                "MaintenanceTrackName {} is not a track",
                f.maintenance_track_name
            ));
        }
        let revision = catalog::revision_of(&f.engine_full_version);
        if catalog::release(revision).is_none() {
            return Err(format!("ClusterRevisionNumber {revision} is not a release"));
        }
        MaintenanceWindow::check(&self.preferred_maintenance_window).map_err(|e| e.to_string())?;
        if !["ipv4", "dualstack"].contains(&self.ip_address_type.as_str()) {
            return Err(format!(
                "IpAddressType {} is not ipv4 or dualstack",
                self.ip_address_type
            ));
        }
        for zone in std::iter::once(&f.availability_zone).chain(&self.secondary_availability_zone) {
            if !catalog::is_availability_zone(region, zone) {
                return Err(format!("AvailabilityZone {zone} is not a zone of {region}"));
            }
        }
        if self.multi_az != self.secondary_availability_zone.is_some() {
            return Err("a Multi-AZ cluster, and only one, has a secondary zone".to_owned());
        }
        if (self.multi_az || self.availability_zone_relocation) && !node.managed_storage {
            return Err(format!(
                "a {} cluster is neither Multi-AZ nor relocatable",
                node.name
            ));
        }
        for (i, role) in self.iam_roles.iter().enumerate() {
            check_role_arn(&role.arn).map_err(|e| e.to_string())?;
            if self.iam_roles[..i].iter().any(|r| r.arn == role.arn) {
                return Err(format!("IamRoles holds {} twice", role.arn));
            }
        }
        if self.iam_roles.len() > IAM_ROLE_QUOTA {
            return Err(format!("IamRoles holds more than {IAM_ROLE_QUOTA} roles"));
        }
        if let Some(default) = &self.default_iam_role_arn {
            if !self.iam_roles.iter().any(|r| r.arn == *default) {
                return Err(format!(
                    "DefaultIamRoleArn {default} is not one of IamRoles"
                ));
            }
        }
        if let Some(ip) = &self.elastic_ip {
            check_elastic_ip(ip).map_err(|e| e.to_string())?;
        }
        self.check_pending(region)?;
        let settled = matches!(
            self.status,
            ClusterStatus::Available | ClusterStatus::Paused
        );
        if settled == self.until.is_some() {
            return Err(format!(
                "a cluster {} has {} end",
                self.status.as_str(),
                if settled { "an" } else { "no" }
            ));
        }
        if let Some(d) = &self.deferral {
            let longest = d
                .start
                .plus_seconds(catalog::MAX_DEFER_MAINTENANCE_DAYS as f64 * 86_400.0);
            if d.end <= d.start || d.end > longest {
                return Err(
                    "a deferred maintenance window ends after it starts, within 60 days".to_owned(),
                );
            }
        }
        Ok(())
    }

    /// The pending modifications and the last resize, as a call could leave them.
    fn check_pending(&self, region: &str) -> Result<(), String> {
        let p = &self.pending;
        if let Some(id) = &p.cluster_identifier {
            let valid = new_cluster_identifier("PendingModifiedValues.ClusterIdentifier", id)
                .map_err(|e| e.to_string())?;
            if valid != id.as_str() {
                return Err("PendingModifiedValues.ClusterIdentifier must be lowercase".to_owned());
            }
        }
        if let Some(track) = &p.maintenance_track_name {
            if catalog::track(track).is_none() {
                return Err(format!(
                    "PendingModifiedValues.MaintenanceTrackName {track} is not a track"
                ));
            }
        }
        if p.maintenance_track_name.is_some() != p.maintenance_at.is_some() {
            return Err("a pending maintenance track, and only one, has its window".to_owned());
        }
        if let Some(revision) = &p.revision {
            catalog::release(revision)
                .ok_or_else(|| format!("pending revision {revision} is not a release"))?;
        }
        if let Some(zone) = &p.availability_zone {
            if !catalog::is_availability_zone(region, zone) {
                return Err(format!(
                    "pending AvailabilityZone {zone} is not a zone of {region}"
                ));
            }
        }
        if let (Some(port), Some(node)) = (p.port, self.node_type()) {
            check_port(node, port).map_err(|e| e.to_string())?;
        }
        if let Some(r) = &self.resize {
            let node = catalog::node_type(&r.target_node_type).ok_or_else(|| {
                format!(
                    "the resize's node type {} is not a node type",
                    r.target_node_type
                )
            })?;
            if !node.node_counts().contains(&r.target_nodes) {
                return Err(format!(
                    "the resize's number of nodes {} is out of range",
                    r.target_nodes
                ));
            }
            if !(r.data_mb.is_finite() && r.data_mb >= 0.0) || r.ends < r.started {
                return Err("the resize's size and times must be a resize's".to_owned());
            }
            let expected = match self.status {
                ClusterStatus::Resizing => Some(ResizeStatus::InProgress),
                ClusterStatus::CancellingResize => Some(ResizeStatus::Cancelling),
                _ => None,
            };
            if expected.is_some_and(|s| s != r.status) {
                return Err(format!(
                    "a resize {:?} with the cluster {}",
                    r.status,
                    self.status.as_str()
                ));
            }
        } else if matches!(
            self.status,
            ClusterStatus::Resizing | ClusterStatus::CancellingResize
        ) {
            return Err(format!(
                "a cluster {} without a resize",
                self.status.as_str()
            ));
        }
        Ok(())
    }
}
