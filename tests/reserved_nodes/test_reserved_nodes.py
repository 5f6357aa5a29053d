"""Reserved node offerings, purchases, terms on the clock and exchanges."""

from __future__ import annotations

import datetime
import functools

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, make_cluster, refused, two_doors

YEAR = 31_536_000
NODE_TYPES = ["dc2.large", "dc2.8xlarge", "ra3.large", "ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge",
              "ds2.xlarge", "ds2.8xlarge", "dc1.large", "dc1.8xlarge"]  # fmt: skip


def offerings(client, **kwargs):
    return (
        client.get_paginator("describe_reserved_node_offerings")
        .paginate(**kwargs)
        .build_full_result()["ReservedNodeOfferings"]
    )


def offering_of(client, node_type, duration=YEAR, payment="All Upfront"):
    return next(
        o
        for o in offerings(client)
        if (o["NodeType"], o["Duration"], o["OfferingType"]) == (node_type, duration, payment)
    )


def buy(client, node_type="dc1.large", count=1, **kwargs):
    offering = offering_of(client, node_type, **kwargs)
    return client.purchase_reserved_node_offering(
        ReservedNodeOfferingId=offering["ReservedNodeOfferingId"], NodeCount=count
    )["ReservedNode"]


def test_the_catalog_covers_every_node_type_term_and_payment(client):
    page = client.describe_reserved_node_offerings()
    check_response("DescribeReservedNodeOfferings", page)
    all_offerings = offerings(client)
    node_types = {o["NodeType"] for o in all_offerings}
    assert node_types >= set(NODE_TYPES)
    assert len(all_offerings) == len(node_types) * 2 * 3
    assert {o["Duration"] for o in all_offerings} == {YEAR, 3 * YEAR}
    assert {o["OfferingType"] for o in all_offerings} == {"No Upfront", "Partial Upfront", "All Upfront"}
    for o in all_offerings:
        assert o["CurrencyCode"] == "USD"
        assert o["ReservedNodeOfferingType"] == ("Upgradable" if o["NodeType"].startswith("dc1.") else "Regular")
        if o["OfferingType"] == "All Upfront":
            assert o["FixedPrice"] > 0 and o["RecurringCharges"] == []
        elif o["OfferingType"] == "No Upfront":
            assert o["FixedPrice"] == 0 and o["RecurringCharges"][0]["RecurringChargeFrequency"] == "Hourly"
    # The same offering in every region.
    one = all_offerings[0]["ReservedNodeOfferingId"]
    elsewhere = redshift_fake.FakeRedshift().client("eu-west-1")
    assert elsewhere.describe_reserved_node_offerings(ReservedNodeOfferingId=one)["ReservedNodeOfferings"] == [
        all_offerings[0]
    ]


def test_a_purchase_pays_then_is_active_until_its_term_ends():
    fake = redshift_fake.FakeRedshift(reserved_node_payment_seconds=60)
    client = fake.client()
    fake.clock.set(datetime.datetime(2030, 1, 1))
    offering = offering_of(client, "ra3.xlplus", payment="No Upfront")
    bought = client.purchase_reserved_node_offering(
        ReservedNodeOfferingId=offering["ReservedNodeOfferingId"], NodeCount=3
    )
    check_response("PurchaseReservedNodeOffering", bought)
    node = bought["ReservedNode"]
    assert (node["State"], node["NodeCount"], node["NodeType"], node["Duration"]) == (
        "payment-pending",
        3,
        "ra3.xlplus",
        YEAR,
    )
    assert node["RecurringCharges"] == offering["RecurringCharges"]
    assert node["StartTime"] == datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)

    def state():
        described = client.describe_reserved_nodes(ReservedNodeId=node["ReservedNodeId"])
        check_response("DescribeReservedNodes", described)
        return described["ReservedNodes"][0]["State"]

    fake.clock.advance(59)
    assert state() == "payment-pending"
    fake.clock.advance(1)
    assert state() == "active"
    fake.clock.advance(YEAR - 61)
    assert state() == "active"
    fake.clock.advance(1)
    assert state() == "retired"


def test_purchase_refusals(fake, client):
    refused(
        fake,
        lambda: client.purchase_reserved_node_offering(ReservedNodeOfferingId="nope"),
        "ReservedNodeOfferingNotFound",
    )
    refused(
        fake,
        lambda: client.describe_reserved_node_offerings(ReservedNodeOfferingId="nope"),
        "ReservedNodeOfferingNotFound",
    )
    refused(fake, lambda: buy(client, count=0), "InvalidParameterValue")
    buy(client, "ra3.large", count=150)
    buy(client, "ra3.large", count=50)
    e = refused(fake, lambda: buy(client, "ra3.large"), "ReservedNodeQuotaExceeded")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    refused(fake, lambda: client.describe_reserved_nodes(ReservedNodeId="nope"), "ReservedNodeNotFound")


