"""The vocabulary is the one description of the model: what is declared there is what every part reads."""

from __future__ import annotations

import json

import pytest

from goldenthread.model import load_model, vocabulary
from goldenthread.model.edit.values import LINKS as EDIT_LINKS
from goldenthread.model.vocabulary import ENTITY_FIELDS, FIELD_ORDER, KINDS, LINKS, Field, field_order
from goldenthread.traceability.graph import RELATIONS

MODEL = """\
aims:
  a1:
    title: Healthy residents
themes:
  t1:
    title: Digital
    aims: [a1]
projects:
  p1:
    title: Web platform
    budget: 100
    themes: [t1]
"""


@pytest.fixture
def added(monkeypatch):
    """A copy of the vocabulary with two optional scalar fields more (not in the format) on projects: one entry each."""
    fields = {
        **ENTITY_FIELDS["project"],
        "cost_centre": Field("str", "Where the money is booked."),
        "contingency": Field("amount", "Money spent so far (>= 0)."),
    }
    monkeypatch.setitem(ENTITY_FIELDS, "project", fields)


def test_an_added_field_is_validated_set_exported_and_imported_back(added, invoke, tmp_path):
    model = tmp_path / "goldenthread.yaml"
    model.write_text(MODEL.replace("    budget: 100\n", "    budget: 100\n    cost_centre: CC-12\n"), "utf-8")
    # Validated: read into the entity, and a wrong type refused where it stands.
    assert load_model(model).projects["p1"].values == {"cost_centre": "CC-12"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(MODEL.replace("    budget: 100\n", "    budget: 100\n    contingency: -5\n"), "utf-8")
    result = invoke("check", "bad.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "bad.yaml:12:18: error[schema] 'contingency' of project 'p1' must not be negative (-5)\n"
    )

    # Settable with set, typed by the vocabulary (an amount reads "1,200").
    result = invoke("set", "p1", "contingency", "1,200", "cost_centre", "CC-99")
    assert result.exit_code == 0, result.output
    assert "    budget: 100\n    cost_centre: CC-99\n    themes: [t1]\n    contingency: 1200\n" in model.read_text(
        "utf-8"
    )
    assert (
        invoke("set", "p1", "contingency", "lots").stderr
        == "goldenthread: error: 'contingency' must be a number, not 'lots'\n"
    )

    # Exported: JSON, CSV and xlsx.
    nodes = json.loads(invoke("export", "--format", "json").stdout)["nodes"]
    assert [(n["cost_centre"], n["contingency"]) for n in nodes if n["id"] == "p1"] == [("CC-99", 1200)]
    assert invoke("export", "--format", "csv", "-o", "csv").exit_code == 0
    header, *rows = (tmp_path / "csv" / "nodes.csv").read_text("utf-8").splitlines()
    assert header.endswith(
        ",waivers,spent,confidence,allocation,cost_centre,contingency,value,review_every,file,line,column"
    )
    assert next(r for r in rows if r.startswith("p1,")).endswith(",,,,CC-99,1200,,,goldenthread.yaml,9,3")
    assert invoke("export", "--format", "xlsx", "-o", "model.xlsx").exit_code == 0

    # Imported back from both.
    for source in ("csv", "model.xlsx"):
        result = invoke("import", source, "-o", f"from-{source}.yaml")
        assert result.exit_code == 0, result.output
        back = load_model(tmp_path / f"from-{source}.yaml").projects["p1"]
        assert back.values == {"cost_centre": "CC-99", "contingency": 1200}

    # Compared by diff.
    (tmp_path / "old.yaml").write_text(
        MODEL.replace("    budget: 100\n", "    budget: 100\n    contingency: 5\n"), "utf-8"
    )
    changed = json.loads(invoke("diff", "old.yaml", "goldenthread.yaml", "--format", "json").stdout)
    assert changed["entities"]["changed"][0]["changes"] == [
        {"field": "cost_centre", "before": None, "after": "CC-99"},
        {"field": "contingency", "before": 5, "after": 1200},
    ]

    # And in the published JSON Schema.
    project = json.loads(invoke("schema").stdout)["$defs"]["project"]["properties"]
    assert project["contingency"]["description"] == "Money spent so far (>= 0)."
    assert project["cost_centre"]["description"] == "Where the money is booked."


def test_without_its_entry_the_field_is_an_unknown_key(invoke, tmp_path):
    (tmp_path / "goldenthread.yaml").write_text(MODEL.replace("    budget: 100\n", "    contingency: 5\n"), "utf-8")
    result = invoke("check")
    assert "unknown key 'contingency'" in result.stdout


def test_each_link_is_held_by_a_refs_field_naming_the_other_end():
    for link in LINKS:
        field = ENTITY_FIELDS[link.holder][link.field]
        assert (field.type, field.ref) == ("refs", link.named)
    refs = [(kind, name) for kind in KINDS for name, f in ENTITY_FIELDS[kind].items() if f.type == "refs"]
    assert sorted(refs) == sorted((link.holder, link.field) for link in LINKS)


def test_the_links_read_the_same_everywhere():
    assert RELATIONS == {
        "delivers": ("project", "theme"),
        "supports": ("theme", "aim"),
        "contributes": ("project", "aim"),
        "realises": ("project", "benefit"),
        "evidences": ("benefit", "aim"),
    }
    assert EDIT_LINKS == {
        ("theme", "aim"): ("aims", "supports"),
        ("project", "theme"): ("themes", "delivers"),
        ("project", "aim"): ("aims", "contributes"),
        ("benefit", "project"): ("projects", "realised by"),
        ("benefit", "aim"): ("aims", "evidences"),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_keeps_its_field_order_within_the_one_order(kind):
    order = field_order(kind)
    assert set(order) == set(ENTITY_FIELDS[kind])
    assert [FIELD_ORDER.index(name) for name in order] == sorted(FIELD_ORDER.index(name) for name in order)


def test_the_closed_sets_are_the_literal_types():
    assert vocabulary.PROJECT_STATUSES == ("proposed", "approved", "active", "completed", "cancelled")
    assert ENTITY_FIELDS["project"]["status"].choices == vocabulary.PROJECT_STATUSES
    assert ENTITY_FIELDS["benefit"]["kind"].choices == vocabulary.BENEFIT_KINDS
