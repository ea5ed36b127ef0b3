"""The JSON Schema (draft 2020-12) of every command's ``--format json`` document.

``goldenthread schema --output COMMAND`` prints them. The policy they state:

- the envelope is fixed: ``goldenthread`` and ``model`` are exactly the keys listed;
- the command's own objects list every key they have today as required, and
  may gain keys in later versions (``additionalProperties`` is left open), so
  a reader ignores keys it does not know;
- a key marked ``deprecated`` is kept for documents written before its
  replacement, and will go in a later major version.

Examples
--------
>>> schema = output_schema("gaps")
>>> schema["$schema"], schema["required"][:3]
('https://json-schema.org/draft/2020-12/schema', ['goldenthread', 'model', 'aims'])
>>> OUTPUT_COMMANDS[:3]
('add', 'benefits', 'check')
"""

from __future__ import annotations

from collections.abc import Callable

from goldenthread.model.types import KINDS, PROJECT_STATUSES, SECTIONS, SEVERITIES
from goldenthread.traceability.benefits import STATUSES as BENEFIT_STATUSES
from goldenthread.traceability.coverage import AIM_STATUSES
from goldenthread.traceability.matrix import VALUES
from goldenthread.traceability.render.jsondescriptions import describe

__all__ = ["OUTPUT_COMMANDS", "output_schema"]

Schema = dict[str, object]

_BASE = "https://goldenthread.invalid/schema/output"

_STRING: Schema = {"type": "string"}
_NUMBER: Schema = {"type": "number"}
_COUNT: Schema = {"type": "integer", "minimum": 0}
_BOOL: Schema = {"type": "boolean"}
_DATE: Schema = {"type": "string", "format": "date"}
_IDS: Schema = {"type": "array", "items": _STRING}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Schema], optional: tuple[str, ...] = (), closed: bool = False) -> Schema:
    """An object with ``properties``, all required but ``optional``; ``closed``: no other key."""
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def _counts(keys: tuple[str, ...]) -> Schema:
    """An object counting each of ``keys`` (every one present, even at 0)."""
    return _object(dict.fromkeys(keys, _COUNT), closed=True)


def _deprecated(schema: Schema, instead: str) -> Schema:
    return {**schema, "deprecated": True, "description": f"Deprecated: read {instead!r}."}


_MODEL = _object(
    {
        "title": _nullable(_STRING),
        "organisation": _nullable(_STRING),
        "as_of": _nullable(_DATE),
        "currency": _nullable(_STRING),
        "files": {**_IDS, "description": "The model's files, relative to the model root, with / separators."},
        "entities": _nullable(_counts(KINDS)),
    },
    closed=True,
)

_FINDING = _object(
    {
        "rule": _STRING,
        "severity": {"enum": list(SEVERITIES)},
        "entity": _nullable(_STRING),
        "kind": _nullable(_STRING),
        "message": _STRING,
        "file": _nullable(_STRING),
        "line": _nullable({"type": "integer", "minimum": 1}),
        "column": _nullable({"type": "integer", "minimum": 1}),
        "waived": _BOOL,
        "reason": _nullable(_STRING),
    }
)
_FINDINGS: Schema = {"type": "array", "items": _FINDING}
_FINDINGS_COUNT: Schema = {
    **_counts(("errors", "warnings", "waived")),
    "description": "Unwaived errors, unwaived warnings, and waived findings.",
}

