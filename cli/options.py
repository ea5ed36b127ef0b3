"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import os
import sys
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from goldenthread.model.atomic import write_atomic
from goldenthread.model.discovery import DEFAULT_FILE, DEFAULT_FOLDER, ENV_VAR, discover_model
from goldenthread.model.errors import LoadError, NoModelFound, format_finding_line
from goldenthread.model.loader import load_example, load_model
from goldenthread.model.types import Model
from goldenthread.model.validate import SchemaError
from goldenthread.traceability.context import Analysis

__all__ = [
    "ModelSource",
    "example_option",
    "html_output_options",
    "load_analysis",
    "load_for_command",
    "model_argument",
    "model_options",
    "open_in_browser",
    "resolve_source",
    "source_of",
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


F = TypeVar("F", bound=Callable[..., Any])

#: What the built-in example's files are shown relative to.
EXAMPLE_ROOT = "<example>"


@dataclass(frozen=True, slots=True)
class ModelSource:
    """Where a command's model comes from: a path, or (``path`` None) the built-in example."""

    path: str | None

    @property
    def root(self) -> str:
        """What file names in outputs are relative to: the folder named, or the named file's folder."""
        if self.path is None:
            return EXAMPLE_ROOT
        return self.path if os.path.isdir(self.path) else os.path.dirname(self.path)

    def load(self) -> Model:
        """The validated model (raises the library's LoadError or SchemaError)."""
        return load_example() if self.path is None else load_model(self.path)


def source_of(model: str | None, model_option: str | None, example: bool) -> ModelSource:
    """The one rule for finding a command's model, the same in every command.

    A MODEL argument or ``-m/--model`` (not both), or ``--example``; else
    ``$GOLDENTHREAD_MODEL``, ``goldenthread.yaml`` or ``model/`` in the working
    directory. Never a silent fallback to the example.
    """
    if model is not None and model_option is not None:
        raise click.UsageError(f"the model is named twice ({model!r} and -m {model_option!r}): name it once")
    named = model if model is not None else model_option
    if example:
        if named is not None:
            raise click.UsageError("give a MODEL or --example, not both")
        return ModelSource(None)
    if named is not None:
        return ModelSource(named)
    found = discover_model()
    if found is None:
        raise NoModelFound(
            f"no model found: looked for ${ENV_VAR}, {DEFAULT_FILE} and {DEFAULT_FOLDER}/ in {os.getcwd()}; "
            "name one, or use --example"
        )
    return ModelSource(found)


def model_options(f: F | None = None, *, positional: bool = True) -> Any:
    """The model, taken the same ways by every command: ``[MODEL]``, ``-m/--model PATH``, ``--example``.

    The command receives one ``source`` keyword (a :class:`ModelSource`).
    ``positional=False`` leaves out the MODEL argument, for a command whose
    positional arguments say how it takes its model otherwise.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs["source"] = source_of(
                kwargs.pop("model", None), kwargs.pop("model_option", None), kwargs.pop("example", False)
            )
            return func(*args, **kwargs)

        command = click.option(
            "--example", is_flag=True, help="Use the built-in Hampshire County Council 2004/05 example model."
        )(wrapper)
        command = click.option(
            "-m",
            "--model",
            "model_option",
            metavar="PATH",
            help="The model: a YAML file or a folder of them.",
        )(command)
        if positional:
            command = click.argument("model", required=False, metavar="[MODEL]")(command)
        return command  # type: ignore[return-value]

    return decorate if f is None else decorate(f)


def load_analysis(source: ModelSource) -> Analysis:
    """Load the model and open its analysis context (errors go up to the CLI edge)."""
    return Analysis(source.load(), root=source.root)
