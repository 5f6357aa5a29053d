"""A client tools accept: a botocore BaseClient with botocore's ClientMeta,
whose model waiters run on the world's clock over the new states, and on
which tools' own waiters (botocore's create_waiter_with_client, as Airflow's
RedshiftHook.get_waiter builds them) work with the default durations."""

from __future__ import annotations

import datetime
import time

import botocore.client
import botocore.waiter
import pytest
from botocore.exceptions import WaiterError

import redshift_fake
from cluster_helpers import T0
from conftest import make_cluster, no_sleep

# A tool's own waiters over DescribeClusters, in botocore's waiter format.
TOOL_WAITERS = botocore.waiter.WaiterModel({
    "version": 2,
    "waiters": {
        "ClusterPaused": {
            "operation": "DescribeClusters", "delay": 30, "maxAttempts": 60,
            "acceptors": [
                {"matcher": "pathAll", "argument": "Clusters[].ClusterStatus", "expected": "paused",
                 "state": "success"},
                {"matcher": "pathAny", "argument": "Clusters[].ClusterStatus", "expected": "deleting",
                 "state": "failure"},
            ],
        },
        "ClusterResumed": {
            "operation": "DescribeClusters", "delay": 30, "maxAttempts": 60,
            "acceptors": [
                {"matcher": "pathAll", "argument": "Clusters[].ClusterStatus", "expected": "available",
                 "state": "success"},
            ],
        },
    },
})


def get_waiter(conn, name):
    """What a tool does with the client it is handed: a BaseClient is used as
    is, anything else is taken for a boto3 resource (Airflow's RedshiftHook)."""
    client = conn if isinstance(conn, botocore.client.BaseClient) else conn.meta.client
    return botocore.waiter.create_waiter_with_client(name, TOOL_WAITERS, client)


def test_the_client_is_a_botocore_client_with_botocores_meta(fake):
    for client in (fake.client("eu-west-1"), redshift_fake.client("eu-west-1")):
        assert isinstance(client, botocore.client.BaseClient)
        meta = client.meta
        assert isinstance(meta, botocore.client.ClientMeta)
        assert (meta.region_name, meta.partition) == ("eu-west-1", "aws")
        assert meta.endpoint_url == "https://redshift.eu-west-1.amazonaws.com"
        assert meta.config.region_name == "eu-west-1"
        assert meta.service_model.service_name == "redshift"
        assert meta.method_to_api_mapping["pause_cluster"] == "PauseCluster"
        assert meta.events is not None
    with pytest.raises(AttributeError, match="'RedshiftClient' object has no attribute 'nope'"):
        fake.client().nope  # noqa: B018


def test_a_tools_own_waiters_work_with_the_default_durations(fake, monkeypatch):
    client = fake.client()
    fake.clock.set(T0)
    make_cluster(client)
    client.pause_cluster(ClusterIdentifier="c1")

    monkeypatch.setattr(time, "sleep", no_sleep)
    get_waiter(client, "ClusterPaused").wait(ClusterIdentifier="c1")
    client.resume_cluster(ClusterIdentifier="c1")
    get_waiter(client, "ClusterResumed").wait(ClusterIdentifier="c1")
    assert fake.clock.now() == T0


def test_the_models_waiters_wait_out_the_new_states_on_the_clock():
    fake = redshift_fake.FakeRedshift(cluster_resuming_seconds=150, cluster_resizing_seconds=600,
                                      cluster_rebooting_seconds=90)
    fake.clock.set(T0)
    client = fake.client()
    make_cluster(client, NumberOfNodes=2)
    client.pause_cluster(ClusterIdentifier="c1")
    client.resume_cluster(ClusterIdentifier="c1")
    client.get_waiter("cluster_available").wait(ClusterIdentifier="c1")
    assert fake.clock.now() - T0 == datetime.timedelta(seconds=180)  # polls at 0, 60, 120 see `resuming`
    client.resize_cluster(ClusterIdentifier="c1", NumberOfNodes=4)
    client.get_waiter("cluster_available").wait(ClusterIdentifier="c1", WaiterConfig={"Delay": 100})
    assert client.describe_clusters()["Clusters"][0]["NumberOfNodes"] == 4
    client.reboot_cluster(ClusterIdentifier="c1")
    client.get_waiter("cluster_available").wait(ClusterIdentifier="c1", WaiterConfig={"Delay": 30})
    # `cluster_deleted` fails on a `modifying` cluster (the model's acceptor).
    fake2 = redshift_fake.FakeRedshift(cluster_modifying_seconds=600)
    other = fake2.client()
    make_cluster(other)
    other.modify_cluster(ClusterIdentifier="c1", MasterUserPassword="Another123")
    with pytest.raises(WaiterError, match='matched expected path: "modifying"'):
        other.get_waiter("cluster_deleted").wait(ClusterIdentifier="c1")


def test_the_async_client_shares_the_client_base():
    pytest.importorskip("aiobotocore")
    fake = redshift_fake.FakeRedshift()
    aio = fake.aio_client(principal="arn:aws:iam::123456789012:role/etl")
    assert isinstance(aio, botocore.client.BaseClient)
    assert aio.meta.region_name == "us-east-1"
