"""What cancelling a project, or dropping a theme, would do to the golden thread.

The change is simulated on a view of the graph without the entity, and only
the aims, themes and benefits within two links of it are recomputed: the
investment of an aim depends only on the projects that reach it and on how
many aims each of those reaches, and only the projects that lose a link can
change either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from goldenthread.traceability.attribution import aim_investment
from goldenthread.traceability.graph import in_model_order, require_node
from goldenthread.traceability.reach import (
    delivered_themes,
    delivering_projects,
    is_active,
    reached_aims,
    reaching_projects,
    realised_benefits,
    realising_projects,
)

__all__ = ["IMPACT_KINDS", "Impact", "impact", "impact_json"]

#: The kinds of entity whose removal ``impact`` can simulate.
IMPACT_KINDS: tuple[str, ...] = ("project", "theme")


@dataclass(frozen=True, slots=True)
class Impact:
    """The consequences of removing one project or theme; every id list is in model order."""

    entity: str
    kind: str
    title: str
    #: Aims reached by a project now and by none afterwards.
    aims_losing_investment: tuple[str, ...]
    #: Themes delivered by a non-cancelled project now and by none afterwards.
    themes_losing_projects: tuple[str, ...]
    #: Benefits realised by a non-cancelled project now and by none afterwards.
    benefits_losing_realisers: tuple[str, ...]
    #: Every aim whose attribution the change touches -> (before, after).
    investment: dict[str, tuple[float, float]]
    #: False for a project already cancelled: removing it changes nothing.
    active: bool = True
    #: Title of the entity and of every id above, for the reader.
    titles: dict[str, str] = field(default_factory=dict)


def _losing(before: nx.DiGraph, after: nx.DiGraph, ids, who) -> list[str]:
    return [n for n in ids if who(before, n) and not who(after, n)]


def impact(G: nx.DiGraph, entity_id: str) -> Impact:
    """What removing ``entity_id`` (a project: cancelling it; a theme: dropping it) would do.

    Raises
    ------
    UnknownEntity
        No entity has that id.
    WrongKind
        The entity is an aim or a benefit.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> result = impact(build_graph(load_example()), "proj-hantsweb-transactional")
    >>> result.aims_losing_investment, result.themes_losing_projects
    ((), ('theme-self-service',))
    """
    attrs = require_node(G, entity_id, IMPACT_KINDS)
    kind = attrs["kind"]
    without = nx.restricted_view(G, [entity_id], [])
    if kind == "project":
        changed = [entity_id] if is_active(G, entity_id) else []
    else:
        changed = delivering_projects(G, entity_id)
    touched: dict[str, None] = {}
    for p in changed:
        touched.update(dict.fromkeys(reached_aims(G, p)))
    aims = in_model_order(G, touched)
    themes: list[str] = []
    benefits: list[str] = []
    if changed and kind == "project":
        themes = _losing(G, without, in_model_order(G, delivered_themes(G, entity_id)), delivering_projects)
        benefits = _losing(G, without, realised_benefits(G, entity_id), realising_projects)
    nodes = G._node
    return Impact(
        entity=entity_id,
        kind=kind,
        title=attrs["title"],
        aims_losing_investment=tuple(_losing(G, without, aims, reaching_projects)),
        themes_losing_projects=tuple(themes),
        benefits_losing_realisers=tuple(benefits),
        investment={a: (aim_investment(G, a), aim_investment(without, a)) for a in aims},
        active=kind != "project" or bool(changed),
        titles={n: nodes[n]["title"] for n in (entity_id, *aims, *themes, *benefits)},
    )


def impact_json(result: Impact) -> dict[str, object]:
    """The document ``goldenthread impact --format json`` prints."""
    return {
        "entity": result.entity,
        "kind": result.kind,
        "title": result.title,
        "aims_losing_investment": list(result.aims_losing_investment),
        "themes_losing_projects": list(result.themes_losing_projects),
        "benefits_losing_realisers": list(result.benefits_losing_realisers),
        "investment": {a: {"before": b, "after": f} for a, (b, f) in result.investment.items()},
    }
