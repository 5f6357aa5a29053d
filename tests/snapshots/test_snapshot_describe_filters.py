"""DescribeClusterSnapshots and DescribeClusters: every filter of the model, and
Marker paging that stays stable while things come and go between pages."""

from __future__ import annotations

import datetime

import pytest

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 1, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
ME = redshift_fake.DEFAULT_ACCOUNT_ID


@pytest.fixture
def fake():
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=1000)
    fake.clock.set(T0)
    return fake


@pytest.fixture
def other(fake):
    """A client of another account in the same region."""
    return fake.client("us-east-1", account_id=OTHER_ACCOUNT)


def make_cluster(client, identifier="c1", **extra):
    client.create_cluster(
        ClusterIdentifier=identifier, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123",
        **extra,
    )


def snap(client, identifier, cluster="c1", **extra):
    return client.create_cluster_snapshot(SnapshotIdentifier=identifier, ClusterIdentifier=cluster, **extra)["Snapshot"]


def describe(client, **kwargs):
    response = client.describe_cluster_snapshots(**kwargs)
    check_response("DescribeClusterSnapshots", response)
    return response


def ids(client, **kwargs):
    return [s["SnapshotIdentifier"] for s in describe(client, **kwargs)["Snapshots"]]


def error_of(call, **kwargs):
    with pytest.raises(Exception) as e:
        call(**kwargs)
    return e.value.response["Error"]


def shared_from_other(other, identifier="theirs", tags=()):
    """A snapshot of the other account, shared with the default account."""
    make_cluster(other, "oc")
    snap(other, identifier, "oc", Tags=list(tags))
    other.authorize_snapshot_access(SnapshotIdentifier=identifier, AccountWithRestoreAccess=ME)


def rest_of(client, marker, **kwargs):
    """The identifiers of the pages of a snapshot listing from `marker` on."""
    seen = []
    while marker:
        page = describe(client, Marker=marker, **kwargs)
        seen += [s["SnapshotIdentifier"] for s in page["Snapshots"]]
        marker = page.get("Marker")
    return seen


# --- MaxRecords and Marker ---------------------------------------------------


@pytest.mark.parametrize("bad", [0, 19, 101, 1000])
def test_max_records_outside_20_to_100_is_refused(client, bad):
    error = error_of(client.describe_cluster_snapshots, MaxRecords=bad)
    assert error == {
        "Type": "Sender", "Code": "InvalidParameterValue",
        "Message": "The value for MaxRecords must be between 20 and 100.",
    }
    assert error_of(client.describe_clusters, MaxRecords=bad)["Code"] == "InvalidParameterValue"


def test_max_records_bounds_and_default(client):
    make_cluster(client)
    for i in range(120):
        snap(client, f"s{i:03d}")
    assert len(describe(client, MaxRecords=20)["Snapshots"]) == 20
    assert len(describe(client, MaxRecords=100)["Snapshots"]) == 100
    assert len(describe(client)["Snapshots"]) == 100
    last = describe(client, Marker=describe(client)["Marker"])
    assert len(last["Snapshots"]) == 21 and "Marker" not in last


def test_paging_is_stable_while_snapshots_come_and_go(client, fake):
    make_cluster(client)
    for i in range(60):
        snap(client, f"s{i:03d}")
    first = describe(client, SnapshotType="manual", MaxRecords=20)
    seen = [s["SnapshotIdentifier"] for s in first["Snapshots"]]
    assert seen == [f"s{i:03d}" for i in range(20)]
    # Between pages: delete a seen snapshot, the one the marker points at and
    # two unseen ones; add one that sorts before the marker, one after it, and
    # one taken later.
    for gone in ("s005", "s019", "s030", "s045"):
        client.delete_cluster_snapshot(SnapshotIdentifier=gone)
    snap(client, "s0100")
    snap(client, "s0255")
    fake.clock.advance(60)
    snap(client, "late")
    seen += rest_of(client, first["Marker"], SnapshotType="manual", MaxRecords=20)
    assert len(seen) == len(set(seen))
    expected = [f"s{i:03d}" for i in range(60) if i not in (30, 45)]
    expected.insert(expected.index("s026"), "s0255")
    assert seen == expected + ["late"]


