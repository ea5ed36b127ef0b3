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

from goldenthread.model.types import KINDS, PROJECT_STATUSES, SECTIONS
from goldenthread.traceability.benefits import STATUSES as BENEFIT_STATUSES
from goldenthread.traceability.coverage import AIM_STATUSES
from goldenthread.traceability.matrix import VALUES
from goldenthread.traceability.render.jsondescriptions import describe
from goldenthread.traceability.render.outputs import EDIT_COMMANDS, json_commands
from goldenthread.traceability.render.schemaparts import (
    BASE,
    BENEFIT_VALUE,
    BOOL,
    COUNT,
    DATE,
    FINDINGS,
    FINDINGS_COUNT,
    HEADLINE,
    IDS,
    MODEL,
    NUMBER,
    STRING,
    THEME_INVESTMENT,
    Schema,
    counts,
    deprecated,
    nullable,
    object_of,
)

__all__ = ["OUTPUT_COMMANDS", "output_schema"]


def _check() -> dict[str, Schema]:
    return {
        "source": STRING,
        "loaded": {**BOOL, "description": "False when the model could not be read or does not follow the format."},
        "findings": FINDINGS,
        "findings_count": FINDINGS_COUNT,
        "summary": deprecated(FINDINGS_COUNT, "findings_count"),
    }


def _gaps() -> dict[str, Schema]:
    aim = object_of(
        {
            "id": STRING,
            "title": STRING,
            "projects": IDS,
            "themes": IDS,
            # null: every project reaching the aim states no budget (unknown, not 0).
            "investment": nullable(NUMBER),
            "projects_without_budget": COUNT,
            "benefit_value": nullable(object_of({"claimed": NUMBER, "realised": NUMBER})),
            # null: the investment is not stated, so its share is unknown.
            "share": nullable({"type": "number", "minimum": 0, "maximum": 1}),
            "benefits": object_of({"measured": COUNT, "total": COUNT}),
            "status": {"enum": list(AIM_STATUSES)},
            "sound": COUNT,
            "waived": BOOL,
            "reason": nullable(STRING),
        }
    )
    return {
        "aims": {"type": "array", "items": aim},
        "findings": FINDINGS,
        "findings_count": FINDINGS_COUNT,
        "summary": HEADLINE,
        "benefit_value": BENEFIT_VALUE,
        "theme_investment": THEME_INVESTMENT,
    }


def _benefits() -> dict[str, Schema]:
    benefit = object_of(
        {
            "id": STRING,
            "title": STRING,
            "kind": nullable(STRING),
            "unit": nullable(STRING),
            "direction": nullable({"enum": ["increase", "decrease"]}),
            "baseline": nullable(NUMBER),
            "target": nullable(NUMBER),
            "target_date": nullable(DATE),
            "latest": nullable(object_of({"date": DATE, "value": NUMBER})),
            "progress": nullable(NUMBER),
            "expected": nullable(NUMBER),
            "status": {"enum": list(BENEFIT_STATUSES)},
            "within_tolerance": BOOL,
            "stale": BOOL,
            "later_measurements": COUNT,
            "dis_benefit": BOOL,
        }
    )
    statuses = counts(BENEFIT_STATUSES)
    only_present: Schema = {
        "type": "object",
        "propertyNames": {"enum": list(BENEFIT_STATUSES)},
        "additionalProperties": COUNT,
    }
    return {
        "benefits": {"type": "array", "items": benefit},
        "statuses": statuses,
        "summary": deprecated(only_present, "statuses"),
    }


def _matrix() -> dict[str, Schema]:
    # Aims x themes by budget: each column's theme's attributed investment (null: not stated).
    entry = object_of({"id": STRING, "title": STRING, "investment": nullable(NUMBER)}, optional=("investment",))
    row = object_of(
        {
            "id": STRING,
            "title": STRING,
            # null: linked, but the money is not stated (by budget).
            "cells": {"type": "object", "additionalProperties": nullable(NUMBER)},
            # Aims x themes by budget: the money by direct links, and the aim's investment.
            "direct": nullable(NUMBER),
            "total": nullable(NUMBER),
        },
        optional=("direct", "total"),
    )
    return {
        "value": {"enum": list(VALUES)},
        "kinds": object_of({"rows": {"enum": list(KINDS)}, "cols": {"enum": list(KINDS)}}),
        "cols": {"type": "array", "items": entry},
        "rows": {"type": "array", "items": row},
    }


