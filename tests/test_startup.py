"""Start-up: a command imports its own module and what it uses, nothing else (``cli/main.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest

import goldenthread.model
import goldenthread.traceability
from goldenthread.cli.main import COMMANDS, cli

_PROGRAM = """
import json, sys
from goldenthread.cli.main import main
sys.argv = ["goldenthread", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str, cwd=None) -> set[str]:
    """The modules a fresh process has imported after running ``goldenthread ARGS``."""
    proc = subprocess.run([sys.executable, "-c", _PROGRAM, *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    return set(json.loads(proc.stderr.splitlines()[-1]))


def commands_in(modules: set[str]) -> set[str]:
    return {m.removeprefix("goldenthread.cli.") for m in modules if m.startswith("goldenthread.cli.")}


def test_help_imports_no_command_and_no_library():
    modules = modules_after("--help")
    assert commands_in(modules) == {"main"}
    assert not {"networkx", "yaml", "goldenthread.model", "importlib.metadata"} & modules


def test_check_imports_only_its_own_command_and_no_heavy_library(tmp_path):
    (tmp_path / "goldenthread.yaml").write_text("aims:\n  a1:\n    title: A\n", encoding="utf-8")
    modules = modules_after("check", cwd=tmp_path)
    assert commands_in(modules) == {"main", "check", "exits", "options"}
    heavy = {"jinja2", "openpyxl", "pyvis", "ruamel", "multiprocessing", "webbrowser", "filelock"}
    assert heavy & {m.split(".")[0] for m in modules} == set()
    # Nor what only other commands, a refused model or --baseline need.
    unneeded = {
        "difflib",
        "fractions",  # exact sums of shares: only a model with an allocation
        "goldenthread.model.edit.atomic",
        "goldenthread.traceability.baseline",
        "goldenthread.traceability.coverage",
    }
    assert unneeded & modules == set()


def test_version_is_read_when_asked(invoke):
    assert invoke("--version").stdout == f"goldenthread, version {version('goldenthread')}\n"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_listed_command_loads_under_its_name_with_its_summary(name):
    command = cli.commands[name]
    assert command.name == name
    assert command.get_short_help_str(limit=1000) == COMMANDS[name][2]


def test_the_command_list_reads_as_click_writes_it(invoke):
    listed = invoke("--help").stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    assert listed[0] == "  add       Add an aim, theme, project or benefit."


@pytest.mark.parametrize("package", [goldenthread.model, goldenthread.traceability])
def test_every_public_name_of_a_package_resolves(package):
    for name in package.__all__:
        assert getattr(package, name) is not None
    with pytest.raises(AttributeError):
        package.nothing_of_the_sort  # noqa: B018
