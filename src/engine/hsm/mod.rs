//! HSM client certificates and HSM configurations: what a cluster that keeps
//! its keys in a hardware security module names, and the checks a cluster
//! naming them must pass.

mod certificates;
mod configurations;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::ClusterRecord;
use super::identifiers::new_identifier;
use super::listing::Query;
use super::name::Name;
use super::resources::Resource;
use super::tags::{tags_of, TagFilter};
use super::{hash64, Context, Outcome, Settings, World};
use crate::errors::RedshiftError;
use crate::model::{HsmClientCertificate, HsmConfiguration, Tag};

/// An HSM client certificate as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HsmClientCertificateRecord {
    pub id: Name,
    /// The public key the cluster presents to the HSM, made by the fake.
    pub public_key: Name,
}

/// An HSM configuration as the engine keeps it (its partition password and
/// the HSM's certificate are taken and never shown again, so not kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HsmConfigurationRecord {
    pub id: Name,
    pub description: Name,
    pub hsm_ip_address: Name,
    pub hsm_partition_name: Name,
}

/// What the HSM operations share between the two types: their errors, and
/// their output shape made with the record's tags.
pub trait HsmResource: Resource {
    type Shape;
    /// How many of the type an account may hold in a region.
    fn quota(settings: &Settings) -> usize;
    fn already_exists(id: &str) -> RedshiftError;
    fn quota_exceeded(quota: usize) -> RedshiftError;
    fn in_use(id: &str, cluster: &str) -> RedshiftError;
    fn render(&self, tags: Vec<Tag>) -> Self::Shape;
    /// Which of a cluster's two HSM names is of this type.
    fn named_by<'a>(names: (Option<&'a Name>, Option<&'a Name>)) -> Option<&'a Name>;
}

macro_rules! hsm_record {
    ($record:ty, $not_found:ident) => {
        crate::engine::store::keyed_record!($record, id);

        impl Resource for $record {
            fn not_found(identifier: &str) -> RedshiftError {
                RedshiftError::$not_found(identifier.to_owned())
            }
            fn check_saved(&self) -> Result<(), String> {
                match new_hsm_identifier("identifier", &self.id) {
                    Ok(id) if id == self.id => Ok(()),
                    _ => Err("not a lowercase identifier AWS accepts".to_owned()),
                }
            }
        }
    };
}

hsm_record!(HsmClientCertificateRecord, HsmClientCertificateNotFound);
hsm_record!(HsmConfigurationRecord, HsmConfigurationNotFound);

impl HsmResource for HsmClientCertificateRecord {
    type Shape = HsmClientCertificate;
    fn quota(settings: &Settings) -> usize {
        settings.hsm_client_certificate_quota
    }
    fn already_exists(id: &str) -> RedshiftError {
        RedshiftError::HsmClientCertificateAlreadyExists(id.to_owned())
    }
    fn quota_exceeded(quota: usize) -> RedshiftError {
        RedshiftError::HsmClientCertificateQuotaExceeded(quota)
    }
    fn in_use(id: &str, cluster: &str) -> RedshiftError {
        RedshiftError::HsmClientCertificateInUse {
            id: id.to_owned(),
            cluster: cluster.to_owned(),
        }
    }
    fn render(&self, tags: Vec<Tag>) -> HsmClientCertificate {
        HsmClientCertificate {
            hsm_client_certificate_identifier: Some(self.id.clone()),
            hsm_client_certificate_public_key: Some(self.public_key.clone()),
            tags: Some(tags),
        }
    }
    fn named_by<'a>((certificate, _): (Option<&'a Name>, Option<&'a Name>)) -> Option<&'a Name> {
        certificate
    }
}

impl HsmResource for HsmConfigurationRecord {
    type Shape = HsmConfiguration;
    fn quota(settings: &Settings) -> usize {
        settings.hsm_configuration_quota
    }
    fn already_exists(id: &str) -> RedshiftError {
        RedshiftError::HsmConfigurationAlreadyExists(id.to_owned())
    }
    fn quota_exceeded(quota: usize) -> RedshiftError {
        RedshiftError::HsmConfigurationQuotaExceeded(quota)
    }
    fn in_use(id: &str, cluster: &str) -> RedshiftError {
        RedshiftError::HsmConfigurationInUse {
            id: id.to_owned(),
            cluster: cluster.to_owned(),
        }
    }
    fn render(&self, tags: Vec<Tag>) -> HsmConfiguration {
        HsmConfiguration {
            hsm_configuration_identifier: Some(self.id.clone()),
            description: Some(self.description.clone()),
            hsm_ip_address: Some(self.hsm_ip_address.clone()),
            hsm_partition_name: Some(self.hsm_partition_name.clone()),
            tags: Some(tags),
        }
    }
    fn named_by<'a>((_, configuration): (Option<&'a Name>, Option<&'a Name>)) -> Option<&'a Name> {
        configuration
    }
}

