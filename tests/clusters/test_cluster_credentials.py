"""GetClusterCredentials and GetClusterCredentialsWithIAM, and the IAM
principal a client acts as."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from cluster_helpers import T0
from conftest import check_response, make_cluster, refused, two_doors


def test_credentials_follow_the_documented_rules(fake, client):
    fake.clock.set(T0)
    make_cluster(client)
    answer = client.get_cluster_credentials(ClusterIdentifier="c1", DbUser="Alice.B")
    check_response("GetClusterCredentials", answer)
    assert answer["DbUser"] == "IAM:Alice.B"
    assert answer["Expiration"] == T0 + datetime.timedelta(seconds=900)  # the default duration (doc)
    assert len(answer["DbPassword"]) == 64
    again = client.get_cluster_credentials(ClusterIdentifier="c1", DbUser="Alice.B", DurationSeconds=3600,
                                           AutoCreate=True, DbName="dev", DbGroups=["analysts", "etl"])
    assert again["DbUser"] == "IAMA:Alice.B"
    assert again["Expiration"] == T0 + datetime.timedelta(hours=1)
    # A fresh password each call, even at the same instant.
    passwords = {client.get_cluster_credentials(ClusterIdentifier="c1", DbUser="a")["DbPassword"] for _ in range(5)}
    assert len(passwords | {answer["DbPassword"], again["DbPassword"]}) == 7
    # Any state of the cluster: AWS lists no InvalidClusterState for it.
    client.pause_cluster(ClusterIdentifier="c1")
    assert client.get_cluster_credentials(ClusterIdentifier="c1", DbUser="a")["DbUser"] == "IAM:a"


@pytest.mark.parametrize(
    "members, code",
    [
        ({"DbUser": "1abc"}, "InvalidParameterValue"),
        ({"DbUser": "a:b"}, "InvalidParameterValue"),
        ({"DbUser": "PUBLIC"}, "InvalidParameterValue"),
        ({"DbUser": "select"}, "InvalidParameterValue"),
        ({"DbUser": "a" * 65}, "InvalidParameterValue"),
        ({"DbName": "a/b"}, "InvalidParameterValue"),
        ({"DurationSeconds": 899}, "InvalidParameterValue"),
        ({"DurationSeconds": 3601}, "InvalidParameterValue"),
        ({"DbGroups": ["Analysts"]}, "InvalidParameterValue"),
        ({"ClusterIdentifier": "nope"}, "ClusterNotFound"),
        ({"ClusterIdentifier": None}, "InvalidParameterCombination"),
        ({"ClusterIdentifier": None, "CustomDomainName": "db.example.com"}, "ClusterNotFound"),
        ({"CustomDomainName": "db.example.com"}, "InvalidParameterCombination"),
    ],
)
def test_refusals(fake, client, members, code):
    make_cluster(client)
    params = {k: v for k, v in {"ClusterIdentifier": "c1", "DbUser": "bob", **members}.items() if v is not None}
    refused(fake, lambda: client.get_cluster_credentials(**params), code)


@pytest.mark.parametrize(
    "principal, user",
    [
        (None, "IAM:redshift-fake"),
        ("arn:aws:iam::123456789012:user/analytics/alice", "IAM:alice"),
        ("arn:aws:iam::123456789012:role/service-role/etl", "IAMR:etl"),
        ("arn:aws:sts::123456789012:assumed-role/etl/airflow-run-7", "IAMR:etl"),
    ],
)
def test_credentials_with_iam_are_the_callers_identity(fake, principal, user):
    fake.clock.set(T0)
    make_cluster(fake.client())
    client = fake.client(principal=principal)
    answer = client.get_cluster_credentials_with_iam(ClusterIdentifier="c1", DbName="dev", DurationSeconds=1200)
    check_response("GetClusterCredentialsWithIAM", answer)
    assert answer["DbUser"] == user
    assert answer["Expiration"] == T0 + datetime.timedelta(seconds=1200)
    assert "NextRefreshTime" not in answer


def test_credentials_with_iam_refusals(fake, client):
    make_cluster(client)
    for members, code in [
        ({"ClusterIdentifier": "nope"}, "ClusterNotFound"),
        ({"ClusterIdentifier": "c1", "DurationSeconds": 60}, "InvalidParameterValue"),
        ({"ClusterIdentifier": "c1", "DbName": "select"}, "InvalidParameterValue"),
        ({}, "InvalidParameterCombination"),
    ]:
        refused(fake, lambda m=members: client.get_cluster_credentials_with_iam(**m), code)


def test_a_principal_is_an_arn_of_the_clients_account():
    fake = redshift_fake.FakeRedshift()
    for bad in ["alice", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:group/g",
                "arn:aws:iam::210987654321:role/etl"]:
        with pytest.raises(ValueError):
            fake.client(principal=bad)
        with pytest.raises(ValueError):
            fake.botocore_client(principal=bad)
    other = fake.client(account_id="210987654321", principal="arn:aws:iam::210987654321:role/etl")
    make_cluster(other)
    assert other.get_cluster_credentials_with_iam(ClusterIdentifier="c1")["DbUser"] == "IAMR:etl"
    with pytest.raises(ValueError, match="partition aws-cn"):
        fake.client("cn-north-1", principal="arn:aws:iam::123456789012:user/a")
    china = fake.client("cn-north-1", principal="arn:aws-cn:iam::123456789012:user/a")
    assert china.meta.partition == "aws-cn"


def test_the_xml_door_acts_as_its_clients_principal():
    fake = redshift_fake.FakeRedshift()
    make_cluster(fake.client())
    wire = fake.botocore_client(principal="arn:aws:sts::123456789012:assumed-role/loader/s1")
    assert wire.get_cluster_credentials_with_iam(ClusterIdentifier="c1")["DbUser"] == "IAMR:loader"
    assert fake.botocore_client().get_cluster_credentials_with_iam(ClusterIdentifier="c1")["DbUser"] == (
        "IAM:redshift-fake")


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                                    MasterUserPassword="Secret123")),
            ("get_cluster_credentials", dict(ClusterIdentifier="c1", DbUser="bob", AutoCreate=True,
                                             DbGroups=["g1"])),
            ("get_cluster_credentials", dict(ClusterIdentifier="c1", DbUser="bob")),
            ("get_cluster_credentials", dict(ClusterIdentifier="c1", DbUser="public")),
            ("get_cluster_credentials_with_iam", dict(ClusterIdentifier="c1", DurationSeconds=3600)),
            ("get_cluster_credentials_with_iam", dict(CustomDomainName="x.example.com")),
        ]
    )
