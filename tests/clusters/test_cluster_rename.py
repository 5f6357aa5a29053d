"""A rename (ModifyCluster's NewClusterIdentifier): `renaming` on the clock,
then the cluster, its ARN, its tags and its snapshots are under the new name
(doc: "all snapshots associated with a cluster remain associated with that
cluster after it is renamed")."""

from __future__ import annotations

import pytest

from cluster_helpers import world
from conftest import make_cluster, refused, two_doors

ARN = "arn:aws:redshift:us-east-1:123456789012:{}"


def test_a_rename_moves_the_cluster_its_arn_tags_and_snapshots():
    fake, client = world(cluster_modifying_seconds=600)
    make_cluster(client, "old", Tags=[{"Key": "team", "Value": "bi"}])
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="old",
                                   Tags=[{"Key": "k", "Value": "v"}])
    c = client.modify_cluster(ClusterIdentifier="old", NewClusterIdentifier="New-Name")["Cluster"]
    assert (c["ClusterIdentifier"], c["ClusterStatus"]) == ("old", "renaming")
    assert c["PendingModifiedValues"] == {"ClusterIdentifier": "new-name"}
    # The new name is taken while the rename runs.
    refused(fake, lambda: make_cluster(client, "new-name"), "ClusterAlreadyExists")
    fake.clock.advance(600)
    assert [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]] == ["new-name"]
    c = client.describe_clusters(ClusterIdentifier="new-name")["Clusters"][0]
    assert (c["ClusterStatus"], c["PendingModifiedValues"], c["Tags"]) == (
        "available", {}, [{"Key": "team", "Value": "bi"}])
    with pytest.raises(client.exceptions.ClusterNotFoundFault):
        client.describe_clusters(ClusterIdentifier="old")
    tagged = client.describe_tags(ResourceType="cluster")["TaggedResources"]
    assert [t["ResourceName"] for t in tagged] == [ARN.format("cluster:new-name")]
    snapshots = client.describe_cluster_snapshots(ClusterIdentifier="new-name")["Snapshots"]
    assert {s["SnapshotType"] for s in snapshots} == {"manual", "automated"}
    manual = client.describe_cluster_snapshots(SnapshotIdentifier="m1")["Snapshots"][0]
    assert manual["SnapshotArn"] == ARN.format("snapshot:new-name/m1")
    assert manual["Tags"] == [{"Key": "k", "Value": "v"}]
    client.create_tags(ResourceName=ARN.format("cluster:new-name"), Tags=[{"Key": "x", "Value": "y"}])
    # The old name is free again; deleting the renamed cluster takes its automated snapshots.
    make_cluster(client, "old")
    client.delete_cluster(ClusterIdentifier="new-name", SkipFinalClusterSnapshot=True)
    fake.clock.advance(1)
    left = client.describe_cluster_snapshots()["Snapshots"]
    assert sorted((s["SnapshotIdentifier"], s["ClusterIdentifier"]) for s in left) == sorted(
        [("m1", "new-name")] + [(s["SnapshotIdentifier"], "old") for s in left if s["ClusterIdentifier"] == "old"])


def test_snapshots_of_an_earlier_cluster_of_the_same_name_stay_with_it():
    fake, client = world()
    make_cluster(client, "c1")
    client.create_cluster_snapshot(SnapshotIdentifier="first-life", ClusterIdentifier="c1")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    fake.clock.advance(5)
    make_cluster(client, "c1")
    client.modify_cluster(ClusterIdentifier="c1", NewClusterIdentifier="c2")
    first = client.describe_cluster_snapshots(SnapshotIdentifier="first-life")["Snapshots"][0]
    assert first["ClusterIdentifier"] == "c1"


def test_a_restored_clusters_hold_on_its_snapshot_follows_the_rename(fake, client):
    make_cluster(client, "src")
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="src")
    client.restore_from_cluster_snapshot(
        ClusterIdentifier="copy", SnapshotIdentifier="s1", AutomatedSnapshotRetentionPeriod=0
    )
    client.modify_cluster(ClusterIdentifier="src", NewClusterIdentifier="renamed")
    refused(fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier="s1"), "InvalidClusterSnapshotState",
            "You can't delete snapshot s1 because it is used by cluster copy. "
            "The snapshot can be deleted after a newer backup is created.")


def test_a_rename_to_a_taken_name_is_refused(fake, client):
    make_cluster(client, "a")
    make_cluster(client, "b")
    rename = lambda: client.modify_cluster(ClusterIdentifier="a", NewClusterIdentifier="B")  # noqa: E731
    refused(fake, rename, "ClusterAlreadyExists")


def test_both_doors_agree():
    new = dict(NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123")
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", Tags=[{"Key": "a", "Value": "b"}], **new)),
            ("create_cluster_snapshot", dict(SnapshotIdentifier="s1", ClusterIdentifier="c1")),
            ("modify_cluster", dict(ClusterIdentifier="c1", NewClusterIdentifier="c2")),
            ("describe_clusters", {}),
            ("advance", 60),
            ("describe_clusters", {}),
            ("describe_cluster_snapshots", {}),
            ("describe_tags", {}),
        ],
        cluster_modifying_seconds=60,
    )
