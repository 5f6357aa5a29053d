"""Parameter validation is botocore's, byte for byte.

Every case is held against `botocore.validate.ParamValidator` on the same
input, so the expectation is botocore itself. The cases are generated from the
model for every implemented operation and every member (nested ones too), so an
operation added later is covered without touching this file.
"""

from __future__ import annotations

import datetime
import decimal
import enum
from collections.abc import Iterator
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import Shape
from botocore.validate import ParamValidator

from conftest import BOTOCORE_MODEL, valid_input, valid_value
from redshift_fake import _core

OPERATIONS = sorted(_core.OPERATIONS)
UTC = datetime.timezone.utc

Path = tuple[Any, ...]  # member names and list indexes, from the input's top


def botocore_text(operation: str, params: dict[str, Any]) -> str | None:
    """What botocore's validator says about `params`, or None if it accepts them
    (botocore validates nothing of an operation without input, DescribeStorage)."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    if shape is None:
        return None
    report = ParamValidator().validate(params, shape)
    if not report.has_errors():
        return None
    return str(ParamValidationError(report=report.generate_report()))


def call(client, operation: str, params: dict[str, Any]) -> str | None:
    """Calls the fake; the validation error's text, or None if validation passed
    (service errors are fine: they come after validation)."""
    try:
        getattr(client, xform_name(operation))(**params)
    except ParamValidationError as e:
        assert e.kwargs["report"] in str(e)
        return str(e)
    except ClientError:
        pass
    return None


def assert_like_botocore(client, operation: str, params: dict[str, Any]) -> str | None:
    expected = botocore_text(operation, params)
    assert call(client, operation, params) == expected
    return expected


# ---- values made from the model ---------------------------------------------------------


class Loud(float):
    """A value whose `str` and `format` differ: botocore reports `format`."""

    def __str__(self) -> str:
        return "str-text"

    def __format__(self, spec: str) -> str:
        return "format-text"


class Odd:
    """A value no shape accepts, printed the same every time."""

    def __str__(self) -> str:
        return "odd"


class Colour(enum.IntEnum):
    RED = 1


# Values for each shape type: some botocore refuses, some it accepts (bool is an
# int, int and Decimal are doubles, a tuple is a list, strings and numbers are
# timestamps). Expectations come from botocore either way.
CANDIDATES: dict[str, list[Any]] = {
    "string": [1, 1.5, True, None, b"bytes", ["a"], {"a": 1}, ("a",), "", "Mixed-Case", Loud(2.0), Colour.RED],
    "integer": ["1", 1.5, decimal.Decimal("1"), None, [1], True, False, 0, -1, 2**70, -(2**70), Colour.RED],
    "long": ["1", 1.5, None, True, 2**70],
    "double": ["1.5", None, True, 1, decimal.Decimal("1.5"), 2**70, float("inf")],
    "boolean": [1, 0, "true", None, True, False, [True]],
    "timestamp": [
        "garbage",
        "",
        None,
        [1],
        {"a": 1},
        b"2020-01-01",
        datetime.datetime(2020, 1, 2, 3, 4, 5),
        datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
        "2020-01-02T03:04:05Z",
        "2020-01-02T03:04:05.123456+02:00",
        "2020-01-02",
        1577934245,
        1577934245.5,
        "1577934245",
        0,
        -1,
        True,
        decimal.Decimal("1577934245"),
    ],
    "list": ["abc", {"a": 1}, None, 1, (), frozenset({"a"})],
    "structure": ["x", ["x"], None, 1, ("x",)],
    "map": ["x", ["x"], None, {}, {"k": 1}, {1: "x"}, {None: None}, {"k": "v", 2: 3}],
    "blob": [1, None, "text", bytearray(b"x")],
}


def member_paths(shape: Shape, prefix: Path = (), depth: int = 0) -> Iterator[tuple[Path, Shape]]:
    """Every member path under `shape`, through lists (index 0) and structures."""
    if depth > 4:
        return
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            yield prefix + (name,), member
            yield from member_paths(member, prefix + (name,), depth + 1)
    elif shape.type_name == "list":
        yield from member_paths(shape.member, prefix + (0,), depth + 1)


def with_value(operation: str, path: Path, value: Any) -> dict[str, Any]:
    """The operation's minimal valid input with `value` placed at `path`
    (its containers made valid on the way)."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    params = valid_value(shape)
    node: Any = params
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(step, int):
            shape = shape.member
        else:
            shape = shape.members[step]
        if last:
            node[step] = value
        else:
            if isinstance(step, str) and step not in node:
                node[step] = valid_value(shape)
            node = node[step]
            if isinstance(node, list) and not node:
                node.append(valid_value(shape.member))
    return params


