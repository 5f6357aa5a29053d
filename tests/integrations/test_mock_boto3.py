"""mock_boto3: every way boto3 makes a Redshift client gives a client of the
fake world; every other service, and everything after, is untouched."""

from __future__ import annotations

import asyncio
import threading

import boto3
import boto3.session
import botocore.client
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import NoRegionError

import redshift_fake
from redshift_fake import FakeRedshift, RedshiftClient, mock_boto3


@pytest.fixture(autouse=True)
def clean_environment(clean_aws_environment):
    """Every test here runs without the machine's AWS settings."""


def make_cluster(client, identifier="c1"):
    client.create_cluster(
        ClusterIdentifier=identifier, NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )


def cluster_ids(client):
    return [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]]


def test_the_context_manager_serves_the_given_world():
    fake = FakeRedshift()
    make_cluster(fake.client("eu-west-1"))
    with mock_boto3(fake) as active:
        assert active is fake
        client = boto3.client("redshift", region_name="eu-west-1")
        assert isinstance(client, RedshiftClient)
        assert client.fake is fake
        assert cluster_ids(client) == ["c1"]
    assert not isinstance(boto3.client("redshift", region_name="eu-west-1"), RedshiftClient)


def test_the_context_manager_makes_a_fresh_world_when_given_none():
    with mock_boto3() as first:
        make_cluster(boto3.client("redshift", "us-east-1"))
    with mock_boto3() as second:
        assert second is not first
        assert cluster_ids(boto3.client("redshift", "us-east-1")) == []
    assert cluster_ids(first.client()) == ["c1"]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: boto3.client("redshift", "ca-central-1"), id="positional-region"),
        pytest.param(lambda: boto3.client("redshift", region_name="ca-central-1"), id="keyword-region"),
        pytest.param(lambda: boto3.client(service_name="redshift", region_name="ca-central-1"), id="service_name"),
        pytest.param(
            lambda: boto3.client(
                "redshift",
                region_name="ca-central-1",
                endpoint_url=None,
                verify=None,
                config=Config(retries={"max_attempts": 10, "mode": "standard"}),
            ),
            id="extra-keywords",
        ),
        pytest.param(lambda: boto3.client("redshift", config=Config(region_name="ca-central-1")), id="config-region"),
        pytest.param(lambda: boto3.session.Session().client("redshift", "ca-central-1"), id="session"),
        pytest.param(lambda: boto3.session.Session(region_name="ca-central-1").client("redshift"), id="session-region"),
        pytest.param(
            lambda: boto3.Session(region_name="ca-central-1").client(service_name="redshift"), id="boto3.Session"
        ),
        pytest.param(lambda: botocore.session.get_session().create_client("redshift", "ca-central-1"), id="botocore"),
    ],
)
def test_every_way_of_making_a_client_reaches_the_world(make):
    with mock_boto3() as fake:
        client = make()
    assert isinstance(client, RedshiftClient)
    assert client.fake is fake
    assert client.meta.region_name == "ca-central-1"
    make_cluster(client)
    assert cluster_ids(fake.client("ca-central-1")) == ["c1"]


def test_the_region_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "sa-east-1")
    with mock_boto3():
        assert boto3.client("redshift").meta.region_name == "sa-east-1"
        assert boto3.session.Session().client("redshift").meta.region_name == "sa-east-1"


