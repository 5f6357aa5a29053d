#!/usr/bin/env bash
# Installs redshift-fake (an optimised build) and runs the example test
# suites in examples/, which use the fake the way a user's tests would.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "maturin>=1.5,<2" pytest boto3 time-machine
maturin develop --quiet --release
python -m pytest examples