def test_paging_is_stable_in_a_chosen_order(client, fake):
    make_cluster(client)
    for i in range(50):
        snap(client, f"s{i:02d}")
        fake.clock.advance(1)
    newest_first = [{"Attribute": "CREATE_TIME", "SortOrder": "DESC"}]
    first = describe(client, SnapshotType="manual", MaxRecords=20, SortingEntities=newest_first)
    seen = [s["SnapshotIdentifier"] for s in first["Snapshots"]]
    assert seen == [f"s{i:02d}" for i in range(49, 29, -1)]
    client.delete_cluster_snapshot(SnapshotIdentifier="s25")
    snap(client, "newer")  # newest of all: before the marker in this order
    seen += rest_of(client, first["Marker"], SnapshotType="manual", MaxRecords=20, SortingEntities=newest_first)
    assert seen == [f"s{i:02d}" for i in range(49, -1, -1) if i != 25]


def test_a_marker_is_read_only_by_the_listing_that_made_it(client):
    for i in range(25):
        make_cluster(client, f"c{i:02d}")
    snapshot_marker = describe(client, MaxRecords=20)["Marker"]
    cluster_marker = client.describe_clusters(MaxRecords=20)["Marker"]
    assert error_of(client.describe_clusters, Marker=snapshot_marker)["Code"] == "InvalidParameterValue"
    assert error_of(client.describe_cluster_snapshots, Marker=cluster_marker)["Code"] == "InvalidParameterValue"
    ordered = [{"Attribute": "TOTAL_SIZE"}]
    assert error_of(client.describe_cluster_snapshots, Marker=snapshot_marker, SortingEntities=ordered)["Code"] == (
        "InvalidParameterValue"
    )
    for garbage in ("zz", "abc", "00"):
        error = error_of(client.describe_cluster_snapshots, Marker=garbage)
        assert error == {"Type": "Sender", "Code": "InvalidParameterValue", "Message": f"Invalid marker: {garbage}"}
        assert error_of(client.describe_clusters, Marker=garbage)["Code"] == "InvalidParameterValue"


def test_describe_clusters_paging_is_stable_while_clusters_come_and_go(client):
    for i in range(45):
        make_cluster(client, f"c{i:02d}")
    first = client.describe_clusters(MaxRecords=20)
    check_response("DescribeClusters", first)
    seen = [c["ClusterIdentifier"] for c in first["Clusters"]]
    assert seen == [f"c{i:02d}" for i in range(20)]
    for gone in ("c05", "c19", "c30"):
        client.delete_cluster(ClusterIdentifier=gone, SkipFinalClusterSnapshot=True)
    make_cluster(client, "c00a")
    make_cluster(client, "c25a")
    marker = first["Marker"]
    while marker:
        page = client.describe_clusters(MaxRecords=20, Marker=marker)
        check_response("DescribeClusters", page)
        seen += [c["ClusterIdentifier"] for c in page["Clusters"]]
        marker = page.get("Marker")
    expected = [f"c{i:02d}" for i in range(45) if i != 30]
    expected.insert(expected.index("c26"), "c25a")
    assert seen == expected


# --- Filters of DescribeClusterSnapshots --------------------------------------


