"""Per-call time of the four snapshot calls through the in-process client,
written against the oldest API redshift-fake has had, so that one script
times any installed version the same way (run it once in each version's
environment, one after the other):

    python benchmarks/same_calls.py LABEL
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import redshift_fake

ROUNDS, CALLS = 15, 2000


def median_us(run: Callable[[int], None]) -> float:
    """The median over rounds of the mean time of a call, in microseconds."""
    means = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run(CALLS)
        means.append((time.perf_counter() - start) / CALLS * 1e6)
    return statistics.median(means)


def main(label: str) -> None:
    client = redshift_fake.FakeRedshift(manual_snapshot_quota=ROUNDS * CALLS + 10).client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    client.create_cluster_snapshot(SnapshotIdentifier="keep", ClusterIdentifier="c1")
    created, deleted = iter(range(10**9)), iter(range(10**9))

    def create(n: int) -> None:
        for i in (next(created) for _ in range(n)):
            client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")

    def delete(n: int) -> None:
        for i in (next(deleted) for _ in range(n)):
            client.delete_cluster_snapshot(SnapshotIdentifier=f"s{i}")

    def not_found(n: int) -> None:
        for _ in range(n):
            try:
                client.delete_cluster_snapshot(SnapshotIdentifier="nope")
            except client.exceptions.ClusterSnapshotNotFoundFault:
                pass

    def describe(n: int) -> None:
        for _ in range(n):
            client.describe_cluster_snapshots(SnapshotIdentifier="keep")

    times = {
        name: median_us(run)
        for name, run in [("create", create), ("delete", delete), ("not found", not_found), ("describe", describe)]
    }
    print(label, " ".join(f"{name}={us:.2f}us" for name, us in times.items()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else redshift_fake.__name__)
