"""Every operation, paginator and waiter of the embedded model is served:
no call raises `NotImplementedError`, through the in-process client or
through the XML door (a genuine botocore client).

The operations of the clusters, configuration and snapshots issues are
still being built beside these; each is expected to raise
`NotImplementedError` until it lands (a strict xfail, so the list must
shrink as they do)."""

from __future__ import annotations

from typing import Any

import botocore.loaders
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError

import redshift_fake
from conftest import BOTOCORE_MODEL, valid_input

PENDING = frozenset(
    # The clusters issue.
    {
        "CancelResize", "DescribeAccountAttributes", "DescribeClusterDbRevisions", "DescribeClusterTracks",
        "DescribeClusterVersions", "DescribeNodeConfigurationOptions", "DescribeOrderableClusterOptions",
        "DescribeResize", "DescribeStorage", "FailoverPrimaryCompute", "GetClusterCredentials",
        "GetClusterCredentialsWithIAM", "ListRecommendations", "ModifyAquaConfiguration", "ModifyCluster",
        "ModifyClusterDbRevision", "ModifyClusterIamRoles", "ModifyClusterMaintenance", "ModifyLakehouseConfiguration",
        "PauseCluster", "RebootCluster", "ResizeCluster", "ResumeCluster", "RotateEncryptionKey",
    }
    # The configuration issue.
    | {
        "AuthorizeClusterSecurityGroupIngress", "CreateClusterParameterGroup", "CreateClusterSecurityGroup",
        "CreateClusterSubnetGroup", "CreateEventSubscription", "CreateScheduledAction", "CreateUsageLimit",
        "DeleteClusterParameterGroup", "DeleteClusterSecurityGroup", "DeleteClusterSubnetGroup",
        "DeleteEventSubscription", "DeleteScheduledAction", "DeleteUsageLimit", "DescribeClusterParameterGroups",
        "DescribeClusterParameters", "DescribeClusterSecurityGroups", "DescribeClusterSubnetGroups",
        "DescribeDefaultClusterParameters", "DescribeEventCategories", "DescribeEventSubscriptions", "DescribeEvents",
        "DescribeLoggingStatus", "DescribeScheduledActions", "DescribeUsageLimits", "DisableLogging", "EnableLogging",
        "ModifyClusterParameterGroup", "ModifyClusterSubnetGroup", "ModifyEventSubscription", "ModifyScheduledAction",
        "ModifyUsageLimit", "ResetClusterParameterGroup", "RevokeClusterSecurityGroupIngress",
    }
    # The snapshots issue.
    | {
        "CreateSnapshotCopyGrant", "CreateSnapshotSchedule", "DeleteSnapshotCopyGrant", "DeleteSnapshotSchedule",
        "DescribeSnapshotCopyGrants", "DescribeSnapshotSchedules", "DescribeTableRestoreStatus", "DisableSnapshotCopy",
        "EnableSnapshotCopy", "ModifyClusterSnapshotSchedule", "ModifySnapshotCopyRetentionPeriod",
        "ModifySnapshotSchedule", "RestoreTableFromClusterSnapshot",
    }
)  # fmt: skip

LOADER = botocore.loaders.create_loader()
PAGINATORS = LOADER.load_service_model("redshift", "paginators-1")["pagination"]
WAITERS = LOADER.load_service_model("redshift", "waiters-2")["waiters"]


def pending(request: Any, operation: str) -> None:
    if operation in PENDING:
        request.applymarker(
            pytest.mark.xfail(raises=NotImplementedError, strict=True, reason=f"{operation} is another issue's")
        )


def test_the_pending_ones_are_operations_of_the_model():
    assert PENDING <= set(BOTOCORE_MODEL.operation_names)


@pytest.mark.parametrize("operation", sorted(BOTOCORE_MODEL.operation_names))
def test_every_operation_is_served_by_both_doors(operation, request):
    pending(request, operation)
    fake = redshift_fake.FakeRedshift()
    for client in (fake.client(), fake.botocore_client()):
        try:
            getattr(client, xform_name(operation))(**valid_input(operation))
        except (ClientError, ParamValidationError):
            pass  # refused as the service would: served


@pytest.mark.parametrize("operation", sorted(PAGINATORS))
def test_every_paginator_is_served(operation, request):
    pending(request, operation)
    client = redshift_fake.FakeRedshift().client()
    method = xform_name(operation)
    paginator = client.get_paginator(method)
    assert client.can_paginate(method)
    try:
        next(iter(paginator.paginate(**valid_input(operation))))
    except ClientError:
        pass


@pytest.mark.parametrize("name", sorted(WAITERS))
def test_every_waiter_is_served(name, request):
    pending(request, WAITERS[name]["operation"])
    client = redshift_fake.FakeRedshift().client()
    waiter = client.get_waiter(xform_name(name))
    assert waiter.config.operation == WAITERS[name]["operation"]
