"""What cancelling a project or dropping a theme would do, and ``goldenthread impact``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.graph import UnknownEntity, WrongKind, build_graph
from goldenthread.traceability.impact import impact

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


@pytest.fixture(scope="module")
def G():
    return build_graph(load_model(MODEL))


class TestImpact:
    def test_cancelling_a_project(self, G):
        r = impact(G, "p2")
        assert r.aims_losing_investment == ("a3",)
        assert r.themes_losing_projects == ()
        assert r.benefits_losing_realisers == ("b2", "b3")
        assert r.investment == {"a2": (600.0, 450.0), "a3": (150.0, 0.0)}

    def test_an_aim_still_reached_by_an_unfunded_project_keeps_its_investment_status(self, G):
        # Only p4 (no budget) still reaches a1: it is not left without investment, and its investment is
        # not known (None), not 0.
        r = impact(G, "p1")
        assert r.aims_losing_investment == ()
        assert r.themes_losing_projects == ("t1",)
        assert r.benefits_losing_realisers == ("b1", "b4", "b7")
        assert r.investment == {"a1": (450.0, None), "a2": (600.0, 150.0)}

    def test_dropping_a_theme_moves_the_split(self, G):
        # p1 then reaches a2 only, so all of its 900 goes there.
        assert impact(G, "t1").investment == {"a1": (450.0, None), "a2": (600.0, 1050.0)}
        r = impact(G, "t2")
        assert r.investment == {"a1": (450.0, 450.0), "a2": (600.0, 450.0), "a3": (150.0, 300.0)}
        assert (r.aims_losing_investment, r.themes_losing_projects, r.benefits_losing_realisers) == ((), (), ())

    def test_a_theme_no_project_delivers_changes_nothing(self, G):
        r = impact(G, "t3")
        assert (r.investment, r.aims_losing_investment) == ({}, ())

    def test_a_cancelled_project_changes_nothing(self, G):
        r = impact(G, "p3")
        assert r.active is False
        assert (r.investment, r.aims_losing_investment, r.benefits_losing_realisers) == ({}, (), ())

    def test_a_project_reaching_no_aim_changes_no_aim(self, G):
        r = impact(G, "p5")
        assert (r.investment, r.aims_losing_investment) == ({}, ())

    def test_example_aims_are_each_reached_by_two_projects_or_more(self, example):
        r = impact(build_graph(example), "proj-ot-direct")
        assert r.aims_losing_investment == ()
        # The example states no budget: not known before or after, never 0.
        assert r.investment == {"aim-1-life-opportunities": (None, None)}

    def test_aims_and_benefits_cannot_be_removed(self, G):
        with pytest.raises(WrongKind, match="'a1' is an aim, not a project or theme"):
            impact(G, "a1")
        with pytest.raises(WrongKind, match="'b1' is a benefit"):
            impact(G, "b1")

    def test_unknown_id(self, G):
        with pytest.raises(UnknownEntity):
            impact(G, "nope")

    def test_the_graph_is_left_as_it_was(self, G):
        before = (dict(G.nodes(data=True)), list(G.edges(data=True)))
        impact(G, "p1")
        impact(G, "t2")
        assert (dict(G.nodes(data=True)), list(G.edges(data=True))) == before


class TestCommand:
    def test_json(self, invoke):
        result = invoke("impact", "p2", "-m", MODEL, "--format", "json")
        assert result.exit_code == 0
        p2 = {
            "entity": "p2",
            "kind": "project",
            "title": "Data hub",
            "aims_losing_investment": ["a3"],
            "themes_losing_projects": [],
            "benefits_losing_realisers": ["b2", "b3"],
            "investment": {"a2": {"before": 600.0, "after": 450.0}, "a3": {"before": 150.0, "after": 0.0}},
        }
        doc = json.loads(result.stdout)
        assert list(doc)[:2] == ["goldenthread", "model"]
        # One ID: its keys also at the top level, as before impact took several; the scenario of that one change.
        scenario = doc.pop("scenario")
        assert {k: v for k, v in doc.items() if k not in ("goldenthread", "model")} == {**p2, "impacts": [p2]}
        assert scenario == {
            "cancel": ["p2"],
            "drop": [],
            "cuts": [],
            "aims_losing_investment": ["a3"],
            "themes_losing_projects": [],
            "benefits_losing_realisers": ["b2", "b3"],
            "projects_losing_route": [],
            "investment": p2["investment"],
            # p5 (50, proposed) reaches no aim, before and after.
            "no_route": {
                "before": {"money": 50.0, "projects_without_budget": 0},
                "after": {"money": 50.0, "projects_without_budget": 0},
            },
            "released": {"money": 300.0, "projects_without_budget": 0},
        }

    def test_json_of_several_ids_lists_them_in_order(self, invoke):
        doc = json.loads(invoke("impact", "t2", "p3", MODEL, "--format", "json").stdout)
        assert [i["entity"] for i in doc["impacts"]] == ["t2", "p3"]
        assert "entity" not in doc
        assert (doc["scenario"]["cancel"], doc["scenario"]["drop"]) == (["p3"], ["t2"])

    def test_an_id_named_twice_counts_once(self, invoke):
        result = invoke("impact", "p3", "p3", MODEL)
        assert result.stdout == "Cancelling project Old system\nIt is cancelled already: no change.\n"

    def test_text(self, invoke):
        result = invoke("impact", "t2", "--model", MODEL)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "Dropping theme Shared data",
            "",
            "Aims that would lose all investment: none",
            "Projects left with no route to an aim: none",
            "",
            "Attributed investment of the 3 aims it touches (EUR)",
            "  aim                before      after  change",
            "  -----------------  ------  --  -----  ---------",
            "  Healthy residents     450  ->    450  no change",
            "  Thriving economy      600  ->    450  -150",
            "  Clean streets         150  ->    300  +150",
            "",
            "Money that reaches no aim: EUR 50, no change",
            "Budget released: EUR 0",
        ]

    def test_text_for_a_project_on_the_example(self, invoke):
        result = invoke("impact", "proj-hantsweb-transactional", "--example")
        assert result.stdout.splitlines() == [
            "Cancelling project Developing Hantsweb as a platform for transactional service delivery",
            "",
            "Aims that would lose all investment: none",
            # e-services still delivers self service.
            "Themes left with no project: none",
            # The benefits it was once credited with belong to Hantsweb as it is (proj-hantsweb).
            "Benefits left with no realiser: none",
            "",
            "Attributed investment of the 1 aim it touches (GBP)",
            "  aim                                before           after  change",
            "  -----------------------------  ----------  --  ----------  ---------",
            # The example states no budget: never 0.
            "  Maximising life opportunities  not stated  ->  not stated  no change",
            "",
            "Money that reaches no aim: not stated (4 projects without a budget), no change",
            "Budget released: not stated (1 project without a budget)",
        ]

    def test_cancelled_project(self, invoke):
        result = invoke("impact", "p3", "-m", MODEL)
        assert result.stdout == "Cancelling project Old system\nIt is cancelled already: no change.\n"

    def test_an_aim_is_a_usage_error(self, invoke):
        result = invoke("impact", "aim-2-environment", "--example")
        assert result.exit_code == 2
        assert "'aim-2-environment' is an aim, not a project or theme" in result.stderr

    def test_unknown_id_exits_2_with_did_you_mean(self, invoke):
        result = invoke("impact", "proj-swfit", "--example")
        assert result.exit_code == 2
        assert "did you mean 'proj-swift'?" in result.stderr
