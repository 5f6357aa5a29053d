//! The one error type of the engine. Each variant knows its AWS error code and
//! its message; the HTTP status comes from the service model (`status`), so no
//! error text or code is spelled anywhere else.

use crate::model::service::model;

/// Every failure an operation can end in, as Amazon Redshift reports it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RedshiftError {
    #[error("Snapshot {0} not found.")]
    ClusterSnapshotNotFound(String),
    #[error("Cannot delete the snapshot {0} because only manual snapshots may be deleted")]
    NotManualSnapshot(String),
    #[error("Cannot delete the snapshot {id} because it is in the {status} state.")]
    SnapshotNotDeletable { id: String, status: String },
    #[error("Cannot delete the snapshot {0} because other accounts still have access to it. Revoke access to the snapshot before deleting it.")]
    SnapshotShared(String),
    #[error("Cannot share the snapshot {id} because it is in the {status} state.")]
    SnapshotNotShareable { id: String, status: String },
    #[error("Cannot copy the snapshot {id} because it is in the {status} state.")]
    SnapshotNotCopyable { id: String, status: String },
    #[error("You can't delete snapshot {id} because it is used by cluster {cluster}. The snapshot can be deleted after a newer backup is created.")]
    SnapshotInUse { id: String, cluster: String },
    #[error(
        "Cannot create the snapshot because a snapshot with the identifier {0} already exists."
    )]
    ClusterSnapshotAlreadyExists(String),
    #[error("Cannot create the snapshot because the maximum allowed number of manual snapshots ({0}) has been reached.")]
    ClusterSnapshotQuotaExceeded(usize),
    #[error("Cluster {0} not found.")]
    ClusterNotFound(String),
    #[error("Cluster already exists")]
    ClusterAlreadyExists(String),
    #[error("Cluster {id} is in the {status} state; the operation needs it available.")]
    InvalidClusterState { id: String, status: String },
    #[error("Account {account} is already authorized to restore snapshot {id}.")]
    AuthorizationAlreadyExists { account: String, id: String },
    #[error("Account {account} is not authorized to restore snapshot {id}.")]
    AuthorizationNotFound { account: String, id: String },
    #[error(
        "The maximum number of accounts ({0}) authorized to restore a snapshot has been reached."
    )]
    AuthorizationQuotaExceeded(usize),
    #[error("Account {account} is not the owner of snapshot {id}; only the owner can change its access.")]
    AccessToSnapshotDenied { account: String, id: String },
    #[error(
        "The maximum number of snapshot identifiers in a batch request ({0}) has been exceeded."
    )]
    BatchDeleteRequestSizeExceeded(usize),
    #[error("The maximum number of snapshot identifiers in a batch modify request ({0}) has been exceeded.")]
    BatchModifyClusterSnapshotsLimitExceeded(usize),
    #[error("Cannot copy the snapshot {0} because only automated snapshots may be copied.")]
    NotAutomatedSnapshot(String),
    #[error("Cannot modify the snapshot {0} because only manual snapshots have a manual retention period.")]
    AutomatedSnapshotNotModifiable(String),
    #[error("Cannot modify the snapshot {id} because it is in the {status} state.")]
    SnapshotNotModifiable { id: String, status: String },
    #[error("The retention period of {days} days for snapshot {id} has already passed. Specify Force to delete the snapshot now.")]
    RetentionPeriodPassed { id: String, days: i64 },
    #[error("Cannot restore from the snapshot {id} because it is in the {status} state.")]
    SnapshotNotRestorable { id: String, status: String },
    #[error("The owner of snapshot {id} has not authorized account {account} to restore it.")]
    SnapshotRestoreNotAuthorized { account: String, id: String },
    #[error("Either SnapshotIdentifier or SnapshotArn must be specified.")]
    SnapshotNotNamed,
    #[error("Specify either SnapshotIdentifier or SnapshotArn, but not both.")]
    SnapshotNamedTwice,
    #[error("Invalid number of nodes: {0}. A cluster has at least 1 node.")]
    InvalidNumberOfNodes(i64),
    #[error("The resource {0} could not be found.")]
    TaggedResourceNotFound(String),
    #[error("Invalid resource type: {0}. Valid types are Cluster, CIDR/IP, EC2 security group, Snapshot, Cluster security group, Subnet group, HSM connection, HSM certificate, Parameter group, Snapshot copy grant and Integration.")]
    InvalidResourceType(String),
    #[error("You cannot specify a ResourceName and a ResourceType together in the same request.")]
    TagsNameAndType,
    #[error("You cannot use MaxRecords or Marker together with ResourceName.")]
    TagsNameAndPaging,
    #[error("Invalid marker: {0}")]
    InvalidMarker(String),
    #[error("The value for MaxRecords must be between {min} and {max}.")]
    MaxRecordsOutOfRange { min: i64, max: i64 },
    #[error("The parameter {0} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.")]
    InvalidIdentifier(&'static str),
    #[error("Invalid node type: {0}")]
    InvalidNodeType(String),
    #[error("Invalid cluster type: {0}. Valid types are single-node and multi-node.")]
    InvalidClusterType(String),
    #[error("Number of nodes for cluster type multi-node must be greater than or equal to 2")]
    MultiNodeNeedsNodes,
    #[error("The number of nodes ({0}) exceeds the limit per cluster (128).")]
    NumberOfNodesPerClusterLimitExceeded(i64),
    #[error(
        "Invalid automated snapshot retention period: {0}. The value must be between 0 and 35."
    )]
    InvalidAutomatedRetention(i64),
    #[error("Invalid manual snapshot retention period: {0}. The value must be -1 or between 1 and 3653.")]
    InvalidManualRetention(i64),
    #[error("Invalid port {0}. The port must be between 1150 and 65535.")]
    InvalidPort(i64),
    #[error("FinalClusterSnapshotIdentifier must not be specified when SkipFinalClusterSnapshot is true.")]
    FinalSnapshotWithSkip,
    #[error(
        "FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified."
    )]
    FinalSnapshotRequired,
    #[error("You have exceeded the number of tags allowed (50) for this resource.")]
    TagLimitExceeded,
    #[error(
        "Tag key '{0}' is not valid: keys are 1 to 128 characters and may not begin with 'aws:'."
    )]
    InvalidTagKey(String),
    #[error("The value of tag '{0}' is longer than 256 characters.")]
    TagValueTooLong(String),
    #[error("The snapshot type {0} is not valid. Valid types are manual and automated.")]
    InvalidSnapshotType(String),
    #[error("ClusterIdentifier must be specified when ClusterExists is true.")]
    ClusterExistsWithoutCluster,
    #[error(
        "Invalid value for AccountWithRestoreAccess: {0}. It must be a 12-digit AWS account ID."
    )]
    InvalidAccountId(String),
    #[error(
        "Invalid sorting attribute: {0}. Valid values are SOURCE_TYPE, TOTAL_SIZE and CREATE_TIME."
    )]
    InvalidSortAttribute(String),
    #[error("Invalid sort order: {0}. Valid values are ASC and DESC.")]
    InvalidSortOrder(String),
    /// Input the validator let through but the operation cannot read (a
    /// number out of the engine's range, say).
    #[error("Invalid parameter value: {0}")]
    MalformedInput(String),
    /// A Query-protocol request without an `Action`.
    #[error("The request must contain the parameter Action.")]
    MissingAction,
    /// A Query-protocol request naming no operation of the service.
    #[error("The action {0} is not valid for this web service.")]
    InvalidAction(String),
    /// A Query-protocol request for an API version the service does not have.
    #[error("Could not find operation {action} for version {version}")]
    InvalidVersion { action: String, version: String },
    /// A Query-protocol request without a required member.
    #[error("The request must contain the parameter {0}.")]
    MissingParameter(String),
    /// A Query-protocol value that is not of its member's type.
    #[error("Value ({value}) for parameter {parameter} is invalid. Expected {}.", expected_words(*.expected))]
    InvalidParameterType {
        parameter: String,
        value: String,
        expected: crate::validate::Expected,
    },
    /// A Query-protocol value below its member's minimum (value or length).
    #[error("Value ({value}) for parameter {parameter} is invalid. It must be at least {min}.")]
    ParameterBelowMinimum {
        parameter: String,
        value: i64,
        min: i64,
    },
    /// A Query-protocol tagged union without exactly one member.
    #[error("Exactly one of {members} must be set in {parameter}.")]
    UnionMemberCount { parameter: String, members: String },
    /// A Query-protocol body that is not form-encoded UTF-8.
    #[error("The query string is not valid form-encoded UTF-8.")]
    MalformedQueryString,
    // Hardening (issue 8): the doors' limits and the characters values may hold.
    /// A Query-protocol body beyond [`crate::wire::MAX_REQUEST_BYTES`] (choice).
    #[error("The request body of {size} bytes is larger than the limit of {limit} bytes.")]
    RequestTooLarge { size: usize, limit: usize },
    /// A Query-protocol parameter name of more parts than any parameter has (choice).
    #[error("A parameter name has more than {limit} dot-separated parts; no parameter of the API is nested that deep.")]
    ParameterNameTooDeep { limit: usize },
    /// A character XML 1.0 cannot carry, in any string but a tag's (choice).
    #[error("The value of parameter {parameter} contains the character U+{:04X}, which is not allowed.", u32::from(*.character))]
    InvalidCharacter { parameter: String, character: char },
    /// A tag key or value with a character outside AWS's tag pattern (doc).
    #[error("The tag {member} contains the character U+{:04X}. Tag keys and values may contain only Unicode letters, digits, white space and the symbols _ . : / = + - @.", u32::from(*.character))]
    InvalidTagCharacter {
        member: &'static str,
        character: char,
    },
    /// An operation of the model that the fake does not implement yet.
    #[error("redshift-fake does not implement {0} yet")]
    NotImplemented(String),
    /// A failure a test asked for (`inject_error`), or any code passed through.
    #[error("{message}")]
    Coded { code: String, message: String },
}

