//! Usage limits: Create/Delete/Describe/ModifyUsageLimit(s). A cluster's
//! limits last until they or the cluster are deleted (doc).

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::{ClusterRecord, ClusterStatus};
use super::listing::Query;
use super::name::Name;
use super::resources::{key, Resource, Stored};
use super::tags::{tags_of, TagFilter, TagStore};
use super::{hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateUsageLimitMessage, DeleteUsageLimitMessage, DescribeUsageLimitsMessage,
    ModifyUsageLimitMessage, UsageLimit, UsageLimitList,
};

/// Each feature, with the one limit type it takes (doc).
const FEATURES: [(&str, &str); 4] = [
    ("spectrum", "data-scanned"),
    ("concurrency-scaling", "time"),
    ("cross-region-datasharing", "data-scanned"),
    ("extra-compute-for-automatic-optimization", "time"),
];
/// The periods of the model; `monthly` unless told (doc).
const PERIODS: [&str; 3] = ["daily", "weekly", "monthly"];
/// The breach actions of the model; `log` unless told (doc).
const BREACH_ACTIONS: [&str; 3] = ["log", "emit-metric", "disable"];

/// A usage limit as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageLimitRecord {
    pub id: Name,
    pub cluster: Name,
    pub feature: Name,
    pub limit_type: Name,
    pub amount: i64,
    pub period: Name,
    pub breach_action: Name,
}

crate::engine::store::keyed_record!(UsageLimitRecord, id);

impl Resource for UsageLimitRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::UsageLimitNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let valid = FEATURES.contains(&(self.feature.as_str(), self.limit_type.as_str()))
            && self.amount > 0
            && PERIODS.contains(&self.period.as_str())
            && BREACH_ACTIONS.contains(&self.breach_action.as_str());
        if valid {
            Ok(())
        } else {
            Err(
                "its feature, limit type, amount, period and breach action are not a usage limit's"
                    .into(),
            )
        }
    }
}

impl UsageLimitRecord {
    /// The model's `UsageLimit`.
    pub fn render(&self, tags: &TagStore) -> UsageLimit {
        UsageLimit {
            usage_limit_id: Some(self.id.clone()),
            cluster_identifier: Some(self.cluster.clone()),
            feature_type: Some(self.feature.clone()),
            limit_type: Some(self.limit_type.clone()),
            amount: Some(self.amount),
            period: Some(self.period.clone()),
            breach_action: Some(self.breach_action.clone()),
            tags: Some(tags.render(Self::KIND, &self.id)),
        }
    }
}

