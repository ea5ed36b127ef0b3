"""Every command's ``--format json`` on every test model, validated against ``schema --output COMMAND``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from jsonschema import Draft202012Validator

from goldenthread.model import load_example, load_model
from goldenthread.traceability.render.jsonschemas import OUTPUT_COMMANDS

TESTS = Path(__file__).parent
#: None is the built-in example.
MODELS: list[Path | None] = [
    None,
    *sorted((TESTS / "models" / "good").glob("*.yaml")),
    TESTS / "models" / "good" / "folder",
    TESTS / "models" / "portfolio.yaml",
    *sorted((TESTS / "browser" / "models").glob("*.yaml")),
]
BAD = sorted((TESTS / "models" / "bad").iterdir())


def _name(model: Path | None) -> str:
    return "example" if model is None else model.relative_to(TESTS).as_posix()


def _model_args(model: Path | None) -> list[str]:
    return ["--example"] if model is None else [str(model)]


def _first(model: Path | None, section: str) -> str | None:
    m = load_example() if model is None else load_model(model)
    return next(iter(getattr(m, section)), None)


def _runs(model: Path | None) -> list[tuple[str, list[str]]]:
    """(command, arguments) of every JSON-printing command on ``model``, every variant that changes the shape."""
    runs: list[tuple[str, list[str]]] = [
        ("check", []),
        ("gaps", []),
        ("benefits", []),
        ("summary", []),
        ("export", []),
        *(("matrix", ["--cols", c, "--value", v]) for c in ("themes", "projects") for v in ("count", "budget")),
    ]
    for section in ("aims", "themes", "projects", "benefits"):
        entity = _first(model, section)
        if entity is not None:
            runs += [("trace", [entity]), ("trace", [entity, "--up"]), ("trace", [entity, "--down"])]
    impacts = [e for e in (_first(model, "projects"), _first(model, "themes")) if e is not None]
    if impacts:
        runs.append(("impact", impacts))
        runs.append(("impact", impacts[:1]))
    return runs


def _validator(runner_invoke, command: str) -> Draft202012Validator:
    result = runner_invoke("schema", "--output", command)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_command_has_a_schema():
    assert OUTPUT_COMMANDS == (
        "add",
        "benefits",
        "check",
        "diff",
        "export",
        "gaps",
        "history",
        "impact",
        "link",
        "matrix",
        "measure",
        "remove",
        "rename",
        "set",
        "summary",
        "trace",
        "unlink",
        "unwaive",
        "waive",
    )


def test_every_command_that_prints_json_has_a_schema():
    from goldenthread.cli.main import cli

    printing = {
        name
        for name, command in cli.commands.items()
        for p in command.params
        if p.name == "fmt" and isinstance(p.type, click.Choice) and "json" in p.type.choices
    }
    assert printing == set(OUTPUT_COMMANDS)


def _valid(invoke, command: str, doc: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(invoke, command).iter_errors(doc)]


CHANGED_PORTFOLIO = (
    (TESTS / "models" / "portfolio.yaml")
    .read_text(encoding="utf-8")
    .replace("aims:", "aims:\n  aim-added:\n    title: A new aim", 1)
)


def test_diff_documents_follow_their_schema(invoke, tmp_path):
    new = tmp_path / "new.yaml"
    new.write_text(CHANGED_PORTFOLIO, encoding="utf-8")
    old = str(TESTS / "models" / "portfolio.yaml")
    for sides in ((old, old), (old, str(new)), (str(new), old)):
        result = invoke("diff", *sides, "--format", "json")
        assert result.exit_code == 0, result.stderr
        doc = json.loads(result.stdout)
        assert _valid(invoke, "diff", doc) == []
        assert list(doc)[:2] == ["goldenthread", "model"]
    assert doc["entities"]["removed"] == [{"id": "aim-added", "kind": "aim", "title": "A new aim"}]


def test_history_document_follows_its_schema(invoke, tmp_path):
    from gitrepo import GitRepo

    repo = GitRepo(tmp_path / "repo")
    repo.write("goldenthread.yaml", (TESTS / "models" / "portfolio.yaml").read_text(encoding="utf-8"))
    repo.commit("first")
    repo.write("goldenthread.yaml", "aims: [not, a, mapping]\n")
    repo.commit("broken")
    repo.write("goldenthread.yaml", CHANGED_PORTFOLIO)
    repo.commit("an aim more")
    os.chdir(repo.path)
    result = invoke("history", "goldenthread.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert _valid(invoke, "history", doc) == []
    assert [c["subject"] for c in doc["commits"]] == ["an aim more", "broken", "first"]
    assert doc["commits"][1]["aims"] is None and doc["commits"][1]["problem"]


EDITS: list[list[str]] = [
    ["add", "aim", "aim-new", "--title", "A new aim"],
    ["set", "aim-new", "title", "A renamed aim"],
    ["link", "proj-x", "aim-new"],
    ["unlink", "proj-x", "aim-new"],
    ["waive", "aim-new", "aim-without-evidence", "--reason", "Measured next year."],
    ["unwaive", "aim-new", "aim-without-evidence"],
    ["rename", "aim-new", "aim-renamed"],
    ["remove", "aim-renamed"],
]


def test_edit_documents_follow_their_schema(invoke, tmp_path):
    model = tmp_path / "goldenthread.yaml"
    model.write_text(
        "aims:\n  aim-a:\n    title: An aim\nprojects:\n  proj-x:\n    title: A project\n    aims: [aim-a]\n",
        encoding="utf-8",
    )
    for args in EDITS:
        for dry in (["--dry-run"], []):
            result = invoke(*args, "-m", str(model), "--format", "json", *dry)
            assert result.exit_code == 0, (args, result.stderr)
            doc = json.loads(result.stdout)
            assert _valid(invoke, args[0], doc) == [], args
            assert doc["dry_run"] is bool(dry)
            assert doc["written"] == ([] if dry else ["goldenthread.yaml"]), args


@pytest.mark.parametrize("model", MODELS, ids=_name)
def test_every_document_follows_its_schema_and_shares_one_model_block(invoke, model):
    validators = {c: _validator(invoke, c) for c in OUTPUT_COMMANDS}
    blocks = {}
    for command, args in _runs(model):
        result = invoke(command, *args, *_model_args(model), "--format", "json")
        assert result.exit_code in (0, 1), (command, args, result.stderr)
        doc = json.loads(result.stdout)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[command].iter_errors(doc)]
        assert errors == [], (command, args)
        assert list(doc)[:2] == ["goldenthread", "model"]
        assert doc["goldenthread"]["command"] == command
        blocks[command, tuple(args)] = doc["model"]
    first = next(iter(blocks.values()))
    assert all(block == first for block in blocks.values())
    assert first["entities"] is not None and first["files"]


@pytest.mark.parametrize("model", BAD, ids=lambda p: p.name)
def test_check_reports_a_bad_model_in_its_schema(invoke, model):
    validator = _validator(invoke, "check")
    result = invoke("check", str(model), "--format", "json")
    assert result.exit_code in (1, 2)
    doc = json.loads(result.stdout)
    assert [f"{e.message}" for e in validator.iter_errors(doc)] == []
    assert doc["loaded"] is (doc["model"]["entities"] is not None)


def test_the_docs_name_every_schema_and_every_deprecated_key():
    from goldenthread.traceability.render.jsonschemas import output_schema

    text = (TESTS.parent / "docs" / "json.md").read_text(encoding="utf-8")
    for command in OUTPUT_COMMANDS:
        assert f"`{command}`" in text
        for key, prop in output_schema(command)["properties"].items():
            if prop.get("deprecated"):
                assert f"`{key}`" in text, (command, key)


def _path_of(model: Path | None) -> str:
    from goldenthread.model.loader import example_path

    return str(example_path() if model is None else model)


@pytest.mark.parametrize("model", MODELS, ids=_name)
def test_diff_of_every_model_against_the_next_follows_its_schema(invoke, model):
    """diff of two different models: entities, links, measurements and findings added, removed and changed."""
    validator = _validator(invoke, "diff")
    other = MODELS[(MODELS.index(model) + 1) % len(MODELS)]
    for old, new in ((model, other), (model, model)):
        result = invoke("diff", _path_of(old), _path_of(new), "--format", "json")
        assert result.exit_code == 0, result.stderr
        doc = json.loads(result.stdout)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == []


def test_diff_of_measurements_added_removed_and_changed_follows_its_schema(invoke, tmp_path):
    benefit = (
        "aims:\n  a1: {title: A}\nbenefits:\n  b1:\n    title: B\n    aims: [a1]\n"
        "    measure: {unit: days, target: 10}\n    measurements:\n"
    )
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(benefit + "      - {date: 2024-01-31, value: 15}\n      - {date: 2024-02-29, value: 14}\n")
    new.write_text(
        benefit + "      - {date: 2024-02-29, value: 13, source: Survey}\n      - {date: 2024-03-31, value: 12}\n"
    )
    result = invoke("diff", str(old), str(new), "--format", "json")
    doc = json.loads(result.stdout)
    assert _valid(invoke, "diff", doc) == []
    assert [(m["before"] is None, m["after"] is None) for m in doc["measurements"]] == [
        (False, True),
        (False, False),
        (True, False),
    ]
