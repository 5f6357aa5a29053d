//! Cluster rules: enough of a cluster to take, keep and lose snapshots.

use super::identifiers::{
    arn, automated_snapshot_identifier, key, new_cluster_identifier, new_snapshot_identifier,
    partition,
};
use super::{
    check_manual_retention, check_tags, encode_marker, hash64, page_size, read_marker, tags_match,
    DESCRIBE_PAGE,
};
use super::{ClusterRecord, Context, Outcome, SnapshotRecord, World};
use crate::errors::RedshiftError;
use crate::model::inputs::{CreateClusterMessage, DeleteClusterMessage, DescribeClustersMessage};
use crate::model::{
    Cluster, ClusterNode, ClusterParameterGroupStatus, ClusterResult, ClustersMessage, Endpoint,
    PendingModifiedValues, Timestamp,
};

/// The engine version clusters and their snapshots report.
pub const ENGINE_FULL_VERSION: &str = "1.0.80000";

/// Node types Amazon Redshift offers, with each node's storage in MB.
const NODE_TYPES: &[(&str, i64)] = &[
    ("dc2.large", 163_840),
    ("dc2.8xlarge", 2_662_400),
    ("ra3.large", 1_048_576),
    ("ra3.xlplus", 33_554_432),
    ("ra3.4xlarge", 134_217_728),
    ("ra3.16xlarge", 134_217_728),
    ("ds2.xlarge", 2_097_152),
    ("ds2.8xlarge", 16_777_216),
    ("dc1.large", 163_840),
    ("dc1.8xlarge", 2_662_400),
];

/// The data a cluster of the fake holds, in MB (choice: a small fixed amount
/// per node, so snapshot sizes are plausible and predictable).
pub fn data_size_mb(nodes: i64) -> f64 {
    24.0 * nodes as f64
}

impl ClusterRecord {
    /// The status the cluster has at `now`.
    pub fn status(&self, now: Timestamp) -> &'static str {
        if self.deleting_until.is_some() {
            "deleting"
        } else if now < self.available_at {
            "creating"
        } else {
            "available"
        }
    }

    /// The cluster as DescribeClusters shows it at `now`.
    pub fn view(&self, now: Timestamp) -> Cluster {
        let mut c = self.cluster.clone();
        let status = self.status(now);
        c.cluster_availability_status = Some(
            if status == "available" {
                "Available"
            } else {
                "Unavailable"
            }
            .to_owned(),
        );
        if status == "creating" {
            c.endpoint = None;
        }
        c.cluster_status = Some(status.to_owned());
        c.restore_status = self.restore_status(now);
        c
    }
}

impl World {
    /// The caller's cluster of that identifier, in any state.
    pub(super) fn cluster(&self, ctx: &Context, identifier: &str) -> Outcome<&ClusterRecord> {
        self.place(ctx)
            .and_then(|p| p.clusters.get(&key(identifier)))
            .ok_or_else(|| RedshiftError::ClusterNotFound(key(identifier)))
    }

    /// The caller's cluster of that identifier, which must be `available`.
    pub(super) fn available_cluster(
        &self,
        ctx: &Context,
        identifier: &str,
    ) -> Outcome<&ClusterRecord> {
        let cluster = self.cluster(ctx, identifier)?;
        match cluster.status(ctx.now) {
            "available" => Ok(cluster),
            status => Err(RedshiftError::InvalidClusterState {
                id: key(identifier),
                status: status.to_owned(),
            }),
        }
    }

    /// A new backup of a restored cluster frees the snapshot it came from.
    pub(super) fn clear_restored_from(&mut self, ctx: &Context, identifier: &str) {
        if let Some(c) = self
            .place_mut(ctx)
            .and_then(|p| p.clusters.get_mut(&key(identifier)))
        {
            c.restored_from = None;
        }
    }

    /// CreateCluster.
    pub fn create_cluster(
        &mut self,
        ctx: &Context,
        input: CreateClusterMessage,
    ) -> Outcome<ClusterResult> {
        let record = self.new_cluster(ctx, &input)?;
        Ok(ClusterResult {
            cluster: self.add_cluster(ctx, record),
        })
    }

