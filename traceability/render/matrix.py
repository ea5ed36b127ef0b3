"""``goldenthread matrix``: the traceability matrix as text, Markdown, CSV or JSON."""

from __future__ import annotations

from goldenthread.traceability.context import Analysis
from goldenthread.traceability.matrix import Matrix
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.formatting import (
    NO_INVESTMENT,
    NOT_STATED,
    amount,
    csv_table,
    markdown_escape,
    markdown_table,
    number,
    text_table,
)
from goldenthread.traceability.render.outputs import formats_of

__all__ = ["FORMATS", "matrix_json", "render_matrix"]

FORMATS = formats_of("matrix")

_CAPTIONS = {
    ("theme", "count"): "Aims x themes: non-cancelled projects delivering each theme that supports the aim",
    ("theme", "budget"): "Aims x themes: investment ({currency}) reaching the aim through the theme",
    ("project", "count"): "Aims x projects: 1 where the non-cancelled project reaches the aim",
    ("project", "budget"): "Aims x projects: the project's attributed share ({currency}) of the aim",
}


def _cell(m: Matrix, r: str, c: str, empty: str) -> str:
    if (r, c) not in m.cells:
        return empty
    value = m.cells[r, c]
    if value is None:
        return NOT_STATED
    return number(value) if m.value == "count" else amount(value)


def matrix_json(m: Matrix) -> dict[str, object]:
    """The command's own keys of ``goldenthread matrix --format json``.

    ``rows`` and ``cols`` in model order; each row's ``cells`` maps a column
    id to its value (an integer for ``count``), only where the two are linked;
    money nobody stated is null, never 0.
    """
    rows: list[dict[str, object]] = []
    for r in m.rows:
        row: dict[str, object] = {
            "id": r,
            "title": m.titles.get(r, ""),
            "cells": {c: _raw(m, m.cells[r, c]) for c in m.cols if (r, c) in m.cells},
        }
        if m.totals:
            # Aims x themes by budget: the money in no theme's column, and the aim's investment.
            row.update(direct=_direct(m, r), total=m.totals[r])
        rows.append(row)
    return {
        "value": m.value,
        "kinds": {"rows": m.kinds[0], "cols": m.kinds[1]},
        "cols": [
            # Aims x themes by budget: the theme's attributed investment (null: not stated).
            {"id": c, "title": m.titles.get(c, ""), **({"investment": m.themes[c]} if m.themes else {})}
            for c in m.cols
        ],
        "rows": rows,
    }


def _raw(m: Matrix, value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if m.value == "count" else float(value)


def _direct(m: Matrix, r: str) -> float | None:
    """The money arriving at aim ``r`` by direct links, for JSON and CSV: 0 with no direct link, None not stated."""
    return m.direct.get(r, 0.0)


def _extra_head(m: Matrix) -> list[str]:
    """Aims x themes by budget end with the direct money and the aim's total."""
    return ["direct", "total"] if m.totals else []


def _extra(m: Matrix, r: str, empty: str) -> list[str]:
    if not m.totals:
        return []
    # No direct link reads as an unlinked cell; an aim no project reaches has no investment, as gaps says.
    direct = amount(m.direct[r]) if r in m.direct else empty
    return [direct, NO_INVESTMENT if r in m.unreached else amount(m.totals[r])]


def _extra_raw(m: Matrix, r: str) -> list[float | None]:
    return [_direct(m, r), m.totals[r]] if m.totals else []


def _theme_row(m: Matrix) -> list[list[str]]:
    """Aims x themes by budget: a last row, each theme's attributed investment (as every output shows it)."""
    if not m.themes:
        return []
    shown = [amount(m.themes[c]) for c in m.cols]
    return [["theme investment", *shown, "", ""]]


def render_matrix(analysis: Analysis, m: Matrix, fmt: str = "text", *, width: int | None = None) -> str:
    """The matrix ``m`` of the analysed model in ``fmt`` (one of :data:`FORMATS`).

    Text numbers the columns (T1, T2... or P1, P2...) and lists them below,
    since ids are too long for column heads; an unlinked cell shows ``·``.
    CSV cells hold the raw numbers, empty where unlinked.
    """
    if fmt == "json":
        return dumps(document("matrix", model_block(analysis.model, analysis.root), matrix_json(m)))
    caption = _CAPTIONS[m.kinds[1], m.value].format(currency=analysis.model.info.currency)
    extra = _extra_head(m)
    align = ("<",) + (">",) * (len(m.cols) + len(extra))
    if fmt == "csv":
        # Empty where unlinked or not stated, as CSV has no null.
        rows = [[r, *(_raw(m, m.cells.get((r, c))) for c in m.cols), *_extra_raw(m, r)] for r in m.rows]
        return csv_table(["aim", *m.cols, *extra], rows)
    if fmt == "markdown":
        table = markdown_table(
            ["aim", *m.cols, *extra],
            [*([r, *(_cell(m, r, c, "") for c in m.cols), *_extra(m, r, "")] for r in m.rows), *_theme_row(m)],
            align,
        )
        return "\n".join([f"{markdown_escape(caption)} (empty = not linked)", "", *table]) + "\n"
    prefix = m.kinds[1][0].upper()
    keys = [f"{prefix}{i}" for i in range(1, len(m.cols) + 1)]
    lines = [f"{caption} (· = not linked)", ""]
    lines += text_table(
        ["aim", *keys, *extra],
        [*([r, *(_cell(m, r, c, "·") for c in m.cols), *_extra(m, r, "·")] for r in m.rows), *_theme_row(m)],
        align,
    )
    legend = [[k, c, m.titles.get(c, "")] for k, c in zip(keys, m.cols, strict=True)]
    if legend:
        lines += [""]
        lines.extend(line.rstrip() for line in text_table(["", "id", "title"], legend, width=width, fit=2)[2:])
    return "\n".join(lines) + "\n"
