"""What the cluster operations do to the rest of the account: the groups,
schedules and keys they name must exist (doc), the events their transitions
record, and what follows a cluster when it is renamed."""

from __future__ import annotations

import datetime
import functools

import pytest

from cluster_helpers import T0, cluster_of, world
from conftest import make_cluster, refused

ROLE = "arn:aws:iam::123456789012:role/r"


def messages(client, identifier="c1"):
    events = client.describe_events(SourceType="cluster", SourceIdentifier=identifier, Duration=60 * 24 * 14)
    return [e["Message"] for e in events["Events"]]


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ClusterParameterGroupName": "nope"}, "ClusterParameterGroupNotFound"),
        ({"ClusterSecurityGroups": ["nope"]}, "ClusterSecurityGroupNotFound"),
        ({"ClusterSubnetGroupName": "nope"}, "ClusterSubnetGroupNotFoundFault"),
        ({"SnapshotScheduleIdentifier": "nope"}, "SnapshotScheduleNotFound"),
    ],
)
def test_a_new_cluster_names_what_exists(members, code):
    fake, client = world()
    refused(fake, lambda: make_cluster(client, **members), code)


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ClusterParameterGroupName": "nope"}, "ClusterParameterGroupNotFound"),
        ({"ClusterSecurityGroups": ["default", "nope"]}, "ClusterSecurityGroupNotFound"),
    ],
)
def test_a_modification_names_what_exists(members, code):
    fake, client = world()
    make_cluster(client)
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", **members), code)


def test_a_cluster_in_a_subnet_group_is_in_its_vpc_and_zones():
    fake, client = world()
    fake.add_vpc("vpc-0a1b2c3d", {"subnet-0a1b2c3d": "us-east-1b"})
    client.create_cluster_subnet_group(ClusterSubnetGroupName="g", Description="d", SubnetIds=["subnet-0a1b2c3d"])
    c = make_cluster(client, NodeType="ra3.xlplus", ClusterSubnetGroupName="g", AvailabilityZoneRelocation=True)
    assert (c["VpcId"], c["AvailabilityZone"]) == ("vpc-0a1b2c3d", "us-east-1b")
    refused(fake, lambda: make_cluster(client, "c2", ClusterSubnetGroupName="g", AvailabilityZone="us-east-1a"),
            "InvalidVPCNetworkStateFault")
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="c1", AvailabilityZone="us-east-1c"),
            "InvalidVPCNetworkStateFault")
    # A restore into the group takes the group's zone, not the snapshot's.
    make_cluster(client, "plain", NodeType="ra3.xlplus")
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="plain")
    restored = client.restore_from_cluster_snapshot(ClusterIdentifier="r1", SnapshotIdentifier="s1",
                                                    ClusterSubnetGroupName="g")["Cluster"]
    assert (restored["VpcId"], restored["AvailabilityZone"]) == ("vpc-0a1b2c3d", "us-east-1b")


def test_a_new_cluster_follows_its_snapshot_schedule():
    fake, client = world()
    client.create_snapshot_schedule(ScheduleIdentifier="nightly", ScheduleDefinitions=["cron(0 2 *)"])
    make_cluster(client, SnapshotScheduleIdentifier="nightly", AutomatedSnapshotRetentionPeriod=7)
    c = cluster_of(client)
    assert (c["SnapshotScheduleIdentifier"], c["SnapshotScheduleState"]) == ("nightly", "ACTIVE")
    assert c["ExpectedNextSnapshotScheduleTime"] == datetime.datetime(2030, 1, 4, 2, 0, tzinfo=datetime.timezone.utc)
    fake.clock.advance(datetime.timedelta(days=2))
    automated = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    assert [s["SnapshotCreateTime"].hour for s in automated] == [12, 2, 2]


def test_each_transition_records_its_events():
    fake, client = world()
    make_cluster(client, NodeType="ra3.xlplus", NumberOfNodes=2)
    client.pause_cluster(ClusterIdentifier="c1")
    client.resume_cluster(ClusterIdentifier="c1")
    client.reboot_cluster(ClusterIdentifier="c1")
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4)
    assert messages(client) == [
        "Amazon Redshift cluster 'c1' has been created at 2030-01-03 12:00 UTC and is ready for use.",
        "The cluster 'c1' pause operation started at 2030-01-03 12:00 UTC.",
        "Amazon Redshift cluster 'c1' was successfully paused at 2030-01-03 12:00 UTC.",
        "The cluster 'c1' resume operation started at 2030-01-03 12:00 UTC.",
        "Amazon Redshift cluster 'c1' was successfully resumed at 2030-01-03 12:00 UTC.",
        "Cluster 'c1' rebooted at 2030-01-03 12:00 UTC.",
        "Cluster 'c1' resize started at 2030-01-03 12:00 UTC. Cluster is in read-only mode.",
        "Cluster 'c1' resize completed at 2030-01-03 12:00 UTC. Cluster is available for both reads and writes.",
    ]


