//! Scheduled actions: Create/Delete/Describe/ModifyScheduledAction(s), and
//! their running: each invocation is a wake-up on the world's timeline, at
//! which the target operation runs as the service would run it (through
//! the operation table, so the same engine method as a call).

mod schedule;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clusters::ClusterRecord;
use super::events::{
    event_time, SCHEDULED_ACTION_CREATED, SCHEDULED_ACTION_DELETED, SCHEDULED_ACTION_FAILED,
};
use super::identifiers::{check_role_arn, new_identifier};
use super::listing::Query;
use super::name::Name;
use super::resources::{Resource, ResourceKind};
use super::tags::{TagFilter, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateScheduledActionMessage, DeleteScheduledActionMessage, DescribeScheduledActionsMessage,
    ModifyScheduledActionMessage, ScheduledAction, ScheduledActionType, ScheduledActionsMessage,
    Timestamp,
};
pub use schedule::Schedule;

/// Invocations `NextInvocations` lists (choice; an `at` schedule has one).
const LISTED_INVOCATIONS: usize = 10;
/// The longest scheduled action name (choice).
const MAX_NAME: usize = 60;

/// A scheduled action as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledActionRecord {
    pub name: Name,
    pub target: ScheduledActionType,
    pub schedule: Name,
    pub iam_role: Name,
    pub description: Option<Name>,
    pub enabled: bool,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// The invocation the timeline waits for, if any.
    pub due: Option<Timestamp>,
}

crate::engine::store::keyed_record!(ScheduledActionRecord, name, counted);

impl Resource for ScheduledActionRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ScheduledActionNotFound(identifier.to_owned())
    }
    /// Scheduled actions take no tags (doc: CreateScheduledAction has none).
    fn taggable(&self, _ctx: &super::Context) -> Outcome<()> {
        Err(RedshiftError::TaggedResourceNotFound(self.name.to_string()))
    }
    fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
        self.due
            .map(|t| (t, "for its next invocation"))
            .into_iter()
            .collect()
    }
    fn check_saved(&self) -> Result<(), String> {
        let name = new_identifier("ScheduledActionName", &self.name, MAX_NAME)
            .map_err(|e| e.to_string())?;
        if name != *self.name
            || operation(&self.target).is_none()
            || check_role_arn(&self.iam_role).is_err()
        {
            return Err(
                "a scheduled action has a lowercase name, one target and an IAM role".into(),
            );
        }
        Schedule::parse(&self.schedule).map(|_| ())
    }
}

/// The operation a target runs, and its input.
fn operation(target: &ScheduledActionType) -> Option<(&'static str, Value)> {
    let input = |m: serde_json::Result<Value>| m.unwrap_or_default();
    match (
        &target.resize_cluster,
        &target.pause_cluster,
        &target.resume_cluster,
    ) {
        (Some(m), None, None) => Some(("ResizeCluster", input(serde_json::to_value(m)))),
        (None, Some(m), None) => Some(("PauseCluster", input(serde_json::to_value(m)))),
        (None, None, Some(m)) => Some(("ResumeCluster", input(serde_json::to_value(m)))),
        _ => None,
    }
}

/// The cluster a target acts on.
fn target_cluster(target: &ScheduledActionType) -> Option<&Name> {
    target
        .resize_cluster
        .as_ref()
        .map(|m| &m.cluster_identifier)
        .or(target.pause_cluster.as_ref().map(|m| &m.cluster_identifier))
        .or(target
            .resume_cluster
            .as_ref()
            .map(|m| &m.cluster_identifier))
}

impl ScheduledActionRecord {
    fn parsed(&self) -> Option<Schedule> {
        Schedule::parse(&self.schedule).ok()
    }

    /// Its first invocation after `after`, within its start and end times (doc).
    fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        let schedule = self.parsed()?;
        let after = match self.start {
            // An invocation at the start time itself counts.
            Some(start) if start.plus_seconds(-0.000_001) > after => start.plus_seconds(-0.000_001),
            _ => after,
        };
        schedule
            .next_after(after)
            .filter(|t| self.end.is_none_or(|end| *t <= end))
    }

    /// The model's `ScheduledAction`.
    pub fn render(&self, _tags: &TagStore) -> ScheduledAction {
        let invocations = std::iter::successors(self.due, |t| self.next_after(*t))
            .take(LISTED_INVOCATIONS)
            .collect();
        ScheduledAction {
            scheduled_action_name: Some(self.name.clone()),
            target_action: Some(self.target.clone()),
            schedule: Some(self.schedule.clone()),
            iam_role: Some(self.iam_role.clone()),
            scheduled_action_description: self.description.clone(),
            state: Some(Name::from_static(if self.enabled {
                "ACTIVE"
            } else {
                "DISABLED"
            })),
            next_invocations: Some(invocations),
            start_time: self.start,
            end_time: self.end,
        }
    }
}

