//! CreateCluster, and the making of a new cluster that RestoreFromClusterSnapshot shares.

use std::sync::Arc;

use super::names::{check_db_name, check_elastic_ip, check_master_username, check_password};
use super::{
    ClusterFacts, ClusterRecord, ClusterStatus, Hsm, IamRole, Lakehouse, MaintenanceWindow,
    ParameterApply, Pending, ResizeStatus, RoleStatus,
};
use crate::engine::catalog::{self, NodeType, CLUSTER_VERSION};
use crate::engine::identifiers::{check_role_arn, new_cluster_identifier};
use crate::engine::identity_center::RedshiftIdcApplicationRecord;
use crate::engine::name::Name;
use crate::engine::references::ClusterReferences;
use crate::engine::resources::Stored;
use crate::engine::snapshot_schedules::{Association, ScheduleRecord};
use crate::engine::snapshots::SnapshotPlan;
use crate::engine::tags::{tags_of, Pair};
use crate::engine::{check_manual_retention, hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{Cluster, CreateClusterMessage, CreateClusterResult};

/// IAM roles a cluster may have (doc: Amazon Redshift quotas, 50).
pub const IAM_ROLE_QUOTA: usize = 50;

impl World {
    /// CreateCluster.
    pub fn create_cluster(
        &mut self,
        ctx: &Context,
        input: CreateClusterMessage,
    ) -> Outcome<CreateClusterResult> {
        let tags = tags_of(input.tags.clone())?;
        let record = self.new_cluster(ctx, &input, false)?;
        Ok(CreateClusterResult {
            cluster: Some(self.add_cluster(ctx, record, tags)),
        })
    }

    /// A cluster made of CreateCluster's members, after CreateCluster's
    /// checks (doc unless marked), in the order of the members. A cluster
    /// restored `from_snapshot` has the snapshot's admin password.
    pub(crate) fn new_cluster(
        &self,
        ctx: &Context,
        input: &CreateClusterMessage,
        from_snapshot: bool,
    ) -> Outcome<ClusterRecord> {
        let id = new_cluster_identifier("ClusterIdentifier", &input.cluster_identifier)?;
        let db_name = input.db_name.as_deref().unwrap_or(catalog::DEFAULT_DB_NAME);
        check_db_name(db_name)?;
        let node = catalog::node_type(&input.node_type)
            .ok_or_else(|| RedshiftError::InvalidNodeType(input.node_type.to_string()))?;
        let nodes = node_count(node, input.cluster_type.as_deref(), input.number_of_nodes)?;
        check_master_username(&input.master_username)?;
        let managed = input.manage_master_password.unwrap_or(false);
        match (&input.master_user_password, managed) {
            (Some(_), true) => return Err(RedshiftError::PasswordAndManagedPassword),
            (None, false) if !from_snapshot => return Err(RedshiftError::PasswordRequired),
            (None, _) => {}
            (Some(password), false) => check_password(password)?,
        }
        if input.master_password_secret_kms_key_id.is_some() && !managed {
            return Err(RedshiftError::SecretKeyWithoutManagedPassword);
        }
        let zone = match &input.availability_zone {
            Some(zone) => check_zone(ctx, zone)?,
            None => Name::from(format!("{}a", ctx.region)),
        };
        let window = input
            .preferred_maintenance_window
            .as_deref()
            .map(MaintenanceWindow::check)
            .transpose()?;
        let automated_days = input.automated_snapshot_retention_period.unwrap_or(1);
        check_automated_retention(node, automated_days)?;
        let manual_days =
            check_manual_retention(input.manual_snapshot_retention_period.unwrap_or(-1))?;
        let port = input.port.unwrap_or(catalog::DEFAULT_PORT);
        check_port(node, port)?;
        if let Some(version) = &input.cluster_version {
            check_version(version)?;
        }
        let encrypted = input.encrypted.unwrap_or(false);
        let hsm = (input.hsm_client_certificate_identifier.is_some()
            || input.hsm_configuration_identifier.is_some())
        .then(|| Hsm {
            client_certificate: input.hsm_client_certificate_identifier.clone(),
            configuration: input.hsm_configuration_identifier.clone(),
        });
        let public = input.publicly_accessible.unwrap_or(false);
        let relocation = input.availability_zone_relocation.unwrap_or(false);
        check_elastic_ip_use(input.elastic_ip.as_deref(), public, relocation)?;
        let roles = new_roles(
            input.iam_roles.as_deref().unwrap_or_default(),
            input.default_iam_role_arn.as_ref(),
        )?;
        let track_name = input
            .maintenance_track_name
            .as_deref()
            .unwrap_or(catalog::DEFAULT_MAINTENANCE_TRACK);
        let track = catalog::track(track_name)
            .ok_or_else(|| RedshiftError::InvalidClusterTrack(track_name.to_owned()))?;
        if relocation && !node.managed_storage {
            return Err(RedshiftError::RelocationNotSupported(node.name.to_owned()));
        }
        let ip_address_type = check_ip_address_type(input.ip_address_type.as_deref())?;
        let multi_az = input.multi_az.unwrap_or(false);
        if multi_az && !node.managed_storage {
            return Err(RedshiftError::MultiAzNotSupported(node.name.to_owned()));
        }
        if self.cluster_identifier_taken(ctx, &id) {
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
        let zone = refs.availability_zone.clone().unwrap_or(zone);
        self.check_hsm_references(
            ctx,
            input.hsm_client_certificate_identifier.as_deref(),
            input.hsm_configuration_identifier.as_deref(),
        )?;
        if let Some(arn) = input.redshift_idc_application_arn.as_deref() {
            self.own_at_arn::<RedshiftIdcApplicationRecord>(ctx, arn)?;
        }
        let schedule = input
            .snapshot_schedule_identifier
            .as_deref()
            .map(|id| {
                self.own::<ScheduleRecord>(ctx, id).map(|s| Association {
                    schedule: s.id.clone(),
                    modifying_until: None,
                    leaving: false,
                })
            })
            .transpose()?;
        self.check_node_quota(ctx, nodes, None)?;
        let secret_arn = managed.then(|| secret_arn(ctx, &id));
        let facts = ClusterFacts {
            cluster_identifier: Name::from(id.as_str()),
            cluster_create_time: ctx.now,
            node_type: input.node_type.clone(),
            number_of_nodes: nodes,
            master_username: input.master_username.clone(),
            db_name: Name::from(db_name),
            cluster_version: Name::from(CLUSTER_VERSION),
            engine_full_version: Name::from(track.release.version()),
            availability_zone: zone.clone(),
            port,
            vpc_id: refs.vpc_id.clone(),
            encrypted: encrypted || input.kms_key_id.is_some() || hsm.is_some(),
            kms_key_id: input.kms_key_id.clone(),
            encrypted_with_hsm: hsm.is_some(),
            enhanced_vpc_routing: input.enhanced_vpc_routing.unwrap_or(false),
            maintenance_track_name: Name::from(track.name),
            master_password_secret_arn: secret_arn,
            master_password_secret_kms_key_id: input
                .master_password_secret_kms_key_id
                .clone()
                .filter(|_| managed),
        };
        Ok(ClusterRecord {
            facts: Arc::new(facts),
            status: ClusterStatus::Creating,
            until: None,
            automated_retention_days: automated_days,
            manual_retention_days: manual_days,
            parameter_group: refs.parameter_group_or_default(),
            subnet_group: refs.subnet_group,
            preferred_maintenance_window: Name::from(
                window.unwrap_or_else(|| catalog::DEFAULT_MAINTENANCE_WINDOW.to_owned()),
            ),
            allow_version_upgrade: input.allow_version_upgrade.unwrap_or(true),
            publicly_accessible: public,
            default_iam_role_arn: input.default_iam_role_arn.clone(),
            ip_address_type,
            multi_az,
            restore: None,
            restored_from: None,
            parameter_apply: ParameterApply::InSync,
            iam_roles: roles,
            pending: Pending::default(),
            resize: None,
            deferral: None,
            security_groups: refs.security_groups,
            vpc_security_groups: input.vpc_security_group_ids.clone().unwrap_or_default(),
            hsm,
            elastic_ip: input.elastic_ip.clone(),
            availability_zone_relocation: relocation,
            secondary_availability_zone: multi_az.then(|| secondary_zone(ctx, &zone)),
            lakehouse: Lakehouse {
                registered: input.catalog_name.is_some(),
                catalog_arn: input
                    .catalog_name
                    .as_deref()
                    .map(|name| catalog_arn(ctx, name)),
                idc_application_arn: None,
            },
            extra_compute_for_automatic_optimization: input
                .extra_compute_for_automatic_optimization
                .unwrap_or(false),
            snapshot_plan: SnapshotPlan {
                schedule,
                ..SnapshotPlan::default()
            },
            credentials_issued: 0,
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
        self.answer_cluster(ctx, &key)
    }

    /// The nodes the caller's clusters hold in the region, but `except`'s.
    pub(crate) fn nodes_in_use(&self, ctx: &Context, except: Option<&str>) -> i64 {
        self.place(ctx).map_or(0, |p| {
            p.clusters
                .values()
                .filter(|c| Some(c.identifier().as_str()) != except)
                .map(|c| {
                    let target = c
                        .resize
                        .as_ref()
                        .filter(|r| r.status == ResizeStatus::InProgress)
                        .map_or(0, |r| r.target_nodes);
                    c.facts.number_of_nodes.max(target)
                })
                .sum()
        })
    }

    /// Refuses `nodes` more nodes for the caller beyond the account's quota
    /// (doc: NumberOfNodesQuotaExceeded).
    pub(crate) fn check_node_quota(
        &self,
        ctx: &Context,
        nodes: i64,
        except: Option<&str>,
    ) -> Outcome<()> {
        let total = self.nodes_in_use(ctx, except) + nodes;
        if total > catalog::NODE_QUOTA {
            return Err(RedshiftError::NumberOfNodesQuotaExceeded {
                requested: total,
                quota: catalog::NODE_QUOTA,
            });
        }
        Ok(())
    }

    /// One of the caller's clusters as it is now, as the operations that
    /// change a cluster answer it.
    pub(crate) fn answer_cluster(&self, ctx: &Context, key: &str) -> Cluster {
        self.place(ctx)
            .and_then(|p| p.clusters.get(key).map(|c| c.render(ctx, p)))
            .unwrap_or_default()
    }
}

/// The number of nodes of a cluster of `node` type asked for with
/// `ClusterType` and `NumberOfNodes` (doc: one node unless told more; a
/// multi-node cluster has at least two; a single-node cluster of a type that
/// allows it; no more than the type's limit).
pub(super) fn node_count(
    node: &NodeType,
    cluster_type: Option<&str>,
    number_of_nodes: Option<i64>,
) -> Outcome<i64> {
    if let Some(n) = number_of_nodes.filter(|&n| n < 1) {
        return Err(RedshiftError::InvalidNumberOfNodes(n));
    }
    let nodes = match cluster_type {
        None => number_of_nodes.unwrap_or(1),
        Some("single-node") => 1,
        Some("multi-node") => match number_of_nodes {
            Some(n) if n >= 2 => n,
            _ => return Err(RedshiftError::MultiNodeNeedsNodes),
        },
        Some(other) => return Err(RedshiftError::InvalidClusterType(other.to_owned())),
    };
    if nodes > node.max_nodes {
        return Err(RedshiftError::NumberOfNodesPerClusterLimitExceeded {
            nodes,
            node_type: node.name.to_owned(),
            max: node.max_nodes,
        });
    }
    if nodes == 1 && !node.single_node {
        return Err(RedshiftError::SingleNodeNotSupported(node.name.to_owned()));
    }
    Ok(nodes)
}

/// An Availability Zone of the region (doc: "must be in the same region").
pub(super) fn check_zone(ctx: &Context, zone: &str) -> Outcome<Name> {
    if catalog::availability_zones(ctx.region)
        .iter()
        .any(|z| z == zone)
    {
        Ok(Name::from(zone))
    } else {
        Err(RedshiftError::InvalidAvailabilityZone(zone.to_owned()))
    }
}

/// The automated snapshot retention period (doc: 0 to 35 days; RA3 and RG
/// clusters cannot turn automated snapshots off).
pub(super) fn check_automated_retention(node: &NodeType, days: i64) -> Outcome<()> {
    if !(0..=35).contains(&days) {
        return Err(RedshiftError::InvalidAutomatedRetention(days));
    }
    if days == 0 && node.managed_storage {
        return Err(RedshiftError::AutomatedSnapshotsRequired(
            node.name.to_owned(),
        ));
    }
    Ok(())
}

/// The port a cluster of that node type may listen on (doc).
pub(super) fn check_port(node: &NodeType, port: i64) -> Outcome<()> {
    if node.port_allowed(port) {
        Ok(())
    } else if node.managed_storage {
        Err(RedshiftError::InvalidManagedStoragePort(port))
    } else {
        Err(RedshiftError::InvalidPort(port))
    }
}

/// A cluster version (doc: "Only version 1.0 is currently available").
pub(super) fn check_version(version: &str) -> Outcome<()> {
    if version == CLUSTER_VERSION {
        Ok(())
    } else {
        Err(RedshiftError::InvalidClusterVersion(version.to_owned()))
    }
}

/// `IpAddressType` (doc: `ipv4` or `dualstack`; default `ipv4`).
pub(super) fn check_ip_address_type(value: Option<&str>) -> Outcome<Name> {
    match value.unwrap_or("ipv4") {
        kind @ ("ipv4" | "dualstack") => Ok(Name::from(kind)),
        other => Err(RedshiftError::InvalidIpAddressType(other.to_owned())),
    }
}

/// An Elastic IP (doc): an IPv4 address, for a publicly accessible cluster
/// whose relocation is off.
pub(super) fn check_elastic_ip_use(
    ip: Option<&str>,
    public: bool,
    relocation: bool,
) -> Outcome<()> {
    let Some(ip) = ip else {
        return Ok(());
    };
    check_elastic_ip(ip)?;
    if !public {
        return Err(RedshiftError::ElasticIpNotPublic);
    }
    if relocation {
        return Err(RedshiftError::ElasticIpWithRelocation);
    }
    Ok(())
}

/// The IAM roles of a new cluster, `in-sync`: ARNs, at most the quota; a
/// default role must be one of them (choice: AWS refuses one it was not given).
fn new_roles(arns: &[Name], default: Option<&Name>) -> Outcome<Vec<IamRole>> {
    let mut roles: Vec<IamRole> = Vec::new();
    for arn in arns {
        check_role_arn(arn)?;
        if !roles.iter().any(|r| r.arn == *arn) {
            roles.push(IamRole {
                arn: arn.clone(),
                status: RoleStatus::InSync,
            });
        }
    }
    if roles.len() > IAM_ROLE_QUOTA {
        return Err(RedshiftError::IamRoleQuotaExceeded(IAM_ROLE_QUOTA));
    }
    if let Some(default) = default {
        if !roles.iter().any(|r| r.arn == *default) {
            return Err(RedshiftError::DefaultRoleNotAssociated(default.to_string()));
        }
    }
    Ok(roles)
}

/// The zone of a Multi-AZ cluster's secondary compute: the region's next
/// zone after its own (choice).
pub(super) fn secondary_zone(ctx: &Context, primary: &str) -> Name {
    let zones = catalog::availability_zones(ctx.region);
    let at = zones.iter().position(|z| z == primary).unwrap_or(0);
    Name::from(zones[(at + 1) % zones.len()].as_str())
}

/// The Secrets Manager secret of a cluster whose admin password Amazon
/// Redshift manages (fact: `redshift!<cluster>-admin`, with Secrets
/// Manager's random suffix).
pub(super) fn secret_arn(ctx: &Context, id: &str) -> Name {
    let suffix = hash64(&[ctx.account, ctx.region, id, "secret"]);
    let letters: String = (0..6)
        .map(|i| char::from(b'a' + ((suffix >> (i * 5)) % 26) as u8))
        .collect();
    Name::from(format!(
        "arn:{}:secretsmanager:{}:{}:secret:redshift!{id}-admin-{letters}",
        crate::engine::resources::partition(ctx.region).0,
        ctx.region,
        ctx.account
    ))
}

/// The ARN of a Glue data catalog of the caller's (doc: lakehouse).
pub(super) fn catalog_arn(ctx: &Context, name: &str) -> Name {
    Name::from(format!(
        "arn:{}:glue:{}:{}:catalog/{name}",
        crate::engine::resources::partition(ctx.region).0,
        ctx.region,
        ctx.account
    ))
}
