//! Namespaces: each cluster's database namespace, named by an ARN
//! (`arn:aws:redshift:<region>:<account>:namespace:<guid>`, which
//! DescribeClusters shows as `ClusterNamespaceArn`). Data shares, resource
//! policies and integrations name clusters through it.

use super::clusters::ClusterRecord;
use super::name::Name;
use super::resources::{key, typed_arn};
use super::{hash64, World};

/// The ARN resource type of a namespace.
pub const NAMESPACE: &str = "namespace";

/// The id of a cluster's namespace: a version 4 UUID made from its
/// account, region and identifier (choice), so it stays the same as long as
/// the cluster does. `ClusterRecord::render` shows the same one.
pub fn namespace_id(account: &str, region: &str, cluster: &str) -> String {
    let h = hash64(&[account, region, cluster]);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        h >> 32,
        (h >> 16) & 0xffff,
        h & 0xfff,
        (h >> 12) & 0xfff,
        hash64(&[cluster, account]) & 0xffff_ffff_ffff
    )
}

/// The ARN of a cluster's namespace.
pub fn namespace_arn(region: &str, account: &str, cluster: &str) -> String {
    typed_arn(
        region,
        account,
        NAMESPACE,
        &namespace_id(account, region, cluster),
    )
}

/// A provisioned namespace ARN, read: its region, account and id.
pub fn parse_namespace_arn(text: &str) -> Option<(&str, &str, &str)> {
    let parts: Vec<&str> = text.splitn(7, ':').collect();
    match parts[..] {
        ["arn", _partition, "redshift", region, account, NAMESPACE, id] => {
            Some((region, account, id))
        }
        _ => None,
    }
}

impl World {
    /// The cluster whose namespace an ARN names, with its owner: a cluster
    /// of the ARN's account in the ARN's region.
    pub fn cluster_of_namespace(&self, text: &str) -> Option<(&Name, &ClusterRecord)> {
        let (region, account, id) = parse_namespace_arn(text)?;
        let (owner, place) = self.regions.get(region)?.get_key_value(account)?;
        let id = key(id);
        place
            .clusters
            .values()
            .find(|c| namespace_id(account, region, c.identifier()) == id)
            .map(|c| (owner, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testkit::{ctx, world, ACCOUNT, REGION, T0};
    use crate::model::operations as op;
    use serde_json::json;

    #[test]
    fn a_clusters_namespace_is_the_one_describe_clusters_shows() {
        let mut w = world();
        let shown = crate::engine::testkit::ok::<op::DescribeClusters>(
            &mut w,
            &ctx(T0),
            json!({"ClusterIdentifier": "c1"}),
        )
        .clusters
        .unwrap()[0]
            .cluster_namespace_arn
            .clone()
            .unwrap();
        assert_eq!(shown.as_str(), namespace_arn(REGION, ACCOUNT, "c1"));
        let (owner, cluster) = w.cluster_of_namespace(&shown).unwrap();
        assert_eq!(
            (owner.as_str(), cluster.identifier().as_str()),
            (ACCOUNT, "c1")
        );
        assert_eq!(
            parse_namespace_arn(&shown),
            Some((
                REGION,
                ACCOUNT,
                namespace_id(ACCOUNT, REGION, "c1").as_str()
            ))
        );
        for other in [
            namespace_arn(REGION, ACCOUNT, "c2"),
            namespace_arn("eu-west-1", ACCOUNT, "c1"),
            format!("arn:aws:redshift-serverless:{REGION}:{ACCOUNT}:namespace/x"),
            "namespace".to_owned(),
        ] {
            assert!(w.cluster_of_namespace(&other).is_none(), "{other}");
        }
    }
}
