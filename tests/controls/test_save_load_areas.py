"""save/load of the resource types beyond clusters and snapshots: every
kind round-trips, transitions on their way keep their wake-ups, and a file
holding what the API could not have made is refused naming where."""

from __future__ import annotations

import datetime
import json

import pytest

import redshift_fake
from conftest import OTHER_ACCOUNT, make_cluster, world_state

ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID
INSTANCE = "arn:aws:sso:::instance/ssoins-1"


def build_world() -> redshift_fake.FakeRedshift:
    """One of each kind, with transitions of each timed kind under way."""
    fake = redshift_fake.FakeRedshift(
        endpoint_creation_seconds=60,
        endpoint_deletion_seconds=60,
        integration_creation_seconds=60,
        reserved_node_payment_seconds=60,
        reserved_node_exchange_seconds=60,
    )
    fake.clock.set(datetime.datetime(2030, 1, 1))
    owner, other = fake.client(), fake.client(account_id=OTHER_ACCOUNT)
    make_cluster(owner, "c1", NodeType="ra3.xlplus")
    make_cluster(other, "c2", NodeType="ra3.xlplus")
    namespace = owner.describe_clusters()["Clusters"][0]["ClusterNamespaceArn"]
    owner.create_hsm_client_certificate(HsmClientCertificateIdentifier="cert", Tags=[{"Key": "k", "Value": "v"}])
    owner.create_hsm_configuration(
        HsmConfigurationIdentifier="conf",
        Description="d",
        HsmIpAddress="10.0.0.1",
        HsmPartitionName="p",
        HsmPartitionPassword="x",
        HsmServerPublicCertificate="y",
    )
    owner.create_authentication_profile(AuthenticationProfileName="Prof", AuthenticationProfileContent='{"a": 1}')
    owner.put_resource_policy(
        ResourceArn=namespace,
        Policy=json.dumps({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "redshift:*"}}),
    )
    owner.create_integration(SourceArn="arn:aws:s3:::b", TargetArn=namespace, IntegrationName="i1")
    owner.add_partner(AccountId=ACCOUNT, ClusterIdentifier="c1", DatabaseName="dev", PartnerName="p")
    share = fake.create_data_share("c1", "s", consumers=[OTHER_ACCOUNT])
    owner.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    other.associate_data_share_consumer(DataShareArn=share, AssociateEntireAccount=True)
    owner.create_custom_domain_association(
        ClusterIdentifier="c1",
        CustomDomainName="dw.example.com",
        CustomDomainCertificateArn="arn:aws:acm:us-east-1:123456789012:certificate/c",
    )
    owner.authorize_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT)
    for client in (owner, other):
        client.create_cluster_subnet_group(ClusterSubnetGroupName="s", Description="d", SubnetIds=["subnet-0a1b2c3d"])
    other.create_endpoint_access(ClusterIdentifier="c1", ResourceOwner=ACCOUNT, EndpointName="e1", SubnetGroupName="s")
    owner.create_endpoint_access(ClusterIdentifier="c1", EndpointName="e2", SubnetGroupName="s")
    offerings = owner.describe_reserved_node_offerings()["ReservedNodeOfferings"]
    dc1 = next(o for o in offerings if o["NodeType"] == "dc1.large")
    node = owner.purchase_reserved_node_offering(ReservedNodeOfferingId=dc1["ReservedNodeOfferingId"])["ReservedNode"]
    fake.clock.advance(60)
    target = owner.get_reserved_node_exchange_offerings(ReservedNodeId=node["ReservedNodeId"])["ReservedNodeOfferings"]
    owner.accept_reserved_node_exchange(
        ReservedNodeId=node["ReservedNodeId"], TargetReservedNodeOfferingId=target[0]["ReservedNodeOfferingId"]
    )
    owner.purchase_reserved_node_offering(ReservedNodeOfferingId=offerings[0]["ReservedNodeOfferingId"])
    owner.create_redshift_idc_application(
        IdcInstanceArn=INSTANCE, RedshiftIdcApplicationName="app", IdcDisplayName="d", IamRoleArn="r"
    )
    owner.create_qev2_idc_application(IdcInstanceArn=INSTANCE, Qev2IdcApplicationName="qe", IdcDisplayName="d")
    owner.revoke_endpoint_access(ClusterIdentifier="c1", Account=OTHER_ACCOUNT, Force=True)
    owner.create_integration(SourceArn="arn:aws:s3:::c", TargetArn=namespace, IntegrationName="i2")
    return fake


def test_every_kind_round_trips_and_runs_on(tmp_path):
    fake = build_world()
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    assert world_state(loaded) == world_state(fake)
    for world in (fake, loaded):
        world.clock.advance(60)
        client = world.client()
        assert client.describe_endpoint_authorization()["EndpointAuthorizationList"] == []
        assert client.describe_endpoint_access()["EndpointAccessList"][0]["EndpointStatus"] == "active"
        assert [i["Status"] for i in client.describe_integrations()["Integrations"]] == ["active", "active"]
        states = sorted(n["State"] for n in client.describe_reserved_nodes()["ReservedNodes"])
        assert states == ["active", "active", "retired"]
    assert world_state(loaded) == world_state(fake)


def saved(tmp_path) -> dict:
    build_world().save(tmp_path / "w.json")
    return json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))


def place(world: dict) -> dict:
    return world["world"]["regions"]["us-east-1"][ACCOUNT]


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda p: p["hsm_client_certificates"][0].update(id="Bad_Id"), "hsmclientcertificate.Bad_Id"),
        (lambda p: p["authentication_profiles"][0].update(content="[]"), "authenticationprofile.prof"),
        (lambda p: p["resource_policies"][0].update(policy="{}"), "resourcepolicy."),
        (lambda p: p["integrations"][0].update(name="no_underscores"), "integration."),
        (
            lambda p: next(i for i in p["integrations"] if i["status"] == "creating").update(until=None),
            "creating with no end",
        ),
        (lambda p: p["partners"][0].update(status="Happy"), "Happy is not a partner status"),
        (lambda p: p["data_shares"][0]["grants"][0].update(consumer="nobody"), "datashare."),
        (lambda p: p["custom_domains"][0].update(domain="-x.com"), "customdomain.c1"),
        (lambda p: p["endpoint_accesses"][0].update(owner="someone"), "endpointaccess."),
        (lambda p: p["endpoint_authorizations"][0].update(until=None), "endpointauthorization."),
        (lambda p: p["reserved_nodes"][0].update(offering="nope"), "reservednode."),
        (lambda p: p["reserved_nodes"][0].update(count=0), "NodeCount must be at least 1"),
        (lambda p: p["redshift_idc_applications"][0].update(name="UPPER"), "redshiftidcapplication."),
        (lambda p: p["qev2_idc_applications"][0].update(created=10**18), "outside the years 1 to 9999"),
    ],
)
def test_what_the_api_could_not_have_made_is_refused(tmp_path, tamper, message):
    world = saved(tmp_path)
    tamper(place(world))
    (tmp_path / "bad.json").write_text(json.dumps(world), encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        redshift_fake.FakeRedshift.load(tmp_path / "bad.json")


def test_a_transition_without_its_wake_up_is_refused(tmp_path):
    world = saved(tmp_path)
    world["world"]["timeline"]["due"] = []
    (tmp_path / "bad.json").write_text(json.dumps(world), encoding="utf-8")
    with pytest.raises(ValueError, match="no wake-up"):
        redshift_fake.FakeRedshift.load(tmp_path / "bad.json")
