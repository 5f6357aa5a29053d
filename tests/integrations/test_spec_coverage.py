"""SPEC section 7, "How real tools drive the client": each fact, driven the way
widely used infrastructure tools drive boto3, through `mock_boto3` clients
made in worker threads. Rules with a home of their own are tested there
(waiters in tests/doors/test_waiters.py, seeding in tests/controls/test_controls.py); this file holds the
ones that cut across the client, the patch and the engine.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import logging
import threading
from typing import Any, Callable

import boto3
import botocore.session
import pytest
from boto3 import client as boto3_client  # as tools import them: at import time, before any patch
from boto3.session import Session
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.paginate import PageIterator

from redshift_fake import FakeRedshift, RedshiftClient, mock_boto3

UTC = datetime.timezone.utc
NEW_CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}
OTHER_ACCOUNT = "210987654321"


@pytest.fixture(autouse=True)
def clean_environment(clean_aws_environment):
    """Every test here runs without the machine's AWS settings."""


@pytest.fixture
def fake() -> FakeRedshift:
    return FakeRedshift(manual_snapshot_quota=1000)


def in_thread(make: Callable[[], Any]) -> Any:
    """Runs `make` in a worker thread, as tools create their clients."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(make).result()


def tool_client(fake: FakeRedshift, region: str = "us-east-1") -> Any:
    """A client made the way a tool makes it, in a worker thread, under mock_boto3."""
    with mock_boto3(fake):
        return in_thread(lambda: boto3.client("redshift", region_name=region))


# ---- clients are made every way boto3 allows -------------------------------------------

WAYS: dict[str, Callable[[], Any]] = {
    "positional-region": lambda: boto3.client("redshift", "eu-west-1"),
    "region_name": lambda: boto3.client("redshift", region_name="eu-west-1"),
    "imported-boto3.client": lambda: boto3_client("redshift", region_name="eu-west-1"),
    "service_name": lambda: boto3.client(service_name="redshift", region_name="eu-west-1"),
    "extra-keywords": lambda: boto3.client(
        "redshift",
        region_name="eu-west-1",
        endpoint_url=None,
        verify=None,
        use_ssl=True,
        config=Config(retries={"max_attempts": 10, "mode": "adaptive"}, connect_timeout=5),
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="secret",
        aws_session_token=None,
    ),
    "config-region": lambda: boto3.client("redshift", config=Config(region_name="eu-west-1")),
    "imported-Session": lambda: Session(region_name="eu-west-1").client("redshift"),
    "imported-Session-keywords": lambda: Session().client(
        service_name="redshift", region_name="eu-west-1", endpoint_url=None, config=Config(user_agent_extra="tool")
    ),
    "imported-Session-credentials": lambda: Session(
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="secret", region_name="eu-west-1"
    ).client("redshift"),
    "default-session": lambda: (boto3.setup_default_session(region_name="eu-west-1"), boto3.client("redshift"))[1],
    "botocore-session": lambda: botocore.session.get_session().create_client("redshift", region_name="eu-west-1"),
}


@pytest.mark.parametrize("way", sorted(WAYS))
def test_clients_made_every_way_in_a_worker_thread_reach_the_world(fake, way):
    with mock_boto3(fake):
        client = in_thread(WAYS[way])
    assert isinstance(client, RedshiftClient)
    assert client.fake is fake
    assert client.meta.region_name == "eu-west-1"
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    assert [c["ClusterIdentifier"] for c in fake.client("eu-west-1").describe_clusters()["Clusters"]] == ["c1"]


def test_the_region_from_the_environment_reaches_a_worker_thread(fake, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    with mock_boto3(fake):
        made = in_thread(lambda: (boto3.client("redshift"), Session().client("redshift")))
    assert [c.meta.region_name for c in made] == ["ap-southeast-2", "ap-southeast-2"]
    assert all(c.fake is fake for c in made)


def test_an_account_key_selects_the_account_in_a_worker_thread(fake):
    with mock_boto3(fake):
        theirs = in_thread(
            lambda: boto3.client(
                "redshift", "us-east-1", aws_access_key_id=OTHER_ACCOUNT, aws_secret_access_key="x", verify=None
            )
        )
    theirs.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    assert fake.client().describe_clusters()["Clusters"] == []
    assert len(fake.client(account_id=OTHER_ACCOUNT).describe_clusters()["Clusters"]) == 1


def test_threads_started_before_the_patch_and_sessions_made_before_it_are_patched(fake):
    """The patch is on the method itself, process-wide: not a module attribute
    a tool imported earlier, not a thread-local."""
    session = Session(region_name="us-east-1")  # made before the patch
    make_client = Session(region_name="us-east-1").client  # a bound method taken before the patch
    go, made = threading.Event(), []

    def worker() -> None:
        go.wait(timeout=10)
        made.append(session.client("redshift"))
        made.append(Session(region_name="us-east-1").client("redshift"))
        made.append(make_client("redshift"))

    thread = threading.Thread(target=worker)
    thread.start()  # started before the patch
    with mock_boto3(fake):
        go.set()
        thread.join(timeout=10)
    assert [type(c) for c in made] == [RedshiftClient] * 3
    assert all(c.fake is fake for c in made)


# ---- paging goes through botocore's machinery --------------------------------------------


def test_a_tools_own_page_iterator_retries_a_throttled_page(fake):
    """A tool swaps in a PageIterator subclass of its own through the
    paginator's PAGE_ITERATOR_CLS, here one that retries throttled pages."""
    client = tool_client(fake)
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(45):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i:02d}", ClusterIdentifier="c1")

    class RetryPageIterator(PageIterator):
        retried: list[str] = []

        def _make_request(self, current_kwargs: dict[str, Any]) -> Any:
            for _ in range(3):
                try:
                    return super()._make_request(current_kwargs)
                except ClientError as e:
                    if e.response["Error"]["Code"] != "Throttling":
                        raise
                    RetryPageIterator.retried.append(current_kwargs.get("Marker", "first"))
            raise AssertionError("still throttled")

    assert client.can_paginate("describe_cluster_snapshots")
    paginator = client.get_paginator("describe_cluster_snapshots")
    paginator.PAGE_ITERATOR_CLS = RetryPageIterator
    fake.inject_error("DescribeClusterSnapshots", "Throttling", count=2)
    result = paginator.paginate(SnapshotType="manual", PaginationConfig={"PageSize": 20}).build_full_result()
    assert [s["SnapshotIdentifier"] for s in result["Snapshots"]] == [f"s{i:02d}" for i in range(45)]
    assert RetryPageIterator.retried == ["first", "first"]
    # Set on the class of one paginator, it stays there.
    type(paginator).PAGE_ITERATOR_CLS = RetryPageIterator
    assert client.get_paginator("describe_cluster_snapshots").PAGE_ITERATOR_CLS is PageIterator
    assert client.get_paginator("describe_clusters").PAGE_ITERATOR_CLS is PageIterator


