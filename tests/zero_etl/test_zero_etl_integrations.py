"""Zero-ETL and S3 event integrations into a cluster's namespace."""

from __future__ import annotations

import functools
import json

import pytest

import redshift_fake
from conftest import (
    OTHER_ACCOUNT,
    check_response,
    cluster_params,
    expect_invalid_params,
    make_cluster,
    refused,
    two_doors,
)

BUCKET = "arn:aws:s3:::landing"
TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"


def target_of(client, cluster="w1", **members):
    """A new RA3 cluster's namespace ARN."""
    make_cluster(client, cluster, NodeType="ra3.xlplus", **members)
    return client.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]["ClusterNamespaceArn"]


def create(client, target, name="i1", source=BUCKET, **members):
    return client.create_integration(SourceArn=source, TargetArn=target, IntegrationName=name, **members)


def test_an_integration_is_created_described_modified_and_deleted(client):
    target = target_of(client)
    created = create(
        client,
        target,
        Description="orders",
        KMSKeyId="arn:aws:kms:us-east-1:123456789012:key/k1",
        AdditionalEncryptionContext={"team": "bi"},
        TagList=[{"Key": "env", "Value": "test"}],
    )
    check_response("CreateIntegration", created)
    arn = created["IntegrationArn"]
    assert arn.startswith("arn:aws:redshift:us-east-1:123456789012:integration:")
    assert created["Status"] == "creating"
    assert (created["SourceArn"], created["TargetArn"], created["IntegrationName"]) == (BUCKET, target, "i1")
    assert created["AdditionalEncryptionContext"] == {"team": "bi"}
    assert created["Tags"] == [{"Key": "env", "Value": "test"}]
    described = client.describe_integrations(IntegrationArn=arn)
    check_response("DescribeIntegrations", described)
    created.pop("ResponseMetadata")
    assert described["Integrations"] == [{**created, "Status": "active"}]
    modified = client.modify_integration(IntegrationArn=arn, IntegrationName="renamed", Description="")
    check_response("ModifyIntegration", modified)
    assert modified["IntegrationName"] == "renamed" and "Description" not in modified
    deleted = client.delete_integration(IntegrationArn=arn)
    check_response("DeleteIntegration", deleted)
    assert deleted["Status"] == "deleting"
    assert client.describe_integrations()["Integrations"] == []
    with pytest.raises(client.exceptions.IntegrationNotFoundFault):
        client.delete_integration(IntegrationArn=arn)


def test_states_move_on_the_clock():
    fake = redshift_fake.FakeRedshift(integration_creation_seconds=60, integration_deletion_seconds=30)
    client = fake.client()
    arn = create(client, target_of(client))["IntegrationArn"]
    refused(
        fake,
        lambda: client.modify_integration(IntegrationArn=arn, Description="x"),
        "IntegrationConflictStateFault",
    )
    fake.clock.advance(60)
    assert client.describe_integrations()["Integrations"][0]["Status"] == "active"
    client.delete_integration(IntegrationArn=arn)
    refused(fake, lambda: client.delete_integration(IntegrationArn=arn), "IntegrationConflictStateFault")
    fake.clock.advance(29)
    assert client.describe_integrations()["Integrations"][0]["Status"] == "deleting"
    fake.clock.advance(1)
    assert client.describe_integrations()["Integrations"] == []


def test_the_target_must_be_a_visible_available_ra3_namespace(fake, client):
    make_cluster(client, "dc")
    dc2 = client.describe_clusters(ClusterIdentifier="dc")["Clusters"][0]["ClusterNamespaceArn"]
    refused(fake, lambda: create(client, dc2), "UnsupportedOperation")
    gone = dc2.replace(dc2.rsplit(":", 1)[1], "00000000-0000-4000-8000-000000000000")
    e = refused(fake, lambda: create(client, gone), "IntegrationTargetNotFoundFault")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    elsewhere = target_of(fake.client("eu-west-1"))
    refused(fake, lambda: create(client, elsewhere), "IntegrationTargetNotFoundFault")
    e = refused(fake, lambda: create(client, "arn:aws:redshift:us-east-1:123456789012:cluster:dc"), "ValidationError")
    assert "at 'targetArn' failed to satisfy constraint" in str(e)
    slow = redshift_fake.FakeRedshift(cluster_creation_seconds=600)
    target = target_of(slow.client())
    refused(slow, lambda: create(slow.client(), target), "InvalidClusterState")


