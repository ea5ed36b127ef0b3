"""Read a model from a spreadsheet: the workbook ``export --format xlsx`` writes, or the CSV files of ``--format csv``.

Only input columns are read (:mod:`~goldenthread.model.sheetlayout`); computed
ones are ignored.  Every problem is collected as ``FILE.xlsx:Sheet!C7: message``
and raised together in a :class:`SpreadsheetError`: nothing is imported from a
sheet with a problem.  Formulas are read as the values the spreadsheet last
computed, never evaluated; a workbook over 50 MB, 1,000,000 cells or as many shared
strings, or with a text longer than a cell holds (32,767 characters), is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.model.editvalues import LINKS, EditError, parse_date, parse_number
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.rulebook import RULES, SETTINGS
from goldenthread.model.schema import CURRENCY_PATTERN, ID_PATTERN
from goldenthread.model.sharedstrings import MAX_CELL_TEXT, SharedStringsRefused, check_shared_strings
from goldenthread.model.sheetlayout import ABOUT, ENTITY_SHEETS, MEASUREMENTS
from goldenthread.model.sheetlayout import LINKS as LINK_SHEET
from goldenthread.model.types import BENEFIT_KINDS, DIRECTIONS, KINDS, PROJECT_STATUSES
from goldenthread.model.validate import did_you_mean
from goldenthread.model.wording import with_article

__all__ = ["MAX_BYTES", "MAX_CELLS", "MAX_UNPACKED", "Imported", "SpreadsheetError", "read_csv_export", "read_workbook"]

MAX_BYTES = 50 * 1024 * 1024
MAX_CELLS = 1_000_000
#: What the parts of a workbook may add up to once unpacked: a 50 MB file of repeated text could unpack to gigabytes.
MAX_UNPACKED = 1024 * 1024 * 1024
_ENUMS = {"status": PROJECT_STATUSES, "kind": BENEFIT_KINDS, "direction": DIRECTIONS}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(GoldenthreadError):
    """A spreadsheet could not be imported; ``problems`` holds one ``FILE:Sheet!C7: message`` line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(slots=True)
class Imported:
    """A model read from a spreadsheet, as plain values ready to be written as YAML."""

    info: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    #: kind -> id -> field -> value (links as lists of ids, measure as a dict, measurements as dicts)
    sections: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k: {} for k in KINDS})
    #: id -> where it was read: ``Sheet!A5``
    origin: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Table:
    """One sheet: where its cells are named from, its header and its rows (values by header)."""

    prefix: str  # "FILE.xlsx:Aims!" or "folder/nodes.csv:"
    columns: dict[str, int]
    rows: list[tuple[int, list[Any]]]
    #: How the YAML comment names a row's sheet: "Aims!" or "nodes.csv:"
    short: str = ""

    def ref(self, header: str | None, row: int) -> str:
        col = self.columns.get(header, 0) if header is not None else 0
        return f"{self.prefix}{_letter(col + 1)}{row}"

    def get(self, values: list[Any], header: str) -> Any:
        i = self.columns.get(header)
        if i is None or i >= len(values):
            return None
        value = values[i]
        return None if isinstance(value, str) and value == "" else value


