//! The one store of every resource type: the records of one account in one
//! region, by identifier, with the indexes a listing walks so that a page
//! costs O(page + log n): the listing order, and the order within each group
//! (a snapshot's group is its cluster).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::ops::Bound;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::name::Name;

/// A record a [`Store`] holds. Its key, order and group never change while
/// it is stored (a rename is a removal and an insertion).
pub trait Record: Clone + Debug + PartialEq + Serialize + DeserializeOwned {
    /// What a listing orders records by, before their key (`()` for key order).
    type Order: Ord + Clone + Debug + Serialize + DeserializeOwned + MinValue;
    fn key(&self) -> &Name;
    fn order(&self) -> Self::Order;
    /// The group the record belongs to, if its type has groups.
    fn group(&self) -> Option<&Name> {
        None
    }
    /// Whether the record counts against its type's quota (the store keeps
    /// the count, so a quota check costs nothing).
    fn counted(&self) -> bool {
        false
    }
}

/// Where a listing resumes: the order and key of the last record it gave.
pub type Position<R> = (<R as Record>::Order, Name);

/// The records of one resource type of one account in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Store<R: Record> {
    items: BTreeMap<Name, R>,
    order: BTreeSet<(R::Order, Name)>,
    groups: BTreeSet<(Name, R::Order, Name)>,
    counted: usize,
}

impl<R: Record> Default for Store<R> {
    fn default() -> Self {
        Store {
            items: BTreeMap::new(),
            order: BTreeSet::new(),
            groups: BTreeSet::new(),
            counted: 0,
        }
    }
}

impl<R: Record> Store<R> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many records count against the type's quota.
    pub fn counted(&self) -> usize {
        self.counted
    }

    pub fn get(&self, key: &str) -> Option<&R> {
        self.items.get(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.items.contains_key(key)
    }

    /// The record, for a change that leaves its key, order and group alone.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut R> {
        self.items.get_mut(key)
    }

    /// Every record, by key.
    pub fn values(&self) -> impl Iterator<Item = &R> {
        self.items.values()
    }

    /// Every record, by key, for a change that leaves keys, orders and groups alone.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut R> {
        self.items.values_mut()
    }

    /// Adds a record, replacing one of the same key.
    pub fn insert(&mut self, record: R) -> Option<R> {
        let key = record.key().clone();
        let old = self.remove(&key);
        self.order.insert((record.order(), key.clone()));
        if let Some(group) = record.group() {
            self.groups
                .insert((group.clone(), record.order(), key.clone()));
        }
        self.counted += usize::from(record.counted());
        self.items.insert(key, record);
        old
    }

    pub fn remove(&mut self, key: &str) -> Option<R> {
        let record = self.items.remove(key)?;
        let key = record.key().clone();
        self.order.remove(&(record.order(), key.clone()));
        if let Some(group) = record.group() {
            self.groups.remove(&(group.clone(), record.order(), key));
        }
        self.counted -= usize::from(record.counted());
        Some(record)
    }

    /// Removes every record `doomed` picks, and returns them.
    pub fn remove_where(&mut self, doomed: impl Fn(&R) -> bool) -> Vec<R> {
        let keys: Vec<Name> = self
            .items
            .values()
            .filter(|r| doomed(r))
            .map(|r| r.key().clone())
            .collect();
        keys.iter().filter_map(|k| self.remove(k)).collect()
    }

    /// The records in listing order, from `from`.
    pub fn walk<'a>(&'a self, from: Bound<Position<R>>) -> impl Iterator<Item = &'a R> + 'a {
        self.order
            .range((from, Bound::Unbounded))
            .filter_map(|(_, key)| self.items.get(key))
    }

    /// The records in listing order, from just after `after` (or the first).
    pub fn after<'a>(&'a self, after: Option<&Position<R>>) -> impl Iterator<Item = &'a R> + 'a {
        self.walk(after.map_or(Bound::Unbounded, |p| Bound::Excluded(p.clone())))
    }

    /// The records of `group` in listing order, from `from`.
    pub fn walk_group<'a>(
        &'a self,
        group: &Name,
        from: Bound<Position<R>>,
    ) -> impl Iterator<Item = &'a R> + 'a {
        let group = group.clone();
        let start = match from {
            Bound::Included((order, key)) => Bound::Included((group.clone(), order, key)),
            Bound::Excluded((order, key)) => Bound::Excluded((group.clone(), order, key)),
            Bound::Unbounded => {
                Bound::Included((group.clone(), R::Order::min_value(), Name::from("")))
            }
        };
        self.groups
            .range((start, Bound::Unbounded))
            .take_while(move |(g, _, _)| *g == group)
            .filter_map(|(_, _, key)| self.items.get(key))
    }
}

/// The least value of an order, where a group's listing starts.
pub trait MinValue {
    fn min_value() -> Self;
}

impl MinValue for () {
    fn min_value() {}
}

impl MinValue for crate::model::Timestamp {
    fn min_value() -> Self {
        crate::model::Timestamp(i64::MIN)
    }
}

// A store is saved as its records alone; the indexes are made anew on load.
impl<R: Record> Serialize for Store<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.items.values())
    }
}

impl<'de, R: Record> Deserialize<'de> for Store<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let records = Vec::<R>::deserialize(d)?;
        let mut store = Store::default();
        for record in records {
            if store.insert(record).is_some() {
                return Err(serde::de::Error::custom(
                    "two records have the same identifier",
                ));
            }
        }
        Ok(store)
    }
}

#[cfg(test)]
mod tests;
