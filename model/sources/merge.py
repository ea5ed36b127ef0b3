"""``import --merge``: a spreadsheet's differences from a hand-kept model, planned as edits of its files.

Each difference becomes an edit on a :class:`~goldenthread.model.edit.session.ModelEdit`,
as the editing commands make them: only the lines of the entities that
change are rewritten, so comments, ``x-`` keys, layout and the file each
entity lives in are kept; a new entity goes to the file that holds its
section.  A column the spreadsheet does not have is left alone (the CSV export
holds fewer columns than the workbook, and only the latest measurement), and an
entity the spreadsheet lacks is removed only when asked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from goldenthread.model.edit.operations import (
    as_text,
    change_list,
    flow_lists,
    in_style_of,
    insert_field,
    insert_measurement,
    on_entity,
    set_path,
    unset_path,
)
from goldenthread.model.edit.session import MODEL, EditError, ModelEdit
from goldenthread.model.sources.sheetreader import Imported
from goldenthread.model.sources.yamlwrite import entity_yaml
from goldenthread.model.vocabulary import ENTITY_FIELDS, KINDS, MEASURE_FIELDS, MEASUREMENT_FIELDS, field_order
from goldenthread.model.yamlread import Map, Seq

__all__ = ["plan_merge"]

#: Workbook and CSV headers that hold a field under another name.
_HEADER_OF = {"waive": "waivers", "measure": "unit"}
_LISTS = ("strlist", "refs")


def plan_merge(edit: ModelEdit, imported: Imported, allow_remove: bool = False) -> list[str]:
    """Plan on ``edit`` what makes its model say what ``imported`` says; returns notes on what was left alone."""
    notes: list[str] = []
    flows: dict[int, bool] = {}  # file -> whether it writes lists in flow style
    _merge_info(edit, imported)
    for kind in KINDS:
        if kind not in imported.columns:
            continue  # no sheet of this kind: nothing of it is read, nothing changed
        carried = _carried(imported, kind)
        for eid, fields in imported.sections[kind].items():
            known = edit.entities.get(eid)
            if known is None:
                edit.add(kind, eid, dict(entity_yaml(kind, fields)))
            elif known.kind != kind:
                raise EditError(
                    f"{eid!r} is a {known.kind} in the model and a {kind} in the spreadsheet: rename one of them"
                )
            else:
                _merge_entity(edit, eid, kind, fields, carried, imported, allow_remove, flows)
    for eid, known in list(edit.entities.items()):
        if known.kind not in imported.columns or eid in imported.sections[known.kind]:
            continue
        if allow_remove:
            edit.remove(eid, cascade=True)
        else:
            notes.append(f"kept {known.label}: not in the spreadsheet (--allow-remove removes it)")
    return notes


def _carried(imported: Imported, kind: str) -> set[str]:
    """The fields of ``kind`` the spreadsheet holds: the others are not compared."""
    headers = imported.columns[kind]
    out = {"title"}
    for name, f in ENTITY_FIELDS[kind].items():
        if f.type == "refs":
            if imported.linked:
                out.add(name)
        elif name == "measurements":
            if imported.measured:
                out.add(name)
        elif _HEADER_OF.get(name, name) in headers:
            out.add(name)
    return out


def _merge_info(edit: ModelEdit, imported: Imported) -> None:
    block: Any = next((f.data[MODEL] for f in edit.files if isinstance(f.data.get(MODEL), Map)), Map((1, 1)))
    # The defaults an unstated model block is exported with: not written into a model that leaves them unstated.
    defaults = {"currency": "GBP", "as_of": dt.date.today()}
    for name, value in imported.info.items():
        if name not in block and defaults.get(name) == value:
            continue
        if value is not None and not _same(block.get(name), value):
            edit.set_model(name, value.isoformat() if isinstance(value, dt.date) else str(value))
    rules: Any = next((f.data["rules"] for f in edit.files if isinstance(f.data.get("rules"), Map)), {})
    for rule, setting in imported.rules.items():
        if str(rules.get(rule)) != setting:
            edit.set_top("rules", rule, setting)
            edit.changes.append(f"set rule {rule} to {setting}")


def _merge_entity(
    edit: ModelEdit,
    eid: str,
    kind: str,
    fields: dict[str, Any],
    carried: set[str],
    imported: Imported,
    allow_remove: bool,
    flows: dict[int, bool],
) -> None:
    e = edit.entities[eid]
    old: Any = e.data if e.data is not None else Map((1, 1))
    changed: list[str] = []
    for name in field_order(kind):
        if name not in carried:
            continue
        f = ENTITY_FIELDS[kind][name]
        new = _whole(fields.get(name))
        if name == "waive" and imported.measured == "latest" and isinstance(new, dict):
            # The CSV export holds which rules are waived, not why: a kept waiver keeps its reason.
            reasons = old.get(name) if isinstance(old.get(name), Map) else {}
            new = {rule: reasons.get(rule, reason) for rule, reason in new.items()}
        # The benefit's kind as it will be: a dis-benefit's measure defaults to decrease.
        kind_after = fields.get("kind") if "kind" in carried else old.get("kind")
        new = _unless_default(name, old, new, kind_after)
        if name == "measurements":
            if _plan_measurements(edit, e, old.get(name), new or [], allow_remove and imported.measured == "all"):
                changed.append(name)
            continue
        if f.type in _LISTS:
            have = [str(v) for v in old.get(name) or ()]
            want = [str(v) for v in new or ()]
            if sorted(have) != sorted(want):
                if e.file not in flows:  # read from the file's text: once per file, not per entity
                    flows[e.file] = flow_lists(edit.files[e.file])
                edit.plan(e, on_entity(change_list, name, want, "replace", flows[e.file]))
                changed.append(name)
        elif f.type in ("measure", "waive"):
            if not _same(old.get(name), new):
                order = tuple(MEASURE_FIELDS) if name == "measure" else tuple(new or ())
                edit.plan(e, on_entity(_put_mapping, name, new, order))
                changed.append(name)
        elif not _same(old.get(name), new):
            if new is None:
                edit.plan(e, on_entity(unset_path, (name,)))
            else:
                edit.plan(e, on_entity(set_path, (name,), new))
            changed.append(name)
    if changed:
        edit.changes.append(f"changed {e.label}: {', '.join(changed)}")


#: The format's defaults, which the CSV export writes out: an unstated field stays unstated when they are read back.
_DEFAULTS = {"status": "active", "direction": "increase"}


def _unless_default(name: str, old: Any, new: Any, benefit_kind: Any = None) -> Any:
    """``new``, but a default stated on one side and not the other is no change: the file keeps its way."""
    if name == "status" and new in (None, _DEFAULTS[name]) and old.get(name) in (None, _DEFAULTS[name]):
        return old.get(name)
    stated = old.get(name)
    if name == "measure" and isinstance(new, dict) and isinstance(stated, Map):
        default = "decrease" if benefit_kind == "dis-benefit" else _DEFAULTS["direction"]
        if new.get("direction", default) == default and stated.get("direction", default) == default:
            new = {k: v for k, v in new.items() if k != "direction"}
            if "direction" in stated:
                new["direction"] = stated["direction"]
    return new


def _plan_measurements(edit: ModelEdit, e: Any, old: Any, new: list[dict[str, Any]], remove: bool) -> bool:
    have = {m.get("date"): m for m in old or () if isinstance(m, Map)}
    dates = {m["date"] for m in new}
    updates = [m for m in new if m["date"] not in have or not _same_measurement(have[m["date"]], m)]
    gone = [d for d in have if d not in dates] if remove else []
    if not updates and not gone:
        return False
    edit.plan(e, on_entity(_put_measurements, updates, gone))
    return True


def _same_measurement(old: Map, new: dict[str, Any]) -> bool:
    return all(_same(old.get(k), new.get(k)) for k in MEASUREMENT_FIELDS if k in new or k == "value")


def _put_measurements(entity: CommentedMap, updates: list[dict[str, Any]], gone: list[Any]) -> None:
    seq = entity.get("measurements")
    for item in updates:
        dates = [m.get("date") for m in seq] if isinstance(seq, CommentedSeq) else []
        if item["date"] in dates:
            current = seq[dates.index(item["date"])]
            flow = bool(current.fa.flow_style())
            for k in MEASUREMENT_FIELDS:
                if k in item and not _same(current.get(k), item[k]):
                    current[k] = in_style_of(current[k], _whole(item[k]), flow) if k in current else as_text(item[k])
            continue
        at = sum(1 for d in dates if isinstance(d, dt.date) and d <= item["date"])
        insert_measurement(entity, at, CommentedMap((k, as_text(_whole(v))) for k, v in item.items()))
        seq = entity["measurements"]
    if gone and isinstance(seq, CommentedSeq):
        for i in reversed(range(len(seq))):
            if seq[i].get("date") in gone:
                del seq[i]
        if not seq:
            del entity["measurements"]


def _put_mapping(entity: CommentedMap, name: str, new: dict[str, Any] | None, order: tuple[str, ...]) -> None:
    """Make the mapping ``name`` (a measure, the waivers) hold ``new``, changing only the keys that differ."""
    if not new:
        entity.pop(name, None)
        return
    current = entity.get(name)
    if not isinstance(current, CommentedMap):
        value = CommentedMap((k, as_text(_whole(new[k]), flow=False)) for k in order if k in new)
        if name in entity:
            entity[name] = value
        else:
            insert_field(entity, name, value)
        return
    flow = bool(current.fa.flow_style())
    for k in [k for k in current if k not in new and not str(k).startswith("x-")]:
        del current[k]
    for k in order:
        if k not in new or (k in current and _same(current[k], new[k])):
            continue
        if k in current:
            current[k] = in_style_of(current[k], _whole(new[k]), flow)
        else:
            insert_field(current, k, as_text(_whole(new[k]), flow), order)


def _whole(value: Any) -> Any:
    """A spreadsheet's number as the model writes it: ``1500000.0`` is ``1500000``; empty is None."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if value in ("", [], {}):
        return None
    return value


def _same(old: Any, new: Any) -> bool:
    """Whether a value read from the model and one read from the spreadsheet say the same."""
    old, new = _whole(old), _whole(new)
    if isinstance(old, Map | dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in new)
    if isinstance(old, Seq | list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, int | float) and isinstance(new, int | float):
        return old == new
    if isinstance(old, dt.date) or isinstance(new, dt.date) or old is None or new is None:
        return bool(old == new)
    return str(old) == str(new)
