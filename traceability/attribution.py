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

Money is added and split exactly: each budget is read as the decimal its
YAML text wrote (``0.1`` is one tenth, not the nearest binary float), the
shares are fractions, and each result is rounded to a float once, at the
end.  So ten budgets of 0.10 make exactly 1.00, and a budget split in three
adds up to the budget again; adding floats as they come would drift by a
few parts in 10^16 per addition.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import networkx as nx

from goldenthread.traceability.graph import project_of
from goldenthread.traceability.reach import delivered_themes, is_active, reached_aims, reaching_projects

__all__ = ["Attribution", "aim_investment", "aim_shares", "attribute", "exact_aim_investment", "exact_amount"]


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


def exact_amount(value: float | int | None) -> Fraction:
    """An amount as the exact decimal it was written as: ``repr`` of a float is its shortest spelling.

    >>> exact_amount(0.1), exact_amount(1200000.5), exact_amount(None)
    (Fraction(1, 10), Fraction(2400001, 2), Fraction(0, 1))
    """
    if value is None:
        return Fraction(0)
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(float(value)))


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
    >>> a.total, a.unfunded[0]
    (0.0, 'proj-sap-usability')
    """
    aims: dict[str, Fraction] = {}
    themes: dict[str, Fraction] = {}
    projects: dict[str, Fraction] = {}
    for n, kind in G.nodes(data="kind"):
        if kind == "aim":
            aims[n] = Fraction(0)
        elif kind == "theme":
            themes[n] = Fraction(0)
        elif kind == "project":
            projects[n] = Fraction(0)
    unfunded: list[str] = []
    total = Fraction(0)
    for p in projects:
        project = project_of(G, p)
        if project.cancelled:
            continue
        if project.budget is None:
            unfunded.append(p)
            continue
        reached = reached_aims(G, p) if reach is None else reach[p]
        if not reached:
            continue
        budget = exact_amount(project.budget)
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
    return Attribution(
        aims=_floats(aims),
        themes=_floats(themes),
        projects=_floats(projects),
        unfunded=tuple(unfunded),
        total=float(total),
    )


def _floats(amounts: dict[str, Fraction]) -> dict[str, float]:
    # float(Fraction) rounds correctly: each figure is the float nearest its exact value.
    return {k: float(v) for k, v in amounts.items()}


def aim_shares(G: nx.DiGraph, project: str) -> dict[str, float]:
    """The project's contribution to each aim it reaches; empty when it is cancelled.

    An unbudgeted project reaches its aims with a share of 0.0.
    """
    if not is_active(G, project):
        return {}
    reach = reached_aims(G, project)
    if not reach:
        return {}
    share = exact_amount(project_of(G, project).budget) / len(reach)
    return dict.fromkeys(reach, float(share))


def aim_investment(G: nx.DiGraph, aim: str) -> float:
    """The investment attributed to one aim, walking only the projects that reach it.

    Equal to ``attribute(G).aims[aim]`` without a pass over the whole graph.
    """
    return float(exact_aim_investment(G, aim))


def exact_aim_investment(G: nx.DiGraph, aim: str, reach_counts: dict[str, int] | None = None) -> Fraction:
    """:func:`aim_investment` as an exact fraction.

    ``reach_counts`` (project -> number of aims it reaches) is filled in as
    projects are met, so that a caller asking about many aims walks each
    project's reach once, not once an aim.
    """
    counts = {} if reach_counts is None else reach_counts
    total = Fraction(0)
    for p in reaching_projects(G, aim):
        budget = project_of(G, p).budget
        if budget is None:
            continue
        n = counts.get(p)
        if n is None:
            n = counts[p] = len(reached_aims(G, p))
        total += exact_amount(budget) / n
    return total
