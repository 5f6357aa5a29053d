"""ModifyClusterIamRoles: roles `adding` and `removing` while the cluster is
`modifying`, then `in-sync` or gone (doc: ApplyStatus)."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import check_response, make_cluster, refused, two_doors

R1 = "arn:aws:iam::123456789012:role/r1"
R2 = "arn:aws:iam::123456789012:role/r2"
R3 = "arn:aws:iam::123456789012:role/r3"


def test_roles_are_added_and_removed_on_the_clock():
    fake = redshift_fake.FakeRedshift(cluster_modifying_seconds=60)
    fake.clock.set(datetime.datetime(2030, 1, 1))
    client = fake.client()
    make_cluster(client, IamRoles=[R1, R2], DefaultIamRoleArn=R1)
    answer = client.modify_cluster_iam_roles(ClusterIdentifier="c1", AddIamRoles=[R3], RemoveIamRoles=[R2],
                                             DefaultIamRoleArn=R3)
    check_response("ModifyClusterIamRoles", answer)
    c = answer["Cluster"]
    assert c["ClusterStatus"] == "modifying"
    assert [(r["IamRoleArn"], r["ApplyStatus"]) for r in c["IamRoles"]] == [
        (R1, "in-sync"), (R2, "removing"), (R3, "adding")]
    assert c["DefaultIamRoleArn"] == R3
    fake.clock.advance(60)
    c = client.describe_clusters()["Clusters"][0]
    assert c["ClusterStatus"] == "available"
    assert [(r["IamRoleArn"], r["ApplyStatus"]) for r in c["IamRoles"]] == [(R1, "in-sync"), (R3, "in-sync")]
    # Removing the default role leaves the cluster without one.
    client.modify_cluster_iam_roles(ClusterIdentifier="c1", RemoveIamRoles=[R3])
    assert "DefaultIamRoleArn" not in client.describe_clusters()["Clusters"][0]
    fake.clock.advance(60)
    # Only the default changes: nothing to wait for.
    c = client.modify_cluster_iam_roles(ClusterIdentifier="c1", DefaultIamRoleArn=R1)["Cluster"]
    assert (c["ClusterStatus"], c["DefaultIamRoleArn"]) == ("available", R1)


@pytest.mark.parametrize(
    "members, code",
    [
        ({"AddIamRoles": ["not-an-arn"]}, "InvalidParameterValue"),
        ({"AddIamRoles": [R1]}, "InvalidParameterValue"),
        ({"RemoveIamRoles": [R2]}, "InvalidParameterValue"),
        ({"AddIamRoles": [R2], "RemoveIamRoles": [R2]}, "InvalidParameterCombination"),
        ({"DefaultIamRoleArn": R2}, "InvalidParameterCombination"),
        ({"RemoveIamRoles": [R1], "DefaultIamRoleArn": R1}, "InvalidParameterCombination"),
        ({"AddIamRoles": [f"arn:aws:iam::123456789012:role/x{i}" for i in range(50)]}, "InvalidParameterValue"),
    ],
)
def test_refusals(fake, client, members, code):
    make_cluster(client, IamRoles=[R1])
    refused(fake, lambda: client.modify_cluster_iam_roles(ClusterIdentifier="c1", **members), code)


def test_unknown_and_paused_clusters_are_refused(fake, client):
    refused(fake, lambda: client.modify_cluster_iam_roles(ClusterIdentifier="nope", AddIamRoles=[R1]),
            "ClusterNotFound")
    make_cluster(client)
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.modify_cluster_iam_roles(ClusterIdentifier="c1", AddIamRoles=[R1]),
            "InvalidClusterState")


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                                    MasterUserPassword="Secret123", IamRoles=[R1])),
            ("modify_cluster_iam_roles", dict(ClusterIdentifier="c1", AddIamRoles=[R2], RemoveIamRoles=[R1])),
            ("describe_clusters", {}),
            ("advance", 30),
            ("modify_cluster_iam_roles", dict(ClusterIdentifier="c1", AddIamRoles=[R2])),
            ("modify_cluster_iam_roles", dict(ClusterIdentifier="c1", DefaultIamRoleArn=R2)),
        ],
        cluster_modifying_seconds=30,
    )
