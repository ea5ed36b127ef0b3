"""A scenario: cancelling projects, dropping themes and cutting budgets at once, and what it does to the thread.

``impact`` asks about one entity at a time; a portfolio board asks "what if
we stop these two, drop that theme and take 20% off this one?" as one
question, because the changes interact: a project delivering two dropped
themes loses both routes, and an aim two cancelled projects reach loses
both.  The answer has :class:`~goldenthread.traceability.impact.Impact`'s
shape (aims, themes and benefits left with nothing) plus, per aim, the
investment before and after, the money that reaches no aim before and after,
and the projects the scenario leaves with no route to an aim.

Only the aims within two links of a change are recomputed: the investment
of an aim depends only on the projects that reach it and on the aims each of
those reaches, and only the projects a change touches (the cancelled ones,
those delivering a dropped theme, those cut) can change either.  Their
reach afterwards is worked out directly, not on a view of the graph without
the entities, and each project's split is computed once and shared by every
aim it reaches: asking each aim afresh made ``impact`` quadratic in the aims
one project reaches (8,000 aims took 37 s).  The money
that reaches no aim is a property of the whole portfolio, so it takes one
pass over the projects (their reach, as attribution walks it).

Unknown money stays unknown: an aim reached only by projects that state no
budget has investment ``None`` (not 0), before or after; a project without a
budget cannot be cut.  Money is exact (fractions) until the answer is given,
so that the money before equals the money after plus the money released,
to the penny.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

from goldenthread.model.errors import GoldenthreadError
from goldenthread.traceability.attribution import exact_amount, split
from goldenthread.traceability.graph import entity_of, in_model_order, project_of, require_entity
from goldenthread.traceability.reach import (
    delivered_themes,
    delivering_projects,
    direct_aims,
    is_active,
    reached_aims,
    reaching_projects,
    realised_benefits,
    realising_projects,
    supported_aims,
)

__all__ = ["IMPACT_KINDS", "BadCut", "Cut", "NoRoute", "Scenario", "scenario"]

#: The kinds of entity whose removal a scenario can simulate.
IMPACT_KINDS: tuple[str, ...] = ("project", "theme")


class BadCut(GoldenthreadError, ValueError):
    """A budget cut that cannot be made: a percent outside (0, 100], a project named twice, no budget to cut."""


@dataclass(frozen=True, slots=True)
class Cut:
    """One project's budget reduced by ``percent``: from ``before`` to ``after`` (both stated)."""

    project: str
    percent: float
    before: float
    after: float
    #: False for a cancelled project: its budget counts for nothing already.
    active: bool = True


@dataclass(frozen=True, slots=True)
class NoRoute:
    """Money that reaches no aim: the budgets stated, and how many such projects state none."""

    money: float
    unbudgeted: int

    @property
    def amount(self) -> float | None:
        """The money, or None when none is stated and some project states no budget (unknown, not 0)."""
        return None if not self.money and self.unbudgeted else self.money


@dataclass(frozen=True, slots=True)
class Scenario:
    """The consequences of the changes together; every id list is in model order."""

    #: Projects cancelled (as named, model order), including any cancelled already.
    cancelled: tuple[str, ...]
    #: Those of them cancelled already: cancelling them changes nothing.
    already_cancelled: tuple[str, ...]
    #: Themes dropped.
    dropped: tuple[str, ...]
    #: Budget cuts, model order of the projects.
    cuts: tuple[Cut, ...]
    #: Aims reached by a project now and by none afterwards.
    aims_losing_investment: tuple[str, ...]
    #: Themes (not dropped) delivered by a non-cancelled project now and by none afterwards.
    themes_losing_projects: tuple[str, ...]
    #: Benefits realised by a non-cancelled project now and by none afterwards.
    benefits_losing_realisers: tuple[str, ...]
    #: Projects (not cancelled) that reach an aim now and none afterwards.
    projects_losing_route: tuple[str, ...]
    #: Every aim the changes touch -> (before, after); None: no reaching project states a budget.
    investment: dict[str, tuple[float | None, float | None]]
    #: The money of the non-cancelled projects that reach no aim, now and afterwards.
    no_route: tuple[NoRoute, NoRoute]
    #: The budget the scenario takes away: the cancelled projects' and the cuts'.
    released: float
    #: Projects cancelled by the scenario that state no budget (what they release is not known).
    released_unbudgeted: int
    #: Title of every id above, for the reader.
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _After:
    """One active project a change touches: its budget now, and its reach and budget afterwards."""

    before: Fraction | None
    cancelled: bool
    reach: list[str]
    budget: Fraction | None
    #: Its split over ``reach`` and ``reach`` as a set, worked out once for all the aims it reaches (once an
    #: aim was quadratic in them).
    shares: dict[str, Fraction] | None = None
    reached: set[str] = field(default_factory=set)


