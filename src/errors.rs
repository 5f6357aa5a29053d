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
    "InvalidClusterState" InvalidClusterState { id: String, status: String } => ("Cluster {id} is in the {status} state; the operation needs it available."),
    "InvalidParameterValue" InvalidNumberOfNodes(i64) => ("Invalid number of nodes: {0}. A cluster has at least 1 node."),
    "InvalidParameterValue" InvalidNodeType(String) => ("Invalid node type: {0}"),
    "InvalidParameterValue" InvalidClusterType(String) => ("Invalid cluster type: {0}. Valid types are single-node and multi-node."),
    "InvalidParameterValue" MultiNodeNeedsNodes => ("Number of nodes for cluster type multi-node must be greater than or equal to 2"),
    "NumberOfNodesPerClusterLimitExceeded" NumberOfNodesPerClusterLimitExceeded(i64) => ("The number of nodes ({0}) exceeds the limit per cluster (128)."),
    "InvalidRetentionPeriodFault" InvalidAutomatedRetention(i64) => ("Invalid automated snapshot retention period: {0}. The value must be between 0 and 35."),
    "InvalidParameterValue" InvalidPort(i64) => ("Invalid port {0}. The port must be between 1150 and 65535."),
    "InvalidParameterCombination" FinalSnapshotWithSkip => ("FinalClusterSnapshotIdentifier must not be specified when SkipFinalClusterSnapshot is true."),
    "InvalidParameterCombination" FinalSnapshotRequired => ("FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified."),

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
    "ReservedNodeOfferingNotFound" NotAnExchangeOffering { offering: String, node: String } => ("The offering {offering} is not one the reserved node {node} can be exchanged for."),
    "ReservedNodeQuotaExceeded" ReservedNodeQuotaExceeded(i64) => ("Request would exceed the user's compute node quota of {0} reserved nodes."),
    "InvalidParameterValue" InvalidNodeCount(i64) => ("Invalid NodeCount {0}: it must be at least 1."),
    "ReservedNodeAlreadyMigrated" ReservedNodeAlreadyMigrated(String) => ("The reserved node {0} has already been exchanged."),
    "InvalidReservedNodeState" InvalidReservedNodeState { id: String, state: &'static str } => ("The reserved node {id} is {state}; it must be active to be exchanged."),
    "UnsupportedOperation" NotExchangeable(&'static str) => ("A reserved node of type {0} has no exchange offerings: only DC1 reserved nodes are exchanged."),
    "ReservedNodeExchangeNotFond" ReservedNodeExchangeNotFound(String) => ("The reserved-node exchange {0} wasn't found."),
    "InvalidParameterValue" InvalidActionType(String) => ("Invalid ActionType {0}. Valid values are restore-cluster and resize-cluster."),

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

    // Listings and identifiers.
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

    /// An operation of the model that the fake does not implement yet: the
    /// one "not implemented" of every door (Python's `NotImplementedError`,
    /// HTTP 501 over the wire).
    "NotImplemented" NotImplemented(String) => ("redshift-fake does not implement {0} yet"),
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
        // Not an AWS code: an operation the fake lacks. 501 is not retried by
        // botocore, unlike 500 and 503.
        "NotImplemented" => 501,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's common errors (API reference, "Common Errors"), which the model
    /// leaves out; then the fake's own (choices, in the README's known
    /// limits): `NotImplemented` (HTTP 501) and `RequestEntityTooLarge` (413).
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
        "NotImplemented",
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
