"""Options shared by several commands, defined once."""

from __future__ import annotations

import os
import sys

import click

from goldenthread.model.discovery import ENV_VAR, discover_model
from goldenthread.model.errors import LoadError, format_finding_line
from goldenthread.model.loader import load_example, load_model
from goldenthread.model.types import Model
from goldenthread.model.validate import SchemaError

__all__ = ["example_option", "load_for_command", "model_argument", "resolve_source", "use_colour"]


def example_option(f):
    return click.option(
        "--example",
        is_flag=True,
        help="Use the built-in Hampshire County Council 2004/05 example model.",
    )(f)


def use_colour(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def resolve_source(model: str | None, example: bool, fallback: bool) -> str | None:
    """The model path to use, or None for the built-in example.

    ``fallback``: with no model named or found, use the example (with a note
    on stderr) instead of failing.
    """
    if example:
        if model:
            raise click.UsageError("give a MODEL or --example, not both")
        return None
    if model:
        return model
    found = discover_model()
    if found:
        return found
    if fallback:
        click.echo(
            "goldenthread: no model found (no MODEL, $GOLDENTHREAD_MODEL, goldenthread.yaml or model/); "
            "using the built-in Hampshire 2004/05 example",
            err=True,
        )
        return None
    raise click.UsageError(
        f"no model found: name one, set ${ENV_VAR}, add goldenthread.yaml or model/ here, "
        "or use --example for the built-in example"
    )


def load_for_command(model: str | None, example: bool) -> Model:
    """Resolve and load the model for a report command (falling back to the example).

    A model that cannot be loaded or does not follow the format ends the
    command with exit 2 and its positioned problems on stderr.
    """
    source = resolve_source(model, example, fallback=True)
    try:
        return load_example() if source is None else load_model(source)
    except (LoadError, SchemaError) as e:
        for f in e.findings:
            click.echo(format_finding_line(f), err=True)
        raise click.exceptions.Exit(2) from None


def model_argument(f):
    """The optional MODEL argument and --example, as every report command takes them."""
    f = example_option(f)
    return click.argument("model", required=False, type=click.Path())(f)
