//! IAM: the identity-based policies a test attaches to principals, and the
//! authorization of every call of a principal that has some, the way IAM
//! does it (doc: IAM User Guide, "Policy evaluation logic"): an explicit
//! deny wins, then an allow is needed, for each resource the action is
//! authorized against ([`request`]). A principal without a policy is
//! allowed everything (SPEC section 8: as the fake always did).
//!
//! Why not a crate. scratchstack-aspen (0.3.1, the latest on crates.io,
//! unchanged since January 2023) parses and evaluates IAM policies, but not
//! as IAM does what this module needs: it matches action names
//! case-sensitively (IAM ignores their case); it evaluates a negated
//! operator with several values as "differs from any of them" (IAM: "from
//! all of them", a NOR) and a negated operator on a key the request lacks as
//! false (IAM: true); it has no `ForAllValues:`/`ForAnyValue:` and no
//! multivalued keys, so `aws:TagKeys` cannot be written; and it lets a `*`
//! of a resource ARN stay within its segment only by splitting at every
//! colon. It would also bring regex, chrono, derive_builder and two more
//! crates of its own for a few hundred lines, and compile a regex for
//! every match. The evaluator here is small, checked when a policy is
//! attached ([`policy`]), and refuses what it does not evaluate.

mod pattern;
mod policy;
mod request;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::principal::{Identity, Principal};
use super::tags::Pair;
use super::{Context, World};
use crate::errors::{ControlError, RedshiftError};
use policy::{Facts, Key, Policy, Request, Verdict};

/// Why a call was refused: its action, the resource it was refused on, and
/// what the policies said; kept in the call log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub action: String,
    pub resource: String,
    pub reason: String,
}

/// An inline policy: its name as given, its document, and the document read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InlinePolicy {
    pub name: String,
    pub document: Value,
    /// Read from `document` when attached or loaded.
    #[serde(skip)]
    policy: Policy,
}

/// The inline policies of every IAM user and role, by principal (see
/// [`identity_key`]) and lowercased policy name (IAM's names are not
/// distinguished by case, doc: "IAM identifiers").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityPolicies(BTreeMap<String, BTreeMap<String, InlinePolicy>>);

/// The identity whose policies apply to a principal, as one key: the user or
/// role, in lowercase (IAM's names are not distinguished by case), without
/// its path; an assumed-role session is its role. `None` for what is not a
/// user, role or session ARN.
fn identity_key(principal: &str) -> Option<String> {
    let p = Principal::parse(principal)?;
    let (kind, name) = match p.identity {
        Identity::User(name) => ("user", name),
        Identity::Role(name) => ("role", name),
    };
    Some(format!(
        "arn:{}:iam::{}:{kind}/{}",
        p.partition,
        p.account,
        name.to_ascii_lowercase()
    ))
}

/// IAM's policy names (doc: PutUserPolicy): 1 to 128 of `[\w+=,.@-]`.
fn check_policy_name(name: &str) -> Result<(), String> {
    let valid = (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "policy name must be 1 to 128 letters, digits and _+=,.@- (IAM), got {name:?}"
        ))
    }
}

/// The key of a principal policies can be attached to: an IAM user or role
/// (doc: identity-based policies attach to users, groups and roles; a
/// session gets its role's).
fn attachable(principal: &str) -> Result<String, String> {
    let key = identity_key(principal).ok_or_else(|| {
        format!(
            "principal must be the ARN of an IAM user or role \
             (arn:aws:iam::123456789012:user/name, arn:aws:iam::123456789012:role/name), got {principal:?}"
        )
    })?;
    if principal.split(':').nth(2) == Some("sts") {
        return Err(format!(
            "{principal} is an assumed-role session: attach policies to its role \
             (a session acts with its role's policies)"
        ));
    }
    Ok(key)
}

