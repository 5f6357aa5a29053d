"""The neighbouring operations the delete path needs (SPEC sections 2, 3, 5):
clusters, snapshot creation, listing and sharing. Every successful response is
held against botocore's output shape."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response

GRANTEE = "111122223333"
UTC = datetime.timezone.utc
BAD_ID = (
    "The parameter {} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII "
    "letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."
)
NEW_CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}
BAD_IDENTIFIERS = ["", "1abc", "a--b", "abc-", "a_b", "a b", "a.b", "é", "-ab"]


class Checked:
    """A client whose every successful answer is held against botocore's
    output shape; everything else passes through."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        operation = self._client.meta.method_to_api_mapping.get(name)
        if operation is None:
            return attr

        def call(**params: Any) -> dict[str, Any]:
            response = attr(**params)
            check_response(operation, response)
            return response

        return call


@pytest.fixture
def client(fake):
    """The shared fixture's client, checked."""
    return Checked(fake.client("us-east-1"))


def ok(client, operation: str, **params: Any) -> dict[str, Any]:
    """Calls `operation` and holds the answer against botocore's output shape."""
    response = getattr(client, xform_name(operation))(**params)
    check_response(operation, response)
    return response


def fails(client, operation: str, code: str, message: str = None, **params: Any) -> ClientError:
    with pytest.raises(ClientError) as e:
        getattr(client, xform_name(operation))(**params)
    assert e.value.response["Error"]["Code"] == code, e.value.response["Error"]
    if message is not None:
        assert e.value.response["Error"]["Message"] == message
    return e.value


def ids(snapshots) -> list:
    return sorted(s["SnapshotIdentifier"] for s in snapshots)


@pytest.fixture
def grantee(fake):
    return Checked(fake.client("us-east-1", account_id=GRANTEE))


# ---- CreateCluster -----------------------------------------------------------------------


def test_create_cluster_answers_creating_then_available(client):
    created = ok(client, "CreateCluster", ClusterIdentifier="c1", **NEW_CLUSTER)["Cluster"]
    assert created["ClusterIdentifier"] == "c1"
    assert created["ClusterStatus"] == "creating"
    (described,) = ok(client, "DescribeClusters")["Clusters"]
    assert described["ClusterStatus"] == "available"
    assert described["NodeType"] == "dc2.large"
    assert described["MasterUsername"] == "admin"
    assert described["DBName"] == "dev"
    assert described["Endpoint"]["Port"] == 5439
    assert described["AvailabilityZone"] == "us-east-1a"
    assert "MasterUserPassword" not in described


@pytest.mark.parametrize(
    "given,stored", [("My-Cluster", "my-cluster"), ("C1", "c1"), ("a" * 63, "a" * 63), ("abc-1-x", "abc-1-x")]
)
def test_cluster_identifiers_are_stored_lowercase(client, given, stored):
    assert ok(client, "CreateCluster", ClusterIdentifier=given, **NEW_CLUSTER)["Cluster"]["ClusterIdentifier"] == stored
    assert ok(client, "DescribeClusters", ClusterIdentifier=given.upper())["Clusters"][0]["ClusterIdentifier"] == stored
    fails(
        client,
        "CreateCluster",
        "ClusterAlreadyExists",
        "Cluster already exists",
        ClusterIdentifier=stored.upper(),
        **NEW_CLUSTER,
    )


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS + ["a" * 64])
def test_invalid_cluster_identifier(client, bad):
    fails(
        client,
        "CreateCluster",
        "InvalidParameterValue",
        BAD_ID.format("ClusterIdentifier"),
        ClusterIdentifier=bad,
        **NEW_CLUSTER,
    )
    assert client.describe_clusters()["Clusters"] == []
    assert client.describe_cluster_snapshots()["Snapshots"] == []


