//! Table restore (doc, Management Guide, "Restoring a table from a
//! snapshot"): RestoreTableFromClusterSnapshot and DescribeTableRestoreStatus.
//! A request is `PENDING`, then `IN_PROGRESS` for the world's
//! `table_restore_seconds`, then `SUCCEEDED`, or `FAILED` when its cluster
//! is gone or the new table's name is taken by then; its moves are wake-ups
//! of its cluster. The tables a snapshot holds are what a test declared
//! (`add_snapshot_tables`); none declared, any table.

#[cfg(test)]
mod tests;

use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::clusters::{ClusterRecord, ClusterStatus};
use super::listing::{Paging, DESCRIBE_PAGE};
use super::name::Name;
use super::resources::{key, Stored};
use super::snapshots::SnapshotStatus;
use super::store::{Position, Record};
use super::{hash64, Context, Outcome, World};
use crate::errors::{ControlError, RedshiftError};
use crate::model::{
    DescribeTableRestoreStatusMessage, RestoreTableFromClusterSnapshotMessage,
    RestoreTableFromClusterSnapshotResult, TableRestoreStatus, TableRestoreStatusMessage,
    Timestamp,
};

/// The schema a table is restored from unless the call names one (doc).
const DEFAULT_SCHEMA: &str = "public";
/// The longest database, schema or table name, in bytes (doc: Amazon
/// Redshift's names are 1 to 127 bytes).
const MAX_NAME_BYTES: usize = 127;

/// A table, by database, schema and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableName {
    pub database: Name,
    pub schema: Name,
    pub table: Name,
}

impl TableName {
    /// Whether two names name the same table: exactly, or (doc: unless
    /// `EnableCaseSensitiveIdentifier`) whatever the case.
    fn same(&self, other: &TableName, case_sensitive: bool) -> bool {
        self.as_created(case_sensitive) == other.as_created(case_sensitive)
    }

    /// The table's name as a restore creates it: folded to lowercase unless
    /// the names are case-sensitive (doc: Amazon Redshift folds identifiers).
    fn as_created(&self, case_sensitive: bool) -> TableName {
        let fold = |n: &Name| {
            if case_sensitive {
                n.clone()
            } else {
                Name::from(n.to_lowercase())
            }
        };
        TableName {
            database: fold(&self.database),
            schema: fold(&self.schema),
            table: fold(&self.table),
        }
    }
}

/// A database, schema or table name of a request, 1 to 127 bytes.
fn checked_name(member: &'static str, value: Name) -> Outcome<Name> {
    if (1..=MAX_NAME_BYTES).contains(&value.len()) {
        Ok(value)
    } else {
        Err(RedshiftError::InvalidTableRestoreName(member))
    }
}

/// `TableRestoreStatus.Status` (doc; `CANCELED` never happens in the fake).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TableRestoreState {
    Pending,
    InProgress,
    Succeeded,
    Failed,
}

impl TableRestoreState {
    pub fn as_str(self) -> &'static str {
        match self {
            TableRestoreState::Pending => "PENDING",
            TableRestoreState::InProgress => "IN_PROGRESS",
            TableRestoreState::Succeeded => "SUCCEEDED",
            TableRestoreState::Failed => "FAILED",
        }
    }

    pub fn is_over(self) -> bool {
        matches!(
            self,
            TableRestoreState::Succeeded | TableRestoreState::Failed
        )
    }
}

/// A table restore request as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRestoreRecord {
    pub id: Name,
    pub cluster: Name,
    /// When that cluster was created: a later cluster of the same name is
    /// not the one the table goes to.
    pub cluster_create_time: Timestamp,
    pub snapshot: Name,
    pub source: TableName,
    pub target: TableName,
    pub case_sensitive: bool,
    pub requested_at: Timestamp,
    pub ends: Timestamp,
    pub total_mb: i64,
    pub state: TableRestoreState,
    pub message: Option<Name>,
}

impl Record for TableRestoreRecord {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    /// Listed by the time of the request (doc).
    fn order(&self) -> Timestamp {
        self.requested_at
    }
    fn group(&self) -> Option<&Name> {
        Some(&self.cluster)
    }
}

impl TableRestoreRecord {
    /// The request as its owner sees it at `now`.
    pub fn render(&self, now: Timestamp) -> TableRestoreStatus {
        let duration = self.requested_at.seconds_until(self.ends);
        let progress = match self.state {
            TableRestoreState::Pending | TableRestoreState::Failed => 0,
            TableRestoreState::Succeeded => self.total_mb,
            TableRestoreState::InProgress if duration > 0.0 => {
                let done = self.requested_at.seconds_until(now).clamp(0.0, duration) / duration;
                (self.total_mb as f64 * done) as i64
            }
            TableRestoreState::InProgress => 0,
        };
        let text = |n: &Name| Some(n.clone());
        TableRestoreStatus {
            table_restore_request_id: text(&self.id),
            status: Some(Name::from_static(self.state.as_str())),
            message: self.message.clone(),
            request_time: Some(self.requested_at),
            progress_in_mega_bytes: Some(progress),
            total_data_in_mega_bytes: Some(self.total_mb),
            cluster_identifier: text(&self.cluster),
            snapshot_identifier: text(&self.snapshot),
            source_database_name: text(&self.source.database),
            source_schema_name: text(&self.source.schema),
            source_table_name: text(&self.source.table),
            target_database_name: text(&self.target.database),
            target_schema_name: text(&self.target.schema),
            new_table_name: text(&self.target.table),
        }
    }
}