impl IdentityPolicies {
    /// The policies that apply to a principal, if it has any.
    fn of(&self, principal: &str) -> Option<&BTreeMap<String, InlinePolicy>> {
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&identity_key(principal)?)
    }

    /// Refuses what attaching could not have made, naming where.
    pub fn check(&self) -> Result<(), String> {
        for (principal, policies) in &self.0 {
            if attachable(principal).ok().as_ref() != Some(principal) || policies.is_empty() {
                return Err(format!(
                    "{principal:?} is not the key of an IAM user or role with policies \
                     (arn:<partition>:iam::<account>:user/<name>, in lowercase)"
                ));
            }
            for (key, inline) in policies {
                let at = format!("{principal} policy {}", inline.name);
                check_policy_name(&inline.name).map_err(|e| format!("{at}: {e}"))?;
                if *key != inline.name.to_ascii_lowercase() {
                    return Err(format!("{at}: is kept under {key:?}"));
                }
                Policy::parse(&inline.document).map_err(|e| format!("{at}: {e}"))?;
            }
        }
        Ok(())
    }

    /// Reads every document anew (a loaded world's, once checked).
    pub fn read_documents(&mut self) {
        for inline in self.0.values_mut().flat_map(BTreeMap::values_mut) {
            inline.policy = Policy::parse(&inline.document).unwrap_or_default();
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// What a call offers the conditions of a policy, for one of its resources.
struct CallFacts<'a> {
    region: &'a str,
    resource_tags: &'a [Pair],
    request_tags: Option<&'a [(&'a str, Option<&'a str>)]>,
}

impl Facts for CallFacts<'_> {
    fn values(&self, key: &Key) -> Option<Vec<&str>> {
        match key {
            Key::RequestedRegion => Some(vec![self.region]),
            Key::ResourceTag(k) => self
                .resource_tags
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(k))
                .map(|(_, v)| vec![v.as_str()]),
            Key::RequestTag(k) => self
                .request_tags?
                .iter()
                .find_map(|(tag, v)| v.filter(|_| tag.eq_ignore_ascii_case(k)))
                .map(|v| vec![v]),
            Key::TagKeys => Some(self.request_tags?.iter().map(|(k, _)| *k).collect()),
        }
    }
}

impl World {
    /// Attaches (or replaces) an inline policy of an IAM user or role, as
    /// IAM's PutUserPolicy and PutRolePolicy do; the document is JSON text.
    pub fn put_identity_policy(
        &mut self,
        principal: &str,
        name: &str,
        document: &str,
    ) -> Result<(), ControlError> {
        let refused = |e: String| ControlError::InvalidPolicy(e);
        let key = attachable(principal).map_err(refused)?;
        check_policy_name(name).map_err(refused)?;
        let document: Value = serde_json::from_str(document)
            .map_err(|e| refused(format!("policy {name}: the document is not JSON: {e}")))?;
        let policy =
            Policy::parse(&document).map_err(|e| refused(format!("policy {name}: {e}")))?;
        self.identity_policies.0.entry(key).or_default().insert(
            name.to_ascii_lowercase(),
            InlinePolicy {
                name: name.to_owned(),
                document,
                policy,
            },
        );
        Ok(())
    }

    /// Removes an inline policy, as IAM's DeleteUserPolicy and
    /// DeleteRolePolicy do.
    pub fn delete_identity_policy(
        &mut self,
        principal: &str,
        name: &str,
    ) -> Result<(), ControlError> {
        let key = attachable(principal).map_err(ControlError::InvalidPolicy)?;
        let missing = || ControlError::NoSuchPolicy {
            principal: principal.to_owned(),
            name: name.to_owned(),
        };
        let policies = self.identity_policies.0.get_mut(&key).ok_or_else(missing)?;
        policies
            .remove(&name.to_ascii_lowercase())
            .ok_or_else(missing)?;
        if policies.is_empty() {
            self.identity_policies.0.remove(&key);
        }
        Ok(())
    }

    /// Whether the caller's policies allow `operation` with this input: for
    /// each resource its action is authorized against, an explicit deny
    /// refuses, and so does the absence of an allow (doc). A principal
    /// without policies is allowed everything.
    pub fn authorize(
        &self,
        ctx: &Context,
        operation: &str,
        input: &Value,
    ) -> Result<(), RedshiftError> {
        let Some(policies) = self.identity_policies.of(ctx.principal) else {
            return Ok(());
        };
        let action = format!("redshift:{operation}");
        let lowercase = action.to_ascii_lowercase();
        let request_tags = request::request_tags(operation, input);
        for resource in request::resources(ctx, operation, input) {
            let facts = CallFacts {
                region: ctx.region,
                resource_tags: self.tags_at(&resource),
                request_tags: request_tags.as_deref(),
            };
            let request = Request {
                action: &lowercase,
                resource: &resource,
                facts: &facts,
            };
            let mut allowed = false;
            let mut reason = None;
            for inline in policies.values() {
                match inline.policy.evaluate(&request) {
                    Verdict::Deny(statement) => {
                        reason = Some(format!(
                            "explicitly denied by {statement} of policy {}",
                            inline.name
                        ));
                        break;
                    }
                    Verdict::Allow => allowed = true,
                    Verdict::Silent => {}
                }
            }
            if reason.is_none() && !allowed {
                reason = Some("no identity-based policy allows the action".to_owned());
            }
            if let Some(reason) = reason {
                return Err(RedshiftError::Unauthorized(Box::new(Denial {
                    action,
                    resource,
                    reason,
                })));
            }
        }
        Ok(())
    }
}
