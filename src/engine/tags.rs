//! Tags on clusters and snapshots, named by ARN: CreateTags, DeleteTags,
//! DescribeTags. The tags live on the resources themselves (`Cluster.Tags`,
//! `Snapshot.Tags`), so every describe call shows the same ones.

use serde_json::json;

use super::identifiers::{cluster_arn, key, parse_cluster_arn, parse_snapshot_arn};
use super::{
    check_tags, decode_marker, encode_marker, page_size, tags_match, Context, Outcome, PageLimits,
    World,
};
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
const TAG_PAGE: PageLimits = (10, 50, 50);

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
        let limit = page_size(input.max_records, TAG_PAGE)?;
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
        let filtered = input.tag_keys.is_some() || input.tag_values.is_some();
        let mut items: Vec<((String, String, String), TaggedResource)> = Vec::new();
        for (kind, arn, chosen, tags) in clusters.chain(snapshots) {
            if !chosen || wanted_type.as_deref().is_some_and(|t| t != kind) {
                continue;
            }
            for tag in tags.unwrap_or(&[]) {
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::testkit::{ctx, ctx_of, input, snapshot, world, OTHER, T0};
    use super::*;

    const CLUSTER: &str = "arn:aws:redshift:us-east-1:123456789012:cluster:c1";
    const SNAPSHOT: &str = "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1";

    fn tag(w: &mut World, arn: &str, tags: Value) -> Outcome<NoOutput> {
        w.create_tags(&ctx(T0), input(json!({"ResourceName": arn, "Tags": tags})))
    }

    fn describe(w: &World, body: Value) -> Outcome<TaggedResourceListMessage> {
        w.describe_tags(&ctx(T0), input(body))
    }

    fn pairs(out: &TaggedResourceListMessage) -> Vec<(String, String, String)> {
        out.tagged_resources
            .iter()
            .map(|t| {
                (
                    t.resource_type.clone(),
                    t.tag.key.clone().unwrap_or_default(),
                    t.tag.value.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn tagged_world() -> World {
        let mut w = world();
        snapshot(&mut w, "s1", T0);
        tag(
            &mut w,
            CLUSTER,
            json!([{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ann"}]),
        )
        .unwrap();
        tag(
            &mut w,
            SNAPSHOT,
            json!([{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "ann"}]),
        )
        .unwrap();
        w
    }

    #[test]
    fn tags_land_on_the_resource_and_replace_values_by_key() {
        let mut w = tagged_world();
        tag(&mut w, CLUSTER, json!([{"Key": "env", "Value": "dev"}])).unwrap();
        let place = w.place(&ctx(T0)).unwrap();
        let cluster_tags = place.clusters["c1"].cluster.tags.clone().unwrap();
        assert_eq!(cluster_tags.len(), 2);
        assert_eq!(cluster_tags[0].value.as_deref(), Some("dev"));
        let snapshot_tags = place.snapshots["s1"].snapshot.tags.clone().unwrap();
        assert_eq!(snapshot_tags[1].key.as_deref(), Some("team"));
        w.delete_tags(
            &ctx(T0),
            input(json!({"ResourceName": SNAPSHOT, "TagKeys": ["env", "absent"]})),
        )
        .unwrap();
        let snapshot_tags = w.place(&ctx(T0)).unwrap().snapshots["s1"]
            .snapshot
            .tags
            .clone();
        assert_eq!(snapshot_tags.unwrap().len(), 1);
    }

    #[test]
    fn tags_need_a_resource_of_the_caller() {
        let mut w = tagged_world();
        let missing = [
            "arn:aws:redshift:us-east-1:123456789012:cluster:nope",
            "arn:aws:redshift:us-east-1:123456789012:snapshot:c2/s1",
            "arn:aws:redshift:eu-west-1:123456789012:cluster:c1",
            "arn:aws:redshift:us-east-1:210987654321:cluster:c1",
            "arn:aws:redshift:us-east-1:123456789012:parametergroup:p1",
            "not an arn",
        ];
        for arn in missing {
            assert_eq!(
                tag(&mut w, arn, json!([{"Key": "a", "Value": "b"}])).unwrap_err(),
                RedshiftError::TaggedResourceNotFound(arn.into())
            );
            let delete = w.delete_tags(
                &ctx(T0),
                input(json!({"ResourceName": arn, "TagKeys": ["a"]})),
            );
            assert_eq!(delete.unwrap_err().code(), "ResourceNotFoundFault");
        }
        let theirs = w.describe_tags(&ctx_of(OTHER, T0), input(json!({"ResourceName": CLUSTER})));
        assert_eq!(theirs.unwrap_err().code(), "ResourceNotFoundFault");
        // Identifiers are case-insensitive in an ARN as elsewhere.
        tag(
            &mut w,
            "arn:aws:redshift:us-east-1:123456789012:snapshot:C1/S1",
            json!([{"Key": "x"}]),
        )
        .unwrap();
    }

    #[test]
    fn tag_limits() {
        let mut w = tagged_world();
        let many: Vec<Value> = (0..49)
            .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
            .collect();
        assert_eq!(
            tag(&mut w, CLUSTER, json!(many)).unwrap_err().code(),
            "TagLimitExceededFault"
        );
        let fits: Vec<Value> = (0..48)
            .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
            .collect();
        tag(&mut w, CLUSTER, json!(fits)).unwrap();
        assert_eq!(
            tag(&mut w, SNAPSHOT, json!([{"Key": "aws:x", "Value": "v"}]))
                .unwrap_err()
                .code(),
            "InvalidTagFault"
        );
        assert_eq!(
            tag(
                &mut w,
                SNAPSHOT,
                json!([{"Key": "k", "Value": "v".repeat(257)}])
            )
            .unwrap_err()
            .code(),
            "InvalidTagFault"
        );
    }

    #[test]
    fn tags_of_a_deleting_cluster_are_frozen() {
        let mut w = World::new(super::super::Settings {
            cluster_deletion_seconds: 60.0,
            ..Default::default()
        });
        w.create_cluster(
            &ctx(T0),
            input(
                json!({"ClusterIdentifier": "c1", "NodeType": "dc2.large", "MasterUsername": "a"}),
            ),
        )
        .unwrap();
        w.delete_cluster(
            &ctx(T0),
            input(json!({"ClusterIdentifier": "c1", "SkipFinalClusterSnapshot": true})),
        )
        .unwrap();
        assert_eq!(
            tag(&mut w, CLUSTER, json!([{"Key": "a", "Value": "b"}]))
                .unwrap_err()
                .code(),
            "InvalidClusterState"
        );
    }

    #[test]
    fn describe_filters_by_resource_type_and_tags() {
        let w = tagged_world();
        let all = describe(&w, json!({})).unwrap();
        assert_eq!(all.tagged_resources.len(), 4);
        assert_eq!(all.tagged_resources[0].resource_name, CLUSTER);
        assert!(all.marker.is_none());
        for t in ["Snapshot", "snapshot", "SNAPSHOT"] {
            let only = describe(&w, json!({"ResourceType": t})).unwrap();
            assert!(pairs(&only).iter().all(|p| p.0 == "snapshot"));
            assert_eq!(only.tagged_resources.len(), 2);
        }
        let none = describe(&w, json!({"ResourceType": "Parameter group"})).unwrap();
        assert!(none.tagged_resources.is_empty());
        let named = describe(&w, json!({"ResourceName": SNAPSHOT})).unwrap();
        assert_eq!(
            pairs(&named),
            vec![
                ("snapshot".into(), "env".into(), "test".into()),
                ("snapshot".into(), "team".into(), "ann".into()),
            ]
        );
        let by_key = describe(&w, json!({"TagKeys": ["env"]})).unwrap();
        assert_eq!(by_key.tagged_resources.len(), 2);
        let by_value = describe(&w, json!({"TagValues": ["ann"]})).unwrap();
        assert_eq!(by_value.tagged_resources.len(), 2);
        // Any combination of the keys and the values.
        let both = describe(
            &w,
            json!({"TagKeys": ["env", "owner"], "TagValues": ["prod", "ann"]}),
        )
        .unwrap();
        assert_eq!(
            pairs(&both),
            vec![
                ("cluster".into(), "env".into(), "prod".into()),
                ("cluster".into(), "owner".into(), "ann".into()),
            ]
        );
    }

    #[test]
    fn describe_refuses_what_the_doc_rules_out() {
        let w = tagged_world();
        let cases = [
            (
                json!({"ResourceName": CLUSTER, "ResourceType": "cluster"}),
                RedshiftError::TagsNameAndType,
            ),
            (
                json!({"ResourceName": CLUSTER, "MaxRecords": 20}),
                RedshiftError::TagsNameAndPaging,
            ),
            (
                json!({"ResourceName": CLUSTER, "Marker": "00"}),
                RedshiftError::TagsNameAndPaging,
            ),
            (
                json!({"MaxRecords": 9}),
                RedshiftError::MaxRecordsOutOfRange { min: 10, max: 50 },
            ),
            (
                json!({"MaxRecords": 51}),
                RedshiftError::MaxRecordsOutOfRange { min: 10, max: 50 },
            ),
            (
                json!({"ResourceType": "volume"}),
                RedshiftError::InvalidResourceType("volume".into()),
            ),
            (
                json!({"Marker": "zz"}),
                RedshiftError::InvalidMarker("zz".into()),
            ),
            (
                json!({"Marker": encode_marker(&json!(5))}),
                RedshiftError::InvalidMarker(encode_marker(&json!(5))),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(describe(&w, body).unwrap_err(), expected);
        }
    }

    #[test]
    fn describe_pages_with_markers() {
        let mut w = tagged_world();
        let many: Vec<Value> = (0..45)
            .map(|i| json!({"Key": format!("k{i:02}"), "Value": "v"}))
            .collect();
        tag(&mut w, CLUSTER, json!(many)).unwrap();
        let mut seen = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let mut body = json!({"MaxRecords": 10});
            if let Some(m) = &marker {
                body["Marker"] = json!(m);
            }
            let page = describe(&w, body).unwrap();
            assert!(page.tagged_resources.len() <= 10);
            seen.extend(pairs(&page));
            marker = page.marker;
            if marker.is_none() {
                break;
            }
        }
        assert_eq!(seen.len(), 49);
        tag(
            &mut w,
            SNAPSHOT,
            json!([{"Key": "x", "Value": "1"}, {"Key": "y", "Value": "2"}]),
        )
        .unwrap();
        let first = describe(&w, json!({})).unwrap();
        assert_eq!(first.tagged_resources.len(), 50);
        assert!(first.marker.is_some());
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 49);
    }
}
