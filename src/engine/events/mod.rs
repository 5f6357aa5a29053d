//! Events: the record of the world. Every change the fake makes to a
//! cluster, snapshot, parameter group, security group or scheduled action
//! goes through a few central places (a cluster's transitions, the one way
//! into and out of the snapshot store, each group's operations), and each
//! of them records its event here, keyed by what happened, so an operation
//! that moves a cluster through a status records its events by doing so.
//! DescribeEvents reads them; subscriptions filter them.

mod catalog;
mod describe;
mod subscriptions;
#[cfg(test)]
mod tests;

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

pub use catalog::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use subscriptions::EventSubscriptionRecord;

use super::clusters::{ClusterRecord, ClusterStatus};
use super::name::Name;
use super::{Context, World};
use crate::model::{Event, Timestamp};

/// How long AWS keeps events (doc: DescribeEvents answers the past 14 days).
pub const EVENT_RETENTION_SECONDS: f64 = 14.0 * 86_400.0;

/// One event that happened: what, to which source, when, and the names its
/// message carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Its place in the order events were recorded.
    pub seq: u64,
    pub at: Timestamp,
    pub event: EventRef,
    pub source: Name,
    #[serde(default, skip_serializing_if = "Args::is_empty")]
    pub args: Args,
}

/// The names an event's message carries besides its source: most carry
/// one or none, kept without an allocation of their own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<Name>", into = "Vec<Name>")]
pub enum Args {
    #[default]
    None,
    One(Name),
    More(Box<[Name]>),
}

impl Args {
    pub fn as_slice(&self) -> &[Name] {
        match self {
            Args::None => &[],
            Args::One(name) => std::slice::from_ref(name),
            Args::More(names) => names,
        }
    }

    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl From<Vec<Name>> for Args {
    fn from(mut names: Vec<Name>) -> Args {
        match names.len() {
            0 => Args::None,
            1 => Args::One(names.remove(0)),
            _ => Args::More(names.into_boxed_slice()),
        }
    }
}

impl From<Args> for Vec<Name> {
    fn from(args: Args) -> Vec<Name> {
        args.as_slice().to_vec()
    }
}

impl EventRecord {
    /// The model's `Event`.
    pub fn render(&self) -> Event {
        let kind = self.event.0;
        Event {
            source_identifier: Some(self.source.clone()),
            source_type: Some(Name::from_static(kind.source.as_str())),
            message: Some(Name::from(self.message())),
            event_categories: Some(vec![Name::from_static(kind.category)]),
            severity: Some(Name::from_static(kind.severity)),
            date: Some(self.at),
            event_id: Some(Name::from_static(kind.id)),
        }
    }

    /// The message, its names and date written in.
    pub fn message(&self) -> String {
        let mut text = self.event.0.message.replace("{time}", &event_time(self.at));
        for (i, arg) in self.args.as_slice().iter().enumerate() {
            text = text.replace(&format!("{{{}}}", i + 1), arg);
        }
        text.replace("{0}", &self.source)
    }
}

/// A time as AWS writes it in event messages (fact): `2019-12-27 00:16 UTC`.
pub fn event_time(at: Timestamp) -> String {
    at.datetime().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The events of one account in one region, by date (then in the order
/// they were recorded), for the last [`EVENT_RETENTION_SECONDS`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventLog {
    /// In date order, then in the order recorded: events come in date
    /// order but for those a wake-up records at an earlier instant.
    events: VecDeque<EventRecord>,
    recorded: u64,
}

impl EventLog {
    /// Records an event; events older than AWS keeps them go.
    pub fn push(
        &mut self,
        at: Timestamp,
        event: &'static EventKind,
        source: Name,
        args: Vec<Name>,
    ) {
        self.recorded += 1;
        let record = EventRecord {
            seq: self.recorded,
            at,
            event: EventRef(event),
            source,
            args: Args::from(args),
        };
        self.insert(record);
        let horizon = at.plus_seconds(-EVENT_RETENTION_SECONDS);
        while self.events.front().is_some_and(|e| e.at < horizon) {
            self.events.pop_front();
        }
    }

    /// Puts an event in its place by date and sequence.
    fn insert(&mut self, record: EventRecord) {
        let position = (record.at, record.seq);
        if self.events.back().is_none_or(|e| (e.at, e.seq) < position) {
            self.events.push_back(record);
        } else {
            let i = self.events.partition_point(|e| (e.at, e.seq) < position);
            self.events.insert(i, record);
        }
    }

    /// The events from `start` on, by date.
    pub fn from(&self, start: (Timestamp, u64)) -> impl Iterator<Item = &EventRecord> + '_ {
        let i = self.events.partition_point(|e| (e.at, e.seq) < start);
        self.events.range(i..)
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &EventRecord> + '_ {
        self.events.iter()
    }
}

// A log is saved as its events; their order is made anew on load.
impl Serialize for EventLog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.events.iter())
    }
}

