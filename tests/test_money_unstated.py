"""Money nobody stated reads "not stated" (text), null (JSON) or empty (CSV); an aim no project reaches, "none".

Never 0 or £0 for either (#16): a model where no project states a budget, and an aim no project reaches.
"""

from __future__ import annotations

import json

import pytest

NO_BUDGETS = """
    model: {title: No budgets, as_of: 2025-03-31, currency: EUR}
    aims:
      a1: {title: Reached aim}
      a2: {title: Lonely aim}
    themes:
      t1: {title: Theme one, aims: [a1]}
      t2: {title: Theme two}
    projects:
      p1: {title: Project one, themes: [t1], aims: [a1]}
      p2: {title: Project two, themes: [t2]}
    benefits:
      b1:
        title: Benefit one
        projects: [p1]
        aims: [a1]
        measure: {unit: u, target: 10}
        measurements: [{date: 2025-01-01, value: 3}]
    """


@pytest.fixture
def model(write_model):
    return write_model(NO_BUDGETS)


def test_gaps_text_and_markdown_say_not_stated_and_none(invoke, model):
    text = invoke("gaps", str(model)).stdout.splitlines()
    assert text[2:6] == [
        "aim  title        projects  investment (EUR)  share  themes  evidence  status",
        "---  -----------  --------  ----------------  -----  ------  --------  -------------",
        "a1   Reached aim         1        not stated              1       1/1  covered",
        "a2   Lonely aim          0              none   0.0%       0       0/0  no investment",
    ]
    markdown = invoke("gaps", str(model), "--format", "markdown").stdout.splitlines()
    assert markdown[6:8] == [
        "| a1 | Reached aim | 1 | not stated |  | 1 | 1/1 | covered |",
        "| a2 | Lonely aim | 0 | none | 0.0% | 0 | 0/0 | no investment |",
    ]


def test_gaps_csv_and_json_leave_the_unknown_share_empty(invoke, model):
    assert invoke("gaps", str(model), "--format", "csv").stdout == (
        "id,title,projects,themes,investment,share,benefits_measured,benefits_total,status\n"
        "a1,Reached aim,p1,t1,,,1,1,covered\n"
        "a2,Lonely aim,,,0.0,0.0,0,0,no investment\n"
    )
    aims = json.loads(invoke("gaps", str(model), "--format", "json").stdout)["aims"]
    assert [(a["id"], a["investment"], a["share"], a["projects_without_budget"]) for a in aims] == [
        ("a1", None, None, 1),
        ("a2", 0.0, 0.0, 0),
    ]


def test_matrix_by_budget_cells_say_not_stated_as_the_theme_row_does(invoke, model):
    assert invoke("matrix", str(model), "--value", "budget").stdout == (
        "Aims x themes: investment (EUR) reaching the aim through the theme (· = not linked)\n"
        "\n"
        "aim                       T1          T2      direct       total\n"
        "----------------  ----------  ----------  ----------  ----------\n"
        "a1                not stated           ·  not stated  not stated\n"
        "a2                         ·           ·           ·        none\n"
        "theme investment  not stated  not stated\n"
        "\n"
        "T1  t1  Theme one\n"
        "T2  t2  Theme two\n"
    )
    assert invoke("matrix", str(model), "--value", "budget", "--format", "markdown").stdout.splitlines()[4:7] == [
        "| a1 | not stated |  | not stated | not stated |",
        "| a2 |  |  |  | none |",
        "| theme investment | not stated | not stated |  |  |",
    ]
    assert invoke("matrix", str(model), "--value", "budget", "--format", "csv").stdout == (
        "aim,t1,t2,direct,total\na1,,,,\na2,,,0.0,0.0\n"
    )
    doc = json.loads(invoke("matrix", str(model), "--value", "budget", "--format", "json").stdout)
    assert [(c["id"], c["investment"]) for c in doc["cols"]] == [("t1", None), ("t2", None)]
    assert [(r["id"], r["cells"], r["direct"], r["total"]) for r in doc["rows"]] == [
        ("a1", {"t1": None}, None, None),
        ("a2", {}, 0.0, 0.0),
    ]


def test_matrix_by_project_budget_says_not_stated(invoke, model):
    assert invoke("matrix", str(model), "--value", "budget", "--cols", "projects").stdout.splitlines()[2:6] == [
        "aim          P1  P2",
        "---  ----------  --",
        "a1   not stated   ·",
        "a2            ·   ·",
    ]
    assert invoke("matrix", str(model), "--value", "budget", "--cols", "projects", "--format", "csv").stdout == (
        "aim,p1,p2\na1,,\na2,,\n"
    )
    doc = json.loads(invoke("matrix", str(model), "--value", "budget", "--cols", "projects", "--format", "json").stdout)
    assert [r["cells"] for r in doc["rows"]] == [{"p1": None}, {}]


def test_a_stated_budget_beside_an_unstated_one_counts_what_is_stated(invoke, write_model):
    path = write_model(
        NO_BUDGETS.replace(
            "p1: {title: Project one,", "p0: {title: Funded, themes: [t1], budget: 100}\n      p1: {title: Project one,"
        )
    )
    doc = json.loads(invoke("matrix", str(path), "--value", "budget", "--format", "json").stdout)
    # p0's 100 arrives through t1; p1's direct link carries no stated money.
    assert [(r["id"], r["cells"], r["direct"], r["total"]) for r in doc["rows"]] == [
        ("a1", {"t1": 100.0}, None, 100.0),
        ("a2", {}, 0.0, 0.0),
    ]


def test_the_workbook_leaves_unstated_money_empty(invoke, model, tmp_path):
    import openpyxl

    assert invoke("export", str(model), "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "m.xlsx", read_only=True)
    aims = list(book["Aims"].iter_rows(values_only=True))
    money, share = aims[0].index("attributed investment"), aims[0].index("share")
    assert [(r[0], r[money], r[share]) for r in aims[1:]] == [("a1", None, None), ("a2", 0, 0)]
    projects = list(book["Projects"].iter_rows(values_only=True))
    money = projects[0].index("attributed investment")
    assert [(r[0], r[money]) for r in projects[1:]] == [("p1", None), ("p2", None)]


def test_a_proposed_project_with_no_budget_brings_money_not_stated(invoke, write_model):
    path = write_model(NO_BUDGETS.replace("p1: {title: Project one,", "p1: {title: Project one, status: proposed,"))
    headline = invoke("gaps", str(path)).stdout.splitlines()[7]
    assert headline.endswith(
        "Total investment not stated, plus 2 projects without a budget. "
        "1 proposed project, not committed, with no budget stated."
    )
    summary = invoke("summary", str(path)).stdout
    assert "Proposed         not stated  of the investment, not committed (1 proposed project)\n" in summary
    doc = json.loads(invoke("summary", str(path), "--format", "json").stdout)
    assert doc["summary"]["proposed_investment"] is None


def test_the_graph_tooltip_says_a_project_s_budget_is_not_stated(model):
    from test_html import data_of

    from goldenthread.model import load_model
    from goldenthread.traceability.render.html.graphpage import render_graph

    nodes = {n["id"]: n for n in data_of(render_graph(load_model(model)).html)["nodes"]}
    assert nodes["p1"]["lines"][:3] == ["status: active", "budget: not stated", "attributed investment: not stated"]
