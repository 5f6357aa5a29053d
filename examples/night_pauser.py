"""A night pauser: pauses idle Redshift clusters out of office hours and
resumes them in the morning, to stop paying for clusters nobody uses at night.

Run it every quarter of an hour (cron, an Airflow DAG, a Lambda schedule). It
looks after the clusters tagged ``night-pauser=office-hours`` (the tag key
and value are settings), and on each run:

- out of office hours (evenings, nights, weekends) it pauses each such
  cluster that is ``available`` and idle (no database connection during the
  last hour, by default asked of CloudWatch), unless tagged
  ``night-pauser:keep-awake``; it marks what it paused with the tag
  ``night-pauser:paused-at``, and can wait for the pause with a waiter of its
  own;
- in office hours it resumes the clusters it paused, and only those: a
  cluster someone else paused stays paused.

A cluster that is busy changing (``modifying``, ``resizing``...) is left for
the next run; one Amazon Redshift refuses to pause (automated snapshots off,
an HSM) is reported. Throttled calls are retried by botocore's own retries.

    python night_pauser.py --region eu-west-1 --start 07:00 --end 19:00 [--dry-run]

Its tests (test_night_pauser.py) run it against redshift-fake, on the fake's clock.
"""

from __future__ import annotations

import argparse
import datetime
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.client
import botocore.waiter
from botocore.exceptions import ClientError

log = logging.getLogger("night_pauser")

#: The tag that marks a cluster the pauser looks after, and its value.
SCHEDULE_TAG = ("night-pauser", "office-hours")
#: The tag of a cluster that must stay up tonight, whatever its schedule.
KEEP_AWAKE = "night-pauser:keep-awake"
#: The tag the pauser puts on a cluster it paused, with the time.
PAUSED_AT = "night-pauser:paused-at"

#: A waiter of the job's own: DescribeClusters until the cluster is paused.
WAITERS = botocore.waiter.WaiterModel({
    "version": 2,
    "waiters": {
        "ClusterPaused": {
            "operation": "DescribeClusters",
            "delay": 30,
            "maxAttempts": 40,
            "acceptors": [
                {"matcher": "pathAll", "argument": "Clusters[].ClusterStatus", "expected": "paused",
                 "state": "success"},
                {"matcher": "pathAny", "argument": "Clusters[].ClusterStatus", "expected": "deleting",
                 "state": "failure"},
                {"matcher": "error", "expected": "ClusterNotFound", "state": "failure"},
            ],
        },
    },
})


@dataclass(frozen=True)
class OfficeHours:
    """When people work: from `start` to `end` on weekdays, in `tz`."""

    start: datetime.time = datetime.time(7, 0)
    end: datetime.time = datetime.time(19, 0)
    tz: datetime.tzinfo = datetime.timezone.utc
    weekdays: frozenset[int] = frozenset(range(5))  # Monday to Friday

    def __contains__(self, moment: datetime.datetime) -> bool:
        local = moment.astimezone(self.tz)
        return local.weekday() in self.weekdays and self.start <= local.time() < self.end


@dataclass
class Report:
    """What a run did (or, in a dry run, would have done)."""

    paused: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)
    kept_awake: list[str] = field(default_factory=list)
    in_use: list[str] = field(default_factory=list)
    cannot_pause: list[str] = field(default_factory=list)


def cloudwatch_idle(cloudwatch: Any, minutes: int = 60) -> Callable[[dict[str, Any], datetime.datetime], bool]:
    """Idle: no database connection during the last `minutes` (CloudWatch's
    ``DatabaseConnections`` metric of the cluster)."""

    def idle(cluster: dict[str, Any], now: datetime.datetime) -> bool:
        stats = cloudwatch.get_metric_statistics(
            Namespace="AWS/Redshift",
            MetricName="DatabaseConnections",
            Dimensions=[{"Name": "ClusterIdentifier", "Value": cluster["ClusterIdentifier"]}],
            StartTime=now - datetime.timedelta(minutes=minutes),
            EndTime=now,
            Period=minutes * 60,
            Statistics=["Maximum"],
        )
        return all(point["Maximum"] == 0 for point in stats["Datapoints"])

    return idle


def scheduled_clusters(client: Any, tag: tuple[str, str] = SCHEDULE_TAG) -> Iterator[dict[str, Any]]:
    """Every cluster carrying the schedule tag, page after page."""
    key, value = tag
    paginator = client.get_paginator("describe_clusters")
    for page in paginator.paginate(TagKeys=[key], TagValues=[value]):
        for cluster in page["Clusters"]:
            if {"Key": key, "Value": value} in cluster.get("Tags", []):
                yield cluster


