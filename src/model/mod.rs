//! The response model: one Rust definition of each output shape, named and
//! spelled as in the service model, used by every door. Optional members are
//! `Option`s; a `None` is left out of every rendering.

pub mod inputs;
pub mod service;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time with microsecond precision (Python's), always UTC.
///
/// It serializes as a newtype named [`Timestamp::NAME`] around microseconds
/// since the epoch, so a door can tell it apart from a plain integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The newtype name doors recognise.
    pub const NAME: &'static str = "$timestamp";

    pub fn from_datetime(t: DateTime<Utc>) -> Timestamp {
        Timestamp(t.timestamp_micros())
    }

    /// The earliest and latest instants a door renders: Python's `datetime`
    /// range (years 1 to 9999), at AWS's millisecond precision. Later (or
    /// earlier) ones, such as the end of a retention period the engine works
    /// out, are rendered as these.
    pub const MIN: Timestamp = Timestamp(-62_135_596_800_000_000);
    pub const MAX: Timestamp = Timestamp(253_402_300_799_999_000);

    /// The instant, within [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    pub fn datetime(self) -> DateTime<Utc> {
        Utc.timestamp_micros(self.clamp(Self::MIN, Self::MAX).0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Truncated to AWS's precision, the millisecond.
    pub fn to_millis(self) -> Timestamp {
        Timestamp(self.0.div_euclid(1000) * 1000)
    }

    pub fn plus_seconds(self, seconds: f64) -> Timestamp {
        Timestamp(self.0.saturating_add((seconds * 1e6).round() as i64))
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    pub fn seconds_until(self, later: Timestamp) -> f64 {
        (later.0 - self.0) as f64 / 1e6
    }

    /// ISO 8601 with milliseconds, as AWS writes timestamps in XML.
    pub fn iso8601(self) -> String {
        self.datetime().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(Self::NAME, &self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(Timestamp)
    }
}

/// `Tag`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

/// `AccountWithRestoreAccess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountWithRestoreAccess {
    pub account_id: Option<String>,
    pub account_alias: Option<String>,
}

/// `Snapshot`: every member of the model's shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Snapshot {
    pub snapshot_identifier: Option<String>,
    pub cluster_identifier: Option<String>,
    pub snapshot_create_time: Option<Timestamp>,
    pub status: Option<String>,
    pub port: Option<i64>,
    pub availability_zone: Option<String>,
    pub cluster_create_time: Option<Timestamp>,
    pub master_username: Option<String>,
    pub cluster_version: Option<String>,
    pub engine_full_version: Option<String>,
    pub snapshot_type: Option<String>,
    pub node_type: Option<String>,
    pub number_of_nodes: Option<i64>,
    #[serde(rename = "DBName")]
    pub db_name: Option<String>,
    pub vpc_id: Option<String>,
    pub encrypted: Option<bool>,
    pub kms_key_id: Option<String>,
    #[serde(rename = "EncryptedWithHSM")]
    pub encrypted_with_hsm: Option<bool>,
    pub accounts_with_restore_access: Option<Vec<AccountWithRestoreAccess>>,
    pub owner_account: Option<String>,
    pub total_backup_size_in_mega_bytes: Option<f64>,
    pub actual_incremental_backup_size_in_mega_bytes: Option<f64>,
    pub backup_progress_in_mega_bytes: Option<f64>,
    pub current_backup_rate_in_mega_bytes_per_second: Option<f64>,
    pub estimated_seconds_to_completion: Option<i64>,
    pub elapsed_time_in_seconds: Option<i64>,
    pub source_region: Option<String>,
    pub tags: Option<Vec<Tag>>,
    pub restorable_node_types: Option<Vec<String>>,
    pub enhanced_vpc_routing: Option<bool>,
    pub maintenance_track_name: Option<String>,
    pub manual_snapshot_retention_period: Option<i64>,
    pub manual_snapshot_remaining_days: Option<i64>,
    pub snapshot_retention_start_time: Option<Timestamp>,
    pub master_password_secret_arn: Option<String>,
    pub master_password_secret_kms_key_id: Option<String>,
    pub snapshot_arn: Option<String>,
}

/// `Endpoint`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Endpoint {
    pub address: String,
    pub port: i64,
}

/// `ClusterParameterGroupStatus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterParameterGroupStatus {
    pub parameter_group_name: String,
    pub parameter_apply_status: String,
}

/// `VpcSecurityGroupMembership`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcSecurityGroupMembership {
    pub vpc_security_group_id: String,
    pub status: String,
}

/// `ClusterSecurityGroupMembership`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterSecurityGroupMembership {
    pub cluster_security_group_name: String,
    pub status: String,
}

