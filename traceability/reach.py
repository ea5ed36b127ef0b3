"""Who reaches what along the golden thread: the traversals every analysis shares.

An aim is *reached* by a project that is not cancelled, through one of the
project's themes or directly.  These functions walk only the edges they need,
so one question about one entity never costs a pass over the whole graph.

Links are read from the graph (:func:`~goldenthread.traceability.graph.out_links`
and :func:`~goldenthread.traceability.graph.in_links`, ``G.succ`` and ``G.pred``
without the views), never from the entities' own link fields, so a view of
the graph without an entity (see :mod:`~goldenthread.traceability.impact`)
answers as the model without it would.
"""

from __future__ import annotations

import networkx as nx

from goldenthread.model.types import Project
from goldenthread.traceability.graph import entity_of, in_links, nodes_of_kind, out_links

__all__ = [
    "aim_dis_benefits",
    "delivered_themes",
    "delivering_projects",
    "direct_aims",
    "evidenced_aims",
    "evidencing_benefits",
    "is_active",
    "reach_map",
    "reached_aims",
    "reachers_map",
    "reaching_projects",
    "realised_benefits",
    "realising_projects",
    "supported_aims",
    "supporting_themes",
]


def is_active(G: nx.DiGraph, node: str) -> bool:
    """Whether ``node`` counts toward the thread: any entity but a cancelled project."""
    entity = entity_of(G, node)
    # Project.cancelled spelt out: this runs once a link on every walk, and a property is a call.
    return type(entity) is not Project or entity.status != "cancelled"


def reached_aims(G: nx.DiGraph, project: str) -> list[str]:
    """Aims the project reaches through its themes or directly, de-duplicated, in link order.

    A cancelled project still has links; callers decide whether it counts.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> reached_aims(build_graph(load_example()), "proj-email")
    ['aim-3-economic-prosperity']
    """
    succ = out_links(G)
    seen: dict[str, None] = {}
    for n, edge in succ[project].items():
        rel = edge["relation"]
        if rel == "contributes":
            seen[n] = None
        elif rel == "delivers":
            for a, e2 in succ[n].items():
                if e2["relation"] == "supports":
                    seen[a] = None
    return list(seen)


def reaching_projects(G: nx.DiGraph, aim: str) -> list[str]:
    """Non-cancelled projects that reach the aim, through a theme or directly, de-duplicated."""
    pred = in_links(G)
    seen: dict[str, None] = {}
    for n, edge in pred[aim].items():
        rel = edge["relation"]
        if rel == "contributes":
            if is_active(G, n):
                seen[n] = None
        elif rel == "supports":
            for p, e2 in pred[n].items():
                if e2["relation"] == "delivers" and is_active(G, p):
                    seen[p] = None
    return list(seen)


def delivering_projects(G: nx.DiGraph, theme: str) -> list[str]:
    """Non-cancelled projects that deliver the theme."""
    return [p for p, e in in_links(G)[theme].items() if e["relation"] == "delivers" and is_active(G, p)]


def realising_projects(G: nx.DiGraph, benefit: str) -> list[str]:
    """Non-cancelled projects that realise the benefit."""
    return [p for p, e in in_links(G)[benefit].items() if e["relation"] == "realises" and is_active(G, p)]


def evidenced_aims(G: nx.DiGraph, benefit: str) -> list[str]:
    """Aims the benefit evidences."""
    return [a for a, e in out_links(G)[benefit].items() if e["relation"] == "evidences"]


def evidencing_benefits(G: nx.DiGraph, aim: str) -> list[str]:
    """Benefits that evidence the aim (measured or not); a dis-benefit never does."""
    return [
        b
        for b, e in in_links(G)[aim].items()
        if e["relation"] == "evidences" and getattr(entity_of(G, b), "benefit_kind", None) != "dis-benefit"
    ]


def aim_dis_benefits(G: nx.DiGraph, aim: str) -> list[str]:
    """Dis-benefits linked to the aim: the adverse consequences to keep within their limits, shown apart."""
    return [
        b
        for b, e in in_links(G)[aim].items()
        if e["relation"] == "evidences" and getattr(entity_of(G, b), "benefit_kind", None) == "dis-benefit"
    ]


def reach_map(G: nx.DiGraph) -> dict[str, list[str]]:
    """Every non-cancelled project -> the aims it reaches (one pass over the projects)."""
    return {n: reached_aims(G, n) for n in nodes_of_kind(G, "project") if is_active(G, n)}


def delivered_themes(G: nx.DiGraph, project: str) -> list[str]:
    """Themes the project delivers, in link order (cancelled or not)."""
    return [t for t, e in out_links(G)[project].items() if e["relation"] == "delivers"]


def direct_aims(G: nx.DiGraph, project: str) -> list[str]:
    """Aims the project is linked to directly, in link order."""
    return [a for a, e in out_links(G)[project].items() if e["relation"] == "contributes"]


def realised_benefits(G: nx.DiGraph, project: str) -> list[str]:
    """Benefits the project realises, in model order of the benefits."""
    return [b for b, e in out_links(G)[project].items() if e["relation"] == "realises"]


def supported_aims(G: nx.DiGraph, theme: str) -> list[str]:
    """Aims the theme supports, in link order."""
    return [a for a, e in out_links(G)[theme].items() if e["relation"] == "supports"]


def supporting_themes(G: nx.DiGraph, aim: str) -> list[str]:
    """Themes that support the aim, in model order of the themes."""
    return [t for t, e in in_links(G)[aim].items() if e["relation"] == "supports"]


def reachers_map(G: nx.DiGraph, reach: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Every aim -> the non-cancelled projects reaching it, in model order (:func:`reach_map` turned around).

    The same sets as :func:`reaching_projects` for every aim at once; pass
    ``reach`` if you have it.
    """
    if reach is None:
        reach = reach_map(G)
    out: dict[str, list[str]] = {n: [] for n in nodes_of_kind(G, "aim")}
    for p, aims in reach.items():
        for a in aims:
            out[a].append(p)
    return out