def _check_cuts(G: nx.DiGraph, cuts: Mapping[str, Fraction], removed: set[str]) -> None:
    for p, percent in cuts.items():
        require_entity(G, p, ("project",))
        if not 0 < percent <= 100:
            raise BadCut(f"cannot cut {p!r} by {float(percent):g}%: a cut is more than 0% and at most 100%")
        if p in removed:
            raise BadCut(f"cannot cut {p!r}: the scenario cancels it as well; name it once")
        if project_of(G, p).budget is None:
            raise BadCut(f"cannot cut {p!r}: it states no budget")


def _reach_after(G: nx.DiGraph, project: str, dropped: set[str]) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(direct_aims(G, project))
    for t in delivered_themes(G, project):
        if t not in dropped:
            seen.update(dict.fromkeys(supported_aims(G, t)))
    return list(seen)


def _touched(G: nx.DiGraph, cancelled: list[str], dropped: set[str], cuts: Mapping[str, Fraction]) -> dict[str, _After]:
    """Every active project a change touches -> what it is afterwards."""
    touched: dict[str, _After] = {}

    def budget(p: str) -> Fraction | None:
        b = project_of(G, p).budget
        return None if b is None else exact_amount(b)

    for p in cancelled:
        if is_active(G, p):
            touched[p] = _After(budget(p), True, [], None)
    for t in in_model_order(G, dropped):
        for p in delivering_projects(G, t):
            if p not in touched:
                touched[p] = _After(budget(p), False, _reach_after(G, p, dropped), budget(p))
    for p in in_model_order(G, cuts):
        if is_active(G, p):
            # A project cut here is never cancelled (refused), but may deliver a dropped theme.
            after = touched.setdefault(p, _After(budget(p), False, reached_aims(G, p), budget(p)))
            after.budget = (after.before or Fraction(0)) * (1 - cuts[p] / 100)
    return touched


def _investment(
    G: nx.DiGraph, aim: str, touched: dict[str, _After], splits: dict[str, dict[str, Fraction]]
) -> tuple[tuple[Fraction | None, Fraction | None], bool]:
    """The aim's investment before and after (None: unknown), and whether any project reaches it afterwards."""
    sums = [Fraction(0), Fraction(0)]
    reachers = [0, 0]
    unbudgeted = [0, 0]
    for q in reaching_projects(G, aim):
        project = project_of(G, q)
        fractions = splits.get(q)
        if fractions is None:
            fractions = splits[q] = split(project, reached_aims(G, q))
        t = touched.get(q)
        budgets: list[tuple[int, Fraction | None, Fraction]] = []
        before = None if project.budget is None else exact_amount(project.budget)
        budgets.append((0, before, fractions.get(aim, Fraction(0))))
        if t is None:
            budgets.append((1, before, fractions.get(aim, Fraction(0))))
        else:
            if t.shares is None:
                t.shares = split(project, t.reach)
                t.reached = set(t.reach)
            if aim in t.reached:
                budgets.append((1, t.budget, t.shares.get(aim, Fraction(0))))
        for side, amount, fraction in budgets:
            reachers[side] += 1
            if amount is None:
                unbudgeted[side] += 1
            else:
                sums[side] += amount * fraction
    known = [None if reachers[i] and unbudgeted[i] == reachers[i] else sums[i] for i in (0, 1)]
    return (known[0], known[1]), reachers[1] > 0


def _no_route_before(G: nx.DiGraph) -> tuple[Fraction, int]:
    money, unbudgeted = Fraction(0), 0
    for p, kind in G.nodes(data="kind"):
        if kind == "project" and is_active(G, p) and not reached_aims(G, p):
            budget = project_of(G, p).budget
            if budget is None:
                unbudgeted += 1
            else:
                money += exact_amount(budget)
    return money, unbudgeted


def _no_route(money: Fraction, unbudgeted: int) -> NoRoute:
    return NoRoute(float(money), unbudgeted)


def _float(amount: Fraction | None) -> float | None:
    return None if amount is None else float(amount)


