"""The Query-protocol door: a genuine botocore client answered by the world,
and the HTTP endpoint.

The fidelity test runs the same scenario through the in-process client and
through ``botocore_client`` (botocore's own serializer and XML parser) and
asserts equal answers: dicts (``ResponseMetadata`` aside) and errors (class,
code, message, HTTP status). It covers every implemented operation: those
with a written scenario, and any other through calls made from the model.
"""

from __future__ import annotations

import datetime
import http.client
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from typing import Any, Callable, Union
from urllib.parse import urlsplit

import boto3
import pytest
from botocore import xform_name

import redshift_fake
from conftest import BOTOCORE_MODEL, OTHER_ACCOUNT, check_response, two_doors
from redshift_fake import _core

OPERATIONS = sorted(_core.OPERATIONS)
NS = "{http://redshift.amazonaws.com/doc/2012-12-01/}"
ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID
SNAPSHOT_ARN = f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:c1/s1"
CLUSTER_ARN = f"arn:aws:redshift:us-east-1:{ACCOUNT}:cluster:c1"
# A whole number of milliseconds: AWS writes timestamps to the millisecond.
START = 1_767_225_600.0  # 2026-01-01T00:00:00Z

# A step: (method, kwargs) or (method, kwargs, account). kwargs may be a
# function of the answers so far (of the same door), for ids the world makes.
Kwargs = Union[dict[str, Any], Callable[[list[Any]], dict[str, Any]]]
Step = tuple[Any, ...]


def automated_snapshot(answers: list[Any]) -> str:
    for answer in reversed(answers):
        if isinstance(answer, dict):
            for snapshot in answer.get("Snapshots", []):
                if snapshot["SnapshotType"] == "automated":
                    return snapshot["SnapshotIdentifier"]
    raise AssertionError("no automated snapshot described yet")


SETUP: list[Step] = [
    (
        "create_cluster",
        dict(
            ClusterIdentifier="c1",
            NodeType="dc2.large",
            MasterUsername="admin",
            MasterUserPassword="Secret123",
            Tags=[{"Key": "env", "Value": "test"}],
        ),
    ),
    (
        "create_cluster_snapshot",
        dict(
            SnapshotIdentifier="s1",
            ClusterIdentifier="c1",
            ManualSnapshotRetentionPeriod=7,
            Tags=[{"Key": "team", "Value": "data"}],
        ),
    ),
    ("describe_cluster_snapshots", dict(SnapshotType="automated")),
]

