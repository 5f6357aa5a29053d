"""CreateSnapshotSchedule, DescribeSnapshotSchedules, ModifySnapshotSchedule
and DeleteSnapshotSchedule: the rules of each, and what their schedules
answer."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, make_cluster, refused, two_doors

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)  # a Tuesday
HOUR = datetime.timedelta(hours=1)
ARN = "arn:aws:redshift:us-east-1:123456789012:snapshotschedule:nightly"


@pytest.fixture
def fake():
    fake = redshift_fake.FakeRedshift()
    fake.clock.set(T0)
    return fake


def create(client, identifier="nightly", definitions=("rate(12 hours)",), **members):
    answer = client.create_snapshot_schedule(
        ScheduleIdentifier=identifier, ScheduleDefinitions=list(definitions), **members
    )
    check_response("CreateSnapshotSchedule", answer)
    return answer


def schedules(client, **filters):
    answer = client.describe_snapshot_schedules(**filters)
    check_response("DescribeSnapshotSchedules", answer)
    return answer["SnapshotSchedules"]


# ---- CreateSnapshotSchedule -------------------------------------------------------------


def test_a_new_schedule_answers_itself_and_its_next_invocations(client):
    made = create(
        client,
        "Nightly",
        ["rate(12 hours)", "cron(30 6 *)"],
        ScheduleDescription="twice a day, and 06:30",
        Tags=[{"Key": "team", "Value": "bi"}],
    )
    del made["ResponseMetadata"]
    assert made == {
        # Identifiers are stored lowercased, as every identifier (choice).
        "ScheduleIdentifier": "nightly",
        "ScheduleDefinitions": ["rate(12 hours)", "cron(30 6 *)"],
        "ScheduleDescription": "twice a day, and 06:30",
        "Tags": [{"Key": "team", "Value": "bi"}],
        # The next ten (choice), the same instant of two definitions once.
        "NextInvocations": [
            T0 + 6.5 * HOUR,
            T0 + 12 * HOUR,
            T0 + 24 * HOUR,
            T0 + 30.5 * HOUR,
            T0 + 36 * HOUR,
            T0 + 48 * HOUR,
            T0 + 54.5 * HOUR,
            T0 + 60 * HOUR,
            T0 + 72 * HOUR,
            T0 + 78.5 * HOUR,
        ],
        "AssociatedClusterCount": 0,
        "AssociatedClusters": [],
    }
    assert [s["ScheduleIdentifier"] for s in schedules(client)] == ["nightly"]


def test_next_invocations_asks_how_many(client):
    made = create(client, definitions=["cron(0 21 MON-FRI)"], NextInvocations=4)
    # AWS's example: every night at 9:00pm Monday to Friday.
    assert made["NextInvocations"] == [T0 + 21 * HOUR + d * 24 * HOUR for d in (0, 1, 2, 3)]


def test_identifiers_take_hyphens_as_aws_does(client):
    # Doc: "only alphanumeric"; fact: AWS takes Terraform's tf-acc-test-... names.
    assert create(client, "tf-acc-test-1")["ScheduleIdentifier"] == "tf-acc-test-1"


def test_dry_run_checks_and_answers_but_creates_nothing(fake, client):
    made = create(client, DryRun=True, Tags=[{"Key": "k", "Value": "v"}])
    assert made["ScheduleIdentifier"] == "nightly" and made["Tags"] == [{"Key": "k", "Value": "v"}]
    assert schedules(client) == []
    create(client)
    refused(fake, lambda: create(client, DryRun=True), "SnapshotScheduleAlreadyExists")


@pytest.mark.parametrize(
    ("members", "code", "message"),
    [
        ({"ScheduleDefinitions": ["rate(12 hours)"]}, "MissingParameter", None),
        ({"ScheduleIdentifier": "1st"}, "InvalidParameterValue", None),
        ({"ScheduleIdentifier": "a--b"}, "InvalidParameterValue", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["rate(12 hours)"], "NextInvocations": 0},
         "InvalidParameterValue", "Invalid value for NextInvocations: 0. The value must be between 1 and 100."),
        ({"ScheduleIdentifier": "s"}, "InvalidSchedule",
         "A snapshot schedule needs at least one schedule definition."),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": []}, "InvalidSchedule", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["rate(30 minutes)"]}, "InvalidSchedule",
         "Invalid schedule definition rate(30 minutes): a rate must be between 1 hour and 1 day"),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["cron(60 1 *)"]}, "InvalidSchedule",
         "Invalid schedule definition cron(60 1 *): Minutes must be between 0 and 59, got 60"),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["cron(30 12 *)", "cron(0 12 *)"]}, "InvalidSchedule",
         "Invalid schedule definition cron(30 12 *), cron(0 12 *): it takes snapshots at "
         "2030-01-01T12:00:00.000Z and 2030-01-01T12:30:00.000Z, less than 1 hour apart"),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["cron(0 0 1 1 ? 2029)"]}, "InvalidSchedule", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["at(2030-06-01T00:00:00)"]},
         "ScheduleDefinitionTypeUnsupported", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["cron(0 12 L * ? *)"]},
         "ScheduleDefinitionTypeUnsupported", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["rate(1 day)"], "Tags": [{"Key": "aws:x", "Value": ""}]},
         "InvalidTagFault", None),
        ({"ScheduleIdentifier": "s", "ScheduleDefinitions": ["rate(1 day)"],
          "Tags": [{"Key": f"k{i}", "Value": ""} for i in range(51)]}, "TagLimitExceededFault", None),
    ],
)
def test_create_refuses(fake, client, members, code, message):
    refused(fake, lambda: client.create_snapshot_schedule(**members), code, message)


def test_identifiers_are_unique_whatever_the_case(fake, client):
    create(client)
    refused(fake, lambda: create(client, "NIGHTLY"), "SnapshotScheduleAlreadyExists",
            "Snapshot schedule nightly already exists.")
    # Another account or region has its own.
    create(fake.client("eu-west-1"))
    create(fake.client("us-east-1", account_id="210987654321"))


def test_the_schedule_quota_is_the_worlds():
    fake = redshift_fake.FakeRedshift(snapshot_schedule_quota=1)
    client = fake.client()
    create(client, "one")
    refused(fake, lambda: create(client, "two"), "SnapshotScheduleQuotaExceeded",
            "Cannot create the snapshot schedule because the maximum allowed number of snapshot schedules (1) "
            "has been reached.")
    client.delete_snapshot_schedule(ScheduleIdentifier="one")
    create(client, "two")


def test_the_default_quota_is_a_hundred(client):
    for i in range(100):
        create(client, f"s{i}")
    with pytest.raises(client.exceptions.SnapshotScheduleQuotaExceededFault):
        create(client, "more")


# ---- DescribeSnapshotSchedules ---------------------------------------------------------------


def test_describe_filters_by_identifier_cluster_and_tags(client):
    create(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    create(client, "b", Tags=[{"Key": "env", "Value": "test"}])
    create(client, "c")
    make_cluster(client)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="b")
    ids = lambda **f: [s["ScheduleIdentifier"] for s in schedules(client, **f)]  # noqa: E731
    assert ids() == ["a", "b", "c"]
    assert ids(ScheduleIdentifier="B") == ["b"]
    # A schedule or a cluster the caller lacks: an empty list (no error is modeled).
    assert ids(ScheduleIdentifier="nope") == []
    assert ids(ClusterIdentifier="C1") == ["b"]
    assert ids(ClusterIdentifier="nope") == []
    assert ids(TagKeys=["env"]) == ["a", "b"]
    assert ids(TagValues=["test"]) == ["b"]
    assert ids(TagKeys=["env"], TagValues=["prod"]) == ["a"]
    (b,) = schedules(client, ScheduleIdentifier="b")
    assert b["AssociatedClusterCount"] == 1
    assert b["AssociatedClusters"] == [{"ClusterIdentifier": "c1", "ScheduleAssociationState": "ACTIVE"}]


def test_describe_pages(fake, client):
    for i in range(25):
        create(client, f"s{i:02d}")
    first = client.describe_snapshot_schedules(MaxRecords=20)
    rest = client.describe_snapshot_schedules(MaxRecords=20, Marker=first["Marker"])
    assert len(first["SnapshotSchedules"]) == 20 and "Marker" not in rest
    assert [s["ScheduleIdentifier"] for s in first["SnapshotSchedules"] + rest["SnapshotSchedules"]] == [
        f"s{i:02d}" for i in range(25)
    ]
    refused(fake, lambda: client.describe_snapshot_schedules(MaxRecords=10), "InvalidParameterValue")
    refused(fake, lambda: client.describe_snapshot_schedules(Marker="garbage"), "InvalidParameterValue")


# ---- ModifySnapshotSchedule -----------------------------------------------------------------


def test_modify_replaces_the_definitions(client):
    create(client, Tags=[{"Key": "k", "Value": "v"}], ScheduleDescription="d")
    changed = client.modify_snapshot_schedule(ScheduleIdentifier="Nightly", ScheduleDefinitions=["cron(15 3 *)"])
    check_response("ModifySnapshotSchedule", changed)
    assert changed["ScheduleDefinitions"] == ["cron(15 3 *)"]
    assert changed["NextInvocations"][:2] == [T0 + 3.25 * HOUR, T0 + 27.25 * HOUR]
    assert (changed["Tags"], changed["ScheduleDescription"]) == ([{"Key": "k", "Value": "v"}], "d")
    assert schedules(client)[0]["ScheduleDefinitions"] == ["cron(15 3 *)"]


def test_modify_refuses(fake, client):
    create(client)
    refused(fake, lambda: client.modify_snapshot_schedule(
        ScheduleIdentifier="nope", ScheduleDefinitions=["rate(1 day)"]),
            "SnapshotScheduleNotFound", "Snapshot schedule nope not found.")
    for bad in ([], ["rate(2 days)"], ["cron(0 * *)", "rate(1 hour)", "cron(30 * *)"]):
        refused(fake, lambda bad=bad: client.modify_snapshot_schedule(ScheduleIdentifier="nightly",
                                                                        ScheduleDefinitions=bad), "InvalidSchedule")
    refused(fake, lambda: client.modify_snapshot_schedule(ScheduleIdentifier="nightly", ScheduleDefinitions=["x(1)"]),
            "ScheduleDefinitionTypeUnsupported")


def test_a_schedule_being_updated_cannot_be_modified_again():
    fake = redshift_fake.FakeRedshift(snapshot_schedule_update_seconds=300)
    fake.clock.set(T0)
    client = fake.client()
    create(client)
    make_cluster(client)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="nightly")
    again = lambda: client.modify_snapshot_schedule(ScheduleIdentifier="nightly", ScheduleDefinitions=["rate(1 day)"])  # noqa: E731
    refused(fake, again, "SnapshotScheduleUpdateInProgress", "Snapshot schedule nightly is already being updated.")
    fake.clock.advance(300)
    again()
    # Its clusters' associations are modified, asynchronously (doc).
    assert schedules(client)[0]["AssociatedClusters"][0]["ScheduleAssociationState"] == "MODIFYING"
    refused(fake, again, "SnapshotScheduleUpdateInProgress")


# ---- DeleteSnapshotSchedule ----------------------------------------------------------------


def test_delete_removes_the_schedule_and_its_tags(client):
    create(client, Tags=[{"Key": "k", "Value": "v"}])
    answer = client.delete_snapshot_schedule(ScheduleIdentifier="NIGHTLY")
    assert list(answer) == ["ResponseMetadata"]
    assert schedules(client) == []
    assert client.describe_tags()["TaggedResources"] == []
    create(client)
    assert create(client, "other")["Tags"] == []


def test_delete_refuses(fake, client):
    refused(fake, lambda: client.delete_snapshot_schedule(ScheduleIdentifier="nope"), "SnapshotScheduleNotFound")
    create(client)
    make_cluster(client)
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", ScheduleIdentifier="nightly")
    refused(fake, lambda: client.delete_snapshot_schedule(ScheduleIdentifier="nightly"),
            "InvalidClusterSnapshotScheduleState",
            "Cannot delete snapshot schedule nightly because it is associated with cluster c1. Disassociate it first.")
    client.modify_cluster_snapshot_schedule(ClusterIdentifier="c1", DisassociateSchedule=True)
    client.delete_snapshot_schedule(ScheduleIdentifier="nightly")


# ---- Tags, parameters, doors -------------------------------------------------------------------


def test_schedules_are_tagged_by_their_arn(client):
    create(client)
    client.create_tags(ResourceName=ARN, Tags=[{"Key": "a", "Value": "1"}])
    assert schedules(client)[0]["Tags"] == [{"Key": "a", "Value": "1"}]
    tagged = client.describe_tags(ResourceName=ARN)["TaggedResources"]
    assert tagged == [{"Tag": {"Key": "a", "Value": "1"}, "ResourceName": ARN, "ResourceType": "snapshotschedule"}]
    assert [t["ResourceName"] for t in client.describe_tags()["TaggedResources"]] == [ARN]
    client.delete_tags(ResourceName=ARN, TagKeys=["a"])
    assert schedules(client)[0]["Tags"] == []


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("CreateSnapshotSchedule", {"ScheduleIdentifier": 5}),
        ("DescribeSnapshotSchedules", {"MaxRecords": "20"}),
        ("ModifySnapshotSchedule", {"ScheduleIdentifier": "s"}),
        ("DeleteSnapshotSchedule", {"Schedule": "s"}),
        ("ModifyClusterSnapshotSchedule", {"DisassociateSchedule": "yes"}),
    ],
)
def test_parameters_are_validated_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a",
                                    MasterUserPassword="Secret123")),
            ("create_snapshot_schedule", dict(ScheduleIdentifier="s1", ScheduleDefinitions=["rate(12 hours)"],
                                              ScheduleDescription="d", Tags=[{"Key": "k", "Value": "v"}])),
            ("create_snapshot_schedule", dict(ScheduleIdentifier="s2", ScheduleDefinitions=["cron(30 12 *)"],
                                              NextInvocations=2, DryRun=True)),
            ("create_snapshot_schedule", dict(ScheduleIdentifier="s1", ScheduleDefinitions=["rate(1 day)"])),
            ("create_snapshot_schedule", dict(ScheduleIdentifier="s3", ScheduleDefinitions=["rate(5 minutes)"])),
            ("create_snapshot_schedule", dict(ScheduleIdentifier="s3", ScheduleDefinitions=["cron(0 1 ? * 2#1 *)"])),
            ("modify_cluster_snapshot_schedule", dict(ClusterIdentifier="c1", ScheduleIdentifier="s1")),
            ("modify_cluster_snapshot_schedule", dict(ClusterIdentifier="c1", ScheduleIdentifier="nope")),
            ("describe_clusters", {}),
            ("advance", 86_400),
            ("describe_cluster_snapshots", {}),
            ("describe_snapshot_schedules", {}),
            ("describe_snapshot_schedules", dict(ClusterIdentifier="c1", TagKeys=["k"])),
            ("modify_snapshot_schedule", dict(ScheduleIdentifier="s1", ScheduleDefinitions=["cron(0 3 *)"])),
            ("modify_snapshot_schedule", dict(ScheduleIdentifier="nope", ScheduleDefinitions=["cron(0 3 *)"])),
            ("delete_snapshot_schedule", dict(ScheduleIdentifier="s1")),
            ("modify_cluster_snapshot_schedule", dict(ClusterIdentifier="c1", DisassociateSchedule=True)),
            ("modify_cluster_snapshot_schedule", dict(ClusterIdentifier="c1", DisassociateSchedule=True)),
            ("delete_snapshot_schedule", dict(ScheduleIdentifier="s1")),
            ("delete_snapshot_schedule", dict(ScheduleIdentifier="s1")),
        ]
    )
