"""IAM Identity Center applications (Redshift's and the Query Editor's) and
GetIdentityCenterAuthToken."""

from __future__ import annotations

import datetime
import functools

import pytest

import redshift_fake
from conftest import check_response, cluster_params, expect_invalid_params, make_cluster, refused, two_doors

INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
ROLE = "arn:aws:iam::123456789012:role/idc"


def redshift_app(client, name="app-1", **members):
    params = {
        "IdcInstanceArn": INSTANCE,
        "RedshiftIdcApplicationName": name,
        "IdcDisplayName": "Warehouse",
        "IamRoleArn": ROLE,
        **members,
    }
    return client.create_redshift_idc_application(**params)["RedshiftIdcApplication"]


def qev2_app(client, name="qe-1", **members):
    params = {"IdcInstanceArn": INSTANCE, "Qev2IdcApplicationName": name, "IdcDisplayName": "Editor", **members}
    return client.create_qev2_idc_application(**params)["Qev2IdcApplication"]


def test_a_redshift_application_is_created_described_modified_and_deleted(client):
    issuers = [
        {"TrustedTokenIssuerArn": "arn:aws:sso::123456789012:trustedTokenIssuer/t", "AuthorizedAudiencesList": ["a"]}
    ]
    integrations = [{"LakeFormation": [{"LakeFormationQuery": {"Authorization": "Enabled"}}]}]
    created = client.create_redshift_idc_application(
        IdcInstanceArn=INSTANCE,
        RedshiftIdcApplicationName="app-1",
        IdcDisplayName="Warehouse",
        IamRoleArn=ROLE,
        AuthorizedTokenIssuerList=issuers,
        ServiceIntegrations=integrations,
        ApplicationType="Lakehouse",
        Tags=[{"Key": "team", "Value": "bi"}],
        SsoTagKeys=["team"],
    )
    check_response("CreateRedshiftIdcApplication", created)
    app = created["RedshiftIdcApplication"]
    arn = app["RedshiftIdcApplicationArn"]
    assert arn.startswith("arn:aws:redshift:us-east-1:123456789012:redshiftidcapplication:")
    assert app["IdentityNamespace"] == "AWSIDC"
    assert app["IdcManagedApplicationArn"].startswith(
        "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-"
    )
    assert (app["AuthorizedTokenIssuerList"], app["ServiceIntegrations"]) == (issuers, integrations)
    assert (app["ApplicationType"], app["Tags"], app["SsoTagKeys"]) == (
        "Lakehouse",
        [{"Key": "team", "Value": "bi"}],
        ["team"],
    )
    described = client.describe_redshift_idc_applications(RedshiftIdcApplicationArn=arn)
    check_response("DescribeRedshiftIdcApplications", described)
    assert described["RedshiftIdcApplications"] == [app]
    modified = client.modify_redshift_idc_application(
        RedshiftIdcApplicationArn=arn, IdentityNamespace="corp", IdcDisplayName="DW", AuthorizedTokenIssuerList=[]
    )
    check_response("ModifyRedshiftIdcApplication", modified)
    changed = modified["RedshiftIdcApplication"]
    assert (changed["IdentityNamespace"], changed["IdcDisplayName"], changed["AuthorizedTokenIssuerList"]) == (
        "corp",
        "DW",
        [],
    )
    check_response(
        "DeleteRedshiftIdcApplication", client.delete_redshift_idc_application(RedshiftIdcApplicationArn=arn)
    )
    assert client.describe_redshift_idc_applications()["RedshiftIdcApplications"] == []


def test_a_qev2_application_is_created_described_modified_and_deleted(client):
    created = client.create_qev2_idc_application(
        IdcInstanceArn=INSTANCE,
        Qev2IdcApplicationName="qe-1",
        IdcDisplayName="Editor",
        Tags=[{"Key": "k", "Value": "v"}],
    )
    check_response("CreateQev2IdcApplication", created)
    app = created["Qev2IdcApplication"]
    arn = app["Qev2IdcApplicationArn"]
    assert app["Tags"] == [{"Key": "k", "Value": "v"}]
    described = client.describe_qev2_idc_applications()
    check_response("DescribeQev2IdcApplications", described)
    assert described["Qev2IdcApplications"] == [app]
    modified = client.modify_qev2_idc_application(Qev2IdcApplicationArn=arn, IdcDisplayName="QE")
    check_response("ModifyQev2IdcApplication", modified)
    assert modified["Qev2IdcApplication"]["IdcDisplayName"] == "QE"
    check_response("DeleteQev2IdcApplication", client.delete_qev2_idc_application(Qev2IdcApplicationArn=arn))
    assert client.describe_qev2_idc_applications()["Qev2IdcApplications"] == []