impl World {
    /// A scheduled action as a call makes it (doc): a target of exactly one
    /// operation on a cluster that exists (a resize not with reserved
    /// nodes, choice), a schedule of `at` (in the future, choice) or `cron`
    /// form, an IAM role, an end after its start (choice). Its first
    /// invocation is due after `ctx.now`.
    fn checked_action(
        &self,
        ctx: &Context,
        mut record: ScheduledActionRecord,
    ) -> Outcome<ScheduledActionRecord> {
        if operation(&record.target).is_none() {
            return Err(RedshiftError::TargetActionNotOne);
        }
        if let Some(resize) = record.target.resize_cluster.as_mut() {
            if resize.reserved_node_id.is_some()
                || resize.target_reserved_node_offering_id.is_some()
            {
                return Err(RedshiftError::ScheduledResizeWithReservedNodes);
            }
            // (fact) AWS answers a scheduled resize with Classic false.
            resize.classic.get_or_insert(false);
        }
        let schedule =
            Schedule::parse(&record.schedule).map_err(|reason| RedshiftError::InvalidSchedule {
                definition: record.schedule.to_string(),
                reason,
            })?;
        if let Schedule::At(at) = schedule {
            if at <= ctx.now {
                return Err(RedshiftError::InvalidSchedule {
                    definition: record.schedule.to_string(),
                    reason: "the time has passed".to_owned(),
                });
            }
        }
        check_role_arn(&record.iam_role)?;
        if let (Some(start), Some(end)) = (record.start, record.end) {
            if end < start {
                return Err(RedshiftError::ScheduledActionEndsBeforeStart);
            }
        }
        if let Some(cluster) = target_cluster(&record.target) {
            self.own::<ClusterRecord>(ctx, cluster)?;
        }
        record.due = if record.enabled {
            record.next_after(ctx.now)
        } else {
            None
        };
        Ok(record)
    }

    /// Keeps a scheduled action and asks the timeline for its next invocation.
    fn keep_scheduled_action(&mut self, ctx: &Context, record: ScheduledActionRecord) {
        let (key, due) = (record.name.clone(), record.due);
        self.add(ctx, record);
        if let Some(due) = due {
            self.schedule(ctx, due, ResourceKind::ScheduledAction, &key);
        }
    }

    /// CreateScheduledAction.
    pub fn create_scheduled_action(
        &mut self,
        ctx: &Context,
        input: CreateScheduledActionMessage,
    ) -> Outcome<ScheduledAction> {
        let name = new_identifier(
            "ScheduledActionName",
            &input.scheduled_action_name,
            MAX_NAME,
        )?;
        let record = self.checked_action(
            ctx,
            ScheduledActionRecord {
                name: Name::from(name),
                target: input.target_action,
                schedule: input.schedule,
                iam_role: input.iam_role,
                description: input.scheduled_action_description,
                enabled: input.enable.unwrap_or(true),
                start: input.start_time,
                end: input.end_time,
                due: None,
            },
        )?;
        let place = self.place(ctx);
        if place.is_some_and(|p| p.scheduled_actions.contains(&record.name)) {
            return Err(RedshiftError::ScheduledActionAlreadyExists(
                record.name.to_string(),
            ));
        }
        let quota = self.settings.scheduled_action_quota;
        if place.is_some_and(|p| p.scheduled_actions.counted() >= quota) {
            return Err(RedshiftError::ScheduledActionQuotaExceeded(quota));
        }
        let first = record
            .due
            .map(|t| {
                Name::from(format!(
                    " The first invocation is scheduled at {}.",
                    event_time(t)
                ))
            })
            .unwrap_or_default();
        let answer = record.render(&TagStore::default());
        self.record_event(
            ctx,
            SCHEDULED_ACTION_CREATED,
            &record.name.clone(),
            vec![first],
        );
        self.keep_scheduled_action(ctx, record);
        Ok(answer)
    }

