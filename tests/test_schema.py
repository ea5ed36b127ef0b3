"""``goldenthread schema``: the published JSON Schema agrees with what ``check`` accepts.

Models are read with goldenthread's own reader and their dates turned into
ISO strings first, since JSON has no date type: that is what an editor's
YAML language server hands the schema.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from goldenthread.model import example_path
from goldenthread.model.jsonschema import SCHEMA_ID, json_schema
from goldenthread.model.rulebook import RULES
from goldenthread.model.yamlread import parse_yaml, read_yaml

MODELS = Path(__file__).parent / "models"
GOOD_FILES = sorted(p for p in (MODELS / "good").rglob("*") if p.suffix in (".yaml", ".yml"))


def as_json(value: object) -> object:
    """YAML data as JSON data: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(validator: Draft202012Validator, text: str) -> list[tuple[list, str]]:
    """(path in the document, validator keyword) for every way ``text`` breaks the schema."""
    doc = as_json(parse_yaml(text))
    return sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(doc))


def test_the_schema_is_draft_2020_12(validator):
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert set(schema["properties"]) == {"model", "aims", "themes", "projects", "benefits", "rules"}


def test_the_command_prints_the_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == json.dumps(json_schema(), indent=2) + "\n"


def test_the_built_in_example_validates(validator):
    doc = as_json(read_yaml(example_path()))
    assert list(validator.iter_errors(doc)) == []


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.relative_to(MODELS).as_posix())
def test_good_models_validate(validator, path):
    assert len(GOOD_FILES) >= 4
    doc = as_json(read_yaml(path))
    assert [e.message for e in validator.iter_errors(doc)] == []


#: Bad corpus files whose fault the schema can express -> (path of the fault, keyword that catches it).
EXPRESSIBLE = {
    "unknown-key.yaml": (["projects", "sap"], "additionalProperties"),
    "unknown-section.yaml": ([], "additionalProperties"),
    "bad-enum.yaml": (["projects", "sap", "status"], "enum"),
    "negative-budget.yaml": (["projects", "ot-direct", "budget"], "minimum"),
    "missing-title.yaml": (["themes", "e-government"], "required"),
    "bad-id.yaml": (["aims"], "pattern"),  # the pattern of propertyNames
    "unknown-rule.yaml": (["rules"], "additionalProperties"),
    "bad-rule-setting.yaml": (["rules", "broken-thread"], "enum"),
    "unknown-waive-rule.yaml": (["aims", "aim-1", "waive"], "additionalProperties"),
    "wrong-type-title.yaml": (["aims", "aim-1", "title"], "type"),
    "wrong-type-budget.yaml": (["projects", "sap", "budget"], "type"),
    "refs-not-a-list.yaml": (["themes", "hantsweb", "aims"], "type"),
    "section-not-mapping.yaml": (["aims"], "type"),
    "measure-missing-unit.yaml": (["benefits", "gershon", "measure"], "required"),
    "measurement-missing-value.yaml": (["benefits", "gershon", "measurements", 0], "required"),
}


@pytest.mark.parametrize("name", sorted(EXPRESSIBLE))
def test_bad_models_the_schema_can_express_do_not_validate(validator, name):
    doc = as_json(read_yaml(MODELS / "bad" / name))
    found = sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(doc))
    assert found == [EXPRESSIBLE[name]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("projects:\n  p1: {title: P, budjet: 5}\n", [(["projects", "p1"], "additionalProperties")]),
        ("projects:\n  p1: {title: P, status: actve}\n", [(["projects", "p1", "status"], "enum")]),
        ("projects:\n  p1: {title: P, budget: -1}\n", [(["projects", "p1", "budget"], "minimum")]),
        ("aims:\n  a1: {owner: x}\n", [(["aims", "a1"], "required")]),
        ("aims:\n  _a1: {title: A}\n", [(["aims"], "pattern")]),
        ("rules: {project-without-benfit: error}\n", [(["rules"], "additionalProperties")]),
        ("rules: {schema: off}\n", [(["rules"], "additionalProperties")]),
        (
            "aims:\n  a1: {title: A, waive: {aim-without-evidence: ''}}\n",
            [(["aims", "a1", "waive", "aim-without-evidence"], "pattern")],
        ),
        ("benefits:\n  b1: {title: B, kind: cash}\n", [(["benefits", "b1", "kind"], "enum")]),
        (
            "benefits:\n  b1: {title: B, measure: {unit: u, target: 1, direction: up}}\n",
            [(["benefits", "b1", "measure", "direction"], "enum")],
        ),
        (
            "benefits:\n  b1: {title: B, measurements: [{date: 2005-01-01}]}\n",
            [(["benefits", "b1", "measurements", 0], "required")],
        ),
        ("projects:\n  p1: {title: P, start: soon}\n", [(["projects", "p1", "start"], "pattern")]),
        ("themes:\n  t1: {title: T, aims: [a1, a1]}\n", [(["themes", "t1", "aims"], "uniqueItems")]),
        ("model: {currency: pounds}\n", [(["model", "currency"], "pattern")]),
        ("model: {title: T}\nextra: 1\n", [([], "additionalProperties")]),
    ],
)  # fmt: skip
def test_faults_the_schema_expresses(validator, text, expected):
    assert problems(validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "model:\naims:\nrules:\n",  # empty sections read as null, which check accepts
        "aims:\n  a1: {title: A, owner: , tags: , waive: }\n",
        "projects:\n  p1: {title: P, status: , budget: , start: , themes: }\n",
        "benefits:\n  b1: {title: B, kind: , measure: , measurements: }\n",
        "aims:\n  2005: {title: A}\nthemes:\n  t1: {title: T, aims: [2005]}\n",
        "x-a: 1\nmodel: {x-b: 1}\nrules: {x-c: 1}\naims:\n  a1: {title: A, x-d: 1, waive: {x-e: 1}}\n",
        "aims:\n  a1: {title: 2005, tags: [1, x]}\n",
    ],
)
def test_what_check_accepts_the_schema_accepts(validator, write_model, text):
    from goldenthread.model import load_model

    load_model(write_model(text))  # check accepts it...
    assert problems(validator, text) == []  # ...and so does the schema


def test_rule_ids_come_from_the_rulebook():
    schema = json_schema()
    assert sorted(schema["properties"]["rules"]["properties"]) == sorted(RULES)
    waive = schema["$defs"]["aim"]["properties"]["waive"]
    assert sorted(waive["properties"]) == sorted(RULES)