SCENARIOS: dict[str, list[Step]] = {
    "CreateCluster": [
        (
            "create_cluster",
            dict(
                ClusterIdentifier="Big-One",
                ClusterType="multi-node",
                NumberOfNodes=3,
                NodeType="ra3.4xlarge",
                MasterUsername="admin",
                MasterUserPassword="Secret123",
                DBName="warehouse",
                Port=5440,
                Encrypted=True,
                KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/k1",
                PubliclyAccessible=False,
                EnhancedVpcRouting=True,
                AutomatedSnapshotRetentionPeriod=3,
                ManualSnapshotRetentionPeriod=30,
                VpcSecurityGroupIds=["sg-1", "sg-2"],
                IamRoles=["arn:aws:iam::123456789012:role/r1"],
                Tags=[{"Key": "a", "Value": "b"}, {"Key": "c", "Value": ""}],
            ),
        ),
        (
            "create_cluster",
            dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"),
        ),
        (
            "create_cluster",
            dict(
                ClusterIdentifier="1bad--id", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
            ),
        ),
        ("create_cluster", dict(ClusterIdentifier="c3", NodeType="dc2.large")),
    ],
    "DescribeClusters": [
        ("describe_clusters", {}),
        ("describe_clusters", dict(ClusterIdentifier="C1")),
        ("describe_clusters", dict(ClusterIdentifier="nope")),
        ("describe_clusters", dict(MaxRecords=20, TagKeys=["env"], TagValues=["test"])),
        ("describe_clusters", dict(Marker="garbage")),
    ],
    "DeleteCluster": [
        ("delete_cluster", dict(ClusterIdentifier="c1")),
        (
            "delete_cluster",
            dict(ClusterIdentifier="c1", FinalClusterSnapshotIdentifier="final", FinalClusterSnapshotRetentionPeriod=5),
        ),
        ("describe_clusters", {}),
        ("describe_cluster_snapshots", {}),
        (
            "delete_cluster",
            dict(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True, FinalClusterSnapshotIdentifier=""),
        ),
    ],
    "CreateClusterSnapshot": [
        (
            "create_cluster_snapshot",
            dict(SnapshotIdentifier="s2", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=-1, Tags=[]),
        ),
        ("create_cluster_snapshot", dict(SnapshotIdentifier="s1", ClusterIdentifier="c1")),
        (
            "create_cluster_snapshot",
            dict(SnapshotIdentifier="s3", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=0),
        ),
        ("create_cluster_snapshot", dict(SnapshotIdentifier="s3", ClusterIdentifier="nope")),
        ("create_cluster_snapshot", dict(SnapshotIdentifier="bad_id", ClusterIdentifier="c1")),
        ("create_cluster_snapshot", dict(SnapshotIdentifier="s4", ClusterIdentifier="c1", Tags=[{"Key": "k"}])),
        ("create_cluster_snapshot", dict(SnapshotIdentifier=5, ClusterIdentifier="c1")),
    ],
    "DescribeClusterSnapshots": [
        ("describe_cluster_snapshots", {}),
        ("describe_cluster_snapshots", dict(SnapshotIdentifier="s1")),
        ("describe_cluster_snapshots", dict(SnapshotIdentifier="nope")),
        ("describe_cluster_snapshots", dict(SnapshotArn=SNAPSHOT_ARN)),
        ("describe_cluster_snapshots", dict(ClusterIdentifier="c1", SnapshotType="manual")),
        ("describe_cluster_snapshots", dict(TagKeys=["team"], TagValues=["data", "other"])),
        (
            "describe_cluster_snapshots",
            dict(
                StartTime=datetime.datetime(2025, 12, 31, tzinfo=datetime.timezone.utc),
                EndTime="2026-01-02T00:00:00Z",
                ClusterExists=True,
                SortingEntities=[{"Attribute": "CREATE_TIME", "SortOrder": "DESC"}],
            ),
        ),
        ("describe_cluster_snapshots", dict(MaxRecords=20, OwnerAccount=ACCOUNT)),
        ("describe_cluster_snapshots", dict(MaxRecords=5)),
        ("describe_cluster_snapshots", {}, OTHER_ACCOUNT),
    ],
    "DeleteClusterSnapshot": [
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="s1", SnapshotClusterIdentifier="other")),
        ("delete_cluster_snapshot", lambda answers: dict(SnapshotIdentifier=automated_snapshot(answers))),
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="s1")),
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="s1")),
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="")),
        ("delete_cluster_snapshot", dict(Foo="bar")),
    ],
    "AuthorizeSnapshotAccess": [
        ("authorize_snapshot_access", dict(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)),
        ("authorize_snapshot_access", dict(SnapshotArn=SNAPSHOT_ARN, AccountWithRestoreAccess=OTHER_ACCOUNT)),
        ("authorize_snapshot_access", dict(SnapshotIdentifier="nope", AccountWithRestoreAccess=OTHER_ACCOUNT)),
        ("describe_cluster_snapshots", {}, OTHER_ACCOUNT),
        (
            "authorize_snapshot_access",
            dict(SnapshotArn=SNAPSHOT_ARN, AccountWithRestoreAccess="111111111111"),
            OTHER_ACCOUNT,
        ),
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="s1")),
    ],
    "RevokeSnapshotAccess": [
        ("revoke_snapshot_access", dict(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)),
        ("authorize_snapshot_access", dict(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)),
        (
            "revoke_snapshot_access",
            dict(SnapshotIdentifier="s1", SnapshotClusterIdentifier="c1", AccountWithRestoreAccess=OTHER_ACCOUNT),
        ),
        ("delete_cluster_snapshot", dict(SnapshotIdentifier="s1")),
    ],
    "BatchDeleteClusterSnapshots": [
        (
            "batch_delete_cluster_snapshots",
            dict(
                Identifiers=[
                    {"SnapshotIdentifier": "s1"},
                    {"SnapshotIdentifier": "nope", "SnapshotClusterIdentifier": "c1"},
                ]
            ),
        ),
        (
            "batch_delete_cluster_snapshots",
            lambda answers: dict(Identifiers=[{"SnapshotIdentifier": automated_snapshot(answers)}]),
        ),
        ("batch_delete_cluster_snapshots", dict(Identifiers=[{"SnapshotIdentifier": f"x{i}"} for i in range(101)])),
    ],
    "CopyClusterSnapshot": [
        (
            "copy_cluster_snapshot",
            lambda answers: dict(
                SourceSnapshotIdentifier=automated_snapshot(answers),
                TargetSnapshotIdentifier="copy1",
                ManualSnapshotRetentionPeriod=3,
            ),
        ),
        ("copy_cluster_snapshot", dict(SourceSnapshotIdentifier="s1", TargetSnapshotIdentifier="copy2")),
        ("copy_cluster_snapshot", dict(SourceSnapshotIdentifier="nope", TargetSnapshotIdentifier="copy3")),
    ],
    "ModifyClusterSnapshot": [
        ("modify_cluster_snapshot", dict(SnapshotIdentifier="s1", ManualSnapshotRetentionPeriod=10)),
        ("modify_cluster_snapshot", dict(SnapshotIdentifier="s1", ManualSnapshotRetentionPeriod=1, Force=True)),
        ("modify_cluster_snapshot", dict(SnapshotIdentifier="nope", ManualSnapshotRetentionPeriod=1)),
    ],
    "BatchModifyClusterSnapshots": [
        (
            "batch_modify_cluster_snapshots",
            dict(SnapshotIdentifierList=["s1", "nope"], ManualSnapshotRetentionPeriod=5),
        ),
        (
            "batch_modify_cluster_snapshots",
            dict(SnapshotIdentifierList=["s1"], ManualSnapshotRetentionPeriod=-1, Force=False),
        ),
    ],
    "RestoreFromClusterSnapshot": [
        ("restore_from_cluster_snapshot", dict(ClusterIdentifier="restored", SnapshotIdentifier="s1")),
        ("restore_from_cluster_snapshot", dict(ClusterIdentifier="c1", SnapshotIdentifier="s1")),
        (
            "restore_from_cluster_snapshot",
            dict(ClusterIdentifier="r2", SnapshotArn=SNAPSHOT_ARN, NodeType="dc2.large", NumberOfNodes=2),
        ),
        ("restore_from_cluster_snapshot", dict(ClusterIdentifier="r3", SnapshotIdentifier="nope")),
    ],
    "CreateTags": [
        (
            "create_tags",
            dict(ResourceName=SNAPSHOT_ARN, Tags=[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": ""}]),
        ),
        ("create_tags", dict(ResourceName=CLUSTER_ARN, Tags=[{"Key": "k3", "Value": "v3"}])),
        (
            "create_tags",
            dict(
                ResourceName="arn:aws:redshift:us-east-1:123456789012:snapshot:c1/nope",
                Tags=[{"Key": "k", "Value": "v"}],
            ),
        ),
        ("describe_cluster_snapshots", dict(SnapshotIdentifier="s1")),
    ],
    "DeleteTags": [
        ("delete_tags", dict(ResourceName=SNAPSHOT_ARN, TagKeys=["team"])),
        ("delete_tags", dict(ResourceName=CLUSTER_ARN, TagKeys=["env", "absent"])),
        ("describe_cluster_snapshots", dict(SnapshotIdentifier="s1")),
        ("describe_clusters", dict(ClusterIdentifier="c1")),
    ],
    "DescribeTags": [
        ("describe_tags", {}),
        ("describe_tags", dict(ResourceName=SNAPSHOT_ARN)),
        ("describe_tags", dict(ResourceType="Snapshot")),
        ("describe_tags", dict(ResourceType="cluster", TagKeys=["env"])),
        ("describe_tags", dict(ResourceType="nonsense")),
    ],
}

# Values for required members of operations without a written scenario.
MEMBER_VALUES: dict[str, Any] = {
    "ClusterIdentifier": "c1",
    "SnapshotIdentifier": "s1",
    "SourceSnapshotIdentifier": "s1",
    "TargetSnapshotIdentifier": "t1",
    "AccountWithRestoreAccess": OTHER_ACCOUNT,
    "ResourceName": SNAPSHOT_ARN,
    "SnapshotArn": SNAPSHOT_ARN,
    "NodeType": "dc2.large",
    "MasterUsername": "admin",
    "MasterUserPassword": "Secret123",
}


def _model_value(shape: Any, name: str) -> Any:
    if name in MEMBER_VALUES:
        return MEMBER_VALUES[name]
    kind = shape.type_name
    if kind == "structure":
        return {m: _model_value(shape.members[m], m) for m in shape.required_members}
    if kind == "list":
        return [_model_value(shape.member, name)]
    if kind in ("integer", "long"):
        return 1
    if kind in ("double", "float"):
        return 1.0
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    return "x1"


def scenario(operation: str) -> list[Step]:
    """The steps that exercise `operation`: its written scenario, or one call
    with its required members made from the model."""
    if operation in SCENARIOS:
        return SCENARIOS[operation]
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    kwargs = _model_value(shape, operation) if shape is not None else {}
    return [(xform_name(operation), kwargs)]


@pytest.fixture
def clock(monkeypatch):
    """The system clock, held still and moved by the test (both doors read it)."""
    now = [START]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize("operation", OPERATIONS)
def test_both_doors_answer_alike(operation):
    steps = scenario(operation)
    answers = two_doors(SETUP + steps, manual_snapshot_quota=1000)
    if operation in SCENARIOS:
        # A written scenario is not all errors: its operation succeeds in it.
        method = xform_name(operation)
        assert any(isinstance(a, dict) for a, s in zip(answers[len(SETUP) :], steps) if s[0] == method), (
            f"{operation} never succeeds in its scenario"
        )


def test_botocore_client_is_genuine(fake, clock):
    client = fake.botocore_client("eu-west-1")
    assert type(client).__module__ == "botocore.client"
    assert client.meta.region_name == "eu-west-1"
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    created = client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    check_response("CreateClusterSnapshot", created)
    assert created["Snapshot"]["SnapshotArn"] == f"arn:aws:redshift:eu-west-1:{ACCOUNT}:snapshot:c1/s1"
    assert created["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"] == created["ResponseMetadata"]["RequestId"]
    # The in-process client of the same world and region sees what it made.
    assert (
        fake.client("eu-west-1").describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Status"]
        == "available"
    )
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier="nope")
    assert str(e.value) == (
        "An error occurred (ClusterSnapshotNotFound) when calling the DeleteClusterSnapshot operation: "
        "Snapshot nope not found."
    )
    assert e.value.operation_name == "DeleteClusterSnapshot"