def scenario(
    G: nx.DiGraph, remove: Iterable[str] = (), cuts: Mapping[str, Fraction | int | float] | None = None
) -> Scenario:
    """What cancelling the projects and dropping the themes in ``remove``, and making ``cuts``, would do together.

    ``cuts`` maps a project id to the percent its budget is reduced by, in
    (0, 100].  An id in ``remove`` named twice counts once.

    Raises
    ------
    UnknownEntity
        No entity has one of the ids (the message suggests a close one).
    WrongKind
        An id in ``remove`` is an aim or a benefit, or a cut names anything but a project.
    BadCut
        A percent outside (0, 100], a project both cancelled and cut, or cut without a budget.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> s = scenario(build_graph(load_example()), ["theme-self-service"])
    >>> s.projects_losing_route, s.aims_losing_investment
    (('proj-hantsweb-transactional', 'proj-e-services'), ())
    """
    exact_cuts = {p: Fraction(repr(v)) if isinstance(v, float) else Fraction(v) for p, v in (cuts or {}).items()}
    named = list(dict.fromkeys(remove))
    kinds = {n: require_entity(G, n, IMPACT_KINDS).kind for n in named}
    _check_cuts(G, exact_cuts, set(named))
    cancelled = in_model_order(G, [n for n in named if kinds[n] == "project"])
    dropped = {n for n in named if kinds[n] == "theme"}
    touched = _touched(G, cancelled, dropped, exact_cuts)
    gone = {p for p, t in touched.items() if t.cancelled}

    aims: dict[str, None] = {}
    for p in touched:
        aims.update(dict.fromkeys(reached_aims(G, p)))
    splits: dict[str, dict[str, Fraction]] = {}
    investment: dict[str, tuple[float | None, float | None]] = {}
    losing: list[str] = []
    for a in in_model_order(G, aims):
        (before, after), reached = _investment(G, a, touched, splits)
        investment[a] = (_float(before), _float(after))
        if not reached:
            losing.append(a)

    themes: dict[str, None] = {}
    benefits: dict[str, None] = {}
    for p in gone:
        themes.update(dict.fromkeys(t for t in delivered_themes(G, p) if t not in dropped))
        benefits.update(dict.fromkeys(realised_benefits(G, p)))
    themes_losing = [t for t in in_model_order(G, themes) if set(delivering_projects(G, t)) <= gone]
    benefits_losing = [b for b in in_model_order(G, benefits) if set(realising_projects(G, b)) <= gone]

    money, unbudgeted = _no_route_before(G)
    no_route_before = _no_route(money, unbudgeted)
    released, released_unbudgeted = Fraction(0), 0
    stranded: list[str] = []
    for p, t in touched.items():
        if not reached_aims(G, p):
            # It reached no aim before: its money leaves the no-route total, and comes back if it stays.
            if t.before is None:
                unbudgeted -= 1
            else:
                money -= t.before
        elif not t.cancelled and not t.reach:
            stranded.append(p)
        if t.cancelled:
            if t.before is None:
                released_unbudgeted += 1
            else:
                released += t.before
            continue
        released += (t.before or Fraction(0)) - (t.budget or Fraction(0))
        if not t.reach:
            if t.budget is None:
                unbudgeted += 1
            else:
                money += t.budget
    cut_list = tuple(
        Cut(
            project=p,
            percent=float(exact_cuts[p]),
            before=float(exact_amount(project_of(G, p).budget)),
            after=float(exact_amount(project_of(G, p).budget) * (1 - exact_cuts[p] / 100)),
            active=is_active(G, p),
        )
        for p in in_model_order(G, exact_cuts)
    )
    ids = (*named, *exact_cuts, *investment, *themes_losing, *benefits_losing, *stranded)
    return Scenario(
        cancelled=tuple(cancelled),
        already_cancelled=tuple(p for p in cancelled if not is_active(G, p)),
        dropped=tuple(in_model_order(G, dropped)),
        cuts=cut_list,
        aims_losing_investment=tuple(losing),
        themes_losing_projects=tuple(themes_losing),
        benefits_losing_realisers=tuple(benefits_losing),
        projects_losing_route=tuple(in_model_order(G, stranded)),
        investment=investment,
        no_route=(no_route_before, _no_route(money, unbudgeted)),
        released=float(released),
        released_unbudgeted=released_unbudgeted,
        titles={n: entity_of(G, n).title for n in ids},
    )
