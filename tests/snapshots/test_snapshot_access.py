"""AuthorizeSnapshotAccess and RevokeSnapshotAccess."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import GRANTEE, NEW_CLUSTER, OTHER_ACCOUNT, Checked, fails, ok, other_client, sorted_ids

# ---- AuthorizeSnapshotAccess / RevokeSnapshotAccess --------------------------------------


@pytest.fixture
def s1(client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    return client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]


def test_authorize_and_revoke_by_identifier(client, s1):
    after = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="S1", AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    after = ok(
        client,
        "AuthorizeSnapshotAccess",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c1",
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}, {"AccountId": OTHER_ACCOUNT}]
    after = ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": OTHER_ACCOUNT}]
    after = ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)[
        "Snapshot"
    ]
    assert "AccountsWithRestoreAccess" not in after
    assert after == {**s1}


def test_authorize_and_revoke_by_arn(client, grantee, s1):
    arn = s1["SnapshotArn"]
    after = ok(client, "AuthorizeSnapshotAccess", SnapshotArn=arn, AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    assert sorted_ids(grantee.describe_cluster_snapshots()["Snapshots"]) == ["s1"]
    after = ok(client, "RevokeSnapshotAccess", SnapshotArn=arn, AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert "AccountsWithRestoreAccess" not in after


def test_revoke_what_was_never_granted(client, s1):
    err = fails(
        client,
        "RevokeSnapshotAccess",
        "AuthorizationNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=GRANTEE,
    )
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert isinstance(err, client.exceptions.AuthorizationNotFoundFault)
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0] == s1
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    fails(
        client,
        "RevokeSnapshotAccess",
        "AuthorizationNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )


def test_only_the_owner_shares(client, grantee, s1):
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    before = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]
    for op in ("AuthorizeSnapshotAccess", "RevokeSnapshotAccess"):
        err = fails(
            grantee,
            op,
            "AccessToSnapshotDenied",
            SnapshotIdentifier="s1",
            AccountWithRestoreAccess=GRANTEE if op.startswith("Revoke") else OTHER_ACCOUNT,
        )
        assert isinstance(err, grantee.exceptions.AccessToSnapshotDeniedFault)
    err = fails(
        grantee,
        "AuthorizeSnapshotAccess",
        "AccessToSnapshotDenied",
        SnapshotArn=s1["SnapshotArn"],
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"] == before


def test_a_stranger_does_not_find_the_snapshot(client, s1):
    stranger = other_client(client, OTHER_ACCOUNT)
    fails(
        stranger,
        "AuthorizeSnapshotAccess",
        "ClusterSnapshotNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=GRANTEE,
    )


def test_share_with_wrong_cluster(client, s1):
    fails(
        client,
        "AuthorizeSnapshotAccess",
        "ClusterSnapshotNotFound",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c9",
        AccountWithRestoreAccess=GRANTEE,
    )


def test_authorization_quota():
    client = Checked(redshift_fake.FakeRedshift(snapshot_authorization_quota=2).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    for account in (GRANTEE, OTHER_ACCOUNT):
        ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=account)
    err = fails(
        client,
        "AuthorizeSnapshotAccess",
        "AuthorizationQuotaExceeded",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess="444455556666",
    )
    assert isinstance(err, client.exceptions.AuthorizationQuotaExceededFault)
    assert (
        len(client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["AccountsWithRestoreAccess"])
        == 2
    )
    client.revoke_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess="444455556666")
