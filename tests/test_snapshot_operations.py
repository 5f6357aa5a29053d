"""The snapshot operations beyond the delete path: batch delete, copy, modify,
batch modify, restore and tags, through the client as a user's test drives it.

Expectations come from botocore wherever it has them: responses are held
against the output shapes (`check_response`), error codes, statuses and
classes against the model's error shapes, and parameter reports against
botocore's own `ParamValidator`.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.validate import ParamValidator

import redshift_fake
from conftest import BOTOCORE_MODEL, OTHER_ACCOUNT, check_response

ACCOUNT = "123456789012"
DAY = 86_400.0


def cluster_arn(cluster: str) -> str:
    return f"arn:aws:redshift:us-east-1:{ACCOUNT}:cluster:{cluster}"


def snapshot_arn(cluster: str, snapshot: str) -> str:
    return f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:{cluster}/{snapshot}"


def expect_error(client, shape: str, operation: str, **kwargs: Any) -> ClientError:
    """Calls `operation` and asserts it fails with the model's error `shape`:
    its class, its code, its HTTP status, and that the model lists it for the
    operation."""
    op_model = BOTOCORE_MODEL.operation_model(operation)
    assert shape in [s.name for s in op_model.error_shapes], f"{shape} is not an error of {operation}"
    error = BOTOCORE_MODEL.shape_for(shape).metadata["error"]
    with pytest.raises(getattr(client.exceptions, shape)) as info:
        getattr(client, xform_name(operation))(**kwargs)
    e = info.value
    assert e.operation_name == operation
    assert e.response["Error"]["Code"] == error["code"]
    assert e.response["Error"]["Type"] == "Sender"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == error["httpStatusCode"]
    assert str(e) == (
        f"An error occurred ({error['code']}) when calling the {operation} operation: "
        f"{e.response['Error']['Message']}"
    )
    return e


def expect_common_error(client, code: str, operation: str, **kwargs: Any) -> ClientError:
    """Like `expect_error` for a common AWS error the model has no shape for."""
    with pytest.raises(ClientError) as info:
        getattr(client, xform_name(operation))(**kwargs)
    e = info.value
    assert e.operation_name == operation
    assert e.response["Error"]["Code"] == code
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return e


def expect_invalid_params(client, operation: str, **kwargs: Any) -> None:
    """The call fails with botocore's own ParamValidationError text."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    report = ParamValidator().validate(kwargs, shape)
    assert report.has_errors(), "the case must be invalid for botocore too"
    expected = str(ParamValidationError(report=report.generate_report()))
    with pytest.raises(ParamValidationError) as info:
        getattr(client, xform_name(operation))(**kwargs)
    assert str(info.value) == expected


def automated_snapshot(client, cluster: str = "c1") -> str:
    snapshots = client.describe_cluster_snapshots(ClusterIdentifier=cluster, SnapshotType="automated")
    return snapshots["Snapshots"][0]["SnapshotIdentifier"]


def manual(client, snapshot: str, cluster: str = "c1", **kwargs: Any) -> dict[str, Any]:
    return client.create_cluster_snapshot(SnapshotIdentifier=snapshot, ClusterIdentifier=cluster, **kwargs)


def snapshot_ids(client) -> set:
    return {s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots()["Snapshots"]}


@pytest.fixture
def later(monkeypatch):
    """Moves the system clock (which the fake follows) forward by some days."""
    start = time.time()

    def move(days: float) -> None:
        monkeypatch.setattr(time, "time", lambda: start + days * DAY)

    return move


# --- BatchDeleteClusterSnapshots ---------------------------------------------


