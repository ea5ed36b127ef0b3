"""The ``goldenthread`` command group; each command is added explicitly."""

from __future__ import annotations

import sys
from importlib.metadata import version

import click

from goldenthread.cli.benefits import benefits
from goldenthread.cli.check import check
from goldenthread.cli.diff import diff_command
from goldenthread.cli.edit import EDIT_COMMANDS
from goldenthread.cli.exits import fail
from goldenthread.cli.export import export
from goldenthread.cli.gaps import gaps
from goldenthread.cli.history import history_command
from goldenthread.cli.impact import impact
from goldenthread.cli.importing import import_
from goldenthread.cli.init import init
from goldenthread.cli.matrix import matrix
from goldenthread.cli.options import explain_extra_arguments
from goldenthread.cli.render import render
from goldenthread.cli.report import report
from goldenthread.cli.schema import schema
from goldenthread.cli.summary import summary
from goldenthread.cli.trace import trace
from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import GoldenthreadError


class GoldenthreadGroup(click.Group):
    """The command group, and the one edge where the library's errors become messages and exit codes.

    The collector is paused once here, around the whole command: loading and
    analysing a large model makes millions of acyclic objects it would walk for nothing.
    """

    def invoke(self, ctx: click.Context) -> object:
        with collector_paused():
            try:
                return super().invoke(ctx)
            except GoldenthreadError as e:
                fail(e)
            except click.UsageError as e:
                raise explain_extra_arguments(e) or e from None


@click.group(cls=GoldenthreadGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("goldenthread"), prog_name="goldenthread")
def cli() -> None:
    """Trace a strategy to the money spent on it: aims, themes, projects, benefits."""


cli.add_command(check)
cli.add_command(schema)
cli.add_command(gaps)
cli.add_command(trace)
cli.add_command(impact)
cli.add_command(benefits)
cli.add_command(matrix)
cli.add_command(export)
cli.add_command(summary)
cli.add_command(render)
cli.add_command(report)
cli.add_command(diff_command)
cli.add_command(history_command)
cli.add_command(init)
cli.add_command(import_)
for _command in EDIT_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """The console entry point: a failed write or read is one line and exit 2, never a traceback."""
    try:
        cli(standalone_mode=True)
    except OSError as e:
        where = f": {e.filename}" if getattr(e, "filename", None) else ""
        click.echo(f"goldenthread: error: {e.strerror or e}{where}", err=True)
        sys.exit(2)
