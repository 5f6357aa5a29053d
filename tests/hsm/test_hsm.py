"""HSM client certificates and HSM configurations."""

from __future__ import annotations

import functools

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, refused, two_doors

CONFIG = {
    "Description": "keys",
    "HsmIpAddress": "10.0.0.5",
    "HsmPartitionName": "p1",
    "HsmPartitionPassword": "secret",
    "HsmServerPublicCertificate": "-----BEGIN CERTIFICATE-----x",
}


def make_configuration(client, identifier="hc1", **members):
    return client.create_hsm_configuration(HsmConfigurationIdentifier=identifier, **{**CONFIG, **members})


def test_a_certificate_is_created_described_and_deleted(client):
    created = client.create_hsm_client_certificate(
        HsmClientCertificateIdentifier="Cert-1", Tags=[{"Key": "team", "Value": "sec"}]
    )
    check_response("CreateHsmClientCertificate", created)
    cert = created["HsmClientCertificate"]
    assert cert["HsmClientCertificateIdentifier"] == "cert-1"
    assert cert["HsmClientCertificatePublicKey"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert cert["Tags"] == [{"Key": "team", "Value": "sec"}]
    described = client.describe_hsm_client_certificates(HsmClientCertificateIdentifier="CERT-1")
    check_response("DescribeHsmClientCertificates", described)
    assert described["HsmClientCertificates"] == [cert]
    check_response(
        "DeleteHsmClientCertificate", client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="cert-1")
    )
    assert client.describe_hsm_client_certificates()["HsmClientCertificates"] == []


def test_a_configuration_is_created_described_and_deleted(client):
    created = make_configuration(client, "Conf-1")
    check_response("CreateHsmConfiguration", created)
    assert created["HsmConfiguration"] == {
        "HsmConfigurationIdentifier": "conf-1",
        "Description": "keys",
        "HsmIpAddress": "10.0.0.5",
        "HsmPartitionName": "p1",
        "Tags": [],
    }
    described = client.describe_hsm_configurations()
    check_response("DescribeHsmConfigurations", described)
    assert described["HsmConfigurations"] == [created["HsmConfiguration"]]
    check_response("DeleteHsmConfiguration", client.delete_hsm_configuration(HsmConfigurationIdentifier="conf-1"))
    assert client.describe_hsm_configurations()["HsmConfigurations"] == []


def test_names_are_unique_and_checked(fake, client):
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="c1")
    make_configuration(client, "c1")  # another type: another namespace
    refused(
        fake,
        lambda: client.create_hsm_client_certificate(HsmClientCertificateIdentifier="C1"),
        "HsmClientCertificateAlreadyExistsFault",
    )
    refused(fake, lambda: make_configuration(client, "c1"), "HsmConfigurationAlreadyExistsFault")
    for bad in ("1abc", "a--b", "a_b", "a-"):
        create = functools.partial(client.create_hsm_client_certificate, HsmClientCertificateIdentifier=bad)
        refused(fake, create, "InvalidParameterValue")
        refused(fake, functools.partial(make_configuration, client, bad), "InvalidParameterValue")


def test_missing_ones_are_not_found(fake, client):
    for call, code in [
        (
            lambda: client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="x"),
            "HsmClientCertificateNotFoundFault",
        ),
        (
            lambda: client.describe_hsm_client_certificates(HsmClientCertificateIdentifier="x"),
            "HsmClientCertificateNotFoundFault",
        ),
        (lambda: client.delete_hsm_configuration(HsmConfigurationIdentifier="x"), "HsmConfigurationNotFoundFault"),
        (lambda: client.describe_hsm_configurations(HsmConfigurationIdentifier="x"), "HsmConfigurationNotFoundFault"),
    ]:
        refused(fake, call, code)
    # Another account's are not the caller's.
    fake.client(account_id="210987654321").create_hsm_client_certificate(HsmClientCertificateIdentifier="x")
    refused(
        fake,
        lambda: client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="x"),
        "HsmClientCertificateNotFoundFault",
    )


def test_quotas(fake, client):
    """20 of each (choice), or as the world says."""
    for i in range(20):
        client.create_hsm_client_certificate(HsmClientCertificateIdentifier=f"c{i}")
        make_configuration(client, f"h{i}")
    refused(
        fake,
        lambda: client.create_hsm_client_certificate(HsmClientCertificateIdentifier="one-more"),
        "HsmClientCertificateQuotaExceededFault",
    )
    refused(fake, lambda: make_configuration(client, "one-more"), "HsmConfigurationQuotaExceededFault")
    client.delete_hsm_configuration(HsmConfigurationIdentifier="h0")
    make_configuration(client, "one-more")
    small = redshift_fake.FakeRedshift(hsm_client_certificate_quota=1, hsm_configuration_quota=0)
    small.client().create_hsm_client_certificate(HsmClientCertificateIdentifier="c1")
    refused(
        small,
        lambda: small.client().create_hsm_client_certificate(HsmClientCertificateIdentifier="c2"),
        "HsmClientCertificateQuotaExceededFault",
        "The quota for HSM client certificates (1) has been reached.",
    )
    refused(small, lambda: make_configuration(small.client()), "HsmConfigurationQuotaExceededFault")


