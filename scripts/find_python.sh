#!/usr/bin/env bash
# Prints the path of a CPython of the version given (e.g. 3.10): `pythonX.Y`
# if it runs, else one of pyenv's versions. Exits 1 if there is none.
set -euo pipefail
version="$1"
if command -v "python$version" >/dev/null 2>&1 && "python$version" -c "" >/dev/null 2>&1; then
    command -v "python$version"
    exit 0
fi
for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/"python$version"; do
    if [ -x "$candidate" ]; then
        found="$candidate"
    fi
done
if [ -n "${found:-}" ]; then
    echo "$found"
    exit 0
fi
echo "no CPython $version found (neither python$version on PATH nor a pyenv version)" >&2
exit 1
