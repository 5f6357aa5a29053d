"""Cluster subnet groups, the VPCs and subnets a test declares, and the VPC
of the clusters in a group and of their snapshots."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import NEW_CLUSTER, OTHER_ACCOUNT, check_response, doors_agree, make_cluster, refused

A, B, C = "subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-0123456789abcdef0"
VPC, OTHER_VPC = "vpc-0a1b2c3d", "vpc-9f8e7d6c"


def create(client, name="sg1", subnets=(A, B), **members):
    params = {"ClusterSubnetGroupName": name, "Description": "mine", "SubnetIds": list(subnets), **members}
    return client.create_cluster_subnet_group(**params)


@pytest.fixture
def declared(fake):
    """A world with two VPCs declared in us-east-1."""
    fake.add_vpc(VPC, {A: "us-east-1a", B: "us-east-1b"})
    fake.add_vpc(OTHER_VPC, {C: "us-east-1c"})
    return fake


def test_create_answers_the_group_with_its_vpc_and_zones(declared, client):
    answer = create(client, "My-Group", Tags=[{"Key": "k", "Value": "v"}])
    check_response("CreateClusterSubnetGroup", answer)
    assert answer["ClusterSubnetGroup"] == {
        "ClusterSubnetGroupName": "my-group",
        "Description": "mine",
        "VpcId": VPC,
        "SubnetGroupStatus": "Complete",
        "Subnets": [
            {"SubnetIdentifier": A, "SubnetAvailabilityZone": {"Name": "us-east-1a"}, "SubnetStatus": "Active"},
            {"SubnetIdentifier": B, "SubnetAvailabilityZone": {"Name": "us-east-1b"}, "SubnetStatus": "Active"},
        ],
        "Tags": [{"Key": "k", "Value": "v"}],
        "SupportedClusterIpAddressTypes": ["ipv4"],
    }


def test_undeclared_subnets_are_in_the_accounts_one_vpc(fake, client):
    group = create(client)["ClusterSubnetGroup"]
    assert group["VpcId"].startswith("vpc-")
    assert {s["SubnetAvailabilityZone"]["Name"] for s in group["Subnets"]} <= {"us-east-1a", "us-east-1b", "us-east-1c"}
    again = create(client, "sg2", [C])["ClusterSubnetGroup"]
    assert again["VpcId"] == group["VpcId"]
    theirs = create(fake.client(account_id=OTHER_ACCOUNT))["ClusterSubnetGroup"]
    assert theirs["VpcId"] != group["VpcId"]


@pytest.mark.parametrize("subnet", ["subnet-xyz", "sg-0a1b2c3d", "subnet-0A1B2C3D", "subnet-0a1b2c3"])
def test_a_malformed_subnet_is_invalid(fake, client, subnet):
    refused(fake, lambda: create(client, subnets=[subnet]), "InvalidSubnet")


def test_once_a_vpc_is_declared_subnets_must_be(declared, client):
    refused(declared, lambda: create(client, subnets=[A, "subnet-99999999"]), "InvalidSubnet")


def test_subnets_must_share_a_vpc(declared, client):
    e = refused(declared, lambda: create(client, subnets=[A, C]), "InvalidSubnet")
    assert VPC in e.response["Error"]["Message"] and OTHER_VPC in e.response["Error"]["Message"]


def test_a_vpc_declared_in_one_region_has_no_subnets_in_another(declared):
    other = declared.client("eu-west-1")
    refused(declared, lambda: create(other), "InvalidSubnet")


def test_at_least_one_and_at_most_20_subnets(fake, client):
    refused(fake, lambda: create(client, subnets=[]), "InvalidSubnet")
    many = [f"subnet-{i:08x}" for i in range(21)]
    e = refused(fake, lambda: create(client, subnets=many), "ClusterSubnetQuotaExceededFault")
    assert type(e).__name__ == "ClusterSubnetQuotaExceededFault"
    create(client, subnets=many[:20])


@pytest.mark.parametrize("name", ["", "Default", "default", "a_b", "a b", "x" * 256])
def test_names_follow_the_documented_rules(fake, client, name):
    refused(fake, lambda: create(client, name), "InvalidParameterValue")


def test_a_taken_name_and_the_quota(fake, client):
    create(client)
    refused(fake, lambda: create(client, "SG1"), "ClusterSubnetGroupAlreadyExists")
    small = redshift_fake.FakeRedshift(subnet_group_quota=1)
    create(small.client())
    refused(small, lambda: create(small.client(), "sg2"), "ClusterSubnetGroupQuotaExceeded")


def test_describe_by_name_tags_and_not_found(fake, client):
    create(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    create(client, "b")
    answer = client.describe_cluster_subnet_groups()
    check_response("DescribeClusterSubnetGroups", answer)
    assert [g["ClusterSubnetGroupName"] for g in answer["ClusterSubnetGroups"]] == ["a", "b"]
    assert [
        g["ClusterSubnetGroupName"]
        for g in client.describe_cluster_subnet_groups(TagKeys=["env"])["ClusterSubnetGroups"]
    ] == ["a"]
    assert len(client.describe_cluster_subnet_groups(ClusterSubnetGroupName="B")["ClusterSubnetGroups"]) == 1
    e = refused(
        fake,
        lambda: client.describe_cluster_subnet_groups(ClusterSubnetGroupName="nope"),
        "ClusterSubnetGroupNotFoundFault",
    )
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    tagged = client.describe_tags(ResourceType="subnet group")["TaggedResources"]
    assert [t["ResourceName"] for t in tagged] == ["arn:aws:redshift:us-east-1:123456789012:subnetgroup:a"]


def test_modify_replaces_the_subnets(declared, client):
    create(client)
    answer = client.modify_cluster_subnet_group(ClusterSubnetGroupName="sg1", SubnetIds=[C], Description="new")
    check_response("ModifyClusterSubnetGroup", answer)
    group = answer["ClusterSubnetGroup"]
    assert (group["VpcId"], [s["SubnetIdentifier"] for s in group["Subnets"]], group["Description"]) == (
        OTHER_VPC,
        [C],
        "new",
    )
    refused(
        declared,
        lambda: client.modify_cluster_subnet_group(ClusterSubnetGroupName="nope", SubnetIds=[C]),
        "ClusterSubnetGroupNotFoundFault",
    )
    refused(
        declared,
        lambda: client.modify_cluster_subnet_group(ClusterSubnetGroupName="sg1", SubnetIds=["x"]),
        "InvalidSubnet",
    )


def test_a_group_clusters_are_in_keeps_its_vpc(declared, client):
    create(client)
    make_cluster(client, ClusterSubnetGroupName="sg1")
    refused(
        declared,
        lambda: client.modify_cluster_subnet_group(ClusterSubnetGroupName="sg1", SubnetIds=[C]),
        "InvalidSubnet",
    )
    client.modify_cluster_subnet_group(ClusterSubnetGroupName="sg1", SubnetIds=[B])


def test_delete_and_in_use(declared, client):
    create(client)
    create(client, "sg2")
    make_cluster(client, ClusterSubnetGroupName="sg1")
    refused(
        declared,
        lambda: client.delete_cluster_subnet_group(ClusterSubnetGroupName="sg1"),
        "InvalidClusterSubnetGroupStateFault",
    )
    client.delete_cluster_subnet_group(ClusterSubnetGroupName="SG2")
    refused(
        declared,
        lambda: client.delete_cluster_subnet_group(ClusterSubnetGroupName="sg2"),
        "ClusterSubnetGroupNotFoundFault",
    )


# ---- clusters in a subnet group ----


def test_a_cluster_in_a_group_is_in_its_vpc_and_so_are_its_snapshots(declared, client):
    create(client)
    cluster = make_cluster(client, ClusterSubnetGroupName="SG1")
    assert (cluster["ClusterSubnetGroupName"], cluster["VpcId"], cluster["AvailabilityZone"]) == (
        "sg1",
        VPC,
        "us-east-1a",
    )
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    snapshots = client.describe_cluster_snapshots(ClusterIdentifier="c1")["Snapshots"]
    assert {s["VpcId"] for s in snapshots} == {VPC}
    restored = client.restore_from_cluster_snapshot(
        ClusterIdentifier="r1", SnapshotIdentifier="s1", ClusterSubnetGroupName="sg1", AvailabilityZone="us-east-1b"
    )["Cluster"]
    assert (restored["VpcId"], restored["AvailabilityZone"]) == (VPC, "us-east-1b")


def test_a_cluster_outside_a_group_has_no_vpc(client):
    assert "VpcId" not in make_cluster(client)


def test_a_zone_the_group_does_not_cover_is_refused(declared, client):
    create(client)
    refused(
        declared,
        lambda: make_cluster(client, ClusterSubnetGroupName="sg1", AvailabilityZone="us-east-1c"),
        "InvalidVPCNetworkStateFault",
    )


def test_create_and_restore_refuse_a_group_that_does_not_exist(fake, client):
    refused(fake, lambda: make_cluster(client, ClusterSubnetGroupName="nope"), "ClusterSubnetGroupNotFoundFault")
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    for member in ("ClusterSubnetGroupName", "ClusterParameterGroupName"):
        code = (
            "ClusterSubnetGroupNotFoundFault" if member.startswith("ClusterSubnet") else "ClusterParameterGroupNotFound"
        )
        refused(
            fake,
            lambda m=member: client.restore_from_cluster_snapshot(
                ClusterIdentifier="r1", SnapshotIdentifier="s1", **{m: "nope"}
            ),
            code,
        )
    refused(
        fake,
        lambda: client.restore_from_cluster_snapshot(
            ClusterIdentifier="r1", SnapshotIdentifier="s1", ClusterSecurityGroups=["nope"]
        ),
        "ClusterSecurityGroupNotFound",
    )


# ---- the declarations ----


@pytest.mark.parametrize(
    "vpc, subnets, region",
    [
        ("vpc-xyz", {A: "us-east-1a"}, "us-east-1"),
        (VPC, {"subnet-1": "us-east-1a"}, "us-east-1"),
        (VPC, {A: "eu-west-1a"}, "us-east-1"),
        (VPC, {A: "us-east-1"}, "us-east-1"),
    ],
)
def test_a_malformed_declaration_is_a_value_error(fake, vpc, subnets, region):
    with pytest.raises(ValueError):
        fake.add_vpc(vpc, subnets, region_name=region)


def test_a_subnet_belongs_to_one_vpc(declared):
    with pytest.raises(ValueError, match="already in"):
        declared.add_vpc(OTHER_VPC, {A: "us-east-1a"})
    declared.add_vpc(VPC, {"subnet-2a2b2c2d": "us-east-1b"})  # adds to the VPC
    declared.add_vpc(VPC, {A: "us-east-1a"}, account_id=OTHER_ACCOUNT)  # another account's VPC
    with pytest.raises(TypeError):
        declared.add_vpc(VPC, [A])  # type: ignore[arg-type]


def test_declarations_are_saved_and_reset(declared, tmp_path):
    declared.save(tmp_path / "w.json")
    copy = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    refused(copy, lambda: create(copy.client(), subnets=["subnet-99999999"]), "InvalidSubnet")
    copy.reset()
    create(copy.client(), subnets=["subnet-99999999"])


def test_both_doors_agree():
    def scenario(call, fake):
        fake.add_vpc(VPC, {A: "us-east-1a", B: "us-east-1b"})
        call("create_cluster_subnet_group", ClusterSubnetGroupName="sg1", Description="d", SubnetIds=[A, B])
        call("create_cluster_subnet_group", ClusterSubnetGroupName="sg2", Description="d", SubnetIds=[C])
        call(
            "create_cluster",
            ClusterIdentifier="c1",
            **NEW_CLUSTER,
            ClusterSubnetGroupName="sg1",
        )
        call("describe_cluster_subnet_groups")
        call("modify_cluster_subnet_group", ClusterSubnetGroupName="sg1", SubnetIds=[B])
        call("delete_cluster_subnet_group", ClusterSubnetGroupName="sg1")
        call("describe_cluster_snapshots", ClusterIdentifier="c1")

    doors_agree(scenario)


def test_once_kms_keys_are_declared_a_clusters_key_must_be(fake, client):
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    make_cluster(client, "c0", KmsKeyId="anything-while-none-is-declared")
    fake.add_kms_key(key)
    for name in (key, "1234abcd-12ab-34cd-56ef-1234567890ab"):
        make_cluster(client, f"c-{len(name)}", KmsKeyId=name)
    refused(
        fake,
        lambda: make_cluster(client, "c9", KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/other"),
        "InvalidParameterValue",
    )
    with pytest.raises(ValueError):
        fake.add_kms_key("key/1234")