def test_tags_are_checked_and_filter_describes(fake, client):
    refused(
        fake,
        lambda: client.create_hsm_client_certificate(
            HsmClientCertificateIdentifier="c1", Tags=[{"Key": "aws:x", "Value": "v"}]
        ),
        "InvalidTagFault",
    )
    refused(
        fake,
        lambda: make_configuration(client, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]),
        "TagLimitExceededFault",
    )
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="a", Tags=[{"Key": "env", "Value": "prod"}])
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="b", Tags=[{"Key": "env", "Value": "test"}])
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="c")
    found = client.describe_hsm_client_certificates(TagKeys=["env"], TagValues=["test", "nope"])
    assert [c["HsmClientCertificateIdentifier"] for c in found["HsmClientCertificates"]] == ["b"]
    found = client.describe_hsm_client_certificates(TagKeys=["env"])
    assert [c["HsmClientCertificateIdentifier"] for c in found["HsmClientCertificates"]] == ["a", "b"]


def test_both_are_taggable_by_arn(client):
    client.create_hsm_client_certificate(HsmClientCertificateIdentifier="c1")
    make_configuration(client, "h1")
    cert_arn = "arn:aws:redshift:us-east-1:123456789012:hsmclientcertificate:c1"
    conf_arn = "arn:aws:redshift:us-east-1:123456789012:hsmconfiguration:h1"
    client.create_tags(ResourceName=cert_arn, Tags=[{"Key": "k", "Value": "v"}])
    client.create_tags(ResourceName=conf_arn, Tags=[{"Key": "k", "Value": "w"}])
    assert client.describe_hsm_configurations()["HsmConfigurations"][0]["Tags"] == [{"Key": "k", "Value": "w"}]
    tagged = client.describe_tags(ResourceType="HSM certificate")["TaggedResources"]
    assert tagged == [
        {"Tag": {"Key": "k", "Value": "v"}, "ResourceName": cert_arn, "ResourceType": "hsmclientcertificate"}
    ]
    tagged = client.describe_tags(ResourceType="hsm connection")["TaggedResources"]
    assert [t["ResourceName"] for t in tagged] == [conf_arn]
    # Deleting one takes its tags.
    client.delete_hsm_client_certificate(HsmClientCertificateIdentifier="c1")
    assert client.describe_tags(ResourceType="HSM certificate")["TaggedResources"] == []


def test_pages():
    fake = redshift_fake.FakeRedshift(hsm_client_certificate_quota=100)
    client = fake.client()
    for i in range(25):
        client.create_hsm_client_certificate(HsmClientCertificateIdentifier=f"c{i:02d}")
    paginator = client.get_paginator("describe_hsm_client_certificates")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["HsmClientCertificates"]) for p in pages] == [20, 5]
    for page in pages:
        check_response("DescribeHsmClientCertificates", page)
    fake = redshift_fake.FakeRedshift(hsm_configuration_quota=100)
    client = fake.client()
    for i in range(41):
        make_configuration(client, f"h{i:02d}")
    pages = list(client.get_paginator("describe_hsm_configurations").paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["HsmConfigurations"]) for p in pages] == [20, 20, 1]
    listed = [c["HsmConfigurationIdentifier"] for p in pages for c in p["HsmConfigurations"]]
    assert listed == [f"h{i:02d}" for i in range(41)]
    refused(fake, lambda: client.describe_hsm_configurations(MaxRecords=19), "InvalidParameterValue")
    refused(fake, lambda: client.describe_hsm_configurations(Marker="junk"), "InvalidParameterValue")


@pytest.mark.parametrize(
    "operation, params",
    [
        ("CreateHsmClientCertificate", {"Tags": [{"Key": 1}]}),
        ("DeleteHsmClientCertificate", {}),
        ("DescribeHsmClientCertificates", {"MaxRecords": "20"}),
        ("CreateHsmConfiguration", {"HsmConfigurationIdentifier": "h"}),
        ("DeleteHsmConfiguration", {"HsmConfigurationIdentifier": 5}),
        ("DescribeHsmConfigurations", {"TagKeys": "env"}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            (
                "create_hsm_client_certificate",
                {"HsmClientCertificateIdentifier": "c1", "Tags": [{"Key": "a", "Value": "b"}]},
            ),
            ("create_hsm_client_certificate", {"HsmClientCertificateIdentifier": "c1"}),
            ("create_hsm_configuration", {"HsmConfigurationIdentifier": "h1", **CONFIG}),
            ("describe_hsm_client_certificates", {}),
            ("describe_hsm_configurations", {"HsmConfigurationIdentifier": "h1"}),
            ("describe_hsm_configurations", {"HsmConfigurationIdentifier": "nope"}),
            ("delete_hsm_configuration", {"HsmConfigurationIdentifier": "h1"}),
            ("delete_hsm_client_certificate", {"HsmClientCertificateIdentifier": "c1"}),
            ("delete_hsm_client_certificate", {"HsmClientCertificateIdentifier": "c1"}),
        ]
    )