def test_another_accounts_namespace_needs_its_resource_policy(fake, client):
    owner = fake.client(account_id=OTHER_ACCOUNT)
    target = target_of(owner)
    refused(fake, lambda: create(client, target), "IntegrationTargetNotFoundFault")
    policy = {
        "Version": "2012-10-17",
        "Statement": {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{fake.account_id}:root"},
            "Action": "redshift:CreateInboundIntegration",
        },
    }
    owner.put_resource_policy(ResourceArn=target, Policy=json.dumps(policy))
    arn = create(client, target)["IntegrationArn"]
    # The target's owner sees it inbound; only its maker has it.
    inbound = owner.describe_inbound_integrations()
    check_response("DescribeInboundIntegrations", inbound)
    assert inbound["InboundIntegrations"] == [
        {
            "IntegrationArn": arn,
            "SourceArn": BUCKET,
            "TargetArn": target,
            "Status": "active",
            "CreateTime": client.describe_integrations()["Integrations"][0]["CreateTime"],
        }
    ]
    assert owner.describe_integrations()["Integrations"] == []
    assert client.describe_inbound_integrations()["InboundIntegrations"] == []
    refused(fake, lambda: owner.delete_integration(IntegrationArn=arn), "IntegrationNotFoundFault")


def test_names_and_pairs_are_unique(fake, client):
    target = target_of(client)
    create(client, target)
    refused(fake, lambda: create(client, target, source=TABLE), "IntegrationAlreadyExistsFault")
    refused(fake, lambda: create(client, target, name="i2"), "IntegrationAlreadyExistsFault")
    arn = create(client, target, name="i2", source=TABLE)["IntegrationArn"]
    refused(
        fake,
        lambda: client.modify_integration(IntegrationArn=arn, IntegrationName="i1"),
        "IntegrationAlreadyExistsFault",
    )
    client.modify_integration(IntegrationArn=arn, IntegrationName="i2")


def test_the_quota_is_a_hundred(fake, client):
    target = target_of(client)
    for i in range(100):
        create(client, target, name=f"i{i}", source=f"{BUCKET}{i}")
    refused(fake, lambda: create(client, target, name="more", source=TABLE), "IntegrationQuotaExceededFault")


def test_an_encryption_context_needs_a_key(fake, client):
    target = target_of(client)
    refused(
        fake,
        lambda: create(client, target, AdditionalEncryptionContext={"a": "b"}),
        "InvalidParameterCombination",
    )


def test_names_and_arns_follow_the_models_patterns(fake, client):
    target = target_of(client)
    for name in ("1st", "a--b", "a_b", "a-"):
        refused(fake, functools.partial(create, client, target, name=name), "ValidationError")
    refused(fake, lambda: create(client, target, source="arn:aws:sqs:us-east-1:1:q"), "ValidationError")
    refused(fake, lambda: client.delete_integration(IntegrationArn="arn:aws:redshift:x"), "ValidationError")


