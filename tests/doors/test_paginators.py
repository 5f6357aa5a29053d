"""Paginators: botocore's own Paginator and PageIterator over the fake's methods."""

from __future__ import annotations

import pathlib

import boto3
import botocore.loaders
import pytest
from botocore.exceptions import ClientError, OperationNotPageableError
from botocore.paginate import PageIterator, Paginator

from conftest import check_response
from redshift_fake import _core

PAGINATORS = botocore.loaders.create_loader().load_service_model("redshift", "paginators-1")["pagination"]
OPERATIONS = set(_core.OPERATIONS)


@pytest.fixture(scope="module")
def real_client():
    """A real boto3 client, never called over the network: only its paging surface is read."""
    return boto3.client("redshift", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")


def make_snapshots(client, cluster, n):
    for i in range(n):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i:03d}", ClusterIdentifier=cluster)


def test_can_paginate_agrees_with_boto3_for_implemented_operations(client, real_client):
    for method, operation in client.meta.method_to_api_mapping.items():
        expected = real_client.can_paginate(method) and operation in OPERATIONS
        assert client.can_paginate(method) is expected, method
    assert client.can_paginate("describe_cluster_snapshots")
    assert client.can_paginate("describe_clusters")
    assert not client.can_paginate("create_cluster_snapshot")


def test_unknown_method_names_raise_key_error_like_boto3(client, real_client):
    for call in ("can_paginate", "get_paginator"):
        with pytest.raises(KeyError) as real:
            getattr(real_client, call)("no_such_operation")
        with pytest.raises(KeyError) as ours:
            getattr(client, call)("no_such_operation")
        assert str(ours.value) == str(real.value)


def test_get_paginator_of_an_operation_without_one(client, real_client):
    with pytest.raises(OperationNotPageableError) as real:
        real_client.get_paginator("delete_cluster_snapshot")
    with pytest.raises(OperationNotPageableError) as ours:
        client.get_paginator("delete_cluster_snapshot")
    assert str(ours.value) == str(real.value) == "Operation cannot be paginated: delete_cluster_snapshot"


def test_paginators_are_botocores(client, real_client):
    paginator = client.get_paginator("describe_cluster_snapshots")
    real = real_client.get_paginator("describe_cluster_snapshots")
    assert isinstance(paginator, Paginator)
    assert paginator.PAGE_ITERATOR_CLS is PageIterator
    assert type(paginator).__name__ == type(real).__name__ == "Redshift.Paginator.DescribeClusterSnapshots"
    assert [k.expression for k in paginator.result_keys] == ["Snapshots"]
    assert "PaginationConfig" in str(paginator.paginate.__doc__)


def test_pages_through_250_snapshots(client, cluster):
    make_snapshots(client, cluster, 250)
    pages = list(client.get_paginator("describe_cluster_snapshots").paginate(SnapshotType="manual"))
    assert [len(p["Snapshots"]) for p in pages] == [100, 100, 50]
    for page in pages:
        check_response("DescribeClusterSnapshots", page)
    names = [s["SnapshotIdentifier"] for p in pages for s in p["Snapshots"]]
    assert sorted(names) == [f"s{i:03d}" for i in range(250)]


def test_build_full_result_with_page_size(client, cluster):
    make_snapshots(client, cluster, 250)
    paginator = client.get_paginator("describe_cluster_snapshots")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
    assert len(pages) == 13  # 250 manual snapshots and the automated one
    assert all("Marker" in p for p in pages[:-1]) and "Marker" not in pages[-1]
    full = paginator.paginate(PaginationConfig={"PageSize": 20}).build_full_result()
    assert list(full) == ["Snapshots"]
    names = [s["SnapshotIdentifier"] for s in full["Snapshots"]]
    assert len(names) == len(set(names)) == 251


def test_max_items_and_starting_token_resume_where_they_left(client, cluster):
    make_snapshots(client, cluster, 60)
    paginator = client.get_paginator("describe_cluster_snapshots")
    config = {"PageSize": 20, "MaxItems": 45}
    first = paginator.paginate(SnapshotType="manual", PaginationConfig=config).build_full_result()
    assert len(first["Snapshots"]) == 45
    token = first["NextToken"]
    rest = paginator.paginate(
        SnapshotType="manual", PaginationConfig={"PageSize": 20, "StartingToken": token}
    ).build_full_result()
    assert "NextToken" not in rest
    names = [s["SnapshotIdentifier"] for s in first["Snapshots"] + rest["Snapshots"]]
    assert names == [f"s{i:03d}" for i in range(60)]


