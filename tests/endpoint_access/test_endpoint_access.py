"""Redshift-managed VPC endpoints, and other accounts' authorizations to
make them."""

from __future__ import annotations

import functools

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

ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID


@pytest.fixture
def owner(client):
    make_cluster(client, "c1", NodeType="ra3.xlplus")
    subnet_group(client, "sg1")
    return client


@pytest.fixture
def grantee(fake):
    client = fake.client(account_id=OTHER_ACCOUNT)
    subnet_group(client, "sg1")
    return client


def subnet_group(client, name, subnet="subnet-0a1b2c3d"):
    """The caller's subnet group `name`, made of `subnet` unless it has it."""
    groups = client.describe_cluster_subnet_groups()["ClusterSubnetGroups"]
    if all(g["ClusterSubnetGroupName"] != name for g in groups):
        client.create_cluster_subnet_group(ClusterSubnetGroupName=name, Description="d", SubnetIds=[subnet])


def endpoint(client, name="ep1", owner=None, **members):
    params = {"ClusterIdentifier": "c1", "EndpointName": name, "SubnetGroupName": "sg1", **members}
    if owner:
        params["ResourceOwner"] = owner
    return client.create_endpoint_access(**params)


def test_the_owner_makes_modifies_describes_and_deletes_an_endpoint(fake, owner):
    created = endpoint(owner, VpcSecurityGroupIds=["sg-1"])
    check_response("CreateEndpointAccess", created)
    assert created["EndpointStatus"] == "creating"
    assert (created["ClusterIdentifier"], created["ResourceOwner"], created["Port"]) == ("c1", ACCOUNT, 5439)
    assert created["Address"].startswith("ep1-endpoint-") and created["Address"].endswith(".redshift.amazonaws.com")
    assert created["VpcSecurityGroups"] == [{"VpcSecurityGroupId": "sg-1", "Status": "active"}]
    vpc = created["VpcEndpoint"]
    (group,) = owner.describe_cluster_subnet_groups(ClusterSubnetGroupName="sg1")["ClusterSubnetGroups"]
    assert vpc["VpcEndpointId"].startswith("vpce-") and vpc["VpcId"] == group["VpcId"]
    (subnet,) = group["Subnets"]
    assert vpc["NetworkInterfaces"][0]["SubnetId"] == subnet["SubnetIdentifier"]
    assert vpc["NetworkInterfaces"][0]["AvailabilityZone"] == subnet["SubnetAvailabilityZone"]["Name"]
    described = owner.describe_endpoint_access(EndpointName="EP1")
    check_response("DescribeEndpointAccess", described)
    created.pop("ResponseMetadata")
    assert described["EndpointAccessList"] == [{**created, "EndpointStatus": "active"}]
    modified = owner.modify_endpoint_access(EndpointName="ep1", VpcSecurityGroupIds=["sg-2", "sg-3"])
    check_response("ModifyEndpointAccess", modified)
    assert modified["EndpointStatus"] == "modifying"
    assert [g["VpcSecurityGroupId"] for g in modified["VpcSecurityGroups"]] == ["sg-2", "sg-3"]
    deleted = owner.delete_endpoint_access(EndpointName="ep1")
    check_response("DeleteEndpointAccess", deleted)
    assert deleted["EndpointStatus"] == "deleting"
    assert owner.describe_endpoint_access()["EndpointAccessList"] == []
    refused(fake, lambda: owner.delete_endpoint_access(EndpointName="ep1"), "EndpointNotFound")


