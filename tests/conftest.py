"""Fixtures shared by every test area."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from goldenthread.cli.main import cli
from goldenthread.model import load_example

TESTS = Path(__file__).parent
MODELS = TESTS / "models"

# In CI the generated examples are the same on every run, so that a run's result
# is the code's and not the draw's; run locally, hypothesis keeps exploring new
# examples (and its database replays what failed before).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def example():
    """The built-in Hampshire example, loaded once."""
    return load_example()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner, monkeypatch, tmp_path):
    """Run the CLI in an empty working directory with no model configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOLDENTHREAD_MODEL", raising=False)
    # Text tables fit $COLUMNS when set: unset, output is the same on every machine.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, **kwargs):
        return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)

    return run


@pytest.fixture
def write_model(tmp_path):
    """Write YAML (dedented) to a file under tmp_path and return its path."""

    def write(text: str, name: str = "model.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write