def test_paginators_and_waiters_run_through_botocore(fake, clock):
    client = fake.botocore_client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    for i in range(45):
        clock[0] += 1
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    clock[0] += 1
    pages = list(
        client.get_paginator("describe_cluster_snapshots").paginate(
            SnapshotType="manual", PaginationConfig={"PageSize": 20}
        )
    )
    assert [len(p["Snapshots"]) for p in pages] == [20, 20, 5]
    full = client.get_paginator("describe_cluster_snapshots").paginate(SnapshotType="manual").build_full_result()
    assert len(full["Snapshots"]) == 45
    client.get_waiter("snapshot_available").wait(SnapshotIdentifier="s0", WaiterConfig={"Delay": 1, "MaxAttempts": 1})
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    clock[0] += 1
    client.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1", WaiterConfig={"Delay": 1, "MaxAttempts": 1})


def test_botocore_client_accounts_are_separate(fake, clock):
    mine = fake.botocore_client()
    theirs = fake.botocore_client(account_id=OTHER_ACCOUNT)
    mine.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    assert theirs.describe_clusters()["Clusters"] == []
    with pytest.raises(ValueError):
        fake.botocore_client(account_id="nope")


# ---- malformed requests, straight at the door ----


def query(fake: redshift_fake.FakeRedshift, body: bytes) -> tuple[int, dict[str, str], ET.Element]:
    status, headers, content = fake._world.handle_query(body, ACCOUNT, "us-east-1")
    return status, dict(headers), ET.fromstring(content)


