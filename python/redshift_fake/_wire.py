"""The Query-protocol door: real AWS clients talking to a world.

Two ways in, both answered by the engine's XML door (``World.handle_query``):

- :func:`botocore_client`: a genuine botocore client (its own serializer,
  parser, retries, paginators, waiters and error factory) whose HTTP requests
  are answered in process, without a socket.
- :func:`serve` / ``python -m redshift_fake serve``: an HTTP endpoint for any
  AWS SDK or the AWS CLI.

Who calls, over HTTP: any credentials are accepted. An access key id of
exactly 12 digits is taken as the caller's account id (so
``AWS_ACCESS_KEY_ID=210987654321`` acts as account 210987654321); any other
key acts as the world's default account (``FakeRedshift(account_id=...)``,
123456789012 unless set). The region is the one of the SigV4 credential
scope (``Credential=KEY/DATE/REGION/redshift/aws4_request``), us-east-1 when
the request is not signed.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import socket
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import botocore
import botocore.session
import botocore.utils
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from ._controls import DEFAULT_REGION, is_account_id

if TYPE_CHECKING:
    from ._client import FakeRedshift

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/")

# One botocore session for every client: loading the service model is the
# slow part of making a client, and the session caches it. Sessions are not
# thread-safe, so clients are made under a lock.
_SESSION: botocore.session.Session | None = None
_SESSION_LOCK = threading.Lock()
# No request leaves the process and the account is the client's, not its
# credentials': signing would only cost time (a fifth of botocore's per call).
_CLIENT_CONFIG = Config(signature_version=botocore.UNSIGNED)


def _parse_timestamp(text: str) -> datetime.datetime:
    """The XML door's timestamps (``2026-01-01T00:00:00.000Z``) as UTC
    datetimes, like the in-process client's; anything else as botocore parses
    it. dateutil, botocore's default, is a third of its time per call."""
    try:
        parsed = datetime.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return botocore.utils.parse_timestamp(text)
    if parsed.tzinfo is None:
        return botocore.utils.parse_timestamp(text)
    return parsed.astimezone(datetime.timezone.utc)


def _session() -> botocore.session.Session:
    global _SESSION
    if _SESSION is None:
        _SESSION = botocore.session.Session()
        parsers = _SESSION.get_component("response_parser_factory")
        parsers.set_parser_defaults(timestamp_parser=_parse_timestamp)
    return _SESSION


class _Body:
    """The raw body of an in-process response, as botocore reads it."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    def stream(self, **_: Any) -> Iterator[bytes]:
        return iter((self._content,))


def botocore_client(fake: FakeRedshift, region_name: str, account_id: str) -> Any:
    """A botocore Redshift client of `fake`'s world, as `account_id` in `region_name`."""
    with _SESSION_LOCK:
        client = _session().create_client("redshift", region_name=region_name, config=_CLIENT_CONFIG)
    # botocore rebuilds the User-Agent header from its parts twice a request
    # (another fifth of its time); nobody reads it here, so it is built once.
    user_agent = getattr(client, "_user_agent_creator", None)
    if user_agent is not None:
        frozen = user_agent.to_string()
        user_agent.to_string = lambda: frozen
    handle_query = fake._world.handle_query

    def answer(request: Any, **_: Any) -> AWSResponse:
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        status, headers, content = handle_query(body or b"", account_id, region_name)
        if status == 501:
            # An operation the fake lacks: raised as the in-process client does.
            raise NotImplementedError(ElementTree.fromstring(content).findtext("*/{*}Message"))
        # AWSResponse takes any header pairs (it wraps them in a HeadersDict);
        # botocore-stubs asks for HTTPHeaders.
        return AWSResponse(request.url, status, headers, _Body(content))  # type: ignore[arg-type]

    # A before-send handler that returns a response answers the request;
    # botocore-stubs types handlers as returning None.
    client.meta.events.register("before-send.redshift", answer)  # type: ignore[arg-type]
    return client


def caller(fake: FakeRedshift, authorization: str, query: str) -> tuple[str, str]:
    """The (account, region) a request speaks for, from its SigV4
    `Authorization` header or its presigned query string."""
    found = _CREDENTIAL.search(authorization)
    if found is None and "X-Amz-Credential" in query:
        credential = parse_qs(query).get("X-Amz-Credential", [""])[0]
        found = _CREDENTIAL.search(f"Credential={credential}")
    if found is None:
        return fake.account_id, DEFAULT_REGION
    key, region = found.groups()
    return (key if is_account_id(key) else fake.account_id), region


class _Handler(BaseHTTPRequestHandler):
    """Any path, GET or POST: the Query parameters are the query string and
    the form-encoded body together."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self._answer(b"")

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.send_error(400, "Content-Length is not a number")
            return
        self._answer(self.rfile.read(length) if length > 0 else b"")

    def _answer(self, body: bytes) -> None:
        query = urlsplit(self.path).query
        if query:
            body = query.encode("latin-1") + (b"&" + body if body else b"")
        account, region = caller(self.server.fake, self.headers.get("Authorization", ""), query)
        status, headers, content = self.server.fake._world.handle_query(body, account, region)
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a test suite's output is no place for an access log."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeRedshift, host: str, port: int) -> None:
        self.fake = fake
        # Open connections, so that closing the server ends them too: a
        # client's pooled keep-alive connection would otherwise still be
        # answered by its handler thread after the server has closed.
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        """Stops listening and ends every open connection."""
        super().server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def make_server(fake: FakeRedshift, host: str = "127.0.0.1", port: int = 0) -> _Server:
    """An HTTP server of `fake`'s world, bound but not yet serving."""
    return _Server(fake, host, port)


@contextlib.contextmanager
def serve(fake: FakeRedshift, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serves `fake`'s world over HTTP in a background thread while the
    context lasts; yields the endpoint URL (`port=0` picks a free port)."""
    server = make_server(fake, host, port)
    # shutdown() waits for the loop's next poll: half a second by default,
    # which every test using the endpoint would pay on the way out.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="redshift-fake-serve", daemon=True
    )
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