def test_search_applies_jmespath_to_every_page(client, cluster):
    make_snapshots(client, cluster, 130)
    paginator = client.get_paginator("describe_cluster_snapshots")
    found = list(paginator.paginate().search("Snapshots[?SnapshotType=='automated'].ClusterIdentifier"))
    assert found == [cluster]
    manual = list(paginator.paginate(PaginationConfig={"PageSize": 50}).search("Snapshots[?SnapshotType=='manual']"))
    assert len(manual) == 130


def test_a_tools_own_page_iterator_class_is_used(client, cluster):
    make_snapshots(client, cluster, 50)

    class CountingPageIterator(PageIterator):
        requests = 0

        def _make_request(self, current_kwargs):
            CountingPageIterator.requests += 1
            return super()._make_request(current_kwargs)

    paginator = client.get_paginator("describe_cluster_snapshots")
    paginator.PAGE_ITERATOR_CLS = CountingPageIterator
    result = paginator.paginate(PaginationConfig={"PageSize": 20}).build_full_result()
    assert len(result["Snapshots"]) == 51
    assert CountingPageIterator.requests == 3
    # Another paginator keeps botocore's class.
    assert client.get_paginator("describe_cluster_snapshots").PAGE_ITERATOR_CLS is PageIterator


def test_page_size_outside_max_records_bounds_is_the_services_error(client, cluster):
    paginator = client.get_paginator("describe_cluster_snapshots")
    with pytest.raises(ClientError) as e:
        list(paginator.paginate(PaginationConfig={"PageSize": 10}))
    assert e.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert e.value.operation_name == "DescribeClusterSnapshots"


def test_paginator_passes_filters_through(client, cluster):
    make_snapshots(client, cluster, 30)
    client.create_cluster(
        ClusterIdentifier="c2", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    client.create_cluster_snapshot(SnapshotIdentifier="other", ClusterIdentifier="c2")
    paginator = client.get_paginator("describe_cluster_snapshots")
    full = paginator.paginate(ClusterIdentifier="c2", SnapshotType="manual").build_full_result()
    assert [s["SnapshotIdentifier"] for s in full["Snapshots"]] == ["other"]


def test_describe_clusters_paginator(client):
    for i in range(45):
        client.create_cluster(
            ClusterIdentifier=f"c{i:02d}", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
        )
    paginator = client.get_paginator("describe_clusters")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["Clusters"]) for p in pages] == [20, 20, 5]
    for page in pages:
        check_response("DescribeClusters", page)
    ids = list(paginator.paginate(PaginationConfig={"PageSize": 20}).search("Clusters[].ClusterIdentifier"))
    assert ids == [f"c{i:02d}" for i in range(45)]
    some = paginator.paginate(PaginationConfig={"MaxItems": 7}).build_full_result()
    assert len(some["Clusters"]) == 7 and "NextToken" in some


def test_describe_tags_paginator(client, cluster):
    arn = "arn:aws:redshift:us-east-1:123456789012:cluster:c1"
    client.create_tags(ResourceName=arn, Tags=[{"Key": f"k{i:02d}", "Value": "v"} for i in range(35)])
    assert client.can_paginate("describe_tags")
    paginator = client.get_paginator("describe_tags")
    assert type(paginator).__name__ == "Redshift.Paginator.DescribeTags"
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 10}))
    assert [len(p["TaggedResources"]) for p in pages] == [10, 10, 10, 5]
    for page in pages:
        check_response("DescribeTags", page)
    keys = list(paginator.paginate(PaginationConfig={"PageSize": 10}).search("TaggedResources[].Tag.Key"))
    assert keys == [f"k{i:02d}" for i in range(35)]
    some = paginator.paginate(PaginationConfig={"PageSize": 10, "MaxItems": 15}).build_full_result()
    rest = paginator.paginate(PaginationConfig={"PageSize": 10, "StartingToken": some["NextToken"]}).build_full_result()
    assert [t["Tag"]["Key"] for t in some["TaggedResources"] + rest["TaggedResources"]] == keys


