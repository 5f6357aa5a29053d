"""The public API is typed: mypy accepts a fake client where boto3-stubs'
``mypy_boto3_redshift.RedshiftClient`` is expected, and refuses misuse.
The snippets live in tests/typing/ (not collected: no ``test_`` prefix)."""

from __future__ import annotations

import ast
import pathlib
import re
import subprocess
import sys

import pytest

import redshift_fake

HERE = pathlib.Path(__file__).parent / "typing"
STUB = pathlib.Path(redshift_fake.__file__).with_suffix(".pyi")


def run_mypy(path: pathlib.Path, tmp_path: pathlib.Path) -> subprocess.CompletedProcess:
    pytest.importorskip("mypy")
    pytest.importorskip("mypy_boto3_redshift")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )


def test_mypy_accepts_the_fake_where_a_real_client_is_expected(tmp_path):
    result = run_mypy(HERE / "accepted.py", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_refuses_misuse(tmp_path):
    path = HERE / "refused.py"
    expected = {
        (n, m.group(1))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if (m := re.search(r"# E: ([\w-]+)", line))
    }
    result = run_mypy(path, tmp_path)
    found = set()
    for line in result.stdout.splitlines():
        m = re.match(r".*refused\.py:(\d+): error: .*\[([\w-]+)\]$", line)
        if m:
            found.add((int(m.group(1)), m.group(2)))
    assert found == expected, result.stdout + result.stderr


def test_the_stub_declares_every_public_name():
    tree = ast.parse(STUB.read_text())
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            declared.update(a.asname or a.name for a in node.names)
    assert set(redshift_fake.__all__) <= declared
    stub_all = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
    )
    assert sorted(ast.literal_eval(stub_all)) == sorted(redshift_fake.__all__)
