#!/usr/bin/env bash
# The static checks, in the active virtualenv (with the `test` extra):
# rustfmt and clippy over the Rust code, ruff and mypy (strict) over the Python.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
ruff check .
mypy
