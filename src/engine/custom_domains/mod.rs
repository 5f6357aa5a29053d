//! Custom domain associations: a domain name, backed by an ACM
//! certificate, that a cluster answers to (one per cluster: the `Cluster`
//! shape has one `CustomDomainName`).

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::ClusterRecord;
use super::listing::{Paging, DESCRIBE_PAGE};
use super::name::Name;
use super::resources::Resource;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    Association, CertificateAssociation, CreateCustomDomainAssociationMessage,
    CreateCustomDomainAssociationResult, CustomDomainAssociationsMessage,
    DeleteCustomDomainAssociationMessage, DescribeCustomDomainAssociationsMessage,
    ModifyCustomDomainAssociationMessage, ModifyCustomDomainAssociationResult, Timestamp,
};

/// How long a certificate is valid from its association (choice: ACM's
/// longest validity, 395 days).
const CERTIFICATE_DAYS: f64 = 395.0;

/// A cluster's custom domain, kept under the cluster's identifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomDomainRecord {
    pub cluster: Name,
    /// The domain, lowercased: DNS names are the same in any case.
    pub domain: Name,
    pub certificate_arn: Name,
    pub certificate_expiry: Timestamp,
}

crate::engine::store::keyed_record!(CustomDomainRecord, cluster);

impl Resource for CustomDomainRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::CustomDomainAssociationNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let params = serde_json::json!({
            "CustomDomainName": self.domain,
            "CustomDomainCertificateArn": self.certificate_arn,
            "ClusterIdentifier": self.cluster,
        });
        crate::constraints::check("CreateCustomDomainAssociation", &params)
            .map_err(|e| e.to_string())?;
        super::resources::check_saved_time("its certificate's expiry", self.certificate_expiry)
    }
}