def test_batch_delete_deletes_some_and_reports_the_rest(client, cluster):
    manual(client, "s1")
    manual(client, "s2")
    auto = automated_snapshot(client)
    response = client.batch_delete_cluster_snapshots(
        Identifiers=[
            {"SnapshotIdentifier": "s1"},
            {"SnapshotIdentifier": "nope"},
            {"SnapshotIdentifier": auto, "SnapshotClusterIdentifier": "c1"},
            {"SnapshotIdentifier": "S2"},
        ]
    )
    check_response("BatchDeleteClusterSnapshots", response)
    assert response["Resources"] == ["s1", "s2"]
    assert response["Errors"] == [
        {
            "SnapshotIdentifier": "nope",
            "FailureCode": "ClusterSnapshotNotFound",
            "FailureReason": "Snapshot nope not found.",
        },
        {
            "SnapshotIdentifier": auto,
            "SnapshotClusterIdentifier": "c1",
            "FailureCode": "InvalidClusterSnapshotState",
            "FailureReason": f"Cannot delete the snapshot {auto} because only manual snapshots may be deleted",
        },
    ]
    assert snapshot_ids(client) == {auto}


def test_batch_delete_items_follow_every_delete_rule_on_their_own(fake, client, cluster):
    """Rules 3, 5 and 6 of SPEC section 4 per item; a refused item changes
    nothing and does not stop the others."""
    for sid in ("ok1", "wrong-cluster", "busy", "shared", "failed", "ok2"):
        manual(client, sid)
    client.authorize_snapshot_access(SnapshotIdentifier="shared", AccountWithRestoreAccess=OTHER_ACCOUNT)
    fake.set_snapshot_status("busy", "creating")
    fake.set_snapshot_status("failed", "failed")
    before = {s["SnapshotIdentifier"]: s for s in client.describe_cluster_snapshots()["Snapshots"]}
    response = client.batch_delete_cluster_snapshots(
        Identifiers=[
            {"SnapshotIdentifier": "ok1", "SnapshotClusterIdentifier": "C1"},
            {"SnapshotIdentifier": "wrong-cluster", "SnapshotClusterIdentifier": "c2"},
            {"SnapshotIdentifier": "busy"},
            {"SnapshotIdentifier": "shared"},
            {"SnapshotIdentifier": "failed"},
            {"SnapshotIdentifier": "ok2"},
        ]
    )
    check_response("BatchDeleteClusterSnapshots", response)
    assert response["Resources"] == ["ok1", "failed", "ok2"]
    assert [(e["SnapshotIdentifier"], e["FailureCode"]) for e in response["Errors"]] == [
        ("wrong-cluster", "ClusterSnapshotNotFound"),
        ("busy", "InvalidClusterSnapshotState"),
        ("shared", "InvalidClusterSnapshotState"),
    ]
    reasons = [e["FailureReason"] for e in response["Errors"]]
    assert reasons[0] == "Snapshot wrong-cluster not found."
    assert reasons[1] == "Cannot delete the snapshot busy because it is in the creating state."
    assert "shared" in reasons[2] and "revoke" in reasons[2].lower()
    after = {s["SnapshotIdentifier"]: s for s in client.describe_cluster_snapshots()["Snapshots"]}
    kept = {"wrong-cluster", "busy", "shared"}
    assert after == {k: v for k, v in before.items() if k in kept or v["SnapshotType"] == "automated"}


def test_batch_delete_takes_exactly_100_identifiers(client, cluster):
    for i in range(100):
        manual(client, f"s{i:03d}")
    identifiers = [{"SnapshotIdentifier": f"s{i:03d}"} for i in range(100)]
    response = client.batch_delete_cluster_snapshots(Identifiers=identifiers)
    check_response("BatchDeleteClusterSnapshots", response)
    assert (len(response["Resources"]), response["Errors"]) == (100, [])
    assert client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"] == []


def test_batch_delete_of_nothing_answers_empty_lists(client):
    response = client.batch_delete_cluster_snapshots(Identifiers=[])
    check_response("BatchDeleteClusterSnapshots", response)
    assert (response["Resources"], response["Errors"]) == ([], [])


def test_batch_delete_of_more_than_100_deletes_nothing(client, cluster):
    manual(client, "s1")
    expect_error(
        client,
        "BatchDeleteRequestSizeExceededFault",
        "BatchDeleteClusterSnapshots",
        Identifiers=[{"SnapshotIdentifier": "s1"}] * 101,
    )
    assert "s1" in snapshot_ids(client)


