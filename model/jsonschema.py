"""The JSON Schema (draft 2020-12) of the model format, generated from the vocabulary (``vocabulary.py``)."""

from __future__ import annotations

from typing import Any

from goldenthread.model.rulebook import RULES, SETTINGS
from goldenthread.model.types import SECTIONS
from goldenthread.model.vocabulary import (
    ENTITY_FIELDS,
    MAX_NUMBER,
    MEASURE_FIELDS,
    MEASUREMENT_FIELDS,
    MODEL_FIELDS,
    PERIOD_PATTERN,
    TOP_LEVEL,
    Field,
)

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://goldenthread.invalid/schema/model-v1.json"
_ID = "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_X: dict[str, Any] = {"^x-": {}}


def _object(fields: dict[str, Field], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {name: _field(f) for name, f in fields.items()},
        "patternProperties": _X,
        "additionalProperties": False,
        "required": [name for name, f in fields.items() if f.required],
    }


def _field(f: Field) -> dict[str, Any]:
    t = f.type
    if t == "str":
        # Numbers and dates are read as text where text is wanted.
        s: dict[str, Any] = {"type": ["string", "number"]}
    elif t == "strlist":
        s = {"type": "array", "items": {"type": ["string", "number"]}}
    elif t == "number":
        # The bound the validator applies, so that no sum or ratio can overflow.
        s = {"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}
    elif t == "amount":
        s = {"type": "number", "minimum": 0, "maximum": MAX_NUMBER}
    elif t == "percent":
        s = {"type": "number", "minimum": 0, "maximum": 100}
    elif t == "period":
        s = {"type": "string", "pattern": "^" + PERIOD_PATTERN.pattern.removesuffix("\\Z") + "$"}
    elif t == "allocation":
        # Which aims a project reaches, and that the shares add up to 100, is checked by goldenthread check.
        share = {"type": "number", "exclusiveMinimum": 0, "maximum": 100}
        s = {"type": "object", "minProperties": 1, "propertyNames": {"pattern": _ID}, "additionalProperties": share}
    elif t == "date":
        s = dict(_DATE)
    elif t == "enum":
        s = {"enum": list(f.choices)}
    elif t == "currency":
        s = {"type": "string", "pattern": "^[A-Z]{3}$"}
    elif t == "refs":
        # A bare number such as 2005 is read as the id "2005".
        item = {"type": ["string", "integer"], "pattern": _ID, "minimum": 0}
        s = {"type": "array", "uniqueItems": True, "items": item}
    elif t == "waive":
        reason = {"type": "string", "pattern": r"\S"}
        s = {
            "type": "object",
            "properties": {rule: reason for rule in sorted(RULES)},
            "patternProperties": _X,
            "additionalProperties": False,
        }
    elif t == "measure":
        # Inline rather than a $ref, so that "measure:" left empty (null) is one plain type check.
        s = _object(MEASURE_FIELDS, "How a benefit is quantified.")
    elif t == "measurements":
        s = {"type": "array", "items": {"$ref": "#/$defs/measurement"}}
    else:  # pragma: no cover
        raise AssertionError(t)
    if not f.required:
        # An optional key left empty ("owner:") reads as null, which check accepts as absent.
        s = _nullable(s)
    s["description"] = f.doc
    return s


def _nullable(s: dict[str, Any]) -> dict[str, Any]:
    if "enum" in s:
        return {**s, "enum": [*s["enum"], None]}
    if "type" in s:
        types = s["type"] if isinstance(s["type"], list) else [s["type"]]
        return {**s, "type": [*types, "null"]}
    return {"anyOf": [s, {"type": "null"}]}


def json_schema() -> dict[str, Any]:
    """The format as a JSON Schema document.

    YAML dates arrive in JSON as ``YYYY-MM-DD`` strings, so that is how the
    schema describes them.  References between entities, duplicate ids and
    dates out of order are checked by ``goldenthread check``, not the schema.
    """
    defs: dict[str, dict[str, Any]] = {
        kind: _object(fields, f"An entity of kind {kind}.") for kind, fields in ENTITY_FIELDS.items()
    }
    defs["measurement"] = _object(MEASUREMENT_FIELDS, "One observed value.")
    model = _object(MODEL_FIELDS, TOP_LEVEL["model"])
    properties: dict[str, dict[str, Any]] = {
        "model": {**model, "type": ["object", "null"]},
        "rules": {
            "type": ["object", "null"],
            "description": TOP_LEVEL["rules"],
            "properties": {
                rule: {"enum": list(SETTINGS), "description": RULES[rule].summary} for rule in sorted(RULES)
            },
            "patternProperties": _X,
            "additionalProperties": False,
        },
    }
    for kind, section in SECTIONS.items():
        properties[section] = {
            "type": ["object", "null"],
            "description": TOP_LEVEL[section],
            "propertyNames": {"pattern": _ID},
            "additionalProperties": {"$ref": f"#/$defs/{kind}"},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "goldenthread strategy model, format version 1",
        "type": "object",
        "properties": properties,
        "patternProperties": _X,
        "additionalProperties": False,
        "$defs": defs,
    }
