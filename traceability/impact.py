"""What cancelling a project, or dropping a theme, would do to the golden thread: the scenario of one change."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from goldenthread.traceability.graph import require_entity
from goldenthread.traceability.reach import is_active
from goldenthread.traceability.scenario import IMPACT_KINDS, Scenario, scenario

__all__ = ["IMPACT_KINDS", "Impact", "impact"]


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
    #: Every aim whose attribution the change touches -> (before, after); None: no budget stated.
    investment: dict[str, tuple[float | None, float | None]]
    #: False for a project already cancelled: removing it changes nothing.
    active: bool = True
    #: Title of the entity and of every id above, for the reader.
    titles: dict[str, str] = field(default_factory=dict)


def impact(G: nx.DiGraph, entity_id: str, alone: Scenario | None = None) -> Impact:
    """What removing ``entity_id`` (a project: cancelling it; a theme: dropping it) would do.

    The scenario of that one change (:func:`~goldenthread.traceability.scenario.scenario`);
    ``alone`` is that scenario when the caller has it already.

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
    ((), ())
    """
    root = require_entity(G, entity_id, IMPACT_KINDS)
    s = scenario(G, [entity_id]) if alone is None else alone
    return Impact(
        entity=entity_id,
        kind=root.kind,
        title=root.title,
        aims_losing_investment=s.aims_losing_investment,
        themes_losing_projects=s.themes_losing_projects,
        benefits_losing_realisers=s.benefits_losing_realisers,
        investment=s.investment,
        active=root.kind != "project" or is_active(G, entity_id),
        titles=s.titles,
    )
