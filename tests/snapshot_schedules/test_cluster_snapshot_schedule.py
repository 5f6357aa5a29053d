"""ModifyClusterSnapshotSchedule: a cluster follows a snapshot schedule or
stops; what DescribeClusters and DescribeSnapshotSchedules show of it."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import check_response, make_cluster, refused

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
SCHEDULE_MEMBERS = (
    "SnapshotScheduleIdentifier",
    "SnapshotScheduleState",
    "ExpectedNextSnapshotScheduleTime",
    "ExpectedNextSnapshotScheduleTimeStatus",
)


def world(**settings):
    fake = redshift_fake.FakeRedshift(**settings)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client)
    for name, definition in (("twice", "rate(12 hours)"), ("daily", "cron(0 3 *)")):
        client.create_snapshot_schedule(ScheduleIdentifier=name, ScheduleDefinitions=[definition])
    return fake, client


def shown(client, cluster="c1"):
    answer = client.describe_clusters(ClusterIdentifier=cluster)
    check_response("DescribeClusters", answer)
    c = answer["Clusters"][0]
    return {k: c[k] for k in SCHEDULE_MEMBERS if k in c}


def associated(client, schedule):
    (s,) = client.describe_snapshot_schedules(ScheduleIdentifier=schedule)["SnapshotSchedules"]
    return s["AssociatedClusters"]


def test_a_cluster_without_a_schedule_shows_none():
    _, client = world()
    assert shown(client) == {}


def test_associating_shows_the_schedule_and_its_next_snapshot():
    _, client = world()
    answer = client.modify_cluster_snapshot_schedule(ClusterIdentifier="C1", ScheduleIdentifier="Twice")
    check_response("ModifyClusterSnapshotSchedule", answer)
    assert shown(client) == {
        "SnapshotScheduleIdentifier": "twice",
        "SnapshotScheduleState": "ACTIVE",
        "ExpectedNextSnapshotScheduleTime": T0 + 12 * HOUR,
        "ExpectedNextSnapshotScheduleTimeStatus": "OnTrack",
    }
    assert associated(client, "twice") == [{"ClusterIdentifier": "c1", "ScheduleAssociationState": "ACTIVE"}]
    # Another schedule replaces it; the same one again changes nothing.
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="daily")
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="daily")
    assert shown(client)["ExpectedNextSnapshotScheduleTime"] == T0 + 3 * HOUR
    assert associated(client, "twice") == []
    # A modified schedule moves it.
    client.modify_snapshot_schedule(ScheduleIdentifier="daily", ScheduleDefinitions=["cron(0 5 *)"])
    assert shown(client)["ExpectedNextSnapshotScheduleTime"] == T0 + 5 * HOUR


def test_an_association_is_modifying_then_active():
    fake, client = world(snapshot_schedule_update_seconds=120)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="twice")
    assert shown(client)["SnapshotScheduleState"] == "MODIFYING"
    assert associated(client, "twice")[0]["ScheduleAssociationState"] == "MODIFYING"
    refused(fake, lambda: client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", DisassociateSchedule=True),
            "InvalidClusterSnapshotScheduleState", "The snapshot schedule association of cluster c1 is being modified.")
    fake.clock.advance(120)
    assert shown(client)["SnapshotScheduleState"] == "ACTIVE"
    # A disassociation is asynchronous too: modifying, then gone.
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="twice",
                                            DisassociateSchedule=True)
    assert shown(client) == {"SnapshotScheduleIdentifier": "twice", "SnapshotScheduleState": "MODIFYING"}
    fake.clock.advance(120)
    assert shown(client) == {}
    assert associated(client, "twice") == []


def test_a_cluster_that_cannot_take_the_snapshot_is_pending():
    fake, client = world(cluster_deletion_seconds=60)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="twice")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert shown(client)["ExpectedNextSnapshotScheduleTimeStatus"] == "Pending"


def test_no_expected_time_without_automated_snapshots():
    _, client = world()
    make_cluster(client, "c2", AutomatedSnapshotRetentionPeriod=0)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c2", ScheduleIdentifier="twice")
    assert shown(client, "c2") == {"SnapshotScheduleIdentifier": "twice", "SnapshotScheduleState": "ACTIVE"}


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"ClusterIdentifier": "nope", "ScheduleIdentifier": "twice"}, "ClusterNotFound", "Cluster nope not found."),
        ({"ClusterIdentifier": "c1", "ScheduleIdentifier": "nope"}, "SnapshotScheduleNotFound",
         "Snapshot schedule nope not found."),
        ({"ClusterIdentifier": "c1"}, "InvalidParameterCombination",
         "Either ScheduleIdentifier or DisassociateSchedule must be specified."),
        ({"ClusterIdentifier": "c1", "DisassociateSchedule": False}, "InvalidParameterCombination", None),
        ({"ClusterIdentifier": "c1", "DisassociateSchedule": True}, "InvalidClusterSnapshotScheduleState",
         "Cluster c1 is not associated with a snapshot schedule."),
        ({"ClusterIdentifier": "c1", "DisassociateSchedule": True, "ScheduleIdentifier": "nope"},
         "SnapshotScheduleNotFound", None),
    ],
)
def test_modify_cluster_snapshot_schedule_refuses(params, code, message):
    fake, client = world()
    refused(fake, lambda: client.modify_cluster_snapshot_schedule(**params), code, message)


def test_disassociating_another_schedule_is_refused():
    fake, client = world()
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="twice")
    refused(fake, lambda: client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="daily",
                                                                   DisassociateSchedule=True),
            "InvalidClusterSnapshotScheduleState", "Cluster c1 is not associated with snapshot schedule daily.")


def test_a_deleted_cluster_leaves_its_schedule_free():
    _, client = world()
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="twice")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert associated(client, "twice") == []
    client.delete_snapshot_schedule(ScheduleIdentifier="twice")
