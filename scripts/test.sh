#!/usr/bin/env bash
# Installs the project with its test dependencies into the active virtualenv
# (a debug build: quick to compile, fine for tests) and runs every test:
# the Rust unit tests, then the Python suite and the example suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "maturin>=1.5,<2"
maturin develop --quiet --extras test
cargo test --quiet
python -m pytest -n 2
