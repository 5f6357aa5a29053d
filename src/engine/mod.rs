//! The engine: every account and region of one simulated AWS, its clock, and
//! the rules of Amazon Redshift as methods returning `Result<_, RedshiftError>`.
//! Plain Rust: the doors convert, the engine decides.

mod batch;
mod clusters;
pub mod controls;
pub mod identifiers;
mod restore;
mod snapshots;
mod tags;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod time_tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::errors::RedshiftError;
use crate::model::{Cluster, Snapshot, Timestamp};

/// Result of an engine operation.
pub type Outcome<T> = Result<T, RedshiftError>;

/// Who calls, where, and when: the caller's account and region, and the
/// clock's reading for this call.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub now: Timestamp,
}

/// The world's knobs (SPEC section 6 and the (choice) items of section 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Manual snapshots an account may hold in a region.
    pub manual_snapshot_quota: usize,
    /// Accounts that may be authorized to restore one snapshot.
    pub snapshot_authorization_quota: usize,
    /// Seconds a snapshot spends `creating`.
    pub snapshot_creation_seconds: f64,
    /// Seconds a new cluster spends `creating`.
    pub cluster_creation_seconds: f64,
    /// Seconds a deleted cluster spends `deleting`.
    pub cluster_deletion_seconds: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            manual_snapshot_quota: 20,
            snapshot_authorization_quota: 20,
            snapshot_creation_seconds: 0.0,
            cluster_creation_seconds: 0.0,
            cluster_deletion_seconds: 0.0,
        }
    }
}

/// The world's clock: it follows the system clock (read by the door) until a
/// test sets it; from then on it stands where the test puts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    pub fixed: Option<Timestamp>,
}

impl Clock {
    /// The clock's reading, given what the system clock says now.
    pub fn now(&self, system: Timestamp) -> Timestamp {
        self.fixed.unwrap_or(system)
    }
}

/// A cluster as the engine keeps it: the model's `Cluster` plus its timings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    pub cluster: Cluster,
    /// When `creating` ends.
    pub available_at: Timestamp,
    /// When a cluster being deleted is gone.
    pub deleting_until: Option<Timestamp>,
    /// The snapshot the cluster was restored from, while no newer backup exists.
    pub restored_from: Option<String>,
}

/// A snapshot as the engine keeps it: the model's `Snapshot` with its fixed
/// members, and what its changing members are computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub snapshot: Snapshot,
    /// When `creating` ends.
    pub ready_at: Timestamp,
    /// A status a test forced, overriding the clock.
    pub forced_status: Option<String>,
    /// The retention period of an automated snapshot (its cluster's), in days.
    pub automated_retention_days: Option<i64>,
}

/// What one account holds in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub clusters: BTreeMap<String, ClusterRecord>,
    pub snapshots: BTreeMap<String, SnapshotRecord>,
}

/// One simulated AWS: every account and region, one clock.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct World {
    pub settings: Settings,
    pub clock: Clock,
    /// region -> account -> holdings.
    pub regions: BTreeMap<String, BTreeMap<String, Place>>,
    /// The earliest time at which [`World::tick`] has something to remove;
    /// derived, so not saved (the first tick after a load works it out).
    #[serde(skip)]
    next_event: Timestamp,
    /// Injected faults and the call log: a test's run, not the world's state.
    #[serde(skip)]
    pub controls: controls::Controls,
}

impl World {
    pub fn new(settings: Settings) -> World {
        World {
            settings,
            ..World::default()
        }
    }

    /// Empties the world, keeping its settings and clock; the call log and
    /// pending faults go too.
    pub fn reset(&mut self) {
        self.regions.clear();
        self.controls = controls::Controls::default();
    }

    /// The caller's holdings, if it has any.
    pub fn place(&self, ctx: &Context) -> Option<&Place> {
        self.regions
            .get(ctx.region)
            .and_then(|r| r.get(ctx.account))
    }

    /// The caller's holdings, for a change to what exists.
    pub fn place_mut(&mut self, ctx: &Context) -> Option<&mut Place> {
        self.regions
            .get_mut(ctx.region)
            .and_then(|r| r.get_mut(ctx.account))
    }

