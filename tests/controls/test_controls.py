"""The test-author controls: the clock under freezegun and time-machine,
forced statuses, seeded snapshots, injected errors, the call log, reset."""

from __future__ import annotations

import datetime

import pytest
from botocore.exceptions import ClientError, ParamValidationError

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response

UTC = datetime.timezone.utc
DAY = datetime.timedelta(days=1)


def snapshot(client, identifier):
    return client.describe_cluster_snapshots(SnapshotIdentifier=identifier)["Snapshots"][0]


# --- the clock follows the system clock as Python reads it ------------------


def test_freezegun_moves_the_clock_until_it_is_set(fake, client, cluster):
    freezegun = pytest.importorskip("freezegun")
    with freezegun.freeze_time("2031-02-03 04:05:06") as frozen:
        assert fake.clock.now() == datetime.datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
        created = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
        assert created["Snapshot"]["SnapshotCreateTime"] == datetime.datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
        frozen.tick(datetime.timedelta(hours=2))
        assert fake.clock.now() == datetime.datetime(2031, 2, 3, 6, 5, 6, tzinfo=UTC)
        fake.clock.set(datetime.datetime(2020, 1, 1))
        frozen.tick(datetime.timedelta(hours=2))
        assert fake.clock.now() == datetime.datetime(2020, 1, 1, tzinfo=UTC)


def test_time_machine_moves_the_clock_until_it_is_set(fake, client, cluster):
    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(datetime.datetime(2032, 5, 6, 7, 8, 9, tzinfo=UTC), tick=False) as traveller:
        assert fake.clock.now() == datetime.datetime(2032, 5, 6, 7, 8, 9, tzinfo=UTC)
        client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
        traveller.shift(datetime.timedelta(days=3))
        assert fake.clock.now() == datetime.datetime(2032, 5, 9, 7, 8, 9, tzinfo=UTC)
        assert snapshot(client, "s1")["SnapshotCreateTime"] == datetime.datetime(2032, 5, 6, 7, 8, 9, tzinfo=UTC)
        fake.clock.advance(60)
        traveller.shift(datetime.timedelta(days=3))
        assert fake.clock.now() == datetime.datetime(2032, 5, 9, 7, 9, 9, tzinfo=UTC)


def test_time_machine_drives_retention(fake, client, cluster):
    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(datetime.datetime(2032, 1, 1, tzinfo=UTC), tick=False) as traveller:
        client.create_cluster_snapshot(
            SnapshotIdentifier="s1", ClusterIdentifier=cluster, ManualSnapshotRetentionPeriod=2
        )
        traveller.shift(datetime.timedelta(days=1, hours=12))
        assert snapshot(client, "s1")["ManualSnapshotRemainingDays"] == 1
        traveller.shift(DAY)
        with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
            snapshot(client, "s1")


# --- set_snapshot_status ---------------------------------------------------------


@pytest.mark.parametrize("status", ["creating", "available", "failed", "cancelled"])
def test_a_forced_status_is_what_describe_shows(client, fake, cluster, status):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fake.set_snapshot_status("s1", status)
    described = client.describe_cluster_snapshots(SnapshotIdentifier="s1")
    check_response("DescribeClusterSnapshots", described)
    assert described["Snapshots"][0]["Status"] == status


