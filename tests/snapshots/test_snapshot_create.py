"""CreateClusterSnapshot, and the members of a snapshot (SPEC section 3)."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import BAD_ID, BAD_IDENTIFIERS, GRANTEE, NEW_CLUSTER, OTHER_ACCOUNT, Checked, fails, ok

# ---- CreateClusterSnapshot ---------------------------------------------------------------


def test_create_snapshot_members(client, cluster):
    snap = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="S1", ClusterIdentifier="C1")["Snapshot"]
    assert snap["Status"] == "creating"
    assert snap["SnapshotIdentifier"] == "s1"
    assert snap["ClusterIdentifier"] == "c1"
    assert snap["SnapshotType"] == "manual"
    assert snap["Port"] == 5439
    assert snap["AvailabilityZone"] == "us-east-1a"
    assert snap["ClusterVersion"] == "1.0"
    assert snap["DBName"] == "dev"
    assert snap["MasterUsername"] == "admin"
    assert snap["NodeType"] == "dc2.large"
    assert snap["NumberOfNodes"] == 1
    assert snap["OwnerAccount"] == "123456789012"
    assert snap["Encrypted"] is False and snap["EncryptedWithHSM"] is False
    assert snap["Tags"] == []
    assert snap["MaintenanceTrackName"] == "current"
    assert snap["ManualSnapshotRetentionPeriod"] == -1
    assert "ManualSnapshotRemainingDays" not in snap
    assert snap["SnapshotRetentionStartTime"] == snap["SnapshotCreateTime"]
    assert "AccountsWithRestoreAccess" not in snap
    assert snap["SnapshotArn"] == "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1"
    cluster_info = ok(client, "DescribeClusters")["Clusters"][0]
    assert snap["ClusterCreateTime"] == cluster_info["ClusterCreateTime"]
    (described,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    assert described["Status"] == "available"
    assert described["BackupProgressInMegaBytes"] == described["TotalBackupSizeInMegaBytes"]
    assert described["EstimatedSecondsToCompletion"] == 0


def test_snapshot_identifiers_are_unique_across_clusters(client, cluster):
    client.create_cluster(ClusterIdentifier="c2", **NEW_CLUSTER)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fails(
        client, "CreateClusterSnapshot", "ClusterSnapshotAlreadyExists", SnapshotIdentifier="s1", ClusterIdentifier="c2"
    )


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS + ["a" * 256])
def test_invalid_snapshot_identifier(client, cluster, bad):
    fails(
        client,
        "CreateClusterSnapshot",
        "InvalidParameterValue",
        BAD_ID.format("SnapshotIdentifier"),
        SnapshotIdentifier=bad,
        ClusterIdentifier=cluster,
    )


def test_longest_snapshot_identifier(client, cluster):
    assert (
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier="A" * 255, ClusterIdentifier=cluster)["Snapshot"][
            "SnapshotIdentifier"
        ]
        == "a" * 255
    )


@pytest.mark.parametrize("days", [0, -2, 3654, -100])
def test_invalid_retention_period(client, cluster, days):
    err = fails(
        client,
        "CreateClusterSnapshot",
        "InvalidRetentionPeriodFault",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=days,
    )
    assert isinstance(err, client.exceptions.InvalidRetentionPeriodFault)
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []


@pytest.mark.parametrize("days", [-1, 1, 7, 3653])
def test_valid_retention_period(client, cluster, days):
    snap = ok(
        client,
        "CreateClusterSnapshot",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=days,
    )["Snapshot"]
    assert snap["ManualSnapshotRetentionPeriod"] == days
    (described,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    if days == -1:
        assert "ManualSnapshotRemainingDays" not in described
    else:
        assert described["ManualSnapshotRemainingDays"] == days


def test_retention_minus_one_with_empty_tags(client, cluster):
    """How tools commonly call it."""
    snap = ok(
        client,
        "CreateClusterSnapshot",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=-1,
        Tags=[],
    )["Snapshot"]
    assert snap["Tags"] == [] and snap["ManualSnapshotRetentionPeriod"] == -1


def test_tags_are_stored(client, cluster):
    tags = [{"Key": "team", "Value": "data"}, {"Key": "env", "Value": ""}]
    assert (
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster, Tags=tags)["Snapshot"][
            "Tags"
        ]
        == tags
    )
    assert ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == tags
    assert ok(client, "DescribeClusterSnapshots", TagKeys=["team"])["Snapshots"][0]["SnapshotIdentifier"] == "s1"


def test_manual_snapshot_quota():
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=3)
    client = Checked(fake.client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(3):
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    err = fails(
        client, "CreateClusterSnapshot", "ClusterSnapshotQuotaExceeded", SnapshotIdentifier="s3", ClusterIdentifier="c1"
    )
    assert isinstance(err, client.exceptions.ClusterSnapshotQuotaExceededFault)
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before
    # Automated snapshots do not count; the quota is per account and region.
    client.create_cluster(ClusterIdentifier="c2", **NEW_CLUSTER)
    for other in (Checked(fake.client("eu-west-1")), Checked(fake.client(account_id=OTHER_ACCOUNT))):
        other.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
        ok(other, "CreateClusterSnapshot", SnapshotIdentifier="s3", ClusterIdentifier="c1")
    # Deleting one frees a place.
    client.delete_cluster_snapshot(SnapshotIdentifier="s0")
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s3", ClusterIdentifier="c1")


def test_default_quota_is_twenty():
    client = Checked(redshift_fake.client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(20):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    fails(
        client,
        "CreateClusterSnapshot",
        "ClusterSnapshotQuotaExceeded",
        SnapshotIdentifier="s20",
        ClusterIdentifier="c1",
    )


def test_a_large_quota_holds_thousands():
    client = Checked(redshift_fake.FakeRedshift(manual_snapshot_quota=2000).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(1500):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    assert len(client.describe_cluster_snapshots(SnapshotIdentifier="s1499")["Snapshots"]) == 1




# The members SPEC section 3 lists for every snapshot taken from a cluster; the
# optional ones (VpcId, KmsKeyId, AccountsWithRestoreAccess, SourceRegion,
# ManualSnapshotRemainingDays) only when they apply.
SNAPSHOT_MEMBERS = {
    "SnapshotIdentifier", "ClusterIdentifier", "SnapshotCreateTime", "Status", "Port", "AvailabilityZone",
    "ClusterCreateTime", "MasterUsername", "ClusterVersion", "EngineFullVersion", "SnapshotType", "NodeType",
    "NumberOfNodes", "DBName", "Encrypted", "EncryptedWithHSM", "OwnerAccount", "TotalBackupSizeInMegaBytes",
    "ActualIncrementalBackupSizeInMegaBytes", "BackupProgressInMegaBytes", "CurrentBackupRateInMegaBytesPerSecond",
    "EstimatedSecondsToCompletion", "ElapsedTimeInSeconds", "Tags", "RestorableNodeTypes", "EnhancedVpcRouting",
    "MaintenanceTrackName", "SnapshotArn",
}
MANUAL_ONLY = {"ManualSnapshotRetentionPeriod", "SnapshotRetentionStartTime"}


def test_snapshot_members_are_the_ones_section_3_lists(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s2", ClusterIdentifier=cluster,
       ManualSnapshotRetentionPeriod=3)
    (c1,) = ok(client, "DescribeClusters")["Clusters"]
    by_id = {s["SnapshotIdentifier"]: s for s in ok(client, "DescribeClusterSnapshots")["Snapshots"]}
    (auto,) = [s for s in by_id.values() if s["SnapshotType"] == "automated"]
    # The cluster has no VPC and no key: no VpcId, no KmsKeyId; none is a copy from another region.
    assert "VpcId" not in c1
    assert set(auto) == SNAPSHOT_MEMBERS
    assert set(by_id["s1"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY
    assert set(by_id["s2"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY | {"ManualSnapshotRemainingDays"}
    for snap in by_id.values():
        assert snap["ClusterVersion"] == "1.0"
        assert isinstance(snap["EngineFullVersion"], str) and snap["EngineFullVersion"]
        assert snap["EnhancedVpcRouting"] is c1["EnhancedVpcRouting"] is False
        assert snap["ActualIncrementalBackupSizeInMegaBytes"] <= snap["TotalBackupSizeInMegaBytes"]
        assert snap["Tags"] == []
        assert snap["ClusterCreateTime"] == c1["ClusterCreateTime"]
    shared = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    assert set(shared["Snapshot"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY | {"AccountsWithRestoreAccess"}
    # Copies and final snapshots are manual snapshots like any other.
    copied = ok(client, "CopyClusterSnapshot", SourceSnapshotIdentifier=auto["SnapshotIdentifier"],
                TargetSnapshotIdentifier="copy")["Snapshot"]
    assert set(copied) == SNAPSHOT_MEMBERS | MANUAL_ONLY and copied["Tags"] == []
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, FinalClusterSnapshotIdentifier="final")
    (final,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="final")["Snapshots"]
    assert set(final) == SNAPSHOT_MEMBERS | MANUAL_ONLY


def test_an_encrypted_clusters_snapshots_carry_its_key_and_routing():
    client = Checked(redshift_fake.client())
    key = "arn:aws:kms:us-east-1:123456789012:key/k"
    ok(
        client,
        "CreateCluster",
        ClusterIdentifier="c1",
        Encrypted=True,
        KmsKeyId=key,
        EnhancedVpcRouting=True,
        **NEW_CLUSTER,
    )
    made = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    (auto,) = ok(client, "DescribeClusterSnapshots", SnapshotType="automated")["Snapshots"]
    for snap in (made, auto):
        assert (snap["Encrypted"], snap["KmsKeyId"], snap["EnhancedVpcRouting"]) == (True, key, True)
    assert set(auto) == SNAPSHOT_MEMBERS | {"KmsKeyId"}


def test_snapshot_copies_the_clusters_members():
    client = Checked(redshift_fake.client("eu-west-1"))
    ok(
        client,
        "CreateCluster",
        ClusterIdentifier="c1",
        NodeType="ra3.xlplus",
        MasterUsername="root",
        MasterUserPassword="Secret123",
        Port=5440,
        Encrypted=True,
        KmsKeyId="arn:aws:kms:eu-west-1:123456789012:key/k",
        DBName="db1",
        ClusterType="multi-node",
        NumberOfNodes=2,
    )
    snap = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    expected = {
        "Port": 5440,
        "AvailabilityZone": "eu-west-1a",
        "Encrypted": True,
        "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k",
        "DBName": "db1",
        "MasterUsername": "root",
        "NodeType": "ra3.xlplus",
        "NumberOfNodes": 2,
        "RestorableNodeTypes": ["ra3.xlplus"],
        "SnapshotArn": "arn:aws:redshift:eu-west-1:123456789012:snapshot:c1/s1",
    }
    assert {k: snap.get(k) for k in expected} == expected