/// `CustomDomainCertExpiryTime`, a string in the create and modify answers
/// (choice: ISO 8601, as AWS writes times in text).
fn expiry_text(t: Timestamp) -> Name {
    Name::from(t.datetime().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

impl World {
    /// The custom domain a cluster shows in `Cluster` (`CustomDomainName`,
    /// `CustomDomainCertificateArn`, `CustomDomainCertificateExpiryDate`):
    /// `ClusterRecord::render` takes it from here.
    pub fn custom_domain_of(&self, ctx: &Context, cluster: &str) -> Option<&CustomDomainRecord> {
        self.place(ctx)?.custom_domains.get(cluster)
    }

    /// The caller's cluster a call names, and its association with `domain`
    /// (`CustomDomainAssociationNotFoundFault` if it has none).
    fn association(&self, ctx: &Context, cluster: &str, domain: &str) -> Outcome<Name> {
        let cluster = self
            .own::<ClusterRecord>(ctx, cluster)?
            .identifier()
            .clone();
        let domain = domain.to_ascii_lowercase();
        self.custom_domain_of(ctx, &cluster)
            .filter(|d| d.domain == domain.as_str())
            .map(|_| cluster)
            .ok_or_else(|| CustomDomainRecord::not_found(&domain))
    }

    /// CreateCustomDomainAssociation: a cluster takes one domain, which no
    /// other of the caller's clusters has (`CustomCnameAssociationFault`).
    pub fn create_custom_domain_association(
        &mut self,
        ctx: &Context,
        input: CreateCustomDomainAssociationMessage,
    ) -> Outcome<CreateCustomDomainAssociationResult> {
        let cluster = self
            .own::<ClusterRecord>(ctx, &input.cluster_identifier)?
            .identifier()
            .clone();
        let domain = Name::from(input.custom_domain_name.to_ascii_lowercase());
        if let Some(existing) = self.custom_domain_of(ctx, &cluster) {
            return Err(RedshiftError::ClusterHasCustomDomain {
                cluster: cluster.to_string(),
                domain: existing.domain.to_string(),
            });
        }
        let place = self.place(ctx);
        if let Some(other) =
            place.and_then(|p| p.custom_domains.values().find(|d| d.domain == domain))
        {
            return Err(RedshiftError::CustomDomainTaken {
                domain: domain.to_string(),
                cluster: other.cluster.to_string(),
            });
        }
        let record = CustomDomainRecord {
            cluster: cluster.clone(),
            domain: domain.clone(),
            certificate_arn: input.custom_domain_certificate_arn.clone(),
            certificate_expiry: ctx.now.plus_seconds(CERTIFICATE_DAYS * 86_400.0),
        };
        let expiry = expiry_text(record.certificate_expiry);
        self.add(ctx, record);
        Ok(CreateCustomDomainAssociationResult {
            custom_domain_name: Some(domain),
            custom_domain_certificate_arn: Some(input.custom_domain_certificate_arn),
            cluster_identifier: Some(cluster),
            custom_domain_cert_expiry_time: Some(expiry),
        })
    }

    /// ModifyCustomDomainAssociation: the association's certificate.
    pub fn modify_custom_domain_association(
        &mut self,
        ctx: &Context,
        input: ModifyCustomDomainAssociationMessage,
    ) -> Outcome<ModifyCustomDomainAssociationResult> {
        let cluster =
            self.association(ctx, &input.cluster_identifier, &input.custom_domain_name)?;
        let record = self.own_mut::<CustomDomainRecord>(ctx, &cluster)?;
        record.certificate_arn = input.custom_domain_certificate_arn;
        record.certificate_expiry = ctx.now.plus_seconds(CERTIFICATE_DAYS * 86_400.0);
        Ok(ModifyCustomDomainAssociationResult {
            custom_domain_name: Some(record.domain.clone()),
            custom_domain_certificate_arn: Some(record.certificate_arn.clone()),
            cluster_identifier: Some(cluster),
            custom_domain_cert_expiry_time: Some(expiry_text(record.certificate_expiry)),
        })
    }

    /// DeleteCustomDomainAssociation.
    pub fn delete_custom_domain_association(
        &mut self,
        ctx: &Context,
        input: DeleteCustomDomainAssociationMessage,
    ) -> Outcome<()> {
        let cluster =
            self.association(ctx, &input.cluster_identifier, &input.custom_domain_name)?;
        self.remove::<CustomDomainRecord>(ctx, &cluster);
        Ok(())
    }

    /// DescribeCustomDomainAssociations: the caller's associations grouped
    /// by certificate, of one domain or certificate when asked; a filter
    /// that matches none is `CustomDomainAssociationNotFoundFault` (doc).
    pub fn describe_custom_domain_associations(
        &self,
        ctx: &Context,
        input: DescribeCustomDomainAssociationsMessage,
    ) -> Outcome<CustomDomainAssociationsMessage> {
        let paging: Paging<Name> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let domain = input
            .custom_domain_name
            .as_deref()
            .map(str::to_ascii_lowercase);
        let certificate = input.custom_domain_certificate_arn.as_deref();
        let mut matches: Vec<&CustomDomainRecord> = self
            .place(ctx)
            .map(|p| p.custom_domains.values().collect())
            .unwrap_or_default();
        matches.retain(|d| {
            domain.as_deref().is_none_or(|n| d.domain == n)
                && certificate.is_none_or(|c| d.certificate_arn == c)
        });
        if matches.is_empty() && (domain.is_some() || certificate.is_some()) {
            let named = domain.as_deref().or(certificate).unwrap_or_default();
            return Err(CustomDomainRecord::not_found(named));
        }
        matches
            .sort_by(|a, b| (&a.certificate_arn, &a.domain).cmp(&(&b.certificate_arn, &b.domain)));
        let mut groups: Vec<(Name, Association)> = Vec::new();
        for d in matches {
            let item = CertificateAssociation {
                custom_domain_name: Some(d.domain.clone()),
                cluster_identifier: Some(d.cluster.clone()),
            };
            match groups.last_mut() {
                Some((arn, group)) if *arn == d.certificate_arn => {
                    group
                        .certificate_associations
                        .get_or_insert_with(Vec::new)
                        .push(item);
                    let expiry = group
                        .custom_domain_certificate_expiry_date
                        .get_or_insert(d.certificate_expiry);
                    *expiry = (*expiry).min(d.certificate_expiry);
                }
                _ => groups.push((
                    d.certificate_arn.clone(),
                    Association {
                        custom_domain_certificate_arn: Some(d.certificate_arn.clone()),
                        custom_domain_certificate_expiry_date: Some(d.certificate_expiry),
                        certificate_associations: Some(vec![item]),
                    },
                )),
            }
        }
        let walk = groups
            .into_iter()
            .filter(|(arn, _)| paging.after.as_ref().is_none_or(|after| arn > after));
        let (page, marker) = paging.page(walk);
        Ok(CustomDomainAssociationsMessage {
            marker,
            associations: Some(page),
        })
    }
}