def path_id(path: Path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out.lstrip(".")


def generated_cases() -> Iterator[Any]:
    for operation in OPERATIONS:
        input_shape = BOTOCORE_MODEL.operation_model(operation).input_shape
        if input_shape is None:
            continue
        for path, shape in member_paths(input_shape):
            for i, value in enumerate(CANDIDATES[shape.type_name]):
                yield pytest.param(operation, path, value, id=f"{operation}-{path_id(path)}-{shape.type_name}{i}")


@pytest.mark.parametrize("operation,path,value", list(generated_cases()))
def test_member_value_is_judged_like_botocore(client, operation, path, value):
    assert_like_botocore(client, operation, with_value(operation, path, value))


@pytest.mark.parametrize("operation", OPERATIONS)
def test_minimal_valid_input_passes(client, operation):
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    params = valid_value(shape) if shape is not None else {}
    assert botocore_text(operation, params) is None
    assert call(client, operation, params) is None


def every_model_operation() -> Iterator[str]:
    for operation in sorted(BOTOCORE_MODEL.operation_names):
        if BOTOCORE_MODEL.operation_model(operation).input_shape is not None:
            yield operation


@pytest.mark.parametrize("operation", list(every_model_operation()))
def test_the_validator_agrees_with_botocore_on_every_model_operation(client, operation):
    """The validator is driven by the model, not by the list of implemented
    operations: through the door (which validates before it looks for the
    operation in the engine) it agrees with botocore on every operation of the
    model, so an operation implemented later needs nothing of its own."""
    input_shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    cases = [{}, {"Unknown": 1}] + [
        with_value(operation, path, value)
        for path, shape in member_paths(input_shape)
        for value in CANDIDATES[shape.type_name]
    ]
    mismatches = []
    for params in cases:
        expected = botocore_text(operation, params)
        try:
            client._call(operation, params)
            got = None
        except ParamValidationError as e:
            got = str(e)
        except ClientError:
            got = None
        if got != expected:
            mismatches.append((params, expected, got))
    assert mismatches == []


# ---- missing, unknown, several at once ----------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_nothing_given(client, operation):
    assert_like_botocore(client, operation, {})


def required_cases() -> Iterator[Any]:
    for operation in OPERATIONS:
        shape = BOTOCORE_MODEL.operation_model(operation).input_shape
        for name in shape.required_members if shape is not None else []:
            yield pytest.param(operation, name, id=f"{operation}-{name}")


@pytest.mark.parametrize("operation,member", list(required_cases()))
def test_each_required_member_missing(client, operation, member):
    params = valid_value(BOTOCORE_MODEL.operation_model(operation).input_shape)
    del params[member]
    assert assert_like_botocore(client, operation, params) is not None


@pytest.mark.parametrize("operation", OPERATIONS)
def test_unknown_members(client, operation):
    # botocore refuses unknown members, but takes anything for an operation
    # without input (DescribeStorage), and so does the fake.
    has_input = BOTOCORE_MODEL.operation_model(operation).input_shape is not None
    params = valid_input(operation)
    params["Foo"] = 1
    assert (assert_like_botocore(client, operation, params) is not None) == has_input
    params["bar"] = None
    params["snapshotIdentifier"] = "lowercase-first-letter is not the member"
    assert (assert_like_botocore(client, operation, params) is not None) == has_input


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if BOTOCORE_MODEL.operation_model(op).input_shape is not None]
)
def test_everything_wrong_at_once_in_the_callers_order(client, operation):
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    params: dict[str, Any] = {"Zed": 1}
    for name, member in reversed(list(shape.members.items())):
        params[name] = Odd() if member.type_name != "string" else 7
    params["Alpha"] = "x"
    text = assert_like_botocore(client, operation, params)
    assert text is not None and text.count("\n") >= len(shape.members)
    # Dropping the required members adds "missing" lines first.
    for name in shape.required_members:
        del params[name]
    assert_like_botocore(client, operation, params)


def test_spec_examples_word_for_word(client):
    with pytest.raises(ParamValidationError) as e:
        client.delete_cluster_snapshot(Foo="x")
    assert str(e.value) == (
        "Parameter validation failed:\n"
        'Missing required parameter in input: "SnapshotIdentifier"\n'
        'Unknown parameter in input: "Foo", must be one of: SnapshotIdentifier, SnapshotClusterIdentifier'
    )
    with pytest.raises(ParamValidationError) as e:
        client.delete_cluster_snapshot(SnapshotIdentifier=1)
    assert str(e.value) == (
        "Parameter validation failed:\n"
        "Invalid type for parameter SnapshotIdentifier, value: 1, type: <class 'int'>, valid types: <class 'str'>"
    )


# ---- nested members --------------------------------------------------------------------


