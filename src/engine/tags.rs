//! Tags on clusters and snapshots, named by ARN: CreateTags, DeleteTags,
//! DescribeTags. The tags live on the resources themselves (`Cluster.Tags`,
//! `Snapshot.Tags`), so every describe call shows the same ones.

use serde_json::json;

use super::identifiers::{cluster_arn, key, parse_cluster_arn, parse_snapshot_arn};
use super::{check_tags, decode_marker, encode_marker, tags_match, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::inputs::{CreateTagsMessage, DeleteTagsMessage, DescribeTagsMessage};
use crate::model::{NoOutput, Tag, TaggedResource, TaggedResourceListMessage};

/// The resource types DescribeTags accepts, lowercased (it matches them
/// case-insensitively). The fake holds only clusters and snapshots; the
/// other types are valid and have nothing tagged.
const RESOURCE_TYPES: &[&str] = &[
    "cluster",
    "cidr/ip",
    "ec2 security group",
    "snapshot",
    "cluster security group",
    "subnet group",
    "hsm connection",
    "hsm certificate",
    "parameter group",
    "snapshot copy grant",
    "integration",
];

/// `MaxRecords` of DescribeTags: 10..=50 (doc); the default is ours.
const TAG_PAGE: (i64, i64, usize) = (10, 50, 50);

/// A taggable resource of the caller's, as an ARN names it.
enum Resource {
    Cluster(String),
    Snapshot(String),
}

impl World {
    /// The caller's resource an ARN names: a cluster or a snapshot of its
    /// own in the caller's region, or `ResourceNotFoundFault`.
    fn resource(&self, ctx: &Context, arn: &str) -> Outcome<Resource> {
        let not_found = || RedshiftError::TaggedResourceNotFound(arn.to_owned());
        let place = self.place(ctx).ok_or_else(not_found)?;
        let mine = |region: &str, account: &str| region == ctx.region && account == ctx.account;
        if let Some((region, account, cluster)) = parse_cluster_arn(arn) {
            let id = key(cluster);
            if mine(region, account) && place.clusters.contains_key(&id) {
                return Ok(Resource::Cluster(id));
            }
        } else if let Some((region, account, cluster, snapshot)) = parse_snapshot_arn(arn) {
            let id = key(snapshot);
            let taken_from = |c: &str| key(cluster) == c;
            let found = place.snapshots.get(&id).is_some_and(|s| {
                s.snapshot
                    .cluster_identifier
                    .as_deref()
                    .is_some_and(taken_from)
            });
            if mine(region, account) && found {
                return Ok(Resource::Snapshot(id));
            }
        }
        Err(not_found())
    }

    /// The tags of one of the caller's resources, for a change.
    fn tags_mut(&mut self, ctx: &Context, resource: &Resource) -> Option<&mut Vec<Tag>> {
        let place = self.place_mut(ctx)?;
        let tags = match resource {
            Resource::Cluster(id) => &mut place.clusters.get_mut(id)?.cluster.tags,
            Resource::Snapshot(id) => &mut place.snapshots.get_mut(id)?.snapshot.tags,
        };
        Some(tags.get_or_insert_with(Vec::new))
    }

    /// CreateTags: adds tags, replacing the value of a key already there.
    pub fn create_tags(&mut self, ctx: &Context, input: CreateTagsMessage) -> Outcome<NoOutput> {
        check_tags(&input.tags)?;
        let arn = input.resource_name.as_str();
        let resource = self.resource(ctx, arn)?;
        if let Resource::Cluster(id) = &resource {
            let status = self.cluster(ctx, id)?.status(ctx.now);
            if status == "deleting" {
                return Err(RedshiftError::InvalidClusterState {
                    id: id.clone(),
                    status: status.to_owned(),
                });
            }
        }
        let tags = self
            .tags_mut(ctx, &resource)
            .ok_or_else(|| RedshiftError::TaggedResourceNotFound(arn.to_owned()))?;
        let mut merged = tags.clone();
        for tag in input.tags {
            match merged.iter_mut().find(|t| t.key == tag.key) {
                Some(existing) => existing.value = tag.value,
                None => merged.push(tag),
            }
        }
        check_tags(&merged)?;
        *tags = merged;
        Ok(NoOutput {})
    }

    /// DeleteTags: removes the tags of those keys; absent keys are no error.
    pub fn delete_tags(&mut self, ctx: &Context, input: DeleteTagsMessage) -> Outcome<NoOutput> {
        let arn = input.resource_name.as_str();
        let resource = self.resource(ctx, arn)?;
        let tags = self
            .tags_mut(ctx, &resource)
            .ok_or_else(|| RedshiftError::TaggedResourceNotFound(arn.to_owned()))?;
        tags.retain(|t| {
            !input
                .tag_keys
                .iter()
                .any(|k| t.key.as_deref() == Some(k.as_str()))
        });
        Ok(NoOutput {})
    }

    /// DescribeTags: one item per tag of the caller's clusters and snapshots,
    /// ordered by ARN, key and value so that a marker keeps its place.
    pub fn describe_tags(
        &self,
        ctx: &Context,
        input: DescribeTagsMessage,
    ) -> Outcome<TaggedResourceListMessage> {
        let named = input.resource_name.as_deref();
        if named.is_some() && input.resource_type.is_some() {
            return Err(RedshiftError::TagsNameAndType);
        }
        if named.is_some() && (input.max_records.is_some() || input.marker.is_some()) {
            return Err(RedshiftError::TagsNameAndPaging);
        }
        let (min, max, default) = TAG_PAGE;
        let limit = match input.max_records {
            None => default,
            Some(n) if (min..=max).contains(&n) => n as usize,
            Some(_) => return Err(RedshiftError::MaxRecordsOutOfRange { min, max }),
        };
        let wanted_type = match input.resource_type.as_deref() {
            Some(t) if !RESOURCE_TYPES.contains(&t.to_ascii_lowercase().as_str()) => {
                return Err(RedshiftError::InvalidResourceType(t.to_owned()))
            }
            t => t.map(str::to_ascii_lowercase),
        };
        let only = named.map(|arn| self.resource(ctx, arn)).transpose()?;
        let after: Option<(String, String, String)> = match input.marker.as_deref() {
            Some(m) => Some(
                serde_json::from_value(decode_marker(m)?)
                    .map_err(|_| RedshiftError::InvalidMarker(m.to_owned()))?,
            ),
            None => None,
        };
        let Some(place) = self.place(ctx) else {
            return Ok(TaggedResourceListMessage {
                tagged_resources: Vec::new(),
                marker: None,
            });
        };
        let clusters = place.clusters.iter().map(|(id, c)| {
            let arn = cluster_arn(ctx.region, ctx.account, id);
            let chosen = match &only {
                Some(Resource::Cluster(o)) => o == id,
                Some(Resource::Snapshot(_)) => false,
                None => true,
            };
            ("cluster", arn, chosen, c.cluster.tags.as_deref())
        });
        let snapshots = place.snapshots.iter().map(|(id, s)| {
            let arn = s.snapshot.snapshot_arn.clone().unwrap_or_default();
            let chosen = match &only {
                Some(Resource::Snapshot(o)) => o == id,
                Some(Resource::Cluster(_)) => false,
                None => true,
            };
            ("snapshot", arn, chosen, s.snapshot.tags.as_deref())
        });
        let mut items: Vec<((String, String, String), TaggedResource)> = Vec::new();
        for (kind, arn, chosen, tags) in clusters.chain(snapshots) {
            if !chosen || wanted_type.as_deref().is_some_and(|t| t != kind) {
                continue;
            }
            for tag in tags.unwrap_or(&[]) {
                let filtered = input.tag_keys.is_some() || input.tag_values.is_some();
                if filtered
                    && !tags_match(
                        std::slice::from_ref(tag),
                        input.tag_keys.as_deref(),
                        input.tag_values.as_deref(),
                    )
                {
                    continue;
                }
                let sort_key = (
                    arn.clone(),
                    tag.key.clone().unwrap_or_default(),
                    tag.value.clone().unwrap_or_default(),
                );
                if after.as_ref().is_some_and(|a| &sort_key <= a) {
                    continue;
                }
                let item = TaggedResource {
                    tag: tag.clone(),
                    resource_name: arn.clone(),
                    resource_type: kind.to_owned(),
                };
                items.push((sort_key, item));
            }
        }
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let marker = (items.len() > limit).then(|| {
            let (arn, k, v) = &items[limit - 1].0;
            encode_marker(&json!([arn, k, v]))
        });
        let tagged_resources = items.into_iter().take(limit).map(|(_, t)| t).collect();
        Ok(TaggedResourceListMessage {
            tagged_resources,
            marker,
        })
    }
}
