"""Scheduled actions: their rules, their invocations, and their running on
the world's clock."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import NEW_CLUSTER, check_response, doors_agree, make_cluster, refused

UTC = datetime.timezone.utc
START = datetime.datetime(2030, 1, 1, tzinfo=UTC)  # a Tuesday
ROLE = "arn:aws:iam::123456789012:role/scheduler"


@pytest.fixture
def clocked(fake, cluster):
    fake.clock.set(START)
    return fake


def create(client, name="nightly", target=None, schedule="cron(0 22 * * ? *)", **members):
    target = target or {"PauseCluster": {"ClusterIdentifier": "c1"}}
    members.setdefault("IamRole", ROLE)
    return client.create_scheduled_action(ScheduledActionName=name, TargetAction=target, Schedule=schedule, **members)


def at(hours):
    return START + datetime.timedelta(hours=hours)


def test_create_answers_the_action_with_its_next_invocations(clocked, client):
    answer = create(client, "Nightly-Pause", ScheduledActionDescription="save money")
    check_response("CreateScheduledAction", answer)
    answer.pop("ResponseMetadata")
    assert answer == {
        "ScheduledActionName": "nightly-pause",
        "TargetAction": {"PauseCluster": {"ClusterIdentifier": "c1"}},
        "Schedule": "cron(0 22 * * ? *)",
        "IamRole": ROLE,
        "ScheduledActionDescription": "save money",
        "State": "ACTIVE",
        "NextInvocations": [at(22 + 24 * d) for d in range(10)],
    }


def test_an_at_schedule_has_one_invocation_and_a_resize_is_elastic_unless_told(clocked, client):
    answer = create(
        client,
        target={"ResizeCluster": {"ClusterIdentifier": "c1", "NumberOfNodes": 4}},
        schedule="at(2030-01-02T03:04:05)",
    )
    assert answer["NextInvocations"] == [datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)]
    assert answer["TargetAction"] == {
        "ResizeCluster": {"ClusterIdentifier": "c1", "NumberOfNodes": 4, "Classic": False}
    }


def test_start_and_end_times_bound_the_invocations(clocked, client):
    answer = create(client, StartTime=at(48), EndTime=at(24 * 4))
    assert answer["NextInvocations"] == [at(22 + 48), at(22 + 72)]
    assert (answer["StartTime"], answer["EndTime"]) == (at(48), at(96))
    refused(clocked, lambda: create(client, "x", StartTime=at(5), EndTime=at(4)), "InvalidScheduledAction")


def test_a_disabled_action_has_no_invocations(clocked, client):
    answer = create(client, Enable=False)
    assert (answer["State"], answer["NextInvocations"]) == ("DISABLED", [])


@pytest.mark.parametrize(
    "schedule",
    [
        "rate(1 hour)",
        "cron(0 22 * * *)",
        "cron(0 22 * * MON *)",
        "cron(*/30 * * * ? *)",
        "cron(0 24 * * ? *)",
        "cron(0 22 * * ? 1969)",
        "cron(0 22 15W * ? *)",
        "at(2030-13-01T00:00:00)",
        "at(2029-12-31T00:00:00)",
        "at(2030-01-01T00:00:00)",
    ],
)
def test_schedules_are_checked(clocked, client, schedule):
    refused(clocked, lambda: create(client, schedule=schedule), "InvalidSchedule")


@pytest.mark.parametrize(
    "members, code",
    [
        ({"target": {"PauseCluster": {"ClusterIdentifier": "nope"}}}, "ClusterNotFound"),
        (
            {"target": {"ResumeCluster": {"ClusterIdentifier": "c1"}, "PauseCluster": {"ClusterIdentifier": "c1"}}},
            "InvalidScheduledAction",
        ),
        (
            {"target": {"ResizeCluster": {"ClusterIdentifier": "c1", "ReservedNodeId": "r1"}}},
            "ScheduledActionTypeUnsupported",
        ),
        ({"IamRole": "scheduler"}, "InvalidParameterValue"),
        ({"name": "1st"}, "InvalidParameterValue"),
        ({"name": "a" * 61}, "InvalidParameterValue"),
    ],
)
def test_actions_are_checked(clocked, client, members, code):
    role = members.pop("IamRole", ROLE)
    call = lambda: client.create_scheduled_action(  # noqa: E731
        ScheduledActionName=members.get("name", "x"),
        TargetAction=members.get("target", {"PauseCluster": {"ClusterIdentifier": "c1"}}),
        Schedule="cron(0 22 * * ? *)",
        IamRole=role,
    )
    refused(clocked, call, code)


def test_a_taken_name_and_the_quota(clocked, client):
    create(client)
    refused(clocked, lambda: create(client, "NIGHTLY"), "ScheduledActionAlreadyExists")
    small = redshift_fake.FakeRedshift(scheduled_action_quota=1)
    make_cluster(small.client())
    create(small.client())
    refused(small, lambda: create(small.client(), "other"), "ScheduledActionQuotaExceeded")


def test_modify_delete_and_not_found(clocked, client):
    create(client)
    answer = client.modify_scheduled_action(
        ScheduledActionName="nightly", Schedule="at(2030-01-05T00:00:00)", ScheduledActionDescription="once"
    )
    check_response("ModifyScheduledAction", answer)
    assert answer["NextInvocations"] == [at(96)] and answer["ScheduledActionDescription"] == "once"
    refused(
        clocked,
        lambda: client.modify_scheduled_action(ScheduledActionName="nightly", Schedule="nope"),
        "InvalidSchedule",
    )
    client.delete_scheduled_action(ScheduledActionName="Nightly")
    for call in (
        lambda: client.delete_scheduled_action(ScheduledActionName="nightly"),
        lambda: client.modify_scheduled_action(ScheduledActionName="nightly", Enable=False),
        lambda: client.describe_scheduled_actions(ScheduledActionName="nightly"),
    ):
        e = refused(clocked, call, "ScheduledActionNotFound")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_describe_filters(clocked, client):
    make_cluster(client, "c2")
    create(client, "a")
    create(client, "b", target={"ResumeCluster": {"ClusterIdentifier": "c2"}}, schedule="cron(0 6 * * ? *)")
    create(client, "c", Enable=False, IamRole="arn:aws:iam::123456789012:role/other")

    def names(**filters):
        answer = client.describe_scheduled_actions(**filters)
        check_response("DescribeScheduledActions", answer)
        return [a["ScheduledActionName"] for a in answer["ScheduledActions"]]

    assert names() == ["a", "b", "c"]
    assert names(TargetActionType="ResumeCluster") == ["b"]
    assert names(Active=False) == ["c"]
    assert names(Filters=[{"Name": "cluster-identifier", "Values": ["c2"]}]) == ["b"]
    assert names(Filters=[{"Name": "iam-role", "Values": [ROLE]}]) == ["a", "b"]
    assert names(StartTime=at(1), EndTime=at(8)) == ["b"]
    assert names(StartTime=at(7)) == ["a", "b"]
    refused(clocked, lambda: client.describe_scheduled_actions(TargetActionType="Reboot"), "InvalidParameterValue")
    refused(
        clocked,
        lambda: client.describe_scheduled_actions(Filters=[{"Name": "owner", "Values": ["x"]}]),
        "InvalidParameterValue",
    )


def test_created_and_deleted_are_events(clocked, client):
    create(client)
    client.delete_scheduled_action(ScheduledActionName="nightly")
    assert [e["Message"] for e in client.describe_events(SourceType="scheduled-action")["Events"]] == [
        "The scheduled action 'nightly' was created at 2030-01-01 00:00 UTC. "
        "The first invocation is scheduled at 2030-01-01 22:00 UTC.",
        "Scheduled action 'nightly' was deleted at 2030-01-01 00:00 UTC.",
    ]


def test_scheduled_actions_take_no_tags(clocked, client):
    create(client)
    arn = "arn:aws:redshift:us-east-1:123456789012:scheduledaction:nightly"
    refused(
        clocked,
        lambda: client.create_tags(ResourceName=arn, Tags=[{"Key": "k", "Value": "v"}]),
        "ResourceNotFoundFault",
    )


# ---- running ----


def test_an_invocation_that_fails_is_an_error_event_and_the_next_one_is_due(clocked, client):
    # Resuming an available cluster fails (doc), as an operation the fake lacks does.
    create(client, target={"ResumeCluster": {"ClusterIdentifier": "c1"}})
    clocked.clock.advance(datetime.timedelta(hours=23))
    events = client.describe_events(SourceType="scheduled-action")["Events"]
    (failed,) = [e for e in events if e["Severity"] == "ERROR"]
    assert (failed["Date"], failed["EventId"]) == (at(22), "REDSHIFT-EVENT-3616")
    assert failed["Message"].startswith(
        "Scheduled action 'nightly' failed to run ResumeCluster at 2030-01-01 22:00 UTC: "
    )
    (action,) = client.describe_scheduled_actions()["ScheduledActions"]
    assert action["NextInvocations"][0] == at(46)
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "available"


def test_an_at_action_runs_once_and_stays(clocked, client):
    create(client, schedule="at(2030-01-01T05:00:00)")
    clocked.clock.advance(datetime.timedelta(days=3))
    (action,) = client.describe_scheduled_actions()["ScheduledActions"]
    assert (action["State"], action["NextInvocations"]) == ("ACTIVE", [])


def test_invocations_survive_save_and_load(clocked, client, tmp_path):
    create(client)
    clocked.save(tmp_path / "w.json")
    copy = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    (action,) = copy.client().describe_scheduled_actions()["ScheduledActions"]
    assert action["NextInvocations"][0] == at(22)


def test_a_scheduled_pause_pauses_the_cluster_at_its_time(clocked, client):
    create(client)
    clocked.clock.advance(datetime.timedelta(hours=21))
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "available"
    clocked.clock.advance(datetime.timedelta(hours=2))
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "paused"
    ids = [e["EventId"] for e in client.describe_events(SourceType="cluster", SourceIdentifier="c1")["Events"]]
    assert "REDSHIFT-EVENT-3619" in ids
    assert not [e for e in client.describe_events()["Events"] if e["Severity"] == "ERROR"]


def test_a_scheduled_resume_resumes_a_paused_cluster(clocked, client):
    client.pause_cluster(ClusterIdentifier="c1")
    create(client, target={"ResumeCluster": {"ClusterIdentifier": "c1"}}, schedule="at(2030-01-01T08:00:00)")
    clocked.clock.advance(datetime.timedelta(hours=9))
    assert client.describe_clusters()["Clusters"][0]["ClusterStatus"] == "available"


def test_a_scheduled_resize_resizes_the_cluster(clocked, client):
    # (doc) A single-node cluster only takes a classic resize.
    target = {"ResizeCluster": {"ClusterIdentifier": "c1", "NumberOfNodes": 2, "ClusterType": "multi-node",
                                "Classic": True}}
    create(client, target=target, schedule="at(2030-01-01T08:00:00)")
    clocked.clock.advance(datetime.timedelta(hours=9))
    assert client.describe_clusters()["Clusters"][0]["NumberOfNodes"] == 2


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster", ClusterIdentifier="c1", **NEW_CLUSTER)
        call(
            "create_scheduled_action",
            ScheduledActionName="a",
            TargetAction={"PauseCluster": {"ClusterIdentifier": "c1"}},
            Schedule="cron(0 22 ? * MON-FRI *)",
            IamRole=ROLE,
            StartTime=datetime.datetime(2030, 1, 3, tzinfo=UTC),
        )
        call(
            "create_scheduled_action",
            ScheduledActionName="b",
            TargetAction={},
            Schedule="cron(0 22 * * ? *)",
            IamRole=ROLE,
        )
        call("modify_scheduled_action", ScheduledActionName="a", Enable=False)
        call("describe_scheduled_actions")
        call("describe_scheduled_actions", ScheduledActionName="nope")
        call("delete_scheduled_action", ScheduledActionName="a")

    doors_agree(scenario)