def test_snapshot_arn_names_one_snapshot(client, other):
    make_cluster(client)
    arn = snap(client, "s1")["SnapshotArn"]
    snap(client, "s2")
    assert ids(client, SnapshotArn=arn) == ["s1"]
    assert ids(client, SnapshotArn=arn.replace("c1/s1", "C1/S1")) == ["s1"]
    assert ids(client, SnapshotArn=arn, SnapshotIdentifier="s1") == ["s1"]
    shared_from_other(other)
    theirs = other.describe_cluster_snapshots(SnapshotIdentifier="theirs")["Snapshots"][0]["SnapshotArn"]
    found = describe(client, SnapshotArn=theirs)["Snapshots"]
    assert [(s["SnapshotIdentifier"], s["OwnerAccount"]) for s in found] == [("theirs", OTHER_ACCOUNT)]


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:redshift:us-east-1:123456789012:snapshot:c1/nope",
        "arn:aws:redshift:us-west-2:123456789012:snapshot:c1/s1",
        "arn:aws:redshift:us-east-1:123456789012:cluster:c1",
        "not-an-arn",
    ],
)
def test_a_snapshot_arn_that_names_nothing_visible_is_not_found(client, arn):
    make_cluster(client)
    snap(client, "s1")
    error = error_of(client.describe_cluster_snapshots, SnapshotArn=arn)
    assert error["Code"] == "ClusterSnapshotNotFound"
    assert error["Message"] == f"Snapshot {arn} not found."


def test_an_unshared_snapshot_of_another_account_is_not_found(client, other):
    make_cluster(other, "oc")
    arn = snap(other, "private", "oc")["SnapshotArn"]
    assert error_of(client.describe_cluster_snapshots, SnapshotArn=arn)["Code"] == "ClusterSnapshotNotFound"
    assert error_of(client.describe_cluster_snapshots, SnapshotIdentifier="private")["Code"] == (
        "ClusterSnapshotNotFound"
    )
    assert ids(client) == []


def test_snapshot_identifier_and_type(client):
    make_cluster(client)
    snap(client, "s1")
    automated = ids(client, SnapshotType="automated")
    assert len(automated) == 1 and automated[0].startswith("rs:c1-")
    assert ids(client, SnapshotIdentifier="S1") == ["s1"]
    assert ids(client, SnapshotIdentifier="s1", SnapshotType="manual") == ["s1"]
    error = error_of(client.describe_cluster_snapshots, SnapshotIdentifier="s1", SnapshotType="automated")
    assert error["Code"] == "ClusterSnapshotNotFound" and error["Message"] == "Snapshot s1 not found."
    assert error_of(client.describe_cluster_snapshots, SnapshotType="bogus")["Code"] == "InvalidParameterValue"
    assert ids(client, ClusterIdentifier="no-such-cluster") == []


def test_a_named_snapshot_of_another_cluster_is_not_found(client):
    """A snapshot is named by its cluster and identifier together, as in
    DeleteClusterSnapshot: with a ClusterIdentifier it did not come from, the
    named snapshot does not exist (and a poller waiting for it to go sees it
    gone, SPEC section 7)."""
    make_cluster(client)
    make_cluster(client, "c2")
    snap(client, "s1")
    assert ids(client, SnapshotIdentifier="s1", ClusterIdentifier="C1") == ["s1"]
    error = error_of(client.describe_cluster_snapshots, SnapshotIdentifier="s1", ClusterIdentifier="c2")
    assert error["Code"] == "ClusterSnapshotNotFound" and error["Message"] == "Snapshot s1 not found."


def test_start_and_end_time_are_inclusive(client, fake):
    make_cluster(client)
    for name in ("a", "b", "c"):
        snap(client, name)
        fake.clock.advance(HOUR)
    assert ids(client, SnapshotType="manual", StartTime=T0 + HOUR) == ["b", "c"]
    assert ids(client, SnapshotType="manual", EndTime=T0 + HOUR) == ["a", "b"]
    assert ids(client, SnapshotType="manual", StartTime=T0 + HOUR, EndTime=T0 + HOUR) == ["b"]
    assert ids(client, SnapshotType="manual", StartTime="2030-01-01T00:30:00Z", EndTime="2030-01-01T02:00:00Z") == [
        "b", "c",
    ]
    assert ids(client, SnapshotType="manual", StartTime=T0 + 3 * HOUR) == []
    naive = datetime.datetime(2030, 1, 1, 2)  # taken as UTC, as botocore does
    assert ids(client, SnapshotType="manual", StartTime=naive) == ["c"]
    # A create time itself, given back as the ISO string of an aware datetime, is inside the window.
    b = describe(client, SnapshotIdentifier="b")["Snapshots"][0]["SnapshotCreateTime"]
    assert ids(client, SnapshotType="manual", StartTime=b, EndTime=b.isoformat()) == ["b"]


