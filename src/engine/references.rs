//! What a cluster refers to: its parameter group, subnet group and
//! security groups must exist (doc), and a cluster in a subnet group is in
//! that group's VPC and in one of its zones. Checked once, here, by every
//! operation that makes or changes a cluster.

use super::catalog::DEFAULT_PARAMETER_GROUP;
use super::name::Name;
use super::subnet_groups::SubnetGroupRecord;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;

/// The references a call gives (`None`: the call does not name one).
#[derive(Debug, Clone, Copy, Default)]
pub struct ClusterReferences<'a> {
    pub parameter_group: Option<&'a str>,
    pub subnet_group: Option<&'a str>,
    pub security_groups: Option<&'a [Name]>,
    pub availability_zone: Option<&'a str>,
    /// The KMS key it is encrypted with.
    pub kms_key: Option<&'a str>,
}

/// The references, found: names as the account keeps them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// The parameter group named, if one was.
    pub parameter_group: Option<Name>,
    pub subnet_group: Option<Name>,
    /// The subnet group's VPC.
    pub vpc_id: Option<Name>,
    /// The zone asked for, or (in a subnet group) the first of the group's
    /// zones (SPEC 8, choice).
    pub availability_zone: Option<Name>,
    pub security_groups: Vec<Name>,
}

impl Resolved {
    /// The parameter group of a new cluster: the one named, else the default (doc).
    pub fn parameter_group_or_default(&self) -> Name {
        self.parameter_group
            .clone()
            .unwrap_or_else(|| Name::from_static(DEFAULT_PARAMETER_GROUP))
    }
}

impl World {
    /// Finds what a cluster refers to, or the modeled not-found error:
    /// `ClusterParameterGroupNotFound`, `ClusterSubnetGroupNotFoundFault`,
    /// `ClusterSecurityGroupNotFound`; a zone outside the subnet group's is
    /// `InvalidVPCNetworkStateFault`, a KMS key a test did not declare
    /// (once it declares keys) `InvalidParameterValue` (choices). CreateCluster,
    /// RestoreFromClusterSnapshot and ModifyCluster call it.
    pub fn check_cluster_references(
        &self,
        ctx: &Context,
        refs: ClusterReferences,
    ) -> Outcome<Resolved> {
        let parameter_group = refs
            .parameter_group
            .map(|name| self.parameter_group(ctx, name).map(|g| g.name.clone()))
            .transpose()?;
        let subnet_group = refs
            .subnet_group
            .map(|name| self.own::<SubnetGroupRecord>(ctx, name))
            .transpose()?;
        let mut security_groups: Vec<Name> = Vec::new();
        for name in refs.security_groups.unwrap_or_default() {
            let group = self.security_group(ctx, name)?.name.clone();
            if !security_groups.contains(&group) {
                security_groups.push(group);
            }
        }
        if let Some(key) = refs.kms_key.filter(|k| !self.kms_key_exists(k)) {
            return Err(RedshiftError::KmsKeyNotFound(key.to_owned()));
        }
        let zone = refs.availability_zone.map(Name::from);
        let availability_zone = match subnet_group {
            None => zone,
            Some(group) => match zone {
                Some(z) if !group.zones().any(|g| *g == z) => {
                    return Err(RedshiftError::ZoneNotInSubnetGroup {
                        zone: z.to_string(),
                        group: group.name.to_string(),
                    })
                }
                Some(z) => Some(z),
                None => group.zones().next().cloned(),
            },
        };
        Ok(Resolved {
            parameter_group,
            subnet_group: subnet_group.map(|g| g.name.clone()),
            vpc_id: subnet_group.map(|g| g.vpc_id.clone()),
            availability_zone,
            security_groups,
        })
    }
}
