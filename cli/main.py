"""The ``goldenthread`` command group: every command listed once, and loaded only when it runs.

A command's module (and the library behind it) is imported when that command
runs, not at start-up (click's lazy group): ``goldenthread --help`` imports no
command at all, and ``check`` none but its own.  Editors and pre-commit hooks run
``check`` on every save, so start-up is part of the interface
(``tests/benchmarks/bench_startup.py``; figures in ``docs/inside.md``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping

import click

__all__ = ["COMMANDS", "cli", "main"]

#: Every command: name -> (its module under ``goldenthread.cli``, the command's name there, its summary).
#: The summary is the command's line in ``goldenthread --help``, stated here only.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check", "Check a model against the format and the rules: the CI gate."),
    "schema": ("schema", "schema", "The JSON Schema of the model format, or of a command's JSON."),
    "gaps": ("gaps", "gaps", "Which aims lack investment, and which lack evidence."),
    "trace": ("trace", "trace", "The golden thread through one entity, as a tree."),
    "impact": ("impact", "impact", "What cancelling a project or dropping a theme would do."),
    "benefits": ("benefits", "benefits", "Which benefits are achieved, on track, behind or missed."),
    "matrix": ("matrix", "matrix", "The traceability matrix: aims against themes or projects."),
    "export": ("export", "export", "Export the graph: JSON, GraphML, DOT, CSV, xlsx, ArchiMate..."),
    "summary": ("summary", "summary", "Counts, investment and coverage on one screen."),
    "render": ("render", "render", "Draw the golden thread as one interactive HTML page."),
    "report": ("report", "report", "A one-page HTML report for a committee, ready to print."),
    "diff": ("diff", "diff_command", "What a change does to the golden thread: OLD against NEW."),
    "history": ("history", "history_command", "The thread over time: one row per commit that touched the model."),
    "init": ("init", "init", "Start a model: a commented goldenthread.yaml that passes check."),
    "import": ("importing", "import_", "Read a model from a spreadsheet or an ArchiMate file."),
    "add": ("edit", "add", "Add an aim, theme, project or benefit."),
    "set": ("edit", "set_", "Set or unset fields of an entity."),
    "link": ("edit", "link", "Link two entities."),
    "unlink": ("edit", "unlink", "Remove the link between two entities."),
    "rename": ("edit", "rename", "Change an id and every link to it."),
    "remove": ("edit", "remove", "Remove an entity."),
    "waive": ("edit", "waive", "Acknowledge a finding with a reason."),
    "unwaive": ("edit", "unwaive", "Remove a waiver."),
    "measure": ("edit", "measure", "Record a measurement of a benefit."),
}


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name, each imported the first time it is looked up.

    Iterating gives the names without importing anything; a command loaded
    gets its summary from :data:`COMMANDS`.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            module, attribute, summary = COMMANDS[name]
            command: click.Command = getattr(importlib.import_module(f"goldenthread.cli.{module}"), attribute)
            command.short_help = summary
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self._loaded)


class GoldenthreadGroup(click.Group):
    """The command group, and the one edge where the library's errors become messages and exit codes.

    The collector is paused once here, around the whole command: loading and
    analysing a large model makes millions of acyclic objects it would walk for nothing.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _Commands()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`COMMANDS`, as click writes it, without importing a command."""
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        from goldenthread.cli.exits import fail
        from goldenthread.cli.options import explain_extra_arguments
        from goldenthread.model.collector import collector_paused
        from goldenthread.model.errors import GoldenthreadError

        with collector_paused():
            try:
                return super().invoke(ctx)
            except GoldenthreadError as e:
                fail(e)
            except click.UsageError as e:
                raise explain_extra_arguments(e) or e from None


# The version is read from the installed package's metadata only when --version asks for it.
@click.group(cls=GoldenthreadGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="goldenthread", prog_name="goldenthread")
def cli() -> None:
    """Trace a strategy to the money spent on it: aims, themes, projects, benefits."""


def main() -> None:
    """The console entry point: a failed write or read is one line and exit 2, never a traceback."""
    try:
        cli(standalone_mode=True)
    except OSError as e:
        where = f": {e.filename}" if getattr(e, "filename", None) else ""
        click.echo(f"goldenthread: error: {e.strerror or e}{where}", err=True)
        from goldenthread.cli.exits import Outcome

        sys.exit(Outcome.UNUSABLE)
