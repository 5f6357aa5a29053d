"""DescribeClusterVersions, DescribeClusterTracks, DescribeOrderableClusterOptions
and DescribeNodeConfigurationOptions answer the one catalog CreateCluster,
ModifyCluster and ResizeCluster validate against: what is described is
accepted, and the two never disagree."""

from __future__ import annotations

import pytest

from conftest import check_response, make_cluster, refused, two_doors


def orderable(client, **filters):
    answer = client.describe_orderable_cluster_options(**filters)
    check_response("DescribeOrderableClusterOptions", answer)
    return answer["OrderableClusterOptions"]


def test_versions(client, fake):
    answer = client.describe_cluster_versions()
    check_response("DescribeClusterVersions", answer)
    assert answer["ClusterVersions"] == [
        {"ClusterVersion": "1.0", "ClusterParameterGroupFamily": "redshift-1.0",
         "Description": "Initial release of redshift"}]
    assert client.describe_cluster_versions(ClusterVersion="2.0")["ClusterVersions"] == []
    assert len(client.describe_cluster_versions(ClusterParameterGroupFamily="redshift-1.0")["ClusterVersions"]) == 1
    refused(fake, lambda: client.describe_cluster_versions(MaxRecords=101), "InvalidParameterValue")


def test_tracks(client, fake):
    answer = client.describe_cluster_tracks()
    check_response("DescribeClusterTracks", answer)
    tracks = {t["MaintenanceTrackName"]: t for t in answer["MaintenanceTracks"]}
    assert set(tracks) == {"current", "trailing"}
    assert [u["MaintenanceTrackName"] for u in tracks["current"]["UpdateTargets"]] == ["trailing"]
    assert tracks["trailing"]["UpdateTargets"][0]["DatabaseVersion"] == tracks["current"]["DatabaseVersion"]
    assert client.describe_cluster_tracks(MaintenanceTrackName="trailing")["MaintenanceTracks"] == [tracks["trailing"]]
    refused(fake, lambda: client.describe_cluster_tracks(MaintenanceTrackName="beta"), "InvalidClusterTrack")
    # Each described track is accepted, and its clusters run its release.
    for name, track in tracks.items():
        c = make_cluster(client, f"on-{name}", MaintenanceTrackName=name)
        assert track["DatabaseVersion"] == f"{c['ClusterVersion']}.{c['ClusterRevisionNumber']}"


def test_every_orderable_option_can_be_created_and_nothing_else(fake, client):
    options = orderable(client)
    assert {o["ClusterVersion"] for o in options} == {"1.0"}
    zones = {z["Name"] for z in options[0]["AvailabilityZones"]}
    assert zones == {"us-east-1a", "us-east-1b", "us-east-1c"}
    assert options[0]["AvailabilityZones"][0]["SupportedPlatforms"] == [{"Name": "VPC"}]
    node_types = sorted({o["NodeType"] for o in options})
    for i, option in enumerate(options):
        nodes = 1 if option["ClusterType"] == "single-node" else 2
        for zone in sorted(zones):
            make_cluster(client, f"o{i}-{zone[-1]}", NodeType=option["NodeType"], ClusterType=option["ClusterType"],
                         NumberOfNodes=nodes, AvailabilityZone=zone, Port=5439)
            client.delete_cluster(ClusterIdentifier=f"o{i}-{zone[-1]}", SkipFinalClusterSnapshot=True)
    # A node type or zone the catalog does not offer is refused.
    refused(fake, lambda: make_cluster(client, NodeType="ds2.xlarge"), "InvalidParameterValue")
    refused(fake, lambda: make_cluster(client, AvailabilityZone="us-east-1f"), "InvalidParameterValue")
    # A single-node cluster of a type that offers none is refused.
    single = {o["NodeType"] for o in options if o["ClusterType"] == "single-node"}
    multi_only = {o["NodeType"] for o in options} - single
    for node_type in multi_only:
        refused(fake, lambda n=node_type: make_cluster(client, NodeType=n), "InvalidParameterValue")
    assert [o["NodeType"] for o in orderable(client, NodeType="ra3.xlplus")] == ["ra3.xlplus", "ra3.xlplus"]
    assert orderable(client, NodeType="ds2.xlarge") == []
    assert orderable(client, ClusterVersion="9.9") == []
    assert "dc2.large" in node_types and "ra3.16xlarge" in node_types


def test_orderable_options_are_in_the_callers_region(fake):
    zones = orderable(fake.client("eu-west-1"))[0]["AvailabilityZones"]
    assert [z["Name"] for z in zones] == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]


