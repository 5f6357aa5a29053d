"""ModifyCluster: what AWS applies at once, what waits in
PendingModifiedValues (for the end of `modifying`, the maintenance window, or a
reboot), and every refusal its rules can produce."""

from __future__ import annotations

import datetime

import pytest

from cluster_helpers import T0, cluster_of, world
from conftest import check_response, make_cluster, refused, two_doors

UTC = datetime.timezone.utc
# A Thursday; the default maintenance window is sat:10:00-sat:10:30.


def test_changes_that_wait_for_the_end_of_modifying():
    fake, client = world(cluster_modifying_seconds=120)
    make_cluster(client, NodeType="ra3.xlplus", AvailabilityZoneRelocation=True)
    answer = client.modify_cluster(
        ClusterIdentifier="c1",
        MasterUserPassword="Changed123",
        PubliclyAccessible=True,
        EnhancedVpcRouting=True,
        Encrypted=True,
        KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k2",
        Port=8200,
        AvailabilityZone="us-east-1c",
    )
    check_response("ModifyCluster", answer)
    c = answer["Cluster"]
    assert c["ClusterStatus"] == "modifying" and c["ClusterAvailabilityStatus"] == "Modifying"
    assert c["PendingModifiedValues"] == {
        "MasterUserPassword": "****",
        "PubliclyAccessible": True,
        "EnhancedVpcRouting": True,
        "EncryptionType": "KMS",
    }
    assert (c["PubliclyAccessible"], c["Encrypted"], c["Endpoint"]["Port"], c["AvailabilityZone"]) == (
        False, False, 5439, "us-east-1a")
    fake.clock.advance(119)
    assert cluster_of(client)["PendingModifiedValues"]["MasterUserPassword"] == "****"
    fake.clock.advance(1)
    c = cluster_of(client)
    assert (c["ClusterStatus"], c["PendingModifiedValues"]) == ("available", {})
    assert (c["PubliclyAccessible"], c["EnhancedVpcRouting"], c["Encrypted"]) == (True, True, True)
    assert c["KmsKeyId"] == "arn:aws:kms:us-east-1:123456789012:key/k2"
    assert (c["Endpoint"]["Port"], c["AvailabilityZone"]) == (8200, "us-east-1c")
    # Decrypting is a modification too (doc).
    c = client.modify_cluster(ClusterIdentifier="c1", Encrypted=False)["Cluster"]
    assert c["PendingModifiedValues"] == {"EncryptionType": "None"}
    fake.clock.advance(120)
    assert cluster_of(client)["Encrypted"] is False and "KmsKeyId" not in cluster_of(client)


def test_changes_applied_at_once_leave_the_cluster_available(fake, client):
    make_cluster(client)
    client.create_cluster_security_group(ClusterSecurityGroupName="sg-name", Description="d")
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="cert")
    c = client.modify_cluster(
        ClusterIdentifier="c1",
        ClusterSecurityGroups=["sg-name"],
        VpcSecurityGroupIds=["sg-9"],
        ManualSnapshotRetentionPeriod=10,
        PreferredMaintenanceWindow="Mon:01:00-Mon:02:00",
        AllowVersionUpgrade=False,
        ClusterVersion="1.0",
        HsmClientCertificateIdentifier="cert",
        ExtraComputeForAutomaticOptimization=True,
        IpAddressType="dualstack",
        ManageMasterPassword=True,
        MasterPasswordSecretKmsKeyId="alias/k",
    )["Cluster"]
    assert c["ClusterStatus"] == "available" and c["PendingModifiedValues"] == {}
    assert c["ClusterSecurityGroups"] == [{"ClusterSecurityGroupName": "sg-name", "Status": "active"}]
    assert c["VpcSecurityGroups"] == [{"VpcSecurityGroupId": "sg-9", "Status": "active"}]
    assert (c["ManualSnapshotRetentionPeriod"], c["PreferredMaintenanceWindow"]) == (10, "mon:01:00-mon:02:00")
    assert c["AllowVersionUpgrade"] is False and c["HsmStatus"]["HsmClientCertificateIdentifier"] == "cert"
    assert (c["ExtraComputeForAutomaticOptimization"], c["IpAddressType"]) == ("true", "dualstack")
    assert c["MasterPasswordSecretArn"].startswith("arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift!c1")
    # The manual retention period is the default of new manual snapshots (doc).
    s = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    assert s["ManualSnapshotRetentionPeriod"] == 10
    # A managed password takes no MasterUserPassword (doc); turning it off frees the secret.
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", MasterUserPassword="Secret1234"),
            "InvalidParameterCombination")
    c = client.modify_cluster(ClusterIdentifier="c1", ManageMasterPassword=False,
                              MasterUserPassword="Secret1234")["Cluster"]
    assert "MasterPasswordSecretArn" not in c and c["PendingModifiedValues"] == {"MasterUserPassword": "****"}


