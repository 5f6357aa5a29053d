"""CreateCluster: identifiers, node types and counts, the first automated
snapshot; every member of the model, each rule of AWS's page (doc), and the
choices where AWS is silent."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import (
    BAD_ID,
    BAD_IDENTIFIERS,
    NEW_CLUSTER,
    UTC,
    check_response,
    fails,
    make_cluster,
    ok,
    refused,
    two_doors,
)

# ---- CreateCluster -----------------------------------------------------------------------


def test_create_cluster_answers_creating_then_available(client):
    created = ok(client, "CreateCluster", ClusterIdentifier="c1", **NEW_CLUSTER)["Cluster"]
    assert created["ClusterIdentifier"] == "c1"
    assert created["ClusterStatus"] == "creating"
    (described,) = ok(client, "DescribeClusters")["Clusters"]
    assert described["ClusterStatus"] == "available"
    assert described["NodeType"] == "dc2.large"
    assert described["MasterUsername"] == "admin"
    assert described["DBName"] == "dev"
    assert described["Endpoint"]["Port"] == 5439
    assert described["AvailabilityZone"] == "us-east-1a"
    assert "MasterUserPassword" not in described


@pytest.mark.parametrize(
    "given,stored", [("My-Cluster", "my-cluster"), ("C1", "c1"), ("a" * 63, "a" * 63), ("abc-1-x", "abc-1-x")]
)
def test_cluster_identifiers_are_stored_lowercase(client, given, stored):
    assert ok(client, "CreateCluster", ClusterIdentifier=given, **NEW_CLUSTER)["Cluster"]["ClusterIdentifier"] == stored
    assert ok(client, "DescribeClusters", ClusterIdentifier=given.upper())["Clusters"][0]["ClusterIdentifier"] == stored
    fails(
        client,
        "CreateCluster",
        "ClusterAlreadyExists",
        "Cluster already exists",
        ClusterIdentifier=stored.upper(),
        **NEW_CLUSTER,
    )


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS + ["a" * 64])
def test_invalid_cluster_identifier(client, bad):
    fails(
        client,
        "CreateCluster",
        "InvalidParameterValue",
        BAD_ID.format("ClusterIdentifier"),
        ClusterIdentifier=bad,
        **NEW_CLUSTER,
    )
    assert client.describe_clusters()["Clusters"] == []
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_create_cluster_takes_an_automated_snapshot_named_by_the_time(client):
    start = datetime.datetime.now(UTC).replace(microsecond=0)
    ok(client, "CreateCluster", ClusterIdentifier="My-C1", **NEW_CLUSTER)
    end = datetime.datetime.now(UTC)
    (snap,) = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    match = re.fullmatch(r"rs:my-c1-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})", snap["SnapshotIdentifier"])
    assert match, snap["SnapshotIdentifier"]
    named = datetime.datetime.strptime(match.group(1), "%Y-%m-%d-%H-%M-%S").replace(tzinfo=UTC)
    assert start <= named <= end
    assert snap["SnapshotCreateTime"].replace(microsecond=0) == named
    assert snap["SnapshotType"] == "automated"
    assert snap["ClusterIdentifier"] == "my-c1"
    assert snap["Status"] == "available"
    assert "ManualSnapshotRetentionPeriod" not in snap
    assert snap["SnapshotArn"] == f"arn:aws:redshift:us-east-1:123456789012:snapshot:my-c1/{snap['SnapshotIdentifier']}"


def test_no_automated_snapshot_when_retention_is_zero(client):
    ok(client, "CreateCluster", ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=0, **NEW_CLUSTER)
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []
    assert ok(client, "DescribeClusters")["Clusters"][0]["AutomatedSnapshotRetentionPeriod"] == 0


def test_multi_node_cluster(client):
    c = ok(client, "CreateCluster", ClusterIdentifier="c1", ClusterType="multi-node", NumberOfNodes=3, **NEW_CLUSTER)[
        "Cluster"
    ]
    assert c["NumberOfNodes"] == 3
    snap = ok(client, "DescribeClusterSnapshots")["Snapshots"][0]
    assert snap["NumberOfNodes"] == 3


ROLE = "arn:aws:iam::123456789012:role/r1"
ROLE2 = "arn:aws:iam::123456789012:role/path/r2"
NEW = {"ClusterIdentifier": "c1", "NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}


def test_every_member_is_kept_and_answered(fake, client):
    fake.add_vpc("vpc-0a1b2c3d", {"subnet-0a1b2c3d": "us-east-1a", "subnet-1a2b3c4d": "us-east-1b"})
    client.create_cluster_subnet_group(
        ClusterSubnetGroupName="subnets", Description="d", SubnetIds=["subnet-0a1b2c3d", "subnet-1a2b3c4d"])
    client.create_cluster_parameter_group(
        ParameterGroupName="params", ParameterGroupFamily="redshift-1.0", Description="d")
    client.create_snapshot_schedule(ScheduleIdentifier="nightly", ScheduleDefinitions=["cron(0 2 *)"])
    response = client.create_cluster(
        ClusterIdentifier="Big-One",
        DBName="warehouse",
        ClusterType="multi-node",
        NodeType="ra3.4xlarge",
        NumberOfNodes=4,
        MasterUsername="etl_admin",
        MasterUserPassword="Secret123!",
        ClusterSecurityGroups=["default"],
        VpcSecurityGroupIds=["sg-1", "sg-2"],
        ClusterSubnetGroupName="subnets",
        AvailabilityZone="us-east-1b",
        PreferredMaintenanceWindow="Wed:07:30-Wed:08:00",
        ClusterParameterGroupName="params",
        AutomatedSnapshotRetentionPeriod=7,
        ManualSnapshotRetentionPeriod=30,
        Port=8192,
        ClusterVersion="1.0",
        AllowVersionUpgrade=False,
        PubliclyAccessible=True,
        Encrypted=True,
        KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k1",
        Tags=[{"Key": "team", "Value": "bi"}],
        EnhancedVpcRouting=True,
        AdditionalInfo="reserved",
        IamRoles=[ROLE, ROLE2],
        DefaultIamRoleArn=ROLE2,
        MaintenanceTrackName="trailing",
        SnapshotScheduleIdentifier="nightly",
        AvailabilityZoneRelocation=True,
        AquaConfigurationStatus="enabled",
        LoadSampleData="tickit",
        IpAddressType="dualstack",
        MultiAZ=True,
        CatalogName="sales",
        ExtraComputeForAutomaticOptimization=True,
    )
    check_response("CreateCluster", response)
    c = client.describe_clusters(ClusterIdentifier="big-one")["Clusters"][0]
    assert (c["ClusterIdentifier"], c["DBName"], c["NodeType"], c["NumberOfNodes"]) == (
        "big-one", "warehouse", "ra3.4xlarge", 4)
    assert c["MasterUsername"] == "etl_admin"
    assert c["ClusterSecurityGroups"] == [{"ClusterSecurityGroupName": "default", "Status": "active"}]
    assert [g["VpcSecurityGroupId"] for g in c["VpcSecurityGroups"]] == ["sg-1", "sg-2"]
    assert (c["ClusterSubnetGroupName"], c["VpcId"]) == ("subnets", "vpc-0a1b2c3d")
    assert c["AvailabilityZone"] == "us-east-1b"
    assert c["PreferredMaintenanceWindow"] == "wed:07:30-wed:08:00"
    (group,) = c["ClusterParameterGroups"]
    assert (group["ParameterGroupName"], group["ParameterApplyStatus"]) == ("params", "in-sync")
    assert (c["AutomatedSnapshotRetentionPeriod"], c["ManualSnapshotRetentionPeriod"]) == (7, 30)
    assert c["Endpoint"]["Port"] == 8192
    assert (c["ClusterVersion"], c["AllowVersionUpgrade"], c["PubliclyAccessible"]) == ("1.0", False, True)
    assert (c["Encrypted"], c["KmsKeyId"]) == (True, "arn:aws:kms:us-east-1:123456789012:key/k1")
    assert c["Tags"] == [{"Key": "team", "Value": "bi"}]
    assert c["EnhancedVpcRouting"] is True
    assert c["IamRoles"] == [
        {"IamRoleArn": ROLE, "ApplyStatus": "in-sync"},
        {"IamRoleArn": ROLE2, "ApplyStatus": "in-sync"},
    ]
    assert c["DefaultIamRoleArn"] == ROLE2
    # The trailing track runs the release before the current one (doc).
    assert (c["MaintenanceTrackName"], c["ClusterRevisionNumber"]) == ("trailing", "79000")
    assert (c["SnapshotScheduleIdentifier"], c["SnapshotScheduleState"]) == ("nightly", "ACTIVE")
    assert c["AvailabilityZoneRelocationStatus"] == "enabled"
    # AQUA is retired (doc): the configuration asked for is not set.
    assert c["AquaConfiguration"] == {"AquaStatus": "disabled", "AquaConfigurationStatus": "auto"}
    assert (c["IpAddressType"], c["MultiAZ"]) == ("dualstack", "Enabled")
    assert c["MultiAZSecondary"]["AvailabilityZone"] == "us-east-1c"
    assert c["LakehouseRegistrationStatus"] == "Registered"
    assert c["CatalogArn"] == "arn:aws:glue:us-east-1:123456789012:catalog/sales"
    assert c["ExtraComputeForAutomaticOptimization"] == "true"
    assert c["ElasticResizeNumberOfNodeOptions"] == "[2,3,5,6,7,8]"
    assert c["PendingModifiedValues"] == {} and c["PendingActions"] == []


def test_defaults(client, fake):
    c = make_cluster(client)
    assert c["ClusterStatus"] == "creating" and "Endpoint" not in c
    c = client.describe_clusters()["Clusters"][0]
    assert (c["DBName"], c["NumberOfNodes"], c["Endpoint"]["Port"]) == ("dev", 1, 5439)
    assert (c["AutomatedSnapshotRetentionPeriod"], c["ManualSnapshotRetentionPeriod"]) == (1, -1)
    assert (c["MaintenanceTrackName"], c["ClusterRevisionNumber"], c["ClusterVersion"]) == ("current", "80000", "1.0")
    assert c["PreferredMaintenanceWindow"] == "sat:10:00-sat:10:30"
    assert (c["AvailabilityZone"], c["IpAddressType"], c["MultiAZ"]) == ("us-east-1a", "ipv4", "Disabled")
    assert c["AllowVersionUpgrade"] is True and c["PubliclyAccessible"] is False
    assert c["IamRoles"] == [] and "DefaultIamRoleArn" not in c
    assert c["ClusterNodes"] == [c["ClusterNodes"][0]] and c["ClusterNodes"][0]["NodeRole"] == "SHARED"
    # A single-node cluster has no elastic resize options.
    assert "ElasticResizeNumberOfNodeOptions" not in c
    assert c["NextMaintenanceWindowStartTime"] > fake.clock.now()
    assert c["NextMaintenanceWindowStartTime"].strftime("%a %H:%M") == "Sat 10:00"


def test_managed_master_password(client):
    params = dict(NEW, ManageMasterPassword=True, MasterPasswordSecretKmsKeyId="alias/secrets")
    del params["MasterUserPassword"]
    c = client.create_cluster(**params)["Cluster"]
    assert c["MasterPasswordSecretArn"].startswith(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift!c1-admin-")
    assert c["MasterPasswordSecretKmsKeyId"] == "alias/secrets"


@pytest.mark.parametrize(
    "members, code, message",
    [
        ({"DBName": "Sales"}, "InvalidParameterValue", None),
        ({"DBName": "select"}, "InvalidParameterValue", None),
        ({"NodeType": "ds2.xlarge"}, "InvalidParameterValue", "Invalid node type: ds2.xlarge"),
        ({"NumberOfNodes": 0}, "InvalidParameterValue", None),
        ({"ClusterType": "multi-node"}, "InvalidParameterValue",
         "Number of nodes for cluster type multi-node must be greater than or equal to 2"),
        ({"ClusterType": "multi-node", "NumberOfNodes": 33}, "NumberOfNodesPerClusterLimitExceeded", None),
        ({"NodeType": "dc2.8xlarge"}, "InvalidParameterValue", None),
        ({"MasterUsername": "Admin"}, "InvalidParameterValue", None),
        ({"MasterUsername": "public"}, "InvalidParameterValue", None),
        ({"MasterUsername": "user"}, "InvalidParameterValue", None),
        ({"MasterUserPassword": "password"}, "InvalidParameterValue", None),
        ({"MasterUserPassword": "Secret/123"}, "InvalidParameterValue", None),
        ({"MasterUserPassword": None}, "InvalidParameterCombination",
         "MasterUserPassword must be specified unless ManageMasterPassword is true."),
        ({"ManageMasterPassword": True}, "InvalidParameterCombination",
         "You can't use MasterUserPassword if ManageMasterPassword is true."),
        ({"MasterPasswordSecretKmsKeyId": "k"}, "InvalidParameterCombination", None),
        ({"AvailabilityZone": "eu-west-1a"}, "InvalidParameterValue", None),
        ({"PreferredMaintenanceWindow": "sat:10:00-sat:10:20"}, "InvalidParameterValue", None),
        ({"PreferredMaintenanceWindow": "saturday"}, "InvalidParameterValue", None),
        ({"AutomatedSnapshotRetentionPeriod": 36}, "InvalidRetentionPeriodFault", None),
        ({"NodeType": "ra3.xlplus", "AutomatedSnapshotRetentionPeriod": 0}, "InvalidParameterCombination", None),
        ({"ManualSnapshotRetentionPeriod": 0}, "InvalidRetentionPeriodFault", None),
        ({"Port": 80}, "InvalidParameterValue", None),
        ({"NodeType": "ra3.xlplus", "Port": 5439 + 100}, "InvalidParameterValue", None),
        ({"ClusterVersion": "2.0"}, "InvalidParameterValue", None),
        ({"ElasticIp": "1.2.3"}, "InvalidElasticIpFault", None),
        ({"ElasticIp": "52.1.2.3"}, "InvalidParameterCombination", None),
        ({"ElasticIp": "52.1.2.3", "PubliclyAccessible": True, "NodeType": "ra3.xlplus",
          "AvailabilityZoneRelocation": True}, "InvalidParameterCombination", None),
        ({"Tags": [{"Key": "aws:x", "Value": "v"}]}, "InvalidTagFault", None),
        ({"IamRoles": ["arn:aws:iam::123456789012:user/u"]}, "InvalidParameterValue", None),
        ({"IamRoles": [f"arn:aws:iam::123456789012:role/r{i}" for i in range(51)]}, "InvalidParameterValue", None),
        ({"DefaultIamRoleArn": ROLE}, "InvalidParameterCombination", None),
        ({"MaintenanceTrackName": "preview"}, "InvalidClusterTrack", None),
        ({"AvailabilityZoneRelocation": True}, "UnsupportedOperation", None),
        ({"IpAddressType": "ipv6"}, "InvalidParameterValue", None),
        ({"MultiAZ": True}, "UnsupportedOperation", None),
    ],
)
def test_refusals(fake, client, members, code, message):
    params = {k: v for k, v in {**NEW, **members}.items() if v is not None}
    refused(fake, lambda: client.create_cluster(**params), code, message)


def test_identifier_taken_and_node_quota(fake, client):
    make_cluster(client)
    refused(fake, lambda: client.create_cluster(**dict(NEW, ClusterIdentifier="C1")), "ClusterAlreadyExists")
    # 200 nodes an account may have in a region (doc: Amazon Redshift quotas).
    make_cluster(client, "big", NodeType="ra3.16xlarge", NumberOfNodes=128)
    make_cluster(client, "mid", NodeType="ra3.4xlarge", NumberOfNodes=64)
    refused(fake, lambda: client.create_cluster(**dict(NEW, ClusterIdentifier="more", NumberOfNodes=8)),
            "NumberOfNodesQuotaExceeded")
    make_cluster(client, "last", NumberOfNodes=7)
    assert sum(c["NumberOfNodes"] for c in client.describe_clusters()["Clusters"]) == 200


def test_two_doors_agree():
    two_doors([
        ("create_cluster", dict(NEW, NodeType="ra3.xlplus", MultiAZ=True, IamRoles=[ROLE], Port=5440)),
        ("create_cluster", dict(NEW, DBName="Bad")),
        ("create_cluster", dict(NEW, ClusterIdentifier="c2", MasterUserPassword="weak")),
        ("create_cluster", dict(NEW, ClusterIdentifier="c3", MaintenanceTrackName="nope")),
        ("create_cluster", dict(NEW, ClusterIdentifier="c4", MasterUsername=5)),
        ("describe_clusters", {}),
    ])
