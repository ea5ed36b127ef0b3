"""The coverage report and ``goldenthread gaps``: one row per aim, then the findings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.coverage import coverage
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.formatting import plural
from goldenthread.traceability.render.gaps import _text, render_gaps
from goldenthread.traceability.rules import apply_rules

MODEL = Path(__file__).parent / "models" / "portfolio.yaml"
SOURCE = "tests/models/portfolio.yaml"


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


class TestCoverage:
    def test_rows(self, model):
        rows = [
            (a.id, a.projects, a.themes, a.investment, a.share, a.measured, a.total, a.status)
            for a in Analysis(model).coverage.aims
        ]
        assert rows == [
            ("a1", ("p1", "p4"), ("t1",), 450.0, 0.375, 1, 2, "covered"),
            ("a2", ("p1", "p2"), ("t1", "t2"), 600.0, 0.5, 3, 4, "covered"),
            ("a3", ("p2",), ("t3",), 150.0, 0.125, 0, 0, "no evidence"),
            ("a4", (), (), 0.0, 0.0, 0, 0, "no investment"),
        ]

    def test_summary(self, model):
        assert Analysis(model).coverage.summary == {
            "aims": 4,
            "aims_with_investment": 3,
            "aims_with_evidence": 2,
            "aims_at_risk": 0,
            "aims_covered": 2,
            "total_investment": 1200.0,
            "unfunded_projects": 1,
            "projects_without_measured_benefit": 2,
            # p1 900 + p2 300 + p5 50 (p3 is cancelled); p5 reaches no aim and is proposed.
            "portfolio_budget": 1250.0,
            "untraced_budget": 50.0,
            "proposed_projects": 1,
            "proposed_investment": 0.0,
            "errors": 1,
            "warnings": 9,
            "waived": 1,
        }

    def test_reuses_the_graph_and_findings_it_is_given(self, model):
        G = build_graph(model)
        findings = apply_rules(model, G)
        report = coverage(model, G, findings)
        assert report.findings is findings
        assert report == Analysis(model).coverage

    def test_status_agrees_with_the_aim_rules(self, example):
        report = Analysis(example).coverage
        fired = {(f.rule, f.entity) for f in report.findings}
        for a in report.aims:
            assert (a.status == "no investment") == (("aim-without-investment", a.id) in fired)
            assert (a.measured == 0) == (("aim-without-evidence", a.id) in fired)

    def test_example_statuses(self, example):
        assert [(a.id, a.status, len(a.projects)) for a in Analysis(example).coverage.aims] == [
            ("aim-1-life-opportunities", "no evidence", 3),
            ("aim-2-environment", "no investment", 0),
            ("aim-3-economic-prosperity", "no evidence", 2),
            ("aim-4-communities", "no evidence", 3),
            ("aim-5-improving-services", "no evidence", 4),
            ("aim-6-councillors-staff", "no investment", 0),
        ]

    def test_share_is_zero_when_nothing_is_budgeted(self, example):
        assert {a.share for a in Analysis(example).coverage.aims} == {0.0}


class TestGapsCommand:
    def test_json_document(self, invoke, monkeypatch):
        monkeypatch.chdir(MODEL.parent.parent.parent)
        result = invoke("gaps", SOURCE, "--format", "json")
        assert result.exit_code == 0
        doc = json.loads(result.stdout)
        assert list(doc) == [
            *("goldenthread", "model", "aims", "findings", "findings_count", "summary"),
            *("benefit_value", "theme_investment"),
        ]
        assert doc["goldenthread"] == {"version": "0.1.0", "command": "gaps"}
        assert doc["model"] == {
            "title": "Portfolio test",
            "organisation": "Test Council",
            "as_of": "2024-06-30",
            "currency": "EUR",
            "files": ["portfolio.yaml"],
            "entities": {"aim": 4, "theme": 3, "project": 5, "benefit": 7},
        }
        assert doc["aims"][0] == {
            "id": "a1",
            "title": "Healthy residents",
            "projects": ["p1", "p4"],
            "themes": ["t1"],
            "investment": 450.0,
            "projects_without_budget": 1,
            "benefit_value": None,
            "share": 0.375,
            "benefits": {"measured": 1, "total": 2},
            "status": "covered",
            "sound": 1,
            "waived": False,
            "reason": None,
        }
        assert doc["findings"][2] == {
            "rule": "aim-without-investment",
            "severity": "error",
            "entity": "a4",
            "kind": "aim",
            "message": "aim 'a4' (Orphan aim) has no investment: no project reaches it",
            "file": SOURCE,
            "line": 17,
            "column": 3,
            "waived": True,
            "reason": "Funded from next year's budget.",
        }
        assert doc["findings_count"] == {"errors": 1, "warnings": 9, "waived": 1}
        # Other helpers' figures may join the headline: these are the ones this test knows.
        headline = {
            "aims": 4,
            "aims_with_investment": 3,
            "aims_with_evidence": 2,
            "aims_at_risk": 0,
            "aims_covered": 2,
            "total_investment": 1200.0,
            "unfunded_projects": 1,
            "projects_without_measured_benefit": 2,
            "errors": 1,
            "warnings": 9,
            "waived": 1,
        }
        assert {k: doc["summary"][k] for k in headline} == headline

    def test_text_report(self, invoke):
        result = invoke("gaps", str(MODEL))
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[:13] == [
            "Portfolio test (Test Council, as of 2024-06-30)",
            "",
            "aim  title              projects  investment (EUR)  share  themes  evidence  status",
            "---  -----------------  --------  ----------------  -----  ------  --------  ----------------------",
            "a1   Healthy residents         2               450  37.5%       1       1/2  covered",
            "a2   Thriving economy          2               600  50.0%       2       3/4  covered",
            "a3   Clean streets             1               150  12.5%       1       0/0  no evidence",
            "a4   Orphan aim                0              none   0.0%       0       0/0  no investment (waived)",
            "",
            (
                "Aims with investment 3/4, with evidence 2/4. Total investment EUR 1,200,"
                " plus 1 project without a budget."
                " 1 proposed project, not committed, reaching no aim."
                " EUR 50 of the portfolio's EUR 1,250 reaches no aim (1 project)."
            ),
            "",
            "Findings: 1 error, 9 warnings, 1 waived",
            "Errors (1, and 1 waived)",
        ]
        assert lines[13] == (
            "  [aim-without-investment] a4 (Orphan aim) has no investment: no project reaches it"
            " (waived: Funded from next year's budget.)"
        )
        assert lines[15] == "Warnings (9)"
        assert lines[-1] == '  [benefit-without-aim] b7 (Staff time "released") evidences no aim'
        assert "\x1b[" not in result.stdout

    def test_example_exits_0_despite_its_errors(self, invoke):
        result = invoke("gaps", "--example")
        assert result.exit_code == 0
        assert "Errors (6, and 4 waived)" in result.stdout
        assert "aim-2-environment          Stewardship of the Environment" in result.stdout

    def test_markdown(self, invoke):
        result = invoke("gaps", str(MODEL), "--format", "markdown")
        lines = result.stdout.splitlines()
        assert lines[:6] == [
            "## Coverage: Portfolio test (Test Council, as of 2024-06-30)",
            "",
            (
                "Aims with investment 3/4, with evidence 2/4. Total investment EUR 1,200,"
                " plus 1 project without a budget."
                " 1 proposed project, not committed, reaching no aim."
                " EUR 50 of the portfolio's EUR 1,250 reaches no aim (1 project)."
            ),
            "",
            "| aim | title | projects | investment (EUR) | share | themes | evidence | status |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        assert "| a4 | Orphan aim | 0 | none | 0.0% | 0 | 0/0 | no investment (waived) |" in lines
        assert "**Errors (1, and 1 waived)**" in lines
        assert "- `project-without-aim` p5 (Side project) reaches no aim, through a theme or directly" in lines

    def test_csv(self, invoke):
        result = invoke("gaps", str(MODEL), "--format", "csv")
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows == [
            [
                "id",
                "title",
                "projects",
                "themes",
                "investment",
                "share",
                "benefits_measured",
                "benefits_total",
                "status",
            ],
            ["a1", "Healthy residents", "p1;p4", "t1", "450.0", "0.375", "1", "2", "covered"],
            ["a2", "Thriving economy", "p1;p2", "t1;t2", "600.0", "0.5", "3", "4", "covered"],
            ["a3", "Clean streets", "p2", "t3", "150.0", "0.125", "0", "0", "no evidence"],
            ["a4", "Orphan aim", "", "", "0.0", "0.0", "0", "0", "no investment"],
        ]

    def test_colour_on_request_only(self, model, invoke, monkeypatch):
        coloured = render_gaps(Analysis(model), "text", colour=True)
        assert "\x1b[31mno investment (waived)\x1b[0m" in coloured
        assert "\x1b[31mErrors (1, and 1 waived)\x1b[0m" in coloured
        # The command asks use_colour(), which is false under NO_COLOR and off a terminal.
        monkeypatch.setattr("goldenthread.cli.gaps.use_colour", lambda: True)
        assert "\x1b[32mcovered\x1b[0m" in invoke("gaps", str(MODEL)).stdout
        assert "\x1b[" not in invoke("gaps", str(MODEL), "--format", "markdown").stdout

    def test_no_color_wins_on_a_terminal(self, monkeypatch):
        from goldenthread.cli.options import use_colour

        class Tty(io.StringIO):
            def isatty(self):
                return True

        monkeypatch.delenv("NO_COLOR", raising=False)
        assert use_colour(Tty()) is True
        monkeypatch.setenv("NO_COLOR", "1")
        assert use_colour(Tty()) is False

    def test_deterministic(self, invoke):
        runs = {invoke("gaps", str(MODEL), "--format", fmt).stdout for fmt in ("json",) * 2}
        assert len(runs) == 1

    def test_bad_model_exits_2_with_positions(self, invoke, write_model):
        path = write_model("aims:\n  a1: {titel: X}\n")
        result = invoke("gaps", str(path))
        assert result.exit_code == 2
        assert f"{path}:2:3: error[schema]" in result.stderr
        assert result.stdout == ""


def test_big_numbers_read_easily(model):
    from dataclasses import replace

    report = Analysis(model).coverage
    tiny = replace(report, aims=[replace(report.aims[0], share=0.0004)], summary=replace(report.summary, aims=2000))
    text = _text(tiny, colour=False, width=None)
    assert "  <0.1%  " in text
    assert "Aims with investment 3/2,000, with evidence 2/2,000." in text
    assert plural(1234, "error") == "1,234 errors"
    assert plural(1, "error") == "1 error"


class TestSoundEvidence:
    """``covered`` needs a measured benefit achieved or on track; ``at risk`` when all are behind or missed."""

    MODEL = """
        model: {title: Evidence, as_of: 2024-06-30}
        aims:
          a-sound: {title: Sound}
          a-risk: {title: At risk}
          a-mixed: {title: Mixed}
          a-waived:
            title: Waived
            waive: {aim-without-investment: Starts next year}
        projects:
          p1: {title: P1, aims: [a-sound, a-risk, a-mixed]}
        benefits:
          b-missed:
            title: Missed
            projects: [p1]
            aims: [a-risk, a-mixed]
            measure: {unit: days, baseline: 10, target: 5, target_date: 2024-01-31, direction: decrease}
            measurements: [{date: 2024-02-01, value: 8}]
          b-achieved:
            title: Achieved
            projects: [p1]
            aims: [a-sound, a-mixed]
            measure: {unit: '%', baseline: 20, target: 60}
            measurements: [{date: 2024-03-31, value: 65}]
          b-no-target:
            title: Measured without a target
            projects: [p1]
            aims: [a-risk]
            measurements: [{date: 2024-03-31, value: 3}]
    """

    def test_statuses(self, write_model):
        report = Analysis(load_model(write_model(self.MODEL))).coverage
        rows = [(a.id, a.status, a.measured, a.sound, a.waived, a.reason) for a in report.aims]
        assert rows == [
            ("a-sound", "covered", 1, 1, False, None),
            # Two measured benefits: one missed, one with no target to judge it by.
            ("a-risk", "at risk", 2, 0, False, None),
            # One missed and one achieved: the achieved one makes it covered.
            ("a-mixed", "covered", 2, 1, False, None),
            ("a-waived", "no investment", 0, 0, True, "Starts next year"),
        ]
        assert report.summary["aims_at_risk"] == 1
        assert report.summary["aims_covered"] == 2

    def test_words_in_gaps_and_summary(self, invoke, write_model):
        path = write_model(self.MODEL)
        text = invoke("gaps", str(path)).stdout
        assert "at risk" in text
        assert "no investment (waived)" in text
        doc = json.loads(invoke("gaps", str(path), "--format", "json").stdout)
        assert [(a["status"], a["waived"], a["reason"]) for a in doc["aims"]][1:] == [
            ("at risk", False, None),
            ("covered", False, None),
            ("no investment", True, "Starts next year"),
        ]
        summary = json.loads(invoke("summary", str(path), "--format", "json").stdout)
        assert summary["aims"] == {"no investment": 1, "no evidence": 0, "at risk": 1, "covered": 2}


def test_an_aim_reached_only_by_projects_without_a_budget_has_investment_not_stated(invoke, write_model):
    path = write_model(
        """
        model: {as_of: 2025-01-01}
        aims:
          a1: {title: Known}
          a2: {title: Unknown}
          a3: {title: Nothing}
        projects:
          p1: {title: Funded, budget: 100, aims: [a1]}
          p2: {title: Unfunded, aims: [a1, a2]}
        """
    )
    doc = json.loads(invoke("gaps", str(path), "--format", "json").stdout)
    assert [(a["id"], a["investment"], a["projects_without_budget"]) for a in doc["aims"]] == [
        ("a1", 100.0, 1),
        ("a2", None, 1),
        ("a3", 0.0, 0),
    ]
    text = invoke("gaps", str(path)).stdout.splitlines()
    assert [line.split()[:4] for line in text[4:7]] == [
        ["a1", "Known", "2", "100"],
        ["a2", "Unknown", "1", "not"],
        ["a3", "Nothing", "0", "none"],  # no project reaches it: no investment at all
    ]
    assert "Total investment GBP 100, plus 1 project without a budget." in invoke("gaps", str(path)).stdout
    only = write_model("aims:\n  a1: {title: A}\nprojects:\n  p1: {title: P, aims: [a1]}\n", "only.yaml")
    assert "Total investment not stated, plus 1 project without a budget." in invoke("gaps", str(only)).stdout
    assert ",a1,A,p1,,,0.0," not in invoke("gaps", str(only), "--format", "csv").stdout
