"""Partner integrations of a cluster's databases."""

from __future__ import annotations

import datetime
import functools

import pytest

from conftest import OTHER_ACCOUNT, check_response, cluster_params, expect_invalid_params, refused, two_doors

ACCOUNT = "123456789012"


def partner(**members):
    return {
        "AccountId": ACCOUNT,
        "ClusterIdentifier": "c1",
        "DatabaseName": "dev",
        "PartnerName": "Fivetran",
        **members,
    }


def test_a_partner_is_added_updated_described_and_deleted(fake, client, cluster):
    fake.clock.set(datetime.datetime(2030, 1, 1))
    added = client.add_partner(**partner())
    check_response("AddPartner", added)
    assert (added["DatabaseName"], added["PartnerName"]) == ("dev", "Fivetran")
    described = client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="C1")
    check_response("DescribePartners", described)
    [info] = described["PartnerIntegrationInfoList"]
    assert info["Status"] == "Inactive" and info["CreatedAt"] == info["UpdatedAt"]
    fake.clock.advance(60)
    updated = client.update_partner_status(**partner(), Status="Active", StatusMessage="syncing")
    check_response("UpdatePartnerStatus", updated)
    [info] = client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="c1")["PartnerIntegrationInfoList"]
    assert (info["Status"], info["StatusMessage"]) == ("Active", "syncing")
    assert (info["UpdatedAt"] - info["CreatedAt"]).total_seconds() == 60
    # Adding it again changes nothing.
    client.add_partner(**partner())
    assert client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="c1")["PartnerIntegrationInfoList"] == [info]
    deleted = client.delete_partner(**partner())
    check_response("DeletePartner", deleted)
    assert client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="c1")["PartnerIntegrationInfoList"] == []


def test_describe_filters_by_database_and_partner(client, cluster):
    for database, name in [("dev", "Fivetran"), ("dev", "dbt"), ("sales", "Fivetran")]:
        client.add_partner(**partner(DatabaseName=database, PartnerName=name))

    def listed(**filters):
        infos = client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="c1", **filters)
        return sorted((i["DatabaseName"], i["PartnerName"]) for i in infos["PartnerIntegrationInfoList"])

    assert listed(DatabaseName="dev") == [("dev", "Fivetran"), ("dev", "dbt")]
    assert listed(PartnerName="Fivetran") == [("dev", "Fivetran"), ("sales", "Fivetran")]
    assert listed(DatabaseName="sales", PartnerName="dbt") == []


def test_missing_integrations_clusters_and_other_accounts(fake, client, cluster):
    e = refused(fake, lambda: client.delete_partner(**partner()), "PartnerNotFound")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    refused(fake, lambda: client.update_partner_status(**partner(), Status="Active"), "PartnerNotFound")
    for call in (client.add_partner, client.delete_partner):
        refused(fake, functools.partial(call, **partner(ClusterIdentifier="nope")), "ClusterNotFound")
        e = refused(fake, functools.partial(call, **partner(AccountId=OTHER_ACCOUNT)), "UnauthorizedPartnerIntegration")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 401
    refused(fake, lambda: client.describe_partners(AccountId=ACCOUNT, ClusterIdentifier="nope"), "ClusterNotFound")


def test_statuses_and_names_are_checked(fake, client, cluster):
    client.add_partner(**partner())
    refused(fake, lambda: client.update_partner_status(**partner(), Status="Happy"), "InvalidParameterValue")
    for bad in (
        partner(AccountId="12345678901x"),
        partner(ClusterIdentifier="c_1"),
        partner(DatabaseName="1dev"),
        partner(PartnerName="five tran"),
    ):
        refused(fake, functools.partial(client.add_partner, **bad), "ValidationError")
    refused(
        fake,
        lambda: client.update_partner_status(**partner(), Status="Active", StatusMessage="tab\there"),
        "ValidationError",
    )


@pytest.mark.parametrize(
    "operation, params",
    [
        ("AddPartner", {**partner(), "AccountId": "1"}),
        ("DeletePartner", {"AccountId": ACCOUNT}),
        ("DescribePartners", {"AccountId": 123456789012, "ClusterIdentifier": "c1"}),
        ("UpdatePartnerStatus", partner()),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", cluster_params("c1")),
            ("add_partner", partner()),
            ("update_partner_status", {**partner(), "Status": "RuntimeFailure", "StatusMessage": "bad row"}),
            ("update_partner_status", {**partner(), "Status": "Broken"}),
            ("describe_partners", {"AccountId": ACCOUNT, "ClusterIdentifier": "c1"}),
            ("delete_partner", partner()),
            ("delete_partner", partner()),
            ("add_partner", partner(AccountId=OTHER_ACCOUNT)),
        ]
    )
