"""Tests of the snapshot janitor (janitor.py) against redshift-fake.

They use the plugin's fixtures (``fake_redshift``, ``redshift_client``),
seeded snapshots with past create times (the janitor compares with the real
``datetime.now()``), forced statuses, injected errors, the call log,
time-machine for the passage of time, and ``mock_boto3`` for ``main()``.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from botocore.exceptions import ClientError

import janitor
import redshift_fake

UTC = datetime.timezone.utc
ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID
PARTNER = "210987654321"
AUDITOR = "333333333333"


def days_ago(days: float) -> datetime.datetime:
    return datetime.datetime.now(UTC) - datetime.timedelta(days=days)


def seed(fake, name, age_days, **members):
    return fake.seed_snapshot(
        SnapshotIdentifier=name, ClusterIdentifier=members.pop("ClusterIdentifier", "warehouse"),
        SnapshotCreateTime=days_ago(age_days), **members,
    )


def remaining(client) -> list[str]:
    return sorted(
        s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]
    )


class NoSleep:
    """Records the backoff delays instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleep() -> NoSleep:
    return NoSleep()


@pytest.fixture
def retry(sleep) -> janitor.Retrier:
    return janitor.Retrier(attempts=4, base_delay=0.5, sleep=sleep)


def test_deletes_only_old_deletable_untagged_manual_snapshots(fake_redshift, redshift_client, retry):
    seed(fake_redshift, "old", 40)
    seed(fake_redshift, "old-failed", 90, Status="failed")
    seed(fake_redshift, "young", 5)
    seed(fake_redshift, "old-but-kept", 400, Tags=[{"Key": "janitor:keep", "Value": "legal hold"}])
    seed(fake_redshift, "old-still-creating", 45, Status="creating")
    fake_redshift.seed_snapshot(
        ClusterIdentifier="warehouse",
        SnapshotType="automated",
        SnapshotCreateTime=days_ago(33),
        automated_retention_days=35,
    )

    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert sorted(report.deleted) == ["old", "old-failed"]
    assert sorted(report.kept) == ["old-but-kept", "young"]
    assert report.skipped == ["old-still-creating"]
    assert remaining(redshift_client) == ["old-but-kept", "old-still-creating", "young"]
    assert len(redshift_client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]) == 1


def test_leaves_snapshots_other_accounts_share_with_it_alone(fake_redshift, redshift_client, retry):
    partner = fake_redshift.client(account_id=PARTNER)
    fake_redshift.seed_snapshot(
        SnapshotIdentifier="theirs",
        ClusterIdentifier="their-cluster",
        account_id=PARTNER,
        SnapshotCreateTime=days_ago(100),
        AccountsWithRestoreAccess=[{"AccountId": ACCOUNT}],
    )
    assert [s["SnapshotIdentifier"] for s in redshift_client.describe_cluster_snapshots()["Snapshots"]] == ["theirs"]
    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)
    assert report.deleted == [] and report.kept == []
    assert remaining(partner) == ["theirs"]


def test_revokes_shared_access_then_deletes(fake_redshift, redshift_client, retry):
    seed(fake_redshift, "shared", 60, AccountsWithRestoreAccess=[{"AccountId": PARTNER}, {"AccountId": AUDITOR}])

    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert report.revoked == [("shared", PARTNER), ("shared", AUDITOR)]
    assert report.deleted == ["shared"]
    assert [(c.operation_name, c.params.get("AccountWithRestoreAccess")) for c in fake_redshift.calls[1:]] == [
        ("RevokeSnapshotAccess", PARTNER),
        ("RevokeSnapshotAccess", AUDITOR),
        ("DeleteClusterSnapshot", None),
    ]
    assert all(c.error_code is None for c in fake_redshift.calls)