def test_create_cluster_takes_an_automated_snapshot_named_by_the_time(client):
    start = datetime.datetime.now(UTC).replace(microsecond=0)
    ok(client, "CreateCluster", ClusterIdentifier="My-C1", **NEW_CLUSTER)
    end = datetime.datetime.now(UTC)
    (snap,) = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    match = re.fullmatch(r"rs:my-c1-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})", snap["SnapshotIdentifier"])
    assert match, snap["SnapshotIdentifier"]
    named = datetime.datetime.strptime(match.group(1), "%Y-%m-%d-%H-%M-%S").replace(tzinfo=UTC)
    assert start <= named <= end
    assert snap["SnapshotCreateTime"].replace(microsecond=0) == named
    assert snap["SnapshotType"] == "automated"
    assert snap["ClusterIdentifier"] == "my-c1"
    assert snap["Status"] == "available"
    assert "ManualSnapshotRetentionPeriod" not in snap
    assert snap["SnapshotArn"] == f"arn:aws:redshift:us-east-1:123456789012:snapshot:my-c1/{snap['SnapshotIdentifier']}"


def test_no_automated_snapshot_when_retention_is_zero(client):
    ok(client, "CreateCluster", ClusterIdentifier="c1", AutomatedSnapshotRetentionPeriod=0, **NEW_CLUSTER)
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []
    assert ok(client, "DescribeClusters")["Clusters"][0]["AutomatedSnapshotRetentionPeriod"] == 0


def test_multi_node_cluster(client):
    c = ok(client, "CreateCluster", ClusterIdentifier="c1", ClusterType="multi-node", NumberOfNodes=3, **NEW_CLUSTER)[
        "Cluster"
    ]
    assert c["NumberOfNodes"] == 3
    snap = ok(client, "DescribeClusterSnapshots")["Snapshots"][0]
    assert snap["NumberOfNodes"] == 3


# ---- DescribeClusters --------------------------------------------------------------------


def test_describe_clusters(client):
    assert ok(client, "DescribeClusters")["Clusters"] == []
    for cid in ("c2", "c1", "c3"):
        ok(client, "CreateCluster", ClusterIdentifier=cid, **NEW_CLUSTER)
    assert [c["ClusterIdentifier"] for c in ok(client, "DescribeClusters")["Clusters"]] == ["c1", "c2", "c3"]
    assert [c["ClusterIdentifier"] for c in ok(client, "DescribeClusters", ClusterIdentifier="C2")["Clusters"]] == [
        "c2"
    ]
    fails(client, "DescribeClusters", "ClusterNotFound", "Cluster c9 not found.", ClusterIdentifier="c9")


def test_describe_clusters_pages_with_marker(client):
    for i in range(25):
        client.create_cluster(ClusterIdentifier=f"c{i:02}", **NEW_CLUSTER)
    first = ok(client, "DescribeClusters", MaxRecords=20)
    assert len(first["Clusters"]) == 20 and first["Marker"]
    rest = ok(client, "DescribeClusters", MaxRecords=20, Marker=first["Marker"])
    assert "Marker" not in rest
    seen = [c["ClusterIdentifier"] for c in first["Clusters"] + rest["Clusters"]]
    assert seen == [f"c{i:02}" for i in range(25)]


# ---- DeleteCluster -----------------------------------------------------------------------


def test_delete_cluster_with_final_snapshot(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="m1", ClusterIdentifier=cluster)
    deleted = ok(client, "DeleteCluster", ClusterIdentifier="C1", FinalClusterSnapshotIdentifier="Final-1")["Cluster"]
    assert deleted["ClusterIdentifier"] == "c1"
    assert deleted["ClusterStatus"] == "deleting"
    fails(client, "DescribeClusters", "ClusterNotFound", ClusterIdentifier="c1")
    snapshots = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert ids(snapshots) == ["final-1", "m1"]
    assert {s["SnapshotType"] for s in snapshots} == {"manual"}
    final = next(s for s in snapshots if s["SnapshotIdentifier"] == "final-1")
    assert final["ClusterIdentifier"] == "c1"
    assert final["ManualSnapshotRetentionPeriod"] == -1


def test_final_snapshot_retention_period(client, cluster):
    ok(
        client,
        "DeleteCluster",
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier="f1",
        FinalClusterSnapshotRetentionPeriod=5,
    )
    (final,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="f1")["Snapshots"]
    assert final["ManualSnapshotRetentionPeriod"] == 5
    assert final["ManualSnapshotRemainingDays"] == 5


def test_delete_cluster_skipping_the_final_snapshot(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="m1", ClusterIdentifier=cluster)
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, SkipFinalClusterSnapshot=True)
    assert ok(client, "DescribeClusters")["Clusters"] == []
    assert ids(ok(client, "DescribeClusterSnapshots")["Snapshots"]) == ["m1"]


