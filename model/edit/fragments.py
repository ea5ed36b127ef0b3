"""Edit a model file by the few lines that change, leaving every other byte as it was.

ruamel.yaml's round-trip loader keeps comments and layout, but it takes about
20 s to load a 10,000-entity file.  So an edit here round-trips only the
*fragment* it touches: the lines of one entity (its key line to its last line
of content), dedented to column 0, loaded with
:func:`~goldenthread.model.edit.roundtrip.loads_roundtrip`, changed, dumped in the
layout of the file, indented back and spliced in.  Lines outside the fragment
are never re-emitted, which also sidesteps two ruamel.yaml traps: a comment
after an entity that belongs to the next section (it lies outside the
fragment) and sequence indentation normalised across the file (each fragment
is dumped with its own, else the file's).

When an entity cannot be cut out by lines (a flow-style section, a comment
indented left of the entity's key) the fragment is its whole section, and
when the top level itself is in flow style, the whole file.

The positions come from the fast reader (:func:`~goldenthread.model.yamlread.parse_yaml`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from goldenthread.model.edit.roundtrip import Layout, RoundTripDocument, dumps_roundtrip, loads_roundtrip
from goldenthread.model.edit.sourcefile import (
    Lines,
    SourceFile,
    detect_layout,
    read_source,
)
from goldenthread.model.errors import LoadError
from goldenthread.model.vocabulary import TOP_LEVEL
from goldenthread.model.yamlread import parse_yaml

__all__ = [
    "TOP",
    "EntityOp",
    "SourceFile",
    "Splice",
    "apply_ops",
    "detect_layout",
    "read_source",
    "remove_entity",
    "render_mapping",
]

#: Change ``container[key]`` in place: set a field, delete it, rename the key...
EntityOp = Callable[[CommentedMap, Any], None]

#: The "section" of an op on a top-level mapping (the model block): its container is the file's root.
TOP = ""


def remove_entity(container: CommentedMap, key: Any) -> None:
    """The op that removes an entity (with the comment lines just above it, when cut by lines)."""
    del container[key]


@dataclass(slots=True)
class _Plan:
    """The edits planned for one file: ops on entities, entities to add, per section."""

    ops: dict[tuple[Any, Any], list[EntityOp]] = field(default_factory=dict)
    adds: dict[str, list[tuple[str, CommentedMap]]] = field(default_factory=dict)
    #: What each splice did, for :func:`~goldenthread.model.edit.patchdata.patched_data`; None: not entity by entity.
    records: list[Splice | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Splice:
    """Lines ``start..end`` of a file replaced by ``text``: entity ``key`` of ``section``, or new ones (key None).

    An insertion after line ``n`` has ``start = n + 1`` and ``end = n``.
    """

    start: int
    end: int
    text: str
    section: str
    key: Any = None


def render_mapping(mapping: CommentedMap, layout: Layout, indent: int = 0) -> str:
    """Dump a new mapping in ``layout``, every line indented by ``indent`` spaces."""
    text = dumps_roundtrip(RoundTripDocument(data=mapping, layout=_plain_layout(layout), name="<new>"))
    return _indent(text, indent)


def _plain_layout(layout: Layout) -> Layout:
    return Layout(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)


def _indent(text: str, n: int) -> str:
    if n == 0:
        return text
    pad = " " * n
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _edit_text(text: str, name: str, layout: Layout, edit: Callable[[CommentedMap], None]) -> str:
    """Round-trip ``text`` (a fragment dedented to column 0), apply ``edit`` to its top mapping, dump it."""
    document = loads_roundtrip(text, name)
    own = detect_layout(parse_yaml(text, name), fallback=layout)
    document.layout = dataclasses.replace(
        document.layout, mapping=own.mapping, sequence=own.sequence, offset=own.offset
    )
    edit(document.data)
    return _keep_comment_gaps(text, dumps_roundtrip(document))


_EOL_COMMENT = re.compile(r"^(\s*(?:- )?[^\s#:][^#:]*:\s.*?\S)(\s+)(#.*)$")


def _keep_comment_gaps(old: str, new: str) -> str:
    """Keep the spaces before an end-of-line comment on a changed line as they were.

    ruamel.yaml keeps the comment's column, so a shorter value moves it away
    from the value; the user's gap (often two spaces) is what they wrote.
    """
    gaps: dict[tuple[str, str], str] = {}
    for line in old.splitlines():
        m = _EOL_COMMENT.match(line)
        if m:
            gaps[(m[1].split(":", 1)[0], m[3])] = m[2]
    if not gaps:
        return new
    out = []
    for line in new.splitlines(keepends=True):
        m = _EOL_COMMENT.match(line.rstrip("\n"))
        gap = gaps.get((m[1].split(":", 1)[0], m[3])) if m else None
        if m and gap is not None and m[2] != gap:
            line = m[1] + gap + m[3] + ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def _dedent(lines: list[str], n: int) -> str:
    return "".join(line[n:] if line.strip() else line.lstrip(" ") for line in lines)


def _separated(lines: Lines, regions: dict[Any, tuple[int, int, int]]) -> bool:
    """Whether the section's entities stand apart with a blank line between them (then a new one does too)."""
    keys = sorted(regions, key=lambda k: regions[k][0])
    if len(keys) < 2:
        return False
    end = regions[keys[0]][1]
    nxt = regions[keys[1]][0]
    return any(not line.strip() for line in lines.lines[end : nxt - 1])


