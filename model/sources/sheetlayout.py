"""The spreadsheet layout of a model: its sheets and columns, shared by ``export --format xlsx`` and ``import``.

Input columns are what ``import`` reads back; computed columns (attributed
investment, status, findings...) are written for reading and ignored on import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from goldenthread.model.types import untyped_fields

__all__ = [
    "ABOUT",
    "CSV_EDGES",
    "CSV_MEASUREMENTS",
    "CSV_MODEL",
    "CSV_NODES",
    "ENTITY_SHEETS",
    "INPUT",
    "LINKS",
    "MEASUREMENTS",
    "SHEETS",
    "Column",
    "cell_list",
    "column_letter",
    "entity_columns",
    "later_than",
    "split_cell_list",
    "waivers_cell",
]


def cell_list(items: Iterable[str]) -> str:
    """A list (tags) in one cell: ``a; b``; an item holding ``;`` (or starting with a quote) is quoted, ``"b;c"``.

    >>> cell_list(["a", "b;c", 'say "hi"'])
    'a; "b;c"; say "hi"'
    >>> split_cell_list(cell_list(["a", "b;c", '"quoted"']))
    ['a', 'b;c', '"quoted"']
    """
    return "; ".join(f'"{t.replace(chr(34), chr(34) * 2)}"' if ";" in t or t.startswith('"') else t for t in items)


def split_cell_list(text: str) -> list[str]:
    """The items of a cell :func:`cell_list` wrote (or a person typed ``a; b``), each stripped, empty ones dropped."""
    rows = csv.reader(io.StringIO(text), delimiter=";", skipinitialspace=True)
    return [item.strip() for row in rows for item in row if item.strip()]


def later_than(day: dt.date, as_of: dt.date | None) -> str:
    """The Measurements sheet's ``after as of`` cell: "yes" for a measurement the analyses ignore, else empty."""
    return "yes" if as_of is not None and day > as_of else ""


