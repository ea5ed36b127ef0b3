"""``check --format sarif``: SARIF 2.1.0, valid by the OASIS schema and by Microsoft's validator."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from external import node_program
from gitrepo import GitRepo

from goldenthread.model.loader import example_path
from goldenthread.model.rulebook import RULES
from goldenthread.model.types import Finding, Position
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.sarif import FINGERPRINT, fingerprint, sarif_log

#: The OASIS schema, copied from shared/sarif/ so that the test never depends on what lies beside the clone.
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

MODEL = (Path(__file__).parent / "models" / "change" / "care.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def valid(doc: dict, validator: jsonschema.Draft202012Validator) -> dict:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    return doc


@pytest.fixture
def repo(invoke, tmp_path) -> GitRepo:
    r = GitRepo(tmp_path)
    r.write("strategy/model.yaml", MODEL)
    r.commit("First")
    return r


def sarif(invoke, *args: str) -> tuple[int, dict]:
    result = invoke("check", "strategy/model.yaml", "--format", "sarif", *args)
    return result.exit_code, json.loads(result.stdout)


def results(doc: dict) -> list[tuple]:
    out = []
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        out.append(
            (
                r["ruleId"],
                r["level"],
                loc["artifactLocation"]["uri"],
                loc["region"]["startLine"],
                loc["region"]["startColumn"],
                "suppressions" in r,
                r.get("baselineState"),
            )
        )
    return out


class TestCheckSarif:
    def test_results_rules_and_locations(self, repo, invoke, validator):
        code, doc = sarif(invoke)
        valid(doc, validator)
        assert code == 1
        assert doc["version"] == "2.1.0"
        run = doc["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == ["schema", *RULES]
        for r in rules:
            assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        home = "https://github.com/goldenthread/goldenthread"
        assert run["tool"]["driver"]["informationUri"] == home
        assert [r["helpUri"] for r in rules] == [f"{home}/blob/main/docs/rules.md#{r}" for r in ["schema", *RULES]]
        described = {r["id"]: r for r in rules}["aim-without-investment"]
        assert described["shortDescription"]["text"] == RULES["aim-without-investment"].summary
        assert described["defaultConfiguration"] == {"level": "error"}
        assert results(doc) == [
            ("aim-without-evidence", "warning", "strategy/model.yaml", 2, 3, False, None),
            ("aim-without-evidence", "warning", "strategy/model.yaml", 4, 3, False, None),
            ("aim-without-investment", "error", "strategy/model.yaml", 4, 3, False, None),
            ("theme-without-project", "warning", "strategy/model.yaml", 7, 3, True, None),
            ("project-without-benefit", "warning", "strategy/model.yaml", 13, 3, False, None),
        ]
        first = run["results"][0]
        assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.path.resolve().as_uri() + "/"
        assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
        waived = run["results"][3]
        assert waived["suppressions"] == [{"kind": "inSource", "justification": "Delivered by the NHS, not by us."}]
        assert waived["level"] == "warning"

    def test_files_are_relative_to_the_repository_root_from_a_subdirectory(self, repo, invoke, monkeypatch):
        monkeypatch.chdir(repo.path / "strategy")
        result = invoke("check", "model.yaml", "--format", "sarif")
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]
        }
        assert uris == {"strategy/model.yaml"}

    def test_fingerprints_stay_when_lines_move(self, repo, invoke, validator):
        _, before = sarif(invoke)
        repo.write("strategy/model.yaml", "# A comment\n# moves every line down by two\n" + MODEL.lstrip("\n"))
        _, after = sarif(invoke)
        lines = [r[3] for r in results(after)]
        assert lines == [r[3] + 2 for r in results(before)]

        def prints(doc: dict) -> list[str]:
            return [r["partialFingerprints"][FINGERPRINT] for r in doc["runs"][0]["results"]]

        assert prints(after) == prints(before)
        assert len(set(prints(before))) == 5

    def test_baseline_state(self, repo, invoke, validator):
        repo.write("strategy/model.yaml", MODEL.replace("    aims: [a1]\n    waive", "    aims: []\n    waive"))
        code, doc = sarif(invoke, "--baseline", "HEAD:strategy/model.yaml")
        valid(doc, validator)
        assert code == 1
        assert [(r[0], r[6]) for r in results(doc)] == [
            ("aim-without-evidence", "unchanged"),
            ("aim-without-evidence", "unchanged"),
            ("aim-without-investment", "unchanged"),
            ("theme-without-aim", "new"),
            ("theme-without-project", "unchanged"),
            ("project-without-benefit", "unchanged"),
        ]

    def test_the_example_points_at_its_installed_file(self, invoke, validator):
        result = invoke("check", "--example", "--format", "sarif")
        doc = valid(json.loads(result.stdout), validator)
        example = example_path().resolve().as_uri()
        places = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
        assert places == {example}
        assert len(doc["runs"][0]["results"]) > 30

    def test_a_problem_with_no_place_is_put_on_the_model(self, invoke, tmp_path, validator):
        (tmp_path / "empty").mkdir()
        doc = sarif_log(
            [Finding(rule="schema", severity="error", message="no aims")], "1.0", base=str(tmp_path), source="empty"
        )
        valid(doc, validator)
        location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location == {"artifactLocation": {"uri": "empty", "uriBaseId": "%SRCROOT%"}}

    def test_a_model_that_does_not_follow_the_format(self, invoke, write_model, validator):
        write_model("aims:\n  a1:\n    titel: x\n")
        result = invoke("check", "model.yaml", "--format", "sarif")
        doc = valid(json.loads(result.stdout), validator)
        assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["schema", "schema"]


class TestLibrary:
    def test_hostile_text_stays_data(self, validator):
        f = Finding(
            rule="aim-without-evidence",
            severity="warning",
            message='a "quoted" \\ message\nwith a line break and \x1b[31m',
            pos=Position("dir with space/ü#?.yaml", 1, 1),
            entity="a1",
            kind="aim",
            waived=True,
            reason="because\n",
        )
        doc = valid(sarif_log([f], "1.0", base="."), validator)
        result = doc["runs"][0]["results"][0]
        assert result["message"]["text"] == f.message
        assert (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "dir%20with%20space/%C3%BC%23%3F.yaml"
        )
        assert result["partialFingerprints"][FINGERPRINT] == fingerprint(f)

    def test_fingerprint_is_rule_and_entity_only(self):
        a = Finding(rule="r", severity="error", message="one", pos=Position("a", 1, 1), entity="x")
        b = Finding(rule="r", severity="warning", message="two", pos=Position("b", 9, 9), entity="x")
        c = Finding(rule="r", severity="error", message="one", pos=Position("a", 1, 1), entity="y")
        assert fingerprint(a) == fingerprint(b) != fingerprint(c)

    def test_baseline_marks_every_result(self):
        f = Finding(rule="aim-without-evidence", severity="warning", message="m", entity="a1")
        g = Finding(rule="aim-without-evidence", severity="warning", message="m", entity="a2")
        doc = sarif_log([f, g], "1.0", baseline=Baseline.of([f]))
        assert [r["baselineState"] for r in doc["runs"][0]["results"]] == ["unchanged", "new"]


def test_microsoft_sarif_multitool_finds_no_error(repo, invoke, tmp_path):
    """Microsoft's validator (npm @microsoft/sarif-multitool) reads the output and reports no error."""
    tool = node_program("sarif-multitool")
    repo.write("strategy/model.yaml", MODEL.replace("    aims: [a1]\n    waive", "    aims: []\n    waive"))
    out = tmp_path / "check.sarif"
    result = invoke("check", "strategy/model.yaml", "--format", "sarif", "--baseline", "HEAD:strategy/model.yaml")
    out.write_text(result.stdout, encoding="utf-8")
    proc = subprocess.run([tool, "validate", str(out)], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ": error " not in proc.stdout, proc.stdout
    assert "Analysis completed successfully" in proc.stdout


def test_microsoft_sarif_multitool_reads_the_example(invoke, tmp_path):
    """Every result of the example has a location, and the validator accepts the whole log."""
    tool = node_program("sarif-multitool")
    out = tmp_path / "example.sarif"
    out.write_text(invoke("check", "--example", "--format", "sarif").stdout, encoding="utf-8")
    proc = subprocess.run([tool, "validate", str(out)], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ": error " not in proc.stdout, proc.stdout
