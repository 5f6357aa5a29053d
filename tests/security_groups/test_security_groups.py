"""Cluster security groups and their ingress rules."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response, doors_agree, make_cluster, refused


def create(client, name="sec1", **members):
    return client.create_cluster_security_group(ClusterSecurityGroupName=name, Description="mine", **members)


def authorize(client, name="sec1", **rule):
    return client.authorize_cluster_security_group_ingress(ClusterSecurityGroupName=name, **rule)


def revoke(client, name="sec1", **rule):
    return client.revoke_cluster_security_group_ingress(ClusterSecurityGroupName=name, **rule)


def test_every_account_has_the_default_group(client):
    answer = client.describe_cluster_security_groups()
    check_response("DescribeClusterSecurityGroups", answer)
    assert [g["ClusterSecurityGroupName"] for g in answer["ClusterSecurityGroups"]] == ["default"]


def test_create_answers_the_group(client):
    answer = create(client, "Web", Tags=[{"Key": "k", "Value": "v"}])
    check_response("CreateClusterSecurityGroup", answer)
    assert answer["ClusterSecurityGroup"] == {
        "ClusterSecurityGroupName": "web",
        "Description": "mine",
        "EC2SecurityGroups": [],
        "IPRanges": [],
        "Tags": [{"Key": "k", "Value": "v"}],
    }
    names = [g["ClusterSecurityGroupName"] for g in client.describe_cluster_security_groups()["ClusterSecurityGroups"]]
    assert names == ["default", "web"]


@pytest.mark.parametrize("name", ["", "Default", "a_b", "x" * 256])
def test_names_follow_the_documented_rules(fake, client, name):
    refused(fake, lambda: create(client, name), "InvalidParameterValue")


def test_a_taken_name_and_the_quota(fake, client):
    create(client)
    refused(fake, lambda: create(client, "SEC1"), "ClusterSecurityGroupAlreadyExists")
    small = redshift_fake.FakeRedshift(security_group_quota=1)
    create(small.client())
    e = refused(small, lambda: create(small.client(), "sec2"), "QuotaExceeded.ClusterSecurityGroup")
    assert type(e).__name__ == "ClusterSecurityGroupQuotaExceededFault"


def test_authorize_and_revoke_cidr_and_ec2_rules(client):
    create(client)
    answer = authorize(client, CIDRIP="192.0.2.0/24")
    check_response("AuthorizeClusterSecurityGroupIngress", answer)
    authorize(client, EC2SecurityGroupName="app", EC2SecurityGroupOwnerId=OTHER_ACCOUNT)
    group = client.describe_cluster_security_groups(ClusterSecurityGroupName="sec1")["ClusterSecurityGroups"][0]
    assert group["IPRanges"] == [{"Status": "authorized", "CIDRIP": "192.0.2.0/24", "Tags": []}]
    assert group["EC2SecurityGroups"] == [
        {"Status": "authorized", "EC2SecurityGroupName": "app", "EC2SecurityGroupOwnerId": OTHER_ACCOUNT, "Tags": []}
    ]
    answer = revoke(client, CIDRIP="192.0.2.0/24")
    check_response("RevokeClusterSecurityGroupIngress", answer)
    assert answer["ClusterSecurityGroup"]["IPRanges"] == []


@pytest.mark.parametrize(
    "rule, code",
    [
        ({}, "InvalidParameterCombination"),
        (
            {"CIDRIP": "10.0.0.0/8", "EC2SecurityGroupName": "app", "EC2SecurityGroupOwnerId": OTHER_ACCOUNT},
            "InvalidParameterCombination",
        ),
        ({"EC2SecurityGroupName": "app"}, "InvalidParameterCombination"),
        ({"EC2SecurityGroupOwnerId": OTHER_ACCOUNT}, "InvalidParameterCombination"),
        ({"CIDRIP": "10.0.0.0"}, "InvalidParameterValue"),
        ({"CIDRIP": "10.0.0.0/33"}, "InvalidParameterValue"),
        ({"EC2SecurityGroupName": "app", "EC2SecurityGroupOwnerId": "AKIAEXAMPLE"}, "InvalidParameterValue"),
    ],
)
def test_a_rule_is_a_cidr_or_an_ec2_group_with_its_owner(fake, client, rule, code):
    create(client)
    refused(fake, lambda: authorize(client, **rule), code)
    refused(fake, lambda: revoke(client, **rule), code)


def test_duplicates_absent_rules_and_the_rule_quota(fake, client):
    create(client)
    authorize(client, CIDRIP="10.0.0.0/8")
    refused(fake, lambda: authorize(client, CIDRIP="10.0.0.0/8"), "AuthorizationAlreadyExists")
    e = refused(fake, lambda: revoke(client, CIDRIP="10.1.0.0/16"), "AuthorizationNotFound")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    for i in range(1, 20):
        authorize(client, CIDRIP=f"10.{i}.0.0/16")
    refused(fake, lambda: authorize(client, CIDRIP="11.0.0.0/8"), "AuthorizationQuotaExceeded")


def test_rules_on_the_default_group(client):
    authorize(client, "default", CIDRIP="10.0.0.0/8")
    (group,) = client.describe_cluster_security_groups(ClusterSecurityGroupName="default")["ClusterSecurityGroups"]
    assert [r["CIDRIP"] for r in group["IPRanges"]] == ["10.0.0.0/8"]
    names = [g["ClusterSecurityGroupName"] for g in client.describe_cluster_security_groups()["ClusterSecurityGroups"]]
    assert names == ["default"]


def test_delete_not_found_default_and_in_use(fake, client):
    create(client)
    create(client, "sec2")
    make_cluster(client, ClusterSecurityGroups=["SEC1"])
    assert make_cluster(client, "c2")["ClusterSecurityGroups"] == []
    cluster = client.describe_clusters(ClusterIdentifier="c1")["Clusters"][0]
    assert cluster["ClusterSecurityGroups"] == [{"ClusterSecurityGroupName": "sec1", "Status": "active"}]
    refused(
        fake,
        lambda: client.delete_cluster_security_group(ClusterSecurityGroupName="sec1"),
        "InvalidClusterSecurityGroupState",
    )
    refused(
        fake,
        lambda: client.delete_cluster_security_group(ClusterSecurityGroupName="default"),
        "InvalidClusterSecurityGroupState",
    )
    client.delete_cluster_security_group(ClusterSecurityGroupName="sec2")
    for call in (
        lambda: client.delete_cluster_security_group(ClusterSecurityGroupName="sec2"),
        lambda: client.describe_cluster_security_groups(ClusterSecurityGroupName="sec2"),
        lambda: authorize(client, "sec2", CIDRIP="10.0.0.0/8"),
        lambda: make_cluster(client, "c3", ClusterSecurityGroups=["sec2"]),
    ):
        refused(fake, call, "ClusterSecurityGroupNotFound")


def test_a_name_and_a_marker_together_are_refused(fake, client):
    refused(
        fake,
        lambda: client.describe_cluster_security_groups(ClusterSecurityGroupName="default", Marker="x"),
        "InvalidParameterCombination",
    )


def test_tags_and_tag_filters(client):
    create(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    create(client, "b")
    found = client.describe_cluster_security_groups(TagValues=["prod"])["ClusterSecurityGroups"]
    assert [g["ClusterSecurityGroupName"] for g in found] == ["a"]
    tagged = client.describe_tags(ResourceType="cluster security group")["TaggedResources"]
    assert [t["ResourceName"] for t in tagged] == ["arn:aws:redshift:us-east-1:123456789012:securitygroup:a"]


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster_security_group", ClusterSecurityGroupName="sec1", Description="d")
        call("authorize_cluster_security_group_ingress", ClusterSecurityGroupName="sec1", CIDRIP="10.0.0.0/8")
        call("authorize_cluster_security_group_ingress", ClusterSecurityGroupName="sec1", CIDRIP="10.0.0.0/8")
        call(
            "authorize_cluster_security_group_ingress",
            ClusterSecurityGroupName="sec1",
            EC2SecurityGroupName="app",
            EC2SecurityGroupOwnerId=OTHER_ACCOUNT,
        )
        call("describe_cluster_security_groups")
        call("revoke_cluster_security_group_ingress", ClusterSecurityGroupName="sec1", CIDRIP="10.0.0.0/8")
        call("delete_cluster_security_group", ClusterSecurityGroupName="default")
        call("delete_cluster_security_group", ClusterSecurityGroupName="sec1")

    doors_agree(scenario)
