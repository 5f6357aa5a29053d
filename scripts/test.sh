#!/usr/bin/env bash
# Installs the project with its test dependencies into the active virtualenv
# (a debug build: quick to compile, fine for tests) and runs every test:
# the Rust unit tests, then the Python suite and the example suite. The
# async tests need aiobotocore, which pins an older botocore than this
# environment's: they skip here and run under scripts/test_aio.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "maturin>=1.5,<2"
maturin develop --quiet --extras test
cargo test --quiet
python -m pytest -n 2
