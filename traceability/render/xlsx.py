"""``export --format xlsx``: the model as one workbook, laid out as ``import`` reads it back.

Sheets: Aims, Themes, Projects, Benefits, Measurements, Links, Findings and
About (:mod:`goldenthread.model.sources.sheetlayout`).  Header rows are frozen and
filtered, columns sized, numbers real numbers in the model's currency, shares
percentages, dates dates.  No cell is ever a formula: every text cell is
stored as text, whatever it starts with.  The bytes are the same for the same
model (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from importlib.metadata import version

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from goldenthread.model.allocation import allocation_text
from goldenthread.model.edit.values import LINKS as LINK_FIELDS
from goldenthread.model.rulebook import RULES
from goldenthread.model.sources.sheetlayout import (
    ABOUT,
    ENTITY_SHEETS,
    FINDINGS,
    LINKS,
    MEASUREMENTS,
    Column,
    entity_columns,
)
from goldenthread.model.types import KINDS, Entity, Finding, Model, untyped_fields
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.reach import delivering_projects

__all__ = ["empty_register", "workbook_bytes"]

_HEADER_FONT = Font(bold=True)
_COMPUTED_FILL = PatternFill("solid", fgColor="EDEDED")
_INPUT_FILL = PatternFill("solid", fgColor="DDEBF7")
_DATE = "yyyy-mm-dd"
_SHARE = "0.0%"
_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥"}
_FIXED_TIME = dt.datetime(2000, 1, 1)
#: What XML 1.0 cannot hold (a workbook is XML): written as U+FFFD instead of failing the export.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _money_format(currency: str) -> str:
    symbol = _SYMBOLS.get(currency)
    return f'"{symbol}"#,##0.00' if symbol else f'#,##0.00 "{currency}"'


def _put(ws: Worksheet, row: int, col: int, value: object, column: Column | None, money: str) -> None:
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _XML_ILLEGAL.sub("\ufffd", value)
        # Text is text: "=1+2" stays the characters, never a formula (openpyxl would make it one).
        cell.data_type = "s"
        return
    cell.value = value
    kind = column.type if column else ""
    if isinstance(value, dt.date):
        cell.number_format = _DATE
    elif kind == "amount":
        cell.number_format = money
    elif kind == "share":
        cell.number_format = _SHARE


def _sheet(wb: Workbook, name: str, columns: Sequence[Column], rows: Iterable[Sequence[object]], money: str) -> None:
    ws = wb.create_sheet(name)
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.data_type = "s"
        cell.font = _HEADER_FONT
        cell.fill = _INPUT_FILL if column.input else _COMPUTED_FILL
        ws.column_dimensions[get_column_letter(i)].width = column.width
    last = 1
    for r, row in enumerate(rows, start=2):
        for c, (value, column) in enumerate(zip(row, columns, strict=True), start=1):
            _put(ws, r, c, value, column, money)
        last = r
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


def _waivers(e: Entity) -> str:
    return "\n".join(f"{rule}: {reason}" for rule, reason in e.waive.items())


def _common(e: Entity) -> list[object]:
    return [e.id, e.title, e.description, e.owner, "; ".join(e.tags), _waivers(e)]


def _entity_rows(a: Analysis, kind: str) -> Iterable[list[object]]:
    model = a.model
    if kind == "aim":
        for row in a.coverage.aims:
            e = model.aims[row.id]
            counts = [len(row.projects), len(row.themes), row.measured, row.total]
            yield [*_common(e), row.investment, row.share, row.status, *counts]
    elif kind == "theme":
        for t in model.themes.values():
            yield [*_common(t), a.attribution.themes.get(t.id, 0.0), len(delivering_projects(a.graph, t.id))]
    elif kind == "project":
        for p in model.projects.values():
            computed = ["; ".join(a.reach.get(p.id, ())), a.attribution.projects.get(p.id, 0.0)]
            yield [*_common(p), p.status, p.budget, p.start, p.end, *computed]
    else:
        statuses = {s.id: s for s in a.benefits}
        for b in model.benefits.values():
            m, s = b.measure, statuses[b.id]
            latest = s.latest
            yield [
                *_common(b),
                b.benefit_kind,
                m.unit if m else None,
                m.baseline if m else None,
                m.target if m else None,
                m.target_date if m else None,
                m.direction if m and m.direction != "increase" else None,
                len(b.measurements),
                latest.value if latest else None,
                latest.date if latest else None,
                s.progress,
                s.status,
            ]


def _rows_with_values(a: Analysis, kind: str) -> Iterable[list[object]]:
    """:func:`_entity_rows` with the vocabulary's fields that have no column of their own, after the inputs."""
    added = list(untyped_fields(kind))
    if not added:
        yield from _entity_rows(a, kind)
        return
    inputs = sum(c.input for c in ENTITY_SHEETS[kind][1])
    section = a.model.section(kind)
    for row in _entity_rows(a, kind):
        values = section[str(row[0])].values
        yield [*row[:inputs], *(_cell_value(values.get(name)) for name in added), *row[inputs:]]


