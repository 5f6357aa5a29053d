//! Partner integrations: a partner authorized to push status updates for a
//! database of a cluster (AddPartner), which it does with
//! UpdatePartnerStatus.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::ClusterRecord;
use super::name::Name;
use super::resources::{key, Resource};
use super::store::Record;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribePartnersInputMessage, DescribePartnersOutputMessage, PartnerIntegrationInfo,
    PartnerIntegrationInputMessage, PartnerIntegrationOutputMessage, Timestamp,
    UpdatePartnerStatusInputMessage,
};

/// A partner integration's status (doc: the model's values).
pub const STATUSES: [&str; 4] = ["Active", "Inactive", "RuntimeFailure", "ConnectionFailure"];

/// A partner integration as the engine keeps it, in the cluster's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerRecord {
    /// `<cluster>/<database>/<partner>`.
    pub key: Name,
    pub cluster: Name,
    pub database: Name,
    pub partner: Name,
    /// One of [`STATUSES`].
    pub status: Name,
    pub message: Option<Name>,
    pub created: Timestamp,
    pub updated: Timestamp,
}

impl Record for PartnerRecord {
    type Order = ();
    fn key(&self) -> &Name {
        &self.key
    }
    fn order(&self) {}
    fn group(&self) -> Option<&Name> {
        Some(&self.cluster)
    }
}

impl Resource for PartnerRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::PartnerNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        if self.key
            != key(&format!(
                "{}/{}/{}",
                self.cluster, self.database, self.partner
            ))
            .as_str()
        {
            return Err("its key is not its cluster, database and partner".to_owned());
        }
        if !STATUSES.contains(&self.status.as_str()) {
            return Err(format!("{} is not a partner status", self.status));
        }
        super::resources::check_saved_time("its UpdatedAt", self.updated)?;
        super::resources::check_saved_time("its CreatedAt", self.created)
    }
}

impl PartnerRecord {
    fn output(&self) -> PartnerIntegrationOutputMessage {
        PartnerIntegrationOutputMessage {
            database_name: Some(self.database.clone()),
            partner_name: Some(self.partner.clone()),
        }
    }

    fn render(&self) -> PartnerIntegrationInfo {
        PartnerIntegrationInfo {
            database_name: Some(self.database.clone()),
            partner_name: Some(self.partner.clone()),
            status: Some(self.status.clone()),
            status_message: self.message.clone(),
            created_at: Some(self.created),
            updated_at: Some(self.updated),
        }
    }
}

impl World {
    /// The caller's cluster a partner call names: the account must be the
    /// caller's (choice: a partner integration is its cluster owner's), and
    /// the cluster one of its.
    fn partner_cluster(&self, ctx: &Context, account: &str, cluster: &str) -> Outcome<Name> {
        if account != ctx.account {
            return Err(RedshiftError::UnauthorizedPartnerIntegration(
                account.to_owned(),
            ));
        }
        Ok(self
            .own::<ClusterRecord>(ctx, cluster)?
            .identifier()
            .clone())
    }

    /// The key of the integration a call names, and its cluster.
    fn partner_key(
        &self,
        ctx: &Context,
        input: &PartnerIntegrationInputMessage,
    ) -> Outcome<(Name, Name)> {
        let cluster = self.partner_cluster(ctx, &input.account_id, &input.cluster_identifier)?;
        // Database and partner names are matched in any case (choice).
        let key = key(&format!(
            "{cluster}/{}/{}",
            input.database_name, input.partner_name
        ));
        Ok((cluster, Name::from(key)))
    }

    /// AddPartner: the partner may now report on the database; it starts
    /// `Inactive` until it does (choice), and adding it again changes
    /// nothing (choice).
    pub fn add_partner(
        &mut self,
        ctx: &Context,
        input: PartnerIntegrationInputMessage,
    ) -> Outcome<PartnerIntegrationOutputMessage> {
        let (cluster, key) = self.partner_key(ctx, &input)?;
        if let Ok(existing) = self.own::<PartnerRecord>(ctx, &key) {
            return Ok(existing.output());
        }
        let record = PartnerRecord {
            key,
            cluster,
            database: input.database_name,
            partner: input.partner_name,
            status: Name::from_static("Inactive"),
            message: None,
            created: ctx.now,
            updated: ctx.now,
        };
        let output = record.output();
        self.add(ctx, record);
        Ok(output)
    }

    /// DeletePartner.
    pub fn delete_partner(
        &mut self,
        ctx: &Context,
        input: PartnerIntegrationInputMessage,
    ) -> Outcome<PartnerIntegrationOutputMessage> {
        let (_, key) = self.partner_key(ctx, &input)?;
        let removed = self
            .remove::<PartnerRecord>(ctx, &key)
            .ok_or_else(|| PartnerRecord::not_found(&input.partner_name))?;
        Ok(removed.output())
    }

    /// UpdatePartnerStatus: the partner's report.
    pub fn update_partner_status(
        &mut self,
        ctx: &Context,
        input: UpdatePartnerStatusInputMessage,
    ) -> Outcome<PartnerIntegrationOutputMessage> {
        let target = PartnerIntegrationInputMessage {
            account_id: input.account_id,
            cluster_identifier: input.cluster_identifier,
            database_name: input.database_name,
            partner_name: input.partner_name,
        };
        let (_, key) = self.partner_key(ctx, &target)?;
        let status = STATUSES
            .into_iter()
            .find(|s| *s == input.status.as_str())
            .ok_or_else(|| RedshiftError::InvalidPartnerStatus(input.status.to_string()))?;
        let record = self
            .own_mut::<PartnerRecord>(ctx, &key)
            .map_err(|_| PartnerRecord::not_found(&target.partner_name))?;
        record.status = Name::from_static(status);
        record.message = input.status_message;
        record.updated = ctx.now;
        Ok(record.output())
    }

    /// DescribePartners: the cluster's integrations, of one database or
    /// partner when asked.
    pub fn describe_partners(
        &self,
        ctx: &Context,
        input: DescribePartnersInputMessage,
    ) -> Outcome<DescribePartnersOutputMessage> {
        let cluster = self.partner_cluster(ctx, &input.account_id, &input.cluster_identifier)?;
        let list = self
            .place(ctx)
            .map(|p| {
                p.partners
                    .walk_group(&cluster, std::ops::Bound::Unbounded)
                    .filter(|r| {
                        let same = |a: &Name, b: &Option<Name>| {
                            b.as_ref().is_none_or(|b| a.eq_ignore_ascii_case(b))
                        };
                        same(&r.database, &input.database_name)
                            && same(&r.partner, &input.partner_name)
                    })
                    .map(PartnerRecord::render)
                    .collect()
            })
            .unwrap_or_default();
        Ok(DescribePartnersOutputMessage {
            partner_integration_info_list: Some(list),
        })
    }
}
