"""Read a model from a spreadsheet: the workbook ``export --format xlsx`` writes, or the CSV files of ``--format csv``.

Only input columns are read (:mod:`~goldenthread.model.sources.sheetlayout`); computed
ones are ignored.  Every problem is collected as ``FILE.xlsx:Sheet!C7: message``
and raised together in a :class:`SpreadsheetError`: nothing is imported from a
sheet with a problem.  Formulas are read as the values the spreadsheet last
computed, never evaluated; a workbook over 50 MB, 1,000,000 cells or as many shared
strings, or with a text longer than a cell holds (32,767 characters), is refused.
"""

from __future__ import annotations

import csv
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from goldenthread.model.sources.sharedstrings import SharedStringsRefused, check_shared_strings
from goldenthread.model.sources.sheetlayout import (
    ABOUT,
    CSV_EDGES,
    CSV_MEASUREMENTS,
    CSV_MODEL,
    CSV_NODES,
    ENTITY_SHEETS,
    MEASUREMENTS,
    column_letter,
)
from goldenthread.model.sources.sheetlayout import LINKS as LINK_SHEET
from goldenthread.model.sources.sheetreader import Imported, SheetReader, SpreadsheetError, Table
from goldenthread.model.types import KINDS

__all__ = ["MAX_BYTES", "MAX_CELLS", "MAX_UNPACKED", "Imported", "SpreadsheetError", "read_csv_export", "read_workbook"]

MAX_BYTES = 50 * 1024 * 1024
MAX_CELLS = 1_000_000
#: What the parts of a workbook may add up to once unpacked: a 50 MB file of repeated text could unpack to gigabytes.
MAX_UNPACKED = 1024 * 1024 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: The sheets an import reads; the others are what the export computed.
_READ = frozenset({ABOUT, LINK_SHEET[0], MEASUREMENTS[0], *(n for n, _ in ENTITY_SHEETS.values())})


def _table(prefix: str, rows: Iterable[Sequence[Any]], counted: list[int], limit: str) -> Table:
    header: list[Any] = []
    body: list[tuple[int, list[Any]]] = []
    for i, values in enumerate(rows, start=1):
        counted[0] += len(values)
        if counted[0] > MAX_CELLS:
            raise SpreadsheetError([f"{limit}: over {MAX_CELLS:,} cells; refused"])
        if i == 1:
            header = list(values)
            continue
        cleaned = [_unprefix(v) for v in values]
        if any(v not in (None, "") for v in cleaned):
            body.append((i, cleaned))
    columns = {str(h).strip().lower(): j for j, h in enumerate(header) if h not in (None, "")}
    return Table(prefix=prefix, columns=columns, rows=body)


def _unprefix(value: Any) -> Any:
    """The apostrophe the CSV export puts before text a spreadsheet would run as a formula, taken off."""
    # Apostrophes and all, as safetext.csv_cell adds one: "'=x" was "=x", "''=x" was "'=x".
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(_FORMULA_START):
        return value[1:]
    return value


def _size_check(path: Path, shown: str) -> None:
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise SpreadsheetError([f"{shown}: cannot read: {e.strerror or e}"]) from None
    if size > MAX_BYTES:
        raise SpreadsheetError([f"{shown}: {size:,} bytes, over the {MAX_BYTES:,}-byte limit; refused"])


def _unpacked_size_check(path: Path, shown: str) -> None:
    """Refuse a workbook that would unpack to more than :data:`MAX_UNPACKED` bytes (a zip bomb) before opening it."""
    try:
        with zipfile.ZipFile(path) as z:
            size = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise SpreadsheetError([f"{shown}: cannot read as an .xlsx workbook: {e}"]) from None
    if size > MAX_UNPACKED:
        raise SpreadsheetError([f"{shown}: unpacks to {size:,} bytes, over the {MAX_UNPACKED:,}-byte limit; refused"])


def _build(reader: SheetReader, tables: dict[str, Table]) -> Imported:
    if ABOUT in tables:
        reader.about(tables[ABOUT])
    for kind, (name, _) in ENTITY_SHEETS.items():
        if name in tables:
            reader.entities(kind, tables[name])
    if LINK_SHEET[0] in tables:
        reader.links(tables[LINK_SHEET[0]])
    if MEASUREMENTS[0] in tables:
        reader.measurements(tables[MEASUREMENTS[0]])
    if reader.problems:
        raise SpreadsheetError(reader.problems)
    return reader.out