def error_of(root: ET.Element) -> tuple[str, str, str]:
    assert root.tag == f"{NS}ErrorResponse"
    error = root.find(f"{NS}Error")
    assert root.find(f"{NS}RequestId") is not None
    return tuple(error.find(f"{NS}{k}").text for k in ("Type", "Code", "Message"))  # type: ignore[return-value]


V = b"Version=2012-12-01"


@pytest.mark.parametrize(
    "body, status, code",
    [
        (b"", 400, "MissingAction"),
        (b"Action=&" + V, 400, "MissingAction"),
        (b"Action=DeleteEverything&" + V, 400, "InvalidAction"),
        (b"Action=DeleteClusterSnapshot&SnapshotIdentifier=s1", 400, "MissingParameter"),
        (b"Action=DeleteClusterSnapshot&Version=2011-01-01&SnapshotIdentifier=s1", 400, "InvalidAction"),
        (b"Action=DeleteClusterSnapshot&" + V, 400, "MissingParameter"),
        (b"Action=DescribeClusterSnapshots&MaxRecords=twenty&" + V, 400, "InvalidParameterValue"),
        (b"Action=DescribeClusterSnapshots&MaxRecords=2.5&" + V, 400, "InvalidParameterValue"),
        (b"Action=DescribeClusterSnapshots&StartTime=last+week&" + V, 400, "InvalidParameterValue"),
        (b"Action=DescribeClusterSnapshots&ClusterExists=maybe&" + V, 400, "InvalidParameterValue"),
        (b"Action=DescribeClusterSnapshots&TagKeys.member.1=k&" + V, 400, "InvalidParameterValue"),
        (
            b"Action=DescribeClusterSnapshots&SortingEntities.SnapshotSortingEntity.1=x&" + V,
            400,
            "InvalidParameterValue",
        ),
        (
            b"Action=DescribeClusterSnapshots&SortingEntities.SnapshotSortingEntity.1.SortOrder=ASC&" + V,
            400,
            "MissingParameter",
        ),
        (b"Action=DeleteClusterSnapshot&SnapshotIdentifier=%zz&" + V, 404, "MalformedQueryString"),
        (b"Action=DeleteClusterSnapshot&SnapshotIdentifier=%ff&" + V, 404, "MalformedQueryString"),
        (b"Action=DeleteClusterSnapshot&SnapshotIdentifier=nope&" + V, 404, "ClusterSnapshotNotFound"),
        (b"Action=DescribeClusterSnapshots&Marker=junk&" + V, 400, "InvalidParameterValue"),
    ],
)
def test_malformed_requests_get_aws_errors(fake, body, status, code):
    got_status, headers, root = query(fake, body)
    kind, got_code, message = error_of(root)
    assert (got_status, got_code, kind) == (status, code, "Sender")
    assert message
    assert headers["Content-Type"] == "text/xml"
    assert headers["x-amzn-RequestId"] == root.find(f"{NS}RequestId").text


