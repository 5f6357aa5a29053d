//! Cluster subnet groups: Create/Delete/Describe/ModifyClusterSubnetGroup(s).
//! A group's subnets are the world's (declared with `fake.add_vpc`, or
//! derived while none is declared), all of one VPC, which is the VPC of
//! the clusters in the group and of their snapshots.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::controls::is_subnet_id;
use super::identifiers::new_group_name;
use super::listing::query;
use super::name::Name;
use super::resources::{Resource, Stored};
use super::tags::{tags_of, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AvailabilityZone, ClusterSubnetGroup, ClusterSubnetGroupMessage,
    CreateClusterSubnetGroupMessage, CreateClusterSubnetGroupResult,
    DeleteClusterSubnetGroupMessage, DescribeClusterSubnetGroupsMessage,
    ModifyClusterSubnetGroupMessage, ModifyClusterSubnetGroupResult, Subnet,
};

/// Subnets a group may hold (doc: 20, also the most one request may name).
pub const MAX_SUBNETS: usize = 20;

/// A subnet group as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubnetGroupRecord {
    pub name: Name,
    pub description: Name,
    pub vpc_id: Name,
    /// Subnet id -> its availability zone.
    pub subnets: BTreeMap<Name, Name>,
}

crate::engine::store::keyed_record!(SubnetGroupRecord, name, counted);

impl Resource for SubnetGroupRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterSubnetGroupNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let name =
            new_group_name("ClusterSubnetGroupName", &self.name).map_err(|e| e.to_string())?;
        if name != *self.name || !(1..=MAX_SUBNETS).contains(&self.subnets.len()) {
            return Err(format!(
                "a subnet group has a lowercase name and 1 to {MAX_SUBNETS} subnets"
            ));
        }
        match self.subnets.keys().find(|s| !is_subnet_id(s)) {
            Some(bad) => Err(format!("{bad} is not a subnet id")),
            None if !self.vpc_id.starts_with("vpc-") => {
                Err(format!("{} is not a VPC id", self.vpc_id))
            }
            None => Ok(()),
        }
    }
}

impl SubnetGroupRecord {
    /// The model's `ClusterSubnetGroup` (`Complete`, every subnet `Active`, ipv4: choice).
    pub fn render(&self, tags: &TagStore) -> ClusterSubnetGroup {
        ClusterSubnetGroup {
            cluster_subnet_group_name: Some(self.name.clone()),
            description: Some(self.description.clone()),
            vpc_id: Some(self.vpc_id.clone()),
            subnet_group_status: Some(Name::from_static("Complete")),
            subnets: Some(
                self.subnets
                    .iter()
                    .map(|(id, zone)| Subnet {
                        subnet_identifier: Some(id.clone()),
                        subnet_availability_zone: Some(AvailabilityZone {
                            name: Some(zone.clone()),
                            supported_platforms: None,
                        }),
                        subnet_status: Some(Name::from_static("Active")),
                    })
                    .collect(),
            ),
            tags: Some(tags.render(Self::KIND, &self.name)),
            supported_cluster_ip_address_types: Some(vec![Name::from_static("ipv4")]),
        }
    }

    /// The zones its subnets are in, in order.
    pub fn zones(&self) -> impl Iterator<Item = &Name> {
        let mut zones: Vec<&Name> = self.subnets.values().collect();
        zones.sort();
        zones.dedup();
        zones.into_iter()
    }
}

impl World {
    /// Subnets a request names (doc): one to 20, each a subnet of the
    /// caller's, all in one VPC. Their VPC, and each one's zone.
    fn group_subnets(&self, ctx: &Context, ids: &[Name]) -> Outcome<(Name, BTreeMap<Name, Name>)> {
        if ids.len() > MAX_SUBNETS {
            return Err(RedshiftError::ClusterSubnetQuotaExceeded(MAX_SUBNETS));
        }
        let mut vpc: Option<Name> = None;
        let mut subnets = BTreeMap::new();
        for id in ids {
            let (subnet_vpc, zone) = self
                .subnet(ctx, id)
                .ok_or_else(|| RedshiftError::InvalidSubnet(id.to_string()))?;
            match &vpc {
                Some(v) if *v != subnet_vpc => {
                    return Err(RedshiftError::SubnetsInSeveralVpcs(
                        v.to_string(),
                        subnet_vpc.to_string(),
                    ))
                }
                _ => vpc = Some(subnet_vpc),
            }
            subnets.insert(id.clone(), zone);
        }
        let vpc = vpc.ok_or(RedshiftError::NoSubnets)?;
        Ok((vpc, subnets))
    }