def test_pages_through_every_snapshot(fake_redshift, redshift_client, retry):
    for i in range(130):
        seed(fake_redshift, f"nightly-{i:03d}", 31 + i % 50, ClusterIdentifier=f"c{i % 3}")
    for i in range(20):
        seed(fake_redshift, f"fresh-{i:02d}", i % 10)

    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry, page_size=20)

    assert len(report.deleted) == 130 and len(set(report.deleted)) == 130
    assert sorted(report.kept) == [f"fresh-{i:02d}" for i in range(20)]
    describes = [c for c in fake_redshift.calls if c.operation_name == "DescribeClusterSnapshots"]
    assert len(describes) == 8
    assert "Marker" not in describes[0].params
    assert all("Marker" in c.params and c.params["MaxRecords"] == 20 for c in describes[1:])
    assert remaining(redshift_client) == sorted(report.kept)


def test_throttled_calls_are_retried_with_backoff(fake_redshift, redshift_client, retry, sleep):
    seed(fake_redshift, "old", 40, AccountsWithRestoreAccess=[{"AccountId": PARTNER}])
    fake_redshift.inject_error("DescribeClusterSnapshots", "ThrottlingException")
    fake_redshift.inject_error("RevokeSnapshotAccess", "Throttling")
    fake_redshift.inject_error("DeleteClusterSnapshot", "ThrottlingException", count=2)

    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert report.deleted == ["old"]
    assert sleep.delays == [0.5, 0.5, 0.5, 1.0]
    assert [(c.operation_name, c.error_code) for c in fake_redshift.calls] == [
        ("DescribeClusterSnapshots", "ThrottlingException"),
        ("DescribeClusterSnapshots", None),
        ("RevokeSnapshotAccess", "Throttling"),
        ("RevokeSnapshotAccess", None),
        ("DeleteClusterSnapshot", "ThrottlingException"),
        ("DeleteClusterSnapshot", "ThrottlingException"),
        ("DeleteClusterSnapshot", None),
    ]


def test_gives_up_when_throttling_persists(fake_redshift, redshift_client, retry, sleep):
    seed(fake_redshift, "old", 40)
    fake_redshift.inject_error("DeleteClusterSnapshot", "ThrottlingException", count=4)
    with pytest.raises(ClientError) as e:
        janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)
    assert e.value.response["Error"]["Code"] == "ThrottlingException"
    assert sleep.delays == [0.5, 1.0, 2.0]
    assert remaining(redshift_client) == ["old"]


def test_other_errors_are_not_retried(fake_redshift, redshift_client, retry, sleep):
    seed(fake_redshift, "old", 40)
    fake_redshift.inject_error("DeleteClusterSnapshot", "AccessDeniedException", message="User is not authorized")
    with pytest.raises(ClientError, match="User is not authorized"):
        janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)
    assert sleep.delays == []


class RacingClient:
    """A client through which another job acts right after each listing."""

    def __init__(self, inner, after_listing):
        self.inner = inner
        self.exceptions = inner.exceptions
        self.after_listing = after_listing

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def describe_cluster_snapshots(self, **kwargs):
        page = self.inner.describe_cluster_snapshots(**kwargs)
        self.after_listing()
        return page


