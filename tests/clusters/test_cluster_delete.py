"""DeleteCluster: the final snapshot and its stage (doc: "final-snapshot"
while the snapshot is being taken, then "deleting"), what goes with the
cluster, and DescribeClusters' rule on ClusterIdentifier with Marker."""

from __future__ import annotations

import pytest

import redshift_fake
from cluster_helpers import T0
from conftest import BAD_ID, NEW_CLUSTER, Checked, fails, make_cluster, ok, refused, sorted_ids, two_doors

# ---- DeleteCluster -----------------------------------------------------------------------


def test_delete_cluster_with_final_snapshot(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="m1", ClusterIdentifier=cluster)
    deleted = ok(client, "DeleteCluster", ClusterIdentifier="C1", FinalClusterSnapshotIdentifier="Final-1")["Cluster"]
    assert deleted["ClusterIdentifier"] == "c1"
    assert deleted["ClusterStatus"] == "deleting"
    fails(client, "DescribeClusters", "ClusterNotFound", ClusterIdentifier="c1")
    snapshots = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert sorted_ids(snapshots) == ["final-1", "m1"]
    assert {s["SnapshotType"] for s in snapshots} == {"manual"}
    final = next(s for s in snapshots if s["SnapshotIdentifier"] == "final-1")
    assert final["ClusterIdentifier"] == "c1"
    assert final["ManualSnapshotRetentionPeriod"] == -1


def test_final_snapshot_retention_period(client, cluster):
    ok(
        client,
        "DeleteCluster",
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier="f1",
        FinalClusterSnapshotRetentionPeriod=5,
    )
    (final,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="f1")["Snapshots"]
    assert final["ManualSnapshotRetentionPeriod"] == 5
    assert final["ManualSnapshotRemainingDays"] == 5


def test_delete_cluster_skipping_the_final_snapshot(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="m1", ClusterIdentifier=cluster)
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, SkipFinalClusterSnapshot=True)
    assert ok(client, "DescribeClusters")["Clusters"] == []
    assert sorted_ids(ok(client, "DescribeClusterSnapshots")["Snapshots"]) == ["m1"]


def test_skip_with_an_empty_final_identifier_is_accepted(client, cluster):
    """A popular workflow tool sends exactly this."""
    ok(
        client,
        "DeleteCluster",
        ClusterIdentifier=cluster,
        SkipFinalClusterSnapshot=True,
        FinalClusterSnapshotIdentifier="",
    )
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"SkipFinalClusterSnapshot": False},
        {"SkipFinalClusterSnapshot": True, "FinalClusterSnapshotIdentifier": "f1"},
    ],
)
def test_final_snapshot_parameters_must_agree(client, cluster, params):
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    err = fails(client, "DeleteCluster", "InvalidParameterCombination", ClusterIdentifier=cluster, **params)
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert ok(client, "DescribeClusters")["Clusters"][0]["ClusterStatus"] == "available"
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before


def test_final_snapshot_that_exists_keeps_the_cluster(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    fails(
        client,
        "DeleteCluster",
        "ClusterSnapshotAlreadyExists",
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier="S1",
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before


@pytest.mark.parametrize("bad", ["1f", "f--1", "f-", "f_1"])
def test_final_snapshot_identifier_rules(client, cluster, bad):
    fails(
        client,
        "DeleteCluster",
        "InvalidParameterValue",
        BAD_ID.format("FinalClusterSnapshotIdentifier"),
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier=bad,
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1


def test_final_snapshot_counts_against_the_quota():
    client = Checked(redshift_fake.FakeRedshift(manual_snapshot_quota=1).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")
    fails(
        client,
        "DeleteCluster",
        "ClusterSnapshotQuotaExceeded",
        ClusterIdentifier="c1",
        FinalClusterSnapshotIdentifier="f1",
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1


def test_delete_cluster_removes_its_automated_snapshots_only(client):
    for cid in ("c1", "c2"):
        client.create_cluster(ClusterIdentifier=cid, **NEW_CLUSTER)
        client.create_cluster_snapshot(SnapshotIdentifier=f"{cid}-manual", ClusterIdentifier=cid)
    ok(client, "DeleteCluster", ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    left = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert sorted((s["ClusterIdentifier"], s["SnapshotType"]) for s in left) == [
        ("c1", "manual"),
        ("c2", "automated"),
        ("c2", "manual"),
    ]


def test_identifier_of_a_deleted_cluster_is_free(client, cluster):
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, SkipFinalClusterSnapshot=True)
    ok(client, "CreateCluster", ClusterIdentifier=cluster, **NEW_CLUSTER)


def test_a_final_snapshot_is_taken_then_the_cluster_is_deleted():
    fake = redshift_fake.FakeRedshift(snapshot_creation_seconds=60, cluster_deletion_seconds=300)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client)
    deleted = client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="last")["Cluster"]
    assert deleted["ClusterStatus"] == "final-snapshot"
    fake.clock.advance(59)
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "final-snapshot"
    assert client.describe_cluster_snapshots(SnapshotIdentifier="last")["Snapshots"][0]["Status"] == "creating"
    fake.clock.advance(1)
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "deleting"
    assert client.describe_cluster_snapshots(SnapshotIdentifier="last")["Snapshots"][0]["Status"] == "available"
    # The whole deletion takes the world's deletion time.
    fake.clock.advance(239)
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "deleting"
    fake.clock.advance(1)
    assert client.describe_clusters()["Clusters"] == []
    # Neither state takes the cluster back, nor another deletion.
    refused(fake, lambda: client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True),
            "ClusterNotFound")


def test_a_cluster_in_final_snapshot_is_on_its_way_out():
    fake = redshift_fake.FakeRedshift(snapshot_creation_seconds=60, cluster_deletion_seconds=60)
    client = fake.client()
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="last")
    for call in (
        lambda: client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True),
        lambda: client.pause_cluster(ClusterIdentifier="c1"),
        lambda: client.create_tags(ResourceName="arn:aws:redshift:us-east-1:123456789012:cluster:c1",
                                   Tags=[{"Key": "k", "Value": "v"}]),
    ):
        refused(fake, call, "InvalidClusterState")


def test_describe_clusters_takes_an_identifier_or_a_marker_not_both(fake, client):
    make_cluster(client)
    refused(fake, lambda: client.describe_clusters(ClusterIdentifier="c1", Marker="x"), "InvalidParameterCombination",
            "You can specify either the ClusterIdentifier parameter or the Marker parameter, but not both.")


def test_two_doors_agree():
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                                    MasterUserPassword="Secret123")),
            ("delete_cluster", dict(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="last")),
            ("describe_clusters", {}),
            ("advance", 30),
            ("describe_clusters", {}),
            ("describe_clusters", dict(ClusterIdentifier="c1", Marker="m")),
            ("advance", 60),
            ("describe_clusters", {}),
        ],
        snapshot_creation_seconds=30,
        cluster_deletion_seconds=60,
    )
