"""Write a new model file as text, line by line, in the layout ``import`` has always written.

ruamel.yaml's round-trip dump of a whole 10,000-entity model took three
quarters of ``import``'s time; a new file has no comments or layout to keep,
so it is written directly: two-space indentation, lists of ids and tags in
flow style, measurements one flow mapping a line.  Each scalar is written
plain when it reads back as itself (the rule the editing commands follow,
:func:`~goldenthread.model.edit.operations.as_text`), else double-quoted with
every character YAML would not keep as it is escaped.  ``tests/test_yamlemit.py``
holds it to reading back as the data it was given.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from goldenthread.model.edit.operations import as_text

__all__ = ["emit_entity", "emit_mapping", "scalar"]

# Characters JSON leaves raw that YAML would fold (NEL, LS, PS) or refuse (DEL, C1 controls, surrogates).
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text: a date as YYYY-MM-DD, a number as it reads back, text plain or double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        # "1e+16" is text to a YAML 1.1 reader: "1.0e+16" is a number to every reader.
        return f"{mantissa}.0e{exponent}" if e and "." not in mantissa else text
    text = str(value)
    if not isinstance(as_text(text, flow), ScalarString):
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def _flow_list(items: Iterable[Any]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def _flow_map(item: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in item.items()) + "}"


def emit_mapping(out: list[str], mapping: Mapping[str, Any], indent: int) -> None:
    """A block mapping of scalars (the model block, rules, a measure, waivers), one key a line."""
    pad = " " * indent
    out.extend(f"{pad}{scalar(k)}: {scalar(v)}\n" for k, v in mapping.items())


def emit_entity(out: list[str], eid: str, fields: Mapping[str, Any], order: Iterable[str], indent: int) -> None:
    """One entity: its key, then its fields in ``order`` (empty ones left out), as ``import`` writes them."""
    pad = " " * (indent + 2)
    out.append(f"{' ' * indent}{scalar(eid)}:\n")
    for name in order:
        value = fields.get(name)
        if value in (None, [], {}, ""):
            continue
        # By the value's shape, not the field's name: a field the vocabulary adds is written as the others.
        if name == "measurements":
            out.append(f"{pad}{name}:\n")
            out.extend(f"{pad}  - {_flow_map(m)}\n" for m in sorted(value, key=lambda m: m["date"]))
        elif isinstance(value, (list, tuple)):
            out.append(f"{pad}{name}: {_flow_list(value)}\n")
        elif isinstance(value, Mapping):
            out.append(f"{pad}{name}:\n")
            emit_mapping(out, value, indent + 4)
        else:
            out.append(f"{pad}{name}: {scalar(value)}\n")
