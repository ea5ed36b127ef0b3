"""Options shared by several commands, defined once."""

from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path

import click

from goldenthread.model.atomic import write_atomic
from goldenthread.model.discovery import ENV_VAR, discover_model
from goldenthread.model.errors import LoadError, format_finding_line
from goldenthread.model.loader import load_example, load_model
from goldenthread.model.types import Model
from goldenthread.model.validate import SchemaError

__all__ = [
    "example_option",
    "html_output_options",
    "load_for_command",
    "model_argument",
    "open_in_browser",
    "resolve_source",
    "use_colour",
    "write_page",
]


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


def html_output_options(default: str):
    """``-o/--output`` (default ``default``) and ``--open``, as ``render`` and ``report`` take them."""

    def decorate(f):
        f = click.option("--open", "open_", is_flag=True, help="Open the file in the default web browser.")(f)
        return click.option(
            "-o",
            "--output",
            default=default,
            show_default=True,
            type=click.Path(dir_okay=False, writable=True),
            help="The HTML file to write.",
        )(f)

    return decorate


def write_page(output: str, html: str) -> None:
    """Write a page atomically as UTF-8; a path that cannot be written is a bad ``-o``."""
    try:
        write_atomic(output, html)
    except OSError as e:
        raise click.BadParameter(f"cannot write {output}: {e.strerror or e}", param_hint="'-o' / '--output'") from None


def open_in_browser(output: str) -> None:
    webbrowser.open(Path(output).resolve().as_uri())
