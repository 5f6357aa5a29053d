"""Async clients: ``fake.aio_client`` and ``mock_boto3`` for aiobotocore.

The async client is held against the real aiobotocore: where it answers, a
genuine aiobotocore client talking to the same world over HTTP
(``fake.serve``) must answer the same, raise the same errors and fail its
waiters with the same words. Each test runs its coroutine with
``asyncio.run``, so no asyncio plugin for pytest is needed.
"""

from __future__ import annotations

import asyncio
import datetime
import inspect
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import botocore.session
import pytest
from botocore.exceptions import ClientError, InvalidRegionError, NoRegionError, ParamValidationError, WaiterError

from conftest import OTHER_ACCOUNT, ROOT
from redshift_fake import FakeRedshift, mock_boto3

aiobotocore_session = pytest.importorskip(
    "aiobotocore.session", reason="aiobotocore is not installed (the test-aio extra installs it)"
)
from aiobotocore.paginate import AioPaginator  # noqa: E402
from aiobotocore.waiter import AIOWaiter  # noqa: E402

from redshift_fake._aio import AioRedshiftClient  # noqa: E402

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}
_T = TypeVar("_T")


@pytest.fixture(autouse=True)
def clean_environment(clean_aws_environment):
    """Every test here runs without the machine's AWS settings."""


def run(test: Callable[[], Awaitable[_T]]) -> _T:
    return asyncio.run(test())  # type: ignore[arg-type]


def world(**settings: Any) -> FakeRedshift:
    fake = FakeRedshift(manual_snapshot_quota=1000, **settings)
    fake.clock.set(T0)
    return fake


@asynccontextmanager
async def real_client(fake: FakeRedshift, account: str = "123456789012") -> AsyncIterator[Any]:
    """A genuine aiobotocore Redshift client of `fake`'s world, over HTTP on the loopback address."""
    with fake.serve() as url:
        session = aiobotocore_session.get_session()
        async with session.create_client(
            "redshift",
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id=account,
            aws_secret_access_key="x",
        ) as client:
            yield client


def test_methods_are_coroutines_answered_by_the_world_the_sync_client_sees():
    fake = world()

    async def test() -> None:
        async with fake.aio_client("eu-west-1") as client:
            assert isinstance(client, AioRedshiftClient)
            assert client.fake is fake
            assert inspect.iscoroutinefunction(client.create_cluster)
            assert client.meta.region_name == "eu-west-1"
            await client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
            # One engine: the sync client sees it, and both calls are in the log.
            mine = await client.describe_clusters()
            theirs = fake.client("eu-west-1").describe_clusters()
            assert mine["Clusters"] == theirs["Clusters"]
            assert [c["ClusterIdentifier"] for c in mine["Clusters"]] == ["c1"]
        assert [(c.operation_name, c.region_name) for c in fake.calls][:2] == [
            ("CreateCluster", "eu-west-1"),
            ("DescribeClusters", "eu-west-1"),
        ]

    run(test)


def test_the_client_is_an_async_context_manager_and_closes_like_aiobotocores():
    fake = world()

    async def test() -> None:
        client = fake.aio_client(account_id=OTHER_ACCOUNT)
        async with client as entered:
            assert entered is client
        assert inspect.iscoroutinefunction(client.close)
        await client.close()
        # Calls work without the context too, as the account asked for.
        await client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
        assert fake.calls[-1].account_id == OTHER_ACCOUNT

    run(test)


def test_bad_calls_raise_when_awaited_as_aiobotocores_do():
    fake = world()

    async def test() -> None:
        client = fake.aio_client()
        call = client.describe_clusters("c1")  # nothing raised until awaited
        with pytest.raises(TypeError, match=r"describe_clusters\(\) only accepts keyword arguments"):
            await call
        with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
            await client.describe_clusters(Bogus=1)

    run(test)
    with pytest.raises(InvalidRegionError):
        fake.aio_client("not a region")
    with pytest.raises(ValueError, match="12 digits"):
        fake.aio_client(account_id="42")