    /// CreateClusterSubnetGroup.
    pub fn create_cluster_subnet_group(
        &mut self,
        ctx: &Context,
        input: CreateClusterSubnetGroupMessage,
    ) -> Outcome<CreateClusterSubnetGroupResult> {
        let name = new_group_name("ClusterSubnetGroupName", &input.cluster_subnet_group_name)?;
        let tags = tags_of(input.tags)?;
        let place = self.place(ctx);
        if place.is_some_and(|p| p.subnet_groups.contains(&name)) {
            return Err(RedshiftError::ClusterSubnetGroupAlreadyExists(name));
        }
        let quota = self.settings.subnet_group_quota;
        if place.is_some_and(|p| p.subnet_groups.counted() >= quota) {
            return Err(RedshiftError::ClusterSubnetGroupQuotaExceeded(quota));
        }
        let (vpc_id, subnets) = self.group_subnets(ctx, &input.subnet_ids)?;
        let record = SubnetGroupRecord {
            name: Name::from(name),
            description: input.description,
            vpc_id,
            subnets,
        };
        Ok(CreateClusterSubnetGroupResult {
            cluster_subnet_group: self.add_tagged(ctx, record, tags, SubnetGroupRecord::render),
        })
    }

    /// DeleteClusterSubnetGroup: not one a cluster is in (doc).
    pub fn delete_cluster_subnet_group(
        &mut self,
        ctx: &Context,
        input: DeleteClusterSubnetGroupMessage,
    ) -> Outcome<()> {
        let key = self
            .own::<SubnetGroupRecord>(ctx, &input.cluster_subnet_group_name)?
            .name
            .clone();
        self.require_unused(
            ctx,
            |c| c.subnet_group.as_ref() == Some(&key),
            |cluster| RedshiftError::SubnetGroupInUse {
                group: key.to_string(),
                cluster,
            },
        )?;
        self.remove::<SubnetGroupRecord>(ctx, &key);
        Ok(())
    }

    /// ModifyClusterSubnetGroup: the group's subnets become those given
    /// (doc); a group clusters are in keeps its VPC (choice).
    pub fn modify_cluster_subnet_group(
        &mut self,
        ctx: &Context,
        input: ModifyClusterSubnetGroupMessage,
    ) -> Outcome<ModifyClusterSubnetGroupResult> {
        let group = self.own::<SubnetGroupRecord>(ctx, &input.cluster_subnet_group_name)?;
        let (key, old_vpc) = (group.name.clone(), group.vpc_id.clone());
        let (vpc_id, subnets) = self.group_subnets(ctx, &input.subnet_ids)?;
        if vpc_id != old_vpc {
            let (old, new) = (old_vpc.to_string(), vpc_id.to_string());
            self.require_unused(
                ctx,
                |c| c.subnet_group.as_ref() == Some(&key),
                |_| RedshiftError::SubnetsInSeveralVpcs(old, new),
            )?;
        }
        let group = self.own_mut::<SubnetGroupRecord>(ctx, &key)?;
        group.vpc_id = vpc_id;
        group.subnets = subnets;
        if let Some(description) = input.description {
            group.description = description;
        }
        Ok(ModifyClusterSubnetGroupResult {
            cluster_subnet_group: self.rendered(ctx, &key, SubnetGroupRecord::render),
        })
    }

    /// DescribeClusterSubnetGroups: by name, with tag filters and paging.
    pub fn describe_cluster_subnet_groups(
        &self,
        ctx: &Context,
        input: DescribeClusterSubnetGroupsMessage,
    ) -> Outcome<ClusterSubnetGroupMessage> {
        let query = query!(input, cluster_subnet_group_name);
        let (page, marker) = self.list(
            ctx,
            query,
            None,
            |_: &SubnetGroupRecord| true,
            SubnetGroupRecord::render,
        )?;
        Ok(ClusterSubnetGroupMessage {
            marker,
            cluster_subnet_groups: Some(page),
        })
    }
}
