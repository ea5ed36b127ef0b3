"""Where the portfolio's money goes: traced to an aim, or not; committed, or only proposed.

The attribution (:mod:`goldenthread.traceability.attribution`) shares out the
budgets of the projects that reach an aim.  A committee also needs the money
it leaves out, named:

- the *portfolio*: the budget of every project that is not cancelled;
- *traced*: the part that reaches an aim (the attribution's total);
- *untraced projects*: budgeted projects that reach no aim at all;
- *aimless themes*: themes that support no aim, with their attributed
  investment (:mod:`~goldenthread.traceability.attribution`: the budgets of
  the projects that reach no aim, split equally among the themes they
  deliver; a project that reaches an aim sends all its money by its routes
  to aims, none of it through a theme that serves no aim);
- *direct only*: projects that reach aims, but only by direct links, through
  no theme: their money is traced, but to no part of the IT strategy;
- *proposed*: projects whose status is ``proposed``: counted in the traced
  money like any other, but shown apart, as they are not committed.

Amounts are added exactly (as decimals, like the attribution) and rounded to a
float once.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import networkx as nx

from goldenthread.model.types import Model
from goldenthread.traceability.attribution import Attribution, exact_amount
from goldenthread.traceability.reach import delivered_themes, reached_aims

__all__ = ["MoneyTrace", "trace_money"]


@dataclass(frozen=True, slots=True)
class MoneyTrace:
    """The portfolio's money, traced and untraced; see the module docstring."""

    #: Budget of every project that is not cancelled; None when none of them states one (unknown, not 0).
    portfolio: float | None
    #: The part that reaches an aim (:attr:`Attribution.total`).
    traced: float
    #: Budgeted, non-cancelled projects reaching no aim: (id, budget), model order.
    untraced: tuple[tuple[str, float], ...]
    #: Their budgets added.
    untraced_total: float
    #: Themes supporting no aim with money reaching no aim through them: (id, money), model order.
    aimless_themes: tuple[tuple[str, float], ...]
    #: Non-cancelled projects with the status ``proposed``: (id, budget or None), model order.
    proposed: tuple[tuple[str, float | None], ...]
    #: The part of ``traced`` that proposed projects bring; None when none of them states a budget (unknown, not 0).
    proposed_traced: float | None
    #: Non-cancelled projects reaching aims only directly, through no theme: (id, budget or None), model order.
    direct_only: tuple[tuple[str, float | None], ...] = ()

    @property
    def committed_traced(self) -> float:
        """The traced money of the projects that are more than proposed."""
        return float(exact_amount(self.traced) - exact_amount(self.proposed_traced))


def trace_money(model: Model, G: nx.DiGraph, attribution: Attribution) -> MoneyTrace:
    """Trace the money of ``model``'s projects (``G`` its graph, ``attribution`` of ``G``)."""
    portfolio = Fraction(0)
    stated = False
    active = False
    untraced: list[tuple[str, float]] = []
    untraced_total = Fraction(0)
    direct_only: list[tuple[str, float | None]] = []
    proposed: list[tuple[str, float | None]] = []
    proposed_traced = Fraction(0)
    proposed_stated = False
    aimless = {t for t in model.themes if not any(e["relation"] == "supports" for e in G.succ[t].values())}
    for p in model.projects.values():
        if p.cancelled:
            continue
        budget = exact_amount(p.budget)
        portfolio += budget
        active = True
        stated = stated or p.budget is not None
        if p.status == "proposed":
            proposed_stated = proposed_stated or p.budget is not None
            proposed.append((p.id, None if p.budget is None else float(p.budget)))
            proposed_traced += exact_amount(attribution.projects.get(p.id, 0.0))
        reached = reached_aims(G, p.id)
        if reached and not any(t not in aimless for t in delivered_themes(G, p.id)):
            direct_only.append((p.id, None if p.budget is None else float(p.budget)))
        if budget and not reached:
            untraced.append((p.id, float(budget)))
            untraced_total += budget
    return MoneyTrace(
        portfolio=float(portfolio) if stated or not active else None,
        traced=attribution.total,
        untraced=tuple(untraced),
        untraced_total=float(untraced_total),
        aimless_themes=tuple((t, money) for t, money in attribution.themes.items() if t in aimless and money),
        proposed=tuple(proposed),
        proposed_traced=float(proposed_traced) if proposed_stated or not proposed else None,
        direct_only=tuple(direct_only),
    )
