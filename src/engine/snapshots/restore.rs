//! RestoreFromClusterSnapshot, and the snapshot a restored cluster depends
//! on until a newer backup of it exists (fact: deleting it is refused).

use super::{SnapshotRecord, SnapshotStatus, Target};
use crate::engine::catalog;
use crate::engine::clusters::{ClusterRecord, ClusterStatus, Restore};
use crate::engine::name::Name;
use crate::engine::resources::Resource;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateClusterMessage, RestoreFromClusterSnapshotMessage, RestoreFromClusterSnapshotResult,
};

impl World {
    /// The cluster, if any, that was restored from the snapshot of that ARN
    /// and has no newer backup yet, so still depends on it.
    pub(super) fn cluster_using_snapshot(&self, ctx: &Context, arn: &str) -> Option<String> {
        self.place(ctx)?
            .clusters
            .values()
            .find(|c| {
                c.restored_from.as_deref() == Some(arn) && c.status != ClusterStatus::Deleting
            })
            .map(|c| c.identifier().to_string())
    }

    /// The snapshot a restore names, with its owner, if the caller may
    /// restore from it: its own, or (with `OwnerAccount` or an ARN) one its
    /// owner shared with it.
    fn restorable(
        &self,
        ctx: &Context,
        input: &RestoreFromClusterSnapshotMessage,
    ) -> Outcome<(Name, &SnapshotRecord)> {
        if input.snapshot_identifier.is_some() && input.snapshot_arn.is_some() {
            return Err(RedshiftError::SnapshotNamedTwice);
        }
        let target = Target {
            identifier: input.snapshot_identifier.as_deref(),
            arn: input.snapshot_arn.as_deref(),
            cluster: input.snapshot_cluster_identifier.as_deref(),
            // AWS: OwnerAccount is "required if you do not own the snapshot".
            owner: Some(input.owner_account.as_deref().unwrap_or(ctx.account)),
        };
        if target.identifier.is_none() && target.arn.is_none() {
            return Err(RedshiftError::SnapshotNotNamed);
        }
        self.restorable_snapshot(ctx, &target)
    }

    /// The snapshot `target` names, with its owner, if the caller may restore
    /// from it (its own or one shared with it) and it is available: what a
    /// restore, or a question about one, starts from.
    pub(crate) fn restorable_snapshot(
        &self,
        ctx: &Context,
        target: &Target,
    ) -> Outcome<(Name, &SnapshotRecord)> {
        let (owner, record) = self
            .named_snapshot(ctx, target)
            .ok_or_else(|| target.not_found())?;
        if *owner != ctx.account && !record.shared_with(ctx.account) {
            return Err(RedshiftError::SnapshotRestoreNotAuthorized {
                account: ctx.account.to_owned(),
                id: record.id.to_string(),
            });
        }
        record.require(&[SnapshotStatus::Available], |id, status| {
            RedshiftError::SnapshotNotRestorable { id, status }
        })?;
        Ok((owner.clone(), record))
    }