    /// A cluster made of CreateCluster's members, after CreateCluster's checks.
    pub(super) fn new_cluster(
        &self,
        ctx: &Context,
        input: &CreateClusterMessage,
    ) -> Outcome<ClusterRecord> {
        let id = new_cluster_identifier("ClusterIdentifier", &input.cluster_identifier)?;
        let Some(&(_, storage)) = NODE_TYPES.iter().find(|(n, _)| *n == input.node_type) else {
            return Err(RedshiftError::InvalidNodeType(input.node_type.clone()));
        };
        let nodes = match input.cluster_type.as_deref() {
            None if input.number_of_nodes.is_some_and(|n| n > 1) => {
                input.number_of_nodes.unwrap_or(2)
            }
            None | Some("single-node") => 1,
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
        let port = input.port.unwrap_or(5439);
        if !(1150..=65535).contains(&port) {
            return Err(RedshiftError::InvalidPort(port));
        }
        let tags = input.tags.clone().unwrap_or_default();
        check_tags(&tags)?;
        if self
            .place(ctx)
            .is_some_and(|p| p.clusters.contains_key(&id))
        {
            return Err(RedshiftError::ClusterAlreadyExists(id));
        }
        let h = hash64(&[ctx.account, ctx.region, &id]);
        let octet = |shift: u32| ((h >> shift) & 0xff) as u8;
        let node = |role: String, i: u8| ClusterNode {
            node_role: role,
            private_ip_address: format!("10.{}.{}.{}", octet(8), octet(16), 10 + i),
            public_ip_address: Some(format!("54.{}.{}.{}", octet(24), octet(32), 10 + i)),
        };
        let cluster_nodes = if nodes == 1 {
            vec![node("SHARED".to_owned(), 0)]
        } else {
            std::iter::once(node("LEADER".to_owned(), 0))
                .chain((0..nodes).map(|i| node(format!("COMPUTE-{i}"), i as u8 + 1)))
                .collect()
        };
        let encrypted = input.encrypted.unwrap_or(false) || input.kms_key_id.is_some();
        let cluster = Cluster {
            cluster_identifier: Some(id.clone()),
            node_type: Some(input.node_type.clone()),
            master_username: Some(input.master_username.clone()),
            db_name: Some(input.db_name.clone().unwrap_or_else(|| "dev".to_owned())),
            endpoint: Some(Endpoint {
                address: format!(
                    "{id}.c{:011x}.{}.redshift.{}",
                    h >> 20,
                    ctx.region,
                    partition(ctx.region).1
                ),
                port,
            }),
            cluster_create_time: Some(ctx.now),
            automated_snapshot_retention_period: Some(automated_days),
            manual_snapshot_retention_period: Some(manual_days),
            cluster_security_groups: Some(Vec::new()),
            vpc_security_groups: Some(Vec::new()),
            cluster_parameter_groups: Some(vec![ClusterParameterGroupStatus {
                parameter_group_name: input
                    .cluster_parameter_group_name
                    .clone()
                    .unwrap_or_else(|| "default.redshift-1.0".to_owned()),
                parameter_apply_status: "in-sync".to_owned(),
            }]),
            cluster_subnet_group_name: input.cluster_subnet_group_name.clone(),
            availability_zone: Some(
                input
                    .availability_zone
                    .clone()
                    .unwrap_or_else(|| format!("{}a", ctx.region)),
            ),
            preferred_maintenance_window: Some(
                input
                    .preferred_maintenance_window
                    .clone()
                    .unwrap_or_else(|| "sat:10:00-sat:10:30".to_owned()),
            ),
            pending_modified_values: Some(PendingModifiedValues {}),
            cluster_version: Some(
                input
                    .cluster_version
                    .clone()
                    .unwrap_or_else(|| "1.0".to_owned()),
            ),
            allow_version_upgrade: Some(input.allow_version_upgrade.unwrap_or(true)),
            number_of_nodes: Some(nodes),
            publicly_accessible: Some(input.publicly_accessible.unwrap_or(false)),
            encrypted: Some(encrypted),
            cluster_nodes: Some(cluster_nodes),
            cluster_revision_number: Some("80000".to_owned()),
            tags: Some(tags),
            kms_key_id: input.kms_key_id.clone(),
            enhanced_vpc_routing: Some(input.enhanced_vpc_routing.unwrap_or(false)),
            iam_roles: Some(Vec::new()),
            pending_actions: Some(Vec::new()),
            maintenance_track_name: Some(
                input
                    .maintenance_track_name
                    .clone()
                    .unwrap_or_else(|| "current".to_owned()),
            ),
            deferred_maintenance_windows: Some(Vec::new()),
            availability_zone_relocation_status: Some("disabled".to_owned()),
            cluster_namespace_arn: Some(arn(
                ctx.region,
                ctx.account,
                "namespace",
                &format!(
                    "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                    h >> 32,
                    (h >> 16) & 0xffff,
                    h & 0xfff,
                    (h >> 12) & 0xfff,
                    hash64(&[&id, ctx.account]) & 0xffff_ffff_ffff
                ),
            )),
            total_storage_capacity_in_mega_bytes: Some(storage * nodes),
            default_iam_role_arn: input.default_iam_role_arn.clone(),
            ip_address_type: Some(
                input
                    .ip_address_type
                    .clone()
                    .unwrap_or_else(|| "ipv4".to_owned()),
            ),
            multi_az: Some(
                if input.multi_az.unwrap_or(false) {
                    "Enabled"
                } else {
                    "Disabled"
                }
                .to_owned(),
            ),
            ..Cluster::default()
        };
        let available_at = ctx.now.plus_seconds(self.settings.cluster_creation_seconds);
        Ok(ClusterRecord {
            cluster,
            available_at,
            deleting_until: None,
            restored_from: None,
        })
    }

    /// Adds a new cluster, with its first automated snapshot unless its
    /// retention period is 0, and answers it as `creating`.
    pub(super) fn add_cluster(&mut self, ctx: &Context, record: ClusterRecord) -> Cluster {
        let id = record
            .cluster
            .cluster_identifier
            .clone()
            .unwrap_or_default();
        let available_at = record.available_at;
        let automated_days = record
            .cluster
            .automated_snapshot_retention_period
            .unwrap_or(0);
        let mut answer = record.view(ctx.now);
        answer.cluster_status = Some("creating".to_owned());
        answer.cluster_availability_status = Some("Unavailable".to_owned());
        answer.endpoint = None;
        if automated_days > 0 {
            let snapshot_id = automated_snapshot_identifier(&id, available_at);
            let snapshot = SnapshotRecord::of_cluster(
                ctx,
                &record,
                snapshot_id.clone(),
                "automated",
                available_at,
                self.settings.snapshot_creation_seconds,
            );
            self.note_event(snapshot.expires_at());
            self.place_entry(ctx)
                .snapshots
                .insert(snapshot_id, snapshot);
        }
        self.place_entry(ctx).clusters.insert(id, record);
        answer
    }

    /// DescribeClusters.
    pub fn describe_clusters(
        &self,
        ctx: &Context,
        input: DescribeClustersMessage,
    ) -> Outcome<ClustersMessage> {
        let limit = page_size(input.max_records, DESCRIBE_PAGE)?;
        if let Some(id) = input.cluster_identifier.as_deref() {
            self.cluster(ctx, id)?;
        }
        let after = input
            .marker
            .as_deref()
            .map(|m| read_marker(m, serde_json::Value::is_string))
            .transpose()?;
        let after = after.as_ref().and_then(|m| m.as_str());
        let wanted = input.cluster_identifier.as_deref().map(key);
        let tag_filter = input.tag_keys.is_some() || input.tag_values.is_some();
        let matches: Vec<&ClusterRecord> = self
            .place(ctx)
            .into_iter()
            .flat_map(|p| p.clusters.iter())
            .filter(|(id, _)| after.is_none_or(|a| id.as_str() > a))
            .filter(|(id, _)| wanted.as_deref().is_none_or(|w| w == id.as_str()))
            .filter(|(_, c)| {
                !tag_filter
                    || tags_match(
                        c.cluster.tags.as_deref().unwrap_or(&[]),
                        input.tag_keys.as_deref(),
                        input.tag_values.as_deref(),
                    )
            })
            .map(|(_, c)| c)
            .collect();
        let marker = (matches.len() > limit).then(|| {
            encode_marker(&serde_json::json!(
                matches[limit - 1].cluster.cluster_identifier
            ))
        });
        let clusters = matches
            .iter()
            .take(limit)
            .map(|c| c.view(ctx.now))
            .collect();
        Ok(ClustersMessage { marker, clusters })
    }

    /// DeleteCluster: takes the final snapshot unless told to skip it, removes
    /// the cluster's automated snapshots and keeps its manual ones.
    pub fn delete_cluster(
        &mut self,
        ctx: &Context,
        input: DeleteClusterMessage,
    ) -> Outcome<ClusterResult> {
        let skip = input.skip_final_cluster_snapshot.unwrap_or(false);
        let final_id = input
            .final_cluster_snapshot_identifier
            .as_deref()
            .filter(|s| !s.is_empty());
        let record = self.cluster(ctx, &input.cluster_identifier)?;
        let id = key(&input.cluster_identifier);
        let status = record.status(ctx.now);
        if status == "deleting" {
            return Err(RedshiftError::InvalidClusterState {
                id,
                status: status.to_owned(),
            });
        }
        match (skip, final_id) {
            (true, Some(_)) => return Err(RedshiftError::FinalSnapshotWithSkip),
            (false, None) => return Err(RedshiftError::FinalSnapshotRequired),
            (false, Some(final_id)) => {
                let snapshot_id =
                    new_snapshot_identifier("FinalClusterSnapshotIdentifier", final_id)?;
                let retention = input
                    .final_cluster_snapshot_retention_period
                    .map(check_manual_retention)
                    .transpose()?;
                if status != "available" {
                    return Err(RedshiftError::InvalidClusterState {
                        id,
                        status: status.to_owned(),
                    });
                }
                let mut snapshot = SnapshotRecord::of_cluster(
                    ctx,
                    record,
                    snapshot_id,
                    "manual",
                    ctx.now,
                    self.settings.snapshot_creation_seconds,
                );
                if let Some(days) = retention {
                    snapshot.snapshot.manual_snapshot_retention_period = Some(days);
                }
                self.add_manual_snapshot(ctx, snapshot)?;
            }
            (true, None) => {}
        }
        let deletion = self.settings.cluster_deletion_seconds;
        self.note_event(Some(ctx.now.plus_seconds(deletion)));
        let place = self
            .place_mut(ctx)
            .ok_or_else(|| RedshiftError::ClusterNotFound(id.clone()))?;
        place.snapshots.retain(|_, s| {
            !(s.automated_retention_days.is_some()
                && s.snapshot.cluster_identifier.as_deref() == Some(id.as_str()))
        });
        let record = place
            .clusters
            .get_mut(&id)
            .ok_or_else(|| RedshiftError::ClusterNotFound(id.clone()))?;
        record.deleting_until = Some(ctx.now.plus_seconds(deletion));
        let answer = record.view(ctx.now);
        if deletion <= 0.0 {
            place.clusters.remove(&id);
        }
        Ok(ClusterResult { cluster: answer })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testkit::refused;
    use crate::engine::Settings;
    use crate::model::inputs::{CreateClusterSnapshotMessage, DescribeClusterSnapshotsMessage};

    const ME: &str = "123456789012";
    /// 2024-03-05T06:07:08Z.
    const T0: Timestamp = Timestamp(1_709_618_828_000_000);

    fn at(now: Timestamp) -> Context<'static> {
        Context {
            account: ME,
            region: "us-east-1",
            now,
        }
    }

    fn new_cluster(id: &str) -> CreateClusterMessage {
        CreateClusterMessage {
            cluster_identifier: id.to_owned(),
            node_type: "dc2.large".to_owned(),
            master_username: "admin".to_owned(),
            master_user_password: Some("Secret123".to_owned()),
            ..CreateClusterMessage::default()
        }
    }

    fn world_with(id: &str) -> World {
        let mut w = World::default();
        w.create_cluster(&at(T0), new_cluster(id)).unwrap();
        w
    }

    fn delete(id: &str, skip: Option<bool>, final_id: Option<&str>) -> DeleteClusterMessage {
        DeleteClusterMessage {
            cluster_identifier: id.to_owned(),
            skip_final_cluster_snapshot: skip,
            final_cluster_snapshot_identifier: final_id.map(str::to_owned),
            final_cluster_snapshot_retention_period: None,
        }
    }

    fn snapshot_ids(w: &World, now: Timestamp) -> Vec<(String, String)> {
        w.describe_cluster_snapshots(&at(now), DescribeClusterSnapshotsMessage::default())
            .unwrap()
            .snapshots
            .into_iter()
            .map(|s| {
                (
                    s.snapshot_identifier.unwrap_or_default(),
                    s.snapshot_type.unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn create_answers_creating_and_stores_lowercase() {
        let mut w = World::default();
        let made = w
            .create_cluster(&at(T0), new_cluster("My-Cluster"))
            .unwrap();
        assert_eq!(made.cluster.cluster_status.as_deref(), Some("creating"));
        assert_eq!(
            made.cluster.cluster_identifier.as_deref(),
            Some("my-cluster")
        );
        assert!(made.cluster.endpoint.is_none());
        let place = w.place(&at(T0)).unwrap();
        assert!(place.clusters.contains_key("my-cluster"));
        let seen = w
            .describe_clusters(
                &at(T0),
                DescribeClustersMessage {
                    cluster_identifier: Some("MY-CLUSTER".to_owned()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(seen.clusters.len(), 1);
        assert_eq!(
            seen.clusters[0].cluster_status.as_deref(),
            Some("available")
        );
        assert_eq!(seen.clusters[0].db_name.as_deref(), Some("dev"));
        assert_eq!(
            seen.clusters[0].endpoint.as_ref().map(|e| e.port),
            Some(5439)
        );
    }

    #[test]
    fn invalid_identifiers_name_the_parameter() {
        let mut w = World::default();
        for bad in ["", "1c", "c--1", "c-", "c_1", &"c".repeat(64)] {
            let err = refused(&mut w, "InvalidParameterValue", |w| {
                w.create_cluster(&at(T0), new_cluster(bad))
            });
            assert!(err
                .to_string()
                .starts_with("The parameter ClusterIdentifier is not a valid identifier."));
        }
    }

    #[test]
    fn identifier_taken_in_any_case() {
        let mut w = world_with("c1");
        let err = refused(&mut w, "ClusterAlreadyExists", |w| {
            w.create_cluster(&at(T0), new_cluster("C1"))
        });
        assert_eq!(err.to_string(), "Cluster already exists");
        // Another account or region has its own namespace.
        let other = Context {
            account: "210987654321",
            ..at(T0)
        };
        assert!(w.create_cluster(&other, new_cluster("c1")).is_ok());
        let elsewhere = Context {
            region: "eu-west-1",
            ..at(T0)
        };
        assert!(w.create_cluster(&elsewhere, new_cluster("c1")).is_ok());
    }

    #[test]
    fn creation_takes_an_automated_snapshot_named_by_its_time() {
        let w = world_with("c1");
        assert_eq!(
            snapshot_ids(&w, T0),
            vec![(
                "rs:c1-2024-03-05-06-07-08".to_owned(),
                "automated".to_owned()
            )]
        );
        let record = &w.place(&at(T0)).unwrap().snapshots["rs:c1-2024-03-05-06-07-08"];
        assert_eq!(record.snapshot.snapshot_create_time, Some(T0));
        assert_eq!(record.automated_retention_days, Some(1));
        assert_eq!(record.snapshot.manual_snapshot_retention_period, None);
    }

    #[test]
    fn no_automated_snapshot_with_zero_retention() {
        let mut w = World::default();
        let input = CreateClusterMessage {
            automated_snapshot_retention_period: Some(0),
            ..new_cluster("c1")
        };
        w.create_cluster(&at(T0), input).unwrap();
        assert!(snapshot_ids(&w, T0).is_empty());
    }

    #[test]
    fn automated_retention_is_zero_to_thirty_five_days() {
        let mut w = World::default();
        for bad in [-1, 36] {
            let input = CreateClusterMessage {
                automated_snapshot_retention_period: Some(bad),
                ..new_cluster("c1")
            };
            refused(&mut w, "InvalidRetentionPeriodFault", |w| {
                w.create_cluster(&at(T0), input)
            });
        }
        let input = CreateClusterMessage {
            automated_snapshot_retention_period: Some(35),
            ..new_cluster("c1")
        };
        assert!(w.create_cluster(&at(T0), input).is_ok());
    }

    #[test]
    fn node_type_count_and_port_are_checked() {
        let mut w = World::default();
        let cases = [
            (
                CreateClusterMessage {
                    node_type: "huge".to_owned(),
                    ..new_cluster("c1")
                },
                "InvalidParameterValue",
            ),
            (
                CreateClusterMessage {
                    cluster_type: Some("multi-node".to_owned()),
                    number_of_nodes: Some(1),
                    ..new_cluster("c1")
                },
                "InvalidParameterValue",
            ),
            (
                CreateClusterMessage {
                    number_of_nodes: Some(129),
                    ..new_cluster("c1")
                },
                "NumberOfNodesPerClusterLimitExceeded",
            ),
            (
                CreateClusterMessage {
                    port: Some(80),
                    ..new_cluster("c1")
                },
                "InvalidParameterValue",
            ),
        ];
        for (input, code) in cases {
            refused(&mut w, code, |w| w.create_cluster(&at(T0), input));
        }
    }

    #[test]
    fn a_cluster_is_creating_until_its_creation_time_has_passed() {
        let mut w = World::new(Settings {
            cluster_creation_seconds: 60.0,
            ..Settings::default()
        });
        w.create_cluster(&at(T0), new_cluster("c1")).unwrap();
        let status = |w: &World, now| {
            w.describe_clusters(&at(now), DescribeClustersMessage::default())
                .unwrap()
                .clusters[0]
                .cluster_status
                .clone()
        };
        assert_eq!(
            status(&w, T0.plus_seconds(59.0)).as_deref(),
            Some("creating")
        );
        assert_eq!(
            status(&w, T0.plus_seconds(60.0)).as_deref(),
            Some("available")
        );
        // The automated snapshot is taken when the cluster becomes available.
        assert!(snapshot_ids(&w, T0).is_empty());
        assert_eq!(
            snapshot_ids(&w, T0.plus_seconds(60.0))[0].0,
            "rs:c1-2024-03-05-06-08-08".to_owned()
        );
        // A creating cluster cannot be snapshotted.
        let snap = CreateClusterSnapshotMessage {
            snapshot_identifier: "s1".to_owned(),
            cluster_identifier: "c1".to_owned(),
            ..Default::default()
        };
        refused(&mut w, "InvalidClusterState", |w| {
            w.create_cluster_snapshot(&at(T0.plus_seconds(30.0)), snap.clone())
        });
        // Nor can it be deleted with a final snapshot.
        refused(&mut w, "InvalidClusterState", |w| {
            w.delete_cluster(&at(T0.plus_seconds(30.0)), delete("c1", None, Some("f1")))
        });
        assert!(w
            .create_cluster_snapshot(&at(T0.plus_seconds(60.0)), snap)
            .is_ok());
    }

    #[test]
    fn describe_unknown_cluster() {
        let mut w = world_with("c1");
        let err = refused(&mut w, "ClusterNotFound", |w| {
            w.describe_clusters(
                &at(T0),
                DescribeClustersMessage {
                    cluster_identifier: Some("C9".to_owned()),
                    ..Default::default()
                },
            )
        });
        assert_eq!(err.to_string(), "Cluster c9 not found.");
        assert_eq!(err.status(), 404);
    }

    #[test]
    fn describe_pages_in_identifier_order() {
        let mut w = World::default();
        for i in (0..25).rev() {
            w.create_cluster(&at(T0), new_cluster(&format!("c{i:02}")))
                .unwrap();
        }
        let page = |marker: Option<String>| {
            w.describe_clusters(
                &at(T0),
                DescribeClustersMessage {
                    max_records: Some(20),
                    marker,
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let first = page(None);
        assert_eq!(first.clusters.len(), 20);
        let second = page(first.marker.clone());
        assert!(second.marker.is_none());
        let ids: Vec<String> = first
            .clusters
            .iter()
            .chain(&second.clusters)
            .filter_map(|c| c.cluster_identifier.clone())
            .collect();
        assert_eq!(ids, (0..25).map(|i| format!("c{i:02}")).collect::<Vec<_>>());
    }

    #[test]
    fn delete_needs_exactly_one_of_skip_and_final_identifier() {
        let mut w = world_with("c1");
        for input in [
            delete("c1", None, None),
            delete("c1", Some(false), None),
            delete("c1", Some(false), Some("")),
            delete("c1", Some(true), Some("f1")),
        ] {
            refused(&mut w, "InvalidParameterCombination", |w| {
                w.delete_cluster(&at(T0), input)
            });
        }
        // What a popular workflow tool sends.
        assert!(w
            .delete_cluster(&at(T0), delete("c1", Some(true), Some("")))
            .is_ok());
    }

    #[test]
    fn delete_takes_the_final_snapshot_and_keeps_manual_ones() {
        let mut w = world_with("c1");
        w.create_cluster(&at(T0), new_cluster("c2")).unwrap();
        for (s, c) in [("m1", "c1"), ("m2", "c2")] {
            w.create_cluster_snapshot(
                &at(T0),
                CreateClusterSnapshotMessage {
                    snapshot_identifier: s.to_owned(),
                    cluster_identifier: c.to_owned(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let gone = w
            .delete_cluster(&at(T0), delete("C1", None, Some("Final")))
            .unwrap();
        assert_eq!(gone.cluster.cluster_status.as_deref(), Some("deleting"));
        assert!(!w.place(&at(T0)).unwrap().clusters.contains_key("c1"));
        let mut left = snapshot_ids(&w, T0);
        left.sort();
        assert_eq!(
            left,
            vec![
                ("final".to_owned(), "manual".to_owned()),
                ("m1".to_owned(), "manual".to_owned()),
                ("m2".to_owned(), "manual".to_owned()),
                (
                    "rs:c2-2024-03-05-06-07-08".to_owned(),
                    "automated".to_owned()
                ),
            ]
        );
        let final_snapshot = &w.place(&at(T0)).unwrap().snapshots["final"].snapshot;
        assert_eq!(final_snapshot.cluster_identifier.as_deref(), Some("c1"));
        assert_eq!(final_snapshot.manual_snapshot_retention_period, Some(-1));
    }

    #[test]
    fn final_snapshot_retention_period_is_checked_and_kept() {
        let mut w = world_with("c1");
        let with_days = |days| DeleteClusterMessage {
            final_cluster_snapshot_retention_period: Some(days),
            ..delete("c1", None, Some("f1"))
        };
        refused(&mut w, "InvalidRetentionPeriodFault", |w| {
            w.delete_cluster(&at(T0), with_days(0))
        });
        w.delete_cluster(&at(T0), with_days(9)).unwrap();
        let f1 = &w.place(&at(T0)).unwrap().snapshots["f1"].snapshot;
        assert_eq!(f1.manual_snapshot_retention_period, Some(9));
    }

    #[test]
    fn a_final_snapshot_that_cannot_be_taken_keeps_the_cluster() {
        let mut w = World::new(Settings {
            manual_snapshot_quota: 1,
            ..Settings::default()
        });
        w.create_cluster(&at(T0), new_cluster("c1")).unwrap();
        w.create_cluster_snapshot(
            &at(T0),
            CreateClusterSnapshotMessage {
                snapshot_identifier: "s1".to_owned(),
                cluster_identifier: "c1".to_owned(),
                ..Default::default()
            },
        )
        .unwrap();
        refused(&mut w, "ClusterSnapshotAlreadyExists", |w| {
            w.delete_cluster(&at(T0), delete("c1", None, Some("S1")))
        });
        refused(&mut w, "ClusterSnapshotQuotaExceeded", |w| {
            w.delete_cluster(&at(T0), delete("c1", None, Some("s2")))
        });
        let err = refused(&mut w, "InvalidParameterValue", |w| {
            w.delete_cluster(&at(T0), delete("c1", None, Some("s-")))
        });
        assert!(err.to_string().starts_with(
            "The parameter FinalClusterSnapshotIdentifier is not a valid identifier."
        ));
    }

    #[test]
    fn delete_unknown_cluster() {
        let mut w = World::default();
        let err = refused(&mut w, "ClusterNotFound", |w| {
            w.delete_cluster(&at(T0), delete("c9", Some(true), None))
        });
        assert_eq!(err.to_string(), "Cluster c9 not found.");
    }

    #[test]
    fn a_cluster_being_deleted_cannot_be_deleted_again_and_goes_on_tick() {
        let mut w = World::new(Settings {
            cluster_deletion_seconds: 30.0,
            ..Settings::default()
        });
        w.create_cluster(&at(T0), new_cluster("c1")).unwrap();
        w.delete_cluster(&at(T0), delete("c1", Some(true), None))
            .unwrap();
        let err = refused(&mut w, "InvalidClusterState", |w| {
            w.delete_cluster(&at(T0), delete("c1", Some(true), None))
        });
        assert!(err.to_string().contains("deleting"));
        w.tick(T0.plus_seconds(29.0));
        assert!(w.cluster(&at(T0), "c1").is_ok());
        w.tick(T0.plus_seconds(30.0));
        assert_eq!(
            w.cluster(&at(T0), "c1").unwrap_err().code(),
            "ClusterNotFound"
        );
        // The identifier is free again.
        assert!(w
            .create_cluster(&at(T0.plus_seconds(31.0)), new_cluster("c1"))
            .is_ok());
    }
}