def test_a_forced_status_drives_the_rules_until_released(client, fake, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fake.set_snapshot_status("S1", "creating")
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert "creating" in e.value.response["Error"]["Message"]
    fake.set_snapshot_status("s1", None)
    assert snapshot(client, "s1")["Status"] == "available"
    fake.set_snapshot_status("s1", "failed")
    assert client.delete_cluster_snapshot(SnapshotIdentifier="s1")["Snapshot"]["Status"] == "deleted"


def test_set_snapshot_status_finds_the_snapshot_by_region_and_account(fake):
    elsewhere = fake.client("eu-west-1", account_id=OTHER_ACCOUNT)
    elsewhere.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    elsewhere.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    with pytest.raises(LookupError, match="no snapshot s1 in account 123456789012, region us-east-1"):
        fake.set_snapshot_status("s1", "failed")
    fake.set_snapshot_status("s1", "failed", region_name="eu-west-1", account_id=OTHER_ACCOUNT)
    assert snapshot(elsewhere, "s1")["Status"] == "failed"


@pytest.mark.parametrize("status", ["deleted", "Available", "", "gone"])
def test_set_snapshot_status_refuses_other_statuses(client, fake, cluster, status):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    with pytest.raises(ValueError, match="status must be one of creating, available, failed, cancelled"):
        fake.set_snapshot_status("s1", status)
    assert snapshot(client, "s1")["Status"] == "available"


# --- seed_snapshot -------------------------------------------------------------------


def test_a_seeded_snapshot_is_described_as_seeded(fake, client):
    # Whole seconds: the clock reads the system clock to the millisecond, and
    # a create time later than its reading would add a day to the countdown.
    created = datetime.datetime.now(UTC).replace(microsecond=0) - 90 * DAY
    seeded = fake.seed_snapshot(
        SnapshotIdentifier="Old-Nightly",
        ClusterIdentifier="retired",
        SnapshotCreateTime=created,
        TotalBackupSizeInMegaBytes=51200.0,
        Tags=[{"Key": "team", "Value": "bi"}],
        ManualSnapshotRetentionPeriod=365,
    )
    described = client.describe_cluster_snapshots(SnapshotIdentifier="old-nightly")
    check_response("DescribeClusterSnapshots", described)
    (shown,) = described["Snapshots"]
    assert seeded == shown
    assert shown["SnapshotIdentifier"] == "old-nightly"
    assert shown["ClusterIdentifier"] == "retired"
    assert shown["SnapshotCreateTime"] == created
    assert shown["Status"] == "available"
    assert shown["SnapshotType"] == "manual"
    assert shown["TotalBackupSizeInMegaBytes"] == 51200.0
    assert shown["Tags"] == [{"Key": "team", "Value": "bi"}]
    assert shown["ManualSnapshotRemainingDays"] == 275
    assert shown["OwnerAccount"] == fake.account_id
    assert shown["SnapshotArn"] == f"arn:aws:redshift:us-east-1:{fake.account_id}:snapshot:retired/old-nightly"


def test_seeded_create_times_are_in_the_past_of_real_now(fake, client):
    """SPEC section 7: age filters compare SnapshotCreateTime with the real
    datetime.now(); the clock keeps following it."""
    for age in (1, 10, 100):
        fake.seed_snapshot(
            SnapshotIdentifier=f"age-{age}",
            ClusterIdentifier="c1",
            SnapshotCreateTime=datetime.datetime.now(UTC) - age * DAY,
        )
    assert not fake.clock.is_fixed
    cutoff = datetime.datetime.now(UTC) - 30 * DAY
    old = [
        s["SnapshotIdentifier"]
        for s in client.describe_cluster_snapshots()["Snapshots"]
        if s["SnapshotCreateTime"] < cutoff
    ]
    assert old == ["age-100"]
    listed = client.describe_cluster_snapshots(EndTime=cutoff)["Snapshots"]
    assert [s["SnapshotIdentifier"] for s in listed] == ["age-100"]


def test_a_seed_of_a_gone_cluster_survives_and_is_deletable(fake, client):
    fake.seed_snapshot(SnapshotIdentifier="orphan", ClusterIdentifier="gone")
    assert [s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots(ClusterExists=False)["Snapshots"]] == [
        "orphan"
    ]
    assert client.describe_cluster_snapshots(ClusterExists=True, ClusterIdentifier="gone")["Snapshots"] == []
    deleted = client.delete_cluster_snapshot(SnapshotIdentifier="orphan", SnapshotClusterIdentifier="gone")
    assert deleted["Snapshot"]["Status"] == "deleted"


def test_a_seed_takes_what_it_leaves_out_from_its_cluster(fake, client):
    client.create_cluster(
        ClusterIdentifier="big",
        NodeType="ra3.4xlarge",
        ClusterType="multi-node",
        NumberOfNodes=4,
        MasterUsername="boss",
        MasterUserPassword="Secret123",
        DBName="sales",
    )
    seeded = fake.seed_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="big")
    made = client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="big")["Snapshot"]
    for member in (
        "NodeType",
        "NumberOfNodes",
        "MasterUsername",
        "DBName",
        "Port",
        "AvailabilityZone",
        "TotalBackupSizeInMegaBytes",
    ):
        assert seeded[member] == made[member], member