# ---- errors: caught by the raising client's classes or by code, logged with str(e) -------


def test_errors_are_caught_by_class_or_code_and_str_is_botocores(fake, caplog):
    client = tool_client(fake)
    real = fake.botocore_client()  # a genuine botocore client of the same world
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    automated = client.describe_cluster_snapshots()["Snapshots"][0]["SnapshotIdentifier"]
    log = logging.getLogger("tool")
    calls = [
        ("ClusterSnapshotNotFoundFault", "ClusterSnapshotNotFound", {"SnapshotIdentifier": "nope"}),
        ("InvalidClusterSnapshotStateFault", "InvalidClusterSnapshotState", {"SnapshotIdentifier": automated}),
    ]
    for shape, code, kwargs in calls:
        with pytest.raises(getattr(client.exceptions, shape)) as caught:
            client.delete_cluster_snapshot(**kwargs)
        with pytest.raises(getattr(real.exceptions, shape)) as genuine:
            real.delete_cluster_snapshot(**kwargs)
        e = caught.value
        assert str(e) == str(genuine.value)
        try:
            client.delete_cluster_snapshot(**kwargs)
        except ClientError as again:
            assert again.response["Error"]["Code"] == code
            log.error("Could not delete %s: %s", kwargs["SnapshotIdentifier"], again)
        message = e.response["Error"]["Message"]
        assert caplog.records[-1].getMessage() == (
            f"Could not delete {kwargs['SnapshotIdentifier']}: "
            f"An error occurred ({code}) when calling the DeleteClusterSnapshot operation: {message}"
        )
    fake.inject_error("DeleteClusterSnapshot", "ThrottlingException")
    with pytest.raises(ClientError) as throttled:
        client.delete_cluster_snapshot(SnapshotIdentifier="nope")
    assert str(throttled.value) == (
        "An error occurred (ThrottlingException) when calling the DeleteClusterSnapshot operation: Rate exceeded"
    )


