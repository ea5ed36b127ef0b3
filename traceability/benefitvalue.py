"""Benefit value: the full-year money a model's benefits claim, and how much of it is realised to date.

As a Green Book benefits register counts it:

- a benefit's *claimed* value is its ``value`` (full-year, model currency);
- its *realised* value to date is ``value x progress``, progress capped to
  [0, 1] (a benefit without a progress figure realises nothing yet that can
  be shown, and counts as 0 realised);
- an aim's claimed and realised values add those of the benefits evidencing
  it (a dis-benefit never does); ``None`` when none of them states a value:
  not stated, never 0;
- the totals count each benefit once, however many aims it evidences or
  projects realise it; dis-benefits are left out.

Amounts are added exactly (as decimals, like the attribution) and rounded to a
float once.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import networkx as nx

from goldenthread.model.types import Model
from goldenthread.traceability.attribution import exact_amount
from goldenthread.traceability.benefits import BenefitStatus
from goldenthread.traceability.reach import evidenced_aims

__all__ = ["BenefitValue", "benefit_value"]


@dataclass(frozen=True, slots=True)
class BenefitValue:
    """Claimed and realised benefit value per aim and in total; see the module docstring."""

    #: aim id (model order) -> (claimed, realised to date), or None when no evidencing benefit states a value.
    aims: dict[str, tuple[float, float] | None]
    #: Every benefit with a value counted once; None when no benefit states one.
    claimed: float | None
    realised: float | None


def _realised(value: Fraction, status: BenefitStatus) -> Fraction:
    if status.progress is None:
        return Fraction(0)
    progress = min(Fraction(1), max(Fraction(0), Fraction(status.progress)))
    return value * progress


def benefit_value(model: Model, G: nx.DiGraph, statuses: list[BenefitStatus]) -> BenefitValue:
    """The benefit value of ``model`` (``G`` its graph), given its benefits' statuses (:func:`benefit_statuses`)."""
    by_id = {s.id: s for s in statuses}
    each: dict[str, tuple[Fraction, Fraction]] = {}
    for b in model.benefits.values():
        if b.adverse or b.value is None:
            continue
        value = exact_amount(b.value)
        each[b.id] = (value, _realised(value, by_id[b.id]))
    per_aim: dict[str, list[tuple[Fraction, Fraction]]] = {}
    for benefit_id, pair in each.items():
        for aim in evidenced_aims(G, benefit_id):
            per_aim.setdefault(aim, []).append(pair)
    aims: dict[str, tuple[float, float] | None] = {}
    for aim in model.aims:
        mine = per_aim.get(aim)
        aims[aim] = (float(sum(c for c, _ in mine)), float(sum(r for _, r in mine))) if mine else None
    if not each:
        return BenefitValue(aims=aims, claimed=None, realised=None)
    return BenefitValue(
        aims=aims,
        claimed=float(sum(c for c, _ in each.values())),
        realised=float(sum(r for _, r in each.values())),
    )
