//! DescribeClusterVersions, DescribeClusterTracks and
//! DescribeOrderableClusterOptions: the catalog, as the operations that
//! create and change clusters validate against it.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::engine::catalog::{self, NODE_TYPES, TRACKS, TRACK_SUPPORTED_OPERATIONS};
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AvailabilityZone, ClusterVersion, ClusterVersionsMessage, DescribeClusterTracksMessage,
    DescribeClusterVersionsMessage, DescribeOrderableClusterOptionsMessage, MaintenanceTrack,
    OrderableClusterOption, OrderableClusterOptionsMessage, SupportedOperation, SupportedPlatform,
    TrackListMessage, UpdateTarget,
};

/// One page of a catalog listing: the items in catalog order, each with its
/// position, from just after the marker's.
pub(super) fn catalog_page<K, T>(
    paging: &Paging<K>,
    items: impl Iterator<Item = (K, T)>,
) -> (Vec<T>, Option<Name>)
where
    K: Serialize + DeserializeOwned + PartialOrd,
{
    let after = paging.after.as_ref();
    paging.page(items.filter(|(k, _)| after.is_none_or(|a| k > a)))
}

impl World {
    /// DescribeClusterVersions: the engine's one version (doc), filtered by
    /// version and parameter group family.
    pub fn describe_cluster_versions(
        &self,
        _ctx: &Context,
        input: DescribeClusterVersionsMessage,
    ) -> Outcome<ClusterVersionsMessage> {
        let paging: Paging<String> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let versions = [(catalog::CLUSTER_VERSION, catalog::PARAMETER_GROUP_FAMILY)]
            .into_iter()
            .filter(|(v, _)| input.cluster_version.as_deref().is_none_or(|w| w == *v))
            .filter(|(_, f)| {
                input
                    .cluster_parameter_group_family
                    .as_deref()
                    .is_none_or(|w| w == *f)
            })
            .map(|(version, family)| {
                (
                    version.to_owned(),
                    ClusterVersion {
                        cluster_version: Some(Name::from(version)),
                        cluster_parameter_group_family: Some(Name::from(family)),
                        description: Some(Name::from(catalog::CLUSTER_VERSION_DESCRIPTION)),
                    },
                )
            });
        let (page, marker) = catalog_page(&paging, versions);
        Ok(ClusterVersionsMessage {
            marker,
            cluster_versions: Some(page),
        })
    }

    /// DescribeClusterTracks: the maintenance tracks, each with the release
    /// its clusters run and the tracks it can switch to; an unknown track
    /// name is `InvalidClusterTrack` (doc).
    pub fn describe_cluster_tracks(
        &self,
        _ctx: &Context,
        input: DescribeClusterTracksMessage,
    ) -> Outcome<TrackListMessage> {
        let paging: Paging<usize> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        if let Some(name) = input.maintenance_track_name.as_deref() {
            catalog::track(name)
                .ok_or_else(|| RedshiftError::InvalidClusterTrack(name.to_owned()))?;
        }
        let tracks = TRACKS
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                input
                    .maintenance_track_name
                    .as_deref()
                    .is_none_or(|w| w == t.name)
            })
            .map(|(i, t)| {
                let targets = TRACKS
                    .iter()
                    .filter(|other| other.name != t.name)
                    .map(|other| UpdateTarget {
                        maintenance_track_name: Some(Name::from(other.name)),
                        database_version: Some(Name::from(other.release.version())),
                        supported_operations: Some(
                            TRACK_SUPPORTED_OPERATIONS
                                .iter()
                                .map(|op| SupportedOperation {
                                    operation_name: Some(Name::from(*op)),
                                })
                                .collect(),
                        ),
                    })
                    .collect();
                (
                    i,
                    MaintenanceTrack {
                        maintenance_track_name: Some(Name::from(t.name)),
                        database_version: Some(Name::from(t.release.version())),
                        update_targets: Some(targets),
                    },
                )
            });
        let (page, marker) = catalog_page(&paging, tracks);
        Ok(TrackListMessage {
            maintenance_tracks: Some(page),
            marker,
        })
    }

    /// DescribeOrderableClusterOptions: every node type and cluster type the
    /// catalog offers, in the region's zones, filtered by version and node
    /// type (an unknown one matches nothing).
    pub fn describe_orderable_cluster_options(
        &self,
        ctx: &Context,
        input: DescribeOrderableClusterOptionsMessage,
    ) -> Outcome<OrderableClusterOptionsMessage> {
        let paging: Paging<(usize, usize)> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let version_ok = input
            .cluster_version
            .as_deref()
            .is_none_or(|v| v == catalog::CLUSTER_VERSION);
        let zones: Vec<AvailabilityZone> = catalog::availability_zones(ctx.region)
            .into_iter()
            .map(|zone| AvailabilityZone {
                name: Some(Name::from(zone)),
                supported_platforms: Some(vec![SupportedPlatform {
                    name: Some(Name::from(catalog::SUPPORTED_PLATFORM)),
                }]),
            })
            .collect();
        let options = NODE_TYPES
            .iter()
            .enumerate()
            .filter(|_| version_ok)
            .filter(|(_, n)| input.node_type.as_deref().is_none_or(|w| w == n.name))
            .flat_map(|(i, n)| {
                n.cluster_types().iter().enumerate().map(move |(j, kind)| {
                    (
                        (i, j),
                        OrderableClusterOption {
                            cluster_version: Some(Name::from(catalog::CLUSTER_VERSION)),
                            cluster_type: Some(Name::from(*kind)),
                            node_type: Some(Name::from(n.name)),
                            availability_zones: None,
                        },
                    )
                })
            });
        let (mut page, marker) = catalog_page(&paging, options);
        for option in &mut page {
            option.availability_zones = Some(zones.clone());
        }
        Ok(OrderableClusterOptionsMessage {
            orderable_cluster_options: Some(page),
            marker,
        })
    }
}
