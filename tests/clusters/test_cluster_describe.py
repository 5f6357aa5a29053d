"""DescribeClusters."""

from __future__ import annotations

from conftest import NEW_CLUSTER, fails, ok

# ---- DescribeClusters --------------------------------------------------------------------


def test_describe_clusters(client):
    assert ok(client, "DescribeClusters")["Clusters"] == []
    for cid in ("c2", "c1", "c3"):
        ok(client, "CreateCluster", ClusterIdentifier=cid, **NEW_CLUSTER)
    assert [c["ClusterIdentifier"] for c in ok(client, "DescribeClusters")["Clusters"]] == ["c1", "c2", "c3"]
    assert [c["ClusterIdentifier"] for c in ok(client, "DescribeClusters", ClusterIdentifier="C2")["Clusters"]] == [
        "c2"
    ]
    fails(client, "DescribeClusters", "ClusterNotFound", "Cluster c9 not found.", ClusterIdentifier="c9")


def test_describe_clusters_pages_with_marker(client):
    for i in range(25):
        client.create_cluster(ClusterIdentifier=f"c{i:02}", **NEW_CLUSTER)
    first = ok(client, "DescribeClusters", MaxRecords=20)
    assert len(first["Clusters"]) == 20 and first["Marker"]
    rest = ok(client, "DescribeClusters", MaxRecords=20, Marker=first["Marker"])
    assert "Marker" not in rest
    seen = [c["ClusterIdentifier"] for c in first["Clusters"] + rest["Clusters"]]
    assert seen == [f"c{i:02}" for i in range(25)]
