//! Snapshot schedules: when associated clusters take their automated
//! snapshots instead of AWS's default cadence. The record, its render, and
//! CreateSnapshotSchedule, DescribeSnapshotSchedules, ModifySnapshotSchedule
//! and DeleteSnapshotSchedule; [`associate`] has ModifyClusterSnapshotSchedule.

mod associate;
pub mod definitions;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::clusters::ClusterRecord;
use super::identifiers::new_identifier;
use super::listing::{Paging, DESCRIBE_PAGE};
use super::name::Name;
use super::resources::{key, Resource, Stored};
use super::store::Position;
use super::tags::{tags_of, TagFilter};
use super::{Context, Outcome, Place, World};
use crate::errors::RedshiftError;
use crate::model::{
    ClusterAssociatedToSchedule, CreateSnapshotScheduleMessage, DeleteSnapshotScheduleMessage,
    DescribeSnapshotSchedulesMessage, DescribeSnapshotSchedulesOutputMessage,
    ModifySnapshotScheduleMessage, SnapshotSchedule, Timestamp,
};
pub use associate::Association;
use definitions::{Definitions, Problem};

/// How many of its next invocations a schedule shows, unless
/// CreateSnapshotSchedule asks for another number (choice).
const SHOWN_INVOCATIONS: usize = 10;
/// The most `NextInvocations` a CreateSnapshotSchedule may ask for (choice).
const MAX_INVOCATIONS: i64 = 100;
/// The clusters a schedule lists at most (doc).
const LISTED_CLUSTERS: usize = 100;

/// A snapshot schedule as the engine keeps it: its definitions as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRecord {
    pub id: Name,
    pub definitions: Vec<Name>,
    pub description: Option<Name>,
}

crate::engine::store::keyed_record!(ScheduleRecord, id, counted);

impl Resource for ScheduleRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::SnapshotScheduleNotFound(identifier.to_owned())
    }
}

/// The error for definitions that do not read or break AWS's limits.
fn schedule_error((definition, problem): (String, Problem)) -> RedshiftError {
    match problem {
        Problem::Unsupported => RedshiftError::ScheduleDefinitionTypeUnsupported(definition),
        Problem::Invalid(reason) => RedshiftError::InvalidSchedule { definition, reason },
    }
}

/// A schedule's definitions from a request, checked at `now`.
fn checked_definitions(given: &[Name], now: Timestamp) -> Outcome<Definitions> {
    if given.is_empty() {
        return Err(RedshiftError::NoScheduleDefinitions);
    }
    Definitions::parse(given, now).map_err(schedule_error)
}

impl ScheduleRecord {
    /// The first instant after `t` the schedule takes a snapshot at.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        Definitions::checked(&self.definitions).next_after(t)
    }

    /// The schedule as its owner sees it at `now`, with its next
    /// `invocations` and the clusters that follow it.
    pub fn render(&self, place: &Place, now: Timestamp, invocations: usize) -> SnapshotSchedule {
        let clusters: Vec<ClusterAssociatedToSchedule> = associated(place, &self.id)
            .map(|(c, a)| ClusterAssociatedToSchedule {
                cluster_identifier: Some(c.identifier().clone()),
                schedule_association_state: Some(Name::from_static(a.state())),
            })
            .collect();
        SnapshotSchedule {
            schedule_definitions: Some(self.definitions.clone()),
            schedule_identifier: Some(self.id.clone()),
            schedule_description: self.description.clone(),
            tags: Some(place.tags.render(Self::KIND, &self.id)),
            next_invocations: Some(
                Definitions::checked(&self.definitions).invocations(now, invocations),
            ),
            associated_cluster_count: Some(clusters.len() as i64),
            associated_clusters: Some(clusters.into_iter().take(LISTED_CLUSTERS).collect()),
        }
    }
}

/// The clusters of a place associated with schedule `id`, with their association.
pub fn associated<'p>(
    place: &'p Place,
    id: &'p Name,
) -> impl Iterator<Item = (&'p ClusterRecord, &'p Association)> + 'p {
    place.clusters.values().filter_map(move |c| {
        c.snapshot_plan
            .schedule
            .as_ref()
            .filter(|a| a.schedule == *id)
            .map(|a| (c, a))
    })
}

