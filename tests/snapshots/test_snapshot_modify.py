"""ModifyClusterSnapshot and BatchModifyClusterSnapshots."""

from __future__ import annotations

from conftest import automated_snapshot, check_response, expect_error, expect_invalid_params, manual, snapshot_ids

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
