"""The corpus of bad models under tests/models/bad/: each fails cleanly, at its place.

Exit 2 means the file could not be read as safe YAML at all (syntax, tags,
anchors, encoding, shape, size, depth, an impossible date, a duplicate key);
exit 1 means it was read but breaks the format (a ``schema`` error) or a rule.
Either way the user sees ``path:line:col: error[rule] message`` and never a
traceback.  Cases too big to commit (deep nesting, a file over 64 MiB) are
generated into tmp_path at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BAD = Path(__file__).parent / "models" / "bad"
GOOD = Path(__file__).parent / "models" / "good"

#: file (or folder) -> (exit code, file inside the folder or None, line, column, rule, message fragment)
EXPECTED: dict[str, tuple[int, str | None, int, int, str, str]] = {
    # -- exit 2: not readable as safe YAML ------------------------------------
    "syntax-unclosed-flow.yaml": (2, None, 4, 8, "schema", "invalid YAML: while parsing a flow mapping"),
    "syntax-bad-indent.yaml": (2, None, 4, 4, "schema", "invalid YAML: while parsing a block mapping"),
    "tab-indent.yaml": (2, None, 3, 1, "schema", "a tab character here: YAML indents with spaces only"),
    "billion-laughs.yaml": (2, None, 2, 7, "schema", "anchors are not allowed (&lol0)"),
    "alias.yaml": (2, None, 4, 12, "schema", "aliases are not allowed (*chief)"),
    "merge-key.yaml": (2, None, 3, 5, "schema", "merge keys (<<) are not allowed"),
    "python-tag.yaml": (2, None, 3, 12, "schema", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not"),
    "unknown-tag.yaml": (2, None, 2, 8, "schema", "tag '!foo' is not allowed: a model holds plain data only"),
    "binary-tag.yaml": (2, None, 3, 12, "schema", "tag 'tag:yaml.org,2002:binary' is not allowed"),
    "non-utf8.yaml": (2, None, 3, 15, "schema", "not valid UTF-8: byte 0xe9 cannot be decoded"),
    "nul-byte.yaml": (2, None, 3, 22, "schema", "NUL character in file"),
    "control-character.yaml": (2, None, 3, 22, "schema", "character U+001B is not allowed"),
    "empty.yaml": (2, None, 1, 1, "schema", "file is empty: expected a mapping of sections"),
    "comment-only.yaml": (2, None, 1, 1, "schema", "file is empty: expected a mapping of sections"),
    "two-documents.yaml": (2, None, 3, 1, "schema", "a model file holds one YAML document; found a second"),
    "top-level-list.yaml": (2, None, 1, 1, "schema", "mapping of sections (aims:, themes:, ...), not a list"),
    "top-level-scalar.yaml": (2, None, 1, 1, "schema", "the top level must be a mapping of sections"),
    "impossible-date.yaml": (2, None, 3, 10, "schema", "impossible date '2005-02-30': day is out of range for month"),
    "duplicate-key.yaml": (2, None, 6, 3, "schema", "duplicate key 'hpsn' (first at line 2, column 3)"),
    "complex-key.yaml": (2, None, 2, 5, "schema", "complex (mapping or sequence) keys are not allowed"),
    # -- exit 1: readable, but breaks the format ------------------------------
    "duplicate-id-across-sections.yaml": (1, None, 4, 3, "schema", "duplicate id 'swift': already defined as an aim"),
    "duplicate-id-across-files": (1, "projects.yaml", 3, 3, "schema", "duplicate id 'hpsn': already defined as an aim"),
    "second-model-section": (1, "b-extra.yaml", 3, 1, "schema", "'model' may appear once in a model; it is also at "),
    "unknown-key.yaml": (1, None, 4, 5, "schema", "unknown key 'budjet' in project 'sap'; did you mean 'budget'?"),
    "unknown-section.yaml": (1, None, 3, 1, "schema", "unknown section 'investments'"),
    "wrong-type-title.yaml": (1, None, 4, 7, "schema", "'title' of aim 'aim-1' must be text, not a list"),
    "wrong-type-budget.yaml": (1, None, 4, 13, "schema", "'budget' of project 'sap' must be a number, not text"),
    "bad-enum.yaml": (1, None, 4, 13, "schema", "not text ('actve'); did you mean 'active'?"),
    "missing-title.yaml": (1, None, 2, 3, "schema", "theme 'e-government' is missing required key 'title'"),
    "bad-id.yaml": (1, None, 2, 3, "schema", "invalid id 'aim 1'"),
    "ref-missing.yaml": (1, None, 6, 12, "schema", "names unknown aim 'aim-l'; did you mean 'aim-1'?"),
    "ref-wrong-kind.yaml": (1, None, 8, 14, "schema", "names 'aim-1', which is an aim, not a theme"),
    "refs-not-a-list.yaml": (1, None, 6, 11, "schema", "'aims' of theme 'hantsweb' must be a list of aim ids"),
    "section-not-mapping.yaml": (1, None, 2, 3, "schema", "section 'aims' must be a mapping, not a list"),
    "end-before-start.yaml": (1, None, 5, 10, "schema", "end 2004-03-31 of project 'it2000' precedes its start"),
    "negative-budget.yaml": (1, None, 4, 13, "schema", "'budget' of project 'ot-direct' must not be negative (-25000)"),
    "measure-missing-unit.yaml": (1, None, 5, 7, "schema", "of benefit 'gershon' is missing required key 'unit'"),
    "measurement-missing-value.yaml": (1, None, 6, 9, "schema", "a measurement of benefit 'gershon' is missing"),
    "unknown-rule.yaml": (1, None, 2, 3, "schema", "did you mean 'project-without-benefit'?"),
    "bad-rule-setting.yaml": (1, None, 2, 18, "schema", "rule 'broken-thread' must be set to error, warning or off"),
    "unknown-waive-rule.yaml": (1, None, 5, 7, "schema", "did you mean 'aim-without-evidence'?"),
    # -- exit 1: follows the format, fails a rule -----------------------------
    "aim-without-investment.yaml": (1, None, 4, 3, "aim-without-investment", "no project reaches it"),
}  # fmt: skip


def test_the_corpus_and_the_table_agree():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


def assert_fails_cleanly(result, shown: str, exit_code: int, line: int, col: int, rule: str, fragment: str):
    """One positioned error line for the case, the right exit code, no traceback."""
    assert result.exit_code == exit_code, result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    errors = [ln for ln in result.stdout.splitlines() if "error[" in ln]
    assert len(errors) == 1, result.stdout
    prefix = f"{shown}:{line}:{col}: error[{rule}] "
    assert errors[0].startswith(prefix), errors[0]
    assert fragment in errors[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_model(invoke, name):
    exit_code, inside, line, col, rule, fragment = EXPECTED[name]
    path = BAD / name
    shown = f"{path}/{inside}" if inside else str(path)
    result = invoke("check", str(path))
    assert_fails_cleanly(result, shown, exit_code, line, col, rule, fragment)
    summary = result.stdout.splitlines()[-1]
    if exit_code == 2:
        assert summary == f"{path}: the model could not be loaded"
    elif rule == "schema":
        assert summary == "1 error, 0 warnings, 0 waived: the model does not follow the format"


def test_duplicates_across_files_name_both_places(invoke):
    folder = BAD / "duplicate-id-across-files"
    result = invoke("check", str(folder))
    assert result.stdout.splitlines()[0] == (
        f"{folder}/projects.yaml:3:3: error[schema] duplicate id 'hpsn': already defined as an aim at "
        f"{folder}/aims.yaml:2:3"
    )


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_bad_models_fail_the_same_way_in_every_format(invoke, fmt):
    result = invoke("check", "--format", fmt, str(BAD / "python-tag.yaml"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


# -- generated at test time: too big to commit -----------------------------------

#: style -> (make the text for n levels, where the 33rd level opens)
DEEP = {
    "block": (lambda n: "aims:\n  a1:\n    x-deep:\n" + "      " + "- " * n + "x\n", "4:65"),
    "flow": (lambda n: "aims: {a1: {title: A, x-deep: " + "[" * n + "]" * n + "}}\n", "1:60"),
}


@pytest.mark.parametrize("levels", [20_000, 100_000])
@pytest.mark.parametrize("style", sorted(DEEP))
def test_deep_nesting(invoke, tmp_path, levels, style):
    make, where = DEEP[style]
    path = tmp_path / f"deep-{levels}-{style}.yaml"
    path.write_text(make(levels), encoding="utf-8")
    result = invoke("check", str(path))
    line, col = map(int, where.split(":"))
    assert_fails_cleanly(result, str(path), 2, line, col, "schema", "nesting is deeper than 32 levels")


def test_huge_file(invoke, tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.write(b"aims:\n")
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: no 64 MiB is written to disk
    result = invoke("check", str(path))
    assert_fails_cleanly(
        result, str(path), 2, 1, 1, "schema", "file is 67,108,865 bytes, over the 67,108,864-byte limit"
    )


# -- good models that must load ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("bom.yaml", "0 errors, 0 warnings, 1 waived in 3 entities"),
        ("yaml12.yaml", "0 errors, 0 warnings, 0 waived in 4 entities"),
        ("complete.yaml", "0 errors, 0 warnings, 1 waived in 7 entities"),
        ("folder", "0 errors, 2 warnings, 0 waived in 2 entities"),
    ],
)
def test_good_model_passes(invoke, name, summary):
    result = invoke("check", str(GOOD / name))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == summary


def test_bom_file_positions_ignore_the_bom():
    from goldenthread.model import load_model

    model = load_model(GOOD / "bom.yaml")
    assert (model.aims["aim-1"].pos.line, model.aims["aim-1"].pos.column) == (4, 3)


def test_yaml_1_2_strings_and_integers():
    from goldenthread.model import load_model

    model = load_model(GOOD / "yaml12.yaml")
    aim = model.aims["aim-no"]
    assert (model.info.title, model.info.organisation) == ("no", "off")
    assert (aim.title, aim.owner, aim.description, aim.tags) == ("no", "off", "NO", ("yes", "on", "y", "n"))
    assert aim.extra == {"x-a": [1, 2]}
    assert model.projects["p-octal"].budget == 15
    assert model.projects["p-hex"].budget == 31
    assert model.benefits["b1"].title == "yes"
    assert model.benefits["b1"].measure.target == 16
    assert model.benefits["b1"].measurements[0].value == 16
