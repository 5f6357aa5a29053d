//! CreateEndpointAccess, ModifyEndpointAccess, DeleteEndpointAccess and
//! DescribeEndpointAccess.

use super::{
    authorization_key, EndpointAccessRecord, EndpointStatus, ENDPOINTS_PER_AUTHORIZATION,
    ENDPOINTS_PER_CLUSTER,
};
use crate::engine::clusters::ClusterRecord;
use crate::engine::identifiers::new_identifier;
use crate::engine::listing::Query;
use crate::engine::name::Name;
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateEndpointAccessMessage, DeleteEndpointAccessMessage, DescribeEndpointAccessMessage,
    EndpointAccess, EndpointAccessList, ModifyEndpointAccessMessage,
};

impl World {
    /// The caller's endpoint, rendered now.
    fn render_endpoint(&self, ctx: &Context, name: &str) -> Outcome<EndpointAccess> {
        Ok(self.own::<EndpointAccessRecord>(ctx, name)?.render(ctx))
    }

    /// CreateEndpointAccess: an endpoint to the caller's cluster, or to
    /// another account's it is authorized to (`ResourceOwner`), in the VPC
    /// of one of the caller's subnet groups; the name is unique in the
    /// account (doc: 1 to 30 letters, digits and hyphens, a letter first,
    /// no trailing or doubled hyphen).
    pub fn create_endpoint_access(
        &mut self,
        ctx: &Context,
        input: CreateEndpointAccessMessage,
    ) -> Outcome<EndpointAccess> {
        let name = Name::from(new_identifier("EndpointName", &input.endpoint_name, 30)?);
        let owner = input
            .resource_owner
            .unwrap_or_else(|| Name::from(ctx.account));
        let id = input
            .cluster_identifier
            .ok_or_else(|| RedshiftError::MissingParameter("ClusterIdentifier".to_owned()))?;
        let placement = self.endpoint_placement(ctx, &input.subnet_group_name)?;
        let (cluster, port) = {
            let c = self.endpoint_cluster(ctx, &owner, &id)?;
            (c.identifier().clone(), c.facts.port)
        };
        self.check_endpoint_grant(ctx, &owner, &cluster, &placement.vpc_id)?;
        if self.own::<EndpointAccessRecord>(ctx, &name).is_ok() {
            return Err(RedshiftError::EndpointAlreadyExists(name.to_string()));
        }
        let to_cluster: Vec<&Name> = self
            .endpoints_to(ctx, &owner, &cluster)
            .map(|(maker, _)| maker)
            .collect();
        if to_cluster.len() >= ENDPOINTS_PER_CLUSTER {
            return Err(RedshiftError::EndpointsPerClusterLimitExceeded(
                ENDPOINTS_PER_CLUSTER,
            ));
        }
        let mine = to_cluster.iter().filter(|m| **m == ctx.account).count();
        if owner != ctx.account && mine >= ENDPOINTS_PER_AUTHORIZATION {
            return Err(RedshiftError::EndpointsPerAuthorizationLimitExceeded {
                limit: ENDPOINTS_PER_AUTHORIZATION,
                key: authorization_key(&cluster, ctx.account).to_string(),
            });
        }
        let record = EndpointAccessRecord {
            name: name.clone(),
            cluster,
            owner,
            subnet_group: input.subnet_group_name,
            placement,
            security_groups: input.vpc_security_group_ids.unwrap_or_default(),
            port,
            created: ctx.now,
            status: EndpointStatus::Creating,
            until: None,
        };
        let answer = record.render(ctx);
        self.add(ctx, record);
        let seconds = self.settings.endpoint_creation_seconds;
        self.begin_endpoint_transition(ctx, &name, EndpointStatus::Creating, seconds);
        Ok(answer)
    }

    /// ModifyEndpointAccess: an active endpoint's security groups.
    pub fn modify_endpoint_access(
        &mut self,
        ctx: &Context,
        input: ModifyEndpointAccessMessage,
    ) -> Outcome<EndpointAccess> {
        let record = self.own::<EndpointAccessRecord>(ctx, &input.endpoint_name)?;
        let name = record.name.clone();
        require_endpoint(record, &[EndpointStatus::Active])?;
        if let Some(groups) = input.vpc_security_group_ids {
            self.own_mut::<EndpointAccessRecord>(ctx, &name)?
                .security_groups = groups;
        }
        let seconds = self.settings.endpoint_modification_seconds;
        self.begin_endpoint_transition(ctx, &name, EndpointStatus::Modifying, seconds);
        self.render_endpoint(ctx, &name)
    }

    /// DeleteEndpointAccess: answers it `deleting`; it is gone once the
    /// world's deletion time has passed.
    pub fn delete_endpoint_access(
        &mut self,
        ctx: &Context,
        input: DeleteEndpointAccessMessage,
    ) -> Outcome<EndpointAccess> {
        let record = self.own::<EndpointAccessRecord>(ctx, &input.endpoint_name)?;
        let name = record.name.clone();
        require_endpoint(
            record,
            &[
                EndpointStatus::Active,
                EndpointStatus::Creating,
                EndpointStatus::Modifying,
            ],
        )?;
        let seconds = self.settings.endpoint_deletion_seconds;
        self.begin_endpoint_transition(ctx, &name, EndpointStatus::Deleting, seconds);
        self.render_endpoint(ctx, &name)
    }

    /// DescribeEndpointAccess: the caller's endpoints, of one name, cluster
    /// (of `ResourceOwner`, default the caller) or VPC when asked.
    pub fn describe_endpoint_access(
        &self,
        ctx: &Context,
        input: DescribeEndpointAccessMessage,
    ) -> Outcome<EndpointAccessList> {
        let owner = input.resource_owner.as_deref().unwrap_or(ctx.account);
        let cluster = match input.cluster_identifier.as_deref() {
            Some(id) => {
                let owner_ctx = Context {
                    account: owner,
                    ..*ctx
                };
                Some(
                    self.own::<ClusterRecord>(&owner_ctx, id)?
                        .identifier()
                        .clone(),
                )
            }
            None => None,
        };
        let query = Query {
            name: input.endpoint_name.as_deref(),
            tags: TagFilter::default(),
            max_records: input.max_records,
            marker: input.marker.as_deref(),
        };
        let keep = |e: &EndpointAccessRecord| {
            (input.resource_owner.is_none() || e.owner == owner)
                && cluster.as_ref().is_none_or(|c| e.cluster == *c)
                && input
                    .vpc_id
                    .as_ref()
                    .is_none_or(|v| e.placement.vpc_id == *v)
        };
        let (page, marker) = self.list(ctx, query, None, keep, |e, _| e.render(ctx))?;
        Ok(EndpointAccessList {
            endpoint_access_list: Some(page),
            marker,
        })
    }
}

/// An endpoint's precondition: `InvalidEndpointState` otherwise.
fn require_endpoint(record: &EndpointAccessRecord, allowed: &[EndpointStatus]) -> Outcome<()> {
    crate::engine::require(record.status, allowed, |status| {
        RedshiftError::InvalidEndpointState {
            name: record.name.to_string(),
            status: status.as_str(),
        }
    })
}
