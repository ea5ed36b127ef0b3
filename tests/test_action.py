"""The GitHub Action (``action.yml``): its steps' shell, run here as GitHub would run them.

Each step's ``run`` script is run by ``bash --noprofile --norc -eo pipefail``
(GitHub's ``shell: bash``) with the step's ``env`` (``${{ inputs.* }}``
filled in) and the variables GitHub gives: ``GITHUB_BASE_REF`` on a pull
request, ``GITHUB_STEP_SUMMARY`` naming a file, ``GITHUB_ACTION_PATH``. The
repository is a real one, with a bare ``origin`` holding the base branch.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from external import system_program
from gitrepo import GitRepo

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"

MODEL = """
aims:
  a1:
    title: Better care
  a2:
    title: Cleaner streets
themes:
  t1:
    title: Care records
    aims: [a1, a2]
projects:
  p1:
    title: Care system
    budget: 1000
    themes: [t1]
benefits:
  b1:
    title: Faster assessments
    projects: [p1]
    aims: [a1, a2]
    measure: {unit: days, target: 10}
    measurements:
      - {date: 2024-03-31, value: 15}
"""


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def run_action(repo: GitRepo, inputs: dict[str, str], env: dict[str, str]) -> tuple[int, str]:
    """Run every step in order as GitHub would; stop at the first that fails. (exit code, output)."""
    spec = action()
    values = {name: str(i.get("default", "")) for name, i in spec["inputs"].items()}
    values.update(inputs)
    output = []
    for step in spec["runs"]["steps"]:
        assert step["shell"] == "bash"
        step_env = {}
        for key, value in step.get("env", {}).items():
            m = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", value)
            assert m, f"{key}: only inputs are passed to the shell, not {value!r}"
            step_env[key] = values[m[1]]
        assert "${{" not in step["run"], "expressions are passed through env, never pasted into the script"
        script = repo.path.parent / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo.path,
            env={**repo.env(), "GITHUB_ACTION_PATH": str(ROOT), **env, **step_env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output.append(proc.stdout + proc.stderr)
        if proc.returncode != 0:
            return proc.returncode, "".join(output)
    return 0, "".join(output)


@pytest.fixture
def pull_request(tmp_path) -> GitRepo:
    """A clone whose origin has ``main`` with the model, checked out on a branch that changes it."""
    system_program("git", "apt-get install -y git")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    repo = GitRepo(tmp_path / "work")
    repo.write("model/strategy.yaml", MODEL)
    repo.commit("The model")
    repo.git("remote", "add", "origin", str(origin))
    repo.git("push", "-q", "origin", "main")
    repo.git("checkout", "-q", "-b", "cancel-care")
    repo.write("model/strategy.yaml", MODEL.replace("    budget: 1000\n", "    budget: 1000\n    status: cancelled\n"))
    repo.commit("Cancel the care system")
    return repo


def test_steps_on_a_pull_request(pull_request, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step's summary\n", encoding="utf-8")
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run_action(pull_request, {"install": "false", "fail-on": "investment-drop, coverage-drop"}, env)
    # Cancelling the only project: both aims lose their money, and the check finds new errors.
    assert code == 1, out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step's summary\n## Golden thread: what this change does\n")
    assert "OLD `refs/remotes/origin/main:model` → NEW `model`" in text
    assert "| Total investment | £1,000 | £0 | -£1,000 |" in text
    assert "  - `status`: active → cancelled" in text
    assert (
        "::error title=goldenthread::the change makes the golden thread worse (fail-on: investment-drop, coverage-drop)"
        in out
    )
    assert "::error file=model/strategy.yaml,line=2,col=3,title=aim-without-investment::" in out


def test_a_pull_request_that_changes_nothing_passes(pull_request, tmp_path):
    pull_request.git("checkout", "-q", "main")
    pull_request.git("checkout", "-q", "-b", "comments-only")
    pull_request.write("model/strategy.yaml", "# A comment only\n" + MODEL.lstrip("\n"))
    pull_request.commit("Comment")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run_action(pull_request, {"install": "false", "fail-on": "new-errors investment-drop"}, env)
    assert code == 0, out
    assert "— **no change**: the two models say the same thing" in summary.read_text(encoding="utf-8")
    assert "0 errors, 0 warnings, 0 waived in 5 entities" in out


def test_a_push_runs_the_check_only(pull_request, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run_action(pull_request, {"install": "false", "model": "model"}, env)
    assert code == 1
    assert not summary.exists()
    assert "::error file=model/strategy.yaml" in out


def test_baseline_lets_known_gaps_pass(pull_request, tmp_path):
    pull_request.git("fetch", "-q", "origin")
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    code, out = run_action(pull_request, {"install": "false", "baseline": "HEAD:model"}, env)
    assert code == 0, out
    assert "::notice file=model/strategy.yaml,line=2,col=3,title=aim-without-investment::" in out
    assert "(baseline)" in out


def test_the_base_branch_without_a_model_is_a_warning(tmp_path):
    system_program("git", "apt-get install -y git")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    repo = GitRepo(tmp_path / "work")
    repo.write("README.txt", "no model yet\n")
    repo.commit("Start")
    repo.git("remote", "add", "origin", str(origin))
    repo.git("push", "-q", "origin", "main")
    repo.git("checkout", "-q", "-b", "add-model")
    repo.write("model/strategy.yaml", MODEL)
    repo.commit("Add the model")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run_action(repo, {"install": "false", "fail-on": "new-errors"}, env)
    assert code == 0, out
    assert "::warning title=goldenthread::no comparison with main (diff exited 2)" in out
    assert not summary.exists() or summary.read_text() == ""


def test_inputs_are_documented():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert list(spec["inputs"]) == ["model", "fail-on", "baseline", "install"]
    for name, i in spec["inputs"].items():
        assert i["description"].strip(), name
    assert os.path.basename(ACTION) == "action.yml"