/// A request id shaped like AWS's (a version 4 UUID), from what makes the
/// request unique.
fn request_id(parts: &[&str]) -> Name {
    let (a, b) = (hash64(parts), hash64(&[&parts.join("/"), "restore"]));
    Name::from(format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    ))
}

impl World {
    /// RestoreTableFromClusterSnapshot (doc): into the cluster the snapshot
    /// was taken from, available and not resized to another node type
    /// since, one table at a time.
    pub fn restore_table_from_cluster_snapshot(
        &mut self,
        ctx: &Context,
        input: RestoreTableFromClusterSnapshotMessage,
    ) -> Outcome<RestoreTableFromClusterSnapshotResult> {
        let source = TableName {
            database: checked_name("SourceDatabaseName", input.source_database_name)?,
            schema: checked_name(
                "SourceSchemaName",
                input
                    .source_schema_name
                    .unwrap_or(Name::from_static(DEFAULT_SCHEMA)),
            )?,
            table: checked_name("SourceTableName", input.source_table_name)?,
        };
        // Where the table goes: the source's database and schema unless the
        // call names others (choice: AWS does not document the defaults).
        let target = TableName {
            database: checked_name(
                "TargetDatabaseName",
                input
                    .target_database_name
                    .unwrap_or_else(|| source.database.clone()),
            )?,
            schema: checked_name(
                "TargetSchemaName",
                input
                    .target_schema_name
                    .unwrap_or_else(|| source.schema.clone()),
            )?,
            table: checked_name("NewTableName", input.new_table_name)?,
        };
        let case_sensitive = input.enable_case_sensitive_identifier.unwrap_or(false);
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let snapshot = self
            .own_snapshot(ctx, &input.snapshot_identifier, Some(cluster.identifier()))
            .ok()
            // Doc: a snapshot of that cluster, not of an earlier one of its name.
            .filter(|s| s.facts.cluster_create_time == cluster.facts.cluster_create_time)
            .ok_or_else(|| {
                RedshiftError::ClusterSnapshotNotFound(input.snapshot_identifier.to_string())
            })?;
        snapshot.require(&[SnapshotStatus::Available], |id, status| {
            RedshiftError::SnapshotNotRestorable { id, status }
        })?;
        cluster.require(&[ClusterStatus::Available])?;
        if snapshot.facts.node_type != cluster.facts.node_type {
            return Err(RedshiftError::TableRestoreAcrossResize {
                snapshot: snapshot.id.to_string(),
                cluster: cluster.identifier().to_string(),
            });
        }
        let key = cluster.identifier().clone();
        let restores = self.place(ctx).map(|p| &p.table_restores);
        if let Some(running) = restores
            .into_iter()
            .flat_map(|r| r.walk_group(&key, Bound::Unbounded))
            .find(|r| !r.state.is_over())
        {
            return Err(RedshiftError::TableRestoreInProgress {
                cluster: key.to_string(),
                id: running.id.to_string(),
            });
        }
        if !snapshot.tables.is_empty()
            && !snapshot
                .tables
                .iter()
                .any(|t| t.same(&source, case_sensitive))
        {
            return Err(RedshiftError::TableNotInSnapshot {
                database: source.database.to_string(),
                schema: source.schema.to_string(),
                table: source.table.to_string(),
                snapshot: snapshot.id.to_string(),
            });
        }
        // A table's size: the snapshot's data shared among the tables
        // declared, in whole megabytes (choice).
        let tables = snapshot.tables.len().max(1) as f64;
        let total_mb = (snapshot.size_mb / tables).ceil() as i64;
        let count = restores.map_or(0, |r| r.len()).to_string();
        let id = request_id(&[
            ctx.account,
            ctx.region,
            &key,
            &ctx.now.0.to_string(),
            &count,
        ]);
        let record = TableRestoreRecord {
            id: id.clone(),
            cluster: key.clone(),
            cluster_create_time: cluster.facts.cluster_create_time,
            snapshot: snapshot.id.clone(),
            source,
            target,
            case_sensitive,
            requested_at: ctx.now,
            ends: ctx.now.plus_seconds(self.settings.table_restore_seconds),
            total_mb,
            state: TableRestoreState::Pending,
            message: None,
        };
        let (ends, answer) = (record.ends, record.render(ctx.now));
        self.place_entry(ctx).table_restores.insert(record);
        self.schedule(ctx, ctx.now, ClusterRecord::KIND, &key);
        self.schedule(ctx, ends, ClusterRecord::KIND, &key);
        Ok(RestoreTableFromClusterSnapshotResult {
            table_restore_status: Some(answer),
        })
    }