def test_a_modification_records_what_it_changed():
    fake, client = world()
    make_cluster(client)
    client.create_cluster_parameter_group(ParameterGroupName="pg", ParameterGroupFamily="redshift-1.0",
                                          Description="d")
    client.modify_cluster(ClusterIdentifier="c1", ClusterParameterGroupName="pg", MasterUserPassword="Changed123",
                          VpcSecurityGroupIds=["sg-1"])
    # The same values again change nothing and record nothing.
    client.modify_cluster(ClusterIdentifier="c1", ClusterParameterGroupName="pg", VpcSecurityGroupIds=["sg-1"])
    assert messages(client)[1:] == [
        "Cluster 'c1' parameter group changed to 'pg' at 2030-01-03 12:00 UTC.",
        "Master credentials updated for cluster 'c1' at 2030-01-03 12:00 UTC.",
        "VPC security groups for cluster 'c1' updated at 2030-01-03 12:00 UTC.",
    ]
    assert cluster_of(client)["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "pending-reboot"
    client.reboot_cluster(ClusterIdentifier="c1")
    assert cluster_of(client)["ClusterParameterGroups"][0]["ParameterApplyStatus"] == "in-sync"


def test_a_renamed_cluster_keeps_its_usage_limits_logging_and_snapshot_plan():
    fake, client = world(cluster_modifying_seconds=60)
    make_cluster(client)
    limit = client.create_usage_limit(ClusterIdentifier="c1", FeatureType="spectrum", LimitType="data-scanned",
                                      Amount=10)["UsageLimitId"]
    client.enable_logging(ClusterIdentifier="c1", LogDestinationType="cloudwatch", LogExports=["userlog"])
    client.modify_cluster(ClusterIdentifier="c1", NewClusterIdentifier="c2")
    fake.clock.advance(60)
    assert client.describe_usage_limits(UsageLimitId=limit)["UsageLimits"][0]["ClusterIdentifier"] == "c2"
    assert client.describe_logging_status(ClusterIdentifier="c2")["LoggingEnabled"] is True
    assert messages(client, "c2") == ["Cluster renamed to 'c2' at 2030-01-03 12:01 UTC."]
    # Its automated snapshots go on under the new name.
    fake.clock.advance(datetime.timedelta(hours=8))
    newest = client.describe_cluster_snapshots(ClusterIdentifier="c2", SnapshotType="automated")["Snapshots"][-1]
    assert newest["SnapshotCreateTime"] == T0 + datetime.timedelta(hours=8)


HSM_CONFIGURATION = dict(Description="d", HsmIpAddress="10.0.0.1", HsmPartitionName="p", HsmPartitionPassword="x",
                         HsmServerPublicCertificate="y")


def test_hsm_names_must_exist_and_are_held_while_in_use():
    fake, client = world()
    for members, code in [
        ({"HsmClientCertificateIdentifier": "cert"}, "HsmClientCertificateNotFoundFault"),
        ({"HsmConfigurationIdentifier": "conf"}, "HsmConfigurationNotFoundFault"),
    ]:
        refused(fake, functools.partial(make_cluster, client, **members), code)
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="cert")
    client.create_hsm_configuration(HsmConfigurationIdentifier="conf", **HSM_CONFIGURATION)
    make_cluster(client, "plain")
    refused(fake, lambda: client.modify_cluster(ClusterIdentifier="plain", HsmConfigurationIdentifier="nope"),
            "HsmConfigurationNotFoundFault")
    c = make_cluster(client, HsmClientCertificateIdentifier="cert", HsmConfigurationIdentifier="conf")
    assert c["HsmStatus"]["HsmConfigurationIdentifier"] == "conf" and c["Encrypted"] is True
    refused(fake, lambda: client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="cert"),
            "InvalidHsmClientCertificateStateFault")
    refused(fake, lambda: client.delete_hsm_configuration(HsmConfigurationIdentifier="conf"),
            "InvalidHsmConfigurationStateFault")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="cert")


def test_a_custom_domain_shows_on_its_cluster_gives_credentials_and_follows_it():
    fake, client = world(cluster_modifying_seconds=60)
    make_cluster(client)
    certificate = "arn:aws:acm:us-east-1:123456789012:certificate/c"
    client.create_custom_domain_association(ClusterIdentifier="c1", CustomDomainName="dw.example.com",
                                            CustomDomainCertificateArn=certificate)
    c = cluster_of(client)
    assert (c["CustomDomainName"], c["CustomDomainCertificateArn"]) == ("dw.example.com", certificate)
    assert "CustomDomainCertificateExpiryDate" in c
    credentials = client.get_cluster_credentials(CustomDomainName="DW.example.com", DbUser="u")
    assert credentials["DbUser"] == "IAM:u"
    refused(fake, lambda: client.get_cluster_credentials(CustomDomainName="other.example.com", DbUser="u"),
            "ClusterNotFound", "No cluster has the custom domain name other.example.com.")
    client.modify_cluster(ClusterIdentifier="c1", NewClusterIdentifier="c2")
    fake.clock.advance(60)
    assert cluster_of(client, "c2")["CustomDomainName"] == "dw.example.com"
    (association,) = client.describe_custom_domain_associations()["Associations"]
    assert association["CertificateAssociations"][0]["ClusterIdentifier"] == "c2"
    # It goes with its cluster.
    client.delete_cluster(ClusterIdentifier="c2", SkipFinalClusterSnapshot=True)
    assert client.describe_custom_domain_associations().get("Associations", []) == []


