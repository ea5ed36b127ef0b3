"""The coverage report and ``goldenthread gaps``: one row per aim, then the findings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.coverage import coverage, coverage_json
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.reports import render_gaps
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
            for a in coverage(model).aims
        ]
        assert rows == [
            ("a1", ("p1", "p4"), ("t1",), 450.0, 0.375, 1, 2, "covered"),
            ("a2", ("p1", "p2"), ("t1", "t2"), 600.0, 0.5, 3, 4, "covered"),
            ("a3", ("p2",), ("t3",), 150.0, 0.125, 0, 0, "no evidence"),
            ("a4", (), (), 0.0, 0.0, 0, 0, "no investment"),
        ]

    def test_summary(self, model):
        assert coverage(model).summary == {
            "aims": 4,
            "aims_with_investment": 3,
            "aims_with_evidence": 2,
            "total_investment": 1200.0,
            "unfunded_projects": 1,
            "projects_without_measured_benefit": 2,
            "errors": 1,
            "warnings": 9,
            "waived": 1,
        }

    def test_reuses_the_graph_and_findings_it_is_given(self, model):
        G = build_graph(model)
        findings = apply_rules(model, G)
        report = coverage(model, G, findings)
        assert report.findings is findings
        assert report == coverage(model)

    def test_status_agrees_with_the_aim_rules(self, example):
        report = coverage(example)
        fired = {(f.rule, f.entity) for f in report.findings}
        for a in report.aims:
            assert (a.status == "no investment") == (("aim-without-investment", a.id) in fired)
            assert (a.measured == 0) == (("aim-without-evidence", a.id) in fired)

    def test_example_statuses(self, example):
        assert [(a.id, a.status, len(a.projects)) for a in coverage(example).aims] == [
            ("aim-1-life-opportunities", "no evidence", 2),
            ("aim-2-environment", "no investment", 0),
            ("aim-3-economic-prosperity", "no evidence", 2),
            ("aim-4-communities", "no evidence", 3),
            ("aim-5-improving-services", "no evidence", 9),
            ("aim-6-councillors-staff", "no investment", 0),
        ]

    def test_share_is_zero_when_nothing_is_budgeted(self, example):
        assert {a.share for a in coverage(example).aims} == {0.0}


class TestGapsCommand:
    def test_json_document(self, invoke, monkeypatch):
        monkeypatch.chdir(MODEL.parent.parent.parent)
        result = invoke("gaps", SOURCE, "--format", "json")
        assert result.exit_code == 0
        doc = json.loads(result.stdout)
        assert list(doc) == ["model", "aims", "findings", "summary"]
        assert doc["aims"][0] == {
            "id": "a1",
            "title": "Healthy residents",
            "projects": ["p1", "p4"],
            "themes": ["t1"],
            "investment": 450.0,
            "share": 0.375,
            "benefits": {"measured": 1, "total": 2},
            "status": "covered",
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
        assert doc == coverage_json(coverage(load_model(SOURCE)))

    def test_text_report(self, invoke):
        result = invoke("gaps", str(MODEL))
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[:13] == [
            "Portfolio test (Test Council, as of 2024-06-30)",
            "",
            "aim  title              projects  investment (EUR)  share  themes  evidence  status",
            "---  -----------------  --------  ----------------  -----  ------  --------  -------------",
            "a1   Healthy residents         2               450  37.5%       1       1/2  covered",
            "a2   Thriving economy          2               600  50.0%       2       3/4  covered",
            "a3   Clean streets             1               150  12.5%       1       0/0  no evidence",
            "a4   Orphan aim                0                 0   0.0%       0       0/0  no investment",
            "",
            "Aims with investment 3/4, with evidence 2/4. Total investment EUR 1,200; 1 project without a budget.",
            "",
            "Findings: 1 error, 9 warnings, 1 waived",
            "Errors (2, 1 waived)",
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
        assert "Errors (6)" in result.stdout
        assert "aim-2-environment          Stewardship of the Environment" in result.stdout

    def test_markdown(self, invoke):
        result = invoke("gaps", str(MODEL), "--format", "markdown")
        lines = result.stdout.splitlines()
        assert lines[:6] == [
            "## Coverage: Portfolio test (Test Council, as of 2024-06-30)",
            "",
            "Aims with investment 3/4, with evidence 2/4. Total investment EUR 1,200; 1 project without a budget.",
            "",
            "| aim | title | projects | investment (EUR) | share | themes | evidence | status |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        assert "| a4 | Orphan aim | 0 | 0 | 0.0% | 0 | 0/0 | no investment |" in lines
        assert "**Errors (2, 1 waived)**" in lines
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
        coloured = render_gaps(coverage(model), "text", colour=True)
        assert "\x1b[31mno investment\x1b[0m" in coloured
        assert "\x1b[31mErrors (2, 1 waived)\x1b[0m" in coloured
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

    from goldenthread.traceability.render.tables import plural

    report = coverage(model)
    tiny = replace(report, aims=[replace(report.aims[0], share=0.0004)], summary={**report.summary, "aims": 2000})
    text = render_gaps(tiny)
    assert "  <0.1%  " in text
    assert "Aims with investment 3/2,000, with evidence 2/2,000." in text
    assert plural(1234, "error") == "1,234 errors"
    assert plural(1, "error") == "1 error"
