"""Every key of every ``--format json`` document is in its schema, with a description."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goldenthread.traceability.render.jsonschemas import OUTPUT_COMMANDS, output_schema

TESTS = Path(__file__).parent


def _undescribed(schema: dict, node: object, path: str) -> list[str]:
    if not isinstance(node, dict):
        return []
    out = []
    for key, prop in node.get("properties", {}).items():
        if not (isinstance(prop, dict) and prop.get("description")):
            out.append(f"{path}/{key}")
        out += _undescribed(schema, prop, f"{path}/{key}")
    for name in ("items", "additionalProperties"):
        out += _undescribed(schema, node.get(name), f"{path}[]")
    for name in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(name, ()):
            out += _undescribed(schema, sub, path)
    for name, sub in node.get("$defs", {}).items():
        out += _undescribed(schema, sub, f"$defs/{name}")
    return out


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_every_key_has_a_description(command):
    schema = output_schema(command)
    assert _undescribed(schema, schema, command) == []


def _resolve(schema: dict, node: dict) -> list[dict]:
    """The object schemas ``node`` may be: through $ref, anyOf and oneOf."""
    if "$ref" in node:
        return _resolve(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in node or "oneOf" in node:
        return [o for sub in node.get("anyOf", node.get("oneOf", [])) for o in _resolve(schema, sub)]
    return [node]


def _unknown(schema: dict, node: dict, value: object, path: str) -> list[str]:
    """Keys of ``value`` that no schema of ``node`` names (additionalProperties left open would let them pass)."""
    out = []
    options = _resolve(schema, node)
    if isinstance(value, dict):
        properties: dict = {}
        extra = None
        for o in options:
            properties.update(o.get("properties", {}))
            if isinstance(o.get("additionalProperties"), dict):
                extra = o["additionalProperties"]
        for key, item in value.items():
            if key in properties:
                out += _unknown(schema, properties[key], item, f"{path}/{key}")
            elif extra is not None:
                out += _unknown(schema, extra, item, f"{path}/{key}")
            elif not any("propertyNames" in o for o in options):
                out.append(f"{path}/{key}")
    elif isinstance(value, list):
        for o in options:
            if isinstance(o.get("items"), dict):
                for i, item in enumerate(value):
                    out += _unknown(schema, o["items"], item, f"{path}[{i}]")
                break
    return out


RUNS = [
    ["check", "--example"],
    ["gaps", "--example"],
    ["benefits", "--example"],
    ["summary", "--example"],
    ["matrix", "--example"],
    ["matrix", "--example", "--cols", "themes", "--value", "budget"],
    ["export", "--example"],
    ["trace", "aim-1-life-opportunities", "--example"],
    ["impact", "proj-email", "--example"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a[:3]))
def test_every_key_printed_is_in_the_schema(invoke, args):
    doc = json.loads(invoke(*args, "--format", "json").stdout)
    schema = output_schema(args[0])
    unknown = _unknown(schema, schema, doc, args[0])
    if args[0] == "export":
        # A node holds every field of its entity, as the model format names and describes them (docs/format.md),
        # and the graph the model block: the schema names the keys every node has.
        unknown = [k for k in unknown if not k.startswith(("export/nodes[", "export/graph/model"))]
    assert unknown == []


def test_every_key_of_a_diff_is_in_the_schema(invoke, tmp_path):
    old = TESTS / "models" / "portfolio.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace("aims:", "aims:\n  aim-added:\n    title: A new aim", 1),
        encoding="utf-8",
    )
    from goldenthread.model.loader import example_path

    for sides in ((str(old), str(new)), (str(example_path()), str(old))):
        doc = json.loads(invoke("diff", *sides, "--format", "json").stdout)
        schema = output_schema("diff")
        assert _unknown(schema, schema, doc, "diff") == []
