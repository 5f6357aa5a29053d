"""A nightly job: delete a cluster's manual snapshots older than N days.

This is the kind of code a test suite would exercise with redshift-fake; it
knows nothing of the fake and takes any boto3 Redshift client.

Rules of the job:
- only manual snapshots owned by the cluster's account are touched (a snapshot
  another account shares with us, from a cluster of the same name, is not ours
  to delete);
- a snapshot still being created is left for the next run;
- a snapshot shared with other accounts is skipped, unless `revoke_shared` is
  set, in which case their access is revoked first (Redshift refuses to delete
  a shared snapshot).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Dict, Iterator, List, Optional

PAGE_SIZE = 100


@dataclasses.dataclass
class CleanupReport:
    """What a run did (or, in a dry run, would do)."""

    deleted: List[str] = dataclasses.field(default_factory=list)
    skipped_shared: List[str] = dataclasses.field(default_factory=list)
    skipped_not_available: List[str] = dataclasses.field(default_factory=list)
    revoked: Dict[str, List[str]] = dataclasses.field(default_factory=dict)


def _owner_account(cluster: Dict[str, Any]) -> Optional[str]:
    """The cluster's account, read from its namespace ARN
    (`arn:aws:redshift:<region>:<account>:namespace:<id>`)."""
    arn = cluster.get("ClusterNamespaceArn", "")
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 else None


def _manual_snapshots(client, cluster_identifier: str) -> Iterator[Dict[str, Any]]:
    """Every manual snapshot the caller can see for the cluster, page by page."""
    kwargs: Dict[str, Any] = {
        "ClusterIdentifier": cluster_identifier,
        "SnapshotType": "manual",
        "MaxRecords": PAGE_SIZE,
    }
    while True:
        page = client.describe_cluster_snapshots(**kwargs)
        yield from page["Snapshots"]
        marker = page.get("Marker")
        if not marker:
            return
        kwargs["Marker"] = marker


def delete_old_manual_snapshots(
    client,
    cluster_identifier: str,
    *,
    older_than_days: int,
    now: Optional[datetime.datetime] = None,
    revoke_shared: bool = False,
    dry_run: bool = False,
) -> CleanupReport:
    """Deletes the cluster's manual snapshots created more than
    `older_than_days` days before `now` (default: the current time, UTC).

    Raises the client's `ClusterNotFoundFault` when the cluster does not exist.
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    now = now or datetime.datetime.now(datetime.timezone.utc)
    cutoff = now - datetime.timedelta(days=older_than_days)
    (cluster,) = client.describe_clusters(ClusterIdentifier=cluster_identifier)["Clusters"]
    owner = _owner_account(cluster)

    report = CleanupReport()
    # Listed in full before anything is deleted, so deleting cannot shift pages.
    candidates = [
        s
        for s in _manual_snapshots(client, cluster_identifier)
        if (owner is None or s["OwnerAccount"] == owner) and s["SnapshotCreateTime"] < cutoff
    ]
    for snapshot in candidates:
        identifier = snapshot["SnapshotIdentifier"]
        if snapshot["Status"] != "available":
            report.skipped_not_available.append(identifier)
            continue
        grantees = [a["AccountId"] for a in snapshot.get("AccountsWithRestoreAccess", [])]
        if grantees and not revoke_shared:
            report.skipped_shared.append(identifier)
            continue
        if grantees:
            report.revoked[identifier] = grantees
        report.deleted.append(identifier)
        if dry_run:
            continue
        for account in grantees:
            client.revoke_snapshot_access(
                SnapshotIdentifier=identifier,
                SnapshotClusterIdentifier=cluster_identifier,
                AccountWithRestoreAccess=account,
            )
        client.delete_cluster_snapshot(
            SnapshotIdentifier=identifier,
            SnapshotClusterIdentifier=cluster_identifier,
        )
    return report
