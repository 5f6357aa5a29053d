"""Run the project's fuzzers (tests/doors/test_fuzz.py) longer than CI does, from a seed.

    python scripts/fuzz.py --seed 1 --examples 5000
    python scripts/fuzz.py --seed 7 --examples 200 -k state_machine

CI runs each property on a small fixed budget, the same examples every time.
Here each property tries `--examples` inputs (the state machine: that many
runs of 30 steps) drawn from `--seed`, so different seeds explore different
inputs; a failure prints the smallest input hypothesis could shrink it to,
and the same seed reproduces it. hypothesis's statistics (examples tried,
time spent) are printed at the end.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    parser.add_argument("--examples", type=int, default=2000, help="inputs per property (default 2000)")
    parser.add_argument("-k", dest="select", default=None, help="only the fuzzers matching this pytest -k expression")
    args = parser.parse_args(argv)
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    command = [
        sys.executable, "-m", "pytest", str(ROOT / "tests" / "doors" / "test_fuzz.py"), "-q", "-p", "no:cacheprovider",
        f"--hypothesis-seed={args.seed}", "--hypothesis-show-statistics",
    ]
    if args.select:
        command += ["-k", args.select]
    env = {**os.environ, "REDSHIFT_FAKE_FUZZ_EXAMPLES": str(args.examples)}
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
