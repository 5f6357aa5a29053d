"""DescribeClusterSnapshots: filters, and snapshots shared with the caller."""

from __future__ import annotations

import pytest

from conftest import GRANTEE, NEW_CLUSTER, OTHER_ACCOUNT, fails, ok, other_client, sorted_ids

# ---- DescribeClusterSnapshots ------------------------------------------------------------


@pytest.fixture
def two_clusters(client):
    for cid in ("c1", "c2"):
        client.create_cluster(ClusterIdentifier=cid, **NEW_CLUSTER)
        for n in (1, 2):
            client.create_cluster_snapshot(SnapshotIdentifier=f"{cid}-s{n}", ClusterIdentifier=cid)
    return client


def test_describe_filters(two_clusters):
    client = two_clusters
    everything = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert len(everything) == 6
    by_cluster = ok(client, "DescribeClusterSnapshots", ClusterIdentifier="C1")["Snapshots"]
    assert sorted_ids(by_cluster)[:2] == ["c1-s1", "c1-s2"]
    assert {
        s["ClusterIdentifier"] for s in ok(client, "DescribeClusterSnapshots", ClusterIdentifier="c1")["Snapshots"]
    } == {"c1"}
    assert sorted_ids(ok(client, "DescribeClusterSnapshots", SnapshotType="manual")["Snapshots"]) == [
        "c1-s1",
        "c1-s2",
        "c2-s1",
        "c2-s2",
    ]
    automated = ok(client, "DescribeClusterSnapshots", SnapshotType="automated")["Snapshots"]
    assert sorted(s["ClusterIdentifier"] for s in automated) == ["c1", "c2"]
    assert sorted_ids(ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="C2-S1")["Snapshots"]) == ["c2-s1"]
    manual_of_c2 = ok(client, "DescribeClusterSnapshots", ClusterIdentifier="c2", SnapshotType="manual")
    assert sorted_ids(manual_of_c2["Snapshots"]) == ["c2-s1", "c2-s2"]
    assert sorted_ids(
        ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="c1-s1", SnapshotType="manual")["Snapshots"]
    ) == ["c1-s1"]


def test_describe_unknown_cluster_is_an_empty_list(two_clusters):
    assert ok(two_clusters, "DescribeClusterSnapshots", ClusterIdentifier="c9")["Snapshots"] == []
    assert (
        ok(two_clusters, "DescribeClusterSnapshots", ClusterIdentifier="c9", SnapshotType="manual")["Snapshots"] == []
    )


def test_describe_in_an_empty_world(client):
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []
    fails(client, "DescribeClusterSnapshots", "ClusterSnapshotNotFound", SnapshotIdentifier="s1")


def test_shared_snapshots_are_visible_to_the_grantee(client, grantee, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier=cluster)
    assert grantee.describe_cluster_snapshots()["Snapshots"] == []
    shared = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)[
        "Snapshot"
    ]
    assert shared["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]

    seen = ok(grantee, "DescribeClusterSnapshots")["Snapshots"]
    assert sorted_ids(seen) == ["s1"]
    (theirs,) = seen
    assert theirs["OwnerAccount"] == "123456789012"
    assert "AccountsWithRestoreAccess" not in theirs
    (mine,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    assert mine["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    assert {k: v for k, v in mine.items() if k != "AccountsWithRestoreAccess"} == theirs

    assert sorted_ids(ok(grantee, "DescribeClusterSnapshots", SnapshotIdentifier="S1")["Snapshots"]) == ["s1"]
    assert sorted_ids(ok(grantee, "DescribeClusterSnapshots", OwnerAccount="123456789012")["Snapshots"]) == ["s1"]
    assert ok(grantee, "DescribeClusterSnapshots", OwnerAccount=GRANTEE)["Snapshots"] == []
    fails(grantee, "DescribeClusterSnapshots", "ClusterSnapshotNotFound", SnapshotIdentifier="s2")
    # Other accounts and regions see nothing.
    assert other_client(client, OTHER_ACCOUNT).describe_cluster_snapshots()["Snapshots"] == []

    ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    assert grantee.describe_cluster_snapshots()["Snapshots"] == []
