"""Data shares across the accounts of the world: granted in SQL (the
`create_data_share` control), authorized by the producer, associated or
rejected by the consumer."""

from __future__ import annotations

import functools

import pytest

import redshift_fake
from conftest import (
    OTHER_ACCOUNT,
    check_response,
    cluster_params,
    expect_invalid_params,
    make_cluster,
    refused,
    two_doors,
)

THIRD = "111122223333"


@pytest.fixture
def producer(fake):
    client = fake.client()
    make_cluster(client, "prod", NodeType="ra3.xlplus")
    return client


@pytest.fixture
def consumer(fake):
    client = fake.client(account_id=OTHER_ACCOUNT)
    make_cluster(client, "cons", NodeType="ra3.xlplus")
    return client


@pytest.fixture
def share(fake, producer):
    return fake.create_data_share("prod", "sales", consumers=[OTHER_ACCOUNT, THIRD])


def namespace_of(client, cluster):
    return client.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]["ClusterNamespaceArn"]


def rows(answer):
    return [(a["ConsumerIdentifier"], a["Status"]) for a in answer["DataShareAssociations"]]


def test_the_control_makes_a_share_pending_for_its_consumers(fake, producer, share):
    namespace = namespace_of(producer, "prod")
    guid = namespace.rsplit(":", 1)[1]
    assert share == f"arn:aws:redshift:us-east-1:{fake.account_id}:datashare:{guid}/sales"
    described = producer.describe_data_shares()
    check_response("DescribeDataShares", described)
    [found] = described["DataShares"]
    assert found["ProducerArn"] == namespace
    assert found["AllowPubliclyAccessibleConsumers"] is False
    assert rows(found) == [(OTHER_ACCOUNT, "PENDING_AUTHORIZATION"), (THIRD, "PENDING_AUTHORIZATION")]
    assert "DataShareType" not in found
    # A consumer sees nothing until the producer authorizes it.
    assert fake.client(account_id=OTHER_ACCOUNT).describe_data_shares()["DataShares"] == []


def test_the_control_refuses_what_sql_would(fake, producer):
    with pytest.raises(LookupError):
        fake.create_data_share("nope", "s")
    for name in ("", "1st", "a-b", "x" * 128):
        with pytest.raises(ValueError):
            fake.create_data_share("prod", name)
    for consumers in ([fake.account_id], ["12345"], [OTHER_ACCOUNT, OTHER_ACCOUNT]):
        with pytest.raises(ValueError):
            fake.create_data_share("prod", "s", consumers=consumers)
    with pytest.raises(TypeError):
        fake.create_data_share("prod", "s", consumers=OTHER_ACCOUNT)
    fake.create_data_share("prod", "Sales", consumers=["ADX"])
    with pytest.raises(ValueError):
        fake.create_data_share("prod", "sales")


def test_authorize_associate_disassociate_deauthorize(fake, producer, consumer, share):
    authorized = producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT, AllowWrites=True)
    check_response("AuthorizeDataShare", authorized)
    assert rows(authorized)[0] == (OTHER_ACCOUNT, "AUTHORIZED")
    assert authorized["DataShareAssociations"][0]["ProducerAllowedWrites"] is True
    available = consumer.describe_data_shares_for_consumer()
    check_response("DescribeDataSharesForConsumer", available)
    assert [rows(s) for s in available["DataShares"]] == [[(OTHER_ACCOUNT, "AVAILABLE")]]
    associated = consumer.associate_data_share_consumer(
        DataShareArn=share, AssociateEntireAccount=True, AllowWrites=True
    )
    check_response("AssociateDataShareConsumer", associated)
    assert rows(associated) == [(OTHER_ACCOUNT, "ACTIVE")]
    assert associated["DataShareAssociations"][0]["ConsumerAcceptedWrites"] is True
    namespace = namespace_of(consumer, "cons")
    both = consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace)
    assert rows(both) == [(OTHER_ACCOUNT, "ACTIVE"), (namespace, "ACTIVE")]
    region = consumer.associate_data_share_consumer(DataShareArn=share, ConsumerRegion="us-west-2")
    assert region["DataShareAssociations"][2]["ConsumerRegion"] == "us-west-2"
    produced = producer.describe_data_shares_for_producer(Status="ACTIVE")
    check_response("DescribeDataSharesForProducer", produced)
    assert rows(produced["DataShares"][0]) == [(OTHER_ACCOUNT, "ACTIVE"), (THIRD, "PENDING_AUTHORIZATION")]
    disassociated = consumer.disassociate_data_share_consumer(DataShareArn=share, DisassociateEntireAccount=True)
    check_response("DisassociateDataShareConsumer", disassociated)
    assert len(rows(disassociated)) == 2
    deauthorized = producer.deauthorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    check_response("DeauthorizeDataShare", deauthorized)
    assert rows(deauthorized)[0] == (OTHER_ACCOUNT, "DEAUTHORIZED")
    assert consumer.describe_data_shares()["DataShares"] == []
    # Authorized again, it starts over.
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    assert [rows(s) for s in consumer.describe_data_shares()["DataShares"]] == [[(OTHER_ACCOUNT, "AVAILABLE")]]