    /// The caller's holdings, made on first use.
    pub fn place_entry(&mut self, ctx: &Context) -> &mut Place {
        self.regions
            .entry(ctx.region.to_owned())
            .or_default()
            .entry(ctx.account.to_owned())
            .or_default()
    }

    /// Lets the clock's passage act: finished deletions and expired
    /// retention periods remove what they remove. Called before each
    /// operation; it costs nothing until something is due.
    pub fn tick(&mut self, now: Timestamp) {
        if now < self.next_event {
            return;
        }
        let mut next = Timestamp(i64::MAX);
        for region in self.regions.values_mut() {
            for place in region.values_mut() {
                place
                    .clusters
                    .retain(|_, c| c.deleting_until.is_none_or(|t| now < t));
                place
                    .snapshots
                    .retain(|_, s| s.expires_at().is_none_or(|t| now < t));
                let deletions = place.clusters.values().filter_map(|c| c.deleting_until);
                let expiries = place
                    .snapshots
                    .values()
                    .filter_map(SnapshotRecord::expires_at);
                next = deletions.chain(expiries).fold(next, Timestamp::min);
            }
        }
        self.next_event = next;
    }

    /// Tells [`World::tick`] that something may be due at `at`.
    pub fn note_event(&mut self, at: Option<Timestamp>) {
        if let Some(at) = at {
            self.next_event = self.next_event.min(at);
        }
    }

    /// Makes the next tick look at everything (after state changed wholesale).
    pub fn recheck_events(&mut self) {
        self.next_event = Timestamp(i64::MIN);
    }
}

/// Days a manual snapshot is kept: -1 (forever) or 1..=3653.
pub fn check_manual_retention(days: i64) -> Outcome<i64> {
    if days == -1 || (1..=3653).contains(&days) {
        Ok(days)
    } else {
        Err(RedshiftError::InvalidManualRetention(days))
    }
}

/// Tags a resource may carry (doc: AWS's tag requirements): at most 50; keys
/// of 1 to 128 characters outside the reserved `aws:` space, values of at
/// most 256; both of Unicode letters, digits, white space and `_ . : / = + - @`.
pub fn check_tags(tags: &[crate::model::Tag]) -> Outcome<()> {
    if tags.len() > 50 {
        return Err(RedshiftError::TagLimitExceeded);
    }
    for tag in tags {
        let key = tag.key.as_deref().unwrap_or("");
        let value = tag.value.as_deref().unwrap_or("");
        let key_length = key.chars().count();
        if key_length == 0 || key_length > 128 || key.to_ascii_lowercase().starts_with("aws:") {
            return Err(RedshiftError::InvalidTagKey(key.to_owned()));
        }
        if value.chars().count() > 256 {
            return Err(RedshiftError::TagValueTooLong(key.to_owned()));
        }
        for (member, text) in [("key", key), ("value", value)] {
            if let Some(character) = text.chars().find(|&c| !is_tag_char(c)) {
                return Err(RedshiftError::InvalidTagCharacter { member, character });
            }
        }
    }
    Ok(())
}

/// A character of AWS's tag pattern, `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
fn is_tag_char(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory::*};
    matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
        || matches!(
            get_general_category(c),
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | SpaceSeparator
                | LineSeparator
                | ParagraphSeparator
                | DecimalNumber
                | LetterNumber
                | OtherNumber
        )
}

/// The `MaxRecords` a listing accepts: `(min, max, default)`.
pub type PageLimits = (i64, i64, usize);

/// DescribeClusters and DescribeClusterSnapshots: 20..=100, default 100.
pub const DESCRIBE_PAGE: PageLimits = (20, 100, 100);

/// The page size a call's `MaxRecords` asks for, within `limits`.
pub fn page_size(max_records: Option<i64>, (min, max, default): PageLimits) -> Outcome<usize> {
    match max_records {
        None => Ok(default),
        Some(n) if (min..=max).contains(&n) => Ok(n as usize),
        Some(_) => Err(RedshiftError::MaxRecordsOutOfRange { min, max }),
    }
}

