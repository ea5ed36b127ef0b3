"""Edit a model from the command line: add, set, link, rename, remove, waive, measure.

A :class:`ModelEdit` reads the model's files, takes one or more operations,
and :meth:`ModelEdit.finish` gives the new text of every changed file, checked
by validating the whole model as it would be (nothing is written here; see
:func:`write_edit`).  Each operation goes to the file where its entity lives and
changes only its lines (:mod:`~goldenthread.model.edit.fragments`).

Examples
--------
>>> edit = ModelEdit("model/")  # doctest: +SKIP
>>> edit.link("web", "aim-1")  # doctest: +SKIP
>>> result = edit.finish()  # doctest: +SKIP
>>> write_edit(result)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from goldenthread.model.edit.fragments import TOP, EntityOp, SourceFile, Splice, apply_ops, read_source, remove_entity
from goldenthread.model.edit.operations import (
    REF_FIELDS,
    add_ref,
    as_text,
    change_list,
    drop_measurement,
    drop_ref,
    flow_lists,
    insert_measurement,
    on_entity,
    rename_key,
    replace_measurement,
    replace_ref,
    set_path,
    unset_path,
    unwaive,
    yaml_value,
)
from goldenthread.model.edit.patchdata import patched_data
from goldenthread.model.edit.result import EditResult, FileChange, checked, write_edit
from goldenthread.model.edit.values import (
    FIELD_ORDER,
    LINKS,
    EditError,
    check_new_id,
    parse_field_value,
    parse_number,
    scalar_field,
    shown,
    split_list,
)
from goldenthread.model.errors import LoadError
from goldenthread.model.loader import model_files
from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import KINDS, SECTIONS
from goldenthread.model.validate import did_you_mean
from goldenthread.model.vocabulary import ENTITY_FIELDS, MODEL_FIELDS, Kind
from goldenthread.model.wording import with_article
from goldenthread.model.yamlread import Map, Seq

__all__ = ["MODEL", "EditError", "EditResult", "FileChange", "ModelEdit", "write_edit"]

#: What ``set`` calls the model block, and its key in a file.
MODEL = "model"


@dataclass(frozen=True, slots=True)
class _Entity:
    id: str
    kind: Kind
    file: int
    key: Any
    data: Map | None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id!r}"


class ModelEdit:
    """The files of one model, and the edits planned on them."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.files: list[SourceFile] = [read_source(real, shown) for real, shown in model_files(path)]
        self.changes: list[str] = []
        self.renamed: dict[str, str] = {}
        self._ops: dict[int, list[tuple[str, Any, EntityOp]]] = {}
        self._adds: dict[int, list[tuple[str, str, CommentedMap]]] = {}
        self.entities: dict[str, _Entity] = {}
        for i, source in enumerate(self.files):
            for kind in KINDS:
                body = source.data.get(SECTIONS[kind])
                if not isinstance(body, Map):
                    continue
                for key, value in body.items():
                    eid = key.isoformat() if isinstance(key, dt.date) else str(key)
                    if eid not in self.entities:
                        data = value if isinstance(value, Map) else None
                        self.entities[eid] = _Entity(eid, kind, i, key, data)

    # -- looking up ------------------------------------------------------------
    def entity(self, eid: str, kinds: tuple[str, ...] = KINDS) -> _Entity:
        """The entity ``eid``; an unknown id gets a did-you-mean."""
        found = self.entities.get(eid)
        if found is None:
            candidates = [e.id for e in self.entities.values() if e.kind in kinds]
            wanted = " or ".join(kinds) if kinds != KINDS else "entity"
            raise EditError(f"no {wanted} has the id {eid!r}{did_you_mean(eid, candidates)}")
        if found.kind not in kinds:
            raise EditError(f"{eid!r} is {with_article(found.kind)}, not {with_article(' or '.join(kinds))}")
        return found

    def plan(self, e: _Entity, op: EntityOp) -> None:
        """Plan ``op`` on the entity ``e``, in its file."""
        if e.data is None and op is not remove_entity:
            raise EditError(f"{e.label} is not a mapping of fields in {self.files[e.file].name}: fix it there first")
        self._ops.setdefault(e.file, []).append((SECTIONS[e.kind], e.key, op))

    def references_to(self, eid: str) -> Iterator[tuple[_Entity, str]]:
        """Every (entity, field) whose list of links names ``eid``."""
        for e in self.entities.values():
            if e.data is None:
                continue
            for name in REF_FIELDS:
                refs = e.data.get(name)
                if isinstance(refs, Seq) and any(str(item) == eid for item in refs):
                    yield e, name

    # -- operations --------------------------------------------------------------
    def add(self, kind: str, eid: str, fields: dict[str, Any], file: str | None = None) -> None:
        """Add a new entity of ``kind``; ``fields`` holds model values (links as lists of ids)."""
        if kind not in KINDS:
            raise EditError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}{did_you_mean(kind, KINDS)}")
        check_new_id(eid, self.entities)
        for name in REF_FIELDS:
            want = name[:-1]
            for ref in fields.get(name, ()):
                self.entity(ref, (want,))
        index = self._target_file(kind, file)
        source = self.files[index]
        value = CommentedMap()
        flow = flow_lists(source)
        for name in FIELD_ORDER:
            if name in fields and fields[name] not in (None, (), []):
                value[name] = yaml_value(fields[name], flow=flow)
        self._adds.setdefault(index, []).append((SECTIONS[kind], eid, value))
        self.entities[eid] = _Entity(eid, kind, index, eid, None)
        self.changes.append(f"added {kind} {eid!r} to {source.name}")

    def set(self, eid: str, name: str, text: str | None) -> None:
        """Set a field (``measure.target`` for a measure's; ``tags`` as ``A,B``), or remove it when ``text`` is None."""
        if eid == MODEL:
            self.set_model(name, text)
            return
        e = self.entity(eid)
        if name in ENTITY_FIELDS[e.kind] and ENTITY_FIELDS[e.kind][name].type == "strlist":
            self.set_list(eid, name, split_list(text) if text is not None else [])
            return
        path, field_ = scalar_field(e.kind, name)
        if text is None:
            if field_.required:
                raise EditError(f"{name!r} is required: it can be changed, not unset")
            current = e.data.get(path[0]) if e.data is not None else None
            if len(path) == 2:
                current = current.get(path[1]) if isinstance(current, Map) else None
            if current is None:
                raise EditError(f"{e.label} has no {name!r} to unset")
            self.plan(e, lambda c, k: unset_path(c[k], path))
            self.changes.append(f"unset {name} of {e.label}")
            return
        value = parse_field_value(name, field_, text)
        self.plan(e, lambda c, k: set_path(c[k], path, value))
        self.changes.append(f"set {name} of {e.label} to {shown(value)}")

    def set_list(self, eid: str, name: str, values: list[str], mode: str = "replace") -> None:
        """Make a list of labels ``values`` (``mode`` replace), or add or remove those ``values`` (add, remove)."""
        e = self.entity(eid)
        if name not in ENTITY_FIELDS[e.kind] or ENTITY_FIELDS[e.kind][name].type != "strlist":
            lists = [n for n, f in ENTITY_FIELDS[e.kind].items() if f.type == "strlist"]
            raise EditError(f"{e.label} has no list {name!r}{did_you_mean(name, lists)}; lists: {', '.join(lists)}")
        current = e.data.get(name) if e.data is not None else None
        have = [str(v) for v in current] if isinstance(current, Seq) else []
        if mode == "add":
            new = have + [v for v in dict.fromkeys(values) if v not in have]
        elif mode == "remove":
            missing = [v for v in values if v not in have]
            if missing:
                held = f"; it has {', '.join(have)}" if have else ""
                raise EditError(f"{e.label} has no {name} {', '.join(missing)}{did_you_mean(missing[0], have)}{held}")
            new = [v for v in have if v not in values]
        else:
            new = list(dict.fromkeys(values))
            if not new and not have:
                raise EditError(f"{e.label} has no {name!r} to unset")
        if new == have:
            return
        flow = flow_lists(self.files[e.file])
        # Applied to the list as the edits before it left it: --add and --remove in one run both count.
        self.plan(e, on_entity(change_list, name, values, mode, flow))
        items = ", ".join(values) or "none"
        done = {"add": f"added {items} to", "remove": f"removed {items} from"}.get(mode, "set")
        self.changes.append(f"{done} {name} of {e.label}" + (f" to {items}" if done == "set" else ""))

    def set_model(self, name: str, text: str | None) -> None:
        """Set a field of the model block (``as_of``, ``currency``...), or remove it; the block is made when missing."""
        if name not in MODEL_FIELDS:
            names = list(MODEL_FIELDS)
            raise EditError(f"the model has no field {name!r}{did_you_mean(name, names)}; fields: {', '.join(names)}")
        index = next((i for i, f in enumerate(self.files) if MODEL in f.data), 0)
        block = self.files[index].data.get(MODEL)
        value: object = None
        if text is None:
            if not isinstance(block, Map) or name not in block:
                raise EditError(f"the model has no {name!r} to unset")
        else:
            value = parse_field_value(name, MODEL_FIELDS[name], text)
        self.set_top(MODEL, name, value, tuple(MODEL_FIELDS))
        done = f"unset {name}" if value is None else f"set {name}"
        self.changes.append(f"{done} of the model" + ("" if value is None else f" to {shown(value)}"))

    def set_top(self, key: str, name: str, value: object, order: tuple[str, ...] = ()) -> None:
        """Plan ``name`` of the top-level mapping ``key`` (model, rules) set to ``value`` (None: removed)."""
        index = next((i for i, f in enumerate(self.files) if key in f.data), None)
        index = index if index is not None else next((i for i, f in enumerate(self.files) if MODEL in f.data), 0)

        def op(root: CommentedMap, k: str) -> None:
            if not isinstance(root.get(k), CommentedMap):
                root[k] = CommentedMap()  # a new key goes where fragments puts it; "model:" with no value is filled
            (unset_path if value is None else lambda m, p: set_path(m, p, value, order))(root[k], (name,))

        self._ops.setdefault(index, []).append((TOP, key, op))

    def link(self, source: str, target: str, *, remove: bool = False) -> bool:
        """Link ``source`` to ``target`` (or unlink them); False when there is nothing to change."""
        a, b = self.entity(source), self.entity(target)
        spec = LINKS.get((a.kind, b.kind))
        if spec is None:
            valid = ", ".join(f"{x} to {y}" for x, y in LINKS)
            turn = f"; did you mean {b.id} {a.id}?" if (b.kind, a.kind) in LINKS else ""
            raise EditError(f"cannot link {a.label} to {b.label}: links go {valid}{turn}")
        name, relation = spec
        refs = a.data.get(name) if a.data is not None else None
        present = isinstance(refs, Seq) and any(str(item) == b.id for item in refs)
        if remove:
            if not present:
                raise EditError(f"{a.label} is not linked to {b.label}")
            self.plan(a, lambda c, k: drop_ref(c[k], name, b.id))
            self.changes.append(f"unlinked {a.label} from {b.label} ({name})")
            return True
        if present:
            return False
        flow = flow_lists(self.files[a.file])
        self.plan(a, lambda c, k: add_ref(c[k], name, b.id, flow))
        self.changes.append(f"linked {a.label} to {b.label} ({relation})")
        return True

    def rename(self, old: str, new: str) -> None:
        """Change an id and every link to it, in every file."""
        e = self.entity(old)
        check_new_id(new, self.entities)
        self.plan(e, lambda c, k: rename_key(c, k, new))
        self.changes.append(f"renamed {e.label} to {new!r}")
        for ref, name in self.references_to(old):
            self.plan(ref, on_entity(replace_ref, name, old, new))
            self.changes.append(f"renamed {old!r} in {name} of {ref.label}")
        self.renamed[old] = new

    def remove(self, eid: str, cascade: bool = False) -> None:
        """Remove an entity; while others link to it, only with ``cascade``, which removes those links too."""
        e = self.entity(eid)
        refs = list(self.references_to(eid))
        if refs and not cascade:
            listed = ", ".join(f"{r.label} ({name})" for r, name in refs)
            raise EditError(f"{e.label} is still linked from {listed}: unlink them first, or use --cascade")
        for ref, name in refs:
            self.plan(ref, on_entity(drop_ref, name, eid))
            self.changes.append(f"removed {eid!r} from {name} of {ref.label}")
        self.plan(e, remove_entity)
        self.changes.append(f"removed {e.label} from {self.files[e.file].name}")

    def waive(self, eid: str, rule: str, reason: str | None) -> None:
        """Waive ``rule`` for ``eid`` with a reason, or remove the waiver when ``reason`` is None."""
        e = self.entity(eid)
        waived = e.data.get("waive") if e.data is not None else None
        if reason is None:
            if not isinstance(waived, Map) or rule not in waived:
                have = list(waived) if isinstance(waived, Map) else []
                raise EditError(f"{e.label} has no waiver of {rule!r}{did_you_mean(rule, [str(r) for r in have])}")
            self.plan(e, lambda c, k: unwaive(c[k], rule))
            self.changes.append(f"removed the waiver of {rule} from {e.label}")
            return
        if rule not in RULES:
            note = " (schema errors cannot be waived)" if rule == SCHEMA_RULE else did_you_mean(rule, RULES)
            raise EditError(f"unknown rule {rule!r}{note}")
        if RULES[rule].kind != e.kind:
            raise EditError(f"rule {rule!r} applies to {RULES[rule].kind}s, not to {e.label}")
        if not reason.strip():
            raise EditError("a waiver needs a reason (non-empty text)")
        self.plan(e, lambda c, k: set_path(c[k], ("waive", rule), reason))
        self.changes.append(f"waived {rule} for {e.label}")

    def measure(
        self,
        eid: str,
        value: str | None,
        date: dt.date,
        source: str | None = None,
        note: str | None = None,
        how: str = "add",
    ) -> None:
        """Add a measurement to a benefit, in date order; ``how``: replace or remove the one of ``date`` instead."""
        e = self.entity(eid, ("benefit",))
        existing = e.data.get("measurements") if e.data is not None else None
        dates = [m.get("date") if isinstance(m, Map) else None for m in existing] if isinstance(existing, Seq) else []
        if how in ("replace", "remove"):
            if date not in dates:
                held = ", ".join(d.isoformat() for d in dates if isinstance(d, dt.date)) or "none"
                raise EditError(f"{e.label} has no measurement on {date.isoformat()}; its measurements: {held}")
            at = dates.index(date)
            if how == "remove":
                self.plan(e, on_entity(drop_measurement, at))
                self.changes.append(f"removed the measurement of {e.label} on {date.isoformat()}")
                return
            fields: dict[str, Any] = {} if value is None else {"value": parse_number("value", value)}
            fields |= {k: v for k, v in (("source", source), ("x-note", note)) if v}
            self.plan(e, on_entity(replace_measurement, at, fields))
            what = shown(fields["value"]) if "value" in fields else ", ".join(fields)
            self.changes.append(f"corrected the measurement of {e.label} on {date.isoformat()}: {what}")
            return
        if date in dates:
            raise EditError(
                f"{e.label} already has a measurement on {date.isoformat()}: correct it with --replace, "
                "or remove it with --remove"
            )
        number = parse_number("value", value or "")
        item = CommentedMap()
        item["date"] = date
        item["value"] = number
        if source:
            item["source"] = as_text(source)
        if note:
            item["x-note"] = as_text(note)
        at = 0
        if isinstance(existing, Seq):
            for i, m in enumerate(existing):
                when = m.get("date") if isinstance(m, Map) else None
                if isinstance(when, dt.date) and when <= date:
                    at = i + 1
        self.plan(e, lambda c, k: insert_measurement(c[k], at, item))
        self.changes.append(f"measured {e.label}: {shown(number)} on {date.isoformat()}")

    # -- result ----------------------------------------------------------------
    def _target_file(self, kind: str, file: str | None) -> int:
        if file is None:
            for i, source in enumerate(self.files):
                if SECTIONS[kind] in source.data:
                    return i
            return 0
        wanted = Path(file).resolve()
        for i, source in enumerate(self.files):
            if source.path.resolve() == wanted or source.name == file:
                return i
        if self.path.is_dir() and wanted.suffix in (".yaml", ".yml") and self.path.resolve() in wanted.parents:
            name = os.path.join(os.fspath(self.path), wanted.relative_to(self.path.resolve()).as_posix())
            self.files.append(SourceFile(path=wanted, name=name, raw=b"", text="", data=Map((1, 1))))
            return len(self.files) - 1
        names = ", ".join(s.name for s in self.files)
        raise EditError(f"--file {file!r} is not one of the model's files ({names}) nor a new .yaml file in its folder")

    def finish(self) -> EditResult:
        """The new text of every changed file, checked: raises :class:`EditError` on a model that would not hold."""
        changed: list[FileChange] = []
        for i, source in enumerate(self.files):
            ops, adds = self._ops.get(i, []), self._adds.get(i, [])
            if not ops and not adds:
                continue
            records: list[Splice | None] = []
            try:
                new = apply_ops(source, ops, adds, records)
            except (YAMLError, LoadError) as e:
                raise EditError(f"not changed: {source.name} could not be edited: {e}") from None
            if new != source.text:
                try:
                    data = patched_data(source.data, records, source.name) if source.raw else None
                except LoadError:
                    data = None  # read the whole text instead, to say where it fails
                changed.append(FileChange(source, source.text, new, created=not source.raw, data=data))
        return EditResult(changed, self.changes, *checked(self.files, changed), renamed=dict(self.renamed))
