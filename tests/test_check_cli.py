"""``goldenthread check`` through the CLI: exit codes and exact output."""

from __future__ import annotations

import json


def test_example_fails_on_its_real_gaps(invoke):
    result = invoke("check", "--example", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["model"]["files"] == ["hampshire.yaml"]
    assert doc["loaded"] is True
    assert doc["findings_count"]["errors"] > 0


def test_no_model_found_is_a_usage_error(invoke):
    result = invoke("check")
    assert result.exit_code == 2
    assert "no model found" in result.stderr


def test_unknown_key_is_positioned_with_suggestion(invoke, write_model):
    path = write_model(
        """
        aims:
          a1:
            titel: Maximising life opportunities
        """
    )
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:3: error[schema] aim 'a1' is missing required key 'title'",
        f"{path}:3:5: error[schema] unknown key 'titel' in aim 'a1'; did you mean 'title'?",
        "2 errors, 0 warnings, 0 waived: the model does not follow the format",
    ]


# -- exit codes and --strict ---------------------------------------------------------

CLEAN = """
model: {title: Clean, as_of: 2005-07-14}
aims:
  a1: {title: Aim}
projects:
  p1: {title: Project, aims: [a1]}
benefits:
  b1:
    title: Benefit
    projects: [p1]
    aims: [a1]
    measure: {unit: GBP, target: 10}
    measurements: [{date: 2005-03-31, value: 12}]
"""

#: Two warnings, one of them waived, and no error.
WARNINGS = """
model: {title: Tiny, organisation: Borough, as_of: 2005-07-14}
aims:
  a1: {title: A, waive: {aim-without-evidence: No figures yet}}
projects:
  p1: {title: P, aims: [a1]}
"""


def test_clean_model_exits_0_with_only_the_summary(invoke, write_model):
    result = invoke("check", str(write_model(CLEAN)))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "0 errors, 0 warnings, 0 waived in 3 entities\n", "")


def test_warnings_pass_unless_strict(invoke, write_model):
    path = write_model(WARNINGS)
    expected = [
        f"{path}:3:3: warning[aim-without-evidence] aim 'a1' (A) has no evidence: no measured benefit evidences it"
        " (waived: No figures yet)",
        f"{path}:5:3: warning[project-without-benefit] project 'p1' (P) realises no benefit",
        "0 errors, 1 warning, 1 waived in 2 entities",
    ]
    result = invoke("check", str(path))
    assert (result.exit_code, result.stdout.splitlines()) == (0, expected)
    strict = invoke("check", "--strict", str(path))
    assert (strict.exit_code, strict.stdout.splitlines()) == (1, expected)


def test_waived_findings_never_fail_even_when_strict(invoke, write_model):
    path = write_model(
        """
        projects:
          p1:
            title: Back office
            waive:
              project-without-aim: Infrastructure serves every aim
              project-without-benefit: Infrastructure
        """
    )
    for args in (["check", str(path)], ["check", "--strict", str(path)]):
        result = invoke(*args)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            f"{path}:2:3: error[project-without-aim] project 'p1' (Back office) reaches no aim, through a theme or"
            " directly (waived: Infrastructure serves every aim)",
            f"{path}:2:3: warning[project-without-benefit] project 'p1' (Back office) realises no benefit"
            " (waived: Infrastructure)",
            "0 errors, 0 warnings, 2 waived in 1 entity",
        ]


def test_an_error_finding_exits_1(invoke, write_model):
    path = write_model("projects:\n  p1: {title: P}\nrules: {project-without-benefit: off}\n")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:3: error[project-without-aim] project 'p1' (P) reaches no aim, through a theme or directly",
        "1 error, 0 warnings, 0 waived in 1 entity",
    ]


def test_rules_section_turns_a_warning_into_a_failure(invoke, write_model):
    path = write_model(WARNINGS + "rules: {project-without-benefit: error}\n")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings, 1 waived in 2 entities"


def test_rules_section_turns_an_error_off(invoke, write_model):
    path = write_model("projects:\n  p1: {title: P}\nrules: {project-without-aim: off, project-without-benefit: off}\n")
    result = invoke("check", "--strict", str(path))
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings, 0 waived in 1 entity\n")


def test_unreadable_model_exits_2(invoke, write_model):
    path = write_model("aims:\n  a1: &x {title: A}\n")
    result = invoke("check", "--strict", str(path))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{path}:2:7: error[schema] anchors are not allowed (&x)",
        f"{path}: the model could not be loaded",
    ]


