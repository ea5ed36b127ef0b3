"""The fields of issue 16 in the format: allocation, spend, confidence, tolerance, review periods, dis-benefits."""

from __future__ import annotations

import datetime as dt

import pytest

from goldenthread.model import SchemaError, load_model

HEAD = """\
model:
  as_of: 2025-01-01
aims:
  a1: {title: A1}
  a2: {title: A2}
  a3: {title: A3}
themes:
  t1: {title: T1, aims: [a1, a2]}
"""


def _errors(write_model, body: str) -> list[tuple[int, int, str]]:
    with pytest.raises(SchemaError) as caught:
        load_model(write_model(HEAD + body))
    return [(f.pos.line, f.pos.column, f.message) for f in caught.value.findings]


def test_an_allocation_names_only_aims_the_project_reaches(write_model):
    assert _errors(
        write_model,
        "projects:\n  p1: {title: P1, themes: [t1], allocation: {a1: 70, a3: 20, a4: 10}}\n",
    ) == [
        (10, 54, "'allocation' of project 'p1' names 'a3', which it does not reach (it reaches 'a1', 'a2')"),
        (10, 62, "'allocation' of project 'p1' names unknown aim 'a4'"),
    ]


def test_allocation_shares_are_percents_adding_up_to_100(write_model):
    assert _errors(
        write_model,
        "projects:\n"
        "  p1: {title: P1, aims: [a1, a2], allocation: {a1: 90}}\n"
        "  p2: {title: P2, aims: [a1, a2], allocation: {a1: 0, a2: 100}}\n"
        "  p3: {title: P3, aims: [a1], allocation: [a1]}\n",
    ) == [
        (10, 47, "the shares in 'allocation' of project 'p1' add up to 90%, not 100%"),
        (
            11,
            52,
            "the share of 'a1' in 'allocation' of project 'p2' must be a percent above 0 and at most 100, "
            "not a number (0)",
        ),
        (12, 43, "'allocation' of project 'p3' must be a mapping of aim id to percent, not a list"),
    ]


def test_shares_within_a_hundredth_of_100_are_accepted(write_model):
    model = load_model(
        write_model(
            HEAD + "projects:\n  p1: {title: P1, aims: [a1, a2, a3], allocation: {a1: 33.33, a2: 33.33, a3: 33.33}}\n"
        )
    )
    assert model.projects["p1"].allocation == {"a1": 33.33, "a2": 33.33, "a3": 33.33}


def test_new_scalar_fields_are_checked_where_they_stand(write_model):
    assert _errors(
        write_model,
        "projects:\n"
        "  p1: {title: P1, aims: [a1], spent: -1, confidence: amber-ish}\n"
        "benefits:\n"
        "  b1:\n"
        "    title: B1\n"
        "    review_every: 3x\n"
        "    value: lots\n"
        "    measure: {unit: x, target: 3, tolerance: 101, baseline_date: soon}\n",
    ) == [
        (10, 38, "'spent' of project 'p1' must not be negative (-1)"),
        (
            10,
            54,
            "'confidence' of project 'p1' must be one of green, amber-green, amber, amber-red, red, "
            "not text ('amber-ish'); did you mean 'amber'?",
        ),
        (
            14,
            19,
            "'review_every' of benefit 'b1' must be a period such as 30d, 6w, 3m or 1y "
            "(days, weeks, months, years), not text ('3x')",
        ),
        (15, 12, "'value' of benefit 'b1' must be a number, not text ('lots')"),
        (16, 46, "'tolerance' of the measure of benefit 'b1' must be a number from 0 to 100, not a number (101)"),
        (
            16,
            66,
            "'baseline_date' of the measure of benefit 'b1' must be a date (YYYY-MM-DD), not text ('soon')",
        ),
    ]


def test_every_new_field_is_read(write_model):
    model = load_model(
        write_model(
            HEAD.replace("  as_of: 2025-01-01\n", "  as_of: 2025-01-01\n  tolerance: 2.5\n  review_every: 6w\n")
            + "projects:\n"
            "  p1: {title: P1, themes: [t1], budget: 100, spent: 40, confidence: amber-red,"
            " allocation: {a1: 75, a2: 25}}\n"
            "benefits:\n"
            "  b1:\n"
            "    title: B1\n"
            "    kind: dis-benefit\n"
            "    value: 1000\n"
            "    review_every: 1y\n"
            "    measure: {unit: complaints, target: 10, baseline: 2, baseline_date: 2024-01-01, tolerance: 5}\n"
        )
    )
    p, b = model.projects["p1"], model.benefits["b1"]
    assert (p.spent, p.confidence, p.allocation) == (40, "amber-red", {"a1": 75, "a2": 25})
    assert (b.adverse, b.value, b.review_every) == (True, 1000, "1y")
    assert b.measure is not None
    # A dis-benefit's limit is a ceiling unless the file says otherwise.
    assert (b.measure.direction, b.measure.tolerance, b.measure.baseline_date) == ("decrease", 5, dt.date(2024, 1, 1))
    assert (model.info.tolerance, model.info.review_every) == (2.5, "6w")


def test_a_dis_benefit_may_state_its_direction(write_model):
    model = load_model(
        write_model(
            HEAD
            + "benefits:\n  b1: {title: B1, kind: dis-benefit, measure: {unit: x, target: 3, direction: increase}}\n"
        )
    )
    measure = model.benefits["b1"].measure
    assert measure is not None and measure.direction == "increase"


def test_set_writes_an_allocation_and_refuses_one_that_does_not_add_up(invoke, tmp_path):
    model = tmp_path / "goldenthread.yaml"
    model.write_text(HEAD + "projects:\n  p1:\n    title: P1\n    budget: 100\n    themes: [t1]\n", "utf-8")
    result = invoke("set", "p1", "allocation", "a1=70,a2=30", "spent", "1,200", "confidence", "amber")
    assert result.exit_code == 0, result.output
    assert model.read_text("utf-8").endswith(
        "    budget: 100\n    spent: 1200\n    confidence: amber\n    themes: [t1]\n"
        "    allocation:\n      a1: 70\n      a2: 30\n"
    )
    before = model.read_bytes()
    result = invoke("set", "p1", "allocation", "a1=70,a2=20")
    assert result.exit_code == 2
    assert "add up to 90%, not 100%" in result.stderr
    assert invoke("set", "p1", "allocation", "a1:70").exit_code == 2
    assert model.read_bytes() == before


def test_an_allocation_goes_through_the_workbook_and_csv_and_back(invoke, tmp_path):
    (tmp_path / "goldenthread.yaml").write_text(
        HEAD + "projects:\n  p1: {title: P1, budget: 100, themes: [t1], allocation: {a1: 62.5, a2: 37.5}}\n", "utf-8"
    )
    assert invoke("export", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    assert invoke("export", "--format", "csv", "-o", "csv").exit_code == 0
    assert ",a1=62.5,a2=37.5," in (tmp_path / "csv" / "nodes.csv").read_text("utf-8").replace('"', "")
    for source in ("m.xlsx", "csv"):
        assert invoke("import", source, "-o", f"{source}.yaml").exit_code == 0
        assert load_model(tmp_path / f"{source}.yaml").projects["p1"].allocation == {"a1": 62.5, "a2": 37.5}