def read_workbook(path: str | os.PathLike[str], shown: str | None = None) -> Imported:
    """Read a model from an .xlsx workbook in the layout ``export --format xlsx`` writes."""
    # Only the spreadsheet commands need the reader (and openpyxl's date formats under it).
    from goldenthread.model.sources.xlsxcells import sheets

    p = Path(path)
    name = shown or os.fspath(path)
    _size_check(p, name)
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise SpreadsheetError([f"{name}: not an .xlsx workbook; import reads one, or the CSV export's folder"])
    _unpacked_size_check(p, name)
    try:
        check_shared_strings(p, MAX_CELLS)
    except SharedStringsRefused as e:
        raise SpreadsheetError([f"{name}: {e}"]) from None
    except (zipfile.BadZipFile, OSError) as e:
        raise SpreadsheetError([f"{name}: cannot read as an .xlsx workbook: {e}"]) from None
    # A hostile file can make the reader (zipfile, the XML parser) fail in many ways; each means the same.
    try:
        counted = [0]
        tables: dict[str, Table] = {}
        for title, rows in sheets(p):
            if title not in _READ:
                continue  # computed sheets (findings, the lists behind the dropdowns): not parsed at all
            tables[title] = _table(f"{name}:{title}!", rows, counted, name)
            tables[title].short = f"{title}!"
    except SpreadsheetError:
        raise
    except Exception as e:
        raise SpreadsheetError([f"{name}: cannot read as an .xlsx workbook: {e}"]) from None
    known = {n for n, _ in ENTITY_SHEETS.values()}
    if not known & set(tables):
        names = ", ".join(sorted(known))
        raise SpreadsheetError([f"{name}: no sheet named {names}: is this a goldenthread workbook?"])
    return _build(SheetReader(), tables)


#: CSV export header -> workbook header.
_CSV_HEADERS = {
    "start_date": "start",
    "end_date": "end",
    "benefit_kind": "kind",
    "target_date": "target date",
    "baseline_date": "baseline date",
}


def _csv_table(base: Path, folder: str | os.PathLike[str], file: str, counted: list[int]) -> Table:
    path = base / file
    shown = os.path.join(os.fspath(folder), file)
    _size_check(path, shown)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            table = _table(f"{shown}:", csv.reader(f), counted, shown)
    except (UnicodeDecodeError, csv.Error) as e:
        raise SpreadsheetError([f"{shown}: cannot read as CSV: {e}"]) from None
    table.short = f"{file}:"
    return table


def read_csv_export(folder: str | os.PathLike[str]) -> Imported:
    """Read a model from the files ``export --format csv`` writes: ``nodes.csv``, ``edges.csv``,
    ``measurements.csv`` and ``model.csv``.

    An export made before ``measurements.csv`` and the ``waivers`` column (v0.2) kept less: it is read as it
    was written, each benefit's latest measurement from ``nodes.csv`` and waived rules without their reasons
    (imported as "reason not recorded in the CSV export").
    """
    base = Path(folder)
    counted = [0]
    nodes = _csv_table(base, folder, CSV_NODES, counted)
    edges = _csv_table(base, folder, CSV_EDGES, counted)
    reader = SheetReader()
    if not reader.require(nodes, ["id", "kind", "title"]):
        raise SpreadsheetError(reader.problems)
    kind_column = nodes.columns.pop("kind")  # the entity's kind; "benefit_kind" becomes the benefit's "kind"
    for old, new in _CSV_HEADERS.items():
        if old in nodes.columns:
            nodes.columns[new] = nodes.columns.pop(old)
    if "waived_rules" in nodes.columns and "waivers" not in nodes.columns:
        nodes.columns["waivers"] = nodes.columns.pop("waived_rules")
        column = nodes.columns["waivers"]
        for _, values in nodes.rows:
            if column < len(values) and values[column]:
                rules = [r.strip() for r in values[column].split(";") if r.strip()]
                values[column] = "\n".join(f"{r}: reason not recorded in the CSV export" for r in rules)
    for kind in KINDS:
        rows = [(r, v) for r, v in nodes.rows if kind_column < len(v) and v[kind_column] == kind]
        reader.entities(kind, Table(nodes.prefix, nodes.columns, rows, nodes.short))
    for row, values in nodes.rows:
        written = values[kind_column] if kind_column < len(values) else None
        if written not in KINDS:
            where = f"{nodes.prefix}{column_letter(kind_column + 1)}{row}"
            reader.problems.append(f"{where}: kind must be one of {', '.join(KINDS)}, not {written!r}")
    reader.links(edges)
    if (base / CSV_MODEL).is_file():  # the model block and rule settings, as the About sheet's rows (before v0.3: none)
        reader.about(_csv_table(base, folder, CSV_MODEL, counted))
    if (base / CSV_MEASUREMENTS).is_file():  # every measurement, as the Measurements sheet has them
        reader.measurements(_csv_table(base, folder, CSV_MEASUREMENTS, counted))
    else:
        _latest_measurements(reader, nodes)
    if reader.problems:
        raise SpreadsheetError(reader.problems)
    return reader.out


def _latest_measurements(reader: SheetReader, nodes: Table) -> None:
    """Each benefit's latest measurement from nodes.csv: all an export without measurements.csv kept."""
    reader.out.measured = "latest" if "latest_date" in nodes.columns else ""
    for row, values in nodes.rows:
        eid = nodes.get(values, "id")
        latest = reader.date(nodes, values, "latest_date", row)
        value = reader.number(nodes, values, "latest_value", row)
        if eid in reader.out.sections["benefit"] and latest is not None and value is not None:
            reader.out.sections["benefit"][eid]["measurements"] = [{"date": latest, "value": value}]
