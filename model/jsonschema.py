"""The JSON Schema (draft 2020-12) of the model format, generated from ``schema.py``."""

from __future__ import annotations

from goldenthread.model.rulebook import RULES, SETTINGS
from goldenthread.model.schema import (
    ENTITY_FIELDS,
    MEASURE_FIELDS,
    MEASUREMENT_FIELDS,
    MODEL_FIELDS,
    TOP_LEVEL,
    Field,
)
from goldenthread.model.types import SECTIONS

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://goldenthread.invalid/schema/model-v1.json"
_ID = "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_X = {"^x-": {}}


def _object(fields: dict[str, Field], description: str) -> dict:
    return {
        "type": "object",
        "description": description,
        "properties": {name: _field(f) for name, f in fields.items()},
        "patternProperties": _X,
        "additionalProperties": False,
        "required": [name for name, f in fields.items() if f.required],
    }


def _field(f: Field) -> dict:
    t = f.type
    if t == "str":
        # Numbers and dates are read as text where text is wanted.
        s: dict = {"type": ["string", "number"]}
    elif t == "strlist":
        s = {"type": "array", "items": {"type": ["string", "number"]}}
    elif t == "number":
        s = {"type": "number"}
    elif t == "amount":
        s = {"type": "number", "minimum": 0}
    elif t == "date":
        s = dict(_DATE)
    elif t == "enum":
        s = {"enum": list(f.choices)}
    elif t == "currency":
        s = {"type": "string", "pattern": "^[A-Z]{3}$"}
    elif t == "refs":
        s = {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": _ID}}
    elif t == "waive":
        s = {
            "type": "object",
            "propertyNames": {"enum": sorted(RULES)},
            "additionalProperties": {"type": "string", "minLength": 1, "pattern": r"\S"},
        }
    elif t == "measure":
        s = {"$ref": "#/$defs/measure"}
    elif t == "measurements":
        s = {"type": "array", "items": {"$ref": "#/$defs/measurement"}}
    else:  # pragma: no cover
        raise AssertionError(t)
    if not f.required:
        s = {"anyOf": [s, {"type": "null"}]} if "$ref" in s else {**s}
    s["description"] = f.doc
    return s


def json_schema() -> dict:
    """The format as a JSON Schema document.

    YAML dates arrive in JSON as ``YYYY-MM-DD`` strings, so that is how the
    schema describes them.  References between entities, duplicate ids and
    dates out of order are checked by ``goldenthread check``, not the schema.
    """
    defs: dict[str, dict] = {
        kind: _object(fields, f"An entity of kind {kind}.") for kind, fields in ENTITY_FIELDS.items()
    }
    defs["measure"] = _object(MEASURE_FIELDS, "How a benefit is quantified.")
    defs["measurement"] = _object(MEASUREMENT_FIELDS, "One observed value.")
    properties: dict[str, dict] = {
        "model": _object(MODEL_FIELDS, TOP_LEVEL["model"]),
        "rules": {
            "type": ["object", "null"],
            "description": TOP_LEVEL["rules"],
            "propertyNames": {"enum": sorted(RULES)},
            "additionalProperties": {"enum": list(SETTINGS)},
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
