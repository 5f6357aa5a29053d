//! AuthorizeEndpointAccess, RevokeEndpointAccess and
//! DescribeEndpointAuthorization.

use super::{
    authorization_key, AuthorizationStatus, EndpointAuthorizationRecord, EndpointStatus,
    AUTHORIZATIONS_PER_CLUSTER,
};
use crate::engine::clusters::ClusterRecord;
use crate::engine::identifiers::is_account_id;
use crate::engine::listing::{Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::resources::{key, ResourceKind};
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AuthorizeEndpointAccessMessage, DescribeEndpointAuthorizationMessage, EndpointAuthorization,
    EndpointAuthorizationList, RevokeEndpointAccessMessage,
};

/// A member the model leaves optional that the operation needs (choice:
/// AWS's `MissingParameter`).
fn needed<'a>(value: Option<&'a Name>, member: &str) -> Outcome<&'a Name> {
    value.ok_or_else(|| RedshiftError::MissingParameter(member.to_owned()))
}

impl World {
    /// The caller's authorization of `account` to one of its clusters.
    fn own_authorization(
        &self,
        ctx: &Context,
        cluster: &str,
        account: &str,
    ) -> Outcome<&EndpointAuthorizationRecord> {
        let key = authorization_key(&key(cluster), account);
        self.place(ctx)
            .and_then(|p| p.endpoint_authorizations.get(&key))
            .ok_or_else(|| RedshiftError::EndpointAuthorizationNotFound(key.to_string()))
    }

    /// AuthorizeEndpointAccess: another account may make endpoints to one
    /// of the caller's available RA3 clusters, from all its VPCs or those
    /// named. Authorizing an account again adds the VPCs it lacked; with
    /// none new, the authorization already exists (choice).
    pub fn authorize_endpoint_access(
        &mut self,
        ctx: &Context,
        input: AuthorizeEndpointAccessMessage,
    ) -> Outcome<EndpointAuthorization> {
        let id = needed(input.cluster_identifier.as_ref(), "ClusterIdentifier")?;
        let cluster = self
            .endpoint_cluster(ctx, ctx.account, id)?
            .identifier()
            .clone();
        let account = input.account;
        if !is_account_id(&account) || account == ctx.account {
            return Err(RedshiftError::InvalidEndpointGrantee(account.to_string()));
        }
        let key = authorization_key(&cluster, &account);
        let vpcs = input.vpc_ids.filter(|v| !v.is_empty());
        let existing = self
            .place(ctx)
            .and_then(|p| p.endpoint_authorizations.get(&key));
        let record = match existing {
            Some(a) if a.status == AuthorizationStatus::Revoking => {
                return Err(RedshiftError::AuthorizationBeingRevoked(key.to_string()))
            }
            Some(a) => {
                let widened = match (&a.vpcs, vpcs) {
                    (None, _) => None,
                    (Some(_), None) => Some(None),
                    (Some(old), Some(new)) => {
                        let added: Vec<Name> =
                            new.into_iter().filter(|v| !old.contains(v)).collect();
                        (!added.is_empty()).then(|| Some([old.clone(), added].concat()))
                    }
                };
                let vpcs = widened.ok_or_else(|| {
                    RedshiftError::EndpointAuthorizationAlreadyExists(key.to_string())
                })?;
                EndpointAuthorizationRecord { vpcs, ..a.clone() }
            }
            None => {
                let held = self.place(ctx).map_or(0, |p| {
                    p.endpoint_authorizations
                        .values()
                        .filter(|a| a.cluster == cluster)
                        .count()
                });
                if held >= AUTHORIZATIONS_PER_CLUSTER {
                    return Err(
                        RedshiftError::EndpointAuthorizationsPerClusterLimitExceeded(
                            AUTHORIZATIONS_PER_CLUSTER,
                        ),
                    );
                }
                EndpointAuthorizationRecord {
                    key,
                    cluster,
                    grantee: account,
                    authorized_at: ctx.now,
                    vpcs,
                    status: AuthorizationStatus::Authorized,
                    until: None,
                }
            }
        };
        let answer = self.render_authorization(ctx, ctx.account, &record);
        self.add(ctx, record);
        Ok(answer)
    }

