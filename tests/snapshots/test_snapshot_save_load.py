"""Save and load keep schedules, associations, copy settings and copies,
grants, table restores and declared tables, and the loaded world runs on."""

from __future__ import annotations

import datetime

import redshift_fake
from conftest import make_cluster

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)


def test_a_world_of_schedules_copies_and_restores_saves_and_loads(tmp_path):
    fake = redshift_fake.FakeRedshift(table_restore_seconds=600, snapshot_schedule_update_seconds=60)
    fake.clock.set(T0)
    client, west = fake.client(), fake.client("us-west-2")
    make_cluster(client, Encrypted=True)
    west.create_snapshot_copy_grant(SnapshotCopyGrantName="g1", Tags=[{"Key": "k", "Value": "v"}])
    client.enable_snapshot_copy(ClusterIdentifier="c1", DestinationRegion="us-west-2", SnapshotCopyGrantName="g1")
    client.create_snapshot_schedule(ScheduleIdentifier="s", ScheduleDefinitions=["rate(6 hours)"])
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="s")
    client.create_cluster_snapshot(SnapshotIdentifier="m1", ClusterIdentifier="c1")
    fake.add_snapshot_tables("m1", [("dev", "public", "t")])
    client.restore_table_from_cluster_snapshot(ClusterIdentifier="c1", SnapshotIdentifier="m1",
                                               SourceDatabaseName="dev", SourceTableName="t", NewTableName="t2")
    fake.save(tmp_path / "world.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "world.json")
    loaded.save(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text() == (tmp_path / "world.json").read_text()
    # It runs on as the original does.
    for world in (fake, loaded):
        world.clock.advance(datetime.timedelta(hours=13))
    for region in ("us-east-1", "us-west-2"):
        for method in ("describe_cluster_snapshots", "describe_clusters", "describe_table_restore_status",
                       "describe_snapshot_schedules", "describe_snapshot_copy_grants"):
            answers = [getattr(w.client(region), method)() for w in (fake, loaded)]
            for a in answers:
                a.pop("ResponseMetadata")
            assert answers[0] == answers[1], (region, method)
    restores = loaded.client().describe_table_restore_status()["TableRestoreStatusDetails"]
    assert [r["Status"] for r in restores] == ["SUCCEEDED"]
    schedule = loaded.client().describe_snapshot_schedules()["SnapshotSchedules"][0]
    assert schedule["AssociatedClusters"] == [{"ClusterIdentifier": "c1", "ScheduleAssociationState": "ACTIVE"}]
    copies = loaded.client("us-west-2").describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [s["SnapshotCreateTime"].hour for s in copies] == [6, 12]


def test_reset_empties_them_too():
    fake = redshift_fake.FakeRedshift()
    client = fake.client()
    client.create_snapshot_schedule(ScheduleIdentifier="s", ScheduleDefinitions=["rate(6 hours)"])
    client.create_snapshot_copy_grant(SnapshotCopyGrantName="g1")
    fake.reset()
    assert client.describe_snapshot_schedules()["SnapshotSchedules"] == []
    assert client.describe_snapshot_copy_grants()["SnapshotCopyGrants"] == []