    /// RestoreFromClusterSnapshot: a new cluster shaped like the snapshot's
    /// (node type, number of nodes, database, port, encryption), unless the
    /// call says otherwise, checked like any new cluster.
    pub fn restore_from_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: RestoreFromClusterSnapshotMessage,
    ) -> Outcome<RestoreFromClusterSnapshotResult> {
        let (owner, source) = self.restorable(ctx, &input)?;
        let f = &source.facts;
        let nodes = input.number_of_nodes.unwrap_or(f.number_of_nodes);
        if nodes < 1 {
            return Err(RedshiftError::InvalidNumberOfNodes(nodes));
        }
        // The defaults a restore takes from the cluster of the snapshot, when
        // the caller still has that cluster.
        let origin = (owner == ctx.account)
            .then(|| {
                self.own::<ClusterRecord>(ctx, f.cluster_identifier.as_str())
                    .ok()
            })
            .flatten();
        let automated_days = match source.retention {
            super::Retention::Automated { days } => Some(days),
            super::Retention::Manual { .. } => None,
        };
        let text = |n: &Name| Some(n.clone());
        let message = CreateClusterMessage {
            db_name: text(&f.db_name),
            cluster_identifier: input.cluster_identifier.clone(),
            node_type: input
                .node_type
                .clone()
                .unwrap_or_else(|| f.node_type.clone()),
            master_username: f.master_username.clone(),
            cluster_subnet_group_name: input.cluster_subnet_group_name.clone(),
            cluster_security_groups: input.cluster_security_groups.clone(),
            // The snapshot's zone, unless a subnet group chooses one or the
            // snapshot was copied from another region (choice).
            availability_zone: input.availability_zone.clone().or_else(|| {
                text(&f.availability_zone)
                    .filter(|_| input.cluster_subnet_group_name.is_none())
                    .filter(|zone| catalog::is_availability_zone(ctx.region, zone))
            }),
            preferred_maintenance_window: input.preferred_maintenance_window.clone(),
            cluster_parameter_group_name: input.cluster_parameter_group_name.clone(),
            automated_snapshot_retention_period: input
                .automated_snapshot_retention_period
                .or_else(|| origin.map(|c| c.automated_retention_days))
                .or(automated_days),
            manual_snapshot_retention_period: input
                .manual_snapshot_retention_period
                .or_else(|| origin.map(|c| c.manual_retention_days)),
            port: input.port.or(Some(f.port)),
            cluster_version: text(&f.cluster_version),
            allow_version_upgrade: input.allow_version_upgrade,
            number_of_nodes: Some(nodes),
            publicly_accessible: input.publicly_accessible,
            encrypted: Some(input.encrypted.unwrap_or(false) || f.encrypted),
            kms_key_id: input.kms_key_id.clone().or_else(|| f.kms_key_id.clone()),
            enhanced_vpc_routing: input.enhanced_vpc_routing.or(Some(f.enhanced_vpc_routing)),
            maintenance_track_name: input
                .maintenance_track_name
                .clone()
                .or_else(|| text(&f.maintenance_track_name)),
            default_iam_role_arn: input.default_iam_role_arn.clone(),
            ip_address_type: input.ip_address_type.clone(),
            multi_az: input.multi_az,
            vpc_security_group_ids: input.vpc_security_group_ids.clone(),
            hsm_client_certificate_identifier: input.hsm_client_certificate_identifier.clone(),
            hsm_configuration_identifier: input.hsm_configuration_identifier.clone(),
            elastic_ip: input.elastic_ip.clone(),
            iam_roles: input.iam_roles.clone(),
            snapshot_schedule_identifier: input.snapshot_schedule_identifier.clone(),
            availability_zone_relocation: input.availability_zone_relocation,
            manage_master_password: input.manage_master_password,
            master_password_secret_kms_key_id: input.master_password_secret_kms_key_id.clone(),
            catalog_name: input.catalog_name.clone(),
            redshift_idc_application_arn: input.redshift_idc_application_arn.clone(),
            ..CreateClusterMessage::default()
        };
        let size = source.size_mb;
        let owner_ctx = Context {
            account: &owner,
            ..*ctx
        };
        let restored_from = World::arn_of(&owner_ctx, source);
        let mut record = self.new_cluster(ctx, &message, true)?;
        let exchange = self.cluster_exchange(
            ctx,
            input.reserved_node_id.as_deref(),
            input.target_reserved_node_offering_id.as_deref(),
            &record.facts.node_type,
        )?;
        record.restore = Some(Restore {
            snapshot_size_mb: size,
            started: ctx.now,
            ends: ctx.now.plus_seconds(self.settings.cluster_creation_seconds),
        });
        record.restored_from = Some(Name::from(restored_from));
        let nodes = record.facts.number_of_nodes;
        let cluster = self.add_cluster(ctx, record, Vec::new());
        if let Some((node, offering)) = exchange {
            self.exchange_reserved_node(ctx, &node, offering, nodes)?;
        }
        Ok(RestoreFromClusterSnapshotResult {
            cluster: Some(cluster),
        })
    }
}
