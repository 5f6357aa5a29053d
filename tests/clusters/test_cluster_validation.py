"""Every operation of the cluster area is implemented, and a bad call of each
is refused with botocore's own ParamValidationError text, through both doors."""

from __future__ import annotations

import pytest
from botocore import xform_name
from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from conftest import BOTOCORE_MODEL, two_doors, valid_input
from redshift_fake import _core

#: The 27 operations of the "Clusters" area of AWS's API reference.
CLUSTER_OPERATIONS = [
    "CancelResize", "CreateCluster", "DeleteCluster", "DescribeAccountAttributes", "DescribeClusterDbRevisions",
    "DescribeClusterTracks", "DescribeClusterVersions", "DescribeClusters", "DescribeNodeConfigurationOptions",
    "DescribeOrderableClusterOptions", "DescribeResize", "DescribeStorage", "FailoverPrimaryCompute",
    "GetClusterCredentials", "GetClusterCredentialsWithIAM", "ListRecommendations", "ModifyAquaConfiguration",
    "ModifyCluster", "ModifyClusterDbRevision", "ModifyClusterIamRoles", "ModifyClusterMaintenance",
    "ModifyLakehouseConfiguration", "PauseCluster", "RebootCluster", "ResizeCluster", "ResumeCluster",
    "RotateEncryptionKey",
]


def test_every_cluster_operation_is_implemented():
    assert len(CLUSTER_OPERATIONS) == 27
    assert set(CLUSTER_OPERATIONS) <= set(_core.OPERATIONS)


def bad_call(operation: str) -> dict:
    """The least valid input with one member of the wrong type (and one unknown)."""
    params = valid_input(operation)
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    name = next(iter(shape.members))
    params[name] = [] if shape.members[name].type_name != "list" else "not a list"
    params["Bogus"] = 1
    return params


@pytest.mark.parametrize("operation", [op for op in CLUSTER_OPERATIONS if op != "DescribeStorage"])
def test_a_bad_call_is_refused_in_botocores_words(client, operation):
    params = bad_call(operation)
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    expected = str(ParamValidationError(report=ParamValidator().validate(params, shape).generate_report()))
    with pytest.raises(ParamValidationError) as e:
        getattr(client, xform_name(operation))(**params)
    assert str(e.value) == expected


def test_describe_storage_takes_anything_as_botocore_does(client):
    assert "TotalBackupSizeInMegaBytes" in client.describe_storage(Anything=1)


def test_the_doors_refuse_alike():
    two_doors([(xform_name(op), bad_call(op)) for op in CLUSTER_OPERATIONS if op != "DescribeStorage"])
