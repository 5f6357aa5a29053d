"""CreateTags, DeleteTags and DescribeTags."""

from __future__ import annotations

from conftest import (
    OTHER_ACCOUNT,
    check_response,
    cluster_arn,
    expect_common_error,
    expect_error,
    expect_invalid_params,
    manual,
    snapshot_arn,
)

# --- CreateTags / DeleteTags / DescribeTags ----------------------------------


def test_tags_on_clusters_and_snapshots(client, cluster):
    manual(client, "s1")
    created = client.create_tags(
        ResourceName=cluster_arn("c1"), Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ann"}]
    )
    check_response("CreateTags", created)
    assert set(created) == {"ResponseMetadata"}
    client.create_tags(ResourceName=snapshot_arn("c1", "s1"), Tags=[{"Key": "env", "Value": "test"}])
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": "env", "Value": "dev"}])
    assert client.describe_clusters()["Clusters"][0]["Tags"] == [
        {"Key": "env", "Value": "dev"},
        {"Key": "owner", "Value": "ann"},
    ]
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == [
        {"Key": "env", "Value": "test"}
    ]
    described = client.describe_tags()
    check_response("DescribeTags", described)
    assert described["TaggedResources"] == [
        {"Tag": {"Key": "env", "Value": "dev"}, "ResourceName": cluster_arn("c1"), "ResourceType": "cluster"},
        {"Tag": {"Key": "owner", "Value": "ann"}, "ResourceName": cluster_arn("c1"), "ResourceType": "cluster"},
        {"Tag": {"Key": "env", "Value": "test"}, "ResourceName": snapshot_arn("c1", "s1"), "ResourceType": "snapshot"},
    ]
    for resource_type in ("Snapshot", "snapshot"):
        only = client.describe_tags(ResourceType=resource_type)["TaggedResources"]
        assert [t["ResourceType"] for t in only] == ["snapshot"]
    named = client.describe_tags(ResourceName=cluster_arn("c1"))["TaggedResources"]
    assert len(named) == 2
    filtered = client.describe_tags(TagKeys=["env", "owner"], TagValues=["test", "ann"])["TaggedResources"]
    assert [(t["Tag"]["Key"], t["Tag"]["Value"]) for t in filtered] == [("owner", "ann"), ("env", "test")]
    deleted = client.delete_tags(ResourceName=cluster_arn("c1"), TagKeys=["env", "absent"])
    check_response("DeleteTags", deleted)
    assert client.describe_clusters()["Clusters"][0]["Tags"] == [{"Key": "owner", "Value": "ann"}]


def test_describe_tags_pages(client, cluster):
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": f"k{i:02}", "Value": "v"} for i in range(25)])
    first = client.describe_tags(MaxRecords=10)
    check_response("DescribeTags", first)
    assert len(first["TaggedResources"]) == 10
    keys = [t["Tag"]["Key"] for t in first["TaggedResources"]]
    marker = first["Marker"]
    while marker:
        page = client.describe_tags(MaxRecords=10, Marker=marker)
        keys += [t["Tag"]["Key"] for t in page["TaggedResources"]]
        marker = page.get("Marker")
    assert keys == [f"k{i:02}" for i in range(25)]


def test_tag_errors(fake, client, cluster):
    manual(client, "s1")
    for arn in (cluster_arn("nope"), snapshot_arn("c2", "s1"), "arn:aws:redshift:us-east-1:210987654321:cluster:c1"):
        expect_error(client, "ResourceNotFoundFault", "CreateTags", ResourceName=arn, Tags=[{"Key": "a", "Value": "b"}])
        expect_error(client, "ResourceNotFoundFault", "DeleteTags", ResourceName=arn, TagKeys=["a"])
        expect_error(client, "ResourceNotFoundFault", "DescribeTags", ResourceName=arn)
    expect_error(
        fake.client(account_id=OTHER_ACCOUNT),
        "ResourceNotFoundFault",
        "DescribeTags",
        ResourceName=cluster_arn("c1"),
    )
    expect_error(
        client,
        "TagLimitExceededFault",
        "CreateTags",
        ResourceName=cluster_arn("c1"),
        Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)],
    )
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    expect_error(
        client,
        "TagLimitExceededFault",
        "CreateTags",
        ResourceName=cluster_arn("c1"),
        Tags=[{"Key": "one-more", "Value": "v"}],
    )
    expect_error(
        client,
        "InvalidTagFault",
        "CreateTags",
        ResourceName=snapshot_arn("c1", "s1"),
        Tags=[{"Key": "aws:reserved", "Value": "v"}],
    )
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == []
    expect_common_error(
        client, "InvalidParameterCombination", "DescribeTags", ResourceName=cluster_arn("c1"), ResourceType="cluster"
    )
    expect_common_error(
        client, "InvalidParameterCombination", "DescribeTags", ResourceName=cluster_arn("c1"), MaxRecords=10
    )
    expect_common_error(client, "InvalidParameterValue", "DescribeTags", MaxRecords=100)
    expect_common_error(client, "InvalidParameterValue", "DescribeTags", ResourceType="volume")


def test_tag_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "CreateTags", Tags=[{"Key": "a", "Value": "b"}])
    expect_invalid_params(client, "CreateTags", ResourceName="arn", Tags=[{"Key": 1, "Extra": "x"}])
    expect_invalid_params(client, "CreateTags", ResourceName="arn", Tags={"Key": "a"})
    expect_invalid_params(client, "DeleteTags", ResourceName="arn")
    expect_invalid_params(client, "DeleteTags", ResourceName="arn", TagKeys="a")
    expect_invalid_params(client, "DescribeTags", MaxRecords="10", TagKeys=[1])
    expect_invalid_params(client, "DescribeTags", ResourceArn="arn")