NESTED = [
    ("CreateClusterSnapshot", {"SnapshotIdentifier": "s", "ClusterIdentifier": "c", "Tags": [{"Key": 1}]}),
    (
        "CreateClusterSnapshot",
        {"SnapshotIdentifier": "s", "ClusterIdentifier": "c", "Tags": [{"Key": "k", "Value": 2}]},
    ),
    (
        "CreateClusterSnapshot",
        {
            "SnapshotIdentifier": "s",
            "ClusterIdentifier": "c",
            "Tags": [{"Key": "k"}, {"Key": 1, "Value": None, "Foo": 3}],
        },
    ),
    ("CreateClusterSnapshot", {"SnapshotIdentifier": "s", "ClusterIdentifier": "c", "Tags": ["k=v", {"Key": "k"}]}),
    ("CreateClusterSnapshot", {"SnapshotIdentifier": "s", "ClusterIdentifier": "c", "Tags": ({"Key": 1},)}),
    ("CreateClusterSnapshot", {"SnapshotIdentifier": "s", "ClusterIdentifier": "c", "Tags": {"Key": "k"}}),
    (
        "CreateCluster",
        {"ClusterIdentifier": "c", "NodeType": "dc2.large", "MasterUsername": "a", "Tags": [{"Value": 1}]},
    ),
    (
        "CreateCluster",
        {"ClusterIdentifier": "c", "NodeType": "dc2.large", "MasterUsername": "a", "IamRoles": ["a", 1, None]},
    ),
    ("DescribeClusterSnapshots", {"SortingEntities": [{"Attribute": 1}]}),
    ("DescribeClusterSnapshots", {"SortingEntities": [{}]}),
    ("DescribeClusterSnapshots", {"SortingEntities": [{"SortOrder": "ASC", "Order": "x"}, {"Attribute": None}]}),
    ("DescribeClusterSnapshots", {"SortingEntities": [{"Attribute": "CREATE_TIME", "SortOrder": 1}]}),
    ("DescribeClusterSnapshots", {"SortingEntities": "CREATE_TIME"}),
    ("DescribeClusterSnapshots", {"TagKeys": ["a", 1], "TagValues": [None]}),
    ("DescribeClusters", {"TagKeys": "a", "TagValues": ("b", 2)}),
]


@pytest.mark.parametrize("operation,params", NESTED)
def test_nested_problems_name_their_path(client, operation, params):
    assert assert_like_botocore(client, operation, params) is not None


def test_nested_paths_word_for_word(client):
    with pytest.raises(ParamValidationError) as e:
        client.create_cluster_snapshot(SnapshotIdentifier="s", ClusterIdentifier="c", Tags=[{"Key": 1}])
    assert "Invalid type for parameter Tags[0].Key, value: 1, type: <class 'int'>" in str(e.value)
    with pytest.raises(ParamValidationError) as e:
        client.describe_cluster_snapshots(SortingEntities=[{"SortOrder": "ASC"}])
    assert 'Missing required parameter in SortingEntities[0]: "Attribute"' in str(e.value)


# ---- timestamps, strings, types --------------------------------------------------------


TIMESTAMPS = CANDIDATES["timestamp"] + [
    "2020-13-45",
    "yesterday",
    "2020-01-02 03:04:05",
    "Thu, 02 Jan 2020 03:04:05 GMT",
    datetime.date(2020, 1, 2),
    1.5e9,
]


@pytest.mark.parametrize("member", ["StartTime", "EndTime"])
@pytest.mark.parametrize("value", TIMESTAMPS, ids=repr)
def test_timestamps(client, member, value):
    assert_like_botocore(client, "DescribeClusterSnapshots", {member: value})


@pytest.mark.parametrize(
    "value,accepted",
    [
        (datetime.datetime(2020, 1, 2, tzinfo=UTC), True),
        ("2020-01-02T00:00:00Z", True),
        (1577923200, True),
        ("not a time", False),
    ],
)
def test_timestamp_kinds_accepted_or_refused(client, value, accepted):
    text = assert_like_botocore(client, "DescribeClusterSnapshots", {"StartTime": value})
    assert (text is None) == accepted


@pytest.mark.parametrize(
    "operation,params",
    [
        ("DeleteClusterSnapshot", {"SnapshotIdentifier": ""}),
        ("DeleteClusterSnapshot", {"SnapshotIdentifier": "", "SnapshotClusterIdentifier": ""}),
        ("DescribeClusterSnapshots", {"SnapshotIdentifier": "", "ClusterIdentifier": "", "Marker": ""}),
        ("CreateCluster", {"ClusterIdentifier": "", "NodeType": "", "MasterUsername": ""}),
        (
            "CreateCluster",
            {"ClusterIdentifier": "c", "NodeType": "dc2.large", "MasterUsername": "a", "CatalogName": ""},
        ),
        (
            "DeleteCluster",
            {"ClusterIdentifier": "c1", "SkipFinalClusterSnapshot": True, "FinalClusterSnapshotIdentifier": ""},
        ),
        ("AuthorizeSnapshotAccess", {"AccountWithRestoreAccess": ""}),
    ],
)
def test_empty_strings(client, operation, params):
    assert_like_botocore(client, operation, params)


