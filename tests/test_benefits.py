"""Benefit realisation: progress, the straight line, and the status words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.model.types import Benefit, Measure, Measurement, Position
from goldenthread.traceability.benefits import (
    benefit_status,
    benefit_statuses,
    expected_progress,
    latest_of,
    progress_of,
)

MODEL = Path(__file__).parent / "models" / "portfolio.yaml"
AS_OF = dt.date(2024, 6, 30)
D = dt.date


def benefit(measure=None, *values: tuple[dt.date, float]) -> Benefit:
    return Benefit(
        id="b",
        title="B",
        pos=Position("f", 1, 1),
        measure=measure,
        measurements=tuple(Measurement(date=d, value=v) for d, v in values),
    )


DUE = D(2025, 6, 30)


def up(baseline=0, target=100, target_date=DUE) -> Measure:
    return Measure(unit="u", baseline=baseline, target=target, target_date=target_date)


def down(baseline=100, target=40, target_date=DUE) -> Measure:
    return Measure(unit="u", baseline=baseline, target=target, target_date=target_date, direction="decrease")


class TestProgress:
    def test_increase(self):
        assert progress_of(up(), 25) == 0.25

    def test_decrease_counts_a_fall_as_progress(self):
        assert progress_of(down(), 85) == 0.25

    def test_overshoot_and_wrong_way_are_not_clamped(self):
        assert progress_of(up(), 150) == 1.5
        assert progress_of(down(), 130) == -0.5

    def test_no_baseline_no_progress(self):
        assert progress_of(Measure(unit="u", target=10), 5) is None

    def test_baseline_equal_to_target(self):
        assert progress_of(up(baseline=10, target=10), 10) == 1.0
        assert progress_of(up(baseline=10, target=10), 9) == 0.0


class TestExpected:
    def test_straight_line_in_days(self):
        # 2023-06-30 -> 2024-06-30 is 366 days of the 731 to 2025-06-30.
        assert expected_progress(D(2023, 6, 30), D(2025, 6, 30), AS_OF) == 366 / 731

    def test_before_the_first_measurement_nothing_is_expected(self):
        assert expected_progress(D(2024, 7, 1), D(2025, 6, 30), AS_OF) == 0.0

    def test_capped_at_one(self):
        assert expected_progress(D(2020, 1, 1), D(2021, 1, 1), AS_OF) == 1.0


class TestStatus:
    def test_unquantified_without_measure(self):
        s = benefit_status(benefit(None, (D(2024, 1, 1), 5)), AS_OF)
        assert (s.status, s.progress, s.unit, s.direction) == ("unquantified", None, None, "increase")
        assert s.latest == Measurement(date=D(2024, 1, 1), value=5)

    def test_unmeasured_with_measure_but_no_measurement(self):
        s = benefit_status(benefit(up()), AS_OF)
        assert (s.status, s.progress, s.latest, s.expected) == ("unmeasured", None, None, None)

    def test_achieved_whatever_the_date(self):
        s = benefit_status(benefit(up(target_date=D(2020, 1, 1)), (D(2019, 1, 1), 100)), AS_OF)
        assert (s.status, s.progress) == ("achieved", 1.0)

    def test_achieved_on_a_decrease(self):
        assert benefit_status(benefit(down(), (D(2024, 1, 1), 40)), AS_OF).status == "achieved"

    def test_missed_when_due_before_as_of_and_not_reached(self):
        s = benefit_status(benefit(down(target_date=D(2024, 6, 29)), (D(2024, 1, 1), 41)), AS_OF)
        assert s.status == "missed"

    def test_due_on_as_of_is_not_yet_missed(self):
        s = benefit_status(benefit(up(target_date=AS_OF), (D(2024, 6, 30), 99)), AS_OF)
        assert (s.status, s.expected) == ("behind", 1.0)

    def test_behind_below_the_straight_line(self):
        s = benefit_status(benefit(down(), (D(2024, 6, 30), 85), (D(2023, 6, 30), 100)), AS_OF)
        assert (s.status, s.progress, s.expected) == ("behind", 0.25, 366 / 731)

    def test_on_track_on_or_above_the_line(self):
        s = benefit_status(benefit(up(), (D(2023, 6, 30), 0), (D(2024, 6, 30), 60)), AS_OF)
        assert (s.status, s.progress) == ("on track", 0.6)

    def test_without_baseline_it_cannot_be_behind(self):
        m = Measure(unit="u", target=100, target_date=D(2025, 1, 1))
        s = benefit_status(benefit(m, (D(2024, 1, 1), 1)), AS_OF)
        assert (s.status, s.progress, s.expected) == ("on track", None, None)

    def test_without_target_date_it_cannot_be_behind_or_missed(self):
        s = benefit_status(benefit(up(target_date=None), (D(2020, 1, 1), 1)), AS_OF)
        assert (s.status, s.progress, s.expected) == ("on track", 0.01, None)

    def test_latest_is_by_date_not_list_order(self):
        s = benefit_status(benefit(up(), (D(2024, 5, 1), 90), (D(2024, 1, 1), 10)), AS_OF)
        assert s.latest.value == 90

    def test_latest_of_prefers_the_last_listed_on_a_tie(self):
        a, b = Measurement(date=D(2024, 1, 1), value=1), Measurement(date=D(2024, 1, 1), value=2)
        assert latest_of([a, b]) is b
        assert latest_of([]) is None


def test_statuses_of_the_portfolio_in_model_order():
    rows = benefit_statuses(load_model(MODEL))
    assert [(b.id, b.status) for b in rows] == [
        ("b1", "achieved"),
        ("b2", "behind"),
        ("b3", "on track"),
        ("b4", "missed"),
        ("b5", "unmeasured"),
        ("b6", "unquantified"),
        ("b7", "on track"),
    ]


def test_example_benefits_are_all_unquantified(example):
    assert {b.status for b in benefit_statuses(example)} == {"unquantified"}


class TestCommand:
    def test_json_rows(self, invoke):
        result = invoke("benefits", str(MODEL), "--format", "json")
        assert result.exit_code == 0
        doc = json.loads(result.stdout)
        assert doc["model"] == {
            "title": "Portfolio test",
            "organisation": "Test Council",
            "as_of": "2024-06-30",
            "currency": "EUR",
            "files": ["portfolio.yaml"],
            "entities": {"aim": 4, "theme": 3, "project": 5, "benefit": 7},
        }
        assert list(doc) == ["goldenthread", "model", "benefits", "statuses", "summary"]
        assert doc["benefits"][1] == {
            "id": "b2",
            "title": "Calls about bins",
            "kind": "non-cashable",
            "unit": "calls",
            "direction": "decrease",
            "baseline": 100,
            "target": 40,
            "target_date": "2025-06-30",
            "latest": {"date": "2024-06-30", "value": 85},
            "progress": 0.25,
            "expected": 366 / 731,
            "status": "behind",
            "within_tolerance": False,
            "stale": False,
            "later_measurements": 0,
            "dis_benefit": False,
        }
        assert doc["benefits"][5]["latest"] is None
        assert doc["benefits"][5]["progress"] is None
        assert doc["benefits"][5]["direction"] is None
        statuses = {
            "achieved": 1,
            "on track": 2,
            "behind": 1,
            "missed": 1,
            "unmeasured": 1,
            "unquantified": 1,
            "within limit": 0,
            "over limit": 0,
        }
        # summary is the deprecated name of statuses, without the zeros (a dis-benefit's statuses, here).
        assert doc["statuses"] == statuses
        assert doc["summary"] == {s: n for s, n in statuses.items() if n}

    def test_text_table(self, invoke):
        result = invoke("benefits", str(MODEL))
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0] == "Portfolio test (Test Council, as of 2024-06-30)"
        assert lines[2] == (
            "benefit  title                    kind          unit      baseline   target  by                     latest"
            "  progress  expected  status"
        )
        assert lines[5] == (
            "b2       Calls about bins         non-cashable  calls          100     ≤ 40  2025-06-30   85 on 2024-06-30"
            "       25%       50%  behind"
        )
        assert lines[-1] == "7 benefits: 1 achieved, 2 on track, 1 behind, 1 missed, 1 unmeasured, 1 unquantified"

    def test_csv(self, invoke):
        result = invoke("benefits", str(MODEL), "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["status"] for r in rows] == [
            "achieved",
            "behind",
            "on track",
            "missed",
            "unmeasured",
            "unquantified",
            "on track",
        ]
        assert rows[0]["latest_date"] == "2024-03-31"
        assert rows[0]["latest_value"] == "65"
        assert rows[1]["progress"] == "0.25"
        assert rows[6]["title"] == 'Staff time "released"'

    def test_markdown(self, invoke):
        lines = invoke("benefits", str(MODEL), "--format", "markdown").stdout.splitlines()
        assert lines[:4] == [
            "## Benefits: Portfolio test (Test Council, as of 2024-06-30)",
            "",
            "| benefit | title | kind | unit | baseline | target | by | latest | progress | expected | status |",
            "| --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |",
        ]
        assert lines[5] == (
            "| b2 | Calls about bins | non-cashable | calls | 100 | ≤ 40 | 2025-06-30 | 85 on 2024-06-30"
            " | 25% | 50% | behind |"
        )
        assert lines[-1] == "7 benefits: 1 achieved, 2 on track, 1 behind, 1 missed, 1 unmeasured, 1 unquantified"

    def test_a_narrow_terminal_cuts_titles_only(self, invoke, monkeypatch):
        monkeypatch.setenv("COLUMNS", "120")
        lines = invoke("benefits", str(MODEL)).stdout.splitlines()
        assert lines[5] == (
            "b2       Calls about bins  non-cashable  calls          100     ≤ 40  2025-06-30   85 on 2024-06-30"
            "       25%       50%  behind"
        )
        assert lines[7].startswith("b4       Days to process…  quality ")

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
    def test_no_model_is_exit_2_never_the_example(self, invoke, fmt):
        result = invoke("benefits", "--format", fmt)
        assert (result.exit_code, result.stdout) == (2, "")
        assert "no model found" in result.stderr


def test_the_table_qualifies_statuses_and_shows_dis_benefits_apart(invoke, write_model):
    path = write_model(
        """
        model: {as_of: 2025-01-01, review_every: 3m}
        aims:
          a1: {title: Aim}
        benefits:
          b1:
            title: Savings
            aims: [a1]
            measure: {unit: GBP, baseline: 0, baseline_date: 2024-01-01, target: 100, target_date: 2026-01-01,
                      tolerance: 10}
            measurements:
              - {date: 2024-09-01, value: 40}
              - {date: 2025-03-01, value: 90}
          d1:
            title: Queues
            kind: dis-benefit
            aims: [a1]
            measure: {unit: minutes, target: 10}
            measurements:
              - {date: 2024-12-01, value: 12}
        """
    )
    lines = invoke("benefits", str(path)).stdout.splitlines()
    # 366 of the 731 days from 2024-01-01 to 2026-01-01 have passed: the line expects 50.07%; 40% (the 2025-03-01
    # figure is later than the model's date) is 10.07 points below, beyond the 10 points' tolerance. Measured
    # 2024-09-01, before 2024-10-01: older than three months.
    assert lines[4].endswith("behind, evidence stale, 1 measurement later than the model's date, ignored")
    assert lines[6] == "1 benefit: 1 behind"
    assert lines[8] == "Dis-benefits (kept within a limit; never evidence):"
    assert lines[12].startswith("d1 ") and lines[12].endswith("over limit")
    assert lines[14] == "1 dis-benefit: 1 over limit"
    doc = json.loads(invoke("benefits", str(path), "--format", "json").stdout)
    assert [(b["id"], b["status"], b["stale"], b["later_measurements"], b["dis_benefit"]) for b in doc["benefits"]] == [
        ("b1", "behind", True, 1, False),
        ("d1", "over limit", False, 0, True),
    ]
