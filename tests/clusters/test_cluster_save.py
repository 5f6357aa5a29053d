"""Save and load keep every cluster state and the wake-ups they wait for; a
loaded cluster the API could not have made is refused, naming the member."""

from __future__ import annotations

import datetime
import json

import pytest

import redshift_fake
from cluster_helpers import T0
from conftest import make_cluster

ROLE = "arn:aws:iam::123456789012:role/r1"


def busy_world() -> redshift_fake.FakeRedshift:
    """Clusters in every kind of state: paused, resizing, renaming, rebooting,
    a pending track, a deferral, roles being added, Multi-AZ, a lakehouse."""
    fake = redshift_fake.FakeRedshift(cluster_resizing_seconds=600, cluster_modifying_seconds=300,
                                      cluster_rebooting_seconds=120)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client, "paused")
    client.pause_cluster(ClusterIdentifier="paused")
    make_cluster(client, "growing", NumberOfNodes=2)
    client.resize_cluster(ClusterIdentifier="growing", NumberOfNodes=4, Classic=True)
    make_cluster(client, "old-name", Tags=[{"Key": "k", "Value": "v"}])
    client.modify_cluster(ClusterIdentifier="old-name", NewClusterIdentifier="new-name")
    make_cluster(client, "tracked")
    client.create_cluster_parameter_group(ParameterGroupName="pg", ParameterGroupFamily="redshift-1.0", Description="d")
    client.modify_cluster(ClusterIdentifier="tracked", MaintenanceTrackName="trailing", ClusterParameterGroupName="pg")
    client.modify_cluster_maintenance(ClusterIdentifier="tracked", DeferMaintenance=True, DeferMaintenanceDuration=3)
    make_cluster(client, "roles", NodeType="ra3.xlplus", MultiAZ=True, CatalogName="cat")
    client.modify_cluster_iam_roles(ClusterIdentifier="roles", AddIamRoles=[ROLE])
    make_cluster(client, "reboot")
    client.reboot_cluster(ClusterIdentifier="reboot")
    client.get_cluster_credentials(ClusterIdentifier="reboot", DbUser="u")
    return fake


def clusters(fake):
    client = fake.client()
    return {c["ClusterIdentifier"]: c for c in client.describe_clusters()["Clusters"]}


def test_a_loaded_world_holds_every_state_and_goes_on(tmp_path):
    fake = busy_world()
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    assert clusters(loaded) == clusters(fake)
    # Credentials stay fresh after a load: the count of those issued is kept.
    assert (loaded.client().get_cluster_credentials(ClusterIdentifier="reboot", DbUser="u")["DbPassword"]
            == fake.client().get_cluster_credentials(ClusterIdentifier="reboot", DbUser="u")["DbPassword"])
    for world in (fake, loaded):
        world.clock.advance(datetime.timedelta(days=10))
        seen = clusters(world)
        assert set(seen) == {"paused", "growing", "new-name", "tracked", "roles", "reboot"}
        assert {c["ClusterStatus"] for n, c in seen.items() if n != "paused"} == {"available"}
        assert seen["growing"]["NumberOfNodes"] == 4
        assert seen["new-name"]["Tags"] == [{"Key": "k", "Value": "v"}]
        assert seen["tracked"]["MaintenanceTrackName"] == "trailing"
        assert seen["roles"]["IamRoles"] == [{"IamRoleArn": ROLE, "ApplyStatus": "in-sync"}]
    assert clusters(loaded) == clusters(fake)


def edit(tmp_path, fake, change):
    fake.save(tmp_path / "w.json")
    saved = json.loads((tmp_path / "w.json").read_text())
    records = saved["world"]["regions"]["us-east-1"]["123456789012"]["clusters"]
    change({r["facts"]["cluster_identifier"]: r for r in records}, saved["world"])
    (tmp_path / "w.json").write_text(json.dumps(saved))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c, w: c["paused"]["facts"].update(number_of_nodes=40), "NumberOfNodes of a dc2.large cluster"),
        (lambda c, w: c["paused"]["facts"].update(port=80), "Port must be 1150 to 65535, got 80"),
        (lambda c, w: c["roles"]["facts"].update(port=6000), "Invalid port 6000"),
        (lambda c, w: c["paused"]["facts"].update(maintenance_track_name="beta"), "MaintenanceTrackName beta"),
        (lambda c, w: c["paused"]["facts"].update(engine_full_version="1.0.1"), "ClusterRevisionNumber 1"),
        (lambda c, w: c["paused"]["facts"].update(availability_zone="eu-west-1a"), "AvailabilityZone eu-west-1a"),
        (lambda c, w: c["paused"].update(preferred_maintenance_window="sat"), "Invalid maintenance window"),
        (lambda c, w: c["paused"].update(iam_roles=[{"arn": "x", "status": "in-sync"}]), "x is not the ARN"),
        (lambda c, w: c["paused"].update(default_iam_role_arn=ROLE), "DefaultIamRoleArn"),
        (lambda c, w: c["paused"].update(multi_az=True), "secondary zone"),
        (lambda c, w: c["paused"].update(status="rebooting"), "has no end"),
        (lambda c, w: c["paused"].update(elastic_ip="1.2.3"), "Elastic IP"),
        (lambda c, w: c["growing"]["resize"].update(target_nodes=99), "resize's number of nodes"),
        (lambda c, w: c["growing"].update(resize=None), "without a resize"),
        (lambda c, w: c["old-name"]["pending"].update(cluster_identifier="Bad--Name"), "ClusterIdentifier"),
        (lambda c, w: c["tracked"]["pending"].update(maintenance_at=None), "pending maintenance track"),
        (lambda c, w: c["tracked"]["pending"].update(maintenance_at=c["tracked"]["pending"]["maintenance_at"] + 1),
         "no wake-up applies its pending maintenance track"),
        (lambda c, w: c["tracked"]["deferral"].update(end=c["tracked"]["deferral"]["start"]), "deferred"),
    ],
)
def test_a_cluster_the_api_could_not_have_made_is_refused(tmp_path, change, message):
    edit(tmp_path, busy_world(), change)
    with pytest.raises(ValueError, match=message):
        redshift_fake.FakeRedshift.load(tmp_path / "w.json")
