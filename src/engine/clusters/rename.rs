//! The end of a rename (ModifyCluster's NewClusterIdentifier): the cluster
//! moves to its new identifier with its ARN and tags, and its snapshots stay
//! associated with it (doc: "all snapshots associated with a cluster remain
//! associated with that cluster after it is renamed").

use std::collections::HashMap;
use std::sync::Arc;

use super::{ClusterFacts, ClusterRecord};
use crate::engine::name::Name;
use crate::engine::resources::{arn, Resource, ResourceKind, Stored};
use crate::engine::{Context, World};

impl World {
    /// Whether a cluster of the caller's has `id`, or is being renamed to it.
    pub(crate) fn cluster_identifier_taken(&self, ctx: &Context, id: &str) -> bool {
        self.place(ctx).is_some_and(|p| {
            p.clusters.contains(id)
                || p.clusters
                    .values()
                    .any(|c| c.pending.cluster_identifier.as_deref() == Some(id))
        })
    }

    /// Moves a renamed cluster, its tags, its snapshots and its
    /// configuration to its new name; returns the name it has now.
    pub(super) fn finish_rename(&mut self, ctx: &Context, old: &Name) -> Name {
        let Some(place) = self.place_mut(ctx) else {
            return old.clone();
        };
        let Some(mut cluster) = place.clusters.remove(old) else {
            return old.clone();
        };
        let Some(new) = cluster.pending.cluster_identifier.take() else {
            place.clusters.insert(cluster);
            return old.clone();
        };
        let created = cluster.facts.cluster_create_time;
        Arc::make_mut(&mut cluster.facts).cluster_identifier = new.clone();
        place.clusters.insert(cluster);
        place.tags.rename(ClusterRecord::KIND, old, &new);
        // Each distinct set of facts gets one renamed copy, still shared.
        let mut renamed: HashMap<*const ClusterFacts, Arc<ClusterFacts>> = HashMap::new();
        let moved: Vec<Name> = place
            .snapshots
            .values()
            .filter(|s| s.cluster_identifier() == old && s.facts.cluster_create_time == created)
            .map(|s| s.id.clone())
            .collect();
        let mut arns = Vec::new();
        for id in &moved {
            let Some(mut s) = place.snapshots.remove(id) else {
                continue;
            };
            let before = arn(
                ctx.region,
                ctx.account,
                ResourceKind::Snapshot,
                &s.arn_path(),
            );
            s.facts = Arc::clone(renamed.entry(Arc::as_ptr(&s.facts)).or_insert_with(|| {
                let mut facts = (*s.facts).clone();
                facts.cluster_identifier = new.clone();
                Arc::new(facts)
            }));
            let after = arn(
                ctx.region,
                ctx.account,
                ResourceKind::Snapshot,
                &s.arn_path(),
            );
            arns.push((before, after));
            place.snapshots.insert(s);
        }
        // A restored cluster's hold on its snapshot follows the snapshot's ARN.
        for c in place.clusters.values_mut() {
            if let Some((_, after)) = arns
                .iter()
                .find(|(before, _)| c.restored_from.as_deref() == Some(before.as_str()))
            {
                c.restored_from = Some(Name::from(after.as_str()));
            }
        }
        self.cluster_renamed(ctx, old, &new);
        self.schedule_cluster(ctx, &new);
        new
    }
}
