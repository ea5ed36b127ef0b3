"""Investment attribution: where the money goes, aim by aim and theme by theme.

The rule, applied to every project that is not cancelled:

- its budget is split among the aims it reaches (through its themes or
  directly, each aim counted once) by its ``allocation`` (aim -> percent),
  else equally (:func:`split`);
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

from goldenthread.model.types import Project
from goldenthread.traceability.graph import project_of
from goldenthread.traceability.reach import delivered_themes, is_active, reached_aims, reaching_projects

__all__ = [
    "Attribution",
    "aim_investment",
    "aim_shares",
    "attribute",
    "exact_aim_investment",
    "exact_amount",
    "split",
]


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


def split(project: Project, reached: list[str]) -> dict[str, Fraction]:
    """The fraction of the project's budget that counts for each aim it reaches.

    By its ``allocation`` where it has one: each named aim's percent over the
    percents of the named aims still reached (in a valid model, all of them,
    adding up to 100, so the fractions add up to exactly 1); a reached aim it
    does not name gets nothing.  Without one, or when none of the aims it names
    is still reached (a view without an aim, in ``impact``), an equal split.

    >>> from goldenthread.model.types import Position
    >>> p = Project(id="p", title="P", pos=Position("m", 1, 1), values={"allocation": {"a": 70, "b": 30}})
    >>> split(p, ["a", "b"]), split(p, ["a"]), split(p, ["c", "d"])["c"]
    ({'a': Fraction(7, 10), 'b': Fraction(3, 10)}, {'a': Fraction(1, 1)}, Fraction(1, 2))
    """
    if not reached:
        return {}
    allocation = project.allocation
    named = {a: exact_amount(allocation[a]) for a in reached if a in allocation}
    if named:
        total = sum(named.values(), Fraction(0))
        return {a: share / total for a, share in named.items()}
    equal = Fraction(1, len(reached))
    return dict.fromkeys(reached, equal)


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
        for a, fraction in split(project, reached).items():
            aims[a] += budget * fraction
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
    p = project_of(G, project)
    budget = exact_amount(p.budget)
    return {a: float(budget * fraction) for a, fraction in split(p, reach).items()}


def aim_investment(G: nx.DiGraph, aim: str) -> float:
    """The investment attributed to one aim, walking only the projects that reach it.

    Equal to ``attribute(G).aims[aim]`` without a pass over the whole graph.
    """
    return float(exact_aim_investment(G, aim))


def exact_aim_investment(G: nx.DiGraph, aim: str, splits: dict[str, dict[str, Fraction]] | None = None) -> Fraction:
    """:func:`aim_investment` as an exact fraction.

    ``splits`` (project -> its :func:`split`) is filled in as projects are
    met, so that a caller asking about many aims walks each project's reach
    once, not once an aim.
    """
    cache = {} if splits is None else splits
    total = Fraction(0)
    for p in reaching_projects(G, aim):
        project = project_of(G, p)
        if project.budget is None:
            continue
        fractions = cache.get(p)
        if fractions is None:
            fractions = cache[p] = split(project, reached_aims(G, p))
        total += exact_amount(project.budget) * fractions.get(aim, Fraction(0))
    return total
