"""The AWS CLI against ``python -m redshift_fake serve``: the snapshot life
cycle as an operator would drive it, read back from the CLI's JSON output."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import OTHER_ACCOUNT

pytest.importorskip("awscli", reason="the AWS CLI (pip install awscli) is not installed")

ACCOUNT = "123456789012"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """A `serve` process of its own, on a free port; stopped afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "redshift_fake", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("redshift-fake serving at http://127.0.0.1:"), line
        yield line.split(" at ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def aws(endpoint: str, tmp_path: Any, *args: str, key: str = "testing") -> tuple[int, Any, str]:
    """Runs `aws redshift ARGS` against the endpoint: (exit code, parsed JSON or None, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=key,
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="eu-central-1",
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
    )
    command: list[str] = [
        sys.executable,
        "-m",
        "awscli",
        "redshift",
        *args,
        "--endpoint-url",
        endpoint,
        "--output",
        "json",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    output = json.loads(done.stdout) if done.stdout.strip() else None
    return done.returncode, output, done.stderr


def ok(result: tuple[int, Any, str]) -> dict[str, Any]:
    code, output, stderr = result
    assert code == 0, stderr
    return output


def test_snapshot_life_cycle_through_the_aws_cli(endpoint, tmp_path):
    cluster = ok(
        aws(
            endpoint,
            tmp_path,
            "create-cluster",
            "--cluster-identifier",
            "C1",
            "--node-type",
            "dc2.large",
            "--master-username",
            "admin",
            "--master-user-password",
            "Secret123",
        )
    )["Cluster"]
    assert cluster["ClusterIdentifier"] == "c1"
    assert cluster["AvailabilityZone"] == "eu-central-1a"

    created = ok(
        aws(
            endpoint,
            tmp_path,
            "create-cluster-snapshot",
            "--snapshot-identifier",
            "s1",
            "--cluster-identifier",
            "c1",
            "--manual-snapshot-retention-period",
            "7",
            "--tags",
            "Key=team,Value=data",
        )
    )["Snapshot"]
    assert created["Status"] == "creating"
    assert created["Tags"] == [{"Key": "team", "Value": "data"}]
    assert created["SnapshotArn"] == f"arn:aws:redshift:eu-central-1:{ACCOUNT}:snapshot:c1/s1"
    assert datetime.datetime.fromisoformat(created["SnapshotCreateTime"]).utcoffset() == datetime.timedelta(0)

    shared = ok(
        aws(
            endpoint,
            tmp_path,
            "authorize-snapshot-access",
            "--snapshot-identifier",
            "s1",
            "--account-with-restore-access",
            OTHER_ACCOUNT,
        )
    )["Snapshot"]
    assert shared["AccountsWithRestoreAccess"] == [{"AccountId": OTHER_ACCOUNT}]

    # The other account (a 12-digit access key) sees the shared snapshot.
    seen = ok(aws(endpoint, tmp_path, "describe-cluster-snapshots", key=OTHER_ACCOUNT))["Snapshots"]
    assert [(s["SnapshotIdentifier"], s["OwnerAccount"]) for s in seen] == [("s1", ACCOUNT)]

    code, _, stderr = aws(endpoint, tmp_path, "delete-cluster-snapshot", "--snapshot-identifier", "s1")
    assert code in (254, 255)  # the CLI v2 and v1 codes for a service error
    assert "An error occurred (InvalidClusterSnapshotState) when calling the DeleteClusterSnapshot operation" in stderr

    revoked = ok(
        aws(
            endpoint,
            tmp_path,
            "revoke-snapshot-access",
            "--snapshot-identifier",
            "s1",
            "--account-with-restore-access",
            OTHER_ACCOUNT,
        )
    )["Snapshot"]
    assert "AccountsWithRestoreAccess" not in revoked

    deleted = ok(aws(endpoint, tmp_path, "delete-cluster-snapshot", "--snapshot-identifier", "s1"))["Snapshot"]
    assert deleted["Status"] == "deleted"
    assert deleted["SnapshotIdentifier"] == "s1"
    assert deleted["ManualSnapshotRetentionPeriod"] == 7

    code, _, stderr = aws(endpoint, tmp_path, "describe-cluster-snapshots", "--snapshot-identifier", "s1")
    assert code in (254, 255)  # the CLI v2 and v1 codes for a service error
    assert "(ClusterSnapshotNotFound)" in stderr and "Snapshot s1 not found." in stderr
