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
    AuthorizeClusterSecurityGroupIngress => authorize_cluster_security_group_ingress,
    AuthorizeDataShare => authorize_data_share,
    AuthorizeEndpointAccess => authorize_endpoint_access,
    AuthorizeSnapshotAccess => authorize_snapshot_access,
    BatchDeleteClusterSnapshots => batch_delete_cluster_snapshots,
    BatchModifyClusterSnapshots => batch_modify_cluster_snapshots,
    CancelResize => cancel_resize,
    CopyClusterSnapshot => copy_cluster_snapshot,
    CreateAuthenticationProfile => create_authentication_profile,
    CreateCluster => create_cluster,
    CreateClusterParameterGroup => create_cluster_parameter_group,
    CreateClusterSecurityGroup => create_cluster_security_group,
    CreateClusterSnapshot => create_cluster_snapshot,
    CreateClusterSubnetGroup => create_cluster_subnet_group,
    CreateCustomDomainAssociation => create_custom_domain_association,
    CreateEndpointAccess => create_endpoint_access,
    CreateEventSubscription => create_event_subscription,
    CreateHsmClientCertificate => create_hsm_client_certificate,
    CreateHsmConfiguration => create_hsm_configuration,
    CreateIntegration => create_integration,
    CreateQev2IdcApplication => create_qev2_idc_application,
    CreateRedshiftIdcApplication => create_redshift_idc_application,
    CreateScheduledAction => create_scheduled_action,
    CreateSnapshotCopyGrant => create_snapshot_copy_grant,
    CreateSnapshotSchedule => create_snapshot_schedule,
    CreateTags => create_tags,
    CreateUsageLimit => create_usage_limit,
    DeauthorizeDataShare => deauthorize_data_share,
    DeleteAuthenticationProfile => delete_authentication_profile,
    DeleteCluster => delete_cluster,
    DeleteClusterParameterGroup => delete_cluster_parameter_group,
    DeleteClusterSecurityGroup => delete_cluster_security_group,
    DeleteClusterSnapshot => delete_cluster_snapshot,
    DeleteClusterSubnetGroup => delete_cluster_subnet_group,
    DeleteCustomDomainAssociation => delete_custom_domain_association,
    DeleteEndpointAccess => delete_endpoint_access,
    DeleteEventSubscription => delete_event_subscription,
    DeleteHsmClientCertificate => delete_hsm_client_certificate,
    DeleteHsmConfiguration => delete_hsm_configuration,
    DeleteIntegration => delete_integration,
    DeletePartner => delete_partner,
    DeleteQev2IdcApplication => delete_qev2_idc_application,
    DeleteRedshiftIdcApplication => delete_redshift_idc_application,
    DeleteResourcePolicy => delete_resource_policy,
    DeleteScheduledAction => delete_scheduled_action,
    DeleteSnapshotCopyGrant => delete_snapshot_copy_grant,
    DeleteSnapshotSchedule => delete_snapshot_schedule,
    DeleteTags => delete_tags,
    DeleteUsageLimit => delete_usage_limit,
    DeregisterNamespace => deregister_namespace,
    DescribeAccountAttributes => describe_account_attributes,
    DescribeAuthenticationProfiles => describe_authentication_profiles,
    DescribeClusterDbRevisions => describe_cluster_db_revisions,
    DescribeClusterParameterGroups => describe_cluster_parameter_groups,
    DescribeClusterParameters => describe_cluster_parameters,
    DescribeClusterSecurityGroups => describe_cluster_security_groups,
    DescribeClusterSnapshots => describe_cluster_snapshots,
    DescribeClusterSubnetGroups => describe_cluster_subnet_groups,
    DescribeClusterTracks => describe_cluster_tracks,
    DescribeClusterVersions => describe_cluster_versions,
    DescribeClusters => describe_clusters,
    DescribeCustomDomainAssociations => describe_custom_domain_associations,
    DescribeDataShares => describe_data_shares,
    DescribeDataSharesForConsumer => describe_data_shares_for_consumer,
    DescribeDataSharesForProducer => describe_data_shares_for_producer,
    DescribeDefaultClusterParameters => describe_default_cluster_parameters,
    DescribeEndpointAccess => describe_endpoint_access,
    DescribeEndpointAuthorization => describe_endpoint_authorization,
    DescribeEventCategories => describe_event_categories,
    DescribeEventSubscriptions => describe_event_subscriptions,
    DescribeEvents => describe_events,
    DescribeHsmClientCertificates => describe_hsm_client_certificates,
    DescribeHsmConfigurations => describe_hsm_configurations,
    DescribeInboundIntegrations => describe_inbound_integrations,
    DescribeIntegrations => describe_integrations,
    DescribeLoggingStatus => describe_logging_status,
    DescribeNodeConfigurationOptions => describe_node_configuration_options,
    DescribeOrderableClusterOptions => describe_orderable_cluster_options,
    DescribePartners => describe_partners,
    DescribeQev2IdcApplications => describe_qev2_idc_applications,
    DescribeRedshiftIdcApplications => describe_redshift_idc_applications,
    DescribeReservedNodeExchangeStatus => describe_reserved_node_exchange_status,
    DescribeReservedNodeOfferings => describe_reserved_node_offerings,
    DescribeReservedNodes => describe_reserved_nodes,
    DescribeResize => describe_resize,
    DescribeScheduledActions => describe_scheduled_actions,
    DescribeSnapshotCopyGrants => describe_snapshot_copy_grants,
    DescribeSnapshotSchedules => describe_snapshot_schedules,
    DescribeStorage => describe_storage,
    DescribeTableRestoreStatus => describe_table_restore_status,
    DescribeTags => describe_tags,
    DescribeUsageLimits => describe_usage_limits,
    DisableLogging => disable_logging,
    DisableSnapshotCopy => disable_snapshot_copy,
    DisassociateDataShareConsumer => disassociate_data_share_consumer,
    EnableLogging => enable_logging,
    EnableSnapshotCopy => enable_snapshot_copy,
    FailoverPrimaryCompute => failover_primary_compute,
    GetClusterCredentials => get_cluster_credentials,
    GetClusterCredentialsWithIAM => get_cluster_credentials_with_iam,
    GetIdentityCenterAuthToken => get_identity_center_auth_token,
    GetReservedNodeExchangeConfigurationOptions => get_reserved_node_exchange_configuration_options,
    GetReservedNodeExchangeOfferings => get_reserved_node_exchange_offerings,
    GetResourcePolicy => get_resource_policy,
    ListRecommendations => list_recommendations,
    ModifyAquaConfiguration => modify_aqua_configuration,
    ModifyAuthenticationProfile => modify_authentication_profile,
    ModifyCluster => modify_cluster,
    ModifyClusterDbRevision => modify_cluster_db_revision,
    ModifyClusterIamRoles => modify_cluster_iam_roles,
    ModifyClusterMaintenance => modify_cluster_maintenance,
    ModifyClusterParameterGroup => modify_cluster_parameter_group,
    ModifyClusterSnapshot => modify_cluster_snapshot,
    ModifyClusterSnapshotSchedule => modify_cluster_snapshot_schedule,
    ModifyClusterSubnetGroup => modify_cluster_subnet_group,
    ModifyCustomDomainAssociation => modify_custom_domain_association,
    ModifyEndpointAccess => modify_endpoint_access,
    ModifyEventSubscription => modify_event_subscription,
    ModifyIntegration => modify_integration,
    ModifyLakehouseConfiguration => modify_lakehouse_configuration,
    ModifyQev2IdcApplication => modify_qev2_idc_application,
    ModifyRedshiftIdcApplication => modify_redshift_idc_application,
    ModifyScheduledAction => modify_scheduled_action,
    ModifySnapshotCopyRetentionPeriod => modify_snapshot_copy_retention_period,
    ModifySnapshotSchedule => modify_snapshot_schedule,
    ModifyUsageLimit => modify_usage_limit,
    PauseCluster => pause_cluster,
    PurchaseReservedNodeOffering => purchase_reserved_node_offering,
    PutResourcePolicy => put_resource_policy,
    RebootCluster => reboot_cluster,
    RegisterNamespace => register_namespace,
    RejectDataShare => reject_data_share,
    ResetClusterParameterGroup => reset_cluster_parameter_group,
    ResizeCluster => resize_cluster,
    RestoreFromClusterSnapshot => restore_from_cluster_snapshot,
    RestoreTableFromClusterSnapshot => restore_table_from_cluster_snapshot,
    ResumeCluster => resume_cluster,
    RevokeClusterSecurityGroupIngress => revoke_cluster_security_group_ingress,
    RevokeEndpointAccess => revoke_endpoint_access,
    RevokeSnapshotAccess => revoke_snapshot_access,
    RotateEncryptionKey => rotate_encryption_key,
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
/// a name that is no operation of the model is `InvalidAction`; the clock's
/// passage acts; the caller's IAM policies must allow the call
/// (authorization comes before the service, so a refused call does not use
/// up an injected error); an error a test injected for it wins (and changes
/// nothing); otherwise the model's constraints botocore leaves to the
/// service are checked ([`crate::constraints`]), the operation runs, then
/// the transitions it made due at once. Every call the service answers goes
/// into the call log.
pub fn invoke(world: &mut World, ctx: &Context, operation: &str, params: Value) -> Outcome<Output> {
    let Some(index) = operation_index(operation) else {
        return Err(RedshiftError::InvalidAction(operation.to_owned()));
    };
    world.tick(ctx.now);
    let result =
        world
            .authorize(ctx, operation, &params)
            .and_then(|()| match world.take_fault(operation) {
                Some(error) => Err(error),
                None => {
                    let result = crate::constraints::check_at(index, &params)
                        .and_then(|()| HANDLERS[index](world, ctx, &params));
                    world.tick(ctx.now);
                    result
                }
            });
    world
        .controls
        .calls
        .push(ctx, index, &params, result.as_ref().err());
    result
}