def test_owner_account(client, other):
    make_cluster(client)
    snap(client, "mine")
    shared_from_other(other)
    assert ids(client, SnapshotType="manual") == ["mine", "theirs"]
    assert ids(client, SnapshotType="manual", OwnerAccount=ME) == ["mine"]
    assert ids(client, OwnerAccount=OTHER_ACCOUNT) == ["theirs"]
    assert ids(client, OwnerAccount="999999999999") == []
    # The owner does not see a shared copy of its own: just its snapshots.
    assert "mine" not in ids(other)


def test_tag_keys_and_values_match_any_combination_within_one_tag(client):
    make_cluster(client)
    snap(client, "env-prod", Tags=[{"Key": "env", "Value": "prod"}])
    snap(client, "env-dev", Tags=[{"Key": "env", "Value": "dev"}])
    snap(client, "team-prod", Tags=[{"Key": "team", "Value": "prod"}])
    snap(client, "crossed", Tags=[{"Key": "env", "Value": "x"}, {"Key": "team", "Value": "dev"}])
    snap(client, "untagged")
    assert ids(client, TagKeys=["env"]) == ["crossed", "env-dev", "env-prod"]
    assert ids(client, TagKeys=["env", "team"]) == ["crossed", "env-dev", "env-prod", "team-prod"]
    assert ids(client, TagValues=["prod"]) == ["env-prod", "team-prod"]
    assert ids(client, TagKeys=["env"], TagValues=["prod"]) == ["env-prod"]
    assert ids(client, TagKeys=["env", "team"], TagValues=["prod", "dev"]) == [
        "crossed", "env-dev", "env-prod", "team-prod",
    ]
    # "crossed" has an env key and a dev value, but not on one tag.
    assert ids(client, TagKeys=["env"], TagValues=["dev"]) == ["env-dev"]
    assert ids(client, TagKeys=["nope"]) == []
    assert "untagged" in ids(client)


def test_tag_filters_leave_out_shared_snapshots(client, other):
    make_cluster(client)
    snap(client, "mine", Tags=[{"Key": "env", "Value": "prod"}])
    shared_from_other(other, tags=[{"Key": "env", "Value": "prod"}])
    assert ids(client, SnapshotType="manual") == ["mine", "theirs"]
    assert ids(client, TagKeys=["env"]) == ["mine"]
    assert ids(client, TagValues=["prod"]) == ["mine"]
    assert ids(client, TagKeys=["env"], OwnerAccount=OTHER_ACCOUNT) == []
    assert ids(other, TagKeys=["env"]) == ["theirs"]


def test_cluster_exists(client):
    make_cluster(client, "live")
    make_cluster(client, "dead")
    snap(client, "of-live", "live")
    snap(client, "of-dead", "dead")
    client.delete_cluster(ClusterIdentifier="dead", SkipFinalClusterSnapshot=True)
    manual = {"SnapshotType": "manual"}
    assert ids(client, ClusterExists=True, ClusterIdentifier="live", **manual) == ["of-live"]
    assert ids(client, ClusterExists=True, ClusterIdentifier="dead") == []
    # False without a cluster: the orphans, snapshots of deleted clusters.
    assert ids(client, ClusterExists=False) == ["of-dead"]
    assert ids(client, ClusterExists=False, ClusterIdentifier="dead") == ["of-dead"]
    assert ids(client, ClusterExists=False, ClusterIdentifier="live") == []
    # True needs a ClusterIdentifier (doc).
    error = error_of(client.describe_cluster_snapshots, ClusterExists=True)
    assert error["Code"] == "InvalidParameterCombination"


