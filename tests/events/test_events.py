"""Events are a record of the world: each change the fake makes is an event
with AWS's id, category and message, and DescribeEvents answers a window of
the world's clock."""

from __future__ import annotations

import datetime

import pytest

from conftest import NEW_CLUSTER, OTHER_ACCOUNT, check_response, doors_agree, make_cluster, refused

UTC = datetime.timezone.utc
START = datetime.datetime(2030, 1, 1, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def clocked(fake):
    fake.clock.set(START)
    return fake


def events(client, **filters):
    answer = client.describe_events(**filters)
    check_response("DescribeEvents", answer)
    return [(e["EventId"], e["SourceType"], e["SourceIdentifier"]) for e in answer["Events"]]


def messages(client, **filters):
    return [e["Message"] for e in client.describe_events(**filters)["Events"]]


def test_a_new_cluster_is_an_event_with_awss_message(clocked, client):
    make_cluster(client)
    (event,) = [e for e in client.describe_events()["Events"] if e["SourceType"] == "cluster"]
    assert event == {
        "SourceIdentifier": "c1",
        "SourceType": "cluster",
        "Message": "Amazon Redshift cluster 'c1' has been created at 2030-01-01 00:00 UTC and is ready for use.",
        "EventCategories": ["management"],
        "Severity": "INFO",
        "Date": START,
        "EventId": "REDSHIFT-EVENT-2000",
    }


def test_the_created_event_comes_when_the_cluster_is_available():
    import redshift_fake

    fake = redshift_fake.FakeRedshift(cluster_creation_seconds=600)
    fake.clock.set(START)
    client = fake.client()
    make_cluster(client)
    assert events(client, SourceType="cluster") == []
    fake.clock.advance(600)
    (event,) = client.describe_events(SourceType="cluster")["Events"]
    assert (event["EventId"], event["Date"]) == ("REDSHIFT-EVENT-2000", START + datetime.timedelta(seconds=600))


def test_a_deleted_cluster_says_whether_a_final_snapshot_was_saved(clocked, client):
    make_cluster(client, "c1")
    make_cluster(client, "c2")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    client.delete_cluster(ClusterIdentifier="c2", FinalClusterSnapshotIdentifier="last")
    deleted = [m for m in messages(client, SourceType="cluster") if "deleted" in m]
    assert deleted == [
        "Amazon Redshift cluster 'c1' has been deleted at 2030-01-01 00:00 UTC. A final snapshot was not saved.",
        "Amazon Redshift cluster 'c2' has been deleted at 2030-01-01 00:00 UTC. A final snapshot was saved.",
    ]


def test_snapshots_started_completed_and_deleted(clocked, client):
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert events(client, SourceType="cluster-snapshot", SourceIdentifier="s1") == [
        ("REDSHIFT-EVENT-2009", "cluster-snapshot", "s1"),
        ("REDSHIFT-EVENT-3004", "cluster-snapshot", "s1"),
        ("REDSHIFT-EVENT-2011", "cluster-snapshot", "s1"),
    ]
    assert messages(client, SourceType="cluster-snapshot", SourceIdentifier="s1")[-1] == (
        "The cluster snapshot 's1' for Amazon Redshift cluster 'c1' was deleted at 2030-01-01 00:00 UTC."
    )


def test_an_expired_snapshot_is_a_deleted_event(clocked, client):
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=1)
    clocked.clock.advance(datetime.timedelta(days=1, minutes=1))
    (event,) = client.describe_events(SourceType="cluster-snapshot", SourceIdentifier="s1")["Events"]
    assert (event["EventId"], event["Date"]) == ("REDSHIFT-EVENT-2011", START + datetime.timedelta(days=1))


def test_a_restore_started_and_completed(clocked, client):
    make_cluster(client)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.restore_from_cluster_snapshot(ClusterIdentifier="r1", SnapshotIdentifier="s1")
    assert messages(client, SourceType="cluster", SourceIdentifier="r1") == [
        "Cluster restore 'r1' from snapshot 's1' started at 2030-01-01 00:00 UTC.",
        "Cluster 'r1' was restored from cluster snapshot 's1' at 2030-01-01 00:00 UTC.",
    ]


def test_parameter_and_security_group_events(clocked, client):
    client.create_cluster_parameter_group(
        ParameterGroupName="pg1", ParameterGroupFamily="redshift-1.0", Description="d"
    )
    client.modify_cluster_parameter_group(
        ParameterGroupName="pg1", Parameters=[{"ParameterName": "require_ssl", "ParameterValue": "true"}]
    )
    client.delete_cluster_parameter_group(ParameterGroupName="pg1")
    assert [e[0] for e in events(client, SourceType="cluster-parameter-group", SourceIdentifier="pg1")] == [
        "REDSHIFT-EVENT-1003",
        "REDSHIFT-EVENT-1002",
        "REDSHIFT-EVENT-1005",
        "REDSHIFT-EVENT-1004",
    ]
    assert messages(client, SourceType="cluster-parameter-group")[-1] == (
        "Cluster parameter group 'pg1' was deleted at 2030-01-01 00:00 UTC."
    )
    client.create_cluster_security_group(ClusterSecurityGroupName="sec", Description="d")
    client.authorize_cluster_security_group_ingress(ClusterSecurityGroupName="sec", CIDRIP="10.0.0.0/8")
    client.delete_cluster_security_group(ClusterSecurityGroupName="sec")
    assert [e[0] for e in events(client, SourceType="cluster-security-group")] == [
        "REDSHIFT-EVENT-4002",
        "REDSHIFT-EVENT-4004",
        "REDSHIFT-EVENT-4003",
    ]


