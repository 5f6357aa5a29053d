"""Per-call cost of DeleteClusterSnapshot: in process, through a genuine
botocore client answered by the XML door, and through moto, in one run.

    maturin develop --release   # a release build is what users get
    python benchmarks/bench_wire.py [--calls 300] [--rounds 3]

Each round deletes `calls` snapshots made beforehand (setup not timed); the
best round is reported, in microseconds per call.
"""

from __future__ import annotations

import argparse
import time
from typing import Any, Callable, Dict

import redshift_fake

CLUSTER = dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123")


def prepared(client: Any, calls: int) -> Any:
    client.create_cluster(**CLUSTER)
    for i in range(calls):
        client.create_cluster_snapshot(SnapshotIdentifier=f"s{i}", ClusterIdentifier="c1")
    return client


def timed_deletes(client: Any, calls: int) -> float:
    delete = client.delete_cluster_snapshot
    start = time.perf_counter()
    for i in range(calls):
        delete(SnapshotIdentifier=f"s{i}")
    return (time.perf_counter() - start) / calls * 1e6


def fake_round(make: Callable[[redshift_fake.FakeRedshift], Any], calls: int) -> float:
    fake = redshift_fake.FakeRedshift(manual_snapshot_quota=calls + 10)
    # Snapshots are made in process either way: only the deletes are measured.
    prepared(fake.client(), calls)
    return timed_deletes(make(fake), calls)


def moto_round(calls: int) -> float:
    import boto3
    from moto import mock_aws

    with mock_aws():
        client = boto3.client(
            "redshift", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        prepared(client, calls)
        return timed_deletes(client, calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    rows: Dict[str, Callable[[], float]] = {
        "redshift-fake in process": lambda: fake_round(lambda f: f.client(), args.calls),
        "redshift-fake botocore_client (XML door)": lambda: fake_round(lambda f: f.botocore_client(), args.calls),
        "moto (mock_aws + boto3.client)": lambda: moto_round(args.calls),
    }
    best = {name: min(run() for _ in range(args.rounds)) for name, run in rows.items()}
    moto = best["moto (mock_aws + boto3.client)"]
    print(f"delete_cluster_snapshot, {args.calls} calls, best of {args.rounds} rounds")
    for name, micros in best.items():
        print(f"  {name:42} {micros:9.1f} us/call   {moto / micros:6.1f}x moto")


if __name__ == "__main__":
    main()
