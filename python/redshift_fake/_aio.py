"""The async client, for code that talks to Redshift through aiobotocore
(Airflow's deferrable operators, asyncio services).

It is the sync client's twin: the same door into the engine, the same
exceptions, meta and paginator/waiter definitions (``Client``); only its
methods are coroutine functions, and its paginators and waiters are
aiobotocore's own classes (``AioPaginator``, ``AIOWaiter``), which a waiter
drives on the world's clock instead of sleeping.
"""

from __future__ import annotations

from types import TracebackType

from aiobotocore.paginate import AioPaginator
from aiobotocore.waiter import AIOWaiter
from aiobotocore.waiter import NormalizedOperationMethod as AioNormalizedOperationMethod

from ._client import Client, add_operations


class AioRedshiftClient(Client):
    """A fake of aiobotocore's Redshift client (``session.create_client("redshift")``):
    an async context manager whose methods are coroutines, served by the
    world it was made from."""

    _paginator_class = AioPaginator
    _waiter_class = AIOWaiter
    _normalized_method_class = AioNormalizedOperationMethod

    async def __aenter__(self) -> AioRedshiftClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:  # type: ignore[override]  # aiobotocore's close is a coroutine
        """Nothing to close (aiobotocore's client closes its HTTP session)."""


add_operations(AioRedshiftClient, asynchronous=True)
