//! The store: its records, the indexes its listings walk, its quota count,
//! and its saved form.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::{Record, Store};
use crate::engine::name::Name;
use crate::model::Timestamp;

/// A record of the smallest kind that has everything a record may have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Item {
    key: Name,
    at: Timestamp,
    group: Option<Name>,
    counted: bool,
    /// What a change may alter in place.
    note: u32,
}

impl Record for Item {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.key
    }
    fn order(&self) -> Timestamp {
        self.at
    }
    fn group(&self) -> Option<&Name> {
        self.group.as_ref()
    }
    fn counted(&self) -> bool {
        self.counted
    }
}

fn item(key: &str, at: i64, group: Option<&str>, counted: bool) -> Item {
    Item {
        key: Name::from(key),
        at: Timestamp(at),
        group: group.map(Name::from),
        counted,
        note: 0,
    }
}

/// A store of `(key, time, group)` items, every other one counted.
fn store(items: &[(&str, i64, Option<&str>)]) -> Store<Item> {
    let mut s = Store::default();
    for (i, (key, at, group)) in items.iter().enumerate() {
        assert!(s.insert(item(key, *at, *group, i % 2 == 0)).is_none());
    }
    assert_indexed(&s);
    s
}

/// The indexes and the count say what the records say.
fn assert_indexed(s: &Store<Item>) {
    let slot = |at: usize| {
        s.slots[at]
            .as_ref()
            .expect("an index points at a filled slot")
    };
    let order: BTreeSet<_> = s
        .by_key
        .values()
        .map(|&at| (slot(at).at, slot(at).key.clone(), at))
        .collect();
    assert_eq!(s.order, order);
    let mut groups: BTreeMap<Name, BTreeSet<_>> = BTreeMap::new();
    for &at in s.by_key.values() {
        if let Some(group) = slot(at).group.clone() {
            groups
                .entry(group)
                .or_default()
                .insert((slot(at).at, slot(at).key.clone(), at));
        }
    }
    assert_eq!(s.groups, groups, "no group is left empty");
    assert_eq!(s.counted, s.values().filter(|r| r.counted).count());
    assert!(s.by_key.iter().all(|(k, &at)| *k == slot(at).key));
    let filled = s.slots.iter().filter(|r| r.is_some()).count();
    assert_eq!(
        filled + s.free.len(),
        s.slots.len(),
        "every slot is filled or free"
    );
    assert_eq!(filled, s.len());
}

fn keys<'a>(walk: impl Iterator<Item = &'a Item>) -> Vec<&'a str> {
    walk.map(|r| r.key.as_str()).collect()
}

fn sample() -> Store<Item> {
    store(&[
        ("d", 30, Some("c1")),
        ("a", 10, Some("c1")),
        ("c", 20, Some("c10")),
        ("b", 20, Some("c1")),
        ("e", 40, None),
        ("f", 50, Some("c2")),
    ])
}

#[test]
fn records_are_found_by_key() {
    let mut s = sample();
    assert_eq!((s.len(), s.is_empty()), (6, false));
    assert_eq!(s.get("a").map(|r| r.at), Some(Timestamp(10)));
    assert!(s.contains("f") && !s.contains("A") && s.get("z").is_none());
    assert_eq!(keys(s.values()), ["a", "b", "c", "d", "e", "f"]);
    s.get_mut("a").unwrap().note = 7;
    assert_eq!(s.get("a").map(|r| r.note), Some(7));
    assert_indexed(&s);
    assert!(Store::<Item>::default().is_empty());
}

#[test]
fn the_walk_is_in_listing_order_then_by_key() {
    let s = sample();
    assert_eq!(
        keys(s.walk(Bound::Unbounded)),
        ["a", "b", "c", "d", "e", "f"]
    );
    let at_20 = (Timestamp(20), Name::from(""));
    assert_eq!(
        keys(s.walk(Bound::Included(at_20))),
        ["b", "c", "d", "e", "f"]
    );
    let b = (Timestamp(20), Name::from("b"));
    assert_eq!(
        keys(s.walk(Bound::Excluded(b.clone()))),
        ["c", "d", "e", "f"]
    );
    assert_eq!(keys(s.after(Some(&b))), ["c", "d", "e", "f"]);
    assert_eq!(keys(s.after(None)).len(), 6);
    // A position whose record is gone still has its place.
    let gone = (Timestamp(25), Name::from("zz"));
    assert_eq!(keys(s.after(Some(&gone))), ["d", "e", "f"]);
    assert!(s
        .after(Some(&(Timestamp(50), Name::from("f"))))
        .next()
        .is_none());
}

