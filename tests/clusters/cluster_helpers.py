"""Helpers of the cluster tests: a world whose clock stands at a known time
(a Thursday, 2030-01-03T12:00:00Z; the default maintenance window is
sat:10:00-sat:10:30), and a cluster as DescribeClusters shows it."""

from __future__ import annotations

import datetime
from typing import Any

import redshift_fake

UTC = datetime.timezone.utc
T0 = datetime.datetime(2030, 1, 3, 12, 0, tzinfo=UTC)


def world(**settings: Any) -> tuple[redshift_fake.FakeRedshift, Any]:
    """A world of `settings` at `T0`, and a client of it in us-east-1."""
    fake = redshift_fake.FakeRedshift(**settings)
    fake.clock.set(T0)
    return fake, fake.client()


def cluster_of(client: Any, cluster: str = "c1") -> dict[str, Any]:
    described: dict[str, Any] = client.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]
    return described


def status(client: Any, cluster: str = "c1") -> str:
    return str(cluster_of(client, cluster)["ClusterStatus"])
