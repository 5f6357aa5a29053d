"""save/load: the whole world round-trips losslessly through a file."""

from __future__ import annotations

import datetime
import json
import pathlib

import pytest

import redshift_fake
from conftest import OTHER_ACCOUNT

UTC = datetime.timezone.utc
THIRD_ACCOUNT = "333333333333"
PLACES = [
    ("us-east-1", "123456789012"),
    ("us-east-1", OTHER_ACCOUNT),
    ("eu-west-1", "123456789012"),
    ("eu-west-1", THIRD_ACCOUNT),
    ("ap-southeast-2", OTHER_ACCOUNT),
]


def body(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def build_world() -> redshift_fake.FakeRedshift:
    """A world with one of everything: several accounts and regions, clusters
    (one being created, one being restored, one deleted), manual and automated
    snapshots, grants, tags, forced statuses, seeds, odd sizes, a fixed clock."""
    fake = redshift_fake.FakeRedshift(
        account_id=OTHER_ACCOUNT,
        manual_snapshot_quota=50,
        snapshot_authorization_quota=5,
        snapshot_creation_seconds=0.1 + 0.2,
        cluster_creation_seconds=90.0,
        cluster_deletion_seconds=0.0,
    )
    fake.clock.set(datetime.datetime(2030, 3, 4, 5, 6, 7, 891011, tzinfo=UTC))
    for n, (region, account) in enumerate(PLACES):
        client = fake.client(region, account_id=account)
        client.create_cluster(
            ClusterIdentifier="main",
            NodeType="ra3.xlplus" if n % 2 else "dc2.large",
            ClusterType="multi-node",
            NumberOfNodes=2 + n,
            MasterUsername="admin",
            MasterUserPassword="Secret123",
            AutomatedSnapshotRetentionPeriod=5 + n,
            Encrypted=bool(n % 2),
            Tags=[{"Key": "env", "Value": f"e{n}"}, {"Key": "owner", "Value": "ops"}],
        )
    fake.clock.advance(120)
    for n, (region, account) in enumerate(PLACES):
        client = fake.client(region, account_id=account)
        client.create_cluster(
            ClusterIdentifier="doomed", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
        )
        client.create_cluster_snapshot(
            SnapshotIdentifier="keep",
            ClusterIdentifier="main",
            ManualSnapshotRetentionPeriod=30 + n,
            Tags=[{"Key": "purpose", "Value": "audit"}],
        )
        client.create_cluster_snapshot(SnapshotIdentifier="forever", ClusterIdentifier="main")
    fake.clock.advance(3600)
    owner = fake.client("us-east-1", account_id="123456789012")
    owner.authorize_snapshot_access(SnapshotIdentifier="keep", AccountWithRestoreAccess=OTHER_ACCOUNT)
    owner.authorize_snapshot_access(SnapshotIdentifier="keep", AccountWithRestoreAccess=THIRD_ACCOUNT)
    owner.create_cluster(
        ClusterIdentifier="still-creating", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    owner.restore_from_cluster_snapshot(ClusterIdentifier="restored", SnapshotIdentifier="forever")
    for region, account in PLACES:
        fake.client(region, account_id=account).delete_cluster(
            ClusterIdentifier="doomed", FinalClusterSnapshotIdentifier="doomed-final"
        )
    fake.set_snapshot_status("forever", "failed", region_name="eu-west-1", account_id="123456789012")
    fake.set_snapshot_status("keep", "cancelled", region_name="ap-southeast-2")
    fake.seed_snapshot(
        SnapshotIdentifier="ancient",
        ClusterIdentifier="long-gone",
        SnapshotCreateTime=datetime.datetime(2020, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        TotalBackupSizeInMegaBytes=1 / 3,
        Tags=[{"Key": "ü", "Value": "naïve 日本 ½"}],
        AccountsWithRestoreAccess=[{"AccountId": THIRD_ACCOUNT}],
        SourceRegion="us-west-2",
    )
    fake.seed_snapshot(
        ClusterIdentifier="long-gone",
        SnapshotType="automated",
        region_name="eu-west-1",
        account_id=THIRD_ACCOUNT,
        SnapshotCreateTime=datetime.datetime(2030, 3, 1, tzinfo=UTC),
        automated_retention_days=35,
        Status="creating",
    )
    return fake


def state(fake: redshift_fake.FakeRedshift):
    """Everything every account sees in every region, and the clock."""
    seen = {"clock": fake.clock.now(), "fixed": fake.clock.is_fixed, "account": fake.account_id}
    for region, account in PLACES:
        client = fake.client(region, account_id=account)
        seen[(region, account)] = (
            body(client.describe_clusters()),
            body(client.describe_cluster_snapshots()),
        )
    return seen


@pytest.mark.parametrize("as_path", [True, False])
def test_a_world_with_every_kind_of_object_round_trips(tmp_path, as_path):
    fake = build_world()
    path = tmp_path / "world.json"
    fake.save(path if as_path else str(path))
    before = state(fake)
    loaded = redshift_fake.FakeRedshift.load(path if as_path else str(path))
    assert isinstance(loaded, redshift_fake.FakeRedshift)
    after = state(loaded)
    assert after == before
    assert after[("us-east-1", "123456789012")][1]["Snapshots"]  # the comparison saw something
    again = tmp_path / "again.json"
    loaded.save(again)
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_the_saved_file_holds_what_the_world_is_made_of(tmp_path):
    fake = build_world()
    fake.save(tmp_path / "w.json")
    saved = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert saved["format"] == "redshift-fake world" and saved["version"] == 2
    assert saved["account_id"] == OTHER_ACCOUNT
    world = saved["world"]
    assert world["settings"]["snapshot_creation_seconds"] == 0.1 + 0.2
    assert world["settings"]["manual_snapshot_quota"] == 50
    assert world["clock"]["fixed"] is not None
    assert set(world["regions"]) == {"us-east-1", "eu-west-1", "ap-southeast-2"}


def test_settings_survive_a_round_trip(tmp_path):
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=1, snapshot_creation_seconds=30, cluster_creation_seconds=0)
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    client = loaded.client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    assert (
        client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]["Status"]
        == "creating"
    )
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Status"] == "creating"
    with pytest.raises(client.exceptions.ClusterSnapshotQuotaExceededFault):
        client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")


def test_a_world_that_follows_the_system_clock_still_does_after_load(tmp_path):
    fake = redshift_fake.FakeRedshift()
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    assert not loaded.clock.is_fixed
    now = datetime.datetime.now(UTC)
    assert abs(loaded.clock.now() - now) < datetime.timedelta(seconds=5)


def test_a_loaded_world_runs_on(tmp_path):
    fake = build_world()
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    client = loaded.client("us-east-1", account_id="123456789012")
    # The creating cluster finishes on the loaded clock; retention runs on.
    assert {c["ClusterStatus"] for c in client.describe_clusters()["Clusters"]} == {"available", "creating"}
    loaded.clock.advance(90)
    assert {c["ClusterStatus"] for c in client.describe_clusters()["Clusters"]} == {"available"}
    loaded.clock.advance(datetime.timedelta(days=31))
    assert "keep" not in [s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots()["Snapshots"]]
    assert loaded.calls[-1].operation_name == "DescribeClusterSnapshots"
    # The original world is untouched by the copy's life.
    original = fake.client("us-east-1", account_id="123456789012")
    assert "keep" in [s["SnapshotIdentifier"] for s in original.describe_cluster_snapshots()["Snapshots"]]


def test_a_restore_in_progress_keeps_its_snapshot_in_use_after_load(tmp_path):
    fake = build_world()
    fake.save(tmp_path / "w.json")
    for world in (fake, redshift_fake.FakeRedshift.load(tmp_path / "w.json")):
        client = world.client("us-east-1", account_id="123456789012")
        restored = client.describe_clusters(ClusterIdentifier="restored")["Clusters"][0]
        assert restored["RestoreStatus"]["Status"] != "completed"
        with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault) as e:
            client.delete_cluster_snapshot(SnapshotIdentifier="forever")
        assert "used by cluster restored" in e.value.response["Error"]["Message"]


def test_faults_and_calls_are_not_saved(tmp_path):
    fake = redshift_fake.FakeRedshift()
    fake.client().describe_clusters()
    fake.inject_error("DescribeClusters", "ThrottlingException")
    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    assert loaded.calls == []
    loaded.client().describe_clusters()


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "cannot load the saved world"),
        ("{}", "cannot load the saved world"),
        ('{"format": "redshift-fake world", "version": 3, "account_id": "123456789012", "world": {}}', "version 3"),
        (
            '{"format": "redshift-fake world", "version": 2, "account_id": "123456789012", "world": {"regions": 3}}',
            "cannot load",
        ),
    ],
)
def test_a_file_that_is_not_a_saved_world_is_refused(tmp_path: pathlib.Path, text, message):
    (tmp_path / "w.json").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        redshift_fake.FakeRedshift.load(tmp_path / "w.json")