def _summary() -> dict[str, Schema]:
    return {
        "entities": counts(tuple(SECTIONS[k] for k in KINDS)),
        "projects": counts(PROJECT_STATUSES),
        "benefits": counts(BENEFIT_STATUSES),
        "aims": counts(AIM_STATUSES),
        "findings_count": FINDINGS_COUNT,
        "summary": HEADLINE,
        "benefit_value": BENEFIT_VALUE,
        "theme_investment": THEME_INVESTMENT,
    }


def _thread_node(children: bool) -> Schema:
    properties: dict[str, Schema] = {
        "id": STRING,
        "kind": {"enum": list(KINDS)},
        "title": STRING,
        "relation": STRING,
        "outgoing": BOOL,
        "status": nullable(STRING),
        "budget": nullable(NUMBER),
        "quantified": BOOL,
        "unit": nullable(STRING),
        "latest": nullable(object_of({"date": DATE, "value": NUMBER})),
    }
    if children:
        properties["children"] = {"type": "array", "items": {"$ref": "#/$defs/node"}}
    return object_of(properties, optional=("relation", "outgoing", "status", "budget", "quantified", "unit", "latest"))


def _trace() -> dict[str, Schema]:
    branch: Schema = {"type": "array", "items": {"$ref": "#/$defs/node"}}
    return {
        "entity": _thread_node(children=False),
        "up": {**branch, "description": "Present when the trace goes up."},
        "down": {**branch, "description": "Present when the trace goes down."},
    }


_IMPACT_PROPERTIES: dict[str, Schema] = {
    "entity": STRING,
    "kind": {"enum": ["project", "theme"]},
    "title": STRING,
    "aims_losing_investment": IDS,
    "themes_losing_projects": IDS,
    "benefits_losing_realisers": IDS,
    "investment": {
        "type": "object",
        "additionalProperties": object_of({"before": nullable(NUMBER), "after": nullable(NUMBER)}),
    },
}


def _scenario() -> Schema:
    money = object_of({"money": nullable(NUMBER), "projects_without_budget": COUNT})
    cut = object_of({"project": STRING, "percent": NUMBER, "before": NUMBER, "after": NUMBER, "active": BOOL})
    return object_of(
        {
            "cancel": IDS,
            "drop": IDS,
            "cuts": {"type": "array", "items": cut},
            "aims_losing_investment": IDS,
            "themes_losing_projects": IDS,
            "benefits_losing_realisers": IDS,
            "projects_losing_route": IDS,
            "investment": _IMPACT_PROPERTIES["investment"],
            "no_route": object_of({"before": money, "after": money}),
            "released": money,
        }
    )


def _impact() -> dict[str, Schema]:
    legacy = {k: deprecated(v, "impacts") for k, v in _IMPACT_PROPERTIES.items()}
    return {"impacts": {"type": "array", "items": object_of(_IMPACT_PROPERTIES)}, "scenario": _scenario(), **legacy}


def _export() -> dict[str, Schema]:
    node = object_of({"id": STRING, "kind": {"enum": list(KINDS)}, "title": STRING})
    edge = object_of({"source": STRING, "target": STRING, "relation": STRING})
    graph = object_of({"format": {"const": "goldenthread-graph"}, "version": {"type": "integer"}}, closed=False)
    return {
        "directed": {"const": True},
        "multigraph": {"const": False},
        "graph": {**graph, "description": "The node-link document's own header: networkx reads it back."},
        "nodes": {"type": "array", "items": node},
        "edges": {"type": "array", "items": edge},
    }


def _before_after(value: Schema) -> Schema:
    return object_of({"before": nullable(value), "after": nullable(value)})


_ANY: Schema = {"description": "A field's value as the model holds it (text, number, date, list, or null)."}


#: One side of a measurement's change: null when it was added (before) or removed (after).
_READING = nullable(object_of({"value": NUMBER, "source": nullable(STRING)}))


