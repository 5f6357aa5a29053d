//! The one render of the model's `Cluster`: a cluster as its owner sees it
//! at a time, with what is pending and what it is doing.

use super::{ClusterRecord, ClusterStatus, ParameterApply, ResizeKind, ResizeStatus, Restore};
use crate::engine::catalog;
use crate::engine::name::Name;
use crate::engine::namespaces::namespace_arn;
use crate::engine::parameter_groups::cluster_parameter_groups;
use crate::engine::resources::{partition, ResourceKind};
use crate::engine::{hash64, Context, Place};
use crate::model::{
    AquaConfiguration, Cluster, ClusterIamRole, ClusterNode, ClusterSecurityGroupMembership,
    DeferredMaintenanceWindow, ElasticIpStatus, Endpoint, HsmStatus, PendingModifiedValues,
    ResizeInfo, RestoreStatus, SecondaryClusterInfo, Timestamp, VpcSecurityGroupMembership,
};

/// `Enabled` or `Disabled`, as `MultiAZ` and similar members read.
fn enabled(on: bool) -> Name {
    Name::from_static(if on { "Enabled" } else { "Disabled" })
}

impl ClusterRecord {
    /// The cluster's nodes (doc: one `SHARED` node, or a leader and the
    /// compute nodes), with addresses worked out from its name and `salt`.
    fn nodes(&self, ctx: &Context, salt: &str) -> Vec<ClusterNode> {
        let id = self.identifier().as_str();
        let h = match salt {
            "" => hash64(&[ctx.account, ctx.region, id]),
            _ => hash64(&[ctx.account, ctx.region, id, salt]),
        };
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
        let count = self.facts.number_of_nodes;
        if count == 1 {
            vec![node("SHARED".to_owned(), 0)]
        } else {
            std::iter::once(node("LEADER".to_owned(), 0))
                .chain((0..count).map(|i| node(format!("COMPUTE-{i}"), i + 1)))
                .collect()
        }
    }

    /// `PendingModifiedValues`: what waits to be applied (doc), the
    /// password hidden.
    fn pending_values(&self) -> PendingModifiedValues {
        let p = &self.pending;
        let resizing = self
            .resize
            .as_ref()
            .filter(|r| r.status == ResizeStatus::InProgress);
        PendingModifiedValues {
            master_user_password: p.master_user_password.then(|| Name::from_static("****")),
            node_type: resizing.map(|r| r.target_node_type.clone()),
            number_of_nodes: resizing.map(|r| r.target_nodes),
            cluster_type: resizing.map(|r| r.target_cluster_type()),
            cluster_identifier: p.cluster_identifier.clone(),
            publicly_accessible: p.publicly_accessible,
            enhanced_vpc_routing: p.enhanced_vpc_routing,
            maintenance_track_name: p.maintenance_track_name.clone(),
            encryption_type: p
                .encryption
                .as_ref()
                .map(|e| Name::from_static(if e.encrypted { "KMS" } else { "None" })),
            ..PendingModifiedValues::default()
        }
    }

    /// The ARN of the cluster's namespace.
    pub fn namespace_arn(&self, ctx: &Context) -> Name {
        Name::from(namespace_arn(ctx.region, ctx.account, self.identifier()))
    }

