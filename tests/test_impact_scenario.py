"""Scenarios: ``impact`` of several projects and themes at once, and budget cuts (``--cut PROJECT=PERCENT``)."""

from __future__ import annotations

import dataclasses
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_graph_properties import FEW, models

from goldenthread.model import load_model
from goldenthread.model.types import Model
from goldenthread.traceability.attribution import attribute, exact_amount
from goldenthread.traceability.graph import UnknownEntity, WrongKind, build_graph
from goldenthread.traceability.reach import (
    delivering_projects,
    is_active,
    reached_aims,
    reaching_projects,
    realising_projects,
)
from goldenthread.traceability.scenario import BadCut, Cut, NoRoute, scenario

MODELS = Path(__file__).parent / "models"
PORTFOLIO = str(MODELS / "portfolio.yaml")
MONEY = str(MODELS / "money.yaml")


@pytest.fixture(scope="module")
def portfolio():
    return build_graph(load_model(PORTFOLIO))


@pytest.fixture(scope="module")
def money():
    return build_graph(load_model(MONEY))


class TestByHand:
    def test_a_theme_dropped_a_project_cancelled_and_one_cut_together(self, portfolio):
        # p1 (900) delivers t1 (a1, a2) and t2 (a2): 450 to a1 and to a2. Cut by 10% and without t1, it reaches a2
        # only, with 810. p2 (300) reaches a2 through t2 and a3 directly: 150 each; cancelled. p4 (no budget)
        # reaches a1: once p1 has gone, a1's investment is not known. p5 (50, proposed) reaches no aim.
        s = scenario(portfolio, ["t1", "p2"], {"p1": 10})
        assert (s.cancelled, s.dropped) == (("p2",), ("t1",))
        assert s.cuts == (Cut("p1", 10.0, 900.0, 810.0),)
        assert s.investment == {"a1": (450.0, None), "a2": (600.0, 810.0), "a3": (150.0, 0.0)}
        assert s.aims_losing_investment == ("a3",)
        # t2 is still delivered by p1; b2 and b3 were realised by p2 alone.
        assert (s.themes_losing_projects, s.benefits_losing_realisers) == ((), ("b2", "b3"))
        assert s.projects_losing_route == ()
        assert s.no_route == (NoRoute(50.0, 0), NoRoute(50.0, 0))
        # 1,250 before (1,200 to aims, 50 to none), 860 after: 390 released (p2's 300, 90 of p1's).
        assert (s.released, s.released_unbudgeted) == (390.0, 0)

    def test_the_allocation_shares_the_cut_budget(self, money):
        # platform (1,000,000; care 60%, money 30%, place 10%) cut by 12.5% to 875,000: 525,000, 262,500, 87,500.
        # portal gives care 400,000. sensors (no budget) reaches place through data only: dropping data leaves it
        # with no route, and the money reaching no aim not known rather than 0.
        s = scenario(money, ["data"], {"platform": 12.5})
        assert s.investment == {
            "care": (1_000_000.0, 925_000.0),
            "money": (300_000.0, 262_500.0),
            "place": (100_000.0, 87_500.0),
        }
        assert s.projects_losing_route == ("sensors",)
        assert s.aims_losing_investment == ()
        assert s.no_route == (NoRoute(0.0, 0), NoRoute(0.0, 1))
        assert (s.no_route[0].amount, s.no_route[1].amount) == (0.0, None)
        assert s.released == 125_000.0

    def test_a_full_cut_leaves_the_aim_reached_with_nothing(self, money):
        # care keeps platform's route with a budget of 0: investment 0 (known), and it is not an aim left
        # without a project. waits was realised by portal alone.
        s = scenario(money, ["portal"], {"platform": 100})
        assert s.investment == {"care": (1_000_000.0, 0.0), "money": (300_000.0, 0.0), "place": (100_000.0, 0.0)}
        assert s.aims_losing_investment == ()
        assert s.benefits_losing_realisers == ("waits",)
        assert s.released == 1_400_000.0

    def test_dropping_the_self_service_theme_of_the_example_strands_its_two_projects(self, example):
        s = scenario(build_graph(example), ["theme-self-service"])
        assert s.projects_losing_route == ("proj-hantsweb-transactional", "proj-e-services")
        # The example states no budget: the money reaching no aim is not known, and counts the projects.
        assert s.no_route == (NoRoute(0.0, 4), NoRoute(0.0, 6))
        assert s.investment == {"aim-1-life-opportunities": (None, None)}

    def test_removing_two_projects_together_is_not_the_sum_of_removing_each(self, portfolio):
        # p1 alone or p4 alone leaves a1 reached; both together leave it with no project.
        assert scenario(portfolio, ["p1"]).aims_losing_investment == ()
        assert scenario(portfolio, ["p4"]).aims_losing_investment == ()
        assert scenario(portfolio, ["p1", "p4"]).aims_losing_investment == ("a1",)

    def test_a_cancelled_project_cut_changes_nothing(self, portfolio):
        s = scenario(portfolio, [], {"p3": 50})
        assert s.cuts == (Cut("p3", 50.0, 1000.0, 500.0, active=False),)
        assert (s.investment, s.released) == ({}, 0.0)