def test_malformed_request_messages(fake):
    def message(body: bytes) -> str:
        return error_of(query(fake, body)[2])[2]

    assert message(b"Action=Nope&" + V) == "The action Nope is not valid for this web service."
    assert message(b"Action=DeleteClusterSnapshot&" + V) == "The request must contain the parameter SnapshotIdentifier."
    assert message(b"Action=DescribeClusterSnapshots&MaxRecords=x&" + V) == (
        "Value (x) for parameter MaxRecords is invalid. Expected an integer."
    )
    assert message(b"Action=DescribeClusterSnapshots&SortingEntities.SnapshotSortingEntity.1.SortOrder=ASC&" + V) == (
        "The request must contain the parameter SortingEntities[0].Attribute."
    )


def test_unknown_parameters_are_ignored_and_empty_lists_accepted(fake):
    status, _, root = query(fake, b"Action=DescribeClusterSnapshots&NoSuchThing=1&TagKeys=&" + V)
    assert status == 200
    assert root.tag == f"{NS}DescribeClusterSnapshotsResponse"
    result = root.find(f"{NS}DescribeClusterSnapshotsResult")
    assert result.find(f"{NS}Snapshots") is not None
    request_id = root.find(f"{NS}ResponseMetadata/{NS}RequestId").text
    assert len(request_id) == 36


def test_xml_names_follow_the_model(fake, clock):
    client = fake.client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1", Tags=[{"Key": "k", "Value": "v"}])
    clock[0] += 1
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)
    status, _, root = query(fake, b"Action=DescribeClusterSnapshots&SnapshotIdentifier=s1&" + V)
    assert status == 200
    snapshot = root.find(f"{NS}DescribeClusterSnapshotsResult/{NS}Snapshots/{NS}Snapshot")
    assert snapshot.find(f"{NS}Tags/{NS}Tag/{NS}Key").text == "k"
    account = snapshot.find(f"{NS}AccountsWithRestoreAccess/{NS}AccountWithRestoreAccess/{NS}AccountId")
    assert account.text == OTHER_ACCOUNT
    assert snapshot.find(f"{NS}SnapshotCreateTime").text == "2026-01-01T00:00:00.000Z"
    assert snapshot.find(f"{NS}Encrypted").text == "false"
    assert snapshot.find(f"{NS}TotalBackupSizeInMegaBytes").text.endswith(".0")


# ---- over HTTP ----


