"""The ``goldenthread`` command group; each command is added explicitly."""

from __future__ import annotations

from importlib.metadata import version

import click
from goldenthread.cli.check import check
from goldenthread.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("goldenthread"), prog_name="goldenthread")
def cli() -> None:
    """Trace a strategy to the money spent on it: aims, themes, projects, benefits."""


cli.add_command(check)
cli.add_command(schema)


def main() -> None:
    cli()
