"""The Query-protocol door: real AWS clients talking to a world.

Two ways in, both answered by the engine's XML door (``World.handle_query``):

- :func:`botocore_client`: a genuine botocore client (its own serializer,
  parser, retries, paginators, waiters and error factory) whose HTTP requests
  are answered in process, without a socket.
- :func:`serve` / ``redshift-fake serve``: an HTTP endpoint for any AWS SDK
  or the AWS CLI.

Who calls, over HTTP: any credentials are accepted. An access key id of
exactly 12 digits is taken as the caller's account id (so
``AWS_ACCESS_KEY_ID=210987654321`` acts as account 210987654321); any other
key acts as the world's default account (``FakeRedshift(account_id=...)``,
123456789012 unless set). The region is the one of the SigV4 credential
scope (``Credential=KEY/DATE/REGION/redshift/aws4_request``), us-east-1 when
the request is not signed. A session token that is the ARN of an IAM user,
role or assumed-role session of that account (``AWS_SESSION_TOKEN=
arn:aws:iam::123456789012:role/etl``) makes the request act as that
principal, whose identity policies then apply (``fake.put_identity_policy``);
an ARN of another account, or not of a principal, is refused with 403
``InvalidClientTokenId``; any other token acts as the account's default
principal.

The endpoint is hardened for long runs beside other services: a body larger
than ``MAX_REQUEST_BYTES`` is refused unread, every refusal of the HTTP layer
(bad request line, bad ``Content-Length``, a client that stalls) is an
AWS-style XML error, a connection idle for ``timeout`` seconds is closed, the
listen backlog holds hundreds of connections at once, and a failure inside a
handler answers ``InternalFailure`` while the server keeps serving.
``GET /_redshift_fake/health`` answers 200 with a small JSON body. Each
request is one line of the ``redshift_fake.serve`` logger at INFO.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.metadata
import json
import logging
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import botocore
import botocore.handlers
import botocore.session
import botocore.utils
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from . import _core
from ._controls import DEFAULT_REGION, is_account_id

if TYPE_CHECKING:
    from ._client import FakeRedshift

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/")

# The largest Query body the engine decodes, defined by the engine
# (_core.MAX_REQUEST_BYTES); 1 MiB for an engine built before it had one.
MAX_REQUEST_BYTES: int = getattr(_core, "MAX_REQUEST_BYTES", 1 << 20)
#: Seconds a connection may stay idle, or a client take to send its request,
#: before the server closes it (``redshift-fake serve --timeout``).
DEFAULT_TIMEOUT = 30.0
#: The path of the health check, outside the Query protocol's paths.
HEALTH_PATH = "/_redshift_fake/health"
# A body beyond the limit but below this is read and dropped, so that the
# client, which sends it before reading the answer, reads the 413 instead of
# a reset connection; beyond this the answer is sent and the connection closed.
_DRAIN_LIMIT = 64 << 20
# The AWS-style error code of each status the HTTP layer answers by itself (choice).
_HTTP_ERROR_CODES = {
    400: "MalformedHttpRequest",
    408: "RequestTimeout",
    413: "RequestEntityTooLarge",
    414: "RequestURITooLong",
    431: "RequestHeaderFieldsTooLarge",
    500: "InternalFailure",
    501: "NotImplemented",
    505: "HTTPVersionNotSupported",
}
_ACTION = re.compile(rb"(?:^|&)Action=([A-Za-z0-9]{1,64})(?:&|$)")
_NAMESPACE = "http://redshift.amazonaws.com/doc/2012-12-01/"
log = logging.getLogger("redshift_fake.serve")

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
        # The world answers every request of these clients, so no other
        # before-send handler may see them: botocore has none of its own,
        # but libraries add theirs to its built-in handlers (moto's mock_aws
        # would otherwise also run each Redshift call against its backend).
        for spec in botocore.handlers.BUILTIN_HANDLERS:
            if spec[0].startswith("before-send"):
                _SESSION.unregister(spec[0], spec[1])
    return _SESSION


class _Body:
    """The raw body of an in-process response, as botocore reads it."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    def stream(self, **_: Any) -> Iterator[bytes]:
        return iter((self._content,))


def botocore_client(fake: FakeRedshift, region_name: str, account_id: str, principal: str) -> Any:
    """A botocore Redshift client of `fake`'s world, as `account_id` in
    `region_name`, acting as `principal`."""
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
        status, headers, content = handle_query(body or b"", account_id, region_name, principal)
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


def session_principal(account: str, region: str, token: str) -> str | None:
    """The principal a request's session token names (an ARN), checked to
    be a user, role or assumed-role session of `account` (``ValueError``
    otherwise); ``None`` for any other token, or none."""
    return _core.check_principal(account, region, token) if token.startswith("arn:") else None


