//! The operation table: the one place that knows which operations of the
//! model the engine implements, and how a validated input reaches its engine
//! method. Every door calls [`invoke`]; adding an operation is one line here
//! plus its engine method, whose input and output types the compiler holds to
//! the model's shapes for that operation.

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
pub use crate::model::Output;
use crate::model::{operations as op, Operation};

/// How an implemented operation runs: validated input in, output out.
type Handler = fn(&mut World, &Context, &Value) -> Outcome<Output>;

/// Reads the input of operation `O`, runs `method`, and wraps its output.
fn call<O: Operation>(
    world: &mut World,
    ctx: &Context,
    params: &Value,
    method: fn(&mut World, &Context, O::Input) -> Outcome<O::Output>,
) -> Outcome<Output>
where
    O::Input: DeserializeOwned,
    Output: From<O::Output>,
{
    let input =
        O::Input::deserialize(params).map_err(|e| RedshiftError::MalformedInput(e.to_string()))?;
    method(world, ctx, input).map(Output::from)
}

macro_rules! operations {
    ($($name:ident => $method:ident,)*) => {
        /// The PascalCase names of the implemented operations, sorted.
        pub const OPERATIONS: &[&str] = &[$(stringify!($name)),*];

        /// Their handlers, in the same order.
        const HANDLERS: &[Handler] = &[$(
            |world, ctx, params| call::<op::$name>(world, ctx, params, |w, c, i| w.$method(c, i)),
        )*];
    };
}

operations! {
    AcceptReservedNodeExchange => accept_reserved_node_exchange,
    AddPartner => add_partner,
    AssociateDataShareConsumer => associate_data_share_consumer,
    AuthorizeDataShare => authorize_data_share,
    AuthorizeEndpointAccess => authorize_endpoint_access,
    AuthorizeSnapshotAccess => authorize_snapshot_access,
    BatchDeleteClusterSnapshots => batch_delete_cluster_snapshots,
    BatchModifyClusterSnapshots => batch_modify_cluster_snapshots,
    CopyClusterSnapshot => copy_cluster_snapshot,
    CreateAuthenticationProfile => create_authentication_profile,
    CreateCluster => create_cluster,
    CreateClusterSnapshot => create_cluster_snapshot,
    CreateCustomDomainAssociation => create_custom_domain_association,
    CreateEndpointAccess => create_endpoint_access,
    CreateHsmClientCertificate => create_hsm_client_certificate,
    CreateHsmConfiguration => create_hsm_configuration,
    CreateIntegration => create_integration,
    CreateQev2IdcApplication => create_qev2_idc_application,
    CreateRedshiftIdcApplication => create_redshift_idc_application,
    CreateTags => create_tags,
    DeauthorizeDataShare => deauthorize_data_share,
    DeleteAuthenticationProfile => delete_authentication_profile,
    DeleteCluster => delete_cluster,
    DeleteClusterSnapshot => delete_cluster_snapshot,
    DeleteCustomDomainAssociation => delete_custom_domain_association,
    DeleteEndpointAccess => delete_endpoint_access,
    DeleteHsmClientCertificate => delete_hsm_client_certificate,
    DeleteHsmConfiguration => delete_hsm_configuration,
    DeleteIntegration => delete_integration,
    DeletePartner => delete_partner,
    DeleteQev2IdcApplication => delete_qev2_idc_application,
    DeleteRedshiftIdcApplication => delete_redshift_idc_application,
    DeleteResourcePolicy => delete_resource_policy,
    DeleteTags => delete_tags,
    DeregisterNamespace => deregister_namespace,
    DescribeAuthenticationProfiles => describe_authentication_profiles,
    DescribeClusterSnapshots => describe_cluster_snapshots,
    DescribeClusters => describe_clusters,
    DescribeCustomDomainAssociations => describe_custom_domain_associations,
    DescribeDataShares => describe_data_shares,
    DescribeDataSharesForConsumer => describe_data_shares_for_consumer,
    DescribeDataSharesForProducer => describe_data_shares_for_producer,
    DescribeEndpointAccess => describe_endpoint_access,
    DescribeEndpointAuthorization => describe_endpoint_authorization,
    DescribeHsmClientCertificates => describe_hsm_client_certificates,
    DescribeHsmConfigurations => describe_hsm_configurations,
    DescribeInboundIntegrations => describe_inbound_integrations,
    DescribeIntegrations => describe_integrations,
    DescribePartners => describe_partners,
    DescribeQev2IdcApplications => describe_qev2_idc_applications,
    DescribeRedshiftIdcApplications => describe_redshift_idc_applications,
    DescribeReservedNodeExchangeStatus => describe_reserved_node_exchange_status,
    DescribeReservedNodeOfferings => describe_reserved_node_offerings,
    DescribeReservedNodes => describe_reserved_nodes,
    DescribeTags => describe_tags,
    DisassociateDataShareConsumer => disassociate_data_share_consumer,
    GetIdentityCenterAuthToken => get_identity_center_auth_token,
    GetReservedNodeExchangeConfigurationOptions => get_reserved_node_exchange_configuration_options,
    GetReservedNodeExchangeOfferings => get_reserved_node_exchange_offerings,
    GetResourcePolicy => get_resource_policy,
    ModifyAuthenticationProfile => modify_authentication_profile,
    ModifyClusterSnapshot => modify_cluster_snapshot,
    ModifyCustomDomainAssociation => modify_custom_domain_association,
    ModifyEndpointAccess => modify_endpoint_access,
    ModifyIntegration => modify_integration,
    ModifyQev2IdcApplication => modify_qev2_idc_application,
    ModifyRedshiftIdcApplication => modify_redshift_idc_application,
    PurchaseReservedNodeOffering => purchase_reserved_node_offering,
    PutResourcePolicy => put_resource_policy,
    RegisterNamespace => register_namespace,
    RejectDataShare => reject_data_share,
    RestoreFromClusterSnapshot => restore_from_cluster_snapshot,
    RevokeEndpointAccess => revoke_endpoint_access,
    RevokeSnapshotAccess => revoke_snapshot_access,
    UpdatePartnerStatus => update_partner_status,
}

