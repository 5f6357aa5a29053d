"""The boto3-shaped Redshift client and the world it talks to."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar

from botocore.client import BaseClient, ClientMeta
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
        snapshot_schedule_quota: int = 100,
        snapshot_copy_grant_quota: int = 100,
        table_restore_seconds: float = 0.0,
        snapshot_schedule_update_seconds: float = 0.0,
        event_subscription_quota: int = 20,
        parameter_group_quota: int = 20,
        scheduled_action_quota: int = 100,
        security_group_quota: int = 20,
        subnet_group_quota: int = 20,
        usage_limit_quota: int = 3,
        cluster_pausing_seconds: float = 0.0,
        cluster_resuming_seconds: float = 0.0,
        cluster_rebooting_seconds: float = 0.0,
        cluster_modifying_seconds: float = 0.0,
        cluster_resizing_seconds: float = 0.0,
        key_rotation_seconds: float = 0.0,
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
            snapshot_schedule_quota=snapshot_schedule_quota,
            snapshot_copy_grant_quota=snapshot_copy_grant_quota,
            table_restore_seconds=table_restore_seconds,
            snapshot_schedule_update_seconds=snapshot_schedule_update_seconds,
            event_subscription_quota=event_subscription_quota,
            parameter_group_quota=parameter_group_quota,
            scheduled_action_quota=scheduled_action_quota,
            security_group_quota=security_group_quota,
            subnet_group_quota=subnet_group_quota,
            usage_limit_quota=usage_limit_quota,
            cluster_pausing_seconds=cluster_pausing_seconds,
            cluster_resuming_seconds=cluster_resuming_seconds,
            cluster_rebooting_seconds=cluster_rebooting_seconds,
            cluster_modifying_seconds=cluster_modifying_seconds,
            cluster_resizing_seconds=cluster_resizing_seconds,
            key_rotation_seconds=key_rotation_seconds,
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

    def client(
        self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None, principal: str | None = None
    ) -> RedshiftClient:
        """A boto3-shaped Redshift client of this world, as `account_id`
        (default: the world's account) in `region_name`, acting as the IAM
        `principal` (an ARN of an IAM user, role or assumed-role session of
        that account; default: the account's user ``redshift-fake``). A
        malformed region name raises botocore's ``InvalidRegionError``, as
        ``boto3.client`` does; a principal that is not of the account,
        ``ValueError``."""
        validate_region_name(region_name)
        return RedshiftClient(self, region_name, self._account(account_id), principal)

    def aio_client(
        self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None, principal: str | None = None
    ) -> AioRedshiftClient:
        """An aiobotocore-shaped Redshift client of this world (``async with
        fake.aio_client("us-east-1") as client: await client.describe_clusters()``),
        answered by the same engine as :meth:`client`, with the same account
        and principal. Needs aiobotocore (``pip install redshift-fake[aio]``)
        for its paginators and waiters."""
        from ._aio import AioRedshiftClient

        validate_region_name(region_name)
        return AioRedshiftClient(self, region_name, self._account(account_id), principal)

    def reset(self) -> None:
        """Empties the world, its call log and its injected faults (settings and
        clock stay). Existing clients keep working on the emptied world."""
        self._world.reset()

    def botocore_client(
        self, region_name: str = DEFAULT_REGION, *, account_id: str | None = None, principal: str | None = None
    ) -> Any:
        """A genuine botocore Redshift client whose requests this world answers
        in process, through the Query-protocol XML door (no socket), as
        `account_id` acting as `principal` (as for :meth:`client`)."""
        account = self._account(account_id)
        return _wire.botocore_client(self, region_name, account, _core.check_principal(account, region_name, principal))

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractContextManager[str]:
        """Serves this world over HTTP while the context lasts; yields the
        endpoint URL. An access key id of 12 digits selects that account."""
        return _wire.serve(self, host, port)


def client_meta(region_name: str) -> ClientMeta:
    """``client.meta``: botocore's own ``ClientMeta``, with what a client of
    ``region_name`` has (its config, endpoint, model, events, partition)."""
    partition, dns_suffix = _core.partition(region_name)
    return ClientMeta(
        HierarchicalEmitter(),
        Config(region_name=region_name),
        f"https://redshift.{region_name}.{dns_suffix}",
        _model.service_model(),
        dict(_model.method_names()),
        partition,
    )


class Client(BaseClient):
    """What the fake clients share, sync or async: one door into the world
    (the engine's ``Door.call``, which validates, runs the operation and
    raises the model's botocore exceptions), ``meta``, ``exceptions``,
    paginators and waiters. A subclass names its library's paginator,
    waiter and waiter-method classes.

    It is a ``botocore.client.BaseClient``, as tools check what they were
    handed (Airflow's ``RedshiftHook.get_waiter`` reads ``conn.meta.client``
    of anything else), with botocore's own ``ClientMeta``; botocore's
    ``__init__`` is not run, since it wires an endpoint, a signer and a
    parser the fake has no use for."""

    _paginator_class: ClassVar[type[Paginator[Any]]]
    _waiter_class: ClassVar[type[Waiter]]
    _normalized_method_class: ClassVar[type[Any]]
    _PY_TO_OP_NAME: ClassVar[dict[str, str]]

    def __init__(self, fake: FakeRedshift, region_name: str, account_id: str, principal: str | None = None) -> None:
        # `meta` first: BaseClient's __getattr__ reads it.
        self.meta = client_meta(region_name)
        self._exceptions = _model.client_exceptions()
        self.fake = fake
        door = _core.Door(
            fake._world,
            account_id,
            region_name,
            _model.exceptions_by_code(),
            ClientError,
            _model.client_model(),
            principal,
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
    boto3's: the parameters are validated as botocore validates them, then
    the engine answers. An async client's method is a coroutine function
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
    cls._PY_TO_OP_NAME = dict(_model.method_names())
    for method, operation in _model.method_names().items():
        setattr(cls, method, _operation_method(operation, method, cls, asynchronous))


add_operations(RedshiftClient, asynchronous=False)


def client(region_name: str = DEFAULT_REGION, *, account_id: str | None = None) -> RedshiftClient:
    """A client of a fresh world whose account is `account_id` (default
    ``DEFAULT_ACCOUNT_ID``); ``client.fake`` is that world."""
    return FakeRedshift(account_id=DEFAULT_ACCOUNT_ID if account_id is None else account_id).client(region_name)
