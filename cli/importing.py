"""``export --format xlsx`` (from ``cli/export.py``) and ``import``: a model to and from a spreadsheet or ArchiMate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from goldenthread.cli.archimate import parse_mapping, read_archimate, with_file
from goldenthread.cli.exits import Outcome
from goldenthread.cli.options import ModelSource, load_analysis, source_of
from goldenthread.cli.progress import is_large, rows_counted, steps
from goldenthread.model.edit.atomic import model_locked, write_atomic, write_atomic_group
from goldenthread.model.edit.session import ModelEdit, write_edit
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.sources.sheetlayout import CSV_EDGES, CSV_MEASUREMENTS, CSV_MODEL, CSV_NODES
from goldenthread.model.sources.spreadsheet import Imported, SpreadsheetError, read_csv_export, read_workbook
from goldenthread.model.sources.yamlwrite import imported_yaml
from goldenthread.model.validate import SchemaError, validate
from goldenthread.model.yamlread import parse_yaml
from goldenthread.traceability.render.safetext import one_line

__all__ = ["import_", "write_workbook"]


#: The most problems a refused import prints: a sheet of 200,000 repeated rows says what is wrong in a screenful.
MAX_SHOWN = 100


def _refused(e: SpreadsheetError) -> click.exceptions.Exit:
    for line in e.problems[:MAX_SHOWN]:
        click.echo(one_line(line), err=True)
    if len(e.problems) > MAX_SHOWN:
        click.echo(f"... and {len(e.problems) - MAX_SHOWN:,} more", err=True)
    return click.exceptions.Exit(Outcome.UNUSABLE)


class WouldOverwrite(GoldenthreadError):
    """An output file exists and was not to be replaced."""


def write_workbook(source: ModelSource, output: str | None) -> None:
    """Write the model's workbook to ``output`` (``-``: standard output; never over one of the model's own files)."""
    if output is None:
        raise click.UsageError("--format xlsx writes a workbook: name the file with -o/--output, or - for stdout")
    # The workbook's renderer is imported only by the command that writes one.
    from goldenthread.traceability.render.xlsx import workbook_bytes

    analysis = load_analysis(source)
    model = analysis.model
    rows = len(model) + sum(len(b.measurements) for b in model.benefits.values())
    rows += analysis.graph.number_of_edges() + len(analysis.findings)
    with rows_counted(rows, "Writing the workbook", _LARGE_ROWS) as walk:
        data = workbook_bytes(analysis, walk)
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


#: Rows of a workbook from which writing it takes seconds; a spreadsheet's bytes from which reading it does.
_LARGE_ROWS = 20_000
_LARGE_SPREADSHEET = 250_000
_IMPORT_STEPS = ("reading the spreadsheet", "writing the YAML", "checking the model")
_MERGE_STEPS = ("reading the spreadsheet", "planning the edit", "checking the model")


def _inputs(path: Path) -> list[Path]:
    """The files an import reads: the spreadsheet, or the CSV files of a folder."""
    if path.is_dir():
        return [p for p in path.iterdir() if p.suffix == ".csv"]
    return [path.parent / "nodes.csv", path.parent / "edges.csv"] if path.suffix == ".csv" else [path]


def _is_exchange(path: Path) -> bool:
    return path.suffix.lower() == ".xml" and not path.is_dir()


def _read(spreadsheet: str, mapping: dict[str, str]) -> Imported:
    path = Path(spreadsheet)
    if _is_exchange(path):
        return read_archimate(path, spreadsheet, mapping)
    if path.is_dir():
        return read_csv_export(path)
    if path.name in (CSV_NODES, CSV_EDGES, CSV_MEASUREMENTS, CSV_MODEL):
        return read_csv_export(path.parent)
    return read_workbook(path, spreadsheet)


@click.command(name="import")
@click.argument("spreadsheet", metavar="SPREADSHEET", type=click.Path(exists=True))
@click.option("-o", "--output", help="The YAML file to write (with --split, a folder).")
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
@click.option("--merge", is_flag=True, help="Change the model -m MODEL in place to say what SPREADSHEET says.")
@click.option("-m", "--model", "model", metavar="PATH", help="With --merge: the model to change (found as usual).")
@click.option("--dry-run", is_flag=True, help="With --merge: print the unified diff and write nothing.")
@click.option("--allow-remove", is_flag=True, help="With --merge: remove entities SPREADSHEET does not have.")
def import_(
    spreadsheet: str, output: str | None, split: bool, force: bool, mapping: dict[str, str], **merge: Any
) -> None:
    """Read the model in SPREADSHEET (.xlsx as export writes it, a folder holding the CSV export's
    nodes.csv, edges.csv, measurements.csv and model.csv, or an ArchiMate exchange file .xml)
    and write it as commented YAML, or with --merge apply its differences to a model.

    Only input columns are read; computed ones are ignored. Every problem is
    reported as FILE:Sheet!C7 (FILE.xml:line:col) and then nothing is written (exit 2).
    From ArchiMate, element and relationship types that have no goldenthread
    kind are listed on standard error and skipped. With --merge, only the lines
    of the entities that differ change, comments and all, as the editing
    commands change them; a new entity goes to the file that holds its section.
    """
    if merge["merge"]:
        if output is not None or split or force:
            raise click.UsageError("--merge changes the model in place: -o, --split and --force do not apply")
        _merge(spreadsheet, mapping, source_of(None, merge["model"], False), merge["dry_run"], merge["allow_remove"])
        return
    if output is None:
        raise click.UsageError("name the YAML to write with -o/--output, or change a model with --merge")
    path = Path(spreadsheet)
    large = is_large(_inputs(path), _LARGE_SPREADSHEET)
    try:
        with steps("Importing", _IMPORT_STEPS, large) as step:
            step(_IMPORT_STEPS[0])
            imported = _read(spreadsheet, mapping)
            name = os.path.basename(spreadsheet)
            # An exchange file's places are line:col; the YAML comments name the file too.
            commented = with_file(imported, name) if _is_exchange(path) else imported
            step(_IMPORT_STEPS[1])
            files = imported_yaml(commented, name, split=split)
            step(_IMPORT_STEPS[2])
            _check(imported, files, spreadsheet)
    except SpreadsheetError as e:
        raise _refused(e) from None
    out = Path(output)
    targets: dict[str, str | bytes] = {str(out / name if split else out): text for name, text in files.items()}
    if split and out.is_dir():
        # Every .yaml file in the folder is read as the model: one left there would repeat the imported ids.
        others = sorted(str(p) for p in out.iterdir() if p.suffix in (".yaml", ".yml") and str(p) not in targets)
        if others:
            raise WouldOverwrite(
                f"{output} holds other model files ({', '.join(others)}), which would be read with the imported "
                "ones: import into an empty folder, or change the model in place with --merge"
            )
    existing = [str(p) for p in targets if os.path.exists(p)]
    if existing and not force:
        raise WouldOverwrite(f"{', '.join(existing)} already exists: use --force to replace it")
    (out if split else out.parent).mkdir(parents=True, exist_ok=True)
    write_atomic_group(targets, protect=[path])
    for p in targets:
        click.echo(f"goldenthread: wrote {p}", err=True)


def _merge(spreadsheet: str, mapping: dict[str, str], source: ModelSource, dry_run: bool, allow_remove: bool) -> None:
    from goldenthread.model.sources.merge import plan_merge

    assert source.path is not None
    large = is_large(_inputs(Path(spreadsheet)), _LARGE_SPREADSHEET)
    with steps("Merging", _MERGE_STEPS, large) as step:
        step(_MERGE_STEPS[0])
        try:
            imported = _read(spreadsheet, mapping)
        except SpreadsheetError as e:
            raise _refused(e) from None
        # Held from reading the files to renaming the new ones over them, as every edit is.
        with model_locked(source.path):
            step(_MERGE_STEPS[1])
            edit = ModelEdit(source.path)
            notes = plan_merge(edit, imported, allow_remove)
            step(_MERGE_STEPS[2])
            result = edit.finish()
            written = [] if dry_run or not result.files else write_edit(result)
    if dry_run:
        click.echo(result.diff(), nl=False)
    # With --dry-run the diff is the output; what it would do goes to stderr.
    for line in [*result.changes, *notes]:
        click.echo(one_line(line), err=dry_run)
    for name in written:
        click.echo(f"wrote {name}")
    if not result.files:
        click.echo(one_line(f"{source.path} already says what {spreadsheet} says: nothing to change"), err=dry_run)
    elif dry_run:
        click.echo("dry run: nothing written", err=True)
