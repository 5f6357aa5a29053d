//! DescribeClusterSnapshots: the caller's snapshots and those shared with
//! it, filtered and paged.
//!
//! In the default order (create time, owner, identifier) a page walks the
//! store's index, by cluster when the call names one, so it costs
//! O(page + log n) plus the snapshots shared with the caller. With
//! `SortingEntities` every match is sorted.

use std::cmp::Ordering;
use std::iter::Peekable;
use std::ops::Bound;

use serde_json::{json, Value};

use super::{SnapshotKind, SnapshotRecord, Target};
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{key, Resource, Stored};
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, Place, World};
use crate::errors::RedshiftError;
use crate::model::{DescribeClusterSnapshotsMessage, Snapshot, SnapshotMessage, Timestamp};

/// A snapshot's place in the default order.
type Position = (Timestamp, Name, Name);

/// One match: its owner's account and holdings, and the record.
type Match<'w> = (&'w Name, &'w Place, &'w SnapshotRecord);

impl World {
    /// DescribeClusterSnapshots (doc: every filter of the model).
    pub fn describe_cluster_snapshots(
        &self,
        ctx: &Context,
        input: DescribeClusterSnapshotsMessage,
    ) -> Outcome<SnapshotMessage> {
        DESCRIBE_PAGE.size(input.max_records)?;
        let kind = match input.snapshot_type.as_deref() {
            None => None,
            Some("manual") => Some(SnapshotKind::Manual),
            Some("automated") => Some(SnapshotKind::Automated),
            Some(other) => return Err(RedshiftError::InvalidSnapshotType(other.to_owned())),
        };
        if input.cluster_exists == Some(true) && input.cluster_identifier.is_none() {
            return Err(RedshiftError::ClusterExistsWithoutCluster);
        }
        let order = SortOrder::from_input(&input)?;
        if input.snapshot_identifier.is_some() || input.snapshot_arn.is_some() {
            let target = Target {
                identifier: input.snapshot_identifier.as_deref(),
                arn: input.snapshot_arn.as_deref(),
                cluster: input.cluster_identifier.as_deref(),
                owner: None,
            };
            let found = self.visible_snapshot(ctx, &target);
            if !found.is_some_and(|(_, s)| kind.is_none_or(|k| s.kind() == k)) {
                return Err(target.not_found());
            }
        }
        let filter = Filter {
            input: &input,
            kind,
            cluster: input.cluster_identifier.as_deref().map(key).map(Name::from),
            id: input.snapshot_identifier.as_deref().map(key),
            tags: TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref()),
        };
        let candidates = self.snapshot_candidates(ctx, &filter);
        let render = |(owner, place, s): Match| {
            s.render(&ctx_for(ctx, owner), ctx.account, &place.tags, None)
        };
        let (snapshots, marker) = match order {
            None => {
                let paging: Paging<Position> =
                    Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
                let after = paging.after.clone();
                let walk = candidates
                    .default_order(after.as_ref())
                    .map(|m| (position(&m), m));
                let (page, marker) = paging.page(walk);
                (
                    page.into_iter().map(render).collect::<Vec<Snapshot>>(),
                    marker,
                )
            }
            Some(order) => {
                let paging: Paging<Value> =
                    Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
                if let Some(after) = &paging.after {
                    if !order.fits(after) {
                        return Err(RedshiftError::InvalidMarker(
                            input.marker.as_deref().unwrap_or_default().to_owned(),
                        ));
                    }
                }
                let mut all: Vec<(Value, Match)> = candidates
                    .default_order(None)
                    .map(|m| (order.key(&m), m))
                    .collect();
                all.sort_by(|a, b| order.compare(&a.0, &b.0));
                let start = paging.after.as_ref().map_or(0, |after| {
                    all.partition_point(|(k, _)| order.compare(k, after) != Ordering::Greater)
                });
                let (page, marker) = paging.page(all.into_iter().skip(start));
                (page.into_iter().map(render).collect(), marker)
            }
        };
        Ok(SnapshotMessage {
            marker,
            snapshots: Some(snapshots),
        })
    }

    /// The caller's own snapshots and those shared with it that pass the
    /// filters, as two walks in the default order.
    fn snapshot_candidates<'w>(&'w self, ctx: &Context, filter: &'w Filter<'w>) -> Candidates<'w> {
        let Some(region) = self.regions.get(ctx.region) else {
            return Candidates::default();
        };
        let own = region
            .get_key_value(ctx.account)
            .filter(|(owner, _)| filter.owner_ok(owner));
        let mut shared: Vec<Match<'w>> = if filter.tags.is_active() {
            // Shared snapshots are not returned when tag filters are given (doc).
            Vec::new()
        } else {
            region
                .get(ctx.account)
                .into_iter()
                .flat_map(|p| p.shared_with_me.iter())
                .filter(|(id, owner)| filter.owner_ok(owner) && filter.id_ok(id))
                .filter_map(|(id, owner)| {
                    let (owner, place) = region.get_key_value(owner)?;
                    let s = place.snapshots.get(id)?;
                    Some((owner, place, s))
                })
                .filter(|m| filter.keeps(m))
                .collect()
        };
        shared.sort_by_key(position);
        Candidates {
            own,
            filter: Some(filter),
            shared,
        }
    }
}

