"""``goldenthread trace``: the golden thread through one entity as an indented tree, or JSON."""

from __future__ import annotations

from goldenthread.model.vocabulary import LINKS
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.formatting import money, number
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line
from goldenthread.traceability.trace import ThreadNode, Trace

__all__ = ["FORMATS", "render_trace", "trace_json"]

FORMATS = formats_of("trace")

#: relation -> (phrase when the parent is the contributor, phrase when the child is), from the vocabulary.
_PHRASES: dict[str, tuple[str, str]] = {link.relation: (link.active, link.passive) for link in LINKS}

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
        parts: list[str] = [n.status or "active"]
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
    return one_line(f"{phrase}{n.kind} {n.id}: {n.title}{_detail(n, currency)}")


def _branch(nodes: tuple[ThreadNode, ...], indent: str, currency: str, out: list[str]) -> None:
    for i, n in enumerate(nodes):
        last = i == len(nodes) - 1
        out.append(f"{indent}{'└── ' if last else '├── '}{_line(n, currency)}")
        _branch(n.children, indent + ("    " if last else "│   "), currency, out)


def _node_json(n: ThreadNode) -> dict[str, object]:
    doc: dict[str, object] = {"id": n.id, "kind": n.kind, "title": n.title}
    if n.relation is not None:
        doc["relation"] = n.relation
        doc["outgoing"] = n.outgoing
    if n.kind == "project":
        doc["status"] = n.status
        doc["budget"] = n.budget
    elif n.kind == "benefit":
        doc["quantified"] = n.quantified
        doc["unit"] = n.unit
        doc["latest"] = None if n.latest is None else {"date": n.latest.date.isoformat(), "value": n.latest.value}
    doc["children"] = [_node_json(c) for c in n.children]
    return doc


def trace_json(t: Trace) -> dict[str, object]:
    """The command's own keys of ``goldenthread trace --format json``.

    ``up`` and ``down`` are present only for the directions traced.
    """
    root = _node_json(t.root)
    del root["children"]
    doc: dict[str, object] = {"entity": root}
    if "up" in t.directions:
        doc["up"] = [_node_json(n) for n in t.up]
    if "down" in t.directions:
        doc["down"] = [_node_json(n) for n in t.down]
    return doc


def render_trace(analysis: Analysis, t: Trace, fmt: str = "text") -> str:
    """The trace ``t`` through the analysed model in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return dumps(document("trace", model_block(analysis.model, analysis.root), trace_json(t)))
    out = [_line(t.root, t.currency)]
    for direction in t.directions:
        nodes = t.up if direction == "up" else t.down
        out.append(_HEADINGS[direction])
        if nodes:
            _branch(nodes, "", t.currency, out)
        else:
            out.append("    " + _EMPTY.get((direction, t.root.kind), "(nothing)"))
    return "\n".join(out) + "\n"