def test_states_move_on_the_clock():
    fake = redshift_fake.FakeRedshift(
        endpoint_creation_seconds=60, endpoint_modification_seconds=30, endpoint_deletion_seconds=10
    )
    client = fake.client()
    make_cluster(client, "c1", NodeType="ra3.xlplus")
    subnet_group(client, "sg1")
    endpoint(client)
    refused(fake, lambda: client.modify_endpoint_access(EndpointName="ep1"), "InvalidEndpointState")

    def status():
        listed = client.describe_endpoint_access()["EndpointAccessList"]
        return listed[0]["EndpointStatus"] if listed else None

    fake.clock.advance(60)
    assert status() == "active"
    client.modify_endpoint_access(EndpointName="ep1", VpcSecurityGroupIds=[])
    fake.clock.advance(29)
    assert status() == "modifying"
    fake.clock.advance(1)
    assert status() == "active"
    client.delete_endpoint_access(EndpointName="ep1")
    refused(fake, lambda: client.delete_endpoint_access(EndpointName="ep1"), "InvalidEndpointState")
    fake.clock.advance(10)
    assert status() is None


def test_endpoints_need_an_available_ra3_cluster_and_a_free_name(fake, owner):
    make_cluster(owner, "dc")
    refused(fake, lambda: endpoint(owner, ClusterIdentifier="dc"), "UnsupportedOperation")
    refused(fake, lambda: endpoint(owner, ClusterIdentifier="nope"), "ClusterNotFound")
    refused(fake, lambda: owner.create_endpoint_access(EndpointName="x", SubnetGroupName="s"), "MissingParameter")
    for bad in ("1ep", "ep--1", "ep-", "e" * 31, "ep_1"):
        refused(fake, functools.partial(endpoint, owner, bad), "InvalidParameterValue")
    endpoint(owner, "E" * 30)
    refused(fake, lambda: endpoint(owner, "e" * 30), "EndpointAlreadyExists")
    slow = redshift_fake.FakeRedshift(cluster_creation_seconds=60)
    make_cluster(slow.client(), "c1", NodeType="ra3.xlplus")
    subnet_group(slow.client(), "sg1")
    refused(slow, lambda: endpoint(slow.client()), "InvalidClusterState")


def test_another_account_needs_an_authorization(fake, owner, grantee):
    e = refused(fake, lambda: endpoint(grantee, owner=ACCOUNT), "AccessToClusterDenied")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    authorized = owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    check_response("AuthorizeEndpointAccess", authorized)
    assert authorized["Status"] == "Authorized" and authorized["AllowedAllVPCs"] is True
    assert (authorized["Grantor"], authorized["Grantee"], authorized["ClusterStatus"]) == (
        ACCOUNT,
        OTHER_ACCOUNT,
        "available",
    )
    theirs = endpoint(grantee, owner=ACCOUNT)
    assert theirs["ResourceOwner"] == ACCOUNT
    [granted] = owner.describe_endpoint_authorization()["EndpointAuthorizationList"]
    assert granted["EndpointCount"] == 1
    received = grantee.describe_endpoint_authorization(Grantee=True)
    check_response("DescribeEndpointAuthorization", received)
    assert received["EndpointAuthorizationList"] == [granted]
    assert grantee.describe_endpoint_authorization()["EndpointAuthorizationList"] == []
    # The grantee's endpoint is the grantee's: the owner does not list it.
    assert owner.describe_endpoint_access()["EndpointAccessList"] == []
    assert (
        len(grantee.describe_endpoint_access(ClusterIdentifier="c1", ResourceOwner=ACCOUNT)["EndpointAccessList"]) == 1
    )


def test_authorizations_by_vpc(fake, owner, grantee):
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-1"])
    refused(fake, lambda: endpoint(grantee, owner=ACCOUNT), "UnauthorizedOperation")
    widened = owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-2"])
    assert widened["AllowedVPCs"] == ["vpc-1", "vpc-2"] and widened["AllowedAllVPCs"] is False
    refused(
        fake,
        lambda: owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-1"]),
        "EndpointAuthorizationAlreadyExists",
    )
    narrowed = owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-1"])
    check_response("RevokeEndpointAccess", narrowed)
    assert narrowed["AllowedVPCs"] == ["vpc-2"] and narrowed["Status"] == "Authorized"
    refused(
        fake,
        lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-9"]),
        "EndpointAuthorizationNotFound",
    )
    everything = owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    assert everything["AllowedAllVPCs"] is True and "AllowedVPCs" not in everything
    refused(
        fake,
        lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=["vpc-2"]),
        "InvalidAuthorizationState",
    )
    # An authorization of the VPC an endpoint would sit in lets it be made.
    vpc = endpoint(grantee, owner=ACCOUNT)["VpcEndpoint"]["VpcId"]
    owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, Force=True)
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=[vpc])
    endpoint(grantee, owner=ACCOUNT)
    # Revoking that VPC takes its endpoints, with Force.
    refused(
        fake,
        lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=[vpc]),
        "InvalidAuthorizationState",
    )
    revoked = owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, VpcIds=[vpc], Force=True)
    assert revoked["Status"] == "Revoking"
    assert grantee.describe_endpoint_access()["EndpointAccessList"] == []


