//! ModifyCluster's pending values, renames, resizes and credentials.

use serde_json::json;

use crate::engine::resources::ResourceKind;
use crate::engine::testkit::{
    at, cluster, cluster_status, ctx, ctx_of, described_cluster, ok, refused, snapshot, tags_of,
    world_with, OTHER, T0,
};
use crate::engine::{Context, Settings};
use crate::model::operations as op;

fn settings() -> Settings {
    Settings {
        cluster_modifying_seconds: 60.0,
        cluster_resizing_seconds: 600.0,
        ..Settings::default()
    }
}

#[test]
fn a_password_waits_in_pending_values_until_modifying_ends() {
    let mut w = world_with(settings());
    let c = ok::<op::ModifyCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "MasterUserPassword": "Changed123"}),
    )
    .cluster
    .unwrap();
    assert_eq!(c.cluster_status.as_deref(), Some("modifying"));
    assert_eq!(
        c.pending_modified_values
            .unwrap()
            .master_user_password
            .as_deref(),
        Some("****")
    );
    let later = described_cluster(&mut w, &ctx(at(60.0)), "c1").unwrap();
    assert_eq!(later.cluster_status.as_deref(), Some("available"));
    assert_eq!(
        later.pending_modified_values.unwrap().master_user_password,
        None
    );
}

#[test]
fn a_refused_modification_changes_nothing() {
    let mut w = world_with(settings());
    for (params, code) in [
        (
            json!({"ClusterIdentifier": "c1", "PubliclyAccessible": true, "Port": 80}),
            "InvalidParameterValue",
        ),
        (
            json!({"ClusterIdentifier": "c1", "NodeType": "dc2.large"}),
            "InvalidParameterCombination",
        ),
        (
            json!({"ClusterIdentifier": "c1", "NewClusterIdentifier": "c1"}),
            "ClusterAlreadyExists",
        ),
        (
            json!({"ClusterIdentifier": "c1", "AutomatedSnapshotRetentionPeriod": 5, "MaintenanceTrackName": "x"}),
            "InvalidClusterTrack",
        ),
    ] {
        refused::<op::ModifyCluster>(&mut w, &ctx(T0), params, code);
    }
}

#[test]
fn a_rename_moves_the_cluster_its_tags_and_its_snapshots() {
    let mut w = world_with(settings());
    snapshot(&mut w, "s1", T0);
    ok::<op::CreateTags>(
        &mut w,
        &ctx(T0),
        json!({"ResourceName": "arn:aws:redshift:us-east-1:123456789012:cluster:c1", "Tags": [{"Key": "k", "Value": "v"}]}),
    );
    ok::<op::ModifyCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "NewClusterIdentifier": "c2"}),
    );
    assert_eq!(cluster_status(&mut w, at(1.0), "c1").unwrap(), "renaming");
    refused::<op::CreateCluster>(
        &mut w,
        &ctx(at(1.0)),
        json!({"ClusterIdentifier": "c2", "NodeType": "dc2.large", "MasterUsername": "a", "MasterUserPassword": "Secret123"}),
        "ClusterAlreadyExists",
    );
    assert_eq!(cluster_status(&mut w, at(60.0), "c2").unwrap(), "available");
    assert_eq!(
        cluster_status(&mut w, at(60.0), "c1").unwrap_err().code(),
        "ClusterNotFound"
    );
    assert_eq!(tags_of(&w, ResourceKind::Cluster, "c2").len(), 1);
    assert!(tags_of(&w, ResourceKind::Cluster, "c1").is_empty());
    let s1 = w.place(&ctx(T0)).unwrap().snapshots.get("s1").unwrap();
    assert_eq!(s1.cluster_identifier(), "c2");
}

#[test]
fn a_resize_runs_on_the_clock_and_a_classic_one_can_be_cancelled() {
    let mut w = world_with(settings());
    ok::<op::ResizeCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "NumberOfNodes": 4, "Classic": true}),
    );
    let progress =
        ok::<op::DescribeResize>(&mut w, &ctx(at(300.0)), json!({"ClusterIdentifier": "c1"}));
    assert_eq!(progress.status.as_deref(), Some("IN_PROGRESS"));
    assert_eq!(progress.estimated_time_to_completion_in_seconds, Some(300));
    let cancelled =
        ok::<op::CancelResize>(&mut w, &ctx(at(300.0)), json!({"ClusterIdentifier": "c1"}));
    assert_eq!(cancelled.status.as_deref(), Some("CANCELLING"));
    assert_eq!(
        cluster_status(&mut w, at(599.0), "c1").unwrap(),
        "cancelling-resize"
    );
    let c = described_cluster(&mut w, &ctx(at(600.0)), "c1").unwrap();
    assert_eq!(
        (c.cluster_status.as_deref(), c.number_of_nodes),
        (Some("available"), Some(2))
    );
    refused::<op::CancelResize>(
        &mut w,
        &ctx(at(600.0)),
        json!({"ClusterIdentifier": "c1"}),
        "ResizeNotFound",
    );
}

#[test]
fn the_node_quota_counts_a_running_resizes_target() {
    let mut w = world_with(settings());
    cluster(
        &mut w,
        &ctx(T0),
        "big",
        json!({"NodeType": "ra3.16xlarge", "NumberOfNodes": 128}),
    );
    ok::<op::ResizeCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "NumberOfNodes": 4}),
    );
    cluster(
        &mut w,
        &ctx(T0),
        "mid",
        json!({"NodeType": "ra3.16xlarge", "NumberOfNodes": 68}),
    );
    refused::<op::CreateCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "one", "NodeType": "dc2.large", "MasterUsername": "a", "MasterUserPassword": "Secret123"}),
        "NumberOfNodesQuotaExceeded",
    );
}

#[test]
fn credentials_are_fresh_and_with_iam_name_the_callers_identity() {
    let mut w = world_with(settings());
    let ask = json!({"ClusterIdentifier": "c1", "DbUser": "bob"});
    let a = ok::<op::GetClusterCredentials>(&mut w, &ctx(T0), ask.clone());
    let b = ok::<op::GetClusterCredentials>(&mut w, &ctx(T0), ask);
    assert_ne!(a.db_password, b.db_password);
    assert_eq!(a.expiration, Some(at(900.0)));
    let role = Context {
        principal: "arn:aws:sts::123456789012:assumed-role/etl/run",
        ..ctx(T0)
    };
    let with_iam =
        ok::<op::GetClusterCredentialsWithIAM>(&mut w, &role, json!({"ClusterIdentifier": "c1"}));
    assert_eq!(with_iam.db_user.as_deref(), Some("IAMR:etl"));
    let service = Context {
        principal: crate::engine::principal::SERVICE,
        ..ctx(T0)
    };
    refused::<op::GetClusterCredentialsWithIAM>(
        &mut w,
        &service,
        json!({"ClusterIdentifier": "c1"}),
        "UnsupportedOperation",
    );
    refused::<op::GetClusterCredentials>(
        &mut w,
        &ctx_of(OTHER, T0),
        json!({"ClusterIdentifier": "c1", "DbUser": "bob"}),
        "ClusterNotFound",
    );
}