def test_a_dc1_node_is_exchanged_for_dc2():
    fake = redshift_fake.FakeRedshift(reserved_node_exchange_seconds=30)
    client = fake.client()
    source = buy(client, "dc1.8xlarge", count=2, payment="Partial Upfront")
    exchange_offerings = client.get_reserved_node_exchange_offerings(ReservedNodeId=source["ReservedNodeId"])
    check_response("GetReservedNodeExchangeOfferings", exchange_offerings)
    [target] = exchange_offerings["ReservedNodeOfferings"]
    assert (target["NodeType"], target["Duration"], target["OfferingType"]) == ("dc2.8xlarge", YEAR, "Partial Upfront")
    accepted = client.accept_reserved_node_exchange(
        ReservedNodeId=source["ReservedNodeId"], TargetReservedNodeOfferingId=target["ReservedNodeOfferingId"]
    )
    check_response("AcceptReservedNodeExchange", accepted)
    new = accepted["ExchangedReservedNode"]
    assert (new["NodeType"], new["NodeCount"], new["State"]) == ("dc2.8xlarge", 2, "exchanging")
    assert new["StartTime"] == source["StartTime"]
    status = client.describe_reserved_node_exchange_status(ReservedNodeId=source["ReservedNodeId"])
    check_response("DescribeReservedNodeExchangeStatus", status)
    [request] = status["ReservedNodeExchangeStatusDetails"]
    assert (request["Status"], request["SourceReservedNodeCount"], request["TargetReservedNodeType"]) == (
        "IN_PROGRESS",
        2,
        "dc2.8xlarge",
    )
    fake.clock.advance(30)
    states = {n["ReservedNodeId"]: n["State"] for n in client.describe_reserved_nodes()["ReservedNodes"]}
    assert states == {source["ReservedNodeId"]: "retired", new["ReservedNodeId"]: "active"}
    done = client.describe_reserved_node_exchange_status(
        ReservedNodeExchangeRequestId=request["ReservedNodeExchangeRequestId"]
    )
    assert done["ReservedNodeExchangeStatusDetails"][0]["Status"] == "SUCCEEDED"
    refused(
        fake,
        lambda: client.get_reserved_node_exchange_offerings(ReservedNodeId=source["ReservedNodeId"]),
        "ReservedNodeAlreadyMigrated",
    )


def test_exchange_refusals():
    fake = redshift_fake.FakeRedshift(reserved_node_payment_seconds=60)
    client = fake.client()
    pending = buy(client)
    refused(
        fake,
        lambda: client.get_reserved_node_exchange_offerings(ReservedNodeId=pending["ReservedNodeId"]),
        "InvalidReservedNodeState",
    )
    fake.clock.advance(60)
    ra3 = buy(client, "ra3.4xlarge")
    fake.clock.advance(60)
    refused(
        fake,
        lambda: client.get_reserved_node_exchange_offerings(ReservedNodeId=ra3["ReservedNodeId"]),
        "UnsupportedOperation",
    )
    refused(fake, lambda: client.get_reserved_node_exchange_offerings(ReservedNodeId="nope"), "ReservedNodeNotFound")
    wrong = offering_of(client, "dc2.large", duration=3 * YEAR)["ReservedNodeOfferingId"]
    for offering_id, code in [(wrong, "ReservedNodeOfferingNotFound"), ("nope", "ReservedNodeOfferingNotFound")]:
        refused(
            fake,
            functools.partial(
                client.accept_reserved_node_exchange,
                ReservedNodeId=pending["ReservedNodeId"],
                TargetReservedNodeOfferingId=offering_id,
            ),
            code,
        )
    refused(
        fake,
        lambda: client.describe_reserved_node_exchange_status(ReservedNodeExchangeRequestId="nope"),
        "ReservedNodeExchangeNotFond",
    )
    refused(fake, lambda: client.describe_reserved_node_exchange_status(ReservedNodeId="nope"), "ReservedNodeNotFound")