# ---- a delete routine polls describe until the snapshot is not found ---------------------


def delete_and_wait(client: Any, identifier: str, attempts: int = 5) -> int:
    """A tool's delete routine: delete, then poll describe until
    ClusterSnapshotNotFoundFault; the number of polls it took."""
    client.delete_cluster_snapshot(SnapshotIdentifier=identifier)
    for polls in range(1, attempts + 1):
        try:
            response = client.describe_cluster_snapshots(SnapshotIdentifier=identifier)
        except client.exceptions.ClusterSnapshotNotFoundFault:
            return polls
        assert response["Snapshots"], "an empty list instead of the error would never end the loop"
    raise AssertionError("the snapshot never went away")


def test_a_delete_routine_polling_describe_ends_on_not_found(fake):
    client = tool_client(fake)
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    client.create_cluster_snapshot(SnapshotIdentifier="Nightly-1", ClusterIdentifier="c1")
    assert delete_and_wait(client, "Nightly-1") == 1
    # Also for a snapshot whose cluster is gone, and under its type filter.
    client.create_cluster_snapshot(SnapshotIdentifier="orphan", ClusterIdentifier="c1")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert delete_and_wait(client, "orphan") == 1
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.describe_cluster_snapshots(SnapshotIdentifier="orphan", SnapshotType="manual")


# ---- the calls popular tools send -----------------------------------------------------------


def test_delete_cluster_with_skip_and_an_empty_final_identifier(fake):
    """A popular workflow tool sends exactly this call, then waits with cluster_deleted."""
    client = tool_client(fake)
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    response = client.delete_cluster(
        ClusterIdentifier="c1", SkipFinalClusterSnapshot=True, FinalClusterSnapshotIdentifier=""
    )
    assert response["Cluster"]["ClusterStatus"] == "deleting"
    client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1", WaiterConfig={"Delay": 30, "MaxAttempts": 3})
    assert client.describe_cluster_snapshots()["Snapshots"] == []  # no final snapshot, automated ones gone
    last = [c.operation_name for c in fake.calls][-3:]
    assert last == ["DeleteCluster", "DescribeClusters", "DescribeClusterSnapshots"]


def test_create_cluster_snapshot_with_indefinite_retention_and_no_tags(fake):
    client = tool_client(fake)
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    made = client.create_cluster_snapshot(
        SnapshotIdentifier="s1", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=-1, Tags=[]
    )["Snapshot"]
    assert (made["ManualSnapshotRetentionPeriod"], made["Tags"]) == (-1, [])
    client.get_waiter("snapshot_available").wait(SnapshotIdentifier="s1")
    (described,) = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]
    assert described["Status"] == "available" and "ManualSnapshotRemainingDays" not in described


# ---- age filters compare with the real now ------------------------------------------------


def test_a_tools_age_filter_sees_seeded_past_snapshots_while_the_clock_follows_now(fake):
    for age in (2, 45, 400):
        fake.seed_snapshot(
            SnapshotIdentifier=f"age-{age}",
            ClusterIdentifier="c1",
            SnapshotCreateTime=datetime.datetime.now(UTC) - datetime.timedelta(days=age),
        )
    assert not fake.clock.is_fixed
    client = tool_client(fake)
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    # The clock reads the system clock to the millisecond, floored.
    before = datetime.datetime.now(UTC) - datetime.timedelta(milliseconds=1)
    new = client.create_cluster_snapshot(SnapshotIdentifier="new", ClusterIdentifier="c1")["Snapshot"]
    assert before < new["SnapshotCreateTime"] <= datetime.datetime.now(UTC)

    cutoff = datetime.datetime.now(UTC) - datetime.timedelta(days=30)
    pages = client.get_paginator("describe_cluster_snapshots").paginate(SnapshotType="manual")
    old = [s["SnapshotIdentifier"] for p in pages for s in p["Snapshots"] if s["SnapshotCreateTime"] < cutoff]
    assert old == ["age-400", "age-45"]
    listed = client.describe_cluster_snapshots(SnapshotType="manual", EndTime=cutoff)["Snapshots"]
    assert sorted(s["SnapshotIdentifier"] for s in listed) == ["age-400", "age-45"]
    assert not fake.clock.is_fixed