def test_revoking_an_authorization_with_endpoints_needs_force(fake, owner, grantee):
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    endpoint(grantee, owner=ACCOUNT)
    refused(
        fake,
        lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT),
        "InvalidAuthorizationState",
    )
    revoked = owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, Force=True)
    assert revoked["Status"] == "Revoking"
    assert grantee.describe_endpoint_access()["EndpointAccessList"] == []
    assert owner.describe_endpoint_authorization()["EndpointAuthorizationList"] == []
    refused(
        fake,
        lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT),
        "EndpointAuthorizationNotFound",
    )


def test_a_revocation_takes_the_deletion_time():
    fake = redshift_fake.FakeRedshift(endpoint_deletion_seconds=30)
    owner = fake.client()
    make_cluster(owner, "c1", NodeType="ra3.xlplus")
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    grantee = fake.client(account_id=OTHER_ACCOUNT)
    subnet_group(grantee, "sg1")
    endpoint(grantee, owner=ACCOUNT)
    owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, Force=True)
    [revoking] = owner.describe_endpoint_authorization()["EndpointAuthorizationList"]
    assert (revoking["Status"], revoking["EndpointCount"]) == ("Revoking", 1)
    for call in (
        functools.partial(owner.authorize_endpoint_access, ClusterIdentifier="c1", Account=OTHER_ACCOUNT),
        functools.partial(owner.revoke_endpoint_access, ClusterIdentifier="c1", Account=OTHER_ACCOUNT),
    ):
        refused(fake, call, "InvalidAuthorizationState")
    fake.clock.advance(30)
    assert owner.describe_endpoint_authorization()["EndpointAuthorizationList"] == []


def test_authorization_rules(fake, owner):
    for account in (ACCOUNT, "12345"):
        refused(
            fake,
            functools.partial(owner.authorize_endpoint_access, ClusterIdentifier="c1", Account=account),
            "InvalidParameterValue",
        )
    refused(fake, lambda: owner.authorize_endpoint_access(Account=OTHER_ACCOUNT), "MissingParameter")
    refused(
        fake, lambda: owner.authorize_endpoint_access(ClusterIdentifier="x", Account=OTHER_ACCOUNT), "ClusterNotFound"
    )
    refused(fake, lambda: owner.revoke_endpoint_access(ClusterIdentifier="c1"), "MissingParameter")
    refused(fake, lambda: owner.describe_endpoint_authorization(ClusterIdentifier="x"), "ClusterNotFound")
    for i in range(30):
        owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=f"{i:012d}")
    refused(
        fake,
        lambda: owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT),
        "EndpointAuthorizationsPerClusterLimitExceeded",
    )
    pages = list(owner.get_paginator("describe_endpoint_authorization").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["EndpointAuthorizationList"]) for p in pages] == [20, 10]


def test_endpoint_limits(fake, owner, grantee):
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    for i in range(5):
        endpoint(grantee, f"g{i}", owner=ACCOUNT)
    refused(fake, lambda: endpoint(grantee, "g5", owner=ACCOUNT), "EndpointsPerAuthorizationLimitExceeded")
    for i in range(25):
        endpoint(owner, f"o{i}")
    refused(fake, lambda: endpoint(owner, "o25"), "EndpointsPerClusterLimitExceeded")
    pages = list(owner.get_paginator("describe_endpoint_access").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["EndpointAccessList"]) for p in pages] == [20, 5]


