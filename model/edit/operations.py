"""What the editing operations do to ruamel.yaml round-trip data: each keeps the style of what it touches.

Used by :mod:`goldenthread.model.edit.session` on the fragments :mod:`goldenthread.model.edit.fragments` cuts out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from goldenthread.model.edit.fragments import EntityOp, SourceFile
from goldenthread.model.types import SECTIONS
from goldenthread.model.vocabulary import fields_in_order
from goldenthread.model.yamlread import Map, Seq
from goldenthread.model.yamlscalars import BadScalar, resolve_plain

__all__ = [
    "REF_FIELDS",
    "add_ref",
    "as_text",
    "change_list",
    "drop_measurement",
    "drop_ref",
    "flow_lists",
    "in_style_of",
    "insert_field",
    "insert_measurement",
    "on_entity",
    "rename_key",
    "replace_measurement",
    "replace_ref",
    "set_list",
    "set_path",
    "unset_path",
    "unwaive",
    "yaml_value",
]

#: The fields that hold links.
REF_FIELDS = ("aims", "themes", "projects")


def on_entity(change: Callable[..., None], *args: Any) -> EntityOp:
    """The op that applies ``change(entity, *args)`` to the entity in its container."""

    def op(container: CommentedMap, key: Any) -> None:
        change(container[key], *args)

    return op


def flow_lists(source: SourceFile) -> bool:
    """Whether the file writes its lists of links and tags in flow style (``[a, b]``); the default."""
    lines = source.text.splitlines()
    for section in SECTIONS.values():
        body = source.data.get(section)
        if not isinstance(body, Map):
            continue
        for value in body.values():
            if not isinstance(value, Map):
                continue
            for name in (*REF_FIELDS, "tags"):
                seq = value.get(name)
                if isinstance(seq, Seq) and seq:
                    line, col = seq.pos
                    return lines[line - 1][col - 1 : col] == "["
    return True


# Text that reads back as itself when written plain, in block and flow style alike.
_PLAIN = re.compile(r"[^\W_][\w ().'/&+-]*\Z")
# ... and in block style, where a comma or a semicolon cannot end the scalar.
_PLAIN_BLOCK = re.compile(r"[^\W_][\w ().'/&+,;!?%-]*\Z")


def as_text(value: Any, flow: bool = True) -> Any:
    """A new string as it should be written: plain when that is safe, else double-quoted.

    ruamel.yaml writes some text plain that libyaml then refuses or reads
    otherwise (``[:0]`` in a flow list); quoting all but plainly safe text keeps
    every written model readable by the fast reader.  ``flow``: the text goes
    into a flow collection (``[...]``, ``{...}``), where a comma ends it.
    """
    if not isinstance(value, str) or isinstance(value, ScalarString):
        return value
    plain = _PLAIN if flow else _PLAIN_BLOCK
    try:
        same = plain.match(value) is not None and not value.endswith(" ") and resolve_plain(value) == value
    except BadScalar:
        same = False
    return value if same else DoubleQuotedScalarString(value)


def yaml_value(value: Any, flow: bool) -> Any:
    """A new value: lists (of text) in the file's list style, mappings in block style, text as :func:`as_text`.

    A value already made for ruamel.yaml (a ``CommentedMap`` or ``CommentedSeq``) is taken as it is.
    """
    if isinstance(value, CommentedMap | CommentedSeq):
        return value
    if isinstance(value, list | tuple):
        seq = CommentedSeq(as_text(v, flow) for v in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, yaml_value(v, flow)) for k, v in value.items())
    return as_text(value, flow=False)  # a new field of a new entity, in block style


def in_style_of(old: Any, new: Any, flow: bool = True) -> Any:
    """``new`` in the style of ``old``: a quoted string stays quoted (others as :func:`as_text`)."""
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)
    return as_text(new, flow)


def insert_field(mapping: CommentedMap, name: str, value: Any, order: tuple[str, ...] | None = None) -> None:
    """Add ``name`` after the last key that comes before it in ``order`` (default: the entities'; x- keys aside)."""
    order = order if order is not None else fields_in_order()
    rank = order.index(name) if name in order else len(order)
    at = 0
    for i, key in enumerate(mapping):
        if key in order and order.index(key) < rank:
            at = i + 1
    if at >= len(mapping):
        mapping[name] = value
    else:
        mapping.insert(at, name, value)


def set_path(entity: CommentedMap, path: tuple[str, ...], value: Any, order: tuple[str, ...] | None = None) -> None:
    if len(path) == 2:
        inner = entity.get(path[0])
        if not isinstance(inner, CommentedMap):
            inner = CommentedMap()
            insert_field(entity, path[0], inner)
        entity = inner
    name = path[-1]
    flow = bool(entity.fa.flow_style())
    if name in entity:
        entity[name] = in_style_of(entity[name], value, flow)
    elif len(path) == 2 and path[0] in ("measure", "waive"):
        entity[name] = as_text(value, flow)
    else:
        insert_field(entity, name, as_text(value, flow), order)


def set_list(entity: CommentedMap, name: str, values: list[str], flow: bool) -> None:
    """Make the list ``name`` hold ``values`` in that order: kept items keep their style; empty removes the field."""
    if not values:
        entity.pop(name, None)
        return
    seq = entity.get(name)
    if not isinstance(seq, CommentedSeq):
        if name in entity:  # "tags:" with no value
            entity[name] = yaml_value(values, flow)
        else:
            insert_field(entity, name, yaml_value(values, flow))
        return
    inner_flow = bool(seq.fa.flow_style())
    old = {str(item): item for item in seq}
    current = list(old) if len(old) == len(seq) else None
    keep = [v for v in current or () if v in values]
    if current is not None and keep == values[: len(keep)]:  # only removals and additions at the end
        for i in reversed(range(len(seq))):
            if current[i] not in values:
                del seq[i]
        rest = values[len(keep) :]
    else:  # another order: the list anew
        for i in reversed(range(len(seq))):
            del seq[i]
        rest = values
    for value in rest:
        seq.append(old[value] if value in old else as_text(value, inner_flow))


def change_list(entity: CommentedMap, name: str, values: list[str], mode: str, flow: bool) -> None:
    """Add ``values`` to the list ``name`` (``mode`` add) or remove them (remove), as it is now; else make it them."""
    seq = entity.get(name)
    have = [str(v) for v in seq] if isinstance(seq, CommentedSeq) else []
    if mode == "add":
        values = have + [v for v in dict.fromkeys(values) if v not in have]
    elif mode == "remove":
        values = [v for v in have if v not in values]
    set_list(entity, name, values, flow)


def drop_measurement(entity: CommentedMap, at: int) -> None:
    """Remove the ``at``-th measurement; the empty list goes with the last one."""
    seq = entity["measurements"]
    del seq[at]
    if not seq:
        del entity["measurements"]


def replace_measurement(entity: CommentedMap, at: int, fields: dict[str, Any]) -> None:
    """Change fields of the ``at``-th measurement (its value, source or note), each in its style."""
    item = entity["measurements"][at]
    for name, value in fields.items():
        if name in item:
            item[name] = in_style_of(item[name], value, bool(item.fa.flow_style()))
        else:
            item[name] = as_text(value, bool(item.fa.flow_style()))


def unset_path(entity: CommentedMap, path: tuple[str, ...]) -> None:
    if len(path) == 2:
        entity = entity[path[0]]
    del entity[path[-1]]


def unwaive(entity: CommentedMap, rule: str) -> None:
    del entity["waive"][rule]
    if not entity["waive"]:
        del entity["waive"]


def add_ref(entity: CommentedMap, name: str, ref: str, flow: bool) -> None:
    refs = entity.get(name)
    if isinstance(refs, CommentedSeq):
        if not refs:  # "[]": one item on the same line is the smallest change
            refs.fa.set_flow_style()
        refs.append(ref)
    elif name in entity:  # "aims:" with no value
        entity[name] = yaml_value([ref], flow)
    else:
        insert_field(entity, name, yaml_value([ref], flow))


def drop_ref(entity: CommentedMap, name: str, ref: str) -> None:
    refs = entity.get(name)
    if not isinstance(refs, CommentedSeq):  # an earlier op of the same edit emptied the list (import --merge)
        return
    for i in reversed(range(len(refs))):
        if str(refs[i]) == ref:
            del refs[i]


def replace_ref(entity: CommentedMap, name: str, old: str, new: str) -> None:
    refs = entity[name]
    for i, item in enumerate(refs):
        if str(item) == old:
            refs[i] = in_style_of(item, new)


def rename_key(container: CommentedMap, old: Any, new: str) -> None:
    at = list(container).index(old)
    comment = container.ca.items.pop(old, None)
    value = container.pop(old)
    container.insert(at, new, value)
    if comment is not None:
        container.ca.items[new] = comment


def insert_measurement(entity: CommentedMap, at: int, item: CommentedMap) -> None:
    seq = entity.get("measurements")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        item.fa.set_flow_style()
        seq.append(item)
        insert_field(entity, "measurements", seq)
        return
    near = seq[min(at, len(seq) - 1)] if len(seq) else None
    if isinstance(near, CommentedMap) and near.fa.flow_style():
        item.fa.set_flow_style()
    seq.insert(at, item)
