"""The parts the JSON Schemas of the commands' documents share: scalars, objects, the model block, findings."""

from __future__ import annotations

from goldenthread.model.types import KINDS, SEVERITIES

__all__ = [
    "BASE",
    "BENEFIT_VALUE",
    "BOOL",
    "COUNT",
    "DATE",
    "FINDING",
    "FINDINGS",
    "FINDINGS_COUNT",
    "HEADLINE",
    "IDS",
    "MODEL",
    "NUMBER",
    "STRING",
    "THEME_INVESTMENT",
    "Schema",
    "counts",
    "deprecated",
    "nullable",
    "object_of",
]

Schema = dict[str, object]

BASE = "https://goldenthread.invalid/schema/output"

STRING: Schema = {"type": "string"}
NUMBER: Schema = {"type": "number"}
COUNT: Schema = {"type": "integer", "minimum": 0}
BOOL: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
IDS: Schema = {"type": "array", "items": STRING}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def object_of(properties: dict[str, Schema], optional: tuple[str, ...] = (), closed: bool = False) -> Schema:
    """An object with ``properties``, all required but ``optional``; ``closed``: no other key."""
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def counts(keys: tuple[str, ...]) -> Schema:
    """An object counting each of ``keys`` (every one present, even at 0)."""
    return object_of(dict.fromkeys(keys, COUNT), closed=True)


def deprecated(schema: Schema, instead: str) -> Schema:
    return {**schema, "deprecated": True, "description": f"Deprecated: read {instead!r}."}


MODEL = object_of(
    {
        "title": nullable(STRING),
        "organisation": nullable(STRING),
        "as_of": nullable(DATE),
        "currency": nullable(STRING),
        "files": {**IDS, "description": "The model's files, relative to the model root, with / separators."},
        "entities": nullable(counts(KINDS)),
    },
    closed=True,
)

FINDING = object_of(
    {
        "rule": STRING,
        "severity": {"enum": list(SEVERITIES)},
        "entity": nullable(STRING),
        "kind": nullable(STRING),
        "message": STRING,
        "file": nullable(STRING),
        "line": nullable({"type": "integer", "minimum": 1}),
        "column": nullable({"type": "integer", "minimum": 1}),
        "waived": BOOL,
        "reason": nullable(STRING),
    }
)
FINDINGS: Schema = {"type": "array", "items": FINDING}
FINDINGS_COUNT: Schema = {
    **counts(("errors", "warnings", "waived")),
    "description": "Unwaived errors, unwaived warnings, and waived findings.",
}

HEADLINE = object_of(
    {
        "aims": COUNT,
        "aims_with_investment": COUNT,
        "aims_with_evidence": COUNT,
        "aims_at_risk": COUNT,
        "aims_covered": COUNT,
        # null: projects reach aims, and none of them states a budget (unknown, not 0).
        "total_investment": nullable(NUMBER),
        "unfunded_projects": COUNT,
        "projects_without_measured_benefit": COUNT,
        # The portfolio's money apart from what reaches aims, and the proposed part (not committed).
        "portfolio_budget": nullable(NUMBER),
        "untraced_budget": NUMBER,
        "proposed_projects": COUNT,
        "proposed_investment": nullable(NUMBER),
        "errors": COUNT,
        "warnings": COUNT,
        "waived": COUNT,
    },
    optional=(
        "aims_at_risk",
        "aims_covered",
        "portfolio_budget",
        "untraced_budget",
        "proposed_projects",
        "proposed_investment",
    ),
)
HEADLINE["description"] = "The headline figures: the same object in gaps and summary."
#: Every theme's attributed investment (one definition: traceability.attribution), in gaps and summary.
THEME_INVESTMENT: Schema = {
    "type": "array",
    "items": object_of({"id": STRING, "title": STRING, "investment": nullable(NUMBER), "serves_aims": BOOL}),
}
#: The benefits' value, each benefit once, in gaps and summary.
BENEFIT_VALUE: Schema = object_of({"claimed": nullable(NUMBER), "realised": nullable(NUMBER)})
