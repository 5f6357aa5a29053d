//! Snapshot copy grants (doc, Management Guide, "Copying AWS KMS–encrypted
//! snapshots to another AWS Region"): what lets Amazon Redshift encrypt the
//! copies of a KMS-encrypted cluster's snapshots in a destination region.
//! CreateSnapshotCopyGrant, DeleteSnapshotCopyGrant, DescribeSnapshotCopyGrants.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::identifiers::new_identifier;
use super::listing::{Paging, DESCRIBE_PAGE};
use super::name::Name;
use super::resources::{key, partition, Resource, Stored};
use super::store::Position;
use super::tags::{tags_of, TagFilter, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateSnapshotCopyGrantMessage, CreateSnapshotCopyGrantResult, DeleteSnapshotCopyGrantMessage,
    DescribeSnapshotCopyGrantsMessage, SnapshotCopyGrant, SnapshotCopyGrantMessage,
};

/// A snapshot copy grant as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGrantRecord {
    pub name: Name,
    pub kms_key_id: Name,
}

crate::engine::store::keyed_record!(CopyGrantRecord, name, counted);

impl Resource for CopyGrantRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::SnapshotCopyGrantNotFound(identifier.to_owned())
    }
}

impl CopyGrantRecord {
    pub fn render(&self, tags: &TagStore) -> SnapshotCopyGrant {
        SnapshotCopyGrant {
            snapshot_copy_grant_name: Some(self.name.clone()),
            kms_key_id: Some(self.kms_key_id.clone()),
            tags: Some(tags.render(Self::KIND, &self.name)),
        }
    }
}

/// A new grant's name (doc): 1 to 63 lowercase letters, digits or hyphens,
/// a letter first, no trailing or doubled hyphen.
pub fn new_grant_name(value: &str) -> Outcome<Name> {
    let refused = || RedshiftError::InvalidSnapshotCopyGrantName(value.to_owned());
    if value.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(refused());
    }
    new_identifier("SnapshotCopyGrantName", value, 63)
        .map(Name::from)
        .map_err(|_| refused())
}

impl World {
    /// CreateSnapshotCopyGrant; without `KmsKeyId`, the grant is for the
    /// account's default Redshift key in the region (doc), named by its
    /// alias ARN (choice).
    pub fn create_snapshot_copy_grant(
        &mut self,
        ctx: &Context,
        input: CreateSnapshotCopyGrantMessage,
    ) -> Outcome<CreateSnapshotCopyGrantResult> {
        let name = new_grant_name(&input.snapshot_copy_grant_name)?;
        let tags = tags_of(input.tags)?;
        let place = self.place(ctx);
        if place.is_some_and(|p| p.snapshot_copy_grants.contains(&name)) {
            return Err(RedshiftError::SnapshotCopyGrantAlreadyExists(
                name.to_string(),
            ));
        }
        let quota = self.settings.snapshot_copy_grant_quota;
        if place.is_some_and(|p| p.snapshot_copy_grants.counted() >= quota) {
            return Err(RedshiftError::SnapshotCopyGrantQuotaExceeded(quota));
        }
        let kms_key_id = input.kms_key_id.unwrap_or_else(|| {
            let (partition, _) = partition(ctx.region);
            Name::from(format!(
                "arn:{partition}:kms:{}:{}:alias/aws/redshift",
                ctx.region, ctx.account
            ))
        });
        self.add(
            ctx,
            CopyGrantRecord {
                name: name.clone(),
                kms_key_id,
            },
        );
        let place = self.place_entry(ctx);
        place.tags.set(CopyGrantRecord::KIND, &name, tags);
        Ok(CreateSnapshotCopyGrantResult {
            snapshot_copy_grant: place
                .snapshot_copy_grants
                .get(&name)
                .map(|g| g.render(&place.tags)),
        })
    }

    /// DeleteSnapshotCopyGrant: not while a cluster of the account copies
    /// its snapshots here with it (doc).
    pub fn delete_snapshot_copy_grant(
        &mut self,
        ctx: &Context,
        input: DeleteSnapshotCopyGrantMessage,
    ) -> Outcome<()> {
        let name = self
            .own::<CopyGrantRecord>(ctx, &input.snapshot_copy_grant_name)?
            .name
            .clone();
        let user = self
            .regions
            .values()
            .filter_map(|accounts| accounts.get(ctx.account))
            .flat_map(|p| p.clusters.values())
            .find(|c| {
                c.snapshot_plan.copy.as_ref().is_some_and(|copy| {
                    copy.destination == ctx.region && copy.grant.as_ref() == Some(&name)
                })
            });
        if let Some(cluster) = user {
            return Err(RedshiftError::SnapshotCopyGrantInUse {
                name: name.to_string(),
                cluster: cluster.identifier().to_string(),
            });
        }
        self.remove::<CopyGrantRecord>(ctx, &name);
        Ok(())
    }

    /// DescribeSnapshotCopyGrants: the caller's grants in the region, by name.
    pub fn describe_snapshot_copy_grants(
        &self,
        ctx: &Context,
        input: DescribeSnapshotCopyGrantsMessage,
    ) -> Outcome<SnapshotCopyGrantMessage> {
        // Doc: "You can specify either the SnapshotCopyGrantName parameter or
        // the Marker parameter, but not both."
        if input.snapshot_copy_grant_name.is_some() && input.marker.is_some() {
            return Err(RedshiftError::GrantNameAndMarker);
        }
        let paging: Paging<Position<CopyGrantRecord>> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        if let Some(name) = input.snapshot_copy_grant_name.as_deref() {
            self.own::<CopyGrantRecord>(ctx, name)?;
        }
        let wanted = input.snapshot_copy_grant_name.as_deref().map(key);
        let filter = TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref());
        let Some(place) = self.place(ctx) else {
            return Ok(SnapshotCopyGrantMessage {
                marker: None,
                snapshot_copy_grants: Some(Vec::new()),
            });
        };
        let walk = place
            .snapshot_copy_grants
            .after(paging.after.as_ref())
            .filter(|g| wanted.as_deref().is_none_or(|w| g.name == w))
            .filter(|g| filter.matches(place.tags.of(CopyGrantRecord::KIND, &g.name)))
            .map(|g| (((), g.name.clone()), g));
        let (page, marker) = paging.page(walk);
        Ok(SnapshotCopyGrantMessage {
            marker,
            snapshot_copy_grants: Some(page.iter().map(|g| g.render(&place.tags)).collect()),
        })
    }
}
