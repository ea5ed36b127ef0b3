"""Render a trace (an indented tree) and an impact as text or JSON."""

from __future__ import annotations

from goldenthread.traceability.impact import Impact, impact_json
from goldenthread.traceability.render.reports import dumps
from goldenthread.traceability.render.tables import money, number, plural, text_table
from goldenthread.traceability.trace import ThreadNode, Trace, trace_json

__all__ = ["IMPACT_FORMATS", "TRACE_FORMATS", "render_impact", "render_trace"]

TRACE_FORMATS = ("text", "json")
IMPACT_FORMATS = ("text", "json")

#: relation -> (phrase when the parent is the contributor, phrase when the child is)
_PHRASES: dict[str, tuple[str, str]] = {
    "delivers": ("delivers", "delivered by"),
    "supports": ("supports", "supported by"),
    "contributes": ("contributes to", "contributed to by"),
    "realises": ("realises", "realised by"),
    "evidences": ("evidences", "evidenced by"),
}
_HEADINGS = {"up": "up (why: toward the aims)", "down": "down (what: delivery and evidence)"}
_EMPTY = {
    ("up", "aim"): "(nothing: an aim is the top of the thread)",
    ("up", "theme"): "(nothing: it supports no aim)",
    ("up", "project"): "(nothing: it reaches no aim)",
    ("up", "benefit"): "(nothing: it evidences no aim)",
    ("down", "aim"): "(nothing: no theme, project or benefit leads to it)",
    ("down", "theme"): "(nothing: no project delivers it)",
    ("down", "project"): "(nothing: it realises no benefit)",
    ("down", "benefit"): "(nothing: no project realises it)",
}


def _detail(n: ThreadNode, currency: str) -> str:
    if n.kind == "project":
        parts = [n.status or "active"]
        parts.append("no budget" if n.budget is None else money(float(n.budget), currency))
        return f" [{', '.join(parts)}]"
    if n.kind == "benefit":
        if not n.quantified:
            return " [not quantified]"
        if n.latest is None:
            return " [no measurement yet]"
        unit = n.unit if n.unit == "%" else f" {n.unit}"
        return f" [latest {number(n.latest.value)}{unit} on {n.latest.date.isoformat()}]"
    return ""


def _line(n: ThreadNode, currency: str) -> str:
    phrase = ""
    if n.relation is not None:
        phrase = _PHRASES[n.relation][0 if n.outgoing else 1] + " "
    return f"{phrase}{n.kind} {n.id}: {n.title}{_detail(n, currency)}"


def _branch(nodes: tuple[ThreadNode, ...], indent: str, currency: str, out: list[str]) -> None:
    for i, n in enumerate(nodes):
        last = i == len(nodes) - 1
        out.append(f"{indent}{'└── ' if last else '├── '}{_line(n, currency)}")
        _branch(n.children, indent + ("    " if last else "│   "), currency, out)


def render_trace(t: Trace, fmt: str = "text") -> str:
    """The trace in ``fmt`` (one of :data:`TRACE_FORMATS`)."""
    if fmt == "json":
        return dumps(trace_json(t))
    out = [_line(t.root, t.currency)]
    for direction in t.directions:
        nodes = t.up if direction == "up" else t.down
        out.append(_HEADINGS[direction])
        if nodes:
            _branch(nodes, "", t.currency, out)
        else:
            out.append("    " + _EMPTY.get((direction, t.root.kind), "(nothing)"))
    return "\n".join(out) + "\n"


def _ids(ids: tuple[str, ...], titles: dict[str, str]) -> list[str]:
    if not ids:
        return ["  none"]
    return [f"  {n}: {titles.get(n, '')}" for n in ids]


def render_impact(result: Impact, fmt: str = "text", currency: str = "GBP") -> str:
    """The impact in ``fmt`` (one of :data:`IMPACT_FORMATS`)."""
    if fmt == "json":
        return dumps(impact_json(result))
    verb = "Cancelling project" if result.kind == "project" else "Dropping theme"
    out = [f"{verb} {result.entity}: {result.title}"]
    if not result.active:
        out.append("It is already cancelled: cancelling it changes nothing.")
        return "\n".join(out) + "\n"
    out += ["", f"Aims that would lose all investment ({len(result.aims_losing_investment)})"]
    out += _ids(result.aims_losing_investment, result.titles)
    if result.kind == "project":
        out += ["", f"Themes left with no project ({len(result.themes_losing_projects)})"]
        out += _ids(result.themes_losing_projects, result.titles)
        out += ["", f"Benefits left with no realiser ({len(result.benefits_losing_realisers)})"]
        out += _ids(result.benefits_losing_realisers, result.titles)
    out += ["", f"Attributed investment of the {plural(len(result.investment), 'aim')} it touches ({currency})"]
    if result.investment:
        rows = [
            [a, f"{before:,.0f}", "->", f"{after:,.0f}", _change(before, after)]
            for a, (before, after) in result.investment.items()
        ]
        table = text_table(["aim", "before", "", "after", "change"], rows, align=("<", ">", "<", ">", "<"))
        out += ["  " + line for line in table]
    else:
        out.append("  none: it reaches no aim")
    return "\n".join(out) + "\n"


def _change(before: float, after: float) -> str:
    diff = after - before
    if round(diff) == 0:
        return "no change"
    return f"{diff:+,.0f}"
