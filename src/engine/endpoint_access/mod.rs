//! Redshift-managed VPC endpoints and the authorizations behind them. A
//! cluster's owner authorizes another account (AuthorizeEndpointAccess),
//! for all of its VPCs or some; that account, or the owner, then makes
//! endpoints to the cluster in its own VPCs (CreateEndpointAccess). An
//! endpoint is `creating`, `modifying` and `deleting` for the world's
//! `endpoint_*_seconds`; a revoked authorization is `Revoking` while its
//! endpoints are deleted.

mod authorizations;
mod endpoints;
#[cfg(test)]
mod tests;

use crate::engine::subnet_groups::SubnetGroupRecord;
use serde::{Deserialize, Serialize};

use super::clusters::{ClusterRecord, ClusterStatus};
use super::identifiers::{is_account_id, new_identifier};
use super::name::Name;
use super::resources::{check_saved_time, partition, Resource, ResourceKind};
use super::{hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    EndpointAccess, EndpointAuthorization, NetworkInterface, Timestamp, VpcEndpoint,
    VpcSecurityGroupMembership,
};

/// Endpoints to one cluster, from every account (choice).
pub const ENDPOINTS_PER_CLUSTER: usize = 30;
/// Endpoints one authorized account may make to a cluster (choice).
pub const ENDPOINTS_PER_AUTHORIZATION: usize = 5;
/// Accounts one cluster may authorize (choice).
pub const AUTHORIZATIONS_PER_CLUSTER: usize = 30;

/// An endpoint's `EndpointStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndpointStatus {
    Creating,
    Active,
    Modifying,
    Deleting,
}

impl EndpointStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointStatus::Creating => "creating",
            EndpointStatus::Active => "active",
            EndpointStatus::Modifying => "modifying",
            EndpointStatus::Deleting => "deleting",
        }
    }
}

/// An authorization's `Status` (doc: the model's values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthorizationStatus {
    Authorized,
    Revoking,
}

impl AuthorizationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizationStatus::Authorized => "Authorized",
            AuthorizationStatus::Revoking => "Revoking",
        }
    }
}

/// An account's authorization to a cluster, kept in the owner's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointAuthorizationRecord {
    /// `<cluster>/<grantee>`.
    pub key: Name,
    pub cluster: Name,
    pub grantee: Name,
    pub authorized_at: Timestamp,
    /// The VPCs allowed; `None`: all of the grantee's.
    pub vpcs: Option<Vec<Name>>,
    pub status: AuthorizationStatus,
    /// When a revocation is over.
    pub until: Option<Timestamp>,
}

/// Where an endpoint sits: its VPC, subnet and zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub vpc_id: Name,
    pub subnet_id: Name,
    pub availability_zone: Name,
}

/// A Redshift-managed VPC endpoint, kept in the account that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointAccessRecord {
    pub name: Name,
    pub cluster: Name,
    /// The cluster's owner.
    pub owner: Name,
    pub subnet_group: Name,
    pub placement: Placement,
    pub security_groups: Vec<Name>,
    pub port: i64,
    pub created: Timestamp,
    pub status: EndpointStatus,
    /// When the current transitional status is over.
    pub until: Option<Timestamp>,
}

macro_rules! endpoint_record {
    ($record:ty, $key:ident, $not_found:expr) => {
        crate::engine::store::keyed_record!($record, $key);

        impl Resource for $record {
            const TAGGABLE: bool = false;
            fn key_in_arn_path(path: &str) -> Option<&str> {
                Some(path)
            }
            fn not_found(identifier: &str) -> RedshiftError {
                $not_found(identifier.to_owned())
            }
            fn check_saved(&self) -> Result<(), String> {
                self.saved_rules()
            }
            fn wakeups(&self) -> Vec<(Timestamp, &'static str)> {
                self.until
                    .map(|t| (t, "ends its transition"))
                    .into_iter()
                    .collect()
            }
        }
    };
}

endpoint_record!(EndpointAccessRecord, name, RedshiftError::EndpointNotFound);
endpoint_record!(
    EndpointAuthorizationRecord,
    key,
    RedshiftError::EndpointAuthorizationNotFound
);

/// The key of an account's authorization to a cluster.
fn authorization_key(cluster: &str, grantee: &str) -> Name {
    Name::from(format!("{cluster}/{grantee}"))
}

