//! Event subscriptions: Create/Delete/Describe/ModifyEventSubscription(s).

use serde::{Deserialize, Serialize};

use super::describe::source_type;
use super::{SourceType, CATALOG};
use crate::engine::clusters::ClusterRecord;
use crate::engine::controls::is_sns_topic_arn;
use crate::engine::identifiers::new_identifier;
use crate::engine::listing::query;
use crate::engine::name::Name;
use crate::engine::resources::{key, Resource, Stored};
use crate::engine::scheduled_actions::ScheduledActionRecord;
use crate::engine::snapshots::SnapshotRecord;
use crate::engine::tags::{tags_of, TagStore};
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateEventSubscriptionMessage, CreateEventSubscriptionResult, DeleteEventSubscriptionMessage,
    DescribeEventSubscriptionsMessage, EventSubscription, EventSubscriptionsMessage,
    ModifyEventSubscriptionMessage, ModifyEventSubscriptionResult, Timestamp,
};

/// The event categories of the model (doc), as subscriptions name them.
const CATEGORIES: [&str; 5] = [
    "configuration",
    "management",
    "monitoring",
    "security",
    "pending",
];
/// The severities of the model (doc).
const SEVERITIES: [&str; 2] = ["ERROR", "INFO"];

/// An event subscription as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSubscriptionRecord {
    pub name: Name,
    pub sns_topic_arn: Name,
    pub source_type: Option<Name>,
    pub source_ids: Vec<Name>,
    pub categories: Vec<Name>,
    pub severity: Option<Name>,
    pub enabled: bool,
    pub created: Timestamp,
}

crate::engine::store::keyed_record!(EventSubscriptionRecord, name, counted);

impl Resource for EventSubscriptionRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::SubscriptionNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let name =
            new_identifier("SubscriptionName", &self.name, 255).map_err(|e| e.to_string())?;
        if name != *self.name || !is_sns_topic_arn(&self.sns_topic_arn) {
            return Err("a subscription has a lowercase name and an SNS topic ARN".into());
        }
        if self
            .source_type
            .as_deref()
            .is_some_and(|t| SourceType::parse(t).is_none())
            || self
                .categories
                .iter()
                .any(|c| !CATEGORIES.contains(&c.as_str()))
            || self
                .severity
                .as_deref()
                .is_some_and(|s| !SEVERITIES.contains(&s))
        {
            return Err("its source type, categories and severity are the model's".into());
        }
        Ok(())
    }
}

impl EventSubscriptionRecord {
    /// The model's `EventSubscription`.
    pub fn render(&self, ctx: &Context, tags: &TagStore) -> EventSubscription {
        EventSubscription {
            customer_aws_id: Some(Name::from(ctx.account)),
            cust_subscription_id: Some(self.name.clone()),
            sns_topic_arn: Some(self.sns_topic_arn.clone()),
            status: Some(Name::from_static("active")),
            subscription_creation_time: Some(self.created),
            source_type: self.source_type.clone(),
            source_ids_list: Some(self.source_ids.clone()),
            event_categories_list: Some(self.categories.clone()),
            severity: self.severity.clone(),
            enabled: Some(self.enabled),
            tags: Some(tags.render(Self::KIND, &self.name)),
        }
    }
}

/// What a subscription filters on, as the engine keeps it.
struct Filtered {
    source_type: Option<Name>,
    source_ids: Vec<Name>,
    categories: Vec<Name>,
    severity: Option<Name>,
}

/// What a subscription filters on, as a call gives it.
struct Filters<'a> {
    source_type: Option<&'a str>,
    source_ids: &'a [Name],
    categories: &'a [Name],
    severity: Option<&'a str>,
}

impl World {
    /// The checks every subscription passes (doc): an SNS topic that
    /// exists, a source type of the model, source ids only with a source
    /// type and naming sources that exist, categories that apply to the
    /// source type, a severity of the model. Answers the filters as stored.
    fn subscription_filters(&self, ctx: &Context, topic: &str, f: Filters) -> Outcome<Filtered> {
        self.check_sns_topic(topic)?;
        let kind = source_type(f.source_type)?;
        if kind.is_none() && !f.source_ids.is_empty() {
            return Err(RedshiftError::SourceIdsWithoutType);
        }
        let mut categories = Vec::new();
        for category in f.categories {
            let c = category.to_ascii_lowercase();
            let applies = match kind {
                None => CATEGORIES.contains(&c.as_str()),
                // (doc) `pending` events are announced for clusters.
                Some(t) => {
                    CATALOG.iter().any(|e| e.source == t && e.category == c)
                        || (t == SourceType::Cluster && c == "pending")
                }
            };
            if !applies {
                return Err(RedshiftError::SubscriptionCategoryNotFound(
                    category.to_string(),
                ));
            }
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        let severity = f
            .severity
            .map(|s| {
                SEVERITIES
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case(s))
                    .map(|v| Name::from_static(v))
                    .ok_or_else(|| RedshiftError::SubscriptionSeverityNotFound(s.to_owned()))
            })
            .transpose()?;
        let mut ids = Vec::new();
        for id in f.source_ids {
            let k = key(id);
            let exists = match kind {
                Some(SourceType::Cluster) => self.own::<ClusterRecord>(ctx, id).is_ok(),
                Some(SourceType::ClusterSnapshot) => self.own::<SnapshotRecord>(ctx, id).is_ok(),
                Some(SourceType::ClusterParameterGroup) => self.parameter_group_exists(ctx, id),
                Some(SourceType::ClusterSecurityGroup) => self.security_group_exists(ctx, id),
                Some(SourceType::ScheduledAction) => {
                    self.own::<ScheduledActionRecord>(ctx, id).is_ok()
                }
                None => false,
            };
            if !exists {
                return Err(RedshiftError::SourceNotFound(id.to_string()));
            }
            if !ids.iter().any(|i: &Name| **i == k) {
                ids.push(Name::from(k));
            }
        }
        Ok(Filtered {
            source_type: kind.map(|t| Name::from_static(t.as_str())),
            source_ids: ids,
            categories: categories.into_iter().map(Name::from).collect(),
            severity,
        })
    }

