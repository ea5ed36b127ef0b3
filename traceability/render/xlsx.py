"""``export --format xlsx``: the model as one workbook, laid out as ``import`` reads it back.

Sheets: Aims, Themes, Projects, Benefits, Measurements, Links, Findings and
About (:mod:`goldenthread.model.sources.sheetlayout`), then the hidden Lists sheet of
the dropdowns (:mod:`goldenthread.traceability.render.xlsxchoices`).  Header
rows are frozen and filtered, columns sized, numbers real numbers in the
model's currency, shares percentages, dates dates.  No cell is ever a formula:
every text cell is stored as text, whatever it starts with.  The bytes are the
same for the same model (fixed document dates and zip timestamps).  The
package is written by :mod:`goldenthread.traceability.render.xlsxpackage`,
each sheet's XML made as text: through openpyxl's cell objects the export
cost over 4x ``check`` (``import`` still reads with openpyxl).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.metadata import version

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
    cell_list,
    entity_columns,
    later_than,
    waivers_cell,
)
from goldenthread.model.types import KINDS, Entity, Finding, Model, untyped_fields
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.reach import delivering_projects
from goldenthread.traceability.render.xlsxchoices import dropdowns, id_lists, lists_sheet
from goldenthread.traceability.render.xlsxpackage import (
    BOLD,
    COMPUTED_HEADER,
    DATE,
    INPUT_HEADER,
    MONEY,
    PLAIN,
    SHARE,
    Sheet,
    package,
)

__all__ = ["empty_register", "workbook_bytes"]

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥"}
_FIXED_TIME = dt.datetime(2000, 1, 1)


#: Passes a sheet's rows through as they are written.
Walk = Callable[[Iterable[list[object]]], Iterable[list[object]]]


def _money_format(currency: str) -> str:
    symbol = _SYMBOLS.get(currency)
    return f'"{symbol}"#,##0.00' if symbol else f'#,##0.00 "{currency}"'


Cell = tuple[object, int] | None


def _cell(value: object, column: Column | None) -> Cell:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        # Written as an inline string: text is text, "=1+2" stays the characters, never a formula.
        return value, PLAIN
    kind = column.type if column else ""
    if isinstance(value, dt.date):
        return value, DATE
    if kind == "amount":
        return value, MONEY
    if kind == "share":
        return value, SHARE
    return value, PLAIN


def _sheet(
    name: str, columns: Sequence[Column], rows: Iterable[Sequence[object]], lists: tuple[int, int] = (0, 0)
) -> Sheet:
    def cells() -> Iterator[list[Cell]]:
        yield [(c.header, INPUT_HEADER if c.input else COMPUTED_HEADER) for c in columns]
        for row in rows:
            yield [_cell(value, column) for value, column in zip(row, columns, strict=True)]

    return Sheet(
        name,
        [c.width for c in columns],
        cells(),
        validations=lambda last: dropdowns(name, columns, last, lists),
    )


def _common(e: Entity) -> list[object]:
    return [e.id, e.title, e.description, e.owner, cell_list(e.tags), waivers_cell(e.waive)]


def _entity_rows(a: Analysis, kind: str) -> Iterable[list[object]]:
    model = a.model
    if kind == "aim":
        for row in a.coverage.aims:
            e = model.aims[row.id]
            counts = [len(row.projects), len(row.themes), row.measured, row.total]
            claimed, realised = row.value if row.value is not None else (None, None)
            share = None if row.investment is None else row.share  # of money not stated: unknown, never 0
            yield [*_common(e), row.investment, share, row.status, *counts, claimed, realised]
    elif kind == "theme":
        for t in model.themes.values():
            yield [*_common(t), a.attribution.investment(t.id), len(delivering_projects(a.graph, t.id))]
    elif kind == "project":
        for p in model.projects.values():
            computed = ["; ".join(a.reach.get(p.id, ())), a.attribution.investment(p.id)]
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
                m.baseline_date if m else None,
                m.tolerance if m else None,
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
            yield [b.id, m.date, m.value, m.source, later_than(m.date, model.info.as_of)]


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


def _figures(a: Analysis) -> list[list[object]]:
    """The headline figures (the same as gaps and summary give) and the benefits' value, for the About sheet."""
    h, value = a.coverage.summary, a.coverage.value
    rows: list[list[object]] = [
        [],
        ["figure", "value", "", "The model's headline figures (computed, ignored by import)"],
    ]
    for name, figure in h.items():
        # Money no project states is unknown, never 0.
        rows.append([name.replace("_", " "), "not stated" if figure is None else figure])
    if value is not None and value.claimed is not None:
        rows += [["benefit value claimed", value.claimed], ["benefit value realised", value.realised]]
    return rows


def _about(model: Model | None, figures: Sequence[list[object]] = ()) -> Sheet:
    rows: list[list[object]] = [["field", "value"]]
    info = model.info if model is not None else None
    rows += [
        ["title", info.title if info else None],
        ["organisation", info.organisation if info else None],
        ["description", info.description if info else None],
        ["as of", info.as_of if info else None],
        ["currency", info.currency if info else "GBP"],
        # The model-wide defaults of the money-and-benefits fields (0 and none are the behaviour without them).
        ["tolerance", info.tolerance or None if info else None],
        ["review every", info.review_every if info else None],
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
    rows += figures
    cells: list[list[Cell]] = []
    for r, row in enumerate(rows, start=1):
        header = r == 1 or (row and row[:2] in (["sheet", "column"], ["figure", "value"]))
        cells.append([(str(v), BOLD) if header else _cell(v, None) for v in row])
    return Sheet(ABOUT, (16, 30, 30, 80), cells, filtered=False)


def _workbook(a: Analysis | None, walk: Walk = iter) -> bytes:
    model = a.model if a is not None else None
    ids, benefits = id_lists(model)
    lists = (len(ids), len(benefits))
    sheets = [
        _sheet(name, entity_columns(kind), walk(_rows_with_values(a, kind)) if a is not None else ())
        for kind, (name, _) in ENTITY_SHEETS.items()
    ]
    sheets += [
        _sheet(MEASUREMENTS[0], MEASUREMENTS[1], walk(_measurement_rows(model)) if model else (), lists),
        _sheet(LINKS[0], LINKS[1], walk(_link_rows(model)) if model else (), lists),
        _sheet(FINDINGS[0], FINDINGS[1], walk(_finding_rows(a.findings)) if a is not None else ()),
        _about(model, _figures(a) if a is not None else []),
        lists_sheet(ids, benefits),
    ]
    stamp = dt.datetime.combine(model.info.as_of, dt.time()) if model is not None else _FIXED_TIME
    return package(sheets, _money_format(model.info.currency if model is not None else "GBP"), "goldenthread", stamp)


def workbook_bytes(analysis: Analysis, walk: Walk = iter) -> bytes:
    """The workbook of a model and its analysis, as the bytes of an .xlsx file.

    ``walk`` passes every row of data through (the command's passes them under a progress bar).
    """
    return _workbook(analysis, walk)


def empty_register() -> bytes:
    """An empty register in the same layout, with the About sheet, for teams that start in a spreadsheet."""
    return _workbook(None)