def test_skip_with_an_empty_final_identifier_is_accepted(client, cluster):
    """A popular workflow tool sends exactly this."""
    ok(
        client,
        "DeleteCluster",
        ClusterIdentifier=cluster,
        SkipFinalClusterSnapshot=True,
        FinalClusterSnapshotIdentifier="",
    )
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"SkipFinalClusterSnapshot": False},
        {"SkipFinalClusterSnapshot": True, "FinalClusterSnapshotIdentifier": "f1"},
    ],
)
def test_final_snapshot_parameters_must_agree(client, cluster, params):
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    err = fails(client, "DeleteCluster", "InvalidParameterCombination", ClusterIdentifier=cluster, **params)
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert ok(client, "DescribeClusters")["Clusters"][0]["ClusterStatus"] == "available"
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before


def test_final_snapshot_that_exists_keeps_the_cluster(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    fails(
        client,
        "DeleteCluster",
        "ClusterSnapshotAlreadyExists",
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier="S1",
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before


@pytest.mark.parametrize("bad", ["1f", "f--1", "f-", "f_1"])
def test_final_snapshot_identifier_rules(client, cluster, bad):
    fails(
        client,
        "DeleteCluster",
        "InvalidParameterValue",
        BAD_ID.format("FinalClusterSnapshotIdentifier"),
        ClusterIdentifier=cluster,
        FinalClusterSnapshotIdentifier=bad,
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1


def test_final_snapshot_counts_against_the_quota():
    client = Checked(redshift_fake.FakeRedshift(manual_snapshot_quota=1).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")
    fails(
        client,
        "DeleteCluster",
        "ClusterSnapshotQuotaExceeded",
        ClusterIdentifier="c1",
        FinalClusterSnapshotIdentifier="f1",
    )
    assert len(ok(client, "DescribeClusters")["Clusters"]) == 1


def test_delete_cluster_removes_its_automated_snapshots_only(client):
    for cid in ("c1", "c2"):
        client.create_cluster(ClusterIdentifier=cid, **NEW_CLUSTER)
        client.create_cluster_snapshot(SnapshotIdentifier=f"{cid}-manual", ClusterIdentifier=cid)
    ok(client, "DeleteCluster", ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    left = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert sorted((s["ClusterIdentifier"], s["SnapshotType"]) for s in left) == [
        ("c1", "manual"),
        ("c2", "automated"),
        ("c2", "manual"),
    ]


def test_identifier_of_a_deleted_cluster_is_free(client, cluster):
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, SkipFinalClusterSnapshot=True)
    ok(client, "CreateCluster", ClusterIdentifier=cluster, **NEW_CLUSTER)


# ---- CreateClusterSnapshot ---------------------------------------------------------------


def test_create_snapshot_members(client, cluster):
    snap = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="S1", ClusterIdentifier="C1")["Snapshot"]
    assert snap["Status"] == "creating"
    assert snap["SnapshotIdentifier"] == "s1"
    assert snap["ClusterIdentifier"] == "c1"
    assert snap["SnapshotType"] == "manual"
    assert snap["Port"] == 5439
    assert snap["AvailabilityZone"] == "us-east-1a"
    assert snap["ClusterVersion"] == "1.0"
    assert snap["DBName"] == "dev"
    assert snap["MasterUsername"] == "admin"
    assert snap["NodeType"] == "dc2.large"
    assert snap["NumberOfNodes"] == 1
    assert snap["OwnerAccount"] == "123456789012"
    assert snap["Encrypted"] is False and snap["EncryptedWithHSM"] is False
    assert snap["Tags"] == []
    assert snap["MaintenanceTrackName"] == "current"
    assert snap["ManualSnapshotRetentionPeriod"] == -1
    assert "ManualSnapshotRemainingDays" not in snap
    assert snap["SnapshotRetentionStartTime"] == snap["SnapshotCreateTime"]
    assert "AccountsWithRestoreAccess" not in snap
    assert snap["SnapshotArn"] == "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s1"
    cluster_info = ok(client, "DescribeClusters")["Clusters"][0]
    assert snap["ClusterCreateTime"] == cluster_info["ClusterCreateTime"]
    (described,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    assert described["Status"] == "available"
    assert described["BackupProgressInMegaBytes"] == described["TotalBackupSizeInMegaBytes"]
    assert described["EstimatedSecondsToCompletion"] == 0


def test_snapshot_identifiers_are_unique_across_clusters(client, cluster):
    client.create_cluster(ClusterIdentifier="c2", **NEW_CLUSTER)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    fails(
        client, "CreateClusterSnapshot", "ClusterSnapshotAlreadyExists", SnapshotIdentifier="s1", ClusterIdentifier="c2"
    )


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS + ["a" * 256])
def test_invalid_snapshot_identifier(client, cluster, bad):
    fails(
        client,
        "CreateClusterSnapshot",
        "InvalidParameterValue",
        BAD_ID.format("SnapshotIdentifier"),
        SnapshotIdentifier=bad,
        ClusterIdentifier=cluster,
    )


def test_longest_snapshot_identifier(client, cluster):
    assert (
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier="A" * 255, ClusterIdentifier=cluster)["Snapshot"][
            "SnapshotIdentifier"
        ]
        == "a" * 255
    )


@pytest.mark.parametrize("days", [0, -2, 3654, -100])
def test_invalid_retention_period(client, cluster, days):
    err = fails(
        client,
        "CreateClusterSnapshot",
        "InvalidRetentionPeriodFault",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=days,
    )
    assert isinstance(err, client.exceptions.InvalidRetentionPeriodFault)
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []


@pytest.mark.parametrize("days", [-1, 1, 7, 3653])
def test_valid_retention_period(client, cluster, days):
    snap = ok(
        client,
        "CreateClusterSnapshot",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=days,
    )["Snapshot"]
    assert snap["ManualSnapshotRetentionPeriod"] == days
    (described,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    if days == -1:
        assert "ManualSnapshotRemainingDays" not in described
    else:
        assert described["ManualSnapshotRemainingDays"] == days


def test_retention_minus_one_with_empty_tags(client, cluster):
    """How tools commonly call it."""
    snap = ok(
        client,
        "CreateClusterSnapshot",
        SnapshotIdentifier="s1",
        ClusterIdentifier=cluster,
        ManualSnapshotRetentionPeriod=-1,
        Tags=[],
    )["Snapshot"]
    assert snap["Tags"] == [] and snap["ManualSnapshotRetentionPeriod"] == -1


def test_tags_are_stored(client, cluster):
    tags = [{"Key": "team", "Value": "data"}, {"Key": "env", "Value": ""}]
    assert (
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster, Tags=tags)["Snapshot"][
            "Tags"
        ]
        == tags
    )
    assert ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == tags
    assert ok(client, "DescribeClusterSnapshots", TagKeys=["team"])["Snapshots"][0]["SnapshotIdentifier"] == "s1"


def test_manual_snapshot_quota():
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=3)
    client = Checked(fake.client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(3):
        ok(client, "CreateClusterSnapshot", SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    before = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    err = fails(
        client, "CreateClusterSnapshot", "ClusterSnapshotQuotaExceeded", SnapshotIdentifier="s3", ClusterIdentifier="c1"
    )
    assert isinstance(err, client.exceptions.ClusterSnapshotQuotaExceededFault)
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == before
    # Automated snapshots do not count; the quota is per account and region.
    client.create_cluster(ClusterIdentifier="c2", **NEW_CLUSTER)
    for other in (Checked(fake.client("eu-west-1")), Checked(fake.client(account_id=OTHER_ACCOUNT))):
        other.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
        ok(other, "CreateClusterSnapshot", SnapshotIdentifier="s3", ClusterIdentifier="c1")
    # Deleting one frees a place.
    client.delete_cluster_snapshot(SnapshotIdentifier="s0")
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s3", ClusterIdentifier="c1")


def test_default_quota_is_twenty():
    client = Checked(redshift_fake.client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(20):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    fails(
        client,
        "CreateClusterSnapshot",
        "ClusterSnapshotQuotaExceeded",
        SnapshotIdentifier="s20",
        ClusterIdentifier="c1",
    )


def test_a_large_quota_holds_thousands():
    client = Checked(redshift_fake.FakeRedshift(manual_snapshot_quota=2000).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    for i in range(1500):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    assert len(client.describe_cluster_snapshots(SnapshotIdentifier="s1499")["Snapshots"]) == 1


# ---- DescribeClusterSnapshots ------------------------------------------------------------


@pytest.fixture
def two_clusters(client):
    for cid in ("c1", "c2"):
        client.create_cluster(ClusterIdentifier=cid, **NEW_CLUSTER)
        for n in (1, 2):
            client.create_cluster_snapshot(SnapshotIdentifier=f"{cid}-s{n}", ClusterIdentifier=cid)
    return client


def test_describe_filters(two_clusters):
    client = two_clusters
    everything = ok(client, "DescribeClusterSnapshots")["Snapshots"]
    assert len(everything) == 6
    assert ids(ok(client, "DescribeClusterSnapshots", ClusterIdentifier="C1")["Snapshots"])[:2] == ["c1-s1", "c1-s2"]
    assert {
        s["ClusterIdentifier"] for s in ok(client, "DescribeClusterSnapshots", ClusterIdentifier="c1")["Snapshots"]
    } == {"c1"}
    assert ids(ok(client, "DescribeClusterSnapshots", SnapshotType="manual")["Snapshots"]) == [
        "c1-s1",
        "c1-s2",
        "c2-s1",
        "c2-s2",
    ]
    automated = ok(client, "DescribeClusterSnapshots", SnapshotType="automated")["Snapshots"]
    assert sorted(s["ClusterIdentifier"] for s in automated) == ["c1", "c2"]
    assert ids(ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="C2-S1")["Snapshots"]) == ["c2-s1"]
    assert ids(ok(client, "DescribeClusterSnapshots", ClusterIdentifier="c2", SnapshotType="manual")["Snapshots"]) == [
        "c2-s1",
        "c2-s2",
    ]
    assert ids(
        ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="c1-s1", SnapshotType="manual")["Snapshots"]
    ) == ["c1-s1"]


def test_describe_unknown_cluster_is_an_empty_list(two_clusters):
    assert ok(two_clusters, "DescribeClusterSnapshots", ClusterIdentifier="c9")["Snapshots"] == []
    assert (
        ok(two_clusters, "DescribeClusterSnapshots", ClusterIdentifier="c9", SnapshotType="manual")["Snapshots"] == []
    )


def test_describe_in_an_empty_world(client):
    assert ok(client, "DescribeClusterSnapshots")["Snapshots"] == []
    fails(client, "DescribeClusterSnapshots", "ClusterSnapshotNotFound", SnapshotIdentifier="s1")


def test_shared_snapshots_are_visible_to_the_grantee(client, grantee, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier=cluster)
    assert grantee.describe_cluster_snapshots()["Snapshots"] == []
    shared = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)[
        "Snapshot"
    ]
    assert shared["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]

    seen = ok(grantee, "DescribeClusterSnapshots")["Snapshots"]
    assert ids(seen) == ["s1"]
    (theirs,) = seen
    assert theirs["OwnerAccount"] == "123456789012"
    assert "AccountsWithRestoreAccess" not in theirs
    (mine,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="s1")["Snapshots"]
    assert mine["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    assert {k: v for k, v in mine.items() if k != "AccountsWithRestoreAccess"} == theirs

    assert ids(ok(grantee, "DescribeClusterSnapshots", SnapshotIdentifier="S1")["Snapshots"]) == ["s1"]
    assert ids(ok(grantee, "DescribeClusterSnapshots", OwnerAccount="123456789012")["Snapshots"]) == ["s1"]
    assert ok(grantee, "DescribeClusterSnapshots", OwnerAccount=GRANTEE)["Snapshots"] == []
    fails(grantee, "DescribeClusterSnapshots", "ClusterSnapshotNotFound", SnapshotIdentifier="s2")
    # Other accounts and regions see nothing.
    assert fake_client(client, OTHER_ACCOUNT).describe_cluster_snapshots()["Snapshots"] == []

    ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    assert grantee.describe_cluster_snapshots()["Snapshots"] == []


def fake_client(client, account):
    return Checked(client.fake.client(client.meta.region_name, account_id=account))


# ---- AuthorizeSnapshotAccess / RevokeSnapshotAccess --------------------------------------


@pytest.fixture
def s1(client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    return client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]


def test_authorize_and_revoke_by_identifier(client, s1):
    after = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="S1", AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    after = ok(
        client,
        "AuthorizeSnapshotAccess",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c1",
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}, {"AccountId": OTHER_ACCOUNT}]
    after = ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": OTHER_ACCOUNT}]
    after = ok(client, "RevokeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)[
        "Snapshot"
    ]
    assert "AccountsWithRestoreAccess" not in after
    assert after == {**s1}


def test_authorize_and_revoke_by_arn(client, grantee, s1):
    arn = s1["SnapshotArn"]
    after = ok(client, "AuthorizeSnapshotAccess", SnapshotArn=arn, AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert after["AccountsWithRestoreAccess"] == [{"AccountId": GRANTEE}]
    assert ids(grantee.describe_cluster_snapshots()["Snapshots"]) == ["s1"]
    after = ok(client, "RevokeSnapshotAccess", SnapshotArn=arn, AccountWithRestoreAccess=GRANTEE)["Snapshot"]
    assert "AccountsWithRestoreAccess" not in after


def test_revoke_what_was_never_granted(client, s1):
    err = fails(
        client,
        "RevokeSnapshotAccess",
        "AuthorizationNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=GRANTEE,
    )
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert isinstance(err, client.exceptions.AuthorizationNotFoundFault)
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0] == s1
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    fails(
        client,
        "RevokeSnapshotAccess",
        "AuthorizationNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )


def test_only_the_owner_shares(client, grantee, s1):
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    before = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"]
    for op in ("AuthorizeSnapshotAccess", "RevokeSnapshotAccess"):
        err = fails(
            grantee,
            op,
            "AccessToSnapshotDenied",
            SnapshotIdentifier="s1",
            AccountWithRestoreAccess=GRANTEE if op.startswith("Revoke") else OTHER_ACCOUNT,
        )
        assert isinstance(err, grantee.exceptions.AccessToSnapshotDeniedFault)
    err = fails(
        grantee,
        "AuthorizeSnapshotAccess",
        "AccessToSnapshotDenied",
        SnapshotArn=s1["SnapshotArn"],
        AccountWithRestoreAccess=OTHER_ACCOUNT,
    )
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"] == before


def test_a_stranger_does_not_find_the_snapshot(client, s1):
    stranger = fake_client(client, OTHER_ACCOUNT)
    fails(
        stranger,
        "AuthorizeSnapshotAccess",
        "ClusterSnapshotNotFound",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess=GRANTEE,
    )


def test_share_with_wrong_cluster(client, s1):
    fails(
        client,
        "AuthorizeSnapshotAccess",
        "ClusterSnapshotNotFound",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c9",
        AccountWithRestoreAccess=GRANTEE,
    )


def test_authorization_quota():
    client = Checked(redshift_fake.FakeRedshift(snapshot_authorization_quota=2).client())
    client.create_cluster(ClusterIdentifier="c1", **NEW_CLUSTER)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    for account in (GRANTEE, OTHER_ACCOUNT):
        ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=account)
    err = fails(
        client,
        "AuthorizeSnapshotAccess",
        "AuthorizationQuotaExceeded",
        SnapshotIdentifier="s1",
        AccountWithRestoreAccess="444455556666",
    )
    assert isinstance(err, client.exceptions.AuthorizationQuotaExceededFault)
    assert (
        len(client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["AccountsWithRestoreAccess"])
        == 2
    )
    client.revoke_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess="444455556666")


# The members SPEC section 3 lists for every snapshot taken from a cluster; the
# optional ones (VpcId, KmsKeyId, AccountsWithRestoreAccess, SourceRegion,
# ManualSnapshotRemainingDays) only when they apply.
SNAPSHOT_MEMBERS = {
    "SnapshotIdentifier", "ClusterIdentifier", "SnapshotCreateTime", "Status", "Port", "AvailabilityZone",
    "ClusterCreateTime", "MasterUsername", "ClusterVersion", "EngineFullVersion", "SnapshotType", "NodeType",
    "NumberOfNodes", "DBName", "Encrypted", "EncryptedWithHSM", "OwnerAccount", "TotalBackupSizeInMegaBytes",
    "ActualIncrementalBackupSizeInMegaBytes", "BackupProgressInMegaBytes", "CurrentBackupRateInMegaBytesPerSecond",
    "EstimatedSecondsToCompletion", "ElapsedTimeInSeconds", "Tags", "RestorableNodeTypes", "EnhancedVpcRouting",
    "MaintenanceTrackName", "SnapshotArn",
}
MANUAL_ONLY = {"ManualSnapshotRetentionPeriod", "SnapshotRetentionStartTime"}


def test_snapshot_members_are_the_ones_section_3_lists(client, cluster):
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s2", ClusterIdentifier=cluster,
       ManualSnapshotRetentionPeriod=3)
    (c1,) = ok(client, "DescribeClusters")["Clusters"]
    by_id = {s["SnapshotIdentifier"]: s for s in ok(client, "DescribeClusterSnapshots")["Snapshots"]}
    (auto,) = [s for s in by_id.values() if s["SnapshotType"] == "automated"]
    # The cluster has no VPC and no key: no VpcId, no KmsKeyId; none is a copy from another region.
    assert "VpcId" not in c1
    assert set(auto) == SNAPSHOT_MEMBERS
    assert set(by_id["s1"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY
    assert set(by_id["s2"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY | {"ManualSnapshotRemainingDays"}
    for snap in by_id.values():
        assert snap["ClusterVersion"] == "1.0"
        assert isinstance(snap["EngineFullVersion"], str) and snap["EngineFullVersion"]
        assert snap["EnhancedVpcRouting"] is c1["EnhancedVpcRouting"] is False
        assert snap["ActualIncrementalBackupSizeInMegaBytes"] <= snap["TotalBackupSizeInMegaBytes"]
        assert snap["Tags"] == []
        assert snap["ClusterCreateTime"] == c1["ClusterCreateTime"]
    shared = ok(client, "AuthorizeSnapshotAccess", SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    assert set(shared["Snapshot"]) == SNAPSHOT_MEMBERS | MANUAL_ONLY | {"AccountsWithRestoreAccess"}
    # Copies and final snapshots are manual snapshots like any other.
    copied = ok(client, "CopyClusterSnapshot", SourceSnapshotIdentifier=auto["SnapshotIdentifier"],
                TargetSnapshotIdentifier="copy")["Snapshot"]
    assert set(copied) == SNAPSHOT_MEMBERS | MANUAL_ONLY and copied["Tags"] == []
    ok(client, "DeleteCluster", ClusterIdentifier=cluster, FinalClusterSnapshotIdentifier="final")
    (final,) = ok(client, "DescribeClusterSnapshots", SnapshotIdentifier="final")["Snapshots"]
    assert set(final) == SNAPSHOT_MEMBERS | MANUAL_ONLY


def test_an_encrypted_clusters_snapshots_carry_its_key_and_routing():
    client = Checked(redshift_fake.client())
    key = "arn:aws:kms:us-east-1:123456789012:key/k"
    ok(
        client,
        "CreateCluster",
        ClusterIdentifier="c1",
        Encrypted=True,
        KmsKeyId=key,
        EnhancedVpcRouting=True,
        **NEW_CLUSTER,
    )
    made = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    (auto,) = ok(client, "DescribeClusterSnapshots", SnapshotType="automated")["Snapshots"]
    for snap in (made, auto):
        assert (snap["Encrypted"], snap["KmsKeyId"], snap["EnhancedVpcRouting"]) == (True, key, True)
    assert set(auto) == SNAPSHOT_MEMBERS | {"KmsKeyId"}


def test_snapshot_copies_the_clusters_members():
    client = Checked(redshift_fake.client("eu-west-1"))
    ok(
        client,
        "CreateCluster",
        ClusterIdentifier="c1",
        NodeType="ra3.xlplus",
        MasterUsername="root",
        MasterUserPassword="Secret123",
        Port=5440,
        Encrypted=True,
        KmsKeyId="arn:aws:kms:eu-west-1:123456789012:key/k",
        DBName="db1",
        ClusterType="multi-node",
        NumberOfNodes=2,
    )
    snap = ok(client, "CreateClusterSnapshot", SnapshotIdentifier="s1", ClusterIdentifier="c1")["Snapshot"]
    expected = {
        "Port": 5440,
        "AvailabilityZone": "eu-west-1a",
        "Encrypted": True,
        "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k",
        "DBName": "db1",
        "MasterUsername": "root",
        "NodeType": "ra3.xlplus",
        "NumberOfNodes": 2,
        "RestorableNodeTypes": ["ra3.xlplus"],
        "SnapshotArn": "arn:aws:redshift:eu-west-1:123456789012:snapshot:c1/s1",
    }
    assert {k: snap.get(k) for k in expected} == expected