def test_describe_filters_and_missing_endpoints(fake, owner):
    make_cluster(owner, "c2", NodeType="ra3.xlplus")
    fake.add_vpc("vpc-0a0a0a0a", {"subnet-0a0a0a0a": "us-east-1a"})
    fake.add_vpc("vpc-0b0b0b0b", {"subnet-0b0b0b0b": "us-east-1b"})
    subnet_group(owner, "one", "subnet-0a0a0a0a")
    subnet_group(owner, "two", "subnet-0b0b0b0b")
    endpoint(owner, "a", SubnetGroupName="one")
    b = endpoint(owner, "b", ClusterIdentifier="c2", SubnetGroupName="two")
    vpc = b["VpcEndpoint"]["VpcId"]
    assert (vpc, b["VpcEndpoint"]["NetworkInterfaces"][0]["AvailabilityZone"]) == ("vpc-0b0b0b0b", "us-east-1b")
    refused(fake, lambda: owner.create_endpoint_access(ClusterIdentifier="c1", EndpointName="x",
                                                       SubnetGroupName="nope"), "ClusterSubnetGroupNotFoundFault")

    def names(**filters):
        return [e["EndpointName"] for e in owner.describe_endpoint_access(**filters)["EndpointAccessList"]]

    assert names(ClusterIdentifier="c2") == ["b"]
    assert names(VpcId=vpc) == ["b"]
    assert names(ResourceOwner=ACCOUNT) == ["a", "b"]
    refused(fake, lambda: owner.describe_endpoint_access(EndpointName="zz"), "EndpointNotFound")
    refused(fake, lambda: owner.describe_endpoint_access(ClusterIdentifier="zz"), "ClusterNotFound")
    refused(fake, lambda: owner.modify_endpoint_access(EndpointName="zz"), "EndpointNotFound")


@pytest.mark.parametrize(
    "operation, params",
    [
        ("AuthorizeEndpointAccess", {"ClusterIdentifier": "c1"}),
        ("RevokeEndpointAccess", {"Force": "yes"}),
        ("DescribeEndpointAuthorization", {"Grantee": 1}),
        ("CreateEndpointAccess", {"EndpointName": "e"}),
        ("ModifyEndpointAccess", {"EndpointName": "e", "VpcSecurityGroupIds": "sg"}),
        ("DeleteEndpointAccess", {}),
        ("DescribeEndpointAccess", {"MaxRecords": 1.5}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", cluster_params("c1", NodeType="ra3.4xlarge", NumberOfNodes=2)),
            (
                "create_cluster_subnet_group",
                {"ClusterSubnetGroupName": "s1", "Description": "d", "SubnetIds": ["subnet-0a1b2c3d"]},
                OTHER_ACCOUNT,
            ),
            ("authorize_endpoint_access", {"ClusterIdentifier": "c1", "Account": OTHER_ACCOUNT, "VpcIds": ["vpc-1"]}),
            ("authorize_endpoint_access", {"ClusterIdentifier": "c1", "Account": OTHER_ACCOUNT}),
            (
                "create_endpoint_access",
                {"ClusterIdentifier": "c1", "ResourceOwner": ACCOUNT, "EndpointName": "e1", "SubnetGroupName": "s1"},
                OTHER_ACCOUNT,
            ),
            ("describe_endpoint_authorization", {"Grantee": True}, OTHER_ACCOUNT),
            ("modify_endpoint_access", {"EndpointName": "e1", "VpcSecurityGroupIds": ["sg-1"]}, OTHER_ACCOUNT),
            ("describe_endpoint_access", {}, OTHER_ACCOUNT),
            ("revoke_endpoint_access", {"ClusterIdentifier": "c1", "Account": OTHER_ACCOUNT}),
            ("revoke_endpoint_access", {"ClusterIdentifier": "c1", "Account": OTHER_ACCOUNT, "Force": True}),
            ("delete_endpoint_access", {"EndpointName": "e1"}, OTHER_ACCOUNT),
        ]
    )
