"""A snapshot janitor: deletes the manual Redshift snapshots of an account
that are older than a retention age.

It pages through the account's manual snapshots, keeps the young ones, those
tagged ``janitor:keep`` and those not in a deletable state, revokes any
access shared with other accounts (AWS refuses to delete a shared snapshot),
then deletes. Throttled calls are retried with exponential backoff; a
snapshot that vanishes mid-run (deleted by someone else, or by its own
retention period) is noted and skipped.

    python janitor.py --account-id 123456789012 --region us-east-1 --retention-days 30 [--dry-run]

Its tests (test_janitor.py) run it against redshift-fake.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

log = logging.getLogger("janitor")

T = TypeVar("T")

#: Tag key that protects a snapshot from the janitor.
KEEP_TAG = "janitor:keep"
#: Error codes worth another try.
RETRYABLE = {"Throttling", "ThrottlingException", "RequestThrottled", "ServiceUnavailable", "InternalFailure"}
#: Statuses in which AWS lets a snapshot be deleted.
DELETABLE = {"available", "failed", "cancelled"}


@dataclass
class Report:
    """What a run did (or, in a dry run, would have done)."""

    deleted: list[str] = field(default_factory=list)
    revoked: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


class Retrier:
    """Retries throttled calls with exponential backoff."""

    def __init__(self, attempts: int = 5, base_delay: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.attempts = attempts
        self.base_delay = base_delay
        self.sleep = sleep

    def __call__(self, call: Callable[..., T], **kwargs: Any) -> T:
        """``call(**kwargs)``, retried while it is throttled."""
        for attempt in range(1, self.attempts + 1):
            try:
                return call(**kwargs)
            except ClientError as e:
                code = e.response["Error"]["Code"]
                if code not in RETRYABLE or attempt == self.attempts:
                    raise
                delay = self.base_delay * 2 ** (attempt - 1)
                log.warning("%s; retrying in %.1fs (attempt %d of %d)", code, delay, attempt, self.attempts)
                self.sleep(delay)
        raise AssertionError("unreachable")


def manual_snapshots(client: Any, account_id: str, retry: Retrier, page_size: int = 100) -> Iterator[dict[str, Any]]:
    """Every manual snapshot the account owns in the client's region, page by page."""
    marker: str | None = None
    while True:
        kwargs: dict[str, Any] = {"SnapshotType": "manual", "OwnerAccount": account_id, "MaxRecords": page_size}
        if marker:
            kwargs["Marker"] = marker
        page = retry(client.describe_cluster_snapshots, **kwargs)
        yield from page["Snapshots"]
        marker = page.get("Marker")
        if not marker:
            return


def run(
    client: Any,
    *,
    account_id: str,
    retention_days: int,
    dry_run: bool = False,
    retry: Retrier | None = None,
    page_size: int = 100,
) -> Report:
    """Deletes the account's manual snapshots older than ``retention_days``."""
    retry = retry or Retrier()
    report = Report()
    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=retention_days)
    for snapshot in manual_snapshots(client, account_id, retry, page_size):
        name = snapshot["SnapshotIdentifier"]
        cluster = snapshot["ClusterIdentifier"]
        if snapshot["SnapshotCreateTime"] >= cutoff or any(t.get("Key") == KEEP_TAG for t in snapshot.get("Tags", [])):
            report.kept.append(name)
            continue
        if snapshot["Status"] not in DELETABLE:
            log.info("skipping %s: %s", name, snapshot["Status"])
            report.skipped.append(name)
            continue
        if dry_run:
            report.revoked += [(name, a["AccountId"]) for a in snapshot.get("AccountsWithRestoreAccess", [])]
            report.deleted.append(name)
            continue
        try:
            for grant in snapshot.get("AccountsWithRestoreAccess", []):
                account = grant["AccountId"]
                try:
                    retry(
                        client.revoke_snapshot_access,
                        SnapshotIdentifier=name,
                        SnapshotClusterIdentifier=cluster,
                        AccountWithRestoreAccess=account,
                    )
                except client.exceptions.AuthorizationNotFoundFault:
                    pass  # someone revoked it already: the goal is met
                report.revoked.append((name, account))
            retry(client.delete_cluster_snapshot, SnapshotIdentifier=name, SnapshotClusterIdentifier=cluster)
            log.info("deleted %s", name)
            report.deleted.append(name)
        except client.exceptions.ClusterSnapshotNotFoundFault:
            log.info("%s vanished before it could be deleted", name)
            report.vanished.append(name)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--account-id", required=True)
    parser.add_argument("--region")
    parser.add_argument("--retention-days", type=int, required=True)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    client = boto3.client("redshift", region_name=args.region, config=Config(retries={"mode": "standard"}))
    report = run(client, account_id=args.account_id, retention_days=args.retention_days, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"{verb} {len(report.deleted)}, revoked {len(report.revoked)} grants, kept {len(report.kept)}, "
        f"skipped {len(report.skipped)}, vanished {len(report.vanished)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