def test_configuration_options_for_a_resize_or_restore(fake, client):
    make_cluster(client, "c1", NodeType="dc2.8xlarge", NumberOfNodes=2, ClusterType="multi-node")
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    node = buy(client, "dc2.8xlarge", count=3, payment="No Upfront")
    buy(client, "ra3.large")  # another node type: no options
    options = client.get_reserved_node_exchange_configuration_options(
        ActionType="resize-cluster", ClusterIdentifier="c1"
    )
    check_response("GetReservedNodeExchangeConfigurationOptions", options)
    found = sorted(
        (o["TargetReservedNodeOffering"]["NodeType"], o["TargetReservedNodeCount"])
        for o in options["ReservedNodeConfigurationOptionList"]
    )
    assert found == [("ra3.16xlarge", 2), ("ra3.4xlarge", 6)]
    for o in options["ReservedNodeConfigurationOptionList"]:
        assert o["SourceReservedNode"]["ReservedNodeId"] == node["ReservedNodeId"]
        assert o["TargetReservedNodeOffering"]["OfferingType"] == "No Upfront"
    restore = client.get_reserved_node_exchange_configuration_options(
        ActionType="restore-cluster", SnapshotIdentifier="s1"
    )
    assert restore["ReservedNodeConfigurationOptionList"] == options["ReservedNodeConfigurationOptionList"]
    for kwargs, code in [
        ({"ActionType": "resize-cluster"}, "MissingParameter"),
        ({"ActionType": "restore-cluster", "ClusterIdentifier": "c1"}, "MissingParameter"),
        ({"ActionType": "resize-cluster", "ClusterIdentifier": "nope"}, "ClusterNotFound"),
        ({"ActionType": "restore-cluster", "SnapshotIdentifier": "nope"}, "ClusterSnapshotNotFound"),
        ({"ActionType": "grow"}, "InvalidParameterValue"),
    ]:
        refused(fake, functools.partial(client.get_reserved_node_exchange_configuration_options, **kwargs), code)


def test_pages(fake, client):
    pages = list(client.get_paginator("describe_reserved_node_offerings").paginate(PaginationConfig={"PageSize": 20}))
    # Ten node types of the catalog and four retired ones, two terms, three payments.
    assert [len(p["ReservedNodeOfferings"]) for p in pages] == [20, 20, 20, 20, 4]
    for _ in range(25):
        buy(client, "ra3.large")
    pages = list(client.get_paginator("describe_reserved_nodes").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["ReservedNodes"]) for p in pages] == [20, 5]
    refused(fake, lambda: client.describe_reserved_nodes(MaxRecords=101), "InvalidParameterValue")


def test_exchange_pages(fake, client):
    make_cluster(client, "c1", NodeType="dc2.8xlarge", NumberOfNodes=2)
    for _ in range(11):
        buy(client, "dc2.8xlarge")  # two upgrade options each
    paginator = client.get_paginator("get_reserved_node_exchange_configuration_options")
    pages = list(
        paginator.paginate(ActionType="resize-cluster", ClusterIdentifier="c1", PaginationConfig={"PageSize": 20})
    )
    assert [len(p["ReservedNodeConfigurationOptionList"]) for p in pages] == [20, 2]
    dc1 = [buy(client, "dc1.large") for _ in range(21)]
    for node in dc1:
        target = client.get_reserved_node_exchange_offerings(ReservedNodeId=node["ReservedNodeId"])[
            "ReservedNodeOfferings"
        ][0]
        client.accept_reserved_node_exchange(
            ReservedNodeId=node["ReservedNodeId"], TargetReservedNodeOfferingId=target["ReservedNodeOfferingId"]
        )
    pages = list(
        client.get_paginator("describe_reserved_node_exchange_status").paginate(PaginationConfig={"PageSize": 20})
    )
    assert [len(p["ReservedNodeExchangeStatusDetails"]) for p in pages] == [20, 1]
    fresh = buy(client, "dc1.large")
    offers = list(
        client.get_paginator("get_reserved_node_exchange_offerings").paginate(ReservedNodeId=fresh["ReservedNodeId"])
    )
    assert [len(p["ReservedNodeOfferings"]) for p in offers] == [1]


@pytest.mark.parametrize(
    "operation, params",
    [
        ("DescribeReservedNodeOfferings", {"MaxRecords": "20"}),
        ("PurchaseReservedNodeOffering", {"NodeCount": 1}),
        ("DescribeReservedNodes", {"ReservedNodeId": 7}),
        ("AcceptReservedNodeExchange", {"ReservedNodeId": "x"}),
        ("DescribeReservedNodeExchangeStatus", {"Marker": ["m"]}),
        ("GetReservedNodeExchangeConfigurationOptions", {"ClusterIdentifier": "c1"}),
        ("GetReservedNodeExchangeOfferings", {}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    def first_offering(answers):
        return answers[0]["ReservedNodeOfferings"][0]["ReservedNodeOfferingId"]

    def node(answers):
        return answers[1]["ReservedNode"]["ReservedNodeId"]

    def target(answers):
        return answers[3]["ReservedNodeOfferings"][0]["ReservedNodeOfferingId"]

    two_doors(
        [
            ("describe_reserved_node_offerings", {"MaxRecords": 100}),
            (
                "purchase_reserved_node_offering",
                lambda a: {"ReservedNodeOfferingId": first_offering(a), "NodeCount": 2},
            ),
            ("describe_reserved_nodes", {}),
            ("get_reserved_node_exchange_offerings", lambda a: {"ReservedNodeId": node(a)}),
            ("describe_reserved_node_offerings", {"MaxRecords": 20, "Marker": "junk"}),
            (
                "get_reserved_node_exchange_configuration_options",
                {"ActionType": "resize-cluster", "ClusterIdentifier": "x"},
            ),
            ("describe_reserved_node_exchange_status", {}),
        ]
    )