def test_node_configurations_for_a_restore(fake, client):
    make_cluster(client, NumberOfNodes=2)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    answer = client.describe_node_configuration_options(ActionType="restore-cluster", SnapshotIdentifier="s1",
                                                        MaxRecords=100)
    check_response("DescribeNodeConfigurationOptions", answer)
    assert len(answer["NodeConfigurationOptionList"]) == 100 and "Marker" in answer
    filtered = client.describe_node_configuration_options(
        ActionType="restore-cluster", SnapshotIdentifier="s1",
        Filters=[{"Name": "NodeType", "Operator": "in", "Values": ["dc2.large", "ra3.xlplus"]},
                 {"Name": "NumberOfNodes", "Operator": "between", "Values": ["2", "3"]},
                 {"Name": "Mode", "Operator": "eq", "Values": ["standard"]},
                 {"Name": "EstimatedDiskUtilizationPercent", "Operator": "lt", "Values": ["100"]}],
    )["NodeConfigurationOptionList"]
    assert [(o["NodeType"], o["NumberOfNodes"]) for o in filtered] == [
        ("dc2.large", 2), ("dc2.large", 3), ("ra3.xlplus", 2), ("ra3.xlplus", 3)]
    # Each is a configuration RestoreFromClusterSnapshot accepts.
    for i, o in enumerate(filtered):
        client.restore_from_cluster_snapshot(ClusterIdentifier=f"r{i}", SnapshotIdentifier="s1",
                                             NodeType=o["NodeType"], NumberOfNodes=o["NumberOfNodes"])


def test_node_configurations_for_an_elastic_resize_and_a_recommendation(client):
    make_cluster(client, NumberOfNodes=4)
    resize = client.describe_node_configuration_options(ActionType="resize-cluster", ClusterIdentifier="c1")
    counts = [o["NumberOfNodes"] for o in resize["NodeConfigurationOptionList"]]
    c = client.describe_clusters()["Clusters"][0]
    assert c["ElasticResizeNumberOfNodeOptions"] == "[" + ",".join(map(str, counts)) + "]"
    # Each is an elastic resize ResizeCluster accepts.
    for n in counts:
        client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=n)
        client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4)
    recommended = client.describe_node_configuration_options(ActionType="recommend-node-config",
                                                             ClusterIdentifier="c1")["NodeConfigurationOptionList"]
    assert [(o["NumberOfNodes"], o["Mode"]) for o in recommended] == [(4, "standard"), (8, "high-performance")]


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ActionType": "restore-cluster"}, "InvalidParameterCombination"),
        ({"ActionType": "restore-cluster", "SnapshotIdentifier": "nope"}, "ClusterSnapshotNotFound"),
        ({"ActionType": "restore-cluster", "SnapshotIdentifier": "s1", "OwnerAccount": "210987654321"},
         "ClusterSnapshotNotFound"),
        ({"ActionType": "resize-cluster"}, "InvalidParameterCombination"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "nope"}, "ClusterNotFound"),
        ({"ActionType": "recommend-node-config"}, "InvalidParameterCombination"),
        ({"ActionType": "grow"}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1", "MaxRecords": 99}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1",
          "Filters": [{"Name": "NodeType", "Operator": "eq", "Values": ["dc2.large"]}]}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1",
          "Filters": [{"Name": "NumberOfNodes", "Operator": "between", "Values": ["2"]}]}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1",
          "Filters": [{"Name": "NumberOfNodes", "Operator": "gt", "Values": ["201"]}]}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1",
          "Filters": [{"Name": "Size", "Operator": "eq", "Values": ["1"]}]}, "InvalidParameterValue"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "c1", "Filters": [{"Values": ["1"]}]},
         "InvalidParameterValue"),
    ],
)
def test_node_configuration_refusals(fake, client, members, code):
    make_cluster(client, NumberOfNodes=2)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    refused(fake, lambda: client.describe_node_configuration_options(**members), code)


def test_a_shared_snapshot_needs_its_owners_grant(fake):
    owner, other = fake.client(), fake.client(account_id="210987654321")
    make_cluster(owner)
    owner.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    ask = dict(ActionType="restore-cluster", SnapshotIdentifier="s1", OwnerAccount=fake.account_id)
    refused(fake, lambda: other.describe_node_configuration_options(**ask), "AccessToSnapshotDenied")
    owner.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess="210987654321")
    assert other.describe_node_configuration_options(**ask)["NodeConfigurationOptionList"]


def test_both_doors_agree():
    two_doors(
        [
            ("describe_cluster_versions", {}),
            ("describe_cluster_tracks", {}),
            ("describe_cluster_tracks", {"MaintenanceTrackName": "nope"}),
            ("describe_orderable_cluster_options", {"MaxRecords": 20}),
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", NumberOfNodes=3,
                                    MasterUsername="admin", MasterUserPassword="Secret123")),
            ("describe_node_configuration_options", {"ActionType": "resize-cluster", "ClusterIdentifier": "c1"}),
            ("describe_node_configuration_options", {"ActionType": "recommend-node-config",
                                                     "ClusterIdentifier": "c1"}),
            ("describe_node_configuration_options", {"ActionType": "restore-cluster"}),
        ]
    )
