"""``diff`` compares every field of the model block, the model-wide tolerance and review period included."""

from __future__ import annotations

import json

import pytest

from goldenthread.model.vocabulary import MODEL_FIELDS

OLD = """
model: {title: T, as_of: 2025-03-31}
aims:
  a1: {title: A}
"""


@pytest.fixture
def sides(write_model):
    write_model(OLD, "old.yaml")
    write_model(OLD.replace("as_of: 2025-03-31}", "as_of: 2025-03-31, tolerance: 5, review_every: 3m}"), "new.yaml")


def test_text_markdown_and_json_name_both_changes(invoke, sides):
    text = invoke("diff", "old.yaml", "new.yaml").stdout
    assert "Settings:\n~ model.tolerance: 0 -> 5\n~ model.review_every: (none) -> 3m\n" in text
    markdown = invoke("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert (
        "<summary>Settings: 2 changed</summary>\n\n- `model.tolerance`: 0 → 5\n- `model.review_every`: (none) → 3m\n"
        in markdown
    )
    doc = json.loads(invoke("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    assert doc["unchanged"] is False
    assert doc["settings"] == [
        {"field": "model.tolerance", "before": 0, "after": 5},
        {"field": "model.review_every", "before": None, "after": "3m"},
    ]


def test_every_field_of_the_model_block_is_compared(invoke, write_model):
    """Derived from the vocabulary: a field added to the model block is compared without a hand list."""
    values = {"str": "x", "date": "2024-01-31", "currency": "EUR", "percent": 7, "period": "6w"}
    old = write_model("model: {as_of: 2025-03-31}\naims:\n  a1: {title: A}\n", "old.yaml")
    stated = ", ".join(f"{name}: {values[f.type]}" for name, f in MODEL_FIELDS.items())
    write_model(f"model: {{{stated}}}\naims:\n  a1: {{title: A}}\n", "new.yaml")
    doc = json.loads(invoke("diff", str(old), "new.yaml", "--format", "json").stdout)
    assert [c["field"] for c in doc["settings"]] == [f"model.{name}" for name in MODEL_FIELDS]
