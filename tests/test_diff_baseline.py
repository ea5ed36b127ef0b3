"""``check --baseline``: findings the baseline has too are reported, marked, and never fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitrepo import GitRepo

MODEL = (Path(__file__).parent / "models" / "change" / "care.yaml").read_text(encoding="utf-8")
#: t1 loses its aim: one new error (theme-without-aim), on top of the known gaps.
WORSE = MODEL.replace("    aims: [a1]\n    waive", "    aims: []\n    waive")
BASELINE = "HEAD:strategy/model.yaml"


@pytest.fixture
def repo(invoke, tmp_path) -> GitRepo:
    r = GitRepo(tmp_path)
    r.write("strategy/model.yaml", MODEL)
    r.commit("Known gaps")
    return r


def test_known_gaps_do_not_fail(repo, invoke):
    without = invoke("check", "strategy/model.yaml")
    assert without.exit_code == 1
    result = invoke("check", "strategy/model.yaml", "--baseline", BASELINE)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "1 error, 3 warnings, 1 waived in 4 entities; 5 in the baseline HEAD:strategy/model.yaml, not failing"
    )
    assert all(line.endswith(" (baseline)") for line in result.stdout.splitlines()[:-1])


def test_a_new_error_fails_and_only_it_is_unmarked(repo, invoke):
    repo.write("strategy/model.yaml", WORSE)
    result = invoke("check", "strategy/model.yaml", "--baseline", BASELINE)
    assert result.exit_code == 1
    assert result.stdout == (
        "strategy/model.yaml:2:3: warning[aim-without-evidence] aim 'a1' (Better care) has no evidence: "
        "no measured benefit evidences it (baseline)\n"
        "strategy/model.yaml:4:3: warning[aim-without-evidence] aim 'a2' (Cleaner streets) has no evidence: "
        "no measured benefit evidences it (baseline)\n"
        "strategy/model.yaml:4:3: error[aim-without-investment] aim 'a2' (Cleaner streets) has no investment: "
        "no project reaches it (baseline)\n"
        "strategy/model.yaml:7:3: error[theme-without-aim] theme 't1' (Care records) supports no aim\n"
        "strategy/model.yaml:7:3: warning[theme-without-project] theme 't1' (Care records) is delivered by no project "
        "(waived: Delivered by the NHS, not by us.) (baseline)\n"
        "strategy/model.yaml:13:3: warning[project-without-benefit] project 'p1' (Care system) realises no benefit "
        "(baseline)\n"
        "2 errors, 3 warnings, 1 waived in 4 entities; 5 in the baseline HEAD:strategy/model.yaml, not failing\n"
    )


def test_strict_fails_on_a_new_warning_only(repo, invoke):
    assert invoke("check", "strategy/model.yaml", "--baseline", BASELINE, "--strict").exit_code == 0
    repo.write("strategy/model.yaml", MODEL + "  p2:\n    title: New\n    aims: [a1]\n")
    assert invoke("check", "strategy/model.yaml", "--baseline", BASELINE).exit_code == 0
    assert invoke("check", "strategy/model.yaml", "--baseline", BASELINE, "--strict").exit_code == 1


def test_json_marks_each_finding(repo, invoke):
    repo.write("strategy/model.yaml", WORSE)
    doc = json.loads(invoke("check", "strategy/model.yaml", "--baseline", BASELINE, "--format", "json").stdout)
    assert [(f["rule"], f["entity"], f["baseline"]) for f in doc["findings"]] == [
        ("aim-without-evidence", "a1", True),
        ("aim-without-evidence", "a2", True),
        ("aim-without-investment", "a2", True),
        ("theme-without-aim", "t1", False),
        ("theme-without-project", "t1", True),
        ("project-without-benefit", "p1", True),
    ]
    assert doc["baseline"] == {"source": BASELINE, "findings": 5}


def test_github_makes_baseline_findings_notices(repo, invoke):
    repo.write("strategy/model.yaml", WORSE)
    result = invoke("check", "strategy/model.yaml", "--baseline", BASELINE, "--format", "github")
    commands = [line.split(" ", 1)[0] for line in result.stdout.splitlines()[:-1]]
    assert commands == ["::notice", "::notice", "::notice", "::error", "::notice", "::notice"]
    assert result.stdout.splitlines()[2].endswith("no project reaches it (baseline)")


def test_a_baseline_on_disk(repo, invoke, tmp_path):
    (tmp_path / "old.yaml").write_text((repo.path / "strategy/model.yaml").read_text())
    repo.write("strategy/model.yaml", WORSE)
    assert invoke("check", "strategy/model.yaml", "--baseline", "old.yaml").exit_code == 1
    assert invoke("check", "strategy/model.yaml", "--baseline", "strategy/model.yaml").exit_code == 0


def test_a_baseline_that_cannot_be_loaded(repo, invoke):
    result = invoke("check", "strategy/model.yaml", "--baseline", "HEAD~3:strategy")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"goldenthread: error: BASELINE (HEAD~3:strategy): unknown revision 'HEAD~3' in {repo.path}\n"
    )
    repo.write("strategy/model.yaml", "aims: [\n")
    repo.commit("Broken")
    result = invoke("check", "strategy/model.yaml", "--baseline", "HEAD:strategy/model.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "BASELINE (HEAD:strategy/model.yaml):1:8: error[schema] invalid YAML: while parsing a flow node: "
        "did not find expected node content\n"
    )
