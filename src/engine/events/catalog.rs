//! The events the fake records, as Amazon Redshift's event catalog names
//! them: id, source type, category, severity, the description
//! DescribeEventCategories answers and the message DescribeEvents answers.
//!
//! Ids, categories, severities and descriptions are AWS's as an account's
//! DescribeEventCategories answered them (fact), but for the pause and
//! resume events, added later (3618 and 3619 from AWS's event table, doc;
//! 3620 and 3621 ours, choice), and the failed scheduled action (3616,
//! choice). Messages are AWS's where an answer of DescribeEvents shows them
//! (fact: 2000, 2001, 1004, 2011, 3614, 3627); elsewhere the description's
//! words with the names filled in (choice).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `SourceType` of an event (doc: the enum of the model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceType {
    Cluster,
    ClusterParameterGroup,
    ClusterSecurityGroup,
    ClusterSnapshot,
    ScheduledAction,
}

impl SourceType {
    /// Every source type, in the order DescribeEventCategories lists them.
    pub const ALL: [SourceType; 5] = [
        SourceType::Cluster,
        SourceType::ClusterParameterGroup,
        SourceType::ClusterSecurityGroup,
        SourceType::ClusterSnapshot,
        SourceType::ScheduledAction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Cluster => "cluster",
            SourceType::ClusterParameterGroup => "cluster-parameter-group",
            SourceType::ClusterSecurityGroup => "cluster-security-group",
            SourceType::ClusterSnapshot => "cluster-snapshot",
            SourceType::ScheduledAction => "scheduled-action",
        }
    }

    /// The source type of that name (doc: lowercase, as the model's enum).
    pub fn parse(text: &str) -> Option<SourceType> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One event of the catalog. A message is written with `{0}`, `{1}`...
/// for the names an event carries and `{time}` for its date, as AWS writes
/// it (`2019-12-27 00:16 UTC`).
#[derive(Debug, PartialEq, Eq)]
pub struct EventKind {
    pub id: &'static str,
    pub source: SourceType,
    pub category: &'static str,
    pub severity: &'static str,
    pub description: &'static str,
    pub message: &'static str,
}

macro_rules! catalog {
    ($($name:ident = $id:literal, $source:ident, $category:literal, $severity:literal, $description:literal, $message:literal;)*) => {
        $(pub const $name: &EventKind = &EventKind {
            id: $id,
            source: SourceType::$source,
            category: $category,
            severity: $severity,
            description: $description,
            message: $message,
        };)*

        /// Every event the fake records, by source type.
        pub const CATALOG: &[&EventKind] = &[$($name),*];
    };
}