/// One of `allowed`, or `InvalidUsageLimit` naming the member.
fn one_of(
    member: &'static str,
    value: Option<&str>,
    allowed: &[&'static str],
    default: &'static str,
) -> Outcome<Name> {
    let value = value.unwrap_or(default);
    allowed
        .iter()
        .find(|a| **a == value)
        .map(|a| Name::from_static(a))
        .ok_or_else(|| RedshiftError::InvalidUsageLimitValue {
            member,
            value: value.to_owned(),
        })
}

/// An amount (doc: a positive number).
fn check_amount(amount: i64) -> Outcome<i64> {
    if amount > 0 {
        Ok(amount)
    } else {
        Err(RedshiftError::InvalidUsageLimitAmount(amount))
    }
}

impl World {
    /// The limits of one feature of one of the caller's clusters.
    fn feature_limits<'w>(
        &'w self,
        ctx: &Context,
        cluster: &'w Name,
        feature: &'w Name,
    ) -> impl Iterator<Item = &'w UsageLimitRecord> + 'w {
        self.place(ctx)
            .into_iter()
            .flat_map(|p| p.usage_limits.values())
            .filter(move |l| l.cluster == *cluster && l.feature == *feature)
    }

    /// Whether another limit of the feature than `except` has the
    /// `disable` action (doc: only one may).
    fn disables(
        &self,
        ctx: &Context,
        cluster: &Name,
        feature: &Name,
        except: Option<&Name>,
    ) -> bool {
        self.feature_limits(ctx, cluster, feature)
            .any(|l| Some(&l.id) != except && l.breach_action == "disable")
    }

    /// CreateUsageLimit: the limit type its feature takes, a positive
    /// amount, a period and breach action of the model (doc); one `disable`
    /// limit per feature (doc) and at most `usage_limit_quota` limits per
    /// feature of a cluster (doc: three; `LimitExceededFault`, choice); an
    /// identical limit is `UsageLimitAlreadyExists` (choice).
    pub fn create_usage_limit(
        &mut self,
        ctx: &Context,
        input: CreateUsageLimitMessage,
    ) -> Outcome<UsageLimit> {
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        if matches!(
            cluster.status,
            ClusterStatus::Creating | ClusterStatus::Deleting | ClusterStatus::FinalSnapshot
        ) {
            cluster.require(&[ClusterStatus::Available])?;
        }
        let cluster = cluster.identifier().clone();
        let tags = tags_of(input.tags)?;
        let (feature, limit_type) = FEATURES
            .iter()
            .find(|(f, _)| *f == input.feature_type.as_str())
            .ok_or_else(|| RedshiftError::InvalidUsageLimitValue {
                member: "FeatureType",
                value: input.feature_type.to_string(),
            })?;
        if input.limit_type != *limit_type {
            return Err(RedshiftError::UsageLimitTypeMismatch {
                feature,
                limit_type,
                given: input.limit_type.to_string(),
            });
        }
        let amount = check_amount(input.amount)?;
        let period = one_of("Period", input.period.as_deref(), &PERIODS, "monthly")?;
        let breach_action = one_of(
            "BreachAction",
            input.breach_action.as_deref(),
            &BREACH_ACTIONS,
            "log",
        )?;
        let feature = Name::from_static(feature);
        if breach_action == "disable" && self.disables(ctx, &cluster, &feature, None) {
            return Err(RedshiftError::SecondDisableLimit(feature.to_string()));
        }
        if self
            .feature_limits(ctx, &cluster, &feature)
            .any(|l| l.amount == amount && l.period == period && l.breach_action == breach_action)
        {
            return Err(RedshiftError::UsageLimitAlreadyExists);
        }
        let quota = self.settings.usage_limit_quota;
        if self.feature_limits(ctx, &cluster, &feature).count() >= quota {
            return Err(RedshiftError::UsageLimitQuotaExceeded(quota));
        }
        let place = self.place_entry(ctx);
        place.issued += 1;
        let h = hash64(&[ctx.account, ctx.region, &place.issued.to_string()]);
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            h >> 32,
            (h >> 16) & 0xffff,
            h & 0xfff,
            (h >> 20) & 0xfff,
            hash64(&[&h.to_string()]) & 0xffff_ffff_ffff
        );
        let record = UsageLimitRecord {
            id: Name::from(id),
            cluster,
            feature,
            limit_type: Name::from_static(limit_type),
            amount,
            period,
            breach_action,
        };
        self.add_tagged(ctx, record, tags, UsageLimitRecord::render)
            .ok_or_else(|| RedshiftError::UsageLimitNotFound(String::new()))
    }

    /// DeleteUsageLimit.
    pub fn delete_usage_limit(
        &mut self,
        ctx: &Context,
        input: DeleteUsageLimitMessage,
    ) -> Outcome<()> {
        let id = self
            .own::<UsageLimitRecord>(ctx, &input.usage_limit_id)?
            .id
            .clone();
        self.remove::<UsageLimitRecord>(ctx, &id);
        Ok(())
    }

    /// ModifyUsageLimit: a new amount or breach action (doc: never the
    /// feature type or period).
    pub fn modify_usage_limit(
        &mut self,
        ctx: &Context,
        input: ModifyUsageLimitMessage,
    ) -> Outcome<UsageLimit> {
        let limit = self.own::<UsageLimitRecord>(ctx, &input.usage_limit_id)?;
        let (id, cluster, feature) = (
            limit.id.clone(),
            limit.cluster.clone(),
            limit.feature.clone(),
        );
        let amount = input.amount.map(check_amount).transpose()?;
        let breach_action = input
            .breach_action
            .as_deref()
            .map(|a| one_of("BreachAction", Some(a), &BREACH_ACTIONS, "log"))
            .transpose()?;
        if breach_action.as_deref() == Some("disable")
            && self.disables(ctx, &cluster, &feature, Some(&id))
        {
            return Err(RedshiftError::SecondDisableLimit(feature.to_string()));
        }
        let limit = self.own_mut::<UsageLimitRecord>(ctx, &id)?;
        if let Some(amount) = amount {
            limit.amount = amount;
        }
        if let Some(action) = breach_action {
            limit.breach_action = action;
        }
        self.rendered(ctx, &id, UsageLimitRecord::render)
            .ok_or_else(|| RedshiftError::UsageLimitNotFound(id.to_string()))
    }

    /// DescribeUsageLimits: those of the account, of a cluster (which must
    /// exist, doc), of a feature, or the one of an id (none if there is no
    /// such limit: choice, the model has no error for it), with tag filters
    /// and paging.
    pub fn describe_usage_limits(
        &self,
        ctx: &Context,
        input: DescribeUsageLimitsMessage,
    ) -> Outcome<UsageLimitList> {
        let cluster = input
            .cluster_identifier
            .as_deref()
            .map(|c| {
                self.own::<ClusterRecord>(ctx, c)
                    .map(|c| c.identifier().clone())
            })
            .transpose()?;
        let id = input.usage_limit_id.as_deref().map(key);
        let query = Query {
            name: None,
            tags: TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref()),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
        };
        let keep = |l: &UsageLimitRecord| {
            id.as_deref().is_none_or(|i| l.id == i)
                && cluster.as_ref().is_none_or(|c| l.cluster == *c)
                && input.feature_type.as_ref().is_none_or(|f| l.feature == *f)
        };
        let (page, marker) = self.list(ctx, query, None, keep, UsageLimitRecord::render)?;
        Ok(UsageLimitList {
            usage_limits: Some(page),
            marker,
        })
    }
}
