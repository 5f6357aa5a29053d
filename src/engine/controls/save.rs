//! The world saved as JSON and loaded back. A loaded world is checked as a
//! constructed one is: anything the API could never have made (a negative
//! duration, an account id that is not 12 digits, an identifier AWS would
//! refuse, a time Python cannot hold) is refused with the member it is in.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::super::catalog;
use super::super::clusters::{ClusterFacts, ClusterRecord};
use super::super::identifiers::{is_account_id, new_cluster_identifier, new_snapshot_identifier};
use super::super::name::Name;
use super::super::resources::ResourceKind;
use super::super::snapshots::{Retention, SnapshotRecord, SnapshotStatus};
use super::super::tags::check_tags;
use super::super::time::Wakeup;
use super::super::{check_manual_retention, World};
use crate::errors::ControlError;
use crate::model::Timestamp;

/// The `format` member of a saved world.
const SAVE_FORMAT: &str = "redshift-fake world";
/// The version of the saved layout this build writes and reads.
const SAVE_VERSION: u32 = 2;

/// A saved world, as written.
#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'static str,
    version: u32,
    account_id: &'a str,
    world: &'a World,
}

/// A saved world, as read.
#[derive(Deserialize)]
struct Saved {
    format: String,
    version: u32,
    account_id: String,
    world: World,
}

fn invalid(message: impl Into<String>) -> ControlError {
    ControlError::InvalidSave(message.into())
}

fn check_time(what: &str, t: Timestamp) -> Result<(), ControlError> {
    if (Timestamp::MIN..=Timestamp::MAX).contains(&t) {
        Ok(())
    } else {
        Err(invalid(format!(
            "{what} is {} microseconds since 1970, outside the years 1 to 9999",
            t.0
        )))
    }
}

impl World {
    /// The whole world as JSON, with the default account of its clients.
    pub fn save_json(&self, account_id: &str) -> Result<String, ControlError> {
        let saved = SavedRef {
            format: SAVE_FORMAT,
            version: SAVE_VERSION,
            account_id,
            world: self,
        };
        serde_json::to_string(&saved).map_err(|e| ControlError::Unsavable(e.to_string()))
    }

    /// A world saved by [`World::save_json`], and its default account, once
    /// checked. Its controls start empty.
    pub fn load_json(text: &str) -> Result<(World, String), ControlError> {
        let saved: Saved = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if saved.format != SAVE_FORMAT || saved.version != SAVE_VERSION {
            return Err(invalid(format!(
                "expected format {SAVE_FORMAT:?} version {SAVE_VERSION}, got {:?} version {}",
                saved.format, saved.version
            )));
        }
        if !is_account_id(&saved.account_id) {
            return Err(invalid(format!(
                "account_id {:?} is not a 12-digit account id",
                saved.account_id
            )));
        }
        let mut world = saved.world;
        world.check()?;
        world.rebuild_derived();
        Ok((world, saved.account_id))
    }

