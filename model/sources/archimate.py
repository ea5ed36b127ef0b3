"""Read an ArchiMate exchange file (from Archi or any tool) as a model: ``goldenthread import FILE.xml``.

Goals become aims, CoursesOfAction themes, WorkPackages projects and
Outcomes benefits (``mapping`` adds or changes types: ``{"Principle":
"theme"}``); Realizations and Influences between them become links, a
Stakeholder associated with an element its owner, and the properties
:mod:`~goldenthread.model.sources.archimatemap` names become fields.  Other element
and relationship types are counted in :attr:`ExchangeImport.skipped`.

The XML is parsed safely: no DTD (a file holding a DOCTYPE is refused
before parsing, so no entity can be declared: no XXE, no billion laughs), no
network, lxml's limits on depth and text size, and a bound on the file's
size.  Every problem is ``FILE.xml:line:col: message``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.model.allocation import AllocationTextError, parse_allocation_text
from goldenthread.model.edit.values import LINKS, EditError, parse_date, parse_number
from goldenthread.model.rulebook import RULES, SETTINGS
from goldenthread.model.sources.archimatemap import (
    ELEMENT_TYPES,
    ENTITY_PROPERTIES,
    MODEL_PROPERTIES,
    NAMESPACE,
    OWNER_TYPE,
    RELATIONSHIPS,
    dynamic_property,
)
from goldenthread.model.sources.spreadsheet import Imported, SpreadsheetError
from goldenthread.model.validate import did_you_mean
from goldenthread.model.vocabulary import CURRENCY_PATTERN, ENTITY_FIELDS, ID_PATTERN

__all__ = ["MAX_BYTES", "ExchangeError", "ExchangeImport", "read_exchange"]

MAX_BYTES = 50 * 1024 * 1024
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
_KINDS_OF = {t: k for k, t in ELEMENT_TYPES.items()}
_LINK_TYPES = ("Realization", "Influence")
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)")
_START_TAG = re.compile(r"<[^/!?]")
#: Controls XML 1.0 allows and a model refuses (as the YAML reader does): they would reach terminals and logs.
_CONTROL = re.compile("[\x7f-\x9f]")


class ExchangeError(SpreadsheetError):
    """An exchange file could not be imported; ``problems`` holds one ``FILE.xml:line:col: message`` line each.

    A :class:`SpreadsheetError`, so that ``import`` reports it as it reports a sheet's problems.
    """


@dataclass(slots=True)
class ExchangeImport:
    """The model read, and what was left out: ``"element Principle"`` or ``"relationship Flow"`` -> how many."""

    imported: Imported
    skipped: Counter[str] = field(default_factory=Counter)


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _place(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return f"{line}:{len(data[start:offset].decode('utf-8', 'replace')) + 1}"


def _parse(data: bytes, shown: str) -> Any:
    from lxml import etree  # only import needs it

    found = _DOCTYPE.search(data)
    if found:
        what = found.group(1).decode()
        raise ExchangeError(
            [f"{shown}:{_place(data, found.start())}: a {what} declaration is refused: an exchange file needs none"]
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        # The parser's own log: the exception's copy holds earlier parses' errors too.
        first = parser.error_log[0] if len(parser.error_log) else None
        line, col = (first.line, first.column) if first else (e.position or (1, 1))
        message = first.message if first else str(e.msg)
        raise ExchangeError([f"{shown}:{line}:{col}: not well-formed XML: {message}"]) from None
    if tree.getroottree().docinfo.internalDTD is not None:
        raise ExchangeError([f"{shown}:1:1: a DOCTYPE declaration is refused: an exchange file needs none"])
    return tree


class _Reader:
    def __init__(self, root: Any, data: bytes, shown: str, mapping: Mapping[str, str]) -> None:
        self.root = root
        self.data = data
        self.shown = shown
        self.kinds = {**_KINDS_OF, **mapping}
        self.problems: list[str] = []
        self.out = ExchangeImport(Imported())
        self.definitions: dict[str, str] = {}
        #: element identifier -> (kind, goldenthread id); a Stakeholder's kind is "owner" and its "id" its name.
        self.elements: dict[str, tuple[str, str]] = {}
        self._columns: dict[Any, int] | None = None
        self._suffix: dict[str, int] = {}

    def where(self, el: Any) -> str:
        """``line:col`` of an element's start tag (lxml knows the line; the column is found in it)."""
        if self._columns is None:
            self._columns = {}
            lines = self.data.decode("utf-8", "replace").split("\n")
            seen: Counter[int] = Counter()
            # Each line scanned once: a file of one long line must not cost a scan per element.
            starts: dict[int, list[int]] = {}
            for node in self.root.iter():
                if not isinstance(node.tag, str) or node.sourceline is None:
                    continue
                n = node.sourceline
                if n not in starts:
                    starts[n] = [m.start() for m in _START_TAG.finditer(lines[n - 1])] if n <= len(lines) else []
                k = seen[n]
                seen[n] += 1
                self._columns[node] = starts[n][k] + 1 if k < len(starts[n]) else 1
        return f"{el.sourceline or 1}:{self._columns.get(el, 1)}"

    def problem(self, el: Any, message: str) -> None:
        self.problems.append(f"{self.shown}:{self.where(el)}: {message}")

    def text(self, el: Any, tag: str) -> str | None:
        child = el.find(_q(tag))
        if child is None:
            return None
        text: str = child.text or ""
        if control := _CONTROL.search(text):
            self.problem(child, f"control character U+{ord(control[0]):04X} is not allowed in a model")
        return text

    def allocation(self, el: Any, text: str) -> dict[str, float | int] | None:
        """A project's shares as ``set`` takes them (``a1=60,a2=40``); a problem at the property if they do not read."""
        try:
            return parse_allocation_text(text)
        except AllocationTextError as e:
            self.problem(el, f"allocation: {e}")
            return None

    def properties(self, el: Any) -> list[tuple[str, str, Any]]:
        """(name, value, element) of each property of ``el`` whose definition is known."""
        out = []
        for p in el.iterfind(f"{_q('properties')}/{_q('property')}"):
            name = self.definitions.get(p.get("propertyDefinitionRef", ""))
            if name is None:
                self.problem(p, f"property definition {p.get('propertyDefinitionRef')!r} is not defined")
                continue
            out.append((name, self.text(p, "value") or "", p))
        return out

    def typed(self, el: Any, name: str, dtype: str, value: str) -> Any:
        try:
            if dtype == "number":
                return parse_number(name, value)
            if dtype == "date":
                return parse_date(name, value)
        except EditError as e:
            self.problem(el, str(e))
            return None
        return value

    # -- the model -------------------------------------------------------------------
    def read(self) -> ExchangeImport:
        root = self.root
        if root.tag != _q("model"):
            namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
            if root.tag.endswith("}model"):
                reason = f"its namespace is {namespace!r}, not the 3.x format's {NAMESPACE!r}"
            else:
                reason = f"its root element is <{root.tag.rpartition('}')[2]}>, not <model>"
            self.problem(root, f"not an ArchiMate exchange file: {reason}")
            raise ExchangeError(self.problems)
        for d in root.iterfind(f"{_q('propertyDefinitions')}/{_q('propertyDefinition')}"):
            self.definitions[d.get("identifier", "")] = (self.text(d, "name") or "").strip()
        self.model_fields()
        for el in root.iterfind(f"{_q('elements')}/{_q('element')}"):
            self.element(el)
        for rel in root.iterfind(f"{_q('relationships')}/{_q('relationship')}"):
            self.relationship(rel)
        if self.problems:
            raise ExchangeError(self.problems)
        return self.out

    def model_fields(self) -> None:
        info = self.out.imported.info
        title = self.text(self.root, "name")
        if title:
            info["title"] = title
        name = self.root.find(_q("name"))
        lang = name.get("{http://www.w3.org/XML/1998/namespace}lang") if name is not None else None
        if lang and lang != "en":  # en is what the export writes for a model that names no language
            info["language"] = lang
        info["description"] = self.text(self.root, "documentation")
        for name, value, p in self.properties(self.root):
            if name in MODEL_PROPERTIES:
                dtype, key = MODEL_PROPERTIES[name]
                info[key] = self.typed(p, name, dtype, value)
                if key == "currency" and not CURRENCY_PATTERN.match(value):
                    self.problem(p, f"currency must be a three-letter ISO 4217 code, not {value!r}")
            elif (dynamic := dynamic_property(name)) and dynamic[0] == "rule":
                # Checked here: the model block has no line of its own in the YAML that validation could name.
                rule = str(dynamic[2])
                if rule not in RULES:
                    self.problem(p, f"unknown rule {rule!r}{did_you_mean(rule, RULES)}")
                elif value not in SETTINGS:
                    self.problem(p, f"rule {rule!r} must be set to error, warning or off, not {value!r}")
                else:
                    self.out.imported.rules[rule] = value

    # -- elements --------------------------------------------------------------------
    def element(self, el: Any) -> None:
        etype = el.get(_XSI_TYPE) or "(no type)"
        ident = el.get("identifier", "")
        kind = self.kinds.get(etype)
        if etype == OWNER_TYPE and kind is None:
            self.elements[ident] = ("owner", self.text(el, "name") or "")
            return
        if kind is None:
            self.out.skipped[f"element {etype}"] += 1
            return
        props = self.properties(el)
        given = [v for n, v, _ in props if n == "goldenthread id"]
        eid = given[0].strip() if given else self.unique(_derived_id(ident))
        if not ID_PATTERN.match(eid):
            self.problem(el, f"bad goldenthread id {eid!r}: letters, digits, '_', '.' and '-', first a letter or digit")
            return
        imported = self.out.imported
        if eid in imported.origin:
            self.problem(el, f"duplicate id {eid!r} (first at {imported.origin[eid]})")
            return
        name = self.text(el, "name")
        fields: dict[str, Any] = {"title": name if name and name.strip() else None}
        fields["description"] = self.text(el, "documentation")
        measurements: dict[int, dict[str, Any]] = {}
        for pname, value, p in props:
            if pname in ENTITY_PROPERTIES and pname != "goldenthread id":
                dtype, path = ENTITY_PROPERTIES[pname]
                typed = self.typed(p, pname, dtype, value)
                if path == "tags":
                    fields.setdefault("tags", []).append(value)
                elif path.partition(".")[0] not in ENTITY_FIELDS[kind]:
                    continue  # a field of another kind: a property the tool's user added
                elif path.startswith("measure."):
                    fields.setdefault("measure", {})[path.removeprefix("measure.")] = typed
                elif path == "allocation":
                    fields[path] = self.allocation(p, value)
                else:
                    fields[path] = typed
            elif dynamic := dynamic_property(pname):
                what, dtype, key = dynamic
                if what == "waived":
                    fields.setdefault("waive", {})[str(key)] = value
                elif what.startswith("measurement ") and kind == "benefit":
                    part = what.removeprefix("measurement ")
                    measurements.setdefault(int(key), {"pos": p})[part] = self.typed(p, pname, dtype, value)
        if measurements:
            fields["measurements"] = [self.measurement(m) for _, m in sorted(measurements.items())]
        imported.sections[kind][eid] = fields
        imported.origin[eid] = self.where(el)
        self.elements[ident] = (kind, eid)

    def unique(self, eid: str) -> str:
        """``eid``, or with ``-2``, ``-3``... if an element read before has it."""
        out = eid
        # The last suffix given for each id: many elements of one name must not cost a search each.
        while out in self.out.imported.origin:
            self._suffix[eid] = self._suffix.get(eid, 1) + 1
            out = f"{eid}-{self._suffix[eid]}"
        return out

    def measurement(self, m: dict[str, Any]) -> dict[str, Any]:
        pos = m.pop("pos")
        for part in ("date", "value"):
            if part not in m:
                self.problem(pos, f"a measurement needs a date and a value: its {part} is missing")
        return {k: m[k] for k in ("date", "value", "source") if m.get(k) is not None}

    # -- relationships ---------------------------------------------------------------
    def relationship(self, rel: Any) -> None:
        rtype = rel.get(_XSI_TYPE) or "(no type)"
        source = self.elements.get(rel.get("source", ""))
        target = self.elements.get(rel.get("target", ""))
        if source is None or target is None:
            self.out.skipped[f"relationship {rtype}"] += 1
            return
        sections = self.out.imported.sections
        if rtype == "Association" and ("owner" in (source[0], target[0])) and source[0] != target[0]:
            owner, entity = (source, target) if source[0] == "owner" else (target, source)
            fields = sections[entity[0]][entity[1]]
            if fields.get("owner") not in (None, owner[1]):
                self.problem(rel, f"{entity[1]!r} has two owners: {fields['owner']!r} and {owner[1]!r}")
            fields["owner"] = owner[1]
            return
        if rtype in _LINK_TYPES:
            for (holder, other), (_, reverse) in RELATIONSHIPS.items():
                a, b = (target, source) if reverse else (source, target)
                if (a[0], b[0]) == (holder, other):
                    links = sections[holder][a[1]].setdefault(LINKS[holder, other][0], [])
                    if b[1] not in links:
                        links.append(b[1])
                    return
        self.out.skipped[f"relationship {rtype} from {source[0]} to {target[0]}"] += 1


def _derived_id(ident: str) -> str:
    """A goldenthread id for an element that names none (made in the architecture tool): its identifier."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", ident).lstrip("_.-") or "element"


def read_exchange(
    path: str | os.PathLike[str], shown: str | None = None, mapping: Mapping[str, str] | None = None
) -> ExchangeImport:
    """Read a model from an ArchiMate exchange file; ``mapping``: more element types -> goldenthread kinds."""
    name = shown or os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ExchangeError([f"{name}:1:1: {size:,} bytes, over the {MAX_BYTES:,}-byte limit; refused"])
        data = Path(path).read_bytes()
    except OSError as e:
        raise ExchangeError([f"{name}:1:1: cannot read: {e.strerror or e}"]) from None
    root = _parse(data, name)
    return _Reader(root, data, name, mapping or {}).read()