@pytest.mark.parametrize(
    ("method", "operation", "key", "item", "make"),
    [
        ("describe_snapshot_schedules", "DescribeSnapshotSchedules", "SnapshotSchedules", "ScheduleIdentifier",
         lambda c, i: c.create_snapshot_schedule(ScheduleIdentifier=f"s{i:02d}", ScheduleDefinitions=["rate(1 day)"])),
        ("describe_snapshot_copy_grants", "DescribeSnapshotCopyGrants", "SnapshotCopyGrants", "SnapshotCopyGrantName",
         lambda c, i: c.create_snapshot_copy_grant(SnapshotCopyGrantName=f"g{i:02d}")),
        ("describe_table_restore_status", "DescribeTableRestoreStatus", "TableRestoreStatusDetails", "NewTableName",
         lambda c, i: c.restore_table_from_cluster_snapshot(
             ClusterIdentifier="c1", SnapshotIdentifier="s1", SourceDatabaseName="dev", SourceTableName="t",
             NewTableName=f"t{i:02d}")),
    ],
)
def test_snapshot_schedule_grant_and_table_restore_paginators(client, cluster, method, operation, key, item, make):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    for i in range(45):
        client.fake.clock.advance(1)
        make(client, i)
    paginator = client.get_paginator(method)
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p[key]) for p in pages] == [20, 20, 5]
    for page in pages:
        check_response(operation, page)
    names = list(paginator.paginate(PaginationConfig={"PageSize": 20}).search(f"{key}[].{item}"))
    assert [n[1:] for n in names] == [f"{i:02d}" for i in range(45)]
    some = paginator.paginate(PaginationConfig={"MaxItems": 7}).build_full_result()
    assert len(some[key]) == 7 and "NextToken" in some


ROLE = "arn:aws:iam::123456789012:role/r"
TOPIC = "arn:aws:sns:us-east-1:123456789012:t"
# Each configuration paginator: what makes 25 items of it (with the `c1`
# cluster there), its parameters, and where its items are.
CONFIGURATION_PAGINATORS = {
    "describe_cluster_parameter_groups": (
        lambda c, i: c.create_cluster_parameter_group(
            ParameterGroupName=f"g{i:02d}", ParameterGroupFamily="redshift-1.0", Description="d"),
        {}, "ParameterGroups", 26),
    "describe_cluster_security_groups": (
        lambda c, i: c.create_cluster_security_group(ClusterSecurityGroupName=f"s{i:02d}", Description="d"),
        {}, "ClusterSecurityGroups", 26),
    "describe_cluster_subnet_groups": (
        lambda c, i: c.create_cluster_subnet_group(
            ClusterSubnetGroupName=f"n{i:02d}", Description="d", SubnetIds=["subnet-0a1b2c3d"]),
        {}, "ClusterSubnetGroups", 25),
    "describe_event_subscriptions": (
        lambda c, i: c.create_event_subscription(SubscriptionName=f"e{i:02d}", SnsTopicArn=TOPIC),
        {}, "EventSubscriptionsList", 25),
    "describe_events": (
        lambda c, i: c.create_cluster_snapshot(SnapshotIdentifier=f"x{i:02d}", ClusterIdentifier="c1"),
        {"SourceType": "cluster-snapshot"}, "Events", 52),
    "describe_scheduled_actions": (
        lambda c, i: c.create_scheduled_action(
            ScheduledActionName=f"a{i:02d}", TargetAction={"PauseCluster": {"ClusterIdentifier": "c1"}},
            Schedule="cron(0 1 * * ? *)", IamRole=ROLE),
        {}, "ScheduledActions", 25),
    "describe_usage_limits": (
        lambda c, i: c.create_usage_limit(
            ClusterIdentifier="c1", FeatureType="spectrum", LimitType="data-scanned", Amount=i + 1),
        {}, "UsageLimits", 25),
    "describe_cluster_parameters": (None, {"ParameterGroupName": "default.redshift-1.0"}, "Parameters", 13),
    "describe_default_cluster_parameters": (
        None, {"ParameterGroupFamily": "redshift-1.0"}, "DefaultClusterParameters.Parameters", 13),
}