/// `n` hex digits of a hash of `parts`, for the ids AWS makes.
fn hex_id(parts: &[&str], n: usize) -> String {
    let h = format!(
        "{:016x}{:016x}",
        hash64(parts),
        hash64(&[&parts.concat(), "2"])
    );
    h[..n].to_owned()
}

impl EndpointAuthorizationRecord {
    fn saved_rules(&self) -> Result<(), String> {
        if !is_account_id(&self.grantee)
            || self.key != authorization_key(&self.cluster, &self.grantee)
        {
            return Err("its key is not its cluster and grantee account".to_owned());
        }
        if (self.status == AuthorizationStatus::Revoking) != self.until.is_some() {
            return Err("only a revocation has an end".to_owned());
        }
        check_saved_time("its AuthorizeTime", self.authorized_at)
    }
}

impl EndpointAccessRecord {
    fn saved_rules(&self) -> Result<(), String> {
        match new_identifier("EndpointName", &self.name, 30) {
            Ok(name) if self.name == name.as_str() => {}
            _ => return Err("its name is not a lowercase endpoint name".to_owned()),
        }
        if !is_account_id(&self.owner) {
            return Err(format!("{:?} is not an account id", self.owner));
        }
        if (self.status == EndpointStatus::Active) == self.until.is_some() {
            return Err(format!(
                "it is {} and its end does not say so",
                self.status.as_str()
            ));
        }
        check_saved_time("its EndpointCreateTime", self.created)
    }

    /// The endpoint as its maker sees it.
    pub fn render(&self, ctx: &Context) -> EndpointAccess {
        let seed = [ctx.account, ctx.region, self.name.as_str()];
        let h = hash64(&seed);
        EndpointAccess {
            cluster_identifier: Some(self.cluster.clone()),
            resource_owner: Some(self.owner.clone()),
            subnet_group_name: Some(self.subnet_group.clone()),
            endpoint_status: Some(Name::from_static(self.status.as_str())),
            endpoint_name: Some(self.name.clone()),
            endpoint_create_time: Some(self.created),
            port: Some(self.port),
            address: Some(Name::from(format!(
                "{}-endpoint-{}.{}.{}.redshift.{}",
                self.name,
                hex_id(&seed, 20),
                hex_id(&[self.owner.as_str(), &self.cluster], 12),
                ctx.region,
                partition(ctx.region).1
            ))),
            vpc_security_groups: Some(
                self.security_groups
                    .iter()
                    .map(|id| VpcSecurityGroupMembership {
                        vpc_security_group_id: Some(id.clone()),
                        status: Some(Name::from_static("active")),
                    })
                    .collect(),
            ),
            vpc_endpoint: Some(VpcEndpoint {
                vpc_endpoint_id: Some(Name::from(format!("vpce-{}", hex_id(&seed, 17)))),
                vpc_id: Some(self.placement.vpc_id.clone()),
                network_interfaces: Some(vec![NetworkInterface {
                    network_interface_id: Some(Name::from(format!(
                        "eni-{}",
                        hex_id(&[&self.name, "eni"], 17)
                    ))),
                    subnet_id: Some(self.placement.subnet_id.clone()),
                    private_ip_address: Some(Name::from(format!(
                        "10.{}.{}.{}",
                        (h >> 8) & 0xff,
                        (h >> 16) & 0xff,
                        4 + (h >> 24) % 250
                    ))),
                    availability_zone: Some(self.placement.availability_zone.clone()),
                    ipv6_address: None,
                }]),
            }),
        }
    }
}

impl World {
    /// Where an endpoint made from one of the caller's subnet groups sits:
    /// the group's VPC, and its first subnet (choice) with that subnet's
    /// zone. A group the caller lacks is `ClusterSubnetGroupNotFoundFault`.
    pub fn endpoint_placement(&self, ctx: &Context, subnet_group: &str) -> Outcome<Placement> {
        let group = self.own::<SubnetGroupRecord>(ctx, subnet_group)?;
        let (subnet, zone) = group
            .subnets
            .iter()
            .next()
            .ok_or_else(|| SubnetGroupRecord::not_found(subnet_group))?;
        Ok(Placement {
            vpc_id: group.vpc_id.clone(),
            subnet_id: subnet.clone(),
            availability_zone: zone.clone(),
        })
    }

