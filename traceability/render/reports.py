"""Render the table reports (gaps, benefits, matrix, summary) as text, Markdown, CSV or JSON.

Each ``render_*`` takes the plain result of one analysis and a format, and
returns the whole output as a string ending in a newline.  Colour (ANSI) is
used in text only when the caller asks for it: the CLI asks on a terminal
without NO_COLOR.
"""

from __future__ import annotations

import json

from goldenthread.model.types import Finding, ModelInfo
from goldenthread.traceability.benefits import STATUSES, BenefitStatus
from goldenthread.traceability.coverage import CoverageReport, coverage_json, info_json
from goldenthread.traceability.matrix import Matrix
from goldenthread.traceability.render.tables import (
    csv_table,
    markdown_escape,
    markdown_table,
    money,
    number,
    percent,
    plural,
    shorten,
    text_table,
)
from goldenthread.traceability.summary import Summary, summary_json

__all__ = [
    "BENEFITS_FORMATS",
    "GAPS_FORMATS",
    "MATRIX_FORMATS",
    "SUMMARY_FORMATS",
    "dumps",
    "finding_text",
    "render_benefits",
    "render_gaps",
    "render_matrix",
    "render_summary",
]

GAPS_FORMATS = ("text", "json", "markdown", "csv")
BENEFITS_FORMATS = ("text", "json", "csv")
MATRIX_FORMATS = ("text", "csv", "markdown")
SUMMARY_FORMATS = ("text", "json")

_RESET = "\x1b[0m"
_COLOURS = {
    "error": "\x1b[31m",
    "warning": "\x1b[33m",
    "waived": "\x1b[2m",
    "no investment": "\x1b[31m",
    "no evidence": "\x1b[33m",
    "covered": "\x1b[32m",
}
_TITLE_WIDTH = 40