catalog! {
    CLUSTER_CREATED = "REDSHIFT-EVENT-2000", Cluster, "management", "INFO",
        "Cluster <cluster name> created at <time in UTC>.",
        "Amazon Redshift cluster '{0}' has been created at {time} and is ready for use.";
    CLUSTER_DELETED = "REDSHIFT-EVENT-2001", Cluster, "management", "INFO",
        "Cluster <cluster name> deleted at <time in UTC>.",
        "Amazon Redshift cluster '{0}' has been deleted at {time}. A final snapshot {1} saved.";
    CLUSTER_REBOOTED = "REDSHIFT-EVENT-3000", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> rebooted at <time in UTC>.",
        "Cluster '{0}' rebooted at {time}.";
    MASTER_CREDENTIALS_UPDATED = "REDSHIFT-EVENT-4000", Cluster, "security", "INFO",
        "Master credentials updated for cluster <cluster name> at <time in UTC>.",
        "Master credentials updated for cluster '{0}' at {time}.";
    PARAMETER_GROUP_CHANGES_PENDING = "REDSHIFT-EVENT-1000", Cluster, "configuration", "INFO",
        "Parameter group <parameter group name> changes were associated with cluster <cluster name> at <time in UTC>. Changes will be applied on reboot.",
        "Parameter group '{1}' changes were associated with cluster '{0}' at {time}. Changes will be applied on reboot.";
    VPC_SECURITY_GROUPS_UPDATED = "REDSHIFT-EVENT-2002", Cluster, "management", "INFO",
        "VPC security groups for cluster <cluster name> updated at <time in UTC>.",
        "VPC security groups for cluster '{0}' updated at {time}.";
    RESIZE_STARTED = "REDSHIFT-EVENT-2006", Cluster, "management", "INFO",
        "Cluster <cluster name> resize started at <time in UTC>. Cluster is in read-only mode.",
        "Cluster '{0}' resize started at {time}. Cluster is in read-only mode.";
    RESIZE_COMPLETED = "REDSHIFT-EVENT-3002", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> resize completed at <time in UTC>. Cluster is available for both reads and writes.",
        "Cluster '{0}' resize completed at {time}. Cluster is available for both reads and writes.";
    CLUSTER_PARAMETER_GROUP_CHANGED = "REDSHIFT-EVENT-1001", Cluster, "configuration", "INFO",
        "Cluster <cluster name> parameter group changed to <parameter group name> at <time in UTC>.",
        "Cluster '{0}' parameter group changed to '{1}' at {time}.";
    RESTORE_STARTED = "REDSHIFT-EVENT-2008", Cluster, "management", "INFO",
        "Cluster restore <cluster name> from snapshot <snapshot name> started at <time in UTC>.",
        "Cluster restore '{0}' from snapshot '{1}' started at {time}.";
    RESTORE_COMPLETED = "REDSHIFT-EVENT-3003", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> was restored from cluster snapshot <snapshot name> at <time in UTC>.",
        "Cluster '{0}' was restored from cluster snapshot '{1}' at {time}.";
    CLUSTER_RENAMED = "REDSHIFT-EVENT-2013", Cluster, "management", "INFO",
        "Cluster renamed to <new cluster identifier> at <time in UTC>.",
        "Cluster renamed to '{0}' at {time}.";
    PAUSE_STARTED = "REDSHIFT-EVENT-3618", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> pause operation started at <time in UTC>.",
        "The cluster '{0}' pause operation started at {time}.";
    CLUSTER_PAUSED = "REDSHIFT-EVENT-3619", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> was successfully paused at <time in UTC>.",
        "Amazon Redshift cluster '{0}' was successfully paused at {time}.";
    RESUME_STARTED = "REDSHIFT-EVENT-3620", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> resume operation started at <time in UTC>.",
        "The cluster '{0}' resume operation started at {time}.";
    CLUSTER_RESUMED = "REDSHIFT-EVENT-3621", Cluster, "monitoring", "INFO",
        "Cluster <cluster name> was successfully resumed at <time in UTC>.",
        "Amazon Redshift cluster '{0}' was successfully resumed at {time}.";
    PARAMETER_UPDATED = "REDSHIFT-EVENT-1002", ClusterParameterGroup, "configuration", "INFO",
        "Parameter <parameter name> in Parameter Group <parameter group name> was updated to <new value> at <time in UTC>.",
        "Parameter '{1}' in Parameter Group '{0}' was updated to '{2}' at {time}.";
    PARAMETER_GROUP_CREATED = "REDSHIFT-EVENT-1003", ClusterParameterGroup, "configuration", "INFO",
        "Cluster parameter group <parameter group name> created at <time in UTC>.",
        "Cluster parameter group '{0}' was created at {time}.";
    PARAMETER_GROUP_DELETED = "REDSHIFT-EVENT-1004", ClusterParameterGroup, "configuration", "INFO",
        "Cluster parameter group <parameter group name> deleted at <time in UTC>.",
        "Cluster parameter group '{0}' was deleted at {time}.";
    PARAMETER_GROUP_UPDATED = "REDSHIFT-EVENT-1005", ClusterParameterGroup, "configuration", "INFO",
        "Cluster parameter group <parameter group name> was updated at <time in UTC>. Changes will be applied to associated clusters on reboot.",
        "Cluster parameter group '{0}' was updated at {time}. Changes will be applied to associated clusters on reboot.";
    SECURITY_GROUP_CREATED = "REDSHIFT-EVENT-4002", ClusterSecurityGroup, "security", "INFO",
        "Cluster security group <security group name> created at <time in UTC>.",
        "Cluster security group '{0}' was created at {time}.";
    SECURITY_GROUP_DELETED = "REDSHIFT-EVENT-4003", ClusterSecurityGroup, "security", "INFO",
        "Cluster security group <security group name> deleted at <time in UTC>.",
        "Cluster security group '{0}' was deleted at {time}.";
    SECURITY_GROUP_UPDATED = "REDSHIFT-EVENT-4004", ClusterSecurityGroup, "security", "INFO",
        "Cluster security group <security group name> updated at <time in UTC>. Changes will be automatically applied to associated clusters.",
        "Cluster security group '{0}' updated at {time}. Changes will be automatically applied to associated clusters.";
    SNAPSHOT_STARTED = "REDSHIFT-EVENT-2009", ClusterSnapshot, "management", "INFO",
        "Cluster snapshot <snapshot name> for cluster <cluster name> started at <time in UTC>.",
        "Cluster snapshot '{0}' for cluster '{1}' started at {time}.";
    SNAPSHOT_COMPLETED = "REDSHIFT-EVENT-3004", ClusterSnapshot, "monitoring", "INFO",
        "Cluster snapshot <snapshot name> for cluster <cluster name> completed successfully at <time in UTC>.",
        "Cluster snapshot '{0}' for cluster '{1}' completed successfully at {time}.";
    SNAPSHOT_DELETED = "REDSHIFT-EVENT-2011", ClusterSnapshot, "management", "INFO",
        "Cluster snapshot <snapshot name> for cluster <cluster name> was deleted at <time in UTC>.",
        "The cluster snapshot '{0}' for Amazon Redshift cluster '{1}' was deleted at {time}.";
    SCHEDULED_ACTION_CREATED = "REDSHIFT-EVENT-3614", ScheduledAction, "management", "INFO",
        "Scheduled action <scheduled action name> created at <time in UTC>.",
        "The scheduled action '{0}' was created at {time}.{1}";
    SCHEDULED_ACTION_FAILED = "REDSHIFT-EVENT-3616", ScheduledAction, "management", "ERROR",
        "Scheduled action <scheduled action name> failed to run at <time in UTC>.",
        "Scheduled action '{0}' failed to run {1} at {time}: {2}";
    SCHEDULED_ACTION_DELETED = "REDSHIFT-EVENT-3627", ScheduledAction, "management", "INFO",
        "Scheduled action <scheduled action name> deleted at <time in UTC>.",
        "Scheduled action '{0}' was deleted at {time}.";
}

/// The event of that id.
pub fn by_id(id: &str) -> Option<&'static EventKind> {
    CATALOG.iter().copied().find(|e| e.id == id)
}

/// An event of the catalog in a record: saved as its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRef(pub &'static EventKind);

impl Serialize for EventRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

impl<'de> Deserialize<'de> for EventRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&id)
            .map(EventRef)
            .ok_or_else(|| serde::de::Error::custom(format!("no event {id} in the catalog")))
    }
}
