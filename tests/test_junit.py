"""``check --format junit``: read back by a JUnit parser (junitparser), one suite per rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import GitRepo
from junitparser import Failure, JUnitXml, Skipped
from lxml import etree

from goldenthread.cli.main import cli
from goldenthread.model.rulebook import RULES
from goldenthread.model.types import Finding, Position
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.junit import render_junit

#: The change-control tests' small model, with one rule switched off.
CARE = Path(__file__).parent / "models" / "change" / "care.yaml"
MODEL = "rules:\n  broken-thread: off\n" + CARE.read_text(encoding="utf-8")


#: Jenkins' xUnit plugin's JUnit schema, copied from shared/junit/ (MIT licence, header kept).
XSD = Path(__file__).parent / "data" / "junit-10.xsd"


@pytest.fixture(scope="module")
def jenkins_schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def parse(text: str, tmp_path, schema=None) -> JUnitXml:
    """The document read by junitparser, after Jenkins' schema accepts it."""
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    if schema is None:
        schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(path))
    assert schema.validate(doc), [str(e) for e in schema.error_log]
    return JUnitXml.fromfile(str(path))


def outcome(case) -> str:
    results = case.result
    if not results:
        return "passed"
    kinds = {type(r) for r in results}
    return "failed" if Failure in kinds else "skipped" if Skipped in kinds else "other"


def test_failures_are_exactly_what_fails_the_check(invoke, write_model, tmp_path, jenkins_schema):
    write_model(MODEL)
    result = invoke("check", "model.yaml", "--format", "junit")
    assert result.exit_code == 1
    xml = parse(result.stdout, tmp_path, jenkins_schema)
    suites = {s.name: s for s in xml}
    # Every rule but the one set to off, and schema.
    assert list(suites) == ["schema", *(r for r in RULES if r not in ("broken-thread", "benefit-profile-incomplete"))]
    cases = {(s.name, c.name): outcome(c) for s in xml for c in s if c.name != "no findings"}
    assert cases == {
        ("aim-without-investment", "aim a2"): "failed",
        ("aim-without-evidence", "aim a1"): "passed",
        ("aim-without-evidence", "aim a2"): "passed",
        ("theme-without-project", "theme t1"): "skipped",
        ("project-without-benefit", "project p1"): "passed",
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
    warned = next(iter(suites["project-without-benefit"]))
    assert warned.system_out == (
        "model.yaml:15:3: warning[project-without-benefit] project 'p1' (Care system) realises no benefit"
    )
    waived = next(iter(suites["theme-without-project"])).result[0]
    assert waived.message == "waived: Delivered by the NHS, not by us."
    clean = suites["benefit-unmeasured"]
    assert [c.name for c in clean] == ["no findings"] and outcome(next(iter(clean))) == "passed"
    xml.update_statistics()
    assert (xml.tests, xml.failures, xml.skipped) == (18, 1, 1)


def test_strict_fails_the_warnings_too(invoke, write_model, tmp_path, jenkins_schema):
    write_model(MODEL)
    result = invoke("check", "model.yaml", "--format", "junit", "--strict")
    assert result.exit_code == 1
    xml = parse(result.stdout, tmp_path, jenkins_schema)
    failed = sorted((s.name, c.name) for s in xml for c in s if outcome(c) == "failed")
    assert failed == [
        ("aim-without-evidence", "aim a1"),
        ("aim-without-evidence", "aim a2"),
        ("aim-without-investment", "aim a2"),
        ("project-without-benefit", "project p1"),
    ]


def test_warnings_only_is_a_passing_report(invoke, write_model, tmp_path, jenkins_schema):
    write_model(CARE.read_text(encoding="utf-8").replace("    aims: [a1]\n", "    aims: [a1, a2]\n"))
    result = invoke("check", "model.yaml", "--format", "junit")
    assert result.exit_code == 0
    xml = parse(result.stdout, tmp_path, jenkins_schema)
    xml.update_statistics()
    assert (xml.failures, xml.errors) == (0, 0)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("aims: [\n", 2),
        ("aims:\n  a1: {title: A, colour: red}\nthemes:\n  t1: {title: T, aims: [a9]}\n", 1),
    ],
)
def test_a_model_that_does_not_load_fails_once_per_problem(invoke, write_model, tmp_path, jenkins_schema, text, code):
    write_model(text)
    result = invoke("check", "model.yaml", "--format", "junit")
    assert result.exit_code == code
    xml = parse(result.stdout, tmp_path, jenkins_schema)
    # No rule ran: only the format's suite, each problem a failing test.
    assert [s.name for s in xml] == ["schema"]
    problems = [line for line in invoke("check", "model.yaml").stdout.splitlines() if "error[schema]" in line]
    cases = list(next(iter(xml)))
    assert [c.result[0].text for c in cases] == problems
    assert all(outcome(c) == "failed" for c in cases)
    assert len({c.name for c in cases}) == len(cases)


def test_paths_are_from_the_top_of_the_repository(invoke, tmp_path, monkeypatch, jenkins_schema):
    repo = GitRepo(tmp_path / "repo")
    repo.write("strategy/model.yaml", MODEL)
    repo.commit("Model")
    monkeypatch.chdir(repo.path / "strategy")
    for fmt in ("junit", "github"):
        out = runner_invoke("check", "model.yaml", "--format", fmt)
        assert "strategy/model.yaml:6:3: error[aim-without-investment]" in out or (
            "::error file=strategy/model.yaml,line=6,col=3,title=aim-without-investment::" in out
        ), out
    parse(runner_invoke("check", "model.yaml", "--format", "junit"), tmp_path, jenkins_schema)


def runner_invoke(*args: str) -> str:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False).stdout


def test_a_title_cannot_start_a_line_of_the_report(invoke, write_model, tmp_path, jenkins_schema):
    forged = "Cleaner\n::error file=x.yaml,line=1::forged"
    write_model(MODEL.replace("title: Cleaner streets", f"title: {json.dumps(forged)}"))
    result = invoke("check", "model.yaml", "--format", "junit", "--strict")
    parse(result.stdout, tmp_path, jenkins_schema)
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
    assert "(Cleaner\\n::error file=x.yaml,line=1::forged) has no investment" in result.stdout


def test_baseline_findings_are_skipped(tmp_path):
    f = Finding(
        rule="aim-without-evidence",
        severity="error",
        message="m",
        pos=Position("m.yaml", 1, 1),
        entity="a1",
        kind="aim",
    )
    g = Finding(
        rule="aim-without-evidence",
        severity="error",
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
        rule="aim-without-evidence", severity="error", message=text, pos=Position(text, 1, 1), entity="a1", kind="aim"
    )
    xml = parse(render_junit([f]), tmp_path)
    suite = {s.name: s for s in xml}["aim-without-evidence"]
    cases = list(suite)
    assert len(cases) == 1
    assert outcome(cases[0]) == "failed"
