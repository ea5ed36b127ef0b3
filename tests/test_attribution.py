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

    def test_themes_split_each_budget_among_the_projects_themes(self, portfolio):
        assert attribute(portfolio).themes == {"t1": 450.0, "t2": 750.0, "t3": 0.0}

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