def test_batch_delete_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "BatchDeleteClusterSnapshots")
    expect_invalid_params(client, "BatchDeleteClusterSnapshots", Identifiers="s1")
    expect_invalid_params(
        client,
        "BatchDeleteClusterSnapshots",
        Identifiers=[{"SnapshotIdentifier": 1, "Foo": "x"}, {"SnapshotClusterIdentifier": "c1"}],
    )


# --- CopyClusterSnapshot -----------------------------------------------------


def test_copy_makes_a_manual_snapshot_of_an_automated_one(client, cluster):
    auto = automated_snapshot(client)
    response = client.copy_cluster_snapshot(
        SourceSnapshotIdentifier=auto,
        SourceSnapshotClusterIdentifier="c1",
        TargetSnapshotIdentifier="Keep-Me",
        ManualSnapshotRetentionPeriod=30,
    )
    check_response("CopyClusterSnapshot", response)
    copied = response["Snapshot"]
    assert copied["SnapshotIdentifier"] == "keep-me"
    assert copied["SnapshotType"] == "manual"
    assert copied["Status"] == "creating"
    assert copied["ManualSnapshotRetentionPeriod"] == 30
    assert copied["SnapshotArn"] == snapshot_arn("c1", "keep-me")
    described = client.describe_cluster_snapshots(SnapshotIdentifier="keep-me")["Snapshots"][0]
    assert described["Status"] == "available"
    assert described["ManualSnapshotRemainingDays"] == 30


def test_copy_errors(fake, client, cluster):
    auto = automated_snapshot(client)
    manual(client, "s1")
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier="nope",
        TargetSnapshotIdentifier="t",
    )
    e = expect_error(
        client,
        "InvalidClusterSnapshotStateFault",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier="s1",
        TargetSnapshotIdentifier="t",
    )
    assert "only automated snapshots" in e.response["Error"]["Message"]
    expect_error(
        client,
        "ClusterSnapshotAlreadyExistsFault",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier=auto,
        TargetSnapshotIdentifier="s1",
    )
    expect_error(
        client,
        "InvalidRetentionPeriodFault",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier=auto,
        TargetSnapshotIdentifier="t",
        ManualSnapshotRetentionPeriod=3654,
    )
    e = expect_common_error(
        client,
        "InvalidParameterValue",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier=auto,
        TargetSnapshotIdentifier="1t",
    )
    assert "TargetSnapshotIdentifier" in e.response["Error"]["Message"]
    assert snapshot_ids(client) == {auto, "s1"}


def test_copy_needs_an_available_source(fake, client, cluster):
    """SPEC section 5 (doc): the source must be an automated snapshot in the
    `available` state; a refused copy changes nothing."""
    auto = automated_snapshot(client)
    for status in ("creating", "failed", "cancelled"):
        fake.set_snapshot_status(auto, status)
        e = expect_error(
            client,
            "InvalidClusterSnapshotStateFault",
            "CopyClusterSnapshot",
            SourceSnapshotIdentifier=auto,
            TargetSnapshotIdentifier="t",
        )
        assert e.response["Error"]["Message"] == f"Cannot copy the snapshot {auto} because it is in the {status} state."
        assert snapshot_ids(client) == {auto}
    fake.set_snapshot_status(auto, None)
    copied = client.copy_cluster_snapshot(SourceSnapshotIdentifier=auto, TargetSnapshotIdentifier="t")["Snapshot"]
    # A copy in its own region is no cross-region copy: no SourceRegion.
    assert "SourceRegion" not in copied


def test_copy_counts_against_the_quota():
    client = redshift_fake.FakeRedshift(manual_snapshot_quota=1).client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    auto = automated_snapshot(client)
    manual(client, "s1")
    expect_error(
        client,
        "ClusterSnapshotQuotaExceededFault",
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier=auto,
        TargetSnapshotIdentifier="t",
    )


def test_copy_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "CopyClusterSnapshot")
    expect_invalid_params(client, "CopyClusterSnapshot", SourceSnapshotIdentifier="a", TargetSnapshotIdentifier=["b"])
    expect_invalid_params(
        client,
        "CopyClusterSnapshot",
        SourceSnapshotIdentifier="a",
        TargetSnapshotIdentifier="b",
        ManualSnapshotRetentionPeriod="7",
    )


