"""CreateCluster: identifiers, node types and counts, the first automated snapshot."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import BAD_ID, BAD_IDENTIFIERS, NEW_CLUSTER, UTC, fails, ok

# ---- CreateCluster -----------------------------------------------------------------------


def test_create_cluster_answers_creating_then_available(client):
    created = ok(client, "CreateCluster", ClusterIdentifier="c1", **NEW_CLUSTER)["Cluster"]
    assert created["ClusterIdentifier"] == "c1"
    assert created["ClusterStatus"] == "creating"
    (described,) = ok(client, "DescribeClusters")["Clusters"]
    assert described["ClusterStatus"] == "available"
    assert described["NodeType"] == "dc2.large"
    assert described["MasterUsername"] == "admin"
    assert described["DBName"] == "dev"
    assert described["Endpoint"]["Port"] == 5439
    assert described["AvailabilityZone"] == "us-east-1a"
    assert "MasterUserPassword" not in described


@pytest.mark.parametrize(
    "given,stored", [("My-Cluster", "my-cluster"), ("C1", "c1"), ("a" * 63, "a" * 63), ("abc-1-x", "abc-1-x")]
)
def test_cluster_identifiers_are_stored_lowercase(client, given, stored):
    assert ok(client, "CreateCluster", ClusterIdentifier=given, **NEW_CLUSTER)["Cluster"]["ClusterIdentifier"] == stored
    assert ok(client, "DescribeClusters", ClusterIdentifier=given.upper())["Clusters"][0]["ClusterIdentifier"] == stored
    fails(
        client,
        "CreateCluster",
        "ClusterAlreadyExists",
        "Cluster already exists",
        ClusterIdentifier=stored.upper(),
        **NEW_CLUSTER,
    )


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS + ["a" * 64])
def test_invalid_cluster_identifier(client, bad):
    fails(
        client,
        "CreateCluster",
        "InvalidParameterValue",
        BAD_ID.format("ClusterIdentifier"),
        ClusterIdentifier=bad,
        **NEW_CLUSTER,
    )
    assert client.describe_clusters()["Clusters"] == []
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_create_cluster_takes_an_automated_snapshot_named_by_the_time(client):
    start = datetime.datetime.now(UTC).replace(microsecond=0)
    ok(client, "CreateCluster", ClusterIdentifier="My-C1", **NEW_CLUSTER)
    end = datetime.datetime.now(UTC)
    (snap,) = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    match = re.fullmatch(r"rs:my-c1-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})", snap["SnapshotIdentifier"])
    assert match, snap["SnapshotIdentifier"]
    named = datetime.datetime.strptime(match.group(1), "%Y-%m-%d-%H-%M-%S").replace(tzinfo=UTC)
    assert start <= named <= end
    assert snap["SnapshotCreateTime"].replace(microsecond=0) == named
    assert snap["SnapshotType"] == "automated"
    assert snap["ClusterIdentifier"] == "my-c1"
    assert snap["Status"] == "available"
    assert "ManualSnapshotRetentionPeriod" not in snap
    assert snap["SnapshotArn"] == f"arn:aws:redshift:us-east-1:123456789012:snapshot:my-c1/{snap['SnapshotIdentifier']}"


def test_no_automated_snapshot_when_retention_is_zero(client):
    ok(client, "CreateCluster", ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=0, **NEW_CLUSTER)
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []
    assert ok(client, "DescribeClusters")["Clusters"][0]["AutomatedSnapshotRetentionPeriod"] == 0


def test_multi_node_cluster(client):
    c = ok(client, "CreateCluster", ClusterIdentifier="c1", ClusterType="multi-node", NumberOfNodes=3, **NEW_CLUSTER)[
        "Cluster"
    ]
    assert c["NumberOfNodes"] == 3
    snap = ok(client, "DescribeClusterSnapshots")["Snapshots"][0]
    assert snap["NumberOfNodes"] == 3