def test_names_are_unique_per_type(fake, client):
    redshift_app(client, "same")
    qev2_app(client, "same")
    refused(fake, lambda: redshift_app(client, "same"), "RedshiftIdcApplicationAlreadyExists")
    refused(fake, lambda: qev2_app(client, "same"), "Qev2IdcApplicationAlreadyExists")
    fake.client(account_id="210987654321").create_qev2_idc_application(
        IdcInstanceArn=INSTANCE, Qev2IdcApplicationName="same", IdcDisplayName="x"
    )


def test_missing_applications(fake, client):
    missing = "arn:aws:redshift:us-east-1:123456789012:redshiftidcapplication:00000000-0000-4000-8000-000000000000"
    for call in (
        functools.partial(client.describe_redshift_idc_applications, RedshiftIdcApplicationArn=missing),
        functools.partial(client.modify_redshift_idc_application, RedshiftIdcApplicationArn=missing),
        functools.partial(client.delete_redshift_idc_application, RedshiftIdcApplicationArn="nonsense"),
    ):
        e = refused(fake, call, "RedshiftIdcApplicationNotExists")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    qe = missing.replace("redshiftidcapplication", "qev2idcapplication")
    for call in (
        functools.partial(client.describe_qev2_idc_applications, Qev2IdcApplicationArn=qe),
        functools.partial(client.modify_qev2_idc_application, Qev2IdcApplicationArn=qe),
        functools.partial(client.delete_qev2_idc_application, Qev2IdcApplicationArn=qe),
    ):
        refused(fake, call, "Qev2IdcApplicationNotExists")
    # Another account's application is not the caller's.
    theirs = redshift_app(fake.client(account_id="210987654321"))["RedshiftIdcApplicationArn"]
    refused(
        fake,
        lambda: client.delete_redshift_idc_application(RedshiftIdcApplicationArn=theirs),
        "RedshiftIdcApplicationNotExists",
    )


def test_values_are_checked(fake, client):
    refused(fake, lambda: redshift_app(client, ApplicationType="Other"), "InvalidParameterValue")
    for bad in ({"name": "App"}, {"name": "a_b"}, {"IdentityNamespace": "bad space"}, {"IdcDisplayName": "no spaces"}):
        refused(fake, functools.partial(redshift_app, client, **bad), "ValidationError")
    refused(fake, lambda: qev2_app(client, "1st"), "ValidationError")
    refused(fake, lambda: redshift_app(client, Tags=[{"Key": "aws:x", "Value": "v"}]), "InvalidTagFault")


def test_the_redshift_application_quota_and_pages(fake, client):
    for i in range(100):
        redshift_app(client, f"app-{i}")
    refused(fake, lambda: redshift_app(client, "more"), "RedshiftIdcApplicationQuotaExceeded")
    pages = list(client.get_paginator("describe_redshift_idc_applications").paginate(PaginationConfig={"PageSize": 40}))
    assert [len(p["RedshiftIdcApplications"]) for p in pages] == [40, 40, 20]
    names = [a["RedshiftIdcApplicationName"] for p in pages for a in p["RedshiftIdcApplications"]]
    assert sorted(names) == sorted(f"app-{i}" for i in range(100))
    for _ in range(25):
        qev2_app(client, f"q{_}")
    pages = list(client.get_paginator("describe_qev2_idc_applications").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["Qev2IdcApplications"]) for p in pages] == [20, 5]


