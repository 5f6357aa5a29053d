"""Shared fixtures and checks for the test suite.

`check_response` holds a response against botocore's own description of the
operation's output, so the tests compare with botocore itself rather than with
hand-written expectations.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict

import botocore.session
import pytest
from botocore.validate import ParamValidator

import redshift_fake

BOTOCORE_MODEL = botocore.session.get_session().get_service_model("redshift")
OTHER_ACCOUNT = "210987654321"


def _walk(value: Any, path: str) -> None:
    assert value is not None, f"{path} is None: absent members must be left out"
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(v, f"{path}[{i}]")
    elif isinstance(value, datetime.datetime):
        assert value.utcoffset() == datetime.timedelta(0), f"{path} is not UTC: {value!r}"


def check_response(operation: str, response: Dict[str, Any]) -> None:
    """Asserts that `response` is what botocore would hand back for `operation`:
    valid against the output shape, no `None`, UTC-aware timestamps, and a
    `ResponseMetadata` of botocore's form."""
    body = dict(response)
    metadata = body.pop("ResponseMetadata")
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
    _walk(body, operation)


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
    client.create_cluster(
        ClusterIdentifier="c1",
        NodeType="dc2.large",
        MasterUsername="admin",
        MasterUserPassword="Secret123",
    )
    return "c1"
