"""Load a model file for editing and write it back with its comments and layout intact.

``check`` never comes here: it reads with :mod:`~goldenthread.model.yamlread`,
which is over ten times faster.  This path is for commands that change a model file.
ruamel.yaml's round-trip document keeps comments, key order, quoting, block
scalars and number formats, so an edit changes only the lines it touches.

Two things keep this path and the fast one in step:

* Safety: the bytes go through the fast reader first, so tags, anchors,
  aliases, merge keys, deep nesting, duplicate keys and bad dates are refused
  with the same positioned message before ruamel.yaml sees them (its
  round-trip loader would accept ``!!python/object/apply`` and ``!foo`` as
  tagged data).
* Meaning: ruamel.yaml resolves plain scalars with :func:`resolve_plain`, the
  fast reader's own YAML 1.2 core rules plus ISO dates, whatever ``%YAML``
  directive the file carries; so ``no`` stays text, ``1_000`` stays text, and a
  string written back as a plain scalar reads back as the same string.

Examples
--------
>>> doc, data = load_roundtrip("model.yaml")  # doctest: +SKIP
>>> doc.data["aims"]["aim-1"]["title"] = "A clearer title"  # doctest: +SKIP
>>> dump_roundtrip(doc, "model.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.tag import Tag

from goldenthread.model.collector import collector_paused
from goldenthread.model.edit.atomic import write_atomic
from goldenthread.model.errors import LoadError
from goldenthread.model.types import Position
from goldenthread.model.yamlread import Map, Seq, parse_yaml, read_bytes
from goldenthread.model.yamlscalars import BadScalar, resolve_plain

__all__ = [
    "Layout",
    "RoundTripDocument",
    "dump_roundtrip",
    "dumps_roundtrip",
    "load_roundtrip",
    "loads_roundtrip",
    "to_plain",
]

_TAG_OF_TYPE = {
    type(None): Tag(suffix="tag:yaml.org,2002:null"),
    bool: Tag(suffix="tag:yaml.org,2002:bool"),
    int: Tag(suffix="tag:yaml.org,2002:int"),
    float: Tag(suffix="tag:yaml.org,2002:float"),
    dt.date: Tag(suffix="tag:yaml.org,2002:timestamp"),
    str: Tag(suffix="tag:yaml.org,2002:str"),
}


class _CoreResolver(VersionedResolver):
    """ruamel.yaml's resolver made to agree with :func:`resolve_plain`, for loading and dumping alike."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            try:
                resolved = resolve_plain(value)
            except BadScalar:
                # Text such as 2005-02-30 must not be written plain: the fast reader refuses it.
                return _TAG_OF_TYPE[dt.date]
            # resolve_plain hands text back as it came, which may be one of ruamel.yaml's str subclasses.
            return _TAG_OF_TYPE[str] if isinstance(resolved, str) else _TAG_OF_TYPE[type(resolved)]
        return super().resolve(kind, value, (False, False))

    @property
    def processing_version(self) -> Any:
        # ruamel.yaml's constructors read 012 as octal under a %YAML 1.1 directive; the fast reader never does.
        return (1, 2)


class _Composer(Composer):
    """ruamel.yaml's composer, reading a scalar tagged with the non-specific ``!`` as text.

    That is YAML 1.2 (6.9.1) and the fast reader; ruamel.yaml, like PyYAML, resolves ``! 5`` as a number.
    """

    def compose_scalar_node(self, anchor: Any) -> Any:
        event = self.parser.peek_event()
        if event.ctag is not None and str(event.ctag) == "!":
            event.implicit = (False, True)
        return super().compose_scalar_node(anchor)


class _Constructor(RoundTripConstructor):
    """ruamel.yaml's round-trip constructor, placing empty values where libyaml does."""

    # The signature of RoundTripConstructor.construct_mapping, which itself adds maptyp to its bases' one.
    def construct_mapping(self, node: MappingNode, maptyp: Any, deep: bool = False) -> Any:  # type: ignore[override]
        result = super().construct_mapping(node, maptyp, deep=deep)
        lines = maptyp.lc.data
        for key_node, value_node in node.value:
            empty = value_node.__class__ is ScalarNode and value_node.value == "" and not value_node.style
            if empty and value_node.start_mark.index == value_node.end_mark.index:
                spot = lines.get(self.construct_object(key_node, deep=True))
                where = _empty_value_mark(self.loader.reader.buffer, key_node.end_mark, node.flow_style)
                if spot is not None and where is not None:
                    spot[2], spot[3] = where
        return result


