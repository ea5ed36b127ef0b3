"""The model to and from Archi: ``export --format archimate`` and ``archi-csv``, and ``import FILE.xml``.

Called from ``cli/export.py`` and ``cli/importing.py``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import click

from goldenthread.cli.options import ModelSource, load_analysis
from goldenthread.model.edit.atomic import write_atomic_group
from goldenthread.model.sources.spreadsheet import Imported
from goldenthread.model.types import KINDS
from goldenthread.model.validate import did_you_mean
from goldenthread.traceability.render.formatting import plural
from goldenthread.traceability.render.safetext import one_line

__all__ = ["parse_mapping", "read_archimate", "with_file", "write_archi"]


def write_archi(source: ModelSource, fmt: str, output: str | None, views: str) -> None:
    """Write the exchange file (``archimate``) or Archi's three CSV files into the folder ``output`` (``archi-csv``)."""
    if output is None:
        what = "an exchange file: name it" if fmt == "archimate" else "three files: name a folder"
        raise click.UsageError(f"--format {fmt} writes {what} with -o/--output")
    # lxml is imported only by the commands that read or write ArchiMate.
    from goldenthread.traceability.render.archicsv import archi_csv_tables
    from goldenthread.traceability.render.archimate import exchange_bytes

    analysis = load_analysis(source)
    files: dict[str, str | bytes]
    if fmt == "archimate":
        files = {output: exchange_bytes(analysis, views)}
    else:
        files = {os.path.join(output, name): text for name, text in archi_csv_tables(analysis).items()}
        Path(output).mkdir(parents=True, exist_ok=True)
    write_atomic_group(files, protect=source.files())
    for path in files:
        click.echo(f"goldenthread: wrote {path}", err=True)


def parse_mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``--map TYPE=KIND`` options as a dict; a bad one is a usage error (exit 2)."""
    out: dict[str, str] = {}
    for value in values:
        etype, sep, kind = value.partition("=")
        if not sep or not etype.strip():
            raise click.BadParameter(f"{value!r}: write TYPE=KIND, e.g. Principle=theme", ctx, param)
        if kind.strip() not in KINDS:
            hint = did_you_mean(kind.strip(), KINDS)
            raise click.BadParameter(f"{value!r}: the kind must be one of {', '.join(KINDS)}{hint}", ctx, param)
        out[etype.strip()] = kind.strip()
    return out


def read_archimate(path: Path, shown: str, mapping: dict[str, str]) -> Imported:
    """The model in an exchange file; what was skipped is listed on standard error."""
    from goldenthread.model.sources.archimate import read_exchange

    result = read_exchange(path, shown, mapping)
    for what in ("element", "relationship"):
        counts = {k.removeprefix(what + " "): n for k, n in sorted(result.skipped.items()) if k.startswith(what + " ")}
        if counts:
            listed = ", ".join(f"{one_line(k)} ({n})" for k, n in counts.items())
            total = sum(counts.values())
            hint = " (read a type as a kind with --map TYPE=KIND)" if what == "element" else ""
            click.echo(f"goldenthread: note: skipped {plural(total, what)}: {listed}{hint}", err=True)
    return result.imported


def with_file(imported: Imported, name: str) -> Imported:
    """``imported`` with each place (``line:col``) prefixed by the file's name, for the YAML comments."""
    return dataclasses.replace(imported, origin={k: f"{name}:{v}" for k, v in imported.origin.items()})
