"""The native engine (Rust). Private: use ``redshift_fake``'s public API."""

import datetime
from typing import Any, Dict, List, Tuple, Type

SERVICE_MODEL_JSON: str
IMPLEMENTED_OPERATIONS: List[str]

class World:
    def __init__(
        self,
        *,
        manual_snapshot_quota: int = 20,
        snapshot_authorization_quota: int = 20,
        snapshot_creation_seconds: float = 0.0,
        cluster_creation_seconds: float = 0.0,
        cluster_deletion_seconds: float = 0.0,
    ) -> None: ...
    def reset(self) -> None: ...
    def clock_now(self) -> datetime.datetime: ...
    def clock_is_fixed(self) -> bool: ...
    def clock_set(self, micros: int) -> None: ...
    def clock_advance(self, micros: int) -> None: ...
    def handle_query(self, body: bytes, account: str, region: str) -> Tuple[int, List[Tuple[str, str]], bytes]: ...

class Door:
    def __init__(
        self,
        world: World,
        account: str,
        region: str,
        exceptions: Dict[str, Type[BaseException]],
        client_error: Type[BaseException],
    ) -> None: ...
    def call(self, operation: str, params: Dict[str, Any]) -> Dict[str, Any]: ...