def test_seeded_automated_snapshots_and_their_retention(fake, client):
    fake.clock.set(datetime.datetime(2030, 6, 1, tzinfo=UTC))
    seeded = fake.seed_snapshot(
        ClusterIdentifier="c1",
        SnapshotType="automated",
        SnapshotCreateTime=datetime.datetime(2030, 5, 30, tzinfo=UTC),
        automated_retention_days=3,
    )
    assert seeded["SnapshotIdentifier"] == "rs:c1-2030-05-30-00-00-00"
    assert "ManualSnapshotRetentionPeriod" not in seeded
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault):
        client.delete_cluster_snapshot(SnapshotIdentifier=seeded["SnapshotIdentifier"])
    fake.clock.advance(DAY - datetime.timedelta(seconds=1))
    assert client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"]
    fake.clock.advance(1)
    assert client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"] == []


def test_a_seed_whose_retention_has_ended_goes_at_the_next_call(fake, client):
    fake.seed_snapshot(
        SnapshotIdentifier="expired",
        ClusterIdentifier="c1",
        SnapshotCreateTime=datetime.datetime.now(UTC) - 10 * DAY,
        ManualSnapshotRetentionPeriod=7,
    )
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_seeded_grants_and_statuses_follow_the_rules(fake, client):
    fake.seed_snapshot(
        SnapshotIdentifier="shared", ClusterIdentifier="c1", AccountsWithRestoreAccess=[{"AccountId": OTHER_ACCOUNT}]
    )
    fake.seed_snapshot(SnapshotIdentifier="busy", ClusterIdentifier="c1", Status="creating")
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="shared")
    with pytest.raises(client.exceptions.InvalidClusterSnapshotStateFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="busy")
    other = fake.client(account_id=OTHER_ACCOUNT)
    assert [s["SnapshotIdentifier"] for s in other.describe_cluster_snapshots()["Snapshots"]] == ["shared"]


def test_seeding_ignores_the_quota_and_honours_region_and_account(client):
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=1)
    for i in range(3):
        fake.seed_snapshot(
            SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1", region_name="ap-south-1", account_id=OTHER_ACCOUNT
        )
    there = fake.client("ap-south-1", account_id=OTHER_ACCOUNT)
    assert len(there.describe_cluster_snapshots()["Snapshots"]) == 3
    assert fake.client("ap-south-1").describe_cluster_snapshots()["Snapshots"] == []


@pytest.mark.parametrize(
    "members, message",
    [
        ({"ClusterIdentifier": "c1"}, "SnapshotIdentifier is required"),
        ({"SnapshotIdentifier": "s1"}, "ClusterIdentifier is required"),
        ({"SnapshotIdentifier": "s_1", "ClusterIdentifier": "c1"}, "not a valid identifier"),
        ({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Foo": 1}, 'Unknown parameter in input: "Foo"'),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "TotalBackupSizeInMegaBytes": "big"},
            "Invalid type for parameter TotalBackupSizeInMegaBytes",
        ),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotArn": "arn:x"},
            "SnapshotArn is worked out by the fake",
        ),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "SnapshotType": "shared"},
            "SnapshotType must be manual or automated",
        ),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 0},
            "Invalid manual snapshot retention period",
        ),
        ({"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Status": "deleted"}, "status must be one of"),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "Tags": [{"Key": "aws:x", "Value": "1"}]},
            "Tag key 'aws:x' is not valid",
        ),
        (
            {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1", "TotalBackupSizeInMegaBytes": float("nan")},
            "Value \\(NaN\\) for parameter TotalBackupSizeInMegaBytes is invalid. Expected a number.",
        ),
    ],
)
def test_bad_seeds_are_refused_and_change_nothing(fake, client, members, message):
    with pytest.raises(ValueError, match=message):
        fake.seed_snapshot(**members)
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_a_seed_may_not_take_a_taken_identifier(fake):
    fake.seed_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    with pytest.raises(ValueError, match="a snapshot s1 already exists"):
        fake.seed_snapshot(SnapshotIdentifier="S1", ClusterIdentifier="c2")


