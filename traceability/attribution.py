"""Investment attribution: where the money goes, aim by aim and theme by theme.

The rule, applied to every project that is not cancelled:

- its budget is split equally among the aims it reaches (through its themes
  or directly, each aim counted once);
- for the themes, its budget is split equally among the themes it delivers;
- a project with no budget contributes 0 and is listed as unfunded;
- a cancelled project contributes nothing, and neither does a project that
  reaches no aim (its money is not traceable to the strategy).

So the amounts attributed to the aims sum to :attr:`Attribution.total`, the
budget of the non-cancelled projects that reach at least one aim.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from goldenthread.traceability.reach import delivered_themes, is_active, reached_aims, reaching_projects

__all__ = ["Attribution", "aim_investment", "aim_shares", "attribute", "budget_of"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Attributed investment per aim, theme and project."""

    #: Every aim id (model order) -> attributed investment (0.0 if none).
    aims: dict[str, float]
    #: Every theme id (model order) -> attributed investment.
    themes: dict[str, float]
    #: Every project id -> the budget it contributes (0.0 if cancelled, unbudgeted, or reaching no aim).
    projects: dict[str, float]
    #: Non-cancelled projects with no budget, model order.
    unfunded: tuple[str, ...]
    #: Total budget of the non-cancelled projects that reach at least one aim.
    total: float


def budget_of(G: nx.DiGraph, project: str) -> float:
    """The project's budget as a float, 0.0 when it has none."""
    budget = G._node[project].get("budget")
    return 0.0 if budget is None else float(budget)


def attribute(G: nx.DiGraph, reach: dict[str, list[str]] | None = None) -> Attribution:
    """Attribute every project's budget to the aims and themes it serves.

    One pass over the projects, each walking only its own links; ``reach``
    (from :func:`~goldenthread.traceability.reach.reach_map`) saves the walks
    when the caller has it already.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> a = attribute(build_graph(load_example()))
    >>> a.total, len(a.unfunded)
    (0.0, 13)
    """
    aims: dict[str, float] = {}
    themes: dict[str, float] = {}
    projects: dict[str, float] = {}
    for n, d in G._node.items():
        kind = d["kind"]
        if kind == "aim":
            aims[n] = 0.0
        elif kind == "theme":
            themes[n] = 0.0
        elif kind == "project":
            projects[n] = 0.0
    unfunded: list[str] = []
    total = 0.0
    for p in projects:
        d = G._node[p]
        if d.get("status") == "cancelled":
            continue
        if d.get("budget") is None:
            unfunded.append(p)
            continue
        reached = reached_aims(G, p) if reach is None else reach[p]
        if not reached:
            continue
        budget = float(d["budget"])
        projects[p] = budget
        total += budget
        share = budget / len(reached)
        for a in reached:
            aims[a] += share
        delivered = delivered_themes(G, p)
        if delivered:
            part = budget / len(delivered)
            for t in delivered:
                themes[t] += part
    return Attribution(aims=aims, themes=themes, projects=projects, unfunded=tuple(unfunded), total=total)


def aim_shares(G: nx.DiGraph, project: str) -> dict[str, float]:
    """The project's contribution to each aim it reaches; empty when it is cancelled.

    An unbudgeted project reaches its aims with a share of 0.0.
    """
    if not is_active(G, project):
        return {}
    reach = reached_aims(G, project)
    if not reach:
        return {}
    share = budget_of(G, project) / len(reach)
    return dict.fromkeys(reach, share)


def aim_investment(G: nx.DiGraph, aim: str) -> float:
    """The investment attributed to one aim, walking only the projects that reach it.

    Equal to ``attribute(G).aims[aim]`` (up to the order of a floating-point sum)
    without a pass over the whole graph.
    """
    total = 0.0
    for p in reaching_projects(G, aim):
        budget = G._node[p].get("budget")
        if budget is not None:
            total += float(budget) / len(reached_aims(G, p))
    return total
