"""DeleteCluster's final-snapshot stage (doc: "final-snapshot" while the
snapshot is being taken, then "deleting"), and DescribeClusters' rule on
ClusterIdentifier with Marker."""

from __future__ import annotations

import redshift_fake
from cluster_helpers import T0
from conftest import both_doors, make_cluster, refused


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


def test_both_doors_agree():
    both_doors(
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
