"""Per-call time of redshift-fake against moto, in one process and one run.

Not a test: plain Python timing. Each operation is timed over several rounds;
a round runs the operation `iterations` times back to back (everything it needs
is prepared before the clock starts), and its per-call time is the round's time
divided by the calls. The figure reported is the median of the rounds.

Three subjects: the in-process client (`redshift_fake.client`), a genuine
botocore client answered in process by the XML door (`fake.botocore_client`),
and moto (`mock_aws` + `boto3.client`).

    python benchmarks/bench.py [--rounds 15] [--iterations 2000]
                               [--slow-iterations 300] [--slow-rounds 7]
                               [--markdown PATH]

Build the extension with `maturin develop --release` first: a debug build is
many times slower.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time

REGION = "us-east-1"
CLUSTER = "bench-cluster"
DELETE_OK = "`delete_cluster_snapshot` (success)"
DELETE_NOT_FOUND = "`delete_cluster_snapshot` (not found)"
CREATE = "`create_cluster_snapshot`"
OPERATIONS = [DELETE_OK, DELETE_NOT_FOUND, CREATE]


class Subject:
    """One implementation under test: its client, with a cluster to snapshot."""

    def __init__(self, quota: int) -> None:
        self.quota = quota
        self.client = self.new_client()
        self.client.create_cluster(
            ClusterIdentifier=CLUSTER,
            NodeType="dc2.large",
            MasterUsername="admin",
            MasterUserPassword="Secret123",
        )

    def new_client(self):
        raise NotImplementedError

    def close(self) -> None:
        pass


class Fake(Subject):
    def new_client(self):
        import redshift_fake

        return redshift_fake.FakeRedshift(manual_snapshot_quota=self.quota).client(REGION)


class FakeWire(Subject):
    def new_client(self):
        import redshift_fake

        return redshift_fake.FakeRedshift(manual_snapshot_quota=self.quota).botocore_client(REGION)


class Moto(Subject):
    def new_client(self):
        import boto3
        from moto import mock_aws

        # Fake credentials, so boto3 never looks for real ones.
        for key, value in {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": REGION,
        }.items():
            os.environ.setdefault(key, value)
        self.mock = mock_aws()
        self.mock.start()
        return boto3.client("redshift", region_name=REGION)

    def close(self) -> None:
        self.mock.stop()


def time_round(subject: Subject, operation: str, n: int, tag: str) -> float:
    """One round of `n` calls of `operation`; returns microseconds per call."""
    client = subject.client
    ids = [f"s-{tag}-{i}" for i in range(n)]
    create = client.create_cluster_snapshot
    delete = client.delete_cluster_snapshot
    if operation == DELETE_OK:
        for sid in ids:
            create(SnapshotIdentifier=sid, ClusterIdentifier=CLUSTER)
        start = time.perf_counter_ns()
        for sid in ids:
            delete(SnapshotIdentifier=sid)
        elapsed = time.perf_counter_ns() - start
    elif operation == DELETE_NOT_FOUND:
        not_found = client.exceptions.ClusterSnapshotNotFoundFault
        start = time.perf_counter_ns()
        for sid in ids:
            try:
                delete(SnapshotIdentifier=sid)
            except not_found:
                pass
        elapsed = time.perf_counter_ns() - start
    elif operation == CREATE:
        start = time.perf_counter_ns()
        for sid in ids:
            create(SnapshotIdentifier=sid, ClusterIdentifier=CLUSTER)
        elapsed = time.perf_counter_ns() - start
        for sid in ids:
            delete(SnapshotIdentifier=sid)
    else:
        raise ValueError(operation)
    return elapsed / n / 1000


def measure(subject: Subject, n: int, rounds: int) -> dict[str, float]:
    """Median microseconds per call of each operation."""
    results = {}
    for operation in OPERATIONS:
        time_round(subject, operation, max(1, n // 10), "warm")
        samples: list[float] = []
        for r in range(rounds):
            gc.collect()
            samples.append(time_round(subject, operation, n, f"r{r}"))
        results[operation] = statistics.median(samples)
    return results


def table(fake: dict[str, float], wire: dict[str, float], moto: dict[str, float]) -> str:
    lines = [
        "| operation | redshift-fake in process (us/call) | redshift-fake botocore_client (us/call) "
        "| moto (us/call) | in process vs moto | botocore_client vs moto |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]

    def cell(value, fmt):
        return fmt.format(value) if value is not None else "-"

    for operation in OPERATIONS:
        f, w, m = fake[operation], wire.get(operation), moto.get(operation)
        lines.append(
            f"| {operation} | {f:,.2f} | {cell(w, '{:,.1f}')} | {cell(m, '{:,.1f}')} "
            f"| {cell(m and m / f, '{:,.0f}x')} | {cell(m and w and m / w, '{:,.1f}x')} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--iterations", type=int, default=2000, help="calls per round (in process)")
    parser.add_argument(
        "--slow-iterations", type=int, default=300, help="calls per round (botocore_client and moto)"
    )
    parser.add_argument("--slow-rounds", type=int, default=7)
    parser.add_argument("--no-moto", action="store_true", help="time redshift-fake only")
    parser.add_argument("--markdown", metavar="PATH", help="also write the table to PATH")
    args = parser.parse_args(argv)

    quota = 10 * max(args.iterations, args.slow_iterations)
    fake = measure(Fake(quota), args.iterations, args.rounds)
    wire = measure(FakeWire(quota), args.slow_iterations, args.slow_rounds)
    moto: dict[str, float] = {}
    if not args.no_moto:
        moto_subject = Moto(quota)
        try:
            moto = measure(moto_subject, args.slow_iterations, args.slow_rounds)
        finally:
            moto_subject.close()

    command = "python " + " ".join(["benchmarks/bench.py", *argv])
    text = "\n".join(
        [
            table(fake, wire, moto),
            "",
            f"Command: `{command}` (Python {sys.version.split()[0]}, release build; "
            f"{args.rounds}x{args.iterations} calls in process, "
            f"{args.slow_rounds}x{args.slow_iterations} for botocore_client and moto; "
            "median of per-round means).",
        ]
    )
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