class TestRefused:
    @pytest.mark.parametrize(
        ("cuts", "remove", "error", "message"),
        [
            ({"p9": 10}, [], UnknownEntity, "no entity has the id 'p9'"),
            ({"a1": 10}, [], WrongKind, "'a1' is an aim, not a project"),
            ({"p1": 0}, [], BadCut, "cannot cut 'p1' by 0%: a cut is more than 0% and at most 100%"),
            ({"p1": 100.5}, [], BadCut, "cannot cut 'p1' by 100.5%: a cut is more than 0% and at most 100%"),
            ({"p1": 10}, ["p1"], BadCut, "cannot cut 'p1': the scenario cancels it as well; name it once"),
            ({"p4": 10}, [], BadCut, "cannot cut 'p4': it states no budget"),
        ],
    )
    def test_bad_cuts(self, portfolio, cuts, remove, error, message):
        with pytest.raises(error, match=f"^{message}"):
            scenario(portfolio, remove, cuts)


class TestCommand:
    def test_text_names_entities_by_title(self, invoke):
        result = invoke("impact", "t1", "p2", "--cut", "p1=10", PORTFOLIO)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "Scenario: these changes together",
            "  Cancelling project Data hub",
            "  Dropping theme Digital services",
            "  Cutting project Web platform by 10%: EUR 900 -> 810",
            "",
            "Aims that would lose all investment (1)",
            "  Clean streets",
            "",
            "Themes left with no project: none",
            "",
            "Benefits left with no realiser (2)",
            "  Calls about bins",
            "  Data reuse savings",
            "",
            "Projects left with no route to an aim: none",
            "",
            "Attributed investment of the 3 aims it touches (EUR)",
            "  aim                before           after  change",
            "  -----------------  ------  --  ----------  ---------",
            "  Healthy residents     450  ->  not stated  not known",
            "  Thriving economy      600  ->         810  +210",
            "  Clean streets         150  ->        none  -150",
            "",
            "Money that reaches no aim: EUR 50, no change",
            "Budget released: EUR 390",
        ]

    def test_a_cut_alone_takes_a_lone_argument_as_the_model(self, invoke):
        result = invoke("impact", "--cut", "sensors=10", "--cut", "platform=12.5%", MONEY, "--format", "json")
        assert result.exit_code == 2
        assert result.stderr == "goldenthread: error: cannot cut 'sensors': it states no budget\n"
        doc = json.loads(invoke("impact", "--cut", "platform=12.5%", MONEY, "--format", "json").stdout)
        assert doc["impacts"] == []
        assert doc["scenario"]["cuts"] == [
            {"project": "platform", "percent": 12.5, "before": 1_000_000.0, "after": 875_000.0, "active": True}
        ]
        assert doc["scenario"]["released"] == {"money": 125_000.0, "projects_without_budget": 0}

    def test_text_of_a_theme_stranding_a_project(self, invoke):
        assert invoke("impact", "data", MONEY).stdout.splitlines() == [
            "Dropping theme Data",
            "",
            "Aims that would lose all investment: none",
            "",
            "Projects left with no route to an aim (1)",
            "  Street sensors",
            "",
            "Attributed investment of the 1 aim it touches (GBP)",
            "  aim               before        after  change",
            "  ---------------  -------  --  -------  ---------",
            "  Thriving places  100,000  ->  100,000  no change",
            "",
            "Money that reaches no aim",
            "  now: GBP 0",
            "  afterwards: not stated (1 project without a budget)",
            "Budget released: GBP 0",
        ]

    def test_json_scenario_of_a_theme(self, invoke):
        doc = json.loads(invoke("impact", "data", MONEY, "--format", "json").stdout)["scenario"]
        assert doc["projects_losing_route"] == ["sensors"]
        assert doc["no_route"] == {
            "before": {"money": 0.0, "projects_without_budget": 0},
            "after": {"money": None, "projects_without_budget": 1},
        }
        assert doc["investment"] == {"place": {"before": 100_000.0, "after": 100_000.0}}

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--cut", "proj-swfit=10"], "no entity has the id 'proj-swfit'; did you mean 'proj-swift'?"),
            (["--cut", "aim-2-environment=10"], "'aim-2-environment' is an aim, not a project"),
            (["--cut", "proj-swift"], "--cut 'proj-swift': write PROJECT=PERCENT, e.g. --cut proj-email=20"),
            (["--cut", "proj-swift=-5"], "--cut 'proj-swift=-5': write PROJECT=PERCENT, e.g. --cut proj-email=20"),
            (["--cut", "proj-swift=101"], "cannot cut 'proj-swift' by 101%: a cut is more than 0% and at most 100%"),
            (["--cut", "proj-swift=0"], "cannot cut 'proj-swift' by 0%: a cut is more than 0% and at most 100%"),
            (
                ["--cut", "proj-swift=5", "--cut", "proj-swift=6"],
                "--cut names 'proj-swift' twice; cut each project once",
            ),
            (["proj-swift", "--cut", "proj-swift=5"], "cannot cut 'proj-swift': the scenario cancels it as well"),
            # The example states no budget at all.
            (["--cut", "proj-swift=5"], "cannot cut 'proj-swift': it states no budget"),
        ],
    )
    def test_a_bad_cut_is_one_line_and_exit_2(self, invoke, args, message):
        result = invoke("impact", *args, "--example")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"goldenthread: error: {message}")
        assert result.stderr.count("\n") == 1

    def test_nothing_to_do_is_a_usage_error(self, invoke):
        result = invoke("impact", "--example")
        assert result.exit_code == 2
        assert "name a project or theme ID, or a --cut PROJECT=PERCENT" in result.stderr


