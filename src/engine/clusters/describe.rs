//! DescribeClusters.

use super::ClusterRecord;
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{key, Resource};
use crate::engine::store::Position;
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{ClustersMessage, DescribeClustersMessage};

impl World {
    /// DescribeClusters: the caller's clusters by identifier, or the one it
    /// names (`ClusterNotFound` if it has none of that name); not both a
    /// name and a marker (doc).
    pub fn describe_clusters(
        &self,
        ctx: &Context,
        input: DescribeClustersMessage,
    ) -> Outcome<ClustersMessage> {
        if input.cluster_identifier.is_some() && input.marker.is_some() {
            return Err(RedshiftError::IdentifierAndMarker("ClusterIdentifier"));
        }
        let paging: Paging<Position<ClusterRecord>> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        if let Some(id) = input.cluster_identifier.as_deref() {
            self.own::<ClusterRecord>(ctx, id)?;
        }
        let wanted = input.cluster_identifier.as_deref().map(key);
        let filter = TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref());
        let Some(place) = self.place(ctx) else {
            return Ok(ClustersMessage {
                marker: None,
                clusters: Some(Vec::new()),
            });
        };
        let walk = place
            .clusters
            .after(paging.after.as_ref())
            .filter(|c| wanted.as_deref().is_none_or(|w| c.identifier() == w))
            .filter(|c| filter.matches(place.tags.of(ClusterRecord::KIND, c.identifier())))
            .map(|c| (((), Name::clone(c.identifier())), c));
        let (page, marker) = paging.page(walk);
        Ok(ClustersMessage {
            marker,
            clusters: Some(page.iter().map(|c| c.render(ctx, &place.tags)).collect()),
        })
    }
}
