//! The one error type of the engine, declared as a table: each variant with
//! its AWS error code and its message template, side by side. The HTTP status
//! comes from the service model ([`RedshiftError::status`]), so no error text
//! or code is spelled anywhere else.

use crate::model::service::model;

/// Declares [`RedshiftError`]: `"Code" Variant(fields) => ("message", args),`
/// per line, in thiserror's message syntax.
macro_rules! errors {
    ($(
        $(#[doc = $doc:literal])*
        $code:literal $variant:ident
        $( ( $($tuple:ty),* ) )?
        $( { $($field:ident : $fty:ty),* $(,)? } )?
        => ($($message:tt)*),
    )*) => {
        /// Every failure an operation can end in, as Amazon Redshift reports it.
        #[derive(Debug, Clone, PartialEq, thiserror::Error)]
        pub enum RedshiftError {
            $(
                $(#[doc = $doc])*
                #[error($($message)*)]
                $variant $( ( $($tuple),* ) )? $( { $($field: $fty),* } )?,
            )*
            /// A failure a test asked for (`inject_error`): any code, any message.
            #[error("{message}")]
            Coded { code: String, message: String },
        }

        impl RedshiftError {
            /// Every code a declared variant has.
            pub const DECLARED_CODES: &'static [&'static str] = &[$($code),*];

            /// The AWS error code (`Error.Code`) of this failure.
            pub fn code(&self) -> &str {
                match self {
                    $( Self::$variant { .. } => $code, )*
                    Self::Coded { code, .. } => code,
                }
            }
        }
    };
}

errors! {
    // Snapshots.
    "ClusterSnapshotNotFound" ClusterSnapshotNotFound(String) => ("Snapshot {0} not found."),
    "InvalidClusterSnapshotState" NotManualSnapshot(String) => ("Cannot delete the snapshot {0} because only manual snapshots may be deleted"),
    "InvalidClusterSnapshotState" SnapshotNotDeletable { id: String, status: String } => ("Cannot delete the snapshot {id} because it is in the {status} state."),
    "InvalidClusterSnapshotState" SnapshotShared(String) => ("Cannot delete the snapshot {0} because other accounts still have access to it. Revoke access to the snapshot before deleting it."),
    "InvalidClusterSnapshotState" SnapshotNotShareable { id: String, status: String } => ("Cannot share the snapshot {id} because it is in the {status} state."),
    "InvalidClusterSnapshotState" SnapshotNotCopyable { id: String, status: String } => ("Cannot copy the snapshot {id} because it is in the {status} state."),
    "InvalidClusterSnapshotState" SnapshotInUse { id: String, cluster: String } => ("You can't delete snapshot {id} because it is used by cluster {cluster}. The snapshot can be deleted after a newer backup is created."),
    /// Doc (Management Guide): the latest automated snapshots of a paused cluster cannot be copied.
    "InvalidClusterSnapshotState" PausedClusterSnapshot(String) => ("Cannot copy the snapshot {0} because it is the latest automated snapshot of a paused cluster."),
    "InvalidClusterSnapshotState" NotAutomatedSnapshot(String) => ("Cannot copy the snapshot {0} because only automated snapshots may be copied."),
    "InvalidClusterSnapshotState" AutomatedSnapshotNotModifiable(String) => ("Cannot modify the snapshot {0} because only manual snapshots have a manual retention period."),
    "InvalidClusterSnapshotState" SnapshotNotModifiable { id: String, status: String } => ("Cannot modify the snapshot {id} because it is in the {status} state."),
    "InvalidClusterSnapshotState" SnapshotNotRestorable { id: String, status: String } => ("Cannot restore from the snapshot {id} because it is in the {status} state."),
    "ClusterSnapshotAlreadyExists" ClusterSnapshotAlreadyExists(String) => ("Cannot create the snapshot because a snapshot with the identifier {0} already exists."),
    "ClusterSnapshotQuotaExceeded" ClusterSnapshotQuotaExceeded(usize) => ("Cannot create the snapshot because the maximum allowed number of manual snapshots ({0}) has been reached."),
    "AuthorizationAlreadyExists" AuthorizationAlreadyExists { account: String, id: String } => ("Account {account} is already authorized to restore snapshot {id}."),
    "AuthorizationNotFound" AuthorizationNotFound { account: String, id: String } => ("Account {account} is not authorized to restore snapshot {id}."),
    "AuthorizationQuotaExceeded" AuthorizationQuotaExceeded(usize) => ("The maximum number of accounts ({0}) authorized to restore a snapshot has been reached."),
    "AccessToSnapshotDenied" AccessToSnapshotDenied { account: String, id: String } => ("Account {account} is not the owner of snapshot {id}; only the owner can change its access."),
    "AccessToSnapshotDenied" SnapshotRestoreNotAuthorized { account: String, id: String } => ("The owner of snapshot {id} has not authorized account {account} to restore it."),
    "BatchDeleteRequestSizeExceeded" BatchDeleteRequestSizeExceeded(usize) => ("The maximum number of snapshot identifiers in a batch request ({0}) has been exceeded."),
    "BatchModifyClusterSnapshotsLimitExceededFault" BatchModifyClusterSnapshotsLimitExceeded(usize) => ("The maximum number of snapshot identifiers in a batch modify request ({0}) has been exceeded."),
    "InvalidRetentionPeriodFault" RetentionPeriodPassed { id: String, days: i64 } => ("The retention period of {days} days for snapshot {id} has already passed. Specify Force to delete the snapshot now."),
    "InvalidRetentionPeriodFault" InvalidManualRetention(i64) => ("Invalid manual snapshot retention period: {0}. The value must be -1 or between 1 and 3653."),
    "InvalidParameterCombination" SnapshotNotNamed => ("Either SnapshotIdentifier or SnapshotArn must be specified."),
    "InvalidParameterCombination" SnapshotNamedTwice => ("Specify either SnapshotIdentifier or SnapshotArn, but not both."),
    "InvalidParameterValue" InvalidSnapshotType(String) => ("The snapshot type {0} is not valid. Valid types are manual and automated."),
    "InvalidParameterCombination" ClusterExistsWithoutCluster => ("ClusterIdentifier must be specified when ClusterExists is true."),
    "InvalidParameterValue" InvalidAccountId(String) => ("Invalid value for AccountWithRestoreAccess: {0}. It must be a 12-digit AWS account ID."),
    "InvalidParameterValue" InvalidSortAttribute(String) => ("Invalid sorting attribute: {0}. Valid values are SOURCE_TYPE, TOTAL_SIZE and CREATE_TIME."),
    "InvalidParameterValue" InvalidSortOrder(String) => ("Invalid sort order: {0}. Valid values are ASC and DESC."),

    // Clusters.
    "ClusterNotFound" ClusterNotFound(String) => ("Cluster {0} not found."),
    "ClusterAlreadyExists" ClusterAlreadyExists(String) => ("Cluster already exists"),
    "InvalidClusterState" InvalidClusterState { id: String, status: String } => ("The operation is not allowed while cluster {id} is in the {status} state."),
    "InvalidParameterValue" InvalidNumberOfNodes(i64) => ("Invalid number of nodes: {0}. A cluster has at least 1 node."),
    "InvalidParameterValue" InvalidNodeType(String) => ("Invalid node type: {0}"),
    "InvalidParameterValue" InvalidClusterType(String) => ("Invalid cluster type: {0}. Valid types are single-node and multi-node."),
    "InvalidParameterValue" MultiNodeNeedsNodes => ("Number of nodes for cluster type multi-node must be greater than or equal to 2"),
    "InvalidParameterValue" SingleNodeNotSupported(String) => ("Node type {0} does not support single-node clusters; a cluster of it has at least 2 nodes."),
    "NumberOfNodesPerClusterLimitExceeded" NumberOfNodesPerClusterLimitExceeded { nodes: i64, node_type: String, max: i64 } => ("The number of nodes ({nodes}) exceeds the limit per cluster of node type {node_type} ({max})."),
    "NumberOfNodesQuotaExceeded" NumberOfNodesQuotaExceeded { requested: i64, quota: i64 } => ("The request would bring the account's nodes in this Region to {requested}, beyond its quota of {quota}."),
    "InvalidRetentionPeriodFault" InvalidAutomatedRetention(i64) => ("Invalid automated snapshot retention period: {0}. The value must be between 0 and 35."),
    "InvalidParameterCombination" AutomatedSnapshotsRequired(String) => ("Automated snapshots cannot be disabled for clusters of node type {0}: set the automated retention period from 1 to 35 days."),
    "InvalidParameterValue" InvalidPort(i64) => ("Invalid port {0}. The port must be between 1150 and 65535."),
    "InvalidParameterValue" InvalidManagedStoragePort(i64) => ("Invalid port {0}. Clusters of RA3 and RG nodes listen on a port within 5431-5455 or 8191-8215."),
    "InvalidParameterValue" InvalidDbName(String) => ("The database name {0} is not valid. It must contain 1 to 64 alphanumeric characters, only lowercase letters, and must not be a reserved word."),
    "InvalidParameterValue" InvalidMasterUsername(String) => ("The master user name {0} is not valid. It must contain 1 to 128 lowercase letters, digits or the characters _ + . @ -, begin with a letter, and be neither PUBLIC nor a reserved word."),
    /// AWS's wording (fact), with the rest of the documented rules.
    "InvalidParameterValue" InvalidPassword => ("The parameter MasterUserPassword is not a valid password. It must be 8 to 64 characters long with an uppercase letter, a lowercase letter and a digit; only printable ASCII characters except for '/', '@', '\"', ' ', '\\' and ''' may be used."),
    "InvalidParameterCombination" PasswordRequired => ("MasterUserPassword must be specified unless ManageMasterPassword is true."),
    "InvalidParameterCombination" PasswordAndManagedPassword => ("You can't use MasterUserPassword if ManageMasterPassword is true."),
    "InvalidParameterCombination" SecretKeyWithoutManagedPassword => ("You can only use MasterPasswordSecretKmsKeyId if ManageMasterPassword is true."),
    "InvalidParameterValue" InvalidAvailabilityZone(String) => ("Invalid Availability Zone {0}: it must be a zone of the Region of the request."),
    "InvalidParameterValue" InvalidMaintenanceWindow(String) => ("Invalid maintenance window {0}. The format is ddd:hh24:mi-ddd:hh24:mi, with days Mon to Sun."),
    "InvalidParameterValue" MaintenanceWindowTooShort(String) => ("The maintenance window {0} is shorter than the minimum of 30 minutes."),
    "InvalidParameterValue" InvalidClusterVersion(String) => ("Invalid cluster version {0}. Only version 1.0 is currently available."),
    "InvalidParameterCombination" KeyWithoutEncryption => ("KmsKeyId cannot be specified when Encrypted is false."),
    "InvalidElasticIpFault" InvalidElasticIp(String) => ("The Elastic IP {0} is invalid or cannot be found."),
    "InvalidParameterCombination" ElasticIpNotPublic => ("An Elastic IP can only be given to a publicly accessible cluster."),
    "InvalidParameterCombination" ElasticIpWithRelocation => ("An Elastic IP cannot be given to a publicly accessible cluster with Availability Zone relocation turned on."),
    "InvalidParameterValue" InvalidIamRoleArn(String) => ("{0} is not the ARN of an IAM role."),
    "InvalidParameterValue" IamRoleQuotaExceeded(usize) => ("A cluster can have at most {0} IAM roles."),
    "InvalidParameterCombination" DefaultRoleNotAssociated(String) => ("The default IAM role {0} must be one of the IAM roles of the cluster."),
    "InvalidParameterCombination" RoleAddedAndRemoved(String) => ("The IAM role {0} cannot be both added and removed."),
    "InvalidParameterValue" RoleAlreadyAssociated(String) => ("The IAM role {0} is already associated with the cluster."),
    "InvalidParameterValue" RoleNotAssociated(String) => ("The IAM role {0} is not associated with the cluster."),
    "InvalidClusterTrack" InvalidClusterTrack(String) => ("The maintenance track {0} is not valid. Valid tracks are current and trailing."),
    "InvalidParameterValue" InvalidIpAddressType(String) => ("Invalid IP address type {0}. Valid types are ipv4 and dualstack."),
    "UnsupportedOperation" RelocationNotSupported(String) => ("Availability Zone relocation is supported only for clusters of RA3 and RG nodes, not {0}."),
    "UnsupportedOperation" MultiAzNotSupported(String) => ("Multi-AZ deployment is supported only for clusters of RA3 and RG nodes, not {0}."),
    "InvalidParameterCombination" RelocationDisabled(String) => ("Cluster {0} can be relocated to another Availability Zone only with AvailabilityZoneRelocation turned on."),
    "InvalidParameterCombination" ResizeAndRename => ("A cluster cannot be resized and renamed in the same request."),
    /// AWS's wording (doc: ModifyCluster).
    "InvalidParameterCombination" ResizeNeedsTypeAndCount => ("When resizing a cluster, you must specify both the number of nodes and the node type even if one of the parameters does not change."),
    "InvalidParameterValue" ResizeToSameSize(String) => ("Cluster {0} already has the requested node type and number of nodes."),
    "UnsupportedOptionFault" ElasticResizeUnsupported(&'static str) => ("Elastic resize is not possible: {0}. Use classic resize (Classic=true)."),
    "UnsupportedOperation" ElasticResizeNotCancellable(String) => ("The elastic resize of cluster {0} cannot be cancelled."),
    "ResizeNotFound" ResizeNotFound(String) => ("A resize operation for cluster {0} is not found."),
    "UnsupportedOperation" PauseUnsupported { id: String, reason: &'static str } => ("Cluster {id} cannot be paused because {reason}."),
    "UnsupportedOperation" NotEncrypted(String) => ("Cluster {0} is not encrypted: only an encrypted cluster's keys can be rotated."),
    "UnsupportedOperation" NotMultiAz(String) => ("Cluster {0} is not a Multi-AZ cluster."),
    "InvalidParameterCombination" DeferralEndAndDuration => ("You can't specify both DeferMaintenanceEndTime and DeferMaintenanceDuration."),
    "InvalidParameterCombination" DeferralNeedsEnd => ("A deferred maintenance window needs DeferMaintenanceEndTime or DeferMaintenanceDuration."),
    "InvalidParameterCombination" DeferralWithoutDefer => ("The deferred maintenance window members need DeferMaintenance."),
    "InvalidParameterValue" InvalidDeferralDuration(i64) => ("Invalid DeferMaintenanceDuration {0}: the duration must be 1 to 60 days."),
    "InvalidParameterValue" InvalidDeferralWindow => ("A deferred maintenance window must end after it starts and last at most 60 days."),
    "InvalidParameterValue" DeferralNotFound(String) => ("The cluster has no deferred maintenance window {0}."),
    "ClusterOnLatestRevision" ClusterOnLatestRevision(String) => ("Cluster {0} is already on the latest database revision."),
    "InvalidParameterValue" InvalidRevisionTarget(String) => ("{0} is not a database revision the cluster can be updated to."),
    "InvalidParameterValue" InvalidDurationSeconds(i64) => ("Invalid DurationSeconds {0}: it must be between 900 and 3600."),
    "InvalidParameterValue" InvalidDbUser(String) => ("The database user name {0} is not valid. It must contain 1 to 64 letters, digits or the characters _ + . @ -, begin with a letter, and be neither PUBLIC nor a reserved word."),
    "InvalidParameterValue" InvalidDbGroup(String) => ("The database group name {0} is not valid. It must contain 1 to 64 lowercase letters, digits or the characters _ + . @ -, begin with a letter, and not be a reserved word."),
    "InvalidParameterCombination" CredentialsNeedOneCluster => ("Specify either ClusterIdentifier or CustomDomainName."),
    "ClusterNotFound" CustomDomainNotFound(String) => ("No cluster has the custom domain name {0}."),
    "UnsupportedOperation" NotAnIamIdentity(String) => ("{0} is not an IAM user or role: it has no database user."),
    "InvalidParameterCombination" LakehouseNeedsCatalog => ("CatalogName is required with LakehouseRegistration Register, and only then."),
    "InvalidParameterCombination" IdcNeedsApplication => ("LakehouseIdcApplicationArn is required with LakehouseIdcRegistration Associate, and only then."),
    "InvalidParameterCombination" IdcNeedsRegistration => ("IAM Identity Center can be associated only with a cluster registered with federated permissions."),
    "InvalidParameterValue" InvalidActionType(String) => ("Invalid ActionType {0}. Valid types are restore-cluster, recommend-node-config and resize-cluster."),
    "InvalidParameterCombination" NodeConfigurationNeedsSource(String) => ("ActionType {0} needs a snapshot (restore-cluster), a cluster (resize-cluster), or either (recommend-node-config)."),
    "InvalidParameterValue" InvalidNodeConfigurationFilter(String) => ("Invalid filter: {0}."),
    "ClusterNotFound" NamespaceNotFound(String) => ("No cluster has the namespace {0}."),
    "InvalidParameterCombination" FinalSnapshotWithSkip => ("FinalClusterSnapshotIdentifier must not be specified when SkipFinalClusterSnapshot is true."),
    "InvalidParameterCombination" FinalSnapshotRequired => ("FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified."),

    // Parameter groups.
    "ClusterParameterGroupNotFound" ClusterParameterGroupNotFound(String) => ("Parameter group {0} not found."),
    "ClusterParameterGroupAlreadyExists" ClusterParameterGroupAlreadyExists(String) => ("Parameter group {0} already exists."),
    "ClusterParameterGroupQuotaExceeded" ClusterParameterGroupQuotaExceeded(usize) => ("Cannot create the parameter group because the maximum allowed number of parameter groups ({0}) has been reached."),
    /// (doc) The default parameter group cannot be modified or deleted.
    "InvalidClusterParameterGroupState" DefaultParameterGroup(String) => ("The default parameter group {0} cannot be modified or deleted."),
    "InvalidClusterParameterGroupState" ParameterGroupInUse { group: String, cluster: String } => ("Parameter group {group} is in use by cluster {cluster} and cannot be deleted."),
    "InvalidParameterValue" InvalidParameterGroupFamily(String) => ("Invalid parameter group family: {0}. The only family is redshift-1.0."),
    "InvalidParameterValue" UnknownParameter(String) => ("Could not find parameter with name: {0}"),
    "InvalidParameterValue" InvalidParameterSetting { name: &'static str, value: String } => ("The value {value} is not valid for parameter {name}."),
    "InvalidParameterValue" InvalidParameterSource(String) => ("Invalid source: {0}. Valid sources are user and engine-default."),
    "InvalidParameterValue" TooManyParameters(usize) => ("{0} parameters were given; at most 20 can be modified or reset in one request."),
    "InvalidParameterValue" ParameterNameAndValueRequired => ("Each parameter needs a ParameterName and a ParameterValue."),
    "InvalidParameterValue" NoParameterToReset => ("At least one parameter name must be supplied when ResetAllParameters is false."),

    // Subnet groups.
    "ClusterSubnetGroupNotFoundFault" ClusterSubnetGroupNotFound(String) => ("Cluster subnet group {0} not found."),
    "ClusterSubnetGroupAlreadyExists" ClusterSubnetGroupAlreadyExists(String) => ("Cluster subnet group {0} already exists."),
    "ClusterSubnetGroupQuotaExceeded" ClusterSubnetGroupQuotaExceeded(usize) => ("Cannot create the subnet group because the maximum allowed number of subnet groups ({0}) has been reached."),
    "ClusterSubnetQuotaExceededFault" ClusterSubnetQuotaExceeded(usize) => ("A subnet group can hold at most {0} subnets."),
    "InvalidSubnet" InvalidSubnet(String) => ("The subnet {0} is not valid."),
    "InvalidSubnet" SubnetsInSeveralVpcs(String, String) => ("All subnets of a subnet group must be in one VPC; they are in {0} and {1}."),
    "InvalidSubnet" NoSubnets => ("A subnet group needs at least one subnet."),
    "InvalidClusterSubnetGroupStateFault" SubnetGroupInUse { group: String, cluster: String } => ("Cluster subnet group {group} is in use by cluster {cluster} and cannot be deleted."),
    "InvalidVPCNetworkStateFault" ZoneNotInSubnetGroup { zone: String, group: String } => ("The availability zone {zone} is not a zone of cluster subnet group {group}."),
    /// (choice) A KmsKeyId a test did not declare, once it declares keys.
    "InvalidParameterValue" KmsKeyNotFound(String) => ("The KMS key {0} does not exist."),
    "InvalidParameterValue" InvalidGroupName(&'static str) => ("The parameter {0} is not valid: it must be 1 to 255 letters, digits or hyphens, and not Default."),

    // Security groups.
    "ClusterSecurityGroupNotFound" ClusterSecurityGroupNotFound(String) => ("Cluster security group {0} not found."),
    "ClusterSecurityGroupAlreadyExists" ClusterSecurityGroupAlreadyExists(String) => ("Cluster security group {0} already exists."),
    "QuotaExceeded.ClusterSecurityGroup" ClusterSecurityGroupQuotaExceeded(usize) => ("Cannot create the security group because the maximum allowed number of security groups ({0}) has been reached."),
    /// (doc) The default security group cannot be deleted.
    "InvalidClusterSecurityGroupState" DefaultSecurityGroup => ("The default cluster security group cannot be deleted."),
    "InvalidClusterSecurityGroupState" SecurityGroupInUse { group: String, cluster: String } => ("Cluster security group {group} is in use by cluster {cluster} and cannot be deleted."),
    "InvalidParameterCombination" SecurityGroupNameAndMarker => ("You must specify either the ClusterSecurityGroupName parameter or the Marker parameter, but not both."),
    "InvalidParameterCombination" IngressRuleNotNamed => ("Specify either CIDRIP, or EC2SecurityGroupName together with EC2SecurityGroupOwnerId."),
    "InvalidParameterValue" InvalidCidr(String) => ("Invalid CIDRIP: {0}. It must be an IPv4 range in CIDR notation."),
    "InvalidParameterValue" InvalidEc2SecurityGroupOwner(String) => ("Invalid EC2SecurityGroupOwnerId: {0}. It must be a 12-digit AWS account ID."),
    "AuthorizationAlreadyExists" IngressAlreadyAuthorized(String) => ("The ingress rule is already authorized for cluster security group {0}."),
    "AuthorizationNotFound" IngressNotAuthorized(String) => ("The ingress rule is not authorized for cluster security group {0}."),
    "AuthorizationQuotaExceeded" IngressQuotaExceeded(usize) => ("A cluster security group can hold at most {0} ingress rules."),

    // Logging.
    "InvalidS3BucketNameFault" InvalidS3BucketName(String) => ("The S3 bucket name {0} is not valid."),
    "BucketNotFoundFault" BucketNotFound(String) => ("Could not find the S3 bucket {0} in the cluster's region."),
    "InsufficientS3BucketPolicyFault" InsufficientS3BucketPolicy(String) => ("The cluster does not have read bucket or put object permissions on S3 bucket {0}."),
    "UnsupportedOperation" S3TablePublishingUnsupported => ("redshift-fake does not publish system tables to S3 Tables."),
    "InvalidParameterValue" InvalidLogDestinationType(String) => ("Invalid LogDestinationType: {0}. Valid types are s3, cloudwatch and s3table."),
    "InvalidParameterValue" InvalidLogExport(String) => ("Invalid log type: {0}. Valid types are connectionlog, useractivitylog and userlog."),
    "InvalidParameterValue" LogBucketRequired => ("BucketName is required when LogDestinationType is s3."),
    "InvalidParameterCombination" BucketWithCloudwatch => ("BucketName and S3KeyPrefix cannot be given when LogDestinationType is cloudwatch."),
    "InvalidParameterValue" LogExportsRequired => ("LogExports is required when LogDestinationType is cloudwatch."),

    // Events and subscriptions.
    "SubscriptionNotFound" SubscriptionNotFound(String) => ("Event subscription {0} not found."),
    "SubscriptionAlreadyExist" SubscriptionAlreadyExist(String) => ("Event subscription {0} already exists."),
    "EventSubscriptionQuotaExceeded" EventSubscriptionQuotaExceeded(usize) => ("Cannot create the event subscription because the maximum allowed number of subscriptions ({0}) has been reached."),
    "SNSInvalidTopic" SNSInvalidTopic(String) => ("{0} is not a valid Amazon SNS topic ARN."),
    "SNSTopicArnNotFound" SNSTopicArnNotFound(String) => ("The Amazon SNS topic {0} does not exist."),
    "SubscriptionCategoryNotFound" SubscriptionCategoryNotFound(String) => ("Event category {0} is not valid for the source type."),
    "SubscriptionSeverityNotFound" SubscriptionSeverityNotFound(String) => ("Event severity {0} is not valid. Valid severities are ERROR and INFO."),
    "SourceNotFound" SourceNotFound(String) => ("The source {0} could not be found."),
    "InvalidParameterValue" InvalidSourceType(String) => ("Invalid source type: {0}. Valid types are cluster, cluster-parameter-group, cluster-security-group, cluster-snapshot and scheduled-action."),
    "InvalidParameterCombination" SourceIdentifierWithoutType => ("SourceType must be specified when SourceIdentifier is specified."),
    "InvalidParameterCombination" SourceIdsWithoutType => ("SourceType must be specified when SourceIds are specified."),
    "InvalidParameterValue" InvalidDuration(i64) => ("Invalid Duration: {0}. It must be a number of minutes, 0 or more."),

    // Usage limits.
    "UsageLimitNotFound" UsageLimitNotFound(String) => ("Usage limit {0} not found."),
    "UsageLimitAlreadyExists" UsageLimitAlreadyExists => ("An identical usage limit already exists for this feature of the cluster."),
    "InvalidUsageLimit" InvalidUsageLimitValue { member: &'static str, value: String } => ("Invalid {member}: {value}."),
    "InvalidUsageLimit" InvalidUsageLimitAmount(i64) => ("Invalid Amount: {0}. The amount must be a positive number."),
    "InvalidUsageLimit" UsageLimitTypeMismatch { feature: &'static str, limit_type: &'static str, given: String } => ("The limit type of feature {feature} must be {limit_type}, not {given}."),
    "InvalidUsageLimit" SecondDisableLimit(String) => ("Only one usage limit of feature {0} can have the disable breach action."),
    /// (choice) The model has no quota error of its own for usage limits.
    "LimitExceededFault" UsageLimitQuotaExceeded(usize) => ("A cluster can have at most {0} usage limits for one feature."),

    // Scheduled actions.
    "ScheduledActionNotFound" ScheduledActionNotFound(String) => ("Scheduled action {0} not found."),
    "ScheduledActionAlreadyExists" ScheduledActionAlreadyExists(String) => ("Scheduled action {0} already exists."),
    "ScheduledActionQuotaExceeded" ScheduledActionQuotaExceeded(usize) => ("Cannot create the scheduled action because the maximum allowed number of scheduled actions ({0}) has been reached."),
    "ScheduledActionTypeUnsupported" ScheduledResizeWithReservedNodes => ("A scheduled ResizeCluster cannot use reserved nodes."),
    "InvalidScheduledAction" TargetActionNotOne => ("TargetAction must name exactly one of ResizeCluster, PauseCluster and ResumeCluster."),
    "InvalidScheduledAction" ScheduledActionEndsBeforeStart => ("The end time of a scheduled action must not be before its start time."),
    "InvalidParameterValue" InvalidTargetActionType(String) => ("Invalid TargetActionType: {0}. Valid types are ResizeCluster, PauseCluster and ResumeCluster."),
    "InvalidParameterValue" InvalidScheduledActionFilter(String) => ("Invalid filter name: {0}. Valid names are cluster-identifier and iam-role."),
    // HSM client certificates and configurations.
    "HsmClientCertificateNotFoundFault" HsmClientCertificateNotFound(String) => ("There is no Amazon Redshift HSM client certificate with the identifier {0}."),
    "HsmClientCertificateAlreadyExistsFault" HsmClientCertificateAlreadyExists(String) => ("There is already an existing Amazon Redshift HSM client certificate with the identifier {0}."),
    "HsmClientCertificateQuotaExceededFault" HsmClientCertificateQuotaExceeded(usize) => ("The quota for HSM client certificates ({0}) has been reached."),
    "InvalidHsmClientCertificateStateFault" HsmClientCertificateInUse { id: String, cluster: String } => ("HSM client certificate {id} is still in use by cluster {cluster}."),
    "HsmConfigurationNotFoundFault" HsmConfigurationNotFound(String) => ("There is no Amazon Redshift HSM configuration with the identifier {0}."),
    "HsmConfigurationAlreadyExistsFault" HsmConfigurationAlreadyExists(String) => ("There is already an existing Amazon Redshift HSM configuration with the identifier {0}."),
    "HsmConfigurationQuotaExceededFault" HsmConfigurationQuotaExceeded(usize) => ("The quota for HSM configurations ({0}) has been reached."),
    "InvalidHsmConfigurationStateFault" HsmConfigurationInUse { id: String, cluster: String } => ("HSM configuration {id} is still in use by cluster {cluster}."),

    // Authentication profiles.
    "AuthenticationProfileNotFoundFault" AuthenticationProfileNotFound(String) => ("Authentication profile {0} not found."),
    "AuthenticationProfileAlreadyExistsFault" AuthenticationProfileAlreadyExists(String) => ("Authentication profile {0} already exists."),
    "AuthenticationProfileQuotaExceededFault" AuthenticationProfileQuotaExceeded(usize) => ("The maximum number of authentication profiles ({0}) has been reached."),
    "AuthenticationProfileQuotaExceededFault" AuthenticationProfileContentTooLong { length: usize, max: usize } => ("The authentication profile content of {length} characters is longer than the quota of {max}."),
    "InvalidAuthenticationProfileRequestFault" InvalidAuthenticationProfileRequest(String) => ("{0}"),

    // Resource policies.
    "ResourceNotFoundFault" ResourcePolicyNotFound(String) => ("There is no resource policy attached to {0}."),
    "InvalidPolicyFault" InvalidPolicy(String) => ("{0}"),
    "UnsupportedOperation" PolicyOnUnsupportedResource(&'static str) => ("Resource policies can be attached to namespaces only, not to a {0}."),

    // Integrations and namespaces.
    "IntegrationNotFoundFault" IntegrationNotFound(String) => ("Integration {0} can't be found."),
    "IntegrationAlreadyExistsFault" IntegrationAlreadyExists(String) => ("An integration named {0} already exists."),
    "IntegrationAlreadyExistsFault" IntegrationPairExists { from: String, target: String } => ("An integration from {from} to {target} already exists."),
    "IntegrationQuotaExceededFault" IntegrationQuotaExceeded(usize) => ("You can't create any more integrations: the quota of {0} has been reached."),
    "IntegrationTargetNotFoundFault" IntegrationTargetNotFound(String) => ("The integration target {0} can't be found."),
    "UnsupportedOperation" IntegrationTargetNotRa3(String) => ("The target cluster {0} must be of an RA3 node type."),
    "IntegrationConflictStateFault" IntegrationConflictState { id: String, status: &'static str } => ("Integration {id} is {status} and can't perform the requested operation."),
    "InvalidParameterCombination" EncryptionContextWithoutKey => ("AdditionalEncryptionContext can be given only with KMSKeyId."),
    "InvalidParameterValue" InvalidIntegrationFilter(String) => ("Invalid filter name {0}. Valid names are integration-arn, source-arn, source-types and status."),
    "InvalidNamespaceFault" InvalidNamespace(String) => ("The namespace {0} isn't valid because it doesn't exist."),

    // Data shares.
    "InvalidDataShareFault" InvalidDataShare(String) => ("{0}"),
    "InvalidParameterCombination" DataShareTargetCount => ("Specify exactly one of the entire account, ConsumerArn and ConsumerRegion."),
    "InvalidParameterValue" InvalidConsumerAccount(String) => ("Invalid consumer identifier {0}: it must be a 12-digit AWS account ID."),
    "InvalidNamespaceFault" NamespaceNotRegistered { cluster: String, consumer: String } => ("The namespace of cluster {cluster} isn't registered with account {consumer}."),

    // Partners.
    "PartnerNotFound" PartnerNotFound(String) => ("The partner {0} was not found."),
    "UnauthorizedPartnerIntegration" UnauthorizedPartnerIntegration(String) => ("The partner integration is not authorized: account {0} does not own the cluster."),
    "InvalidParameterValue" InvalidPartnerStatus(String) => ("Invalid partner status {0}. Valid statuses are Active, Inactive, RuntimeFailure and ConnectionFailure."),

    // Custom domains.
    "CustomDomainAssociationNotFoundFault" CustomDomainAssociationNotFound(String) => ("An error occurred. The custom domain name {0} couldn't be found."),
    "CustomCnameAssociationFault" ClusterHasCustomDomain { cluster: String, domain: String } => ("Cluster {cluster} already has the custom domain name {domain}."),
    "CustomCnameAssociationFault" CustomDomainTaken { domain: String, cluster: String } => ("The custom domain name {domain} is already associated with cluster {cluster}."),

    // Endpoint access.
    "EndpointNotFound" EndpointNotFound(String) => ("The endpoint {0} doesn't refer to an existing endpoint."),
    "EndpointAlreadyExists" EndpointAlreadyExists(String) => ("The account already has a Redshift-managed VPC endpoint named {0}."),
    "InvalidEndpointState" InvalidEndpointState { name: String, status: &'static str } => ("The endpoint {name} is {status}; the operation needs it in another state."),
    "EndpointsPerClusterLimitExceeded" EndpointsPerClusterLimitExceeded(usize) => ("The number of Redshift-managed VPC endpoints per cluster has exceeded its limit of {0}."),
    "EndpointsPerAuthorizationLimitExceeded" EndpointsPerAuthorizationLimitExceeded { limit: usize, key: String } => ("The number of Redshift-managed VPC endpoints of authorization {key} has exceeded its limit of {limit}."),
    "UnsupportedOperation" EndpointClusterNotRa3(String) => ("Redshift-managed VPC endpoints need a cluster of an RA3 node type; {0} is not."),
    "AccessToClusterDenied" AccessToClusterDenied(String) => ("You are not authorized to access the cluster {0}."),
    "UnauthorizedOperation" VpcNotAuthorized { vpc: String, cluster: String } => ("Your account is not authorized to access cluster {cluster} from {vpc}."),
    "EndpointAuthorizationNotFound" EndpointAuthorizationNotFound(String) => ("The authorization {0} can't be found."),
    "EndpointAuthorizationAlreadyExists" EndpointAuthorizationAlreadyExists(String) => ("The authorization {0} already exists."),
    "EndpointAuthorizationsPerClusterLimitExceeded" EndpointAuthorizationsPerClusterLimitExceeded(usize) => ("The number of endpoint authorizations per cluster has exceeded its limit of {0}."),
    "InvalidAuthorizationState" AuthorizationBeingRevoked(String) => ("The authorization {0} is being revoked."),
    "InvalidAuthorizationState" RevokeVpcsOfAllVpcs(String) => ("The authorization {0} allows all VPCs; revoke it as a whole."),
    "InvalidAuthorizationState" AuthorizationHasEndpoints { key: String, count: usize } => ("The authorization {key} still has {count} endpoint(s); delete them or revoke with Force."),
    "InvalidParameterValue" InvalidEndpointGrantee(String) => ("Invalid account {0}: it must be another account's 12-digit AWS account ID."),

    // Reserved nodes.
    "ReservedNodeNotFound" ReservedNodeNotFound(String) => ("The reserved node {0} was not found."),
    "ReservedNodeOfferingNotFound" ReservedNodeOfferingNotFound(String) => ("Specified offering {0} does not exist."),
    "InvalidParameterCombination" ExchangeNeedsNodeAndOffering => ("ReservedNodeId and TargetReservedNodeOfferingId must be given together."),
    "ReservedNodeOfferingNotFound" NotAnExchangeOffering { offering: String, node: String } => ("The offering {offering} is not one the reserved node {node} can be exchanged for."),
    "ReservedNodeQuotaExceeded" ReservedNodeQuotaExceeded(i64) => ("Request would exceed the user's compute node quota of {0} reserved nodes."),
    "InvalidParameterValue" InvalidNodeCount(i64) => ("Invalid NodeCount {0}: it must be at least 1."),
    "ReservedNodeAlreadyMigrated" ReservedNodeAlreadyMigrated(String) => ("The reserved node {0} has already been exchanged."),
    "InvalidReservedNodeState" InvalidReservedNodeState { id: String, state: &'static str } => ("The reserved node {id} is {state}; it must be active to be exchanged."),
    "UnsupportedOperation" NotExchangeable(&'static str) => ("A reserved node of type {0} has no exchange offerings: only DC1 reserved nodes are exchanged."),
    "ReservedNodeExchangeNotFond" ReservedNodeExchangeNotFound(String) => ("The reserved-node exchange {0} wasn't found."),
    "InvalidParameterValue" InvalidExchangeActionType(String) => ("Invalid ActionType {0}. Valid values are restore-cluster and resize-cluster."),

    // IAM Identity Center applications.
    "RedshiftIdcApplicationNotExists" RedshiftIdcApplicationNotExists(String) => ("The application {0} you attempted to find doesn't exist."),
    "RedshiftIdcApplicationAlreadyExists" RedshiftIdcApplicationAlreadyExists(String) => ("The application {0} you attempted to add already exists."),
    "RedshiftIdcApplicationQuotaExceeded" RedshiftIdcApplicationQuotaExceeded(usize) => ("The maximum number of Redshift IAM Identity Center applications ({0}) was exceeded."),
    "InvalidParameterValue" InvalidApplicationType(String) => ("Invalid ApplicationType {0}. Valid values are None and Lakehouse."),
    "Qev2IdcApplicationNotExists" Qev2IdcApplicationNotExists(String) => ("The specified Amazon Redshift Query Editor (QEV2) IAM Identity Center application {0} doesn't exist. Verify that the application ARN is correct and that the application exists in this Region."),
    "Qev2IdcApplicationAlreadyExists" Qev2IdcApplicationAlreadyExists(String) => ("The Amazon Redshift Query Editor (QEV2) IAM Identity Center application {0} already exists. Use a different application name or describe existing applications to find the ARN."),
    "RedshiftInvalidParameter" RedshiftInvalidParameter(String) => ("{0}"),

    // Tags.
    "ResourceNotFoundFault" TaggedResourceNotFound(String) => ("The resource {0} could not be found."),
    "InvalidParameterValue" InvalidResourceType(String) => ("Invalid resource type: {0}. Valid types are Cluster, CIDR/IP, EC2 security group, Snapshot, Cluster security group, Subnet group, HSM connection, HSM certificate, Parameter group, Snapshot copy grant and Integration."),
    "InvalidParameterCombination" TagsNameAndType => ("You cannot specify a ResourceName and a ResourceType together in the same request."),
    "InvalidParameterCombination" TagsNameAndPaging => ("You cannot use MaxRecords or Marker together with ResourceName."),
    "TagLimitExceededFault" TagLimitExceeded => ("You have exceeded the number of tags allowed (50) for this resource."),
    "InvalidTagFault" InvalidTagKey(String) => ("Tag key '{0}' is not valid: keys are 1 to 128 characters and may not begin with 'aws:'."),
    "InvalidTagFault" TagValueTooLong(String) => ("The value of tag '{0}' is longer than 256 characters."),
    /// A tag key or value with a character outside AWS's tag pattern (doc).
    "InvalidTagFault" InvalidTagCharacter { member: &'static str, character: char } => ("The tag {member} contains the character U+{:04X}. Tag keys and values may contain only Unicode letters, digits, white space and the symbols _ . : / = + - @.", u32::from(*.character)),

    // Snapshot schedules and automated snapshots.
    "SnapshotScheduleNotFound" SnapshotScheduleNotFound(String) => ("Snapshot schedule {0} not found."),
    "SnapshotScheduleAlreadyExists" SnapshotScheduleAlreadyExists(String) => ("Snapshot schedule {0} already exists."),
    "SnapshotScheduleQuotaExceeded" SnapshotScheduleQuotaExceeded(usize) => ("Cannot create the snapshot schedule because the maximum allowed number of snapshot schedules ({0}) has been reached."),
    "InvalidSchedule" InvalidSchedule { definition: String, reason: String } => ("Invalid schedule definition {definition}: {reason}"),
    "InvalidSchedule" NoScheduleDefinitions => ("A snapshot schedule needs at least one schedule definition."),
    "ScheduleDefinitionTypeUnsupported" ScheduleDefinitionTypeUnsupported(String) => ("The schedule definition {0} is not supported. Use rate(<value> <unit>) or cron(<fields>) without the L, W and # wildcards."),
    "SnapshotScheduleUpdateInProgress" SnapshotScheduleUpdateInProgress(String) => ("Snapshot schedule {0} is already being updated."),
    "InvalidClusterSnapshotScheduleState" SnapshotScheduleInUse { id: String, cluster: String } => ("Cannot delete snapshot schedule {id} because it is associated with cluster {cluster}. Disassociate it first."),
    "InvalidClusterSnapshotScheduleState" ScheduleAssociationModifying(String) => ("The snapshot schedule association of cluster {0} is being modified."),
    "InvalidClusterSnapshotScheduleState" NoScheduleAssociated(String) => ("Cluster {0} is not associated with a snapshot schedule."),
    "InvalidClusterSnapshotScheduleState" ScheduleNotAssociated { cluster: String, id: String } => ("Cluster {cluster} is not associated with snapshot schedule {id}."),
    "InvalidParameterCombination" ScheduleNotNamed => ("Either ScheduleIdentifier or DisassociateSchedule must be specified."),
    "InvalidParameterValue" InvalidNextInvocations(i64) => ("Invalid value for NextInvocations: {0}. The value must be between 1 and 100."),

    // Cross-region snapshot copy and copy grants.
    "SnapshotCopyAlreadyEnabledFault" SnapshotCopyAlreadyEnabled(String) => ("Cross-region snapshot copy is already enabled for cluster {0}."),
    "SnapshotCopyAlreadyDisabledFault" SnapshotCopyAlreadyDisabled(String) => ("Cross-region snapshot copy is already disabled for cluster {0}."),
    "SnapshotCopyDisabledFault" SnapshotCopyDisabled(String) => ("Cross-region snapshot copy is not enabled for cluster {0}."),
    "UnknownSnapshotCopyRegionFault" UnknownSnapshotCopyRegion(String) => ("Invalid region {0}: it is not a region snapshots can be copied to."),
    "UnknownSnapshotCopyRegionFault" SnapshotCopyToSourceRegion(String) => ("Invalid region {0}: snapshots cannot be copied to the region of their cluster."),
    "InvalidParameterValue" SnapshotCopyGrantRequired => ("SnapshotCopyGrantName is required for Snapshot Copy on KMS encrypted clusters."),
    "InvalidRetentionPeriodFault" InvalidCopyRetention(i64) => ("Invalid retention period for copied automated snapshots: {0}. The value must be between 1 and 35."),
    "SnapshotCopyGrantNotFoundFault" SnapshotCopyGrantNotFound(String) => ("Snapshot copy grant {0} not found."),
    "SnapshotCopyGrantNotFoundFault" SnapshotCopyGrantNotInRegion { name: String, region: String } => ("Snapshot copy grant {name} not found in the destination region {region}."),
    "SnapshotCopyGrantAlreadyExistsFault" SnapshotCopyGrantAlreadyExists(String) => ("Snapshot copy grant {0} already exists."),
    "SnapshotCopyGrantQuotaExceededFault" SnapshotCopyGrantQuotaExceeded(usize) => ("Cannot create the snapshot copy grant because the maximum allowed number of snapshot copy grants ({0}) has been reached."),
    "InvalidSnapshotCopyGrantStateFault" SnapshotCopyGrantInUse { name: String, cluster: String } => ("Cannot delete snapshot copy grant {name} because cluster {cluster} uses it to copy snapshots."),
    "InvalidParameterValue" InvalidSnapshotCopyGrantName(String) => ("The snapshot copy grant name {0} is not valid. It must contain from 1 to 63 lowercase letters, digits or hyphens, begin with a letter, and must not end with a hyphen or contain two consecutive hyphens."),
    "InvalidParameterCombination" GrantNameAndMarker => ("You can specify either SnapshotCopyGrantName or Marker, but not both."),

    // Table restore.
    "TableRestoreNotFoundFault" TableRestoreNotFound(String) => ("Table restore request {0} not found."),
    "InProgressTableRestoreQuotaExceededFault" TableRestoreInProgress { cluster: String, id: String } => ("Table restore request {id} into cluster {cluster} is still in progress. Wait for it to complete before making a new request."),
    "InvalidTableRestoreArgument" TableNotInSnapshot { database: String, schema: String, table: String, snapshot: String } => ("Table {database}.{schema}.{table} does not exist in snapshot {snapshot}."),
    "UnsupportedOperation" TableRestoreAcrossResize { snapshot: String, cluster: String } => ("Cannot restore a table from snapshot {snapshot} because cluster {cluster} was resized to another node type after the snapshot was taken."),
    "InvalidParameterValue" InvalidTableRestoreName(&'static str) => ("The value of {0} must be a name of 1 to 127 bytes."),
    // IAM.
    /// A call its principal's identity-based policies do not allow (fact:
    /// Redshift's answer); the denial says why, for the call log.
    "UnauthorizedOperation" Unauthorized(Box<crate::engine::iam::Denial>) => ("Access Denied. Please ensure that your IAM Permissions allow this operation."),

    // Listings and identifiers.
    "InvalidParameterCombination" IdentifierAndMarker(&'static str) => ("You can specify either the {0} parameter or the Marker parameter, but not both."),
    "InvalidParameterValue" InvalidMarker(String) => ("Invalid marker: {0}"),
    "InvalidParameterValue" MaxRecordsOutOfRange { min: i64, max: i64 } => ("The value for MaxRecords must be between {min} and {max}."),
    "InvalidParameterValue" InvalidIdentifier(&'static str) => ("The parameter {0} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."),
    /// Values that break the model's `max` or `pattern`, which botocore
    /// leaves to the service (fact: AWS's request validation wording).
    "ValidationError" ValidationFailed(String) => ("{0}"),
    /// Input the validator let through but the operation cannot read (a
    /// number out of the engine's range, say).
    "InvalidParameterValue" MalformedInput(String) => ("Invalid parameter value: {0}"),

    // The Query protocol.
    /// A Query-protocol request without an `Action`.
    "MissingAction" MissingAction => ("The request must contain the parameter Action."),
    /// A Query-protocol request naming no operation of the service.
    "InvalidAction" InvalidAction(String) => ("The action {0} is not valid for this web service."),
    /// A Query-protocol request for an API version the service does not have.
    "InvalidAction" InvalidVersion { action: String, version: String } => ("Could not find operation {action} for version {version}"),
    /// A Query-protocol request without a required member.
    "MissingParameter" MissingParameter(String) => ("The request must contain the parameter {0}."),
    /// A Query-protocol value that is not of its member's type.
    "InvalidParameterValue" InvalidParameterType { parameter: String, value: String, expected: crate::validate::Expected } => ("Value ({value}) for parameter {parameter} is invalid. Expected {}.", expected_words(*.expected)),
    /// A Query-protocol value below its member's minimum (value or length).
    "InvalidParameterValue" ParameterBelowMinimum { parameter: String, value: i64, min: i64 } => ("Value ({value}) for parameter {parameter} is invalid. It must be at least {min}."),
    /// A Query-protocol tagged union without exactly one member.
    "InvalidParameterValue" UnionMemberCount { parameter: String, members: String } => ("Exactly one of {members} must be set in {parameter}."),
    /// A Query-protocol body that is not form-encoded UTF-8.
    "MalformedQueryString" MalformedQueryString => ("The query string is not valid form-encoded UTF-8."),
    /// A Query-protocol body beyond [`crate::wire::MAX_REQUEST_BYTES`] (choice).
    "RequestEntityTooLarge" RequestTooLarge { size: usize, limit: usize } => ("The request body of {size} bytes is larger than the limit of {limit} bytes."),
    /// A Query-protocol parameter name of more parts than any parameter has (choice).
    "MalformedQueryString" ParameterNameTooDeep { limit: usize } => ("A parameter name has more than {limit} dot-separated parts; no parameter of the API is nested that deep."),
    /// A character XML 1.0 cannot carry, in any string but a tag's (choice).
    "InvalidParameterValue" InvalidCharacter { parameter: String, character: char } => ("The value of parameter {parameter} contains the character U+{:04X}, which is not allowed.", u32::from(*.character)),
}

impl RedshiftError {
    /// The HTTP status AWS answers with: the model's for a modeled code,
    /// otherwise that of the common AWS error of that code.
    pub fn status(&self) -> u16 {
        status_of(self.code())
    }

    /// A failure a test injected (`inject_error`): its code, with the given
    /// message or one in the style AWS uses for that code.
    pub fn injected(code: &str, message: Option<&str>) -> RedshiftError {
        let message = match message {
            Some(m) => m.to_owned(),
            None if matches!(code, "Throttling" | "ThrottlingException") => {
                "Rate exceeded".to_owned()
            }
            None => format!("{code} (injected by redshift-fake)"),
        };
        RedshiftError::Coded {
            code: code.to_owned(),
            message,
        }
    }

    /// The `Error.Type` member: every Redshift error is the sender's fault but
    /// the service-side ones of the common AWS errors.
    pub fn fault_type(&self) -> &'static str {
        if self.status() >= 500 {
            "Receiver"
        } else {
            "Sender"
        }
    }
}

/// The HTTP status of an error code: the model's for a modeled code, else the
/// one AWS uses for its common errors (400 for client errors).
pub fn status_of(code: &str) -> u16 {
    if let Some(status) = model().error_status(code) {
        return status;
    }
    // The statuses of AWS's common errors, as the Redshift API reference
    // lists them; any other code is a client error.
    match code {
        "InternalFailure" | "InternalError" | "InternalServerError" => 500,
        "ServiceUnavailable" | "ServiceUnavailableException" => 503,
        "AccessDenied"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "ExpiredToken"
        | "ExpiredTokenException"
        | "UnrecognizedClientException"
        | "MissingAuthenticationToken"
        | "OptInRequired" => 403,
        "MalformedQueryString" => 404,
        // Not a documented Redshift error: a body beyond the door's limit (choice).
        "RequestEntityTooLarge" => 413,
        _ => 400,
    }
}

/// How a Query-protocol value of each kind must look, for
/// [`RedshiftError::InvalidParameterType`].
fn expected_words(expected: crate::validate::Expected) -> &'static str {
    use crate::validate::Expected::*;
    match expected {
        Structure => "a structure of members",
        List => "a list of numbered members",
        String | Blob => "a string",
        Integer => "an integer",
        Double => "a number",
        Boolean => "true or false",
        Timestamp => "an ISO 8601 timestamp",
    }
}

/// A test control refused: what the test asked for does not exist or is
/// not allowed. Not an AWS error: doors raise it as a Python `ValueError`
/// (`LookupError` for [`ControlError::NoSuchSnapshot`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ControlError {
    #[error("no snapshot {id} in account {account}, region {region}")]
    NoSuchSnapshot {
        id: String,
        account: String,
        region: String,
    },
    #[error("status must be one of creating, available, failed, cancelled (or None to let the clock decide), got {0:?}")]
    InvalidStatus(String),
    #[error("a snapshot {id} already exists in account {account}, region {region}")]
    SnapshotExists {
        id: String,
        account: String,
        region: String,
    },
    #[error("{0} is not an operation of Amazon Redshift (use its PascalCase name, e.g. DeleteClusterSnapshot)")]
    UnknownOperation(String),
    /// A control about an operation the fake does not implement: the same
    /// error its calls raise.
    #[error(transparent)]
    Service(#[from] RedshiftError),
    #[error("error code must be a non-empty string without spaces, got {0:?}")]
    InvalidCode(String),
    #[error("count must be at least 1, got {0}")]
    InvalidCount(i64),
    #[error("cannot seed snapshot: {0}")]
    InvalidSeed(String),
    #[error("cannot declare the snapshot's tables: {0}")]
    InvalidTable(String),
    #[error("cannot create the data share: {0}")]
    InvalidDataShare(String),
    #[error("no cluster {id} in account {account}, region {region}")]
    NoSuchCluster {
        id: String,
        account: String,
        region: String,
    },
    #[error("cannot load the saved world: {0}")]
    InvalidSave(String),
    #[error("cannot save the world: {0}")]
    Unsavable(String),
    #[error("the service model has no {0} shape")]
    NoShape(&'static str),
    #[error("cannot declare it: {0}")]
    InvalidDeclaration(String),
    #[error("{0}")]
    InvalidPolicy(String),
    #[error("no policy {name} is attached to {principal}")]
    NoSuchPolicy { principal: String, name: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's common errors (API reference, "Common Errors"), which the model
    /// leaves out; then the fake's own (choices, in the README's known
    /// limits): `RequestEntityTooLarge` (413).
    const COMMON_ERRORS: &[&str] = &[
        "AccessDeniedException",
        "IncompleteSignature",
        "InternalFailure",
        "InvalidAction",
        "InvalidClientTokenId",
        "InvalidParameterCombination",
        "InvalidParameterValue",
        "InvalidQueryParameter",
        "MalformedQueryString",
        "MissingAction",
        "MissingAuthenticationToken",
        "MissingParameter",
        "NotAuthorized",
        "OptInRequired",
        "RequestExpired",
        "ServiceUnavailable",
        "ThrottlingException",
        "ValidationError",
        "RequestEntityTooLarge",
    ];

    #[test]
    fn every_code_is_the_models_or_a_common_aws_error() {
        for code in RedshiftError::DECLARED_CODES {
            assert!(
                model().error_status(code).is_some() || COMMON_ERRORS.contains(code),
                "{code} is neither an error code of the model nor a common AWS error"
            );
        }
    }

    #[test]
    fn statuses_come_from_the_model() {
        assert_eq!(
            RedshiftError::ClusterSnapshotNotFound("x".into()).status(),
            404
        );
        assert_eq!(RedshiftError::NotManualSnapshot("x".into()).status(), 400);
        assert_eq!(status_of("AuthorizationNotFound"), 404);
        assert_eq!(status_of("ThrottlingException"), 400);
        assert_eq!(status_of("ServiceUnavailable"), 503);
    }

    #[test]
    fn common_errors_have_the_documented_statuses() {
        for (code, status) in [
            ("AccessDeniedException", 400),
            ("IncompleteSignature", 400),
            ("InternalFailure", 500),
            ("InvalidAction", 400),
            ("InvalidClientTokenId", 403),
            ("MalformedQueryString", 404),
            ("MissingAuthenticationToken", 403),
            ("NotAuthorized", 400),
            ("OptInRequired", 403),
            ("RequestExpired", 400),
            ("ServiceUnavailable", 503),
            ("ThrottlingException", 400),
            ("ValidationError", 400),
        ] {
            assert_eq!(status_of(code), status, "{code}");
        }
        assert_eq!(
            RedshiftError::injected("InternalFailure", None).fault_type(),
            "Receiver"
        );
        assert_eq!(
            RedshiftError::injected("ThrottlingException", None).fault_type(),
            "Sender"
        );
    }

    #[test]
    fn injected_errors_keep_their_code_and_message() {
        let e = RedshiftError::injected("ThrottlingException", None);
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            ("ThrottlingException", "Rate exceeded")
        );
        let e = RedshiftError::injected("ClusterSnapshotNotFound", Some("gone"));
        assert_eq!(
            (e.code(), e.status(), e.to_string().as_str()),
            ("ClusterSnapshotNotFound", 404, "gone")
        );
    }

    #[test]
    fn messages_match_aws() {
        assert_eq!(
            RedshiftError::ClusterSnapshotNotFound("nope".into()).to_string(),
            "Snapshot nope not found."
        );
        assert_eq!(
            RedshiftError::ClusterNotFound("c1".into()).to_string(),
            "Cluster c1 not found."
        );
    }
}