# --- ModifyClusterSnapshot ---------------------------------------------------


def test_modify_sets_the_retention_period(client, cluster):
    manual(client, "s1")
    response = client.modify_cluster_snapshot(SnapshotIdentifier="S1", ManualSnapshotRetentionPeriod=10)
    check_response("ModifyClusterSnapshot", response)
    assert response["Snapshot"]["ManualSnapshotRetentionPeriod"] == 10
    assert response["Snapshot"]["ManualSnapshotRemainingDays"] == 10
    described = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]
    assert described["ManualSnapshotRetentionPeriod"] == 10
    forever = client.modify_cluster_snapshot(SnapshotIdentifier="s1", ManualSnapshotRetentionPeriod=-1)
    assert forever["Snapshot"]["ManualSnapshotRetentionPeriod"] == -1
    assert "ManualSnapshotRemainingDays" not in forever["Snapshot"]


def test_a_modified_period_expires_the_snapshot(client, cluster, later):
    manual(client, "s1")
    client.modify_cluster_snapshot(SnapshotIdentifier="s1", ManualSnapshotRetentionPeriod=2)
    later(1.5)
    assert (
        client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["ManualSnapshotRemainingDays"] == 1
    )
    later(2.01)
    expect_error(client, "ClusterSnapshotNotFoundFault", "DescribeClusterSnapshots", SnapshotIdentifier="s1")


def test_a_period_already_passed_needs_force(client, cluster, later):
    manual(client, "s1")
    later(3)
    e = expect_error(
        client,
        "InvalidRetentionPeriodFault",
        "ModifyClusterSnapshot",
        SnapshotIdentifier="s1",
        ManualSnapshotRetentionPeriod=2,
    )
    assert "Force" in e.response["Error"]["Message"]
    assert (
        client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["ManualSnapshotRetentionPeriod"]
        == -1
    )
    response = client.modify_cluster_snapshot(SnapshotIdentifier="s1", ManualSnapshotRetentionPeriod=2, Force=True)
    check_response("ModifyClusterSnapshot", response)
    assert response["Snapshot"]["Status"] == "deleted"
    expect_error(client, "ClusterSnapshotNotFoundFault", "DescribeClusterSnapshots", SnapshotIdentifier="s1")


def test_modify_errors(client, cluster):
    manual(client, "s1")
    auto = automated_snapshot(client)
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "ModifyClusterSnapshot",
        SnapshotIdentifier="nope",
        ManualSnapshotRetentionPeriod=5,
    )
    expect_error(
        client,
        "InvalidClusterSnapshotStateFault",
        "ModifyClusterSnapshot",
        SnapshotIdentifier=auto,
        ManualSnapshotRetentionPeriod=5,
    )
    for bad in (0, -2, 3654):
        expect_error(
            client,
            "InvalidRetentionPeriodFault",
            "ModifyClusterSnapshot",
            SnapshotIdentifier="s1",
            ManualSnapshotRetentionPeriod=bad,
        )


def test_modify_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "ModifyClusterSnapshot", ManualSnapshotRetentionPeriod=5)
    expect_invalid_params(client, "ModifyClusterSnapshot", SnapshotIdentifier="s1", Force="yes")
    expect_invalid_params(client, "ModifyClusterSnapshot", SnapshotIdentifier="s1", RetentionPeriod=5)


# --- BatchModifyClusterSnapshots ---------------------------------------------


def test_batch_modify_changes_each_snapshot_it_can(client, cluster, later):
    manual(client, "s1")
    later(5)
    manual(client, "s2")
    response = client.batch_modify_cluster_snapshots(
        SnapshotIdentifierList=["s1", "S2", "nope"], ManualSnapshotRetentionPeriod=3
    )
    check_response("BatchModifyClusterSnapshots", response)
    assert response["Resources"] == ["s2"]
    assert [(e["SnapshotIdentifier"], e["FailureCode"]) for e in response["Errors"]] == [
        ("s1", "InvalidRetentionPeriodFault"),
        ("nope", "ClusterSnapshotNotFound"),
    ]
    forced = client.batch_modify_cluster_snapshots(
        SnapshotIdentifierList=["s1"], ManualSnapshotRetentionPeriod=3, Force=True
    )
    check_response("BatchModifyClusterSnapshots", forced)
    assert (forced["Resources"], forced["Errors"]) == (["s1"], [])
    assert snapshot_ids(client) >= {"s2"} and "s1" not in snapshot_ids(client)


