"""PauseCluster, ResumeCluster, RebootCluster, RotateEncryptionKey and
FailoverPrimaryCompute: the states on the clock, what each refuses, and what
a paused cluster refuses (SPEC section 8, from the Management Guide)."""

from __future__ import annotations

import datetime

import pytest

from cluster_helpers import T0, status, world
from conftest import check_response, make_cluster, refused, two_doors


def test_pause_and_resume_move_through_their_states_on_the_clock():
    fake, client = world(cluster_pausing_seconds=120, cluster_resuming_seconds=300)
    make_cluster(client, AutomatedSnapshotRetentionPeriod=3)
    fake.clock.advance(5)
    paused = client.pause_cluster(ClusterIdentifier="C1")
    check_response("PauseCluster", paused)
    assert paused["Cluster"]["ClusterStatus"] == "pausing"
    assert paused["Cluster"]["ClusterAvailabilityStatus"] == "Unavailable"
    # Pausing takes a snapshot (doc): an automated one.
    automated = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [s["SnapshotCreateTime"] for s in automated] == [T0, T0 + datetime.timedelta(seconds=5)]
    fake.clock.advance(119)
    assert status(client) == "pausing"
    fake.clock.advance(1)
    assert status(client) == "paused"
    resumed = client.resume_cluster(ClusterIdentifier="c1")
    check_response("ResumeCluster", resumed)
    assert resumed["Cluster"]["ClusterStatus"] == "resuming"
    fake.clock.advance(299)
    assert status(client) == "resuming"
    fake.clock.advance(1)
    assert status(client) == "available"


def test_default_durations_show_the_end_state_at_the_next_call():
    _fake, client = world()
    make_cluster(client)
    assert client.pause_cluster(ClusterIdentifier="c1")["Cluster"]["ClusterStatus"] == "pausing"
    assert status(client) == "paused"
    assert client.resume_cluster(ClusterIdentifier="c1")["Cluster"]["ClusterStatus"] == "resuming"
    assert status(client) == "available"


def test_pause_refusals(fake, client):
    refused(fake, lambda: client.pause_cluster(ClusterIdentifier="nope"), "ClusterNotFound", "Cluster nope not found.")
    make_cluster(client)
    client.pause_cluster(ClusterIdentifier="c1")
    error = refused(fake, lambda: client.pause_cluster(ClusterIdentifier="c1"), "InvalidClusterState")
    assert isinstance(error, client.exceptions.InvalidClusterStateFault)
    assert error.response["Error"]["Message"] == "The operation is not allowed while cluster c1 is in the paused state."
    # Clusters with automated snapshots off, and HSM clusters, cannot be paused (doc).
    make_cluster(client, "nobackup", AutomatedSnapshotRetentionPeriod=0)
    refused(fake, lambda: client.pause_cluster(ClusterIdentifier="nobackup"), "UnsupportedOperation",
            "Cluster nobackup cannot be paused because its automated snapshots are turned off.")
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="cert")
    client.create_hsm_configuration(HsmConfigurationIdentifier="conf", Description="d", HsmIpAddress="10.0.0.1",
                                    HsmPartitionName="p", HsmPartitionPassword="x", HsmServerPublicCertificate="y")
    make_cluster(client, "hsm", HsmClientCertificateIdentifier="cert", HsmConfigurationIdentifier="conf")
    refused(fake, lambda: client.pause_cluster(ClusterIdentifier="hsm"), "UnsupportedOperation")


def test_a_cluster_that_is_not_active_cannot_be_paused():
    fake, client = world(cluster_creation_seconds=60, cluster_modifying_seconds=60)
    make_cluster(client)
    refused(fake, lambda: client.pause_cluster(ClusterIdentifier="c1"), "InvalidClusterState")
    fake.clock.advance(60)
    client.modify_cluster(ClusterIdentifier="c1", MasterUserPassword="Another123")
    assert status(client) == "modifying"
    refused(fake, lambda: client.pause_cluster(ClusterIdentifier="c1"), "InvalidClusterState")


def test_resume_refuses_a_cluster_that_is_not_paused(fake, client):
    refused(fake, lambda: client.resume_cluster(ClusterIdentifier="nope"), "ClusterNotFound")
    make_cluster(client)
    refused(fake, lambda: client.resume_cluster(ClusterIdentifier="c1"), "InvalidClusterState")


def test_what_a_paused_cluster_refuses_and_allows(fake, client):
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="before", ClusterIdentifier="c1")
    client.pause_cluster(ClusterIdentifier="c1")
    role = "arn:aws:iam::123456789012:role/r"
    for call in (
        lambda: client.modify_cluster(ClusterIdentifier="c1", AllowVersionUpgrade=False),
        lambda: client.reboot_cluster(ClusterIdentifier="c1"),
        lambda: client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=2, Classic=True),
        lambda: client.modify_cluster_iam_roles(ClusterIdentifier="c1", AddIamRoles=[role]),
        lambda: client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1"),
    ):
        refused(fake, call, "InvalidClusterState")
    # A paused cluster can be deleted, with a final snapshot or without (doc).
    client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="last")
    manual = client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]
    assert sorted(s["SnapshotIdentifier"] for s in manual) == ["before", "last"]
    make_cluster(client, "c2")
    client.pause_cluster(ClusterIdentifier="c2")
    client.delete_cluster(ClusterIdentifier="c2", SkipFinalClusterSnapshot=True)
    assert client.describe_clusters()["Clusters"] == []


