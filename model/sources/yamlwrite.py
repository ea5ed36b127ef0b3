"""Write an imported model as commented YAML: one file, or one file per section.

Each entity carries a comment naming the sheet and row it came from, so that a
reader can go back to the spreadsheet.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from goldenthread.model.edit.operations import as_text
from goldenthread.model.edit.roundtrip import Layout, RoundTripDocument, dumps_roundtrip
from goldenthread.model.jsonschema import SCHEMA_ID
from goldenthread.model.sources.spreadsheet import Imported
from goldenthread.model.starter import SPLIT_FILES, STARTER_FILE
from goldenthread.model.types import KINDS, SECTIONS
from goldenthread.model.vocabulary import field_order

__all__ = ["entity_yaml", "imported_yaml"]

_INFO_ORDER = ("title", "organisation", "description", "as_of", "currency")


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


def _dump(data: CommentedMap, header: str) -> str:
    text = dumps_roundtrip(RoundTripDocument(data=data, layout=Layout(), name="<import>"))
    return header + text


def imported_yaml(imported: Imported, source: str, split: bool = False) -> dict[str, str]:
    """File name -> YAML text of an imported model (``goldenthread.yaml``, or with ``split`` one per section)."""
    header = f"# yaml-language-server: $schema={SCHEMA_ID}\n# Imported from {source} by goldenthread import.\n"
    top = CommentedMap()
    info = CommentedMap(
        (k, as_text(imported.info[k], flow=False)) for k in _INFO_ORDER if imported.info.get(k) is not None
    )
    if info:
        top["model"] = info
    if imported.rules:
        top["rules"] = CommentedMap(imported.rules)
    parts: list[CommentedMap] = []
    for kind in KINDS:
        entities = imported.sections[kind]
        body = CommentedMap()
        for eid, fields in entities.items():
            body[eid] = entity_yaml(kind, fields)
            where = imported.origin.get(eid)
            if where:
                body.yaml_set_comment_before_after_key(eid, before=f"from {where}", indent=2)
        part = top if not split else CommentedMap()
        if entities or not split:
            part[SECTIONS[kind]] = body
        parts.append(part)
    if not split:
        return {STARTER_FILE: _dump(top, header)}
    out: dict[str, str] = {}
    for i, (name, part) in enumerate(zip(SPLIT_FILES, parts, strict=True)):
        data = CommentedMap(top) if i == 0 else part
        if i == 0:
            data.update(part)
        out[name] = _dump(data, header)
    return out
