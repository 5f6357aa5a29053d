"""Event subscriptions, and the SNS topics a test declares."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import NEW_CLUSTER, check_response, doors_agree, refused

TOPIC = "arn:aws:sns:us-east-1:123456789012:redshift-events"


def create(client, name="sub1", topic=TOPIC, **members):
    return client.create_event_subscription(SubscriptionName=name, SnsTopicArn=topic, **members)


def test_create_answers_the_subscription(fake, client, cluster):
    answer = create(
        client,
        "Alerts",
        SourceType="cluster",
        SourceIds=["C1"],
        EventCategories=["Management"],
        Severity="error",
        Enabled=False,
        Tags=[{"Key": "k", "Value": "v"}],
    )
    check_response("CreateEventSubscription", answer)
    sub = answer["EventSubscription"]
    created = sub.pop("SubscriptionCreationTime")
    assert created == fake.clock.now().replace(microsecond=created.microsecond)
    assert sub == {
        "CustomerAwsId": "123456789012",
        "CustSubscriptionId": "alerts",
        "SnsTopicArn": TOPIC,
        "Status": "active",
        "SourceType": "cluster",
        "SourceIdsList": ["c1"],
        "EventCategoriesList": ["management"],
        "Severity": "ERROR",
        "Enabled": False,
        "Tags": [{"Key": "k", "Value": "v"}],
    }


def test_the_least_subscription(client):
    sub = create(client)["EventSubscription"]
    assert (sub["SourceIdsList"], sub["EventCategoriesList"], sub["Enabled"]) == ([], [], True)
    assert "SourceType" not in sub and "Severity" not in sub


@pytest.mark.parametrize(
    "members, code",
    [
        ({"topic": "not-an-arn"}, "SNSInvalidTopic"),
        ({"topic": "arn:aws:sqs:us-east-1:123456789012:q"}, "SNSInvalidTopic"),
        ({"SourceType": "database"}, "InvalidParameterValue"),
        ({"SourceIds": ["c1"]}, "InvalidParameterCombination"),
        ({"SourceType": "cluster", "SourceIds": ["nope"]}, "SourceNotFound"),
        ({"SourceType": "cluster-snapshot", "SourceIds": ["nope"]}, "SourceNotFound"),
        ({"EventCategories": ["availability"]}, "SubscriptionCategoryNotFound"),
        ({"SourceType": "cluster-parameter-group", "EventCategories": ["security"]}, "SubscriptionCategoryNotFound"),
        ({"Severity": "WARNING"}, "SubscriptionSeverityNotFound"),
        ({"name": "1sub"}, "InvalidParameterValue"),
        ({"name": "sub--1"}, "InvalidParameterValue"),
    ],
)
def test_subscriptions_are_validated(fake, client, cluster, members, code):
    refused(fake, lambda: create(client, **members), code)


def test_sources_of_every_type(client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    client.create_cluster_security_group(ClusterSecurityGroupName="sec", Description="d")
    for i, (kind, source) in enumerate(
        [
            ("cluster", "c1"),
            ("cluster-snapshot", "s1"),
            ("cluster-parameter-group", "default.redshift-1.0"),
            ("cluster-security-group", "sec"),
            ("cluster-security-group", "default"),
        ]
    ):
        create(client, f"s{i}", SourceType=kind, SourceIds=[source])
    create(client, "pending", SourceType="cluster", EventCategories=["pending", "security"])


def test_declared_topics_must_exist(fake, client):
    fake.add_sns_topic(TOPIC)
    create(client)
    refused(fake, lambda: create(client, "sub2", "arn:aws:sns:us-east-1:123456789012:other"), "SNSTopicArnNotFound")
    with pytest.raises(ValueError):
        fake.add_sns_topic("arn:aws:sns:us-east-1:42:t")


def test_a_taken_name_and_the_quota(fake, client):
    create(client)
    refused(fake, lambda: create(client, "SUB1"), "SubscriptionAlreadyExist")
    small = redshift_fake.FakeRedshift(event_subscription_quota=1)
    create(small.client())
    refused(small, lambda: create(small.client(), "sub2"), "EventSubscriptionQuotaExceeded")


def test_modify_replaces_what_is_given(fake, client, cluster):
    create(client, SourceType="cluster", SourceIds=["c1"], Severity="INFO")
    answer = client.modify_event_subscription(SubscriptionName="sub1", EventCategories=["monitoring"], Enabled=False)
    check_response("ModifyEventSubscription", answer)
    sub = answer["EventSubscription"]
    assert (sub["SourceIdsList"], sub["EventCategoriesList"], sub["Severity"], sub["Enabled"]) == (
        ["c1"],
        ["monitoring"],
        "INFO",
        False,
    )
    # A new source type drops the old type's ids.
    sub = client.modify_event_subscription(SubscriptionName="sub1", SourceType="cluster-snapshot")["EventSubscription"]
    assert (sub["SourceType"], sub["SourceIdsList"]) == ("cluster-snapshot", [])
    refused(
        fake,
        lambda: client.modify_event_subscription(SubscriptionName="sub1", Severity="LOUD"),
        "SubscriptionSeverityNotFound",
    )
    refused(
        fake, lambda: client.modify_event_subscription(SubscriptionName="nope", Enabled=True), "SubscriptionNotFound"
    )


def test_describe_delete_and_not_found(fake, client):
    create(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    create(client, "b")
    answer = client.describe_event_subscriptions()
    check_response("DescribeEventSubscriptions", answer)
    assert [s["CustSubscriptionId"] for s in answer["EventSubscriptionsList"]] == ["a", "b"]
    found = client.describe_event_subscriptions(TagKeys=["env"])["EventSubscriptionsList"]
    assert [s["CustSubscriptionId"] for s in found] == ["a"]
    client.delete_event_subscription(SubscriptionName="A")
    for call in (
        lambda: client.delete_event_subscription(SubscriptionName="a"),
        lambda: client.describe_event_subscriptions(SubscriptionName="a"),
    ):
        e = refused(fake, call, "SubscriptionNotFound")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_subscriptions_page():
    client = redshift_fake.FakeRedshift(event_subscription_quota=21).client()
    for i in range(21):
        create(client, f"s{i:02d}")
    pages = list(client.get_paginator("describe_event_subscriptions").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["EventSubscriptionsList"]) for p in pages] == [20, 1]


def test_tags_by_arn(client):
    create(client)
    arn = "arn:aws:redshift:us-east-1:123456789012:eventsubscription:sub1"
    client.create_tags(ResourceName=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.describe_tags(ResourceName=arn)["TaggedResources"][0]["Tag"] == {"Key": "k", "Value": "v"}


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster", ClusterIdentifier="c1", **NEW_CLUSTER)
        call(
            "create_event_subscription",
            SubscriptionName="s1",
            SnsTopicArn=TOPIC,
            SourceType="cluster",
            SourceIds=["c1"],
            EventCategories=["management"],
            Severity="INFO",
        )
        call("create_event_subscription", SubscriptionName="s2", SnsTopicArn="nope")
        call("modify_event_subscription", SubscriptionName="s1", Enabled=False)
        call("describe_event_subscriptions")
        call("delete_event_subscription", SubscriptionName="s1")
        call("delete_event_subscription", SubscriptionName="s1")

    doors_agree(scenario)
