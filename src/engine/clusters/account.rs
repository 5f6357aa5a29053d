//! DescribeStorage, DescribeAccountAttributes and ListRecommendations: what
//! the account as a whole holds, may do, and is advised.

use super::ClusterRecord;
use crate::engine::catalog;
use crate::engine::listing::{PageLimits, Paging};
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AccountAttribute, AccountAttributeList, AttributeValueTarget, CustomerStorageMessage,
    DescribeAccountAttributesMessage, ListRecommendationsMessage, ListRecommendationsResult,
    NoInput, Recommendation,
};

/// `MaxRecords` of ListRecommendations (choice: AWS documents no limits;
/// 1 to 100, default 100).
const RECOMMENDATIONS_PAGE: PageLimits = PageLimits {
    min: 1,
    max: 100,
    default: 100,
};

impl World {
    /// DescribeStorage: the size of the caller's snapshots in the region,
    /// and the storage its clusters have (doc).
    pub fn describe_storage(
        &self,
        ctx: &Context,
        _input: NoInput,
    ) -> Outcome<CustomerStorageMessage> {
        let (backups, provisioned) = self.place(ctx).map_or((0.0, 0.0), |p| {
            let backups: f64 = p.snapshots.values().map(|s| s.size_mb).sum();
            let provisioned: f64 = p
                .clusters
                .values()
                .map(|c| {
                    let per_node = c.node_type().map_or(0, |n| n.storage_mb);
                    (per_node * c.facts.number_of_nodes) as f64
                })
                .sum();
            (backups, provisioned)
        });
        Ok(CustomerStorageMessage {
            total_backup_size_in_mega_bytes: Some(backups),
            total_provisioned_storage_in_mega_bytes: Some(provisioned),
        })
    }

    /// DescribeAccountAttributes: the account's limits, those named or all
    /// (choice: an unknown name is left out of the answer).
    pub fn describe_account_attributes(
        &self,
        _ctx: &Context,
        input: DescribeAccountAttributesMessage,
    ) -> Outcome<AccountAttributeList> {
        let wanted = input.attribute_names.as_deref();
        let attributes = catalog::account_attributes()
            .into_iter()
            .filter(|(name, _)| wanted.is_none_or(|w| w.iter().any(|n| n == name)))
            .map(|(name, value)| AccountAttribute {
                attribute_name: Some(Name::from(name)),
                attribute_values: Some(vec![AttributeValueTarget {
                    attribute_value: Some(Name::from(value)),
                }]),
            })
            .collect();
        Ok(AccountAttributeList {
            account_attributes: Some(attributes),
        })
    }

    /// ListRecommendations: Advisor's recommendations for the caller's
    /// clusters, or the one named by identifier or namespace ARN
    /// (`ClusterNotFound` otherwise). Advisor learns from the queries a
    /// cluster runs, and the fake runs none: the list is empty (choice).
    pub fn list_recommendations(
        &self,
        ctx: &Context,
        input: ListRecommendationsMessage,
    ) -> Outcome<ListRecommendationsResult> {
        let paging: Paging<String> = Paging::new(
            RECOMMENDATIONS_PAGE,
            input.max_records,
            input.marker.as_deref(),
        )?;
        if let Some(id) = input.cluster_identifier.as_deref() {
            self.own::<ClusterRecord>(ctx, id)?;
        }
        if let Some(arn) = input.namespace_arn.as_deref() {
            let found = self
                .place(ctx)
                .is_some_and(|p| p.clusters.values().any(|c| c.namespace_arn(ctx) == arn));
            if !found {
                return Err(RedshiftError::NamespaceNotFound(arn.to_owned()));
            }
        }
        let (page, marker) = paging.page(std::iter::empty::<(String, Recommendation)>());
        Ok(ListRecommendationsResult {
            recommendations: Some(page),
            marker,
        })
    }
}
