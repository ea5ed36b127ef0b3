"""``goldenthread gaps``: the coverage report as text, Markdown, CSV or JSON."""

from __future__ import annotations

from goldenthread.traceability.context import Analysis
from goldenthread.traceability.coverage import AimCoverage, CoverageReport, finding_counts
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.findings import (
    by_severity,
    counts_text,
    finding_text,
    group_heading,
)
from goldenthread.traceability.render.formatting import (
    NO_INVESTMENT,
    NOT_STATED,
    amount,
    csv_table,
    markdown_escape,
    markdown_table,
    model_heading,
    money,
    paint,
    percent,
    plural,
    text_table,
)
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line

__all__ = ["FORMATS", "coverage_json", "render_gaps", "theme_investment_json", "value_json"]

FORMATS = formats_of("gaps")

_ALIGN = ("<", "<", ">", ">", ">", ">", ">", "<")


def _status(a: AimCoverage) -> str:
    return a.status + (" (waived)" if a.waived else "")


def _rows(report: CoverageReport) -> tuple[list[str], list[list[str]]]:
    currency = report.info.currency
    header = ["aim", "title", "projects", f"investment ({currency})", "share", "themes", "evidence", "status"]
    rows = [
        [
            a.id,
            a.title,
            str(len(a.projects)),
            _investment(a),
            "" if a.investment is None else _share(a.share),
            str(len(a.themes)),
            f"{a.measured}/{a.total}",
            _status(a),
        ]
        for a in report.aims
    ]
    return header, rows


def _investment(a: AimCoverage) -> str:
    """The aim's investment in words: "none" when no project reaches it, as the report's annex says."""
    if not a.projects:
        return NO_INVESTMENT
    return amount(a.investment)


def _share(fraction: float) -> str:
    # A share that rounds to 0.0% is not nothing: say so.
    return "<0.1%" if 0 < fraction < 0.0005 else percent(fraction, 1)


def _headline(report: CoverageReport) -> str:
    s = report.summary
    unfunded = s.unfunded_projects
    total = NOT_STATED if s.total_investment is None else money(s.total_investment, report.info.currency)
    return (
        (
            f"Aims with investment {s.aims_with_investment:,}/{s.aims:,}, "
            f"with evidence {s.aims_with_evidence:,}/{s.aims:,}. "
            f"Total investment {total}"
            + (f", plus {plural(unfunded, 'project')} without a budget." if unfunded else ".")
        )
        + _money_apart(report)
        + _value_text(report)
    )


def _value_text(report: CoverageReport) -> str:
    """The benefits' full-year value, each benefit once; said only when a benefit states one."""
    v = report.value
    if v is None or v.claimed is None or v.realised is None:
        return ""
    currency = report.info.currency
    return (
        f" Benefit value claimed {money(v.claimed, currency)} a year, realised to date {money(v.realised, currency)}."
    )


def _money_apart(report: CoverageReport) -> str:
    """The money a committee must see apart: proposed (not committed) and reaching no aim."""
    m = report.money
    if m is None:
        return ""
    currency = report.info.currency
    parts = []
    proposed = m.proposed_traced
    if m.proposed and proposed is None:
        parts.append(f" {plural(len(m.proposed), 'proposed project')}, not committed, with no budget stated.")
    elif m.proposed and not proposed:
        # Proposed projects with a budget that reaches no aim: none of the investment is proposed.
        parts.append(f" {plural(len(m.proposed), 'proposed project')}, not committed, reaching no aim.")
    elif m.proposed and proposed is not None:
        parts.append(
            f" Of the investment, {money(proposed, currency)} is proposed, not committed "
            f"({plural(len(m.proposed), 'proposed project')})."
        )
    if m.untraced and m.portfolio is not None:
        parts.append(
            f" {money(m.untraced_total, currency)} of the portfolio's {money(m.portfolio, currency)} "
            f"reaches no aim ({plural(len(m.untraced), 'project')})."
        )
    return "".join(parts)