/// The owner's view of a call: the same clock and region, the owner's account.
fn ctx_for<'a>(ctx: &Context<'a>, owner: &'a str) -> Context<'a> {
    Context {
        account: owner,
        ..*ctx
    }
}

fn position((owner, _, s): &Match) -> Position {
    (s.created_at, Name::clone(owner), s.id.clone())
}

/// The filters of a DescribeClusterSnapshots call.
struct Filter<'a> {
    input: &'a DescribeClusterSnapshotsMessage,
    kind: Option<SnapshotKind>,
    cluster: Option<Name>,
    id: Option<String>,
    tags: TagFilter<'a>,
}

impl Filter<'_> {
    fn owner_ok(&self, owner: &Name) -> bool {
        self.input
            .owner_account
            .as_deref()
            .is_none_or(|o| owner == o)
    }

    fn id_ok(&self, id: &Name) -> bool {
        self.id.as_deref().is_none_or(|i| id == i)
    }

    /// Whether a snapshot passes every filter.
    fn keeps(&self, (owner, place, s): &Match) -> bool {
        let input = self.input;
        self.id_ok(&s.id)
            && self
                .cluster
                .as_ref()
                .is_none_or(|c| s.cluster_identifier() == c)
            && self.kind.is_none_or(|k| s.kind() == k)
            && input.start_time.is_none_or(|t| s.created_at >= t)
            && input.end_time.is_none_or(|t| s.created_at <= t)
            && input.snapshot_arn.as_deref().is_none_or(|a| {
                // Identifiers inside an ARN are as case-insensitive as anywhere else.
                let own = crate::engine::resources::arn(
                    &region_of(a),
                    owner,
                    SnapshotRecord::KIND,
                    &s.arn_path(),
                );
                own.eq_ignore_ascii_case(a)
            })
            && self
                .tags
                .matches(place.tags.of(SnapshotRecord::KIND, &s.id))
            && input
                .cluster_exists
                .is_none_or(|want| place.clusters.contains(s.cluster_identifier()) == want)
    }
}

/// The region an ARN names (its fourth field).
fn region_of(arn: &str) -> String {
    arn.split(':').nth(3).unwrap_or_default().to_owned()
}

/// The two walks of a listing: the caller's own snapshots (through the
/// store's index) and those shared with it (few, collected and sorted).
#[derive(Default)]
struct Candidates<'w> {
    own: Option<(&'w Name, &'w Place)>,
    filter: Option<&'w Filter<'w>>,
    shared: Vec<Match<'w>>,
}

impl<'w> Candidates<'w> {
    /// Every candidate in the default order, from just after `after`.
    fn default_order(self, after: Option<&Position>) -> impl Iterator<Item = Match<'w>> + 'w {
        let after = after.cloned();
        let own: Box<dyn Iterator<Item = Match<'w>> + 'w> = match (self.own, self.filter) {
            (Some((owner, place)), Some(filter)) => {
                // Resume at the marker's time: the few of the same time are
                // weighed by the whole position below.
                let resume = after.as_ref().map_or(Bound::Unbounded, |(t, _, _)| {
                    Bound::Included((*t, Name::from("")))
                });
                let records: Box<dyn Iterator<Item = &'w SnapshotRecord> + 'w> =
                    match (&filter.id, &filter.cluster) {
                        (Some(id), _) => Box::new(place.snapshots.get(id).into_iter()),
                        (None, Some(cluster)) => {
                            Box::new(place.snapshots.walk_group(cluster, resume))
                        }
                        (None, None) => Box::new(place.snapshots.walk(resume)),
                    };
                Box::new(
                    records
                        .map(move |s| (owner, place, s))
                        .filter(move |m| filter.keeps(m)),
                )
            }
            _ => Box::new(std::iter::empty()),
        };
        let after_filter = after.clone();
        let shared = self.shared.into_iter();
        Merge {
            a: own.peekable(),
            b: shared.peekable(),
        }
        .filter(move |m| after_filter.as_ref().is_none_or(|a| position(m) > *a))
    }
}

