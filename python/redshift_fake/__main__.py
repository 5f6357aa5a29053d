"""``redshift-fake serve`` (or ``python -m redshift_fake serve``): a world of
its own behind an HTTP endpoint, for docker-compose files and test suites in
any language.

    redshift-fake serve --host 127.0.0.1 --port 8439 --state world.json --log-level info
    aws redshift describe-clusters --endpoint-url http://127.0.0.1:8439

Any credentials are accepted. An access key id of 12 digits is the caller's
account id; any other key is the default account (``--account-id``). The
region is taken from the request's SigV4 signature. The first line printed
is ``redshift-fake serving at <URL>`` (useful with ``--port 0``).

With ``--state FILE`` the world is loaded from FILE at start (when it exists)
and saved to it when the server stops on SIGTERM or SIGINT (Ctrl-C).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from types import FrameType

from ._client import FakeRedshift
from ._controls import DEFAULT_ACCOUNT_ID
from ._wire import DEFAULT_TIMEOUT, HEALTH_PATH, log, make_server

DEFAULT_PORT = 8439


class _Stop(Exception):
    """Raised by the SIGTERM handler to leave serve_forever, as Ctrl-C does."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="redshift-fake", description="A fake of Amazon Redshift's API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve a world over HTTP (AWS Query protocol)",
        description=f"Serves a world over HTTP (AWS Query protocol); GET {HEALTH_PATH} is a health check.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to bind, 0 for any free one (default {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--state",
        metavar="FILE",
        help="load the world from FILE at start (if it exists) and save it there on SIGTERM or SIGINT",
    )
    serve.add_argument(
        "--account-id",
        help=f"account of callers whose access key is not 12 digits (default {DEFAULT_ACCOUNT_ID}; new worlds only)",
    )
    serve.add_argument(
        "--manual-snapshot-quota",
        type=int,
        help="manual snapshots per account and region (default 20; new worlds only)",
    )
    serve.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds before an idle or stalled connection is closed (default {DEFAULT_TIMEOUT:g})",
    )
    serve.add_argument(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        help="'info' logs one line per request to stderr (default warning)",
    )
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    settings = {
        name: value
        for name, value in (("account_id", args.account_id), ("manual_snapshot_quota", args.manual_snapshot_quota))
        if value is not None
    }
    state = args.state
    try:
        if state is not None and os.path.exists(state):
            if settings:
                parser.error(f"--{next(iter(settings)).replace('_', '-')} sets up a new world; {state} holds one")
            fake = FakeRedshift.load(state)
            log.info("loaded the world from %s", state)
        else:
            fake = FakeRedshift(**settings)
    except (OSError, ValueError) as e:  # a state file it cannot read, a bad setting
        parser.exit(1, f"redshift-fake: {e}\n")
    try:
        server = make_server(fake, args.host, args.port, args.timeout)
    except (OSError, ValueError) as e:  # a port in use, an address not of this machine, a bad timeout
        message = e.strerror if isinstance(e, OSError) and e.strerror else e
        parser.exit(1, f"redshift-fake: cannot serve at {args.host} port {args.port}: {message}\n")
    signal.signal(signal.SIGTERM, _stop)
    try:
        print(f"redshift-fake serving at {server.url}", flush=True)
        server.serve_forever()
    except (KeyboardInterrupt, _Stop) as e:
        log.info("stopping on %s", e or "SIGINT")
    finally:
        # A second signal must not cut the save short.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        server.server_close()
        if state is not None:
            _save(fake, state)
    return 0


def _save(fake: FakeRedshift, path: str) -> None:
    """Saves the world to `path` whole or not at all (through a file beside it)."""
    partial = f"{path}.saving"
    fake.save(partial)
    os.replace(partial, path)
    log.info("saved the world to %s", path)


if __name__ == "__main__":
    sys.exit(main())