impl<'de> Deserialize<'de> for EventLog {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut events = Vec::<EventRecord>::deserialize(d)?;
        events.sort_by_key(|e| (e.at, e.seq));
        if events.iter().map(|e| e.seq).collect::<HashSet<_>>().len() != events.len() {
            return Err(serde::de::Error::custom("two events have the same seq"));
        }
        Ok(EventLog {
            recorded: events.iter().map(|e| e.seq).max().unwrap_or(0),
            events: events.into(),
        })
    }
}

impl World {
    /// Records an event of the caller's account and region at `ctx.now`:
    /// `source` is the identifier of what it happened to, `args` the other
    /// names its message carries (`{1}`, `{2}`...).
    pub fn record_event(
        &mut self,
        ctx: &Context,
        event: &'static EventKind,
        source: &Name,
        args: Vec<Name>,
    ) {
        self.place_entry(ctx)
            .events
            .push(ctx.now, event, source.clone(), args);
    }

    /// A cluster entered `status` (its transition began): the event AWS
    /// records then, if any.
    pub(crate) fn cluster_status_began(
        &mut self,
        ctx: &Context,
        key: &Name,
        status: ClusterStatus,
    ) {
        let Some(c) = self.place(ctx).and_then(|p| p.clusters.get(key)) else {
            return;
        };
        let restored = restored_from(c);
        let (event, args) = match (status, restored) {
            (ClusterStatus::Creating, Some(snapshot)) => (RESTORE_STARTED, vec![snapshot]),
            (ClusterStatus::Resizing, _) => (RESIZE_STARTED, Vec::new()),
            (ClusterStatus::Pausing, _) => (PAUSE_STARTED, Vec::new()),
            (ClusterStatus::Resuming, _) => (RESUME_STARTED, Vec::new()),
            _ => return,
        };
        self.record_event(ctx, event, key, args);
    }

    /// A cluster's transition from `was` ended in `status`: the event AWS
    /// records then, if any; the end of a reboot applies the parameters.
    pub(crate) fn cluster_status_settled(
        &mut self,
        ctx: &Context,
        key: &Name,
        was: ClusterStatus,
        status: ClusterStatus,
    ) {
        let Some(c) = self.place(ctx).and_then(|p| p.clusters.get(key)) else {
            return;
        };
        let restored = restored_from(c);
        use ClusterStatus::*;
        if was == Rebooting {
            // (doc) A reboot applies the parameter group's pending changes.
            self.parameter_groups_applied(ctx, key);
        }
        let (event, args) = match (was, status, restored) {
            (Creating, _, Some(snapshot)) => (RESTORE_COMPLETED, vec![snapshot]),
            (Creating, _, None) => (CLUSTER_CREATED, Vec::new()),
            (Rebooting, _, _) => (CLUSTER_REBOOTED, Vec::new()),
            (Resizing, _, _) => (RESIZE_COMPLETED, Vec::new()),
            (Renaming, _, _) => (CLUSTER_RENAMED, Vec::new()),
            (Pausing, Paused, _) => (CLUSTER_PAUSED, Vec::new()),
            (Resuming, _, _) => (CLUSTER_RESUMED, Vec::new()),
            _ => return,
        };
        self.record_event(ctx, event, key, args);
    }

    /// A cluster's deletion finished and it is gone: its event (saying
    /// whether DeleteCluster took a final snapshot: a manual snapshot of
    /// this very cluster taken since its deletion began), and what went
    /// with it ([`World::forget_cluster`]).
    pub(crate) fn cluster_gone(&mut self, ctx: &Context, cluster: &ClusterRecord) {
        let key = cluster.identifier().clone();
        let began = ctx
            .now
            .plus_seconds(-self.settings.cluster_deletion_seconds);
        let final_saved = self.place(ctx).is_some_and(|p| {
            p.snapshots
                .walk_group(&key, std::ops::Bound::Unbounded)
                .any(|s| {
                    !s.is_automated()
                        && Arc::ptr_eq(&s.facts, &cluster.facts)
                        && s.created_at >= began
                })
        });
        let saved = if final_saved { "was" } else { "was not" };
        self.record_event(ctx, CLUSTER_DELETED, &key, vec![Name::from_static(saved)]);
        self.forget_cluster(ctx, &key);
    }
}

/// The snapshot a cluster being restored (or just restored) came from.
fn restored_from(c: &ClusterRecord) -> Option<Name> {
    c.restore.as_ref()?;
    let arn = c.restored_from.as_deref()?;
    arn.rsplit_once('/')
        .map(|(_, snapshot)| Name::from(snapshot))
}