def test_batch_modify_errors(client, cluster):
    manual(client, "s1")
    expect_error(
        client,
        "BatchModifyClusterSnapshotsLimitExceededFault",
        "BatchModifyClusterSnapshots",
        SnapshotIdentifierList=["s1"] * 101,
        ManualSnapshotRetentionPeriod=5,
    )
    expect_error(
        client,
        "InvalidRetentionPeriodFault",
        "BatchModifyClusterSnapshots",
        SnapshotIdentifierList=["s1"],
        ManualSnapshotRetentionPeriod=0,
    )
    described = client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]
    assert described["ManualSnapshotRetentionPeriod"] == -1


def test_batch_modify_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "BatchModifyClusterSnapshots")
    expect_invalid_params(client, "BatchModifyClusterSnapshots", SnapshotIdentifierList=[1, "s2"])
    expect_invalid_params(client, "BatchModifyClusterSnapshots", SnapshotIdentifierList=["s1"], Force=1)


# --- RestoreFromClusterSnapshot ----------------------------------------------


def test_restore_makes_a_cluster_like_the_snapshots(client):
    client.create_cluster(
        ClusterIdentifier="c1",
        NodeType="dc2.large",
        ClusterType="multi-node",
        NumberOfNodes=3,
        MasterUsername="admin",
        MasterUserPassword="Secret123",
        DBName="sales",
        Port=5440,
    )
    manual(client, "s1")
    response = client.restore_from_cluster_snapshot(ClusterIdentifier="Restored", SnapshotIdentifier="s1")
    check_response("RestoreFromClusterSnapshot", response)
    restored = response["Cluster"]
    assert restored["ClusterIdentifier"] == "restored"
    assert restored["ClusterStatus"] == "creating"
    assert (restored["NodeType"], restored["NumberOfNodes"]) == ("dc2.large", 3)
    assert (restored["DBName"], restored["MasterUsername"]) == ("sales", "admin")
    assert restored["RestoreStatus"]["Status"] == "starting"
    described = client.describe_clusters(ClusterIdentifier="restored")
    check_response("DescribeClusters", described)
    cluster = described["Clusters"][0]
    assert cluster["ClusterStatus"] == "available"
    assert cluster["Endpoint"]["Port"] == 5440
    assert cluster["RestoreStatus"]["Status"] == "completed"
    assert cluster["RestoreStatus"]["SnapshotSizeInMegaBytes"] > 0
    assert "RestoreStatus" not in client.describe_clusters(ClusterIdentifier="c1")["Clusters"][0]
    by_arn = client.restore_from_cluster_snapshot(
        ClusterIdentifier="r2", SnapshotArn=snapshot_arn("c1", "s1"), NodeType="ra3.xlplus", NumberOfNodes=2
    )
    assert (by_arn["Cluster"]["NodeType"], by_arn["Cluster"]["NumberOfNodes"]) == ("ra3.xlplus", 2)


def test_restore_from_a_shared_snapshot(fake, client, cluster):
    manual(client, "s1")
    theirs = fake.client(account_id=OTHER_ACCOUNT)
    e = expect_error(
        theirs,
        "AccessToSnapshotDeniedFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        OwnerAccount=ACCOUNT,
    )
    assert OTHER_ACCOUNT in e.response["Error"]["Message"]
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=OTHER_ACCOUNT)
    response = theirs.restore_from_cluster_snapshot(
        ClusterIdentifier="r1", SnapshotIdentifier="s1", OwnerAccount=ACCOUNT
    )
    check_response("RestoreFromClusterSnapshot", response)
    theirs.restore_from_cluster_snapshot(ClusterIdentifier="r2", SnapshotArn=snapshot_arn("c1", "s1"))
    assert {c["ClusterIdentifier"] for c in theirs.describe_clusters()["Clusters"]} == {"r1", "r2"}
    assert {c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]} == {"c1"}