def test_a_shorter_automated_retention_removes_older_automated_snapshots_at_once():
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=10)
    eight_hours = datetime.timedelta(hours=8)

    def automated() -> list[datetime.datetime]:
        snapshots = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
        return [s["SnapshotCreateTime"] for s in snapshots]

    def within(days: int) -> list[datetime.datetime]:
        """AWS's cadence since T0 (every eight hours), those of the last `days`."""
        now = fake.clock.now()
        taken = [T0 + k * eight_hours for k in range(int((now - T0) / eight_hours) + 1)]
        return [t for t in taken if t + datetime.timedelta(days=days) > now]

    fake.clock.advance(datetime.timedelta(days=6))
    assert automated() == within(10) and len(automated()) == 19
    client.modify_cluster(ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=3)
    assert automated() == within(3)
    fake.clock.advance(datetime.timedelta(days=1, seconds=1))
    assert automated() == within(3)
    client.modify_cluster(ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=0)
    assert automated() == []


def test_the_maintenance_track_changes_in_the_next_maintenance_window():
    fake, client = world()
    make_cluster(client)
    c = client.modify_cluster(ClusterIdentifier="c1", MaintenanceTrackName="trailing")["Cluster"]
    assert c["ClusterStatus"] == "available"
    assert c["PendingModifiedValues"] == {"MaintenanceTrackName": "trailing"}
    window = datetime.datetime(2030, 1, 5, 10, 0, tzinfo=UTC)
    assert c["NextMaintenanceWindowStartTime"] == window
    fake.clock.set(window - datetime.timedelta(seconds=1))
    assert cluster_of(client)["MaintenanceTrackName"] == "current"
    fake.clock.advance(1)
    c = cluster_of(client)
    assert (c["MaintenanceTrackName"], c["ClusterRevisionNumber"], c["PendingModifiedValues"]) == (
        "trailing", "79000", {})
    assert c["NextMaintenanceWindowStartTime"] == window
    # A new window moves the pending change with it.
    fake.clock.advance(60)
    client.modify_cluster(ClusterIdentifier="c1", MaintenanceTrackName="current")
    client.modify_cluster(ClusterIdentifier="c1", PreferredMaintenanceWindow="sun:01:00-sun:02:00")
    fake.clock.set(datetime.datetime(2030, 1, 6, 0, 59, tzinfo=UTC))
    assert cluster_of(client)["MaintenanceTrackName"] == "trailing"
    fake.clock.advance(60)
    assert cluster_of(client)["MaintenanceTrackName"] == "current"
    # Naming the current track cancels a pending change.
    fake.clock.advance(60)
    client.modify_cluster(ClusterIdentifier="c1", MaintenanceTrackName="trailing")
    assert cluster_of(client)["PendingModifiedValues"] == {"MaintenanceTrackName": "trailing"}
    client.modify_cluster(ClusterIdentifier="c1", MaintenanceTrackName="current")
    assert cluster_of(client)["PendingModifiedValues"] == {}


def test_a_deferral_pushes_the_pending_track_past_it():
    fake, client = world()
    make_cluster(client)
    client.modify_cluster(ClusterIdentifier="c1", MaintenanceTrackName="trailing")
    client.modify_cluster_maintenance(ClusterIdentifier="c1", DeferMaintenance=True, DeferMaintenanceDuration=10)
    c = cluster_of(client)
    assert c["NextMaintenanceWindowStartTime"] == datetime.datetime(2030, 1, 19, 10, 0, tzinfo=UTC)
    fake.clock.advance(datetime.timedelta(days=14))
    assert cluster_of(client)["MaintenanceTrackName"] == "current"
    fake.clock.advance(datetime.timedelta(days=2))
    assert cluster_of(client)["MaintenanceTrackName"] == "trailing"


