"""The ``goldenthread`` command group; each command is added explicitly."""

from __future__ import annotations

import sys
from importlib.metadata import version

import click

from goldenthread.cli.benefits import benefits
from goldenthread.cli.check import check
from goldenthread.cli.export import export
from goldenthread.cli.gaps import gaps
from goldenthread.cli.impact import impact
from goldenthread.cli.matrix import matrix
from goldenthread.cli.render import render
from goldenthread.cli.report import report
from goldenthread.cli.schema import schema
from goldenthread.cli.summary import summary
from goldenthread.cli.trace import trace


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


def main() -> None:
    """The console entry point: a failed write or read is one line and exit 2, never a traceback."""
    try:
        cli(standalone_mode=True)
    except OSError as e:
        where = f": {e.filename}" if getattr(e, "filename", None) else ""
        click.echo(f"goldenthread: error: {e.strerror or e}{where}", err=True)
        sys.exit(2)
