"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import click

from goldenthread.model.discovery import DEFAULT_FILE, DEFAULT_FOLDER, ENV_VAR, discover_model
from goldenthread.model.errors import NoModelFound
from goldenthread.model.loader import example_path, load_example, load_model, model_files
from goldenthread.model.types import Model

if TYPE_CHECKING:
    from goldenthread.traceability.context import Analysis
    from goldenthread.traceability.since import Since

__all__ = [
    "ModelSource",
    "change_since",
    "counted",
    "explain_extra_arguments",
    "format_option",
    "html_output_options",
    "last_argument_model",
    "load_analysis",
    "model_options",
    "open_in_browser",
    "shows_progress",
    "source_of",
    "terminal_width",
    "use_colour",
    "with_progress",
    "write_page",
]

T = TypeVar("T")


def terminal_width(stream: object = None) -> int | None:
    """The width text tables fit: ``$COLUMNS`` when set, else the terminal's; None (no limit) into a pipe or file.

    Output read by another program keeps every title whole, as ``ls`` and ``git`` do.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size().columns
    return None


def shows_progress(stream: object = None) -> bool:
    """A progress bar only for a person watching: standard error a terminal, and not in CI (``$CI`` set)."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty()) and not os.environ.get("CI")


def with_progress(label: str, minimum: int = 10) -> Callable[[Sequence[T]], Iterable[T]]:
    """A function that walks a sequence as it is, under click's progress bar on standard error when
    :func:`shows_progress` (and the sequence has ``minimum`` items): silent in pipes, files and CI."""

    def walk(items: Sequence[T]) -> Iterator[T]:
        return counted(items, len(items), label, minimum)

    return walk


def counted(items: Iterable[T], length: int, label: str, minimum: int = 10) -> Iterator[T]:
    """``items`` (``length`` of them) as they are, with :func:`with_progress`'s bar where it shows."""
    if length < minimum or not shows_progress():
        yield from items
        return
    # The bar is redrawn about 200 times, not once an item: a large export has hundreds of thousands.
    step = max(1, length // 200)
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        done = 0
        for done, item in enumerate(items, start=1):
            yield item
            if done % step == 0:
                bar.update(step)
        bar.update(done % step)


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def format_option(formats: tuple[str, ...], help: str) -> Callable[[F], F]:
    """``--format`` (into the ``fmt`` parameter), one of ``formats``, the first by default."""
    return click.option("--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True, help=help)


def html_output_options(default: str) -> Callable[[F], F]:
    """``-o/--output`` (default ``default``) and ``--open``, as ``render`` and ``report`` take them."""

    def decorate(f: F) -> F:
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


def write_page(output: str, html: str, protect: Collection[str | os.PathLike[str]] = ()) -> None:
    """Write a page atomically as UTF-8; a path that cannot be written is a bad ``-o``.

    ``protect``: the model's files (:meth:`ModelSource.files`), never written over.
    """
    from goldenthread.model.edit.atomic import write_atomic  # only commands that write a page

    try:
        write_atomic(output, html, protect=protect)
    except OSError as e:
        raise click.BadParameter(f"cannot write {output}: {e.strerror or e}", param_hint="'-o' / '--output'") from None


def open_in_browser(output: str) -> None:
    import webbrowser  # only when a page is opened: it starts a subprocess module at import

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

    def files(self) -> list[Path]:
        """The files the model is read from: what no command may write over."""
        if self.path is None:
            return [example_path()]
        return [p for p, _ in model_files(self.path)]

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


@overload
def model_options(f: F) -> F: ...


@overload
def model_options(
    *, positional: bool = True, model_from: Callable[[dict[str, Any]], str | None] | None = None
) -> Callable[[F], F]: ...


def model_options(
    f: F | None = None,
    *,
    positional: bool = True,
    model_from: Callable[[dict[str, Any]], str | None] | None = None,
) -> F | Callable[[F], F]:
    """The model, taken the same ways by every command: ``[MODEL]``, ``-m/--model PATH``, ``--example``.

    The command receives one ``source`` keyword (a :class:`ModelSource`).
    ``positional=False`` leaves out the MODEL argument, for a command whose
    positional arguments say how it takes its model otherwise: then
    ``model_from``, given the command's parameters (``model_option`` and
    ``example`` among them), may take the model out of its own arguments
    (see :func:`last_argument_model`).
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            named = kwargs.pop("model", None)
            if model_from is not None:
                named = model_from(kwargs)
            kwargs["source"] = source_of(named, kwargs.pop("model_option", None), kwargs.pop("example", False))
            return func(*args, **kwargs)

        command = click.option(
            "--example", is_flag=True, help="Use the built-in Hampshire County Council 2004/05 example model."
        )(wrapper)
        command = click.option(
            "-m",
            "--model",
            "model_option",
            metavar="PATH",
            help=("The model (also taken as MODEL)" if positional else "The model")
            + ": a YAML file or a folder of them. Not named, nor --example: $GOLDENTHREAD_MODEL, "
            "else goldenthread.yaml or model/ in the working directory.",
        )(command)
        if positional:
            command = click.argument("model", required=False, metavar="[MODEL]")(command)
        return command  # type: ignore[return-value]

    return decorate if f is None else decorate(f)


def last_argument_model(name: str) -> Callable[[dict[str, Any]], str | None]:
    """A ``model_from`` for a command taking several IDs and then, optionally, the model (``impact ID... [MODEL]``).

    The rule: the last of two or more arguments is the model when it names an
    existing file or folder and the model is not already given by
    ``-m/--model`` or ``--example``; every other argument is an ID.
    """

    def take(params: dict[str, Any]) -> str | None:
        values: tuple[str, ...] = params[name]
        if len(values) < 2 or params.get("model_option") is not None or params.get("example"):
            return None
        if not os.path.exists(values[-1]):
            return None
        params[name] = values[:-1]
        return values[-1]

    return take


_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")


def explain_extra_arguments(error: click.UsageError) -> click.UsageError | None:
    """Click's "Got unexpected extra argument" for a command that reads a model, said with how it takes it.

    None for any other error, or a command that takes no model.
    """
    ctx = error.ctx
    found = _EXTRA_ARGUMENTS.match(error.message)
    if ctx is None or found is None:
        return None
    params = ctx.command.params
    if not any(p.name == "model_option" for p in params):
        return None
    arguments = [p for p in params if isinstance(p, click.Argument)]
    ways = "-m/--model PATH or --example"
    if any(p.name == "model" for p in arguments):
        ways = "[MODEL], " + ways
    takes = " ".join(p.make_metavar(ctx) for p in arguments if p.name != "model")
    extra = found.group("args")
    return click.UsageError(
        f"unexpected extra argument{'s' if ' ' in extra else ''} ({extra}): "
        f"{ctx.info_name} takes {takes + ' and ' if takes else ''}one model: {ways}",
        ctx,
    )


def load_analysis(source: ModelSource) -> Analysis:
    """Load the model and open its analysis context (errors go up to the CLI edge)."""
    from goldenthread.traceability.context import Analysis  # every analysis: not for check, init or the edits

    return Analysis(source.load(), root=source.root)


def change_since(rev: str | None, source: ModelSource, analysis: Analysis) -> Since | None:
    """What changed since ``--since REV`` (a git revision of the model), for a page; None without the option."""
    if rev is None:
        return None
    if source.path is None:
        raise click.UsageError("--since compares with the model at a git revision: name a model, not --example")
    from goldenthread.traceability.since import since_revision  # git and a second load: only when asked

    return since_revision(rev, source.path, analysis)