/// An HSM identifier of a new certificate or configuration: the rules of
/// Redshift's other identifiers, 1 to 255 characters, kept lowercase (choice:
/// AWS documents none for these).
fn new_hsm_identifier(parameter: &'static str, value: &str) -> Outcome<Name> {
    new_identifier(parameter, value, 255).map(Name::from)
}

/// The public key AWS hands out for a new client certificate: PEM text,
/// here made from the certificate's account, region and name (choice).
fn public_key(ctx: &Context, id: &str) -> Name {
    const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let body: String = (0u64..256)
        .map(|i| {
            let h = hash64(&[ctx.account, ctx.region, id, &i.to_string()]);
            char::from(BASE64[(h % 64) as usize])
        })
        .collect::<Vec<char>>()
        .chunks(64)
        .map(|line| line.iter().collect::<String>() + "\n")
        .collect();
    Name::from(format!(
        "-----BEGIN CERTIFICATE-----\nMIID{body}-----END CERTIFICATE-----\n"
    ))
}

/// The HSM names a cluster uses: its client certificate and configuration.
pub fn hsm_names_of(cluster: &ClusterRecord) -> (Option<&Name>, Option<&Name>) {
    match &cluster.hsm {
        Some(hsm) => (hsm.client_certificate.as_ref(), hsm.configuration.as_ref()),
        None => (None, None),
    }
}

/// The first cluster (by identifier) of `clusters` whose HSM names of
/// type `R` include `id`.
fn cluster_using<'a, R: HsmResource>(
    clusters: impl Iterator<Item = (&'a Name, (Option<&'a Name>, Option<&'a Name>))>,
    id: &str,
) -> Option<&'a Name> {
    clusters
        .filter(|(_, names)| R::named_by(*names).is_some_and(|n| n == id))
        .map(|(cluster, _)| cluster)
        .next()
}

impl World {
    /// The check CreateCluster, ModifyCluster and RestoreFromClusterSnapshot
    /// make of the HSM names a request gives: each must be one of the
    /// caller's, else `HsmClientCertificateNotFoundFault` or
    /// `HsmConfigurationNotFoundFault` (doc: both operations list them).
    pub fn check_hsm_references(
        &self,
        ctx: &Context,
        certificate: Option<&str>,
        configuration: Option<&str>,
    ) -> Outcome<()> {
        if let Some(id) = certificate {
            self.own::<HsmClientCertificateRecord>(ctx, id)?;
        }
        if let Some(id) = configuration {
            self.own::<HsmConfigurationRecord>(ctx, id)?;
        }
        Ok(())
    }

    /// Creates one of the caller's HSM records with the request's tags.
    fn create_hsm<R: HsmResource>(
        &mut self,
        ctx: &Context,
        record: R,
        tags: Option<Vec<Tag>>,
    ) -> Outcome<R::Shape> {
        let tags = tags_of(tags)?;
        let rendered: Vec<Tag> = tags.iter().map(super::tags::render_tag).collect();
        let quota = R::quota(&self.settings);
        let record = self.create_own(
            ctx,
            record,
            tags,
            quota,
            R::already_exists,
            R::quota_exceeded,
        )?;
        Ok(record.render(rendered))
    }

    /// Deletes one of the caller's HSM records, unless a cluster uses it
    /// (doc: "still in use by one or more Amazon Redshift clusters").
    fn delete_hsm<R: HsmResource>(&mut self, ctx: &Context, id: &str) -> Outcome<()> {
        let key = self.own::<R>(ctx, id)?.key().clone();
        let place = self.place(ctx).ok_or_else(|| R::not_found(id))?;
        let clusters = place
            .clusters
            .values()
            .map(|c| (c.identifier(), hsm_names_of(c)));
        if let Some(cluster) = cluster_using::<R>(clusters, &key) {
            return Err(R::in_use(&key, cluster));
        }
        self.remove::<R>(ctx, &key);
        Ok(())
    }

    /// One page of the caller's HSM records of type `R`.
    fn describe_hsm<R: HsmResource>(
        &self,
        ctx: &Context,
        id: Option<&str>,
        tags: TagFilter,
        max_records: Option<i64>,
        marker: Option<&str>,
    ) -> Outcome<(Vec<R::Shape>, Option<Name>)> {
        let query = Query {
            name: id,
            tags,
            max_records,
            marker,
        };
        self.list(
            ctx,
            query,
            None,
            |_: &R| true,
            |r, tags| r.render(tags.render(R::KIND, r.key())),
        )
    }
}
