"""The data of an edited file, patched entity by entity, equals reading the new text whole (positions too)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_model
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.model.edit.session import ModelEdit
from goldenthread.model.loader import example_path
from goldenthread.model.yamlread import Map, Seq, parse_yaml

CORPUS = Path(__file__).parent / "models" / "formatting"
FILES = [example_path(), *sorted(CORPUS.iterdir())]


def same(a: Any, b: Any, where: str = "") -> None:
    assert type(a) is type(b), where
    if isinstance(a, Map):
        assert list(a) == list(b) and a.pos == b.pos, where
        assert a.key_pos == b.key_pos and a.value_pos == b.value_pos, where
        for k in a:
            same(a[k], b[k], f"{where}/{k}")
    elif isinstance(a, Seq):
        assert len(a) == len(b) and a.pos == b.pos and a.item_pos == b.item_pos, where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def check(edit: ModelEdit) -> int:
    result = edit.finish()
    patched = 0
    for change in result.files:
        if change.data is not None:
            patched += 1
            same(change.data, parse_yaml(change.new, change.source.name))
    return patched


@settings(max_examples=80, deadline=None)
@given(
    path=st.sampled_from(FILES),
    picks=st.lists(st.integers(0, 1000), min_size=1, max_size=4),
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n"), min_size=1).filter(
        str.strip
    ),
    add=st.booleans(),
    rename=st.booleans(),
)
def test_patched_data_is_the_new_texts_data(path, picks, text, add, rename):
    edit = ModelEdit(path)
    ids = sorted(edit.entities)
    for i, pick in enumerate(picks):
        edit.set(ids[pick % len(ids)], "owner", f"{text} {i}")
    if add:
        edit.add("aim", "new-aim", {"title": text, "tags": ["x"]})
    if rename:
        edit.rename(ids[picks[0] % len(ids)], "renamed-id")
    check(edit)


def test_a_generated_model_is_patched_not_read_again(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(generate_model(300))
    edit = ModelEdit(path)
    edit.set("proj-010", "owner", "Someone\nnew")
    edit.link("proj-020", "aim-1")
    edit.measure("ben-01", "12", dt.date(2025, 1, 1))
    edit.add("theme", "theme-new", {"title": "New", "aims": ["aim-2"]})
    assert check(edit) == 1