def test_service_errors_are_what_the_real_aiobotocore_client_raises():
    """The same failing calls through a genuine aiobotocore client (over HTTP)
    and through the fake one: same class name, message, error and status,
    both botocore ClientError subclasses caught through ``client.exceptions``."""
    fake = world()
    failing: list[tuple[str, dict[str, Any]]] = [
        ("delete_cluster_snapshot", {"SnapshotIdentifier": "nope"}),
        ("describe_clusters", {"ClusterIdentifier": "gone"}),
        ("create_cluster", {"ClusterIdentifier": "Bad_Name", **CLUSTER}),
        ("describe_cluster_snapshots", {"MaxRecords": 5}),
    ]

    async def caught(client: Any, method: str, kwargs: dict[str, Any]) -> ClientError:
        with pytest.raises(ClientError) as e:
            await getattr(client, method)(**kwargs)
        assert isinstance(e.value, getattr(client.exceptions, type(e.value).__name__, ClientError))
        return e.value

    async def test() -> None:
        async with real_client(fake) as real, fake.aio_client() as ours:
            for method, kwargs in failing:
                theirs, mine = await caught(real, method, kwargs), await caught(ours, method, kwargs)
                assert type(mine).__name__ == type(theirs).__name__, method
                assert type(mine).__module__ == type(theirs).__module__  # botocore.errorfactory for modeled codes
                assert str(mine) == str(theirs)
                assert mine.response["Error"] == theirs.response["Error"]
                assert mine.operation_name == theirs.operation_name
                status = mine.response["ResponseMetadata"]["HTTPStatusCode"]
                assert status == theirs.response["ResponseMetadata"]["HTTPStatusCode"]

    run(test)


def test_an_injected_throttle_is_raised_at_once_without_retries():
    fake = world()
    fake.inject_error("DescribeClusters", "ThrottlingException", count=1)

    async def test() -> None:
        async with fake.aio_client() as client:
            with pytest.raises(ClientError) as e:
                await client.describe_clusters()
            assert e.value.response["Error"]["Code"] == "ThrottlingException"
            assert (await client.describe_clusters())["Clusters"] == []

    run(test)


def test_paginators_are_aiobotocores_and_agree_with_the_real_client():
    fake = world()
    client = fake.client()
    client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
    for i in range(45):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i:02}", ClusterIdentifier="c1")

    async def pages(aio: Any) -> list[list[str]]:
        paginator = aio.get_paginator("describe_cluster_snapshots")
        assert isinstance(paginator, AioPaginator)
        found = []
        async for page in paginator.paginate(SnapshotType="manual", PaginationConfig={"PageSize": 20}):
            found.append([s["SnapshotIdentifier"] for s in page["Snapshots"]])
        return found

    async def test() -> None:
        async with real_client(fake) as real, fake.aio_client() as ours:
            assert type(ours.get_paginator("describe_clusters")).__name__ == type(
                real.get_paginator("describe_clusters")
            ).__name__
            assert ours.can_paginate("describe_cluster_snapshots") and not ours.can_paginate("create_cluster")
            mine = await pages(ours)
            assert mine == await pages(real)
            assert [len(p) for p in mine] == [20, 20, 5]
            paginator = ours.get_paginator("describe_cluster_snapshots")
            full = await paginator.paginate(SnapshotType="manual").build_full_result()
            assert len(full["Snapshots"]) == 45
            searched = paginator.paginate(SnapshotType="manual").search("Snapshots[].SnapshotIdentifier")
            found = [identifier async for identifier in searched]
            assert found == sorted(found) and len(found) == 45

    run(test)


def test_a_waiter_moves_the_worlds_clock_and_never_sleeps(monkeypatch):
    fake = world(cluster_creation_seconds=300)
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float, *args: Any) -> Any:
        slept.append(delay)
        return await real_sleep(0, *args)

    monkeypatch.setattr(asyncio, "sleep", sleep)

    async def test() -> None:
        async with fake.aio_client() as client:
            await client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
            waiter = client.get_waiter("cluster_available")
            assert isinstance(waiter, AIOWaiter)
            assert type(waiter).__name__ == "Redshift.Waiter.ClusterAvailable"
            assert inspect.iscoroutinefunction(waiter.wait)
            assert waiter.config.delay == 60
            await waiter.wait(ClusterIdentifier="c1")
            # 5 pauses of 60 seconds on the world's clock; the 6th attempt finds it available.
            assert fake.clock.now() - T0 == datetime.timedelta(seconds=300)
            cluster = (await client.describe_clusters(ClusterIdentifier="c1"))["Clusters"][0]
            assert cluster["ClusterStatus"] == "available"
            assert client.waiter_names == fake.client().waiter_names

    run(test)
    assert slept and set(slept) == {0}


