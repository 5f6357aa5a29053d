"""CopyClusterSnapshot."""

from __future__ import annotations

import redshift_fake
from conftest import (
    automated_snapshot,
    check_response,
    expect_common_error,
    expect_error,
    expect_invalid_params,
    manual,
    snapshot_arn,
    snapshot_ids,
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