def test_the_region_comes_from_the_profile(tmp_path, monkeypatch):
    (tmp_path / "config").write_text("[default]\nregion = ap-northeast-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    with mock_boto3():
        assert boto3.client("redshift").meta.region_name == "ap-northeast-1"


def test_no_region_fails_as_botocore_does():
    with mock_boto3(), pytest.raises(NoRegionError):
        boto3.client("redshift")


def test_accounts_are_honoured(monkeypatch):
    other = "210987654321"
    fake = FakeRedshift()
    make_cluster(fake.client("us-east-1", account_id=other), "theirs")
    make_cluster(fake.client("us-east-1"), "mine")
    with mock_boto3(fake):
        assert cluster_ids(boto3.client("redshift", "us-east-1")) == ["mine"]
        assert cluster_ids(boto3.client("redshift", "us-east-1", aws_account_id=other)) == ["theirs"]
        keys = {"aws_access_key_id": other, "aws_secret_access_key": "x"}
        assert cluster_ids(boto3.client("redshift", "us-east-1", **keys)) == ["theirs"]
        assert cluster_ids(boto3.session.Session(region_name="us-east-1", **keys).client("redshift")) == ["theirs"]
        not_an_account = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "x"}
        assert cluster_ids(boto3.client("redshift", "us-east-1", **not_an_account)) == ["mine"]
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", other)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
        assert cluster_ids(boto3.client("redshift", "us-east-1")) == ["theirs"]
        monkeypatch.setenv("AWS_ACCOUNT_ID", fake.account_id)
        assert cluster_ids(boto3.client("redshift", "us-east-1")) == ["mine"]
        with pytest.raises(ValueError):
            boto3.client("redshift", "us-east-1", aws_account_id="nope")


def test_other_services_are_untouched():
    with mock_boto3():
        s3 = boto3.client("s3", region_name="us-east-1")
        data = boto3.session.Session().client("redshift-data", "us-east-1")
        serverless = botocore.session.get_session().create_client("redshift-serverless", "us-east-1")
    for client in (s3, data, serverless):
        assert isinstance(client, botocore.client.BaseClient)
        assert not isinstance(client, RedshiftClient)
    assert s3.meta.service_model.service_name == "s3"


def test_the_decorator_forms():
    seen = []

    @mock_boto3
    def bare(n):
        seen.append(boto3.client("redshift", "us-east-1").fake)
        return n + 1

    @mock_boto3()
    def called():
        seen.append(boto3.client("redshift", "us-east-1").fake)

    fake = FakeRedshift()

    @mock_boto3(fake)
    def given():
        seen.append(boto3.client("redshift", "us-east-1").fake)

    assert bare(1) == 2
    bare(1)
    called()
    given()
    given()
    assert bare.__name__ == "bare"
    assert all(isinstance(f, FakeRedshift) for f in seen)
    assert seen[0] is not seen[1], "a fresh world for each call"
    assert seen[3] is fake and seen[4] is fake
    assert not isinstance(boto3.client("redshift", "us-east-1"), RedshiftClient)


def test_the_decorator_on_a_coroutine_function():
    @mock_boto3
    async def job():
        await asyncio.sleep(0)
        return boto3.client("redshift", "us-east-1")

    assert isinstance(asyncio.run(job()), RedshiftClient)


def test_the_decorator_refuses_classes_and_the_context_manager_other_worlds():
    with pytest.raises(TypeError):

        @mock_boto3()
        class Tests:
            pass

    with pytest.raises(TypeError):
        redshift_fake.MockBoto3(object())


def test_activations_nest_and_restore_in_order():
    outer, inner = FakeRedshift(), FakeRedshift()
    with mock_boto3(outer):
        with mock_boto3(inner):
            assert boto3.client("redshift", "us-east-1").fake is inner
        assert boto3.client("redshift", "us-east-1").fake is outer
    with pytest.raises(RuntimeError), mock_boto3(outer):
        raise RuntimeError("the patch comes off on the way out")


def test_the_patch_holds_in_other_threads_and_for_sessions_made_before():
    session = boto3.session.Session(region_name="us-east-1")
    made = []
    with mock_boto3() as fake:
        worker = threading.Thread(target=lambda: made.append(session.client("redshift")))
        worker.start()
        worker.join()
        made.append(session.client("redshift"))
    assert [c.fake for c in made] == [fake, fake]


def test_a_context_manager_object_can_be_reused():
    mock = mock_boto3()
    with mock as first:
        with mock as second:
            assert boto3.client("redshift", "us-east-1").fake is second
        assert boto3.client("redshift", "us-east-1").fake is first
