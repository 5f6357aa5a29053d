#!/usr/bin/env bash
# What a user without a wheel for their platform gets: `maturin sdist`, then
# `pip install` of that sdist into a fresh virtualenv (pip fetches maturin and
# builds the engine with cargo), then a smoke test of the installed package
# run from outside the source tree. Run it in a virtualenv with maturin
# (its Python makes the fresh virtualenv).
#
# The build is a debug one (MATURIN_PEP517_ARGS) into this tree's target/, so
# the compiled dependencies are reused and the check costs about a minute:
# what is checked is the sdist's contents, not the optimiser.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

maturin sdist --out "$work/dist" >/dev/null
sdist=("$work"/dist/redshift_fake-*.tar.gz)
echo "sdist: $(basename "${sdist[0]}") ($(du -k "${sdist[0]}" | cut -f1) KiB)"
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
MATURIN_PEP517_ARGS="--profile dev" CARGO_TARGET_DIR="$PWD/target" \
    "$work/venv/bin/python" -m pip install --quiet "${sdist[0]}"

cd "$work"
"$work/venv/bin/python" - <<'PY'
import importlib.metadata

import redshift_fake

client = redshift_fake.client("us-east-1")
client.create_cluster(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123")
client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
assert [s["SnapshotIdentifier"] for s in client.describe_cluster_snapshots(SnapshotType="manual")["Snapshots"]] == ["s1"]
assert "site-packages" in redshift_fake.__file__, redshift_fake.__file__
plugins = [e.value for e in importlib.metadata.entry_points(group="pytest11")]
assert "redshift_fake._plugin" in plugins, plugins
print("installed from the sdist:", redshift_fake.__file__)
PY
"$work/venv/bin/redshift-fake" serve --help >/dev/null
echo "sdist check passed"
