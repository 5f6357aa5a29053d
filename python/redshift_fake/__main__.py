"""``python -m redshift_fake serve``: a world of its own behind an HTTP endpoint.

    python -m redshift_fake serve --host 127.0.0.1 --port 8439
    aws redshift describe-clusters --endpoint-url http://127.0.0.1:8439

Any credentials are accepted. An access key id of 12 digits is the caller's
account id; any other key is the default account (``--account-id``). The
region is taken from the request's SigV4 signature. The first line printed
is ``redshift-fake serving at <URL>`` (useful with ``--port 0``).
"""

from __future__ import annotations

import argparse
import sys

from ._client import FakeRedshift
from ._controls import DEFAULT_ACCOUNT_ID
from ._wire import make_server

DEFAULT_PORT = 8439


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m redshift_fake", description="redshift-fake")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve a fresh world over HTTP (AWS Query protocol)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to bind, 0 for any free one (default {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--account-id",
        default=DEFAULT_ACCOUNT_ID,
        help=f"account of callers whose access key is not 12 digits (default {DEFAULT_ACCOUNT_ID})",
    )
    serve.add_argument(
        "--manual-snapshot-quota", type=int, default=20, help="manual snapshots per account and region (default 20)"
    )
    args = parser.parse_args(argv)

    fake = FakeRedshift(account_id=args.account_id, manual_snapshot_quota=args.manual_snapshot_quota)
    try:
        server = make_server(fake, args.host, args.port)
    except OSError as e:  # a port in use, an address not of this machine
        parser.exit(1, f"redshift-fake: cannot serve at {args.host} port {args.port}: {e.strerror or e}\n")
    print(f"redshift-fake serving at {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