def test_an_identity_center_application_must_exist():
    fake, client = world()
    arn = "arn:aws:redshift:us-east-1:123456789012:redshiftidcapplication:nope"
    refused(fake, lambda: make_cluster(client, RedshiftIdcApplicationArn=arn), "RedshiftIdcApplicationNotExists")
    app = client.create_redshift_idc_application(
        IdcInstanceArn="arn:aws:sso:::instance/ssoins-1", RedshiftIdcApplicationName="app", IdcDisplayName="d",
        IamRoleArn=ROLE)["RedshiftIdcApplication"]["RedshiftIdcApplicationArn"]
    make_cluster(client, NodeType="ra3.xlplus", RedshiftIdcApplicationArn=app)
    client.modify_lakehouse_configuration(ClusterIdentifier="c1", LakehouseRegistration="Register", CatalogName="cat")
    refused(fake, lambda: client.modify_lakehouse_configuration(
        ClusterIdentifier="c1", LakehouseIdcRegistration="Associate", LakehouseIdcApplicationArn=arn),
        "RedshiftIdcApplicationNotExists")
    answer = client.modify_lakehouse_configuration(
        ClusterIdentifier="c1", LakehouseIdcRegistration="Associate", LakehouseIdcApplicationArn=app)
    assert answer["LakehouseIdcApplicationArn"] == app


def offering(client, node_type):
    offerings = client.describe_reserved_node_offerings()["ReservedNodeOfferings"]
    return next(o for o in offerings if o["NodeType"] == node_type and o["Duration"] == 31_536_000
                and o["OfferingType"] == "All Upfront")


def test_a_resize_and_a_restore_exchange_the_reserved_node_they_name():
    fake, client = world()
    node = client.purchase_reserved_node_offering(
        ReservedNodeOfferingId=offering(client, "dc2.large")["ReservedNodeOfferingId"])["ReservedNode"]
    make_cluster(client, NumberOfNodes=2)
    ra3 = offering(client, "ra3.large")["ReservedNodeOfferingId"]
    resize = dict(ClusterIdentifier="c1", NodeType="ra3.large", NumberOfNodes=2, Classic=True)
    for members, code in [
        ({"ReservedNodeId": node["ReservedNodeId"]}, "InvalidParameterCombination"),
        ({"ReservedNodeId": node["ReservedNodeId"], "TargetReservedNodeOfferingId": "nope"},
         "ReservedNodeOfferingNotFound"),
        ({"ReservedNodeId": "nope", "TargetReservedNodeOfferingId": ra3}, "ReservedNodeNotFound"),
        # An offering of another node type than the cluster's new one.
        ({"ReservedNodeId": node["ReservedNodeId"],
          "TargetReservedNodeOfferingId": offering(client, "ra3.xlplus")["ReservedNodeOfferingId"]},
         "ReservedNodeOfferingNotFound"),
    ]:
        refused(fake, functools.partial(client.resize_cluster, **resize, **members), code)
    client.resize_cluster(**resize, ReservedNodeId=node["ReservedNodeId"], TargetReservedNodeOfferingId=ra3)
    (exchange,) = client.describe_reserved_node_exchange_status()["ReservedNodeExchangeStatusDetails"]
    assert (exchange["SourceReservedNodeId"], exchange["TargetReservedNodeCount"]) == (node["ReservedNodeId"], 2)
    again = dict(resize, NumberOfNodes=4)
    refused(fake, lambda: client.resize_cluster(**again, ReservedNodeId=node["ReservedNodeId"],
                                                TargetReservedNodeOfferingId=ra3), "ReservedNodeAlreadyMigrated")
    # A restore exchanges another.
    other = client.purchase_reserved_node_offering(
        ReservedNodeOfferingId=offering(client, "dc2.large")["ReservedNodeOfferingId"])["ReservedNode"]
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.restore_from_cluster_snapshot(ClusterIdentifier="r1", SnapshotIdentifier="s1", NodeType="ra3.large",
                                         NumberOfNodes=2, ReservedNodeId=other["ReservedNodeId"],
                                         TargetReservedNodeOfferingId=ra3)
    assert len(client.describe_reserved_node_exchange_status()["ReservedNodeExchangeStatusDetails"]) == 2
