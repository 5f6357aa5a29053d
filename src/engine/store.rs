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
    type Order: Ord + Clone + Debug + Serialize + DeserializeOwned;
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

/// The `Record` of a type listed in key order and keyed by one of its
/// fields; `counted` when every record counts against the type's quota.
macro_rules! keyed_record {
    ($record:ty, $key:ident) => {
        $crate::engine::store::keyed_record!($record, $key, false);
    };
    ($record:ty, $key:ident, counted) => {
        $crate::engine::store::keyed_record!($record, $key, true);
    };
    ($record:ty, $key:ident, $counted:literal) => {
        impl $crate::engine::store::Record for $record {
            type Order = ();
            fn key(&self) -> &$crate::engine::name::Name {
                &self.$key
            }
            fn order(&self) {}
            fn counted(&self) -> bool {
                $counted
            }
        }
    };
}
pub(crate) use keyed_record;

/// Where a listing resumes: the order and key of the last record it gave.
pub type Position<R> = (<R as Record>::Order, Name);

/// The records of one resource type of one account in one region: kept in
/// slots, found by key, walked by the indexes without a second lookup.
#[derive(Debug, Clone)]
pub struct Store<R: Record> {
    slots: Vec<Option<R>>,
    free: Vec<usize>,
    by_key: BTreeMap<Name, usize>,
    order: BTreeSet<(R::Order, Name, usize)>,
    /// Each group's records in listing order (the group named once).
    groups: BTreeMap<Name, BTreeSet<(R::Order, Name, usize)>>,
    counted: usize,
}

impl<R: Record> Default for Store<R> {
    fn default() -> Self {
        Store {
            slots: Vec::new(),
            free: Vec::new(),
            by_key: BTreeMap::new(),
            order: BTreeSet::new(),
            groups: BTreeMap::new(),
            counted: 0,
        }
    }
}

/// Two stores are equal when they hold equal records, wherever they sit.
impl<R: Record> PartialEq for Store<R> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.values().eq(other.values())
    }
}

impl<R: Record> Store<R> {
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// How many records count against the type's quota.
    pub fn counted(&self) -> usize {
        self.counted
    }

    fn slot(&self, at: usize) -> Option<&R> {
        self.slots.get(at).and_then(Option::as_ref)
    }

    pub fn get(&self, key: &str) -> Option<&R> {
        self.by_key.get(key).and_then(|&at| self.slot(at))
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The record, for a change that leaves its key, order, group and
    /// counting alone.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut R> {
        let at = *self.by_key.get(key)?;
        self.slots.get_mut(at).and_then(Option::as_mut)
    }

    /// Every record, by key.
    pub fn values(&self) -> impl Iterator<Item = &R> {
        self.by_key.values().filter_map(|&at| self.slot(at))
    }

    /// Every record, for a change that leaves keys, orders, groups and
    /// counting alone.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut R> {
        self.slots.iter_mut().filter_map(Option::as_mut)
    }

    /// Adds a record, replacing one of the same key.
    pub fn insert(&mut self, record: R) -> Option<R> {
        let key = record.key().clone();
        let old = self.remove(&key);
        let at = match self.free.pop() {
            Some(at) => at,
            None => {
                self.slots.push(None);
                self.slots.len() - 1
            }
        };
        self.order.insert((record.order(), key.clone(), at));
        if let Some(group) = record.group() {
            self.groups
                .entry(group.clone())
                .or_default()
                .insert((record.order(), key.clone(), at));
        }
        self.counted += usize::from(record.counted());
        self.by_key.insert(key, at);
        self.slots[at] = Some(record);
        old
    }

    pub fn remove(&mut self, key: &str) -> Option<R> {
        let at = self.by_key.remove(key)?;
        let record = self.slots.get_mut(at)?.take()?;
        self.free.push(at);
        let key = record.key().clone();
        self.order.remove(&(record.order(), key.clone(), at));
        if let Some(group) = record.group() {
            if let Some(members) = self.groups.get_mut(group) {
                members.remove(&(record.order(), key, at));
                if members.is_empty() {
                    self.groups.remove(group);
                }
            }
        }
        self.counted -= usize::from(record.counted());
        Some(record)
    }

    /// The records in listing order, from `from`.
    pub fn walk<'a>(&'a self, from: Bound<Position<R>>) -> impl Iterator<Item = &'a R> + 'a {
        self.walk_set(&self.order, from)
    }

    /// The records of an index set in its order, from `from`.
    fn walk_set<'a>(
        &'a self,
        set: &'a BTreeSet<(R::Order, Name, usize)>,
        from: Bound<Position<R>>,
    ) -> impl Iterator<Item = &'a R> + 'a {
        let start = match from {
            Bound::Included((order, key)) => Bound::Included((order, key, 0)),
            Bound::Excluded((order, key)) => Bound::Excluded((order, key, usize::MAX)),
            Bound::Unbounded => Bound::Unbounded,
        };
        set.range((start, Bound::Unbounded))
            .filter_map(|(_, _, at)| self.slot(*at))
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
        self.groups
            .get(group)
            .into_iter()
            .flat_map(move |members| self.walk_set(members, from.clone()))
    }
}

// A store is saved as its records alone; the indexes are made anew on load.
impl<R: Record> Serialize for Store<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.values())
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
