"""Render the model's history (:mod:`goldenthread.traceability.history`) as text, CSV, JSON or a page.

The page (``history --html FILE``) is self-contained: its line charts are
inline SVG drawn here, in Python, with no script at all; its one stylesheet
is inline and admitted by hash in the Content-Security-Policy like every
other page's.  Every text from git or the model (subjects, titles) reaches
the page escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from goldenthread.traceability.history import HistoryRow
from goldenthread.traceability.render.envelope import document, dumps
from goldenthread.traceability.render.formatting import csv_table, money_display, number, text_table
from goldenthread.traceability.render.html.page import Asset, render_page
from goldenthread.traceability.render.safetext import one_line

__all__ = [
    "COLUMNS",
    "HISTORY_FORMATS",
    "Series",
    "history_json",
    "line_chart",
    "render_history",
    "render_history_page",
]

HISTORY_FORMATS = ("text", "csv", "json")
#: The columns of the text and CSV forms, in order.
COLUMNS = (
    "date",
    "commit",
    "subject",
    "aims",
    "aims_with_investment",
    "aims_with_evidence",
    "total_investment",
    "errors",
    "warnings",
    "waived",
    "problem",
)


def _fields(r: HistoryRow) -> dict[str, object]:
    return {
        "date": r.date,
        "commit": r.sha,
        "subject": r.subject,
        "aims": r.aims,
        "aims_with_investment": r.aims_with_investment,
        "aims_with_evidence": r.aims_with_evidence,
        "total_investment": r.total_investment,
        "errors": r.errors,
        "warnings": r.warnings,
        "waived": r.waived,
        "problem": r.problem,
    }


def _of(part: int | None, whole: int | None) -> str:
    return "" if part is None else f"{part} of {whole}"


def _text(rows: Sequence[HistoryRow], currency: str) -> str:
    if not rows:
        return "no commit touched the model\n"
    table = []
    for r in rows:
        if r.loaded:
            figures = [
                _of(r.aims_with_investment, r.aims),
                _of(r.aims_with_evidence, r.aims),
                money_display(r.total_investment, currency),
                number(r.errors),
                number(r.warnings),
                number(r.waived),
            ]
        else:
            figures = ["(did not load)", "", "", "", "", ""]
        table.append([r.date[:10], r.short, one_line(r.subject)[:60], *figures])
    header = [
        "Date",
        "Commit",
        "Subject",
        "Invested aims",
        "Evidenced aims",
        "Investment",
        "Errors",
        "Warnings",
        "Waived",
    ]
    lines = text_table(header, table, ("<", "<", "<", ">", ">", ">", ">", ">", ">"))
    problems = [f"{r.short} did not load: {one_line(r.problem)}" for r in rows if r.problem]
    if problems:
        lines.append("")
        lines.extend(problems)
    return "\n".join(lines) + "\n"


def _csv(rows: Sequence[HistoryRow]) -> str:
    # csv_table makes every cell inert (no formula), as every CSV goldenthread writes.
    return csv_table(list(COLUMNS), [["" if v is None else v for v in _fields(r).values()] for r in rows])


def history_json(rows: Sequence[HistoryRow], model_block: dict[str, object], path: str) -> dict[str, object]:
    """The document ``history --format json`` prints: ``path`` (from the top of the repository) and
    ``commits``, newest first, each with the keys of :data:`COLUMNS` (nulls where it did not load)."""
    return document("history", model_block, {"path": path, "commits": [_fields(r) for r in rows]})


def render_history(
    rows: Sequence[HistoryRow],
    fmt: str,
    currency: str = "GBP",
    model_block: dict[str, object] | None = None,
    path: str = "",
) -> str:
    """The rows in ``fmt`` (one of :data:`HISTORY_FORMATS`)."""
    if fmt == "csv":
        return _csv(rows)
    if fmt == "json":
        return dumps(history_json(rows, model_block or {}, path))
    return _text(rows, currency)


# -- the page ---------------------------------------------------------------------------------

_CSS = Asset(
    """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:1.2rem 2rem}
