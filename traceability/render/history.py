"""Render the model's history (:mod:`goldenthread.traceability.history`) as text, CSV, JSON or a page.

The page (``history --html FILE``) is self-contained: its line charts are
inline SVG drawn here, in Python, with no script at all; its one stylesheet
is inline and admitted by hash in the Content-Security-Policy like every
other page's.  Every text from git or the model (subjects, titles) reaches
the page escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from goldenthread.traceability.history import HistoryRow
from goldenthread.traceability.render.envelope import document, dumps
from goldenthread.traceability.render.formatting import NOT_STATED, csv_table, money_display, number, text_table
from goldenthread.traceability.render.html.page import Asset, render_page
from goldenthread.traceability.render.linechart import Series, legend, line_chart
from goldenthread.traceability.render.outputs import formats_of
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

HISTORY_FORMATS = formats_of("history")
#: The columns of the text and CSV forms, in order.
COLUMNS = (
    "date",
    "commit",
    "subject",
    "aims",
    "aims_with_investment",
    "aims_with_evidence",
    "aims_covered",
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
        "aims_covered": r.aims_covered,
        "total_investment": r.total_investment,
        "errors": r.errors,
        "warnings": r.warnings,
        "waived": r.waived,
        "problem": r.problem,
    }


def _of(part: int | None, whole: int | None) -> str:
    return "" if part is None else f"{part} of {whole}"


def _investment(r: HistoryRow, currency: str) -> str:
    """A loaded commit's total investment; "not stated" where its projects state no budget (unknown, not 0)."""
    if r.loaded and r.total_investment is None:
        return NOT_STATED
    return money_display(r.total_investment, currency)


def _text(rows: Sequence[HistoryRow], currency: str) -> str:
    if not rows:
        return "no commit touched the model\n"
    table = []
    for r in rows:
        if r.loaded:
            figures = [
                _of(r.aims_with_investment, r.aims),
                _of(r.aims_with_evidence, r.aims),
                _of(r.aims_covered, r.aims),
                _investment(r, currency),
                number(r.errors),
                number(r.warnings),
                number(r.waived),
            ]
        else:
            figures = ["(did not load)", "", "", "", "", "", ""]
        table.append([r.date[:10], r.short, one_line(r.subject)[:60], *figures])
    header = [
        "Date",
        "Commit",
        "Subject",
        "Invested aims",
        "Evidenced aims",
        "Covered aims",
        "Investment",
        "Errors",
        "Warnings",
        "Waived",
    ]
    lines = text_table(header, table, ("<", "<", "<", *">" * 7))
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
header{background:#1d2430;color:#fff;padding:1rem 1.2rem}
header h1{margin:0;font-size:1.4rem}
header p{margin:.3rem 0 0;color:#c8cdd6}
main{max-width:1100px;margin:0 auto;padding:.6rem 1rem 2rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:1rem 0;padding:.8rem 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
svg.gt-chart,svg.gt-chart-phone{width:100%;height:auto;display:block}
svg.gt-chart-phone{display:none}
.gt-legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem;margin:.3rem 0 0;padding:0;list-style:none}
.gt-swatch{display:inline-block;width:1.2rem;height:.25rem;vertical-align:middle;margin-right:.35rem}
.gt-note{color:#4b5563;font-size:.9rem;margin:.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff3;vertical-align:top}
td.gt-num,th.gt-num{text-align:right;font-variant-numeric:tabular-nums}
td.gt-date{white-space:nowrap}
code{font-size:.85rem}
.gt-problem{color:#a33c00}
.gt-tag{font-weight:600}
footer{color:#6b7280;font-size:.8rem;text-align:center;padding:1rem}
@media (max-width:700px){
svg.gt-chart{display:none}
svg.gt-chart-phone{display:block}
main{padding:.4rem .5rem 1rem}
section{padding:.6rem .6rem}
table,tbody,tr,td{display:block;width:100%}
thead{display:none}
tr{border:1px solid #dde1e7;border-radius:4px;margin:0 0 .5rem;padding:.3rem .5rem;box-sizing:border-box}
td{border:0;padding:.1rem 0;text-align:left}
td.gt-num{text-align:left}
td[data-label]::before{content:attr(data-label) ": ";color:#6b7280}
}
@media print{
@page{size:A4 landscape;margin:10mm}
body{background:#fff;font-size:9.5pt}
header{background:none;color:#000;padding:0 0 .3rem;border-bottom:2px solid #1d2430}
header p{color:#333}
main{max-width:none;padding:0}
section{border:0;padding:0;margin:.5rem 0;break-inside:avoid}
.gt-table{break-inside:auto}
tr{break-inside:avoid}
thead{display:table-header-group}
svg.gt-chart{max-height:120mm;display:block}
svg.gt-chart-phone{display:none}
footer{display:none}
}
""".strip()
)


def _share(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else 100 * part / whole


def render_history_page(
    rows: Sequence[HistoryRow],
    title: str,
    currency: str,
    path: str,
    version: str,
    tags: dict[str, list[str]] | None = None,
) -> str:
    """The history page: shares of the aims over time and the investment, by date (oldest on the
    left, tags marked), then the table of commits (newest first). ``tags``: commit hash -> tag names."""
    tags = tags or {}
    chrono = list(reversed(rows))
    labels = [r.date for r in chrono]
    marks = [tags.get(r.sha, []) for r in chrono]
    tips = [
        f"{r.date[:10]} {r.short} {one_line(r.subject)}" + (f" [{', '.join(m)}]" if m else "")
        for r, m in zip(chrono, marks, strict=True)
    ]
    shares = [
        Series("Aims with investment", [_share(r.aims_with_investment, r.aims) for r in chrono]),
        Series("Aims with evidence", [_share(r.aims_with_evidence, r.aims) for r in chrono]),
        Series("Aims covered", [_share(r.aims_covered, r.aims) for r in chrono]),
    ]
    findings = [Series("Errors", [r.errors for r in chrono]), Series("Warnings", [r.warnings for r in chrono])]
    charts = [
        ("Are we getting better? Shares of the aims", shares, None, True, 300),
        (
            "Investment traced to an aim",
            [Series("Total investment", [r.total_investment for r in chrono])],
            currency,
            False,
            200,
        ),
        ("Findings", findings, None, False, 200),
    ]
    drawn = [
        {
            "heading": heading,
            "svg": line_chart(series, labels, tips, money, percent=pct, tags=marks, height=h),
            "phone": line_chart(series, labels, tips, money, percent=pct, tags=marks, height=h, phone=True),
            "legend": legend(series),
        }
        for heading, series, money, pct, h in charts
    ]
    table = [
        {
            "row": r,
            "invested": _of(r.aims_with_investment, r.aims),
            "evidenced": _of(r.aims_with_evidence, r.aims),
            "covered": _of(r.aims_covered, r.aims),
            "investment": _investment(r, currency),
            "tags": tags.get(r.sha, []),
        }
        for r in rows
    ]
    span = f"{chrono[0].date[:10]} to {chrono[-1].date[:10]}" if chrono else ""
    return render_page(
        "history.html",
        [],
        [_CSS],
        title=title,
        path=path,
        span=span,
        charts=drawn,
        table=table,
        commits=len(rows),
        version=version,
    )
