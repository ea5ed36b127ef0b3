"""``check --format junit``: read back by a JUnit parser (junitparser), one suite per rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped

from goldenthread.model.rulebook import RULES
from goldenthread.model.types import Finding, Position
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.junit import render_junit

#: The change-control tests' small model, with one rule switched off.
CARE = Path(__file__).parent / "models" / "change" / "care.yaml"
MODEL = "rules:\n  broken-thread: off\n" + CARE.read_text(encoding="utf-8")


def parse(text: str, tmp_path) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def outcome(case) -> str:
    results = case.result
    if not results:
        return "passed"
    kinds = {type(r) for r in results}
    return "failed" if Failure in kinds else "skipped" if Skipped in kinds else "other"


def test_one_suite_per_rule_one_case_per_finding(invoke, write_model, tmp_path):
    write_model(MODEL)
    result = invoke("check", "model.yaml", "--format", "junit")
    assert result.exit_code == 1
    xml = parse(result.stdout, tmp_path)
    suites = {s.name: s for s in xml}
    # Every rule but the one set to off, and schema.
    assert list(suites) == ["schema", *(r for r in RULES if r not in ("broken-thread", "benefit-profile-incomplete"))]
    cases = {(s.name, c.name): outcome(c) for s in xml for c in s if c.name != "no findings"}
    assert cases == {
        ("aim-without-investment", "aim a2"): "failed",
        ("aim-without-evidence", "aim a1"): "failed",
        ("aim-without-evidence", "aim a2"): "failed",
        ("theme-without-project", "theme t1"): "skipped",
        ("project-without-benefit", "project p1"): "failed",
    }
    failing = suites["aim-without-investment"]
    assert (failing.tests, failing.failures, failing.skipped, failing.errors) == (1, 1, 0, 0)
    case = next(iter(failing))
    failure = case.result[0]
    assert failure.type == "error"
    assert failure.message == "aim 'a2' (Cleaner streets) has no investment: no project reaches it"
    assert failure.text == (
        "model.yaml:6:3: error[aim-without-investment] aim 'a2' (Cleaner streets) has no investment: "
        "no project reaches it"
    )
    waived = next(iter(suites["theme-without-project"])).result[0]
    assert waived.message == "waived: Delivered by the NHS, not by us."
    clean = suites["benefit-unmeasured"]
    assert [c.name for c in clean] == ["no findings"] and outcome(next(iter(clean))) == "passed"
    xml.update_statistics()
    assert (xml.tests, xml.failures, xml.skipped) == (18, 4, 1)


def test_baseline_findings_are_skipped(tmp_path):
    f = Finding(
        rule="aim-without-evidence",
        severity="warning",
        message="m",
        pos=Position("m.yaml", 1, 1),
        entity="a1",
        kind="aim",
    )
    g = Finding(
        rule="aim-without-evidence",
        severity="warning",
        message="n",
        pos=Position("m.yaml", 2, 1),
        entity="a2",
        kind="aim",
    )
    xml = parse(render_junit([f, g], baseline=Baseline.of([f])), tmp_path)
    suite = {s.name: s for s in xml}["aim-without-evidence"]
    assert [(c.name, outcome(c)) for c in suite] == [("aim a1", "skipped"), ("aim a2", "failed")]
    assert next(iter(suite)).result[0].message == "in the baseline: m"


@pytest.mark.parametrize(
    "text", ["a\x00b", "<![CDATA[x]]>", "</failure><testcase name='forged'>", "\ud800", "& < > \" '"]
)
def test_hostile_text_stays_one_well_formed_case(text, tmp_path):
    f = Finding(
        rule="aim-without-evidence", severity="warning", message=text, pos=Position(text, 1, 1), entity="a1", kind="aim"
    )
    xml = parse(render_junit([f]), tmp_path)
    suite = {s.name: s for s in xml}["aim-without-evidence"]
    cases = list(suite)
    assert len(cases) == 1
    assert outcome(cases[0]) == "failed"
