"""``goldenthread benefits``: benefit realisation as text, Markdown, CSV or JSON."""

from __future__ import annotations

from goldenthread.traceability.benefits import STATUSES, BenefitStatus
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.formatting import (
    csv_table,
    markdown_escape,
    markdown_table,
    model_heading,
    number,
    percent,
    plural,
    text_table,
)
from goldenthread.traceability.render.outputs import formats_of

__all__ = ["FORMATS", "benefits_json", "render_benefits", "status_counts"]

FORMATS = formats_of("benefits")

_HEADER = ("benefit", "title", "kind", "unit", "baseline", "target", "by", "latest", "progress", "expected", "status")
_ALIGN = ("<", "<", "<", "<", ">", ">", "<", ">", ">", ">", "<")

_CSV_HEADER = (
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
    # The money-and-benefits flags, after the older columns so that readers by position keep working.
    "value",
    "within_tolerance",
    "stale",
    "later_measurements",
    "dis_benefit",
)


def _target(b: BenefitStatus) -> str:
    if b.target is None:
        return ""
    return ("≤ " if b.direction == "decrease" else "≥ ") + number(b.target)


def _status_text(b: BenefitStatus) -> str:
    """The status with what qualifies it: within tolerance, stale, measurements later than the model's date."""
    notes = []
    if b.within_tolerance:
        notes.append("within tolerance")
    if b.stale:
        notes.append("evidence stale")
    if b.later:
        notes.append(f"{plural(b.later, 'measurement')} later than the model's date, ignored")
    return ", ".join([b.status, *notes])


def _row(b: BenefitStatus) -> list[str]:
    return [
        b.id,
        b.title,
        b.kind or "",
        b.unit or "",
        number(b.baseline),
        _target(b),
        b.target_date.isoformat() if b.target_date else "",
        f"{number(b.latest.value)} on {b.latest.date.isoformat()}" if b.latest else "",
        percent(b.progress),
        percent(b.expected),
        _status_text(b),
    ]


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
        "within_tolerance": b.within_tolerance,
        "stale": b.stale,
        "later_measurements": b.later,
        "dis_benefit": b.adverse,
    }


def _csv_row(b: BenefitStatus, value: float | int | None) -> list[object]:
    """The JSON row flattened: ``latest`` split into its date and value, None as an empty cell, flags as true/false."""
    doc = _benefit_json(b)
    latest = b.latest
    doc["latest_date"] = latest.date.isoformat() if latest else None
    doc["latest_value"] = latest.value if latest else None
    doc["value"] = value
    return ["" if doc[c] is None else str(doc[c]).lower() if isinstance(doc[c], bool) else doc[c] for c in _CSV_HEADER]


def status_counts(rows: list[BenefitStatus]) -> dict[str, int]:
    """Status -> number of benefits, every status in its fixed order, even at 0."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for b in rows:
        counts[b.status] += 1
    return counts


def _counts_line(rows: list[BenefitStatus]) -> str:
    if not rows:
        return "No benefits."
    counts = ", ".join(f"{n:,} {s}" for s, n in status_counts(rows).items() if n)
    return f"{plural(len(rows), 'benefit')}: {counts}"


def benefits_json(rows: list[BenefitStatus]) -> dict[str, object]:
    """The command's own keys of ``goldenthread benefits --format json``.

    ``statuses`` counts every status (0 included); ``summary``, the same
    counts without the zeros, is kept for documents read before
    ``statuses`` existed and is deprecated.
    """
    statuses = status_counts(rows)
    return {
        "benefits": [_benefit_json(b) for b in rows],
        "statuses": statuses,
        "summary": {s: n for s, n in statuses.items() if n},
    }


def render_benefits(analysis: Analysis, fmt: str = "text", *, width: int | None = None) -> str:
    """Benefit realisation in ``fmt`` (one of :data:`FORMATS`); ``width`` is the terminal's, for text."""
    rows = analysis.benefits
    if fmt == "json":
        return dumps(document("benefits", model_block(analysis.model, analysis.root), benefits_json(rows)))
    if fmt == "csv":
        model = analysis.model
        return csv_table(_CSV_HEADER, [_csv_row(b, model.benefits[b.id].value) for b in rows])
    info = analysis.model.info
    # Dis-benefits are shown apart: an adverse consequence is not a benefit on its way.
    benefits = [b for b in rows if not b.adverse]
    adverse = [b for b in rows if b.adverse]
    if fmt == "markdown":
        lines = [f"## Benefits: {markdown_escape(model_heading(info))}", ""]
        lines += markdown_table(_HEADER, [_row(b) for b in benefits], align=_ALIGN)
        lines += ["", markdown_escape(_counts_line(benefits))]
        if adverse:
            lines += ["", "### Dis-benefits (kept within a limit; never evidence)", ""]
            lines += markdown_table(_HEADER, [_row(b) for b in adverse], align=_ALIGN)
        return "\n".join(lines) + "\n"
    lines = [model_heading(info), ""]
    lines += text_table(_HEADER, [_row(b) for b in benefits], align=_ALIGN, width=width, fit=1)
    lines += ["", _counts_line(benefits)]
    if adverse:
        lines += ["", "Dis-benefits (kept within a limit; never evidence):", ""]
        lines += text_table(_HEADER, [_row(b) for b in adverse], align=_ALIGN, width=width, fit=1)
        lines += ["", _counts_line(adverse).replace("benefit", "dis-benefit")]
    return "\n".join(lines) + "\n"
