"""The native engine (Rust). Private: use ``redshift_fake``'s public API."""

from typing import Any, Dict, List, Tuple, Type

SERVICE_MODEL_JSON: str
IMPLEMENTED_OPERATIONS: List[str]

class World:
    def __init__(self, *, manual_snapshot_quota: int = 20, snapshot_authorization_quota: int = 20) -> None: ...
    def reset(self) -> None: ...
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