    /// DescribeTableRestoreStatus: every request of the caller (or of one
    /// cluster), by the time it was made (doc), or the one named.
    pub fn describe_table_restore_status(
        &self,
        ctx: &Context,
        input: DescribeTableRestoreStatusMessage,
    ) -> Outcome<TableRestoreStatusMessage> {
        let paging: Paging<Position<TableRestoreRecord>> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let cluster = input
            .cluster_identifier
            .as_deref()
            .map(|c| {
                self.own::<ClusterRecord>(ctx, c)
                    .map(|c| c.identifier().clone())
            })
            .transpose()?;
        let restores = self.place(ctx).map(|p| &p.table_restores);
        let named = input.table_restore_request_id.as_deref();
        if let Some(id) = named {
            restores
                .and_then(|r| r.get(&key(id)))
                .filter(|r| cluster.as_ref().is_none_or(|c| r.cluster == *c))
                .ok_or_else(|| RedshiftError::TableRestoreNotFound(id.to_owned()))?;
        }
        let from = paging
            .after
            .clone()
            .map_or(Bound::Unbounded, Bound::Excluded);
        let walk: Box<dyn Iterator<Item = &TableRestoreRecord>> = match (restores, &cluster) {
            (None, _) => Box::new(std::iter::empty()),
            (Some(r), Some(c)) => Box::new(r.walk_group(c, from)),
            (Some(r), None) => Box::new(r.walk(from)),
        };
        let wanted = named.map(key);
        let walk = walk
            .filter(|r| wanted.as_deref().is_none_or(|w| r.id == w))
            .map(|r| ((r.requested_at, r.id.clone()), r));
        let (page, marker) = paging.page(walk);
        Ok(TableRestoreStatusMessage {
            table_restore_status_details: Some(page.iter().map(|r| r.render(ctx.now)).collect()),
            marker,
        })
    }

    /// A cluster's wake-up, for its table restores: a pending one starts,
    /// one whose time is up succeeds or fails.
    pub(crate) fn settle_table_restores(&mut self, ctx: &Context, cluster: &Name) {
        let Some(place) = self.place(ctx) else {
            return;
        };
        let running: Vec<Name> = place
            .table_restores
            .walk_group(cluster, Bound::Unbounded)
            .filter(|r| !r.state.is_over())
            .map(|r| r.id.clone())
            .collect();
        for id in running {
            let Some(place) = self.place(ctx) else {
                return;
            };
            let Some(r) = place.table_restores.get(&id) else {
                continue;
            };
            let (state, message) = if ctx.now < r.ends {
                (TableRestoreState::InProgress, None)
            } else {
                match table_restore_outcome(place, r) {
                    None => (TableRestoreState::Succeeded, None),
                    Some(why) => (TableRestoreState::Failed, Some(Name::from(why))),
                }
            };
            if let Some(r) = self
                .place_mut(ctx)
                .and_then(|p| p.table_restores.get_mut(&id))
            {
                r.state = state;
                r.message = message;
            }
        }
    }

    /// Declares the tables a snapshot holds (`add_snapshot_tables`), as
    /// `(database, schema, table)`; added to those declared before.
    pub fn add_snapshot_tables(
        &mut self,
        region: &str,
        account: &str,
        identifier: &str,
        tables: Vec<(String, String, String)>,
    ) -> Result<(), ControlError> {
        let mut names = Vec::with_capacity(tables.len());
        for (database, schema, table) in tables {
            for (what, name) in [
                ("database", &database),
                ("schema", &schema),
                ("table", &table),
            ] {
                if !(1..=MAX_NAME_BYTES).contains(&name.len()) {
                    return Err(ControlError::InvalidTable(format!(
                        "a {what} name is 1 to {MAX_NAME_BYTES} bytes, got {name:?}"
                    )));
                }
            }
            names.push(TableName {
                database: Name::from(database),
                schema: Name::from(schema),
                table: Name::from(table),
            });
        }
        let snapshot = self.controlled_snapshot(region, account, identifier)?;
        let mut tables = snapshot.tables.to_vec();
        for name in names {
            if !tables.contains(&name) {
                tables.push(name);
            }
        }
        snapshot.tables = tables.into_boxed_slice();
        Ok(())
    }
}

/// Why a restore whose time is up fails, if it does: its cluster is gone,
/// or a table of the new name exists there, restored before (doc: a
/// restore cannot overwrite a table; the fake knows the tables it restored).
fn table_restore_outcome(place: &super::Place, r: &TableRestoreRecord) -> Option<String> {
    let alive = place
        .clusters
        .get(&r.cluster)
        .is_some_and(|c| c.facts.cluster_create_time == r.cluster_create_time);
    if !alive {
        return Some(format!("Cluster {} no longer exists.", r.cluster));
    }
    let taken = place
        .table_restores
        .walk_group(&r.cluster, Bound::Unbounded)
        .any(|other| {
            other.id != r.id
                && other.state == TableRestoreState::Succeeded
                && other.cluster_create_time == r.cluster_create_time
                && other.target.as_created(other.case_sensitive)
                    == r.target.as_created(r.case_sensitive)
        });
    taken.then(|| {
        format!(
            "Table {}.{}.{} already exists.",
            r.target.database, r.target.schema, r.target.table
        )
    })
}