def _applied(model: Model, cancel: set[str], drop: set[str], cuts: dict[str, Fraction]) -> Model:
    """The model as the scenario would leave it, written out: the oracle the scenario is checked against."""
    projects = {}
    for pid, p in model.projects.items():
        changes: dict[str, object] = {"themes": tuple(t for t in p.themes if t not in drop)}
        if pid in cancel:
            changes["status"] = "cancelled"
        if pid in cuts:
            changes["budget"] = float(exact_amount(p.budget) * (1 - cuts[pid] / 100))
        projects[pid] = dataclasses.replace(p, **changes)
    return dataclasses.replace(model, projects=projects)


def _no_route(model: Model) -> tuple[float, int]:
    G = build_graph(model)
    stranded = [p for p in model.projects if is_active(G, p) and not reached_aims(G, p)]
    budgets = [model.projects[p].budget for p in stranded]
    return sum(b for b in budgets if b is not None), sum(1 for b in budgets if b is None)


def _close(x: float | None, y: float | None) -> bool:
    return x is y or (x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6))


@FEW
@given(models(), st.data())
def test_a_scenario_answers_as_the_model_changed_by_it_would(model, data):
    G = build_graph(model)
    projects = sorted(model.projects)
    themes = sorted(model.themes)
    cancel = set(data.draw(st.lists(st.sampled_from(projects), max_size=2))) if projects else set()
    drop = set(data.draw(st.lists(st.sampled_from(themes), max_size=2))) if themes else set()
    budgeted = [p for p in projects if p not in cancel and model.projects[p].budget is not None]
    cut_ids = data.draw(st.lists(st.sampled_from(budgeted), unique=True, max_size=2)) if budgeted else []
    cuts = {p: Fraction(data.draw(st.integers(1, 1000))) / 10 for p in cut_ids}
    s = scenario(G, [*cancel, *drop], cuts)
    after_model = _applied(model, cancel, drop, cuts)
    H = build_graph(after_model)
    before, after = attribute(G), attribute(H)
    for a, (was, now) in s.investment.items():
        for graph, figures, value in ((G, before, was), (H, after, now)):
            reachers = reaching_projects(graph, a)
            unknown = bool(reachers) and all(graph.nodes[p]["entity"].budget is None for p in reachers)
            assert _close(value, None if unknown else figures.aims[a])
    for a in set(model.aims) - set(s.investment):
        assert math.isclose(before.aims[a], after.aims[a], rel_tol=1e-9, abs_tol=1e-6)
    assert s.aims_losing_investment == tuple(
        a for a in model.aims if reaching_projects(G, a) and not reaching_projects(H, a)
    )
    assert set(s.themes_losing_projects) == {
        t for t in themes if t not in drop and delivering_projects(G, t) and not delivering_projects(H, t)
    }
    assert set(s.benefits_losing_realisers) == {
        b for b in model.benefits if realising_projects(G, b) and not realising_projects(H, b)
    }
    assert set(s.projects_losing_route) == {
        p for p in projects if is_active(H, p) and reached_aims(G, p) and not reached_aims(H, p)
    }
    for side, m in zip(s.no_route, (model, after_model), strict=True):
        money, unbudgeted = _no_route(m)
        assert side.unbudgeted == unbudgeted
        assert math.isclose(side.money, money, rel_tol=1e-9, abs_tol=1e-6)
    # Money before = money after + released: to the aims and to none.
    total_before = before.total + s.no_route[0].money
    total_after = after.total + s.no_route[1].money
    assert math.isclose(total_before, total_after + s.released, rel_tol=1e-9, abs_tol=1e-6)


