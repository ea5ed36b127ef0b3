"""``goldenthread schema``: the JSON Schema of the model format."""

from __future__ import annotations

import json

import click

from goldenthread.model.jsonschema import json_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the model format, for editors."""
    click.echo(json.dumps(json_schema(), indent=2))
