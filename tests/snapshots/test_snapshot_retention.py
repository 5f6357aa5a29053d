"""Time: retention periods on the world's clock, and the creating / deleting
statuses with progress members consistent with them."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)
CADENCE = datetime.timedelta(hours=8)  # AWS's default automated snapshot cadence


def world(**settings):
    fake = redshift_fake.FakeRedshift(**{"manual_snapshot_quota": 1000, **settings})
    fake.clock.set(T0)
    return fake, fake.client()


def make_cluster(client, identifier="c1", **extra):
    response = client.create_cluster(
        ClusterIdentifier=identifier, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123",
        **extra,
    )
    check_response("CreateCluster", response)
    return response["Cluster"]


def snap(client, identifier, cluster="c1", **extra):
    response = client.create_cluster_snapshot(SnapshotIdentifier=identifier, ClusterIdentifier=cluster, **extra)
    check_response("CreateClusterSnapshot", response)
    return response["Snapshot"]


def find(client, identifier):
    """The snapshot as DescribeClusterSnapshots shows it, or None when it is gone."""
    try:
        response = client.describe_cluster_snapshots(SnapshotIdentifier=identifier)
    except client.exceptions.ClusterSnapshotNotFoundFault:
        return None
    check_response("DescribeClusterSnapshots", response)
    return response["Snapshots"][0]


def cluster_of(client, identifier="c1"):
    try:
        response = client.describe_clusters(ClusterIdentifier=identifier)
    except client.exceptions.ClusterNotFoundFault:
        return None
    check_response("DescribeClusters", response)
    return response["Clusters"][0]


def automated(client, cluster="c1"):
    paginator = client.get_paginator("describe_cluster_snapshots")
    return paginator.paginate(ClusterIdentifier=cluster, SnapshotType="automated").build_full_result()["Snapshots"]


# --- Retention ---------------------------------------------------------------


def test_manual_snapshot_counts_down_and_expires():
    fake, client = world()
    make_cluster(client)
    created = snap(client, "s1", ManualSnapshotRetentionPeriod=3)
    assert created["ManualSnapshotRetentionPeriod"] == 3
    assert created["ManualSnapshotRemainingDays"] == 3
    assert created["SnapshotRetentionStartTime"] == T0
    fake.clock.advance(DAY)
    assert find(client, "s1")["ManualSnapshotRemainingDays"] == 2
    fake.clock.advance(DAY / 2)
    assert find(client, "s1")["ManualSnapshotRemainingDays"] == 2  # a day begun counts whole
    fake.clock.set(T0 + 3 * DAY - SECOND)
    last = find(client, "s1")
    assert last["ManualSnapshotRemainingDays"] == 1 and last["Status"] == "available"
    fake.clock.set(T0 + 3 * DAY)
    assert find(client, "s1") is None
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")


def test_indefinite_retention_keeps_a_snapshot_forever():
    fake, client = world()
    make_cluster(client)
    created = snap(client, "s1")
    assert created["ManualSnapshotRetentionPeriod"] == -1
    assert "ManualSnapshotRemainingDays" not in created
    fake.clock.advance(10 * 3653 * DAY)
    kept = find(client, "s1")
    assert kept["ManualSnapshotRetentionPeriod"] == -1 and "ManualSnapshotRemainingDays" not in kept


def test_the_clusters_manual_retention_is_the_default_for_its_snapshots():
    fake, client = world()
    make_cluster(client, ManualSnapshotRetentionPeriod=2)
    assert snap(client, "inherits")["ManualSnapshotRetentionPeriod"] == 2
    assert snap(client, "forever", ManualSnapshotRetentionPeriod=-1)["ManualSnapshotRetentionPeriod"] == -1
    assert snap(client, "longer", ManualSnapshotRetentionPeriod=5)["ManualSnapshotRemainingDays"] == 5
    fake.clock.advance(2 * DAY)
    assert find(client, "inherits") is None
    assert find(client, "forever") is not None
    assert find(client, "longer")["ManualSnapshotRemainingDays"] == 3


@pytest.mark.parametrize("days", [-2, 0, 3654])
def test_retention_outside_the_allowed_range_is_refused(days):
    _fake, client = world()
    make_cluster(client)
    with pytest.raises(client.exceptions.InvalidRetentionPeriodFault) as e:
        snap(client, "s1", ManualSnapshotRetentionPeriod=days)
    assert e.value.response["Error"]["Message"] == (
        f"Invalid manual snapshot retention period: {days}. The value must be -1 or between 1 and 3653."
    )
    assert find(client, "s1") is None


@pytest.mark.parametrize("days", [1, 5, 35])
def test_automated_snapshots_expire_with_their_clusters_retention(days):
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=days)
    (auto,) = automated(client)
    assert auto["SnapshotCreateTime"] == T0
    assert "ManualSnapshotRemainingDays" not in auto and "ManualSnapshotRetentionPeriod" not in auto
    # One every eight hours since (AWS's default cadence), the first kept
    # until its period is over.
    taken = [T0 + i * CADENCE for i in range(3 * days + 1)]
    fake.clock.set(T0 + days * DAY - SECOND)
    assert [s["SnapshotCreateTime"] for s in automated(client)] == taken[:-1]
    fake.clock.set(T0 + days * DAY)
    assert [s["SnapshotCreateTime"] for s in automated(client)] == taken[1:]
    assert cluster_of(client)["ClusterStatus"] == "available"


def test_the_default_automated_retention_is_one_day_and_zero_takes_none():
    fake, client = world()
    assert make_cluster(client, "one")["AutomatedSnapshotRetentionPeriod"] == 1
    make_cluster(client, "none", AutomatedSnapshotRetentionPeriod=0)
    assert len(automated(client, "one")) == 1
    assert automated(client, "none") == []
    fake.clock.advance(DAY)
    assert [s["SnapshotCreateTime"] for s in automated(client, "one")] == [T0 + i * CADENCE for i in (1, 2, 3)]
    assert automated(client, "none") == []


def test_final_and_orphaned_snapshots_keep_their_retention():
    fake, client = world()
    make_cluster(client)
    snap(client, "kept-two-days", ManualSnapshotRetentionPeriod=2)
    client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="final",
                          FinalClusterSnapshotRetentionPeriod=1)
    assert find(client, "final")["ManualSnapshotRemainingDays"] == 1
    fake.clock.advance(DAY)
    assert find(client, "final") is None
    assert find(client, "kept-two-days")["ManualSnapshotRemainingDays"] == 1
    fake.clock.advance(DAY)
    assert find(client, "kept-two-days") is None


def test_an_expired_snapshot_frees_its_identifier_and_its_quota():
    fake, client = world(manual_snapshot_quota=2)
    make_cluster(client)
    snap(client, "a", ManualSnapshotRetentionPeriod=1)
    snap(client, "b", ManualSnapshotRetentionPeriod=1)
    with pytest.raises(client.exceptions.ClusterSnapshotQuotaExceededFault):
        snap(client, "c")
    fake.clock.advance(DAY)
    snap(client, "a")
    snap(client, "c")


def test_retention_acts_in_every_account_and_region():
    fake, client = world()
    west = fake.client("us-west-2")
    other = fake.client("us-east-1", account_id=OTHER_ACCOUNT)
    for c in (client, west, other):
        make_cluster(c)
        snap(c, "s1", ManualSnapshotRetentionPeriod=1)
    other.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=redshift_fake.DEFAULT_ACCOUNT_ID)
    shared = client.describe_cluster_snapshots(OwnerAccount=OTHER_ACCOUNT)["Snapshots"]
    assert [s["SnapshotIdentifier"] for s in shared] == ["s1"]
    fake.clock.advance(DAY)
    # Only the west client calls: the world's clock acts everywhere at once.
    assert find(west, "s1") is None
    assert fake.client("us-east-1", account_id=OTHER_ACCOUNT).describe_cluster_snapshots(SnapshotType="manual")[
        "Snapshots"
    ] == []
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []


# --- Creating and deleting -----------------------------------------------------


def progress(s):
    return (s["Status"], s["ElapsedTimeInSeconds"], s["EstimatedSecondsToCompletion"],
            s["BackupProgressInMegaBytes"], s["CurrentBackupRateInMegaBytesPerSecond"])


def test_snapshot_progress_members_follow_the_clock():
    fake, client = world(snapshot_creation_seconds=60)
    make_cluster(client)
    fake.clock.advance(60)
    created = snap(client, "s1")
    total = created["TotalBackupSizeInMegaBytes"]
    rate = round(total / 60, 3)
    assert progress(created) == ("creating", 0, 60, 0.0, rate)
    for elapsed in (1, 10, 30, 59):
        fake.clock.set(T0 + (60 + elapsed) * SECOND)
        s = find(client, "s1")
        assert progress(s) == ("creating", elapsed, 60 - elapsed, round(total * elapsed / 60, 2), rate)
        assert s["SnapshotCreateTime"] == T0 + 60 * SECOND
    fake.clock.set(T0 + 120 * SECOND)
    assert progress(find(client, "s1")) == ("available", 60, 0, total, 0.0)
    fake.clock.advance(DAY)
    assert progress(find(client, "s1")) == ("available", 60, 0, total, 0.0)


def test_a_snapshot_that_takes_no_time_answers_creating_then_is_available():
    _fake, client = world()
    make_cluster(client)
    created = snap(client, "s1")
    assert progress(created) == ("creating", 0, 0, 0.0, 0.0)
    s = find(client, "s1")
    assert progress(s) == ("available", 0, 0, s["TotalBackupSizeInMegaBytes"], 0.0)


def test_a_snapshot_being_created_can_be_neither_deleted_nor_shared():
    fake, client = world(snapshot_creation_seconds=60)
    make_cluster(client)
    fake.clock.advance(60)
    snap(client, "s1")
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert e.value.response["Error"]["Message"] == "Cannot delete the snapshot s1 because it is in the creating state."
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault):
        client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)
    fake.clock.advance(60)
    assert client.delete_cluster_snapshot(SnapshotIdentifier="s1")["Snapshot"]["Status"] == "deleted"


def test_a_cluster_being_created():
    fake, client = world(cluster_creation_seconds=300, snapshot_creation_seconds=30)
    created = make_cluster(client)
    assert created["ClusterStatus"] == "creating"
    assert created["ClusterAvailabilityStatus"] == "Unavailable"
    assert "Endpoint" not in created
    fake.clock.advance(299)
    c = cluster_of(client)
    assert (c["ClusterStatus"], c["ClusterAvailabilityStatus"]) == ("creating", "Unavailable")
    assert "Endpoint" not in c and c["ClusterCreateTime"] == T0
    # Its first automated snapshot is taken once it is available.
    assert automated(client) == []
    with pytest.raises(client.exceptions.InvalidClusterStateFault):
        snap(client, "s1")
    fake.clock.advance(1)
    c = cluster_of(client)
    assert (c["ClusterStatus"], c["ClusterAvailabilityStatus"]) == ("available", "Available")
    assert c["Endpoint"]["Port"] == 5439
    (auto,) = automated(client)
    assert auto["SnapshotCreateTime"] == T0 + 300 * SECOND
    assert auto["SnapshotIdentifier"] == "rs:c1-2030-01-01-00-05-00"
    assert progress(auto)[:3] == ("creating", 0, 30)
    fake.clock.advance(30)
    assert automated(client)[0]["Status"] == "available"
    snap(client, "s1")


def test_a_cluster_being_deleted():
    fake, client = world(cluster_deletion_seconds=120)
    make_cluster(client)
    snap(client, "manual")
    response = client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="final")
    check_response("DeleteCluster", response)
    assert response["Cluster"]["ClusterStatus"] == "deleting"
    fake.clock.advance(119)
    assert cluster_of(client)["ClusterStatus"] == "deleting"
    assert automated(client) == []
    assert {s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots()["Snapshots"]} == {"manual", "final"}
    with pytest.raises(client.exceptions.InvalidClusterStateFault):
        client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    with pytest.raises(client.exceptions.InvalidClusterStateFault):
        snap(client, "late")
    with pytest.raises(client.exceptions.ClusterAlreadyExistsFault):
        make_cluster(client)
    fake.clock.advance(1)
    assert cluster_of(client) is None
    make_cluster(client)  # the identifier is free again


def test_a_deletion_that_takes_no_time_answers_deleting_and_is_done():
    _fake, client = world()
    make_cluster(client)
    response = client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert response["Cluster"]["ClusterStatus"] == "deleting"
    assert cluster_of(client) is None
