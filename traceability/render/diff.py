"""Render a :class:`~goldenthread.traceability.diff.Diff` as text, Markdown (a pull-request comment) or JSON.

The JSON document (``diff --format json``) is written by
:mod:`goldenthread.traceability.render.diffjson`, which lists its keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from goldenthread.model.types import Finding
from goldenthread.traceability.diff import AimChange, Diff, FieldChange, Link, MeasurementChange
from goldenthread.traceability.render.diffjson import diff_json
from goldenthread.traceability.render.envelope import dumps
from goldenthread.traceability.render.findings import finding_line
from goldenthread.traceability.render.formatting import (
    NOT_STATED,
    markdown_escape,
    markdown_table,
    money_display,
    number,
    plural,
    text_table,
)
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line

__all__ = ["DIFF_FORMATS", "MARKDOWN_LIMIT", "DiffSides", "diff_json", "render_diff"]

DIFF_FORMATS = formats_of("diff")
#: GitHub refuses a comment over 65,536 characters; the rest is room for what a workflow adds.
MARKDOWN_LIMIT = 60_000

#: The headline figures text and Markdown show, in order, with their labels (JSON has every
#: key of ``gaps``' summary).
LABELS = {
    "aims": "Aims",
    "aims_with_investment": "Aims with investment",
    "aims_with_evidence": "Aims with evidence",
    "aims_at_risk": "Aims at risk",
    "aims_covered": "Aims covered",
    "total_investment": "Total investment",
    "unfunded_projects": "Unfunded projects",
    "projects_without_measured_benefit": "Projects without a measured benefit",
    "errors": "Errors",
    "warnings": "Warnings",
    "waived": "Waived",
}


def _shown_keys(d: Diff) -> list[str]:
    return [k for k in LABELS if k in d.headline_after or k in d.headline_before]


@dataclass(frozen=True, slots=True)
class DiffSides:
    """What the two sides were called on the command line, and their model blocks (for JSON)."""

    old: str
    new: str
    currency: str = "GBP"
    old_block: dict[str, object] | None = None
    new_block: dict[str, object] | None = None


# -- shared wording -----------------------------------------------------------------


def _value(v: object) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return number(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) + "}"
    return str(v)


def _signed_money(x: float, currency: str) -> str:
    text = money_display(x, currency)
    return text if x < 0 else "+" + text


_MONEY_KEYS = ("total_investment", "portfolio_budget", "proposed_investment")


def _figure(key: str, v: object, currency: str) -> str:
    if v is None:
        # A sum of money no project states is unknown, not 0; any other figure is absent on that side.
        return NOT_STATED if key in _MONEY_KEYS else ""
    if key == "total_investment" and isinstance(v, int | float):
        return money_display(v, currency)
    return _value(v)


def _figure_change(key: str, before: object, after: object, currency: str) -> str:
    if not isinstance(before, int | float) or not isinstance(after, int | float) or before == after:
        return ""
    delta = after - before
    if key == "total_investment":
        return _signed_money(delta, currency)
    return f"{'+' if delta > 0 else ''}{number(delta)}"


def _measurement(m: MeasurementChange) -> tuple[str, str]:
    def side(s: dict[str, object] | None) -> str:
        if s is None:
            return ""
        source = f" ({s['source']})" if s.get("source") else ""
        return f"{_value(s['value'])}{source}"

    if m.before is None:
        return "+", f"{m.benefit} {m.date}: {side(m.after)}"
    if m.after is None:
        return "-", f"{m.benefit} {m.date}: {side(m.before)}"
    return "~", f"{m.benefit} {m.date}: {side(m.before)} -> {side(m.after)}"


def _aim_line(a: AimChange, currency: str, arrow: str = "->") -> str:
    def money(x: float | None, status: str | None) -> str:
        if status is None:
            return "(none)"
        return NOT_STATED if x is None else money_display(x, currency)

    before, after = money(a.investment_before, a.status_before), money(a.investment_after, a.status_after)
    line = f"investment {before} {arrow} {after}"
    if a.status_before is not None and a.status_after is not None and a.delta:
        line += f" ({_signed_money(a.delta, currency)})"
    if a.status_before == a.status_after:
        return f"{line}; status {a.status_after}"
    cause = f" (benefits whose status changed: {', '.join(a.benefits)})" if a.benefits else ""
    return f"{line}; status {a.status_before or '(none)'} {arrow} {a.status_after or '(none)'}{cause}"


def _measurement_counts(d: Diff) -> str:
    """``1 added, 0 removed, 0 changed``: a new measurement is added, not changed."""
    added = sum(1 for m in d.measurements if m.before is None)
    removed = sum(1 for m in d.measurements if m.after is None)
    return f"{added} added, {removed} removed, {len(d.measurements) - added - removed} changed"


def _counts(d: Diff) -> str:
    return (
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed; "
        f"links {len(d.links_added)} added, {len(d.links_removed)} removed; "
        f"measurements {_measurement_counts(d)}; findings {len(d.introduced)} introduced, "
        f"{len(d.resolved)} resolved, {len(d.still_open)} still open"
    )


# -- text ---------------------------------------------------------------------------


def _text(d: Diff, sides: DiffSides) -> str:
    cur = sides.currency
    out = [f"OLD {one_line(sides.old)} -> NEW {one_line(sides.new)}"]
    if d.unchanged:
        out.append("no change: the two models say the same thing")
    out.append(one_line(_counts(d)))
    out.append("")
    rows = []
    for key in _shown_keys(d):
        b, a = d.headline_before.get(key), d.headline_after.get(key)
        rows.append([LABELS[key], _figure(key, b, cur), _figure(key, a, cur), _figure_change(key, b, a, cur)])
    out.extend(text_table(["Figure", "Before", "After", "Change"], rows, ("<", ">", ">", ">")))

    def section(title: str, lines: Sequence[str]) -> None:
        if lines:
            out.append("")
            out.append(title)
            out.extend(lines)

    section("Settings:", [one_line(f"~ {c.field}: {_value(c.before)} -> {_value(c.after)}") for c in d.settings])
    entities = [one_line(f"+ {e.kind} {e.id} ({e.title})") for e in d.added]
    entities += [one_line(f"- {e.kind} {e.id} ({e.title})") for e in d.removed]
    for c in d.changed:
        entities.append(one_line(f"~ {c.kind} {c.id} ({c.title})"))
        entities.extend("    " + one_line(f"{x.field}: {_value(x.before)} -> {_value(x.after)}") for x in c.changes)
    section("Entities:", entities)
    links = [f"+ {x.source} {x.relation} {x.target}" for x in d.links_added]
    links += [f"- {x.source} {x.relation} {x.target}" for x in d.links_removed]
    section("Links:", links)
    section("Measurements:", [one_line(" ".join(_measurement(m))) for m in d.measurements])
    section(
        "Benefits whose status changed:",
        [one_line(f"{c.id} ({c.title}): {c.status_before} -> {c.status_after}") for c in d.benefits],
    )
    section(
        "Aims whose investment or coverage changed:",
        [one_line(f"{a.id} ({a.title}): {_aim_line(a, cur)}") for a in d.aims if a.changed],
    )
    section("Findings introduced:", ["+ " + finding_line(f) for f in d.introduced])
    section("Findings resolved:", ["- " + finding_line(f) for f in d.resolved])
    out.append("")
    out.append(f"{plural(len(d.still_open), 'finding')} still open")
    return "\n".join(out) + "\n"


# -- Markdown -----------------------------------------------------------------------


def _md_code(text: str) -> str:
    """Inline code for an id or field name (ids hold no backtick; anything else is escaped)."""
    return "`" + one_line(text).replace("`", "'") + "`" if text else ""


def _md_finding(f: Finding) -> str:
    where = f"{_md_code(str(f.pos))} " if f.pos else ""
    tail = f" (waived: {markdown_escape(f.reason or '')})" if f.waived else ""
    return f"{where}**{f.severity}** {_md_code(f.rule)} {markdown_escape(f.message)}{tail}"


def _md_change(c: FieldChange) -> str:
    return f"{_md_code(c.field)}: {markdown_escape(_value(c.before))} → {markdown_escape(_value(c.after))}"


def _md_link(sign: str, x: Link) -> str:
    return f"- {sign} {_md_code(x.source)} {x.relation} {_md_code(x.target)}"


_SIGN_WORDS = {"+": "added:", "-": "removed:", "~": "changed:"}


def _markdown(d: Diff, sides: DiffSides, limit: int) -> str:
    cur = sides.currency
    head = [
        "## Golden thread: what this change does",
        "",
        f"OLD {_md_code(one_line(sides.old))} → NEW {_md_code(one_line(sides.new))}"
        + (" — **no change**: the two models say the same thing" if d.unchanged else ""),
        "",
    ]
    rows = []
    for key in _shown_keys(d):
        b, a = d.headline_before.get(key), d.headline_after.get(key)
        rows.append([LABELS[key], _figure(key, b, cur), _figure(key, a, cur), _figure_change(key, b, a, cur)])
    head.extend(markdown_table(["Figure", "Before", "After", "Change"], rows, ("<", ">", ">", ">")))
    head.append("")
    head.append(markdown_escape(_counts(d)))

    sections: list[tuple[str, list[str]]] = []
    if d.introduced or d.resolved:
        lines = [f"- new: {_md_finding(f)}" for f in d.introduced] + [
            f"- resolved: {_md_finding(f)}" for f in d.resolved
        ]
        sections.append((f"Findings: {len(d.introduced)} introduced, {len(d.resolved)} resolved", lines))
    changed_aims = [a for a in d.aims if a.changed]
    if changed_aims:
        lines = [
            f"- {_md_code(a.id)} {markdown_escape(a.title)}: {markdown_escape(_aim_line(a, cur, '→'))}"
            for a in changed_aims
        ]
        sections.append((f"Aims: {plural(len(changed_aims), 'aim')} changed investment or coverage", lines))
    if d.benefits:
        lines = [
            f"- {_md_code(c.id)} {markdown_escape(c.title)}: {c.status_before} → {c.status_after}" for c in d.benefits
        ]
        sections.append((f"Benefits: {plural(len(d.benefits), 'benefit')} changed status", lines))
    if d.added or d.removed or d.changed:
        lines = [f"- added {e.kind} {_md_code(e.id)} {markdown_escape(e.title)}" for e in d.added]
        lines += [f"- removed {e.kind} {_md_code(e.id)} {markdown_escape(e.title)}" for e in d.removed]
        for c in d.changed:
            lines.append(f"- changed {c.kind} {_md_code(c.id)} {markdown_escape(c.title)}")
            lines.extend(f"  - {_md_change(x)}" for x in c.changes)
        title = f"Entities: {len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"
        sections.append((title, lines))
    if d.links_added or d.links_removed:
        lines = [_md_link("added:", x) for x in d.links_added] + [_md_link("removed:", x) for x in d.links_removed]
        sections.append((f"Links: {len(d.links_added)} added, {len(d.links_removed)} removed", lines))
    if d.measurements:
        lines = []
        for m in d.measurements:
            sign, text = _measurement(m)
            lines.append(f"- {_SIGN_WORDS[sign]} {markdown_escape(text)}")
        sections.append((f"Measurements: {_measurement_counts(d)}", lines))
    if d.settings:
        sections.append((f"Settings: {len(d.settings)} changed", [f"- {_md_change(c)}" for c in d.settings]))
    if d.still_open:
        lines = [f"- {_md_finding(f)}" for f in d.still_open]
        sections.append((f"Findings still open: {len(d.still_open)}", lines))

    whole = list(head)
    for title, lines in sections:
        whole.extend(["", "<details>", f"<summary>{markdown_escape(title)}</summary>", "", *lines, "", "</details>"])
    text = "\n".join(whole) + "\n"
    if len(text) <= limit:
        return text
    out = list(head)
    used = sum(len(x) + 1 for x in out)
    # Room kept for closing tags and the note on what was left out.
    reserve = 400
    left_out = 0
    for title, lines in sections:
        opening = ["", "<details>", f"<summary>{markdown_escape(title)}</summary>", ""]
        cost = sum(len(x) + 1 for x in opening) + len("</details>") + 1
        if left_out or used + cost + reserve > limit:
            left_out += len(lines)
            continue
        out.extend(opening)
        used += cost
        for i, line in enumerate(lines):
            if used + len(line) + 1 + reserve > limit:
                left_out += len(lines) - i
                break
            out.append(line)
            used += len(line) + 1
        out.extend(["", "</details>"])
    if left_out:
        out.append("")
        out.append(
            f"_{plural(left_out, 'line')} left out to keep this under {limit:,} characters: "
            "`goldenthread diff --format json` lists everything._"
        )
    return "\n".join(out) + "\n"


# -- JSON ---------------------------------------------------------------------------


_RENDERERS: dict[str, Callable[[Diff, DiffSides], str]] = {
    "text": _text,
    "markdown": lambda d, s: _markdown(d, s, MARKDOWN_LIMIT),
    "json": lambda d, s: dumps(diff_json(d, s)),
}


def render_diff(d: Diff, fmt: str, sides: DiffSides, limit: int = MARKDOWN_LIMIT) -> str:
    """The diff in ``fmt`` (one of :data:`DIFF_FORMATS`); Markdown is kept under ``limit`` characters."""
    if fmt == "markdown":
        return _markdown(d, sides, limit)
    return _RENDERERS[fmt](d, sides)
