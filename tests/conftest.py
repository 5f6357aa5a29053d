"""Shared fixtures and checks for the test suite.

`check_response` holds a response against botocore's own description of the
operation's output, so the tests compare with botocore itself rather than with
hand-written expectations.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Sequence
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import Shape
from botocore.validate import ParamValidator

import redshift_fake

BOTOCORE_MODEL = botocore.session.get_session().get_service_model("redshift")
OTHER_ACCOUNT = "210987654321"
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
        assert type(value) is datetime.datetime, f"{path} is a {type(value).__name__}, not a datetime"
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


def outcome(call: Callable[[], dict[str, Any]]) -> Any:
    """An answer without its metadata, or the error as (class, code, message, status, type)."""
    try:
        answer = dict(call())
    except ClientError as e:
        return (
            type(e).__name__,
            e.response["Error"]["Code"],
            e.response["Error"]["Message"],
            e.response["ResponseMetadata"]["HTTPStatusCode"],
            e.response["Error"].get("Type"),
        )
    except (ParamValidationError, NotImplementedError) as e:
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


def doors_agree(steps: Sequence[tuple[Any, ...]], **settings: Any) -> list[Any]:
    """Runs `steps` through the in-process client and through a genuine
    botocore client on the XML door, each in a fresh world (`settings` are its
    `FakeRedshift` keywords) whose clock stands still and moves one second a
    step; asserts that both doors answer every step alike, and returns the
    answers (an error as `outcome` writes it).

    A step is `(method, kwargs)` or `(method, kwargs, account_id)`; kwargs may
    be a function of the answers so far. A method that is a function is a
    control, called as `method(fake, **kwargs)` in both worlds."""
    runs = []
    for door in ("client", "botocore_client"):
        fake = redshift_fake.FakeRedshift(**settings)
        fake.clock.set(datetime.datetime(2026, 1, 1, tzinfo=UTC))
        clients: dict[str, Any] = {}
        answers: list[Any] = []
        for step in steps:
            method, kwargs = step[0], step[1]
            account = step[2] if len(step) > 2 else fake.account_id
            if callable(kwargs):
                kwargs = kwargs(answers)
            if callable(method):
                answers.append(method(fake, **kwargs))
            else:
                if account not in clients:
                    clients[account] = getattr(fake, door)("us-east-1", account_id=account)
                answers.append(outcome(functools.partial(getattr(clients[account], method), **kwargs)))
            fake.clock.advance(1)
        runs.append(answers)
    for i, (a, b) in enumerate(zip(*runs)):
        assert typed(a) == typed(b), f"step {i} ({steps[i][0]}) differs:\n{a!r}\n{b!r}"
    return runs[0]


def refused_like_botocore(client: Any, operation: str, params: dict[str, Any]) -> None:
    """A call botocore's validator refuses is refused by the fake in botocore's words."""
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    report = ParamValidator().validate(params, shape)
    assert report.has_errors(), f"botocore accepts {params!r}"
    with pytest.raises(ParamValidationError) as e:
        getattr(client, xform_name(operation))(**params)
    assert str(e.value) == str(ParamValidationError(report=report.generate_report()))


def cluster_params(identifier: str = "c1", **members: Any) -> dict[str, Any]:
    """CreateCluster's parameters for a single-node dc2.large cluster, unless
    `members` say otherwise."""
    return {
        "ClusterIdentifier": identifier,
        "NodeType": "dc2.large",
        "MasterUsername": "admin",
        "MasterUserPassword": "Secret123",
        **members,
    }


def make_cluster(client: Any, identifier: str = "c1", **members: Any) -> dict[str, Any]:
    """Creates a cluster (a single-node dc2.large unless `members` say
    otherwise) and answers it as CreateCluster does."""
    answer: dict[str, Any] = client.create_cluster(**cluster_params(identifier, **members))["Cluster"]
    return answer


@pytest.fixture
def fake() -> redshift_fake.FakeRedshift:
    """A fresh world with room for many manual snapshots."""
    return redshift_fake.FakeRedshift(manual_snapshot_quota=1000)


@pytest.fixture
def client(fake):
    """A client of the fresh world, in us-east-1."""
    return fake.client("us-east-1")


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
