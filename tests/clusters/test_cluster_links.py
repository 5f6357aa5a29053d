"""What the cluster operations do to the rest of the account: the groups,
schedules and keys they name must exist (doc), the events their transitions
record, and what follows a cluster when it is renamed."""

from __future__ import annotations

import datetime

import pytest

from cluster_helpers import T0, cluster_of, world
from conftest import make_cluster, refused

ROLE = "arn:aws:iam::123456789012:role/r"


def messages(client, identifier="c1"):
    events = client.describe_events(SourceType="cluster", SourceIdentifier=identifier, Duration=60 * 24 * 14)
    return [e["Message"] for e in events["Events"]]


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ClusterParameterGroupName": "nope"}, "ClusterParameterGroupNotFound"),
        ({"ClusterSecurityGroups": ["nope"]}, "ClusterSecurityGroupNotFound"),
        ({"ClusterSubnetGroupName": "nope"}, "ClusterSubnetGroupNotFoundFault"),
        ({"SnapshotScheduleIdentifier": "nope"}, "SnapshotScheduleNotFound"),
    ],
)
def test_a_new_cluster_names_what_exists(members, code):
    fake, client = world()
    refused(fake, lambda: make_cluster(client, **members), code)


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ClusterParameterGroupName": "nope"}, "ClusterParameterGroupNotFound"),
        ({"ClusterSecurityGroups": ["default", "nope"]}, "ClusterSecurityGroupNotFound"),
    ],
)
def test_a_modification_names_what_exists(members, code):
    fake, client = world()
    make_cluster(client)
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", **members), code)


def test_a_cluster_in_a_subnet_group_is_in_its_vpc_and_zones():
    fake, client = world()
    fake.add_vpc("vpc-0a1b2c3d", {"subnet-0a1b2c3d": "us-east-1b"})
    client.create_cluster_subnet_group(ClusterSubnetGroupName="g", Description="d", SubnetIds=["subnet-0a1b2c3d"])
    c = make_cluster(client, NodeType="ra3.xlplus", ClusterSubnetGroupName="g", AvailabilityZoneRelocation=True)
    assert (c["VpcId"], c["AvailabilityZone"]) == ("vpc-0a1b2c3d", "us-east-1b")
    refused(fake, lambda: make_cluster(client, "c2", ClusterSubnetGroupName="g", AvailabilityZone="us-east-1a"),
            "InvalidVPCNetworkStateFault")
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", AvailabilityZone="us-east-1c"),
            "InvalidVPCNetworkStateFault")
    # A restore into the group takes the group's zone, not the snapshot's.
    make_cluster(client, "plain", NodeType="ra3.xlplus")
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="plain")
    restored = client.restore_from_cluster_snapshot(ClusterIdentifier="r1", SnapshotIdentifier="s1",
                                                    ClusterSubnetGroupName="g")["Cluster"]
    assert (restored["VpcId"], restored["AvailabilityZone"]) == ("vpc-0a1b2c3d", "us-east-1b")


def test_a_new_cluster_follows_its_snapshot_schedule():
    fake, client = world()
    client.create_snapshot_schedule(ScheduleIdentifier="nightly", ScheduleDefinitions=["cron(0 2 *)"])
    make_cluster(client, SnapshotScheduleIdentifier="nightly", AutomatedSnapshotRetentionPeriod=7)
    c = cluster_of(client)
    assert (c["SnapshotScheduleIdentifier"], c["SnapshotScheduleState"]) == ("nightly", "ACTIVE")
    assert c["ExpectedNextSnapshotScheduleTime"] == datetime.datetime(2030, 1, 4, 2, 0, tzinfo=datetime.timezone.utc)
    fake.clock.advance(datetime.timedelta(days=2))
    automated = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [s["SnapshotCreateTime"].hour for s in automated] == [12, 2, 2]


def test_each_transition_records_its_events():
    fake, client = world()
    make_cluster(client, NodeType="ra3.xlplus", NumberOfNodes=2)
    client.pause_cluster(ClusterIdentifier="c1")
    client.resume_cluster(ClusterIdentifier="c1")
    client.reboot_cluster(ClusterIdentifier="c1")
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4)
    assert messages(client) == [
        "Amazon Redshift cluster 'c1' has been created at 2030-01-03 12:00 UTC and is ready for use.",
        "The cluster 'c1' pause operation started at 2030-01-03 12:00 UTC.",
        "Amazon Redshift cluster 'c1' was successfully paused at 2030-01-03 12:00 UTC.",
        "The cluster 'c1' resume operation started at 2030-01-03 12:00 UTC.",
        "Amazon Redshift cluster 'c1' was successfully resumed at 2030-01-03 12:00 UTC.",
        "Cluster 'c1' rebooted at 2030-01-03 12:00 UTC.",
        "Cluster 'c1' resize started at 2030-01-03 12:00 UTC. Cluster is in read-only mode.",
        "Cluster 'c1' resize completed at 2030-01-03 12:00 UTC. Cluster is available for both reads and writes.",
    ]


def test_a_modification_records_what_it_changed():
    fake, client = world()
    make_cluster(client)
    client.create_cluster_parameter_group(ParameterGroupName="pg", ParameterGroupFamily="redshift-1.0",
                                          Description="d")
    client.modify_cluster(ClusterIdentifier="c1", ClusterParameterGroupName="pg", MasterUserPassword="Changed123",
                          VpcSecurityGroupIds=["sg-1"])
    # The same values again change nothing and record nothing.
    client.modify_cluster(ClusterIdentifier="c1", ClusterParameterGroupName="pg", VpcSecurityGroupIds=["sg-1"])
    assert messages(client)[1:] == [
        "Cluster 'c1' parameter group changed to 'pg' at 2030-01-03 12:00 UTC.",
        "Master credentials updated for cluster 'c1' at 2030-01-03 12:00 UTC.",
        "VPC security groups for cluster 'c1' updated at 2030-01-03 12:00 UTC.",
    ]
    assert cluster_of(client)["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "pending-reboot"
    client.reboot_cluster(ClusterIdentifier="c1")
    assert cluster_of(client)["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "in-sync"


def test_a_renamed_cluster_keeps_its_usage_limits_logging_and_snapshot_plan():
    fake, client = world(cluster_modifying_seconds=60)
    make_cluster(client)
    limit = client.create_usage_limit(ClusterIdentifier="c1", FeatureType="spectrum", LimitType="data-scanned",
                                      Amount=10)["UsageLimitId"]
    client.enable_logging(ClusterIdentifier="c1", LogDestinationType="cloudwatch", LogExports=["userlog"])
    client.modify_cluster(ClusterIdentifier="c1", NewClusterIdentifier="c2")
    fake.clock.advance(60)
    assert client.describe_usage_limits(UsageLimitId=limit)["UsageLimits"][0]["ClusterIdentifier"] == "c2"
    assert client.describe_logging_status(ClusterIdentifier="c2")["LoggingEnabled"] is True
    assert messages(client, "c2") == ["Cluster renamed to 'c2' at 2030-01-03 12:01 UTC."]
    # Its automated snapshots go on under the new name.
    fake.clock.advance(datetime.timedelta(hours=8))
    newest = client.describe_cluster_snapshots(ClusterIdentifier="c2", SnapshotType="automated")["Snapshots"][-1]
    assert newest["SnapshotCreateTime"] == T0 + datetime.timedelta(hours=8)
