"""Tests of the night pauser (night_pauser.py) against redshift-fake, driven by
the fake's clock: the job runs every quarter of an hour through a night, a
weekend, clusters that take minutes to pause, clusters busy changing, and
clusters Amazon Redshift refuses to pause."""

from __future__ import annotations

import datetime

import pytest

import night_pauser
import redshift_fake
from redshift_fake import mock_boto3

UTC = datetime.timezone.utc
MONDAY_EVENING = datetime.datetime(2030, 1, 7, 18, 0, tzinfo=UTC)
SCHEDULED = [{"Key": "night-pauser", "Value": "office-hours"}]


def never_used(cluster, now):
    return True


def make(client, name, tags=SCHEDULED, **members):
    client.create_cluster(ClusterIdentifier=name, NodeType="dc2.large", MasterUsername="admin",
                          MasterUserPassword="Secret123", Tags=tags, **members)


def statuses(client):
    return {c["ClusterIdentifier"]: c["ClusterStatus"] for c in client.describe_clusters()["Clusters"]}


def every_quarter(fake, client, until, **options):
    """Runs the job every 15 minutes on the fake's clock up to `until`; what
    each run paused and resumed, by time."""
    done = []
    while fake.clock.now() < until:
        fake.clock.advance(datetime.timedelta(minutes=15))
        report = night_pauser.run(client, now=fake.clock.now(), is_idle=never_used, **options)
        if report.paused or report.resumed:
            done.append((fake.clock.now().strftime("%a %H:%M"), report.paused, report.resumed))
    return done


@pytest.fixture
def fake():
    fake = redshift_fake.FakeRedshift()
    fake.clock.set(MONDAY_EVENING)
    return fake


@pytest.fixture
def client(fake):
    return fake.client("eu-west-1")


def test_a_night_pauses_at_seven_and_resumes_at_seven(fake, client):
    make(client, "analytics")
    make(client, "reporting")
    make(client, "always-on", tags=[])  # not scheduled
    done = every_quarter(fake, client, MONDAY_EVENING + datetime.timedelta(hours=14))
    assert done == [
        ("Mon 19:00", ["analytics", "reporting"], []),
        ("Tue 07:00", [], ["analytics", "reporting"]),
    ]
    assert statuses(client) == {"analytics": "available", "reporting": "available", "always-on": "available"}
    # What it paused was marked, and unmarked on resume.
    tags = client.describe_tags(ResourceType="cluster")["TaggedResources"]
    assert {t["Tag"]["Key"] for t in tags} == {"night-pauser"}


def test_a_weekend_stays_paused_until_monday(fake, client):
    fake.clock.set(datetime.datetime(2030, 1, 11, 18, 0, tzinfo=UTC))  # Friday evening
    make(client, "analytics")
    done = every_quarter(fake, client, datetime.datetime(2030, 1, 14, 8, 0, tzinfo=UTC))
    assert done == [("Fri 19:00", ["analytics"], []), ("Mon 07:00", [], ["analytics"])]


def test_busy_kept_awake_in_use_and_unpausable_clusters_are_left_alone(fake, client):
    make(client, "idle")
    make(client, "kept", tags=SCHEDULED + [{"Key": "night-pauser:keep-awake", "Value": "quarter-end"}])
    make(client, "busy-querying")
    make(client, "no-backups", AutomatedSnapshotRetentionPeriod=0)
    fake.clock.set(MONDAY_EVENING + datetime.timedelta(hours=2))
    report = night_pauser.run(client, now=fake.clock.now(),
                              is_idle=lambda cluster, now: cluster["ClusterIdentifier"] != "busy-querying")
    assert report.paused == ["idle"]
    assert report.kept_awake == ["kept"]
    assert report.in_use == ["busy-querying"]
    assert report.cannot_pause == ["no-backups"]  # AWS refuses clusters without automated snapshots
    assert statuses(client)["no-backups"] == "available"
    # The refused call changed nothing; the job carried on.
    assert [(c.operation_name, c.error_code) for c in fake.calls if c.operation_name == "PauseCluster"] == [
        ("PauseCluster", None), ("PauseCluster", "UnsupportedOperation")]


