"""Audit logging: EnableLogging, DisableLogging, DescribeLoggingStatus, and
the buckets a test declares."""

from __future__ import annotations

import datetime

import pytest

from conftest import NEW_CLUSTER, check_response, doors_agree, make_cluster, refused

UTC = datetime.timezone.utc
START = datetime.datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def on_clock(fake, cluster):
    fake.clock.set(START)
    return cluster


def status(client, cluster="c1"):
    answer = client.describe_logging_status(ClusterIdentifier=cluster)
    check_response("DescribeLoggingStatus", answer)
    answer.pop("ResponseMetadata")
    return answer


def test_new_clusters_have_logging_off(client, cluster):
    assert status(client) == {"LoggingEnabled": False}


def test_s3_logging_reports_what_was_set_and_delivers_with_the_clock(fake, client, on_clock):
    answer = client.enable_logging(ClusterIdentifier="C1", BucketName="audit-logs", S3KeyPrefix="redshift/c1/")
    check_response("EnableLogging", answer)
    answer.pop("ResponseMetadata")
    assert answer == {
        "LoggingEnabled": True,
        "BucketName": "audit-logs",
        "S3KeyPrefix": "redshift/c1/",
        "LastSuccessfulDeliveryTime": START,
        "LogDestinationType": "s3",
    }
    fake.clock.advance(datetime.timedelta(hours=2))
    assert status(client)["LastSuccessfulDeliveryTime"] == START + datetime.timedelta(hours=2)
    disabled = client.disable_logging(ClusterIdentifier="c1")
    check_response("DisableLogging", disabled)
    fake.clock.advance(3600)
    assert status(client) == {
        "LoggingEnabled": False,
        "LastSuccessfulDeliveryTime": START + datetime.timedelta(hours=2),
    }


def test_cloudwatch_logging_needs_log_exports(fake, client, on_clock):
    answer = client.enable_logging(
        ClusterIdentifier="c1", LogDestinationType="cloudwatch", LogExports=["connectionlog", "userlog"]
    )
    assert (answer["LogDestinationType"], answer["LogExports"]) == ("cloudwatch", ["connectionlog", "userlog"])
    assert "BucketName" not in answer
    refused(
        fake,
        lambda: client.enable_logging(ClusterIdentifier="c1", LogDestinationType="cloudwatch"),
        "InvalidParameterValue",
    )
    refused(
        fake,
        lambda: client.enable_logging(
            ClusterIdentifier="c1", LogDestinationType="cloudwatch", LogExports=["userlog"], BucketName="b-1"
        ),
        "InvalidParameterCombination",
    )


@pytest.mark.parametrize(
    "members, code",
    [
        ({}, "InvalidParameterValue"),
        ({"BucketName": "b-1", "LogExports": ["querylog"]}, "InvalidParameterValue"),
        ({"BucketName": "b-1", "LogDestinationType": "kinesis"}, "InvalidParameterValue"),
        ({"BucketName": "b-1", "LogDestinationType": "s3table"}, "UnsupportedOperation"),
        ({"BucketName": "Bad_Bucket"}, "InvalidS3BucketNameFault"),
        ({"BucketName": "ab"}, "InvalidS3BucketNameFault"),
        ({"BucketName": "a..b"}, "InvalidS3BucketNameFault"),
        ({"BucketName": "192.168.5.4"}, "InvalidS3BucketNameFault"),
        ({"BucketName": "xn--bucket"}, "InvalidS3BucketNameFault"),
        ({"BucketName": "bucket-s3alias"}, "InvalidS3BucketNameFault"),
        # The model's pattern and length, which the service checks first (ValidationError).
        ({"BucketName": "b-1", "S3KeyPrefix": "logs#1"}, "ValidationError"),
        ({"BucketName": "b-1", "S3KeyPrefix": "x" * 257}, "ValidationError"),
    ],
)
def test_destinations_are_checked_as_aws_documents(fake, client, on_clock, members, code):
    refused(fake, lambda: client.enable_logging(ClusterIdentifier="c1", **members), code)


def test_prefixes_of_any_letters_and_the_documented_symbols(client, on_clock):
    prefix = "journaux/été 2030/a_b.c:d=e+f-g@h/" + "x" * 200
    assert client.enable_logging(ClusterIdentifier="c1", BucketName="b-1", S3KeyPrefix=prefix[:256])["S3KeyPrefix"]


def test_declared_buckets_must_exist_be_in_the_region_and_writable(fake, client, on_clock):
    fake.add_bucket("writable")
    fake.add_bucket("locked", redshift_can_write=False)
    fake.add_bucket("far-away", region_name="eu-west-1")
    client.enable_logging(ClusterIdentifier="c1", BucketName="writable")
    refused(fake, lambda: client.enable_logging(ClusterIdentifier="c1", BucketName="nope"), "BucketNotFoundFault")
    refused(fake, lambda: client.enable_logging(ClusterIdentifier="c1", BucketName="far-away"), "BucketNotFoundFault")
    refused(
        fake,
        lambda: client.enable_logging(ClusterIdentifier="c1", BucketName="locked"),
        "InsufficientS3BucketPolicyFault",
    )


def test_a_bucket_name_s3_refuses_cannot_be_declared(fake):
    with pytest.raises(ValueError, match="bucket"):
        fake.add_bucket("Not_A_Bucket")


def test_the_cluster_must_exist_and_be_available(fake, client):
    for call in (
        lambda: client.enable_logging(ClusterIdentifier="nope", BucketName="b-1"),
        lambda: client.disable_logging(ClusterIdentifier="nope"),
        lambda: client.describe_logging_status(ClusterIdentifier="nope"),
    ):
        refused(fake, call, "ClusterNotFound")
    slow = type(fake)(cluster_creation_seconds=600)
    make_cluster(slow.client())
    refused(slow, lambda: slow.client().enable_logging(ClusterIdentifier="c1", BucketName="b-1"), "InvalidClusterState")


def test_logging_goes_with_its_cluster(fake, client, on_clock):
    client.enable_logging(ClusterIdentifier="c1", BucketName="b-1")
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    make_cluster(client)
    assert status(client) == {"LoggingEnabled": False}


def test_both_doors_agree():
    def scenario(call, fake):
        call("create_cluster", ClusterIdentifier="c1", **NEW_CLUSTER)
        call("describe_logging_status", ClusterIdentifier="c1")
        call("enable_logging", ClusterIdentifier="c1", BucketName="bad_name")
        call("enable_logging", ClusterIdentifier="c1", BucketName="logs-1", S3KeyPrefix="p/", LogExports=["userlog"])
        fake.clock.advance(90)
        call("describe_logging_status", ClusterIdentifier="c1")
        call("disable_logging", ClusterIdentifier="c1")
        call("enable_logging", ClusterIdentifier="c1", LogDestinationType="cloudwatch", LogExports=["connectionlog"])

    doors_agree(scenario)
