"""``export --format xlsx`` (from ``cli/export.py``) and ``import``: a model to and from a spreadsheet or ArchiMate."""

from __future__ import annotations

import os
from pathlib import Path

import click

from goldenthread.cli.archimate import parse_mapping, read_archimate, with_file
from goldenthread.cli.exits import EXIT_UNUSABLE
from goldenthread.cli.options import ModelSource, load_analysis
from goldenthread.model.edit.atomic import write_atomic, write_atomic_group
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.sources.spreadsheet import Imported, SpreadsheetError, read_csv_export, read_workbook
from goldenthread.model.sources.yamlwrite import imported_yaml
from goldenthread.model.validate import SchemaError, validate
from goldenthread.model.yamlread import parse_yaml
from goldenthread.traceability.render.safetext import one_line

__all__ = ["import_", "write_workbook"]


class WouldOverwrite(GoldenthreadError):
    """An output file exists and was not to be replaced."""


def write_workbook(source: ModelSource, output: str | None) -> None:
    """Write the model's workbook to ``output`` (``-``: standard output; never over one of the model's own files)."""
    if output is None:
        raise click.UsageError("--format xlsx writes a workbook: name the file with -o/--output, or - for stdout")
    # The workbook's renderer is imported only by the command that writes one.
    from goldenthread.traceability.render.xlsx import workbook_bytes

    data = workbook_bytes(load_analysis(source))
    if output == "-":
        click.echo(data, nl=False)  # bytes: click writes them to the binary stream
        return
    write_atomic(output, data, protect=source.files())
    click.echo(f"goldenthread: wrote {output}", err=True)


def _check(imported: Imported, files: dict[str, str], shown: str) -> None:
    """Validate the model as it would be written; a problem is reported at the row it came from."""
    documents = [(name, parse_yaml(text, name)) for name, text in files.items()]
    try:
        validate(documents)
    except SchemaError as e:
        problems = []
        for f in e.findings:
            where = imported.origin.get(f.entity or "")
            problems.append(f"{shown}:{where}: {f.message}" if where else f"{shown}: {f.message}")
        raise SpreadsheetError(problems) from None


@click.command(name="import")
@click.argument("spreadsheet", metavar="SPREADSHEET", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, help="The YAML file to write (with --split, a folder).")
@click.option("--split", is_flag=True, help="Write one file per section into the folder OUTPUT.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="TYPE=KIND",
    callback=parse_mapping,
    help="ArchiMate: read elements of TYPE as KIND (aim, theme, project or benefit), e.g. Principle=theme. Repeatable.",
)
def import_(spreadsheet: str, output: str, split: bool, force: bool, mapping: dict[str, str]) -> None:
    """Read the model in SPREADSHEET (.xlsx as export writes it, a folder holding the CSV export's
    nodes.csv and edges.csv, or an ArchiMate exchange file .xml) and write it as commented YAML.

    Only input columns are read; computed ones are ignored. Every problem is
    reported as FILE:Sheet!C7 (FILE.xml:line:col) and then nothing is written (exit 2).
    From ArchiMate, element and relationship types that have no goldenthread
    kind are listed on standard error and skipped.
    """
    path = Path(spreadsheet)
    try:
        if path.suffix.lower() == ".xml" and not path.is_dir():
            imported = read_archimate(path, spreadsheet, mapping)
        elif path.is_dir():
            imported = read_csv_export(path)
        elif path.name in ("nodes.csv", "edges.csv"):
            imported = read_csv_export(path.parent)
        else:
            imported = read_workbook(path, spreadsheet)
        name = os.path.basename(spreadsheet)
        # An exchange file's places are line:col; the YAML comments name the file too.
        commented = with_file(imported, name) if path.suffix.lower() == ".xml" else imported
        files = imported_yaml(commented, name, split=split)
        _check(imported, files, spreadsheet)
    except SpreadsheetError as e:
        for line in e.problems:
            click.echo(one_line(line), err=True)
        raise click.exceptions.Exit(EXIT_UNUSABLE) from None
    out = Path(output)
    targets: dict[str, str | bytes] = {str(out / name if split else out): text for name, text in files.items()}
    existing = [str(p) for p in targets if os.path.exists(p)]
    if existing and not force:
        raise WouldOverwrite(f"{', '.join(existing)} already exists: use --force to replace it")
    (out if split else out.parent).mkdir(parents=True, exist_ok=True)
    write_atomic_group(targets, protect=[path])
    for p in targets:
        click.echo(f"goldenthread: wrote {p}", err=True)
