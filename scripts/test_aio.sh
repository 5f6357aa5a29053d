#!/usr/bin/env bash
# The async tests, in the active virtualenv: aiobotocore pins a botocore older
# than the `test` extra's, so they have an extra of their own (test-aio). The
# rest of the suite runs here too, against that older botocore; tests that
# need the `test` extra's tools (mypy, the AWS CLI, moto) skip themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "maturin>=1.5,<2"
maturin develop --quiet --extras test-aio
python -m pytest -n 2 -p no:cacheprovider