def test_restore_errors(client, cluster):
    manual(client, "s1")
    expect_error(
        client,
        "ClusterAlreadyExistsFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="C1",
        SnapshotIdentifier="s1",
    )
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="nope",
    )
    expect_error(
        client,
        "ClusterSnapshotNotFoundFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        SnapshotClusterIdentifier="c2",
    )
    expect_error(
        client,
        "NumberOfNodesPerClusterLimitExceededFault",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        NumberOfNodes=129,
    )
    expect_common_error(client, "InvalidParameterCombination", "RestoreFromClusterSnapshot", ClusterIdentifier="r1")
    expect_common_error(
        client,
        "InvalidParameterCombination",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r1",
        SnapshotIdentifier="s1",
        SnapshotArn=snapshot_arn("c1", "s1"),
    )
    expect_common_error(
        client,
        "InvalidParameterValue",
        "RestoreFromClusterSnapshot",
        ClusterIdentifier="r--1",
        SnapshotIdentifier="s1",
    )
    assert [c["ClusterIdentifier"] for c in client.describe_clusters()["Clusters"]] == ["c1"]


def test_the_snapshot_of_a_restore_is_in_use_until_a_newer_backup(client, cluster):
    manual(client, "s1")
    client.restore_from_cluster_snapshot(
        ClusterIdentifier="r1", SnapshotIdentifier="s1", AutomatedSnapshotRetentionPeriod=0
    )
    e = expect_error(client, "InvalidClusterSnapshotStateFault", "DeleteClusterSnapshot", SnapshotIdentifier="s1")
    assert e.response["Error"]["Message"] == (
        "You can't delete snapshot s1 because it is used by cluster r1. "
        "The snapshot can be deleted after a newer backup is created."
    )
    manual(client, "r1-backup", cluster="r1")
    check_response("DeleteClusterSnapshot", client.delete_cluster_snapshot(SnapshotIdentifier="s1"))


def test_restore_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "RestoreFromClusterSnapshot", SnapshotIdentifier="s1")
    expect_invalid_params(client, "RestoreFromClusterSnapshot", ClusterIdentifier="r1", NumberOfNodes="2")
    expect_invalid_params(client, "RestoreFromClusterSnapshot", ClusterIdentifier="r1", IamRoles="arn", Nodes=2)


# --- CreateTags / DeleteTags / DescribeTags ----------------------------------


def test_tags_on_clusters_and_snapshots(client, cluster):
    manual(client, "s1")
    created = client.create_tags(
        ResourceName=cluster_arn("c1"), Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ann"}]
    )
    check_response("CreateTags", created)
    assert set(created) == {"ResponseMetadata"}
    client.create_tags(ResourceName=snapshot_arn("c1", "s1"), Tags=[{"Key": "env", "Value": "test"}])
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": "env", "Value": "dev"}])
    assert client.describe_clusters()["Clusters"][0]["Tags"] == [
        {"Key": "env", "Value": "dev"},
        {"Key": "owner", "Value": "ann"},
    ]
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == [
        {"Key": "env", "Value": "test"}
    ]
    described = client.describe_tags()
    check_response("DescribeTags", described)
    assert described["TaggedResources"] == [
        {"Tag": {"Key": "env", "Value": "dev"}, "ResourceName": cluster_arn("c1"), "ResourceType": "cluster"},
        {"Tag": {"Key": "owner", "Value": "ann"}, "ResourceName": cluster_arn("c1"), "ResourceType": "cluster"},
        {"Tag": {"Key": "env", "Value": "test"}, "ResourceName": snapshot_arn("c1", "s1"), "ResourceType": "snapshot"},
    ]
    for resource_type in ("Snapshot", "snapshot"):
        only = client.describe_tags(ResourceType=resource_type)["TaggedResources"]
        assert [t["ResourceType"] for t in only] == ["snapshot"]
    named = client.describe_tags(ResourceName=cluster_arn("c1"))["TaggedResources"]
    assert len(named) == 2
    filtered = client.describe_tags(TagKeys=["env", "owner"], TagValues=["test", "ann"])["TaggedResources"]
    assert [(t["Tag"]["Key"], t["Tag"]["Value"]) for t in filtered] == [("owner", "ann"), ("env", "test")]
    deleted = client.delete_tags(ResourceName=cluster_arn("c1"), TagKeys=["env", "absent"])
    check_response("DeleteTags", deleted)
    assert client.describe_clusters()["Clusters"][0]["Tags"] == [{"Key": "owner", "Value": "ann"}]