def _letter(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.out = Imported()
        self.kind_of: dict[str, str] = {}

    def problem(self, table: _Table, header: str | None, row: int, message: str) -> None:
        self.problems.append(f"{table.ref(header, row)}: {message}")

    # -- cells -------------------------------------------------------------------
    def text(self, table: _Table, values: list[Any], header: str, row: int) -> str | None:
        value = table.get(values, header)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        text = str(value)
        if len(text) > MAX_CELL_TEXT:
            self.problem(table, header, row, f"{len(text):,} characters, over the {MAX_CELL_TEXT:,} a cell may hold")
            return None
        return text

    def number(self, table: _Table, values: list[Any], header: str, row: int, amount: bool = False) -> Any:
        value = table.get(values, header)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = parse_number(header, value)
            except EditError:
                self.problem(table, header, row, f"bad number {value!r} in {header!r}")
                return None
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(table, header, row, f"bad number in {header!r}: {value!r}")
            return None
        if amount and value < 0:
            self.problem(table, header, row, f"{header!r} must not be negative ({value})")
            return None
        return value

    def date(self, table: _Table, values: list[Any], header: str, row: int) -> dt.date | None:
        value = table.get(values, header)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(header, str(value))
        except EditError:
            self.problem(table, header, row, f"bad date {value!r} in {header!r}: write it YYYY-MM-DD")
            return None

    def choice(self, table: _Table, values: list[Any], header: str, row: int, name: str) -> str | None:
        value = self.text(table, values, header, row)
        if value is None or value in _ENUMS[name]:
            return value
        hint = did_you_mean(value, _ENUMS[name])
        self.problem(table, header, row, f"{header!r} must be one of {', '.join(_ENUMS[name])}, not {value!r}{hint}")
        return None

    # -- sheets ------------------------------------------------------------------
    def require(self, table: _Table, headers: list[str]) -> bool:
        missing = [h for h in headers if h not in table.columns]
        for h in missing:
            self.problems.append(f"{table.prefix}A1: missing required column {h!r}{did_you_mean(h, table.columns)}")
        return not missing

    def entities(self, kind: str, table: _Table) -> None:
        if not self.require(table, ["id", "title"]):
            return
        section = self.out.sections[kind]
        for row, values in table.rows:
            eid = self.text(table, values, "id", row)
            if eid is None:
                self.problem(table, "id", row, "missing id")
                continue
            eid = eid.strip()
            if not ID_PATTERN.match(eid):
                self.problem(
                    table, "id", row, f"bad id {eid!r}: letters, digits, '_', '.' and '-', first a letter or digit"
                )
                continue
            if eid in self.out.origin:
                self.problem(table, "id", row, f"duplicate id {eid!r} (first at {self.out.origin[eid]})")
                continue
            title = self.text(table, values, "title", row)
            if title is None:
                self.problem(table, "title", row, f"{kind} {eid!r} has no title")
            fields: dict[str, Any] = {"title": title}
            for name in ("description", "owner"):
                fields[name] = self.text(table, values, name, row)
            tags = self.text(table, values, "tags", row)
            fields["tags"] = [t.strip() for t in tags.split(";") if t.strip()] if tags else []
            if kind == "project":
                fields["status"] = self.choice(table, values, "status", row, "status")
                fields["budget"] = self.number(table, values, "budget", row, amount=True)
                fields["start"] = self.date(table, values, "start", row)
                fields["end"] = self.date(table, values, "end", row)
                if fields["start"] and fields["end"] and fields["end"] < fields["start"]:
                    self.problem(table, "end", row, f"end {fields['end']} precedes the start {fields['start']}")
            if kind == "benefit":
                fields["kind"] = self.choice(table, values, "kind", row, "kind")
                self.measure(table, values, row, fields)
            fields["waive"] = self.waivers(table, values, row, kind)
            section[eid] = fields
            self.out.origin[eid] = f"{table.short}{table.ref('id', row).removeprefix(table.prefix)}"
            self.kind_of[eid] = kind

    def measure(self, table: _Table, values: list[Any], row: int, fields: dict[str, Any]) -> None:
        unit = self.text(table, values, "unit", row)
        target = self.number(table, values, "target", row)
        rest = {
            "baseline": self.number(table, values, "baseline", row),
            "target_date": self.date(table, values, "target date", row),
            "direction": self.choice(table, values, "direction", row, "direction"),
        }
        if unit is None and target is None:
            if any(v is not None for v in rest.values()):
                self.problem(table, "unit", row, "a measure needs a unit and a target")
            return
        if unit is None or target is None:
            self.problem(table, "unit" if unit is None else "target", row, "a measure needs a unit and a target")
            return
        fields["measure"] = {"unit": unit, **({"baseline": rest["baseline"]} if rest["baseline"] is not None else {})}
        fields["measure"]["target"] = target
        for name in ("target_date", "direction"):
            if rest[name] is not None:
                fields["measure"][name] = rest[name]

    def waivers(self, table: _Table, values: list[Any], row: int, kind: str) -> dict[str, str]:
        text = self.text(table, values, "waivers", row)
        out: dict[str, str] = {}
        if not text:
            return out
        rule = None
        for line in text.split("\n"):
            head, sep, reason = line.partition(":")
            if sep and head.strip() in RULES:
                rule = head.strip()
                # Written "rule: reason": the one space after the colon is the layout's, the rest the reason's.
                out[rule] = reason.removeprefix(" ")
            elif rule is not None:
                out[rule] += "\n" + line
            else:
                hint = did_you_mean(head.strip(), RULES)
                self.problem(table, "waivers", row, f"a waiver is written 'rule-id: reason', not {line!r}{hint}")
                return {}
        for rule, reason in out.items():
            if not reason.strip():
                self.problem(table, "waivers", row, f"the waiver of {rule!r} needs a reason")
        return out

    def reference(self, table: _Table, header: str, row: int, eid: str, kinds: tuple[str, ...]) -> str | None:
        if eid in self.kind_of and self.kind_of[eid] in kinds:
            return eid
        if eid in self.kind_of:
            self.problem(
                table,
                header,
                row,
                f"{eid!r} is {with_article(self.kind_of[eid])}, not {with_article(' or '.join(kinds))}",
            )
            return None
        candidates = [i for i, k in self.kind_of.items() if k in kinds]
        what = "entity" if kinds == KINDS else " or ".join(kinds)
        self.problem(table, header, row, f"unknown {what} {eid!r}{did_you_mean(eid, candidates)}")
        return None

    def links(self, table: _Table) -> None:
        if not self.require(table, ["source", "target"]):
            return
        seen: dict[tuple[str, str], int] = {}
        for row, values in table.rows:
            a = self.text(table, values, "source", row)
            b = self.text(table, values, "target", row)
            if a is None or b is None:
                self.problem(table, "source" if a is None else "target", row, "a link needs a source and a target")
                continue
            a, b = a.strip(), b.strip()
            if self.reference(table, "source", row, a, KINDS) is None:
                continue
            if self.reference(table, "target", row, b, KINDS) is None:
                continue
            pair = (self.kind_of[a], self.kind_of[b])
            if pair not in LINKS and pair[::-1] in LINKS:
                a, b, pair = b, a, pair[::-1]  # the CSV export's edges point the graph's way
            if pair not in LINKS:
                valid = ", ".join(f"{x} to {y}" for x, y in LINKS)
                self.problem(table, "target", row, f"cannot link {pair[0]} {a!r} to {pair[1]} {b!r}: links go {valid}")
                continue
            if (a, b) in seen:
                self.problem(
                    table, "source", row, f"the link {a!r} to {b!r} is listed twice (first in row {seen[a, b]})"
                )
                continue
            seen[a, b] = row
            name = LINKS[pair][0]
            self.out.sections[pair[0]][a].setdefault(name, []).append(b)

    def measurements(self, table: _Table) -> None:
        if not self.require(table, ["benefit", "date", "value"]):
            return
        for row, values in table.rows:
            b = self.text(table, values, "benefit", row)
            if b is None or self.reference(table, "benefit", row, b.strip(), ("benefit",)) is None:
                if b is None:
                    self.problem(table, "benefit", row, "missing benefit id")
                continue
            when = self.date(table, values, "date", row)
            value = self.number(table, values, "value", row)
            if when is None or value is None:
                if table.get(values, "date") is None:
                    self.problem(table, "date", row, "missing date")
                if table.get(values, "value") is None:
                    self.problem(table, "value", row, "missing value")
                continue
            item: dict[str, Any] = {"date": when, "value": value}
            where = self.text(table, values, "source", row)
            if where is not None:
                item["source"] = where
            self.out.sections["benefit"][b.strip()].setdefault("measurements", []).append(item)

    def about(self, table: _Table) -> None:
        for row, values in table.rows:
            key = values[0] if values else None
            value = values[1] if len(values) > 1 else None
            if not isinstance(key, str):
                continue
            if key == "sheet":
                break
            ref = f"{table.prefix}B{row}"
            if key in ("title", "organisation", "description") and value not in (None, ""):
                self.out.info[key] = str(value)
            elif key == "as of" and value not in (None, ""):
                day = value.date() if isinstance(value, dt.datetime) else value
                if isinstance(day, dt.date):
                    self.out.info["as_of"] = day
                else:
                    try:
                        self.out.info["as_of"] = parse_date("as of", str(value))
                    except EditError:
                        self.problems.append(f"{ref}: bad date {value!r} in 'as of': write it YYYY-MM-DD")
            elif key == "currency" and value not in (None, ""):
                if CURRENCY_PATTERN.match(str(value)):
                    self.out.info["currency"] = str(value)
                else:
                    self.problems.append(f"{ref}: currency must be a three-letter ISO 4217 code, not {value!r}")
            elif key.startswith("rule "):
                rule = key.removeprefix("rule ").strip()
                if rule not in RULES:
                    self.problems.append(f"{table.prefix}A{row}: unknown rule {rule!r}{did_you_mean(rule, RULES)}")
                elif value not in SETTINGS:
                    self.problems.append(f"{ref}: rule {rule!r} must be set to error, warning or off, not {value!r}")
                else:
                    self.out.rules[rule] = str(value)


def _table(prefix: str, rows: Iterable[Sequence[Any]], counted: list[int], limit: str) -> _Table:
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
    return _Table(prefix=prefix, columns=columns, rows=body)


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


def _build(reader: _Reader, tables: dict[str, _Table]) -> Imported:
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
    from openpyxl import load_workbook  # only the spreadsheet commands need it

    p = Path(path)
    name = shown or os.fspath(path)
    _size_check(p, name)
    # openpyxl warns about what it cannot keep (data validation, a date out of range): nothing for the user here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if p.suffix.lower() not in (".xlsx", ".xlsm"):
            raise SpreadsheetError([f"{name}: not an .xlsx workbook; import reads one, or the CSV export's folder"])
        _unpacked_size_check(p, name)
        try:
            check_shared_strings(p, MAX_CELLS)
        except SharedStringsRefused as e:
            raise SpreadsheetError([f"{name}: {e}"]) from None
        except (zipfile.BadZipFile, OSError) as e:
            raise SpreadsheetError([f"{name}: cannot read as an .xlsx workbook: {e}"]) from None
        # A hostile file can make openpyxl (zipfile, the XML parser) fail in many ways; each means the same.
        try:
            wb = load_workbook(p, read_only=True, data_only=True)
        except Exception as e:
            raise SpreadsheetError([f"{name}: cannot read as an .xlsx workbook: {e}"]) from None
        try:
            counted = [0]
            tables: dict[str, _Table] = {}
            for ws in wb.worksheets:
                tables[ws.title] = _table(f"{name}:{ws.title}!", ws.iter_rows(values_only=True), counted, name)
                tables[ws.title].short = f"{ws.title}!"
        except SpreadsheetError:
            raise
        except Exception as e:
            raise SpreadsheetError([f"{name}: cannot read as an .xlsx workbook: {e}"]) from None
        finally:
            wb.close()
    known = {n for n, _ in ENTITY_SHEETS.values()}
    if not known & set(tables):
        sheets = ", ".join(sorted(known))
        raise SpreadsheetError([f"{name}: no sheet named {sheets}: is this a goldenthread workbook?"])
    return _build(_Reader(), tables)


#: CSV export header -> workbook header.
_CSV_HEADERS = {
    "start_date": "start",
    "end_date": "end",
    "benefit_kind": "kind",
    "target_date": "target date",
}


def read_csv_export(folder: str | os.PathLike[str]) -> Imported:
    """Read a model from the ``nodes.csv`` and ``edges.csv`` that ``export --format csv`` writes.

    The CSV export keeps less than the workbook: the latest measurement of each
    benefit only, and waived rules without their reasons (imported as "reason
    not recorded in the CSV export").
    """
    base = Path(folder)
    counted = [0]
    tables: dict[str, _Table] = {}
    for file in ("nodes.csv", "edges.csv"):
        path = base / file
        shown = os.path.join(os.fspath(folder), file)
        _size_check(path, shown)
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                tables[file] = _table(f"{shown}:", csv.reader(f), counted, shown)
                tables[file].short = f"{file}:"
        except (UnicodeDecodeError, csv.Error) as e:
            raise SpreadsheetError([f"{shown}: cannot read as CSV: {e}"]) from None
    nodes = tables["nodes.csv"]
    reader = _Reader()
    if not reader.require(nodes, ["id", "kind", "title"]):
        raise SpreadsheetError(reader.problems)
    kind_column = nodes.columns.pop("kind")  # the entity's kind; "benefit_kind" becomes the benefit's "kind"
    for old, new in _CSV_HEADERS.items():
        if old in nodes.columns:
            nodes.columns[new] = nodes.columns.pop(old)
    if "waived_rules" in nodes.columns:
        nodes.columns["waivers"] = nodes.columns.pop("waived_rules")
        column = nodes.columns["waivers"]
        for _, values in nodes.rows:
            if column < len(values) and values[column]:
                rules = [r.strip() for r in values[column].split(";") if r.strip()]
                values[column] = "\n".join(f"{r}: reason not recorded in the CSV export" for r in rules)
    for kind in KINDS:
        rows = [(r, v) for r, v in nodes.rows if kind_column < len(v) and v[kind_column] == kind]
        reader.entities(kind, _Table(nodes.prefix, nodes.columns, rows, nodes.short))
    for row, values in nodes.rows:
        written = values[kind_column] if kind_column < len(values) else None
        if written not in KINDS:
            where = f"{nodes.prefix}{_letter(kind_column + 1)}{row}"
            reader.problems.append(f"{where}: kind must be one of {', '.join(KINDS)}, not {written!r}")
    reader.links(tables["edges.csv"])
    for row, values in nodes.rows:
        eid = nodes.get(values, "id")
        latest = reader.date(nodes, values, "latest_date", row)
        value = reader.number(nodes, values, "latest_value", row)
        if eid in reader.out.sections["benefit"] and latest is not None and value is not None:
            reader.out.sections["benefit"][eid]["measurements"] = [{"date": latest, "value": value}]
    if reader.problems:
        raise SpreadsheetError(reader.problems)
    return reader.out
