"""Build the networkx graph of a validated model.

One node per entity (key: its id), one edge per link, pointing from the
contributor to what it supports, with a ``relation`` attribute:

- project -delivers-> theme
- theme -supports-> aim
- project -contributes-> aim  (a direct link)
- project -realises-> benefit
- benefit -evidences-> aim

Nodes are in model order (aims, themes, projects, benefits, each in source
order), and so is each node's list of neighbours of one relation.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.types import Benefit, Entity, Model, Project
from goldenthread.model.validate import did_you_mean

__all__ = [
    "RELATIONS",
    "UnknownEntity",
    "WrongKind",
    "build_graph",
    "in_model_order",
    "node_attributes",
    "nodes_of_kind",
    "require_node",
]

#: relation -> (kind of source, kind of target)
RELATIONS: dict[str, tuple[str, str]] = {
    "delivers": ("project", "theme"),
    "supports": ("theme", "aim"),
    "contributes": ("project", "aim"),
    "realises": ("project", "benefit"),
    "evidences": ("benefit", "aim"),
}


class UnknownEntity(GoldenthreadError, LookupError):
    """No entity has the id asked for; the message suggests the closest one."""


class WrongKind(GoldenthreadError, ValueError):
    """The entity exists but is not of a kind the question applies to."""


def node_attributes(e: Entity) -> dict[str, object]:
    """The node attributes of an entity: ``kind``, its model fields and its source place."""
    attrs: dict[str, object] = {
        "kind": e.kind,
        "title": e.title,
        "description": e.description,
        "owner": e.owner,
        "tags": e.tags,
        "waive": e.waive,
        "file": e.pos.file,
        "line": e.pos.line,
        "column": e.pos.column,
    }
    if e.extra:
        attrs["extra"] = e.extra
    if isinstance(e, Project):
        attrs.update(status=e.status, budget=e.budget, start=e.start, end=e.end)
    elif isinstance(e, Benefit):
        attrs.update(benefit_kind=e.benefit_kind, measure=e.measure, measurements=e.measurements)
    return attrs


def build_graph(model: Model) -> nx.DiGraph:
    """The model as a directed graph; see the module docstring for its shape.

    The graph attribute ``model`` holds the model's :class:`~goldenthread.model.types.ModelInfo`.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> G = build_graph(load_example())
    >>> G.nodes["aim-1-life-opportunities"]["kind"]
    'aim'
    >>> G.edges["theme-self-service", "aim-1-life-opportunities"]["relation"]
    'supports'
    """
    with collector_paused():
        return _build(model)


def _build(model: Model) -> nx.DiGraph:
    G = nx.DiGraph(model=model.info)
    # Filled in place rather than through add_edges_from: a validated model has
    # no dangling or repeated link, and the per-edge checks cost half of this
    # function's time at 100,000 entities.  The result equals the graph that
    # add_nodes_from/add_edges_from would build, in the same order.
    node, succ, pred = G._node, G._succ, G._pred
    for e in model.entities():
        node[e.id] = node_attributes(e)
        succ[e.id] = {}
        pred[e.id] = {}
    for t in model.themes.values():
        out, tid = succ[t.id], t.id
        for a in t.aims:
            out[a] = pred[a][tid] = {"relation": "supports"}
    for p in model.projects.values():
        out, pid = succ[p.id], p.id
        for t in p.themes:
            out[t] = pred[t][pid] = {"relation": "delivers"}
        for a in p.aims:
            out[a] = pred[a][pid] = {"relation": "contributes"}
    for b in model.benefits.values():
        out, into, bid = succ[b.id], pred[b.id], b.id
        for p in b.projects:
            succ[p][bid] = into[p] = {"relation": "realises"}
        for a in b.aims:
            out[a] = pred[a][bid] = {"relation": "evidences"}
    return G


def nodes_of_kind(G: nx.DiGraph, kind: str) -> list[str]:
    """Ids of every node of ``kind``, in model order."""
    return [n for n, d in G._node.items() if d["kind"] == kind]


def in_model_order(G: nx.DiGraph, ids: Iterable[str]) -> list[str]:
    """``ids`` sorted by where they stand in the model's source (file, line, column).

    This is model order without a pass over the whole graph, for the few ids a
    question about one entity touches.
    """
    nodes = G._node

    def key(n: str) -> tuple[str, int, int, str]:
        d = nodes[n]
        return d["file"], d["line"], d["column"], n

    return sorted(ids, key=key)


def require_node(G: nx.DiGraph, entity_id: str, kinds: tuple[str, ...] | None = None) -> dict[str, object]:
    """The attributes of node ``entity_id``.

    Raises
    ------
    UnknownEntity
        No entity has that id; the message names the closest id, if any is close.
    WrongKind
        The entity is not one of ``kinds``.
    """
    attrs = G._node.get(entity_id)
    if attrs is None:
        raise UnknownEntity(f"no entity has the id {entity_id!r}{_suggest(G, entity_id)}")
    if kinds is not None and attrs["kind"] not in kinds:
        wanted = " or ".join(kinds)
        raise WrongKind(f"{entity_id!r} is {_article(attrs['kind'])} {attrs['kind']}, not {_article(wanted)} {wanted}")
    return attrs


def _suggest(G: nx.DiGraph, word: str) -> str:
    """The closest id by spelling or, failing that, the first id (model order) that starts with ``word``."""
    hint = did_you_mean(word, G._node)
    if hint or not word:
        return hint
    starting = next((n for n in G._node if n.startswith(word)), None)
    return f"; did you mean {starting!r}?" if starting else ""


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
