"""Properties of the allocation and of unknown money on generated models (hypothesis)."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import given
from hypothesis import strategies as st
from test_graph_properties import FEW, models

from goldenthread.model.types import Model
from goldenthread.traceability.attribution import attribute
from goldenthread.traceability.coverage import coverage
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.reach import reached_aims
from goldenthread.traceability.rules import apply_rules


def _with_allocations(model: Model, shares) -> Model:
    """Each project that reaches aims, given an allocation: ``shares(aims)`` -> aim -> percent."""
    G = build_graph(model)
    projects = {}
    for pid, p in model.projects.items():
        reach = reached_aims(G, pid)
        values = {"allocation": shares(reach)} if reach else {}
        projects[pid] = dataclasses.replace(p, values=values)
    return dataclasses.replace(model, projects=projects)


@FEW
@given(models())
def test_an_allocation_stating_the_equal_split_changes_no_figure_and_no_finding(model):
    G = build_graph(model)
    equal = _with_allocations(model, lambda aims: dict.fromkeys(aims, 100 / len(aims)))
    H = build_graph(equal)
    assert attribute(H) == attribute(G)
    assert apply_rules(equal, H) == apply_rules(model, G)


@FEW
@given(models(), st.data())
def test_any_allocation_shares_out_exactly_the_traced_money(model, data):
    def shares(aims: list[str]) -> dict[str, float]:
        weights = data.draw(st.lists(st.integers(1, 9), min_size=len(aims), max_size=len(aims)))
        return {a: 100 * w / sum(weights) for a, w in zip(aims, weights, strict=True)}

    before = attribute(build_graph(model))
    after = attribute(build_graph(_with_allocations(model, shares)))
    assert after.total == before.total
    assert math.isclose(sum(after.aims.values()), after.total, rel_tol=1e-9, abs_tol=1e-6)


@FEW
@given(models())
def test_investment_is_unknown_exactly_when_every_project_reaching_the_aim_states_no_budget(model):
    G = build_graph(model)
    rows = coverage(model, G, apply_rules(model, G)).aims
    for row in rows:
        budgets = [model.projects[p].budget for p in row.projects]
        assert (row.investment is None) == (bool(budgets) and all(b is None for b in budgets))
        assert row.unbudgeted == budgets.count(None)
