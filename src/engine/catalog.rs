//! The one catalog of what Amazon Redshift offers: node types and their
//! limits, the engine version and its releases, the maintenance tracks, the
//! Availability Zones, the account's limits and the defaults a new cluster
//! takes. What CreateCluster, ModifyCluster and ResizeCluster validate
//! against is what DescribeOrderableClusterOptions,
//! DescribeNodeConfigurationOptions, DescribeClusterVersions and
//! DescribeClusterTracks answer, so the two never disagree.

use crate::model::Timestamp;

/// The cluster version every cluster runs (doc: the only one is 1.0).
pub const CLUSTER_VERSION: &str = "1.0";
/// The parameter group family of that version (doc).
pub const PARAMETER_GROUP_FAMILY: &str = "redshift-1.0";
/// How DescribeClusterVersions describes it (fact: AWS's example answer).
pub const CLUSTER_VERSION_DESCRIPTION: &str = "Initial release of redshift";
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
/// Nodes an account may have in a region, over all its clusters (doc:
/// Amazon Redshift quotas, "Nodes per cluster and account").
pub const NODE_QUOTA: i64 = 200;
/// The longest a cluster's maintenance may be deferred, in days (doc:
/// ModifyClusterMaintenance).
pub const MAX_DEFER_MAINTENANCE_DAYS: i64 = 60;

/// A node type Amazon Redshift offers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeType {
    pub name: &'static str,
    /// Storage of one node, in MB.
    pub storage_mb: i64,
    /// Whether a cluster of one node of this type may be made.
    pub single_node: bool,
    /// The most nodes a cluster of this type may have.
    pub max_nodes: i64,
    /// An RA3 or RG type (managed storage): its own port ranges, no way to
    /// turn automated snapshots off, Multi-AZ and relocation (doc).
    pub managed_storage: bool,
}

const fn node(
    name: &'static str,
    storage_mb: i64,
    single_node: bool,
    max_nodes: i64,
    managed_storage: bool,
) -> NodeType {
    NodeType {
        name,
        storage_mb,
        single_node,
        max_nodes,
        managed_storage,
    }
}

/// The node types Amazon Redshift offers for new clusters (doc:
/// CreateCluster's valid values), with their storage per node and node
/// counts (doc: the Management Guide's node type table; the RG types'
/// counts are those of their RA3 counterparts, a choice).
pub const NODE_TYPES: &[NodeType] = &[
    node("dc2.large", 163_840, true, 32, false),
    node("dc2.8xlarge", 2_662_400, false, 128, false),
    node("ra3.large", 1_048_576, true, 16, true),
    node("ra3.xlplus", 33_554_432, true, 32, true),
    node("ra3.4xlarge", 134_217_728, false, 64, true),
    node("ra3.16xlarge", 134_217_728, false, 128, true),
    node("rg.large", 1_048_576, true, 16, true),
    node("rg.xlarge", 33_554_432, true, 32, true),
    node("rg.4xlarge", 134_217_728, false, 64, true),
    node("rg.12xlarge", 134_217_728, false, 128, true),
];

/// The node type of that name.
pub fn node_type(name: &str) -> Option<&'static NodeType> {
    NODE_TYPES.iter().find(|n| n.name == name)
}

impl NodeType {
    /// The cluster types a cluster of this type may be: `multi-node`, and
    /// `single-node` when one node is allowed.
    pub fn cluster_types(&self) -> &'static [&'static str] {
        if self.single_node {
            &["multi-node", "single-node"]
        } else {
            &["multi-node"]
        }
    }

    /// The node counts a cluster of this type may have.
    pub fn node_counts(&self) -> std::ops::RangeInclusive<i64> {
        (if self.single_node { 1 } else { 2 })..=self.max_nodes
    }

    /// Whether a cluster of this type may listen on `port` (doc: RA3 and RG
    /// clusters on 5431-5455 or 8191-8215, the others on 1150-65535).
    pub fn port_allowed(&self, port: i64) -> bool {
        if self.managed_storage {
            (5431..=5455).contains(&port) || (8191..=8215).contains(&port)
        } else {
            (1150..=65535).contains(&port)
        }
    }

    /// The node counts an elastic resize of a cluster of `nodes` nodes of
    /// this type can reach (doc: from half to double the current count, a
    /// multi-node cluster only), the current count left out.
    pub fn elastic_targets(&self, nodes: i64) -> Vec<i64> {
        if nodes < 2 {
            return Vec::new();
        }
        let low = ((nodes + 1) / 2).max(2);
        let high = (nodes * 2).min(self.max_nodes);
        (low..=high).filter(|&n| n != nodes).collect()
    }
}

/// A release of the engine: its revision number, release date and notes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Release {
    pub revision: &'static str,
    /// Seconds since 1970 (UTC).
    pub released: i64,
    pub description: &'static str,
}

