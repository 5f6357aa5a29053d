//! RegisterNamespace and DeregisterNamespace: a cluster's namespace
//! registered to the AWS Glue Data Catalog of a consumer account, which AWS
//! does with a data share of type `INTERNAL` (doc: "The type of the
//! datashare created by RegisterNamespace").

use super::{DataShareRecord, Grant, GrantStatus};
use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::identifiers::is_account_id;
use crate::engine::name::Name;
use crate::engine::namespaces::namespace_id;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DeregisterNamespaceInputMessage, DeregisterNamespaceOutputMessage, NamespaceIdentifierUnion,
    RegisterNamespaceInputMessage, RegisterNamespaceOutputMessage,
};

/// The name of the share that registers a namespace with a consumer's
/// catalog (choice: AWS does not document it).
fn catalog_share_name(consumer: &str) -> String {
    format!("glue_catalog_{consumer}")
}

impl World {
    /// The caller's available cluster a namespace identifier names, the
    /// consumer account, and the key of the catalog share between them.
    fn registration(
        &self,
        ctx: &Context,
        namespace: &NamespaceIdentifierUnion,
        consumers: &[Name],
    ) -> Outcome<(Name, Name, String)> {
        let Some(provisioned) = namespace.provisioned_identifier.as_ref() else {
            // The fake has no serverless namespaces.
            let serverless = namespace.serverless_identifier.as_ref();
            let id = serverless.map_or("", |s| s.namespace_identifier.as_str());
            return Err(RedshiftError::InvalidNamespace(id.to_owned()));
        };
        let cluster = self.own::<ClusterRecord>(ctx, &provisioned.cluster_identifier)?;
        cluster.require(&[ClusterStatus::Available])?;
        let consumer = consumers.first().cloned().unwrap_or_default();
        if !is_account_id(&consumer) {
            return Err(RedshiftError::InvalidConsumerAccount(consumer.to_string()));
        }
        let id = cluster.identifier().clone();
        let key = format!(
            "{}/{}",
            namespace_id(ctx.account, ctx.region, &id),
            catalog_share_name(&consumer)
        );
        Ok((id, consumer, key))
    }

    /// RegisterNamespace: an `INTERNAL` share of the cluster's namespace,
    /// authorized for the consumer; registering again changes nothing
    /// (choice).
    pub fn register_namespace(
        &mut self,
        ctx: &Context,
        input: RegisterNamespaceInputMessage,
    ) -> Outcome<RegisterNamespaceOutputMessage> {
        let (cluster, consumer, key) = self.registration(
            ctx,
            &input.namespace_identifier,
            &input.consumer_identifiers,
        )?;
        if self.own::<DataShareRecord>(ctx, &key).is_err() {
            let record = DataShareRecord {
                key: Name::from(key),
                cluster,
                name: Name::from(catalog_share_name(&consumer)),
                publicly_accessible: false,
                internal: true,
                grants: vec![Grant {
                    consumer,
                    status: GrantStatus::Authorized,
                    allow_writes: false,
                    created: ctx.now,
                    changed: ctx.now,
                }],
                associations: Vec::new(),
            };
            self.add(ctx, record);
        }
        Ok(RegisterNamespaceOutputMessage {
            status: Some(Name::from_static("Registering")),
        })
    }

    /// DeregisterNamespace: removes the registration's share; a namespace
    /// not registered with that consumer is `InvalidNamespaceFault` (choice).
    pub fn deregister_namespace(
        &mut self,
        ctx: &Context,
        input: DeregisterNamespaceInputMessage,
    ) -> Outcome<DeregisterNamespaceOutputMessage> {
        let (cluster, consumer, key) = self.registration(
            ctx,
            &input.namespace_identifier,
            &input.consumer_identifiers,
        )?;
        if self.remove::<DataShareRecord>(ctx, &key).is_none() {
            return Err(RedshiftError::NamespaceNotRegistered {
                cluster: cluster.to_string(),
                consumer: consumer.to_string(),
            });
        }
        Ok(DeregisterNamespaceOutputMessage {
            status: Some(Name::from_static("Deregistering")),
        })
    }
}
