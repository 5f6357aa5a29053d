"""Custom domain associations of clusters."""

from __future__ import annotations

import datetime
import functools

import pytest

from conftest import check_response, cluster_params, expect_invalid_params, make_cluster, refused, two_doors

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
OTHER_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/other"


def associate(client, cluster="c1", domain="dw.example.com", certificate=CERT):
    return client.create_custom_domain_association(
        ClusterIdentifier=cluster, CustomDomainName=domain, CustomDomainCertificateArn=certificate
    )


def test_an_association_is_created_described_modified_and_deleted(fake, client, cluster):
    fake.clock.set(datetime.datetime(2030, 1, 1))
    created = associate(client, "C1", "DW.Example.com")
    check_response("CreateCustomDomainAssociation", created)
    assert created["CustomDomainName"] == "dw.example.com"
    assert created["ClusterIdentifier"] == "c1"
    assert created["CustomDomainCertExpiryTime"] == "2031-01-31T00:00:00.000Z"
    described = client.describe_custom_domain_associations()
    check_response("DescribeCustomDomainAssociations", described)
    assert described["Associations"] == [
        {
            "CustomDomainCertificateArn": CERT,
            "CustomDomainCertificateExpiryDate": datetime.datetime(2031, 1, 31, tzinfo=datetime.timezone.utc),
            "CertificateAssociations": [{"CustomDomainName": "dw.example.com", "ClusterIdentifier": "c1"}],
        }
    ]
    modified = client.modify_custom_domain_association(
        ClusterIdentifier="c1", CustomDomainName="dw.example.com", CustomDomainCertificateArn=OTHER_CERT
    )
    check_response("ModifyCustomDomainAssociation", modified)
    assert modified["CustomDomainCertificateArn"] == OTHER_CERT
    deleted = client.delete_custom_domain_association(ClusterIdentifier="c1", CustomDomainName="dw.example.com")
    check_response("DeleteCustomDomainAssociation", deleted)
    assert client.describe_custom_domain_associations()["Associations"] == []


def test_one_domain_per_cluster_and_one_cluster_per_domain(fake, client, cluster):
    make_cluster(client, "c2")
    associate(client)
    refused(fake, lambda: associate(client, domain="other.example.com"), "CustomCnameAssociationFault")
    refused(fake, lambda: associate(client, "c2", "DW.example.com"), "CustomCnameAssociationFault")
    associate(client, "c2", "other.example.com")


def test_missing_clusters_and_associations(fake, client, cluster):
    refused(fake, lambda: associate(client, "nope"), "ClusterNotFound")
    for call in (
        functools.partial(client.modify_custom_domain_association, CustomDomainCertificateArn=CERT),
        client.delete_custom_domain_association,
    ):
        e = refused(
            fake,
            functools.partial(call, ClusterIdentifier="c1", CustomDomainName="dw.example.com"),
            "CustomDomainAssociationNotFoundFault",
        )
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        refused(
            fake,
            functools.partial(call, ClusterIdentifier="nope", CustomDomainName="dw.example.com"),
            "ClusterNotFound",
        )
    associate(client)
    refused(
        fake,
        lambda: client.delete_custom_domain_association(ClusterIdentifier="c1", CustomDomainName="x.example.com"),
        "CustomDomainAssociationNotFoundFault",
    )


def test_describe_groups_by_certificate_and_filters(fake, client, cluster):
    make_cluster(client, "c2")
    make_cluster(client, "c3")
    associate(client, "c1", "a.example.com")
    associate(client, "c2", "b.example.com")
    associate(client, "c3", "c.example.com", OTHER_CERT)
    groups = client.describe_custom_domain_associations()["Associations"]
    assert [(g["CustomDomainCertificateArn"], len(g["CertificateAssociations"])) for g in groups] == [
        (CERT, 2),
        (OTHER_CERT, 1),
    ]
    only = client.describe_custom_domain_associations(CustomDomainName="B.example.com")["Associations"]
    assert only[0]["CertificateAssociations"] == [{"CustomDomainName": "b.example.com", "ClusterIdentifier": "c2"}]
    by_cert = client.describe_custom_domain_associations(CustomDomainCertificateArn=OTHER_CERT)["Associations"]
    assert [g["CustomDomainCertificateArn"] for g in by_cert] == [OTHER_CERT]
    for filters in ({"CustomDomainName": "z.example.com"}, {"CustomDomainCertificateArn": CERT + "x"}):
        refused(
            fake,
            functools.partial(client.describe_custom_domain_associations, **filters),
            "CustomDomainAssociationNotFoundFault",
        )
    pages = list(
        client.get_paginator("describe_custom_domain_associations").paginate(PaginationConfig={"PageSize": 20})
    )
    assert len(pages) == 1


def test_names_and_certificates_follow_the_models_patterns(fake, client, cluster):
    for domain in ("-bad.example.com", "nodot", "a..b.com", "under_score.com"):
        refused(fake, functools.partial(associate, client, domain=domain), "ValidationError")
    refused(fake, lambda: associate(client, certificate="arn:aws:iam::123456789012:x"), "ValidationError")


@pytest.mark.parametrize(
    "operation, params",
    [
        ("CreateCustomDomainAssociation", {"CustomDomainName": "", "CustomDomainCertificateArn": "x"}),
        ("DeleteCustomDomainAssociation", {"ClusterIdentifier": "c1"}),
        ("DescribeCustomDomainAssociations", {"CustomDomainCertificateArn": "short"}),
        ("ModifyCustomDomainAssociation", {"ClusterIdentifier": 1}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            ("create_cluster", cluster_params("c1")),
            (
                "create_custom_domain_association",
                {"ClusterIdentifier": "c1", "CustomDomainName": "a.example.com", "CustomDomainCertificateArn": CERT},
            ),
            (
                "create_custom_domain_association",
                {"ClusterIdentifier": "c1", "CustomDomainName": "b.example.com", "CustomDomainCertificateArn": CERT},
            ),
            ("describe_custom_domain_associations", {}),
            (
                "modify_custom_domain_association",
                {
                    "ClusterIdentifier": "c1",
                    "CustomDomainName": "a.example.com",
                    "CustomDomainCertificateArn": OTHER_CERT,
                },
            ),
            ("delete_custom_domain_association", {"ClusterIdentifier": "c1", "CustomDomainName": "a.example.com"}),
            ("describe_custom_domain_associations", {"CustomDomainName": "a.example.com"}),
        ]
    )