header h1{margin:0;font-size:1.5rem}
header p{margin:.3rem 0 0;color:#c8cdd6}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:1.2rem 0;padding:1rem 1.2rem}
h2{font-size:1.1rem;margin:0 0 .6rem}
svg.gt-chart{width:100%;height:auto;display:block}
.gt-legend{display:flex;gap:1.2rem;font-size:.9rem;margin:.3rem 0 0;padding:0;list-style:none}
.gt-swatch{display:inline-block;width:.9rem;height:.25rem;vertical-align:middle;margin-right:.35rem}
.gt-s0{background:#1f6feb}.gt-s1{background:#d97706}.gt-s2{background:#6b7280}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff3;vertical-align:top}
td.gt-num,th.gt-num{text-align:right;font-variant-numeric:tabular-nums}
td.gt-date{white-space:nowrap}
code{font-size:.85rem}
.gt-problem{color:#b42318}
footer{color:#6b7280;font-size:.8rem;text-align:center;padding:1rem}
""".strip()
)
#: Series colours; the legend's swatches use the same (classes gt-s0..).
_COLOURS = ("#1f6feb", "#d97706", "#6b7280")


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: a label and one value per point (None: no value, a gap in the line)."""

    label: str
    values: Sequence[float | None]


def _ticks(top: float) -> list[float]:
    """Four or five round steps from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if top <= 4 and float(top).is_integer():
        step = 1.0
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def line_chart(
    series: Sequence[Series], labels: Sequence[str], tips: Sequence[str], money: str | None = None
) -> Markup:
    """An inline SVG line chart: one point per label (oldest first, evenly spaced), axes and gridlines.

    ``tips`` is one hover text per point; ``money`` is the currency when the values are sums.
    Every text is escaped here: the result is safe to put in a page as it is.
    """
    width, height, left, right, top_pad, bottom = 900, 260, 90, 20, 14, 40
    n = len(labels)
    values = [v for s in series for v in s.values if v is not None]
    top = max(values, default=0.0)
    ticks = _ticks(top)
    y_max = ticks[-1] or 1.0
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def x(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(v: float) -> float:
        return top_pad + plot_h * (1 - v / y_max)

    def fmt(v: float) -> str:
        return money_display(v, money) if money else number(v)

    e = html.escape
    out = [
        f'<svg class="gt-chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{e(' / '.join(s.label for s in series))}</title>",
    ]
    for t in ticks:
        ty = round(y(t), 2)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{ty}" y2="{ty}" stroke="#e5e7eb" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 8}" y="{ty + 4}" text-anchor="end" font-size="12" fill="#4b5563">{e(fmt(t))}</text>'
        )
    out.append(
        f'<line x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}" stroke="#9ca3af" stroke-width="1"/>'
    )
    shown = sorted({0, n - 1, *(round(i * (n - 1) / 4) for i in range(1, 4))}) if n > 1 else [0]
    for i in shown:
        if 0 <= i < n:
            anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
            out.append(
                f'<text x="{round(x(i), 2)}" y="{height - 12}" text-anchor="{anchor}" font-size="12" '
                f'fill="#4b5563">{e(labels[i])}</text>'
            )
    for k, s in enumerate(series):
        colour = _COLOURS[k % len(_COLOURS)]
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{round(x(i), 2)},{round(y(v), 2)}")
        for run in runs:
            if len(run) > 1:
                out.append(
                    f'<polyline class="gt-line" data-series="{k}" fill="none" stroke="{colour}" '
                    f'stroke-width="2" points="{" ".join(run)}"/>'
                )
        for i, v in enumerate(s.values):
            if v is None:
                continue
            out.append(
                f'<circle class="gt-point" data-series="{k}" cx="{round(x(i), 2)}" cy="{round(y(v), 2)}" r="3.5" '
                f'fill="{colour}"><title>{e(s.label)}: {e(fmt(v))} ({e(tips[i])})</title></circle>'
            )
    out.append("</svg>")
    return Markup("\n".join(out))


def render_history_page(rows: Sequence[HistoryRow], title: str, currency: str, path: str, version: str) -> str:
    """The history page: charts over time (oldest on the left) and the table of commits (newest first)."""
    chrono = list(reversed(rows))
    labels = [r.date[:10] for r in chrono]
    tips = [f"{r.short} {one_line(r.subject)}" for r in chrono]
    charts = [
        (
            "Aims with investment and with evidence",
            [
                Series("Aims", [r.aims for r in chrono]),
                Series("Aims with investment", [r.aims_with_investment for r in chrono]),
                Series("Aims with evidence", [r.aims_with_evidence for r in chrono]),
            ],
            None,
        ),
        (
            "Total investment traced to an aim",
            [Series("Total investment", [r.total_investment for r in chrono])],
            currency,
        ),
        (
            "Findings",
            [Series("Errors", [r.errors for r in chrono]), Series("Warnings", [r.warnings for r in chrono])],
            None,
        ),
    ]
    drawn = [
        {"heading": heading, "svg": line_chart(series, labels, tips, money), "legend": [s.label for s in series]}
        for heading, series, money in charts
    ]
    table = [
        {
            "row": r,
            "invested": _of(r.aims_with_investment, r.aims),
            "evidenced": _of(r.aims_with_evidence, r.aims),
            "investment": money_display(r.total_investment, currency),
        }
        for r in rows
    ]
    return render_page(
        "history.html",
        [],
        [_CSS],
        title=title,
        path=path,
        charts=drawn,
        table=table,
        commits=len(rows),
        version=version,
    )
