"""Progress of the workbook export, the import, the report and the graph page of a large model.

On a terminal a bar on standard error; into a pipe, and in CI, not a byte more than before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_progress import _env, _on_a_terminal


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A folder with a model of 6,000 entities (1.3 MB) and its workbook."""
    sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
    from generate import generate_model

    folder = tmp_path_factory.mktemp("large")
    (folder / "model.yaml").write_text(generate_model(6_000), encoding="utf-8")
    _run(folder, ["export", "model.yaml", "--format", "xlsx", "-o", "model.xlsx"], subprocess.PIPE, _env())
    return folder


def _run(folder: Path, args: list[str], stderr: int, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "goldenthread.cli", *args]
    proc = subprocess.run(
        command, cwd=folder, stdout=subprocess.DEVNULL, stderr=stderr, env=env, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc


CASES = {
    "export xlsx": (["export", "model.yaml", "--format", "xlsx", "-o", "again.xlsx"], b"Writing the workbook"),
    "import": (["import", "model.xlsx", "-o", "back.yaml", "--force"], b"Importing"),
    "merge": (["import", "model.xlsx", "--merge", "-m", "model.yaml", "--dry-run"], b"Merging"),
    "report": (["report", "model.yaml", "-o", "report.html"], b"Writing the report"),
    "render": (["render", "model.yaml", "-o", "graph.html"], b"Drawing the graph"),
}

#: What each writes on standard error without a terminal: exactly what it wrote before there was a bar.
QUIET: dict[str, bytes | None] = {
    "export xlsx": b"goldenthread: wrote again.xlsx\n",
    "import": b"goldenthread: wrote back.yaml\n",
    # What it says of the model varies (the generated model dates two measurements of a benefit alike): no bar.
    "merge": None,
    "report": b"",
    "render": b"",
}


@pytest.mark.parametrize("case", CASES)
def test_a_large_run_shows_progress_on_a_terminal(large, case):
    args, label = CASES[case]
    seen = _on_a_terminal(lambda fd: _run(large, args, fd, _env()))
    assert label in seen and b"100%" in seen


@pytest.mark.parametrize("case", CASES)
def test_a_large_run_is_silent_into_a_pipe(large, case):
    args, label = CASES[case]
    stderr = _run(large, args, subprocess.PIPE, _env()).stderr
    if QUIET[case] is None:
        assert label not in stderr and b"%" not in stderr
    else:
        assert stderr == QUIET[case]


def test_a_large_report_is_silent_in_ci_even_on_a_terminal(large):
    args, label = CASES["report"]
    assert label not in _on_a_terminal(lambda fd: _run(large, args, fd, _env(CI="true")))


def test_a_small_import_shows_no_progress_on_a_terminal(tmp_path):
    model = Path(__file__).parent / "models" / "portfolio.yaml"
    _run(tmp_path, ["export", str(model), "--format", "xlsx", "-o", "small.xlsx"], subprocess.PIPE, _env())
    seen = _on_a_terminal(lambda fd: _run(tmp_path, ["import", "small.xlsx", "-o", "s.yaml"], fd, _env()))
    assert b"Importing" not in seen
