//! Data shares: what a producer cluster's database shares with other
//! accounts. A share is made in SQL (`CREATE DATASHARE`, `GRANT USAGE ...
//! TO ACCOUNT`), which the fake offers as the control
//! [`World::create_data_share`]; then, as AWS documents it, the producer
//! authorizes each consumer account (AuthorizeDataShare), and the consumer
//! associates it with its account, a Region or a namespace
//! (AssociateDataShareConsumer), or rejects it. A share is seen from its
//! producer's Region (choice: cross-Region sharing is not modelled).

mod consumer;
mod describe;
mod producer;
mod register;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::identifiers::is_account_id;
use super::name::Name;
use super::namespaces::{namespace_arn, namespace_id};
use super::resources::{arn, Resource, ResourceKind};
use super::{Context, Outcome, World};
use crate::errors::{ControlError, RedshiftError};
use crate::model::{DataShare, DataShareAssociation, Timestamp};

/// The keyword consumer a share may be granted to besides accounts (doc:
/// "an Amazon Web Services account ID or a keyword, such as ADX").
pub const ADX: &str = "ADX";

/// Where a consumer account stands with a share (doc: the statuses of
/// `DataShareAssociation`, as the producer sees them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GrantStatus {
    /// Granted in SQL, waiting for the producer's authorization.
    PendingAuthorization,
    Authorized,
    Deauthorized,
    Rejected,
}

impl GrantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantStatus::PendingAuthorization => "PENDING_AUTHORIZATION",
            GrantStatus::Authorized => "AUTHORIZED",
            GrantStatus::Deauthorized => "DEAUTHORIZED",
            GrantStatus::Rejected => "REJECTED",
        }
    }
}

/// A consumer account's grant of a share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub consumer: Name,
    pub status: GrantStatus,
    pub allow_writes: bool,
    pub created: Timestamp,
    pub changed: Timestamp,
}

/// What a consumer associated a share with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// The whole account (`AssociateEntireAccount`).
    Account,
    /// Every namespace of the account in a Region (`ConsumerRegion`).
    Region(Name),
    /// One namespace (`ConsumerArn`).
    Namespace(Name),
}

/// A consumer's association of a share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub account: Name,
    pub target: Target,
    pub accepted_writes: bool,
    pub created: Timestamp,
}

/// A data share, kept in its producer's account and Region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataShareRecord {
    /// `<namespace id>/<share name>`: the end of its ARN.
    pub key: Name,
    pub cluster: Name,
    pub name: Name,
    pub publicly_accessible: bool,
    /// Made by RegisterNamespace (`DataShareType: INTERNAL`).
    pub internal: bool,
    pub grants: Vec<Grant>,
    pub associations: Vec<Association>,
}

crate::engine::store::keyed_record!(DataShareRecord, key);

impl Resource for DataShareRecord {
    const TAGGABLE: bool = false;
    fn key_in_arn_path(path: &str) -> Option<&str> {
        (path.split('/').count() == 2).then_some(path)
    }
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::InvalidDataShare(format!("The datashare {identifier} doesn't exist."))
    }
    fn check_saved(&self) -> Result<(), String> {
        if self.key.split('/').nth(1) != Some(self.name.as_str()) {
            return Err("its key does not end with its name".to_owned());
        }
        for (i, g) in self.grants.iter().enumerate() {
            let consumer = g.consumer.as_str();
            if !(is_account_id(consumer) || consumer == ADX)
                || self.grants[..i].iter().any(|o| o.consumer == consumer)
            {
                return Err(format!(
                    "consumers need distinct account ids, got {consumer:?}"
                ));
            }
        }
        for a in &self.associations {
            if self
                .grant(&a.account)
                .is_none_or(|g| g.status != GrantStatus::Authorized)
            {
                return Err(format!(
                    "account {} is associated without an authorization",
                    a.account
                ));
            }
        }
        Ok(())
    }
}

/// Whose view of a share a call answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View<'a> {
    Producer,
    Consumer(&'a str),
}

impl DataShareRecord {
    /// The grant of a consumer account, if the share was granted to it.
    pub fn grant(&self, consumer: &str) -> Option<&Grant> {
        self.grants.iter().find(|g| g.consumer == consumer)
    }

    fn grant_mut(&mut self, consumer: &str) -> Option<&mut Grant> {
        self.grants.iter_mut().find(|g| g.consumer == consumer)
    }

    /// Whether `account` has associated the share with anything.
    fn associated(&self, account: &str) -> bool {
        self.associations.iter().any(|a| a.account == account)
    }

    /// Whether a consumer account sees the share: it is authorized for it
    /// (doc: `AVAILABLE` until associated, then `ACTIVE`).
    pub fn visible_to(&self, account: &str) -> bool {
        self.grant(account)
            .is_some_and(|g| g.status == GrantStatus::Authorized)
    }

    /// Whether one of the share's associations in a view has `status`.
    pub fn has_status(&self, view: View, status: &str) -> bool {
        self.associations_in(view)
            .iter()
            .any(|a| a.status.as_deref() == Some(status))
    }

