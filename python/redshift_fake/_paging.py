"""Paginators and waiters: botocore's own classes over the fake client's methods.

The definitions come from the installed botocore's ``paginators-1`` and
``waiters-2`` files for Redshift, read with botocore's loader, so paging
(``PaginationConfig``, ``build_full_result()``, ``search()``, a tool's own
``PAGE_ITERATOR_CLS``) and waiting (acceptors, ``Delay``, ``MaxAttempts``,
``WaiterConfig``, the ``WaiterError`` text) are botocore's behaviour, not a
copy of it. Only operations the engine implements get a paginator or waiter.

A waiter does not sleep: between two attempts it moves the world's clock
forward by the delay, so a 15-second delay costs nothing. Like any
``clock.advance``, that stops the clock (it no longer follows the system clock).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from botocore import xform_name
from botocore.docs.docstring import PaginatorDocstring, WaiterDocstring
from botocore.exceptions import OperationNotPageableError
from botocore.paginate import Paginator
from botocore.utils import get_service_module_name
from botocore.waiter import Waiter, WaiterModel

from . import _model

if TYPE_CHECKING:
    from ._client import Client
    from ._clock import Clock


@functools.cache
def _definitions(type_name: str) -> dict[str, Any]:
    """One of botocore's model files for Redshift (``paginators-1``, ``waiters-2``)."""
    service = _model.service_model()
    definitions: dict[str, Any] = _model.data_loader().load_service_model(
        service.service_name, type_name, service.api_version
    )
    return definitions


@functools.cache
def waiter_model() -> WaiterModel:
    """botocore's ``WaiterModel`` of Redshift's waiter definitions."""
    return WaiterModel(_definitions("waiters-2"))


def can_paginate(client: Client, operation_name: str) -> bool:
    """Whether `operation_name` (a method name) has a paginator the fake serves.
    An unknown method name raises ``KeyError``, as botocore's client does."""
    operation = client.meta.method_to_api_mapping[operation_name]
    return operation in _definitions("paginators-1")["pagination"] and operation in _model.served()


def get_paginator(client: Client, operation_name: str) -> Paginator[Any]:
    """The client's kind of paginator (botocore's ``Paginator``, aiobotocore's
    ``AioPaginator``) for `operation_name`, driving the client's method."""
    base = client._paginator_class
    operation = client.meta.method_to_api_mapping[operation_name]
    config = _definitions("paginators-1")["pagination"].get(operation)
    if config is None or operation not in _model.served():
        raise OperationNotPageableError(operation_name=operation_name)
    service = client.meta.service_model

    def paginate(self: Paginator[Any], **kwargs: Any) -> Any:
        return base.paginate(self, **kwargs)

    paginate.__doc__ = PaginatorDocstring(
        paginator_name=operation,
        event_emitter=client.meta.events,
        service_model=service,
        paginator_config=config,
        include_signature=False,
    )
    # A class per paginator, as botocore makes them, so that a tool setting
    # PAGE_ITERATOR_CLS on one paginator's class touches no other paginator.
    name = f"{get_service_module_name(service)}.Paginator.{operation}"
    cls = type(name, (base,), {"paginate": paginate})
    paginator: Paginator[Any] = cls(getattr(client, operation_name), config, service.operation_model(operation))
    return paginator


def waiter_names() -> list[str]:
    """The snake_case names of the waiters the fake serves."""
    model = waiter_model()
    return [xform_name(n) for n in model.waiter_names if model.get_waiter(n).operation in _model.served()]


class ClockWaiter(Waiter):
    """A waiter that waits on the world's clock instead of sleeping. Its
    attempts are made by a plain waiter of the client's kind (botocore's
    ``Waiter``, aiobotocore's ``AIOWaiter``), so acceptors, ``WaiterConfig``
    and the ``WaiterError`` text are that library's."""

    # `config` is a SingleWaiterConfig (botocore-stubs says a Mapping).
    def __init__(
        self, name: str, config: Any, method: Callable[..., Any], clock: Clock, plain: type[Waiter]
    ) -> None:
        super().__init__(name, config, method)
        self._method = method
        self._delay: float = config.delay
        self._clock = clock
        self._plain = plain

    def wait(self, **kwargs: Any) -> Any:
        # The plain waiter sleeps `Delay` between attempts; here it sleeps 0
        # and the clock moves by `Delay` right before the next attempt
        # instead. Each call gets its own plain waiter, so concurrent waits
        # share no state. An AIOWaiter's answer is a coroutine to await.
        waiter_config = dict(kwargs.pop("WaiterConfig", {}))
        delay = waiter_config.get("Delay", self._delay)
        waiter_config["Delay"] = 0
        paced = _Paced(self._method, self._clock, delay)
        return self._plain(self.name, self.config, paced).wait(WaiterConfig=waiter_config, **kwargs)


class _Paced:
    """An operation method that moves the clock by `delay` before every call
    but the first (for an async method: before the call is awaited)."""

    def __init__(self, method: Callable[..., Any], clock: Clock, delay: float) -> None:
        self._method = method
        self._clock = clock
        self._delay = delay
        self._called = False

    def __call__(self, **kwargs: Any) -> Any:
        if self._called:
            self._clock.advance(self._delay)
        self._called = True
        return self._method(**kwargs)


def get_waiter(client: Client, waiter_name: str) -> ClockWaiter:
    """The waiter `waiter_name` (snake_case), polling the client's method on
    its world's clock; for an async client, its ``wait`` is a coroutine."""
    model = waiter_model()
    names = {xform_name(n): n for n in model.waiter_names}
    if waiter_name not in waiter_names():
        raise ValueError(f"Waiter does not exist: {waiter_name}")
    name = names[waiter_name]
    config = model.get_waiter(name)
    service = client.meta.service_model
    plain = client._waiter_class

    if inspect.iscoroutinefunction(plain.wait):

        async def wait(self: ClockWaiter, **kwargs: Any) -> Any:
            return await ClockWaiter.wait(self, **kwargs)

    else:

        def wait(self: ClockWaiter, **kwargs: Any) -> Any:  # type: ignore[misc]
            return ClockWaiter.wait(self, **kwargs)

    wait.__doc__ = WaiterDocstring(
        waiter_name=name,
        event_emitter=client.meta.events,
        service_model=service,
        service_waiter_model=model,
        include_signature=False,
    )
    # The plain waiter's class among the bases, as the library makes its own.
    cls = type(f"{get_service_module_name(service)}.Waiter.{name}", (ClockWaiter, plain), {"wait": wait})
    method = client._normalized_method_class(getattr(client, xform_name(config.operation)))
    waiter: ClockWaiter = cls(name, config, method, client.fake.clock, plain)
    return waiter
