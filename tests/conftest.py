"""Shared fixtures and checks for the test suite.

`check_response` holds a response against botocore's own description of the
operation's output, so the tests compare with botocore itself rather than with
hand-written expectations.
"""

from __future__ import annotations

import datetime
import functools
import pathlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import boto3
import botocore.exceptions
import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import Shape
from botocore.validate import ParamValidator

import redshift_fake

BOTOCORE_MODEL = botocore.session.get_session().get_service_model("redshift")
OTHER_ACCOUNT = "210987654321"
#: The project's top folder.
ROOT = pathlib.Path(__file__).resolve().parent.parent
UTC = datetime.timezone.utc


# The exact Python type botocore's parser hands back for each scalar shape type.
_PARSED_TYPES = {
    "string": str,
    "integer": int,
    "long": int,
    "double": float,
    "float": float,
    "boolean": bool,
    "blob": bytes,
}


def _walk(value: Any, shape: Any, path: str) -> None:
    """Holds `value` to what botocore's parser would make of `shape`: plain
    dicts and lists, the exact scalar type (no bool for an int, no int for a
    double, no string for a timestamp), UTC-aware datetimes, and no `None`."""
    assert value is not None, f"{path} is None: absent members must be left out"
    kind = shape.type_name
    if kind == "structure":
        assert type(value) is dict, f"{path} is a {type(value).__name__}, not a plain dict"
        for k, v in value.items():
            _walk(v, shape.members[k], f"{path}.{k}")
    elif kind == "list":
        assert type(value) is list, f"{path} is a {type(value).__name__}, not a plain list"
        for i, v in enumerate(value):
            _walk(v, shape.member, f"{path}[{i}]")
    elif kind == "map":
        assert type(value) is dict, f"{path} is a {type(value).__name__}, not a plain dict"
        for k, v in value.items():
            _walk(k, shape.key, f"{path} key")
            _walk(v, shape.value, f"{path}[{k!r}]")
    elif kind == "timestamp":
        # By name: freezegun, while active, replaces every reference to the class.
        kind_of = f"{type(value).__module__}.{type(value).__qualname__}"
        assert kind_of == "datetime.datetime", f"{path} is a {kind_of}, not a datetime"
        assert value.utcoffset() == datetime.timedelta(0), f"{path} is not UTC: {value!r}"
    else:
        expected = _PARSED_TYPES[kind]
        assert type(value) is expected, f"{path} is a {type(value).__name__}, botocore gives a {expected.__name__}"


def check_response(operation: str, response: dict[str, Any]) -> None:
    """Asserts that `response` is what botocore would hand back for `operation`:
    valid against the output shape, every value of the exact type botocore's
    parser gives (plain dicts and lists, UTC-aware timestamps, no `None`), and a
    `ResponseMetadata` of botocore's form."""
    assert type(response) is dict, f"{operation} answered a {type(response).__name__}, not a plain dict"
    body = dict(response)
    metadata = body.pop("ResponseMetadata")
    assert set(metadata) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    assert isinstance(metadata["RequestId"], str) and len(metadata["RequestId"]) == 36
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    shape = BOTOCORE_MODEL.operation_model(operation).output_shape
    if shape is None:
        assert body == {}, f"{operation} has no output shape, so nothing but ResponseMetadata"
        return
    report = ParamValidator().validate(body, shape)
    assert not report.has_errors(), report.generate_report()
    _walk(body, shape, operation)


def valid_value(shape: Shape) -> Any:
    """A value botocore's validator accepts for `shape` (required members only)."""
    kind = shape.type_name
    if kind == "structure":
        # A union, or a structure with nothing required, gets its first member:
        # boto3 sends nothing for an empty structure.
        if getattr(shape, "is_tagged_union", False) or not shape.required_members:
            first = next(iter(shape.members))
            return {first: valid_value(shape.members[first])}
        return {name: valid_value(shape.members[name]) for name in shape.required_members}
    if kind == "list":
        return [valid_value(shape.member)]
    if kind == "map":
        return {"k": valid_value(shape.value)}
    if kind == "string":
        return "a" * max(1, shape.metadata.get("min", 1))
    if kind in ("integer", "long"):
        return max(1, shape.metadata.get("min", 1))
    if kind in ("double", "float"):
        return 1.5
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    if kind == "blob":
        return b"blob"
    raise AssertionError(f"unexpected shape type {kind}")


