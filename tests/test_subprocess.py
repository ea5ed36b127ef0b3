"""``goldenthread`` as a real process: hostile input ends in a clean message, never a traceback.

CliRunner shares the test's interpreter; these run the installed module and
console script the way CI does, so a crash in C code (a segfault on deep
nesting) or an exception escaping ``main()`` would show here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "models" / "bad"


def run(*args: str, cwd: Path, script: bool = False) -> subprocess.CompletedProcess:
    if script:
        command = [str(Path(sysconfig.get_path("scripts")) / "goldenthread"), *args]
    else:
        command = [sys.executable, "-m", "goldenthread.cli", *args]
    # timeout: a safety net against a hang (e.g. expanding billion laughs), not a speed test.
    env = {k: v for k, v in os.environ.items() if k != "GOLDENTHREAD_MODEL"}
    env["NO_COLOR"] = "1"
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def assert_clean_failure(proc: subprocess.CompletedProcess, first_line: str, exit_code: int = 2) -> None:
    assert proc.returncode == exit_code, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "python-tag.yaml",
            "3:12: error[schema] tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: "
            "a model holds plain data only",
        ),
        ("billion-laughs.yaml", "2:7: error[schema] anchors are not allowed (&lol0)"),
        ("non-utf8.yaml", "3:15: error[schema] not valid UTF-8: byte 0xe9 cannot be decoded"),
    ],
)
def test_hostile_files(tmp_path, name, message):
    path = BAD / name
    assert_clean_failure(run("check", str(path), cwd=tmp_path), f"{path}:{message}")


def test_nesting_100000_deep_does_not_crash_the_interpreter(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a:\n" + "- " * 100_000 + "x\n" + "b: " + "[" * 100_000 + "\n", encoding="utf-8")
    proc = run("check", "deep.yaml", cwd=tmp_path)
    assert_clean_failure(proc, "deep.yaml:2:63: error[schema] nesting is deeper than 32 levels")
    as_json = run("check", "--format", "json", "deep.yaml", cwd=tmp_path)
    assert as_json.returncode == 2
    [finding] = json.loads(as_json.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["message"]) == (2, 63, "nesting is deeper than 32 levels")


def test_huge_file_through_the_console_script(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)
    proc = run("check", "huge.yaml", cwd=tmp_path, script=True)
    assert_clean_failure(proc, "huge.yaml:1:1: error[schema] file is 67,108,865 bytes, over the 67,108,864-byte limit")


def test_a_bad_command_line_is_a_usage_error_without_traceback(tmp_path):
    proc = run("check", "--no-such-option", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("Error: No such option")


def test_the_example_as_json(tmp_path):
    proc = run("check", "--example", "--format", "json", cwd=tmp_path, script=True)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert list(doc)[:2] == ["goldenthread", "model"]
    assert doc["model"]["files"] == ["hampshire.yaml"]
    assert doc["findings_count"]["errors"] > 0
