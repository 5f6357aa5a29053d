//! DescribeClusters, and the one listing of the caller's clusters it shares
//! with DescribeClusterDbRevisions.

use super::{ClusterRecord, ClusterStatus};
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{key, Stored};
use crate::engine::store::Position;
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, Place, World};
use crate::errors::RedshiftError;
use crate::model::{ClustersMessage, DescribeClustersMessage};

/// What a listing of clusters asks for.
pub(super) struct ClusterListing<'a> {
    pub identifier: Option<&'a str>,
    pub max_records: Option<i64>,
    pub marker: Option<&'a str>,
    pub tags: TagFilter<'a>,
    /// The states a listed cluster is in (a named one in another is refused).
    pub statuses: &'a [ClusterStatus],
}

impl World {
    /// One page of the caller's clusters in identifier order, rendered by
    /// `render`: all of them, or the one named (`ClusterNotFound`; not with a
    /// marker, doc), `MaxRecords` 20..=100 (doc).
    pub(super) fn list_clusters<T>(
        &self,
        ctx: &Context,
        listing: ClusterListing,
        render: impl Fn(&ClusterRecord, &Place) -> T,
    ) -> Outcome<(Vec<T>, Option<Name>)> {
        if listing.identifier.is_some() && listing.marker.is_some() {
            return Err(RedshiftError::IdentifierAndMarker("ClusterIdentifier"));
        }
        let paging: Paging<Position<ClusterRecord>> =
            Paging::new(DESCRIBE_PAGE, listing.max_records, listing.marker)?;
        if let Some(id) = listing.identifier {
            self.cluster_in(ctx, id, listing.statuses)?;
        }
        let Some(place) = self.place(ctx) else {
            return Ok((Vec::new(), None));
        };
        let wanted = listing.identifier.map(key);
        let walk = place
            .clusters
            .after(paging.after.as_ref())
            .filter(|c| wanted.as_deref().is_none_or(|w| c.identifier() == w))
            .filter(|c| listing.statuses.contains(&c.status))
            .filter(|c| {
                listing
                    .tags
                    .matches(place.tags.of(ClusterRecord::KIND, c.identifier()))
            })
            .map(|c| (((), Name::clone(c.identifier())), c));
        let (page, marker) = paging.page(walk);
        Ok((page.iter().map(|c| render(c, place)).collect(), marker))
    }

    /// DescribeClusters: the caller's clusters, or the one it names, with
    /// the tag filters (doc).
    pub fn describe_clusters(
        &self,
        ctx: &Context,
        input: DescribeClustersMessage,
    ) -> Outcome<ClustersMessage> {
        let listing = ClusterListing {
            identifier: input.cluster_identifier.as_deref(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
            tags: TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref()),
            statuses: ClusterStatus::ALL,
        };
        let (clusters, marker) =
            self.list_clusters(ctx, listing, |c, place| c.render(ctx, place))?;
        Ok(ClustersMessage {
            marker,
            clusters: Some(clusters),
        })
    }
}