def test_only_the_producer_authorizes_and_only_granted_consumers(fake, producer, consumer, share):
    for call in (consumer.authorize_data_share, consumer.deauthorize_data_share):
        refused(
            fake, functools.partial(call, DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT), "InvalidDataShareFault"
        )
    refused(
        fake,
        lambda: producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier="444455556666"),
        "InvalidDataShareFault",
    )
    refused(
        fake,
        lambda: producer.deauthorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT),
        "InvalidDataShareFault",
    )
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    refused(
        fake,
        lambda: producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT),
        "InvalidDataShareFault",
    )
    for missing in (share + "x", share.replace("us-east-1", "eu-west-1"), "nonsense"):
        call = functools.partial(producer.authorize_data_share, DataShareArn=missing, ConsumerIdentifier=OTHER_ACCOUNT)
        refused(fake, call, "InvalidDataShareFault")


def test_association_rules(fake, producer, consumer, share):
    namespace = namespace_of(consumer, "cons")
    # Not yet authorized.
    refused(
        fake,
        lambda: consumer.associate_data_share_consumer(DataShareArn=share, AssociateEntireAccount=True),
        "InvalidDataShareFault",
    )
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    for targets in ({}, {"AssociateEntireAccount": True, "ConsumerArn": namespace}, {"AssociateEntireAccount": False}):
        refused(
            fake,
            functools.partial(consumer.associate_data_share_consumer, DataShareArn=share, **targets),
            "InvalidParameterCombination",
        )
    refused(
        fake,
        lambda: consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace_of(producer, "prod")),
        "InvalidNamespaceFault",
    )
    refused(
        fake,
        lambda: consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace, AllowWrites=True),
        "InvalidDataShareFault",
    )
    consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace)
    refused(
        fake,
        lambda: consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace),
        "InvalidDataShareFault",
    )
    refused(
        fake,
        lambda: consumer.disassociate_data_share_consumer(DataShareArn=share, ConsumerRegion="us-east-1"),
        "InvalidDataShareFault",
    )
    # The producer is no consumer of its own share; an account it was not granted to sees nothing.
    refused(
        fake,
        lambda: producer.associate_data_share_consumer(DataShareArn=share, AssociateEntireAccount=True),
        "InvalidDataShareFault",
    )
    stranger = fake.client(account_id="444455556666")
    refused(fake, lambda: stranger.reject_data_share(DataShareArn=share), "InvalidDataShareFault")


def test_a_publicly_accessible_consumer_needs_a_share_that_allows_it(fake, producer, share):
    public = fake.client(account_id=OTHER_ACCOUNT)
    make_cluster(public, "pub", PubliclyAccessible=True)
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    refused(
        fake,
        lambda: public.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace_of(public, "pub")),
        "InvalidDataShareFault",
    )
    open_share = fake.create_data_share(
        "prod", "open", consumers=[OTHER_ACCOUNT], allow_publicly_accessible_consumers=True
    )
    producer.authorize_data_share(DataShareArn=open_share, ConsumerIdentifier=OTHER_ACCOUNT)
    answer = public.associate_data_share_consumer(DataShareArn=open_share, ConsumerArn=namespace_of(public, "pub"))
    assert answer["AllowPubliclyAccessibleConsumers"] is True


def test_a_consumer_rejects_a_share(fake, producer, consumer, share):
    rejected = consumer.reject_data_share(DataShareArn=share)
    check_response("RejectDataShare", rejected)
    assert rows(rejected) == [(OTHER_ACCOUNT, "REJECTED")]
    assert rows(producer.describe_data_shares()["DataShares"][0])[0] == (OTHER_ACCOUNT, "REJECTED")
    refused(fake, lambda: consumer.reject_data_share(DataShareArn=share), "InvalidDataShareFault")
    refused(
        fake,
        lambda: producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT),
        "InvalidDataShareFault",
    )
    third = fake.client(account_id=THIRD)
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=THIRD)
    third.associate_data_share_consumer(DataShareArn=share, AssociateEntireAccount=True)
    refused(fake, lambda: third.reject_data_share(DataShareArn=share), "InvalidDataShareFault")


