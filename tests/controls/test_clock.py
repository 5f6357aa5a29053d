"""The world's clock and the timed transitions it drives."""

import datetime

import pytest

import redshift_fake

UTC = datetime.timezone.utc


def test_clock_follows_the_system_clock_until_set(fake):
    before = datetime.datetime.now(UTC)
    now = fake.clock.now()
    assert before - datetime.timedelta(milliseconds=1) < now <= datetime.datetime.now(UTC)
    assert now.microsecond % 1000 == 0, "AWS's timestamps have millisecond precision"
    assert not fake.clock.is_fixed


def test_set_and_advance(fake):
    # To the millisecond, AWS's precision.
    fake.clock.set(datetime.datetime(2024, 1, 2, 3, 4, 5, 6789, tzinfo=UTC))
    assert fake.clock.now() == datetime.datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
    fake.clock.advance(1.5)
    fake.clock.advance(datetime.timedelta(days=1, microseconds=999))
    assert fake.clock.now() == datetime.datetime(2024, 1, 3, 3, 4, 6, 506000, tzinfo=UTC)
    fake.clock.set(datetime.datetime(2024, 1, 1))  # naive is UTC
    assert fake.clock.now() == datetime.datetime(2024, 1, 1, tzinfo=UTC)


def test_clock_rejects_bad_input(fake):
    with pytest.raises(ValueError):
        fake.clock.advance(-1)
    with pytest.raises(TypeError):
        fake.clock.set("2024-01-01")
    with pytest.raises(TypeError):
        fake.clock.advance("1")


def test_timestamps_read_the_clock(client, fake, cluster):
    fake.clock.set(datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC))
    snap = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)["Snapshot"]
    assert snap["SnapshotCreateTime"] == datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)


def test_world_rejects_bad_durations():
    with pytest.raises(ValueError):
        redshift_fake.FakeRedshift(snapshot_creation_seconds=-1)
