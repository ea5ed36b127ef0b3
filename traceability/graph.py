"""Build the networkx graph of a validated model.

One node per entity (key: its id), one edge per link, pointing from the
contributor to what it supports, with a ``relation`` attribute:

- project -delivers-> theme
- theme -supports-> aim
- project -contributes-> aim  (a direct link)
- project -realises-> benefit
- benefit -evidences-> aim
"""

from __future__ import annotations

import networkx as nx
from goldenthread.model.types import Benefit, Entity, Model, Project

__all__ = ["RELATIONS", "build_graph", "node_attributes"]

#: relation -> (kind of source, kind of target)
RELATIONS: dict[str, tuple[str, str]] = {
    "delivers": ("project", "theme"),
    "supports": ("theme", "aim"),
    "contributes": ("project", "aim"),
    "realises": ("project", "benefit"),
    "evidences": ("benefit", "aim"),
}


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

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> G = build_graph(load_example())
    >>> G.nodes["aim-1-life-opportunities"]["kind"]
    'aim'
    """
    G = nx.DiGraph(model=model.info)
    G.add_nodes_from((e.id, node_attributes(e)) for e in model.entities())
    edges = []
    for t in model.themes.values():
        edges.extend((t.id, a, {"relation": "supports"}) for a in t.aims)
    for p in model.projects.values():
        edges.extend((p.id, t, {"relation": "delivers"}) for t in p.themes)
        edges.extend((p.id, a, {"relation": "contributes"}) for a in p.aims)
    for b in model.benefits.values():
        edges.extend((p, b.id, {"relation": "realises"}) for p in b.projects)
        edges.extend((b.id, a, {"relation": "evidences"}) for a in b.aims)
    G.add_edges_from(edges)
    return G
