"""DeleteClusterSnapshot: the seven checks of SPEC section 4, in order, each
failing call changing nothing. The statuses AWS reaches on its own (`creating`,
`failed`, `cancelled`) are forced with `fake.set_snapshot_status`; the engine's
Rust tests (`src/engine/snapshots/tests/delete.rs`) prove the same rules directly."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response, refused

GRANTEE = "111122223333"


@pytest.fixture
def grantee(fake):
    return fake.client("us-east-1", account_id=GRANTEE)


@pytest.fixture
def snapshot(client, cluster):
    """A manual snapshot `s1` of `c1`, available."""
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    return "s1"


@pytest.fixture
def automated(client, cluster):
    """The automated snapshot CreateCluster took of `c1`."""
    (snap,) = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    return snap["SnapshotIdentifier"]


def everything(fake) -> dict[str, Any]:
    """What every account sees in every region the tests use."""
    seen = {}
    for account in ("123456789012", GRANTEE, OTHER_ACCOUNT):
        for region in ("us-east-1", "eu-west-1"):
            c = fake.client(region, account_id=account)
            seen[account, region] = (c.describe_clusters()["Clusters"], c.describe_cluster_snapshots()["Snapshots"])
    return seen


# ---- 1. parameter validation comes first -------------------------------------------------


def test_1_validation_before_anything(fake, client, snapshot):
    before = everything(fake)
    with pytest.raises(ParamValidationError):
        client.delete_cluster_snapshot(SnapshotIdentifier="nope", Force=True)
    with pytest.raises(ParamValidationError):
        client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier=1)
    with pytest.raises(ParamValidationError):
        client.delete_cluster_snapshot()
    assert everything(fake) == before


# ---- 2. the snapshot must exist and be the caller's --------------------------------------


def test_2_missing_snapshot(fake, client, cluster):
    err = refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier="nope"),
        "ClusterSnapshotNotFound",
        "Snapshot nope not found.",
    )
    assert isinstance(err, client.exceptions.ClusterSnapshotNotFoundFault)
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_2_not_found_names_the_identifier_as_given(fake, client):
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier="No-Such"),
        "ClusterSnapshotNotFound",
        "Snapshot No-Such not found.",
    )


def test_2_snapshot_of_another_account_or_region(fake, client, snapshot):
    other = fake.client("us-east-1", account_id=OTHER_ACCOUNT)
    elsewhere = fake.client("eu-west-1")
    refused(fake, lambda: other.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "ClusterSnapshotNotFound")
    refused(fake, lambda: elsewhere.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "ClusterSnapshotNotFound")


def test_2_shared_snapshot_is_visible_but_not_deletable_by_the_grantee(fake, client, grantee, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    seen = grantee.describe_cluster_snapshots(SnapshotIdentifier=snapshot)["Snapshots"]
    assert [s["OwnerAccount"] for s in seen] == ["123456789012"]
    refused(
        fake,
        lambda: grantee.delete_cluster_snapshot(SnapshotIdentifier=snapshot),
        "ClusterSnapshotNotFound",
        "Snapshot s1 not found.",
    )
    refused(
        fake,
        lambda: grantee.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="c1"),
        "ClusterSnapshotNotFound",
    )


def test_2_a_snapshot_arn_is_not_an_identifier(fake, client, snapshot):
    arn = client.describe_cluster_snapshots(SnapshotIdentifier=snapshot)["Snapshots"][0]["SnapshotArn"]
    refused(fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier=arn), "ClusterSnapshotNotFound")


# ---- 3. SnapshotClusterIdentifier must name the snapshot's cluster -----------------------


def test_3_wrong_cluster(fake, client, snapshot):
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="c2"),
        "ClusterSnapshotNotFound",
        "Snapshot s1 not found.",
    )


def test_3_right_cluster_in_any_case(client, snapshot):
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="C1")
    assert deleted["Snapshot"]["Status"] == "deleted"


def test_3_before_4_automated_snapshot_with_wrong_cluster_is_not_found(fake, client, automated):
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=automated, SnapshotClusterIdentifier="c2"),
        "ClusterSnapshotNotFound",
        f"Snapshot {automated} not found.",
    )


def test_3_before_6_shared_snapshot_with_wrong_cluster_is_not_found(fake, client, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="c2"),
        "ClusterSnapshotNotFound",
    )


def test_3_cluster_may_since_be_deleted(client, snapshot):
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="c1")
    check_response("DeleteClusterSnapshot", deleted)


# ---- 4. only manual snapshots ------------------------------------------------------------


def test_4_automated_snapshot(fake, client, automated):
    err = refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=automated),
        "InvalidClusterSnapshotState",
        f"Cannot delete the snapshot {automated} because only manual snapshots may be deleted",
    )
    assert isinstance(err, client.exceptions.InvalidClusterSnapshotStateFault)
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_4_automated_snapshot_with_its_own_cluster(fake, client, automated):
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=automated.upper(), SnapshotClusterIdentifier="c1"),
        "InvalidClusterSnapshotState",
        f"Cannot delete the snapshot {automated} because only manual snapshots may be deleted",
    )


def test_4_before_6_shared_automated_snapshot(fake, client, automated):
    client.authorize_snapshot_access(SnapshotIdentifier=automated, AccountWithRestoreAccess=GRANTEE)
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=automated),
        "InvalidClusterSnapshotState",
        f"Cannot delete the snapshot {automated} because only manual snapshots may be deleted",
    )


# ---- 5. only available, failed or cancelled snapshots ------------------------------------


def test_5_a_creating_snapshot_is_refused_naming_it_and_its_status(fake, client, snapshot):
    fake.set_snapshot_status(snapshot, "creating")
    err = refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier="S1"),
        "InvalidClusterSnapshotState",
        "Cannot delete the snapshot s1 because it is in the creating state.",
    )
    assert isinstance(err, client.exceptions.InvalidClusterSnapshotStateFault)
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    fake.set_snapshot_status(snapshot, None)  # back to the clock: available
    assert client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)["Snapshot"]["Status"] == "deleted"


@pytest.mark.parametrize("status", ["available", "failed", "cancelled"])
def test_5_available_failed_and_cancelled_snapshots_are_deleted_whole(fake, client, snapshot, status):
    fake.set_snapshot_status(snapshot, status)
    (before,) = client.describe_cluster_snapshots(SnapshotIdentifier=snapshot)["Snapshots"]
    assert before["Status"] == status
    response = client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    check_response("DeleteClusterSnapshot", response)
    assert response["Snapshot"] == {**before, "Status": "deleted"}
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.describe_cluster_snapshots(SnapshotIdentifier=snapshot)


def test_3_before_5_creating_snapshot_with_wrong_cluster_is_not_found(fake, client, snapshot):
    fake.set_snapshot_status(snapshot, "creating")
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier="c2"),
        "ClusterSnapshotNotFound",
        "Snapshot s1 not found.",
    )


def test_4_before_5_creating_automated_snapshot(fake, client, automated):
    fake.set_snapshot_status(automated, "creating")
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=automated),
        "InvalidClusterSnapshotState",
        f"Cannot delete the snapshot {automated} because only manual snapshots may be deleted",
    )


def test_5_before_6_shared_creating_snapshot_reports_its_status(fake, client, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    fake.set_snapshot_status(snapshot, "creating")
    refused(
        fake,
        lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot),
        "InvalidClusterSnapshotState",
        "Cannot delete the snapshot s1 because it is in the creating state.",
    )


def test_6_a_shared_failed_snapshot_still_needs_its_grants_revoked(fake, client, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    fake.set_snapshot_status(snapshot, "failed")
    err = refused(
        fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "InvalidClusterSnapshotState"
    )
    assert "creating" not in err.response["Error"]["Message"]
    assert "revoke" in err.response["Error"]["Message"].lower()


# ---- 6. no other account may hold restore access -----------------------------------------


def test_6_shared_snapshot(fake, client, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    err = refused(
        fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "InvalidClusterSnapshotState"
    )
    message = err.response["Error"]["Message"]
    assert snapshot in message and "revoke" in message.lower()


def test_6_deletable_once_every_authorization_is_revoked(fake, client, snapshot):
    for account in (GRANTEE, OTHER_ACCOUNT):
        client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=account)
    client.revoke_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    refused(fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "InvalidClusterSnapshotState")
    client.revoke_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=OTHER_ACCOUNT)
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    check_response("DeleteClusterSnapshot", deleted)
    assert "AccountsWithRestoreAccess" not in deleted["Snapshot"]


# ---- 7. success --------------------------------------------------------------------------


def test_7_success_returns_the_whole_snapshot_as_deleted(client, snapshot):
    (before,) = client.describe_cluster_snapshots(SnapshotIdentifier=snapshot)["Snapshots"]
    response = client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    check_response("DeleteClusterSnapshot", response)
    assert set(response) == {"Snapshot", "ResponseMetadata"}
    assert response["Snapshot"] == {**before, "Status": "deleted"}
    assert before["Status"] == "available"


def test_7_tags_and_retention_come_back_too(client, cluster):
    client.create_cluster_snapshot(
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=7,
        Tags=[{"Key": "k", "Value": "v"}],
    )
    (before,) = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier="s1")["Snapshot"]
    assert deleted == {**before, "Status": "deleted"}
    assert deleted["Tags"] == [{"Key": "k", "Value": "v"}]
    assert deleted["ManualSnapshotRetentionPeriod"] == 7


def test_7_gone_afterwards(fake, client, snapshot):
    client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.describe_cluster_snapshots(SnapshotIdentifier=snapshot)
    refused(fake, lambda: client.delete_cluster_snapshot(SnapshotIdentifier=snapshot), "ClusterSnapshotNotFound")
    assert [s["SnapshotType"] for s in client.describe_cluster_snapshots()["Snapshots"]] == ["automated"]


def test_7_identifier_is_free_again(client, snapshot):
    client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    again = client.create_cluster_snapshot(SnapshotIdentifier=snapshot, ClusterIdentifier="c1")
    check_response("CreateClusterSnapshot", again)
    assert again["Snapshot"]["SnapshotIdentifier"] == snapshot
    assert client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)["Snapshot"]["Status"] == "deleted"


@pytest.mark.parametrize("created,deleted", [("s1", "S1"), ("My-Snap", "my-snap"), ("MY-SNAP", "My-Snap")])
def test_7_identifiers_are_case_insensitive(client, cluster, created, deleted):
    made = client.create_cluster_snapshot(SnapshotIdentifier=created, ClusterIdentifier=cluster.upper())
    assert made["Snapshot"]["SnapshotIdentifier"] == created.lower()
    response = client.delete_cluster_snapshot(SnapshotIdentifier=deleted)
    assert response["Snapshot"]["SnapshotIdentifier"] == created.lower()
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []


def test_7_manual_snapshots_survive_their_cluster_and_stay_deletable(client, snapshot):
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")
    client.delete_cluster(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="final")
    with pytest.raises(client.exceptions.ClusterNotFoundFault):
        client.describe_clusters(ClusterIdentifier="c1")
    manual = client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]
    assert sorted(s["SnapshotIdentifier"] for s in manual) == ["final", "s1", "s2"]
    assert client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"] == []
    for sid, cluster in (("s1", None), ("s2", "c1"), ("final", "C1")):
        kwargs = {"SnapshotIdentifier": sid}
        if cluster:
            kwargs["SnapshotClusterIdentifier"] = cluster
        response = client.delete_cluster_snapshot(**kwargs)
        check_response("DeleteClusterSnapshot", response)
        assert response["Snapshot"]["ClusterIdentifier"] == "c1"
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_7_deleting_one_leaves_the_others(client, cluster):
    for sid in ("a1", "a2", "a3"):
        client.create_cluster_snapshot(SnapshotIdentifier=sid, ClusterIdentifier=cluster)
    before = {s["SnapshotIdentifier"]: s for s in client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]}
    client.delete_cluster_snapshot(SnapshotIdentifier="a2")
    after = {s["SnapshotIdentifier"]: s for s in client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]}
    assert after == {k: v for k, v in before.items() if k != "a2"}


def test_7_the_grantee_loses_sight_of_a_deleted_snapshot(client, grantee, snapshot):
    client.authorize_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    client.revoke_snapshot_access(SnapshotIdentifier=snapshot, AccountWithRestoreAccess=GRANTEE)
    assert grantee.describe_cluster_snapshots()["Snapshots"] == []
    client.delete_cluster_snapshot(SnapshotIdentifier=snapshot)
    with pytest.raises(grantee.exceptions.ClusterSnapshotNotFoundFault):
        grantee.describe_cluster_snapshots(SnapshotIdentifier=snapshot)


def test_7_deleted_from_the_world_every_client_sees():
    fake = redshift_fake.FakeRedshift()
    one, two = fake.client(), fake.client()
    one.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    one.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    two.delete_cluster_snapshot(SnapshotIdentifier="s1")
    with pytest.raises(one.exceptions.ClusterSnapshotNotFoundFault):
        one.delete_cluster_snapshot(SnapshotIdentifier="s1")
