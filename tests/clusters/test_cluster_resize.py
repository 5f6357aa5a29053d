"""ResizeCluster (elastic and classic), a resize by ModifyCluster, DescribeResize
progress on the clock, and CancelResize."""

from __future__ import annotations

import pytest

from cluster_helpers import cluster_of, world
from conftest import check_response, make_cluster, refused, two_doors


def test_an_elastic_resize_on_the_clock():
    fake, client = world(cluster_resizing_seconds=600)
    make_cluster(client, NumberOfNodes=4)
    answer = client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=8)
    check_response("ResizeCluster", answer)
    c = answer["Cluster"]
    assert (c["ClusterStatus"], c["NumberOfNodes"]) == ("resizing", 4)
    assert c["PendingModifiedValues"] == {"NodeType": "dc2.large", "NumberOfNodes": 8, "ClusterType": "multi-node"}
    assert "ResizeInfo" not in c  # only a classic resize has one (doc)
    fake.clock.advance(150)
    progress = client.describe_resize(ClusterIdentifier="c1")
    check_response("DescribeResize", progress)
    assert {k: progress[k] for k in ("Status", "ResizeType", "TargetNumberOfNodes", "ElapsedTimeInSeconds",
                                      "EstimatedTimeToCompletionInSeconds", "DataTransferProgressPercent")} == {
        "Status": "IN_PROGRESS", "ResizeType": "ElasticResize", "TargetNumberOfNodes": 8,
        "ElapsedTimeInSeconds": 150, "EstimatedTimeToCompletionInSeconds": 450, "DataTransferProgressPercent": 25.0}
    assert progress["ProgressInMegaBytes"] == progress["TotalResizeDataInMegaBytes"] // 4
    fake.clock.advance(450)
    c = cluster_of(client)
    assert (c["ClusterStatus"], c["NumberOfNodes"], c["PendingModifiedValues"]) == ("available", 8, {})
    done = client.describe_resize(ClusterIdentifier="c1")
    assert (done["Status"], done["EstimatedTimeToCompletionInSeconds"], done["ElapsedTimeInSeconds"]) == (
        "SUCCEEDED", 0, 600)
    # It stays SUCCEEDED until the next resize (doc).
    fake.clock.advance(86_400)
    assert client.describe_resize(ClusterIdentifier="c1")["Status"] == "SUCCEEDED"


def test_a_classic_resize_changes_the_node_type_and_can_be_cancelled():
    fake, client = world(cluster_resizing_seconds=600)
    make_cluster(client, NumberOfNodes=2)
    c = client.resize_cluster(ClusterIdentifier="c1", NodeType="ra3.xlplus", NumberOfNodes=3, Classic=True)["Cluster"]
    assert c["ResizeInfo"] == {"ResizeType": "ClassicResize", "AllowCancelResize": True}
    fake.clock.advance(200)
    cancelled = client.cancel_resize(ClusterIdentifier="c1")
    check_response("CancelResize", cancelled)
    assert (cancelled["Status"], cancelled["ResizeType"], cancelled["TargetNodeType"]) == (
        "CANCELLING", "ClassicResize", "ra3.xlplus")
    assert cluster_of(client)["ClusterStatus"] == "cancelling-resize"
    # Going back takes as long as the resize had run (choice).
    fake.clock.advance(199)
    assert cluster_of(client)["ClusterStatus"] == "cancelling-resize"
    fake.clock.advance(1)
    c = cluster_of(client)
    assert (c["ClusterStatus"], c["NodeType"], c["NumberOfNodes"], c["PendingModifiedValues"]) == (
        "available", "dc2.large", 2, {})
    after = client.describe_resize(ClusterIdentifier="c1")
    assert (after["Status"], after["Message"]) == ("FAILED", "Resize operation was cancelled.")


def test_modify_cluster_resizes_the_classic_way(fake, client):
    make_cluster(client, NumberOfNodes=2)
    c = client.modify_cluster(ClusterIdentifier="c1", NodeType="dc2.large", NumberOfNodes=3)["Cluster"]
    assert c["ClusterStatus"] == "resizing" and c["ResizeInfo"]["ResizeType"] == "ClassicResize"
    assert client.describe_resize(ClusterIdentifier="c1")["ResizeType"] == "ClassicResize"
    assert cluster_of(client)["NumberOfNodes"] == 3
    c = client.modify_cluster(ClusterIdentifier="c1", NodeType="dc2.large", NumberOfNodes=1,
                              ClusterType="single-node")["Cluster"]
    assert c["PendingModifiedValues"]["ClusterType"] == "single-node"
    assert cluster_of(client)["ClusterNodes"][0]["NodeRole"] == "SHARED"