    /// The cluster `owner` has in the caller's region, which endpoints and
    /// authorizations need available and of an RA3 node type (doc:
    /// Redshift-managed VPC endpoints are for RA3 clusters).
    fn endpoint_cluster(&self, ctx: &Context, owner: &str, id: &str) -> Outcome<&ClusterRecord> {
        let owner_ctx = Context {
            account: owner,
            ..*ctx
        };
        let cluster = self.own::<ClusterRecord>(&owner_ctx, id)?;
        cluster.require(&[ClusterStatus::Available])?;
        if !cluster.facts.node_type.starts_with("ra3.") {
            return Err(RedshiftError::EndpointClusterNotRa3(
                id.to_ascii_lowercase(),
            ));
        }
        Ok(cluster)
    }

    /// The endpoints of every account of the region to `owner`'s cluster,
    /// with the account that made each.
    pub(super) fn endpoints_to<'w>(
        &'w self,
        ctx: &Context,
        owner: &'w str,
        cluster: &'w str,
    ) -> impl Iterator<Item = (&'w Name, &'w EndpointAccessRecord)> + 'w {
        self.regions
            .get(ctx.region)
            .into_iter()
            .flatten()
            .flat_map(|(account, place)| {
                place.endpoint_accesses.values().map(move |e| (account, e))
            })
            .filter(move |(_, e)| e.owner == owner && e.cluster == cluster)
    }

    /// An authorization as the grantor and grantee see it.
    fn render_authorization(
        &self,
        ctx: &Context,
        grantor: &str,
        a: &EndpointAuthorizationRecord,
    ) -> EndpointAuthorization {
        let grantor_ctx = Context {
            account: grantor,
            ..*ctx
        };
        let cluster_status = self
            .own::<ClusterRecord>(&grantor_ctx, &a.cluster)
            .ok()
            .map(|c| Name::from_static(c.status.as_str()));
        let endpoints = self
            .endpoints_to(ctx, grantor, &a.cluster)
            .filter(|(account, _)| **account == a.grantee)
            .count();
        EndpointAuthorization {
            grantor: Some(Name::from(grantor)),
            grantee: Some(a.grantee.clone()),
            cluster_identifier: Some(a.cluster.clone()),
            authorize_time: Some(a.authorized_at),
            cluster_status,
            status: Some(Name::from_static(a.status.as_str())),
            allowed_all_vp_cs: Some(a.vpcs.is_none()),
            allowed_vp_cs: a.vpcs.clone(),
            endpoint_count: Some(endpoints as i64),
        }
    }

    /// Puts an endpoint into a transitional status for `seconds`.
    pub(super) fn begin_endpoint_transition(
        &mut self,
        ctx: &Context,
        name: &Name,
        status: EndpointStatus,
        seconds: f64,
    ) {
        let until = ctx.now.plus_seconds(seconds);
        if let Some(e) = self
            .place_mut(ctx)
            .and_then(|p| p.endpoint_accesses.get_mut(name))
        {
            e.status = status;
            e.until = Some(until);
        }
        self.schedule(ctx, until, ResourceKind::EndpointAccess, name);
    }

    /// An endpoint's wake-up: a transition is over.
    pub(super) fn wake_endpoint_access(&mut self, ctx: &Context, name: &Name) {
        let Some(e) = self
            .place_mut(ctx)
            .and_then(|p| p.endpoint_accesses.get_mut(name))
        else {
            return;
        };
        if e.until.is_none_or(|until| ctx.now < until) {
            return;
        }
        e.until = None;
        if e.status == EndpointStatus::Deleting {
            self.remove::<EndpointAccessRecord>(ctx, name);
        } else {
            e.status = EndpointStatus::Active;
        }
    }

    /// An authorization's wake-up: a revocation is over.
    pub(super) fn wake_endpoint_authorization(&mut self, ctx: &Context, key: &Name) {
        let done = self
            .place(ctx)
            .and_then(|p| p.endpoint_authorizations.get(key))
            .is_some_and(|a| a.until.is_some_and(|until| ctx.now >= until));
        if done {
            self.remove::<EndpointAuthorizationRecord>(ctx, key);
        }
    }
}
