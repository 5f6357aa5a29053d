//! Finding the snapshot a call names: by identifier (with an optional
//! cluster) or ARN, the caller's own or one another account shared with it.

use super::SnapshotRecord;
use crate::engine::name::Name;
use crate::engine::resources::{key, Resource};
use crate::engine::{Context, Outcome, World};

/// Which snapshot a call names.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    pub identifier: Option<&'a str>,
    pub arn: Option<&'a str>,
    /// The cluster it must have been taken from.
    pub cluster: Option<&'a str>,
    /// Whose account an identifier names; `None`: the caller's, or failing
    /// that one whose owner shared it with the caller.
    pub owner: Option<&'a str>,
}

impl Target<'_> {
    /// What error messages call the snapshot.
    pub fn name(&self) -> &str {
        self.identifier.or(self.arn).unwrap_or("")
    }

    /// `ClusterSnapshotNotFound` for this target.
    pub fn not_found(&self) -> crate::errors::RedshiftError {
        SnapshotRecord::not_found(self.name())
    }
}

impl World {
    /// The snapshot a call names and its owner, whether or not the caller
    /// may see it: by ARN (in the caller's region), or by identifier in the
    /// target's owner's account, else the caller's own, else one shared with
    /// the caller; taken from the target's cluster when it names one.
    pub fn named_snapshot<'w>(
        &'w self,
        ctx: &Context,
        target: &Target,
    ) -> Option<(&'w Name, &'w SnapshotRecord)> {
        let identifier = match (target.identifier, target.arn) {
            (Some(identifier), _) => identifier,
            (None, Some(arn)) => return self.at_arn::<SnapshotRecord>(ctx.region, arn),
            (None, None) => return None,
        };
        let region = self.regions.get(ctx.region)?;
        let id = key(identifier);
        let in_account = |account: &str| {
            let (owner, place) = region.get_key_value(account)?;
            place.snapshots.get(id.as_str()).map(|s| (owner, s))
        };
        let found = match target.owner {
            Some(owner) => in_account(owner),
            None => in_account(ctx.account).or_else(|| {
                let shared = &region.get(ctx.account)?.shared_with_me;
                let first = (Name::from(id.as_str()), Name::from(""));
                let (shared_id, owner) = shared.range(first..).next()?;
                (shared_id.as_str() == id)
                    .then(|| in_account(owner))
                    .flatten()
            }),
        }?;
        let cluster_ok = target
            .cluster
            .is_none_or(|c| found.1.cluster_identifier().as_str() == key(c));
        cluster_ok.then_some(found)
    }

    /// The snapshot a call names, if the caller may see it: its own, or one
    /// its owner shared with it.
    pub fn visible_snapshot<'w>(
        &'w self,
        ctx: &Context,
        target: &Target,
    ) -> Option<(&'w Name, &'w SnapshotRecord)> {
        self.named_snapshot(ctx, target)
            .filter(|(owner, s)| *owner == ctx.account || s.shared_with(ctx.account))
    }

    /// The caller's own snapshot of that identifier, taken from `cluster`
    /// when given, or `ClusterSnapshotNotFound`: where delete, copy and
    /// modify start.
    pub fn own_snapshot(
        &self,
        ctx: &Context,
        identifier: &str,
        cluster: Option<&str>,
    ) -> Outcome<&SnapshotRecord> {
        let record = self.own::<SnapshotRecord>(ctx, identifier)?;
        if cluster.is_some_and(|c| record.cluster_identifier().as_str() != key(c)) {
            return Err(SnapshotRecord::not_found(identifier));
        }
        Ok(record)
    }
}