def error_xml(status: int, code: str, message: str) -> bytes:
    """An ``<ErrorResponse>`` as the engine's XML door writes one (``Receiver``
    faults from 500 on)."""
    fault = "Receiver" if status >= 500 else "Sender"
    return (
        f'<ErrorResponse xmlns="{_NAMESPACE}"><Error><Type>{fault}</Type><Code>{code}</Code>'
        f"<Message>{escape(message)}</Message></Error><RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    """Any path, GET or POST: the Query parameters are the query string and
    the form-encoded body together."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        if urlsplit(self.path).path == HEALTH_PATH:
            self._send(200, [("Content-Type", "application/json")], self.server.health_body, None)
        else:
            self._answer(b"")

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.send_error(400, "Content-Length is not a number")
            return
        if length > MAX_REQUEST_BYTES:
            self._refuse_oversized(length)
            return
        try:
            body = self.rfile.read(length) if length > 0 else b""
        except TimeoutError:
            self.send_error(408, f"The request body did not arrive within {self.server.timeout_seconds:g} seconds")
            return
        self._answer(body)

    def _refuse_oversized(self, length: int) -> None:
        if length <= _DRAIN_LIMIT:
            remaining = length
            with contextlib.suppress(OSError):
                while remaining > 0:
                    chunk = self.rfile.read(min(remaining, 1 << 16))
                    if not chunk:
                        break
                    remaining -= len(chunk)
            if remaining > 0:
                self.close_connection = True
        else:
            self.close_connection = True
        self.send_error(413, f"The request body of {length} bytes exceeds the limit of {MAX_REQUEST_BYTES} bytes")

    def _answer(self, body: bytes) -> None:
        query = urlsplit(self.path).query
        if query:
            body = query.encode("latin-1") + (b"&" + body if body else b"")
        account, region = caller(self.server.fake, self.headers.get("Authorization", ""), query)
        token = self.headers.get("X-Amz-Security-Token") or parse_qs(query).get("X-Amz-Security-Token", [""])[0]
        try:
            principal = session_principal(account, region, token)
        except ValueError as e:
            message = f"The security token included in the request is invalid. {e}"
            self._send(403, [("Content-Type", "text/xml")], error_xml(403, "InvalidClientTokenId", message), None)
            return
        try:
            status, headers, content = self.server.fake._world.handle_query(body, account, region, principal)
        except Exception:  # the engine never raises; if it did, the server must keep serving
            log.exception("redshift-fake failed to answer a request")
            self.send_error(500, "The fake failed to answer this request")
            return
        found = _ACTION.search(body) if log.isEnabledFor(logging.INFO) else None
        self._send(status, headers, content, found.group(1).decode() if found else "-", account, region)

    def _send(
        self,
        status: int,
        headers: list[tuple[str, str]],
        content: bytes,
        action: str | None,
        account: str = "-",
        region: str = "-",
    ) -> None:
        """Writes the answer and logs it: one INFO line a request."""
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name == "Content-Length" for name, _ in headers):
            self.send_header("Content-Length", str(len(content)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)
        if log.isEnabledFor(logging.INFO):
            took = (time.perf_counter() - self._started) * 1000 if hasattr(self, "_started") else 0.0
            log.info(
                "%s %s %s %s %s %s %d %dB %.1fms",
                self.client_address[0],
                self.command,
                urlsplit(getattr(self, "path", "")).path or "-",
                action or "-",
                account,
                region,
                status,
                len(content),
                took,
            )

    def parse_request(self) -> bool:
        self._started = time.perf_counter()
        return super().parse_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every refusal of the HTTP layer (malformed request line or headers,
        a body too large or too slow, an unsupported method) as an AWS-style
        XML error; the connection is closed after it unless the request was
        read whole."""
        if code != 413:  # a refused oversized body decides for itself
            self.close_connection = True
        error_code = _HTTP_ERROR_CODES.get(code, "InternalFailure")
        content = error_xml(code, error_code, message or self.responses.get(code, ("",))[0])
        self._send(code, [("Content-Type", "text/xml")], content, error_code)

    def log_message(self, format: str, *args: Any) -> None:
        """http.server's own notes (timeouts and the like), at INFO: a test
        suite's output is no place for them."""
        log.info("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog: connections the kernel holds until they are
    # accepted (socketserver's default of 5 drops bursts of clients).
    request_queue_size = 1024

    def __init__(self, fake: FakeRedshift, host: str, port: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not timeout > 0:
            raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
        self.fake = fake
        self.timeout_seconds = timeout
        self.health_body = json.dumps(
            {"status": "ok", "service": "redshift", "version": importlib.metadata.version("redshift-fake")}
        ).encode()
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
        request.settimeout(self.timeout_seconds)  # for every read of the connection
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is a note; anything else is logged with
        its traceback. The server goes on serving either way."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            log.info("%s: connection lost: %s", client_address[0], sys.exc_info()[1])
        else:
            log.exception("redshift-fake: error while serving %s", client_address[0])

    def server_close(self) -> None:
        """Stops listening and ends every open connection."""
        super().server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def make_server(
    fake: FakeRedshift, host: str = "127.0.0.1", port: int = 0, timeout: float = DEFAULT_TIMEOUT
) -> _Server:
    """An HTTP server of `fake`'s world, bound but not yet serving; it closes
    connections idle for `timeout` seconds."""
    return _Server(fake, host, port, timeout)


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