def apply_ops(
    source: SourceFile,
    ops: list[tuple[str, Any, EntityOp]],
    adds: list[tuple[str, str, CommentedMap]],
    records: list[Splice | None] | None = None,
) -> str:
    """The new text of ``source`` after the edits.

    Parameters
    ----------
    ops
        ``(section, entity key, op)``: ``op(container, key)`` changes the entity
        in the mapping that holds it.  Keys are as the fast reader read them.
    adds
        ``(section, id, fields)``: a new entity appended to the end of its
        section (the section is created when the file has none).
    records
        Filled with a :class:`Splice` for each entity replaced or added, and
        None for any change made otherwise (a section or the whole file).
    """
    layout = detect_layout(source.data)
    lines = Lines(source)
    plan = _Plan()
    for section, key, op in ops:
        plan.ops.setdefault((section, key), []).append(op)
    for section, eid, value in adds:
        plan.adds.setdefault(section, []).append((eid, value))
    sections = {s for s, _ in plan.ops} | set(plan.adds)
    # (first line, last line, replacement text); applied bottom-up so that line numbers stay valid.
    splices: list[tuple[int, int, str]] = []
    plan.records = records if records is not None else []
    whole: list[str] = []
    try:
        for section in sorted(sections, key=str):
            done = _plan_section(source, lines, layout, plan, section, splices)
            if not done:
                whole.append(section)
    except (LoadError, YAMLError):
        # A fragment that does not stand alone as YAML (none is known): round-trip the whole file instead.
        whole.append("*")
    if whole:
        plan.records.append(None)
        return _edit_whole(source, layout, plan)
    new = list(lines.lines)
    if new and not new[-1].endswith("\n") and any(end >= len(new) for _, end, _ in splices):
        new[-1] += "\n"
    for start, end, text in sorted(splices, key=lambda s: (s[0], s[1]), reverse=True):
        new[start - 1 : end] = [text] if text else []
    return "".join(new)


def _apply_entity_ops(container: CommentedMap, section: str, plan: _Plan, keys: list[Any]) -> None:
    for key in keys:
        for op in plan.ops.get((section, key), []):
            op(container, key)


def _plan_section(
    source: SourceFile,
    lines: Lines,
    layout: Layout,
    plan: _Plan,
    section: str,
    splices: list[tuple[int, int, str]],
) -> bool:
    """Plan the splices for one section; False when only a whole-file round trip can do it."""
    if section == TOP:
        return _plan_top(source, lines, layout, plan, splices)
    data = source.data
    keys = [k for s, k in plan.ops if s == section]
    adds = plan.adds.get(section, [])
    if section not in data:
        if not lines.block_top:
            return False
        splices.append(_new_section(source, lines, layout, section, adds))
        plan.records.append(None)
        return True
    regions = lines.entity_regions(section)
    if regions is not None and all(k in regions for k in keys):
        for key in keys:
            start, end, indent = regions[key]
            if remove_entity in plan.ops[(section, key)]:
                lead = _leading_comments(lines, start, indent)
                # Its separating blank line goes with it, when another follows.
                if (
                    lead > 1
                    and not lines.lines[lead - 2].strip()
                    and end < len(lines.lines)
                    and not lines.lines[end].strip()
                ):
                    lead -= 1
                splices.append((lead, end, ""))
                plan.records.append(None)
                continue
            text = _dedent(lines.lines[start - 1 : end], indent)

            def edit(root: CommentedMap, key: Any = key) -> None:
                _apply_entity_ops(root, section, plan, [key])

            new_text = _indent(_edit_text(text, source.name, layout, edit), indent)
            splices.append((start, end, new_text))
            plan.records.append(Splice(start, end, new_text, section, key))
        if adds:
            last = max(regions.values(), key=lambda r: r[0])
            indent = last[2]
            new = CommentedMap()
            for eid, value in adds:
                new[eid] = value
            text = render_mapping(new, layout, indent)
            if _separated(lines, regions):
                text = "\n" + text
            # An insertion: it replaces nothing, just after the last entity's last line.
            splices.append((last[1] + 1, last[1], text))
            plan.records.append(Splice(last[1] + 1, last[1], text, section))
        return True
    region = lines.section_region(section)
    if region is None:
        return False
    start, end = region

    def edit_section(root: CommentedMap) -> None:
        _edit_section(root, section, plan, keys, adds)

    text = _dedent(lines.lines[start - 1 : end], 0)
    splices.append((start, end, _edit_text(text, source.name, layout, edit_section)))
    plan.records.append(None)
    return True


