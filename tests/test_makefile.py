"""The Makefile's promises to a newcomer: `make run` installs only what running needs, and a
passing `make test` prints each tool's one-line result, no banner."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _make(*args):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout


def test_make_run_installs_the_runtime_lock_only():
    # -n: what it would do from nothing (-B), without doing it.
    planned = _make("-n", "-B", "run")
    assert "-r requirements/base.txt" in planned
    assert "test.txt" not in planned
    assert "npm" not in planned


def test_make_test_installs_everything_it_needs():
    planned = _make("-n", "-B", "test")
    assert "-r requirements/test.txt" in planned and "npm ci" in planned
    assert "mkdocs build --strict" in planned


def test_quiet_output_make_lint_prints_one_line_per_tool():
    _make("install")  # its own line, printed only when the lock changed since the last one
    lines = [line for line in _make("lint").splitlines() if not line.startswith("WARNING: ")]
    assert len(lines) == 3, lines
    assert lines[0] == "All checks passed!"
    assert re.fullmatch(r"\d+ files already formatted", lines[1])
    assert re.fullmatch(r"Contracts: \d+ kept, 0 broken\.", lines[2])
