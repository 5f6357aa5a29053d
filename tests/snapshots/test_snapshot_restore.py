"""RestoreFromClusterSnapshot."""

from __future__ import annotations

from conftest import (
    ACCOUNT,
    OTHER_ACCOUNT,
    check_response,
    expect_common_error,
    expect_error,
    expect_invalid_params,
    manual,
    snapshot_arn,
)

# --- RestoreFromClusterSnapshot ----------------------------------------------


def test_restore_makes_a_cluster_like_the_snapshots(client):
    client.create_cluster(
        ClusterIdentifier="c1",
        NodeType="dc2.large",
        ClusterType="multi-node",
        NumberOfNodes=3,
        MasterUsername="admin",
        MasterUserPassword="Secret123",
        DBName="sales",
        Port=5440,
    )
    manual(client, "s1")
    response = client.restore_from_cluster_snapshot(ClusterIdentifier="Restored", SnapshotIdentifier="s1")
    check_response("RestoreFromClusterSnapshot", response)
    restored = response["Cluster"]
    assert restored["ClusterIdentifier"] == "restored"
    assert restored["ClusterStatus"] == "creating"
    assert (restored["NodeType"], restored["NumberOfNodes"]) == ("dc2.large", 3)
    assert (restored["DBName"], restored["MasterUsername"]) == ("sales", "admin")
    assert restored["RestoreStatus"]["Status"] == "starting"
    described = client.describe_clusters(ClusterIdentifier="restored")
    check_response("DescribeClusters", described)
    cluster = described["Clusters"][0]
    assert cluster["ClusterStatus"] == "available"
    assert cluster["Endpoint"]["Port"] == 5440
    assert cluster["RestoreStatus"]["Status"] == "completed"
    assert cluster["RestoreStatus"]["SnapshotSizeInMegaBytes"] > 0
    assert "RestoreStatus" not in client.describe_clusters(ClusterIdentifier="c1")["Clusters"][0]
    by_arn = client.restore_from_cluster_snapshot(
        ClusterIdentifier="r2", SnapshotArn=snapshot_arn("c1", "s1"), NodeType="ra3.xlplus", NumberOfNodes=2
    )
    assert (by_arn["Cluster"]["NodeType"], by_arn["Cluster"]["NumberOfNodes"]) == ("ra3.xlplus", 2)


def test_restore_from_a_shared_snapshot(fake, client, cluster):
    manual(client, "s1")
    theirs = fake.client(account_id=OTHER_ACCOUNT)
    e = expect_error(
        theirs,
        "AccessToSnapshotDeniedFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        OwnerAccount=ACCOUNT,
    )
    assert OTHER_ACCOUNT in e.response["Error"]["Message"]
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)
    response = theirs.restore_from_cluster_snapshot(
        ClusterIdentifier="r1", SnapshotIdentifier="s1", OwnerAccount=ACCOUNT
    )
    check_response("RestoreFromClusterSnapshot", response)
    theirs.restore_from_cluster_snapshot(ClusterIdentifier="r2", SnapshotArn=snapshot_arn("c1", "s1"))
    assert {c["ClusterIdentifier"] for c in theirs.describe_clusters()["Clusters"]} == {"r1", "r2"}
    assert {c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]} == {"c1"}


def test_restore_errors(client, cluster):
    manual(client, "s1")
    expect_error(
        client,
        "ClusterAlreadyExistsFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="C1",
        SnapshotIdentifier="s1",
    )
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="nope",
    )
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c2",
    )
    expect_error(
        client,
        "NumberOfNodesPerClusterLimitExceededFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        NumberOfNodes=129,
    )
    expect_common_error(client, "InvalidParameterCombination", "RestoreFromClusterSnapshot", ClusterIdentifier="r1")
    expect_common_error(
        client,
        "InvalidParameterCombination",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        SnapshotArn=snapshot_arn("c1", "s1"),
    )
    expect_common_error(
        client,
        "InvalidParameterValue",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r--1",
        SnapshotIdentifier="s1",
    )
    assert [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]] == ["c1"]


def test_the_snapshot_of_a_restore_is_in_use_until_a_newer_backup(client, cluster):
    manual(client, "s1")
    client.restore_from_cluster_snapshot(
        ClusterIdentifier="r1", SnapshotIdentifier="s1", AutomatedSnapshotRetentionPeriod=0
    )
    e = expect_error(client, "InvalidClusterSnapshotStateFault", "DeleteClusterSnapshot", SnapshotIdentifier="s1")
    assert e.response["Error"]["Message"] == (
        "You can't delete snapshot s1 because it is used by cluster r1. "
        "The snapshot can be deleted after a newer backup is created."
    )
    manual(client, "r1-backup", cluster="r1")
    check_response("DeleteClusterSnapshot", client.delete_cluster_snapshot(SnapshotIdentifier="s1"))


def test_restore_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "RestoreFromClusterSnapshot", SnapshotIdentifier="s1")
    expect_invalid_params(client, "RestoreFromClusterSnapshot", ClusterIdentifier="r1", NumberOfNodes="2")
    expect_invalid_params(client, "RestoreFromClusterSnapshot", ClusterIdentifier="r1", IamRoles="arn", Nodes=2)