impl RedshiftError {
    /// The AWS error code (`Error.Code`) of this failure.
    pub fn code(&self) -> &str {
        use RedshiftError::*;
        match self {
            ClusterSnapshotNotFound(_) => "ClusterSnapshotNotFound",
            NotManualSnapshot(_)
            | SnapshotNotDeletable { .. }
            | SnapshotShared(_)
            | SnapshotNotShareable { .. }
            | SnapshotNotCopyable { .. }
            | SnapshotInUse { .. }
            | NotAutomatedSnapshot(_)
            | AutomatedSnapshotNotModifiable(_)
            | SnapshotNotModifiable { .. }
            | SnapshotNotRestorable { .. } => "InvalidClusterSnapshotState",
            ClusterSnapshotAlreadyExists(_) => "ClusterSnapshotAlreadyExists",
            ClusterSnapshotQuotaExceeded(_) => "ClusterSnapshotQuotaExceeded",
            ClusterNotFound(_) => "ClusterNotFound",
            ClusterAlreadyExists(_) => "ClusterAlreadyExists",
            InvalidClusterState { .. } => "InvalidClusterState",
            InvalidAutomatedRetention(_)
            | InvalidManualRetention(_)
            | RetentionPeriodPassed { .. } => "InvalidRetentionPeriodFault",
            AuthorizationAlreadyExists { .. } => "AuthorizationAlreadyExists",
            AuthorizationNotFound { .. } => "AuthorizationNotFound",
            AuthorizationQuotaExceeded(_) => "AuthorizationQuotaExceeded",
            AccessToSnapshotDenied { .. } | SnapshotRestoreNotAuthorized { .. } => {
                "AccessToSnapshotDenied"
            }
            BatchDeleteRequestSizeExceeded(_) => "BatchDeleteRequestSizeExceeded",
            BatchModifyClusterSnapshotsLimitExceeded(_) => {
                "BatchModifyClusterSnapshotsLimitExceededFault"
            }
            TagLimitExceeded => "TagLimitExceededFault",
            InvalidTagKey(_) | TagValueTooLong(_) => "InvalidTagFault",
            TaggedResourceNotFound(_) => "ResourceNotFoundFault",
            NumberOfNodesPerClusterLimitExceeded(_) => "NumberOfNodesPerClusterLimitExceeded",
            InvalidIdentifier(_)
            | InvalidNodeType(_)
            | InvalidClusterType(_)
            | MultiNodeNeedsNodes
            | InvalidPort(_)
            | InvalidSnapshotType(_)
            | InvalidAccountId(_)
            | InvalidSortAttribute(_)
            | InvalidSortOrder(_)
            | MalformedInput(_)
            | InvalidNumberOfNodes(_)
            | InvalidResourceType(_)
            | InvalidMarker(_)
            | MaxRecordsOutOfRange { .. } => "InvalidParameterValue",
            FinalSnapshotWithSkip
            | FinalSnapshotRequired
            | ClusterExistsWithoutCluster
            | SnapshotNotNamed
            | SnapshotNamedTwice
            | TagsNameAndType
            | TagsNameAndPaging => "InvalidParameterCombination",
            MissingAction => "MissingAction",
            InvalidAction(_) | InvalidVersion { .. } => "InvalidAction",
            MissingParameter(_) => "MissingParameter",
            InvalidParameterType { .. }
            | ParameterBelowMinimum { .. }
            | UnionMemberCount { .. } => "InvalidParameterValue",
            MalformedQueryString => "MalformedQueryString",
            RequestTooLarge { .. } => "RequestEntityTooLarge",
            ParameterNameTooDeep { .. } => "MalformedQueryString",
            InvalidCharacter { .. } => "InvalidParameterValue",
            InvalidTagCharacter { .. } => "InvalidTagFault",
            NotImplemented(_) => "NotImplemented",
            Coded { code, .. } => code,
        }
    }

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
    #[error("redshift-fake does not implement {0} yet: its calls raise NotImplementedError")]
    OperationNotImplemented(String),
    #[error("error code must be a non-empty string without spaces, got {0:?}")]
    InvalidCode(String),
    #[error("count must be at least 1, got {0}")]
    InvalidCount(i64),
    #[error("cannot seed snapshot: {0}")]
    InvalidSeed(String),
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
