//! Cluster security groups (access to clusters outside a VPC):
//! Create/Delete/DescribeClusterSecurityGroup(s) and
//! Authorize/RevokeClusterSecurityGroupIngress.

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::events::{SECURITY_GROUP_CREATED, SECURITY_GROUP_DELETED, SECURITY_GROUP_UPDATED};
use super::identifiers::{is_account_id, new_group_name};
use super::listing::query;
use super::name::Name;
use super::resources::{Resource, Stored};
use super::store::Record;
use super::tags::{tags_of, TagStore};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AuthorizeClusterSecurityGroupIngressMessage, AuthorizeClusterSecurityGroupIngressResult,
    ClusterSecurityGroup, ClusterSecurityGroupMessage, CreateClusterSecurityGroupMessage,
    CreateClusterSecurityGroupResult, DeleteClusterSecurityGroupMessage,
    DescribeClusterSecurityGroupsMessage, EC2SecurityGroup, IPRange,
    RevokeClusterSecurityGroupIngressMessage, RevokeClusterSecurityGroupIngressResult,
};

/// The security group every account has (doc: it cannot be deleted).
pub const DEFAULT_GROUP: &str = "default";
/// Ingress rules one group may hold (doc: 20).
pub const MAX_INGRESS_RULES: usize = 20;

/// An ingress rule: a CIDR range, or an EC2 security group and its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ingress {
    Cidr(Name),
    Ec2 { name: Name, owner: Name },
}

/// A cluster security group as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupRecord {
    pub name: Name,
    pub description: Name,
    /// Its rules, in the order they were authorized.
    pub ingress: Vec<Ingress>,
}

impl Record for SecurityGroupRecord {
    type Order = ();
    fn key(&self) -> &Name {
        &self.name
    }
    fn order(&self) {}
    /// The default group is kept once rules are authorized for it, but
    /// does not count against the quota.
    fn counted(&self) -> bool {
        self.name != DEFAULT_GROUP
    }
}