    /// `DataShareAssociations` in a view: the producer sees one per grant,
    /// a consumer its own associations (or the share `AVAILABLE` to it).
    fn associations_in(&self, view: View) -> Vec<DataShareAssociation> {
        let row = |consumer: Name, status: &'static str, g: &Grant| DataShareAssociation {
            consumer_identifier: Some(consumer),
            status: Some(Name::from_static(status)),
            consumer_region: None,
            created_date: Some(g.created),
            status_change_date: Some(g.changed),
            producer_allowed_writes: Some(g.allow_writes),
            consumer_accepted_writes: None,
        };
        match view {
            View::Producer => self
                .grants
                .iter()
                .map(|g| {
                    let active =
                        g.status == GrantStatus::Authorized && self.associated(&g.consumer);
                    let mut r = row(
                        g.consumer.clone(),
                        if active { "ACTIVE" } else { g.status.as_str() },
                        g,
                    );
                    r.consumer_accepted_writes = active.then(|| {
                        self.associations
                            .iter()
                            .any(|a| a.account == g.consumer && a.accepted_writes)
                    });
                    r
                })
                .collect(),
            View::Consumer(account) => {
                let Some(g) = self.grant(account) else {
                    return Vec::new();
                };
                let mine: Vec<&Association> = self
                    .associations
                    .iter()
                    .filter(|a| a.account == account)
                    .collect();
                if mine.is_empty() {
                    let status = match g.status {
                        GrantStatus::Authorized => "AVAILABLE",
                        other => other.as_str(),
                    };
                    return vec![row(Name::from(account), status, g)];
                }
                mine.into_iter()
                    .map(|a| {
                        let (consumer, consumer_region) = match &a.target {
                            Target::Account => (Name::from(account), None),
                            Target::Region(r) => (Name::from(account), Some(r.clone())),
                            Target::Namespace(arn) => (arn.clone(), None),
                        };
                        DataShareAssociation {
                            consumer_region,
                            created_date: Some(a.created),
                            consumer_accepted_writes: Some(a.accepted_writes),
                            ..row(consumer, "ACTIVE", g)
                        }
                    })
                    .collect()
            }
        }
    }

    /// The share as a view shows it, its producer being `owner` in `region`.
    pub fn render(&self, region: &str, owner: &str, view: View) -> DataShare {
        DataShare {
            data_share_arn: Some(Name::from(arn(
                region,
                owner,
                ResourceKind::DataShare,
                &self.key,
            ))),
            producer_arn: Some(Name::from(namespace_arn(region, owner, &self.cluster))),
            allow_publicly_accessible_consumers: Some(self.publicly_accessible),
            data_share_associations: Some(self.associations_in(view)),
            managed_by: None,
            data_share_type: self.internal.then(|| Name::from_static("INTERNAL")),
        }
    }
}

impl World {
    /// The share a `DataShareArn` names in the caller's Region, with its
    /// producer, or `InvalidDataShareFault`.
    fn data_share(&self, ctx: &Context, text: &str) -> Outcome<(&Name, &DataShareRecord)> {
        self.at_arn::<DataShareRecord>(ctx.region, text)
            .ok_or_else(|| DataShareRecord::not_found(text))
    }

    /// Changes a share of `owner` in the caller's Region and answers it in
    /// `view`.
    fn change_data_share(
        &mut self,
        ctx: &Context,
        owner: &str,
        key: &str,
        view: View,
        change: impl FnOnce(&mut DataShareRecord),
    ) -> Outcome<DataShare> {
        let record = self
            .regions
            .get_mut(ctx.region)
            .and_then(|r| r.get_mut(owner))
            .and_then(|p| p.data_shares.get_mut(key))
            .ok_or_else(|| DataShareRecord::not_found(key))?;
        change(record);
        Ok(record.render(ctx.region, owner, view))
    }

    /// The control that stands for SQL's `CREATE DATASHARE` on a producer
    /// cluster and `GRANT USAGE ON DATASHARE ... TO ACCOUNT` for each
    /// consumer (an account id or `ADX`): the share, pending authorization
    /// for each; answers its ARN.
    pub fn create_data_share(
        &mut self,
        ctx: &Context,
        cluster: &str,
        name: &str,
        consumers: &[String],
        publicly_accessible: bool,
    ) -> Result<String, ControlError> {
        let invalid = ControlError::InvalidDataShare;
        let cluster = self
            .own::<super::clusters::ClusterRecord>(ctx, cluster)
            .map_err(|_| ControlError::NoSuchCluster {
                id: cluster.to_owned(),
                account: ctx.account.to_owned(),
                region: ctx.region.to_owned(),
            })?
            .identifier()
            .clone();
        let valid_name = !name.is_empty()
            && name.len() <= 127
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid_name {
            return Err(invalid(format!(
                "{name:?} is not a data share name: 1 to 127 ASCII letters, digits and underscores, not starting with a digit"
            )));
        }
        for (i, consumer) in consumers.iter().enumerate() {
            if !(is_account_id(consumer) || consumer == ADX) || consumer == ctx.account {
                return Err(invalid(format!(
                    "consumer {consumer:?} is not another account's 12-digit id or ADX"
                )));
            }
            if consumers[..i].contains(consumer) {
                return Err(invalid(format!("consumer {consumer} is given twice")));
            }
        }
        let name = name.to_ascii_lowercase();
        let key = format!("{}/{name}", namespace_id(ctx.account, ctx.region, &cluster));
        if self.own::<DataShareRecord>(ctx, &key).is_ok() {
            return Err(invalid(format!(
                "cluster {cluster} already has a data share {name}"
            )));
        }
        let record = DataShareRecord {
            key: Name::from(key.as_str()),
            cluster,
            name: Name::from(name),
            publicly_accessible,
            internal: false,
            grants: consumers
                .iter()
                .map(|c| Grant {
                    consumer: Name::from(c.as_str()),
                    status: GrantStatus::PendingAuthorization,
                    allow_writes: false,
                    created: ctx.now,
                    changed: ctx.now,
                })
                .collect(),
            associations: Vec::new(),
        };
        self.add(ctx, record);
        Ok(arn(ctx.region, ctx.account, ResourceKind::DataShare, &key))
    }
}