@pytest.mark.parametrize(
    "member,value",
    [
        ("SnapshotIdentifier", 1),
        ("SnapshotIdentifier", 1.5),
        ("SnapshotIdentifier", None),
        ("SnapshotIdentifier", b"s1"),
        ("SnapshotIdentifier", ["s1"]),
        ("SnapshotIdentifier", Loud(1.0)),
        ("SnapshotIdentifier", Colour.RED),
        ("MaxRecords", "20"),
        ("MaxRecords", 20.0),
        ("MaxRecords", decimal.Decimal(20)),
        ("MaxRecords", True),
        ("ClusterExists", 1),
        ("ClusterExists", "false"),
        ("TagKeys", ("a", "b")),
        ("TagKeys", "a"),
        ("SortingEntities", {"Attribute": "CREATE_TIME"}),
        ("SortingEntities", [("Attribute", "CREATE_TIME")]),
    ],
    ids=repr,
)
def test_wrong_and_tolerated_types(client, member, value):
    assert_like_botocore(client, "DescribeClusterSnapshots", {member: value})


def test_bool_is_an_int_to_botocore(client):
    """botocore accepts `True` for an integer; so does the fake, and the engine
    then judges the value (1 is not a valid page size)."""
    assert botocore_text("DescribeClusterSnapshots", {"MaxRecords": True}) is None
    with pytest.raises(ClientError) as e:
        client.describe_cluster_snapshots(MaxRecords=True)
    assert e.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_decimal_is_a_double_to_botocore_and_not_an_int(client):
    assert botocore_text("DescribeClusterSnapshots", {"MaxRecords": decimal.Decimal(20)}) is not None
    assert_like_botocore(client, "DescribeClusterSnapshots", {"MaxRecords": decimal.Decimal(20)})
    doubles = [
        (op, name)
        for op in BOTOCORE_MODEL.operation_names
        for name, m in (
            BOTOCORE_MODEL.operation_model(op).input_shape.members.items()
            if BOTOCORE_MODEL.operation_model(op).input_shape
            else []
        )
        if m.type_name in ("double", "float") and op in OPERATIONS
    ]
    for op, name in doubles:
        params = with_value(op, (name,), decimal.Decimal("2.5"))
        assert botocore_text(op, params) is None
        assert call(client, op, params) is None


# ---- a rejected call changes nothing ---------------------------------------------------


def state(client) -> dict[str, Any]:
    clusters = client.describe_clusters()["Clusters"]
    snapshots = client.describe_cluster_snapshots()["Snapshots"]
    return {"clusters": clusters, "snapshots": snapshots}


REJECTED = [
    (
        "create_cluster",
        {
            "ClusterIdentifier": "c2",
            "NodeType": "dc2.large",
            "MasterUsername": "a",
            "MasterUserPassword": "Secret123",
            "Foo": 1,
        },
    ),
    ("create_cluster", {"ClusterIdentifier": "c2", "NodeType": "dc2.large", "MasterUsername": "a", "Port": "5439"}),
    ("create_cluster_snapshot", {"SnapshotIdentifier": "s2", "ClusterIdentifier": "c1", "Tags": [{"Key": 1}]}),
    (
        "create_cluster_snapshot",
        {"SnapshotIdentifier": "s2", "ClusterIdentifier": "c1", "ManualSnapshotRetentionPeriod": "7"},
    ),
    ("delete_cluster_snapshot", {"SnapshotIdentifier": "s1", "Foo": 1}),
    ("delete_cluster_snapshot", {"SnapshotIdentifier": "s1", "SnapshotClusterIdentifier": 1}),
    ("delete_cluster", {"ClusterIdentifier": "c1", "SkipFinalClusterSnapshot": "yes"}),
    ("delete_cluster", {"ClusterIdentifier": "c1", "FinalClusterSnapshotIdentifier": "f1", "Foo": 1}),
    ("authorize_snapshot_access", {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": 210987654321}),
    ("revoke_snapshot_access", {"SnapshotIdentifier": "s1", "AccountWithRestoreAccess": "210987654321", "Bar": 2}),
]


@pytest.mark.parametrize("method,params", REJECTED, ids=[m for m, _ in REJECTED])
def test_a_rejected_call_changes_nothing(client, cluster, method, params):
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier=cluster)
    client.authorize_snapshot_access(SnapshotIdentifier="s1", AccountWithRestoreAccess="111122223333")
    before = state(client)
    with pytest.raises(ParamValidationError):
        getattr(client, method)(**params)
    assert state(client) == before
