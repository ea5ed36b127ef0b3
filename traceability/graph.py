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

Each node's attributes are the entity's fields flattened (:func:`node_attributes`:
what exports write) and, under ``entity``, the frozen
:class:`~goldenthread.model.types.Entity` itself.  The analyses read a node's
typed fields with :func:`entity_of` (or :func:`project_of`, typed as a
project) and walk the links with :func:`out_links` and :func:`in_links`.

This module alone reaches under networkx's public API: :func:`build_graph`
fills the graph's dictionaries directly, and those accessors hand out
the graph's own mappings rather than networkx's views of them.  Done through
the public API, ``build_graph`` and the rules take 1.5 times as long at
100,000 entities, about a tenth of all of ``check``'s time
(``tests/benchmarks/bench_graph_access.py``; figures in ``docs/inside.md``).
Everything else goes through these functions or the public API
(``G.nodes``, ``G.succ``, ``G.pred``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

import networkx as nx

from goldenthread.model import vocabulary
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.types import TYPED_FIELDS, Aim, Benefit, Entity, Model, Position, Project, Theme
from goldenthread.model.validate import did_you_mean
from goldenthread.model.vocabulary import ENTITY_FIELDS, KINDS, LINKS
from goldenthread.model.wording import with_article

__all__ = [
    "RELATIONS",
    "Links",
    "UnknownEntity",
    "WrongKind",
    "build_graph",
    "entity_of",
    "in_links",
    "in_model_order",
    "node_attributes",
    "nodes_of_kind",
    "out_links",
    "project_of",
    "require_entity",
    "require_node",
    "restore_entities",
]

#: relation -> (kind of source, kind of target), from the vocabulary.
RELATIONS: dict[str, tuple[str, str]] = {
    link.relation: (link.source, link.target)
    for link in sorted(LINKS, key=lambda link: vocabulary.RELATIONS.index(link.relation))
}

#: kind -> the links its entities hold: (the field's getter, relation, True when the edge leaves the holder).
_HELD: dict[str, list[tuple[Callable[[Entity], tuple[str, ...]], str, bool]]] = {
    kind: [(attrgetter(link.field), link.relation, link.holder == link.source) for link in LINKS if link.holder == kind]
    for kind in KINDS
}


#: node -> neighbour -> edge attributes (``{"relation": ...}``): the links one way, read-only.
Links = Mapping[str, Mapping[str, Mapping[str, str]]]


class UnknownEntity(GoldenthreadError, LookupError):
    """No entity has the id asked for; the message suggests the closest one."""


class WrongKind(GoldenthreadError, ValueError):
    """The entity exists but is not of a kind the question applies to."""


def node_attributes(e: Entity) -> dict[str, object]:
    """An entity's fields as flat node attributes: ``kind``, its model fields and its source place.

    These are what the exports write; :func:`build_graph` adds the entity itself under ``entity``.
    """
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
    if e.values:
        attrs.update(e.values)
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
    >>> entity_of(G, "proj-email").title
    'Email'
    >>> G.edges["theme-self-service", "aim-1-life-opportunities"]["relation"]
    'supports'
    """
    G = nx.DiGraph(model=model.info)
    # Filled in place rather than through add_edges_from: a validated model has
    # no dangling or repeated link, and the per-edge checks cost half of this
    # function's time at 100,000 entities.  The result equals the graph that
    # add_nodes_from/add_edges_from would build, in the same order.
    node, succ, pred = G._node, G._succ, G._pred
    for e in model.entities():
        attrs = node_attributes(e)
        attrs["entity"] = e
        node[e.id] = attrs
        succ[e.id] = {}
        pred[e.id] = {}
    # Each kind's entities in model order, and each one's links in the order of its fields.
    for kind in KINDS:
        held = _HELD[kind]
        if not held:
            continue
        for e in model.section(kind).values():
            eid, out, into = e.id, succ[e.id], pred[e.id]
            for get, relation, outgoing in held:
                for other in get(e):
                    if outgoing:
                        out[other] = pred[other][eid] = {"relation": relation}
                    else:
                        succ[other][eid] = into[other] = {"relation": relation}
    return G


def entity_of(G: nx.DiGraph, n: str) -> Entity:
    """The model entity node ``n`` stands for (``KeyError`` if there is no such node).

    ``G.nodes[n]["entity"]``, without the view in between (see the module docstring).
    """
    entity: Entity = G._node[n]["entity"]
    return entity


def project_of(G: nx.DiGraph, n: str) -> Project:
    """The project node ``n`` stands for, typed as one (``TypeError`` if ``n`` is not a project)."""
    entity = G._node[n]["entity"]
    if not isinstance(entity, Project):
        raise TypeError(f"{n!r} is {with_article(entity.kind)}, not a project")
    return entity


def out_links(G: nx.DiGraph) -> Links:
    """Every node -> its successors -> the edge's attributes: ``G.succ`` without the views.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> G = build_graph(load_example())
    >>> dict(out_links(G)["theme-self-service"]) == {a: dict(e) for a, e in G.succ["theme-self-service"].items()}
    True
    """
    links: Links = G._succ
    return links


def in_links(G: nx.DiGraph) -> Links:
    """Every node -> its predecessors -> the edge's attributes: ``G.pred`` without the views."""
    links: Links = G._pred
    return links


def restore_entities(G: nx.DiGraph) -> None:
    """Put the entity back on every node of a graph that has only the flat attributes.

    The inverse of :func:`node_attributes`, for a graph read back from an
    export (:func:`~goldenthread.traceability.render.graphjson.graph_from_json`):
    the links come from the edges, so a benefit's projects are in the order of
    the edges into it.
    """
    for n, d in G.nodes(data=True):
        d["entity"] = _entity_from(G, n, d)


def _linked(G: nx.DiGraph, n: str, relation: str, outgoing: bool = True) -> tuple[str, ...]:
    adjacent = G.succ[n] if outgoing else G.pred[n]
    return tuple(m for m, edge in adjacent.items() if edge["relation"] == relation)


def _entity_from(G: nx.DiGraph, n: str, d: dict[str, Any]) -> Entity:
    # A field missing from a hand-made graph takes the entity's default.
    common: dict[str, Any] = {
        "id": n,
        "title": d.get("title", ""),
        "pos": Position(d.get("file", ""), d.get("line", 0), d.get("column", 0)),
        "description": d.get("description"),
        "owner": d.get("owner"),
        "tags": tuple(d.get("tags", ())),
        "waive": d.get("waive", {}),
        "extra": d.get("extra", {}),
    }
    kind = d.get("kind")
    typed = TYPED_FIELDS.get(kind or "aim", frozenset())
    values = {name: d[name] for name in ENTITY_FIELDS.get(kind or "aim", {}) if name in d and name not in typed}
    if values:
        common["values"] = values
    if kind == "theme":
        return Theme(**common, aims=_linked(G, n, "supports"))
    if kind == "project":
        return Project(
            **common,
            status=d.get("status", "active"),
            budget=d.get("budget"),
            start=d.get("start"),
            end=d.get("end"),
            themes=_linked(G, n, "delivers"),
            aims=_linked(G, n, "contributes"),
        )
    if kind == "benefit":
        return Benefit(
            **common,
            benefit_kind=d.get("benefit_kind"),
            measure=d.get("measure"),
            measurements=tuple(d.get("measurements", ())),
            projects=_linked(G, n, "realises", outgoing=False),
            aims=_linked(G, n, "evidences"),
        )
    return Aim(**common)


def nodes_of_kind(G: nx.DiGraph, kind: str) -> list[str]:
    """Ids of every node of ``kind``, in model order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def in_model_order(G: nx.DiGraph, ids: Iterable[str]) -> list[str]:
    """``ids`` sorted by where they stand in the model's source (file, line, column).

    This is model order without a pass over the whole graph, for the few ids a
    question about one entity touches.
    """
    nodes = G.nodes

    def key(n: str) -> tuple[str, int, int, str]:
        pos = nodes[n]["entity"].pos
        return pos.file, pos.line, pos.column, n

    return sorted(ids, key=key)


def require_entity(G: nx.DiGraph, entity_id: str, kinds: tuple[str, ...] | None = None) -> Entity:
    """The entity of node ``entity_id``, checked to be one of ``kinds`` (any kind when None).

    Raises
    ------
    UnknownEntity
        No entity has that id; the message names the closest id, if any is close.
    WrongKind
        The entity is not one of ``kinds``.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> G = build_graph(load_example())
    >>> require_entity(G, "proj-emial")
    Traceback (most recent call last):
      ...
    goldenthread.traceability.graph.UnknownEntity: no entity has the id 'proj-emial'; did you mean 'proj-email'?
    >>> require_entity(G, "proj-email", ("theme",))
    Traceback (most recent call last):
      ...
    goldenthread.traceability.graph.WrongKind: 'proj-email' is a project, not a theme
    """
    if entity_id not in G:
        raise UnknownEntity(f"no entity has the id {entity_id!r}{_suggest(G, entity_id)}")
    entity = entity_of(G, entity_id)
    if kinds is not None and entity.kind not in kinds:
        wanted = " or ".join(kinds)
        raise WrongKind(f"{entity_id!r} is {with_article(entity.kind)}, not {with_article(wanted)}")
    return entity


def require_node(G: nx.DiGraph, entity_id: str, kinds: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The attributes of node ``entity_id``, checked as :func:`require_entity` checks it.

    Prefer :func:`require_entity`, whose fields are typed.
    """
    require_entity(G, entity_id, kinds)
    attrs: dict[str, Any] = G.nodes[entity_id]
    return attrs


def _suggest(G: nx.DiGraph, word: str) -> str:
    """The closest id by spelling or, failing that, the first id (model order) that starts with ``word``."""
    hint = did_you_mean(word, G)
    if hint or not word:
        return hint
    starting = next((n for n in G if n.startswith(word)), None)
    return f"; did you mean {starting!r}?" if starting else ""
