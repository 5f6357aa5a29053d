"""Automated snapshots on the clock: AWS's default cadence or the cluster's
snapshot schedule, retention, and the latest kept (Management Guide,
"Automated snapshots")."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import make_cluster

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)


def world(**settings):
    fake = redshift_fake.FakeRedshift(**settings)
    fake.clock.set(T0)
    return fake, fake.client()


def automated(client, cluster="c1"):
    pages = client.get_paginator("describe_cluster_snapshots").paginate(
        ClusterIdentifier=cluster, SnapshotType="automated"
    )
    return [s["SnapshotCreateTime"] for s in pages.build_full_result()["Snapshots"]]


@pytest.mark.parametrize("days", [1, 3, 7])
def test_a_week_on_the_default_cadence(days):
    """Every eight hours (doc: "approximately every eight hours or following
    every 5 GB per node of data changes"; the fake's data does not change),
    each kept for the cluster's retention period."""
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=days)
    fake.clock.advance(WEEK)
    week = 7 * 3
    assert automated(client) == [T0 + i * 8 * HOUR for i in range(week - 3 * days + 1, week + 1)]


def test_a_week_on_a_schedule():
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=3)
    client.create_snapshot_schedule(ScheduleIdentifier="s", ScheduleDefinitions=["cron(30 6,18 *)"])
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="s")
    fake.clock.advance(WEEK)
    assert automated(client) == [T0 + d * DAY + h * HOUR for d in (4, 5, 6) for h in (6.5, 18.5)]
    snapshot = client.describe_cluster_snapshots(ClusterIdentifier="c1", SnapshotType="automated")["Snapshots"][-1]
    assert snapshot["SnapshotIdentifier"] == "rs:c1-2030-01-07-18-30-00"
    assert snapshot["Status"] == "available"


def test_each_snapshot_is_taken_at_its_own_time_when_time_jumps():
    fake, client = world(snapshot_creation_seconds=600)
    make_cluster(client, AutomatedSnapshotRetentionPeriod=2)
    fake.clock.advance(2 * DAY + 9 * HOUR)
    snapshots = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [(s["SnapshotCreateTime"], s["Status"], s["ElapsedTimeInSeconds"]) for s in snapshots] == [
        (T0 + i * 8 * HOUR, "available", 600) for i in range(2, 8)
    ]


def test_without_a_retention_period_no_snapshot_is_taken():
    fake, client = world()
    make_cluster(client, AutomatedSnapshotRetentionPeriod=0)
    fake.clock.advance(WEEK)
    assert automated(client) == []


def test_a_cluster_being_created_takes_none_until_available():
    fake, client = world(cluster_creation_seconds=20 * 3600)
    make_cluster(client)
    fake.clock.advance(20 * HOUR - datetime.timedelta(seconds=1))
    assert automated(client) == []
    fake.clock.advance(datetime.timedelta(seconds=1) + 8 * HOUR)
    assert automated(client) == [T0 + 20 * HOUR, T0 + 28 * HOUR]


def test_the_latest_automated_snapshot_is_kept_past_its_period():
    """Doc: "Amazon Redshift retains the latest automated snapshot until you
    disable automated snapshots or delete the cluster"."""
    fake, client = world()
    make_cluster(client)
    client.create_snapshot_schedule(ScheduleIdentifier="once", ScheduleDefinitions=["cron(0 0 2 1 ? 2030)"])
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="once")
    fake.clock.advance(10 * DAY)
    assert automated(client) == [T0 + DAY]
    # A newer one, and the older goes at once.
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", DisassociateSchedule=True)
    fake.clock.advance(8 * HOUR)
    assert automated(client) == [T0 + 10 * DAY + 8 * HOUR]
    # With the cluster gone, so are its automated snapshots.
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert automated(client) == []


def test_each_cluster_keeps_its_own_cadence():
    fake, client = world()
    make_cluster(client, "c1")
    fake.clock.advance(HOUR)
    make_cluster(client, "c2")
    fake.clock.advance(8 * HOUR)
    assert automated(client, "c1") == [T0, T0 + 8 * HOUR]
    assert automated(client, "c2") == [T0 + HOUR, T0 + 9 * HOUR]
    west = fake.client("us-west-2")
    make_cluster(west)
    fake.clock.advance(8 * HOUR)
    assert automated(west) == [T0 + 9 * HOUR, T0 + 17 * HOUR]


def test_automated_snapshots_can_be_copied_to_manual_ones(client, cluster):
    client.fake.clock.advance(8 * HOUR)
    (latest,) = [
        s["SnapshotIdentifier"]
        for s in client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"][-1:]
    ]
    copied = client.copy_cluster_snapshot(SourceSnapshotIdentifier=latest, TargetSnapshotIdentifier="kept")
    assert copied["Snapshot"]["SnapshotType"] == "manual"