def test_the_latest_automated_snapshot_of_a_paused_cluster_cannot_be_copied():
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=5)
    fake.clock.advance(60)
    client.pause_cluster(ClusterIdentifier="c1")
    first, latest = (s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots(SnapshotType="automated")
                     ["Snapshots"])
    refused(fake, lambda: client.copy_cluster_snapshot(SourceSnapshotIdentifier=latest,
                                                       TargetSnapshotIdentifier="copy"),
            "InvalidClusterSnapshotState",
            f"Cannot copy the snapshot {latest} because it is the latest automated snapshot of a paused cluster.")
    client.copy_cluster_snapshot(SourceSnapshotIdentifier=first, TargetSnapshotIdentifier="older")
    client.resume_cluster(ClusterIdentifier="c1")
    client.copy_cluster_snapshot(SourceSnapshotIdentifier=latest, TargetSnapshotIdentifier="copy")


def test_reboot_applies_pending_changes_at_its_end():
    fake, client = world(cluster_rebooting_seconds=90)
    make_cluster(client)
    client.create_cluster_parameter_group(
        ParameterGroupName="tuned", ParameterGroupFamily="redshift-1.0", Description="d")
    client.modify_cluster(ClusterIdentifier="c1", ClusterParameterGroupName="tuned", MaintenanceTrackName="trailing")
    c = client.describe_clusters()["Clusters"][0]
    (group,) = c["ClusterParameterGroups"]
    assert (group["ParameterGroupName"], group["ParameterApplyStatus"]) == ("tuned", "pending-reboot")
    assert c["PendingActions"] == ["reboot"]
    assert c["PendingModifiedValues"] == {"MaintenanceTrackName": "trailing"}
    rebooted = client.reboot_cluster(ClusterIdentifier="c1")
    check_response("RebootCluster", rebooted)
    assert rebooted["Cluster"]["ClusterStatus"] == "rebooting"
    fake.clock.advance(89)
    c = client.describe_clusters()["Clusters"][0]
    assert c["ClusterStatus"] == "rebooting"
    assert c["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "pending-reboot"
    fake.clock.advance(1)
    c = client.describe_clusters()["Clusters"][0]
    assert c["ClusterStatus"] == "available"
    assert c["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "in-sync" and c["PendingActions"] == []
    assert (c["MaintenanceTrackName"], c["ClusterRevisionNumber"]) == ("trailing", "79000")
    assert c["PendingModifiedValues"] == {}


def test_reboot_refusals(fake, client):
    refused(fake, lambda: client.reboot_cluster(ClusterIdentifier="nope"), "ClusterNotFound")
    make_cluster(client)
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.reboot_cluster(ClusterIdentifier="c1"), "InvalidClusterState")


def test_key_rotation():
    fake, client = world(key_rotation_seconds=30)
    make_cluster(client, Encrypted=True)
    rotated = client.rotate_encryption_key(ClusterIdentifier="c1")
    check_response("RotateEncryptionKey", rotated)
    assert rotated["Cluster"]["ClusterStatus"] == "rotating-keys"
    assert rotated["Cluster"]["ClusterAvailabilityStatus"] == "Modifying"
    refused(fake, lambda: client.rotate_encryption_key(ClusterIdentifier="c1"), "InvalidClusterState")
    fake.clock.advance(30)
    assert status(client) == "available"
    make_cluster(client, "plain")
    refused(fake, lambda: client.rotate_encryption_key(ClusterIdentifier="plain"), "UnsupportedOperation")
    refused(fake, lambda: client.rotate_encryption_key(ClusterIdentifier="nope"), "ClusterNotFound")


def test_failover_swaps_the_zones_of_a_multi_az_cluster(fake, client):
    make_cluster(client, NodeType="ra3.xlplus", NumberOfNodes=2, MultiAZ=True)
    before = client.describe_clusters()["Clusters"][0]
    assert (before["AvailabilityZone"], before["MultiAZSecondary"]["AvailabilityZone"]) == ("us-east-1a", "us-east-1b")
    after = client.failover_primary_compute(ClusterIdentifier="c1")
    check_response("FailoverPrimaryCompute", after)
    assert (after["Cluster"]["AvailabilityZone"], after["Cluster"]["MultiAZSecondary"]["AvailabilityZone"]) == (
        "us-east-1b", "us-east-1a")
    make_cluster(client, "single")
    refused(fake, lambda: client.failover_primary_compute(ClusterIdentifier="single"), "UnsupportedOperation")
    refused(fake, lambda: client.failover_primary_compute(ClusterIdentifier="nope"), "ClusterNotFound")
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.failover_primary_compute(ClusterIdentifier="c1"), "InvalidClusterState")


@pytest.mark.parametrize("duration", [0, 45])
def test_both_doors_agree(duration):
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="ra3.xlplus", NumberOfNodes=2, MultiAZ=True,
                                    Encrypted=True, MasterUsername="admin", MasterUserPassword="Secret123")),
            ("pause_cluster", {"ClusterIdentifier": "c1"}),
            ("pause_cluster", {"ClusterIdentifier": "c1"}),
            ("advance", duration),
            ("describe_clusters", {}),
            ("resume_cluster", {"ClusterIdentifier": "c1"}),
            ("advance", duration),
            ("reboot_cluster", {"ClusterIdentifier": "c1"}),
            ("advance", duration),
            ("rotate_encryption_key", {"ClusterIdentifier": "c1"}),
            ("advance", duration),
            ("failover_primary_compute", {"ClusterIdentifier": "c1"}),
            ("failover_primary_compute", {"ClusterIdentifier": "nope"}),
            ("resume_cluster", {"ClusterIdentifier": "c1"}),
            ("describe_clusters", {}),
        ],
        cluster_pausing_seconds=duration,
        cluster_resuming_seconds=duration,
        cluster_rebooting_seconds=duration,
        key_rotation_seconds=duration,
    )