def cluster_arn(client: Any, cluster: dict[str, Any]) -> str:
    """The cluster's ARN, made from its namespace's (same partition, region and account)."""
    prefix = cluster["ClusterNamespaceArn"].split(":namespace:")[0]
    return f"{prefix}:cluster:{cluster['ClusterIdentifier']}"


def wait_until_paused(client: Any, cluster_id: str, delay: int = 30) -> None:
    """Waits with the job's own waiter. Tools build theirs the same way from
    the client they are handed: a botocore client, or a boto3 resource's."""
    real = client if isinstance(client, botocore.client.BaseClient) else client.meta.client
    waiter = botocore.waiter.create_waiter_with_client("ClusterPaused", WAITERS, real)
    waiter.wait(ClusterIdentifier=cluster_id, WaiterConfig={"Delay": delay})


def run(
    client: Any,
    *,
    now: datetime.datetime,
    hours: OfficeHours = OfficeHours(),
    is_idle: Callable[[dict[str, Any], datetime.datetime], bool],
    dry_run: bool = False,
    wait: bool = False,
) -> Report:
    """One pass over the scheduled clusters at `now`."""
    report = Report()
    working = now in hours
    for cluster in scheduled_clusters(client):
        name, status = cluster["ClusterIdentifier"], cluster["ClusterStatus"]
        tags = {t["Key"]: t["Value"] for t in cluster.get("Tags", [])}
        if working:
            if status == "paused" and PAUSED_AT in tags:
                resume(client, cluster, report, dry_run)
            continue
        if status != "available":
            if status != "paused":
                report.busy.append(name)
            continue
        if KEEP_AWAKE in tags:
            report.kept_awake.append(name)
        elif not is_idle(cluster, now):
            report.in_use.append(name)
        else:
            pause(client, cluster, now, report, dry_run, wait)
    return report


def pause(
    client: Any, cluster: dict[str, Any], now: datetime.datetime, report: Report, dry_run: bool, wait: bool
) -> None:
    name = cluster["ClusterIdentifier"]
    if dry_run:
        report.paused.append(name)
        return
    try:
        client.pause_cluster(ClusterIdentifier=name)
    except ClientError as e:
        code = e.response["Error"]["Code"]
        if code == "InvalidClusterState":  # it changed since we looked: next run
            report.busy.append(name)
            return
        if code == "UnsupportedOperation":  # automated snapshots off, an HSM...
            log.warning("cannot pause %s: %s", name, e.response["Error"]["Message"])
            report.cannot_pause.append(name)
            return
        raise
    client.create_tags(ResourceName=cluster_arn(client, cluster),
                       Tags=[{"Key": PAUSED_AT, "Value": now.isoformat(timespec="seconds")}])
    report.paused.append(name)
    log.info("paused %s", name)
    if wait:
        wait_until_paused(client, name)


def resume(client: Any, cluster: dict[str, Any], report: Report, dry_run: bool) -> None:
    name = cluster["ClusterIdentifier"]
    if not dry_run:
        try:
            client.resume_cluster(ClusterIdentifier=name)
        except ClientError as e:
            if e.response["Error"]["Code"] != "InvalidClusterState":
                raise
            report.busy.append(name)
            return
        client.delete_tags(ResourceName=cluster_arn(client, cluster), TagKeys=[PAUSED_AT])
        log.info("resumed %s", name)
    report.resumed.append(name)


def main(argv: list[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", required=True)
    parser.add_argument("--start", default="07:00", type=datetime.time.fromisoformat)
    parser.add_argument("--end", default="19:00", type=datetime.time.fromisoformat)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--wait", action="store_true", help="wait until each paused cluster is paused")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    client = boto3.client("redshift", region_name=args.region)
    cloudwatch = boto3.client("cloudwatch", region_name=args.region)
    report = run(
        client,
        now=datetime.datetime.now(datetime.timezone.utc),
        hours=OfficeHours(start=args.start, end=args.end),
        is_idle=cloudwatch_idle(cloudwatch),
        dry_run=args.dry_run,
        wait=args.wait,
    )
    log.info("paused %s, resumed %s", report.paused, report.resumed)
    return report


if __name__ == "__main__":
    main()