    /// The cluster as its owner sees it at `ctx.now`, with its tags and its
    /// custom domain in `place`.
    pub fn render(&self, ctx: &Context, place: &Place) -> Cluster {
        let f = &self.facts;
        let domain = place.custom_domains.get(self.identifier());
        let id = f.cluster_identifier.as_str();
        let h = hash64(&[ctx.account, ctx.region, id]);
        let node_type = self.node_type();
        let storage = node_type.map_or(0, |n| n.storage_mb);
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
        let elastic = node_type
            .map(|n| n.elastic_targets(f.number_of_nodes))
            .filter(|t| !t.is_empty())
            .map(|t| {
                let list: Vec<String> = t.iter().map(i64::to_string).collect();
                Name::from(format!("[{}]", list.join(",")))
            });
        let active = || Some(Name::from_static("active"));
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
                self.security_groups
                    .iter()
                    .map(|g| ClusterSecurityGroupMembership {
                        cluster_security_group_name: Some(g.clone()),
                        status: active(),
                    })
                    .collect(),
            ),
            vpc_security_groups: Some(
                self.vpc_security_groups
                    .iter()
                    .map(|g| VpcSecurityGroupMembership {
                        vpc_security_group_id: Some(g.clone()),
                        status: active(),
                    })
                    .collect(),
            ),
            cluster_parameter_groups: Some(cluster_parameter_groups(
                &self.parameter_group,
                self.parameter_apply,
            )),
            cluster_subnet_group_name: self.subnet_group.clone(),
            vpc_id: f.vpc_id.clone(),
            availability_zone: Some(f.availability_zone.clone()),
            preferred_maintenance_window: Some(self.preferred_maintenance_window.clone()),
            pending_modified_values: Some(self.pending_values()),
            cluster_version: Some(f.cluster_version.clone()),
            allow_version_upgrade: Some(self.allow_version_upgrade),
            number_of_nodes: Some(f.number_of_nodes),
            publicly_accessible: Some(self.publicly_accessible),
            encrypted: Some(f.encrypted),
            restore_status: self
                .restore
                .as_ref()
                .map(|r| r.status(ctx.now, self.status != ClusterStatus::Creating)),
            hsm_status: self.hsm.as_ref().map(|hsm| HsmStatus {
                hsm_client_certificate_identifier: hsm.client_certificate.clone(),
                hsm_configuration_identifier: hsm.configuration.clone(),
                status: active(),
            }),
            cluster_nodes: Some(self.nodes(ctx, "")),
            elastic_ip_status: self.elastic_ip.as_ref().map(|ip| ElasticIpStatus {
                elastic_ip: Some(ip.clone()),
                status: active(),
            }),
            cluster_revision_number: Some(Name::from(catalog::revision_of(&f.engine_full_version))),
            tags: Some(place.tags.render(ResourceKind::Cluster, id)),
            kms_key_id: f.kms_key_id.clone(),
            enhanced_vpc_routing: Some(f.enhanced_vpc_routing),
            iam_roles: Some(
                self.iam_roles
                    .iter()
                    .map(|r| ClusterIamRole {
                        iam_role_arn: Some(r.arn.clone()),
                        apply_status: Some(Name::from_static(r.status.as_str())),
                    })
                    .collect(),
            ),
            pending_actions: Some(
                (self.parameter_apply == ParameterApply::PendingReboot)
                    .then(|| Name::from_static("reboot"))
                    .into_iter()
                    .collect(),
            ),
            maintenance_track_name: Some(f.maintenance_track_name.clone()),
            elastic_resize_number_of_node_options: elastic,
            deferred_maintenance_windows: Some(
                self.deferral
                    .iter()
                    .map(|d| DeferredMaintenanceWindow {
                        defer_maintenance_identifier: Some(d.identifier.clone()),
                        defer_maintenance_start_time: Some(d.start),
                        defer_maintenance_end_time: Some(d.end),
                    })
                    .collect(),
            ),
            next_maintenance_window_start_time: self.next_maintenance(ctx.now),
            resize_info: self
                .resize
                .as_ref()
                .filter(|r| r.kind == ResizeKind::Classic && r.status == ResizeStatus::InProgress)
                .map(|_| ResizeInfo {
                    resize_type: Some(Name::from_static("ClassicResize")),
                    allow_cancel_resize: Some(true),
                }),
            availability_zone_relocation_status: Some(Name::from_static(
                if self.availability_zone_relocation {
                    "enabled"
                } else {
                    "disabled"
                },
            )),
            cluster_namespace_arn: Some(self.namespace_arn(ctx)),
            total_storage_capacity_in_mega_bytes: Some(storage * f.number_of_nodes),
            aqua_configuration: Some(retired_aqua()),
            default_iam_role_arn: self.default_iam_role_arn.clone(),
            master_password_secret_arn: f.master_password_secret_arn.clone(),
            master_password_secret_kms_key_id: f.master_password_secret_kms_key_id.clone(),
            ip_address_type: Some(self.ip_address_type.clone()),
            multi_az: Some(enabled(self.multi_az)),
            multi_az_secondary: self.secondary_availability_zone.as_ref().map(|zone| {
                SecondaryClusterInfo {
                    availability_zone: Some(zone.clone()),
                    cluster_nodes: Some(self.nodes(ctx, "secondary")),
                }
            }),
            lakehouse_registration_status: Some(self.lakehouse.status()),
            catalog_arn: self.lakehouse.catalog_arn.clone(),
            extra_compute_for_automatic_optimization: Some(Name::from_static(
                if self.extra_compute_for_automatic_optimization {
                    "true"
                } else {
                    "false"
                },
            )),
            custom_domain_name: domain.map(|d| d.domain.clone()),
            custom_domain_certificate_arn: domain.map(|d| d.certificate_arn.clone()),
            custom_domain_certificate_expiry_date: domain.map(|d| d.certificate_expiry),
            ..self.snapshot_members()
        }
    }
}

/// The AQUA configuration every cluster reports (doc: AQUA is retired;
/// Amazon Redshift decides by itself whether to use it).
pub(super) fn retired_aqua() -> AquaConfiguration {
    AquaConfiguration {
        aqua_status: Some(Name::from_static("disabled")),
        aqua_configuration_status: Some(Name::from_static("auto")),
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