@pytest.mark.parametrize("method", sorted(CONFIGURATION_PAGINATORS))
def test_configuration_paginators(method):
    from redshift_fake import FakeRedshift

    make, params, key, total = CONFIGURATION_PAGINATORS[method]
    client = FakeRedshift(
        event_subscription_quota=100, parameter_group_quota=100, security_group_quota=100,
        subnet_group_quota=100, usage_limit_quota=100, manual_snapshot_quota=100,
    ).client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    for i in range(25 if make else 0):
        make(client, i)
    assert client.can_paginate(method)
    paginator = client.get_paginator(method)
    operation = client.meta.method_to_api_mapping[method]
    pages = list(paginator.paginate(**params, PaginationConfig={"PageSize": 20}))
    for page in pages:
        check_response(operation, page)
    items = list(paginator.paginate(**params, PaginationConfig={"PageSize": 20}).search(f"{key}[]"))
    assert len(items) == total
    assert len(pages) == -(-total // 20)
    some = paginator.paginate(**params, PaginationConfig={"MaxItems": 7, "PageSize": 20}).build_full_result()
    rest = paginator.paginate(**params, PaginationConfig={"StartingToken": some["NextToken"], "PageSize": 20})
    first = some
    for part in key.split("."):
        first = first[part]
    assert first + list(rest.search(f"{key}[]")) == items


def test_describe_cluster_db_revisions_paginator(client):
    for i in range(25):
        client.create_cluster(
            ClusterIdentifier=f"c{i:02d}", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
        )
    paginator = client.get_paginator("describe_cluster_db_revisions")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 20}))
    assert [len(p["ClusterDbRevisions"]) for p in pages] == [20, 5]
    for page in pages:
        check_response("DescribeClusterDbRevisions", page)
    ids = list(paginator.paginate().search("ClusterDbRevisions[].ClusterIdentifier"))
    assert ids == [f"c{i:02d}" for i in range(25)]


@pytest.mark.parametrize(
    "method, key, kwargs",
    [
        ("describe_cluster_tracks", "MaintenanceTracks", {}),
        ("describe_cluster_versions", "ClusterVersions", {}),
        ("describe_orderable_cluster_options", "OrderableClusterOptions", {}),
        ("list_recommendations", "Recommendations", {}),
    ],
)
def test_catalog_paginators(client, method, key, kwargs):
    operation = client.meta.method_to_api_mapping[method]
    paginator = client.get_paginator(method)
    everything = getattr(client, method)(**kwargs)[key]
    pages = list(paginator.paginate(**kwargs, PaginationConfig={"PageSize": 20}))
    for page in pages:
        check_response(operation, page)
    assert [item for page in pages for item in page[key]] == everything
    assert paginator.paginate(**kwargs).build_full_result()[key] == everything


def test_describe_node_configuration_options_paginator(client, cluster):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    paginator = client.get_paginator("describe_node_configuration_options")
    pages = list(paginator.paginate(ActionType="restore-cluster", SnapshotIdentifier="s1",
                                    PaginationConfig={"PageSize": 100}))
    assert len(pages) > 2 and all(len(p["NodeConfigurationOptionList"]) == 100 for p in pages[:-1])
    for page in pages:
        check_response("DescribeNodeConfigurationOptions", page)
    options = [o for p in pages for o in p["NodeConfigurationOptionList"]]
    full = paginator.paginate(ActionType="restore-cluster", SnapshotIdentifier="s1").build_full_result()
    assert full["NodeConfigurationOptionList"] == options
    assert len({(o["NodeType"], o["NumberOfNodes"]) for o in options}) == len(options)


def test_every_paginator_the_fake_serves_is_tested(client):
    """A paginator needs a test of its own: here, or beside its operation's
    other tests (tests/<area>/), in a file that names the method and gets
    paginators."""
    served = sorted(m for m in client.meta.method_to_api_mapping if client.can_paginate(m))
    tests = pathlib.Path(__file__).parent.parent
    sources = [f.read_text(encoding="utf-8") for f in tests.rglob("test_*.py")]
    paging = "\n".join(text for text in sources if "get_paginator(" in text)
    untested = [m for m in served if f'"{m}"' not in paging]
    assert untested == []