    /// Refuses a world the API could not have made, naming where.
    fn check(&self) -> Result<(), ControlError> {
        self.settings
            .check()
            .map_err(|e| invalid(format!("settings: {e}")))?;
        if let Some(t) = self.clock.fixed {
            check_time("clock.fixed", t)?;
        }
        let mut due = HashSet::new();
        for (at, wakeup) in self.timeline.pending() {
            check_time(&format!("a timeline wake-up of {}", wakeup.key), at)?;
            due.insert((wakeup, at));
        }
        // A record on its way somewhere must have its wake-up, or it would
        // stay where it is forever.
        let awaited = |region: &Name, account: &Name, kind, key: &Name, at| {
            let wakeup = Wakeup {
                region: region.clone(),
                account: account.clone(),
                kind,
                key: key.clone(),
            };
            due.contains(&(&wakeup, at))
        };
        for (region, accounts) in &self.regions {
            if region.is_empty()
                || !region
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(invalid(format!("region {region:?} is not a region name")));
            }
            for (account, place) in accounts {
                let at = format!("regions.{region}.{account}");
                if !is_account_id(account) {
                    return Err(invalid(format!(
                        "{at}: {account:?} is not a 12-digit account id"
                    )));
                }
                for c in place.clusters.values() {
                    let at = format!("{at}.clusters.{}", c.identifier());
                    check_cluster(&at, c)?;
                    if let Some(until) = c.until {
                        if !awaited(
                            region,
                            account,
                            ResourceKind::Cluster,
                            c.identifier(),
                            until,
                        ) {
                            return Err(invalid(format!(
                                "{at}: no wake-up ends its {} status",
                                c.status.as_str()
                            )));
                        }
                    }
                }
                for s in place.snapshots.values() {
                    let at = format!("{at}.snapshots.{}", s.id);
                    check_snapshot(&at, s)?;
                    if s.status == SnapshotStatus::Creating
                        && !awaited(region, account, ResourceKind::Snapshot, &s.id, s.ready_at)
                    {
                        return Err(invalid(format!(
                            "{at}: no wake-up ends its creating status"
                        )));
                    }
                }
                World::check_saved_place(place, |kind, key, at| {
                    awaited(region, account, kind, key, at)
                })
                .map_err(|e| invalid(format!("{at}.{e}")))?;
                for (kind, key, tags) in place.tags.entries() {
                    check_tags(tags).map_err(|e| invalid(format!("{at}.tags.{key}: {e}")))?;
                    let owner = super::super::Context {
                        account,
                        region,
                        now: Timestamp(0),
                    };
                    if self.arn_path_of(&owner, kind, key).is_none() {
                        return Err(invalid(format!(
                            "{at}.tags: no {} {key} to carry them",
                            kind.arn_type()
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Makes anew what a save leaves out: the grantees' indexes, and one
    /// shared copy of each distinct set of cluster facts.
    fn rebuild_derived(&mut self) {
        let mut interned: HashMap<ClusterFacts, Arc<ClusterFacts>> = HashMap::new();
        let mut intern = |facts: &mut Arc<ClusterFacts>| {
            let shared = interned
                .entry((**facts).clone())
                .or_insert_with(|| Arc::clone(facts));
            *facts = Arc::clone(shared);
        };
        let mut grants = Vec::new();
        for (region, accounts) in &mut self.regions {
            for (account, place) in accounts.iter_mut() {
                for c in place.clusters.values_mut() {
                    intern(&mut c.facts);
                }
                for s in place.snapshots.values_mut() {
                    intern(&mut s.facts);
                    for grantee in &s.grantees {
                        grants.push((
                            region.clone(),
                            grantee.clone(),
                            s.id.clone(),
                            account.clone(),
                        ));
                    }
                }
            }
        }
        for (region, grantee, id, owner) in grants {
            self.regions
                .entry(region)
                .or_default()
                .entry(grantee)
                .or_default()
                .shared_with_me
                .insert((id, owner));
        }
    }
}

fn check_facts(at: &str, f: &ClusterFacts) -> Result<(), ControlError> {
    let e = |m: String| invalid(format!("{at}: {m}"));
    new_cluster_identifier("ClusterIdentifier", &f.cluster_identifier)
        .map_err(|x| e(x.to_string()))?;
    if *f.cluster_identifier != f.cluster_identifier.to_ascii_lowercase() {
        return Err(e(
            "ClusterIdentifier must be lowercase, as AWS stores it".to_owned()
        ));
    }
    if !(1..=128).contains(&f.number_of_nodes) {
        return Err(e(format!(
            "NumberOfNodes must be 1 to 128, got {}",
            f.number_of_nodes
        )));
    }
    if !(1150..=65535).contains(&f.port) {
        return Err(e(format!("Port must be 1150 to 65535, got {}", f.port)));
    }
    check_time(&format!("{at}.ClusterCreateTime"), f.cluster_create_time)
}

fn check_cluster(at: &str, c: &ClusterRecord) -> Result<(), ControlError> {
    let e = |m: String| invalid(format!("{at}: {m}"));
    check_facts(at, &c.facts)?;
    if catalog::node_type(&c.facts.node_type).is_none() {
        return Err(e(format!(
            "NodeType {} is not a node type",
            c.facts.node_type
        )));
    }
    if !(0..=35).contains(&c.automated_retention_days) {
        return Err(e(format!(
            "AutomatedSnapshotRetentionPeriod must be 0 to 35, got {}",
            c.automated_retention_days
        )));
    }
    check_manual_retention(c.manual_retention_days).map_err(|x| e(x.to_string()))?;
    if let Some(until) = c.until {
        check_time(&format!("{at}.until"), until)?;
    }
    Ok(())
}

fn check_snapshot(at: &str, s: &SnapshotRecord) -> Result<(), ControlError> {
    let e = |m: String| invalid(format!("{at}: {m}"));
    check_facts(at, &s.facts)?;
    let id = match s.retention {
        Retention::Manual { days, start } => {
            check_manual_retention(days).map_err(|x| e(x.to_string()))?;
            check_time(&format!("{at}.SnapshotRetentionStartTime"), start)?;
            s.id.to_string()
        }
        Retention::Automated { days } => {
            if !(0..=35).contains(&days) {
                return Err(e(format!(
                    "an automated retention period must be 0 to 35, got {days}"
                )));
            }
            s.id.strip_prefix("rs:")
                .ok_or_else(|| e("an automated snapshot's identifier begins with rs:".to_owned()))?
                .to_owned()
        }
    };
    let valid = new_snapshot_identifier("SnapshotIdentifier", &id).map_err(|x| e(x.to_string()))?;
    if valid != id {
        return Err(e(
            "SnapshotIdentifier must be lowercase, as AWS stores it".to_owned()
        ));
    }
    for (name, size) in [("size_mb", s.size_mb), ("incremental_mb", s.incremental_mb)] {
        if !(size.is_finite() && size >= 0.0) {
            return Err(e(format!(
                "{name} must be a finite number >= 0, got {size}"
            )));
        }
    }
    for (i, grantee) in s.grantees.iter().enumerate() {
        if !is_account_id(grantee) || s.grantees[..i].contains(grantee) {
            return Err(e(format!(
                "grantees need distinct 12-digit account ids, got {grantee:?}"
            )));
        }
    }
    check_time(&format!("{at}.SnapshotCreateTime"), s.created_at)?;
    check_time(&format!("{at}.ready_at"), s.ready_at)
}
