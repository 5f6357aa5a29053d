"""The HTTP endpoint as a long-running service: a health check, many clients
at once, AWS-style errors for what the HTTP layer refuses, time-outs for
stalled clients, one log line a request, and (``redshift-fake serve`` in a
subprocess) a world kept across restarts through ``--state``.

Every connection here goes to the loopback address, and every wait is
bounded by a socket time-out.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import logging
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest

from redshift_fake import FakeRedshift
from redshift_fake._wire import HEALTH_PATH, MAX_REQUEST_BYTES, make_server

NS = "{http://redshift.amazonaws.com/doc/2012-12-01/}"
DESCRIBE = b"Action=DescribeClusters&Version=2012-12-01"
WAIT = 10.0  # seconds any single read or connect may take before the test fails


@contextmanager
def running(fake: FakeRedshift, timeout: float = 30.0) -> Iterator[Any]:
    """A server of `fake` serving in a background thread; yields the server."""
    server = make_server(fake, timeout=timeout)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def address(server: Any) -> tuple[str, int]:
    host, port = server.socket.getsockname()[:2]
    return host, port


def connect(server: Any) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(*address(server), timeout=WAIT)


def post(connection: http.client.HTTPConnection, body: bytes = DESCRIBE) -> tuple[int, bytes, Any]:
    connection.request("POST", "/", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    return response.status, response.read(), response


def error_code(content: bytes, fault: str = "Sender") -> str:
    root = ET.fromstring(content)
    assert root.tag == f"{NS}ErrorResponse"
    assert root.findtext(f"{NS}Error/{NS}Type") == fault
    assert root.findtext(f"{NS}RequestId")
    return root.findtext(f"{NS}Error/{NS}Code") or ""


def raw_exchange(server: Any, data: bytes) -> bytes:
    """Sends `data` on a new connection and reads until the server closes it."""
    with socket.create_connection(address(server), timeout=WAIT) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def still_serving(server: Any) -> None:
    connection = connect(server)
    status, content, _ = post(connection)
    connection.close()
    assert status == 200 and ET.fromstring(content).tag == f"{NS}DescribeClustersResponse"


def test_the_health_check_answers_small_json():
    with running(FakeRedshift()) as server:
        connection = connect(server)
        connection.request("GET", HEALTH_PATH)
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "application/json"
        body = json.loads(response.read())
        assert body["status"] == "ok" and body["service"] == "redshift"
        connection.close()


def test_50_concurrent_connections_are_all_answered():
    fake = FakeRedshift()
    start = threading.Barrier(50, timeout=WAIT)

    def client(n: int) -> tuple[int, int]:
        connection = connect(server)
        start.wait()  # all 50 connections open at once
        status, _, _ = post(
            connection,
            f"Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=c{n}&NodeType=dc2.large"
            f"&MasterUsername=admin&MasterUserPassword=Secret123".encode(),
        )
        second, _, _ = post(connection)  # and kept alive for a second request
        connection.close()
        return status, second

    with running(fake) as server, concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        assert list(pool.map(client, range(50))) == [(200, 200)] * 50
    assert len(fake.client().describe_clusters(MaxRecords=100)["Clusters"]) == 50


def test_200_connections_waiting_to_be_accepted_are_all_answered():
    """The listen backlog holds 200 connections made before the server
    accepts any (socketserver's default of 5 would leave most of them
    unanswered). The whole exchange has 30 seconds."""
    deadline = time.monotonic() + 30

    def remaining() -> float:
        left = deadline - time.monotonic()
        assert left > 0, "the 200 connections were not all answered within 30 seconds"
        return left

    server = make_server(FakeRedshift())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    sockets: list[socket.socket] = []
    request = b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (
        len(DESCRIBE),
        DESCRIBE,
    )
    try:
        for _ in range(200):
            sockets.append(socket.create_connection(address(server), timeout=remaining()))
            sockets[-1].sendall(request)
        thread.start()
        answers = []
        for sock in sockets:
            received = b""
            while True:
                sock.settimeout(remaining())
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            answers.append(received.split(b"\r\n", 1)[0])
        assert answers == [b"HTTP/1.1 200 OK"] * 200
    finally:
        for sock in sockets:
            sock.close()
        if thread.is_alive():  # shutdown() waits for a loop that runs
            server.shutdown()
        server.server_close()


def test_a_body_of_a_terabyte_is_refused_unread_and_the_server_goes_on():
    with running(FakeRedshift()) as server:
        answer = raw_exchange(server, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\nAction=")
        head, _, content = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 413 ")
        assert b"Connection: close" in head
        assert error_code(content) == "RequestEntityTooLarge"
        assert b"1000000000000 bytes" in content
        still_serving(server)


def test_a_body_just_over_the_limit_is_refused_and_the_connection_kept():
    with running(FakeRedshift()) as server:
        connection = connect(server)
        status, content, _ = post(connection, DESCRIBE + b"&x=" + b"a" * MAX_REQUEST_BYTES)
        assert status == 413 and error_code(content) == "RequestEntityTooLarge"
        # The body was read and dropped, so the connection carries on.
        status, _, _ = post(connection)
        assert status == 200
        connection.close()


def test_botocore_gets_the_limit_as_a_client_error():
    with running(FakeRedshift()) as server:
        host, port = address(server)
        client = boto3.client(
            "redshift",
            endpoint_url=f"http://{host}:{port}",
            region_name="us-east-1",
            aws_access_key_id="k",
            aws_secret_access_key="s",
        )
        with pytest.raises(client.exceptions.ClientError) as e:
            client.describe_clusters(ClusterIdentifier="c" * (MAX_REQUEST_BYTES + 1))
        assert e.value.response["Error"]["Code"] == "RequestEntityTooLarge"
        assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413


@pytest.mark.parametrize(
    "request_bytes, status, code",
    [
        (b"GET / three words HTTP/1.1\r\nHost: x\r\n\r\n", 400, "MalformedHttpRequest"),
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n", 400, "MalformedHttpRequest"),
        (b"PUT / HTTP/1.1\r\nHost: x\r\n\r\n", 501, "NotImplemented"),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414, "RequestURITooLong"),
    ],
    ids=["request-line", "content-length", "method", "long-url"],
)
def test_what_the_http_layer_refuses_is_an_aws_style_error(request_bytes, status, code):
    with running(FakeRedshift()) as server:
        head, _, content = raw_exchange(server, request_bytes).partition(b"\r\n\r\n")
        assert head.split(b" ", 2)[1] == str(status).encode()
        assert b"Content-Type: text/xml" in head
        assert error_code(content, "Receiver" if status >= 500 else "Sender") == code
        still_serving(server)


def test_a_stalled_body_times_out_with_an_error_and_an_idle_connection_is_closed():
    with running(FakeRedshift(), timeout=0.3) as server:
        answer = raw_exchange(server, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=")
        head, _, content = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408 ")
        assert error_code(content) == "RequestTimeout"
        # A connection that sends nothing is closed by the server, not held.
        assert raw_exchange(server, b"") == b""
        still_serving(server)


def test_a_failure_inside_the_handler_answers_internal_failure_and_the_server_goes_on():
    fake = FakeRedshift()

    class Broken:
        account_id = fake.account_id

        class _world:  # noqa: N801 (stands in for the engine)
            @staticmethod
            def handle_query(*_: Any) -> Any:
                raise RuntimeError("boom")

    with running(fake) as server:
        server.fake = Broken()
        connection = connect(server)
        status, content, _ = post(connection)
        connection.close()
        assert status == 500 and error_code(content, "Receiver") == "InternalFailure"
        server.fake = fake
        still_serving(server)


def test_info_logs_one_line_a_request(caplog):
    with running(FakeRedshift()) as server, caplog.at_level(logging.INFO, logger="redshift_fake.serve"):
        connection = connect(server)
        post(connection)
        post(connection, b"Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=nope")
        connection.request("GET", HEALTH_PATH)
        connection.getresponse().read()
        connection.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "redshift_fake.serve"]
    assert len(lines) == 3, lines
    assert " POST / DescribeClusters 123456789012 us-east-1 200 " in lines[0]
    assert " POST / DescribeClusters 123456789012 us-east-1 404 " in lines[1]
    assert f" GET {HEALTH_PATH} " in lines[2] and " 200 " in lines[2]


# ---- redshift-fake serve, in a process of its own ----


def console_script() -> str:
    script = pathlib.Path(sys.executable).with_name("redshift-fake")
    assert script.exists(), "the redshift-fake console script is installed beside python"
    return str(script)


@contextmanager
def serve_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`redshift-fake serve --port 0 ARGS`; yields (process, endpoint URL)."""
    process = subprocess.Popen(
        [console_script(), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("redshift-fake serving at http://127.0.0.1:"), line + process.stderr.read()
        yield process, line.split(" at ", 1)[1].strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=WAIT)


def boto3_client(url: str, region: str = "eu-west-1") -> Any:
    return boto3.client(
        "redshift", endpoint_url=url, region_name=region, aws_access_key_id="k", aws_secret_access_key="s"
    )


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_state_is_saved_on_a_signal_and_loaded_at_the_next_start(tmp_path, stop):
    state = tmp_path / "world.json"
    with serve_process("--state", str(state), "--account-id", "210987654321") as (process, url):
        client = boto3_client(url)
        client.create_cluster(
            ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
        )
        client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
        process.send_signal(stop)
        assert process.wait(timeout=WAIT) == 0
    assert state.exists() and not pathlib.Path(f"{state}.saving").exists()
    assert FakeRedshift.load(state).account_id == "210987654321"

    with serve_process("--state", str(state)) as (process, url):
        snapshots = boto3_client(url).describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]
        assert [(s["SnapshotIdentifier"], s["OwnerAccount"]) for s in snapshots] == [("s1", "210987654321")]
        process.terminate()
        assert process.wait(timeout=WAIT) == 0


def test_a_saved_world_is_not_set_up_again(tmp_path):
    state = tmp_path / "world.json"
    FakeRedshift().save(state)
    done = subprocess.run(
        [console_script(), "serve", "--port", "0", "--state", str(state), "--account-id", "210987654321"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert f"--account-id sets up a new world; {state} holds one" in done.stderr


def test_log_level_info_writes_one_line_a_request_to_stderr():
    with serve_process("--log-level", "info") as (process, url):
        client = boto3_client(url)
        client.describe_clusters()
        with pytest.raises(client.exceptions.ClusterNotFoundFault):
            client.describe_clusters(ClusterIdentifier="nope")
        process.terminate()
        _, stderr = process.communicate(timeout=WAIT)
    requests = [line for line in stderr.splitlines() if " POST / " in line]
    assert len(requests) == 2, stderr
    assert requests[0].endswith("ms") and " DescribeClusters 123456789012 eu-west-1 200 " in requests[0]
    assert " DescribeClusters 123456789012 eu-west-1 404 " in requests[1]


def test_python_dash_m_is_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "redshift_fake", "serve", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "--state FILE" in done.stdout
    assert os.access(console_script(), os.X_OK)
