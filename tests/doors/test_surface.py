"""The client is shaped like boto3's: its methods, its exceptions, its meta,
and the ways to make one. Held against a real boto3 client where one exists."""

from __future__ import annotations

import re

import boto3
import botocore.exceptions
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError

import redshift_fake
from conftest import BOTOCORE_MODEL, OTHER_ACCOUNT, ROOT, check_response
from redshift_fake import FakeRedshift, _core

OPERATIONS = sorted(BOTOCORE_MODEL.operation_names)
ERROR_SHAPES = sorted(s.name for s in BOTOCORE_MODEL.error_shapes)


@pytest.fixture(scope="module")
def boto3_client():
    """A real boto3 client, never called over the network."""
    return boto3.client(
        "redshift", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_model_operation_is_a_snake_case_method(client, operation):
    method = getattr(client, xform_name(operation))
    assert callable(method)
    assert method.__name__ == xform_name(operation)


def test_the_same_operation_methods_as_boto3(client, boto3_client):
    ours = set(client.meta.method_to_api_mapping)
    theirs = set(boto3_client.meta.method_to_api_mapping)
    assert ours == theirs
    assert all(hasattr(client, name) for name in theirs)


def test_the_engine_serves_every_operation_of_the_model():
    assert sorted(_core.OPERATIONS) == OPERATIONS


def test_the_readme_says_what_each_operation_does():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    listed = {name for row in rows for name in re.findall(r"`([a-z0-9_]+)`", row.split(" | ")[0])}
    assert sorted({xform_name(op) for op in OPERATIONS} - listed) == []


@pytest.mark.parametrize("operation", OPERATIONS)
def test_positional_arguments_are_refused_like_boto3(client, boto3_client, operation):
    method = xform_name(operation)
    with pytest.raises(TypeError) as ours:
        getattr(client, method)("positional")
    with pytest.raises(TypeError) as theirs:
        getattr(boto3_client, method)("positional")
    assert str(ours.value) == str(theirs.value) == f"{method}() only accepts keyword arguments."


@pytest.mark.parametrize("shape", ERROR_SHAPES)
def test_every_error_shape_is_an_exception_class(client, shape):
    cls = getattr(client.exceptions, shape)
    assert isinstance(cls, type) and issubclass(cls, ClientError)
    assert cls.__name__ == shape


def test_exception_names_equal_boto3s(client, boto3_client):
    def names(exceptions):
        return sorted(n for n in dir(exceptions) if not n.startswith("_") and isinstance(getattr(exceptions, n), type))

    assert names(client.exceptions) == names(boto3_client.exceptions)


def test_client_error_is_botocores(client):
    assert client.exceptions.ClientError is botocore.exceptions.ClientError


def test_exceptions_are_shared_between_clients(fake):
    """Like boto3's, the classes come from the service model: two clients of
    the fake catch each other's errors."""
    one, two = fake.client("us-east-1"), fake.client("eu-west-1")
    assert one.exceptions.ClusterSnapshotNotFoundFault is two.exceptions.ClusterSnapshotNotFoundFault
    with pytest.raises(one.exceptions.ClusterSnapshotNotFoundFault):
        two.delete_cluster_snapshot(SnapshotIdentifier="nope")


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1", "ap-southeast-2"])
def test_meta_region_name(fake, region):
    assert fake.client(region).meta.region_name == region
    assert redshift_fake.client(region).meta.region_name == region
    assert fake.client(region_name=region).meta.region_name == region


@pytest.mark.parametrize("region", ["us-east-1", "cn-north-1", "us-gov-west-1"])
def test_partition_and_arns_follow_the_region_like_boto3(fake, region, cluster_args):
    real = boto3.client("redshift", region_name=region, aws_access_key_id="x", aws_secret_access_key="x")
    client = fake.client(region)
    assert client.meta.partition == real.meta.partition
    assert client.meta.endpoint_url == real.meta.endpoint_url
    client.create_cluster(**cluster_args)
    snapshot = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    assert snapshot["SnapshotArn"] == f"arn:{real.meta.partition}:redshift:{region}:{fake.account_id}:snapshot:c1/s1"
    cluster = client.describe_clusters()["Clusters"][0]
    assert cluster["ClusterNamespaceArn"].startswith(f"arn:{real.meta.partition}:redshift:{region}:")
    client.create_tags(ResourceName=snapshot["SnapshotArn"], Tags=[{"Key": "k", "Value": "v"}])
    assert client.describe_tags(ResourceName=snapshot["SnapshotArn"])["TaggedResources"][0]["Tag"]["Key"] == "k"


def test_default_region_is_us_east_1(fake):
    assert fake.client().meta.region_name == "us-east-1"
    assert redshift_fake.client().meta.region_name == "us-east-1"


def test_module_client_has_its_own_fresh_world():
    one = redshift_fake.client()
    two = redshift_fake.client()
    assert isinstance(one.fake, FakeRedshift)
    assert one.fake is not two.fake
    one.create_cluster(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123")
    assert [c["ClusterIdentifier"] for c in one.describe_clusters()["Clusters"]] == ["c1"]
    assert two.describe_clusters()["Clusters"] == []
    # The world of a client makes more clients that share its state.
    same = one.fake.client("us-east-1")
    assert [c["ClusterIdentifier"] for c in same.describe_clusters()["Clusters"]] == ["c1"]


def test_client_fake_is_the_world_it_came_from(fake):
    assert fake.client().fake is fake


def test_module_client_takes_an_account(cluster_args):
    c = redshift_fake.client("eu-west-1", account_id=OTHER_ACCOUNT)
    c.create_cluster(**cluster_args)
    snap = c.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    assert snap["OwnerAccount"] == OTHER_ACCOUNT
    assert snap["SnapshotArn"] == f"arn:aws:redshift:eu-west-1:{OTHER_ACCOUNT}:snapshot:c1/s1"


@pytest.fixture
def cluster_args():
    return {
        "ClusterIdentifier": "c1",
        "NodeType": "dc2.large",
        "MasterUsername": "admin",
        "MasterUserPassword": "Secret123",
    }


def test_world_account_is_the_default_account(cluster_args):
    fake = FakeRedshift(account_id=OTHER_ACCOUNT)
    assert fake.account_id == OTHER_ACCOUNT
    c = fake.client("us-west-2")
    c.create_cluster(**cluster_args)
    snap = c.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    check_response("CreateClusterSnapshot", snap)
    assert snap["Snapshot"]["OwnerAccount"] == OTHER_ACCOUNT


def test_default_account(fake, cluster_args):
    assert FakeRedshift().account_id == redshift_fake.DEFAULT_ACCOUNT_ID == "123456789012"
    c = fake.client()
    c.create_cluster(**cluster_args)
    snap = c.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    assert snap["OwnerAccount"] == "123456789012"


def test_accounts_and_regions_are_separate(fake, cluster_args):
    mine = fake.client("us-east-1")
    theirs = fake.client("us-east-1", account_id=OTHER_ACCOUNT)
    elsewhere = fake.client("eu-west-1")
    mine.create_cluster(**cluster_args)
    assert theirs.describe_clusters()["Clusters"] == []
    assert elsewhere.describe_clusters()["Clusters"] == []
    # The same identifier is free in another account and another region.
    theirs.create_cluster(**cluster_args)
    elsewhere.create_cluster(**cluster_args)
    mine.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    theirs.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    elsewhere.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    owners = {
        (c.meta.region_name, c.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["OwnerAccount"])
        for c in (mine, theirs, elsewhere)
    }
    assert owners == {("us-east-1", "123456789012"), ("us-east-1", OTHER_ACCOUNT), ("eu-west-1", "123456789012")}
    mine.delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert theirs.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]
    assert elsewhere.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]


def test_client_account_overrides_the_worlds(fake, cluster_args):
    c = fake.client("us-east-1", account_id=OTHER_ACCOUNT)
    c.create_cluster(**cluster_args)
    assert (
        c.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]["OwnerAccount"]
        == OTHER_ACCOUNT
    )
    assert fake.client().describe_cluster_snapshots(OwnerAccount=OTHER_ACCOUNT)["Snapshots"] == []


@pytest.mark.parametrize("bad", ["1234", "abcdefghijkl", 123456789012, "1234567890123"])
def test_account_ids_are_twelve_digits(bad):
    with pytest.raises(ValueError):
        FakeRedshift(account_id=bad)
    with pytest.raises(ValueError):
        FakeRedshift().client(account_id=bad)


def test_world_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        FakeRedshift("123456789012")  # type: ignore[misc]
    with pytest.raises(TypeError):
        FakeRedshift().client("us-east-1", "123456789012")  # type: ignore[misc]


def test_responses_are_plain_dicts_with_metadata(client, cluster):
    response = client.describe_clusters()
    assert type(response) is dict
    check_response("DescribeClusters", response)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["ResponseMetadata"]["RequestId"] != client.describe_clusters()["ResponseMetadata"]["RequestId"]
