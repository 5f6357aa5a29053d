"""CreateSnapshotCopyGrant, DescribeSnapshotCopyGrants and
DeleteSnapshotCopyGrant."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, make_cluster, refused, two_doors

ARN = "arn:aws:redshift:us-east-1:123456789012:snapshotcopygrant:g1"
KEY = "arn:aws:kms:us-east-1:123456789012:key/k1"


def create(client, name="g1", **members):
    answer = client.create_snapshot_copy_grant(SnapshotCopyGrantName=name, **members)
    check_response("CreateSnapshotCopyGrant", answer)
    return answer["SnapshotCopyGrant"]


def grants(client, **filters):
    answer = client.describe_snapshot_copy_grants(**filters)
    check_response("DescribeSnapshotCopyGrants", answer)
    return answer["SnapshotCopyGrants"]


def test_a_grant_is_for_a_key_or_the_default_one(client):
    assert create(client, KmsKeyId=KEY, Tags=[{"Key": "k", "Value": "v"}]) == {
        "SnapshotCopyGrantName": "g1",
        "KmsKeyId": KEY,
        "Tags": [{"Key": "k", "Value": "v"}],
    }
    # Doc: "If no key is specified, the default key is used" (named by its alias, choice).
    assert create(client, "g2")["KmsKeyId"] == "arn:aws:kms:us-east-1:123456789012:alias/aws/redshift"
    assert [g["SnapshotCopyGrantName"] for g in grants(client)] == ["g1", "g2"]


@pytest.mark.parametrize("name", ["G1", "1g", "g-", "g--1", "g_1", "", "g" * 64])
def test_grant_names_follow_the_documented_rules(fake, client, name):
    refused(fake, lambda: create(client, name), "InvalidParameterValue",
            f"The snapshot copy grant name {name} is not valid. It must contain from 1 to 63 lowercase letters, "
            "digits or hyphens, begin with a letter, and must not end with a hyphen or contain two consecutive "
            "hyphens.")


def test_create_refuses(fake, client):
    create(client)
    refused(fake, lambda: create(client), "SnapshotCopyGrantAlreadyExistsFault",
            "Snapshot copy grant g1 already exists.")
    refused(fake, lambda: create(client, "g2", Tags=[{"Key": "aws:k", "Value": "v"}]), "InvalidTagFault")
    refused(fake, lambda: create(client, "g2", Tags=[{"Key": f"k{i}", "Value": ""} for i in range(51)]),
            "TagLimitExceededFault")
    # Another region of the account has its own.
    create(fake.client("us-west-2"))


def test_the_grant_quota_is_the_worlds():
    fake = redshift_fake.FakeRedshift(snapshot_copy_grant_quota=2)
    client = fake.client()
    create(client, "a")
    create(client, "b")
    refused(fake, lambda: create(client, "c"), "SnapshotCopyGrantQuotaExceededFault",
            "Cannot create the snapshot copy grant because the maximum allowed number of snapshot copy grants (2) "
            "has been reached.")
    client.delete_snapshot_copy_grant(SnapshotCopyGrantName="a")
    create(client, "c")


def test_describe_by_name_tags_and_pages(fake, client):
    for i in range(25):
        create(client, f"g{i:02d}", Tags=[{"Key": "even" if i % 2 == 0 else "odd", "Value": str(i)}])
    assert [g["SnapshotCopyGrantName"] for g in grants(client, SnapshotCopyGrantName="G03")] == ["g03"]
    assert len(grants(client, TagKeys=["odd"])) == 12
    assert [g["SnapshotCopyGrantName"] for g in grants(client, TagKeys=["even"], TagValues=["4", "5"])] == ["g04"]
    first = client.describe_snapshot_copy_grants(MaxRecords=20)
    rest = client.describe_snapshot_copy_grants(Marker=first["Marker"])
    assert len(first["SnapshotCopyGrants"]) + len(rest["SnapshotCopyGrants"]) == 25
    refused(fake, lambda: grants(client, SnapshotCopyGrantName="nope"), "SnapshotCopyGrantNotFoundFault",
            "Snapshot copy grant nope not found.")
    refused(fake, lambda: grants(client, SnapshotCopyGrantName="g01", Marker=first["Marker"]),
            "InvalidParameterCombination", "You can specify either SnapshotCopyGrantName or Marker, but not both.")
    refused(fake, lambda: grants(client, MaxRecords=101), "InvalidParameterValue")
    assert grants(fake.client("eu-west-1")) == []


def test_delete_removes_the_grant(client):
    create(client, Tags=[{"Key": "k", "Value": "v"}])
    answer = client.delete_snapshot_copy_grant(SnapshotCopyGrantName="g1")
    assert list(answer) == ["ResponseMetadata"]
    assert grants(client) == []
    assert client.describe_tags()["TaggedResources"] == []


def test_delete_refuses(fake, client):
    refused(fake, lambda: client.delete_snapshot_copy_grant(SnapshotCopyGrantName="g1"),
            "SnapshotCopyGrantNotFoundFault", "Snapshot copy grant g1 not found.")
    west = fake.client("us-west-2")
    create(west)
    make_cluster(client, Encrypted=True, KmsKeyId=KEY)
    client.enable_snapshot_copy(ClusterIdentifier="c1", DestinationRegion="us-west-2", SnapshotCopyGrantName="g1")
    refused(fake, lambda: west.delete_snapshot_copy_grant(SnapshotCopyGrantName="g1"),
            "InvalidSnapshotCopyGrantStateFault",
            "Cannot delete snapshot copy grant g1 because cluster c1 uses it to copy snapshots.")
    client.disable_snapshot_copy(ClusterIdentifier="c1")
    west.delete_snapshot_copy_grant(SnapshotCopyGrantName="g1")


def test_grants_are_tagged_and_described_as_snapshot_copy_grants(client):
    create(client)
    client.create_tags(ResourceName=ARN, Tags=[{"Key": "a", "Value": "1"}])
    assert grants(client)[0]["Tags"] == [{"Key": "a", "Value": "1"}]
    for kind in ("Snapshot copy grant", "snapshot copy grant"):
        tagged = client.describe_tags(ResourceType=kind)["TaggedResources"]
        assert tagged == [{"Tag": {"Key": "a", "Value": "1"}, "ResourceName": ARN, "ResourceType": "snapshotcopygrant"}]
    assert client.describe_tags(ResourceType="Snapshot")["TaggedResources"] == []


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("CreateSnapshotCopyGrant", {"KmsKeyId": "k"}),
        ("DescribeSnapshotCopyGrants", {"TagKeys": "k"}),
        ("DeleteSnapshotCopyGrant", {"SnapshotCopyGrantName": None}),
    ],
)
def test_parameters_are_validated_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            ("create_snapshot_copy_grant", dict(SnapshotCopyGrantName="g1", KmsKeyId=KEY,
                                                Tags=[{"Key": "k", "Value": "v"}])),
            ("create_snapshot_copy_grant", dict(SnapshotCopyGrantName="g2")),
            ("create_snapshot_copy_grant", dict(SnapshotCopyGrantName="g1")),
            ("create_snapshot_copy_grant", dict(SnapshotCopyGrantName="Bad")),
            ("describe_snapshot_copy_grants", {}),
            ("describe_snapshot_copy_grants", dict(SnapshotCopyGrantName="g2")),
            ("describe_snapshot_copy_grants", dict(SnapshotCopyGrantName="nope")),
            ("describe_snapshot_copy_grants", dict(TagValues=["v"], MaxRecords=20)),
            ("delete_snapshot_copy_grant", dict(SnapshotCopyGrantName="g1")),
            ("delete_snapshot_copy_grant", dict(SnapshotCopyGrantName="g1")),
        ]
    )