impl World {
    /// CreateSnapshotSchedule; with `DryRun`, the checks and the answer
    /// without the schedule (choice: AWS does not document it).
    pub fn create_snapshot_schedule(
        &mut self,
        ctx: &Context,
        input: CreateSnapshotScheduleMessage,
    ) -> Outcome<SnapshotSchedule> {
        let given = input
            .schedule_identifier
            .as_deref()
            .ok_or_else(|| RedshiftError::MissingParameter("ScheduleIdentifier".to_owned()))?;
        // Doc: "only alphanumeric characters"; AWS also takes hyphens (fact:
        // Terraform's tests name schedules tf-acc-test-...), so the rules of
        // every other identifier (choice).
        let id = Name::from(new_identifier("ScheduleIdentifier", given, 63)?);
        let invocations = match input.next_invocations {
            None => SHOWN_INVOCATIONS,
            Some(n) if (1..=MAX_INVOCATIONS).contains(&n) => n as usize,
            Some(n) => return Err(RedshiftError::InvalidNextInvocations(n)),
        };
        let definitions = input.schedule_definitions.unwrap_or_default();
        checked_definitions(&definitions, ctx.now)?;
        let tags = tags_of(input.tags)?;
        let place = self.place(ctx);
        if place.is_some_and(|p| p.snapshot_schedules.contains(&id)) {
            return Err(RedshiftError::SnapshotScheduleAlreadyExists(id.to_string()));
        }
        let quota = self.settings.snapshot_schedule_quota;
        if place.is_some_and(|p| p.snapshot_schedules.counted() >= quota) {
            return Err(RedshiftError::SnapshotScheduleQuotaExceeded(quota));
        }
        let record = ScheduleRecord {
            id: id.clone(),
            definitions,
            description: input.schedule_description,
        };
        if input.dry_run == Some(true) {
            let mut scratch = Place::default();
            scratch.tags.set(ScheduleRecord::KIND, &id, tags);
            return Ok(record.render(&scratch, ctx.now, invocations));
        }
        self.add(ctx, record);
        let place = self.place_entry(ctx);
        place.tags.set(ScheduleRecord::KIND, &id, tags);
        Ok(place
            .snapshot_schedules
            .get(&id)
            .map(|s| s.render(place, ctx.now, invocations))
            .unwrap_or_default())
    }

    /// DescribeSnapshotSchedules: the caller's schedules by identifier; one
    /// named that does not exist, or a cluster that follows none, gives an
    /// empty list (fact: no error is modeled, and Terraform's checks rely on it).
    pub fn describe_snapshot_schedules(
        &self,
        ctx: &Context,
        input: DescribeSnapshotSchedulesMessage,
    ) -> Outcome<DescribeSnapshotSchedulesOutputMessage> {
        let paging: Paging<Position<ScheduleRecord>> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let wanted = input.schedule_identifier.as_deref().map(key);
        let cluster = input.cluster_identifier.as_deref().map(key);
        let filter = TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref());
        let Some(place) = self.place(ctx) else {
            return Ok(DescribeSnapshotSchedulesOutputMessage {
                snapshot_schedules: Some(Vec::new()),
                marker: None,
            });
        };
        let follows = |s: &ScheduleRecord, cluster: &str| {
            associated(place, &s.id).any(|(c, _)| c.identifier() == cluster)
        };
        let walk = place
            .snapshot_schedules
            .after(paging.after.as_ref())
            .filter(|s| wanted.as_deref().is_none_or(|w| s.id == w))
            .filter(|s| cluster.as_deref().is_none_or(|c| follows(s, c)))
            .filter(|s| filter.matches(place.tags.of(ScheduleRecord::KIND, &s.id)))
            .map(|s| (((), s.id.clone()), s));
        let (page, marker) = paging.page(walk);
        Ok(DescribeSnapshotSchedulesOutputMessage {
            snapshot_schedules: Some(
                page.iter()
                    .map(|s| s.render(place, ctx.now, SHOWN_INVOCATIONS))
                    .collect(),
            ),
            marker,
        })
    }

    /// ModifySnapshotSchedule: new definitions, which the associated
    /// clusters follow from now on, their associations `MODIFYING` for the
    /// world's update time (doc: "modified asynchronously").
    pub fn modify_snapshot_schedule(
        &mut self,
        ctx: &Context,
        input: ModifySnapshotScheduleMessage,
    ) -> Outcome<SnapshotSchedule> {
        checked_definitions(&input.schedule_definitions, ctx.now)?;
        let schedule = self.own::<ScheduleRecord>(ctx, &input.schedule_identifier)?;
        let id = schedule.id.clone();
        let place = self
            .place(ctx)
            .ok_or_else(|| ScheduleRecord::not_found(&id))?;
        if associated(place, &id).any(|(_, a)| a.modifying_until.is_some()) {
            return Err(RedshiftError::SnapshotScheduleUpdateInProgress(
                id.to_string(),
            ));
        }
        let followers: Vec<(Name, Association)> = associated(place, &id)
            .map(|(c, a)| (c.identifier().clone(), a.clone()))
            .collect();
        self.own_mut::<ScheduleRecord>(ctx, &id)?.definitions = input.schedule_definitions;
        for (cluster, association) in followers {
            self.change_association(ctx, &cluster, association);
        }
        let place = self.place_entry(ctx);
        Ok(place
            .snapshot_schedules
            .get(&id)
            .map(|s| s.render(place, ctx.now, SHOWN_INVOCATIONS))
            .unwrap_or_default())
    }

    /// DeleteSnapshotSchedule: a schedule a cluster follows (or is leaving)
    /// cannot be deleted.
    pub fn delete_snapshot_schedule(
        &mut self,
        ctx: &Context,
        input: DeleteSnapshotScheduleMessage,
    ) -> Outcome<()> {
        let schedule = self.own::<ScheduleRecord>(ctx, &input.schedule_identifier)?;
        let id = schedule.id.clone();
        if let Some((cluster, _)) = self.place(ctx).and_then(|p| associated(p, &id).next()) {
            return Err(RedshiftError::SnapshotScheduleInUse {
                id: id.to_string(),
                cluster: cluster.identifier().to_string(),
            });
        }
        self.remove::<ScheduleRecord>(ctx, &id);
        Ok(())
    }
}
