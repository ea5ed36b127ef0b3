"""The fast, safe YAML reader: bytes -> plain data that remembers source positions.

PyYAML's libyaml *parser* (events only) does the tokenising in C; the tree is
built here, iteratively, so that depth, aliases and tags are checked before
they can hurt.  Not used: PyYAML's composer (recursive: it segfaults on
deeply nested input) and ruamel.yaml's loaders (5-10x slower, and their
pure-Python parsers hit RecursionError below 1,000 levels).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, NoReturn

import yaml

try:
    # libyaml's event parser, through the public loader of yaml.cyaml built on it (``CParser`` is not exported).
    from yaml.cyaml import CBaseLoader as CParser
except ImportError:  # PyYAML built without libyaml: said when a model is read, not at import
    CParser = None  # type: ignore[assignment,misc]

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import GoldenthreadError, LoadError
from goldenthread.model.yamlscalars import CORE, MAX_INT_DIGITS, SCALAR_TAGS, BadScalar, resolve_plain, resolve_tagged

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "Map",
    "Seq",
    "parse_yaml",
    "position_of",
    "read_bytes",
    "read_yaml",
    "resolve_plain",
]

MAX_BYTES = 64 * 1024 * 1024
#: The model needs 6 levels; 32 leaves room for users' ``x-`` metadata.
MAX_DEPTH = 32
#: Values (scalars, mappings and lists) one file may hold.  64 MiB of ``[0,0,0,...]``
#: is 33 million of them and would take about 4 GiB as Python objects; 4 million
#: is 40 times the largest model benchmarked and keeps any accepted file near 1 GiB.
MAX_NODES = 4_000_000


class Map(dict[object, object]):
    """A mapping that remembers where it, its keys and its values stand (1-based line, col)."""

    __slots__ = ("key_pos", "pos", "value_pos")

    def __init__(self, pos: tuple[int, int]):
        super().__init__()
        self.pos = pos
        self.key_pos: dict[object, tuple[int, int]] = {}
        self.value_pos: dict[object, tuple[int, int]] = {}


class Seq(list[object]):
    """A list that remembers where it and each item stand (1-based line, col)."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: tuple[int, int]):
        super().__init__()
        self.pos = pos
        self.item_pos: list[tuple[int, int]] = []


#: C0 controls but tab and line breaks, DEL and the C1 controls.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_yaml(path: str | os.PathLike[str], display: str | None = None) -> Map:
    """Read one YAML file into a :class:`Map`, or raise :class:`LoadError` naming the place."""
    name = display if display is not None else os.fspath(path)
    return parse_yaml(read_bytes(path, name), name)


