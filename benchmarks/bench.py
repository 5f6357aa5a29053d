"""Speed and memory of redshift-fake against a pure-Python floor and moto, in one run.

Not a test: plain Python timing. Each figure is the median over rounds; a
round runs a call `iterations` times back to back (everything it needs is
prepared before the clock starts).

Subjects: the floor (benchmarks/floor.py: a dict store doing the least work a
contract-shaped answer needs), the in-process client (`redshift_fake.client`),
a genuine botocore client answered in process by the XML door
(`fake.botocore_client`), and moto (`mock_aws` + `boto3.client`).

Figures:
- per call: create, delete, delete of a missing snapshot, describe of one;
- listing 1,000 snapshots of one cluster through every page of 100;
- cost that must not grow with the world: describe-by-id and the first page
  of 20 of one cluster, in a world of 10 and of 100,000 snapshots;
- resident memory per stored snapshot at 100,000 snapshots, call log included
  (each subject in a subprocess of its own).

    python benchmarks/bench.py [--rounds 15] [--iterations 2000]
                               [--slow-rounds 7] [--slow-iterations 300]
                               [--no-moto] [--markdown PATH]

Build the extension with `maturin develop --release` first: a debug build is
many times slower.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

REGION = "us-east-1"
CLUSTER = "bench-cluster"
CREATE = "`create_cluster_snapshot`"
DELETE_OK = "`delete_cluster_snapshot` (success)"
DELETE_NOT_FOUND = "`delete_cluster_snapshot` (not found)"
DESCRIBE_ONE = "`describe_cluster_snapshots(SnapshotIdentifier=...)`"
LISTING = "listing 1,000 snapshots, pages of 100 (per listing)"
CALLS = [CREATE, DELETE_OK, DELETE_NOT_FOUND, DESCRIBE_ONE]
SUBJECTS = ["floor", "fake", "wire", "moto"]


def make_client(subject: str, quota: int) -> Any:
    """A client of a fresh world of `subject`, with a cluster to snapshot."""
    if subject == "floor":
        from floor import FloorClient

        client: Any = FloorClient()
    elif subject in ("fake", "wire"):
        import redshift_fake

        fake = redshift_fake.FakeRedshift(manual_snapshot_quota=quota)
        client = fake.client(REGION) if subject == "fake" else fake.botocore_client(REGION)
    else:
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
        mock_aws().start()
        client = boto3.client("redshift", region_name=REGION)
    client.create_cluster(
        ClusterIdentifier=CLUSTER, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    return client


def not_found_error(client: Any) -> type[Exception]:
    exceptions = getattr(client, "exceptions", None)
    if exceptions is None:
        from floor import NotFound

        return NotFound
    return exceptions.ClusterSnapshotNotFoundFault  # type: ignore[no-any-return]


def per_call(client: Any, call: str, n: int, tag: str) -> float:
    """One round of `n` calls; microseconds per call."""
    ids = [f"s-{tag}-{i}" for i in range(n)]
    create, delete = client.create_cluster_snapshot, client.delete_cluster_snapshot
    describe = client.describe_cluster_snapshots
    if call in (DELETE_OK, DESCRIBE_ONE):
        for sid in ids:
            create(SnapshotIdentifier=sid, ClusterIdentifier=CLUSTER)
    start = time.perf_counter_ns()
    if call == CREATE:
        for sid in ids:
            create(SnapshotIdentifier=sid, ClusterIdentifier=CLUSTER)
    elif call == DELETE_OK:
        for sid in ids:
            delete(SnapshotIdentifier=sid)
    elif call == DESCRIBE_ONE:
        for sid in ids:
            describe(SnapshotIdentifier=sid)
    else:
        missing = not_found_error(client)
        for sid in ids:
            try:
                delete(SnapshotIdentifier=sid)
            except missing:
                pass
    elapsed = time.perf_counter_ns() - start
    if call in (CREATE, DESCRIBE_ONE):
        for sid in ids:
            delete(SnapshotIdentifier=sid)
    return elapsed / n / 1000


def list_all(client: Any, cluster: str, page: int) -> int:
    """Every snapshot of `cluster`, page by page; how many."""
    count, marker = 0, None
    while True:
        kwargs: dict[str, Any] = {"ClusterIdentifier": cluster, "MaxRecords": page, "SnapshotType": "manual"}
        if marker:
            kwargs["Marker"] = marker
        answer = client.describe_cluster_snapshots(**kwargs)
        count += len(answer["Snapshots"])
        marker = answer.get("Marker")
        if not marker:
            return count


def median_of(rounds: int, one_round: Callable[[int], float]) -> float:
    samples = []
    for r in range(rounds):
        gc.collect()
        samples.append(one_round(r))
    return statistics.median(samples)


def measure_calls(subject: str, n: int, rounds: int) -> dict[str, float]:
    client = make_client(subject, quota=10 * n)
    results = {}
    for call in CALLS:
        per_call(client, call, max(1, n // 10), "warm")
        results[call] = median_of(rounds, lambda r, call=call: per_call(client, call, n, f"r{r}"))
    for i in range(1000):
        client.create_cluster_snapshot(SnapshotIdentifier=f"l{i}", ClusterIdentifier=CLUSTER)

    def listing(_: int) -> float:
        start = time.perf_counter_ns()
        assert list_all(client, CLUSTER, 100) == 1000
        return (time.perf_counter_ns() - start) / 1000

    results[LISTING] = median_of(rounds, listing)
    return results


def measure_scaling(subject: str, sizes: list[int], n: int, rounds: int) -> dict[int, tuple[float, float]]:
    """(describe-by-id, first page of 20 of one cluster) per world size, us per call.
    The measured cluster has the same 10 snapshots in every world (a world of
    10 has no more); the rest belong to 50 other clusters."""
    results = {}
    for size in sizes:
        client = make_client(subject, quota=size + 10)
        others = max(0, size - 10)
        for i in range(others):
            cluster = f"other-{i % 50}"
            if i < 50:
                client.create_cluster(
                    ClusterIdentifier=cluster, NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
                )
            client.create_cluster_snapshot(SnapshotIdentifier=f"o{i}", ClusterIdentifier=cluster)
        for i in range(min(size, 10)):
            client.create_cluster_snapshot(SnapshotIdentifier=f"m{i}", ClusterIdentifier=CLUSTER)
        def by_id(_: int, describe: Callable[..., Any] = client.describe_cluster_snapshots) -> float:
            start = time.perf_counter_ns()
            for _ in range(n):
                describe(SnapshotIdentifier="m7")
            return (time.perf_counter_ns() - start) / n / 1000

        def first_page(_: int, describe: Callable[..., Any] = client.describe_cluster_snapshots) -> float:
            start = time.perf_counter_ns()
            for _ in range(n):
                describe(ClusterIdentifier=CLUSTER, MaxRecords=20)
            return (time.perf_counter_ns() - start) / n / 1000

        results[size] = (median_of(rounds, by_id), median_of(rounds, first_page))
    return results


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_child(subject: str, count: int) -> None:
    """Run in a subprocess: prints the resident bytes per stored snapshot."""
    client = make_client(subject, quota=count + 10)
    create = client.create_cluster_snapshot
    create(SnapshotIdentifier="warm", ClusterIdentifier=CLUSTER)
    gc.collect()
    before = rss_bytes()
    for i in range(count):
        create(SnapshotIdentifier=f"snapshot-{i:06d}", ClusterIdentifier=CLUSTER)
    gc.collect()
    print(json.dumps((rss_bytes() - before) / count))


def measure_memory(subject: str, count: int) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", subject, str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1]))


def report(
    calls: dict[str, dict[str, float]],
    scaling: dict[int, tuple[float, float]],
    memory: dict[str, float],
    command: str,
    args: argparse.Namespace,
) -> str:
    present = [s for s in SUBJECTS if s in calls]
    names = {"floor": "floor", "fake": "in process", "wire": "botocore_client", "moto": "moto"}
    header = (
        "| operation | "
        + " | ".join(f"{names[s]} (us)" for s in present)
        + " | in process / floor | moto / in process |"
    )
    lines = [header, "|---" * (len(present) + 3) + "|"]
    for call in [*CALLS, LISTING]:
        cells = [f"{calls[s][call]:,.2f}" for s in present]
        fake, floor, moto = calls["fake"][call], calls["floor"][call], calls.get("moto", {}).get(call)
        ratio_moto = f"{moto / fake:,.0f}x" if moto else "-"
        lines.append(f"| {call} | " + " | ".join(cells) + f" | {fake / floor:.2f}x | {ratio_moto} |")
    sizes = sorted(scaling)
    lines += [
        "",
        "| in process, us per call | " + " | ".join(f"world of {s:,}" for s in sizes) + " | ratio |",
        "|---" * (len(sizes) + 2) + "|",
    ]
    for i, what in enumerate(["describe by `SnapshotIdentifier`", "first page of 20 of one cluster"]):
        values = [scaling[s][i] for s in sizes]
        lines.append(
            f"| {what} | " + " | ".join(f"{v:,.2f}" for v in values) + f" | {values[-1] / values[0]:.2f}x |"
        )
    lines += [
        "",
        "| resident memory per stored snapshot (100,000 snapshots, call log included) | "
        + " | ".join(names[s] for s in memory)
        + " |",
        "|---" * (len(memory) + 1) + "|",
        "| bytes | " + " | ".join(f"{v:,.0f}" for v in memory.values()) + " |",
        "",
        f"Command: `{command}` (Python {sys.version.split()[0]}, release build; per call: "
        f"{args.rounds}x{args.iterations} calls for the floor and in process, "
        f"{args.slow_rounds}x{args.slow_iterations} for botocore_client and moto; median of rounds).",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--memory-child"]:
        memory_child(argv[1], int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--iterations", type=int, default=2000, help="calls per round (floor, in process)")
    parser.add_argument("--slow-rounds", type=int, default=7)
    parser.add_argument("--slow-iterations", type=int, default=300, help="calls per round (botocore_client, moto)")
    parser.add_argument("--memory-snapshots", type=int, default=100_000)
    parser.add_argument("--no-moto", action="store_true", help="leave moto out")
    parser.add_argument("--markdown", metavar="PATH", help="also write the tables to PATH")
    args = parser.parse_args(argv)

    calls = {
        "floor": measure_calls("floor", args.iterations, args.rounds),
        "fake": measure_calls("fake", args.iterations, args.rounds),
        "wire": measure_calls("wire", args.slow_iterations, args.slow_rounds),
    }
    if not args.no_moto:
        calls["moto"] = measure_calls("moto", args.slow_iterations, args.slow_rounds)
    scaling = measure_scaling("fake", [10, 100_000], 2000, args.rounds)
    memory_subjects = ["floor", "fake"] + ([] if args.no_moto else ["moto"])
    memory = {s: measure_memory(s, args.memory_snapshots) for s in memory_subjects}

    command = "python " + " ".join(["benchmarks/bench.py", *argv])
    text = report(calls, scaling, memory, command, args)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