def test_a_cluster_busy_changing_is_left_for_the_next_run():
    fake = redshift_fake.FakeRedshift(cluster_resizing_seconds=2700)
    fake.clock.set(MONDAY_EVENING)
    client = fake.client()
    make(client, "growing", NumberOfNodes=2)
    fake.clock.advance(datetime.timedelta(minutes=45))
    client.resize_cluster(ClusterIdentifier="growing", NumberOfNodes=4)  # until 19:30
    done = every_quarter(fake, client, MONDAY_EVENING + datetime.timedelta(hours=2))
    # Resizing at 19:00 and 19:15; the run after it ended paused it.
    assert done == [("Mon 19:30", ["growing"], [])]


def test_a_cluster_that_takes_minutes_to_pause():
    fake = redshift_fake.FakeRedshift(cluster_pausing_seconds=600, cluster_resuming_seconds=600)
    fake.clock.set(MONDAY_EVENING)
    client = fake.client()
    make(client, "slow")
    done = every_quarter(fake, client, MONDAY_EVENING + datetime.timedelta(hours=2))
    assert done == [("Mon 19:00", ["slow"], [])]  # the run at 19:15 saw it pausing and let it be
    assert statuses(client) == {"slow": "paused"}
    fake.clock.set(datetime.datetime(2030, 1, 8, 6, 59, tzinfo=UTC))
    every_quarter(fake, client, datetime.datetime(2030, 1, 8, 7, 5, tzinfo=UTC))
    assert statuses(client) == {"slow": "resuming"}
    fake.clock.advance(600)
    assert statuses(client) == {"slow": "available"}


def test_a_cluster_someone_else_paused_stays_paused(fake, client):
    make(client, "mine")
    make(client, "theirs")
    client.pause_cluster(ClusterIdentifier="theirs")
    every_quarter(fake, client, MONDAY_EVENING + datetime.timedelta(hours=14))
    assert statuses(client) == {"mine": "available", "theirs": "paused"}


def test_the_job_waits_with_a_waiter_of_its_own(fake, client):
    make(client, "analytics")
    fake.clock.set(MONDAY_EVENING + datetime.timedelta(hours=3))
    report = night_pauser.run(client, now=fake.clock.now(), is_idle=never_used, wait=True)
    assert report.paused == ["analytics"]
    assert fake.calls[-1].operation_name == "DescribeClusters"  # the waiter's poll saw it paused


def test_a_dry_run_changes_nothing(fake, client):
    make(client, "analytics")
    fake.clock.set(MONDAY_EVENING + datetime.timedelta(hours=3))
    report = night_pauser.run(client, now=fake.clock.now(), is_idle=never_used, dry_run=True)
    assert report.paused == ["analytics"] and statuses(client) == {"analytics": "available"}


def test_office_hours_in_another_time_zone(fake, client):
    make(client, "tokyo")
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    hours = night_pauser.OfficeHours(tz=tokyo)
    # Monday 18:00 UTC is Tuesday 03:00 in Tokyo: night there.
    report = night_pauser.run(client, now=fake.clock.now(), hours=hours, is_idle=never_used)
    assert report.paused == ["tokyo"]


def test_main_finds_the_clusters_through_boto3(fake, monkeypatch):
    client = fake.client("eu-west-1")
    make(client, "analytics")
    monkeypatch.setattr(night_pauser, "cloudwatch_idle", lambda cloudwatch: never_used)
    with mock_boto3(fake):
        report = night_pauser.main(["--region", "eu-west-1", "--dry-run"])
    # main() reads the real time: whatever it is, the cluster is either paused or in office hours.
    assert report.paused in ([], ["analytics"]) and report.resumed == []
