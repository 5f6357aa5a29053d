"""Types of redshift-fake's public API.

The client's methods take their types from the boto3 stubs of Redshift
(``pip install redshift-fake[typing]``, which installs
``boto3-stubs[redshift]``): ``RedshiftClient`` is declared a subclass of
``mypy_boto3_redshift.RedshiftClient``, so a type checker accepts a fake client
wherever a real one is expected. Without those stubs the client is untyped.
Every name in ``redshift_fake.__all__`` is declared here (a test holds it).
The docstrings are the runtime's: editors read them from the source.
"""

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, TypeVar, overload

from mypy_boto3_redshift.client import RedshiftClient as _BotoRedshiftClient
from mypy_boto3_redshift.type_defs import SnapshotTypeDef

from ._clock import Clock
from ._controls import Call as Call
from ._controls import CallLog as CallLog
from ._controls import Denial as Denial

_F = TypeVar("_F", bound=Callable[..., Any])
_World = TypeVar("_World", bound=FakeRedshift)

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "Call",
    "CallLog",
    "Denial",
    "FakeRedshift",
    "MockBoto3",
    "RedshiftClient",
    "client",
    "mock_boto3",
]

DEFAULT_ACCOUNT_ID: str

class FakeRedshift:
    account_id: str
    clock: Clock
    def __init__(
        self,
        *,
        account_id: str = ...,
        manual_snapshot_quota: int = ...,
        snapshot_authorization_quota: int = ...,
        snapshot_creation_seconds: float = ...,
        cluster_creation_seconds: float = ...,
        cluster_deletion_seconds: float = ...,
        snapshot_schedule_quota: int = ...,
        snapshot_copy_grant_quota: int = ...,
        table_restore_seconds: float = ...,
        snapshot_schedule_update_seconds: float = ...,
        event_subscription_quota: int = ...,
        parameter_group_quota: int = ...,
        scheduled_action_quota: int = ...,
        security_group_quota: int = ...,
        subnet_group_quota: int = ...,
        usage_limit_quota: int = ...,
        cluster_pausing_seconds: float = ...,
        cluster_resuming_seconds: float = ...,
        cluster_rebooting_seconds: float = ...,
        cluster_modifying_seconds: float = ...,
        cluster_resizing_seconds: float = ...,
        key_rotation_seconds: float = ...,
        authentication_profile_quota: int = ...,
        hsm_client_certificate_quota: int = ...,
        hsm_configuration_quota: int = ...,
        endpoint_creation_seconds: float = ...,
        endpoint_modification_seconds: float = ...,
        endpoint_deletion_seconds: float = ...,
        integration_creation_seconds: float = ...,
        integration_deletion_seconds: float = ...,
        reserved_node_payment_seconds: float = ...,
        reserved_node_exchange_seconds: float = ...,
        record_calls: bool = ...,
    ) -> None: ...
    def client(
        self, region_name: str = ..., *, account_id: str | None = ..., principal: str | None = ...
    ) -> RedshiftClient: ...
    def aio_client(
        self, region_name: str = ..., *, account_id: str | None = ..., principal: str | None = ...
    ) -> AioRedshiftClient: ...
    def reset(self) -> None: ...
    def botocore_client(
        self, region_name: str = ..., *, account_id: str | None = ..., principal: str | None = ...
    ) -> _BotoRedshiftClient: ...
    def serve(self, host: str = ..., port: int = ...) -> AbstractContextManager[str]: ...
    def set_snapshot_status(
        self,
        snapshot_identifier: str,
        status: str | None,
        *,
        region_name: str = ...,
        account_id: str | None = ...,
    ) -> None: ...
    def seed_snapshot(
        self,
        *,
        region_name: str = ...,
        account_id: str | None = ...,
        automated_retention_days: int | None = ...,
        **members: Any,
    ) -> SnapshotTypeDef: ...
    def add_snapshot_tables(
        self,
        snapshot_identifier: str,
        tables: Iterable[tuple[str, str, str]],
        *,
        region_name: str = ...,
        account_id: str | None = ...,
    ) -> None: ...
    def create_data_share(
        self,
        cluster_identifier: str,
        data_share_name: str,
        *,
        consumers: Sequence[str] = ...,
        allow_publicly_accessible_consumers: bool = ...,
        region_name: str = ...,
        account_id: str | None = ...,
    ) -> str: ...
    def inject_error(
        self,
        operation_name: str,
        code: str,
        *,
        message: str | None = ...,
        count: int = ...,
    ) -> None: ...
    def add_bucket(self, name: str, *, region_name: str = ..., redshift_can_write: bool = ...) -> None: ...
    def add_sns_topic(self, arn: str) -> None: ...
    def add_kms_key(self, arn: str) -> None: ...
    def add_vpc(
        self,
        vpc_id: str,
        subnets: dict[str, str],
        *,
        region_name: str = ...,
        account_id: str | None = ...,
    ) -> None: ...
    def put_identity_policy(self, principal: str, policy_name: str, document: Mapping[str, Any] | str) -> None: ...
    def delete_identity_policy(self, principal: str, policy_name: str) -> None: ...
    @property
    def calls(self) -> CallLog: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    @classmethod
    def load(cls: type[_World], path: str | os.PathLike[str]) -> _World: ...

class RedshiftClient(_BotoRedshiftClient):
    fake: FakeRedshift
    def __init__(
        self, fake: FakeRedshift, region_name: str, account_id: str, principal: str | None = ...
    ) -> None: ...

class AioRedshiftClient:
    """``redshift_fake.AioRedshiftClient`` (needs aiobotocore): its methods
    are the operations' coroutine functions, untyped here."""

    fake: FakeRedshift
    def __init__(
        self, fake: FakeRedshift, region_name: str, account_id: str, principal: str | None = ...
    ) -> None: ...
    async def __aenter__(self) -> AioRedshiftClient: ...
    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None: ...
    async def close(self) -> None: ...
    def __getattr__(self, name: str) -> Any: ...

def client(region_name: str = ..., *, account_id: str | None = ...) -> RedshiftClient: ...

class MockBoto3:
    fake: FakeRedshift | None
    def __init__(self, fake: FakeRedshift | None = ...) -> None: ...
    def __enter__(self) -> FakeRedshift: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def __call__(self, func: _F) -> _F: ...

@overload
def mock_boto3(fake: FakeRedshift | None = ...) -> MockBoto3: ...
@overload
def mock_boto3(fake: _F) -> _F: ...