def test_missing_model_path_exits_2(invoke):
    result = invoke("check", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "nowhere.yaml:1:1: error[schema] no such file or folder",
        "nowhere.yaml: the model could not be loaded",
    ]


# -- --format json -------------------------------------------------------------------

FINDING_KEYS = ["rule", "severity", "entity", "kind", "message", "file", "line", "column", "waived", "reason"]


def test_json_document_exactly(invoke, write_model):
    path = write_model(WARNINGS)
    result = invoke("check", "--format", "json", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "goldenthread": {"version": "0.1.0", "command": "check"},
        "model": {
            "title": "Tiny",
            "organisation": "Borough",
            "as_of": "2005-07-14",
            "currency": "GBP",
            "files": ["model.yaml"],
            "entities": {"aim": 1, "theme": 0, "project": 1, "benefit": 0},
        },
        "source": str(path),
        "loaded": True,
        "findings": [
            {
                "rule": "aim-without-evidence",
                "severity": "warning",
                "entity": "a1",
                "kind": "aim",
                "message": "aim 'a1' (A) has no evidence: no measured benefit evidences it",
                "file": str(path),
                "line": 3,
                "column": 3,
                "waived": True,
                "reason": "No figures yet",
            },
            {
                "rule": "project-without-benefit",
                "severity": "warning",
                "entity": "p1",
                "kind": "project",
                "message": "project 'p1' (P) realises no benefit",
                "file": str(path),
                "line": 5,
                "column": 3,
                "waived": False,
                "reason": None,
            },
        ],
        "findings_count": {"errors": 0, "warnings": 1, "waived": 1},
        "summary": {"errors": 0, "warnings": 1, "waived": 1},
    }


def test_json_keys_are_in_a_stable_order(invoke, write_model):
    doc = json.loads(invoke("check", "--format", "json", str(write_model(WARNINGS))).stdout)
    assert list(doc) == ["goldenthread", "model", "source", "loaded", "findings", "findings_count", "summary"]
    assert list(doc["model"]) == ["title", "organisation", "as_of", "currency", "files", "entities"]
    assert [list(f) for f in doc["findings"]] == [FINDING_KEYS, FINDING_KEYS]
    assert list(doc["findings_count"]) == ["errors", "warnings", "waived"]


def test_json_for_a_model_that_does_not_follow_the_format(invoke, write_model):
    path = write_model("model: {colour: red}\nprojects:\n  p1: {title: P, budget: -1}\n")
    result = invoke("check", "--format", "json", str(path))
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["model"] == {
        "title": None,
        "organisation": None,
        "as_of": None,
        "currency": None,
        "files": ["model.yaml"],
        "entities": None,
    }
    assert (doc["source"], doc["loaded"]) == (str(path), False)
    # entity and kind are null for a file-level error, set for an error inside an entity.
    assert [(f["rule"], f["entity"], f["kind"], f["line"], f["column"]) for f in doc["findings"]] == [
        ("schema", None, None, 1, 9),
        ("schema", "p1", "project", 3, 26),
    ]
    assert doc["findings_count"] == {"errors": 2, "warnings": 0, "waived": 0}


def test_json_for_an_unreadable_model(invoke, write_model):
    path = write_model("- not a mapping\n")
    result = invoke("check", "--format", "json", str(path))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["findings"] == [
        {
            "rule": "schema",
            "severity": "error",
            "entity": None,
            "kind": None,
            "message": "the top level must be a mapping of sections (aims:, themes:, ...), not a list",
            "file": str(path),
            "line": 1,
            "column": 1,
            "waived": False,
            "reason": None,
        }
    ]
    assert doc["loaded"] is False
    assert doc["model"]["entities"] is None


# -- --format github -----------------------------------------------------------------


def test_github_workflow_commands_exactly(invoke, write_model):
    path = write_model(WARNINGS + "  p2: {title: P2}\n")
    result = invoke("check", "--format", "github", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::notice file={path},line=3,col=3,title=aim-without-evidence::aim 'a1' (A) has no evidence: no measured"
        " benefit evidences it (waived: No figures yet)",
        f"::warning file={path},line=5,col=3,title=project-without-benefit::project 'p1' (P) realises no benefit",
        f"::error file={path},line=6,col=3,title=project-without-aim::project 'p2' (P2) reaches no aim, through a"
        " theme or directly",
        f"::warning file={path},line=6,col=3,title=project-without-benefit::project 'p2' (P2) realises no benefit",
        "1 error, 2 warnings, 1 waived in 3 entities",
    ]