    /// CreateEventSubscription.
    pub fn create_event_subscription(
        &mut self,
        ctx: &Context,
        input: CreateEventSubscriptionMessage,
    ) -> Outcome<CreateEventSubscriptionResult> {
        let name = new_identifier("SubscriptionName", &input.subscription_name, 255)?;
        let tags = tags_of(input.tags)?;
        let f = self.subscription_filters(
            ctx,
            &input.sns_topic_arn,
            Filters {
                source_type: input.source_type.as_deref(),
                source_ids: input.source_ids.as_deref().unwrap_or_default(),
                categories: input.event_categories.as_deref().unwrap_or_default(),
                severity: input.severity.as_deref(),
            },
        )?;
        let place = self.place(ctx);
        if place.is_some_and(|p| p.event_subscriptions.contains(&name)) {
            return Err(RedshiftError::SubscriptionAlreadyExist(name));
        }
        let quota = self.settings.event_subscription_quota;
        if place.is_some_and(|p| p.event_subscriptions.counted() >= quota) {
            return Err(RedshiftError::EventSubscriptionQuotaExceeded(quota));
        }
        let record = EventSubscriptionRecord {
            name: Name::from(name),
            sns_topic_arn: input.sns_topic_arn,
            source_type: f.source_type,
            source_ids: f.source_ids,
            categories: f.categories,
            severity: f.severity,
            enabled: input.enabled.unwrap_or(true),
            created: ctx.now,
        };
        Ok(CreateEventSubscriptionResult {
            event_subscription: self.add_tagged(ctx, record, tags, |s, tags| s.render(ctx, tags)),
        })
    }

    /// DeleteEventSubscription.
    pub fn delete_event_subscription(
        &mut self,
        ctx: &Context,
        input: DeleteEventSubscriptionMessage,
    ) -> Outcome<()> {
        let key = self
            .own::<EventSubscriptionRecord>(ctx, &input.subscription_name)?
            .name
            .clone();
        self.remove::<EventSubscriptionRecord>(ctx, &key);
        Ok(())
    }

    /// ModifyEventSubscription: the members given replace the subscription's;
    /// a new source type drops source ids of the old one unless new ones
    /// are given (choice).
    pub fn modify_event_subscription(
        &mut self,
        ctx: &Context,
        input: ModifyEventSubscriptionMessage,
    ) -> Outcome<ModifyEventSubscriptionResult> {
        let old = self.own::<EventSubscriptionRecord>(ctx, &input.subscription_name)?;
        let topic = input
            .sns_topic_arn
            .clone()
            .unwrap_or_else(|| old.sns_topic_arn.clone());
        let kind = input
            .source_type
            .clone()
            .or_else(|| old.source_type.clone());
        let type_changed = input.source_type.is_some() && input.source_type != old.source_type;
        let ids = match &input.source_ids {
            Some(ids) => ids.clone(),
            None if type_changed => Vec::new(),
            None => old.source_ids.clone(),
        };
        let categories = input
            .event_categories
            .clone()
            .unwrap_or_else(|| old.categories.clone());
        let severity = input.severity.clone().or_else(|| old.severity.clone());
        let f = self.subscription_filters(
            ctx,
            &topic,
            Filters {
                source_type: kind.as_deref(),
                source_ids: &ids,
                categories: &categories,
                severity: severity.as_deref(),
            },
        )?;
        let enabled = input.enabled;
        let record = self.own_mut::<EventSubscriptionRecord>(ctx, &input.subscription_name)?;
        record.sns_topic_arn = topic;
        record.source_type = f.source_type;
        record.source_ids = f.source_ids;
        record.categories = f.categories;
        record.severity = f.severity;
        if let Some(enabled) = enabled {
            record.enabled = enabled;
        }
        let key = record.name.clone();
        Ok(ModifyEventSubscriptionResult {
            event_subscription: self.rendered(ctx, &key, |s: &EventSubscriptionRecord, tags| {
                s.render(ctx, tags)
            }),
        })
    }

    /// DescribeEventSubscriptions: by name, with tag filters and paging.
    pub fn describe_event_subscriptions(
        &self,
        ctx: &Context,
        input: DescribeEventSubscriptionsMessage,
    ) -> Outcome<EventSubscriptionsMessage> {
        let query = query!(input, subscription_name);
        let (page, marker) = self.list(
            ctx,
            query,
            None,
            |_: &EventSubscriptionRecord| true,
            |s, tags| s.render(ctx, tags),
        )?;
        Ok(EventSubscriptionsMessage {
            marker,
            event_subscriptions_list: Some(page),
        })
    }
}
