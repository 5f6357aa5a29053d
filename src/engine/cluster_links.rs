//! What belongs to a cluster besides its snapshots and tags: the records of
//! the caller's account that exist only for one of its clusters. The end of
//! a rename calls [`World::cluster_renamed`], so that some follow it; the
//! end of a deletion calls [`World::forget_cluster`], so that a new cluster
//! of the same name starts without them.

use super::custom_domains::CustomDomainRecord;
use super::data_shares::DataShareRecord;
use super::endpoint_access::{EndpointAuthorizationRecord, EndpointStatus};
use super::name::Name;
use super::namespaces::namespace_id;
use super::partners::PartnerRecord;
use super::resource_policies::ResourcePolicyRecord;
use super::usage_limits::UsageLimitRecord;
use super::{Context, World};

impl World {
    /// A cluster was renamed: its usage limits, logging status and custom
    /// domain follow it (event subscriptions keep the old name, doc; the
    /// records of its namespace, whose id the fake works out from the
    /// identifier, stay with the old one: choice).
    pub fn cluster_renamed(&mut self, ctx: &Context, from: &Name, to: &Name) {
        let Some(place) = self.place_mut(ctx) else {
            return;
        };
        for limit in place
            .usage_limits
            .values_mut()
            .filter(|l| l.cluster == *from)
        {
            limit.cluster = to.clone();
        }
        if let Some(logging) = place.logging.remove(from) {
            place.logging.insert(to.clone(), logging);
        }
        if let Some(mut domain) = place.custom_domains.remove(from) {
            domain.cluster = to.clone();
            place.custom_domains.insert(domain);
        }
    }

    /// Forgets what belonged to the caller's cluster `cluster`: its usage
    /// limits (doc), logging status, custom domain, partner integrations,
    /// endpoint authorizations, the resource policy of its namespace and the
    /// data shares it produced; endpoints to it, in any account, are deleted
    /// (choice: AWS documents none but the first, and a gone cluster can
    /// serve none of them).
    pub fn forget_cluster(&mut self, ctx: &Context, cluster: &str) {
        let namespace = namespace_id(ctx.account, ctx.region, cluster);
        let Some(place) = self.place(ctx) else {
            return;
        };
        let limits: Vec<Name> = place
            .usage_limits
            .values()
            .filter(|l| l.cluster == cluster)
            .map(|l| l.id.clone())
            .collect();
        let partners: Vec<Name> = place
            .partners
            .walk_group(&Name::from(cluster), std::ops::Bound::Unbounded)
            .map(|p| p.key.clone())
            .collect();
        let authorizations: Vec<Name> = place
            .endpoint_authorizations
            .values()
            .filter(|a| a.cluster == cluster)
            .map(|a| a.key.clone())
            .collect();
        let shares: Vec<Name> = place
            .data_shares
            .values()
            .filter(|s| s.cluster == cluster)
            .map(|s| s.key.clone())
            .collect();
        let endpoints: Vec<(Name, Name)> = self
            .endpoints_to(ctx, ctx.account, cluster)
            .filter(|(_, e)| e.status != EndpointStatus::Deleting)
            .map(|(account, e)| (account.clone(), e.name.clone()))
            .collect();
        for id in limits {
            self.remove::<UsageLimitRecord>(ctx, &id);
        }
        if let Some(place) = self.place_mut(ctx) {
            place.logging.remove(cluster);
        }
        self.remove::<CustomDomainRecord>(ctx, cluster);
        self.remove::<ResourcePolicyRecord>(ctx, &namespace);
        for key in partners {
            self.remove::<PartnerRecord>(ctx, &key);
        }
        for key in authorizations {
            self.remove::<EndpointAuthorizationRecord>(ctx, &key);
        }
        for key in shares {
            self.remove::<DataShareRecord>(ctx, &key);
        }
        let seconds = self.settings.endpoint_deletion_seconds;
        for (account, name) in endpoints {
            let maker = Context {
                account: &account,
                ..*ctx
            };
            self.begin_endpoint_transition(&maker, &name, EndpointStatus::Deleting, seconds);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::engine::namespaces::namespace_arn;
    use crate::engine::testkit::{
        cluster, ctx, ctx_of, ok, subnet_group, ACCOUNT, OTHER, REGION, T0,
    };
    use crate::engine::World;
    use crate::model::operations as op;

    #[test]
    fn a_gone_clusters_records_go_with_it() {
        let mut w = World::default();
        let (c, other) = (ctx(T0), ctx_of(OTHER, T0));
        subnet_group(&mut w, &other, "s");
        for id in ["c1", "c2"] {
            cluster(&mut w, &c, id, json!({"NodeType": "ra3.xlplus"}));
            ok::<op::CreateCustomDomainAssociation>(
                &mut w,
                &c,
                json!({"ClusterIdentifier": id, "CustomDomainName": format!("{id}.example.com"),
                       "CustomDomainCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/x"}),
            );
            ok::<op::AddPartner>(
                &mut w,
                &c,
                json!({"AccountId": ACCOUNT, "ClusterIdentifier": id, "DatabaseName": "dev", "PartnerName": "p"}),
            );
            ok::<op::AuthorizeEndpointAccess>(
                &mut w,
                &c,
                json!({"ClusterIdentifier": id, "Account": OTHER}),
            );
            ok::<op::CreateEndpointAccess>(
                &mut w,
                &other,
                json!({"ClusterIdentifier": id, "ResourceOwner": ACCOUNT, "EndpointName": format!("e-{id}"),
                       "SubnetGroupName": "s"}),
            );
            ok::<op::PutResourcePolicy>(
                &mut w,
                &c,
                json!({"ResourceArn": namespace_arn(REGION, ACCOUNT, id),
                       "Policy": r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*"}}"#}),
            );
            w.create_data_share(&c, id, "s", &[OTHER.to_owned()], false)
                .unwrap();
        }
        w.forget_cluster(&c, "c1");
        w.tick(T0);
        let place = w.place(&c).unwrap();
        assert_eq!(place.custom_domains.len(), 1);
        assert_eq!(place.partners.len(), 1);
        assert_eq!(place.endpoint_authorizations.len(), 1);
        assert_eq!(place.resource_policies.len(), 1);
        assert_eq!(place.data_shares.len(), 1);
        let endpoints: Vec<&str> = w
            .place(&other)
            .unwrap()
            .endpoint_accesses
            .values()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(endpoints, ["e-c2"]);
    }
}