def dumps(doc: object) -> str:
    """JSON as every report prints it: indented, UTF-8 text kept as is, a final newline."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _paint(text: str, key: str, colour: bool) -> str:
    return f"{_COLOURS[key]}{text}{_RESET}" if colour and key in _COLOURS else text


def _heading(info: ModelInfo) -> str:
    title = info.title or "Untitled model"
    who = f"{info.organisation}, " if info.organisation else ""
    return f"{title} ({who}as of {info.as_of.isoformat()})"


def finding_text(f: Finding, titles: dict[str, str]) -> str:
    """``[rule] id (title) what is wrong``, with the waiver reason when waived.

    The rules word their messages ``kind 'id' (title) ...``; that lead is
    shortened to ``id (title)``, and a message worded otherwise is kept whole
    after ``id (title):``.
    """
    title = titles.get(f.entity) if f.entity else None
    body = f.message
    if f.entity and title is not None:
        lead = f"{f.kind} {f.entity!r} ({title})"
        if body.startswith(lead):
            body = f"{f.entity} ({title}){body[len(lead) :]}"
        else:
            body = f"{f.entity} ({title}): {body}"
    waived = f" (waived: {f.reason})" if f.waived else ""
    return f"[{f.rule}] {body}{waived}"


def _by_severity(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups = [("error", [f for f in findings if f.severity == "error"])]
    groups.append(("warning", [f for f in findings if f.severity == "warning"]))
    return [(s, fs) for s, fs in groups if fs]


def _finding_counts(summary: dict) -> str:
    """``1 error, 9 warnings, 1 waived``: unwaived errors and warnings, then the waived."""
    return (
        f"{plural(summary['errors'], 'error')}, {plural(summary['warnings'], 'warning')}, {summary['waived']:,} waived"
    )


def _group_heading(severity: str, group: list[Finding]) -> str:
    waived = sum(1 for f in group if f.waived)
    return f"{severity.capitalize()}s ({len(group):,}{f', {waived:,} waived' if waived else ''})"


# -- gaps ---------------------------------------------------------------------
def _gaps_rows(report: CoverageReport) -> tuple[list[str], list[list[str]]]:
    currency = report.info.currency
    header = ["aim", "title", "projects", f"investment ({currency})", "share", "themes", "evidence", "status"]
    rows = [
        [
            a.id,
            a.title,
            str(len(a.projects)),
            f"{a.investment:,.0f}",
            _share(a.share),
            str(len(a.themes)),
            f"{a.measured}/{a.total}",
            a.status,
        ]
        for a in report.aims
    ]
    return header, rows


def _share(fraction: float) -> str:
    # A share that rounds to 0.0% is not nothing: say so.
    return "<0.1%" if 0 < fraction < 0.0005 else percent(fraction, 1)


def _headline(report: CoverageReport) -> str:
    s = report.summary
    return (
        f"Aims with investment {s['aims_with_investment']:,}/{s['aims']:,}, "
        f"with evidence {s['aims_with_evidence']:,}/{s['aims']:,}. "
        f"Total investment {money(s['total_investment'], report.info.currency)}; "
        f"{plural(s['unfunded_projects'], 'project')} without a budget."
    )


def _gaps_text(report: CoverageReport, colour: bool) -> str:
    header, rows = _gaps_rows(report)
    for row in rows:
        row[1] = shorten(row[1], _TITLE_WIDTH)
    lines = [_heading(report.info), ""]
    table = text_table(header, rows, align=("<", "<", ">", ">", ">", ">", ">", "<"))
    if colour:
        # Paint after layout: escape codes would upset the column widths.
        for i, a in enumerate(report.aims, start=2):
            cut = table[i].rfind(a.status)
            table[i] = table[i][:cut] + _paint(a.status, a.status, True)
    lines.extend(table)
    lines += ["", _headline(report)]
    s = report.summary
    lines += ["", f"Findings: {_finding_counts(s)}"]
    for severity, group in _by_severity(report.findings):
        lines.append(_paint(_group_heading(severity, group), severity, colour))
        for f in group:
            text = "  " + finding_text(f, report.titles)
            lines.append(_paint(text, "waived", colour and f.waived))
    return "\n".join(lines) + "\n"


def _gaps_markdown(report: CoverageReport) -> str:
    header, rows = _gaps_rows(report)
    lines = [f"## Coverage: {markdown_escape(_heading(report.info))}", "", markdown_escape(_headline(report)), ""]
    lines.extend(markdown_table(header, rows, align=("<", "<", ">", ">", ">", ">", ">", "<")))
    s = report.summary
    lines += ["", f"### Findings: {_finding_counts(s)}"]
    for severity, group in _by_severity(report.findings):
        lines += ["", f"**{_group_heading(severity, group)}**", ""]
        for f in group:
            text = finding_text(f, report.titles).removeprefix(f"[{f.rule}] ")
            lines.append(f"- `{f.rule}` {markdown_escape(text)}")
    return "\n".join(lines) + "\n"


def _gaps_csv(report: CoverageReport) -> str:
    header = ["id", "title", "projects", "themes", "investment", "share", "benefits_measured", "benefits_total"]
    rows = [
        [a.id, a.title, ";".join(a.projects), ";".join(a.themes), a.investment, a.share, a.measured, a.total, a.status]
        for a in report.aims
    ]
    return csv_table([*header, "status"], rows)


def render_gaps(report: CoverageReport, fmt: str = "text", colour: bool = False) -> str:
    """The coverage report in ``fmt`` (one of :data:`GAPS_FORMATS`); CSV holds the aims table only."""
    if fmt == "json":
        return dumps(coverage_json(report))
    if fmt == "markdown":
        return _gaps_markdown(report)
    if fmt == "csv":
        return _gaps_csv(report)
    return _gaps_text(report, colour)


# -- benefits -----------------------------------------------------------------
def _target(b: BenefitStatus) -> str:
    if b.target is None:
        return ""
    return ("≤ " if b.direction == "decrease" else "≥ ") + number(b.target)


def _benefit_json(b: BenefitStatus) -> dict[str, object]:
    return {
        "id": b.id,
        "title": b.title,
        "kind": b.kind,
        "unit": b.unit,
        "direction": b.direction if b.unit is not None else None,
        "baseline": b.baseline,
        "target": b.target,
        "target_date": b.target_date.isoformat() if b.target_date else None,
        "latest": None if b.latest is None else {"date": b.latest.date.isoformat(), "value": b.latest.value},
        "progress": b.progress,
        "expected": b.expected,
        "status": b.status,
    }


_BENEFIT_CSV_HEADER = (
    "id",
    "title",
    "kind",
    "unit",
    "direction",
    "baseline",
    "target",
    "target_date",
    "latest_date",
    "latest_value",
    "progress",
    "expected",
    "status",
)


def _benefit_csv_row(b: BenefitStatus) -> list[object]:
    latest = b.latest
    cells = [
        b.id,
        b.title,
        b.kind,
        b.unit,
        b.direction if b.unit is not None else None,
        b.baseline,
        b.target,
        b.target_date.isoformat() if b.target_date else None,
        latest.date.isoformat() if latest else None,
        latest.value if latest else None,
        b.progress,
        b.expected,
        b.status,
    ]
    return ["" if c is None else c for c in cells]


def _status_counts(rows: list[BenefitStatus]) -> dict[str, int]:
    return {s: n for s in STATUSES if (n := sum(1 for b in rows if b.status == s))}


def render_benefits(rows: list[BenefitStatus], info: ModelInfo, fmt: str = "text") -> str:
    """Benefit realisation in ``fmt`` (one of :data:`BENEFITS_FORMATS`)."""
    if fmt == "json":
        doc = {"model": info_json(info), "benefits": [_benefit_json(b) for b in rows], "summary": _status_counts(rows)}
        return dumps(doc)
    if fmt == "csv":
        return csv_table(_BENEFIT_CSV_HEADER, [_benefit_csv_row(b) for b in rows])
    header = ["benefit", "kind", "unit", "baseline", "target", "by", "latest", "progress", "expected", "status"]
    table = [
        [
            b.id,
            b.kind or "",
            b.unit or "",
            number(b.baseline),
            _target(b),
            b.target_date.isoformat() if b.target_date else "",
            f"{number(b.latest.value)} on {b.latest.date.isoformat()}" if b.latest else "",
            percent(b.progress),
            percent(b.expected),
            b.status,
        ]
        for b in rows
    ]
    lines = [_heading(info), ""]
    lines.extend(text_table(header, table, align=("<", "<", "<", ">", ">", "<", ">", ">", ">", "<")))
    counts = ", ".join(f"{n} {s}" for s, n in _status_counts(rows).items())
    lines += ["", f"{plural(len(rows), 'benefit')}: {counts}" if rows else "No benefits."]
    return "\n".join(lines) + "\n"


# -- matrix -------------------------------------------------------------------
def _cell(m: Matrix, r: str, c: str, empty: str) -> str:
    value = m.cells.get((r, c))
    if value is None:
        return empty
    return number(value) if m.value == "count" else f"{value:,.0f}"


_MATRIX_CAPTIONS = {
    ("theme", "count"): "Aims x themes: non-cancelled projects delivering each theme that supports the aim",
    ("theme", "budget"): "Aims x themes: investment ({currency}) reaching the aim through the theme",
    ("project", "count"): "Aims x projects: 1 where the non-cancelled project reaches the aim",
    ("project", "budget"): "Aims x projects: the project's attributed share ({currency}) of the aim",
}


def render_matrix(m: Matrix, fmt: str = "text", currency: str = "GBP") -> str:
    """The matrix in ``fmt`` (one of :data:`MATRIX_FORMATS`).

    Text numbers the columns (T1, T2... or P1, P2...) and lists them below,
    since ids are too long for column heads; an unlinked cell shows ``·``.
    CSV cells hold the raw numbers, empty where unlinked.
    """
    titles = m.titles
    caption = _MATRIX_CAPTIONS[m.kinds[1], m.value].format(currency=currency)
    if fmt == "csv":
        raw = int if m.value == "count" else float
        rows = [[r, *("" if (v := m.cells.get((r, c))) is None else raw(v) for c in m.cols)] for r in m.rows]
        return csv_table(["aim", *m.cols], rows)
    if fmt == "markdown":
        rows = [[r, *(_cell(m, r, c, "") for c in m.cols)] for r in m.rows]
        table = markdown_table(["aim", *m.cols], rows, align=("<",) + (">",) * len(m.cols))
        return "\n".join([f"{markdown_escape(caption)} (empty = not linked)", "", *table]) + "\n"
    prefix = m.kinds[1][0].upper()
    keys = [f"{prefix}{i}" for i in range(1, len(m.cols) + 1)]
    rows = [[r, *(_cell(m, r, c, "·") for c in m.cols)] for r in m.rows]
    lines = [f"{caption} (· = not linked)", ""]
    lines += text_table(["aim", *keys], rows, align=("<",) + (">",) * len(m.cols))
    legend = [[k, c, shorten(titles.get(c, ""), 60)] for k, c in zip(keys, m.cols, strict=True)]
    if legend:
        lines += [""]
        lines.extend(line.rstrip() for line in text_table(["", "id", "title"], legend)[2:])
    return "\n".join(lines) + "\n"


# -- summary ------------------------------------------------------------------
def render_summary(s: Summary, fmt: str = "text") -> str:
    """The summary in ``fmt`` (one of :data:`SUMMARY_FORMATS`)."""
    if fmt == "json":
        return dumps(summary_json(s))
    h = s.headline

    def counts(d: dict[str, int]) -> str:
        return ", ".join(f"{n:,} {k}" for k, n in d.items() if n) or "none"

    words = {"aim": "aims", "theme": "themes", "project": "projects", "benefit": "benefits"}
    rows = [
        ["Entities", f"{sum(s.entities.values()):,}", ", ".join(f"{n:,} {words[k]}" for k, n in s.entities.items())],
        ["Aims", f"{h['aims']:,}", counts(s.aims)],
        ["Projects", f"{sum(s.projects.values()):,}", counts(s.projects)],
        ["Benefits", f"{sum(s.benefits.values()):,}", counts(s.benefits)],
        [
            "Investment",
            money(h["total_investment"], s.info.currency),
            f"{plural(h['unfunded_projects'], 'project')} without a budget",
        ],
        ["With investment", f"{h['aims_with_investment']:,}/{h['aims']:,}", "aims reached by a non-cancelled project"],
        ["With evidence", f"{h['aims_with_evidence']:,}/{h['aims']:,}", "aims evidenced by a measured benefit"],
        [
            "Unmeasured",
            f"{h['projects_without_measured_benefit']:,}",
            "non-cancelled projects realising no measured benefit",
        ],
        ["Findings", f"{h['errors'] + h['warnings'] + h['waived']:,}", _finding_counts(h)],
    ]
    lines = [_heading(s.info), ""]
    lines.extend(text_table(["", "", ""], rows, align=("<", ">", "<"))[2:])
    return "\n".join(lines) + "\n"
