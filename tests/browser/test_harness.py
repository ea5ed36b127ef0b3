"""The browser tests' own contract: without Chromium they skip on a workstation and fail under CI.

These run without a browser (they start pytest on one browser test with
Chromium pointed at a path that does not exist).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_TEST = "tests/browser/test_graph_page.py::test_example_opens_offline_without_console_errors"


def run_without_chromium(ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["GOLDENTHREAD_CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", ONE_TEST], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("ci", [True, False], ids=["ci", "workstation"])
def test_missing_chromium(ci):
    done = run_without_chromium(ci)
    if ci:
        assert done.returncode == 1, done.stdout
        assert "1 error" in done.stdout
        assert "Chromium is not installed at /nonexistent/chromium: the browser tests must run in CI" in done.stdout
    else:
        assert done.returncode == 0, done.stdout
        assert "1 skipped" in done.stdout
        assert "Chromium is not installed at /nonexistent/chromium" in done.stdout
