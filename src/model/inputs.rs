//! Operation inputs, named as the model's input shapes. They are read from the
//! validator's JSON, so every member here has already passed botocore's rules;
//! members the engine does not use are left out (serde ignores them).

use serde::Deserialize;

use super::{Tag, Timestamp};

/// `CreateClusterMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateClusterMessage {
    #[serde(rename = "DBName")]
    pub db_name: Option<String>,
    pub cluster_identifier: String,
    pub cluster_type: Option<String>,
    pub node_type: String,
    pub master_username: String,
    pub master_user_password: Option<String>,
    pub manage_master_password: Option<bool>,
    pub cluster_security_groups: Option<Vec<String>>,
    pub vpc_security_group_ids: Option<Vec<String>>,
    pub cluster_subnet_group_name: Option<String>,
    pub availability_zone: Option<String>,
    pub preferred_maintenance_window: Option<String>,
    pub cluster_parameter_group_name: Option<String>,
    pub automated_snapshot_retention_period: Option<i64>,
    pub manual_snapshot_retention_period: Option<i64>,
    pub port: Option<i64>,
    pub cluster_version: Option<String>,
    pub allow_version_upgrade: Option<bool>,
    pub number_of_nodes: Option<i64>,
    pub publicly_accessible: Option<bool>,
    pub encrypted: Option<bool>,
    pub tags: Option<Vec<Tag>>,
    pub kms_key_id: Option<String>,
    pub enhanced_vpc_routing: Option<bool>,
    pub iam_roles: Option<Vec<String>>,
    pub maintenance_track_name: Option<String>,
    pub default_iam_role_arn: Option<String>,
    pub ip_address_type: Option<String>,
    #[serde(rename = "MultiAZ")]
    pub multi_az: Option<bool>,
}

/// `DescribeClustersMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeClustersMessage {
    pub cluster_identifier: Option<String>,
    pub max_records: Option<i64>,
    pub marker: Option<String>,
    pub tag_keys: Option<Vec<String>>,
    pub tag_values: Option<Vec<String>>,
}

/// `DeleteClusterMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteClusterMessage {
    pub cluster_identifier: String,
    pub skip_final_cluster_snapshot: Option<bool>,
    pub final_cluster_snapshot_identifier: Option<String>,
    pub final_cluster_snapshot_retention_period: Option<i64>,
}

/// `CreateClusterSnapshotMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateClusterSnapshotMessage {
    pub snapshot_identifier: String,
    pub cluster_identifier: String,
    pub manual_snapshot_retention_period: Option<i64>,
    pub tags: Option<Vec<Tag>>,
}

/// `DescribeClusterSnapshotsMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeClusterSnapshotsMessage {
    pub cluster_identifier: Option<String>,
    pub snapshot_identifier: Option<String>,
    pub snapshot_arn: Option<String>,
    pub snapshot_type: Option<String>,
    pub start_time: Option<Timestamp>,
    pub end_time: Option<Timestamp>,
    pub max_records: Option<i64>,
    pub marker: Option<String>,
    pub owner_account: Option<String>,
    pub tag_keys: Option<Vec<String>>,
    pub tag_values: Option<Vec<String>>,
    pub cluster_exists: Option<bool>,
    pub sorting_entities: Option<Vec<SnapshotSortingEntity>>,
}

/// `SnapshotSortingEntity`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct SnapshotSortingEntity {
    pub attribute: String,
    pub sort_order: Option<String>,
}

/// `DeleteClusterSnapshotMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteClusterSnapshotMessage {
    pub snapshot_identifier: String,
    pub snapshot_cluster_identifier: Option<String>,
}

/// `AuthorizeSnapshotAccessMessage` and `RevokeSnapshotAccessMessage`, which
/// have the same members.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct SnapshotAccessMessage {
    pub snapshot_identifier: Option<String>,
    pub snapshot_arn: Option<String>,
    pub snapshot_cluster_identifier: Option<String>,
    pub account_with_restore_access: String,
}

/// `BatchDeleteClusterSnapshotsRequest`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct BatchDeleteClusterSnapshotsRequest {
    pub identifiers: Vec<DeleteClusterSnapshotMessage>,
}

/// `CopyClusterSnapshotMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CopyClusterSnapshotMessage {
    pub source_snapshot_identifier: String,
    pub source_snapshot_cluster_identifier: Option<String>,
    pub target_snapshot_identifier: String,
    pub manual_snapshot_retention_period: Option<i64>,
}

/// `ModifyClusterSnapshotMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ModifyClusterSnapshotMessage {
    pub snapshot_identifier: String,
    pub manual_snapshot_retention_period: Option<i64>,
    pub force: Option<bool>,
}

/// `BatchModifyClusterSnapshotsMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct BatchModifyClusterSnapshotsMessage {
    pub snapshot_identifier_list: Vec<String>,
    pub manual_snapshot_retention_period: Option<i64>,
    pub force: Option<bool>,
}

/// `RestoreFromClusterSnapshotMessage`: the members the fake's clusters have.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RestoreFromClusterSnapshotMessage {
    pub cluster_identifier: String,
    pub snapshot_identifier: Option<String>,
    pub snapshot_arn: Option<String>,
    pub snapshot_cluster_identifier: Option<String>,
    pub owner_account: Option<String>,
    pub port: Option<i64>,
    pub availability_zone: Option<String>,
    pub allow_version_upgrade: Option<bool>,
    pub cluster_subnet_group_name: Option<String>,
    pub publicly_accessible: Option<bool>,
    pub cluster_parameter_group_name: Option<String>,
    pub preferred_maintenance_window: Option<String>,
    pub automated_snapshot_retention_period: Option<i64>,
    pub manual_snapshot_retention_period: Option<i64>,
    pub kms_key_id: Option<String>,
    pub node_type: Option<String>,
    pub enhanced_vpc_routing: Option<bool>,
    pub maintenance_track_name: Option<String>,
    pub number_of_nodes: Option<i64>,
    pub default_iam_role_arn: Option<String>,
    pub encrypted: Option<bool>,
    pub ip_address_type: Option<String>,
    #[serde(rename = "MultiAZ")]
    pub multi_az: Option<bool>,
}

/// `CreateTagsMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateTagsMessage {
    pub resource_name: String,
    pub tags: Vec<Tag>,
}

/// `DeleteTagsMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteTagsMessage {
    pub resource_name: String,
    pub tag_keys: Vec<String>,
}

/// `DescribeTagsMessage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeTagsMessage {
    pub resource_name: Option<String>,
    pub resource_type: Option<String>,
    pub max_records: Option<i64>,
    pub marker: Option<String>,
    pub tag_keys: Option<Vec<String>>,
    pub tag_values: Option<Vec<String>>,
}