    /// RevokeEndpointAccess: ends an authorization, or its access from the
    /// VPCs named. Endpoints that lose their access are deleted with
    /// `Force`, and otherwise make the call fail (doc: "If true, the
    /// Redshift-managed VPC endpoints associated with the endpoint
    /// authorization are also deleted"). A revoked authorization is
    /// `Revoking` while they are deleted.
    pub fn revoke_endpoint_access(
        &mut self,
        ctx: &Context,
        input: RevokeEndpointAccessMessage,
    ) -> Outcome<EndpointAuthorization> {
        let id = needed(input.cluster_identifier.as_ref(), "ClusterIdentifier")?;
        let account = needed(input.account.as_ref(), "Account")?;
        let cluster = self.own::<ClusterRecord>(ctx, id)?.identifier().clone();
        let record = self.own_authorization(ctx, &cluster, account)?.clone();
        if record.status == AuthorizationStatus::Revoking {
            return Err(RedshiftError::AuthorizationBeingRevoked(
                record.key.to_string(),
            ));
        }
        let revoked: Option<Vec<Name>> = input.vpc_ids.filter(|v| !v.is_empty());
        let kept: Option<Vec<Name>> = match (&record.vpcs, &revoked) {
            (_, None) => None,
            (None, Some(_)) => {
                return Err(RedshiftError::RevokeVpcsOfAllVpcs(record.key.to_string()))
            }
            (Some(allowed), Some(revoked)) => {
                if let Some(v) = revoked.iter().find(|v| !allowed.contains(v)) {
                    return Err(RedshiftError::EndpointAuthorizationNotFound(format!(
                        "{} for {v}",
                        record.key
                    )));
                }
                Some(
                    allowed
                        .iter()
                        .filter(|v| !revoked.contains(v))
                        .cloned()
                        .collect(),
                )
            }
        };
        let whole = kept.as_ref().is_none_or(Vec::is_empty);
        let losing: Vec<Name> = self
            .endpoints_to(ctx, ctx.account, &cluster)
            .filter(|(maker, e)| {
                **maker == *account
                    && (whole
                        || revoked
                            .as_ref()
                            .is_some_and(|r| r.contains(&e.placement.vpc_id)))
            })
            .map(|(_, e)| e.name.clone())
            .collect();
        if !losing.is_empty() && !input.force.unwrap_or(false) {
            return Err(RedshiftError::AuthorizationHasEndpoints {
                key: record.key.to_string(),
                count: losing.len(),
            });
        }
        let seconds = self.settings.endpoint_deletion_seconds;
        let grantee_ctx = Context { account, ..*ctx };
        for name in &losing {
            let deleting = self
                .place_of(ctx.region, account)
                .and_then(|p| p.endpoint_accesses.get(name))
                .is_some_and(|e| e.status == EndpointStatus::Deleting);
            if !deleting {
                self.begin_endpoint_transition(
                    &grantee_ctx,
                    name,
                    EndpointStatus::Deleting,
                    seconds,
                );
            }
        }
        let record = if whole {
            let until = ctx.now.plus_seconds(seconds);
            self.schedule(ctx, until, ResourceKind::EndpointAuthorization, &record.key);
            EndpointAuthorizationRecord {
                status: AuthorizationStatus::Revoking,
                until: Some(until),
                ..record
            }
        } else {
            EndpointAuthorizationRecord {
                vpcs: kept,
                ..record
            }
        };
        let answer = self.render_authorization(ctx, ctx.account, &record);
        self.add(ctx, record);
        Ok(answer)
    }

    /// DescribeEndpointAuthorization: the authorizations the caller granted
    /// (of one cluster, to one account when asked), or with `Grantee` those
    /// granted to it (by one account, for one cluster when asked).
    pub fn describe_endpoint_authorization(
        &self,
        ctx: &Context,
        input: DescribeEndpointAuthorizationMessage,
    ) -> Outcome<EndpointAuthorizationList> {
        let paging: Paging<(Name, Name)> =
            Paging::new(DESCRIBE_PAGE, input.max_records, input.marker.as_deref())?;
        let as_grantee = input.grantee.unwrap_or(false);
        let cluster = input.cluster_identifier.as_deref().map(key);
        if let (false, Some(id)) = (as_grantee, cluster.as_deref()) {
            self.own::<ClusterRecord>(ctx, id)?;
        }
        let account = input.account.as_deref();
        let mut found: Vec<((Name, Name), &Name, &EndpointAuthorizationRecord)> = self
            .regions
            .get(ctx.region)
            .into_iter()
            .flatten()
            .filter(|(grantor, _)| {
                if as_grantee {
                    **grantor != ctx.account && account.is_none_or(|a| **grantor == a)
                } else {
                    **grantor == ctx.account
                }
            })
            .flat_map(|(grantor, place)| {
                place
                    .endpoint_authorizations
                    .values()
                    .map(move |a| (grantor, a))
            })
            .filter(|(_, a)| {
                let other = if as_grantee { None } else { account };
                (!as_grantee || a.grantee == ctx.account)
                    && other.is_none_or(|o| a.grantee == o)
                    && cluster.as_deref().is_none_or(|c| a.cluster == c)
            })
            .map(|(grantor, a)| ((grantor.clone(), a.key.clone()), grantor, a))
            .collect();
        found.sort_by(|x, y| x.0.cmp(&y.0));
        let walk = found
            .into_iter()
            .filter(|(position, ..)| paging.after.as_ref().is_none_or(|after| position > after))
            .map(|(position, grantor, a)| (position, self.render_authorization(ctx, grantor, a)));
        let (page, marker) = paging.page(walk);
        Ok(EndpointAuthorizationList {
            endpoint_authorization_list: Some(page),
            marker,
        })
    }

    /// Whether the caller may make an endpoint to `cluster` of `owner` in
    /// `vpc`: its own, or one it is authorized to from that VPC;
    /// `AccessToClusterDenied` without an authorization,
    /// `UnauthorizedOperation` from a VPC the authorization does not allow.
    pub(super) fn check_endpoint_grant(
        &self,
        ctx: &Context,
        owner: &str,
        cluster: &str,
        vpc: &str,
    ) -> Outcome<()> {
        if owner == ctx.account {
            return Ok(());
        }
        let grant = self
            .place_of(ctx.region, owner)
            .and_then(|p| {
                p.endpoint_authorizations
                    .get(&authorization_key(cluster, ctx.account))
            })
            .filter(|a| a.status == AuthorizationStatus::Authorized)
            .ok_or_else(|| RedshiftError::AccessToClusterDenied(cluster.to_owned()))?;
        if grant
            .vpcs
            .as_ref()
            .is_some_and(|v| !v.iter().any(|x| x == vpc))
        {
            return Err(RedshiftError::VpcNotAuthorized {
                vpc: vpc.to_owned(),
                cluster: cluster.to_owned(),
            });
        }
        Ok(())
    }
}