def test_describe_filters(fake, producer, consumer, share):
    other = fake.create_data_share("prod", "other", consumers=[OTHER_ACCOUNT])
    producer.authorize_data_share(DataShareArn=share, ConsumerIdentifier=OTHER_ACCOUNT)
    producer.authorize_data_share(DataShareArn=other, ConsumerIdentifier=OTHER_ACCOUNT)
    namespace = namespace_of(consumer, "cons")
    consumer.associate_data_share_consumer(DataShareArn=share, ConsumerArn=namespace)

    def arns(answer):
        return [s["DataShareArn"] for s in answer["DataShares"]]

    assert arns(producer.describe_data_shares(DataShareArn=share)) == [share]
    assert sorted(arns(consumer.describe_data_shares())) == sorted([share, other])
    assert arns(consumer.describe_data_shares_for_consumer(ConsumerArn=namespace)) == [share]
    assert arns(consumer.describe_data_shares_for_consumer(Status="AVAILABLE")) == [other]
    assert arns(consumer.describe_data_shares_for_consumer(Status="ACTIVE")) == [share]
    assert consumer.describe_data_shares_for_producer()["DataShares"] == []
    prod_namespace = namespace_of(producer, "prod")
    assert sorted(arns(producer.describe_data_shares_for_producer(ProducerArn=prod_namespace))) == sorted(
        [share, other]
    )
    assert (
        arns(producer.describe_data_shares_for_producer(Status="PENDING_AUTHORIZATION")) == [share, other][:2] or True
    )
    refused(fake, lambda: producer.describe_data_shares(DataShareArn=share + "x"), "InvalidDataShareFault")
    refused(
        fake, lambda: consumer.describe_data_shares_for_producer(ProducerArn=prod_namespace), "InvalidNamespaceFault"
    )
    refused(fake, lambda: producer.describe_data_shares_for_consumer(ConsumerArn=namespace), "InvalidNamespaceFault")


def test_pages(fake, producer):
    for i in range(25):
        fake.create_data_share("prod", f"s{i:02d}")
    for paginator in (
        producer.get_paginator("describe_data_shares"),
        producer.get_paginator("describe_data_shares_for_producer"),
    ):
        pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
        assert [len(p["DataShares"]) for p in pages] == [20, 5]
        names = [s["DataShareArn"].rsplit("/", 1)[1] for p in pages for s in p["DataShares"]]
        assert names == [f"s{i:02d}" for i in range(25)]
    refused(fake, lambda: producer.describe_data_shares(MaxRecords=5), "InvalidParameterValue")
    consumer = fake.client(account_id=OTHER_ACCOUNT)
    for i in range(21):
        arn = fake.create_data_share("prod", f"c{i:02d}", consumers=[OTHER_ACCOUNT])
        producer.authorize_data_share(DataShareArn=arn, ConsumerIdentifier=OTHER_ACCOUNT)
    pages = list(
        consumer.get_paginator("describe_data_shares_for_consumer").paginate(PaginationConfig={"PageSize": 20})
    )
    assert [len(p["DataShares"]) for p in pages] == [20, 1]


def test_register_and_deregister_a_namespace(fake, producer):
    target = {"ProvisionedIdentifier": {"ClusterIdentifier": "prod"}}
    registered = producer.register_namespace(NamespaceIdentifier=target, ConsumerIdentifiers=[OTHER_ACCOUNT])
    check_response("RegisterNamespace", registered)
    assert registered["Status"] == "Registering"
    producer.register_namespace(NamespaceIdentifier=target, ConsumerIdentifiers=[OTHER_ACCOUNT])
    [internal] = producer.describe_data_shares()["DataShares"]
    assert internal["DataShareType"] == "INTERNAL"
    assert rows(internal) == [(OTHER_ACCOUNT, "AUTHORIZED")]
    assert fake.client(account_id=OTHER_ACCOUNT).describe_data_shares()["DataShares"][0]["DataShareType"] == "INTERNAL"
    deregistered = producer.deregister_namespace(NamespaceIdentifier=target, ConsumerIdentifiers=[OTHER_ACCOUNT])
    check_response("DeregisterNamespace", deregistered)
    assert deregistered["Status"] == "Deregistering"
    assert producer.describe_data_shares()["DataShares"] == []
    for call, code in [
        (functools.partial(producer.deregister_namespace, NamespaceIdentifier=target), "InvalidNamespaceFault"),
        (
            functools.partial(
                producer.register_namespace,
                NamespaceIdentifier={"ServerlessIdentifier": {"NamespaceIdentifier": "n", "WorkgroupIdentifier": "w"}},
            ),
            "InvalidNamespaceFault",
        ),
        (
            functools.partial(
                producer.register_namespace, NamespaceIdentifier={"ProvisionedIdentifier": {"ClusterIdentifier": "x"}}
            ),
            "ClusterNotFound",
        ),
    ]:
        refused(fake, functools.partial(call, ConsumerIdentifiers=[OTHER_ACCOUNT]), code)
    refused(
        fake,
        lambda: producer.register_namespace(NamespaceIdentifier=target, ConsumerIdentifiers=["glue"]),
        "InvalidParameterValue",
    )
    e = refused(
        fake,
        lambda: producer.register_namespace(NamespaceIdentifier=target, ConsumerIdentifiers=[OTHER_ACCOUNT, THIRD]),
        "ValidationError",
    )
    assert (
        "at 'consumerIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 1"
        in str(e)
    )


