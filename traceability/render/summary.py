"""``goldenthread summary``: the model on one screen, as text, Markdown, CSV or JSON."""

from __future__ import annotations

from goldenthread.model.types import SECTIONS
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.coverage import CoverageReport, finding_counts
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.findings import counts_text
from goldenthread.traceability.render.formatting import (
    NOT_STATED,
    csv_table,
    markdown_escape,
    markdown_table,
    model_heading,
    money,
    plural,
    text_table,
)
from goldenthread.traceability.render.gaps import theme_investment_json, value_json
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.summary import Summary

__all__ = ["FORMATS", "render_summary", "summary_json"]

FORMATS = formats_of("summary")

_HEADER = ("figure", "value", "detail")


def _counts(d: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {k}" for k, n in d.items() if n) or "none"


def _rows(s: Summary, counts: dict[str, int]) -> list[tuple[str, float | int | None, str, str]]:
    """(figure, raw value, value as shown, detail) for every line of the summary."""
    h = s.headline
    aims = h.aims
    return [
        (
            "Entities",
            sum(s.entities.values()),
            f"{sum(s.entities.values()):,}",
            ", ".join(f"{n:,} {SECTIONS[k]}" for k, n in s.entities.items()),
        ),
        ("Aims", aims, f"{aims:,}", _counts(s.aims)),
        ("Projects", sum(s.projects.values()), f"{sum(s.projects.values()):,}", _counts(s.projects)),
        ("Benefits", sum(s.benefits.values()), f"{sum(s.benefits.values()):,}", _counts(s.benefits)),
        (
            "Investment",
            h.total_investment,
            NOT_STATED if h.total_investment is None else money(h.total_investment, s.info.currency),
            f"plus {plural(h.unfunded_projects, 'project')} without a budget"
            if h.unfunded_projects
            else "every project states a budget",
        ),
        *_money_apart(s),
        (
            "With investment",
            h.aims_with_investment,
            f"{h.aims_with_investment:,}/{aims:,}",
            "aims reached by a non-cancelled project",
        ),
        (
            "With evidence",
            h.aims_with_evidence,
            f"{h.aims_with_evidence:,}/{aims:,}",
            "aims evidenced by a measured benefit",
        ),
        (
            "Unmeasured",
            h.projects_without_measured_benefit,
            f"{h.projects_without_measured_benefit:,}",
            "non-cancelled projects realising no measured benefit",
        ),
        *_value_rows(s),
        ("Findings", sum(counts.values()), f"{sum(counts.values()):,}", counts_text(counts)),
    ]


def _value_rows(s: Summary) -> list[tuple[str, float | int | None, str, str]]:
    """The benefits' full-year value, claimed and realised, each benefit once; only when a benefit states one."""
    v = s.value
    if v is None or v.claimed is None or v.realised is None:
        return []
    currency = s.info.currency
    return [
        ("Benefit value", v.claimed, money(v.claimed, currency), "claimed a year, each benefit counted once"),
        ("Realised", v.realised, money(v.realised, currency), "of the benefit value, to date (value x progress)"),
    ]


def _money_apart(s: Summary) -> list[tuple[str, float | int | None, str, str]]:
    """Proposed investment (not committed) and money reaching no aim, when there is any."""
    h, currency = s.headline, s.info.currency
    rows: list[tuple[str, float | int | None, str, str]] = []
    if h.proposed_projects:
        rows.append(
            (
                "Proposed",
                h.proposed_investment,
                NOT_STATED if h.proposed_investment is None else money(h.proposed_investment, currency),
                f"of the investment, not committed ({plural(h.proposed_projects, 'proposed project')})",
            )
        )
    if h.untraced_budget and h.portfolio_budget is not None:
        rows.append(
            (
                "Untraced",
                h.untraced_budget,
                money(h.untraced_budget, currency),
                f"of the portfolio's {money(h.portfolio_budget, currency)} reaches no aim",
            )
        )
    return rows


def summary_json(s: Summary, counts: dict[str, int], report: CoverageReport) -> dict[str, object]:
    """The command's own keys of ``goldenthread summary --format json``.

    ``summary`` holds the headline figures, the same object as in ``gaps
    --format json``; ``findings_count`` counts the findings as every document does.
    """
    return {
        "entities": {SECTIONS[k]: n for k, n in s.entities.items()},
        "projects": dict(s.projects),
        "benefits": dict(s.benefits),
        "aims": dict(s.aims),
        "findings_count": counts,
        "summary": dict(s.headline),
        # The same objects as in gaps.
        "benefit_value": value_json(report),
        "theme_investment": theme_investment_json(report),
    }


def render_summary(analysis: Analysis, fmt: str = "text") -> str:
    """The summary in ``fmt`` (one of :data:`FORMATS`); CSV has one row a figure."""
    s = analysis.summary
    counts = finding_counts(analysis.findings)
    if fmt == "json":
        own = summary_json(s, counts, analysis.coverage)
        return dumps(document("summary", model_block(analysis.model, analysis.root), own))
    rows = _rows(s, counts)
    if fmt == "csv":
        return csv_table(_HEADER, [[label, raw, detail] for label, raw, _, detail in rows])
    shown = [[label, value, detail] for label, _, value, detail in rows]
    if fmt == "markdown":
        lines = [f"## Summary: {markdown_escape(model_heading(s.info))}", ""]
        lines += markdown_table(_HEADER, shown, align=("<", ">", "<"))
        return "\n".join(lines) + "\n"
    lines = [model_heading(s.info), ""]
    lines.extend(text_table(["", "", ""], shown, align=("<", ">", "<"))[2:])
    return "\n".join(lines) + "\n"
