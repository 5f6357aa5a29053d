//! Audit logging: EnableLogging, DisableLogging, DescribeLoggingStatus. A
//! cluster's logging status lives beside it and goes when it goes.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::{ClusterRecord, ClusterStatus};
use super::name::Name;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeLoggingStatusMessage, DisableLoggingMessage, EnableLoggingMessage, LoggingStatus,
    Timestamp,
};

/// The log types of S3 and CloudWatch logging (doc).
const LOG_TYPES: [&str; 3] = ["connectionlog", "useractivitylog", "userlog"];

/// Where logs go (doc: `LogDestinationType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Destination {
    S3,
    Cloudwatch,
}

impl Destination {
    fn as_str(self) -> &'static str {
        match self {
            Destination::S3 => "s3",
            Destination::Cloudwatch => "cloudwatch",
        }
    }
}

/// What EnableLogging set, and whether logging is on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggingRecord {
    pub enabled: bool,
    pub destination: Destination,
    pub bucket: Option<Name>,
    pub prefix: Option<Name>,
    pub exports: Option<Vec<Name>>,
    /// When logging was turned off: its last delivery.
    pub stopped: Option<Timestamp>,
}

impl LoggingRecord {
    /// `LoggingStatus` at `now`: logs are delivered as they are written
    /// (choice), so the last delivery is now while logging is on, and the
    /// moment it was turned off after.
    fn render(&self, now: Timestamp) -> LoggingStatus {
        let delivered = if self.enabled {
            Some(now)
        } else {
            self.stopped
        };
        if !self.enabled {
            return LoggingStatus {
                logging_enabled: Some(false),
                last_successful_delivery_time: delivered,
                ..LoggingStatus::default()
            };
        }
        LoggingStatus {
            logging_enabled: Some(true),
            bucket_name: self.bucket.clone(),
            s3_key_prefix: self.prefix.clone(),
            last_successful_delivery_time: delivered,
            log_destination_type: Some(Name::from_static(self.destination.as_str())),
            log_exports: self.exports.clone(),
            ..LoggingStatus::default()
        }
    }
}

/// A destination a call names; `s3table` publishing is not done by the fake.
fn destination(text: Option<&str>) -> Outcome<Destination> {
    match text {
        None | Some("s3") => Ok(Destination::S3),
        Some("cloudwatch") => Ok(Destination::Cloudwatch),
        Some("s3table") => Err(RedshiftError::S3TablePublishingUnsupported),
        Some(other) => Err(RedshiftError::InvalidLogDestinationType(other.to_owned())),
    }
}

impl World {
    /// The caller's cluster of that name, that logging may be changed for
    /// (doc: an available cluster).
    fn logging_cluster(&self, ctx: &Context, identifier: &str) -> Outcome<Name> {
        let cluster = self.own::<ClusterRecord>(ctx, identifier)?;
        cluster.require(&[ClusterStatus::Available])?;
        Ok(cluster.identifier().clone())
    }

    /// A cluster's logging status, as DescribeLoggingStatus answers it.
    fn logging_status(&self, ctx: &Context, cluster: &Name) -> LoggingStatus {
        match self.place(ctx).and_then(|p| p.logging.get(cluster)) {
            Some(record) => record.render(ctx.now),
            // (doc) New clusters have audit logging off.
            None => LoggingStatus {
                logging_enabled: Some(false),
                ..LoggingStatus::default()
            },
        }
    }

    /// EnableLogging: to an S3 bucket of the cluster's region that Redshift
    /// may write to (with a prefix of the documented characters), or to
    /// CloudWatch; the log types of `LogExports` (doc).
    pub fn enable_logging(
        &mut self,
        ctx: &Context,
        input: EnableLoggingMessage,
    ) -> Outcome<LoggingStatus> {
        let key = self.logging_cluster(ctx, &input.cluster_identifier)?;
        let destination = destination(input.log_destination_type.as_deref())?;
        if let Some(export) = input
            .log_exports
            .iter()
            .flatten()
            .find(|e| !LOG_TYPES.contains(&e.as_str()))
        {
            return Err(RedshiftError::InvalidLogExport(export.to_string()));
        }
        match destination {
            Destination::S3 => {
                let bucket = input
                    .bucket_name
                    .as_deref()
                    .ok_or(RedshiftError::LogBucketRequired)?;
                // The S3KeyPrefix's rules are the model's `max` and
                // `pattern`, checked with every call's (crate::constraints).
                self.check_log_bucket(ctx, bucket)?;
            }
            Destination::Cloudwatch => {
                if input.bucket_name.is_some() || input.s3_key_prefix.is_some() {
                    return Err(RedshiftError::BucketWithCloudwatch);
                }
                if input.log_exports.as_ref().is_none_or(Vec::is_empty) {
                    return Err(RedshiftError::LogExportsRequired);
                }
            }
        }
        let record = LoggingRecord {
            enabled: true,
            destination,
            bucket: input.bucket_name,
            prefix: input.s3_key_prefix,
            exports: input.log_exports,
            stopped: None,
        };
        self.place_entry(ctx).logging.insert(key.clone(), record);
        Ok(self.logging_status(ctx, &key))
    }

    /// DisableLogging: audit logging off (`s3table` publishing is not done).
    pub fn disable_logging(
        &mut self,
        ctx: &Context,
        input: DisableLoggingMessage,
    ) -> Outcome<LoggingStatus> {
        let key = self.logging_cluster(ctx, &input.cluster_identifier)?;
        destination(input.log_destination_type.as_deref())?;
        if let Some(record) = self.place_mut(ctx).and_then(|p| p.logging.get_mut(&key)) {
            if record.enabled {
                record.enabled = false;
                record.stopped = Some(ctx.now);
            }
        }
        Ok(self.logging_status(ctx, &key))
    }

    /// DescribeLoggingStatus.
    pub fn describe_logging_status(
        &self,
        ctx: &Context,
        input: DescribeLoggingStatusMessage,
    ) -> Outcome<LoggingStatus> {
        let key = self
            .own::<ClusterRecord>(ctx, &input.cluster_identifier)?
            .identifier()
            .clone();
        Ok(self.logging_status(ctx, &key))
    }
}
