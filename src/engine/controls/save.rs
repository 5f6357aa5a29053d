//! The world saved as JSON and loaded back. A loaded world is checked as a
//! constructed one is: anything the API could never have made (a negative
//! duration, an account id that is not 12 digits, an identifier AWS would
//! refuse, a time Python cannot hold) is refused with the member it is in.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::super::clusters::{ClusterFacts, ClusterRecord};
use super::super::identifiers::{
    is_account_id, new_cluster_identifier, new_identifier, new_snapshot_identifier,
};
use super::super::name::Name;
use super::super::references::ClusterReferences;
use super::super::resources::{check_saved_time, ResourceKind};
use super::super::snapshot_copy::{check_copy_retention, check_destination};
use super::super::snapshot_copy_grants::new_grant_name;
use super::super::snapshot_schedules::definitions::Definition;
use super::super::snapshot_schedules::ScheduleRecord;
use super::super::snapshots::{Retention, SnapshotRecord, SnapshotStatus};
use super::super::table_restore::TableRestoreRecord;
use super::super::tags::check_tags;
use super::super::time::Wakeup;
use super::super::Place;
use super::super::{check_manual_retention, World};
use super::outside::{is_bucket_name, is_subnet_id};
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
    check_saved_time(what, t).map_err(invalid)
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
        world.identity_policies.read_documents();
        Ok((world, saved.account_id))
    }

    /// Refuses a world the API could not have made, naming where.
    fn check(&self) -> Result<(), ControlError> {
        self.settings
            .check()
            .map_err(|e| invalid(format!("settings: {e}")))?;
        self.identity_policies
            .check()
            .map_err(|e| invalid(format!("identity_policies: {e}")))?;
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
                    check_cluster(&at, region, c)?;
                    self.check_snapshot_plan(&at, region, account, c)?;
                    for (when, what) in c.awaited() {
                        if !awaited(region, account, ResourceKind::Cluster, c.identifier(), when) {
                            return Err(invalid(match what {
                                "ends its status" => format!(
                                    "{at}: no wake-up ends its {} status",
                                    c.status.as_str()
                                ),
                                _ => format!("{at}: no wake-up {what}"),
                            }));
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
                for schedule in place.snapshot_schedules.values() {
                    check_schedule(&format!("{at}.snapshot_schedules"), schedule)?;
                }
                for grant in place.snapshot_copy_grants.values() {
                    new_grant_name(&grant.name)
                        .map_err(|e| invalid(format!("{at}.snapshot_copy_grants: {e}")))?;
                }
                for r in place.table_restores.values() {
                    let at = format!("{at}.table_restores.{}", r.id);
                    check_table_restore(&at, r)?;
                    if !r.state.is_over()
                        && !awaited(region, account, ResourceKind::Cluster, &r.cluster, r.ends)
                    {
                        return Err(invalid(format!("{at}: no wake-up ends it")));
                    }
                }
                self.check_configuration(&at, region, account, place)?;
                World::check_saved_place(place, |kind, key, at| {
                    awaited(region, account, kind, key, at)
                })
                .map_err(|e| invalid(format!("{at}.{e}")))?;
                for (kind, key, tags) in place.tags.entries() {
                    check_tags(tags).map_err(|e| invalid(format!("{at}.tags.{key}: {e}")))?;
                    let owner = super::super::Context {
                        account,
                        region,
                        principal: super::super::principal::SERVICE,
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

    /// The checks of a loaded account's configuration: what clusters refer
    /// to exists, logging and usage limits belong to clusters there are,
    /// and what a test declared of other services is well-formed (each
    /// record's own rules and wake-ups are [`World::check_saved_place`]'s).
    fn check_configuration(
        &self,
        at: &str,
        region: &Name,
        account: &Name,
        place: &Place,
    ) -> Result<(), ControlError> {
        let ctx = super::super::Context {
            account,
            region,
            now: Timestamp(0),
            principal: super::super::principal::SERVICE,
        };
        for c in place.clusters.values() {
            let refs = ClusterReferences {
                parameter_group: Some(&c.parameter_group),
                subnet_group: c.subnet_group.as_deref(),
                security_groups: Some(&c.security_groups),
                availability_zone: None,
                kms_key: None,
            };
            self.check_cluster_references(&ctx, refs)
                .map_err(|e| invalid(format!("{at}.clusters.{}: {e}", c.identifier())))?;
        }
        let clusters = place
            .usage_limits
            .values()
            .map(|l| (&l.cluster, "usage_limits"));
        for (cluster, what) in clusters.chain(place.logging.keys().map(|c| (c, "logging"))) {
            if !place.clusters.contains(cluster) {
                return Err(invalid(format!("{at}.{what}: no cluster {cluster}")));
            }
        }
        let outside = &self.outside;
        if let Some(bad) = outside.buckets.keys().find(|b| !is_bucket_name(b)) {
            return Err(invalid(format!(
                "outside.buckets: {bad} is not a bucket name"
            )));
        }
        let subnets = outside
            .vpcs
            .values()
            .flat_map(|a| a.values())
            .flat_map(|v| v.values());
        if let Some(bad) = subnets.flat_map(|s| s.keys()).find(|s| !is_subnet_id(s)) {
            return Err(invalid(format!("outside.vpcs: {bad} is not a subnet id")));
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

fn check_cluster(at: &str, region: &str, c: &ClusterRecord) -> Result<(), ControlError> {
    check_facts(at, &c.facts)?;
    c.check_loaded(region)
        .map_err(|m| invalid(format!("{at}: {m}")))?;
    for (what, when) in c.instants() {
        check_time(&format!("{at}.{what}"), when)?;
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
    for t in &s.tables {
        check_table_names(at, [&t.database, &t.schema, &t.table])?;
    }
    check_time(&format!("{at}.SnapshotCreateTime"), s.created_at)?;
    check_time(&format!("{at}.ready_at"), s.ready_at)
}

fn check_schedule(at: &str, s: &ScheduleRecord) -> Result<(), ControlError> {
    let e = |m: String| invalid(format!("{at}.{}: {m}", s.id));
    let id = new_identifier("ScheduleIdentifier", &s.id, 63).map_err(|x| e(x.to_string()))?;
    if id != *s.id {
        return Err(e(
            "ScheduleIdentifier must be lowercase, as AWS stores it".to_owned()
        ));
    }
    if s.definitions.is_empty() {
        return Err(e("a schedule has at least one definition".to_owned()));
    }
    for d in &s.definitions {
        Definition::parse(d).map_err(|p| e(format!("definition {d}: {p:?}")))?;
    }
    Ok(())
}

fn check_table_names(at: &str, names: [&Name; 3]) -> Result<(), ControlError> {
    match names.iter().find(|n| !(1..=127).contains(&n.len())) {
        Some(n) => Err(invalid(format!(
            "{at}: a table name is 1 to 127 bytes, got {n:?}"
        ))),
        None => Ok(()),
    }
}

fn check_table_restore(at: &str, r: &TableRestoreRecord) -> Result<(), ControlError> {
    new_cluster_identifier("ClusterIdentifier", &r.cluster)
        .map_err(|x| invalid(format!("{at}: {x}")))?;
    for t in [&r.source, &r.target] {
        check_table_names(at, [&t.database, &t.schema, &t.table])?;
    }
    if r.total_mb < 0 || r.ends < r.requested_at {
        return Err(invalid(format!(
            "{at}: a restore has a size >= 0 and ends after it is requested"
        )));
    }
    for (what, t) in [
        ("RequestTime", r.requested_at),
        ("ends", r.ends),
        ("ClusterCreateTime", r.cluster_create_time),
    ] {
        check_time(&format!("{at}.{what}"), t)?;
    }
    Ok(())
}

impl World {
    /// A cluster's automated snapshots, schedule and copy: its schedule
    /// exists, its copy goes to another region of its partition with the
    /// periods AWS allows, and through a grant that exists there.
    fn check_snapshot_plan(
        &self,
        at: &str,
        region: &str,
        account: &str,
        c: &ClusterRecord,
    ) -> Result<(), ControlError> {
        let e = |m: String| invalid(format!("{at}: {m}"));
        let plan = &c.snapshot_plan;
        if let Some(a) = &plan.schedule {
            let place = self.place_of(region, account);
            if !place.is_some_and(|p| p.snapshot_schedules.contains(&a.schedule)) {
                return Err(e(format!("no snapshot schedule {}", a.schedule)));
            }
        }
        if let Some(copy) = &plan.copy {
            check_destination(region, &copy.destination).map_err(|x| e(x.to_string()))?;
            check_copy_retention(copy.retention_days).map_err(|x| e(x.to_string()))?;
            check_manual_retention(copy.manual_retention_days).map_err(|x| e(x.to_string()))?;
            if let Some(grant) = &copy.grant {
                let there = self.place_of(&copy.destination, account);
                if !there.is_some_and(|p| p.snapshot_copy_grants.contains(grant)) {
                    return Err(e(format!(
                        "no snapshot copy grant {grant} in {}",
                        copy.destination
                    )));
                }
            }
        }
        Ok(())
    }
}
