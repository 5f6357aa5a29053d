"""The boto3-shaped Redshift client and the world it talks to."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar

from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.hooks import HierarchicalEmitter
from botocore.paginate import Paginator
from botocore.utils import validate_region_name
from botocore.waiter import NormalizedOperationMethod, Waiter

from . import _core, _model, _paging, _wire
from ._clock import Clock
from ._controls import DEFAULT_ACCOUNT_ID, DEFAULT_REGION, WorldControls, check_account_id, world_settings

if TYPE_CHECKING:
    from ._aio import AioRedshiftClient


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
        authentication_profile_quota: int = 10,
        hsm_client_certificate_quota: int = 20,
        hsm_configuration_quota: int = 20,
        endpoint_creation_seconds: float = 0.0,
        endpoint_modification_seconds: float = 0.0,
        endpoint_deletion_seconds: float = 0.0,
        integration_creation_seconds: float = 0.0,
        integration_deletion_seconds: float = 0.0,
        reserved_node_payment_seconds: float = 0.0,
        reserved_node_exchange_seconds: float = 0.0,
        record_calls: bool = True,
    ) -> None:
        self.account_id = check_account_id(account_id)
        settings = world_settings(
            manual_snapshot_quota=manual_snapshot_quota,
            snapshot_authorization_quota=snapshot_authorization_quota,
            snapshot_creation_seconds=snapshot_creation_seconds,
            cluster_creation_seconds=cluster_creation_seconds,
            cluster_deletion_seconds=cluster_deletion_seconds,
            authentication_profile_quota=authentication_profile_quota,
            hsm_client_certificate_quota=hsm_client_certificate_quota,
            hsm_configuration_quota=hsm_configuration_quota,
            endpoint_creation_seconds=endpoint_creation_seconds,
            endpoint_modification_seconds=endpoint_modification_seconds,
            endpoint_deletion_seconds=endpoint_deletion_seconds,
            integration_creation_seconds=integration_creation_seconds,
            integration_deletion_seconds=integration_deletion_seconds,
            reserved_node_payment_seconds=reserved_node_payment_seconds,
            reserved_node_exchange_seconds=reserved_node_exchange_seconds,
        )
        self._world = _core.World(settings, bool(record_calls))
        self.clock = Clock(self._world)

    def client(self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None) -> RedshiftClient:
        """A boto3-shaped Redshift client of this world, as `account_id`
        (default: the world's account) in `region_name`. A malformed region
        name raises botocore's ``InvalidRegionError``, as ``boto3.client`` does."""
        validate_region_name(region_name)
        return RedshiftClient(self, region_name, self._account(account_id))

    def aio_client(self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None) -> AioRedshiftClient:
        """An aiobotocore-shaped Redshift client of this world (``async with
        fake.aio_client("us-east-1") as client: await client.describe_clusters()``),
        answered by the same engine as :meth:`client`. Needs aiobotocore
        (``pip install redshift-fake[aio]``) for its paginators and waiters."""
        from ._aio import AioRedshiftClient

        validate_region_name(region_name)
        return AioRedshiftClient(self, region_name, self._account(account_id))

    def reset(self) -> None:
        """Empties the world, its call log and its injected faults (settings and
        clock stay). Existing clients keep working on the emptied world."""
        self._world.reset()

    def botocore_client(self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None) -> Any:
        """A genuine botocore Redshift client whose requests this world answers
        in process, through the Query-protocol XML door (no socket)."""
        return _wire.botocore_client(self, region_name, self._account(account_id))

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
        self.partition, dns_suffix = _core.partition(region_name)
        self.endpoint_url = f"https://redshift.{region_name}.{dns_suffix}"
        self.events = HierarchicalEmitter()
        self.method_to_api_mapping = dict(_model.method_names())


class Client:
    """What the fake clients share, sync or async: one door into the world
    (the engine's ``Door.call``, which validates, runs the operation and
    raises the model's botocore exceptions), ``meta``, ``exceptions``,
    paginators and waiters. A subclass names its library's paginator,
    waiter and waiter-method classes."""

    _paginator_class: ClassVar[type[Paginator[Any]]]
    _waiter_class: ClassVar[type[Waiter]]
    _normalized_method_class: ClassVar[type[Any]]

    def __init__(self, fake: FakeRedshift, region_name: str, account_id: str) -> None:
        self.fake = fake
        self.meta = ClientMeta(region_name)
        self.exceptions = _model.client_exceptions()
        door = _core.Door(
            fake._world, account_id, region_name, _model.exceptions_by_code(), ClientError, _model.client_model()
        )
        self._call = door.call

    def __repr__(self) -> str:
        return f"<redshift_fake.{type(self).__name__} region_name={self.meta.region_name!r}>"

    def can_paginate(self, operation_name: str) -> bool:
        """Whether the operation (a method name) can be paginated, as in boto3."""
        return _paging.can_paginate(self, operation_name)

    def get_paginator(self, operation_name: str) -> Paginator[Any]:
        """The library's own paginator for the operation (a method name)."""
        return _paging.get_paginator(self, operation_name)

    def get_waiter(self, waiter_name: str) -> Waiter:
        """The library's own waiter of that name; it waits on the world's clock, not in real time."""
        return _paging.get_waiter(self, waiter_name)

    @property
    def waiter_names(self) -> list[str]:
        """The names of the waiters this client has."""
        return _paging.waiter_names()


class RedshiftClient(Client):
    """A fake of ``boto3.client("redshift")``: same methods, same answers,
    same exceptions, served by the world it was made from."""

    _paginator_class = Paginator
    _waiter_class = Waiter
    _normalized_method_class = NormalizedOperationMethod

    def close(self) -> None:
        """Nothing to close (boto3's client closes its connection pool), so
        code that closes its clients runs unchanged."""


def _operation_method(operation: str, method: str, cls: type[Client], asynchronous: bool) -> Callable[..., Any]:
    """The client method `method` of `operation`: keyword arguments only, as
    boto3's. The engine answers every operation: the parameters are validated
    as botocore validates them, then one the engine lacks raises
    ``NotImplementedError``. An async client's method is a coroutine function
    around the same method, raising when awaited, as aiobotocore's."""

    def api_call(self: Client, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args:
            raise TypeError(f"{method}() only accepts keyword arguments.")
        return self._call(operation, kwargs)

    result: Callable[..., Any] = api_call
    if asynchronous:

        async def async_api_call(self: Client, *args: Any, **kwargs: Any) -> dict[str, Any]:
            return api_call(self, *args, **kwargs)

        result = async_api_call
    result.__name__ = method
    result.__qualname__ = f"{cls.__name__}.{method}"
    result.__doc__ = f"Redshift {operation}."
    return result


def add_operations(cls: type[Client], *, asynchronous: bool) -> None:
    """Gives `cls` a method for every operation of the model."""
    for method, operation in _model.method_names().items():
        setattr(cls, method, _operation_method(operation, method, cls, asynchronous))


add_operations(RedshiftClient, asynchronous=False)


def client(region_name: str = DEFAULT_REGION, *, account_id: str | None = None) -> RedshiftClient:
    """A client of a fresh world whose account is `account_id` (default
    ``DEFAULT_ACCOUNT_ID``); ``client.fake`` is that world."""
    return FakeRedshift(account_id=DEFAULT_ACCOUNT_ID if account_id is None else account_id).client(region_name)
