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
        _ => 400,
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