def _plan_top(
    source: SourceFile, lines: Lines, layout: Layout, plan: _Plan, splices: list[tuple[int, int, str]]
) -> bool:
    """Splice the changed top-level mappings (the model block): the key's lines, or a new block above the first key."""
    data = source.data
    for key in [k for s, k in plan.ops if s == TOP]:
        ops = plan.ops[(TOP, key)]

        def edit(root: CommentedMap, key: Any = key, ops: list[EntityOp] = ops) -> None:
            for op in ops:
                op(root, key)

        if key in data:
            region = lines.section_region(key)
            if region is None:
                return False
            start, end = region
            text = _dedent(lines.lines[start - 1 : end], 0)
            splices.append((start, end, _edit_text(text, source.name, layout, edit)))
        else:
            if not lines.block_top:
                return False
            root = CommentedMap()
            edit(root)
            text = render_mapping(root, layout)
            below = lines.section_region("model") if key != "model" and "model" in data else None
            if below is not None:  # rules: right after the model block
                splices.append((below[1] + 1, below[1], text))
            elif data:
                # Above the first key and the comments that describe it: the model block comes first.
                first = _leading_comments(lines, min(line for line, _ in data.key_pos.values()), 0)
                splices.append((first, first - 1, text + "\n"))
            else:
                splices.append((len(lines.lines) + 1, len(lines.lines), text))
        plan.records.append(None)
    return True


def _leading_comments(lines: Lines, start: int, indent: int) -> int:
    """The first of the comment lines just above line ``start`` at its indentation (they describe it)."""
    while start > 1:
        above = lines.lines[start - 2]
        if not above.strip().startswith("#") or len(above) - len(above.lstrip(" ")) != indent:
            break
        start -= 1
    return start


def _edit_section(
    root: CommentedMap, section: str, plan: _Plan, keys: list[Any], adds: list[tuple[str, CommentedMap]]
) -> None:
    container = root.get(section)
    if not isinstance(container, CommentedMap):
        container = root[section] = CommentedMap()
    _apply_entity_ops(container, section, plan, keys)
    for eid, value in adds:
        container[eid] = value


def _new_section(
    source: SourceFile, lines: Lines, layout: Layout, section: str, adds: list[tuple[str, CommentedMap]]
) -> tuple[int, int, str]:
    """A section the file lacks: after the last section that comes before it in the format's order."""
    body = CommentedMap()
    for eid, value in adds:
        body[eid] = value
    top = CommentedMap()
    top[section] = body
    text = render_mapping(top, layout)
    order = list(TOP_LEVEL)
    data = source.data
    rank = order.index(section) if section in order else len(order)
    before = [k for k in data if k in order and order.index(k) < rank]
    anchor_key: object = max(before, key=lambda k: data.key_pos[k]) if before else None
    if anchor_key is None and data:
        anchor_key = max(data, key=lambda k: data.key_pos[k])
    if anchor_key is None:
        return (len(lines.lines) + 1, len(lines.lines), text)
    line = data.key_pos[anchor_key][0]
    end = lines.content_end(line, lines.boundary_after(line), 0)
    tops = sorted(data.key_pos[k][0] for k in data)
    gap = len(tops) > 1 and not lines.lines[tops[1] - 2].strip()
    return (end + 1, end, ("\n" if gap else "") + text)


def _edit_whole(source: SourceFile, layout: Layout, plan: _Plan) -> str:
    """The whole file round-tripped: the fallback for a top level in flow style."""
    document = loads_roundtrip(source.text, source.name)
    root = document.data
    for section in {s for s, _ in plan.ops} | set(plan.adds):
        keys = [k for s, k in plan.ops if s == section]
        if section == TOP:
            for key in keys:
                for op in plan.ops[(TOP, key)]:
                    op(root, key)
            continue
        _edit_section(root, section, plan, keys, plan.adds.get(section, []))
    return dumps_roundtrip(document)
