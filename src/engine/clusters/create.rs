//! CreateCluster, and the making of a new cluster that RestoreFromClusterSnapshot shares.

use std::sync::Arc;

use super::{ClusterFacts, ClusterRecord, ClusterStatus};
use crate::engine::catalog::{self, CLUSTER_VERSION, ENGINE_FULL_VERSION};
use crate::engine::identifiers::new_cluster_identifier;
use crate::engine::name::Name;
use crate::engine::references::ClusterReferences;
use crate::engine::resources::Resource;
use crate::engine::tags::{tags_of, Pair};
use crate::engine::{check_manual_retention, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{Cluster, CreateClusterMessage, CreateClusterResult};

impl World {
    /// CreateCluster.
    pub fn create_cluster(
        &mut self,
        ctx: &Context,
        input: CreateClusterMessage,
    ) -> Outcome<CreateClusterResult> {
        let tags = tags_of(input.tags.clone())?;
        let record = self.new_cluster(ctx, &input)?;
        Ok(CreateClusterResult {
            cluster: Some(self.add_cluster(ctx, record, tags)),
        })
    }

    /// A cluster made of CreateCluster's members, after CreateCluster's checks.
    pub(crate) fn new_cluster(
        &self,
        ctx: &Context,
        input: &CreateClusterMessage,
    ) -> Outcome<ClusterRecord> {
        let id = new_cluster_identifier("ClusterIdentifier", &input.cluster_identifier)?;
        if catalog::node_type(&input.node_type).is_none() {
            return Err(RedshiftError::InvalidNodeType(input.node_type.to_string()));
        }
        let nodes = match input.cluster_type.as_deref() {
            None => input.number_of_nodes.filter(|&n| n > 1).unwrap_or(1),
            Some("single-node") => 1,
            Some("multi-node") => match input.number_of_nodes {
                Some(n) if (2..=128).contains(&n) => n,
                _ => return Err(RedshiftError::MultiNodeNeedsNodes),
            },
            Some(other) => return Err(RedshiftError::InvalidClusterType(other.to_owned())),
        };
        if nodes > 128 {
            return Err(RedshiftError::NumberOfNodesPerClusterLimitExceeded(nodes));
        }
        let automated_days = input.automated_snapshot_retention_period.unwrap_or(1);
        if !(0..=35).contains(&automated_days) {
            return Err(RedshiftError::InvalidAutomatedRetention(automated_days));
        }
        let manual_days =
            check_manual_retention(input.manual_snapshot_retention_period.unwrap_or(-1))?;
        let port = input.port.unwrap_or(catalog::DEFAULT_PORT);
        if !(1150..=65535).contains(&port) {
            return Err(RedshiftError::InvalidPort(port));
        }
        if self.own::<ClusterRecord>(ctx, &id).is_ok() {
            return Err(RedshiftError::ClusterAlreadyExists(id));
        }
        let refs = self.check_cluster_references(
            ctx,
            ClusterReferences {
                parameter_group: input.cluster_parameter_group_name.as_deref(),
                subnet_group: input.cluster_subnet_group_name.as_deref(),
                security_groups: input.cluster_security_groups.as_deref(),
                availability_zone: input.availability_zone.as_deref(),
                kms_key: input.kms_key_id.as_deref(),
            },
        )?;
        let text = |value: &Option<Name>, default: &str| {
            value.clone().unwrap_or_else(|| Name::from(default))
        };
        let facts = ClusterFacts {
            cluster_identifier: Name::from(id),
            cluster_create_time: ctx.now,
            node_type: input.node_type.clone(),
            number_of_nodes: nodes,
            master_username: input.master_username.clone(),
            db_name: text(&input.db_name, catalog::DEFAULT_DB_NAME),
            cluster_version: text(&input.cluster_version, CLUSTER_VERSION),
            engine_full_version: Name::from(ENGINE_FULL_VERSION),
            availability_zone: refs
                .availability_zone
                .clone()
                .unwrap_or_else(|| Name::from(format!("{}a", ctx.region))),
            port,
            vpc_id: refs.vpc_id.clone(),
            encrypted: input.encrypted.unwrap_or(false) || input.kms_key_id.is_some(),
            kms_key_id: input.kms_key_id.clone(),
            encrypted_with_hsm: false,
            enhanced_vpc_routing: input.enhanced_vpc_routing.unwrap_or(false),
            maintenance_track_name: text(
                &input.maintenance_track_name,
                catalog::DEFAULT_MAINTENANCE_TRACK,
            ),
            master_password_secret_arn: None,
            master_password_secret_kms_key_id: None,
        };
        Ok(ClusterRecord {
            facts: Arc::new(facts),
            status: ClusterStatus::Creating,
            until: None,
            automated_retention_days: automated_days,
            manual_retention_days: manual_days,
            parameter_group: refs.parameter_group_or_default(),
            subnet_group: refs.subnet_group,
            preferred_maintenance_window: text(
                &input.preferred_maintenance_window,
                catalog::DEFAULT_MAINTENANCE_WINDOW,
            ),
            allow_version_upgrade: input.allow_version_upgrade.unwrap_or(true),
            publicly_accessible: input.publicly_accessible.unwrap_or(false),
            default_iam_role_arn: input.default_iam_role_arn.clone(),
            ip_address_type: text(&input.ip_address_type, "ipv4"),
            multi_az: input.multi_az.unwrap_or(false),
            restore: None,
            restored_from: None,
            snapshot_plan: Default::default(),
            cluster_security_groups: refs.security_groups,
            pending_reboot: false,
        })
    }

    /// Adds a new cluster with its tags, `creating` for the world's creation
    /// time, and answers it as it is now: `creating`.
    pub(crate) fn add_cluster(
        &mut self,
        ctx: &Context,
        record: ClusterRecord,
        tags: Vec<Pair>,
    ) -> Cluster {
        let key = record.identifier().clone();
        let seconds = self.settings.cluster_creation_seconds;
        self.add(ctx, record);
        let place = self.place_entry(ctx);
        place.tags.set(ClusterRecord::KIND, &key, tags);
        self.begin_cluster_transition(ctx, &key, ClusterStatus::Creating, seconds);
        let place = self.place_entry(ctx);
        place
            .clusters
            .get(&key)
            .map(|c| c.render(ctx, &place.tags))
            .unwrap_or_default()
    }
}