# --- inject_error ---------------------------------------------------------------------


def test_an_injected_modeled_error_has_the_model_s_class_and_status(fake, client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fake.inject_error("DeleteClusterSnapshot", "ClusterSnapshotNotFound", message="Snapshot s1 not found.")
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert e.value.operation_name == "DeleteClusterSnapshot"
    assert e.value.response["Error"] == {
        "Type": "Sender",
        "Code": "ClusterSnapshotNotFound",
        "Message": "Snapshot s1 not found.",
    }
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert snapshot(client, "s1")["Status"] == "available", "an injected error changes nothing"
    client.delete_cluster_snapshot(SnapshotIdentifier="s1")


@pytest.mark.parametrize(
    "code, status, fault_type, message",
    [
        ("ThrottlingException", 400, "Sender", "Rate exceeded"),
        ("Throttling", 400, "Sender", "Rate exceeded"),
        ("ServiceUnavailable", 503, "Receiver", "ServiceUnavailable (injected by redshift-fake)"),
        ("InternalFailure", 500, "Receiver", "InternalFailure (injected by redshift-fake)"),
        ("AccessDeniedException", 400, "Sender", "AccessDeniedException (injected by redshift-fake)"),
        ("InvalidClientTokenId", 403, "Sender", "InvalidClientTokenId (injected by redshift-fake)"),
    ],
)
def test_injected_common_errors_are_client_errors(fake, client, code, status, fault_type, message):
    fake.inject_error("DescribeClusters", code)
    with pytest.raises(ClientError) as e:
        client.describe_clusters()
    assert type(e.value) is ClientError
    assert e.value.response["Error"] == {"Type": fault_type, "Code": code, "Message": message}
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert str(e.value) == f"An error occurred ({code}) when calling the DescribeClusters operation: {message}"
    client.describe_clusters()


@pytest.mark.parametrize("code", ["ThrottlingException", "ServiceUnavailable", "ClusterSnapshotQuotaExceeded"])
def test_an_injected_error_on_a_changing_call_changes_nothing(fake, client, cluster, code):
    before = client.describe_cluster_snapshots()["Snapshots"]
    fake.inject_error("CreateClusterSnapshot", code)
    with pytest.raises(ClientError) as e:
        client.create_cluster_snapshot(
            SnapshotIdentifier="s1", ClusterIdentifier=cluster, Tags=[{"Key": "k", "Value": "v"}]
        )
    assert e.value.response["Error"]["Code"] == code
    assert client.describe_cluster_snapshots()["Snapshots"] == before
    assert client.describe_tags()["TaggedResources"] == []
    created = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    assert created["Snapshot"]["SnapshotIdentifier"] == "s1"


def test_injected_errors_count_and_queue_per_operation(fake, client):
    other = fake.client("eu-west-1", account_id=OTHER_ACCOUNT)
    fake.inject_error("DescribeClusters", "ThrottlingException", count=2)
    fake.inject_error("DescribeClusters", "ServiceUnavailable")
    client.describe_cluster_snapshots()  # another operation is untouched
    codes = []
    for c in (client, other, client, other):
        try:
            c.describe_clusters()
            codes.append(None)
        except ClientError as e:
            codes.append(e.response["Error"]["Code"])
    assert codes == ["ThrottlingException", "ThrottlingException", "ServiceUnavailable", None]


def test_a_call_refused_by_validation_does_not_use_up_an_injected_error(fake, client):
    fake.inject_error("DeleteClusterSnapshot", "ThrottlingException")
    with pytest.raises(ParamValidationError):
        client.delete_cluster_snapshot()
    with pytest.raises(ClientError, match="ThrottlingException"):
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")


@pytest.mark.parametrize(
    "args, kwargs, error",
    [
        (("delete_cluster_snapshot", "ThrottlingException"), {}, ValueError),
        (("DeleteSnapshot", "ThrottlingException"), {}, ValueError),
        (("DeleteClusterSnapshot", ""), {}, ValueError),
        (("DeleteClusterSnapshot", "Throttling Exception"), {}, ValueError),
        (("DeleteClusterSnapshot", "ThrottlingException"), {"count": 0}, ValueError),
        (("DeleteClusterSnapshot", "ThrottlingException"), {"count": True}, TypeError),
        (("DeleteClusterSnapshot", "ThrottlingException"), {"count": 1.0}, TypeError),
    ],
)
def test_inject_error_checks_its_arguments(fake, client, args, kwargs, error):
    with pytest.raises(error):
        fake.inject_error(*args, **kwargs)
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="s1")


