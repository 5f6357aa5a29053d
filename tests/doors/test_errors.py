"""Every error the rules can produce is the exception botocore would raise:
the model's code and HTTP status, `Type: Sender`, botocore's `str()`, the
PascalCase operation name, and the class `client.exceptions.<ShapeName>`."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError

import redshift_fake
from conftest import BOTOCORE_MODEL, OTHER_ACCOUNT

GRANTEE = "111122223333"
SHAPE_OF_CODE = {s.error_code: s for s in BOTOCORE_MODEL.error_shapes}


class World(NamedTuple):
    """A world with a cluster `c1`, a manual snapshot `s1` shared with
    GRANTEE, and a manual snapshot `s2`; the owner's and the grantee's client."""

    fake: redshift_fake.FakeRedshift
    owner: Any
    grantee: Any
    other: Any


def make_world(**settings: Any) -> World:
    fake = redshift_fake.FakeRedshift(**settings)
    owner = fake.client("us-east-1")
    owner.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    owner.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    if settings.get("manual_snapshot_quota", 20) > 1:
        owner.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")
    if settings.get("snapshot_authorization_quota", 20) > 0:
        owner.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess=GRANTEE)
    return World(
        fake, owner, fake.client("us-east-1", account_id=GRANTEE), fake.client("us-east-1", account_id=OTHER_ACCOUNT)
    )


def automated_id(w: World) -> str:
    return w.owner.describe_cluster_snapshots(SnapshotType="automated")["Snapshots"][0]["SnapshotIdentifier"]


NEW_CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}
BAD_ID = (
    "The parameter {} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII "
    "letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."
)


class Case(NamedTuple):
    code: str
    caller: str  # which client of the world calls
    operation: str
    params: Callable[[World], dict[str, Any]]
    message: str | None = None  # exact text where AWS's is known
    settings: dict[str, Any] = {}


CASES = {
    "delete-missing": Case(
        "ClusterSnapshotNotFound",
        "owner",
        "DeleteClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "nope"},
        "Snapshot nope not found.",
    ),
    "delete-wrong-cluster": Case(
        "ClusterSnapshotNotFound",
        "owner",
        "DeleteClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s2", "SnapshotClusterIdentifier": "c9"},
        "Snapshot s2 not found.",
    ),
    "delete-by-grantee": Case(
        "ClusterSnapshotNotFound",
        "grantee",
        "DeleteClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s1"},
        "Snapshot s1 not found.",
    ),
    "delete-automated": Case(
        "InvalidClusterSnapshotState",
        "owner",
        "DeleteClusterSnapshot",
        lambda w: {"SnapshotIdentifier": automated_id(w)},
    ),
    "delete-shared": Case(
        "InvalidClusterSnapshotState",
        "owner",
        "DeleteClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s1"},
    ),
    "describe-missing": Case(
        "ClusterSnapshotNotFound",
        "owner",
        "DescribeClusterSnapshots",
        lambda w: {"SnapshotIdentifier": "nope"},
        "Snapshot nope not found.",
    ),
    "describe-bad-type": Case(
        "InvalidParameterValue",
        "owner",
        "DescribeClusterSnapshots",
        lambda w: {"SnapshotType": "weekly"},
    ),
    "describe-bad-page": Case(
        "InvalidParameterValue", "owner", "DescribeClusterSnapshots", lambda w: {"MaxRecords": 19}
    ),
    "describe-bad-marker": Case(
        "InvalidParameterValue", "owner", "DescribeClusterSnapshots", lambda w: {"Marker": "zz"}
    ),
    "describe-bad-sort": Case(
        "InvalidParameterValue",
        "owner",
        "DescribeClusterSnapshots",
        lambda w: {"SortingEntities": [{"Attribute": "NAME"}]},
    ),
    "create-snapshot-no-cluster": Case(
        "ClusterNotFound",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s9", "ClusterIdentifier": "c9"},
        "Cluster c9 not found.",
    ),
    "create-snapshot-exists": Case(
        "ClusterSnapshotAlreadyExists",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "S2", "ClusterIdentifier": "c1"},
    ),
    "create-snapshot-quota": Case(
        "ClusterSnapshotQuotaExceeded",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s9", "ClusterIdentifier": "c1"},
        None,
        {"manual_snapshot_quota": 1},
    ),
    "create-snapshot-retention": Case(
        "InvalidRetentionPeriodFault",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s9", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": 0},
    ),
    "create-snapshot-bad-id": Case(
        "InvalidParameterValue",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "9s", "ClusterIdentifier": "c1"},
        BAD_ID.format("SnapshotIdentifier"),
    ),
    "create-snapshot-too-many-tags": Case(
        "TagLimitExceededFault",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {
            "SnapshotIdentifier": "s9",
            "ClusterIdentifier": "c1",
            "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(51)],
        },
    ),
    "create-snapshot-reserved-tag": Case(
        "InvalidTagFault",
        "owner",
        "CreateClusterSnapshot",
        lambda w: {"SnapshotIdentifier": "s9", "ClusterIdentifier": "c1", "Tags": [{"Key": "aws:x", "Value": "v"}]},
    ),
    "create-cluster-exists": Case(
        "ClusterAlreadyExists",
        "owner",
        "CreateCluster",
        lambda w: {"ClusterIdentifier": "C1", **NEW_CLUSTER},
        "Cluster already exists",
    ),
    "create-cluster-bad-id": Case(
        "InvalidParameterValue",
        "owner",
        "CreateCluster",
        lambda w: {"ClusterIdentifier": "c--1", **NEW_CLUSTER},
        BAD_ID.format("ClusterIdentifier"),
    ),
    "create-cluster-bad-node-type": Case(
        "InvalidParameterValue",
        "owner",
        "CreateCluster",
        lambda w: {**NEW_CLUSTER, "ClusterIdentifier": "c2", "NodeType": "huge"},
    ),
    "create-cluster-automated-retention": Case(
        "InvalidRetentionPeriodFault",
        "owner",
        "CreateCluster",
        lambda w: {"ClusterIdentifier": "c2", "AutomatedSnapshotRetentionPeriod": 36, **NEW_CLUSTER},
    ),
    "create-cluster-too-many-nodes": Case(
        "NumberOfNodesPerClusterLimitExceeded",
        "owner",
        "CreateCluster",
        lambda w: {"ClusterIdentifier": "c2", "NumberOfNodes": 200, **NEW_CLUSTER},
    ),
    "describe-clusters-missing": Case(
        "ClusterNotFound",
        "owner",
        "DescribeClusters",
        lambda w: {"ClusterIdentifier": "c9"},
        "Cluster c9 not found.",
    ),
    "delete-cluster-missing": Case(
        "ClusterNotFound",
        "owner",
        "DeleteCluster",
        lambda w: {"ClusterIdentifier": "c9", "SkipFinalClusterSnapshot": True},
        "Cluster c9 not found.",
    ),
    "delete-cluster-no-final": Case(
        "InvalidParameterCombination", "owner", "DeleteCluster", lambda w: {"ClusterIdentifier": "c1"}
    ),
    "delete-cluster-skip-and-final": Case(
        "InvalidParameterCombination",
        "owner",
        "DeleteCluster",
        lambda w: {"ClusterIdentifier": "c1", "SkipFinalClusterSnapshot": True, "FinalClusterSnapshotIdentifier": "f1"},
    ),
    "delete-cluster-final-exists": Case(
        "ClusterSnapshotAlreadyExists",
        "owner",
        "DeleteCluster",
        lambda w: {"ClusterIdentifier": "c1", "FinalClusterSnapshotIdentifier": "s2"},
    ),
    "delete-cluster-final-bad-id": Case(
        "InvalidParameterValue",
        "owner",
        "DeleteCluster",
        lambda w: {"ClusterIdentifier": "c1", "FinalClusterSnapshotIdentifier": "f-"},
        BAD_ID.format("FinalClusterSnapshotIdentifier"),
    ),
    "delete-cluster-final-retention": Case(
        "InvalidRetentionPeriodFault",
        "owner",
        "DeleteCluster",
        lambda w: {
            "ClusterIdentifier": "c1",
            "FinalClusterSnapshotIdentifier": "f1",
            "FinalClusterSnapshotRetentionPeriod": 3654,
        },
    ),
    "authorize-missing": Case(
        "ClusterSnapshotNotFound",
        "owner",
        "AuthorizeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "nope", "AccountWithRestoreAccess": GRANTEE},
        "Snapshot nope not found.",
    ),
    "authorize-twice": Case(
        "AuthorizationAlreadyExists",
        "owner",
        "AuthorizeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": GRANTEE},
    ),
    "authorize-quota": Case(
        "AuthorizationQuotaExceeded",
        "owner",
        "AuthorizeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER_ACCOUNT},
        None,
        {"snapshot_authorization_quota": 1},
    ),
    "authorize-by-grantee": Case(
        "AccessToSnapshotDenied",
        "grantee",
        "AuthorizeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": OTHER_ACCOUNT},
    ),
    "authorize-bad-account": Case(
        "InvalidParameterValue",
        "owner",
        "AuthorizeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s2", "AccountWithRestoreAccess": "12"},
    ),
    "authorize-no-snapshot-named": Case(
        "InvalidParameterCombination",
        "owner",
        "AuthorizeSnapshotAccess",
        lambda w: {"AccountWithRestoreAccess": GRANTEE},
    ),
    "revoke-absent": Case(
        "AuthorizationNotFound",
        "owner",
        "RevokeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s2", "AccountWithRestoreAccess": GRANTEE},
    ),
    "revoke-by-grantee": Case(
        "AccessToSnapshotDenied",
        "grantee",
        "RevokeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": GRANTEE},
    ),
    "revoke-missing": Case(
        "ClusterSnapshotNotFound",
        "other",
        "RevokeSnapshotAccess",
        lambda w: {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": GRANTEE},
        "Snapshot s1 not found.",
    ),
}


def raise_case(case: Case):
    w = make_world(**case.settings)
    client = getattr(w, case.caller)
    params = case.params(w)
    with pytest.raises(ClientError) as e:
        getattr(client, xform_name(case.operation))(**params)
    return client, e.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_is_botocores_exception(name):
    case = CASES[name]
    client, error = raise_case(case)
    detail = error.response["Error"]
    assert detail["Code"] == case.code
    assert detail["Type"] == "Sender"
    assert set(detail) == {"Code", "Message", "Type"}
    message = detail["Message"]
    assert isinstance(message, str) and message
    if case.message is not None:
        assert message == case.message
    assert error.operation_name == case.operation
    assert str(error) == f"An error occurred ({case.code}) when calling the {case.operation} operation: {message}"
    assert str(error) == str(ClientError(error.response, case.operation))

    metadata = error.response["ResponseMetadata"]
    assert metadata["RetryAttempts"] == 0
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    shape = SHAPE_OF_CODE.get(case.code)
    if shape is not None:
        # A modeled error: the model's status, and the model's class.
        assert metadata["HTTPStatusCode"] == shape.metadata["error"]["httpStatusCode"]
        cls = getattr(client.exceptions, shape.name)
        assert type(error) is cls
        assert client.exceptions.from_code(case.code) is cls
    else:
        # A common AWS error the Redshift model does not list: plain ClientError, 400.
        assert metadata["HTTPStatusCode"] == 400
        assert type(error) is ClientError
    assert isinstance(error, client.exceptions.ClientError)


def holdings(w: World) -> dict[str, Any]:
    return {
        who: (c.describe_clusters()["Clusters"], c.describe_cluster_snapshots()["Snapshots"])
        for who, c in (("owner", w.owner), ("grantee", w.grantee), ("other", w.other))
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_failing_call_changes_nothing(name):
    case = CASES[name]
    w = make_world(**case.settings)
    params = case.params(w)
    before = holdings(w)
    with pytest.raises(ClientError):
        getattr(getattr(w, case.caller), xform_name(case.operation))(**params)
    assert holdings(w) == before


def test_every_modeled_code_the_engine_raises_is_covered():
    """The table above reaches each modeled error the implemented rules use
    (those needing a clock or forced state are proven by the Rust tests)."""
    reached = {c.code for c in CASES.values()}
    assert {
        "ClusterSnapshotNotFound",
        "InvalidClusterSnapshotState",
        "ClusterSnapshotAlreadyExists",
        "ClusterSnapshotQuotaExceeded",
        "ClusterNotFound",
        "ClusterAlreadyExists",
        "InvalidRetentionPeriodFault",
        "AuthorizationAlreadyExists",
        "AuthorizationNotFound",
        "AuthorizationQuotaExceeded",
        "AccessToSnapshotDenied",
        "TagLimitExceededFault",
        "InvalidTagFault",
        "NumberOfNodesPerClusterLimitExceeded",
    } <= reached


@pytest.mark.parametrize(
    "status,code",
    [
        (404, "ClusterSnapshotNotFound"),
        (400, "InvalidClusterSnapshotState"),
        (404, "AuthorizationNotFound"),
        (404, "ClusterNotFound"),
    ],
)
def test_statuses_the_spec_names(status, code):
    assert SHAPE_OF_CODE[code].metadata["error"]["httpStatusCode"] == status
    case = next(c for c in CASES.values() if c.code == code)
    _, error = raise_case(case)
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_spec_example_response(client):
    with pytest.raises(client.exceptions.ClusterSnapshotNotFoundFault) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier="nope")
    response = e.value.response
    assert response["Error"] == {
        "Type": "Sender",
        "Code": "ClusterSnapshotNotFound",
        "Message": "Snapshot nope not found.",
    }
    assert set(response["ResponseMetadata"]) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert str(e.value) == (
        "An error occurred (ClusterSnapshotNotFound) when calling the DeleteClusterSnapshot operation: "
        "Snapshot nope not found."
    )
    assert e.value.operation_name == "DeleteClusterSnapshot"


