"""``goldenthread summary``: counts by kind and status, investment, headline coverage."""

from __future__ import annotations

import json
from pathlib import Path

from goldenthread.model import load_example, load_model
from goldenthread.traceability.coverage import coverage
from goldenthread.traceability.summary import summarise, summary_json

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


def test_summary_counts_every_status_in_order():
    s = summarise(load_model(MODEL))
    assert s.entities == {"aim": 4, "theme": 3, "project": 5, "benefit": 7}
    assert s.projects == {"proposed": 1, "approved": 0, "active": 3, "completed": 0, "cancelled": 1}
    assert s.benefits == {
        "achieved": 1,
        "on track": 2,
        "behind": 1,
        "missed": 1,
        "unmeasured": 1,
        "unquantified": 1,
    }
    assert s.aims == {"no investment": 1, "no evidence": 1, "covered": 2}


def test_headline_is_the_gaps_summary():
    model = load_model(MODEL)
    assert summarise(model).headline == coverage(model).summary


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
        "Investment       EUR 1,200  1 project without a budget",
        "With investment        3/4  aims reached by a non-cancelled project",
        "With evidence          2/4  aims evidenced by a measured benefit",
        "Unmeasured               2  non-cancelled projects realising no measured benefit",
        "Findings                11  1 error, 9 warnings, 1 waived",
    ]


def test_json_on_the_example(invoke):
    result = invoke("summary", "--example", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["entities"] == {"aims": 6, "themes": 7, "projects": 13, "benefits": 11}
    assert doc["projects"] == {"proposed": 0, "approved": 3, "active": 4, "completed": 6, "cancelled": 0}
    assert doc["summary"] == {
        "aims": 6,
        "aims_with_investment": 4,
        "aims_with_evidence": 0,
        "total_investment": 0.0,
        "unfunded_projects": 13,
        "projects_without_measured_benefit": 13,
        "errors": 6,
        "warnings": 43,
        "waived": 0,
    }
    assert doc == summary_json(summarise(load_example()))


def test_exit_0_and_a_note_when_falling_back(invoke):
    result = invoke("summary")
    assert result.exit_code == 0
    assert "using the built-in Hampshire 2004/05 example" in result.stderr
    assert result.stdout.startswith("Hampshire County Council IT strategy 2004/05 (Hampshire County Council, as of")