def test_filters_and_pages(fake, client):
    target = target_of(client)
    arns = [create(client, target, name=f"s{i}", source=f"{BUCKET}{i}")["IntegrationArn"] for i in range(22)]
    dynamo = create(client, target, name="d", source=TABLE)["IntegrationArn"]
    pages = list(client.get_paginator("describe_integrations").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["Integrations"]) for p in pages] == [20, 3]
    listed = [i["IntegrationArn"] for p in pages for i in p["Integrations"]]
    assert sorted(listed) == sorted([*arns, dynamo])

    def names(**kwargs):
        return [i["IntegrationName"] for i in client.describe_integrations(**kwargs)["Integrations"]]

    assert names(Filters=[{"Name": "source-types", "Values": ["DynamoDB"]}]) == ["d"]
    assert names(Filters=[{"Name": "integration-arn", "Values": [arns[3]]}]) == ["s3"]
    assert sorted(names(Filters=[{"Name": "source-arn", "Values": [f"{BUCKET}1", TABLE]}])) == ["d", "s1"]
    assert names(Filters=[{"Name": "status", "Values": ["creating"]}]) == []
    refused(
        fake,
        lambda: client.describe_integrations(Filters=[{"Name": "colour", "Values": ["red"]}]),
        "InvalidParameterValue",
    )
    refused(
        fake,
        lambda: client.describe_integrations(IntegrationArn=arns[0].replace(arns[0][-4:], "0000")),
        "IntegrationNotFoundFault",
    )
    pages = list(client.get_paginator("describe_inbound_integrations").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["InboundIntegrations"]) for p in pages] == [20, 3]
    assert client.describe_inbound_integrations(IntegrationArn=dynamo)["InboundIntegrations"][0]["SourceArn"] == TABLE
    assert len(client.describe_inbound_integrations(TargetArn=target)["InboundIntegrations"]) == 23
    other = target_of(fake.client(account_id=OTHER_ACCOUNT))
    refused(fake, lambda: client.describe_inbound_integrations(TargetArn=other), "InvalidNamespaceFault")


def test_integrations_are_taggable(client):
    arn = create(client, target_of(client))["IntegrationArn"]
    client.create_tags(ResourceName=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.describe_integrations()["Integrations"][0]["Tags"] == [{"Key": "k", "Value": "v"}]
    assert client.describe_tags(ResourceName=arn)["TaggedResources"] == [
        {"Tag": {"Key": "k", "Value": "v"}, "ResourceName": arn, "ResourceType": "integration"}
    ]
    client.delete_integration(IntegrationArn=arn)
    assert client.describe_tags()["TaggedResources"] == []


@pytest.mark.parametrize(
    "operation, params",
    [
        ("CreateIntegration", {"SourceArn": "", "TargetArn": "x", "IntegrationName": "i"}),
        ("ModifyIntegration", {"IntegrationArn": "arn", "Description": 1}),
        ("DeleteIntegration", {"IntegrationArn": ""}),
        ("DescribeIntegrations", {"Filters": [{"Name": "status"}]}),
        ("DescribeInboundIntegrations", {"TargetArn": "short"}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    def target(answers):
        return answers[1]["Clusters"][0]["ClusterNamespaceArn"]

    def arn(answers):
        return answers[2]["IntegrationArn"]

    answers = two_doors(
        [
            ("create_cluster", cluster_params("w1", NodeType="ra3.xlplus")),
            ("describe_clusters", {}),
            (
                "create_integration",
                lambda a: {
                    "SourceArn": BUCKET,
                    "TargetArn": target(a),
                    "IntegrationName": "i1",
                    "AdditionalEncryptionContext": {"a": "b"},
                    "KMSKeyId": "k",
                    "TagList": [{"Key": "t", "Value": "v"}],
                },
            ),
            ("create_integration", lambda a: {"SourceArn": BUCKET, "TargetArn": target(a), "IntegrationName": "i1"}),
            ("describe_integrations", {"Filters": [{"Name": "source-types", "Values": ["s3"]}]}),
            ("describe_inbound_integrations", lambda a: {"TargetArn": target(a)}),
            ("modify_integration", lambda a: {"IntegrationArn": arn(a), "Description": "d"}),
            ("delete_integration", lambda a: {"IntegrationArn": arn(a)}),
            ("describe_integrations", lambda a: {"IntegrationArn": arn(a)}),
        ]
    )
    assert isinstance(answers[2], dict) and answers[8][1] == "IntegrationNotFoundFault"