/// A page marker: the sort key of the last item returned, so the next page
/// starts right after it even when items come and go between calls.
pub fn encode_marker(key: &serde_json::Value) -> String {
    key.to_string()
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a marker made by [`encode_marker`].
pub fn decode_marker(marker: &str) -> Outcome<serde_json::Value> {
    let invalid = || RedshiftError::InvalidMarker(marker.to_owned());
    if !marker.len().is_multiple_of(2) {
        return Err(invalid());
    }
    let bytes = (0..marker.len())
        .step_by(2)
        .map(|i| {
            marker
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(invalid)?;
    serde_json::from_slice(&bytes).map_err(|_| invalid())
}

/// Reads a marker made by [`encode_marker`] for a listing whose keys look
/// like `fits` says; a marker of another listing (or another order) would
/// otherwise restart or end the listing silently.
pub fn read_marker(
    marker: &str,
    fits: impl FnOnce(&serde_json::Value) -> bool,
) -> Outcome<serde_json::Value> {
    let key = decode_marker(marker)?;
    if fits(&key) {
        Ok(key)
    } else {
        Err(RedshiftError::InvalidMarker(marker.to_owned()))
    }
}

/// The `(key, value)` pairs of the tag filters of a describe call: a resource
/// matches when one of its tags has a key among `keys` and a value among
/// `values` (either list may be absent).
pub fn tags_match(
    tags: &[crate::model::Tag],
    keys: Option<&[String]>,
    values: Option<&[String]>,
) -> bool {
    tags.iter().any(|t| {
        let key_ok = keys.is_none_or(|ks| ks.iter().any(|k| Some(k.as_str()) == t.key.as_deref()));
        let value_ok =
            values.is_none_or(|vs| vs.iter().any(|v| Some(v.as_str()) == t.value.as_deref()));
        key_ok && value_ok
    })
}

/// A stable, well-spread 64-bit hash (FNV-1a), for generated names.
pub fn hash64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn markers_round_trip_and_reject_garbage() {
        let key = serde_json::json!([1, "a"]);
        assert_eq!(decode_marker(&encode_marker(&key)).unwrap(), key);
        assert_eq!(
            decode_marker("zz").unwrap_err().code(),
            "InvalidParameterValue"
        );
        assert_eq!(
            decode_marker("abc").unwrap_err().code(),
            "InvalidParameterValue"
        );
        let marker = encode_marker(&key);
        assert_eq!(read_marker(&marker, Value::is_array).unwrap(), key);
        assert_eq!(
            read_marker(&marker, Value::is_string)
                .unwrap_err()
                .to_string(),
            format!("Invalid marker: {marker}")
        );
    }

    #[test]
    fn retention_periods() {
        assert!(check_manual_retention(-1).is_ok());
        assert!(check_manual_retention(1).is_ok());
        assert!(check_manual_retention(3653).is_ok());
        for bad in [0, -2, 3654] {
            assert_eq!(
                check_manual_retention(bad).unwrap_err().code(),
                "InvalidRetentionPeriodFault"
            );
        }
    }

    #[test]
    fn tags_follow_aws_pattern() {
        let tag = |k: &str, v: &str| crate::model::Tag {
            key: Some(k.into()),
            value: Some(v.into()),
        };
        let ok = ["k", "Kéy 1_.:/=+-@", "日本\u{2028}٣"];
        for text in ok {
            assert_eq!(check_tags(&[tag(text, text)]), Ok(()), "{text:?}");
        }
        assert_eq!(
            check_tags(&[tag(&"é".repeat(128), &"é".repeat(256))]),
            Ok(())
        );
        for (key, value, member, character) in [
            ("k", "a\u{1}b", "value", '\u{1}'),
            ("k\tx", "v", "key", '\t'),
            ("k", "\u{fffe}", "value", '\u{fffe}'),
            ("k#", "v", "key", '#'),
        ] {
            let e = check_tags(&[tag(key, value)]).unwrap_err();
            assert_eq!(e, RedshiftError::InvalidTagCharacter { member, character });
            assert_eq!(e.code(), "InvalidTagFault");
        }
    }

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(None, DESCRIBE_PAGE).unwrap(), 100);
        assert_eq!(page_size(Some(20), DESCRIBE_PAGE).unwrap(), 20);
        assert!(page_size(Some(19), DESCRIBE_PAGE).is_err());
        assert!(page_size(Some(101), DESCRIBE_PAGE).is_err());
    }
}