    /// ModifyScheduledAction: the members given replace the action's,
    /// checked as at creation; its invocations are worked out anew.
    pub fn modify_scheduled_action(
        &mut self,
        ctx: &Context,
        input: ModifyScheduledActionMessage,
    ) -> Outcome<ScheduledAction> {
        let mut record = self
            .own::<ScheduledActionRecord>(ctx, &input.scheduled_action_name)?
            .clone();
        if let Some(target) = input.target_action {
            record.target = target;
        }
        if let Some(schedule) = input.schedule {
            record.schedule = schedule;
        }
        if let Some(role) = input.iam_role {
            record.iam_role = role;
        }
        if let Some(description) = input.scheduled_action_description {
            record.description = Some(description);
        }
        record.start = input.start_time.or(record.start);
        record.end = input.end_time.or(record.end);
        record.enabled = input.enable.unwrap_or(record.enabled);
        let record = self.checked_action(ctx, record)?;
        let answer = record.render(&TagStore::default());
        self.keep_scheduled_action(ctx, record);
        Ok(answer)
    }

    /// DeleteScheduledAction.
    pub fn delete_scheduled_action(
        &mut self,
        ctx: &Context,
        input: DeleteScheduledActionMessage,
    ) -> Outcome<()> {
        let key = self
            .own::<ScheduledActionRecord>(ctx, &input.scheduled_action_name)?
            .name
            .clone();
        self.remove::<ScheduledActionRecord>(ctx, &key);
        self.record_event(ctx, SCHEDULED_ACTION_DELETED, &key, Vec::new());
        Ok(())
    }

    /// DescribeScheduledActions: by name, target type, state (`Active`),
    /// an invocation between `StartTime` and `EndTime` (doc: active ones
    /// only), and the `cluster-identifier` and `iam-role` filters, with paging.
    pub fn describe_scheduled_actions(
        &self,
        ctx: &Context,
        input: DescribeScheduledActionsMessage,
    ) -> Outcome<ScheduledActionsMessage> {
        if let Some(t) = input
            .target_action_type
            .as_deref()
            .filter(|t| !["ResizeCluster", "PauseCluster", "ResumeCluster"].contains(t))
        {
            return Err(RedshiftError::InvalidTargetActionType(t.to_owned()));
        }
        for filter in input.filters.iter().flatten() {
            if !["cluster-identifier", "iam-role"].contains(&filter.name.as_str()) {
                return Err(RedshiftError::InvalidScheduledActionFilter(
                    filter.name.to_string(),
                ));
            }
        }
        let window = input.start_time.is_some() || input.end_time.is_some();
        let keep = |a: &ScheduledActionRecord| {
            let kind = operation(&a.target).map(|(op, _)| op);
            let in_window = || {
                let from = input
                    .start_time
                    .map_or(ctx.now, |s| s.max(ctx.now))
                    .plus_seconds(-0.000_001);
                a.due.is_some()
                    && a.next_after(from)
                        .is_some_and(|t| input.end_time.is_none_or(|end| t <= end))
            };
            input
                .target_action_type
                .as_deref()
                .is_none_or(|t| kind == Some(t))
                && input.active.is_none_or(|active| active == a.enabled)
                && (!window || (a.enabled && in_window()))
                && input.filters.iter().flatten().all(|f| {
                    let value = match f.name.as_str() {
                        "cluster-identifier" => target_cluster(&a.target),
                        _ => Some(&a.iam_role),
                    };
                    value.is_some_and(|v| f.values.iter().any(|w| w.eq_ignore_ascii_case(v)))
                })
        };
        let query = Query {
            name: input.scheduled_action_name.as_deref(),
            tags: TagFilter::default(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
        };
        let (page, marker) = self.list(ctx, query, None, keep, ScheduledActionRecord::render)?;
        Ok(ScheduledActionsMessage {
            marker,
            scheduled_actions: Some(page),
        })
    }

    /// A scheduled action's wake-up: when its invocation is due, the target
    /// operation runs at that time as the service runs it; a failure is an
    /// event (doc: the action stays, to be modified or deleted). Then the
    /// next invocation is due.
    pub(super) fn wake_scheduled_action(&mut self, ctx: &Context, key: &Name) {
        let Some(action) = self.place(ctx).and_then(|p| p.scheduled_actions.get(key)) else {
            return;
        };
        let Some(due) = action.due.filter(|due| *due <= ctx.now) else {
            return;
        };
        let next = action.next_after(due);
        let run = operation(&action.target);
        if let Some(a) = self
            .place_mut(ctx)
            .and_then(|p| p.scheduled_actions.get_mut(key))
        {
            a.due = next;
        }
        if let Some(next) = next {
            self.schedule(ctx, next, ResourceKind::ScheduledAction, key);
        }
        let at = ctx.at(due);
        if let Some((op, params)) = run {
            if let Err(e) = crate::ops::dispatch(self, &at, op, params) {
                let why = vec![Name::from_static(op), Name::from(e.to_string())];
                self.record_event(&at, SCHEDULED_ACTION_FAILED, key, why);
            }
        }
    }
}
