"""Waiters: botocore's own Waiter, polling on the world's clock instead of sleeping.

Where a waiter fails, the same replies are replayed through a real botocore
client (stubbed, no network) and the two WaiterErrors must read the same.
"""

from __future__ import annotations

import datetime
import threading
import time

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError, WaiterError
from botocore.stub import Stubber
from botocore.waiter import Waiter

import redshift_fake
from conftest import no_sleep
from redshift_fake import _core

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
OPERATIONS = set(_core.OPERATIONS)


def real_client():
    return boto3.client("redshift", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")


def world(**timings):
    """A world whose clock stands at T0, and a client of it."""
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=1000, **timings)
    fake.clock.set(T0)
    return fake, fake.client()


def make_cluster(client, identifier="c1"):
    client.create_cluster(
        ClusterIdentifier=identifier, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )


def seconds_since_t0(fake):
    return (fake.clock.now() - T0).total_seconds()


def record(client, method):
    """Replaces `client.<method>` by one that records each reply (a response or a ClientError)."""
    replies = []
    original = getattr(client, method)

    def recording(**kwargs):
        try:
            response = original(**kwargs)
        except ClientError as e:
            replies.append(e)
            raise
        replies.append(response)
        return response

    setattr(client, method, recording)
    return replies


def botocore_failure(waiter_name, method, replies, **kwargs):
    """The WaiterError botocore's own waiter raises when the service answers with `replies`."""
    real = real_client()
    with Stubber(real) as stub:
        for reply in replies:
            if isinstance(reply, ClientError):
                error = reply.response["Error"]
                status = reply.response["ResponseMetadata"]["HTTPStatusCode"]
                stub.add_client_error(method, error["Code"], error["Message"], status)
            else:
                stub.add_response(method, reply)
        config = dict(kwargs.pop("WaiterConfig", {}), Delay=0)
        with pytest.raises(WaiterError) as e:
            real.get_waiter(waiter_name).wait(WaiterConfig=config, **kwargs)
    return e.value


def test_waiter_names_are_boto3s_for_implemented_operations():
    _fake, client = world()
    real = real_client()
    expected = [n for n in real.waiter_names if real.get_waiter(n).config.operation in OPERATIONS]
    assert client.waiter_names == expected
    assert client.waiter_names == ["cluster_available", "cluster_deleted", "cluster_restored", "snapshot_available"]


def test_unknown_waiter_is_boto3s_value_error():
    _fake, client = world()
    with pytest.raises(ValueError) as real:
        real_client().get_waiter("nope")
    with pytest.raises(ValueError) as ours:
        client.get_waiter("nope")
    assert str(ours.value) == str(real.value) == "Waiter does not exist: nope"


def test_waiters_are_botocores_with_the_models_settings():
    _fake, client = world()
    waiter = client.get_waiter("snapshot_available")
    real = real_client().get_waiter("snapshot_available")
    assert isinstance(waiter, Waiter)
    assert type(waiter).__name__ == type(real).__name__ == "Redshift.Waiter.SnapshotAvailable"
    assert waiter.name == "SnapshotAvailable"
    assert (waiter.config.delay, waiter.config.max_attempts) == (15, 20)
    assert waiter.config.operation == "DescribeClusterSnapshots"
    assert "WaiterConfig" in str(waiter.wait.__doc__)
    cluster = client.get_waiter("cluster_available")
    assert (cluster.config.delay, cluster.config.max_attempts) == (60, 30)


def test_a_15_second_delay_costs_no_wall_time(monkeypatch):
    fake, client = world(snapshot_creation_seconds=285)
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    waiter = client.get_waiter("snapshot_available")
    assert waiter.config.delay == 15

    monkeypatch.setattr(time, "sleep", no_sleep)
    waiter.wait(SnapshotIdentifier="s1")
    # 19 pauses of 15 seconds on the world's clock: the 20th and last attempt succeeds.
    assert seconds_since_t0(fake) == 285
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Status"] == "available"


def test_an_available_snapshot_needs_no_wait():
    fake, client = world()
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.get_waiter("snapshot_available").wait(SnapshotIdentifier="s1")
    assert fake.clock.now() == T0


def test_snapshot_available_by_cluster_needs_every_snapshot_of_it():
    fake, client = world(snapshot_creation_seconds=60)
    make_cluster(client)  # its automated snapshot is ready at T0 + 60
    fake.clock.advance(60)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")  # ready at T0 + 120
    fake.clock.advance(30)
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")  # ready at T0 + 150
    client.get_waiter("snapshot_available").wait(ClusterIdentifier="c1")
    assert seconds_since_t0(fake) == 150
    statuses = [s["Status"] for s in client.describe_cluster_snapshots(ClusterIdentifier="c1")["Snapshots"]]
    assert statuses == ["available"] * 3


