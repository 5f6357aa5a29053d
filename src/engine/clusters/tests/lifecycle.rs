//! The state machine on the clock: pause, resume, reboot, key rotation, the
//! final-snapshot stage, and what each state refuses (changing nothing).

use serde_json::json;

use crate::engine::testkit::{
    at, cluster, cluster_status, ctx, ok, refused, snapshot, world_with, T0,
};
use crate::engine::{Settings, World};
use crate::model::operations as op;

fn c1() -> serde_json::Value {
    json!({"ClusterIdentifier": "c1"})
}

fn timed() -> World {
    world_with(Settings {
        cluster_pausing_seconds: 60.0,
        cluster_resuming_seconds: 120.0,
        cluster_rebooting_seconds: 30.0,
        key_rotation_seconds: 10.0,
        ..Settings::default()
    })
}

#[test]
fn pausing_and_resuming_take_their_time_and_then_settle() {
    let mut w = timed();
    let answer = ok::<op::PauseCluster>(&mut w, &ctx(T0), c1())
        .cluster
        .unwrap();
    assert_eq!(answer.cluster_status.as_deref(), Some("pausing"));
    assert_eq!(cluster_status(&mut w, at(59.0), "c1").unwrap(), "pausing");
    assert_eq!(cluster_status(&mut w, at(60.0), "c1").unwrap(), "paused");
    refused::<op::PauseCluster>(&mut w, &ctx(at(61.0)), c1(), "InvalidClusterState");
    ok::<op::ResumeCluster>(&mut w, &ctx(at(61.0)), c1());
    assert_eq!(cluster_status(&mut w, at(180.0), "c1").unwrap(), "resuming");
    assert_eq!(
        cluster_status(&mut w, at(181.0), "c1").unwrap(),
        "available"
    );
    refused::<op::ResumeCluster>(&mut w, &ctx(at(182.0)), c1(), "InvalidClusterState");
}

#[test]
fn a_paused_cluster_refuses_changes_and_snapshots() {
    let mut w = timed();
    ok::<op::PauseCluster>(&mut w, &ctx(T0), c1());
    let now = ctx(at(60.0));
    refused::<op::ModifyCluster>(
        &mut w,
        &now,
        json!({"ClusterIdentifier": "c1", "Port": 6000}),
        "InvalidClusterState",
    );
    refused::<op::RebootCluster>(&mut w, &now, c1(), "InvalidClusterState");
    refused::<op::ResizeCluster>(
        &mut w,
        &now,
        json!({"ClusterIdentifier": "c1", "NumberOfNodes": 3}),
        "InvalidClusterState",
    );
    refused::<op::ModifyClusterIamRoles>(
        &mut w,
        &now,
        json!({"ClusterIdentifier": "c1", "AddIamRoles": ["arn:aws:iam::123456789012:role/r"]}),
        "InvalidClusterState",
    );
    refused::<op::CreateClusterSnapshot>(
        &mut w,
        &now,
        json!({"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1"}),
        "InvalidClusterState",
    );
    refused::<op::RotateEncryptionKey>(&mut w, &now, c1(), "InvalidClusterState");
}

#[test]
fn clusters_that_cannot_be_paused() {
    let mut w = timed();
    cluster(
        &mut w,
        &ctx(T0),
        "nobackup",
        json!({"AutomatedSnapshotRetentionPeriod": 0}),
    );
    let err = refused::<op::PauseCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "nobackup"}),
        "UnsupportedOperation",
    );
    assert_eq!(
        err.to_string(),
        "Cluster nobackup cannot be paused because its automated snapshots are turned off."
    );
    refused::<op::PauseCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "nope"}),
        "ClusterNotFound",
    );
}

#[test]
fn a_reboot_applies_the_pending_parameter_group_and_track() {
    let mut w = timed();
    ok::<op::CreateClusterParameterGroup>(
        &mut w,
        &ctx(T0),
        json!({"ParameterGroupName": "pg", "ParameterGroupFamily": "redshift-1.0", "Description": "d"}),
    );
    ok::<op::ModifyCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "ClusterParameterGroupName": "pg", "MaintenanceTrackName": "trailing"}),
    );
    ok::<op::RebootCluster>(&mut w, &ctx(T0), c1());
    let c = &w
        .place(&ctx(T0))
        .unwrap()
        .clusters
        .get("c1")
        .unwrap()
        .clone();
    assert_eq!(
        c.parameter_apply,
        super::super::ParameterApply::PendingReboot
    );
    assert_eq!(cluster_status(&mut w, at(30.0), "c1").unwrap(), "available");
    let c = w.place(&ctx(T0)).unwrap().clusters.get("c1").unwrap();
    assert_eq!(c.parameter_apply, super::super::ParameterApply::InSync);
    assert_eq!(c.facts.maintenance_track_name, "trailing");
    assert_eq!(c.facts.engine_full_version, "1.0.79000");
    assert_eq!(c.pending, super::super::Pending::default());
}

#[test]
fn key_rotation_needs_an_encrypted_cluster() {
    let mut w = timed();
    refused::<op::RotateEncryptionKey>(&mut w, &ctx(T0), c1(), "UnsupportedOperation");
    cluster(&mut w, &ctx(T0), "enc", json!({"Encrypted": true}));
    ok::<op::RotateEncryptionKey>(&mut w, &ctx(T0), json!({"ClusterIdentifier": "enc"}));
    assert_eq!(
        cluster_status(&mut w, at(9.0), "enc").unwrap(),
        "rotating-keys"
    );
    assert_eq!(
        cluster_status(&mut w, at(10.0), "enc").unwrap(),
        "available"
    );
}

#[test]
fn a_final_snapshot_stage_comes_before_deleting_within_the_deletion_time() {
    let mut w = world_with(Settings {
        snapshot_creation_seconds: 20.0,
        cluster_deletion_seconds: 50.0,
        ..Settings::default()
    });
    snapshot(&mut w, "keep", T0);
    let answer = ok::<op::DeleteCluster>(
        &mut w,
        &ctx(T0),
        json!({"ClusterIdentifier": "c1", "FinalClusterSnapshotIdentifier": "last"}),
    );
    assert_eq!(
        answer.cluster.unwrap().cluster_status.as_deref(),
        Some("final-snapshot")
    );
    assert_eq!(
        cluster_status(&mut w, at(19.0), "c1").unwrap(),
        "final-snapshot"
    );
    assert_eq!(cluster_status(&mut w, at(20.0), "c1").unwrap(), "deleting");
    assert_eq!(cluster_status(&mut w, at(49.0), "c1").unwrap(), "deleting");
    assert_eq!(
        cluster_status(&mut w, at(50.0), "c1").unwrap_err().code(),
        "ClusterNotFound"
    );
}
