"""The README's promises: its commands are the ones CI runs, it stays short, and it leads to every page."""

from __future__ import annotations

import re
from pathlib import Path

from goldenthread.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    # Installs and runs the main job on the built-in model, which only --example names.
    assert commands[0].startswith("pip install . && goldenthread ")
    assert "--example" in commands[0].split()
    assert commands[1] == "pip install -e '.[test]' && pytest"


def test_ci_runs_the_readme_test_command_exactly():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_the_readme_stays_short():
    assert len(README.splitlines()) <= 250


def test_every_command_is_named_in_the_readme():
    for name in cli.commands:
        assert f"`{name}`" in README, name


def test_the_readme_shows_the_picture():
    pictures = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+)\)", README)
    assert pictures
    for picture in pictures:
        assert (ROOT / picture).is_file(), picture


def test_the_readme_leads_to_every_page():
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in README, page.name
