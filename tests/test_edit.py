"""Editing commands: each edit changes exactly the intended lines, over files formatted every which way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.model.edit.session import EditError, ModelEdit
from goldenthread.model.loader import example_path, load_model
from goldenthread.model.types import SECTIONS

CORPUS = Path(__file__).parent / "models" / "formatting"


def changed(path: Path, apply) -> tuple[list[str], list[str]]:
    """The lines an edit removes and adds (the unified diff without its context)."""
    edit = ModelEdit(path)
    apply(edit)
    result = edit.finish()
    lines = list(
        difflib.unified_diff(*(c.splitlines() for c in (result.files[0].old, result.files[0].new)), lineterm="")
    )
    body = [line for line in lines[2:] if not line.startswith("@@")]
    return [x[1:] for x in body if x.startswith("-")], [x[1:] for x in body if x.startswith("+")]


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("two-space.yaml", ["      - a1"], ["      - a1", "      - a2"]),
        ("four-space.yaml", ["            - a1"], ["            - a1", "            - a2"]),
        ("indentless.yaml", ["    - a1"], ["    - a1", "    - a2"]),
        ("flow.yaml", ["  t1: {title: Web, aims: [a1]}"], ["  t1: {title: Web, aims: [a1, a2]}"]),
        ("quoted.yaml", ["    aims: ['a1']"], ["    aims: ['a1', a2]"]),
        ("long.yaml", ["    aims: [a1]"], ["    aims: [a1, a2]"]),
        ("crlf.yaml", ["    aims: [a1]"], ["    aims: [a1, a2]"]),
    ],
)
def test_link_changes_one_list(name, old, new):
    removed, added = changed(CORPUS / name, lambda e: e.link("t1", "a2"))
    # difflib pairs the unchanged first item as context: only the new line is added
    assert [line for line in added if line not in removed] == [line for line in new if line not in old]


@pytest.mark.parametrize(
    ("name", "added"),
    [
        ("two-space.yaml", ["  a9:", "    title: New aim", "    tags:", "      - x"]),
        ("four-space.yaml", ["    a9:", "        title: New aim", "        tags:", "            - x"]),
        ("indentless.yaml", ["  a9:", "    title: New aim", "    tags:", "    - x"]),
        ("comments.yaml", ["  a9:", "    title: New aim", "    tags: [x]"]),
        ("long.yaml", ["  a9:", "    title: New aim", "    tags: [x]"]),
        ("crlf.yaml", ["  a9:", "    title: New aim", "    tags: [x]"]),
    ],
)
def test_add_appends_only_the_entity(name, added):
    assert changed(CORPUS / name, lambda e: e.add("aim", "a9", {"title": "New aim", "tags": ["x"]})) == ([], added)


def test_add_lands_before_the_next_sections_comment():
    edit = ModelEdit(CORPUS / "comments.yaml")
    edit.add("aim", "a9", {"title": "New aim"})
    new = edit.finish().files[0].new
    assert "  a3:\n    title: Third aim\n  a9:\n    title: New aim\n\n# Before the themes: belongs to them.\n" in new


def test_set_keeps_comments_and_quoting():
    assert changed(CORPUS / "quoted.yaml", lambda e: e.set("a1", "owner", "Someone")) == (
        ['    owner: "Double \\"quoted\\""'],
        ['    owner: "Someone"'],
    )
    assert changed(CORPUS / "comments.yaml", lambda e: e.set("a1", "title", "Renamed")) == (
        ["    title: First aim  # eol on title"],
        ["    title: Renamed  # eol on title"],
    )


def test_long_strings_are_not_wrapped():
    assert changed(CORPUS / "long.yaml", lambda e: e.set("a1", "owner", "O")) == ([], ["    owner: O"])


def test_flow_section_edits_in_place():
    assert changed(CORPUS / "flow.yaml", lambda e: e.set("a2", "owner", "O")) == (
        ["aims: {a1: {title: First aim}, a2: {title: Second aim}}"],
        ["aims: {a1: {title: First aim}, a2: {title: Second aim, owner: O}}"],
    )


def test_rename_changes_the_key_and_every_reference():
    assert changed(CORPUS / "two-space.yaml", lambda e: e.rename("a1", "aim-one")) == (
        ["  a1:", "      - a1", "      - a1"],
        ["  aim-one:", "      - aim-one", "      - aim-one"],
    )


def test_remove_takes_its_comment_and_blank_line():
    assert changed(CORPUS / "comments.yaml", lambda e: e.remove("a3")) == (
        # difflib shows the blank line after it as the one removed: the same text.
        ["  # Before a3, after a blank line.", "  a3:", "    title: Third aim", ""],
        [],
    )


def test_remove_refuses_while_linked_then_cascades():
    with pytest.raises(EditError, match=r"aim 'a1' is still linked from theme 't1' \(aims\), benefit 'b1' \(aims\)"):
        ModelEdit(CORPUS / "two-space.yaml").remove("a1")
    removed, added = changed(CORPUS / "two-space.yaml", lambda e: e.remove("a1", cascade=True))
    assert removed == ["  a1:", "    title: First aim", "    aims:", "      - a1", "    aims:", "      - a1"]
    assert added == ["    aims: []", "    aims: []"]


def test_measure_keeps_date_order():
    assert changed(CORPUS / "two-space.yaml", lambda e: e.measure("b1", "10", dt.date(2005, 3, 1), "Survey")) == (
        [],
        ["      - date: 2005-03-01", "        value: 10", "        source: Survey"],
    )


def test_waive_and_unwaive():
    added = ["    waive:", "      project-without-benefit: A pilot"]
    assert changed(CORPUS / "two-space.yaml", lambda e: e.waive("p1", "project-without-benefit", "A pilot")) == (
        [],
        added,
    )


def test_measure_fields():
    assert changed(CORPUS / "two-space.yaml", lambda e: e.set("b1", "measure.target", "50")) == (
        ["      target: 40"],
        ["      target: 50"],
    )


@pytest.mark.parametrize(
    ("apply", "message"),
    [
        (lambda e: e.set("aim1", "title", "x"), "no entity has the id 'aim1'; did you mean 'a1'?"),
        (lambda e: e.link("a1", "t1"), "cannot link aim 'a1' to theme 't1': links go theme to aim, project to theme"),
        (lambda e: e.set("p1", "status", "activ"), "did you mean 'active'?"),
        (lambda e: e.set("p1", "budget", "lots"), "'budget' must be a number, not 'lots'"),
        (lambda e: e.set("a1", "titel", "x"), "did you mean 'title'?"),
        (lambda e: e.waive("p1", "project-without-benefits", "r"), "did you mean 'project-without-benefit'?"),
        (lambda e: e.add("aim", "a1", {"title": "x"}), "the id 'a1' is already used"),
        (lambda e: e.set("a1", "title", None), "'title' is required"),
    ],
)
def test_bad_edits_say_why(apply, message):
    with pytest.raises(EditError) as e:
        apply(ModelEdit(CORPUS / "two-space.yaml"))
    assert message in str(e.value)


def test_edit_that_breaks_the_model_is_refused_and_nothing_written(invoke, tmp_path):
    model = tmp_path / "m.yaml"
    shutil.copy(CORPUS / "two-space.yaml", model)
    before = model.read_bytes()
    result = invoke("set", "p1", "start", "2006-01-01", "end", "2005-01-01", "-m", str(model))
    assert result.exit_code == 2
    assert "not changed: the edit would make the model invalid: end 2005-01-01 of project 'p1'" in result.stderr
    assert model.read_bytes() == before


def test_dry_run_prints_the_diff_and_writes_nothing(invoke, tmp_path):
    model = tmp_path / "m.yaml"
    shutil.copy(CORPUS / "crlf.yaml", model)
    before = model.read_bytes()
    result = invoke("link", "t1", "a2", "-m", str(model), "--dry-run")
    assert result.exit_code == 0
    assert "-    aims: [a1]\n+    aims: [a1, a2]\n" in result.stdout
    assert model.read_bytes() == before


def test_crlf_is_kept(invoke, tmp_path):
    model = tmp_path / "m.yaml"
    shutil.copy(CORPUS / "crlf.yaml", model)
    assert invoke("link", "t1", "a2", "-m", str(model)).exit_code == 0
    assert model.read_bytes() == (CORPUS / "crlf.yaml").read_bytes().replace(b"[a1]", b"[a1, a2]")


def test_json_output_names_changes_and_findings(invoke, tmp_path):
    model = tmp_path / "m.yaml"
    shutil.copy(CORPUS / "two-space.yaml", model)
    result = invoke("add", "aim", "a3", "--title", "Third", "-m", str(model), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["goldenthread"]["command"] == "add"
    assert doc["changes"] == [f"added aim 'a3' to {model}"]
    assert sorted(f["rule"] for f in doc["introduced"]) == ["aim-without-evidence", "aim-without-investment"]
    assert doc["resolved"] == []


def test_example_cannot_be_edited(invoke):
    result = invoke("link", "a", "b", "--example")
    assert result.exit_code == 2
    assert "the built-in example cannot be edited" in result.stderr


def test_folder_model_new_entity_goes_to_its_sections_file(tmp_path):
    (tmp_path / "aims.yaml").write_text("aims:\n  a1:\n    title: A\n")
    (tmp_path / "projects.yaml").write_text("projects:\n  p1:\n    title: P\n    aims: [a1]\n")
    edit = ModelEdit(tmp_path)
    edit.add("project", "p2", {"title": "Q", "aims": ["a1"]})
    result = edit.finish()
    assert [c.source.name for c in result.files] == [str(tmp_path / "projects.yaml")]
    assert result.files[0].new.endswith("  p2:\n    title: Q\n    aims: [a1]\n")


EXAMPLE_IDS = sorted(e.id for e in load_model(example_path()).entities())


@settings(max_examples=40, deadline=None)
@given(
    eid=st.sampled_from(EXAMPLE_IDS),
    owner=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip),
)
def test_set_changes_one_field_and_nothing_else(eid, owner):
    edit = ModelEdit(example_path())
    edit.set(eid, "owner", owner)
    result = edit.finish()
    assert result.after is not None and result.before is not None
    after = {e.id: e for e in result.after.entities()}
    assert after[eid].owner == owner
    for other in result.before.entities():
        if other.id != eid:
            assert dataclasses.replace(after[other.id], pos=other.pos) == other
    lines = list(difflib.unified_diff(result.files[0].old.splitlines(), result.files[0].new.splitlines(), lineterm=""))
    body = [line for line in lines[2:] if line[:1] in "+-"]
    assert len([line for line in body if line.startswith("+")]) == 1
    assert len([line for line in body if line.startswith("-")]) <= 1


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "model"
    root.mkdir()
    (root / "aims.yaml").write_text("# Aims.\naims:\n  a1:\n    title: A\n")
    (root / "work.yaml").write_text(
        "themes:\n  t1:\n    title: T\n    aims: [a1]\nprojects:\n  p1:\n    title: P\n    themes: [t1]\n"
        "    waive:\n      project-without-benefit: A pilot\n"
    )
    return root


def test_rename_reaches_every_file(folder, invoke):
    result = invoke("rename", "a1", "aim-1", "-m", str(folder))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "renamed aim 'a1' to 'aim-1'",
        "renamed 'a1' in aims of theme 't1'",
        f"wrote {folder / 'aims.yaml'}",
        f"wrote {folder / 'work.yaml'}",
    ]
    assert (folder / "aims.yaml").read_text() == "# Aims.\naims:\n  aim-1:\n    title: A\n"
    assert "    aims: [aim-1]\n" in (folder / "work.yaml").read_text()


def test_new_file_in_the_folder(folder, invoke):
    result = invoke(
        "add", "benefit", "b1", "--title", "B", "--project", "p1", "--file", str(folder / "b.yaml"), "-m", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    assert (folder / "b.yaml").read_text() == "benefits:\n  b1:\n    title: B\n    projects: [p1]\n"
    outside = invoke("add", "aim", "a2", "--title", "X", "--file", "elsewhere.yaml", "-m", str(folder))
    assert outside.exit_code == 2
    assert "is not one of the model's files" in outside.stderr


def test_unwaive_unset_and_unlink(folder, invoke):
    assert invoke("unwaive", "p1", "project-without-benefit", "-m", str(folder)).exit_code == 0
    assert "waive" not in (folder / "work.yaml").read_text()
    assert invoke("unlink", "t1", "a1", "-m", str(folder)).exit_code == 0
    assert "    aims: []\n" in (folder / "work.yaml").read_text()
    again = invoke("unlink", "t1", "a1", "-m", str(folder))
    assert again.exit_code == 2
    assert again.stderr == "goldenthread: error: theme 't1' is not linked to aim 'a1'\n"
    assert invoke("set", "p1", "budget", "100", "-m", str(folder)).exit_code == 0
    assert invoke("set", "p1", "--unset", "budget", "-m", str(folder)).exit_code == 0
    assert "budget" not in (folder / "work.yaml").read_text()


def test_measure_defaults_to_today(folder, invoke):
    invoke("add", "benefit", "b1", "--title", "B", "--unit", "hours", "--target", "10", "-m", str(folder))
    assert invoke("measure", "b1", "4", "--note", "first count", "-m", str(folder)).exit_code == 0
    text = (folder / "aims.yaml").read_text()  # no file held benefits: the first file
    assert f"      - {{date: {dt.date.today().isoformat()}, value: 4, x-note: first count}}\n" in text


CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir())


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(CORPUS_FILES),
    pick=st.integers(0, 100),
    field=st.sampled_from(["owner", "description", "title"]),
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1).filter(
        str.strip
    ),
)
def test_any_field_edit_on_any_layout_changes_only_that_entity(name, pick, field, text):
    edit = ModelEdit(CORPUS / name)
    ids = sorted(edit.entities)
    eid = ids[pick % len(ids)]
    edit.set(eid, field, text)
    result = edit.finish()
    assert result.before is not None and result.after is not None
    after = {e.id: e for e in result.after.entities()}
    assert getattr(after[eid], field) == text

    def unplaced(e):
        if hasattr(e, "measurements"):
            e = dataclasses.replace(e, measurements=tuple(dataclasses.replace(m, pos=None) for m in e.measurements))
        return dataclasses.replace(e, pos=None)

    for other in result.before.entities():
        if other.id != eid:
            assert unplaced(after[other.id]) == unplaced(other)
    # every line removed or changed lies between the entity's key and the next key
    old, new = result.files[0].old.splitlines(), result.files[0].new.splitlines()
    kept = set()
    for block in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    starts = sorted(
        pos[0] - 1
        for section in edit.files[0].data.values()
        if isinstance(section, dict)
        for pos in section.key_pos.values()
    ) + sorted(pos[0] - 1 for pos in edit.files[0].data.key_pos.values())
    first = edit.files[0].data[SECTIONS[edit.entities[eid].kind]].key_pos[edit.entities[eid].key][0] - 1
    last = min([s for s in starts if s > first], default=len(old)) - 1
    flow_section = first == last + 1 or "flow" in name
    assert all(first <= i <= last or flow_section for i in range(len(old)) if i not in kept)
