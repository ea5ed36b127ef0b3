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
from typing import Literal

import networkx as nx

from goldenthread.model.types import Benefit, Measurement, Project
from goldenthread.model.vocabulary import Kind, ProjectStatus, Relation
from goldenthread.traceability.graph import entity_of, in_links, out_links, require_entity

__all__ = ["DIRECTIONS", "Direction", "ThreadNode", "Trace", "trace"]

#: Which way :func:`trace` walks: toward the aims, toward delivery and evidence, or both.
Direction = Literal["up", "down", "both"]
#: The two ways a trace walks from its root.
Way = Literal["up", "down"]
DIRECTIONS: tuple[Direction, ...] = ("up", "down", "both")
_Steps = dict[str, tuple[tuple[Relation, bool], ...]]

#: kind -> relations to follow up: (relation, True when the edge leaves the node)
_UP: _Steps = {
    "aim": (),
    "theme": (("supports", True),),
    "project": (("delivers", True), ("contributes", True)),
    "benefit": (("evidences", True),),
}
_DOWN: _Steps = {
    "aim": (("supports", False), ("contributes", False), ("evidences", False)),
    "theme": (("delivers", False),),
    "project": (("realises", True),),
    # Below a benefit reached on the way down: the aims it evidences ("across"), as leaves.
    "benefit": (("evidences", True),),
}
#: Down from a benefit at the root: the projects that realise it, as leaves.
_BENEFIT_ROOT_DOWN: _Steps = {"benefit": (("realises", False),)}


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """One entity in a trace tree and how it links to its parent."""

    id: str
    kind: Kind
    title: str
    #: The relation of the edge between this node and its parent (None for the root).
    relation: Relation | None
    #: True when the edge runs from the parent to this node (the parent is the contributor).
    outgoing: bool
    children: tuple[ThreadNode, ...] = ()
    #: Projects only.
    status: ProjectStatus | None = None
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
    directions: tuple[Way, ...]
    #: The model's currency, for budgets.
    currency: str = "GBP"


def _node(
    G: nx.DiGraph, n: str, relation: Relation | None, outgoing: bool, children: tuple[ThreadNode, ...] = ()
) -> ThreadNode:
    e = entity_of(G, n)
    if isinstance(e, Project):
        return ThreadNode(n, e.kind, e.title, relation, outgoing, children, status=e.status, budget=e.budget)
    if isinstance(e, Benefit):
        unit = e.measure.unit if e.measure is not None else None
        quantified = e.measure is not None
        return ThreadNode(
            n, e.kind, e.title, relation, outgoing, children, quantified=quantified, latest=e.latest, unit=unit
        )
    return ThreadNode(n, e.kind, e.title, relation, outgoing, children)


def _walk(G: nx.DiGraph, n: str, steps: _Steps, path: frozenset[str], leaves: bool = False) -> list[ThreadNode]:
    """The subtrees below ``n`` following ``steps``; ``path`` holds the ancestors, never repeated."""
    kind = entity_of(G, n).kind
    out = []
    for relation, outgoing in steps.get(kind, ()):
        adjacent = out_links(G)[n] if outgoing else in_links(G)[n]
        for m, edge in adjacent.items():
            if edge["relation"] != relation or m in path:
                continue
            end = leaves or (steps is _DOWN and kind == "benefit")
            children = () if end else tuple(_walk(G, m, steps, path | {m}))
            out.append(_node(G, m, relation, outgoing, children))
    return out


def trace(G: nx.DiGraph, entity_id: str, direction: Direction = "both") -> Trace:
    """The golden thread through ``entity_id``: up toward the aims, down toward the benefits, or both.

    Raises
    ------
    UnknownEntity
        No entity has that id.
    ValueError
        ``direction`` is not one of :data:`DIRECTIONS`.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> t = trace(build_graph(load_example()), "proj-email", "up")
    >>> [(n.relation, n.id) for n in t.up], t.down, t.directions
    ([('contributes', 'aim-3-economic-prosperity')], (), ('up',))
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    root = require_entity(G, entity_id)
    up = direction in ("up", "both")
    down = direction in ("down", "both")
    walked: dict[Way, bool] = {"up": up, "down": down}
    path = frozenset((entity_id,))
    if down and root.kind == "benefit":
        below = _walk(G, entity_id, _BENEFIT_ROOT_DOWN, path, leaves=True)
    elif down:
        below = _walk(G, entity_id, _DOWN, path)
    else:
        below = []
    return Trace(
        root=_node(G, entity_id, None, False),
        up=tuple(_walk(G, entity_id, _UP, path)) if up else (),
        down=tuple(below),
        directions=tuple(way for way, taken in walked.items() if taken),
        currency=getattr(G.graph.get("model"), "currency", "GBP"),
    )
