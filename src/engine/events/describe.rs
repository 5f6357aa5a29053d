//! DescribeEvents and DescribeEventCategories.

use super::{SourceType, CATALOG, EVENT_RETENTION_SECONDS};
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::key;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeEventCategoriesMessage, DescribeEventsMessage, EventCategoriesMap,
    EventCategoriesMessage, EventInfoMap, EventsMessage, Timestamp,
};

/// Minutes DescribeEvents looks back without `StartTime` (doc: 60).
const DEFAULT_DURATION_MINUTES: i64 = 60;

/// A `SourceType` a call gives, checked against the model's values.
pub(crate) fn source_type(text: Option<&str>) -> Outcome<Option<SourceType>> {
    text.map(|t| SourceType::parse(t).ok_or_else(|| RedshiftError::InvalidSourceType(t.to_owned())))
        .transpose()
}

impl World {
    /// DescribeEvents: the caller's events of a window of the world's clock,
    /// oldest first. The window (doc): `StartTime` to `EndTime`; without
    /// `StartTime`, the `Duration` minutes (default 60) before the call;
    /// never more than the past 14 days. `SourceIdentifier` needs
    /// `SourceType` (doc); `SourceType` alone selects every source of that
    /// type (choice: the documentation asks for both, the CLI sends one).
    pub fn describe_events(
        &self,
        ctx: &Context,
        input: DescribeEventsMessage,
    ) -> Outcome<EventsMessage> {
        let paging: Paging<(Timestamp, u64)> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let wanted_type = source_type(input.source_type.as_deref())?;
        if input.source_identifier.is_some() && wanted_type.is_none() {
            return Err(RedshiftError::SourceIdentifierWithoutType);
        }
        let minutes = input.duration.unwrap_or(DEFAULT_DURATION_MINUTES);
        if minutes < 0 {
            return Err(RedshiftError::InvalidDuration(minutes));
        }
        let oldest = ctx.now.plus_seconds(-EVENT_RETENTION_SECONDS);
        let start = input
            .start_time
            .unwrap_or_else(|| ctx.now.plus_seconds(-(minutes as f64) * 60.0))
            .max(oldest);
        let end = input.end_time.unwrap_or(ctx.now);
        let wanted_source = input.source_identifier.as_deref().map(key);
        let from = match paging.after {
            Some((at, seq)) => (at, seq.saturating_add(1)).max((start, 0)),
            None => (start, 0),
        };
        let Some(place) = self.place(ctx) else {
            return Ok(EventsMessage {
                marker: None,
                events: Some(Vec::new()),
            });
        };
        let walk = place
            .events
            .from(from)
            .take_while(|e| e.at <= end)
            .filter(|e| wanted_type.is_none_or(|t| e.event.0.source == t))
            .filter(|e| {
                wanted_source
                    .as_deref()
                    .is_none_or(|s| e.source.eq_ignore_ascii_case(s))
            })
            .map(|e| ((e.at, e.seq), e));
        let (page, marker) = paging.page(walk);
        Ok(EventsMessage {
            marker,
            events: Some(page.into_iter().map(|e| e.render()).collect()),
        })
    }

    /// DescribeEventCategories: the events the fake records, by source type
    /// (all, or the one asked for).
    pub fn describe_event_categories(
        &self,
        _ctx: &Context,
        input: DescribeEventCategoriesMessage,
    ) -> Outcome<EventCategoriesMessage> {
        let wanted = source_type(input.source_type.as_deref())?;
        let maps = SourceType::ALL
            .into_iter()
            .filter(|t| wanted.is_none_or(|w| w == *t))
            .map(|t| EventCategoriesMap {
                source_type: Some(Name::from_static(t.as_str())),
                events: Some(
                    CATALOG
                        .iter()
                        .filter(|e| e.source == t)
                        .map(|e| EventInfoMap {
                            event_id: Some(Name::from_static(e.id)),
                            event_categories: Some(vec![Name::from_static(e.category)]),
                            event_description: Some(Name::from_static(e.description)),
                            severity: Some(Name::from_static(e.severity)),
                        })
                        .collect(),
                ),
            })
            .collect();
        Ok(EventCategoriesMessage {
            event_categories_map_list: Some(maps),
        })
    }
}