def waivers_cell(waive: Mapping[str, str]) -> str:
    r"""An entity's waivers in one cell, one a line, as ``import`` reads them back: ``rule-id: reason``.

    >>> waivers_cell({"benefit-unmeasured": "Measured from 2026.", "aim-without-evidence": "See the annex."})
    'benefit-unmeasured: Measured from 2026.\naim-without-evidence: See the annex.'
    """
    return "\n".join(f"{rule}: {reason}" for rule, reason in waive.items())


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header (the name ``import`` looks for), its type, and what it means."""

    header: str
    type: str  # text, tags, waivers, number, amount, date, enum, share, count
    meaning: str
    input: bool = True
    required: bool = False
    width: int = 14


_ID = Column("id", "text", "The entity's id: letters, digits, '_', '.' and '-'.", required=True, width=24)
_COMMON = (
    _ID,
    Column("title", "text", "Short name shown in reports.", required=True, width=40),
    Column("description", "text", "Longer text.", width=50),
    Column("owner", "text", "Who is accountable.", width=20),
    Column("tags", "tags", "Free labels, separated by ';'.", width=20),
    Column("waivers", "waivers", "Acknowledged gaps, one a line: 'rule-id: reason'.", width=40),
)

INPUT = True
ENTITY_SHEETS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "aim": (
        "Aims",
        (
            *_COMMON,
            Column("attributed investment", "amount", "Budget attributed to the aim (computed).", input=False),
            Column(
                "share",
                "share",
                "Its share of the attributed total; empty: its investment is not stated (computed).",
                input=False,
            ),
            Column("status", "text", "covered, no evidence or no investment (computed).", input=False),
            Column("projects", "count", "Non-cancelled projects reaching it (computed).", input=False),
            Column("themes", "count", "Themes supporting it (computed).", input=False),
            Column("measured benefits", "count", "Benefits with a measurement evidencing it (computed).", input=False),
            Column("benefits", "count", "Benefits evidencing it (computed).", input=False),
            Column(
                "benefit value",
                "amount",
                "Full-year value claimed by the benefits evidencing it; empty: none states one (computed).",
                input=False,
            ),
            Column(
                "value realised",
                "amount",
                "That value times each benefit's progress to date, capped to 0..1 (computed).",
                input=False,
            ),
        ),
    ),
    "theme": (
        "Themes",
        (
            *_COMMON,
            Column(
                "attributed investment",
                "amount",
                "Money arriving at aims through it, or reaching none (docs/format.md, Money); "
                "empty: not stated (computed).",
                input=False,
            ),
            Column("projects", "count", "Non-cancelled projects delivering it (computed).", input=False),
        ),
    ),
    "project": (
        "Projects",
        (
            *_COMMON,
            Column("status", "enum", "proposed, approved, active, completed or cancelled (blank: active)."),
            Column("budget", "amount", "Budget in the model currency."),
            Column("start", "date", "Start date."),
            Column("end", "date", "End date, not before the start."),
            Column("aims reached", "text", "Aims it reaches through themes or directly (computed).", input=False),
            Column(
                "attributed investment",
                "amount",
                "Budget traceable to aims; empty: no budget stated (computed).",
                input=False,
            ),
        ),
    ),
    "benefit": (
        "Benefits",
        (
            *_COMMON,
            Column("kind", "enum", "cashable, non-cashable or quality."),
            Column("unit", "text", "Unit of the measure; with a target, the benefit is quantified."),
            Column("baseline", "number", "Value before the investment."),
            Column("target", "number", "Target value."),
            Column("target date", "date", "When the target should be reached."),
            Column("direction", "enum", "increase (higher is better; blank) or decrease."),
            Column("baseline date", "date", "When the baseline was taken: the expected line starts there."),
            Column("tolerance", "number", "Percentage points of progress it may fall below its line and be on track."),
            Column("measurements", "count", "Number of measurements (computed).", input=False),
            Column("latest value", "number", "The latest measurement (computed).", input=False),
            Column("latest date", "date", "Its date (computed).", input=False),
            Column("progress", "share", "Progress from baseline to target (computed).", input=False),
            Column("benefit status", "text", "achieved, on track, behind, missed... (computed).", input=False),
        ),
    ),
}
MEASUREMENTS = (
    "Measurements",
    (
        Column("benefit", "text", "The benefit measured.", required=True, width=24),
        Column("date", "date", "When it was measured.", required=True),
        Column("value", "number", "The measured value.", required=True),
        Column("source", "text", "Where the figure comes from.", width=30),
        Column(
            "after as of",
            "text",
            "yes when dated after the model's as of: ignored for status, progress and staleness (computed).",
            input=False,
            width=10,
        ),
    ),
)
LINKS = (
    "Links",
    (
        Column("source", "text", "The entity that holds the link.", required=True, width=24),
        Column("target", "text", "The entity it links to.", required=True, width=24),
        Column(
            "relation",
            "text",
            "supports, delivers, contributes, realised by or evidences (computed from the two kinds).",
            input=False,
            width=14,
        ),
    ),
)
FINDINGS = (
    "Findings",
    (
        Column("rule", "text", "The rule that found it.", input=False, width=26),
        Column("severity", "text", "error or warning.", input=False, width=10),
        Column("entity", "text", "The entity it is about.", input=False, width=24),
        Column("message", "text", "What is wrong.", input=False, width=70),
        Column("file", "text", "The model file.", input=False, width=24),
        Column("line", "count", "Line in that file.", input=False, width=8),
        Column("waived", "text", "yes when acknowledged with a waiver.", input=False, width=8),
        Column("reason", "text", "The waiver's reason.", input=False, width=40),
    ),
)
ABOUT = "About"
#: The files of the CSV export (``export --format csv``): the nodes (entities), the links, the Measurements sheet
#: and the About sheet's model block and rule settings.
CSV_NODES, CSV_EDGES, CSV_MEASUREMENTS, CSV_MODEL = "nodes.csv", "edges.csv", "measurements.csv", "model.csv"
#: Every sheet in workbook order (About last).
SHEETS: tuple[str, ...] = (
    *(name for name, _ in ENTITY_SHEETS.values()),
    MEASUREMENTS[0],
    LINKS[0],
    FINDINGS[0],
    ABOUT,
)


#: A vocabulary field's type -> its column type.
_COLUMN_TYPES = {
    "str": "text",
    "strlist": "tags",
    "number": "number",
    "amount": "amount",
    "percent": "number",
    "date": "date",
    "enum": "enum",
}


def entity_columns(kind: str) -> tuple[Column, ...]:
    """The columns of ``kind``'s sheet: those above, with one more after the inputs for each field of the vocabulary
    with no column of its own (:func:`~goldenthread.model.types.untyped_fields`), under the field's name."""
    columns = ENTITY_SHEETS[kind][1]
    inputs = sum(c.input for c in columns)
    added = tuple(Column(name, _COLUMN_TYPES.get(f.type, "text"), f.doc) for name, f in untyped_fields(kind).items())
    return (*columns[:inputs], *added, *columns[inputs:])


def column_letter(n: int) -> str:
    """The letters of the ``n``-th column (1-based), as spreadsheets name it: A ... Z, AA ..."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