def test_serve_answers_boto3_with_account_and_region_from_credentials(fake):
    with fake.serve(port=0) as url:
        assert url.startswith("http://127.0.0.1:")

        def client(key: str, region: str) -> Any:
            return boto3.client(
                "redshift",
                endpoint_url=url,
                region_name=region,
                aws_access_key_id=key,
                aws_secret_access_key="anything",
            )

        default = client("AKIAEXAMPLE", "us-west-2")
        default.create_cluster(
            ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
        )
        created = default.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
        check_response("CreateClusterSnapshot", created)
        assert created["Snapshot"]["SnapshotArn"] == f"arn:aws:redshift:us-west-2:{ACCOUNT}:snapshot:c1/s1"
        # The same world, seen in process.
        assert fake.client("us-west-2").describe_clusters()["Clusters"][0]["ClusterIdentifier"] == "c1"
        assert fake.client("us-east-1").describe_clusters()["Clusters"] == []
        # A 12-digit access key is the account.
        other = client(OTHER_ACCOUNT, "us-west-2")
        assert other.describe_clusters()["Clusters"] == []
        default.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)
        shared = other.describe_cluster_snapshots()["Snapshots"]
        assert [(s["SnapshotIdentifier"], s["OwnerAccount"]) for s in shared] == [("s1", ACCOUNT)]
        with pytest.raises(other.exceptions.ClusterSnapshotNotFoundFault):
            other.delete_cluster_snapshot(SnapshotIdentifier="s1")


def test_serve_answers_get_and_malformed_requests(fake):
    with fake.serve() as url:
        with urllib.request.urlopen(f"{url}/?Action=DescribeClusters&Version=2012-12-01") as response:
            assert response.status == 200
            root = ET.fromstring(response.read())
            assert root.tag == f"{NS}DescribeClustersResponse"
        request = urllib.request.Request(url, data=b"Action=Nope&Version=2012-12-01", method="POST")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 400
        assert error_of(ET.fromstring(e.value.read()))[1] == "InvalidAction"
        host, port = urlsplit(url).hostname, urlsplit(url).port
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.putrequest("POST", "/")
        connection.putheader("Content-Length", "many")
        connection.endheaders()
        assert connection.getresponse().status == 400
        connection.close()


def test_botocore_client_reads_timestamps_as_utc():
    from redshift_fake._wire import _parse_timestamp

    utc = datetime.timezone.utc
    assert _parse_timestamp("2026-01-01T00:00:00.123Z") == datetime.datetime(2026, 1, 1, 0, 0, 0, 123000, tzinfo=utc)
    assert _parse_timestamp("2026-01-01T00:00:00.123Z").tzinfo is utc
    assert _parse_timestamp("2026-01-01T01:00:00+01:00").tzinfo is utc
    # Anything else, as botocore reads it.
    assert _parse_timestamp("Thu, 01 Jan 2026 00:00:00 GMT") == datetime.datetime(2026, 1, 1, tzinfo=utc)
    assert _parse_timestamp("2026-01-01T00:00:00").year == 2026


def test_caller_comes_from_the_signature(fake):
    from redshift_fake._wire import caller

    auth = "AWS4-HMAC-SHA256 Credential={}/20260101/{}/redshift/aws4_request, SignedHeaders=host, Signature=00"
    assert caller(fake, auth.format("AKIA1", "ap-south-1"), "") == (ACCOUNT, "ap-south-1")
    assert caller(fake, auth.format(OTHER_ACCOUNT, "eu-west-1"), "") == (OTHER_ACCOUNT, "eu-west-1")
    assert caller(fake, "", "") == (ACCOUNT, "us-east-1")
    presigned = f"Action=X&X-Amz-Credential={OTHER_ACCOUNT}%2F20260101%2Feu-north-1%2Fredshift%2Faws4_request"
    assert caller(fake, "", presigned) == (OTHER_ACCOUNT, "eu-north-1")


def test_serve_answers_concurrent_clients(fake):
    import concurrent.futures

    with fake.serve() as url:

        def work(n: int) -> int:
            client = boto3.client(
                "redshift", endpoint_url=url, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
            )
            client.create_cluster(
                ClusterIdentifier=f"c{n}", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
            )
            for i in range(3):
                client.create_cluster_snapshot(SnapshotIdentifier=f"s{n}-{i}", ClusterIdentifier=f"c{n}")
            return len(client.describe_cluster_snapshots(ClusterIdentifier=f"c{n}", SnapshotType="manual")["Snapshots"])

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(work, range(4))) == [3, 3, 3, 3]
    assert len(fake.client().describe_clusters()["Clusters"]) == 4
