"""Progress on standard error for a person at a terminal, and nothing at all in pipes and CI."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gitrepo import GitRepo

MODEL = (
    "aims:\n  a1:\n    title: Better care\n"
    "projects:\n  p1:\n    title: Care system\n    budget: {budget}\n    aims: [a1]\n"
)


@pytest.fixture
def many_commits(tmp_path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    for i in range(12):
        repo.write("goldenthread.yaml", MODEL.format(budget=1000 + i))
        repo.commit(f"Budget {i}")
    return repo


def _history(repo: GitRepo, stderr: int, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "goldenthread.cli", "history", "--format", "csv"]
    return subprocess.run(
        command, cwd=repo.path, stdout=subprocess.PIPE, stderr=stderr, env=env, timeout=120, check=False
    )


def _env(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return {**env, **more}


def test_history_is_silent_into_a_pipe(many_commits):
    proc = _history(many_commits, subprocess.PIPE, _env())
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert proc.stdout.count(b"\n") == 13


def _on_a_terminal(run: Callable[[int], subprocess.CompletedProcess[bytes]]) -> bytes:
    """What ``run`` (given the file descriptor for standard error) writes there when it is a terminal."""
    leader, follower = pty.openpty()
    try:
        proc = run(follower)
        os.close(follower)
        follower = -1
        assert proc.returncode == 0
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        return seen
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)


def test_history_shows_progress_on_a_terminal(many_commits):
    assert b"Reading the commits" in _on_a_terminal(lambda fd: _history(many_commits, fd, _env()))


def test_history_is_silent_in_ci_even_on_a_terminal(many_commits):
    assert _on_a_terminal(lambda fd: _history(many_commits, fd, _env(CI="true"))) == b""


@pytest.fixture(scope="module")
def large_model(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
    from generate import generate_model

    path = tmp_path_factory.mktemp("large") / "model.yaml"
    path.write_text(generate_model(10_000), encoding="utf-8")
    return path


def _export(model: Path, stderr: int, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "goldenthread.cli", "export", str(model), "--format", "graphml", "-o", "g.graphml"]
    return subprocess.run(command, cwd=model.parent, stderr=stderr, env=env, timeout=300, check=False)


def test_a_large_export_is_silent_into_a_pipe(large_model):
    proc = _export(large_model, subprocess.PIPE, _env())
    assert proc.returncode == 0
    assert proc.stderr == b"goldenthread: wrote g.graphml\n"


def test_a_large_export_shows_progress_on_a_terminal(large_model):
    seen = _on_a_terminal(lambda fd: _export(large_model, fd, _env()))
    assert b"Writing GraphML" in seen and b"100%" in seen