/// The index of an implemented operation in [`OPERATIONS`].
pub fn operation_index(operation: &str) -> Option<usize> {
    OPERATIONS.binary_search(&operation).ok()
}

/// The name of the implemented operation at `index`.
pub fn operation_name(index: usize) -> Option<&'static str> {
    OPERATIONS.get(index).copied()
}

/// Runs `operation` on the world with validated input, as the service would:
/// an operation the fake lacks is [`RedshiftError::NotImplemented`]; an
/// error a test injected for it wins (and changes nothing); otherwise the
/// clock's passage acts, then the model's constraints botocore leaves to the
/// service are checked ([`crate::constraints`]), then the operation runs,
/// then the transitions it made due at once. Every call the service answers goes into the call log.
pub fn invoke(world: &mut World, ctx: &Context, operation: &str, params: Value) -> Outcome<Output> {
    let Some(index) = operation_index(operation) else {
        return Err(RedshiftError::NotImplemented(operation.to_owned()));
    };
    let result = match world.take_fault(operation) {
        Some(error) => Err(error),
        None => {
            world.tick(ctx.now);
            let result = crate::constraints::check(operation, &params)
                .and_then(|()| HANDLERS[index](world, ctx, &params));
            world.tick(ctx.now);
            result
        }
    };
    let code = result.as_ref().err().map(RedshiftError::code);
    world.controls.calls.push(ctx, index, &params, code);
    result
}

thread_local! {
    static REQUEST_SEQUENCE: Cell<u64> = const { Cell::new(0x9e37_79b9_7f4a_7c15) };
}

/// A fresh request id, shaped like AWS's (a version 4 UUID).
pub fn request_id() -> String {
    let next = REQUEST_SEQUENCE.with(|s| {
        let v = s.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        s.set(v);
        v
    });
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let (a, b) = (mix(next), mix(next ^ 0x5555_5555_5555_5555));
    // 128 bits, of which the version (4) and variant (10) bits are fixed;
    // written as hex by hand, which is several times cheaper than `format!`.
    const VERSION_MASK: u128 = 0xf << 76;
    const VARIANT_MASK: u128 = 0x3 << 62;
    let raw = (u128::from(a) << 64) | u128::from(b);
    let bits = (raw & !VERSION_MASK & !VARIANT_MASK) | (0x4 << 76) | (0x2 << 62);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for i in 0..32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(HEX[(bits >> (124 - 4 * i)) as usize & 0xf] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_sorted_and_names_model_operations() {
        assert!(OPERATIONS.windows(2).all(|w| w[0] < w[1]));
        for name in OPERATIONS {
            assert!(
                crate::model::service::model().operation(name).is_some(),
                "{name}"
            );
        }
        assert_eq!(
            operation_index("DeleteClusterSnapshot").map(operation_name),
            Some(Some("DeleteClusterSnapshot"))
        );
        assert_eq!(operation_index("DescribeEvents"), None);
    }

    #[test]
    fn request_ids_are_distinct_version_4_uuids() {
        let (a, b) = (request_id(), request_id());
        assert_ne!(a, b);
        for id in [a, b] {
            let groups: Vec<&str> = id.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
            assert!(id
                .chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{id}");
        }
    }
}
