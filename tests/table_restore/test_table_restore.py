"""RestoreTableFromClusterSnapshot and DescribeTableRestoreStatus, and the
`add_snapshot_tables` control (Management Guide, "Restoring a table from a
snapshot")."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, make_cluster, refused, two_doors

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)


def world(**settings):
    fake = redshift_fake.FakeRedshift(**settings)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client, NumberOfNodes=2)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    return fake, client


def restore(client, table="orders", new="orders_copy", **members):
    answer = client.restore_table_from_cluster_snapshot(
        ClusterIdentifier="c1", SnapshotIdentifier="s1", SourceDatabaseName="dev", SourceTableName=table,
        NewTableName=new, **members,
    )
    check_response("RestoreTableFromClusterSnapshot", answer)
    return answer["TableRestoreStatus"]


def statuses(client, **filters):
    answer = client.describe_table_restore_status(**filters)
    check_response("DescribeTableRestoreStatus", answer)
    return answer["TableRestoreStatusDetails"]


def test_a_restore_is_pending_then_succeeds():
    _, client = world()
    made = restore(client)
    request_id = made.pop("TableRestoreRequestId")
    assert len(request_id) == 36 and request_id[14] == "4"
    assert made == {
        "Status": "PENDING",
        "RequestTime": T0,
        "ProgressInMegaBytes": 0,
        "TotalDataInMegaBytes": 48,  # the snapshot's data (choice)
        "ClusterIdentifier": "c1",
        "SnapshotIdentifier": "s1",
        "SourceDatabaseName": "dev",
        "SourceSchemaName": "public",  # doc: the default
        "SourceTableName": "orders",
        # The source's database and schema unless given (choice).
        "TargetDatabaseName": "dev",
        "TargetSchemaName": "public",
        "NewTableName": "orders_copy",
    }
    (done,) = statuses(client)
    assert (done["TableRestoreRequestId"], done["Status"], done["ProgressInMegaBytes"]) == (request_id, "SUCCEEDED", 48)


def test_a_restore_runs_for_the_worlds_duration_and_only_forward():
    fake, client = world(table_restore_seconds=100)
    restore(client, TargetDatabaseName="archive", TargetSchemaName="old", SourceSchemaName="sales")
    seen = []
    for seconds in (0, 25, 75, 100):
        fake.clock.set(T0 + datetime.timedelta(seconds=seconds))
        (s,) = statuses(client)
        seen.append((s["Status"], s["ProgressInMegaBytes"]))
    assert seen == [("IN_PROGRESS", 0), ("IN_PROGRESS", 12), ("IN_PROGRESS", 36), ("SUCCEEDED", 48)]
    fake.clock.set(T0)
    (s,) = statuses(client)
    assert s["Status"] == "SUCCEEDED"
    assert (s["SourceSchemaName"], s["TargetDatabaseName"], s["TargetSchemaName"]) == ("sales", "archive", "old")


def test_one_table_at_a_time_per_cluster():
    fake, client = world(table_restore_seconds=100)
    first = restore(client)
    refused(fake, lambda: restore(client, new="other"), "InProgressTableRestoreQuotaExceededFault",
            f"Table restore request {first['TableRestoreRequestId']} into cluster c1 is still in progress. "
            "Wait for it to complete before making a new request.")
    fake.clock.advance(100)
    restore(client, new="other")


def test_a_restored_table_cannot_be_overwritten():
    """Doc: "you cannot overwrite an existing table in a cluster with a
    restored table"; the fake knows the tables it restored, and the restore
    fails when it runs."""
    fake, client = world()
    restore(client)
    for members in ({}, {"EnableCaseSensitiveIdentifier": True}):
        fake.clock.advance(1)
        restore(client, new="ORDERS_COPY", **members)
    found = statuses(client)
    assert [(s["Status"], s.get("Message")) for s in found] == [
        ("SUCCEEDED", None),
        ("FAILED", "Table dev.public.ORDERS_COPY already exists."),
        ("SUCCEEDED", None),
    ]


def test_a_restore_into_a_cluster_deleted_meanwhile_fails():
    fake, client = world(table_restore_seconds=100)
    restore(client)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    fake.clock.advance(100)
    (s,) = statuses(client)
    assert (s["Status"], s["Message"], s["ProgressInMegaBytes"]) == ("FAILED", "Cluster c1 no longer exists.", 0)


def test_declared_tables_are_the_only_ones_a_snapshot_holds(fake):
    fake, client = world()
    fake.add_snapshot_tables("S1", [("dev", "public", "orders"), ["dev", "sales", "Items"]])
    fake.add_snapshot_tables("s1", [("dev", "public", "orders")])
    restore(client)
    restore(client, "items", "i2", SourceSchemaName="SALES")
    refused(fake, lambda: restore(client, "missing"), "InvalidTableRestoreArgument",
            "Table dev.public.missing does not exist in snapshot s1.")
    refused(fake, lambda: restore(client, "items", SourceSchemaName="sales", EnableCaseSensitiveIdentifier=True),
            "InvalidTableRestoreArgument")
    # Each declared table holds an equal share of the snapshot's data (choice).
    assert statuses(client)[0]["TotalDataInMegaBytes"] == 24
    # A copy holds what its source holds.
    automated = client.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"][0]["SnapshotIdentifier"]
    fake.add_snapshot_tables(automated, [("dev", "public", "t")])
    client.copy_cluster_snapshot(SourceSnapshotIdentifier=automated, TargetSnapshotIdentifier="copy")
    refused(fake, lambda: client.restore_table_from_cluster_snapshot(
        ClusterIdentifier="c1", SnapshotIdentifier="copy", SourceDatabaseName="dev", SourceTableName="orders",
        NewTableName="x"), "InvalidTableRestoreArgument")


def test_add_snapshot_tables_refuses_what_it_cannot_declare(fake):
    fake, client = world()
    with pytest.raises(LookupError, match="no snapshot nope in account 123456789012, region us-east-1"):
        fake.add_snapshot_tables("nope", [("dev", "public", "t")])
    with pytest.raises(LookupError):
        fake.add_snapshot_tables("s1", [("dev", "public", "t")], region_name="eu-west-1")
    with pytest.raises(ValueError, match="a table name is 1 to 127 bytes"):
        fake.add_snapshot_tables("s1", [("dev", "public", "")])
    with pytest.raises(ValueError, match="a database name is 1 to 127 bytes"):
        fake.add_snapshot_tables("s1", [("d" * 128, "public", "t")])
    for bad in (["dev", "public"], ("dev", "public", 1), "dev.public.t"):
        with pytest.raises(TypeError, match="triple of str"):
            fake.add_snapshot_tables("s1", [bad])
    with pytest.raises(ValueError, match="account_id"):
        fake.add_snapshot_tables("s1", [], account_id="me")
    # Nothing was declared: any table restores.
    restore(client, "anything")


def test_restore_refuses():
    fake, client = world(cluster_deletion_seconds=60)
    make_cluster(client, "c2")
    client.create_cluster_snapshot(SnapshotIdentifier="of-c2", ClusterIdentifier="c2")
    client.create_cluster_snapshot(SnapshotIdentifier="busy", ClusterIdentifier="c1")
    fake.set_snapshot_status("busy", "creating")
    fake.seed_snapshot(SnapshotIdentifier="before-resize", ClusterIdentifier="c1", NodeType="ra3.xlplus")

    def attempt(**members):
        params = dict(ClusterIdentifier="c1", SnapshotIdentifier="s1", SourceDatabaseName="dev",
                      SourceTableName="t", NewTableName="n")
        params.update(members)
        return lambda: client.restore_table_from_cluster_snapshot(**params)

    for call, code, message in [
        (attempt(ClusterIdentifier="nope"), "ClusterNotFound", "Cluster nope not found."),
        (attempt(SnapshotIdentifier="nope"), "ClusterSnapshotNotFound", "Snapshot nope not found."),
        # Doc: the snapshot must have been taken of that cluster.
        (attempt(SnapshotIdentifier="of-c2"), "ClusterSnapshotNotFound", "Snapshot of-c2 not found."),
        (attempt(SnapshotIdentifier="busy"), "InvalidClusterSnapshotState",
         "Cannot restore from the snapshot busy because it is in the creating state."),
        (attempt(SnapshotIdentifier="before-resize"), "UnsupportedOperation",
         "Cannot restore a table from snapshot before-resize because cluster c1 was resized to another node type "
         "after the snapshot was taken."),
        (attempt(SourceDatabaseName=""), "InvalidParameterValue",
         "The value of SourceDatabaseName must be a name of 1 to 127 bytes."),
        (attempt(NewTableName="n" * 128), "InvalidParameterValue", None),
        (attempt(TargetSchemaName=""), "InvalidParameterValue", None),
    ]:
        refused(fake, call, code, message)
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    refused(fake, attempt(), "InvalidClusterState")


def test_describe_filters_and_refuses():
    fake, client = world()
    make_cluster(client, "c2")
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c2")
    ids = []
    for cluster, snapshot in (("c1", "s1"), ("c2", "s2"), ("c1", "s1")):
        fake.clock.advance(1)
        ids.append(client.restore_table_from_cluster_snapshot(
            ClusterIdentifier=cluster, SnapshotIdentifier=snapshot, SourceDatabaseName="dev",
            SourceTableName="t", NewTableName=f"n{len(ids)}")["TableRestoreStatus"]["TableRestoreRequestId"])
    # By the time of the request (doc).
    assert [s["TableRestoreRequestId"] for s in statuses(client)] == ids
    assert [s["TableRestoreRequestId"] for s in statuses(client, ClusterIdentifier="C1")] == [ids[0], ids[2]]
    assert [s["TableRestoreRequestId"] for s in statuses(client, TableRestoreRequestId=ids[1])] == [ids[1]]
    refused(fake, lambda: statuses(client, ClusterIdentifier="nope"), "ClusterNotFound")
    refused(fake, lambda: statuses(client, TableRestoreRequestId="nope"), "TableRestoreNotFoundFault",
            "Table restore request nope not found.")
    refused(fake, lambda: statuses(client, TableRestoreRequestId=ids[1], ClusterIdentifier="c1"),
            "TableRestoreNotFoundFault")
    refused(fake, lambda: statuses(client, MaxRecords=19), "InvalidParameterValue")
    assert statuses(fake.client("eu-west-1")) == []


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("RestoreTableFromClusterSnapshot",
         {"ClusterIdentifier": "c1", "SnapshotIdentifier": "s1", "SourceDatabaseName": "dev"}),
        ("DescribeTableRestoreStatus", {"MaxRecords": 1.5}),
    ],
)
def test_parameters_are_validated_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    restore_params = dict(ClusterIdentifier="c1", SnapshotIdentifier="s1", SourceDatabaseName="dev",
                          SourceTableName="t", NewTableName="n")
    outcomes = two_doors(
        [
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a",
                                    MasterUserPassword="Secret123")),
            ("create_cluster_snapshot", dict(SnapshotIdentifier="s1", ClusterIdentifier="c1")),
            ("restore_table_from_cluster_snapshot", restore_params),
            ("restore_table_from_cluster_snapshot", restore_params),
            ("advance", 30),
            ("describe_table_restore_status", {}),
            ("restore_table_from_cluster_snapshot", dict(restore_params, SnapshotIdentifier="nope")),
            ("advance", 30),
            ("describe_table_restore_status", dict(ClusterIdentifier="c1", MaxRecords=20)),
            ("describe_table_restore_status", dict(TableRestoreRequestId="nope")),
        ],
        table_restore_seconds=60,
    )
    assert [s["Status"] for s in outcomes[-2]["TableRestoreStatusDetails"]] == ["SUCCEEDED"]