/// Two walks in the default order, merged.
struct Merge<A: Iterator, B: Iterator> {
    a: Peekable<A>,
    b: Peekable<B>,
}

impl<'w, A, B> Iterator for Merge<A, B>
where
    A: Iterator<Item = Match<'w>>,
    B: Iterator<Item = Match<'w>>,
{
    type Item = Match<'w>;
    fn next(&mut self) -> Option<Match<'w>> {
        let take_a = match (self.a.peek(), self.b.peek()) {
            (Some(a), Some(b)) => position(a) <= position(b),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_a {
            self.a.next()
        } else {
            self.b.next()
        }
    }
}

/// The order of a listing with `SortingEntities`: the caller's entities,
/// then create time, owner and identifier, so every snapshot has one place.
struct SortOrder {
    /// `(attribute, descending)` in priority order.
    entities: Vec<(&'static str, bool)>,
}

impl SortOrder {
    /// The order a call asks for; `None` for the default order.
    fn from_input(input: &DescribeClusterSnapshotsMessage) -> Outcome<Option<SortOrder>> {
        let Some(given) = input.sorting_entities.as_ref().filter(|e| !e.is_empty()) else {
            return Ok(None);
        };
        let mut entities = Vec::new();
        for e in given {
            let attribute = match e.attribute.as_str() {
                "SOURCE_TYPE" => "SOURCE_TYPE",
                "TOTAL_SIZE" => "TOTAL_SIZE",
                "CREATE_TIME" => "CREATE_TIME",
                other => return Err(RedshiftError::InvalidSortAttribute(other.to_owned())),
            };
            let descending = match e.sort_order.as_deref() {
                None | Some("ASC") => false,
                Some("DESC") => true,
                Some(other) => return Err(RedshiftError::InvalidSortOrder(other.to_owned())),
            };
            entities.push((attribute, descending));
        }
        entities.push(("CREATE_TIME", false));
        Ok(Some(SortOrder { entities }))
    }

    /// The record's sort key: one value per entity, then owner and identifier.
    fn key(&self, (owner, _, s): &Match) -> Value {
        let mut parts: Vec<Value> = self
            .entities
            .iter()
            .map(|(attribute, _)| match *attribute {
                "SOURCE_TYPE" => json!(s.kind().as_str()),
                "TOTAL_SIZE" => json!(s.size_mb),
                _ => json!(s.created_at.0),
            })
            .collect();
        parts.push(json!(owner.as_str()));
        parts.push(json!(s.id.as_str()));
        Value::Array(parts)
    }

    /// Whether `key` has the shape of this order's keys (see [`SortOrder::key`]).
    fn fits(&self, key: &Value) -> bool {
        let Some(parts) = key.as_array() else {
            return false;
        };
        let kinds = self.entities.iter().map(|(attribute, _)| match *attribute {
            "SOURCE_TYPE" => Value::is_string as fn(&Value) -> bool,
            _ => Value::is_number,
        });
        let kinds = kinds.chain([Value::is_string as fn(&Value) -> bool, Value::is_string]);
        parts.len() == self.entities.len() + 2
            && parts.iter().zip(kinds).all(|(part, kind)| kind(part))
    }

    fn compare(&self, a: &Value, b: &Value) -> Ordering {
        let (Some(a), Some(b)) = (a.as_array(), b.as_array()) else {
            return Ordering::Equal;
        };
        for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
            let descending = self.entities.get(i).is_some_and(|e| e.1);
            let o = compare_values(x, y);
            let o = if descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        a.len().cmp(&b.len())
    }
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}
