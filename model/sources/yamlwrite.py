"""Write an imported model as commented YAML: one file, or one file per section.

Each entity carries a comment naming the sheet and row it came from, so that a
reader can go back to the spreadsheet.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from goldenthread.model.edit.operations import as_text
from goldenthread.model.jsonschema import SCHEMA_ID
from goldenthread.model.sources.spreadsheet import Imported
from goldenthread.model.sources.yamlemit import emit_entity, emit_mapping
from goldenthread.model.starter import SPLIT_FILES, STARTER_FILE
from goldenthread.model.types import KINDS, SECTIONS
from goldenthread.model.vocabulary import MODEL_FIELDS, field_order

__all__ = ["entity_yaml", "imported_yaml"]

#: The model block in the format's own order: every field the vocabulary has, none left behind.
_INFO_ORDER = tuple(MODEL_FIELDS)


def _flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(as_text(item) for item in items)
    seq.fa.set_flow_style()
    return seq


def entity_yaml(kind: str, fields: dict[str, Any]) -> CommentedMap:
    """An imported entity's fields as YAML: in the format's order, lists of ids in flow style, empty ones left out."""
    out = CommentedMap()
    for name in field_order(kind):
        value = fields.get(name)
        if value in (None, [], {}, ""):
            continue
        if name in ("tags", "aims", "themes", "projects"):
            out[name] = _flow(list(value))
        elif name == "measure":
            out[name] = CommentedMap((k, as_text(v, flow=False)) for k, v in value.items())
        elif name == "measurements":
            seq = CommentedSeq()
            for item in sorted(value, key=lambda m: m["date"]):
                m = CommentedMap((k, as_text(v)) for k, v in item.items())
                m.fa.set_flow_style()
                seq.append(m)
            out[name] = seq
        elif name == "waive":
            out[name] = CommentedMap((k, as_text(v, flow=False)) for k, v in value.items())
        else:
            out[name] = as_text(value, flow=False)
    return out


def imported_yaml(imported: Imported, source: str, split: bool = False) -> dict[str, str]:
    """File name -> YAML text of an imported model (``goldenthread.yaml``, or with ``split`` one per section)."""
    header = f"# yaml-language-server: $schema={SCHEMA_ID}\n# Imported from {source} by goldenthread import.\n"
    top: list[str] = []
    info = {k: imported.info[k] for k in _INFO_ORDER if imported.info.get(k) is not None}
    if info:
        top.append("model:\n")
        emit_mapping(top, info, 2)
    if imported.rules:
        top.append("rules:\n")
        emit_mapping(top, imported.rules, 2)
    parts: list[list[str]] = []
    for kind in KINDS:
        entities = imported.sections[kind]
        part: list[str] = []
        if entities or not split:
            part.append(f"{SECTIONS[kind]}:{'' if entities else ' {}'}\n")
        order = field_order(kind)
        for eid, fields in entities.items():
            where = imported.origin.get(eid)
            if where:
                part.append(f"  # from {where}\n")
            emit_entity(part, eid, fields, order, 2)
        parts.append(part)
    if not split:
        return {STARTER_FILE: header + "".join(top) + "".join("".join(p) for p in parts)}
    return {
        name: header + ("".join(top) if i == 0 else "") + "".join(part)
        for i, (name, part) in enumerate(zip(SPLIT_FILES, parts, strict=True))
    }