@pytest.mark.parametrize(
    "members, code",
    [
        ({"NodeType": "dc2.large"}, "InvalidParameterCombination"),
        ({"NumberOfNodes": 2}, "InvalidParameterCombination"),
        ({"NodeType": "dc2.large", "NumberOfNodes": 40}, "NumberOfNodesPerClusterLimitExceeded"),
        ({"NodeType": "dc2.large", "NumberOfNodes": 1}, "InvalidParameterValue"),
        ({"NodeType": "x1.large", "NumberOfNodes": 2}, "InvalidParameterValue"),
        ({"MasterUserPassword": "short1A"}, "InvalidParameterValue"),
        ({"AutomatedSnapshotRetentionPeriod": 40}, "InvalidRetentionPeriodFault"),
        ({"ManualSnapshotRetentionPeriod": 4000}, "InvalidRetentionPeriodFault"),
        ({"PreferredMaintenanceWindow": "sun:01:00-sun:01:10"}, "InvalidParameterValue"),
        ({"ClusterVersion": "1.1"}, "InvalidParameterValue"),
        ({"NewClusterIdentifier": "bad--name"}, "InvalidParameterValue"),
        ({"NewClusterIdentifier": "other"}, "ClusterAlreadyExists"),
        ({"NewClusterIdentifier": "c9", "NodeType": "dc2.large", "NumberOfNodes": 2}, "InvalidParameterCombination"),
        ({"ElasticIp": "10.0.0"}, "InvalidElasticIpFault"),
        ({"ElasticIp": "52.0.0.1"}, "InvalidParameterCombination"),
        ({"MaintenanceTrackName": "beta"}, "InvalidClusterTrack"),
        ({"Encrypted": False, "KmsKeyId": "k"}, "InvalidParameterCombination"),
        ({"AvailabilityZoneRelocation": True}, "UnsupportedOperation"),
        ({"AvailabilityZone": "us-east-1b"}, "InvalidParameterCombination"),
        ({"Port": 70000}, "InvalidParameterValue"),
        ({"MasterPasswordSecretKmsKeyId": "k"}, "InvalidParameterCombination"),
        ({"IpAddressType": "v6"}, "InvalidParameterValue"),
        ({"MultiAZ": True}, "UnsupportedOperation"),
    ],
)
def test_refusals(fake, client, members, code):
    make_cluster(client)
    make_cluster(client, "other")
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", **members), code)


def test_refused_for_unknown_and_unavailable_clusters_and_beyond_the_node_quota():
    fake, client = world(cluster_modifying_seconds=60)
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="nope", AllowVersionUpgrade=True), "ClusterNotFound")
    make_cluster(client, NodeType="ra3.16xlarge", NumberOfNodes=128)
    make_cluster(client, "c2", NodeType="ra3.16xlarge", NumberOfNodes=64)
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c2", NodeType="ra3.16xlarge", NumberOfNodes=80),
            "NumberOfNodesQuotaExceeded")
    client.modify_cluster(ClusterIdentifier="c1", PubliclyAccessible=True)
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", PubliclyAccessible=False),
            "InvalidClusterState")


def test_both_doors_agree():
    new = dict(NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123")
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", **new)),
            ("create_cluster_parameter_group", dict(ParameterGroupName="pg", ParameterGroupFamily="redshift-1.0",
                                                    Description="d")),
            ("modify_cluster", dict(ClusterIdentifier="c1", MasterUserPassword="Changed123", Port=6000,
                                    ClusterParameterGroupName="pg", MaintenanceTrackName="trailing")),
            ("describe_clusters", {}),
            ("advance", 30),
            ("describe_clusters", {}),
            ("modify_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large")),
            ("modify_cluster", dict(ClusterIdentifier="nope")),
            ("modify_cluster", dict(ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=0)),
        ],
        cluster_modifying_seconds=30,
    )
