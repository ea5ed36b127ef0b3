"""Where the portfolio's money goes: traced to an aim, or not; committed, or only proposed.

The attribution (:mod:`goldenthread.traceability.attribution`) shares out the
budgets of the projects that reach an aim.  A committee also needs the money
it leaves out, named:

- the *portfolio*: the budget of every project that is not cancelled;
- *traced*: the part that reaches an aim (the attribution's total);
- *untraced projects*: budgeted projects that reach no aim at all;
- *aimless themes*: themes that support no aim, with the money of the projects
  delivering them (each project's budget split equally among its themes, as
  the attribution splits it), whether or not those projects reach an aim
  some other way;
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

    #: Budget of every project that is not cancelled.
    portfolio: float
    #: The part that reaches an aim (:attr:`Attribution.total`).
    traced: float
    #: Budgeted, non-cancelled projects reaching no aim: (id, budget), model order.
    untraced: tuple[tuple[str, float], ...]
    #: Their budgets added.
    untraced_total: float
    #: Themes supporting no aim that non-cancelled, budgeted projects deliver: (id, money), model order.
    aimless_themes: tuple[tuple[str, float], ...]
    #: Non-cancelled projects with the status ``proposed``: (id, budget or None), model order.
    proposed: tuple[tuple[str, float | None], ...]
    #: The part of ``traced`` that proposed projects bring.
    proposed_traced: float

    @property
    def committed_traced(self) -> float:
        """The traced money of the projects that are more than proposed."""
        return float(exact_amount(self.traced) - exact_amount(self.proposed_traced))


def trace_money(model: Model, G: nx.DiGraph, attribution: Attribution) -> MoneyTrace:
    """Trace the money of ``model``'s projects (``G`` its graph, ``attribution`` of ``G``)."""
    portfolio = Fraction(0)
    untraced: list[tuple[str, float]] = []
    untraced_total = Fraction(0)
    themes: dict[str, Fraction] = {}
    proposed: list[tuple[str, float | None]] = []
    proposed_traced = Fraction(0)
    aimless = {t for t in model.themes if not any(e["relation"] == "supports" for e in G.succ[t].values())}
    for p in model.projects.values():
        if p.cancelled:
            continue
        budget = exact_amount(p.budget)
        portfolio += budget
        if p.status == "proposed":
            proposed.append((p.id, None if p.budget is None else float(p.budget)))
            proposed_traced += exact_amount(attribution.projects.get(p.id, 0.0))
        if not budget:
            continue
        if not reached_aims(G, p.id):
            untraced.append((p.id, float(budget)))
            untraced_total += budget
        delivered = delivered_themes(G, p.id)
        for t in delivered:
            if t in aimless:
                themes[t] = themes.get(t, Fraction(0)) + budget / len(delivered)
    return MoneyTrace(
        portfolio=float(portfolio),
        traced=attribution.total,
        untraced=tuple(untraced),
        untraced_total=float(untraced_total),
        aimless_themes=tuple((t, float(themes[t])) for t in model.themes if t in themes),
        proposed=tuple(proposed),
        proposed_traced=float(proposed_traced),
    )