@pytest.mark.parametrize(
    "members, code",
    [
        ({"NumberOfNodes": 4}, "InvalidParameterValue"),  # the size it has
        ({"NumberOfNodes": 9}, "UnsupportedOptionFault"),  # beyond double
        ({"NumberOfNodes": 1}, "UnsupportedOptionFault"),  # elastic cannot make a single node
        ({"NodeType": "ra3.xlplus", "NumberOfNodes": 4}, "UnsupportedOptionFault"),
        ({"NumberOfNodes": 33, "Classic": True}, "NumberOfNodesPerClusterLimitExceeded"),
        ({"NodeType": "dc9.huge"}, "InvalidParameterValue"),
        ({"ClusterType": "triple-node"}, "InvalidParameterValue"),
        ({"NodeType": "dc2.8xlarge", "NumberOfNodes": 1, "Classic": True}, "InvalidParameterValue"),
    ],
)
def test_resize_refusals(fake, client, members, code):
    make_cluster(client, NumberOfNodes=4)
    refused(fake, lambda: client.resize_cluster(ClusterIdentifier="c1", **members), code)


def test_resize_needs_an_available_cluster_and_room_in_the_quota(fake, client):
    refused(fake, lambda: client.resize_cluster(ClusterIdentifier="nope", NumberOfNodes=2), "ClusterNotFound")
    make_cluster(client, NumberOfNodes=2)
    make_cluster(client, "big", NodeType="ra3.16xlarge", NumberOfNodes=128)
    make_cluster(client, "mid", NodeType="ra3.16xlarge", NumberOfNodes=69)
    refused(fake, lambda: client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4), "NumberOfNodesQuotaExceeded")
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=3), "InvalidClusterState")
    # A single-node cluster resizes only the classic way (doc).
    make_cluster(client, "one", NodeType="ra3.xlplus")
    refused(fake, lambda: client.resize_cluster(ClusterIdentifier="one", NumberOfNodes=2), "UnsupportedOptionFault")


def test_describe_and_cancel_without_a_running_resize(fake, client):
    refused(fake, lambda: client.describe_resize(ClusterIdentifier="nope"), "ClusterNotFound")
    refused(fake, lambda: client.cancel_resize(ClusterIdentifier="nope"), "ClusterNotFound")
    make_cluster(client, NumberOfNodes=2)
    refused(fake, lambda: client.describe_resize(ClusterIdentifier="c1"), "ResizeNotFound",
            "A resize operation for cluster c1 is not found.")
    refused(fake, lambda: client.cancel_resize(ClusterIdentifier="c1"), "ResizeNotFound")
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=3)
    # Finished (the default resize takes no time): nothing to cancel (SPEC choice).
    refused(fake, lambda: client.cancel_resize(ClusterIdentifier="c1"), "ResizeNotFound")


def test_an_elastic_resize_cannot_be_cancelled_nor_a_cancel_cancelled():
    fake, client = world(cluster_resizing_seconds=600)
    make_cluster(client, NumberOfNodes=2)
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=3)
    refused(fake, lambda: client.cancel_resize(ClusterIdentifier="c1"), "UnsupportedOperation")
    fake.clock.advance(600)
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4, Classic=True)
    fake.clock.advance(10)
    client.cancel_resize(ClusterIdentifier="c1")
    refused(fake, lambda: client.cancel_resize(ClusterIdentifier="c1"), "InvalidClusterState")


def test_both_doors_agree():
    new = dict(NodeType="dc2.large", NumberOfNodes=2, MasterUsername="admin", MasterUserPassword="Secret123")
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", **new)),
            ("describe_resize", {"ClusterIdentifier": "c1"}),
            ("resize_cluster", {"ClusterIdentifier": "c1", "NumberOfNodes": 4, "Classic": True}),
            ("advance", 100),
            ("describe_resize", {"ClusterIdentifier": "c1"}),
            ("cancel_resize", {"ClusterIdentifier": "c1"}),
            ("advance", 200),
            ("describe_resize", {"ClusterIdentifier": "c1"}),
            ("resize_cluster", {"ClusterIdentifier": "c1", "NumberOfNodes": 3}),
            ("resize_cluster", {"ClusterIdentifier": "c1", "NumberOfNodes": 30}),
            ("cancel_resize", {"ClusterIdentifier": "c1"}),
            ("advance", 600),
            ("describe_resize", {"ClusterIdentifier": "c1"}),
            ("describe_clusters", {}),
        ],
        cluster_resizing_seconds=600,
    )