def test_github_escapes_properties_and_data(invoke, write_model):
    path = write_model("aims:\n  a1: {title: '100% uptime'}\nrules: {aim-without-evidence: off}\n", "odd,name:v2.yaml")
    result = invoke("check", "--format", "github", str(path))
    escaped = str(path).replace(",", "%2C").replace(":", "%3A")
    assert result.stdout.splitlines()[0] == (
        f"::error file={escaped},line=2,col=3,title=aim-without-investment::aim 'a1' (100%25 uptime) has no"
        " investment: no project reaches it"
    )


def test_github_for_an_unreadable_model(invoke, write_model):
    path = write_model("aims: !foo {}\n")
    result = invoke("check", "--format", "github", str(path))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"::error file={path},line=1,col=7,title=schema::tag '!foo' is not allowed: a model holds plain data only",
        f"{path}: the model could not be loaded",
    ]


def test_unknown_format_is_a_usage_error(invoke):
    result = invoke("check", "--example", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


# -- finding the model ---------------------------------------------------------------


def _aim(title: str) -> str:
    return f"aims:\n  a1: {{title: {title}}}\n"


def test_model_argument_is_used(invoke, tmp_path):
    (tmp_path / "named.yaml").write_text(_aim("Named"), encoding="utf-8")
    result = invoke("check", "--format", "json", "named.yaml")
    assert json.loads(result.stdout)["model"]["files"] == ["named.yaml"]


def test_discovery_order(invoke, tmp_path, monkeypatch):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "aims.yaml").write_text(_aim("From the folder"), encoding="utf-8")
    doc = json.loads(invoke("check", "--format", "json").stdout)
    # Files are relative to the model root: the folder found.
    assert (doc["source"], doc["model"]["files"]) == ("model", ["aims.yaml"])

    (tmp_path / "goldenthread.yaml").write_text(_aim("From goldenthread.yaml"), encoding="utf-8")
    assert json.loads(invoke("check", "--format", "json").stdout)["model"]["files"] == ["goldenthread.yaml"]

    (tmp_path / "env.yaml").write_text(_aim("From the environment"), encoding="utf-8")
    monkeypatch.setenv("GOLDENTHREAD_MODEL", "env.yaml")
    assert json.loads(invoke("check", "--format", "json").stdout)["model"]["files"] == ["env.yaml"]

    (tmp_path / "arg.yaml").write_text(_aim("From the argument"), encoding="utf-8")
    assert json.loads(invoke("check", "--format", "json", "arg.yaml").stdout)["model"]["files"] == ["arg.yaml"]


def test_environment_naming_a_missing_model_exits_2(invoke, monkeypatch):
    monkeypatch.setenv("GOLDENTHREAD_MODEL", "gone.yaml")
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "gone.yaml:1:1: error[schema] no such file or folder"


def test_no_model_found_message_exactly(invoke, tmp_path):
    result = invoke("check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"goldenthread: error: no model found: looked for $GOLDENTHREAD_MODEL, goldenthread.yaml and model/ in "
        f"{tmp_path}; name one, or use --example\n"
    )


def test_example_with_a_model_is_a_usage_error(invoke, write_model):
    result = invoke("check", "--example", str(write_model(CLEAN)))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == "Error: give a MODEL or --example, not both"


def test_example_ignores_a_model_in_the_working_directory(invoke, tmp_path):
    (tmp_path / "goldenthread.yaml").write_text("aims: [broken\n", encoding="utf-8")
    result = invoke("check", "--example", "--format", "json")
    doc = json.loads(result.stdout)
    assert (doc["source"], doc["model"]["files"]) == ("<example>", ["hampshire.yaml"])


def test_version(invoke):
    from importlib.metadata import version

    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"goldenthread, version {version('goldenthread')}\n")


def test_a_folder_named_goldenthread_yaml_is_reported_not_passed_over(invoke, tmp_path):
    (tmp_path / "goldenthread.yaml").mkdir()
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "goldenthread.yaml:1:1: error[schema] folder holds no *.yaml or *.yml files"