def test_waiter_config_sets_delay_and_attempts():
    fake, client = world(snapshot_creation_seconds=60)
    make_cluster(client)
    fake.clock.advance(60)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    replies = record(client, "describe_cluster_snapshots")
    config = {"Delay": 7, "MaxAttempts": 3}
    with pytest.raises(WaiterError) as e:
        client.get_waiter("snapshot_available").wait(SnapshotIdentifier="s1", WaiterConfig=config)
    assert str(e.value) == "Waiter SnapshotAvailable failed: Max attempts exceeded"
    assert seconds_since_t0(fake) == 60 + 2 * 7
    assert len(replies) == 3
    assert e.value.last_response["Snapshots"][0]["Status"] == "creating"
    real = botocore_failure("snapshot_available", "describe_cluster_snapshots", replies, SnapshotIdentifier="s1",
                            WaiterConfig=config)
    assert str(e.value) == str(real)
    assert e.value.kwargs == real.kwargs


def test_snapshot_available_fails_on_a_snapshot_that_is_gone():
    fake, client = world()
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    replies = record(client, "describe_cluster_snapshots")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("snapshot_available").wait(SnapshotIdentifier="s1")
    assert str(e.value) == (
        "Waiter SnapshotAvailable failed: An error occurred (ClusterSnapshotNotFound): Snapshot s1 not found."
    )
    assert fake.clock.now() == T0
    real = botocore_failure("snapshot_available", "describe_cluster_snapshots", replies, SnapshotIdentifier="s1")
    assert str(e.value) == str(real)


def test_snapshot_available_by_cluster_fails_on_a_failed_snapshot():
    """SPEC section 7: with only ClusterIdentifier, one failed snapshot of the
    cluster among available ones ends the wait at once."""
    fake, client = world()
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")
    fake.set_snapshot_status("s1", "failed")
    replies = record(client, "describe_cluster_snapshots")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("snapshot_available").wait(ClusterIdentifier="c1")
    assert str(e.value) == (
        "Waiter SnapshotAvailable failed: Waiter encountered a terminal failure state: "
        'For expression "Snapshots[].Status" we matched expected path: "failed" at least once'
    )
    assert len(replies) == 1 and fake.clock.now() == T0
    real = botocore_failure("snapshot_available", "describe_cluster_snapshots", replies, ClusterIdentifier="c1")
    assert str(e.value) == str(real)


def test_snapshot_available_by_cluster_fails_on_a_deleted_snapshot():
    """A snapshot being deleted is listed as `deleted` by AWS for a moment; the
    fake removes it at once, so that reply is doctored here."""
    _fake, client = world()
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")
    describe = client.describe_cluster_snapshots

    def one_deleted(**kwargs):
        response = describe(**kwargs)
        response["Snapshots"][1]["Status"] = "deleted"
        return response

    client.describe_cluster_snapshots = one_deleted
    replies = record(client, "describe_cluster_snapshots")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("snapshot_available").wait(ClusterIdentifier="c1")
    assert str(e.value) == (
        "Waiter SnapshotAvailable failed: Waiter encountered a terminal failure state: "
        'For expression "Snapshots[].Status" we matched expected path: "deleted" at least once'
    )
    real = botocore_failure("snapshot_available", "describe_cluster_snapshots", replies, ClusterIdentifier="c1")
    assert str(e.value) == str(real)


def test_cluster_available_waits_out_the_creation(monkeypatch):
    fake, client = world(cluster_creation_seconds=300)
    make_cluster(client)
    monkeypatch.setattr(time, "sleep", no_sleep)
    client.get_waiter("cluster_available").wait(ClusterIdentifier="c1")
    assert seconds_since_t0(fake) == 300
    assert client.describe_clusters(ClusterIdentifier="c1")["Clusters"][0]["ClusterStatus"] == "available"


def test_cluster_available_retries_a_missing_cluster_until_attempts_run_out():
    fake, client = world()
    replies = record(client, "describe_clusters")
    config = {"MaxAttempts": 3}
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_available").wait(ClusterIdentifier="nope", WaiterConfig=config)
    assert str(e.value) == (
        "Waiter ClusterAvailable failed: Max attempts exceeded. "
        "Previously accepted state: Matched expected service error code: ClusterNotFound"
    )
    assert seconds_since_t0(fake) == 2 * 60
    real = botocore_failure("cluster_available", "describe_clusters", replies, ClusterIdentifier="nope",
                            WaiterConfig=config)
    assert str(e.value) == str(real)


def test_cluster_available_fails_on_a_deleting_cluster():
    fake, client = world(cluster_deletion_seconds=600)
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    replies = record(client, "describe_clusters")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_available").wait(ClusterIdentifier="c1")
    assert str(e.value) == (
        "Waiter ClusterAvailable failed: Waiter encountered a terminal failure state: "
        'For expression "Clusters[].ClusterStatus" we matched expected path: "deleting" at least once'
    )
    assert fake.clock.now() == T0
    real = botocore_failure("cluster_available", "describe_clusters", replies, ClusterIdentifier="c1")
    assert str(e.value) == str(real)


def test_cluster_deleted_waits_out_the_deletion():
    fake, client = world(cluster_deletion_seconds=150)
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")
    assert seconds_since_t0(fake) == 180  # polls at 0, 60, 120 see `deleting`
    with pytest.raises(client.exceptions.ClusterNotFoundFault):
        client.describe_clusters(ClusterIdentifier="c1")