def test_a_refused_call_records_nothing(clocked, client):
    make_cluster(client)
    before = events(client)
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault):
        client.delete_cluster_snapshot(SnapshotIdentifier="nope")
    assert events(client) == before


# ---- the window ----


def test_the_default_window_is_the_last_hour(clocked, client):
    make_cluster(client)
    clocked.clock.advance(HOUR - datetime.timedelta(seconds=1))
    assert ("REDSHIFT-EVENT-2000", "cluster", "c1") in events(client)
    clocked.clock.advance(datetime.timedelta(seconds=2))
    assert ("REDSHIFT-EVENT-2000", "cluster", "c1") not in events(client)
    assert ("REDSHIFT-EVENT-2000", "cluster", "c1") in events(client, Duration=120)


def test_start_and_end_times(clocked, client):
    make_cluster(client, "c1")
    clocked.clock.advance(2 * HOUR)
    make_cluster(client, "c2")
    clocked.clock.advance(2 * HOUR)
    sources = lambda **w: {e[2] for e in events(client, SourceType="cluster", **w)}  # noqa: E731
    assert sources(StartTime=START) == {"c1", "c2"}
    assert sources(StartTime=START, EndTime=START + HOUR) == {"c1"}
    assert sources(StartTime=START + HOUR) == {"c2"}
    assert sources(StartTime=START + 3 * HOUR) == set()


def test_only_the_past_14_days(clocked, client):
    make_cluster(client)
    clocked.clock.advance(datetime.timedelta(days=14, minutes=1))
    assert events(client, StartTime=START, SourceType="cluster") == []


def test_source_filters(clocked, client):
    make_cluster(client, "c1")
    make_cluster(client, "c2")
    assert {e[2] for e in events(client, SourceType="cluster", SourceIdentifier="C2")} == {"c2"}
    assert {e[1] for e in events(client, SourceType="cluster-snapshot")} == {"cluster-snapshot"}
    refused(clocked, lambda: client.describe_events(SourceIdentifier="c1"), "InvalidParameterCombination")
    refused(clocked, lambda: client.describe_events(SourceType="cluster-thing"), "InvalidParameterValue")
    refused(clocked, lambda: client.describe_events(Duration=-1), "InvalidParameterValue")


def test_events_are_per_account_and_region(clocked, client):
    make_cluster(client)
    assert events(clocked.client(account_id=OTHER_ACCOUNT)) == []
    assert events(clocked.client("eu-west-1")) == []


def test_events_page(clocked, client):
    for i in range(15):
        make_cluster(client, f"c{i:02d}")  # each: created, and its first snapshot started and completed
    pages = list(client.get_paginator("describe_events").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["Events"]) for p in pages] == [20, 20, 5]
    ids = [(e["SourceIdentifier"], e["EventId"]) for p in pages for e in p["Events"]]
    assert len(set(ids)) == 45


# ---- the catalog ----


def test_event_categories_list_what_the_fake_records(client):
    answer = client.describe_event_categories()
    check_response("DescribeEventCategories", answer)
    types = [m["SourceType"] for m in answer["EventCategoriesMapList"]]
    assert types == [
        "cluster",
        "cluster-parameter-group",
        "cluster-security-group",
        "cluster-snapshot",
        "scheduled-action",
    ]
    (snapshots,) = client.describe_event_categories(SourceType="cluster-snapshot")["EventCategoriesMapList"]
    assert {
        "EventId": "REDSHIFT-EVENT-2011",
        "EventCategories": ["management"],
        "EventDescription": "Cluster snapshot <snapshot name> for cluster <cluster name> was deleted at <time in UTC>.",
        "Severity": "INFO",
    } in snapshots["Events"]
    refused_call = lambda: client.describe_event_categories(SourceType="nope")  # noqa: E731
    with pytest.raises(client.exceptions.ClientError):
        refused_call()


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster", ClusterIdentifier="c1", **NEW_CLUSTER)
        call("create_cluster_snapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")
        fake.clock.advance(60)
        call("describe_events")
        call("describe_events", SourceType="cluster-snapshot", SourceIdentifier="s1", MaxRecords=20)
        call("describe_events", StartTime=datetime.datetime(2029, 12, 31, tzinfo=UTC), EndTime="2030-01-02T00:00:00Z")
        call("describe_events", SourceIdentifier="c1")
        call("describe_event_categories", SourceType="cluster")

    doors_agree(scenario)
