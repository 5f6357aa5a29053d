"""Accepted by mypy --strict (tests/test_typing.py)."""

import datetime
from typing import Optional

import boto3
from mypy_boto3_redshift import RedshiftClient
from typing_extensions import assert_type

import redshift_fake


def manual_snapshot_ids(client: RedshiftClient) -> list[str]:
    page = client.describe_cluster_snapshots(SnapshotType="manual")
    return [s.get("SnapshotIdentifier", "") for s in page["Snapshots"]]


fake = redshift_fake.FakeRedshift(manual_snapshot_quota=100)
client = fake.client("us-east-1")
manual_snapshot_ids(client)
manual_snapshot_ids(redshift_fake.client())
assert_type(client.fake, redshift_fake.FakeRedshift)
client.delete_cluster_snapshot(SnapshotIdentifier="s1")
fake.clock.set(datetime.datetime(2030, 1, 1))
fake.clock.advance(datetime.timedelta(days=1))
fake.inject_error("DeleteClusterSnapshot", "ThrottlingException", count=2)
fake.set_snapshot_status("s1", "failed", region_name="eu-west-1")
seeded = fake.seed_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="gone")
assert_type(seeded.get("SnapshotCreateTime"), Optional[datetime.datetime])
assert_type(fake.calls[0].error_code, Optional[str])
fake.save("w.json")
assert_type(redshift_fake.FakeRedshift.load("w.json"), redshift_fake.FakeRedshift)
with redshift_fake.mock_boto3(fake) as world:
    assert_type(world, redshift_fake.FakeRedshift)
    manual_snapshot_ids(boto3.client("redshift"))


@redshift_fake.mock_boto3
def decorated(n: int) -> int:
    return n


@redshift_fake.mock_boto3()
def called(n: int) -> str:
    return str(n)


assert_type(decorated(1), int)
assert_type(called(1), str)


async def uses_the_async_client() -> None:
    async with fake.aio_client("eu-west-1") as aio:
        assert_type(aio.fake, redshift_fake.FakeRedshift)
        await aio.describe_clusters()