@FEW
@given(models(), st.data())
def test_cutting_never_raises_an_aims_investment(model, data):
    budgeted = sorted(p for p, project in model.projects.items() if project.budget is not None)
    cut_ids = data.draw(st.lists(st.sampled_from(budgeted), unique=True, max_size=3)) if budgeted else []
    cuts = {p: data.draw(st.integers(1, 100)) for p in cut_ids}
    s = scenario(build_graph(model), [], cuts)
    for was, now in s.investment.values():
        assert (was is None) == (now is None)
        assert was is None or now is None or now <= was
    assert s.projects_losing_route == s.aims_losing_investment == ()


def test_an_aim_the_allocation_leaves_out_stays_reached(write_model):
    # p reaches a1 (through t) and a2 (directly) but allocates all of its budget to a1: after a cut a2 is still
    # reached, with nothing, not left without investment.
    path = write_model(
        "aims:\n  a1: {title: One}\n  a2: {title: Two}\n"
        "themes:\n  t: {title: T, aims: [a1]}\n"
        "projects:\n  p: {title: P, budget: 1000, themes: [t], aims: [a2], allocation: {a1: 100}}\n"
    )
    s = scenario(build_graph(load_model(str(path))), [], {"p": 50})
    assert s.investment == {"a1": (1000.0, 500.0), "a2": (0.0, 0.0)}
    assert s.aims_losing_investment == ()


UNBUDGETED = """\
model: {title: No budgets, as_of: 2025-01-01}
aims:
  a1: {title: Better care}
  a2: {title: Sound finances}
themes:
  t1: {title: Digital, aims: [a1, a2]}
projects:
  p1: {title: Portal, themes: [t1]}
  p2: {title: Ledger, aims: [a2], budget: 1000}
"""


def test_money_nobody_stated_is_never_shown_as_0(invoke, tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(UNBUDGETED, encoding="utf-8")
    text = invoke("impact", "t1", "-m", str(model)).stdout.splitlines()
    # Better care had only the unbudgeted portal: unknown before, no investment at all after.
    assert "  Better care     not stated  ->   none  not known" in text
    assert "  Sound finances       1,000  ->  1,000  no change" in text
    cancel = invoke("impact", "p1", "-m", str(model))
    assert cancel.stdout.splitlines()[-1] == "Budget released: not stated (1 project without a budget)"
    doc = json.loads(invoke("impact", "p1", "-m", str(model), "--format", "json").stdout)
    assert doc["scenario"]["released"] == {"money": None, "projects_without_budget": 1}
    assert doc["scenario"]["investment"]["a1"] == {"before": None, "after": 0.0}