def valid_input(operation: str) -> dict[str, Any]:
    """The least input botocore accepts for `operation`."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    return valid_value(shape) if shape is not None else {}


def world_state(fake: redshift_fake.FakeRedshift) -> str:
    """Everything the world holds, every account and region (its saved form),
    once the clock's passage has acted."""
    fake._world.tick()
    return redshift_fake._core.world_save_json(fake._world, fake.account_id)


def refused(fake: redshift_fake.FakeRedshift, call: Any, code: str, message: str | None = None) -> ClientError:
    """Runs `call`, which must fail with the service error `code` (and
    `message`, when given) and change nothing anywhere in the world."""
    before = world_state(fake)
    with pytest.raises(ClientError) as e:
        call()
    assert e.value.response["Error"]["Code"] == code, e.value.response["Error"]
    if message is not None:
        assert e.value.response["Error"]["Message"] == message
    assert world_state(fake) == before, "a refused call changed the world"
    return e.value


def two_doors(steps: Sequence[tuple[Any, ...]], **settings: Any) -> list[Any]:
    """`doors_agree` over a list of steps, each one second after the last:
    ``(method, kwargs)``, ``(method, kwargs, where)`` (``where`` an account
    id, or else a region name), or ``("advance", seconds)`` to move the clock.
    ``kwargs`` may be a function of the outcomes so far; a method that is a
    function is a control, called as ``method(fake, **kwargs)`` in both
    worlds, its answer an outcome."""

    def scenario(call: Callable[..., Any], fake: redshift_fake.FakeRedshift) -> None:
        seen: list[Any] = []
        for step in steps:
            fake.clock.advance(1)
            if step[0] == "advance":
                fake.clock.advance(step[1])
                continue
            method, kwargs = step[0], step[1]
            if callable(kwargs):
                kwargs = kwargs(seen)
            where = step[2] if len(step) > 2 else None
            place = {"account_id": where} if where and where.isdigit() else {"region_name": where}
            seen.append(call(method, **place, **kwargs))

    return doors_agree(scenario, **settings)


def no_sleep(seconds: float) -> None:
    """`time.sleep` for a waiter that must not sleep: the fake's waiters wait
    on the world's clock (botocore's plain waiter is left a delay of 0)."""
    if seconds:
        raise AssertionError(f"the waiter slept {seconds} s of wall time")


def cluster_params(identifier: str = "c1", **members: Any) -> dict[str, Any]:
    """CreateCluster's parameters for a single-node dc2.large cluster, unless
    `members` say otherwise."""
    return {"ClusterIdentifier": identifier, **NEW_CLUSTER, **members}


def make_cluster(client: Any, identifier: str = "c1", **members: Any) -> dict[str, Any]:
    """Creates a cluster (a single-node dc2.large unless `members` say
    otherwise) and answers it as CreateCluster does."""
    answer: dict[str, Any] = client.create_cluster(**cluster_params(identifier, **members))["Cluster"]
    return answer


def outcome(call: Callable[[], dict[str, Any]]) -> Any:
    """An answer without its metadata, or the error as (class, code, message, status, type)."""
    try:
        answer = dict(call())
    except botocore.exceptions.ClientError as e:
        return (
            type(e).__name__,
            e.response["Error"]["Code"],
            e.response["Error"]["Message"],
            e.response["ResponseMetadata"]["HTTPStatusCode"],
            e.response["Error"].get("Type"),
        )
    except botocore.exceptions.ParamValidationError as e:
        return (type(e).__name__, str(e))
    answer.pop("ResponseMetadata")
    return answer


