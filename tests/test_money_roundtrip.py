"""The money-and-benefits fields in the workbook and the CSVs: round trips exact, new columns and flags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from modelessence import essence
from openpyxl import load_workbook

from goldenthread.model import load_model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.html.reportpage import render_report
from goldenthread.traceability.render.xlsx import workbook_bytes

MONEY = Path(__file__).parent / "models" / "money.yaml"


def test_the_workbook_round_trip_of_the_money_model_is_exact(invoke, tmp_path):
    assert invoke("export", str(MONEY), "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    assert invoke("import", "m.xlsx", "-o", "back.yaml").exit_code == 0
    # The measure's baseline date and tolerance included.
    assert essence(load_model(tmp_path / "back.yaml")) == essence(load_model(MONEY))


def test_the_csv_export_carries_the_measure_s_baseline_date_and_tolerance(invoke, tmp_path):
    assert invoke("export", str(MONEY), "--format", "csv", "-o", "out").exit_code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "out" / "nodes.csv").read_text("utf-8-sig")))}
    assert (rows["savings"]["baseline_date"], rows["savings"]["tolerance"]) == ("2023-04-01", "10.0")
    assert invoke("import", "out", "-o", "back.yaml").exit_code == 0
    back, original = load_model(tmp_path / "back.yaml"), load_model(MONEY)
    # Every measure is whole, and the model-wide defaults come back from model.csv.
    assert {b.id: b.measure for b in back.benefits.values()} == {b.id: b.measure for b in original.benefits.values()}
    assert (
        (back.info.tolerance, back.info.review_every)
        == (original.info.tolerance, original.info.review_every)
        == (
            5,
            "6m",
        )
    )


def test_the_benefits_csv_has_value_and_the_flags(invoke):
    lines = invoke("benefits", str(MONEY), "--format", "csv").stdout.splitlines()
    assert lines[0].endswith(",status,value,within_tolerance,stale,later_measurements,dis_benefit")
    # Hand-worked in test_money_model: savings has a measurement after as_of; waits is stale;
    # complaints is a dis-benefit over its limit.
    assert [line.split(",")[-6:] for line in lines[1:]] == [
        ["behind", "500000", "false", "false", "1", "false"],
        ["behind", "", "false", "true", "0", "false"],
        ["over limit", "", "false", "false", "0", "true"],
    ]


def test_the_workbook_shows_benefit_value_and_the_headline():
    a = Analysis(load_model(MONEY))
    book = load_workbook(io.BytesIO(workbook_bytes(a)), read_only=True)
    aims = list(book["Aims"].iter_rows(values_only=True))
    value, realised = aims[0].index("benefit value"), aims[0].index("value realised")
    assert [(r[0], r[value], r[realised]) for r in aims[1:]] == [
        ("care", None, None),
        ("money", 500000, 200000),
        ("place", None, None),
    ]
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r and r[0]}
    headline = a.coverage.summary
    assert about["total investment"] == headline.total_investment == 1400000
    assert about["aims at risk"] == headline.aims_at_risk == 2
    assert (about["benefit value claimed"], about["benefit value realised"]) == (500000, 200000)


def test_the_workbook_says_not_stated_where_no_budget_is(invoke, tmp_path):
    from goldenthread.model import load_example

    book = load_workbook(io.BytesIO(workbook_bytes(Analysis(load_example()))), read_only=True)
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r and r[0]}
    assert (about["total investment"], about["portfolio budget"], about["unfunded projects"]) == (
        "not stated",
        "not stated",
        15,
    )


def test_the_report_key_names_the_stated_shares_where_a_project_has_an_allocation():
    html = render_report(Analysis(load_model(MONEY))).html
    assert "each project's budget shared among the aims it reaches, equally or by its stated shares" in html


def test_diff_says_not_stated_not_zero_when_a_budget_goes(invoke, write_model):
    before = write_model(
        "model: {title: M, as_of: 2024-01-01}\naims: {a1: {title: A}}\n"
        "projects: {p1: {title: P, budget: 1000, aims: [a1]}}\n",
        "before.yaml",
    )
    after = write_model(
        "model: {title: M, as_of: 2024-01-01}\naims: {a1: {title: A}}\nprojects: {p1: {title: P, aims: [a1]}}\n",
        "after.yaml",
    )
    text = invoke("diff", str(before), str(after)).stdout
    assert "a1 (A): investment £1,000 -> not stated; status no evidence" in text
    doc = json.loads(invoke("diff", str(before), str(after), "--format", "json").stdout)
    assert doc["aims"][0]["investment"] == {"before": 1000.0, "after": None, "delta": None}
    assert doc["headline"]["total_investment"] == {"before": 1000.0, "after": None}


def test_history_says_not_stated_where_no_project_states_a_budget(invoke, tmp_path):
    from gitrepo import GitRepo

    repo = GitRepo(tmp_path)
    repo.write(
        "m.yaml",
        "model: {title: M, as_of: 2025-03-31}\naims: {a1: {title: A}}\nprojects: {p1: {title: P, aims: [a1]}}\n",
    )
    repo.commit("No budget yet")
    text = invoke("history", "m.yaml").stdout.splitlines()
    # Investment, errors, warnings (no evidence, no benefit), waived.
    assert text[2].split()[-5:] == ["not", "stated", "0", "2", "0"]
    doc = json.loads(invoke("history", "m.yaml", "--format", "json").stdout)
    assert doc["commits"][0]["total_investment"] is None