def test_applications_are_taggable(client):
    arn = redshift_app(client)["RedshiftIdcApplicationArn"]
    client.create_tags(ResourceName=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.describe_redshift_idc_applications()["RedshiftIdcApplications"][0]["Tags"] == [
        {"Key": "k", "Value": "v"}
    ]
    client.delete_tags(ResourceName=arn, TagKeys=["k"])
    assert client.describe_redshift_idc_applications()["RedshiftIdcApplications"][0]["Tags"] == []


def test_an_auth_token_for_available_clusters(fake, client):
    fake.clock.set(datetime.datetime(2030, 1, 1))
    make_cluster(client, "c1")
    make_cluster(client, "c2")
    answer = client.get_identity_center_auth_token(ClusterIds=["C1", "c2"])
    check_response("GetIdentityCenterAuthToken", answer)
    assert answer["Token"].startswith("IdcToken.") and len(answer["Token"]) > 100
    assert answer["ExpirationTime"] == datetime.datetime(2030, 1, 1, 0, 15, tzinfo=datetime.timezone.utc)
    refused(fake, lambda: client.get_identity_center_auth_token(ClusterIds=["nope"]), "ClusterNotFound")
    for ids in ([], [f"c{i}" for i in range(21)], ["bad_id"], ["a" * 64]):
        refused(
            fake, functools.partial(client.get_identity_center_auth_token, ClusterIds=ids), "RedshiftInvalidParameter"
        )
    slow = redshift_fake.FakeRedshift(cluster_creation_seconds=60)
    make_cluster(slow.client(), "c1")
    refused(slow, lambda: slow.client().get_identity_center_auth_token(ClusterIds=["c1"]), "InvalidClusterState")


@pytest.mark.parametrize(
    "operation, params",
    [
        ("CreateRedshiftIdcApplication", {"IdcInstanceArn": INSTANCE, "RedshiftIdcApplicationName": ""}),
        ("ModifyRedshiftIdcApplication", {"RedshiftIdcApplicationArn": "a", "IdcDisplayName": ""}),
        ("DeleteRedshiftIdcApplication", {}),
        ("DescribeRedshiftIdcApplications", {"MaxRecords": "1"}),
        ("CreateQev2IdcApplication", {"Qev2IdcApplicationName": "q"}),
        ("ModifyQev2IdcApplication", {"Qev2IdcApplicationArn": 1}),
        ("DeleteQev2IdcApplication", {"Arn": "a"}),
        ("DescribeQev2IdcApplications", {"Marker": 1}),
        ("GetIdentityCenterAuthToken", {"ClusterIds": "c1"}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    def arn(answers):
        return answers[0]["RedshiftIdcApplication"]["RedshiftIdcApplicationArn"]

    def qe(answers):
        return answers[2]["Qev2IdcApplication"]["Qev2IdcApplicationArn"]

    two_doors(
        [
            (
                "create_redshift_idc_application",
                {
                    "IdcInstanceArn": INSTANCE,
                    "RedshiftIdcApplicationName": "a1",
                    "IdcDisplayName": "D",
                    "IamRoleArn": ROLE,
                    "ServiceIntegrations": [{"Redshift": [{"Connect": {"Authorization": "Enabled"}}]}],
                },
            ),
            (
                "create_redshift_idc_application",
                {
                    "IdcInstanceArn": INSTANCE,
                    "RedshiftIdcApplicationName": "a1",
                    "IdcDisplayName": "D",
                    "IamRoleArn": ROLE,
                },
            ),
            (
                "create_qev2_idc_application",
                {"IdcInstanceArn": INSTANCE, "Qev2IdcApplicationName": "q1", "IdcDisplayName": "Q"},
            ),
            ("modify_redshift_idc_application", lambda a: {"RedshiftIdcApplicationArn": arn(a), "IamRoleArn": "r"}),
            ("describe_redshift_idc_applications", {}),
            ("modify_qev2_idc_application", lambda a: {"Qev2IdcApplicationArn": qe(a), "IdcDisplayName": "Q2"}),
            ("describe_qev2_idc_applications", lambda a: {"Qev2IdcApplicationArn": qe(a)}),
            ("delete_redshift_idc_application", lambda a: {"RedshiftIdcApplicationArn": arn(a)}),
            ("delete_qev2_idc_application", lambda a: {"Qev2IdcApplicationArn": qe(a)}),
            ("create_cluster", cluster_params("c1")),
            ("get_identity_center_auth_token", {"ClusterIds": ["c1"]}),
            ("get_identity_center_auth_token", {"ClusterIds": ["c9"]}),
        ]
    )
