"""The pytest plugin, registered by entry point (``pytest11``): installing
redshift-fake is enough to have its fixtures. Each test gets its own world,
so tests share no state (safe under pytest-xdist).

- ``@pytest.mark.redshift_fake(**settings)`` (on a test, a class or a
  module) makes the test's world ``FakeRedshift(**settings)``.
- A failing test that used the fixtures gets a report section, "Redshift
  calls", listing the calls its code made: region, account, operation, the
  parameters (sensitive ones masked) and the error code each ended in.
"""

from __future__ import annotations

import datetime
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._client import FakeRedshift, RedshiftClient
    from ._controls import Call

MARKER = "redshift_fake"
#: At most this many calls are listed (the last ones), so that a test that
#: made thousands still gets a report one can read.
MAX_REPORTED_CALLS = 50
_VALUE_WIDTH = 60
_WORLD = pytest.StashKey["FakeRedshift"]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**settings): the settings of this test's fake_redshift world, passed to "
        "redshift_fake.FakeRedshift (account_id=..., manual_snapshot_quota=..., snapshot_creation_seconds=...)",
    )


@pytest.fixture
def fake_redshift(request: pytest.FixtureRequest) -> FakeRedshift:
    """A fresh world for this test (default account 123456789012); its
    settings come from ``@pytest.mark.redshift_fake(**settings)``."""
    # Imported here, not at the top: pytest loads the plugin in every run of
    # every project where redshift-fake is installed, and the engine and
    # botocore should load only for the tests that use them.
    from ._client import FakeRedshift

    marker = request.node.get_closest_marker(MARKER)
    if marker is not None and marker.args:
        raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keyword arguments only (FakeRedshift's settings)")
    fake = FakeRedshift(**(marker.kwargs if marker is not None else {}))
    request.node.stash[_WORLD] = fake
    return fake


@pytest.fixture
def redshift_client(fake_redshift: FakeRedshift) -> RedshiftClient:
    """A client of this test's ``fake_redshift`` world, in us-east-1."""
    return fake_redshift.client()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    fake = item.stash.get(_WORLD, None)
    if fake is not None and report.failed:
        report.sections.append(("Redshift calls", calls_report(fake)))


def calls_report(fake: FakeRedshift) -> str:
    """The calls `fake` answered, one a line, the last ``MAX_REPORTED_CALLS`` of them."""
    calls = list(fake.calls)
    if not calls:
        return "no call reached the fake Redshift"
    shown = calls[-MAX_REPORTED_CALLS:]
    first = len(calls) - len(shown) + 1
    width = len(str(len(calls)))
    lines = [f"{len(calls)} call(s), as: number region account Operation(parameters) -> error code"]
    if first > 1:
        lines.append(f"... {first - 1} earlier call(s) left out")
    lines += [f"{n:>{width}} {describe_call(c)}" for n, c in enumerate(shown, first)]
    return "\n".join(lines)


def describe_call(call: Call) -> str:
    """``us-east-1 123456789012 DeleteClusterSnapshot(SnapshotIdentifier='s1') -> ClusterSnapshotNotFound``"""
    from ._model import service_model

    shape = service_model().operation_model(call.operation_name).input_shape
    members = shape.members if shape is not None else {}
    parameters = ", ".join(
        f"{name}={_brief(value, name in members and members[name].metadata.get('sensitive', False))}"
        for name, value in call.params.items()
    )
    line = f"{call.region_name} {call.account_id} {call.operation_name}({parameters}) -> {call.error_code or 'ok'}"
    if call.denial is not None:
        line += f" ({call.denial.action} on {call.denial.resource}: {call.denial.reason})"
    return line


def _brief(value: Any, sensitive: bool) -> str:
    """A parameter's value in a few characters: masked if the model calls it
    sensitive; a long list or structure by its size, long text cut short."""
    if sensitive:
        return "***"
    text = value.isoformat() if isinstance(value, datetime.datetime) else repr(value)
    if len(text) <= _VALUE_WIDTH:
        return text
    if isinstance(value, list):
        return f"[{len(value)} items]"
    if isinstance(value, dict):
        return f"{{{len(value)} members}}"
    return text[: _VALUE_WIDTH - 3] + "..."
