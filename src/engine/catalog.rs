//! The one catalog of what Amazon Redshift offers: node types and their
//! storage, the engine version, and the defaults a new cluster takes. What
//! CreateCluster validates against is what the describe operations answer.

/// The engine version clusters and their snapshots report.
pub const ENGINE_FULL_VERSION: &str = "1.0.80000";
/// The cluster version every cluster runs (doc: the only one is 1.0).
pub const CLUSTER_VERSION: &str = "1.0";
/// The revision number of that engine version.
pub const CLUSTER_REVISION_NUMBER: &str = "80000";
/// The default maintenance track (doc).
pub const DEFAULT_MAINTENANCE_TRACK: &str = "current";
/// The parameter group new clusters use unless told otherwise (doc).
pub const DEFAULT_PARAMETER_GROUP: &str = "default.redshift-1.0";
/// The default port (doc).
pub const DEFAULT_PORT: i64 = 5439;
/// The default database name (doc).
pub const DEFAULT_DB_NAME: &str = "dev";
/// The maintenance window of a cluster created without one (choice).
pub const DEFAULT_MAINTENANCE_WINDOW: &str = "sat:10:00-sat:10:30";

/// A node type Amazon Redshift offers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeType {
    pub name: &'static str,
    /// Storage of one node, in MB.
    pub storage_mb: i64,
}

/// Node types Amazon Redshift offers, with each node's storage in MB.
pub const NODE_TYPES: &[NodeType] = &[
    NodeType {
        name: "dc2.large",
        storage_mb: 163_840,
    },
    NodeType {
        name: "dc2.8xlarge",
        storage_mb: 2_662_400,
    },
    NodeType {
        name: "ra3.large",
        storage_mb: 1_048_576,
    },
    NodeType {
        name: "ra3.xlplus",
        storage_mb: 33_554_432,
    },
    NodeType {
        name: "ra3.4xlarge",
        storage_mb: 134_217_728,
    },
    NodeType {
        name: "ra3.16xlarge",
        storage_mb: 134_217_728,
    },
    NodeType {
        name: "ds2.xlarge",
        storage_mb: 2_097_152,
    },
    NodeType {
        name: "ds2.8xlarge",
        storage_mb: 16_777_216,
    },
    NodeType {
        name: "dc1.large",
        storage_mb: 163_840,
    },
    NodeType {
        name: "dc1.8xlarge",
        storage_mb: 2_662_400,
    },
];

/// The node type of that name.
pub fn node_type(name: &str) -> Option<&'static NodeType> {
    NODE_TYPES.iter().find(|n| n.name == name)
}

/// The data a cluster of the fake holds, in MB (choice: a small fixed amount
/// per node, so snapshot sizes are plausible and predictable).
pub fn data_size_mb(nodes: i64) -> f64 {
    24.0 * nodes as f64
}

/// The AWS Regions where Amazon Redshift runs (doc: AWS General Reference,
/// "Amazon Redshift endpoints and quotas"): where a snapshot may be copied to.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];