def typed(value: Any) -> Any:
    """`value` with the type of every scalar spelled out, so that 1 and 1.0 or
    True and 1 (equal in Python) differ, as they do to a caller."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


#: Where `doors_agree` starts the clock: 2030-01-01T00:00:00Z.
DOORS_START = datetime.datetime(2030, 1, 1, tzinfo=UTC)


def _door_run(door: str, scenario: Callable[..., Any], settings: dict[str, Any]) -> list[Any]:
    """The outcomes of `scenario` through one door (see `doors_agree`)."""
    fake = redshift_fake.FakeRedshift(**settings)
    fake.clock.set(DOORS_START)
    clients: dict[tuple[str, str], Any] = {}
    seen: list[Any] = []

    def call(method: Any, region_name: str | None = None, account_id: str | None = None, **kwargs: Any) -> Any:
        if callable(method):  # a control of the fake
            seen.append(method(fake, **kwargs))
            return seen[-1]
        where = (region_name or "us-east-1", account_id or fake.account_id)
        if where not in clients:
            clients[where] = getattr(fake, door)(where[0], account_id=where[1])
        client = clients[where]

        def run() -> dict[str, Any]:
            answer: dict[str, Any] = getattr(client, method)(**kwargs)
            if door == "client":
                check_response(client.meta.method_to_api_mapping[method], answer)
            return answer

        seen.append(outcome(run))
        return seen[-1]

    scenario(call, fake)
    return seen


def doors_agree(scenario: Callable[..., Any], **settings: Any) -> list[Any]:
    """Runs ``scenario(call, fake)`` twice, each time on a fresh world
    (``FakeRedshift(**settings)``, clock at `DOORS_START`): through the
    in-process client, then through a genuine botocore client on the XML door.
    ``call(method, region_name=None, account_id=None, **kwargs)`` calls the
    door's client of that region (us-east-1 by default) and account (the
    world's by default) and answers the call's `outcome`; every in-process
    answer is held to botocore's output shape. A `method` that is a function
    is a control, called as ``method(fake, **kwargs)``, its answer an outcome.
    Asserts the doors answered alike; returns the outcomes."""
    runs = [_door_run(door, scenario, settings) for door in ("client", "botocore_client")]
    assert typed(runs[0]) == typed(runs[1])
    return runs[0]


@pytest.fixture
def fake() -> redshift_fake.FakeRedshift:
    """A fresh world with room for many manual snapshots."""
    return redshift_fake.FakeRedshift(manual_snapshot_quota=1000)


class Checked:
    """A client whose every successful answer is held against botocore's
    output shape (`check_response`); everything else passes through."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        operation = self._client.meta.method_to_api_mapping.get(name)
        if operation is None:
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **params: Any) -> dict[str, Any]:
            response: dict[str, Any] = attr(*args, **params)
            check_response(operation, response)
            return response

        return call


@pytest.fixture
def client(fake):
    """A client of the fresh world, in us-east-1, every answer checked."""
    return Checked(fake.client("us-east-1"))


@pytest.fixture
def cluster(client):
    """An available single-node cluster `c1`; yields its identifier."""
    make_cluster(client)
    return "c1"


@pytest.fixture
def clean_aws_environment(monkeypatch, tmp_path):
    """No region, credentials or config files from the machine and no boto3
    default session; afterwards, no `mock_boto3` patch left behind."""
    original_create_client = botocore.session.Session.create_client
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_ACCOUNT_ID", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    yield
    assert botocore.session.Session.create_client is original_create_client, "the patch was left behind"


# ---- shared by the operation families' tests ---------------------------------------------

ACCOUNT = "123456789012"
GRANTEE = "111122223333"
DAY_SECONDS = 86_400.0
BAD_ID = (
    "The parameter {} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII "
    "letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."
)
NEW_CLUSTER = {"NodeType": "dc2.large", "MasterUsername": "admin", "MasterUserPassword": "Secret123"}
BAD_IDENTIFIERS = ["", "1abc", "a--b", "abc-", "a_b", "a b", "a.b", "é", "-ab"]


def cluster_arn(cluster: str, account: str = ACCOUNT, region: str = "us-east-1") -> str:
    return f"arn:aws:redshift:{region}:{account}:cluster:{cluster}"


