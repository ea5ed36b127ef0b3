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
    assert "OLD `origin/main:model` → NEW `model`" in text
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
    assert "::notice title=goldenthread::the base branch main has no model yet: nothing to compare with" in out
    assert not summary.exists() or summary.read_text() == ""


def test_inputs_are_documented():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert list(spec["inputs"]) == ["model", "check", "fail-on", "baseline", "install"]
    for name, i in spec["inputs"].items():
        assert i["description"].strip(), name
    assert os.path.basename(ACTION) == "action.yml"


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"fail-on": "new-erors"}, "input fail-on: 'new-erors' is not one of new-errors, new-findings, "),
        ({"fail-on": "new-errors,coverage-dorp"}, "input fail-on: 'coverage-dorp' is not one of "),
        ({"fail-on": " "}, "input fail-on is empty: name a condition, or never"),
        ({"check": "error"}, "input check: 'error' is not one of errors, warnings, never"),
        ({"install": "yes"}, "input install: 'yes' is not true or false"),
    ],
)
def test_a_wrong_input_fails_before_anything_runs(pull_request, tmp_path, inputs, message):
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    code, out = run_action(pull_request, {"install": "false", **inputs}, env)
    assert code == 1
    assert f"::error title=goldenthread::{message}" in out
    assert "goldenthread" not in out.replace("title=goldenthread", "")  # nothing was installed or run
    assert not (tmp_path / "summary.md").exists()


def test_a_model_that_is_not_there_is_an_error(pull_request, tmp_path):
    code, out = run_action(pull_request, {"install": "false", "model": "modle"}, {})
    assert code == 2
    assert f"::error title=goldenthread::input model: no file or folder 'modle' in {pull_request.path}" in out


@pytest.mark.parametrize(("check", "expected"), [("errors", 1), ("never", 0)])
def test_check_says_what_fails_the_job(pull_request, check, expected):
    code, out = run_action(pull_request, {"install": "false", "check": check}, {})
    assert code == expected, out
    assert "::error file=model/strategy.yaml,line=2,col=3,title=aim-without-investment::" in out


def test_check_warnings_fails_on_a_warning(pull_request):
    # Back on main, with a second project that delivers no benefit: a warning, no error.
    pull_request.git("checkout", "-q", "main")
    sensors = "  p2:\n    title: Sensors\n    themes: [t1]\nbenefits:\n"
    pull_request.write("model/strategy.yaml", MODEL.replace("benefits:\n", sensors))
    code, out = run_action(pull_request, {"install": "false"}, {})
    assert code == 0, out
    assert "::warning file=model/strategy.yaml" in out
    code, out = run_action(pull_request, {"install": "false", "check": "warnings"}, {})
    assert code == 1, out


def checkout_like_github(origin: Path, path: Path, branch: str) -> GitRepo:
    """What actions/checkout does: one commit of one branch, depth 1, no other remote branch."""
    repo = GitRepo(path)
    repo.git("remote", "add", "origin", f"file://{origin}")
    repo.git("fetch", "-q", "--no-tags", "--depth=1", "origin", f"+refs/heads/{branch}:refs/remotes/origin/{branch}")
    repo.git("checkout", "-q", "-B", branch, f"refs/remotes/origin/{branch}")
    assert repo.git("rev-parse", "--is-shallow-repository") == "true"
    return repo


def test_a_push_in_a_depth_1_clone_fetches_the_baseline(pull_request, tmp_path):
    origin = tmp_path / "origin.git"
    pull_request.git("push", "-q", "origin", "cancel-care", "cancel-care:release")
    clone = checkout_like_github(origin, tmp_path / "clone", "cancel-care")
    with pytest.raises(AssertionError):
        clone.git("rev-parse", "--verify", "origin/release")
    code, out = run_action(clone, {"install": "false", "baseline": "origin/release:model"}, {})
    # The release branch has the same errors: known, so they do not fail.
    assert code == 0, out
    assert "::notice file=model/strategy.yaml,line=2,col=3,title=aim-without-investment::" in out
    assert "(baseline)" in out
    assert clone.git("rev-parse", "--verify", "origin/release") == pull_request.git("rev-parse", "cancel-care")


def test_a_pull_request_in_a_depth_1_clone(pull_request, tmp_path):
    origin = tmp_path / "origin.git"
    pull_request.git("push", "-q", "origin", "cancel-care")
    clone = checkout_like_github(origin, tmp_path / "clone", "cancel-care")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run_action(clone, {"install": "false", "fail-on": "investment-drop", "check": "never"}, env)
    assert code == 1, out
    assert "| Total investment | £1,000 | £0 | -£1,000 |" in summary.read_text(encoding="utf-8")
    assert "::error title=goldenthread::the change makes the golden thread worse (fail-on: investment-drop)" in out


def test_a_baseline_that_names_no_revision_is_an_error(pull_request):
    code, out = run_action(pull_request, {"install": "false", "baseline": "origin/mian:model"}, {})
    assert code == 2
    assert "::error title=goldenthread::input baseline: revision 'origin/mian' not found, even on origin" in out


def test_a_base_whose_model_does_not_load_is_a_warning(tmp_path):
    system_program("git", "apt-get install -y git")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    repo = GitRepo(tmp_path / "work")
    repo.write("model/strategy.yaml", "aims: [\n")
    repo.commit("Broken")
    repo.git("remote", "add", "origin", str(origin))
    repo.git("push", "-q", "origin", "main")
    repo.git("checkout", "-q", "-b", "fix")
    repo.write("model/strategy.yaml", MODEL)
    repo.commit("Fixed")
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    code, out = run_action(repo, {"install": "false", "fail-on": "new-errors", "check": "never"}, env)
    assert code == 0, out
    assert "::warning title=goldenthread::the model on main does not load: no comparison" in out