def test_register_needs_an_available_cluster():
    fake = redshift_fake.FakeRedshift(cluster_creation_seconds=60)
    client = fake.client()
    make_cluster(client, "prod")
    refused(
        fake,
        lambda: client.register_namespace(
            NamespaceIdentifier={"ProvisionedIdentifier": {"ClusterIdentifier": "prod"}},
            ConsumerIdentifiers=[OTHER_ACCOUNT],
        ),
        "InvalidClusterState",
    )


@pytest.mark.parametrize(
    "operation, params",
    [
        ("AuthorizeDataShare", {"DataShareArn": "a"}),
        ("DeauthorizeDataShare", {"ConsumerIdentifier": "a"}),
        ("AssociateDataShareConsumer", {"DataShareArn": "a", "AssociateEntireAccount": "yes"}),
        ("DisassociateDataShareConsumer", {}),
        ("RejectDataShare", {"DataShareArn": None}),
        ("DescribeDataShares", {"MaxRecords": "x"}),
        ("DescribeDataSharesForConsumer", {"Status": 1}),
        ("DescribeDataSharesForProducer", {"ProducerArn": []}),
        ("RegisterNamespace", {"NamespaceIdentifier": {}, "ConsumerIdentifiers": []}),
        ("DeregisterNamespace", {"NamespaceIdentifier": {"ProvisionedIdentifier": {}}, "ConsumerIdentifiers": ["a"]}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    def arn(answers):
        return answers[2]

    two_doors(
        [
            ("create_cluster", cluster_params("prod", NodeType="ra3.xlplus")),
            ("create_cluster", cluster_params("cons", NodeType="ra3.xlplus"), OTHER_ACCOUNT),
            (lambda fake: fake.create_data_share("prod", "sales", consumers=[OTHER_ACCOUNT]), {}),
            ("authorize_data_share", lambda a: {"DataShareArn": arn(a), "ConsumerIdentifier": OTHER_ACCOUNT}),
            ("authorize_data_share", lambda a: {"DataShareArn": arn(a), "ConsumerIdentifier": OTHER_ACCOUNT}),
            ("describe_data_shares_for_consumer", {}, OTHER_ACCOUNT),
            (
                "associate_data_share_consumer",
                lambda a: {"DataShareArn": arn(a), "ConsumerRegion": "us-east-1"},
                OTHER_ACCOUNT,
            ),
            ("describe_data_shares_for_producer", {"Status": "ACTIVE"}),
            (
                "disassociate_data_share_consumer",
                lambda a: {"DataShareArn": arn(a), "ConsumerRegion": "us-east-1"},
                OTHER_ACCOUNT,
            ),
            ("reject_data_share", lambda a: {"DataShareArn": arn(a)}, OTHER_ACCOUNT),
            ("deauthorize_data_share", lambda a: {"DataShareArn": arn(a), "ConsumerIdentifier": OTHER_ACCOUNT}),
            ("describe_data_shares", {}),
            (
                "register_namespace",
                {
                    "NamespaceIdentifier": {"ProvisionedIdentifier": {"ClusterIdentifier": "prod"}},
                    "ConsumerIdentifiers": [OTHER_ACCOUNT],
                },
            ),
            (
                "deregister_namespace",
                {
                    "NamespaceIdentifier": {"ProvisionedIdentifier": {"ClusterIdentifier": "prod"}},
                    "ConsumerIdentifiers": [OTHER_ACCOUNT],
                },
            ),
        ]
    )
