"""The pytest plugin, registered by entry point (``pytest11``): installing
redshift-fake is enough to have its fixtures. Each test gets its own world,
so tests share no state (safe under pytest-xdist)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._client import FakeRedshift, RedshiftClient


@pytest.fixture
def fake_redshift() -> FakeRedshift:
    """A fresh world for this test (default account 123456789012)."""
    # Imported here, not at the top: pytest loads the plugin in every run of
    # every project where redshift-fake is installed, and the engine and
    # botocore should load only for the tests that use them.
    from ._client import FakeRedshift

    return FakeRedshift()


@pytest.fixture
def redshift_client(fake_redshift: FakeRedshift) -> RedshiftClient:
    """A client of this test's ``fake_redshift`` world, in us-east-1."""
    return fake_redshift.client()
