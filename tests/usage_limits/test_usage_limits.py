"""Usage limits: the feature, limit type, period and breach action rules."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import NEW_CLUSTER, check_response, doors_agree, make_cluster, refused

FEATURES = [
    ("spectrum", "data-scanned"),
    ("concurrency-scaling", "time"),
    ("cross-region-datasharing", "data-scanned"),
    ("extra-compute-for-automatic-optimization", "time"),
]


def create(client, feature="spectrum", limit_type="data-scanned", amount=10, cluster="c1", **members):
    return client.create_usage_limit(
        ClusterIdentifier=cluster, FeatureType=feature, LimitType=limit_type, Amount=amount, **members
    )


@pytest.mark.parametrize("feature, limit_type", FEATURES)
def test_each_feature_takes_its_limit_type(fake, client, cluster, feature, limit_type):
    answer = create(client, feature, limit_type, Tags=[{"Key": "k", "Value": "v"}])
    check_response("CreateUsageLimit", answer)
    answer.pop("ResponseMetadata")
    limit_id = answer.pop("UsageLimitId")
    assert answer == {
        "ClusterIdentifier": "c1",
        "FeatureType": feature,
        "LimitType": limit_type,
        "Amount": 10,
        "Period": "monthly",
        "BreachAction": "log",
        "Tags": [{"Key": "k", "Value": "v"}],
    }
    other = "time" if limit_type == "data-scanned" else "data-scanned"
    refused(fake, lambda: create(client, feature, other), "InvalidUsageLimit")
    assert client.describe_usage_limits(UsageLimitId=limit_id)["UsageLimits"][0]["UsageLimitId"] == limit_id


@pytest.mark.parametrize(
    "members",
    [
        {"amount": 0},
        {"amount": -5},
        {"Period": "hourly"},
        {"BreachAction": "stop"},
        {"feature": "vacuum"},
    ],
)
def test_amount_period_and_breach_action_are_checked(fake, client, cluster, members):
    refused(fake, lambda: create(client, **members), "InvalidUsageLimit")


def test_one_disable_limit_per_feature(fake, client, cluster):
    create(client, BreachAction="disable")
    refused(fake, lambda: create(client, amount=20, BreachAction="disable"), "InvalidUsageLimit")
    create(client, "concurrency-scaling", "time", BreachAction="disable")
    logged = create(client, amount=30)["UsageLimitId"]
    refused(fake, lambda: client.modify_usage_limit(UsageLimitId=logged, BreachAction="disable"), "InvalidUsageLimit")


def test_an_identical_limit_exists_already(fake, client, cluster):
    create(client, Period="daily")
    refused(fake, lambda: create(client, Period="daily"), "UsageLimitAlreadyExists")


def test_the_quota_per_feature_of_a_cluster(fake, client, cluster):
    for amount in (1, 2, 3):
        create(client, amount=amount)
    refused(fake, lambda: create(client, amount=4), "LimitExceededFault")
    create(client, "concurrency-scaling", "time")
    small = redshift_fake.FakeRedshift(usage_limit_quota=1)
    make_cluster(small.client())
    create(small.client())
    refused(small, lambda: create(small.client(), amount=2), "LimitExceededFault")


def test_the_cluster_must_exist(fake, client):
    refused(fake, lambda: create(client, cluster="nope"), "ClusterNotFound")
    refused(fake, lambda: client.describe_usage_limits(ClusterIdentifier="nope"), "ClusterNotFound")


def test_modify_and_delete(fake, client, cluster):
    limit_id = create(client)["UsageLimitId"]
    answer = client.modify_usage_limit(UsageLimitId=limit_id, Amount=50, BreachAction="emit-metric")
    check_response("ModifyUsageLimit", answer)
    assert (answer["Amount"], answer["BreachAction"], answer["Period"]) == (50, "emit-metric", "monthly")
    refused(fake, lambda: client.modify_usage_limit(UsageLimitId=limit_id, Amount=0), "InvalidUsageLimit")
    client.delete_usage_limit(UsageLimitId=limit_id)
    for call in (
        lambda: client.delete_usage_limit(UsageLimitId=limit_id),
        lambda: client.modify_usage_limit(UsageLimitId=limit_id, Amount=1),
    ):
        e = refused(fake, call, "UsageLimitNotFound")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert client.describe_usage_limits(UsageLimitId=limit_id)["UsageLimits"] == []


def test_describe_filters(client, cluster):
    make_cluster(client, "c2")
    a = create(client)["UsageLimitId"]
    b = create(client, "concurrency-scaling", "time", Tags=[{"Key": "env", "Value": "prod"}])["UsageLimitId"]
    c = create(client, cluster="c2")["UsageLimitId"]

    def ids(**filters):
        answer = client.describe_usage_limits(**filters)
        check_response("DescribeUsageLimits", answer)
        return sorted(u["UsageLimitId"] for u in answer["UsageLimits"])

    assert ids() == sorted([a, b, c])
    assert ids(ClusterIdentifier="c1") == sorted([a, b])
    assert ids(ClusterIdentifier="C1", FeatureType="spectrum") == [a]
    assert ids(FeatureType="spectrum") == sorted([a, c])
    assert ids(TagKeys=["env"]) == [b]
    arn = f"arn:aws:redshift:us-east-1:123456789012:usagelimit:{c}"
    client.create_tags(ResourceName=arn, Tags=[{"Key": "env", "Value": "test"}])
    assert ids(TagValues=["test"]) == [c]


def test_limits_go_with_their_cluster(client, cluster):
    create(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    assert client.describe_usage_limits()["UsageLimits"] == []


def test_paging(client, cluster):
    for i in range(25):
        make_cluster(client, f"x{i:02d}")
        create(client, cluster=f"x{i:02d}")
    pages = list(client.get_paginator("describe_usage_limits").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["UsageLimits"]) for p in pages] == [20, 5]


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster", ClusterIdentifier="c1", **NEW_CLUSTER)
        made = call(
            "create_usage_limit",
            ClusterIdentifier="c1",
            FeatureType="spectrum",
            LimitType="data-scanned",
            Amount=5,
            Period="weekly",
            BreachAction="disable",
        )
        call("create_usage_limit", ClusterIdentifier="c1", FeatureType="spectrum", LimitType="time", Amount=5)
        call("modify_usage_limit", UsageLimitId=made["UsageLimitId"], Amount=9)
        call("describe_usage_limits", ClusterIdentifier="c1")
        call("delete_usage_limit", UsageLimitId=made["UsageLimitId"])
        call("delete_usage_limit", UsageLimitId=made["UsageLimitId"])

    doors_agree(scenario)