def read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of a model file, refusing one over :data:`MAX_BYTES` before reading it."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise LoadError.at(name, 1, 1, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise LoadError.at(name, 1, 1, "is a directory, expected a YAML file") from None
    except OSError as e:
        raise LoadError.at(name, 1, 1, f"cannot read file: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        raise LoadError.at(name, 1, 1, f"file is over the {MAX_BYTES:,}-byte limit")
    return data


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # e.object is what the codec decoded: after a BOM, the bytes that follow it.
        line, column = _byte_position(e.object, e.start)
        raise LoadError.at(
            name, line, column, f"not valid UTF-8: byte 0x{e.object[e.start]:02x} cannot be decoded"
        ) from None


#: Line breaks as libyaml counts them (YAML 1.1): CRLF, LF, CR, NEL, LS and PS.
#: Every position goldenthread reports counts lines this way, so that a file
#: with old Mac (CR) line ends gets the same lines from libyaml's marks and
#: from the checks made here.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def position_of(text: str, index: int) -> tuple[int, int]:
    r"""The 1-based line and column (in characters) of character ``index`` of ``text``.

    An index at or past the end names the end of the last line, never a line
    that does not exist.

    >>> position_of("a: 1\rb: [", 8), position_of("a: 1\r\nb: 2\n", 99), position_of("a\n\n", 3)
    ((2, 4), (2, 5), (2, 1))
    """
    index = max(0, min(index, len(text)))
    if index == len(text) and index:
        # Past a final line break: the end of the line it closes.
        if text.endswith("\r\n"):
            index -= 2
        elif text[-1] in "\r\n\x85\u2028\u2029":
            index -= 1
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        start = m.end()
    return line, index - start + 1


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset into UTF-8 ``data``."""
    before = data[:offset].decode("utf-8", errors="replace")
    return position_of(before + data[offset : offset + 1].decode("latin-1"), len(before))


def parse_yaml(data: bytes | str, name: str = "<string>") -> Map:
    """Parse YAML text into a :class:`Map` with positions; see :func:`read_yaml`."""
    text = _decode(data, name) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if "\x00" in text:
        raise LoadError.at(name, *position_of(text, text.index("\x00")), "NUL character in file")
    try:
        with collector_paused():
            return _build(text, name)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and (mark is None or mark.index >= len(text.rstrip())):
            # Where the file ends says nothing; where the unclosed quote or bracket opened does.
            mark = e.context_mark
        problem = e.problem or e.context or "invalid YAML"
        if e.context and e.problem:
            problem = f"{e.context}: {e.problem}"
        if mark is None:
            raise LoadError.at(name, 1, 1, f"invalid YAML: {problem}") from None
        if "maximum nesting depth" in problem:
            _refuse_deep_nesting(text, name, mark)
        if text[mark.index : mark.index + 1] == "\t":
            # libyaml's own words ("cannot start any token") do not say that the culprit is a tab.
            problem = "a tab character here: YAML indents with spaces only"
        # From the character index, not libyaml's line: at the end of a file
        # without a final line break, libyaml names the line after the last.
        raise LoadError.at(name, *position_of(text, mark.index), f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as e:
        # libyaml gives a byte offset into the UTF-8 text, not a line and column.
        line, column = _byte_position(text.encode("utf-8", errors="surrogatepass"), e.position)
        raise LoadError.at(
            name, line, column, f"invalid YAML: character U+{e.character:04X} is not allowed ({e.reason})"
        ) from None
    except yaml.YAMLError as e:
        raise LoadError.at(name, 1, 1, f"invalid YAML: {e}") from None


def _refuse_deep_nesting(text: str, name: str, mark: Any) -> NoReturn:
    """Report nesting past MAX_DEPTH at the same place whatever libyaml build is installed.

    libyaml 0.2.5 as bundled with PyYAML 6.0.4 stops at 1,000 flow levels while
    its scanner looks ahead for a possible key, before the parser has handed
    over the 33rd level; older builds have no such limit.  Building again from
    the text before that point finds the 33rd level where our own check would.
    """
    try:
        _build(text[: mark.index], name)
    except LoadError as e:
        if e.findings[0].message.startswith("nesting is deeper"):
            raise
    except yaml.YAMLError:
        pass
    raise LoadError.at(name, *position_of(text, mark.index), f"nesting is deeper than {MAX_DEPTH} levels")


def _build(text: str, name: str) -> Map:
    if CParser is None:
        raise GoldenthreadError(
            "PyYAML is installed without libyaml, which goldenthread reads models with: "
            "install a PyYAML wheel built with it (pip install --force-reinstall PyYAML)"
        )
    events = CParser(text)
    get: Callable[[], Any] = events.get_event
    ScalarEvent = yaml.ScalarEvent
    MappingStartEvent = yaml.MappingStartEvent
    SequenceStartEvent = yaml.SequenceStartEvent
    CollectionEndEvent = yaml.CollectionEndEvent
    AliasEvent = yaml.AliasEvent
    DocumentStartEvent = yaml.DocumentStartEvent
    StreamEndEvent = yaml.StreamEndEvent
    DocumentEndEvent = yaml.DocumentEndEvent

    def fail(event: Any, message: str) -> NoReturn:
        m = event.start_mark
        raise LoadError.at(name, m.line + 1, m.column + 1, message)

    root: Map | None = None
    documents = 0
    nodes = 0
    # Each stack frame: [container, pending key (maps only), key position].
    stack: list[list[Any]] = []
    while True:
        event = get()
        cls = event.__class__
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes += 1
            if nodes > MAX_NODES:
                fail(event, f"file holds over {MAX_NODES:,} values; split the model into several files")
        if cls is ScalarEvent:
            if event.anchor is not None:
                fail(event, f"anchors are not allowed (&{event.anchor})")
            tag = event.tag
            value_text = event.value
            control = _ESCAPED_CONTROL.search(value_text) if event.style == '"' else None
            if control is not None:
                # Raw control characters never get past libyaml; escaped ones
                # would reach terminals and CI logs as ANSI sequences.
                fail(event, f"control character U+{ord(control[0]):04X} in a quoted string is not allowed")
            try:
                if tag is None:
                    value = resolve_plain(value_text) if event.style == "" else value_text
                elif tag == "!":
                    # The non-specific tag "!" marks a scalar as text (YAML 1.2, 6.9.1).
                    value = value_text
                elif tag in SCALAR_TAGS:
                    value = resolve_tagged(tag, value_text)
                else:
                    fail(event, f"tag {tag!r} is not allowed: a model holds plain data only")
            except BadScalar as e:
                fail(event, str(e))
            m = event.start_mark
            pos = (m.line + 1, m.column + 1)
            if not stack:
                fail(event, "the top level must be a mapping of sections (aims:, themes:, ...)")
            frame = stack[-1]
            container = frame[0]
            if container.__class__ is Seq:
                container.append(value)
                container.item_pos.append(pos)
            elif frame[1] is _NO_KEY:
                if tag is None and event.style == "" and value_text == "<<":
                    fail(event, "merge keys (<<) are not allowed")
                if value.__class__ in (dict, list, Map, Seq):  # pragma: no cover - scalars only here
                    fail(event, "complex keys are not allowed")
                frame[1] = value
                frame[2] = pos
            else:
                key = frame[1]
                if key in container:
                    _duplicate_key(name, container, key, frame[2])
                container[key] = value
                container.key_pos[key] = frame[2]
                container.value_pos[key] = pos
                frame[1] = _NO_KEY
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None:
                fail(event, f"anchors are not allowed (&{event.anchor})")
            tag = event.tag
            if tag is not None and tag != "!" and tag != CORE + ("map" if cls is MappingStartEvent else "seq"):
                fail(event, f"tag {tag!r} is not allowed: a model holds plain data only")
            if len(stack) >= MAX_DEPTH:
                fail(event, f"nesting is deeper than {MAX_DEPTH} levels")
            m = event.start_mark
            pos = (m.line + 1, m.column + 1)
            new: Map | Seq = Map(pos) if cls is MappingStartEvent else Seq(pos)
            if stack:
                frame = stack[-1]
                container = frame[0]
                if container.__class__ is Seq:
                    container.append(new)
                    container.item_pos.append(pos)
                elif frame[1] is _NO_KEY:
                    fail(event, "complex (mapping or sequence) keys are not allowed")
                else:
                    key = frame[1]
                    if key in container:
                        _duplicate_key(name, container, key, frame[2])
                    container[key] = new
                    container.key_pos[key] = frame[2]
                    container.value_pos[key] = pos
                    frame[1] = _NO_KEY
            elif cls is SequenceStartEvent:
                fail(event, "the top level must be a mapping of sections (aims:, themes:, ...), not a list")
            else:
                assert isinstance(new, Map)  # a sequence at the top was refused just above
                root = new
            stack.append([new, _NO_KEY, None])
        elif cls is CollectionEndEvent or issubclass(cls, CollectionEndEvent):
            stack.pop()
        elif cls is AliasEvent:
            fail(event, f"aliases are not allowed (*{event.anchor})")
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                fail(event, "a model file holds one YAML document; found a second")
        elif cls is DocumentEndEvent:
            continue
        elif cls is StreamEndEvent:
            break
    if root is None:
        raise LoadError.at(name, 1, 1, "file is empty: expected a mapping of sections (aims:, themes:, ...)")
    return root


_NO_KEY = object()


def _duplicate_key(name: str, container: Map, key: object, at: tuple[int, int]) -> NoReturn:
    first = container.key_pos[key]
    raise LoadError.at(name, at[0], at[1], f"duplicate key {key!r} (first at line {first[0]}, column {first[1]})")