def test_describe_tags_pages(client, cluster):
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": f"k{i:02}", "Value": "v"} for i in range(25)])
    first = client.describe_tags(MaxRecords=10)
    check_response("DescribeTags", first)
    assert len(first["TaggedResources"]) == 10
    keys = [t["Tag"]["Key"] for t in first["TaggedResources"]]
    marker = first["Marker"]
    while marker:
        page = client.describe_tags(MaxRecords=10, Marker=marker)
        keys += [t["Tag"]["Key"] for t in page["TaggedResources"]]
        marker = page.get("Marker")
    assert keys == [f"k{i:02}" for i in range(25)]


def test_tag_errors(fake, client, cluster):
    manual(client, "s1")
    for arn in (cluster_arn("nope"), snapshot_arn("c2", "s1"), "arn:aws:redshift:us-east-1:210987654321:cluster:c1"):
        expect_error(client, "ResourceNotFoundFault", "CreateTags", ResourceName=arn, Tags=[{"Key": "a", "Value": "b"}])
        expect_error(client, "ResourceNotFoundFault", "DeleteTags", ResourceName=arn, TagKeys=["a"])
        expect_error(client, "ResourceNotFoundFault", "DescribeTags", ResourceName=arn)
    expect_error(
        fake.client(account_id=OTHER_ACCOUNT),
        "ResourceNotFoundFault",
        "DescribeTags",
        ResourceName=cluster_arn("c1"),
    )
    expect_error(
        client,
        "TagLimitExceededFault",
        "CreateTags",
        ResourceName=cluster_arn("c1"),
        Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)],
    )
    client.create_tags(ResourceName=cluster_arn("c1"), Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    expect_error(
        client,
        "TagLimitExceededFault",
        "CreateTags",
        ResourceName=cluster_arn("c1"),
        Tags=[{"Key": "one-more", "Value": "v"}],
    )
    expect_error(
        client,
        "InvalidTagFault",
        "CreateTags",
        ResourceName=snapshot_arn("c1", "s1"),
        Tags=[{"Key": "aws:reserved", "Value": "v"}],
    )
    assert client.describe_cluster_snapshots(SnapshotIdentifier="s1")["Snapshots"][0]["Tags"] == []
    expect_common_error(
        client, "InvalidParameterCombination", "DescribeTags", ResourceName=cluster_arn("c1"), ResourceType="cluster"
    )
    expect_common_error(
        client, "InvalidParameterCombination", "DescribeTags", ResourceName=cluster_arn("c1"), MaxRecords=10
    )
    expect_common_error(client, "InvalidParameterValue", "DescribeTags", MaxRecords=100)
    expect_common_error(client, "InvalidParameterValue", "DescribeTags", ResourceType="volume")


def test_tag_parameters_are_validated_like_botocore(client):
    expect_invalid_params(client, "CreateTags", Tags=[{"Key": "a", "Value": "b"}])
    expect_invalid_params(client, "CreateTags", ResourceName="arn", Tags=[{"Key": 1, "Extra": "x"}])
    expect_invalid_params(client, "CreateTags", ResourceName="arn", Tags={"Key": "a"})
    expect_invalid_params(client, "DeleteTags", ResourceName="arn")
    expect_invalid_params(client, "DeleteTags", ResourceName="arn", TagKeys="a")
    expect_invalid_params(client, "DescribeTags", MaxRecords="10", TagKeys=[1])
    expect_invalid_params(client, "DescribeTags", ResourceArn="arn")