# --- calls -----------------------------------------------------------------------------


def test_calls_list_every_answered_call_in_order(fake, client):
    other = fake.client("eu-west-1", account_id=OTHER_ACCOUNT)
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    other.describe_cluster_snapshots(StartTime=start, TagKeys=["team"])
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="Nope")
    with pytest.raises(ParamValidationError):
        client.delete_cluster_snapshot(SnapshotIdentifier=1)
    calls = fake.calls
    assert [c.operation_name for c in calls] == ["CreateCluster", "DescribeClusterSnapshots", "DeleteClusterSnapshot"]
    assert calls[0].params["ClusterIdentifier"] == "c1"
    assert calls[0].error_code is None
    assert calls[1] == redshift_fake.Call(
        operation_name="DescribeClusterSnapshots",
        params={"StartTime": start, "TagKeys": ["team"]},
        region_name="eu-west-1",
        account_id=OTHER_ACCOUNT,
        error_code=None,
    )
    assert calls[1].params["StartTime"].tzinfo is not None
    assert calls[2].params == {"SnapshotIdentifier": "Nope"}
    assert (calls[2].region_name, calls[2].account_id) == ("us-east-1", fake.account_id)
    assert calls[2].error_code == "ClusterSnapshotNotFound"
    copied = list(calls)
    calls.clear()  # a live view of the log: clearing it empties the log, not the world
    assert len(fake.calls) == 0 and len(copied) == 3
    assert [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]] == ["c1"]
    assert [c.operation_name for c in fake.calls] == ["DescribeClusters"]


def test_timestamp_strings_are_logged_as_the_service_read_them(fake, client):
    client.describe_cluster_snapshots(StartTime="2024-02-03T04:05:06Z")
    assert fake.calls[0].params == {"StartTime": datetime.datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)}


def test_calls_record_injected_errors(fake, client):
    fake.inject_error("DescribeClusters", "ThrottlingException")
    with pytest.raises(ClientError):
        client.describe_clusters(MaxRecords=20)
    client.describe_clusters(MaxRecords=20)
    assert [(c.operation_name, c.params, c.error_code) for c in fake.calls] == [
        ("DescribeClusters", {"MaxRecords": 20}, "ThrottlingException"),
        ("DescribeClusters", {"MaxRecords": 20}, None),
    ]


# --- reset ------------------------------------------------------------------------------


def test_reset_empties_world_calls_and_faults_and_clients_keep_working(fake, client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fake.inject_error("DescribeClusters", "ThrottlingException")
    fake.clock.set(datetime.datetime(2030, 1, 1, tzinfo=UTC))
    fake.reset()
    assert fake.calls == []
    assert client.describe_clusters()["Clusters"] == []
    assert client.describe_cluster_snapshots()["Snapshots"] == []
    assert fake.clock.now() == datetime.datetime(2030, 1, 1, tzinfo=UTC), "the clock stays"
    assert [c.operation_name for c in fake.calls] == ["DescribeClusters", "DescribeClusterSnapshots"]
