"""The native engine (Rust). Private: use ``redshift_fake``'s public API."""

import datetime
from typing import Any, final

from botocore.exceptions import ClientError

SERVICE_MODEL_JSON: str
IMPLEMENTED_OPERATIONS: list[str]
MAX_REQUEST_BYTES: int

@final
class ServiceModel:
    def __new__(cls, json: str) -> ServiceModel: ...

@final
class World:
    def __new__(
        cls,
        *,
        manual_snapshot_quota: int = 20,
        snapshot_authorization_quota: int = 20,
        snapshot_creation_seconds: float = 0.0,
        cluster_creation_seconds: float = 0.0,
        cluster_deletion_seconds: float = 0.0,
    ) -> World: ...
    def reset(self) -> None: ...
    def clock_now(self) -> datetime.datetime: ...
    def clock_is_fixed(self) -> bool: ...
    def clock_set(self, micros: int) -> None: ...
    def clock_advance(self, micros: int) -> None: ...
    def handle_query(self, body: bytes, account: str, region: str) -> tuple[int, list[tuple[str, str]], bytes]: ...

@final
class Door:
    def __new__(
        cls,
        world: World,
        account: str,
        region: str,
        exceptions: dict[str, type[ClientError]],
        client_error: type[ClientError],
        client_model: ServiceModel | None = None,
    ) -> Door: ...
    def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]: ...

def not_implemented_message(operation: str) -> str: ...
def partition(region: str) -> tuple[str, str]: ...

# Test-author controls (src/py/controls.rs).
def world_inject_error(world: World, operation: str, code: str, message: str | None, count: int) -> None: ...
def world_calls(world: World, start: int) -> list[tuple[str, dict[str, Any], str, str, str | None]]: ...
def world_set_snapshot_status(
    world: World, region: str, account: str, snapshot_identifier: str, status: str | None
) -> None: ...
def world_seed_snapshot(
    world: World, region: str, account: str, members: dict[str, Any], automated_retention_days: int | None
) -> dict[str, Any]: ...
def world_save_json(world: World, account_id: str) -> str: ...
def world_load_json(world: World, text: str) -> str: ...