impl Release {
    /// The full version a cluster of this release reports (`1.0.<revision>`).
    pub fn version(&self) -> String {
        format!("{CLUSTER_VERSION}.{}", self.revision)
    }

    pub fn released_at(&self) -> Timestamp {
        Timestamp(self.released * 1_000_000)
    }
}

/// The releases of the engine, oldest first (choice: two, one per track).
pub const RELEASES: &[Release] = &[
    Release {
        revision: "79000",
        released: 1_704_067_200, // 2024-01-01
        description: "The previous certified release: the trailing track.",
    },
    Release {
        revision: "80000",
        released: 1_709_251_200, // 2024-03-01
        description: "The most recent certified release: the current track.",
    },
];

/// The release of that revision.
pub fn release(revision: &str) -> Option<&'static Release> {
    RELEASES.iter().find(|r| r.revision == revision)
}

/// The releases newer than `revision` (what a cluster on it can move to).
pub fn newer_releases(revision: &str) -> impl Iterator<Item = &'static Release> {
    let at = RELEASES
        .iter()
        .position(|r| r.revision == revision)
        .map_or(0, |i| i + 1);
    RELEASES[at..].iter()
}

/// A maintenance track: its name and the release its clusters run (doc:
/// `current` runs the most recent certified release, `trailing` the one
/// before).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Track {
    pub name: &'static str,
    pub release: &'static Release,
}

/// The maintenance tracks (doc).
pub const TRACKS: &[Track] = &[
    Track {
        name: "current",
        release: &RELEASES[1],
    },
    Track {
        name: "trailing",
        release: &RELEASES[0],
    },
];

/// The track of that name.
pub fn track(name: &str) -> Option<&'static Track> {
    TRACKS.iter().find(|t| t.name == name)
}

/// The full version of the default track's release: what a cluster, or a
/// snapshot of one that no longer exists, runs unless told otherwise.
pub fn default_engine_version() -> String {
    TRACKS[0].release.version()
}

/// What a cluster switching to another track can still do (choice: every
/// operation of the cluster area but a restore into that track).
pub const TRACK_SUPPORTED_OPERATIONS: &[&str] = &["modify-cluster", "resize-cluster"];

/// The revision number of a full version (`1.0.80000` -> `80000`).
pub fn revision_of(engine_full_version: &str) -> &str {
    engine_full_version
        .rsplit_once('.')
        .map_or(engine_full_version, |(_, r)| r)
}

/// The Availability Zones of a region (choice: three, `a` to `c`).
pub fn availability_zones(region: &str) -> Vec<String> {
    ["a", "b", "c"]
        .iter()
        .map(|zone| format!("{region}{zone}"))
        .collect()
}

/// Whether `zone` is one of the region's Availability Zones.
pub fn is_availability_zone(region: &str, zone: &str) -> bool {
    availability_zones(region).iter().any(|z| z == zone)
}

/// The platform clusters run on in every zone (doc: EC2-VPC).
pub const SUPPORTED_PLATFORM: &str = "VPC";

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
/// Account attributes DescribeAccountAttributes answers, with their values
/// (choice: the limits the fake enforces).
pub fn account_attributes() -> [(&'static str, String); 2] {
    [
        (
            "max-defer-maintenance-duration",
            MAX_DEFER_MAINTENANCE_DAYS.to_string(),
        ),
        ("max-number-of-nodes", NODE_QUOTA.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_track_runs_a_release_and_versions_read_back() {
        for t in TRACKS {
            assert_eq!(release(t.release.revision), Some(t.release));
            assert_eq!(revision_of(&t.release.version()), t.release.revision);
        }
        assert_eq!(track("current").unwrap().release.version(), "1.0.80000");
        assert_eq!(
            newer_releases("79000")
                .map(|r| r.revision)
                .collect::<Vec<_>>(),
            ["80000"]
        );
        assert_eq!(newer_releases("80000").count(), 0);
    }

    #[test]
    fn node_counts_ports_and_elastic_targets_follow_the_type() {
        let dc2 = node_type("dc2.large").unwrap();
        assert_eq!(dc2.node_counts(), 1..=32);
        assert!(dc2.port_allowed(1150) && !dc2.port_allowed(1149));
        let ra3 = node_type("ra3.4xlarge").unwrap();
        assert_eq!(ra3.node_counts(), 2..=64);
        assert!(ra3.port_allowed(5431) && ra3.port_allowed(8215) && !ra3.port_allowed(6000));
        assert_eq!(dc2.elastic_targets(4), [2, 3, 5, 6, 7, 8]);
        assert_eq!(
            dc2.elastic_targets(20),
            (10..=32).filter(|&n| n != 20).collect::<Vec<_>>()
        );
        assert!(dc2.elastic_targets(1).is_empty());
        assert_eq!(dc2.cluster_types(), ["multi-node", "single-node"]);
        assert_eq!(ra3.cluster_types(), ["multi-node"]);
        assert!(node_type("ds2.xlarge").is_none());
    }
}