def _cell_value(value: object) -> object:
    # An allocation (the one mapping-valued field) goes in one cell as ``set`` takes it: a-care=70,a-money=30.
    return allocation_text(value) if isinstance(value, dict) else value


def _link_rows(model: Model) -> Iterable[list[object]]:
    for kind in KINDS:
        for e in model.section(kind).values():
            for (source_kind, target_kind), (name, relation) in LINK_FIELDS.items():
                if source_kind != kind:
                    continue
                for target in getattr(e, name, ()):
                    if target in model.section(target_kind):
                        yield [e.id, target, relation]


def _measurement_rows(model: Model) -> Iterable[list[object]]:
    for b in model.benefits.values():
        for m in b.measurements:
            yield [b.id, m.date, m.value, m.source]


def _finding_rows(findings: list[Finding]) -> Iterable[list[object]]:
    for f in findings:
        yield [
            f.rule,
            f.severity,
            f.entity,
            f.message,
            f.pos.file if f.pos else None,
            f.pos.line if f.pos else None,
            "yes" if f.waived else "no",
            f.reason,
        ]


def _about(wb: Workbook, model: Model | None) -> None:
    ws = wb.create_sheet(ABOUT)
    rows: list[list[object]] = [["field", "value"]]
    info = model.info if model is not None else None
    rows += [
        ["title", info.title if info else None],
        ["organisation", info.organisation if info else None],
        ["description", info.description if info else None],
        ["as of", info.as_of if info else None],
        ["currency", info.currency if info else "GBP"],
    ]
    for rule, setting in (model.rules if model is not None else {}).items():
        rows.append([f"rule {rule}", setting])
    rows += [["generated by", f"goldenthread {version('goldenthread')}"], [], ["sheet", "column", "use", "meaning"]]
    sheets = [(name, entity_columns(kind)) for kind, (name, _) in ENTITY_SHEETS.items()]
    for name, columns in [*sheets, MEASUREMENTS, LINKS, FINDINGS]:
        for column in columns:
            use = "input" if column.input else "computed (ignored by import)"
            rows.append([name, column.header, use, column.meaning])
    rows.append([])
    rows.append(["rules", "", "", "Rule ids a waiver or a 'rule' row may name:"])
    rows += [["rule", r.id, r.severity, r.summary] for r in RULES.values()]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _put(ws, r, c, value, None, "")
            if r == 1 or (row and row[0] == "sheet" and c <= 4 and row[1] == "column"):
                ws.cell(row=r, column=c).font = _HEADER_FONT
    for letter, width in zip("ABCD", (16, 30, 30, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _workbook(a: Analysis | None) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    model = a.model if a is not None else None
    money = _money_format(model.info.currency if model is not None else "GBP")
    for kind, (name, _) in ENTITY_SHEETS.items():
        _sheet(wb, name, entity_columns(kind), _rows_with_values(a, kind) if a is not None else (), money)
    _sheet(wb, MEASUREMENTS[0], MEASUREMENTS[1], _measurement_rows(model) if model else (), money)
    _sheet(wb, LINKS[0], LINKS[1], _link_rows(model) if model else (), money)
    _sheet(wb, FINDINGS[0], FINDINGS[1], _finding_rows(a.findings) if a is not None else (), money)
    _about(wb, model)
    stamp = dt.datetime.combine(model.info.as_of, dt.time()) if model is not None else _FIXED_TIME
    wb.properties.creator = "goldenthread"
    wb.properties.created = wb.properties.modified = stamp
    return wb


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _save(wb: Workbook) -> bytes:
    created = wb.properties.created or _FIXED_TIME
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps every zip entry with the time of saving: restamp them so the same model gives the same bytes.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # ... and writes the time of saving as the modified date: the model's date instead.
                data = _MODIFIED.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def workbook_bytes(analysis: Analysis) -> bytes:
    """The workbook of a model and its analysis, as the bytes of an .xlsx file."""
    return _save(_workbook(analysis))


def empty_register() -> bytes:
    """An empty register in the same layout, with the About sheet, for teams that start in a spreadsheet."""
    return _save(_workbook(None))
