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
IMPLEMENTED = set(_core.IMPLEMENTED_OPERATIONS)


@pytest.fixture(scope="module")
def real_client():
    """A real boto3 client, never called over the network: only its paging surface is read."""
    return boto3.client("redshift", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")


def make_snapshots(client, cluster, n):
    for i in range(n):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i:03d}", ClusterIdentifier=cluster)


def test_can_paginate_agrees_with_boto3_for_implemented_operations(client, real_client):
    for method, operation in client.meta.method_to_api_mapping.items():
        expected = real_client.can_paginate(method) and operation in IMPLEMENTED
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


def test_a_pageable_operation_the_fake_lacks_says_so(client):
    lacking = sorted(op for op in PAGINATORS if op not in IMPLEMENTED)
    if not lacking:
        pytest.skip("every pageable operation is implemented")
    method = next(m for m, op in client.meta.method_to_api_mapping.items() if op == lacking[0])
    assert not client.can_paginate(method)
    with pytest.raises(NotImplementedError, match=lacking[0]):
        client.get_paginator(method)


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


def test_every_paginator_the_fake_serves_is_tested(client):
    """A paginator added for a newly implemented operation needs a test of its
    own: here, or beside the operation's other tests (tests/<area>/)."""
    served = sorted(m for m in client.meta.method_to_api_mapping if client.can_paginate(m))
    tests = pathlib.Path(__file__).parent
    sources = "\n".join(f.read_text(encoding="utf-8") for f in tests.rglob("test_*.py"))
    untested = [m for m in served if f'get_paginator("{m}")' not in sources]
    assert untested == []