def test_a_failing_waiter_says_what_the_real_aiobotocore_waiter_says():
    fake = world(cluster_deletion_seconds=600)
    sync = fake.client()
    sync.create_cluster(ClusterIdentifier="c1", **CLUSTER)
    sync.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)

    async def failure(client: Any, **config: Any) -> WaiterError:
        with pytest.raises(WaiterError) as e:
            await client.get_waiter("cluster_available").wait(ClusterIdentifier="c1", WaiterConfig=config)
        return e.value

    async def test() -> None:
        async with real_client(fake) as real, fake.aio_client() as ours:
            # A terminal state: the cluster is being deleted.
            mine, theirs = await failure(ours), await failure(real, Delay=0)
            assert str(mine) == str(theirs)
            assert "terminal failure state" in str(mine)
            # Running out of attempts on a cluster that never appears.
            with pytest.raises(WaiterError, match="Max attempts exceeded"):
                await ours.get_waiter("cluster_available").wait(
                    ClusterIdentifier="never", WaiterConfig={"MaxAttempts": 3}
                )

    run(test)
    assert fake.clock.now() - T0 == datetime.timedelta(seconds=120)  # 2 pauses of the 3 attempts above


def test_mock_boto3_hands_aiobotocore_sessions_clients_of_the_world():
    fake = FakeRedshift()
    fake.client("ca-central-1", account_id=OTHER_ACCOUNT).create_cluster(ClusterIdentifier="c1", **CLUSTER)
    original = aiobotocore_session.AioSession.create_client
    made_before = aiobotocore_session.get_session()

    async def test() -> None:
        with mock_boto3(fake):
            async with made_before.create_client(
                "redshift", "ca-central-1", aws_access_key_id=OTHER_ACCOUNT, aws_secret_access_key="x"
            ) as client:
                assert isinstance(client, AioRedshiftClient) and client.fake is fake
                clusters = (await client.describe_clusters())["Clusters"]
                assert [c["ClusterIdentifier"] for c in clusters] == ["c1"]
            # The region from the session, the account from the session's credentials.
            session = aiobotocore_session.AioSession()
            session.set_config_variable("region", "ca-central-1")
            session.set_credentials(OTHER_ACCOUNT, "x")
            async with session.create_client("redshift") as client:
                assert client.meta.region_name == "ca-central-1"
                assert len((await client.describe_clusters())["Clusters"]) == 1
            # No region anywhere: botocore's NoRegionError, when entered, as aiobotocore raises it.
            context = aiobotocore_session.get_session().create_client("redshift")
            with pytest.raises(NoRegionError):
                async with context:
                    pass
            # Every other service gets its real client.
            async with aiobotocore_session.get_session().create_client(
                "s3", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
            ) as s3:
                assert not isinstance(s3, AioRedshiftClient)
                assert type(s3).__name__ == "S3"
        assert aiobotocore_session.AioSession.create_client is original
        async with aiobotocore_session.get_session().create_client(
            "redshift", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
        ) as real:
            assert not isinstance(real, AioRedshiftClient)

    run(test)
    assert [c.account_id for c in fake.calls] == [OTHER_ACCOUNT] * 3


def test_mock_boto3_decorates_a_coroutine_function_for_both_libraries():
    @mock_boto3
    async def job() -> tuple[FakeRedshift, FakeRedshift]:
        sync = botocore.session.get_session().create_client("redshift", "us-east-1")
        async with aiobotocore_session.get_session().create_client("redshift", "us-east-1") as client:
            await client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
            return sync.fake, client.fake

    sync_world, async_world = asyncio.run(job())
    assert sync_world is async_world
    assert [c.operation_name for c in sync_world.calls] == ["CreateCluster"]


def test_the_readme_async_examples_run():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Async clients (aiobotocore)", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2, "the section has its two examples"
    for block in blocks:
        namespace: dict[str, Any] = {}
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
        tests = [value for name, value in namespace.items() if name.startswith("test_")]
        assert len(tests) == 1
        asyncio.run(tests[0]())
