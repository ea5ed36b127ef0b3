"""``goldenthread schema``: the JSON Schema of the model format, or of a command's JSON output."""

from __future__ import annotations

import click

from goldenthread.model.jsonschema import json_schema
from goldenthread.traceability.render.envelope import dumps
from goldenthread.traceability.render.jsonschemas import OUTPUT_COMMANDS, output_schema


@click.command()
@click.option(
    "--output",
    "command",
    type=click.Choice(OUTPUT_COMMANDS),
    metavar="COMMAND",
    help=f"The schema of `goldenthread COMMAND --format json` instead (one of: {', '.join(OUTPUT_COMMANDS)}).",
)
def schema(command: str | None) -> None:
    """Print a JSON Schema (draft 2020-12).

    Without --output: the schema of the model format, for editors (YAML
    language servers read it). With --output COMMAND: the schema of that
    command's --format json document, for scripts that read it.
    """
    doc = json_schema() if command is None else output_schema(command)
    click.echo(dumps(doc), nl=False)
