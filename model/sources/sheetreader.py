"""Reading a model's tables cell by cell: each value checked where it stands, every problem named ``FILE:Sheet!C7``.

Shared by the workbook and the CSV export (:mod:`~goldenthread.model.sources.spreadsheet`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from goldenthread.model.allocation import AllocationTextError, parse_allocation_text
from goldenthread.model.edit.values import LINKS, EditError, parse_date, parse_number
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.rulebook import RULES, SETTINGS
from goldenthread.model.sources.sharedstrings import MAX_CELL_TEXT
from goldenthread.model.sources.sheetlayout import column_letter, split_cell_list
from goldenthread.model.types import BENEFIT_KINDS, DIRECTIONS, KINDS, PROJECT_STATUSES, untyped_fields
from goldenthread.model.validate import did_you_mean
from goldenthread.model.vocabulary import CURRENCY_PATTERN, ID_PATTERN, PERIOD_PATTERN
from goldenthread.model.wording import with_article

__all__ = ["Imported", "SheetReader", "SpreadsheetError", "Table"]

#: What YAML refuses in text: C0 controls but tab and line breaks, DEL, C1 controls, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ENUMS = {"status": PROJECT_STATUSES, "kind": BENEFIT_KINDS, "direction": DIRECTIONS}


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
    #: kind -> the headers its sheet had: what ``import --merge`` may change (a column not there is not emptied)
    columns: dict[str, set[str]] = field(default_factory=dict)
    #: Whether the links were read (a Links sheet, edges.csv), and which measurements: "all", "latest" or "".
    linked: bool = False
    measured: str = ""


@dataclass(slots=True)
class Table:
    """One sheet: where its cells are named from, its header and its rows (values by header)."""

    prefix: str  # "FILE.xlsx:Aims!" or "folder/nodes.csv:"
    columns: dict[str, int]
    rows: list[tuple[int, list[Any]]]
    #: How the YAML comment names a row's sheet: "Aims!" or "nodes.csv:"
    short: str = ""

    def ref(self, header: str | None, row: int) -> str:
        col = self.columns.get(header, 0) if header is not None else 0
        return f"{self.prefix}{column_letter(col + 1)}{row}"

    def get(self, values: list[Any], header: str) -> Any:
        i = self.columns.get(header)
        if i is None or i >= len(values):
            return None
        value = values[i]
        return None if isinstance(value, str) and value == "" else value


class SheetReader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.out = Imported()
        self.kind_of: dict[str, str] = {}

    def problem(self, table: Table, header: str | None, row: int, message: str) -> None:
        self.problems.append(f"{table.ref(header, row)}: {message}")

    # -- cells -------------------------------------------------------------------
    def text(self, table: Table, values: list[Any], header: str, row: int) -> str | None:
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
        bad = _CONTROL.search(text)
        if bad is not None:
            # Said here, at its cell: the YAML written from it would refuse it at a line of a file not yet written.
            code = f"U+{ord(bad[0]):04X}"
            self.problem(table, header, row, f"control character {code} in {header!r}: a model's text may not hold one")
        return text

    def number(self, table: Table, values: list[Any], header: str, row: int, amount: bool = False) -> Any:
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

    def date(self, table: Table, values: list[Any], header: str, row: int) -> dt.date | None:
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

    def allocation(self, table: Table, values: list[Any], header: str, row: int) -> dict[str, Any] | None:
        value = self.text(table, values, header, row)
        if value is None:
            return None
        try:
            return parse_allocation_text(value)
        except AllocationTextError as e:
            self.problem(table, header, row, f"bad allocation in {header!r}: {e}")
            return None

    def choice(self, table: Table, values: list[Any], header: str, row: int, name: str) -> str | None:
        value = self.text(table, values, header, row)
        if value is None or value in _ENUMS[name]:
            return value
        hint = did_you_mean(value, _ENUMS[name])
        self.problem(table, header, row, f"{header!r} must be one of {', '.join(_ENUMS[name])}, not {value!r}{hint}")
        return None

    # -- sheets ------------------------------------------------------------------
    def require(self, table: Table, headers: list[str]) -> bool:
        missing = [h for h in headers if h not in table.columns]
        for h in missing:
            self.problems.append(f"{table.prefix}A1: missing required column {h!r}{did_you_mean(h, table.columns)}")
        return not missing

    def entities(self, kind: str, table: Table) -> None:
        if not self.require(table, ["id", "title"]):
            return
        section = self.out.sections[kind]
        self.out.columns[kind] = set(table.columns)
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
            fields["tags"] = split_cell_list(tags) if tags else []
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
            fields.update(self.untyped(table, values, row, kind))
            section[eid] = fields
            self.out.origin[eid] = f"{table.short}{table.ref('id', row).removeprefix(table.prefix)}"
            self.kind_of[eid] = kind

    def untyped(self, table: Table, values: list[Any], row: int, kind: str) -> dict[str, Any]:
        """The vocabulary's fields with no column of their own, each under its name (as ``entity_columns`` writes)."""
        out: dict[str, Any] = {}
        for name, f in untyped_fields(kind).items():
            if name not in table.columns:
                continue
            if f.type in ("number", "amount"):
                out[name] = self.number(table, values, name, row, amount=f.type == "amount")
            elif f.type == "date":
                out[name] = self.date(table, values, name, row)
            elif f.type == "allocation":
                out[name] = self.allocation(table, values, name, row)
            else:
                out[name] = self.text(table, values, name, row)
        return out

    def measure(self, table: Table, values: list[Any], row: int, fields: dict[str, Any]) -> None:
        unit = self.text(table, values, "unit", row)
        target = self.number(table, values, "target", row)
        rest = {
            "baseline": self.number(table, values, "baseline", row),
            "target_date": self.date(table, values, "target date", row),
            "direction": self.choice(table, values, "direction", row, "direction"),
            "baseline_date": self.date(table, values, "baseline date", row),
            "tolerance": self.number(table, values, "tolerance", row),
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
        for name in ("target_date", "direction", "baseline_date", "tolerance"):
            if rest[name] is not None:
                fields["measure"][name] = rest[name]

    def waivers(self, table: Table, values: list[Any], row: int, kind: str) -> dict[str, str]:
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

    def reference(self, table: Table, header: str, row: int, eid: str, kinds: tuple[str, ...]) -> str | None:
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

    def links(self, table: Table) -> None:
        if not self.require(table, ["source", "target"]):
            return
        seen: dict[tuple[str, str], int] = {}
        self.out.linked = True
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

    def measurements(self, table: Table) -> None:
        if not self.require(table, ["benefit", "date", "value"]):
            return
        self.out.measured = "all"
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

    def about(self, table: Table) -> None:
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
            elif key == "tolerance" and value not in (None, ""):
                try:
                    self.out.info["tolerance"] = parse_number("tolerance", str(value))
                except EditError:
                    self.problems.append(f"{ref}: bad number {value!r} in 'tolerance'")
            elif key == "review every" and value not in (None, ""):
                if PERIOD_PATTERN.match(str(value)):
                    self.out.info["review_every"] = str(value)
                else:
                    self.problems.append(f"{ref}: review period must read like 30d, 6w, 3m or 1y, not {value!r}")
            elif key.startswith("rule "):
                rule = key.removeprefix("rule ").strip()
                if rule not in RULES:
                    self.problems.append(f"{table.prefix}A{row}: unknown rule {rule!r}{did_you_mean(rule, RULES)}")
                elif value not in SETTINGS:
                    self.problems.append(f"{ref}: rule {rule!r} must be set to error, warning or off, not {value!r}")
                else:
                    self.out.rules[rule] = str(value)
