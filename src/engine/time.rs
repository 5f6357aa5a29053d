//! Time only moves things forward: every transition (a snapshot done
//! creating, a cluster done creating or deleting, a retention period ending,
//! and every later one) is a wake-up on the world's timeline. When a call
//! sees the clock past some wake-ups, they run in time order, each at its own
//! time, and what they change stays changed: a clock set back later never
//! returns a record to an earlier state.
//!
//! A wake-up only says "look at this record at that time"; the record's own
//! timings decide what, if anything, happens. So a wake-up made stale by a
//! later change (a retention period modified, a snapshot deleted and its name
//! reused) does nothing.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::name::Name;
use super::resources::ResourceKind;
use crate::model::Timestamp;

/// Which record to look at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Wakeup {
    pub region: Name,
    pub account: Name,
    pub kind: ResourceKind,
    pub key: Name,
}

/// The wake-ups still to come, in time order (then in the order they were made).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    due: BTreeSet<(Timestamp, u64, Wakeup)>,
    made: u64,
}

impl Timeline {
    /// Asks for `wakeup` at `at`.
    pub fn schedule(&mut self, at: Timestamp, wakeup: Wakeup) {
        self.made += 1;
        self.due.insert((at, self.made, wakeup));
    }

    /// The earliest wake-up due by `now`, taken off the timeline.
    pub fn pop_due(&mut self, now: Timestamp) -> Option<(Timestamp, Wakeup)> {
        if self.due.first()?.0 > now {
            return None;
        }
        self.due.pop_first().map(|(at, _, w)| (at, w))
    }

    /// Every wake-up still to come.
    pub fn pending(&self) -> impl Iterator<Item = (Timestamp, &Wakeup)> {
        self.due.iter().map(|(at, _, w)| (*at, w))
    }

    pub fn clear(&mut self) {
        self.due.clear();
    }
}

#[cfg(test)]
mod tests;
