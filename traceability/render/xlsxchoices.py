"""The dropdowns of the exported workbook: what a strategist picks from rather than types.

- the closed lists of the format (a project's ``status``, a benefit's
  ``kind`` and ``direction``) refuse anything else;
- a link's ``source`` and ``target``, and a measurement's ``benefit``, offer
  the model's ids from a hidden ``Lists`` sheet, and only warn on another id
  (it may be one added to an entity sheet since the export); ``import``
  checks every id anyway.

Each dropdown covers the rows written and :data:`SPARE_ROWS` more, for rows added.
"""

from __future__ import annotations

from collections.abc import Sequence

from goldenthread.model.sources.sheetlayout import LINKS, MEASUREMENTS, Column, column_letter
from goldenthread.model.types import BENEFIT_KINDS, DIRECTIONS, KINDS, PROJECT_STATUSES, Model
from goldenthread.traceability.render.xlsxpackage import PLAIN, Sheet, escape

__all__ = ["LISTS", "SPARE_ROWS", "dropdowns", "id_lists", "lists_sheet"]

#: Rows below the last one written that a dropdown still covers.
SPARE_ROWS = 1000
#: The hidden sheet of ids: column A every entity's, column B the benefits'.
LISTS = "Lists"
#: sheet -> header -> the closed list its cells come from (an Excel list holds at most 255 characters).
_CLOSED: dict[str, dict[str, tuple[str, ...]]] = {
    "Projects": {"status": PROJECT_STATUSES},
    "Benefits": {"kind": BENEFIT_KINDS, "direction": DIRECTIONS},
}
#: sheet -> header -> the column of the Lists sheet it picks from.
_PICKED: dict[str, dict[str, str]] = {LINKS[0]: {"source": "A", "target": "A"}, MEASUREMENTS[0]: {"benefit": "B"}}


def id_lists(model: Model | None) -> tuple[list[str], list[str]]:
    """Every entity's id (in model order) and the benefits' ids: the two columns of the Lists sheet."""
    if model is None:
        return [], []
    return [i for kind in KINDS for i in model.section(kind)], list(model.benefits)


def dropdowns(sheet: str, columns: Sequence[Column], last: int, lists: tuple[int, int]) -> list[str]:
    """The ``<dataValidation>`` elements of ``sheet`` whose rows end at ``last``; ``lists``: ids in A and B."""
    out = []
    for i, column in enumerate(columns, start=1):
        closed = _CLOSED.get(sheet, {}).get(column.header)
        picked = _PICKED.get(sheet, {}).get(column.header)
        if closed is not None:
            formula = '"' + ",".join(closed) + '"'
            style, error = "stop", f"{column.header}: one of {', '.join(closed)}"
        elif picked is not None and lists["AB".index(picked)]:
            formula = f"{LISTS}!${picked}$2:${picked}${lists['AB'.index(picked)] + 1}"
            # An id added to an entity sheet after the export is not in the list yet: warn, do not refuse.
            style, error = "warning", f"{column.header}: not an id of the model as exported; import checks it"
        else:
            continue
        letter = column_letter(i)
        out.append(
            f'<dataValidation type="list" errorStyle="{style}" allowBlank="1" showErrorMessage="1" '
            f'errorTitle="{escape(column.header)}" error="{escape(error)}" '
            f'sqref="{letter}2:{letter}{last + SPARE_ROWS}"><formula1>{escape(formula)}</formula1></dataValidation>'
        )
    return out


def lists_sheet(ids: list[str], benefits: list[str]) -> Sheet:
    """The hidden sheet the id dropdowns read (written last, so it is the last tab)."""
    rows: list[list[tuple[object, int] | None]] = [[("id", PLAIN), ("benefit", PLAIN)]]
    for r in range(max(len(ids), len(benefits))):
        rows.append([(ids[r], PLAIN) if r < len(ids) else None, (benefits[r], PLAIN) if r < len(benefits) else None])
    return Sheet(LISTS, (24, 24), rows, filtered=False, hidden=True)
