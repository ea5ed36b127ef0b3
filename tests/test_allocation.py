"""A project's allocation shares its budget among the aims it reaches; worked by hand.

p1 (1,000) reaches a1 and a2 through t1 and a3 directly, allocated 50/30/20;
p2 (300) reaches a1 and a3 directly, with no allocation: an equal split.
So a1 = 500 + 150 = 650, a2 = 300, a3 = 200 + 150 = 350; 1,300 in all.
"""

from __future__ import annotations

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.attribution import aim_investment, aim_shares, attribute
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.impact import impact
from goldenthread.traceability.matrix import matrix

MODEL = """\
model: {as_of: 2025-01-01}
aims:
  a1: {title: Care}
  a2: {title: Money}
  a3: {title: Place}
themes:
  t1: {title: Digital, aims: [a1, a2]}
projects:
  p1: {title: Platform, budget: 1000, themes: [t1], aims: [a3], allocation: {a1: 50, a2: 30, a3: 20}}
  p2: {title: Portal, budget: 300, aims: [a1, a3]}
"""


@pytest.fixture
def graph(write_model):
    return build_graph(load_model(write_model(MODEL)))


def test_the_attribution_follows_the_allocation(graph):
    a = attribute(graph)
    assert (a.aims, a.total) == ({"a1": 650.0, "a2": 300.0, "a3": 350.0}, 1300.0)
    assert {aim: aim_investment(graph, aim) for aim in a.aims} == a.aims
    assert aim_shares(graph, "p1") == {"a1": 500.0, "a2": 300.0, "a3": 200.0}
    assert aim_shares(graph, "p2") == {"a1": 150.0, "a3": 150.0}


def test_the_matrix_totals_and_direct_money_follow_it(graph):
    m = matrix(graph, value="budget")
    assert m.totals == {"a1": 650.0, "a2": 300.0, "a3": 350.0}
    # a2 has no direct link: no entry (the text shows it as unlinked, JSON and CSV as 0).
    assert m.direct == {"a1": 150.0, "a3": 350.0}


def test_without_the_theme_the_allocation_falls_to_the_aims_still_reached(graph):
    # Without t1, p1 reaches only a3, the one aim of its allocation still reached: all 1,000 go there.
    r = impact(graph, "t1")
    assert r.investment == {"a1": (650.0, 150.0), "a2": (300.0, 0.0), "a3": (350.0, 1150.0)}
    assert r.aims_losing_investment == ("a2",)


def test_a_model_without_allocations_keeps_the_equal_split(write_model):
    plain = MODEL.replace(", allocation: {a1: 50, a2: 30, a3: 20}", "")
    a = attribute(build_graph(load_model(write_model(plain, "plain.yaml"))))
    assert a.aims == {"a1": 1000 / 3 + 150, "a2": 1000 / 3, "a3": 1000 / 3 + 150}
