//! Integrations: zero-ETL and S3 event integrations from a source outside
//! Redshift (an S3 bucket, a DynamoDB table) into a cluster's namespace.
//! They are `creating` for the world's `integration_creation_seconds`, then
//! `active`; a deleted one is `deleting` for `integration_deletion_seconds`.

mod change;
mod describe;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::name::Name;
use super::resources::{Resource, ResourceKind};
use super::store::Record;
use super::tags::TagStore;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{InboundIntegration, Integration, Timestamp};

/// Integrations an account may hold in a region (choice).
pub const INTEGRATION_QUOTA: usize = 100;

/// An integration's `Status` (doc: the values of the model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrationStatus {
    Creating,
    Active,
    Deleting,
}

impl IntegrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationStatus::Creating => "creating",
            IntegrationStatus::Active => "active",
            IntegrationStatus::Deleting => "deleting",
        }
    }
}

/// An integration as the engine keeps it, in the account that created it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegrationRecord {
    /// The id at the end of its ARN.
    pub id: Name,
    pub name: Name,
    pub source_arn: Name,
    pub target_arn: Name,
    pub status: IntegrationStatus,
    /// When the current transitional status is over.
    pub until: Option<Timestamp>,
    pub created: Timestamp,
    pub description: Option<Name>,
    pub kms_key_id: Option<Name>,
    pub encryption_context: Option<BTreeMap<Name, Name>>,
}

impl Record for IntegrationRecord {
    /// Listed in the order they were made.
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.created
    }
}

impl Resource for IntegrationRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::IntegrationNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let params = serde_json::json!({
            "SourceArn": self.source_arn,
            "TargetArn": self.target_arn,
            "IntegrationName": self.name,
            "Description": self.description,
        });
        crate::constraints::check("CreateIntegration", &params).map_err(|e| e.to_string())?;
        if self.status != IntegrationStatus::Active && self.until.is_none() {
            return Err(format!("it is {} with no end", self.status.as_str()));
        }
        super::resources::check_saved_time("its CreateTime", self.created)
    }
    fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
        self.until
            .map(|t| (t, "ends its transition"))
            .into_iter()
            .collect()
    }
}

impl IntegrationRecord {
    /// The integration's ARN, in its owner's account and region.
    pub fn arn(&self, region: &str, account: &str) -> String {
        super::resources::arn(region, account, ResourceKind::Integration, &self.id)
    }

    /// The kind of source: the service its ARN names (`s3`, `dynamodb`).
    pub fn source_type(&self) -> &str {
        self.source_arn.split(':').nth(2).unwrap_or_default()
    }

    /// The integration as its owner sees it.
    pub fn render(&self, ctx: &Context, tags: &TagStore) -> Integration {
        Integration {
            integration_arn: Some(Name::from(self.arn(ctx.region, ctx.account))),
            integration_name: Some(self.name.clone()),
            source_arn: Some(self.source_arn.clone()),
            target_arn: Some(self.target_arn.clone()),
            status: Some(Name::from_static(self.status.as_str())),
            errors: None,
            create_time: Some(self.created),
            description: self.description.clone(),
            kms_key_id: self.kms_key_id.clone(),
            additional_encryption_context: self.encryption_context.clone(),
            tags: Some(tags.render(ResourceKind::Integration, &self.id)),
        }
    }

    /// The integration as the owner of its target sees it.
    pub fn render_inbound(&self, region: &str, owner: &str) -> InboundIntegration {
        InboundIntegration {
            integration_arn: Some(Name::from(self.arn(region, owner))),
            source_arn: Some(self.source_arn.clone()),
            target_arn: Some(self.target_arn.clone()),
            status: Some(Name::from_static(self.status.as_str())),
            errors: None,
            create_time: Some(self.created),
        }
    }

    /// The integration's own error when it is not in one of `allowed`.
    pub fn require(&self, allowed: &[IntegrationStatus]) -> Outcome<()> {
        super::require(self.status, allowed, |status| {
            RedshiftError::IntegrationConflictState {
                id: self.id.to_string(),
                status: status.as_str(),
            }
        })
    }
}

impl World {
    /// Puts an integration into a transitional status for `seconds`.
    fn begin_integration_transition(
        &mut self,
        ctx: &Context,
        id: &Name,
        status: IntegrationStatus,
        seconds: f64,
    ) {
        let until = ctx.now.plus_seconds(seconds);
        if let Some(i) = self.place_mut(ctx).and_then(|p| p.integrations.get_mut(id)) {
            i.status = status;
            i.until = Some(until);
        }
        self.schedule(ctx, until, ResourceKind::Integration, id);
    }

    /// An integration's wake-up: `creating` becomes `active`, `deleting` is gone.
    pub(super) fn wake_integration(&mut self, ctx: &Context, id: &Name) {
        let Some(i) = self.place_mut(ctx).and_then(|p| p.integrations.get_mut(id)) else {
            return;
        };
        if i.until.is_none_or(|until| ctx.now < until) {
            return;
        }
        i.until = None;
        match i.status {
            IntegrationStatus::Deleting => {
                self.remove::<IntegrationRecord>(ctx, id);
            }
            _ => i.status = IntegrationStatus::Active,
        }
    }
}
