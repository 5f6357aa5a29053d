//! Resource policies: the policy a namespace's owner attaches to it, saying
//! which principals may create inbound integrations into it and from which
//! sources (doc, Management Guide: "Configure authorization for your Amazon
//! Redshift data warehouse").

mod document;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use document::PolicyDocument;

use super::name::Name;
use super::namespaces::{namespace_id, parse_namespace_arn};
use super::resources::{key, Arn, Resource};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DeleteResourcePolicyMessage, GetResourcePolicyMessage, GetResourcePolicyResult,
    PutResourcePolicyMessage, PutResourcePolicyResult, ResourcePolicy,
};

/// The policy attached to one of the owner's namespaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourcePolicyRecord {
    /// The namespace's id.
    pub namespace: Name,
    /// The ARN the policy was put on, as given.
    pub resource_arn: Name,
    /// The policy, as given.
    pub policy: Name,
}

crate::engine::store::keyed_record!(ResourcePolicyRecord, namespace);

impl Resource for ResourcePolicyRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ResourcePolicyNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let named = parse_namespace_arn(&self.resource_arn).map(|(_, _, id)| key(id));
        if named.as_deref() != Some(self.namespace.as_str()) {
            return Err("its ResourceArn does not name its namespace".to_owned());
        }
        PolicyDocument::parse(&self.policy)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

impl ResourcePolicyRecord {
    fn render(&self) -> ResourcePolicy {
        ResourcePolicy {
            resource_arn: Some(self.resource_arn.clone()),
            policy: Some(self.policy.clone()),
        }
    }
}

impl World {
    /// The id of the caller's namespace an ARN names (the namespace of one
    /// of its clusters in the caller's region): a Redshift ARN of another
    /// type is `UnsupportedOperation` (choice: policies go on namespaces),
    /// anything else `ResourceNotFoundFault`.
    fn policy_target(&self, ctx: &Context, text: &str) -> Outcome<Name> {
        let not_found = || RedshiftError::TaggedResourceNotFound(text.to_owned());
        let Some((region, account, id)) = parse_namespace_arn(text) else {
            return Err(match Arn::parse(text) {
                Some(arn) => RedshiftError::PolicyOnUnsupportedResource(arn.kind.arn_type()),
                None => not_found(),
            });
        };
        if region != ctx.region || account != ctx.account {
            return Err(not_found());
        }
        let id = key(id);
        self.place(ctx)
            .and_then(|p| {
                p.clusters
                    .values()
                    .find(|c| namespace_id(account, region, c.identifier()) == id)
            })
            .map(|_| Name::from(id))
            .ok_or_else(not_found)
    }

    /// PutResourcePolicy: attaches (or replaces) a namespace's policy, which
    /// must be an IAM policy document with a principal in each statement.
    pub fn put_resource_policy(
        &mut self,
        ctx: &Context,
        input: PutResourcePolicyMessage,
    ) -> Outcome<PutResourcePolicyResult> {
        let namespace = self.policy_target(ctx, &input.resource_arn)?;
        PolicyDocument::parse(&input.policy)?;
        let record = ResourcePolicyRecord {
            namespace,
            resource_arn: input.resource_arn,
            policy: input.policy,
        };
        let rendered = record.render();
        self.add(ctx, record);
        Ok(PutResourcePolicyResult {
            resource_policy: Some(rendered),
        })
    }

    /// GetResourcePolicy: a namespace without a policy has none to get
    /// (`ResourceNotFoundFault`, choice).
    pub fn get_resource_policy(
        &self,
        ctx: &Context,
        input: GetResourcePolicyMessage,
    ) -> Outcome<GetResourcePolicyResult> {
        let namespace = self.policy_target(ctx, &input.resource_arn)?;
        let record = self
            .own::<ResourcePolicyRecord>(ctx, &namespace)
            .map_err(|_| ResourcePolicyRecord::not_found(&input.resource_arn))?;
        Ok(GetResourcePolicyResult {
            resource_policy: Some(record.render()),
        })
    }

    /// DeleteResourcePolicy.
    pub fn delete_resource_policy(
        &mut self,
        ctx: &Context,
        input: DeleteResourcePolicyMessage,
    ) -> Outcome<()> {
        let namespace = self.policy_target(ctx, &input.resource_arn)?;
        self.remove::<ResourcePolicyRecord>(ctx, &namespace)
            .map(|_| ())
            .ok_or_else(|| ResourcePolicyRecord::not_found(&input.resource_arn))
    }

    /// Whether the policy on the namespace `id` of `owner` in `region` lets
    /// `account` do `action` (with `source` as the request's
    /// `aws:SourceArn`). A namespace without a policy lets no other account
    /// do anything.
    pub fn namespace_allows(
        &self,
        region: &str,
        owner: &str,
        id: &str,
        account: &str,
        action: &str,
        source: Option<&str>,
    ) -> bool {
        self.place_of(region, owner)
            .and_then(|p| p.resource_policies.get(id))
            .and_then(|r| PolicyDocument::parse(&r.policy).ok())
            .is_some_and(|doc| doc.allows(account, action, source))
    }
}
