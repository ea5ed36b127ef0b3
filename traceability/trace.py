"""The golden thread through one entity, as a tree: why we do it, and what it delivers.

*Up* walks toward the aims (why we do it): a project's themes and the aims
they support, and the aims it contributes to directly; a theme's aims; the
aims a benefit evidences.

*Down* walks toward delivery and evidence (what it delivers): an aim's themes,
the projects delivering them and the benefits those realise, plus the
projects linked to the aim directly and the benefits evidencing it; a theme's
projects and their benefits; a project's benefits; the projects realising a
benefit.  Each benefit reached on the way down ends its branch with the aims
it evidences, so a project's trace also reads "across" to the aims its
benefits evidence.

Only the entities on the thread are visited: the cost is the size of the tree,
not of the graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from goldenthread.model.types import Measurement
from goldenthread.traceability.benefits import latest_of
from goldenthread.traceability.graph import require_node

__all__ = ["ThreadNode", "Trace", "trace", "trace_json"]

#: kind -> relations to follow up: (relation, True when the edge leaves the node)
_UP: dict[str, tuple[tuple[str, bool], ...]] = {
    "aim": (),
    "theme": (("supports", True),),
    "project": (("delivers", True), ("contributes", True)),
    "benefit": (("evidences", True),),
}
_DOWN: dict[str, tuple[tuple[str, bool], ...]] = {
    "aim": (("supports", False), ("contributes", False), ("evidences", False)),
    "theme": (("delivers", False),),
    "project": (("realises", True),),
    # Below a benefit reached on the way down: the aims it evidences ("across"), as leaves.
    "benefit": (("evidences", True),),
}
#: Down from a benefit at the root: the projects that realise it, as leaves.
_BENEFIT_ROOT_DOWN: dict[str, tuple[tuple[str, bool], ...]] = {"benefit": (("realises", False),)}


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """One entity in a trace tree and how it links to its parent."""

    id: str
    kind: str
    title: str
    #: The relation of the edge between this node and its parent (None for the root).
    relation: str | None
    #: True when the edge runs from the parent to this node (the parent is the contributor).
    outgoing: bool
    children: tuple[ThreadNode, ...] = ()
    #: Projects only.
    status: str | None = None
    budget: float | int | None = None
    #: Benefits only: whether there is a measure, its unit, and the latest measurement by date.
    quantified: bool | None = None
    latest: Measurement | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Trace:
    """The root entity, and the threads up from it and down from it (either may be empty)."""

    root: ThreadNode
    up: tuple[ThreadNode, ...]
    down: tuple[ThreadNode, ...]
    directions: tuple[str, ...]
    #: The model's currency, for budgets.
    currency: str = "GBP"


def _node(G: nx.DiGraph, n: str, relation: str | None, outgoing: bool, children=()) -> ThreadNode:
    d = G._node[n]
    kind = d["kind"]
    extra: dict[str, object] = {}
    if kind == "project":
        extra = {"status": d.get("status"), "budget": d.get("budget")}
    elif kind == "benefit":
        measure = d.get("measure")
        extra = {
            "quantified": measure is not None,
            "latest": latest_of(d.get("measurements", ())),
            "unit": measure.unit if measure is not None else None,
        }
    return ThreadNode(
        id=n, kind=kind, title=d["title"], relation=relation, outgoing=outgoing, children=tuple(children), **extra
    )


def _walk(G: nx.DiGraph, n: str, steps: dict, path: frozenset[str], leaves: bool = False) -> list[ThreadNode]:
    """The subtrees below ``n`` following ``steps``; ``path`` holds the ancestors, never repeated."""
    kind = G._node[n]["kind"]
    out = []
    for relation, outgoing in steps.get(kind, ()):
        adjacent = G._succ[n] if outgoing else G._pred[n]
        for m, edge in adjacent.items():
            if edge["relation"] != relation or m in path:
                continue
            end = leaves or (steps is _DOWN and kind == "benefit")
            children = [] if end else _walk(G, m, steps, path | {m})
            out.append(_node(G, m, relation, outgoing, children))
    return out


def trace(G: nx.DiGraph, entity_id: str, up: bool = True, down: bool = True) -> Trace:
    """The golden thread through ``entity_id``: up toward the aims, down toward the benefits.

    With neither ``up`` nor ``down`` set, both are traced.

    Raises
    ------
    UnknownEntity
        No entity has that id.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> t = trace(build_graph(load_example()), "proj-email", down=False)
    >>> [(n.relation, n.id) for n in t.up]
    [('contributes', 'aim-3-economic-prosperity')]
    """
    require_node(G, entity_id)
    if not up and not down:
        up = down = True
    path = frozenset((entity_id,))
    if down and G._node[entity_id]["kind"] == "benefit":
        below = _walk(G, entity_id, _BENEFIT_ROOT_DOWN, path, leaves=True)
    elif down:
        below = _walk(G, entity_id, _DOWN, path)
    else:
        below = []
    return Trace(
        root=_node(G, entity_id, None, False),
        up=tuple(_walk(G, entity_id, _UP, path)) if up else (),
        down=tuple(below),
        directions=(("up",) if up else ()) + (("down",) if down else ()),
        currency=getattr(G.graph.get("model"), "currency", "GBP"),
    )


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
    """The document ``goldenthread trace --format json`` prints.

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
