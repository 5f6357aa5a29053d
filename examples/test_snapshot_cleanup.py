"""Tests of the snapshot cleanup job against redshift-fake, with fixtures as
a user's suite would write them (they could as well live in a conftest.py):
one fresh fake Redshift per test, no network, no credentials."""

import datetime

import pytest

import redshift_fake
from snapshot_cleanup import delete_old_manual_snapshots

DAY = datetime.timedelta(days=1)
OUR_ACCOUNT = "123456789012"  # redshift_fake's default account
OTHER_ACCOUNT = "210987654321"


@pytest.fixture
def redshift():
    """A boto3-shaped Redshift client of a fresh fake world (us-east-1)."""
    yield redshift_fake.client("us-east-1")


@pytest.fixture
def cluster(redshift):
    """An available cluster `analytics`; yields its identifier."""
    redshift.create_cluster(
        ClusterIdentifier="analytics",
        NodeType="ra3.xlplus",
        MasterUsername="admin",
        MasterUserPassword="Secret123",
    )
    yield "analytics"


@pytest.fixture
def other_account(redshift):
    """A client of another account in the same fake world and region."""
    yield redshift.fake.client("us-east-1", account_id=OTHER_ACCOUNT)


def snapshot(client, identifier, cluster):
    """Takes a manual snapshot; returns its creation time."""
    created = client.create_cluster_snapshot(SnapshotIdentifier=identifier, ClusterIdentifier=cluster)
    return created["Snapshot"]["SnapshotCreateTime"]


def manual_ids(client, cluster):
    response = client.describe_cluster_snapshots(
        ClusterIdentifier=cluster, SnapshotType="manual"
    )
    return sorted(s["SnapshotIdentifier"] for s in response["Snapshots"])


def test_deletes_only_snapshots_older_than_the_cutoff(redshift, cluster):
    snapshot(redshift, "old-1", cluster)
    snapshot(redshift, "old-2", cluster)
    newest = snapshot(redshift, "recent", cluster)

    # Thirty days after "recent" was taken, it is exactly 30 days old: kept.
    report = delete_old_manual_snapshots(
        redshift, cluster, older_than_days=30, now=newest + 30 * DAY
    )

    assert sorted(report.deleted) == ["old-1", "old-2"]
    assert manual_ids(redshift, cluster) == ["recent"]


def test_young_snapshots_are_kept(redshift, cluster):
    snapshot(redshift, "today", cluster)

    report = delete_old_manual_snapshots(redshift, cluster, older_than_days=7)

    assert report.deleted == []
    assert manual_ids(redshift, cluster) == ["today"]


def test_automated_snapshots_are_left_to_retention(redshift, cluster):
    tomorrow = datetime.datetime.now(datetime.timezone.utc) + DAY

    report = delete_old_manual_snapshots(redshift, cluster, older_than_days=0, now=tomorrow)

    assert report.deleted == []
    automated = redshift.describe_cluster_snapshots(ClusterIdentifier=cluster, SnapshotType="automated")
    assert len(automated["Snapshots"]) == 1


def test_shared_snapshots_are_skipped_by_default(redshift, cluster, other_account):
    taken = snapshot(redshift, "shared", cluster)
    redshift.authorize_snapshot_access(SnapshotIdentifier="shared", AccountWithRestoreAccess=OTHER_ACCOUNT)

    report = delete_old_manual_snapshots(redshift, cluster, older_than_days=1, now=taken + 2 * DAY)

    assert report.skipped_shared == ["shared"]
    assert report.deleted == []
    assert manual_ids(redshift, cluster) == ["shared"]
    # The other account still sees it.
    visible = other_account.describe_cluster_snapshots()["Snapshots"]
    assert [s["SnapshotIdentifier"] for s in visible] == ["shared"]


def test_revoke_shared_revokes_access_then_deletes(redshift, cluster, other_account):
    taken = snapshot(redshift, "shared", cluster)
    redshift.authorize_snapshot_access(SnapshotIdentifier="shared", AccountWithRestoreAccess=OTHER_ACCOUNT)

    report = delete_old_manual_snapshots(
        redshift, cluster, older_than_days=1, now=taken + 2 * DAY, revoke_shared=True
    )

    assert report.deleted == ["shared"]
    assert report.revoked == {"shared": [OTHER_ACCOUNT]}
    assert manual_ids(redshift, cluster) == []
    assert other_account.describe_cluster_snapshots()["Snapshots"] == []


def test_deleting_a_shared_snapshot_directly_is_refused(redshift, cluster):
    """Why the job revokes first: Redshift will not delete a shared snapshot."""
    snapshot(redshift, "shared", cluster)
    redshift.authorize_snapshot_access(SnapshotIdentifier="shared", AccountWithRestoreAccess=OTHER_ACCOUNT)

    with pytest.raises(redshift.exceptions.InvalidClusterSnapshotStateFault) as caught:
        redshift.delete_cluster_snapshot(SnapshotIdentifier="shared")

    assert caught.value.response["Error"]["Code"] == "InvalidClusterSnapshotState"


def test_snapshots_shared_with_us_are_not_touched(redshift, cluster, other_account):
    other_account.create_cluster(
        ClusterIdentifier=cluster,  # same name, other account
        NodeType="ra3.xlplus",
        MasterUsername="admin",
        MasterUserPassword="Secret123",
    )
    theirs = snapshot(other_account, "theirs", cluster)
    other_account.authorize_snapshot_access(SnapshotIdentifier="theirs", AccountWithRestoreAccess=OUR_ACCOUNT)
    assert manual_ids(redshift, cluster) == ["theirs"]  # visible to us

    report = delete_old_manual_snapshots(redshift, cluster, older_than_days=1, now=theirs + 2 * DAY)

    assert report.deleted == []
    assert manual_ids(other_account, cluster) == ["theirs"]


def test_dry_run_changes_nothing(redshift, cluster):
    taken = snapshot(redshift, "old", cluster)

    report = delete_old_manual_snapshots(
        redshift, cluster, older_than_days=1, now=taken + 2 * DAY, dry_run=True
    )

    assert report.deleted == ["old"]
    assert manual_ids(redshift, cluster) == ["old"]


def test_unknown_cluster_raises_the_service_error(redshift):
    with pytest.raises(redshift.exceptions.ClusterNotFoundFault):
        delete_old_manual_snapshots(redshift, "no-such-cluster", older_than_days=1)


def test_walks_every_page():
    # More snapshots than one page holds needs a quota above the default 20.
    client = redshift_fake.FakeRedshift(manual_snapshot_quota=250).client("us-east-1")
    client.create_cluster(
        ClusterIdentifier="big", NodeType="ra3.xlplus", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    times = [snapshot(client, f"s{i:03d}", "big") for i in range(230)]

    report = delete_old_manual_snapshots(client, "big", older_than_days=1, now=max(times) + 2 * DAY)

    assert len(report.deleted) == 230
    assert manual_ids(client, "big") == []
