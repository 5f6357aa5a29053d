"""The floor: the least work a contract-shaped answer needs, in pure Python.

A dict store of snapshots that answers like the Redshift client (a dict with
every member of the `Snapshot` shape and `ResponseMetadata`, each answer
fresh dicts and lists the caller may change, sharing only immutable values)
and does nothing else: no validation, no rules, no clock, no log. A fake cannot be faster than this by doing its job,
so the benchmark reports each figure as a multiple of it.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from botocore.exceptions import ClientError

_UTC = datetime.timezone.utc
ARN_PREFIX = "arn:aws:redshift:us-east-1:123456789012:snapshot:"


class NotFound(ClientError):
    """What the floor raises for a snapshot it does not have: botocore's
    error with the response dict its parser would make."""


def fresh(snapshot: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of a stored snapshot the caller may change: its lists copied too."""
    lists = {"Tags": list(snapshot["Tags"]), "RestorableNodeTypes": list(snapshot["RestorableNodeTypes"])}
    return dict(snapshot, **lists, **changes)


class FloorClient:
    """Dict in, dict with `ResponseMetadata` out."""

    def __init__(self) -> None:
        self._snapshots: dict[str, dict[str, Any]] = {}
        self._by_cluster: dict[str, list[str]] = {}
        self._clusters: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count()
        self._now = datetime.datetime(2030, 1, 1, tzinfo=_UTC)

    def _metadata(self) -> dict[str, Any]:
        request_id = f"{next(self._ids):036x}"
        return {
            "RequestId": request_id,
            "HTTPStatusCode": 200,
            "HTTPHeaders": {"x-amzn-requestid": request_id, "content-type": "text/xml", "date": "now"},
            "RetryAttempts": 0,
        }

    def _not_found(self, snapshot_id: str, operation: str) -> NotFound:
        error = {"Type": "Sender", "Code": "ClusterSnapshotNotFound", "Message": f"Snapshot {snapshot_id} not found."}
        metadata = dict(self._metadata(), HTTPStatusCode=404)
        return NotFound({"Error": error, "ResponseMetadata": metadata}, operation)

    def create_cluster(self, **kwargs: Any) -> dict[str, Any]:
        cluster = {
            "ClusterIdentifier": kwargs["ClusterIdentifier"],
            "NodeType": kwargs["NodeType"],
            "MasterUsername": kwargs["MasterUsername"],
            "ClusterCreateTime": self._now,
        }
        self._clusters[cluster["ClusterIdentifier"]] = cluster
        return {"Cluster": dict(cluster), "ResponseMetadata": self._metadata()}

    def create_cluster_snapshot(self, **kwargs: Any) -> dict[str, Any]:
        cluster = self._clusters[kwargs["ClusterIdentifier"]]
        snapshot_id = kwargs["SnapshotIdentifier"]
        snapshot = {
            "SnapshotIdentifier": snapshot_id,
            "ClusterIdentifier": cluster["ClusterIdentifier"],
            "SnapshotCreateTime": self._now,
            "Status": "available",
            "Port": 5439,
            "AvailabilityZone": "us-east-1a",
            "ClusterCreateTime": cluster["ClusterCreateTime"],
            "MasterUsername": cluster["MasterUsername"],
            "ClusterVersion": "1.0",
            "EngineFullVersion": "1.0.80000",
            "SnapshotType": "manual",
            "NodeType": cluster["NodeType"],
            "NumberOfNodes": 1,
            "DBName": "dev",
            "Encrypted": False,
            "EncryptedWithHSM": False,
            "OwnerAccount": "123456789012",
            "TotalBackupSizeInMegaBytes": 24.0,
            "ActualIncrementalBackupSizeInMegaBytes": 24.0,
            "BackupProgressInMegaBytes": 24.0,
            "CurrentBackupRateInMegaBytesPerSecond": 0.0,
            "EstimatedSecondsToCompletion": 0,
            "ElapsedTimeInSeconds": 0,
            "Tags": [],
            "RestorableNodeTypes": [cluster["NodeType"]],
            "EnhancedVpcRouting": False,
            "MaintenanceTrackName": "current",
            "ManualSnapshotRetentionPeriod": -1,
            "SnapshotRetentionStartTime": self._now,
            "SnapshotArn": f"{ARN_PREFIX}{cluster['ClusterIdentifier']}/{snapshot_id}",
        }
        self._snapshots[snapshot_id] = snapshot
        self._by_cluster.setdefault(cluster["ClusterIdentifier"], []).append(snapshot_id)
        return {"Snapshot": fresh(snapshot, Status="creating"), "ResponseMetadata": self._metadata()}

    def delete_cluster_snapshot(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = self._snapshots.pop(kwargs["SnapshotIdentifier"], None)
        if snapshot is None:
            raise self._not_found(kwargs["SnapshotIdentifier"], "DeleteClusterSnapshot")
        self._by_cluster[snapshot["ClusterIdentifier"]].remove(snapshot["SnapshotIdentifier"])
        return {"Snapshot": fresh(snapshot, Status="deleted"), "ResponseMetadata": self._metadata()}

    def describe_cluster_snapshots(self, **kwargs: Any) -> dict[str, Any]:
        snapshot_id = kwargs.get("SnapshotIdentifier")
        if snapshot_id is not None:
            snapshot = self._snapshots.get(snapshot_id)
            if snapshot is None:
                raise self._not_found(snapshot_id, "DescribeClusterSnapshots")
            return {"Snapshots": [fresh(snapshot)], "ResponseMetadata": self._metadata()}
        ids = self._by_cluster.get(kwargs["ClusterIdentifier"], [])
        start = int(kwargs.get("Marker", 0))
        end = start + kwargs.get("MaxRecords", 100)
        answer: dict[str, Any] = {
            "Snapshots": [fresh(self._snapshots[i]) for i in ids[start:end]],
            "ResponseMetadata": self._metadata(),
        }
        if end < len(ids):
            answer["Marker"] = str(end)
        return answer
