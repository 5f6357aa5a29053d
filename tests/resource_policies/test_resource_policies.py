"""Resource policies on namespaces."""

from __future__ import annotations

import functools
import json

import pytest

from conftest import (
    OTHER_ACCOUNT,
    check_response,
    cluster_params,
    expect_invalid_params,
    make_cluster,
    refused,
    two_doors,
)

POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                "Action": "redshift:CreateInboundIntegration",
                "Resource": "*",
            }
        ],
    }
)


def namespace_of(client, cluster="c1"):
    return client.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]["ClusterNamespaceArn"]


def test_a_policy_is_put_got_replaced_and_deleted(client, cluster):
    arn = namespace_of(client)
    put = client.put_resource_policy(ResourceArn=arn, Policy=POLICY)
    check_response("PutResourcePolicy", put)
    assert put["ResourcePolicy"] == {"ResourceArn": arn, "Policy": POLICY}
    got = client.get_resource_policy(ResourceArn=arn)
    check_response("GetResourcePolicy", got)
    assert got["ResourcePolicy"] == {"ResourceArn": arn, "Policy": POLICY}
    other = json.dumps({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*"}})
    client.put_resource_policy(ResourceArn=arn, Policy=other)
    assert client.get_resource_policy(ResourceArn=arn)["ResourcePolicy"]["Policy"] == other
    check_response("DeleteResourcePolicy", client.delete_resource_policy(ResourceArn=arn))
    with pytest.raises(client.exceptions.ResourceNotFoundFault):
        client.get_resource_policy(ResourceArn=arn)


def test_only_the_callers_namespaces_take_policies(fake, client, cluster):
    arn = namespace_of(client)
    theirs = fake.client(account_id=OTHER_ACCOUNT)
    make_cluster(theirs, "c1")
    elsewhere = fake.client("eu-west-1")
    make_cluster(elsewhere, "c1")
    for target in (
        namespace_of(theirs),
        namespace_of(elsewhere),
        arn.replace(arn.rsplit(":", 1)[1], "00000000-0000-4000-8000-000000000000"),
        "not an arn",
        f"arn:aws:redshift-serverless:us-east-1:{fake.account_id}:namespace/x",
    ):
        for call in (
            functools.partial(client.put_resource_policy, Policy=POLICY),
            client.get_resource_policy,
            client.delete_resource_policy,
        ):
            e = refused(fake, functools.partial(call, ResourceArn=target), "ResourceNotFoundFault")
            assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    cluster_arn = f"arn:aws:redshift:us-east-1:{fake.account_id}:cluster:c1"
    refused(fake, lambda: client.put_resource_policy(ResourceArn=cluster_arn, Policy=POLICY), "UnsupportedOperation")


def test_a_namespace_without_a_policy_has_none(fake, client, cluster):
    arn = namespace_of(client)
    refused(fake, lambda: client.get_resource_policy(ResourceArn=arn), "ResourceNotFoundFault")
    refused(fake, lambda: client.delete_resource_policy(ResourceArn=arn), "ResourceNotFoundFault")


@pytest.mark.parametrize(
    "policy",
    [
        "",
        "not json",
        "{}",
        json.dumps({"Statement": []}),
        json.dumps({"Statement": [{"Effect": "Allow", "Action": "*"}]}),
        json.dumps({"Statement": [{"Effect": "Perhaps", "Principal": "*", "Action": "*"}]}),
        json.dumps({"Version": "1", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]}),
    ],
)
def test_a_policy_must_be_a_policy(fake, client, cluster, policy):
    arn = namespace_of(client)
    refused(fake, lambda: client.put_resource_policy(ResourceArn=arn, Policy=policy), "InvalidPolicyFault")


@pytest.mark.parametrize(
    "operation, params",
    [
        ("PutResourcePolicy", {"ResourceArn": "x"}),
        ("GetResourcePolicy", {"ResourceArn": ["x"]}),
        ("DeleteResourcePolicy", {}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    def arn(answers):
        return answers[1]["Clusters"][0]["ClusterNamespaceArn"]

    two_doors(
        [
            ("create_cluster", cluster_params("c1", NodeType="ra3.xlplus")),
            ("describe_clusters", {}),
            ("put_resource_policy", lambda a: {"ResourceArn": arn(a), "Policy": POLICY}),
            ("put_resource_policy", lambda a: {"ResourceArn": arn(a), "Policy": "{}"}),
            ("get_resource_policy", lambda a: {"ResourceArn": arn(a)}),
            ("delete_resource_policy", lambda a: {"ResourceArn": arn(a)}),
            ("delete_resource_policy", lambda a: {"ResourceArn": arn(a)}),
            ("get_resource_policy", {"ResourceArn": "arn:aws:redshift:us-east-1:123456789012:cluster:c1"}),
        ]
    )
