"""The boto3-shaped Redshift client and the world it talks to."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import Any

from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.hooks import HierarchicalEmitter
from botocore.paginate import Paginator
from botocore.waiter import Waiter

from . import _core, _model, _paging, _wire
from ._clock import Clock
from ._controls import WorldControls

DEFAULT_ACCOUNT_ID = "123456789012"
_ACCOUNT_ID = re.compile(r"^\d{12}$")


def _check_account_id(account_id: str) -> str:
    if not isinstance(account_id, str) or not _ACCOUNT_ID.match(account_id):
        raise ValueError(f"account_id must be a string of 12 digits, got {account_id!r}")
    return account_id


class FakeRedshift(WorldControls):
    """One simulated AWS world: every account, every region, one clock.

    Clients made from the same world see the same clusters and snapshots.
    """

    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        manual_snapshot_quota: int = 20,
        snapshot_authorization_quota: int = 20,
        snapshot_creation_seconds: float = 0.0,
        cluster_creation_seconds: float = 0.0,
        cluster_deletion_seconds: float = 0.0,
    ) -> None:
        self.account_id = _check_account_id(account_id)
        self._world = _core.World(
            manual_snapshot_quota=manual_snapshot_quota,
            snapshot_authorization_quota=snapshot_authorization_quota,
            snapshot_creation_seconds=snapshot_creation_seconds,
            cluster_creation_seconds=cluster_creation_seconds,
            cluster_deletion_seconds=cluster_deletion_seconds,
        )
        self.clock = Clock(self._world)

    def client(self, region_name: str = "us-east-1", *, account_id: str | None = None) -> RedshiftClient:
        """A boto3-shaped Redshift client of this world."""
        account = self.account_id if account_id is None else _check_account_id(account_id)
        return RedshiftClient(self, region_name, account)

    def reset(self) -> None:
        """Empties the world, its call log and its injected faults (settings and
        clock stay). Existing clients keep working on the emptied world."""
        self._world.reset()

    def botocore_client(self, region_name: str = "us-east-1", *, account_id: str | None = None) -> Any:
        """A genuine botocore Redshift client whose requests this world answers
        in process, through the Query-protocol XML door (no socket)."""
        account = self.account_id if account_id is None else _check_account_id(account_id)
        return _wire.botocore_client(self, region_name, account)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractContextManager[str]:
        """Serves this world over HTTP while the context lasts; yields the
        endpoint URL. An access key id of 12 digits selects that account."""
        return _wire.serve(self, host, port)


class ClientMeta:
    """``client.meta``, as far as tools read it."""

    def __init__(self, region_name: str) -> None:
        self.region_name = region_name
        self.service_model = _model.service_model()
        self.config = Config(region_name=region_name)
        self.endpoint_url = f"https://redshift.{region_name}.amazonaws.com"
        self.partition = "aws"
        self.events = HierarchicalEmitter()
        self.method_to_api_mapping = dict(_model.method_names())


class RedshiftClient:
    """A fake of ``boto3.client("redshift")``: same methods, same answers,
    same exceptions, served by the world it was made from."""

    def __init__(self, fake: FakeRedshift, region_name: str, account_id: str) -> None:
        self.fake = fake
        self.meta = ClientMeta(region_name)
        self.exceptions = _model.client_exceptions()
        door = _core.Door(fake._world, account_id, region_name, _model.exceptions_by_code(), ClientError)
        self._call = door.call

    def __repr__(self) -> str:
        return f"<redshift_fake.RedshiftClient region_name={self.meta.region_name!r}>"

    def can_paginate(self, operation_name: str) -> bool:
        """Whether the operation (a method name) can be paginated, as in boto3."""
        return _paging.can_paginate(self, operation_name)

    def get_paginator(self, operation_name: str) -> Paginator:
        """botocore's paginator for the operation (a method name)."""
        return _paging.get_paginator(self, operation_name)

    def get_waiter(self, waiter_name: str) -> Waiter:
        """botocore's waiter of that name; it waits on the world's clock, not in real time."""
        return _paging.get_waiter(self, waiter_name)

    @property
    def waiter_names(self) -> list[str]:
        """The names of the waiters this client has."""
        return _paging.waiter_names(self)


def _implemented(operation: str, method: str):
    def api_call(self: RedshiftClient, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args:
            raise TypeError(f"{method}() only accepts keyword arguments.")
        return self._call(operation, kwargs)

    return api_call


def _not_implemented(operation: str, method: str):
    def api_call(self: RedshiftClient, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args:
            raise TypeError(f"{method}() only accepts keyword arguments.")
        raise NotImplementedError(f"redshift-fake does not implement {operation} yet")

    return api_call


def _add_operations() -> None:
    implemented = set(_core.IMPLEMENTED_OPERATIONS)
    for method, operation in _model.method_names().items():
        make = _implemented if operation in implemented else _not_implemented
        api_call = make(operation, method)
        api_call.__name__ = method
        api_call.__qualname__ = f"RedshiftClient.{method}"
        api_call.__doc__ = f"Redshift {operation}."
        setattr(RedshiftClient, method, api_call)


_add_operations()


def client(region_name: str = "us-east-1", *, account_id: str | None = None) -> RedshiftClient:
    """A client of a fresh world; ``client.fake`` is that world."""
    return FakeRedshift(account_id=account_id or DEFAULT_ACCOUNT_ID).client(region_name)