def test_cluster_deleted_at_once_when_deletion_takes_no_time():
    fake, client = world()
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")
    assert fake.clock.now() == T0


def test_cluster_deleted_fails_on_a_creating_cluster():
    _fake, client = world(cluster_creation_seconds=300)
    make_cluster(client)
    replies = record(client, "describe_clusters")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")
    assert 'we matched expected path: "creating" at least once' in str(e.value)
    real = botocore_failure("cluster_deleted", "describe_clusters", replies, ClusterIdentifier="c1")
    assert str(e.value) == str(real)


def test_cluster_deleted_succeeds_only_on_cluster_not_found():
    _fake, client = world()
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    replies = record(client, "describe_clusters")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1", MaxRecords=5)
    assert str(e.value) == (
        "Waiter ClusterDeleted failed: An error occurred (InvalidParameterValue): "
        "The value for MaxRecords must be between 20 and 100."
    )
    real = botocore_failure("cluster_deleted", "describe_clusters", replies, ClusterIdentifier="c1", MaxRecords=5)
    assert str(e.value) == str(real)


def test_cluster_deleted_reads_the_error_code_not_the_shape_name():
    """SPEC section 7: the waiter succeeds on the exact code `ClusterNotFound`,
    and on nothing else (the shape name `ClusterNotFoundFault` is no code)."""
    fake, client = world()
    make_cluster(client)
    fake.inject_error("DescribeClusters", "ClusterNotFoundFault", message="gone")
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")
    assert str(e.value) == "Waiter ClusterDeleted failed: An error occurred (ClusterNotFoundFault): gone"
    fake.inject_error("DescribeClusters", "ClusterNotFound", message="Cluster c1 not found.")
    client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")
    assert fake.clock.now() == T0


def test_cluster_restored_on_a_cluster_never_restored_runs_out_of_attempts():
    fake, client = world()
    make_cluster(client)
    with pytest.raises(WaiterError) as e:
        client.get_waiter("cluster_restored").wait(ClusterIdentifier="c1", WaiterConfig={"MaxAttempts": 2})
    assert str(e.value) == "Waiter ClusterRestored failed: Max attempts exceeded"
    assert seconds_since_t0(fake) == 60


def test_cluster_restored_fails_on_a_deleting_cluster():
    _fake, client = world(cluster_deletion_seconds=600)
    make_cluster(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    with pytest.raises(WaiterError, match='matched expected path: "deleting" at least once'):
        client.get_waiter("cluster_restored").wait(ClusterIdentifier="c1")


def test_cluster_restored_waits_for_the_restore():
    fake, client = world(cluster_creation_seconds=120)
    make_cluster(client)
    fake.clock.advance(120)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.restore_from_cluster_snapshot(ClusterIdentifier="r1", SnapshotIdentifier="s1")
    client.get_waiter("cluster_restored").wait(ClusterIdentifier="r1")
    # Polls at 0 and 60 s into the restore see it still running; the one at 120 s sees it done.
    assert seconds_since_t0(fake) == 120 + 120
    restored = client.describe_clusters(ClusterIdentifier="r1")["Clusters"][0]
    assert restored["RestoreStatus"]["Status"] == "completed"


def test_waiter_parameters_are_validated_like_boto3():
    fake, client = world()
    with pytest.raises(ParamValidationError) as ours:
        client.get_waiter("snapshot_available").wait(Foo=1, SnapshotIdentifier=2)
    # botocore validates before anything is sent: the real client needs no network here.
    with pytest.raises(ParamValidationError) as theirs:
        real_client().get_waiter("snapshot_available").wait(Foo=1, SnapshotIdentifier=2)
    assert str(ours.value) == str(theirs.value)
    assert 'Unknown parameter in input: "Foo"' in str(ours.value)
    assert fake.clock.now() == T0


def test_a_waiter_that_waits_takes_over_a_running_clock():
    fake = redshift_fake.FakeRedshift(snapshot_creation_seconds=30)
    client = fake.client()
    make_cluster(client)
    assert not fake.clock.is_fixed
    # The clock reads the system clock to the millisecond.
    before = datetime.datetime.now(UTC) - datetime.timedelta(milliseconds=1)
    client.get_waiter("snapshot_available").wait(ClusterIdentifier="c1")
    assert fake.clock.is_fixed
    assert fake.clock.now() >= before + datetime.timedelta(seconds=30)


def test_concurrent_waits_on_separate_worlds_keep_their_own_time():
    results = {}

    def run(seconds):
        fake, client = world(snapshot_creation_seconds=seconds)
        make_cluster(client)
        config = {"Delay": 5, "MaxAttempts": 100}
        client.get_waiter("snapshot_available").wait(ClusterIdentifier="c1", WaiterConfig=config)
        results[seconds] = seconds_since_t0(fake)

    threads = [threading.Thread(target=run, args=(s,)) for s in (10, 50, 100, 200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {10: 10, 50: 50, 100: 100, 200: 200}
