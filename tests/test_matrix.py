"""The traceability matrix and ``goldenthread matrix``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.attribution import attribute
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.matrix import matrix

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


@pytest.fixture(scope="module")
def G():
    return build_graph(load_model(MODEL))


class TestMatrix:
    def test_aims_by_themes_count(self, G):
        m = matrix(G)
        assert (m.rows, m.cols, m.value, m.kinds) == (
            ["a1", "a2", "a3", "a4"],
            ["t1", "t2", "t3"],
            "count",
            ("aim", "theme"),
        )
        # t3 supports a3 but no project delivers it: a linked cell of 0.
        assert m.cells == {("a1", "t1"): 1, ("a2", "t1"): 1, ("a2", "t2"): 2, ("a3", "t3"): 0}

    def test_aims_by_themes_budget_divides_a_share_among_its_routes(self, G):
        # p1's 450 for a2 arrives through t1 and t2 (225 each); p2's 150 for a2 through t2.
        # p2's 150 for a3 arrives by a direct link: in no theme's column.
        assert matrix(G, value="budget").cells == {
            ("a1", "t1"): 450.0,
            ("a2", "t1"): 225.0,
            ("a2", "t2"): 375.0,
            ("a3", "t3"): 0.0,
        }

    def test_aims_by_projects(self, G):
        count = matrix(G, cols="projects")
        assert count.cols == ["p1", "p2", "p3", "p4", "p5"]
        assert count.cells == {("a1", "p1"): 1, ("a2", "p1"): 1, ("a2", "p2"): 1, ("a3", "p2"): 1, ("a1", "p4"): 1}
        budget = matrix(G, cols="projects", value="budget")
        assert budget.cells == {
            ("a1", "p1"): 450.0,
            ("a2", "p1"): 450.0,
            ("a2", "p2"): 150.0,
            ("a3", "p2"): 150.0,
            ("a1", "p4"): None,  # no budget: not stated, never 0
        }

    def test_project_budget_rows_add_up_to_the_attribution(self, G):
        cells = matrix(G, cols="projects", value="budget").cells
        for aim, amount in attribute(G).aims.items():
            assert math.isclose(sum(v or 0 for (a, _), v in cells.items() if a == aim), amount)

    def test_titles(self, G):
        assert matrix(G).titles == {
            "a1": "Healthy residents",
            "a2": "Thriving economy",
            "a3": "Clean streets",
            "a4": "Orphan aim",
            "t1": "Digital services",
            "t2": "Shared data",
            "t3": "Street sensors",
        }

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"rows": "themes"}, "rows must be one of aims"),
            ({"cols": "aims"}, "cols must be"),
            ({"value": "x"}, "value"),
        ],
    )
    def test_bad_arguments(self, G, kwargs, message):
        with pytest.raises(ValueError, match=message):
            matrix(G, **kwargs)

    def test_example(self, example):
        m = matrix(build_graph(example))
        # The transactional platform and e-services deliver self service; no project delivers the other linked themes.
        assert m.cells["aim-1-life-opportunities", "theme-self-service"] == 2
        assert m.cells["aim-5-improving-services", "theme-productivity-gershon"] == 0
        # Supported: gershon -> aim 5, self service -> aim 1, structures and skills -> aims 5, 6.
        assert len(m.cells) == 4
        assert ("aim-5-improving-services", "theme-value-from-investments") not in m.cells


class TestCommand:
    def test_text(self, invoke):
        result = invoke("matrix", MODEL)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "Aims x themes: non-cancelled projects delivering each theme that supports the aim (· = not linked)",
            "",
            "aim  T1  T2  T3",
            "---  --  --  --",
            "a1    1   ·   ·",
            "a2    1   2   ·",
            "a3    ·   ·   0",
            "a4    ·   ·   ·",
            "",
            "T1  t1  Digital services",
            "T2  t2  Shared data",
            "T3  t3  Street sensors",
        ]

    def test_csv_budget(self, invoke):
        result = invoke("matrix", MODEL, "--value", "budget", "--format", "csv")
        assert result.stdout == (
            "aim,t1,t2,t3,direct,total\n"
            # a1's direct link is p4's, which states no budget: empty, not 0.
            "a1,450.0,,,,450.0\na2,225.0,375.0,,0.0,600.0\na3,,,0.0,150.0,150.0\na4,,,,0.0,0.0\n"
        )

    def test_csv_count_is_whole_numbers(self, invoke):
        result = invoke("matrix", MODEL, "--cols", "projects", "--format", "csv")
        assert result.stdout.splitlines()[1] == "a1,1,,,1,"

    def test_markdown(self, invoke):
        result = invoke(
            "matrix", MODEL, "--rows", "aims", "--cols", "projects", "--value", "budget", "--format", "markdown"
        )
        assert result.stdout.splitlines() == [
            "Aims x projects: the project's attributed share (EUR) of the aim (empty = not linked)",
            "",
            "| aim | p1 | p2 | p3 | p4 | p5 |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            "| a1 | 450 |  |  | not stated |  |",
            "| a2 | 450 | 150 |  |  |  |",
            "| a3 |  | 150 |  |  |  |",
            "| a4 |  |  |  |  |  |",
        ]

    def test_bad_choice_is_a_usage_error(self, invoke):
        result = invoke("matrix", "--example", "--cols", "benefits")
        assert result.exit_code == 2
        assert "Invalid value for '--cols'" in result.stderr


BUDGET_MODELS = [
    Path(__file__).parent / "models" / "portfolio.yaml",
    Path(__file__).parent / "browser" / "models" / "threads.yaml",
    Path(__file__).parent / "models" / "good" / "complete.yaml",
]


@pytest.mark.parametrize("path", BUDGET_MODELS, ids=lambda p: p.name)
def test_budget_rows_add_up_to_the_aims_investment_in_gaps(invoke, path):
    """Theme cells plus the direct money make the aim's total, which is its investment in ``gaps``."""
    rows = json.loads(invoke("matrix", str(path), "--value", "budget", "--format", "json").stdout)["rows"]
    gaps = {a["id"]: a["investment"] for a in json.loads(invoke("gaps", str(path), "--format", "json").stdout)["aims"]}
    assert [r["id"] for r in rows] == list(gaps)
    for r in rows:
        assert r["total"] == gaps[r["id"]], r["id"]
        money = [*r["cells"].values(), r["direct"]]
        if r["total"] is None:  # not stated: no route carries a stated amount
            assert set(money) <= {None, 0.0}, r["id"]
            continue
        # A route only projects without a budget take is null (not stated) and adds nothing.
        assert sum(v or 0 for v in money) == pytest.approx(r["total"], rel=1e-12, abs=1e-9), r["id"]
