"""The delete path end to end, as a user's test would drive it."""

from conftest import check_response


def test_create_then_delete_a_manual_snapshot(client, cluster):
    created = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    check_response("CreateClusterSnapshot", created)
    assert created["Snapshot"]["Status"] == "creating"
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    check_response("DeleteClusterSnapshot", deleted)
    assert deleted["Snapshot"]["Status"] == "deleted"
    described = client.describe_cluster_snapshots(SnapshotType="manual")
    check_response("DescribeClusterSnapshots", described)
    assert described["Snapshots"] == []