def test_sorting_entities(client, fake):
    make_cluster(client, "small")
    make_cluster(client, "big", ClusterType="multi-node", NumberOfNodes=4)
    fake.clock.advance(HOUR)
    snap(client, "small-1", "small")
    fake.clock.advance(HOUR)
    snap(client, "big-1", "big")
    fake.clock.advance(HOUR)
    snap(client, "small-2", "small")

    def order(*entities):
        return ids(client, SortingEntities=[dict(zip(("Attribute", "SortOrder"), e)) for e in entities])

    automated_small, automated_big = "rs:small-2030-01-01-00-00-00", "rs:big-2030-01-01-00-00-00"
    assert order() == [automated_big, automated_small, "small-1", "big-1", "small-2"]
    assert order(("CREATE_TIME", "DESC")) == ["small-2", "big-1", "small-1", automated_big, automated_small]
    assert order(("SOURCE_TYPE", "ASC")) == [automated_big, automated_small, "small-1", "big-1", "small-2"]
    assert order(("SOURCE_TYPE", "DESC")) == ["small-1", "big-1", "small-2", automated_big, automated_small]
    assert order(("TOTAL_SIZE", "DESC")) == [automated_big, "big-1", automated_small, "small-1", "small-2"]
    assert order(("TOTAL_SIZE", "DESC"), ("CREATE_TIME", "DESC")) == [
        "big-1", automated_big, "small-2", "small-1", automated_small,
    ]
    assert order(("SOURCE_TYPE",), ("TOTAL_SIZE", "DESC")) == [
        automated_big, automated_small, "big-1", "small-1", "small-2",
    ]


@pytest.mark.parametrize(
    "entity, message",
    [
        (
            {"Attribute": "NAME"},
            "Invalid sorting attribute: NAME. Valid values are SOURCE_TYPE, TOTAL_SIZE and CREATE_TIME.",
        ),
        ({"Attribute": "CREATE_TIME", "SortOrder": "UP"}, "Invalid sort order: UP. Valid values are ASC and DESC."),
    ],
)
def test_bad_sorting_entities_are_refused(client, entity, message):
    error = error_of(client.describe_cluster_snapshots, SortingEntities=[entity])
    assert error == {"Type": "Sender", "Code": "InvalidParameterValue", "Message": message}


def test_filters_combine(client, fake, other):
    make_cluster(client)
    make_cluster(client, "c2")
    snap(client, "a", Tags=[{"Key": "k", "Value": "v"}])
    fake.clock.advance(HOUR)
    snap(client, "b", Tags=[{"Key": "k", "Value": "v"}])
    snap(client, "c", "c2", Tags=[{"Key": "k", "Value": "v"}])
    shared_from_other(other, tags=[{"Key": "k", "Value": "v"}])
    assert ids(client, ClusterIdentifier="c1", TagKeys=["k"], StartTime=T0 + HOUR) == ["b"]
    assert ids(client, SnapshotType="manual", OwnerAccount=ME, EndTime=T0) == ["a"]
    assert ids(client, ClusterIdentifier="c1", SnapshotType="manual", ClusterExists=True) == ["a", "b"]


# --- Filters of DescribeClusters ---------------------------------------------


def test_describe_clusters_filters(client):
    make_cluster(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    make_cluster(client, "b", Tags=[{"Key": "env", "Value": "dev"}])
    make_cluster(client, "c")

    def cluster_ids(**kwargs):
        response = client.describe_clusters(**kwargs)
        check_response("DescribeClusters", response)
        return [c["ClusterIdentifier"] for c in response["Clusters"]]

    assert cluster_ids() == ["a", "b", "c"]
    assert cluster_ids(ClusterIdentifier="B") == ["b"]
    assert cluster_ids(TagKeys=["env"]) == ["a", "b"]
    assert cluster_ids(TagValues=["dev"]) == ["b"]
    assert cluster_ids(TagKeys=["env"], TagValues=["prod"]) == ["a"]
    assert cluster_ids(ClusterIdentifier="c", TagKeys=["env"]) == []
    error = error_of(client.describe_clusters, ClusterIdentifier="nope")
    assert error == {"Type": "Sender", "Code": "ClusterNotFound", "Message": "Cluster nope not found."}