def _empty_value_mark(text: str, key_end: Any, flow: bool | None) -> tuple[int, int] | None:
    """Where libyaml puts a missing value: just after the ``:`` in block style, at the next token in flow style.

    (ruamel.yaml puts it at the next token, which may be lines further down.)
    """
    i, line, col = key_end.index, key_end.line, key_end.column
    after_colon = False
    while i < len(text):
        ch = text[i]
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        if ch == "\n":
            i, line, col = i + 1, line + 1, 0
            continue
        if ch in " \t\r":
            i, col = i + 1, col + 1
            continue
        if after_colon:
            return line, col
        if ch != ":":
            return None
        i, col, after_colon = i + 1, col + 1, True
        if not flow:
            return line, col
    return None


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file was laid out, so that writing it back changes nothing that was not edited.

    ``mapping``, ``sequence`` and ``offset`` are ruamel.yaml's indents: a nested
    mapping's keys, a block sequence's items and its dashes, each counted from
    the parent key's column.
    """

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    #: What stands before the document's own ``---`` line, that line included: header
    #: comments and ``%`` directives, which ruamel.yaml would drop or move.
    prelude: str = ""
    #: The document starts with ``---`` followed by content on the same line.
    explicit_start: bool = False
    explicit_end: bool = False
    line_break: str = "\n"
    bom: bool = False


@dataclass(slots=True)
class RoundTripDocument:
    """A model file loaded for editing: change ``data`` in place, then :func:`dump_roundtrip` it."""

    data: CommentedMap
    layout: Layout
    name: str


def _yaml(layout: Layout) -> YAML:
    y = YAML(typ="rt")
    y.Resolver = _CoreResolver
    y.Constructor = _Constructor
    y.Composer = _Composer
    y.preserve_quotes = True
    # Never re-wrap long text: a model's descriptions are often wider than ruamel.yaml's default 80.
    y.width = 1_000_000
    y.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    y.explicit_start = layout.explicit_start
    y.explicit_end = layout.explicit_end
    return y


def load_roundtrip(path: str | os.PathLike[str], display: str | None = None) -> tuple[RoundTripDocument, Map]:
    """Load one model file for editing.

    Parameters
    ----------
    path
        The YAML file.
    display
        The name to report in errors; default ``path``.

    Returns
    -------
    (RoundTripDocument, Map)
        The editable document, and its content as the plain positioned data
        that :func:`~goldenthread.model.yamlread.read_yaml` gives (equal data,
        equal 1-based positions), ready for :func:`~goldenthread.model.validate.validate`.

    Raises
    ------
    LoadError
        Exactly where and why :func:`~goldenthread.model.yamlread.read_yaml` would.
    """
    name = display if display is not None else os.fspath(path)
    raw = read_bytes(path, name)
    parse_yaml(raw, name)  # the safety gate: raises LoadError on anything the fast path refuses
    document = _load_text(raw.decode("utf-8-sig"), name, raw.startswith(codecs.BOM_UTF8))
    return document, to_plain(document.data)


def loads_roundtrip(text: str, name: str = "<string>") -> RoundTripDocument:
    """Load YAML text for editing, as :func:`load_roundtrip` loads a file (same safety gate)."""
    parse_yaml(text, name)
    return _load_text(text.removeprefix("\ufeff"), name, False)


def _load_text(text: str, name: str, bom: bool) -> RoundTripDocument:
    crlf = "\r\n" in text
    # ruamel.yaml keeps the "\r" in comments it hands back; YAML reads "\r\n" as "\n" everywhere else.
    text = text.replace("\r\n", "\n") if crlf else text
    y = _yaml(Layout())
    try:
        with collector_paused():
            data = y.load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise LoadError.at(name, line, column, f"invalid YAML: {e.problem or e.context}") from None
    except YAMLError as e:  # pragma: no cover - the fast reader refuses these first
        raise LoadError.at(name, 1, 1, f"invalid YAML: {e}") from None
    layout = _layout(data, text, bom, crlf)
    if layout.prelude:
        _drop_prelude_comment(data, layout.prelude.count("\n") - 1)
    return RoundTripDocument(data=data, layout=layout, name=name)


# Blank lines, comment lines and directives, then a "---" line with at most a comment after it.
_PRELUDE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n|%[^\n]*\n)*---[ \t]*(?:#[^\n]*)?(?:\n|\Z)")
# ... or a "---" with content after it on its line: ruamel.yaml writes that one itself.
_START = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n|%[^\n]*\n)*---[ \t]")
_END = re.compile(r"\n\.\.\.[ \t]*(?:#[^\n]*)?\n?(?:[ \t]*(?:#[^\n]*)?\n?)*\Z")


def _drop_prelude_comment(data: CommentedMap, line: int) -> None:
    # A comment after "---" is kept in the prelude; ruamel.yaml would also write it again below.
    before = data.ca.comment
    if before and before[1]:
        before[1] = [token for token in before[1] if token.start_mark.line != line]


def _layout(data: CommentedMap, text: str, bom: bool, crlf: bool) -> Layout:
    mapping = sequence = offset = None
    # Breadth-first: the outermost nested collections show the file's house style best.
    queue: list[CommentedMap] = [data]
    while queue and (mapping is None or sequence is None):
        parent = queue.pop(0)
        for key, value in parent.items():
            block = isinstance(value, CommentedMap | CommentedSeq) and not value.fa.flow_style(False)
            if not block or not value or value.lc.line is None:
                continue
            key_col = parent.lc.key(key)[1]
            if isinstance(value, CommentedMap):
                mapping = mapping if mapping is not None else value.lc.col - key_col
                queue.append(value)
            elif sequence is None:
                offset = value.lc.col - key_col
                sequence = value.lc.item(0)[1] - key_col
            for item in value if isinstance(value, CommentedSeq) else ():
                if isinstance(item, CommentedMap):
                    queue.append(item)
    mapping = mapping if mapping and mapping > 0 else 2
    prelude = _PRELUDE.match(text)
    if sequence is None or offset is None or offset < 0 or sequence < offset + 2:
        sequence, offset = mapping + 2, mapping
    return Layout(
        mapping=mapping,
        sequence=sequence,
        offset=offset,
        prelude=prelude.group() if prelude else "",
        explicit_start=not prelude and bool(_START.match(text)),
        explicit_end=bool(_END.search(text)),
        line_break="\r\n" if crlf else "\n",
        bom=bom,
    )


def to_plain(node: Any, pos: tuple[int, int] = (1, 1)) -> Any:
    """Turn a round-trip document (or any part of it) into plain data with 1-based positions.

    CommentedMap becomes :class:`~goldenthread.model.yamlread.Map` and
    CommentedSeq :class:`~goldenthread.model.yamlread.Seq` (so do plain dicts
    and lists an edit put in); ruamel.yaml's scalar types (ScalarInt,
    ScalarFloat, ScalarBoolean, ScalarString, TimeStamp...) become the plain
    bool, int, float, str, date or datetime they stand for.

    Positions are those of the file as loaded.  Parts an edit added have none;
    they take their container's (``pos`` at the top).
    """
    if isinstance(node, dict):
        lc = node.lc.data if isinstance(node, CommentedMap) else {}
        here = _pos(node.lc.line, node.lc.col, pos) if isinstance(node, CommentedMap) else pos
        out = Map(here)
        for key, value in node.items():
            spot = lc.get(key)
            k = to_plain(key, here)
            kpos = _pos(spot[0], spot[1], here) if spot else here
            vpos = _pos(spot[2], spot[3], here) if spot else here
            out[k] = to_plain(value, vpos)
            out.key_pos[k] = kpos
            out.value_pos[k] = vpos
        return out
    if isinstance(node, list):
        lc = node.lc.data if isinstance(node, CommentedSeq) else {}
        here = _pos(node.lc.line, node.lc.col, pos) if isinstance(node, CommentedSeq) else pos
        out_s = Seq(here)
        for i, item in enumerate(node):
            spot = lc.get(i)
            ipos = _pos(spot[0], spot[1], here) if spot else here
            out_s.append(to_plain(item, ipos))
            out_s.item_pos.append(ipos)
        return out_s
    if node is None or node.__class__ in (str, int, float, bool, dt.date):
        return node
    # Before int: ScalarBoolean is an int subclass.
    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(
            node.year, node.month, node.day, node.hour, node.minute, node.second, node.microsecond, node.tzinfo
        )
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    raise TypeError(f"{type(node).__name__} at line {pos[0]}, column {pos[1]} is not plain model data")


def _pos(line: int | None, col: int | None, fallback: tuple[int, int]) -> tuple[int, int]:
    if line is None or col is None:
        return fallback
    return (line + 1, col + 1)


def dumps_roundtrip(document: RoundTripDocument) -> str:
    """The text of a document in the layout it was read in, with ``\\n`` line breaks and no BOM.

    A fresh YAML instance each time: one whose dump failed is left unusable.
    """
    y = _yaml(document.layout)
    out = io.StringIO()
    with collector_paused():
        y.dump(document.data, out)
    return document.layout.prelude + out.getvalue()


def dump_roundtrip(document: RoundTripDocument, path: str | os.PathLike[str]) -> None:
    """Write an edited document to ``path`` atomically, in the layout it was read in.

    The text is made and re-read with the fast reader before anything is
    written: a document that ``check`` could not read back (for instance a
    value that needs a tag) raises :class:`LoadError` and leaves ``path`` as it
    was.  So does any failure while writing.
    """
    text = dumps_roundtrip(document)
    try:
        parse_yaml(text, document.name)
    except LoadError as e:
        first = e.findings[0]
        where = first.pos or Position(document.name, 1, 1)
        raise LoadError.at(
            document.name,
            where.line,
            where.column,
            f"not written: the edited model would not read back: {first.message}",
        ) from None
    # Every "\n" ruamel.yaml writes is a line break (a newline inside a scalar is escaped or is one).
    if document.layout.line_break != "\n":
        text = text.replace("\n", document.layout.line_break)
    raw = (codecs.BOM_UTF8 if document.layout.bom else b"") + text.encode("utf-8")
    write_atomic(path, raw)
