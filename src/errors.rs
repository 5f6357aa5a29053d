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
    #[error("{0}")]
    InvalidRetentionPeriod(String),
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
    #[error("{0}")]
    TagLimitExceeded(String),
    #[error("{0}")]
    InvalidTag(String),
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("{0}")]
    InvalidParameterValue(String),
    #[error("{0}")]
    InvalidParameterCombination(String),
    #[error("{0}")]
    UnsupportedOperation(String),
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
    /// A Query-protocol body that is not form-encoded UTF-8.
    #[error("The query string is not valid form-encoded UTF-8.")]
    MalformedQueryString,
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
            | SnapshotInUse { .. } => "InvalidClusterSnapshotState",
            ClusterSnapshotAlreadyExists(_) => "ClusterSnapshotAlreadyExists",
            ClusterSnapshotQuotaExceeded(_) => "ClusterSnapshotQuotaExceeded",
            ClusterNotFound(_) => "ClusterNotFound",
            ClusterAlreadyExists(_) => "ClusterAlreadyExists",
            InvalidClusterState { .. } => "InvalidClusterState",
            InvalidRetentionPeriod(_) => "InvalidRetentionPeriodFault",
            AuthorizationAlreadyExists { .. } => "AuthorizationAlreadyExists",
            AuthorizationNotFound { .. } => "AuthorizationNotFound",
            AuthorizationQuotaExceeded(_) => "AuthorizationQuotaExceeded",
            AccessToSnapshotDenied { .. } => "AccessToSnapshotDenied",
            BatchDeleteRequestSizeExceeded(_) => "BatchDeleteRequestSizeExceeded",
            TagLimitExceeded(_) => "TagLimitExceededFault",
            InvalidTag(_) => "InvalidTagFault",
            ResourceNotFound(_) => "ResourceNotFoundFault",
            InvalidParameterValue(_) => "InvalidParameterValue",
            InvalidParameterCombination(_) => "InvalidParameterCombination",
            UnsupportedOperation(_) => "UnsupportedOperation",
            MissingAction => "MissingAction",
            InvalidAction(_) | InvalidVersion { .. } => "InvalidAction",
            MissingParameter(_) => "MissingParameter",
            InvalidParameterType { .. } | ParameterBelowMinimum { .. } => "InvalidParameterValue",
            MalformedQueryString => "MalformedQueryString",
            NotImplemented(_) => "NotImplemented",
            Coded { code, .. } => code,
        }
    }

    /// The HTTP status AWS answers with: the model's for a modeled code,
    /// otherwise that of the common AWS error of that code.
    pub fn status(&self) -> u16 {
        status_of(self.code())
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
    match code {
        "InternalFailure" | "InternalError" | "InternalServerError" => 500,
        "ServiceUnavailable" | "ServiceUnavailableException" => 503,
        "AccessDenied"
        | "AccessDeniedException"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "ExpiredToken"
        | "ExpiredTokenException"
        | "UnrecognizedClientException"
        | "MissingAuthenticationToken"
        | "IncompleteSignature"
        | "OptInRequired"
        | "NotAuthorized" => 403,
        "RequestExpired" | "RequestTimeout" | "RequestTimeoutException" => 400,
        "MalformedQueryString" => 404,
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
