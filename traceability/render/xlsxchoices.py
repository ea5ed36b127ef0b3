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

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from goldenthread.model.sheetlayout import LINKS, MEASUREMENTS, Column
from goldenthread.model.types import BENEFIT_KINDS, DIRECTIONS, KINDS, PROJECT_STATUSES, Model

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


def dropdowns(sheet: str, columns: Sequence[Column], last: int, lists: tuple[int, int]) -> list[DataValidation]:
    """The data validations of ``sheet`` whose rows end at ``last``; ``lists``: how many ids in A and in B."""
    out = []
    for i, column in enumerate(columns, start=1):
        closed = _CLOSED.get(sheet, {}).get(column.header)
        picked = _PICKED.get(sheet, {}).get(column.header)
        if closed is not None:
            dv = DataValidation(type="list", formula1='"' + ",".join(closed) + '"', allow_blank=True)
            dv.error = f"{column.header}: one of {', '.join(closed)}"
        elif picked is not None and lists["AB".index(picked)]:
            end = lists["AB".index(picked)] + 1
            dv = DataValidation(type="list", formula1=f"{LISTS}!${picked}$2:${picked}${end}", allow_blank=True)
            dv.errorStyle = "warning"
            dv.error = f"{column.header}: not an id of the model as exported; import checks it"
        else:
            continue
        dv.errorTitle = column.header
        dv.showErrorMessage = True
        letter = get_column_letter(i)
        dv.add(f"{letter}2:{letter}{last + SPARE_ROWS}")
        out.append(dv)
    return out


def lists_sheet(wb: Workbook, ids: list[str], benefits: list[str]) -> None:
    """The hidden sheet the id dropdowns read (written last, so it is the last tab)."""
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    ws.append(["id", "benefit"])
    for r in range(max(len(ids), len(benefits))):
        ws.append([ids[r] if r < len(ids) else None, benefits[r] if r < len(benefits) else None])