_HEADLINE = _object(
    {
        "aims": _COUNT,
        "aims_with_investment": _COUNT,
        "aims_with_evidence": _COUNT,
        "aims_at_risk": _COUNT,
        "aims_covered": _COUNT,
        "total_investment": _NUMBER,
        "unfunded_projects": _COUNT,
        "projects_without_measured_benefit": _COUNT,
        # The portfolio's money apart from what reaches aims, and the proposed part (not committed).
        "portfolio_budget": _NUMBER,
        "untraced_budget": _NUMBER,
        "proposed_projects": _COUNT,
        "proposed_investment": _NUMBER,
        "errors": _COUNT,
        "warnings": _COUNT,
        "waived": _COUNT,
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
_HEADLINE["description"] = "The headline figures: the same object in gaps and summary."


def _check() -> dict[str, Schema]:
    return {
        "source": _STRING,
        "loaded": {**_BOOL, "description": "False when the model could not be read or does not follow the format."},
        "findings": _FINDINGS,
        "findings_count": _FINDINGS_COUNT,
        "summary": _deprecated(_FINDINGS_COUNT, "findings_count"),
    }


def _gaps() -> dict[str, Schema]:
    aim = _object(
        {
            "id": _STRING,
            "title": _STRING,
            "projects": _IDS,
            "themes": _IDS,
            "investment": _NUMBER,
            "share": {"type": "number", "minimum": 0, "maximum": 1},
            "benefits": _object({"measured": _COUNT, "total": _COUNT}),
            "status": {"enum": list(AIM_STATUSES)},
            "sound": _COUNT,
            "waived": _BOOL,
            "reason": _nullable(_STRING),
        }
    )
    return {
        "aims": {"type": "array", "items": aim},
        "findings": _FINDINGS,
        "findings_count": _FINDINGS_COUNT,
        "summary": _HEADLINE,
    }


def _benefits() -> dict[str, Schema]:
    benefit = _object(
        {
            "id": _STRING,
            "title": _STRING,
            "kind": _nullable(_STRING),
            "unit": _nullable(_STRING),
            "direction": _nullable({"enum": ["increase", "decrease"]}),
            "baseline": _nullable(_NUMBER),
            "target": _nullable(_NUMBER),
            "target_date": _nullable(_DATE),
            "latest": _nullable(_object({"date": _DATE, "value": _NUMBER})),
            "progress": _nullable(_NUMBER),
            "expected": _nullable(_NUMBER),
            "status": {"enum": list(BENEFIT_STATUSES)},
        }
    )
    statuses = _counts(BENEFIT_STATUSES)
    only_present: Schema = {
        "type": "object",
        "propertyNames": {"enum": list(BENEFIT_STATUSES)},
        "additionalProperties": _COUNT,
    }
    return {
        "benefits": {"type": "array", "items": benefit},
        "statuses": statuses,
        "summary": _deprecated(only_present, "statuses"),
    }


def _matrix() -> dict[str, Schema]:
    entry = _object({"id": _STRING, "title": _STRING})
    row = _object(
        {
            "id": _STRING,
            "title": _STRING,
            "cells": {"type": "object", "additionalProperties": _NUMBER},
            # Aims x themes by budget: the money by direct links, and the aim's investment.
            "direct": _NUMBER,
            "total": _NUMBER,
        },
        optional=("direct", "total"),
    )
    return {
        "value": {"enum": list(VALUES)},
        "kinds": _object({"rows": {"enum": list(KINDS)}, "cols": {"enum": list(KINDS)}}),
        "cols": {"type": "array", "items": entry},
        "rows": {"type": "array", "items": row},
    }


def _summary() -> dict[str, Schema]:
    return {
        "entities": _counts(tuple(SECTIONS[k] for k in KINDS)),
        "projects": _counts(PROJECT_STATUSES),
        "benefits": _counts(BENEFIT_STATUSES),
        "aims": _counts(AIM_STATUSES),
        "findings_count": _FINDINGS_COUNT,
        "summary": _HEADLINE,
    }


def _thread_node(children: bool) -> Schema:
    properties: dict[str, Schema] = {
        "id": _STRING,
        "kind": {"enum": list(KINDS)},
        "title": _STRING,
        "relation": _STRING,
        "outgoing": _BOOL,
        "status": _nullable(_STRING),
        "budget": _nullable(_NUMBER),
        "quantified": _BOOL,
        "unit": _nullable(_STRING),
        "latest": _nullable(_object({"date": _DATE, "value": _NUMBER})),
    }
    if children:
        properties["children"] = {"type": "array", "items": {"$ref": "#/$defs/node"}}
    return _object(properties, optional=("relation", "outgoing", "status", "budget", "quantified", "unit", "latest"))


def _trace() -> dict[str, Schema]:
    branch: Schema = {"type": "array", "items": {"$ref": "#/$defs/node"}}
    return {
        "entity": _thread_node(children=False),
        "up": {**branch, "description": "Present when the trace goes up."},
        "down": {**branch, "description": "Present when the trace goes down."},
    }


_IMPACT_PROPERTIES: dict[str, Schema] = {
    "entity": _STRING,
    "kind": {"enum": ["project", "theme"]},
    "title": _STRING,
    "aims_losing_investment": _IDS,
    "themes_losing_projects": _IDS,
    "benefits_losing_realisers": _IDS,
    "investment": {"type": "object", "additionalProperties": _object({"before": _NUMBER, "after": _NUMBER})},
}


def _impact() -> dict[str, Schema]:
    legacy = {k: _deprecated(v, "impacts") for k, v in _IMPACT_PROPERTIES.items()}
    return {"impacts": {"type": "array", "items": _object(_IMPACT_PROPERTIES), "minItems": 1}, **legacy}


def _export() -> dict[str, Schema]:
    node = _object({"id": _STRING, "kind": {"enum": list(KINDS)}, "title": _STRING})
    edge = _object({"source": _STRING, "target": _STRING, "relation": _STRING})
    graph = _object({"format": {"const": "goldenthread-graph"}, "version": {"type": "integer"}}, closed=False)
    return {
        "directed": {"const": True},
        "multigraph": {"const": False},
        "graph": {**graph, "description": "The node-link document's own header: networkx reads it back."},
        "nodes": {"type": "array", "items": node},
        "edges": {"type": "array", "items": edge},
    }


def _before_after(value: Schema) -> Schema:
    return _object({"before": _nullable(value), "after": _nullable(value)})


_ANY: Schema = {"description": "A field's value as the model holds it (text, number, date, list, or null)."}


#: One side of a measurement's change: null when it was added (before) or removed (after).
_READING = _nullable(_object({"value": _NUMBER, "source": _nullable(_STRING)}))


def _diff() -> dict[str, Schema]:
    side = _object({"source": _STRING, "model": _nullable(_MODEL)})
    ref = _object({"id": _STRING, "kind": {"enum": list(KINDS)}, "title": _STRING})
    change = _object({"field": _STRING, "before": _ANY, "after": _ANY})
    changed = _object(
        {"id": _STRING, "kind": {"enum": list(KINDS)}, "title": _STRING, "changes": {"type": "array", "items": change}}
    )
    link = _object({"source": _STRING, "relation": _STRING, "target": _STRING})
    pair: Schema = {"type": "array", "items": {"type": "array", "items": _nullable(_STRING)}}
    return {
        "old": side,
        "new": side,
        "unchanged": {**_BOOL, "description": "True when nothing that matters changed (only order, comments, files)."},
        "headline": {"type": "object", "additionalProperties": _before_after(_NUMBER)},
        "settings": {"type": "array", "items": change},
        "entities": _object(
            {
                "added": {"type": "array", "items": ref},
                "removed": {"type": "array", "items": ref},
                "changed": {"type": "array", "items": changed},
            }
        ),
        "links": _object({"added": {"type": "array", "items": link}, "removed": {"type": "array", "items": link}}),
        "measurements": {
            "type": "array",
            "items": _object({"benefit": _STRING, "date": _DATE, "before": _READING, "after": _READING}),
        },
        "aims": {
            "type": "array",
            "items": _object(
                {
                    "id": _STRING,
                    "title": _STRING,
                    "investment": _object(
                        {"before": _nullable(_NUMBER), "after": _nullable(_NUMBER), "delta": _NUMBER}
                    ),
                    "status": _before_after(_STRING),
                }
            ),
        },
        "findings": _object({"introduced": _FINDINGS, "resolved": _FINDINGS, "still_open": _FINDINGS}),
        "gate": _object(
            {"new-errors": pair, "new-findings": pair, "investment-drop": _IDS, "coverage-drop": _IDS},
        ),
    }


def _history() -> dict[str, Schema]:
    commit = _object(
        {
            "date": _STRING,
            "commit": _STRING,
            "subject": _STRING,
            "aims": _nullable(_COUNT),
            "aims_with_investment": _nullable(_COUNT),
            "aims_with_evidence": _nullable(_COUNT),
            "total_investment": _nullable(_NUMBER),
            "errors": _nullable(_COUNT),
            "warnings": _nullable(_COUNT),
            "waived": _nullable(_COUNT),
            "problem": {**_nullable(_STRING), "description": "Why the model did not load at that commit, or null."},
        }
    )
    return {
        "path": {**_STRING, "description": "The model's path from the top of the repository."},
        "commits": {"type": "array", "items": commit, "description": "Newest first."},
    }


def _edit() -> dict[str, Schema]:
    return {
        "dry_run": _BOOL,
        "changes": {"type": "array", "items": _STRING, "description": "What changed, one sentence each."},
        "files": {**_IDS, "description": "The files the edit changes."},
        "written": {**_IDS, "description": "The files written (none with --dry-run)."},
        "diff": {**_STRING, "description": "The unified diff of the change."},
        "introduced": _FINDINGS,
        "resolved": _FINDINGS,
    }


#: The editing commands, which all print the same document.
EDIT_COMMANDS: tuple[str, ...] = ("add", "link", "measure", "remove", "rename", "set", "unlink", "unwaive", "waive")

#: command -> (its own keys, the keys only some documents have)
_BODIES: dict[str, tuple[Callable[[], dict[str, Schema]], tuple[str, ...]]] = {
    "check": (_check, ()),
    "export": (_export, ()),
    "gaps": (_gaps, ()),
    "benefits": (_benefits, ()),
    "matrix": (_matrix, ()),
    "summary": (_summary, ()),
    "trace": (_trace, ("up", "down")),
    "impact": (_impact, tuple(_IMPACT_PROPERTIES)),
    "diff": (_diff, ()),
    "history": (_history, ()),
    **{name: (_edit, ()) for name in EDIT_COMMANDS},
}

#: Every command whose ``--format json`` document has a schema here.
OUTPUT_COMMANDS: tuple[str, ...] = tuple(sorted(_BODIES))


def output_schema(command: str) -> Schema:
    """The JSON Schema of ``goldenthread COMMAND --format json``'s document.

    Raises
    ------
    KeyError
        ``command`` prints no JSON document (see :data:`OUTPUT_COMMANDS`).
    """
    body, optional = _BODIES[command]
    program = _object({"version": _STRING, "command": {"const": command}}, closed=True)
    properties = {"goldenthread": program, "model": _MODEL, **body()}
    schema: Schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_BASE}/{command}-v1.json",
        "title": f"goldenthread {command} --format json",
        **_object(properties, optional=optional),
    }
    if command == "trace":
        schema["$defs"] = {"node": _thread_node(children=True)}
    return describe(schema, command)