impl Resource for SecurityGroupRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterSecurityGroupNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        if self.name != DEFAULT_GROUP {
            let name = new_group_name("ClusterSecurityGroupName", &self.name)
                .map_err(|e| e.to_string())?;
            if name != *self.name {
                return Err("a security group's name is lowercase".into());
            }
        }
        if self.ingress.len() > MAX_INGRESS_RULES {
            return Err(format!(
                "a security group has at most {MAX_INGRESS_RULES} ingress rules"
            ));
        }
        for rule in &self.ingress {
            let checked = match rule {
                Ingress::Cidr(c) => ingress_of(Some(c), None, None),
                Ingress::Ec2 { name, owner } => ingress_of(None, Some(name), Some(owner)),
            };
            checked.map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// The default group, as every account has it (its description: choice).
static DEFAULT: LazyLock<SecurityGroupRecord> = LazyLock::new(|| SecurityGroupRecord {
    name: Name::from_static(DEFAULT_GROUP),
    description: Name::from_static("default"),
    ingress: Vec::new(),
});

const AUTHORIZED: Name = Name::from_static("authorized");

impl SecurityGroupRecord {
    /// The model's `ClusterSecurityGroup`.
    pub fn render(&self, tags: &TagStore) -> ClusterSecurityGroup {
        let mut ec2 = Vec::new();
        let mut ranges = Vec::new();
        for rule in &self.ingress {
            match rule {
                Ingress::Cidr(cidr) => ranges.push(IPRange {
                    status: Some(AUTHORIZED),
                    cidrip: Some(cidr.clone()),
                    tags: Some(Vec::new()),
                }),
                Ingress::Ec2 { name, owner } => ec2.push(EC2SecurityGroup {
                    status: Some(AUTHORIZED),
                    ec2_security_group_name: Some(name.clone()),
                    ec2_security_group_owner_id: Some(owner.clone()),
                    tags: Some(Vec::new()),
                }),
            }
        }
        ClusterSecurityGroup {
            cluster_security_group_name: Some(self.name.clone()),
            description: Some(self.description.clone()),
            ec2_security_groups: Some(ec2),
            ip_ranges: Some(ranges),
            tags: Some(tags.render(Self::KIND, &self.name)),
        }
    }
}

/// An IPv4 range in CIDR notation (doc), e.g. `192.0.2.0/24`.
fn is_cidr(text: &str) -> bool {
    text.split_once('/').is_some_and(|(ip, bits)| {
        ip.parse::<std::net::Ipv4Addr>().is_ok()
            && (1..=2).contains(&bits.len())
            && bits.bytes().all(|b| b.is_ascii_digit())
            && bits.parse::<u8>().is_ok_and(|b| b <= 32)
    })
}

/// The rule an Authorize or Revoke names (doc): a CIDR range, or an EC2
/// security group with its owner's 12-digit account id, not both.
fn ingress_of(
    cidr: Option<&Name>,
    ec2_name: Option<&Name>,
    owner: Option<&Name>,
) -> Outcome<Ingress> {
    match (cidr, ec2_name, owner) {
        (Some(cidr), None, None) if is_cidr(cidr) => Ok(Ingress::Cidr(cidr.clone())),
        (Some(cidr), None, None) => Err(RedshiftError::InvalidCidr(cidr.to_string())),
        (None, Some(name), Some(owner)) if is_account_id(owner) => Ok(Ingress::Ec2 {
            name: name.clone(),
            owner: owner.clone(),
        }),
        (None, Some(_), Some(owner)) => Err(RedshiftError::InvalidEc2SecurityGroupOwner(
            owner.to_string(),
        )),
        _ => Err(RedshiftError::IngressRuleNotNamed),
    }
}

impl World {
    /// The caller's security group of that name: the default group or one
    /// it created.
    pub fn security_group(&self, ctx: &Context, name: &str) -> Outcome<&SecurityGroupRecord> {
        match self.own::<SecurityGroupRecord>(ctx, name) {
            Err(_) if name.eq_ignore_ascii_case(DEFAULT_GROUP) => Ok(&DEFAULT),
            found => found,
        }
    }

    /// Whether the caller has a security group of that name.
    pub fn security_group_exists(&self, ctx: &Context, name: &str) -> bool {
        self.security_group(ctx, name).is_ok()
    }

    /// CreateClusterSecurityGroup.
    pub fn create_cluster_security_group(
        &mut self,
        ctx: &Context,
        input: CreateClusterSecurityGroupMessage,
    ) -> Outcome<CreateClusterSecurityGroupResult> {
        let name = new_group_name(
            "ClusterSecurityGroupName",
            &input.cluster_security_group_name,
        )?;
        let tags = tags_of(input.tags)?;
        if self
            .place(ctx)
            .is_some_and(|p| p.security_groups.contains(&name))
        {
            return Err(RedshiftError::ClusterSecurityGroupAlreadyExists(name));
        }
        let quota = self.settings.security_group_quota;
        if self
            .place(ctx)
            .is_some_and(|p| p.security_groups.counted() >= quota)
        {
            return Err(RedshiftError::ClusterSecurityGroupQuotaExceeded(quota));
        }
        let key = Name::from(name);
        self.record_event(ctx, SECURITY_GROUP_CREATED, &key, Vec::new());
        let record = SecurityGroupRecord {
            name: key,
            description: input.description,
            ingress: Vec::new(),
        };
        Ok(CreateClusterSecurityGroupResult {
            cluster_security_group: self.add_tagged(ctx, record, tags, SecurityGroupRecord::render),
        })
    }

    /// DeleteClusterSecurityGroup: not the default group, nor one a cluster
    /// uses (doc).
    pub fn delete_cluster_security_group(
        &mut self,
        ctx: &Context,
        input: DeleteClusterSecurityGroupMessage,
    ) -> Outcome<()> {
        let key = self
            .security_group(ctx, &input.cluster_security_group_name)?
            .name
            .clone();
        if key == DEFAULT_GROUP {
            return Err(RedshiftError::DefaultSecurityGroup);
        }
        self.require_unused(
            ctx,
            |c| c.security_groups.contains(&key),
            |cluster| RedshiftError::SecurityGroupInUse {
                group: key.to_string(),
                cluster,
            },
        )?;
        self.remove::<SecurityGroupRecord>(ctx, &key);
        self.record_event(ctx, SECURITY_GROUP_DELETED, &key, Vec::new());
        Ok(())
    }

    /// DescribeClusterSecurityGroups: the default group and the caller's,
    /// by name, with tag filters and paging; a name and a marker together
    /// are refused (doc).
    pub fn describe_cluster_security_groups(
        &self,
        ctx: &Context,
        input: DescribeClusterSecurityGroupsMessage,
    ) -> Outcome<ClusterSecurityGroupMessage> {
        if input.cluster_security_group_name.is_some() && input.marker.is_some() {
            return Err(RedshiftError::SecurityGroupNameAndMarker);
        }
        let query = query!(input, cluster_security_group_name);
        let (page, marker) = self.list(
            ctx,
            query,
            Some(&*DEFAULT),
            |_| true,
            SecurityGroupRecord::render,
        )?;
        Ok(ClusterSecurityGroupMessage {
            marker,
            cluster_security_groups: Some(page),
        })
    }

    /// The group and the rule an Authorize or Revoke names.
    fn ingress_request(
        &self,
        ctx: &Context,
        group: &str,
        cidr: Option<&Name>,
        ec2_name: Option<&Name>,
        owner: Option<&Name>,
    ) -> Outcome<(SecurityGroupRecord, Ingress)> {
        let group = self.security_group(ctx, group)?.clone();
        Ok((group, ingress_of(cidr, ec2_name, owner)?))
    }

    /// AuthorizeClusterSecurityGroupIngress: adds a rule (doc: at most 20).
    pub fn authorize_cluster_security_group_ingress(
        &mut self,
        ctx: &Context,
        input: AuthorizeClusterSecurityGroupIngressMessage,
    ) -> Outcome<AuthorizeClusterSecurityGroupIngressResult> {
        let (mut group, rule) = self.ingress_request(
            ctx,
            &input.cluster_security_group_name,
            input.cidrip.as_ref(),
            input.ec2_security_group_name.as_ref(),
            input.ec2_security_group_owner_id.as_ref(),
        )?;
        if group.ingress.contains(&rule) {
            return Err(RedshiftError::IngressAlreadyAuthorized(
                group.name.to_string(),
            ));
        }
        if group.ingress.len() >= MAX_INGRESS_RULES {
            return Err(RedshiftError::IngressQuotaExceeded(MAX_INGRESS_RULES));
        }
        group.ingress.push(rule);
        Ok(AuthorizeClusterSecurityGroupIngressResult {
            cluster_security_group: self.security_group_changed(ctx, group),
        })
    }

    /// RevokeClusterSecurityGroupIngress: removes a rule the group has.
    pub fn revoke_cluster_security_group_ingress(
        &mut self,
        ctx: &Context,
        input: RevokeClusterSecurityGroupIngressMessage,
    ) -> Outcome<RevokeClusterSecurityGroupIngressResult> {
        let (mut group, rule) = self.ingress_request(
            ctx,
            &input.cluster_security_group_name,
            input.cidrip.as_ref(),
            input.ec2_security_group_name.as_ref(),
            input.ec2_security_group_owner_id.as_ref(),
        )?;
        let before = group.ingress.len();
        group.ingress.retain(|r| *r != rule);
        if group.ingress.len() == before {
            return Err(RedshiftError::IngressNotAuthorized(group.name.to_string()));
        }
        Ok(RevokeClusterSecurityGroupIngressResult {
            cluster_security_group: self.security_group_changed(ctx, group),
        })
    }

    /// Keeps a group's new rules (the default group's too), records the
    /// change, and answers the group.
    fn security_group_changed(
        &mut self,
        ctx: &Context,
        group: SecurityGroupRecord,
    ) -> Option<ClusterSecurityGroup> {
        let key = group.name.clone();
        self.add(ctx, group);
        self.record_event(ctx, SECURITY_GROUP_UPDATED, &key, Vec::new());
        self.rendered(ctx, &key, SecurityGroupRecord::render)
    }
}
