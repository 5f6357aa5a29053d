"""ModifyClusterMaintenance, DescribeClusterDbRevisions and
ModifyClusterDbRevision."""

from __future__ import annotations

import datetime

import pytest

from cluster_helpers import T0, world
from conftest import check_response, make_cluster, refused, two_doors

UTC = datetime.timezone.utc


def test_deferring_maintenance(fake, client):
    fake.clock.set(T0)
    make_cluster(client)
    answer = client.modify_cluster_maintenance(ClusterIdentifier="c1", DeferMaintenance=True,
                                               DeferMaintenanceIdentifier="holiday",
                                               DeferMaintenanceStartTime=T0 + datetime.timedelta(days=1),
                                               DeferMaintenanceEndTime=T0 + datetime.timedelta(days=20))
    check_response("ModifyClusterMaintenance", answer)
    c = answer["Cluster"]
    assert c["DeferredMaintenanceWindows"] == [{
        "DeferMaintenanceIdentifier": "holiday",
        "DeferMaintenanceStartTime": T0 + datetime.timedelta(days=1),
        "DeferMaintenanceEndTime": T0 + datetime.timedelta(days=20),
    }]
    # Windows inside the deferral are skipped: the next is the first after it.
    assert c["NextMaintenanceWindowStartTime"] == datetime.datetime(2030, 1, 26, 10, 0, tzinfo=UTC)
    # A duration from now, with an identifier of AWS's form when none is given; it replaces the first.
    c = client.modify_cluster_maintenance(ClusterIdentifier="c1", DeferMaintenance=True,
                                          DeferMaintenanceDuration=60)["Cluster"]
    [window] = c["DeferredMaintenanceWindows"]
    assert window["DeferMaintenanceIdentifier"].startswith("dfm-")
    assert window["DeferMaintenanceEndTime"] - window["DeferMaintenanceStartTime"] == datetime.timedelta(days=60)
    c = client.modify_cluster_maintenance(ClusterIdentifier="c1", DeferMaintenance=False,
                                          DeferMaintenanceIdentifier=window["DeferMaintenanceIdentifier"])["Cluster"]
    assert c["DeferredMaintenanceWindows"] == []
    assert c["NextMaintenanceWindowStartTime"] == datetime.datetime(2030, 1, 5, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "members, code",
    [
        ({"DeferMaintenance": True}, "InvalidParameterCombination"),
        ({"DeferMaintenance": True, "DeferMaintenanceDuration": 5,
          "DeferMaintenanceEndTime": T0 + datetime.timedelta(days=5)}, "InvalidParameterCombination"),
        ({"DeferMaintenance": True, "DeferMaintenanceDuration": 61}, "InvalidParameterValue"),
        ({"DeferMaintenance": True, "DeferMaintenanceDuration": 0}, "InvalidParameterValue"),
        ({"DeferMaintenance": True, "DeferMaintenanceEndTime": T0 - datetime.timedelta(days=1)},
         "InvalidParameterValue"),
        ({"DeferMaintenance": True, "DeferMaintenanceEndTime": T0 + datetime.timedelta(days=61)},
         "InvalidParameterValue"),
        ({"DeferMaintenanceDuration": 5}, "InvalidParameterCombination"),
        ({"DeferMaintenance": False, "DeferMaintenanceIdentifier": "nope"}, "InvalidParameterValue"),
    ],
)
def test_deferral_refusals(fake, client, members, code):
    fake.clock.set(T0)
    make_cluster(client)
    refused(fake, lambda: client.modify_cluster_maintenance(ClusterIdentifier="c1", **members), code)


def test_maintenance_of_unknown_and_unavailable_clusters(fake, client):
    refused(fake, lambda: client.modify_cluster_maintenance(ClusterIdentifier="nope"), "ClusterNotFound")
    make_cluster(client)
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.modify_cluster_maintenance(ClusterIdentifier="c1", DeferMaintenance=False),
            "InvalidClusterState")


def test_db_revisions_and_moving_to_a_newer_one():
    fake, client = world(cluster_modifying_seconds=120)
    make_cluster(client, "current")
    make_cluster(client, "old", MaintenanceTrackName="trailing")
    listed = client.describe_cluster_db_revisions()
    check_response("DescribeClusterDbRevisions", listed)
    revisions = {r["ClusterIdentifier"]: r for r in listed["ClusterDbRevisions"]}
    assert revisions["current"]["CurrentDatabaseRevision"] == "80000"
    assert revisions["current"]["RevisionTargets"] == []
    old = revisions["old"]
    assert old["CurrentDatabaseRevision"] == "79000"
    assert [t["DatabaseRevision"] for t in old["RevisionTargets"]] == ["80000"]
    assert old["RevisionTargets"][0]["DatabaseRevisionReleaseDate"] > old["DatabaseRevisionReleaseDate"]
    one = client.describe_cluster_db_revisions(ClusterIdentifier="OLD")["ClusterDbRevisions"]
    assert [r["ClusterIdentifier"] for r in one] == ["old"]
    refused(fake, lambda: client.modify_cluster_db_revision(ClusterIdentifier="current", RevisionTarget="80000"),
            "ClusterOnLatestRevision", "Cluster current is already on the latest database revision.")
    refused(fake, lambda: client.modify_cluster_db_revision(ClusterIdentifier="old", RevisionTarget="12345"),
            "InvalidParameterValue")
    answer = client.modify_cluster_db_revision(ClusterIdentifier="old", RevisionTarget="80000")
    check_response("ModifyClusterDbRevision", answer)
    assert answer["Cluster"]["ClusterStatus"] == "modifying"
    refused(fake, lambda: client.modify_cluster_db_revision(ClusterIdentifier="old", RevisionTarget="80000"),
            "InvalidClusterState")
    fake.clock.advance(120)
    c = client.describe_clusters(ClusterIdentifier="old")["Clusters"][0]
    assert (c["ClusterStatus"], c["ClusterRevisionNumber"], c["MaintenanceTrackName"]) == (
        "available", "80000", "trailing")
    refused(fake, lambda: client.modify_cluster_db_revision(ClusterIdentifier="nope", RevisionTarget="1"),
            "ClusterNotFound")


def test_db_revision_refusals():
    fake, client = world(cluster_creation_seconds=60)
    refused(fake, lambda: client.describe_cluster_db_revisions(ClusterIdentifier="nope"), "ClusterNotFound")
    refused(fake, lambda: client.describe_cluster_db_revisions(ClusterIdentifier="c1", Marker="x"),
            "InvalidParameterCombination")
    refused(fake, lambda: client.describe_cluster_db_revisions(MaxRecords=5), "InvalidParameterValue")
    make_cluster(client)
    # A cluster being created has no revision yet (choice).
    refused(fake, lambda: client.describe_cluster_db_revisions(ClusterIdentifier="c1"), "InvalidClusterState")
    assert client.describe_cluster_db_revisions()["ClusterDbRevisions"] == []


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                                    MasterUserPassword="Secret123", MaintenanceTrackName="trailing")),
            ("describe_cluster_db_revisions", {}),
            ("modify_cluster_db_revision", dict(ClusterIdentifier="c1", RevisionTarget="80000")),
            ("modify_cluster_db_revision", dict(ClusterIdentifier="c1", RevisionTarget="80000")),
            ("modify_cluster_maintenance", dict(ClusterIdentifier="c1", DeferMaintenance=True,
                                                DeferMaintenanceDuration=7)),
            ("modify_cluster_maintenance", dict(ClusterIdentifier="c1", DeferMaintenance=True)),
            ("describe_cluster_db_revisions", dict(ClusterIdentifier="c1")),
        ]
    )
