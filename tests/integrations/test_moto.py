"""moto side by side: moto's ``mock_aws`` serves S3, IAM, STS..., the fake
serves Redshift, in either nesting order, and no Redshift call reaches moto
or the network (every socket connect fails during these tests).

Also the README's migration section: values moto's own Redshift tests use
that AWS (and so the fake) refuses, and their AWS-valid rewrite.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from typing import Any

import boto3
import pytest

from conftest import OTHER_ACCOUNT, ROOT
from redshift_fake import FakeRedshift, RedshiftClient, mock_boto3

moto = pytest.importorskip("moto", reason="moto is not installed (the test extra installs it)")
from moto.redshift.models import redshift_backends  # noqa: E402

CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, clean_aws_environment: None) -> Iterator[None]:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a connection was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield


def moto_has_no_redshift() -> None:
    """moto's Redshift backends hold nothing: no call reached them."""
    for account in redshift_backends:
        for region, backend in redshift_backends[account].items():
            assert not backend.clusters and not backend.snapshots, (account, region)


def run_job() -> dict[str, Any]:
    """Code under test: makes its own clients of several services, as a real job does."""
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="exports")
    identity = boto3.client("sts", region_name="us-east-1").get_caller_identity()
    boto3.client("iam", region_name="us-east-1").create_role(RoleName="unloader", AssumeRolePolicyDocument="{}")
    redshift = boto3.client("redshift", region_name="us-east-1")
    redshift.create_cluster(ClusterIdentifier="warehouse", **CLUSTER)
    redshift.create_cluster_snapshot(SnapshotIdentifier="before-export", ClusterIdentifier="warehouse")
    s3.put_object(Bucket="exports", Key="done", Body=b"1")
    return {"account": identity["Account"], "redshift": redshift}


ORDERS: dict[str, Callable[[FakeRedshift], list[AbstractContextManager[Any]]]] = {
    "moto-outside": lambda fake: [moto.mock_aws(), mock_boto3(fake)],
    "fake-outside": lambda fake: [mock_boto3(fake), moto.mock_aws()],
}


@pytest.mark.parametrize("order", ORDERS)
def test_moto_serves_the_other_services_and_the_fake_serves_redshift(order):
    fake = FakeRedshift()
    with ExitStack() as stack:
        for context in ORDERS[order](fake):
            stack.enter_context(context)
        result = run_job()
        assert isinstance(result["redshift"], RedshiftClient) and result["redshift"].fake is fake
        assert boto3.client("s3", region_name="us-east-1").get_object(Bucket="exports", Key="done")["Body"].read()
        assert [r["RoleName"] for r in boto3.client("iam", region_name="us-east-1").list_roles()["Roles"]] == [
            "unloader"
        ]
        moto_has_no_redshift()
    assert [c.operation_name for c in fake.calls] == ["CreateCluster", "CreateClusterSnapshot"]
    assert fake.client().describe_cluster_snapshots(SnapshotType="manual")["Snapshots"][0]["SnapshotIdentifier"] == (
        "before-export"
    )


def test_as_stacked_decorators_in_either_order():
    @moto.mock_aws
    @mock_boto3
    def fake_inside() -> tuple[str, FakeRedshift]:
        result = run_job()
        return result["account"], result["redshift"].fake

    @mock_boto3
    @moto.mock_aws
    def fake_outside() -> tuple[str, FakeRedshift]:
        result = run_job()
        return result["account"], result["redshift"].fake

    for job in (fake_inside, fake_outside):
        account, fake = job()
        assert account == moto.core.DEFAULT_ACCOUNT_ID  # STS answered by moto
        assert [c.operation_name for c in fake.calls] == ["CreateCluster", "CreateClusterSnapshot"]
        moto_has_no_redshift()


def test_the_account_follows_the_client_not_motos_credentials():
    """mock_aws sets fake credentials in the environment; a 12-digit access
    key given to the client still names the Redshift account."""
    fake = FakeRedshift()
    with moto.mock_aws(), mock_boto3(fake):
        default = boto3.client("redshift", region_name="us-east-1")
        other = boto3.client("redshift", region_name="us-east-1", aws_access_key_id=OTHER_ACCOUNT)
        default.create_cluster(ClusterIdentifier="c1", **CLUSTER)
        other.create_cluster(ClusterIdentifier="c1", **CLUSTER)
    assert [c.account_id for c in fake.calls] == [fake.account_id, OTHER_ACCOUNT]


def test_the_botocore_client_of_a_world_is_not_answered_by_moto():
    fake = FakeRedshift()
    with moto.mock_aws():
        client = fake.botocore_client("us-east-1")
        client.create_cluster(ClusterIdentifier="c1", **CLUSTER)
        assert [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]] == ["c1"]
        moto_has_no_redshift()
    assert len(fake.calls) == 2


# ---- the README's migration section ----

MOTO_STYLE = {"ClusterIdentifier": "my_cluster", "NodeType": "ds2.xlarge", "MasterUsername": "username"}


def test_values_moto_accepts_and_aws_refuses_and_their_rewrite(redshift_client):
    with pytest.raises(redshift_client.exceptions.ClientError) as e:
        redshift_client.create_cluster(MasterUserPassword="password", **MOTO_STYLE)
    assert e.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert "ClusterIdentifier is not a valid identifier" in e.value.response["Error"]["Message"]
    rewritten = dict(MOTO_STYLE, ClusterIdentifier="my-cluster", NodeType="dc2.large")
    redshift_client.create_cluster(MasterUserPassword="Password1", **rewritten)
    with pytest.raises(redshift_client.exceptions.ClientError, match="SnapshotIdentifier is not a valid identifier"):
        redshift_client.create_cluster_snapshot(SnapshotIdentifier="my_snapshot", ClusterIdentifier="my-cluster")
    redshift_client.create_cluster_snapshot(SnapshotIdentifier="my-snapshot", ClusterIdentifier="my-cluster")


def test_the_readme_migration_example_runs():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Coming from moto", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "the migration section has Python examples"
    namespace: dict[str, Any] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    for name, test in list(namespace.items()):
        if name.startswith("test_") and callable(test):
            test()
    moto_has_no_redshift()