def _text(report: CoverageReport, colour: bool, width: int | None) -> str:
    header, rows = _rows(report)
    lines = [model_heading(report.info), ""]
    table = text_table(header, rows, align=_ALIGN, width=width, fit=1)
    if colour:
        # Paint after layout: escape codes would upset the column widths.
        for i, a in enumerate(report.aims, start=2):
            cut = table[i].rfind(a.status)
            table[i] = table[i][:cut] + paint(table[i][cut:], a.status)
    lines.extend(table)
    lines += ["", _headline(report), "", f"Findings: {counts_text(finding_counts(report.findings))}"]
    for severity, group in by_severity(report.findings):
        lines.append(paint(group_heading(severity, group), severity, colour))
        for f in group:
            lines.append(paint("  " + finding_text(f, report.titles), "waived", colour and f.waived))
    return "\n".join(lines) + "\n"


def _markdown(report: CoverageReport) -> str:
    header, rows = _rows(report)
    lines = [f"## Coverage: {markdown_escape(model_heading(report.info))}", "", markdown_escape(_headline(report)), ""]
    lines.extend(markdown_table(header, rows, align=_ALIGN))
    lines += ["", f"### Findings: {counts_text(finding_counts(report.findings))}"]
    for severity, group in by_severity(report.findings):
        lines += ["", f"**{group_heading(severity, group)}**", ""]
        for f in group:
            text = finding_text(f, report.titles).removeprefix(f"[{one_line(f.rule)}] ")
            lines.append(f"- `{one_line(f.rule)}` {markdown_escape(text)}")
    return "\n".join(lines) + "\n"


_CSV_HEADER = (
    "id",
    "title",
    "projects",
    "themes",
    "investment",
    "share",
    "benefits_measured",
    "benefits_total",
    "status",
)


def _csv(report: CoverageReport) -> str:
    rows = [
        [
            a.id,
            a.title,
            ";".join(a.projects),
            ";".join(a.themes),
            a.investment,
            _share_of(a),
            a.measured,
            a.total,
            a.status,
        ]
        for a in report.aims
    ]
    return csv_table(_CSV_HEADER, rows)


def _share_of(a: AimCoverage) -> float | None:
    """The aim's share of the attributed money; None when its investment is not stated (unknown, not 0)."""
    return None if a.investment is None else a.share


def coverage_json(report: CoverageReport) -> dict[str, object]:
    """The command's own keys of ``goldenthread gaps --format json`` (the envelope's blocks aside).

    ``summary`` holds the headline figures (the same object as in ``summary
    --format json``); ``findings_count`` counts the findings as every
    document does.
    """
    return {
        "aims": [
            {
                "id": r.id,
                "title": r.title,
                "projects": list(r.projects),
                "themes": list(r.themes),
                "investment": r.investment,
                "projects_without_budget": r.unbudgeted,
                # null: no benefit evidencing the aim states a value.
                "benefit_value": None if r.value is None else {"claimed": r.value[0], "realised": r.value[1]},
                "share": _share_of(r),
                "benefits": {"measured": r.measured, "total": r.total},
                "status": r.status,
                "sound": r.sound,
                "waived": r.waived,
                "reason": r.reason,
            }
            for r in report.aims
        ],
        "findings": [f.as_dict() for f in report.findings],
        "findings_count": finding_counts(report.findings),
        "summary": dict(report.summary),
        "benefit_value": value_json(report),
        "theme_investment": theme_investment_json(report),
    }


def value_json(report: CoverageReport) -> dict[str, float | None]:
    """The benefits' value, each benefit once (``benefit_value`` in gaps and summary)."""
    v = report.value
    return {"claimed": v.claimed if v else None, "realised": v.realised if v else None}


def theme_investment_json(report: CoverageReport) -> list[dict[str, object]]:
    """Every theme's attributed investment (``theme_investment`` in gaps and summary)."""
    return [
        {"id": t.id, "title": t.title, "investment": t.investment, "serves_aims": t.serves_aims} for t in report.themes
    ]


def render_gaps(analysis: Analysis, fmt: str = "text", *, colour: bool = False, width: int | None = None) -> str:
    """The coverage report in ``fmt`` (one of :data:`FORMATS`); CSV holds the aims table only.

    ``width`` is the terminal's, for text (None: no limit).
    """
    report = analysis.coverage
    if fmt == "json":
        return dumps(document("gaps", model_block(analysis.model, analysis.root), coverage_json(report)))
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "csv":
        return _csv(report)
    return _text(report, colour, width)
