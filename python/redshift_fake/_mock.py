"""``mock_boto3``: while active, boto3, botocore and aiobotocore hand out
clients of a fake world for ``redshift``, and real clients for every other
service.

The patch acts on ``botocore.session.Session.create_client`` itself, the one
method every boto3 client comes from (``boto3.client``,
``boto3.session.Session().client``, ``botocore.session.get_session()
.create_client``), and, when aiobotocore is installed, on
``aiobotocore.session.AioSession.create_client``, the one every aiobotocore
client comes from; so it holds process-wide: in every thread, for sessions
made before or after it, whatever a module imported. Activations stack: the
innermost active world serves new clients, and the patch comes off when the
last one ends.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar, overload

import botocore.credentials
import botocore.exceptions
import botocore.session

from ._client import FakeRedshift
from ._controls import is_account_id

_F = TypeVar("_F", bound=Callable[..., Any])

_lock = threading.Lock()
# (token, world) of every activation, innermost last.
_active: list[tuple[object, FakeRedshift]] = []
# (class, its own create_client) of every patched session class.
_originals: list[tuple[type[botocore.session.Session], Callable[..., Any]]] = []


def _account_of(session: botocore.session.Session, arguments: dict[str, Any]) -> str | None:
    """The account a client is for: ``aws_account_id=``, else a 12-digit
    ``aws_access_key_id=``, else the same from credentials set on the session
    (``boto3.session.Session(aws_access_key_id=...)``), else from the
    environment (``AWS_ACCOUNT_ID``, then a 12-digit ``AWS_ACCESS_KEY_ID``);
    ``None`` for the world's default account."""
    given: str | None = arguments.get("aws_account_id")
    if given is not None:
        return given  # checked by FakeRedshift.client, as boto3 would use it
    candidates = [arguments.get("aws_access_key_id")]
    # Only credentials set by hand: resolving others could reach the network.
    credentials = getattr(session, "_credentials", None)
    if isinstance(credentials, botocore.credentials.Credentials) and not isinstance(
        credentials, botocore.credentials.RefreshableCredentials
    ):
        candidates += [getattr(credentials, "account_id", None), credentials.access_key]
    candidates += [os.environ.get("AWS_ACCOUNT_ID"), os.environ.get("AWS_ACCESS_KEY_ID")]
    return next((c for c in candidates if is_account_id(c)), None)


def _region_of(session: botocore.session.Session, arguments: dict[str, Any]) -> str:
    """The region as botocore resolves it: the argument, the client config
    (merged over the session's default one), then the session's
    configuration (``AWS_DEFAULT_REGION``, the profile,
    ``Session(region_name=...)``)."""
    region: str | None = arguments.get("region_name")
    for config in (arguments.get("config"), session.get_default_client_config()):
        if region is None:
            region = getattr(config, "region_name", None)
    if region is None:
        region = session.get_config_variable("region")
    if region is None:
        raise botocore.exceptions.NoRegionError()
    return region


def _patched(
    original: Callable[..., Any],
    signature: inspect.Signature,
    make: Callable[[FakeRedshift, botocore.session.Session, dict[str, Any]], Any],
) -> Callable[..., Any]:
    """A ``create_client`` that answers ``make(world, session, arguments)``
    for Redshift while a world is active, and calls `original` otherwise."""

    @functools.wraps(original)
    def create_client(self: botocore.session.Session, *args: Any, **kwargs: Any) -> Any:
        top = _active[-1:]  # one atomic read, whatever other threads do
        if top:
            try:
                arguments = signature.bind(self, *args, **kwargs).arguments
            except TypeError:
                arguments = {}  # let botocore word the error
            if arguments.get("service_name") == "redshift":
                return make(top[0][1], self, arguments)
        return original(self, *args, **kwargs)

    return create_client


def _client(world: FakeRedshift, session: botocore.session.Session, arguments: dict[str, Any]) -> Any:
    return world.client(_region_of(session, arguments), account_id=_account_of(session, arguments))


