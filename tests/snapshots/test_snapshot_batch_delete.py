"""BatchDeleteClusterSnapshots: each item by the delete rules."""

from __future__ import annotations

from conftest import (
    OTHER_ACCOUNT,
    automated_snapshot,
    check_response,
    expect_error,
    expect_invalid_params,
    manual,
    snapshot_ids,
)

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
