"""Investment attribution: where the money goes, aim by aim and theme by theme.

The rule, applied to every project that is not cancelled:

- its budget is split among the aims it reaches (through its themes or
  directly, each aim counted once) by its ``allocation`` (aim -> percent),
  else equally (:func:`split`);
- a theme's attributed investment is the money that arrives at aims through
  it: each aim's share of the project's budget is divided equally among the
  project's routes to that aim (each theme it delivers that supports the aim,
  and its direct link if it has one), and the theme gets the parts of the
  routes through it (:func:`routes`); a project that reaches no aim has its
  budget split equally among the themes it delivers (themes that serve no
  aim: that money reaches no aim);
- a project with no budget contributes 0 and is listed as unfunded; an aim
  or theme whose every project states no budget has investment *not stated*
  (:attr:`Attribution.unstated`), never 0;
- a cancelled project contributes nothing, and a project that reaches no aim
  contributes to no aim (its money is not traceable to the strategy).

So the amounts attributed to the aims sum to :attr:`Attribution.total`, the
budget of the non-cancelled projects that reach at least one aim; the themes'
amounts and the money arriving by direct links add up to the same total, plus
the budgets of the projects that reach no aim and deliver a theme.  Every
output that shows a theme's investment (the report, the graph's tooltips, the
workbook, ``gaps --format json``, ``matrix``) reads it from here.

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
from goldenthread.traceability.reach import (
    delivered_themes,
    direct_aims,
    is_active,
    reached_aims,
    reaching_projects,
    supported_aims,
)

__all__ = [
    "Attribution",
    "Routes",
    "aim_investment",
    "aim_shares",
    "attribute",
    "exact_aim_investment",
    "exact_amount",
    "routes",
    "split",
]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Attributed investment per aim, theme and project."""

    #: Every aim id (model order) -> attributed investment (0.0 if none).
    aims: dict[str, float]
    #: Every theme id (model order) -> attributed investment (see the module docstring; 0.0 if none).
    themes: dict[str, float]
    #: Every project id -> the budget it contributes (0.0 if cancelled, unbudgeted, or reaching no aim).
    projects: dict[str, float]
    #: Non-cancelled projects with no budget, model order.
    unfunded: tuple[str, ...]
    #: Total budget of the non-cancelled projects that reach at least one aim.
    total: float
    #: Aims, themes and projects whose investment is not stated: a non-cancelled project with no
    #: budget, and the aims and themes every non-cancelled project reaching (or delivering) states
    #: no budget.  Their amount above is 0.0, which means unknown.
    unstated: frozenset[str] = frozenset()

    def investment(self, entity: str) -> float | None:
        """The attributed investment of an aim, theme or project; None when not stated (unknown, not 0)."""
        if entity in self.unstated:
            return None
        for amounts in (self.aims, self.themes, self.projects):
            if entity in amounts:
                return amounts[entity]
        return None


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
    # Aims and themes some project states a budget for, and those some project leaves unstated.
    stated: set[str] = set()
    unknown: set[str] = set()
    for p in projects:
        project = project_of(G, p)
        if project.cancelled:
            continue
        reached = reached_aims(G, p) if reach is None else reach[p]
        if project.budget is None:
            unfunded.append(p)
            unknown.update(reached, delivered_themes(G, p))
            continue
        stated.update(reached, delivered_themes(G, p))
        budget = exact_amount(project.budget)
        for (a, t), fraction in routes(G, p, project, reached).items():
            if a is not None:
                aims[a] += budget * fraction
            if t is not None:
                themes[t] += budget * fraction
        if reached:
            projects[p] = budget
            total += budget
    return Attribution(
        aims=_floats(aims),
        themes=_floats(themes),
        projects=_floats(projects),
        unfunded=tuple(unfunded),
        total=float(total),
        unstated=frozenset((unknown - stated).union(unfunded)),
    )


#: (aim, theme) -> a fraction of a budget; None for no aim (money reaching none) or no theme (a direct link).
Routes = dict[tuple[str | None, str | None], Fraction]


def routes(G: nx.DiGraph, p: str, project: Project, reached: list[str]) -> Routes:
    """The fraction of the project's budget that goes by each route: (aim, theme) -> fraction.

    Each aim's :func:`split` is divided equally among the project's routes to
    it: ``(aim, theme)`` for each theme it delivers that supports the aim,
    ``(aim, None)`` for its direct link.  A project that reaches no aim sends
    its budget equally through the themes it delivers, as ``(None, theme)``;
    one that delivers no theme either sends it nowhere (an empty answer).
    The fractions add up to 1, or to 0 for a project that sends its money nowhere.
    """
    delivered = delivered_themes(G, p)
    if not reached:
        return {(None, t): Fraction(1, len(delivered)) for t in delivered}
    ways: dict[str, list[str | None]] = {a: [None] for a in direct_aims(G, p)}
    for t in delivered:
        for a in supported_aims(G, t):
            ways.setdefault(a, []).append(t)
    out: Routes = {}
    for a, fraction in split(project, reached).items():
        # An aim the split names is reached, so it has a route (the reach walks the same links).
        by = ways.get(a) or [None]
        for way in by:
            out[a, way] = out.get((a, way), Fraction(0)) + fraction / len(by)
    return out


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
