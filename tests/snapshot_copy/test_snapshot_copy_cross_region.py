"""Cross-region snapshot copy: EnableSnapshotCopy, DisableSnapshotCopy,
ModifySnapshotCopyRetentionPeriod, and the copies in the destination region
(Management Guide, "Copying a snapshot to another AWS Region")."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, make_cluster, refused, two_doors

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
WEST = "us-west-2"
KEY = "arn:aws:kms:us-east-1:123456789012:key/k1"


def world(**settings):
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=1000, **settings)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client)
    return fake, client, fake.client(WEST)


def enable(client, cluster="c1", **members):
    answer = client.enable_snapshot_copy(ClusterIdentifier=cluster, DestinationRegion=WEST, **members)
    check_response("EnableSnapshotCopy", answer)
    return answer["Cluster"]


def in_west(west, **filters):
    pages = west.get_paginator("describe_cluster_snapshots").paginate(**filters)
    return pages.build_full_result()["Snapshots"]


def test_enable_shows_the_copy_status():
    _, client, _ = world()
    cluster = enable(client)
    # Doc: automated copies kept 7 days unless told; manual ones forever (choice).
    status = {"DestinationRegion": WEST, "RetentionPeriod": 7, "ManualSnapshotRetentionPeriod": -1}
    assert cluster["ClusterSnapshotCopyStatus"] == status
    assert client.describe_clusters()["Clusters"][0]["ClusterSnapshotCopyStatus"] == status


def test_new_snapshots_appear_in_the_destination():
    fake, client, west = world()
    enable(client, RetentionPeriod=2, ManualSnapshotRetentionPeriod=5)
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=1,
                                   Tags=[{"Key": "k", "Value": "v"}])
    (copy,) = in_west(west)
    check_response("DescribeClusterSnapshots", west.describe_cluster_snapshots())
    source = client.describe_cluster_snapshots(SnapshotIdentifier="m1")["Snapshots"][0]
    assert copy["SourceRegion"] == "us-east-1"
    assert copy["SnapshotArn"] == "arn:aws:redshift:us-west-2:123456789012:snapshot:c1/m1"
    assert (copy["ManualSnapshotRetentionPeriod"], copy["ManualSnapshotRemainingDays"]) == (5, 5)
    assert copy["Tags"] == []
    same = ("SnapshotIdentifier", "SnapshotCreateTime", "SnapshotType", "ClusterIdentifier", "NodeType",
            "TotalBackupSizeInMegaBytes", "Status")
    assert {k: copy[k] for k in same} == {k: source[k] for k in same}
    # The automated ones, every eight hours, kept the copy's two days.
    fake.clock.advance(3 * DAY)
    automated = [s["SnapshotCreateTime"] for s in in_west(west, SnapshotType="automated")]
    assert automated == [T0 + i * 8 * HOUR for i in range(4, 10)]
    source_automated = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [s["SnapshotCreateTime"] for s in source_automated] == [T0 + i * 8 * HOUR for i in range(7, 10)]
    # The source's manual snapshot went after its day; the copy stays its five.
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []
    assert [s["SnapshotIdentifier"] for s in in_west(west, SnapshotType="manual")] == ["m1"]


def test_copies_are_snapshots_of_the_destination():
    fake, client, west = world()
    enable(client)
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1")
    restored = west.restore_from_cluster_snapshot(ClusterIdentifier="dr", SnapshotIdentifier="m1")
    assert restored["Cluster"]["ClusterStatus"] == "creating"
    west.delete_cluster(ClusterIdentifier="dr", SkipFinalClusterSnapshot=True)
    fake.clock.advance(1)
    deleted = west.delete_cluster_snapshot(SnapshotIdentifier="m1")
    assert deleted["Snapshot"]["SourceRegion"] == "us-east-1"
    # The source's stays.
    assert client.describe_cluster_snapshots(SnapshotIdentifier="m1")["Snapshots"]


def test_a_taken_identifier_in_the_destination_is_not_copied_over():
    _, client, west = world()
    make_cluster(west, "c9")
    west.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c9")
    enable(client)
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1")
    (mine,) = in_west(west, SnapshotType="manual")
    assert (mine["ClusterIdentifier"], "SourceRegion" in mine) == ("c9", False)


def test_disable_stops_copying_and_keeps_the_copies():
    _, client, west = world()
    enable(client)
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1")
    answer = client.disable_snapshot_copy(ClusterIdentifier="c1")
    check_response("DisableSnapshotCopy", answer)
    assert "ClusterSnapshotCopyStatus" not in answer["Cluster"]
    client.create_cluster_snapshot(SnapshotIdentifier="m2", ClusterIdentifier="c1")
    assert [s["SnapshotIdentifier"] for s in in_west(west)] == ["m1"]
    # And it can be enabled again, elsewhere.
    answer = client.enable_snapshot_copy(ClusterIdentifier="c1", DestinationRegion="eu-west-1")
    assert answer["Cluster"]["ClusterSnapshotCopyStatus"]["DestinationRegion"] == "eu-west-1"


def test_a_shorter_automated_period_removes_the_copies_past_it():
    fake, client, west = world()
    enable(client)
    fake.clock.advance(3 * DAY)
    assert len(in_west(west, SnapshotType="automated")) == 9
    answer = client.modify_snapshot_copy_retention_period(ClusterIdentifier="c1", RetentionPeriod=1)
    check_response("ModifySnapshotCopyRetentionPeriod", answer)
    assert answer["Cluster"]["ClusterSnapshotCopyStatus"]["RetentionPeriod"] == 1
    # Doc: copies outside the new period are deleted.
    assert [s["SnapshotCreateTime"] for s in in_west(west, SnapshotType="automated")] == [
        T0 + i * 8 * HOUR for i in range(7, 10)
    ]


def test_a_manual_period_applies_to_new_copies_only():
    _, client, west = world()
    enable(client)
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1")
    answer = client.modify_snapshot_copy_retention_period(ClusterIdentifier="c1", RetentionPeriod=30, Manual=True)
    status = answer["Cluster"]["ClusterSnapshotCopyStatus"]
    assert (status["RetentionPeriod"], status["ManualSnapshotRetentionPeriod"]) == (7, 30)
    client.create_cluster_snapshot(SnapshotIdentifier="m2", ClusterIdentifier="c1")
    copies = in_west(west, SnapshotType="manual")
    periods = {s["SnapshotIdentifier"]: s["ManualSnapshotRetentionPeriod"] for s in copies}
    assert periods == {"m1": -1, "m2": 30}


def test_a_kms_encrypted_cluster_copies_through_a_grant_in_the_destination():
    _, client, west = world()
    make_cluster(client, "enc", Encrypted=True, KmsKeyId=KEY)
    west.create_snapshot_copy_grant(SnapshotCopyGrantName="g1")
    cluster = enable(client, "enc", SnapshotCopyGrantName="g1")
    assert cluster["ClusterSnapshotCopyStatus"]["SnapshotCopyGrantName"] == "g1"
    client.create_cluster_snapshot(SnapshotIdentifier="e1", ClusterIdentifier="enc")
    (copy,) = in_west(west, ClusterIdentifier="enc", SnapshotType="manual")
    assert (copy["Encrypted"], copy["KmsKeyId"]) == (True, KEY)


def test_enable_refuses():
    fake, client, west = world(cluster_creation_seconds=60)
    fake.clock.advance(60)
    make_cluster(client, "new")
    make_cluster(client, "enc", Encrypted=True)
    client.create_snapshot_copy_grant(SnapshotCopyGrantName="here-only")
    fake.clock.advance(60)
    make_cluster(client, "young")
    cases = [
        (dict(ClusterIdentifier="nope", DestinationRegion=WEST), "ClusterNotFound", "Cluster nope not found."),
        (dict(ClusterIdentifier="young", DestinationRegion=WEST), "InvalidClusterState", None),
        (dict(ClusterIdentifier="c1", DestinationRegion="us-east-1"), "UnknownSnapshotCopyRegionFault",
         "Invalid region us-east-1: snapshots cannot be copied to the region of their cluster."),
        (dict(ClusterIdentifier="c1", DestinationRegion="mars-west-1"), "UnknownSnapshotCopyRegionFault",
         "Invalid region mars-west-1: it is not a region snapshots can be copied to."),
        (dict(ClusterIdentifier="c1", DestinationRegion="cn-north-1"), "UnknownSnapshotCopyRegionFault", None),
        (dict(ClusterIdentifier="c1", DestinationRegion=WEST, RetentionPeriod=0), "InvalidRetentionPeriodFault",
         "Invalid retention period for copied automated snapshots: 0. The value must be between 1 and 35."),
        (dict(ClusterIdentifier="c1", DestinationRegion=WEST, RetentionPeriod=36), "InvalidRetentionPeriodFault", None),
        (dict(ClusterIdentifier="c1", DestinationRegion=WEST, ManualSnapshotRetentionPeriod=0),
         "InvalidRetentionPeriodFault", None),
        (dict(ClusterIdentifier="enc", DestinationRegion=WEST), "InvalidParameterValue",
         "SnapshotCopyGrantName is required for Snapshot Copy on KMS encrypted clusters."),
        (dict(ClusterIdentifier="enc", DestinationRegion=WEST, SnapshotCopyGrantName="here-only"),
         "SnapshotCopyGrantNotFoundFault",
         "Snapshot copy grant here-only not found in the destination region us-west-2."),
    ]
    for params, code, message in cases:
        refused(fake, lambda params=params: client.enable_snapshot_copy(**params), code, message)
    enable(client, "new")
    refused(fake, lambda: enable(client, "new"), "SnapshotCopyAlreadyEnabledFault",
            "Cross-region snapshot copy is already enabled for cluster new.")


def test_disable_and_modify_refuse():
    fake, client, _ = world(cluster_deletion_seconds=60)
    make_cluster(client, "c2")
    for call in (
        lambda: client.disable_snapshot_copy(ClusterIdentifier="nope"),
        lambda: client.modify_snapshot_copy_retention_period(ClusterIdentifier="nope", RetentionPeriod=3),
    ):
        refused(fake, call, "ClusterNotFound")
    refused(fake, lambda: client.disable_snapshot_copy(ClusterIdentifier="c1"), "SnapshotCopyAlreadyDisabledFault",
            "Cross-region snapshot copy is already disabled for cluster c1.")
    refused(fake, lambda: client.modify_snapshot_copy_retention_period(ClusterIdentifier="c1", RetentionPeriod=3),
            "SnapshotCopyDisabledFault", "Cross-region snapshot copy is not enabled for cluster c1.")
    enable(client)
    for period, manual in ((0, False), (36, False), (-1, False), (0, True), (3654, True)):
        refused(fake, lambda period=period, manual=manual: client.modify_snapshot_copy_retention_period(
            ClusterIdentifier="c1", RetentionPeriod=period, Manual=manual), "InvalidRetentionPeriodFault")
    client.modify_snapshot_copy_retention_period(ClusterIdentifier="c1", RetentionPeriod=-1, Manual=True)
    enable(client, "c2")
    client.delete_cluster(ClusterIdentifier="c2", SkipFinalClusterSnapshot=True)
    for call in (
        lambda: client.disable_snapshot_copy(ClusterIdentifier="c2"),
        lambda: client.modify_snapshot_copy_retention_period(ClusterIdentifier="c2", RetentionPeriod=3),
    ):
        refused(fake, call, "InvalidClusterState")


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("EnableSnapshotCopy", {"ClusterIdentifier": "c1"}),
        ("DisableSnapshotCopy", {"ClusterIdentifier": ["c1"]}),
        ("ModifySnapshotCopyRetentionPeriod", {"ClusterIdentifier": "c1", "RetentionPeriod": "7"}),
    ],
)
def test_parameters_are_validated_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    cluster = dict(NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123")
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", **cluster)),
            ("create_cluster", dict(ClusterIdentifier="enc", Encrypted=True, **cluster)),
            ("create_snapshot_copy_grant", dict(SnapshotCopyGrantName="g1"), WEST),
            ("enable_snapshot_copy", dict(ClusterIdentifier="c1", DestinationRegion=WEST, RetentionPeriod=3)),
            ("enable_snapshot_copy", dict(ClusterIdentifier="c1", DestinationRegion=WEST)),
            ("enable_snapshot_copy", dict(ClusterIdentifier="enc", DestinationRegion=WEST)),
            ("enable_snapshot_copy", dict(ClusterIdentifier="enc", DestinationRegion="us-east-1")),
            ("enable_snapshot_copy", dict(ClusterIdentifier="enc", DestinationRegion=WEST,
                                          SnapshotCopyGrantName="g1")),
            ("create_cluster_snapshot", dict(SnapshotIdentifier="m1", ClusterIdentifier="c1")),
            ("advance", 86_400),
            ("describe_cluster_snapshots", {}, WEST),
            ("modify_snapshot_copy_retention_period", dict(ClusterIdentifier="c1", RetentionPeriod=1)),
            ("modify_snapshot_copy_retention_period", dict(ClusterIdentifier="c1", RetentionPeriod=0)),
            ("describe_clusters", {}),
            ("disable_snapshot_copy", dict(ClusterIdentifier="c1")),
            ("disable_snapshot_copy", dict(ClusterIdentifier="c1")),
            ("modify_snapshot_copy_retention_period", dict(ClusterIdentifier="c1", RetentionPeriod=1)),
        ]
    )
