"""Investment attribution: budgets split equally among the aims (and themes) a project serves."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.attribution import aim_investment, aim_shares, attribute
from goldenthread.traceability.graph import build_graph

MODELS = Path(__file__).parent / "models"


@pytest.fixture(scope="module")
def portfolio():
    return build_graph(load_model(MODELS / "portfolio.yaml"))


class TestAttribute:
    def test_aims_get_equal_shares_of_each_reaching_project(self, portfolio):
        # p1 (900) reaches a1 and a2 (a2 twice, through t1 and t2: counted once); p2 (300) reaches a2 and a3.
        assert attribute(portfolio).aims == {"a1": 450.0, "a2": 600.0, "a3": 150.0, "a4": 0.0}

    def test_themes_get_the_money_arriving_at_aims_through_them(self, portfolio):
        # p1 (900): a1 450 by t1; a2 450 by t1 and t2, 225 each.  p2 (300): a2 150 by t2; a3 150 directly.
        a = attribute(portfolio)
        assert a.themes == {"t1": 675.0, "t2": 375.0, "t3": 0.0}
        # The themes and the direct money (150) add up to the total.
        assert sum(a.themes.values()) + 150.0 == a.total
        # t3 has no project: none, which is 0 (not "not stated"); p4 states no budget.
        assert a.unstated == frozenset({"p4"})

    def test_investment_is_not_stated_where_every_project_states_no_budget(self, write_model):
        model = load_model(
            write_model(
                """
                model: {title: Unknown, as_of: 2024-01-01}
                aims: {a1: {title: A}, a2: {title: B}}
                themes: {t1: {title: T, aims: [a1]}, t2: {title: U, aims: [a2]}}
                projects:
                  p1: {title: No budget, themes: [t1]}
                  p2: {title: Budget, budget: 10, themes: [t2]}
                  p3: {title: No budget either, themes: [t2]}
                """
            )
        )
        a = attribute(build_graph(model))
        assert a.unstated == frozenset({"a1", "t1", "p1", "p3"})
        assert [a.investment(e) for e in ("t1", "t2", "a1", "a2")] == [None, 10.0, None, 10.0]

    def test_allocation_shares_reach_the_themes(self, write_model):
        model = load_model(
            write_model(
                """
                model: {title: Shares, as_of: 2024-01-01}
                aims: {a1: {title: A}, a2: {title: B}}
                themes: {t1: {title: T, aims: [a1]}, t2: {title: U, aims: [a2]}, t3: {title: V}}
                projects:
                  p1: {title: Split, budget: 1000, themes: [t1, t2, t3], allocation: {a1: 70, a2: 30}}
                  p2: {title: Aimless, budget: 90, themes: [t3]}
                """
            )
        )
        a = attribute(build_graph(model))
        # 70% of p1 arrives by t1, 30% by t2; t3 serves no aim: only p2's money, which reaches none.
        assert a.themes == {"t1": 700.0, "t2": 300.0, "t3": 90.0}

    def test_cancelled_unbudgeted_and_aimless_projects_contribute_nothing(self, portfolio):
        assert attribute(portfolio).projects == {"p1": 900.0, "p2": 300.0, "p3": 0.0, "p4": 0.0, "p5": 0.0}

    def test_unfunded_lists_non_cancelled_projects_without_a_budget(self, portfolio):
        assert attribute(portfolio).unfunded == ("p4",)

    def test_total_is_the_budget_of_projects_reaching_an_aim(self, portfolio):
        a = attribute(portfolio)
        assert a.total == 1200.0
        assert math.isclose(sum(a.aims.values()), a.total)

    def test_example_has_no_budgets_so_every_project_is_unfunded(self, example):
        a = attribute(build_graph(example))
        assert a.total == 0.0
        assert len(a.unfunded) == 15
        assert set(a.aims.values()) == {0.0}
        assert list(a.aims) == list(example.aims)

    def test_cancelled_project_without_budget_is_not_unfunded(self, write_model):
        path = write_model(
            """
            aims: {a: {title: A}}
            projects:
              p: {title: P, status: cancelled, aims: [a]}
              q: {title: Q, budget: 10, aims: [a]}
            """
        )
        a = attribute(build_graph(load_model(path)))
        assert a.unfunded == ()
        assert a.aims == {"a": 10.0}


class TestLocalQueries:
    def test_aim_investment_matches_the_full_attribution(self, portfolio):
        full = attribute(portfolio).aims
        assert {a: aim_investment(portfolio, a) for a in full} == full

    def test_aim_shares_of_a_project(self, portfolio):
        assert aim_shares(portfolio, "p2") == {"a2": 150.0, "a3": 150.0}

    def test_aim_shares_of_an_unbudgeted_project_are_zero(self, portfolio):
        assert aim_shares(portfolio, "p4") == {"a1": 0.0}

    def test_aim_shares_of_a_cancelled_project_are_empty(self, portfolio):
        assert aim_shares(portfolio, "p3") == {}