def _diff() -> dict[str, Schema]:
    side = object_of({"source": STRING, "model": nullable(MODEL)})
    ref = object_of({"id": STRING, "kind": {"enum": list(KINDS)}, "title": STRING})
    change = object_of({"field": STRING, "before": _ANY, "after": _ANY})
    changed = object_of(
        {"id": STRING, "kind": {"enum": list(KINDS)}, "title": STRING, "changes": {"type": "array", "items": change}}
    )
    link = object_of({"source": STRING, "relation": STRING, "target": STRING})
    pair: Schema = {"type": "array", "items": {"type": "array", "items": nullable(STRING)}}
    return {
        "old": side,
        "new": side,
        "unchanged": {**BOOL, "description": "True when nothing that matters changed (only order, comments, files)."},
        "headline": {"type": "object", "additionalProperties": _before_after(NUMBER)},
        "settings": {"type": "array", "items": change},
        "entities": object_of(
            {
                "added": {"type": "array", "items": ref},
                "removed": {"type": "array", "items": ref},
                "changed": {"type": "array", "items": changed},
            }
        ),
        "links": object_of({"added": {"type": "array", "items": link}, "removed": {"type": "array", "items": link}}),
        "measurements": {
            "type": "array",
            "items": object_of({"benefit": STRING, "date": DATE, "before": _READING, "after": _READING}),
        },
        "aims": {
            "type": "array",
            "items": object_of(
                {
                    "id": STRING,
                    "title": STRING,
                    # null: not stated (no project reaching the aim states a budget), or no such aim on that side.
                    "investment": object_of(
                        {"before": nullable(NUMBER), "after": nullable(NUMBER), "delta": nullable(NUMBER)}
                    ),
                    "status": _before_after(STRING),
                    "benefits": {"type": "array", "items": STRING},
                }
            ),
        },
        "benefits": {
            "type": "array",
            "items": object_of({"id": STRING, "title": STRING, "status": _before_after(STRING)}),
        },
        "findings": object_of({"introduced": FINDINGS, "resolved": FINDINGS, "still_open": FINDINGS}),
        "gate": object_of(
            {"new-errors": pair, "new-findings": pair, "investment-drop": IDS, "coverage-drop": IDS},
        ),
    }


def _history() -> dict[str, Schema]:
    commit = object_of(
        {
            "date": STRING,
            "commit": STRING,
            "subject": STRING,
            "aims": nullable(COUNT),
            "aims_with_investment": nullable(COUNT),
            "aims_with_evidence": nullable(COUNT),
            "aims_covered": nullable(COUNT),
            "total_investment": nullable(NUMBER),
            "errors": nullable(COUNT),
            "warnings": nullable(COUNT),
            "waived": nullable(COUNT),
            "problem": {**nullable(STRING), "description": "Why the model did not load at that commit, or null."},
        }
    )
    return {
        "path": {**STRING, "description": "The model's path from the top of the repository."},
        "commits": {"type": "array", "items": commit, "description": "Newest first."},
    }


def _edit() -> dict[str, Schema]:
    return {
        "dry_run": BOOL,
        "changes": {"type": "array", "items": STRING, "description": "What changed, one sentence each."},
        "files": {**IDS, "description": "The files the edit changes."},
        "written": {**IDS, "description": "The files written (none with --dry-run)."},
        "diff": {**STRING, "description": "The unified diff of the change."},
        "introduced": FINDINGS,
        "resolved": FINDINGS,
    }


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

#: Every command whose ``--format json`` document has a schema here: every one that prints one.
OUTPUT_COMMANDS: tuple[str, ...] = json_commands()


def output_schema(command: str) -> Schema:
    """The JSON Schema of ``goldenthread COMMAND --format json``'s document.

    Raises
    ------
    KeyError
        ``command`` prints no JSON document (see :data:`OUTPUT_COMMANDS`).
    """
    body, optional = _BODIES[command]
    program = object_of({"version": STRING, "command": {"const": command}}, closed=True)
    properties = {"goldenthread": program, "model": MODEL, **body()}
    schema: Schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}/{command}-v1.json",
        "title": f"goldenthread {command} --format json",
        **object_of(properties, optional=optional),
    }
    if command == "trace":
        schema["$defs"] = {"node": _thread_node(children=True)}
    return describe(schema, command)