def test_a_snapshot_deleted_by_someone_else_mid_run_is_skipped(fake_redshift, redshift_client, retry):
    for name in ("a-old", "b-old", "c-old"):
        seed(fake_redshift, name, 40)
    colleague = fake_redshift.client()
    racing = RacingClient(redshift_client, lambda: colleague.delete_cluster_snapshot(SnapshotIdentifier="b-old"))

    report = janitor.run(racing, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert report.deleted == ["a-old", "c-old"]
    assert report.vanished == ["b-old"]
    assert remaining(redshift_client) == []


def test_a_snapshot_that_vanishes_between_revoke_and_delete_is_skipped(fake_redshift, redshift_client, retry):
    seed(fake_redshift, "a-shared", 40, AccountsWithRestoreAccess=[{"AccountId": PARTNER}])
    seed(fake_redshift, "b-old", 40)
    fake_redshift.inject_error(
        "DeleteClusterSnapshot", "ClusterSnapshotNotFound", message="Snapshot a-shared not found."
    )

    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert report.vanished == ["a-shared"]
    assert report.revoked == [("a-shared", PARTNER)]
    assert report.deleted == ["b-old"]


def test_a_grant_revoked_by_someone_else_mid_run_is_fine(fake_redshift, redshift_client, retry):
    seed(fake_redshift, "shared", 40, AccountsWithRestoreAccess=[{"AccountId": PARTNER}])
    colleague = fake_redshift.client()
    racing = RacingClient(
        redshift_client,
        lambda: colleague.revoke_snapshot_access(SnapshotIdentifier="shared", AccountWithRestoreAccess=PARTNER),
    )

    report = janitor.run(racing, account_id=ACCOUNT, retention_days=30, retry=retry)

    assert report.deleted == ["shared"]
    assert [(c.operation_name, c.error_code) for c in fake_redshift.calls[-2:]] == [
        ("RevokeSnapshotAccess", "AuthorizationNotFound"),
        ("DeleteClusterSnapshot", None),
    ]


def test_a_dry_run_changes_nothing(fake_redshift, redshift_client, retry):
    seed(fake_redshift, "old", 40, AccountsWithRestoreAccess=[{"AccountId": PARTNER}])
    seed(fake_redshift, "young", 1)
    report = janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, dry_run=True, retry=retry)
    assert report.deleted == ["old"] and report.revoked == [("old", PARTNER)]
    assert {c.operation_name for c in fake_redshift.calls} == {"DescribeClusterSnapshots"}
    assert remaining(redshift_client) == ["old", "young"]


def test_snapshots_age_into_deletion_as_time_passes(fake_redshift, redshift_client, retry):
    """Snapshots made the ordinary way, today; time-machine moves the real
    clock (the janitor's datetime.now()) and the fake's clock with it."""
    with time_machine.travel(datetime.datetime(2031, 1, 1, tzinfo=UTC), tick=False) as traveller:
        redshift_client.create_cluster(
            ClusterIdentifier="warehouse", NodeType="ra3.xlplus", MasterUsername="admin", MasterUserPassword="Secret123"
        )
        redshift_client.create_cluster_snapshot(SnapshotIdentifier="january", ClusterIdentifier="warehouse")
        traveller.shift(datetime.timedelta(days=20))
        redshift_client.create_cluster_snapshot(SnapshotIdentifier="later", ClusterIdentifier="warehouse")
        assert janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry).deleted == []
        traveller.shift(datetime.timedelta(days=11))
        assert janitor.run(redshift_client, account_id=ACCOUNT, retention_days=30, retry=retry).deleted == ["january"]
        assert remaining(redshift_client) == ["later"]


def test_main_under_mock_boto3(fake_redshift, monkeypatch, capsys):
    seed(fake_redshift, "old", 40)
    seed(fake_redshift, "old-in-ireland", 40, region_name="eu-west-1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    with redshift_fake.mock_boto3(fake_redshift):
        assert janitor.main(["--account-id", ACCOUNT, "--retention-days", "30"]) == 0
    assert capsys.readouterr().out.strip() == "deleted 1, revoked 0 grants, kept 0, skipped 0, vanished 0"
    assert remaining(fake_redshift.client("eu-west-1")) == []
    assert remaining(fake_redshift.client("us-east-1")) == ["old"]


@redshift_fake.mock_boto3
def test_main_as_a_decorated_test(capsys):
    import boto3

    fake = boto3.client("redshift", region_name="us-east-1").fake
    seed(fake, "old", 40)
    assert janitor.main(["--account-id", ACCOUNT, "--region", "us-east-1", "--retention-days", "7", "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == "would delete 1, revoked 0 grants, kept 0, skipped 0, vanished 0"