/// `ClusterNode`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterNode {
    pub node_role: String,
    #[serde(rename = "PrivateIPAddress")]
    pub private_ip_address: String,
    #[serde(rename = "PublicIPAddress")]
    pub public_ip_address: Option<String>,
}

/// `ClusterIamRole`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterIamRole {
    pub iam_role_arn: String,
    pub apply_status: String,
}

/// `RestoreStatus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RestoreStatus {
    pub status: String,
    pub current_restore_rate_in_mega_bytes_per_second: f64,
    pub snapshot_size_in_mega_bytes: i64,
    pub progress_in_mega_bytes: i64,
    pub elapsed_time_in_seconds: i64,
    pub estimated_time_to_completion_in_seconds: i64,
}

/// `PendingModifiedValues` (the fake never has pending changes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingModifiedValues {}

/// `Cluster`: the members a cluster of the fake has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Cluster {
    pub cluster_identifier: Option<String>,
    pub node_type: Option<String>,
    pub cluster_status: Option<String>,
    pub cluster_availability_status: Option<String>,
    pub master_username: Option<String>,
    #[serde(rename = "DBName")]
    pub db_name: Option<String>,
    pub endpoint: Option<Endpoint>,
    pub cluster_create_time: Option<Timestamp>,
    pub automated_snapshot_retention_period: Option<i64>,
    pub manual_snapshot_retention_period: Option<i64>,
    pub cluster_security_groups: Option<Vec<ClusterSecurityGroupMembership>>,
    pub vpc_security_groups: Option<Vec<VpcSecurityGroupMembership>>,
    pub cluster_parameter_groups: Option<Vec<ClusterParameterGroupStatus>>,
    pub cluster_subnet_group_name: Option<String>,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    pub preferred_maintenance_window: Option<String>,
    pub pending_modified_values: Option<PendingModifiedValues>,
    pub cluster_version: Option<String>,
    pub allow_version_upgrade: Option<bool>,
    pub number_of_nodes: Option<i64>,
    pub publicly_accessible: Option<bool>,
    pub encrypted: Option<bool>,
    pub restore_status: Option<RestoreStatus>,
    pub cluster_nodes: Option<Vec<ClusterNode>>,
    pub cluster_revision_number: Option<String>,
    pub tags: Option<Vec<Tag>>,
    pub kms_key_id: Option<String>,
    pub enhanced_vpc_routing: Option<bool>,
    pub iam_roles: Option<Vec<ClusterIamRole>>,
    pub pending_actions: Option<Vec<String>>,
    pub maintenance_track_name: Option<String>,
    pub deferred_maintenance_windows: Option<Vec<serde_json::Value>>,
    pub next_maintenance_window_start_time: Option<Timestamp>,
    pub availability_zone_relocation_status: Option<String>,
    pub cluster_namespace_arn: Option<String>,
    pub total_storage_capacity_in_mega_bytes: Option<i64>,
    pub default_iam_role_arn: Option<String>,
    pub ip_address_type: Option<String>,
    #[serde(rename = "MultiAZ")]
    pub multi_az: Option<String>,
}

/// The result of every operation that answers with one snapshot.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotResult {
    pub snapshot: Snapshot,
}

/// The result of every operation that answers with one cluster.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterResult {
    pub cluster: Cluster,
}

/// `SnapshotMessage`, the answer of DescribeClusterSnapshots.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotMessage {
    pub marker: Option<String>,
    pub snapshots: Vec<Snapshot>,
}

/// `ClustersMessage`, the answer of DescribeClusters.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClustersMessage {
    pub marker: Option<String>,
    pub clusters: Vec<Cluster>,
}

/// `SnapshotErrorMessage`: why one item of a batch failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotErrorMessage {
    pub snapshot_identifier: Option<String>,
    pub snapshot_cluster_identifier: Option<String>,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
}

/// The answer of BatchDeleteClusterSnapshots (`BatchDeleteClusterSnapshotsResult`)
/// and of BatchModifyClusterSnapshots (`BatchModifyClusterSnapshotsOutputMessage`),
/// which have the same members.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BatchSnapshotResult {
    pub resources: Vec<String>,
    pub errors: Vec<SnapshotErrorMessage>,
}

/// `TaggedResource`: one tag of one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaggedResource {
    pub tag: Tag,
    pub resource_name: String,
    pub resource_type: String,
}

/// `TaggedResourceListMessage`, the answer of DescribeTags.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaggedResourceListMessage {
    pub tagged_resources: Vec<TaggedResource>,
    pub marker: Option<String>,
}

/// The answer of an operation without an output shape (CreateTags, DeleteTags).
#[derive(Debug, Clone, Serialize)]
pub struct NoOutput {}