def _aio_client(world: FakeRedshift, session: botocore.session.Session, arguments: dict[str, Any]) -> Any:
    """What ``AioSession.create_client`` returns: aiobotocore's own async
    context manager, which makes the client (and raises what resolving the
    region raises) when entered."""
    from aiobotocore.session import ClientCreatorContext

    async def create() -> Any:
        return world.aio_client(_region_of(session, arguments), account_id=_account_of(session, arguments))

    return ClientCreatorContext(create())


def _targets() -> list[tuple[type[botocore.session.Session], inspect.Signature, Callable[..., Any]]]:
    """(session class, signature of its create_client, client maker) of
    each library installed: botocore, and aiobotocore if it is installed
    (imported now, so that it is patched before any of its sessions exist)."""
    targets = [(botocore.session.Session, inspect.signature(botocore.session.Session.create_client), _client)]
    if importlib.util.find_spec("aiobotocore") is not None:
        try:
            from aiobotocore.session import AioSession
        except ImportError:  # an aiobotocore its botocore cannot load: nothing of it can run
            return targets
        # create_client(*args, **kwargs) hands its arguments to _create_client.
        targets.append((AioSession, inspect.signature(AioSession._create_client), _aio_client))
    return targets


def _install() -> None:
    for cls, signature, make in _targets():
        original = cls.__dict__["create_client"]
        _originals.append((cls, original))
        cls.create_client = _patched(original, signature, make)  # type: ignore[method-assign]


def _uninstall() -> None:
    while _originals:
        cls, original = _originals.pop()
        cls.create_client = original  # type: ignore[method-assign]


def _activate(world: FakeRedshift) -> object:
    token = object()
    with _lock:
        if not _active:
            _install()
        _active.append((token, world))
    return token


def _deactivate(token: object) -> None:
    with _lock:
        _active[:] = [entry for entry in _active if entry[0] is not token]
        if not _active:
            _uninstall()


class MockBoto3:
    """What ``mock_boto3()`` returns: a context manager (``with mock_boto3()
    as fake:``) and a decorator (``@mock_boto3()``). Without a world of its
    own, each activation gets a fresh ``FakeRedshift``."""

    def __init__(self, fake: FakeRedshift | None = None) -> None:
        if fake is not None and not isinstance(fake, FakeRedshift):
            raise TypeError(f"mock_boto3() takes a FakeRedshift, got {type(fake).__name__}")
        self.fake = fake
        self._tokens: list[object] = []

    def __enter__(self) -> FakeRedshift:
        world = self.fake if self.fake is not None else FakeRedshift()
        self._tokens.append(_activate(world))
        return world

    def __exit__(self, *exc_info: object) -> None:
        _deactivate(self._tokens.pop())

    def __call__(self, func: _F) -> _F:
        if inspect.isclass(func):
            raise TypeError("mock_boto3 decorates functions and methods, not classes")
        fake = self.fake
        if inspect.isasyncgenfunction(func):
            raise TypeError("mock_boto3 cannot decorate an async generator function: use `with mock_boto3():` in it")
        if inspect.isgeneratorfunction(func):
            # Active while the generator runs, not only while it is made: a
            # yield fixture would otherwise hand out real clients.

            @functools.wraps(func)
            def run_generator(*args: Any, **kwargs: Any) -> Any:
                with MockBoto3(fake):
                    return (yield from func(*args, **kwargs))

            return run_generator  # type: ignore[return-value]
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with MockBoto3(fake):
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            with MockBoto3(fake):
                return func(*args, **kwargs)

        return run  # type: ignore[return-value]


@overload
def mock_boto3(fake: FakeRedshift | None = None) -> MockBoto3: ...
@overload
def mock_boto3(fake: _F) -> _F: ...
def mock_boto3(fake: Any = None) -> Any:
    """Makes ``boto3.client("redshift", ...)`` (and every other way boto3 and
    botocore make clients) return clients of ``fake`` (default: a fresh world
    per activation), in the region and account asked for; every other
    service is untouched. Use as ``with mock_boto3(fake):``, or as
    ``@mock_boto3(fake)``, ``@mock_boto3()`` or ``@mock_boto3`` on a function,
    a coroutine function or a generator function (a yield fixture: the patch
    holds until the generator ends)."""
    if callable(fake) and not isinstance(fake, FakeRedshift):
        return MockBoto3()(fake)
    return MockBoto3(fake)
