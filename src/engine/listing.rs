//! The one listing mechanism of every `Describe*`: one `MaxRecords` rule,
//! one `Marker` codec, one way to cut a page out of an ordered walk.
//!
//! A marker is the position of the last record a page gave (its sort key),
//! so the next page starts right after it even when records come and go
//! between calls; it is opaque to the caller.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::resources::Resource;
use super::store::Position;
use super::tags::{TagFilter, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::Name;

/// The `MaxRecords` a listing accepts, and what it uses when none is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimits {
    pub min: i64,
    pub max: i64,
    pub default: usize,
}

/// DescribeClusters and DescribeClusterSnapshots: 20..=100, default 100 (doc).
pub const DESCRIBE_PAGE: PageLimits = PageLimits {
    min: 20,
    max: 100,
    default: 100,
};

impl PageLimits {
    /// The page size a call's `MaxRecords` asks for.
    pub fn size(self, max_records: Option<i64>) -> Outcome<usize> {
        match max_records {
            None => Ok(self.default),
            Some(n) if (self.min..=self.max).contains(&n) => Ok(n as usize),
            Some(_) => Err(RedshiftError::MaxRecordsOutOfRange {
                min: self.min,
                max: self.max,
            }),
        }
    }
}

/// Writes a position as a marker.
pub fn encode_marker<K: Serialize>(position: &K) -> String {
    let json = serde_json::to_vec(position).unwrap_or_default();
    let mut out = String::with_capacity(json.len() * 2);
    for b in json {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Reads a marker made by [`encode_marker`] for a position of type `K`; a
/// marker of another listing is refused rather than silently restarting it.
pub fn decode_marker<K: DeserializeOwned>(marker: &str) -> Outcome<K> {
    let invalid = || RedshiftError::InvalidMarker(marker.to_owned());
    let digit = |c: u8| (c as char).to_digit(16);
    let bytes = marker.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(invalid());
    }
    let json = bytes
        .chunks(2)
        .map(|pair| Some((digit(pair[0])? << 4 | digit(pair[1])?) as u8))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(invalid)?;
    serde_json::from_slice(&json).map_err(|_| invalid())
}

/// A request's paging: its page size and where it resumes.
#[derive(Debug)]
pub struct Paging<K> {
    pub limit: usize,
    pub after: Option<K>,
}

impl<K: DeserializeOwned> Paging<K> {
    /// `MaxRecords` within `limits`, and the position a `Marker` names.
    pub fn new(
        limits: PageLimits,
        max_records: Option<i64>,
        marker: Option<&str>,
    ) -> Outcome<Self> {
        Ok(Paging {
            limit: limits.size(max_records)?,
            after: marker.map(decode_marker).transpose()?,
        })
    }
}

impl<K: Serialize> Paging<K> {
    /// Cuts a page out of `walk` (the matches in listing order after the
    /// position, each with its position): at most `limit` items, and the
    /// marker of the next page when more follow. Only `limit + 1` items of the
    /// walk are looked at.
    pub fn page<T>(&self, walk: impl Iterator<Item = (K, T)>) -> (Vec<T>, Option<Name>) {
        let mut items = Vec::with_capacity(self.limit.min(128));
        let mut last = None;
        for (position, item) in walk {
            if items.len() == self.limit {
                return (items, last.as_ref().map(|p| Name::from(encode_marker(p))));
            }
            last = Some(position);
            items.push(item);
        }
        (items, None)
    }
}

/// What a `Describe*` of one resource type asks for: the record it names
/// (if any), its tag filters, its page.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub name: Option<&'a str>,
    pub tags: TagFilter<'a>,
    pub max_records: Option<i64>,
    pub marker: Option<&'a str>,
}

/// The [`Query`] of a `Describe*` input whose name member is `$name` (every
/// such input has `TagKeys`, `TagValues`, `MaxRecords` and `Marker`).
macro_rules! query {
    ($input:expr, $name:ident) => {
        $crate::engine::listing::Query {
            name: $input.$name.as_deref(),
            tags: $crate::engine::tags::TagFilter::new(
                $input.tag_keys.as_deref(),
                $input.tag_values.as_deref(),
            ),
            max_records: $input.max_records,
            marker: $input.marker.as_deref(),
        }
    };
}
pub(crate) use query;

impl World {
    /// One page of the caller's records of type `R` a `Describe*` asks for,
    /// in the store's order: the one `query.name` names (its type's
    /// not-found error when there is none), those `keep` keeps, with a tag
    /// matching the filters; `builtin` is a record AWS keeps in every
    /// account (a default group), listed in its place among them.
    pub fn list<'w, R: Resource, T>(
        &'w self,
        ctx: &Context,
        query: Query,
        builtin: Option<&'w R>,
        keep: impl Fn(&R) -> bool,
        render: impl Fn(&R, &TagStore) -> T,
    ) -> Outcome<(Vec<T>, Option<Name>)> {
        let paging: Paging<Position<R>> =
            Paging::new(DESCRIBE_PAGE, query.max_records, query.marker)?;
        let position = |r: &R| (r.order(), r.key().clone());
        let wanted = match query.name {
            Some(name) => match self.own::<R>(ctx, name) {
                Ok(r) => Some(r.key().clone()),
                Err(_) if builtin.is_some_and(|b| b.key().eq_ignore_ascii_case(name)) => {
                    builtin.map(|b| b.key().clone())
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        let empty = TagStore::default();
        let place = self.place(ctx);
        let tags = place.map_or(&empty, |p| &p.tags);
        let stored = place.map(|p| R::store(p).after(paging.after.as_ref()));
        // A builtin record the account keeps a changed copy of is listed as that copy.
        let builtin = builtin
            .filter(|b| place.is_none_or(|p| !R::store(p).contains(b.key())))
            .filter(|b| paging.after.as_ref().is_none_or(|a| position(b) > *a));
        let walk = merged(stored.into_iter().flatten(), builtin, |r| position(r))
            .filter(|r| wanted.as_ref().is_none_or(|w| r.key() == w))
            .filter(|r| query.tags.matches(tags.of(R::KIND, r.key())))
            .filter(|r| keep(r))
            .map(|r| (position(r), r));
        let (page, marker) = paging.page(walk);
        Ok((page.into_iter().map(|r| render(r, tags)).collect(), marker))
    }
}

/// The items of `sorted` with `extra` in its place by `position`.
fn merged<'a, R, P: Ord>(
    sorted: impl Iterator<Item = &'a R>,
    extra: Option<&'a R>,
    position: impl Fn(&R) -> P,
) -> impl Iterator<Item = &'a R> {
    let mut extra = extra;
    let mut sorted = sorted.peekable();
    std::iter::from_fn(move || match (extra, sorted.peek()) {
        (Some(e), Some(s)) if position(e) < position(s) => extra.take(),
        (Some(_), None) => extra.take(),
        _ => sorted.next(),
    })
}

#[cfg(test)]
mod tests;