/// Runs `operation` as the service itself runs it on the caller's behalf
/// (a scheduled action at its time): through the same table and engine
/// method as [`invoke`], but neither an injected fault nor the call log
/// (both belong to the calls a test's code makes), and without letting
/// the clock act, since the service runs it from within the clock's
/// passage.
pub fn dispatch(
    world: &mut World,
    ctx: &Context,
    operation: &str,
    params: Value,
) -> Outcome<Output> {
    let index = operation_index(operation)
        .ok_or_else(|| RedshiftError::InvalidAction(operation.to_owned()))?;
    HANDLERS[index](world, ctx, &params)
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
    // written as hex a byte at a time, several times cheaper than `format!`.
    let bytes = ((u128::from(a) << 64) | u128::from(b)).to_be_bytes();
    let mut bytes = bytes;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push(b'-');
        }
        out.push(HEX[usize::from(byte >> 4)]);
        out.push(HEX[usize::from(byte & 0xf)]);
    }
    // Only ASCII hex digits and hyphens were written.
    String::from_utf8(out).unwrap_or_default()
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
        assert_eq!(operation_index("NoSuchOperation"), None);
    }

    #[test]
    fn every_operation_of_the_model_is_implemented() {
        let model = crate::model::service::model();
        let missing: Vec<&str> = model
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .filter(|name| operation_index(name).is_none())
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
        assert_eq!(OPERATIONS.len(), 145);
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
