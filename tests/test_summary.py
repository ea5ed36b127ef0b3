"""``goldenthread summary``: counts by kind and status, investment, headline coverage."""

from __future__ import annotations

import json
from pathlib import Path

from goldenthread.model import load_model
from goldenthread.traceability.context import Analysis

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


def test_summary_counts_every_status_in_order():
    s = Analysis(load_model(MODEL)).summary
    assert s.entities == {"aim": 4, "theme": 3, "project": 5, "benefit": 7}
    assert s.projects == {"proposed": 1, "approved": 0, "active": 3, "completed": 0, "cancelled": 1}
    assert s.benefits == {
        "achieved": 1,
        "on track": 2,
        "behind": 1,
        "missed": 1,
        "unmeasured": 1,
        "unquantified": 1,
        "within limit": 0,
        "over limit": 0,
    }
    assert s.aims == {"no investment": 1, "no evidence": 1, "at risk": 0, "covered": 2}


def test_headline_is_the_gaps_summary():
    model = load_model(MODEL)
    assert Analysis(model).summary.headline == Analysis(model).coverage.summary


def test_text(invoke):
    result = invoke("summary", MODEL)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Portfolio test (Test Council, as of 2024-06-30)",
        "",
        "Entities                19  4 aims, 3 themes, 5 projects, 7 benefits",
        "Aims                     4  1 no investment, 1 no evidence, 2 covered",
        "Projects                 5  1 proposed, 3 active, 1 cancelled",
        "Benefits                 7  1 achieved, 2 on track, 1 behind, 1 missed, 1 unmeasured, 1 unquantified",
        "Investment       EUR 1,200  plus 1 project without a budget",
        # p5 is proposed and reaches no aim: none of the investment is proposed, its 50 is untraced.
        "Proposed             EUR 0  of the investment, not committed (1 proposed project)",
        "Untraced            EUR 50  of the portfolio's EUR 1,250 reaches no aim",
        "With investment        3/4  aims reached by a non-cancelled project",
        "With evidence          2/4  aims evidenced by a measured benefit",
        "Unmeasured               2  non-cancelled projects realising no measured benefit",
        "Findings                11  1 error, 9 warnings, 1 waived",
    ]


def test_json(invoke):
    result = invoke("summary", MODEL, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "goldenthread",
        "model",
        "entities",
        "projects",
        "benefits",
        "aims",
        "findings_count",
        "summary",
        "benefit_value",
        "theme_investment",
    ]
    assert doc["entities"] == {"aims": 4, "themes": 3, "projects": 5, "benefits": 7}
    assert doc["projects"] == {"proposed": 1, "approved": 0, "active": 3, "completed": 0, "cancelled": 1}
    assert doc["aims"] == {"no investment": 1, "no evidence": 1, "at risk": 0, "covered": 2}
    assert doc["findings_count"] == {"errors": 1, "warnings": 9, "waived": 1}
    assert (doc["summary"]["aims_with_investment"], doc["summary"]["total_investment"]) == (3, 1200.0)
    # "summary" means the headline figures, the same object as in gaps (whose test pins every one).
    gaps = json.loads(invoke("gaps", MODEL, "--format", "json").stdout)
    assert doc["summary"] == gaps["summary"] and doc["findings_count"] == gaps["findings_count"]
    # No benefit states a value; the themes' money as worked in test_attribution.
    assert doc["benefit_value"] == gaps["benefit_value"] == {"claimed": None, "realised": None}
    assert (
        doc["theme_investment"]
        == gaps["theme_investment"]
        == [
            {"id": "t1", "title": "Digital services", "investment": 675.0, "serves_aims": True},
            {"id": "t2", "title": "Shared data", "investment": 375.0, "serves_aims": True},
            {"id": "t3", "title": "Street sensors", "investment": 0.0, "serves_aims": True},
        ]
    )


def test_unknown_money_is_null_with_the_count_of_projects_without_a_budget(invoke):
    doc = json.loads(invoke("summary", "--example", "--format", "json").stdout)["summary"]
    assert (doc["total_investment"], doc["portfolio_budget"], doc["unfunded_projects"]) == (None, None, 15)


def test_benefit_value_in_text_json_and_gaps(invoke):
    money = str(Path(__file__).parent / "models" / "money.yaml")
    text = invoke("summary", money).stdout
    doc = json.loads(invoke("summary", money, "--format", "json").stdout)
    gaps = json.loads(invoke("gaps", money, "--format", "json").stdout)
    assert doc["benefit_value"] == gaps["benefit_value"]
    # As worked by hand in test_money_model: 500,000 claimed, 200,000 realised, each benefit once.
    assert doc["benefit_value"] == {"claimed": 500000.0, "realised": 200000.0}
    lines = text.splitlines()
    assert "Benefit value      GBP 500,000  claimed a year, each benefit counted once" in lines
    assert "Realised           GBP 200,000  of the benefit value, to date (value x progress)" in lines


def test_markdown(invoke):
    result = invoke("summary", MODEL, "--format", "markdown")
    assert result.stdout.splitlines()[:5] == [
        "## Summary: Portfolio test (Test Council, as of 2024-06-30)",
        "",
        "| figure | value | detail |",
        "| --- | ---: | --- |",
        "| Entities | 19 | 4 aims, 3 themes, 5 projects, 7 benefits |",
    ]
    assert "| Investment | EUR 1,200 | plus 1 project without a budget |" in result.stdout.splitlines()


def test_csv_holds_raw_numbers(invoke):
    result = invoke("summary", MODEL, "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["figure,value,detail", 'Entities,19,"4 aims, 3 themes, 5 projects, 7 benefits"']
    assert "Investment,1200.0,plus 1 project without a budget" in lines
    assert lines[-1] == 'Findings,11,"1 error, 9 warnings, 1 waived"'


def test_no_model_is_exit_2_never_the_example(invoke):
    result = invoke("summary")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("goldenthread: error: no model found: looked for $GOLDENTHREAD_MODEL")