#[test]
fn a_group_is_walked_alone() {
    let s = sample();
    let c1 = Name::from("c1");
    // c10 sorts right after c1 but is another group.
    assert_eq!(keys(s.walk_group(&c1, Bound::Unbounded)), ["a", "b", "d"]);
    let b = (Timestamp(20), Name::from("b"));
    assert_eq!(keys(s.walk_group(&c1, Bound::Excluded(b.clone()))), ["d"]);
    assert_eq!(keys(s.walk_group(&c1, Bound::Included(b))), ["b", "d"]);
    assert_eq!(
        keys(s.walk_group(&Name::from("c10"), Bound::Unbounded)),
        ["c"]
    );
    assert!(s
        .walk_group(&Name::from("c3"), Bound::Unbounded)
        .next()
        .is_none());
    // Records of no group are in no group's walk.
    assert!(s
        .walk_group(&Name::from(""), Bound::Unbounded)
        .next()
        .is_none());
}

#[test]
fn the_earliest_time_starts_a_group() {
    let s = store(&[("old", i64::MIN, Some("g")), ("new", 0, Some("g"))]);
    assert_eq!(
        keys(s.walk_group(&Name::from("g"), Bound::Unbounded)),
        ["old", "new"]
    );
}

#[test]
fn insert_replaces_and_remove_takes_out_of_every_index() {
    let mut s = sample();
    assert_eq!(s.counted(), 3);
    // Replacing a record moves it in every index and recounts it.
    let old = s.insert(item("a", 60, Some("c2"), true)).unwrap();
    assert_eq!((old.at, old.counted), (Timestamp(10), false));
    assert_indexed(&s);
    assert_eq!(s.counted(), 4);
    assert_eq!(
        keys(s.walk(Bound::Unbounded)),
        ["b", "c", "d", "e", "f", "a"]
    );
    assert_eq!(
        keys(s.walk_group(&Name::from("c2"), Bound::Unbounded)),
        ["f", "a"]
    );
    let removed = s.remove("d").unwrap();
    assert_eq!(removed.key, "d");
    assert!(s.remove("d").is_none());
    assert_indexed(&s);
    assert_eq!(
        keys(s.walk_group(&Name::from("c1"), Bound::Unbounded)),
        ["b"]
    );
    let gone: Vec<Item> = ["a", "e", "f"].iter().filter_map(|k| s.remove(k)).collect();
    assert_eq!(keys(gone.iter()), ["a", "e", "f"]);
    assert_indexed(&s);
    assert_eq!(keys(s.values()), ["b", "c"]);
    for key in ["b", "c"] {
        s.remove(key);
    }
    assert_eq!(s, Store::default());
}

#[test]
fn a_change_through_values_mut_keeps_the_indexes() {
    let mut s = sample();
    for r in s.values_mut() {
        r.note += 1;
    }
    assert!(s.values().all(|r| r.note == 1));
    assert_indexed(&s);
}

#[test]
fn a_store_is_saved_as_its_records_and_indexed_anew_on_load() {
    let s = sample();
    let saved = serde_json::to_value(&s).unwrap();
    let records = saved.as_array().expect("a list of records");
    assert_eq!(records.len(), 6);
    assert!(records
        .iter()
        .all(|r| r.as_object().is_some_and(|o| o.len() == 5)));
    let loaded: Store<Item> = serde_json::from_value(saved).unwrap();
    assert_indexed(&loaded);
    assert_eq!(loaded, s);
    assert_eq!(
        keys(loaded.walk(Bound::Unbounded)),
        keys(s.walk(Bound::Unbounded))
    );
    assert_eq!(loaded.counted(), 3);
}

#[test]
fn a_saved_store_with_a_key_twice_is_refused() {
    let twice = serde_json::json!([
        {"key": "a", "at": 1, "group": null, "counted": true, "note": 0},
        {"key": "a", "at": 2, "group": null, "counted": false, "note": 0},
    ]);
    let err = serde_json::from_value::<Store<Item>>(twice).unwrap_err();
    assert!(
        err.to_string()
            .contains("two records have the same identifier"),
        "{err}"
    );
}
