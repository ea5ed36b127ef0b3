"""A model file as lines: its bytes, text and layout, and the lines each section and entity takes.

What :mod:`~goldenthread.model.edit.fragments` needs to cut an entity out of a file and splice it back.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goldenthread.model.edit.roundtrip import Layout
from goldenthread.model.yamlread import Map, Seq, parse_yaml, read_bytes

__all__ = [
    "COMMENT",
    "END_MARKER",
    "Lines",
    "SourceFile",
    "blank_or_comment",
    "char_at",
    "detect_layout",
    "read_source",
]


END_MARKER = re.compile(r"\.\.\.(?:[ \t]|$)")
COMMENT = re.compile(r"[ \t]*#")


@dataclass(slots=True)
class SourceFile:
    """One model file as read: its bytes, its text with ``\\n`` line breaks, and its fast-read data."""

    path: Path
    name: str
    raw: bytes
    text: str
    data: Map
    crlf: bool = False
    bom: bool = False

    def encode(self, text: str) -> bytes:
        """``text`` (``\\n`` line breaks) as this file's bytes: its line breaks and BOM."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


def read_source(path: Path, name: str) -> SourceFile:
    """Read a model file for editing; raises :class:`~goldenthread.model.errors.LoadError` as ``check`` would."""
    raw = read_bytes(path, name)
    data = parse_yaml(raw, name)
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    return SourceFile(
        path=path,
        name=name,
        raw=raw,
        text=text.replace("\r\n", "\n") if crlf else text,
        data=data,
        crlf=crlf,
        bom=raw.startswith(codecs.BOM_UTF8),
    )


def detect_layout(data: Map, fallback: Layout | None = None) -> Layout:
    """The indentation a file uses, from the positions of its first nested mapping and block sequence."""
    mapping = sequence = offset = None
    queue: list[Map] = [data]
    while queue and (mapping is None or sequence is None):
        parent = queue.pop(0)
        for key, value in parent.items():
            key_col = parent.key_pos[key][1]
            vpos = parent.value_pos[key]
            if isinstance(value, Map) and value and vpos[0] > parent.key_pos[key][0]:
                mapping = mapping if mapping is not None else vpos[1] - key_col
                queue.append(value)
            elif isinstance(value, Seq) and value and vpos[0] > parent.key_pos[key][0] and sequence is None:
                offset = vpos[1] - key_col
                sequence = value.item_pos[0][1] - key_col
                queue.extend(item for item in value if isinstance(item, Map))
            elif isinstance(value, Seq):
                queue.extend(item for item in value if isinstance(item, Map))
    base = fallback or Layout()
    if mapping is None or mapping <= 0:
        mapping = base.mapping
    if sequence is None or offset is None or offset < 0 or sequence < offset + 2:
        sequence, offset = base.sequence, base.offset
        if fallback is None:
            sequence, offset = mapping + 2, mapping
    return Layout(mapping=mapping, sequence=sequence, offset=offset)


def blank_or_comment(line: str, indent: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= indent


class Lines:
    """A file's lines (1-based) and the boundaries of its top-level keys."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.lines = source.text.splitlines(keepends=True)
        data = source.data
        marks = [i + 1 for i, line in enumerate(self.lines) if END_MARKER.match(line)]
        self.top_lines = sorted({data.key_pos[k][0] for k in data} | set(marks))
        self.block_top = char_at(self.lines, data.pos) != "{" and "\r" not in source.text

    def boundary_after(self, line: int) -> int:
        """The first top-level key line (or ``...``) after ``line``; one past the end if none."""
        for top in self.top_lines:
            if top > line:
                return top
        return len(self.lines) + 1

    def content_end(self, start: int, boundary: int, indent: int) -> int:
        """The last line of content from ``start`` before ``boundary``: trailing blanks and outer comments excluded."""
        end = boundary - 1
        while end > start and blank_or_comment(self.lines[end - 1], indent):
            end -= 1
        return end

    def cuttable(self, start: int, end: int, indent: int) -> bool:
        """Whether lines ``start..end`` can be dedented by ``indent`` and start with a key there."""
        first = self.lines[start - 1]
        if first[:indent].strip() or first[indent : indent + 1] in (" ", "\t", "-", "?", "{", "["):
            return False
        return all(not line.strip() or line[:indent] == " " * indent for line in self.lines[start - 1 : end])

    def section_region(self, key: Any) -> tuple[int, int] | None:
        line, col = self.source.data.key_pos[key]
        if not self.block_top or col != 1:
            return None
        end = self.content_end(line, self.boundary_after(line), 0)
        return (line, end) if self.cuttable(line, end, 0) else None

    def entity_regions(self, section: Any) -> dict[Any, tuple[int, int, int]] | None:
        """Entity key -> (first line, last line, indent) for a block section; None if it cannot be cut by lines."""
        data = self.source.data
        body = data.get(section)
        if not self.block_top or not isinstance(body, Map) or not body:
            return None
        if char_at(self.lines, body.pos) == "{" or body.pos[0] <= data.key_pos[section][0]:
            return None
        keys = sorted(body, key=lambda k: body.key_pos[k])
        boundary = self.boundary_after(data.key_pos[section][0])
        out: dict[Any, tuple[int, int, int]] = {}
        for i, key in enumerate(keys):
            line, col = body.key_pos[key]
            nxt = body.key_pos[keys[i + 1]][0] if i + 1 < len(keys) else boundary
            if nxt <= line:
                return None
            end = self.content_end(line, nxt, col - 1)
            if not self.cuttable(line, end, col - 1):
                return None
            out[key] = (line, end, col - 1)
        return out


def char_at(lines: list[str], pos: tuple[int, int]) -> str:
    line, col = pos
    if line - 1 >= len(lines):
        return ""
    text = lines[line - 1]
    return text[col - 1] if col - 1 < len(text) else ""