def snapshot_arn(cluster: str, snapshot: str, account: str = ACCOUNT, region: str = "us-east-1") -> str:
    return f"arn:aws:redshift:{region}:{account}:snapshot:{cluster}/{snapshot}"


def ok(client: Any, operation: str, **params: Any) -> dict[str, Any]:
    """Calls `operation` and holds the answer against botocore's output shape."""
    response: dict[str, Any] = getattr(client, xform_name(operation))(**params)
    check_response(operation, response)
    return response


def fails(client: Any, operation: str, code: str, message: str | None = None, **params: Any) -> ClientError:
    """Calls `operation`, which must fail with `code` (and `message`, when given)."""
    with pytest.raises(ClientError) as e:
        getattr(client, xform_name(operation))(**params)
    assert e.value.response["Error"]["Code"] == code, e.value.response["Error"]
    if message is not None:
        assert e.value.response["Error"]["Message"] == message
    return e.value


def expect_error(client: Any, shape: str, operation: str, **kwargs: Any) -> ClientError:
    """Calls `operation` and asserts it fails with the model's error `shape`:
    its class, its code, its HTTP status, and that the model lists it for the
    operation."""
    op_model = BOTOCORE_MODEL.operation_model(operation)
    assert shape in [s.name for s in op_model.error_shapes], f"{shape} is not an error of {operation}"
    error = BOTOCORE_MODEL.shape_for(shape).metadata["error"]
    with pytest.raises(getattr(client.exceptions, shape)) as info:
        getattr(client, xform_name(operation))(**kwargs)
    e = info.value
    assert e.operation_name == operation
    assert e.response["Error"]["Code"] == error["code"]
    assert e.response["Error"]["Type"] == "Sender"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == error["httpStatusCode"]
    assert str(e) == (
        f"An error occurred ({error['code']}) when calling the {operation} operation: "
        f"{e.response['Error']['Message']}"
    )
    return e


def expect_common_error(client: Any, code: str, operation: str, **kwargs: Any) -> ClientError:
    """Like `expect_error` for a common AWS error the model has no shape for."""
    with pytest.raises(ClientError) as info:
        getattr(client, xform_name(operation))(**kwargs)
    e = info.value
    assert e.operation_name == operation
    assert e.response["Error"]["Code"] == code
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return e


def expect_invalid_params(client: Any, operation: str, **kwargs: Any) -> None:
    """The call fails with botocore's own ParamValidationError text."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    report = ParamValidator().validate(kwargs, shape)
    assert report.has_errors(), "the case must be invalid for botocore too"
    expected = str(ParamValidationError(report=report.generate_report()))
    with pytest.raises(ParamValidationError) as info:
        getattr(client, xform_name(operation))(**kwargs)
    assert str(info.value) == expected


def sorted_ids(snapshots: list[dict[str, Any]]) -> list[str]:
    return sorted(s["SnapshotIdentifier"] for s in snapshots)


def snapshot_ids(client: Any) -> set[str]:
    return {s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots()["Snapshots"]}


def automated_snapshot(client: Any, cluster: str = "c1") -> str:
    snapshots = client.describe_cluster_snapshots(ClusterIdentifier=cluster, SnapshotType="automated")
    identifier: str = snapshots["Snapshots"][0]["SnapshotIdentifier"]
    return identifier


def manual(client: Any, snapshot: str, cluster: str = "c1", **kwargs: Any) -> dict[str, Any]:
    answer: dict[str, Any] = client.create_cluster_snapshot(
        SnapshotIdentifier=snapshot, ClusterIdentifier=cluster, **kwargs
    )
    return answer


def other_client(client: Any, account: str) -> Checked:
    """A checked client of the same world and region, as `account`."""
    return Checked(client.fake.client(client.meta.region_name, account_id=account))


@pytest.fixture
def grantee(fake: redshift_fake.FakeRedshift) -> Checked:
    """A checked client of the account snapshots are shared with."""
    return Checked(fake.client("us-east-1", account_id=GRANTEE))


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Moves the system clock (which the fake follows) forward by some days."""
    start = time.time()

    def move(days: float) -> None:
        monkeypatch.setattr(time, "time", lambda: start + days * DAY_SECONDS)

    return move
