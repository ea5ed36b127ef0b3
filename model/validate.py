"""Check loaded YAML documents against the format and build a :class:`Model`.

Every problem becomes a ``schema`` finding at the exact key, value or list
item it concerns; validation carries on past a problem so that one run
reports them all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable
from typing import Any

from goldenthread.model.errors import ModelError
from goldenthread.model.rulebook import RULES, SCHEMA_RULE, SETTINGS, Setting
from goldenthread.model.types import (
    KINDS,
    SECTIONS,
    TYPED_FIELDS,
    Aim,
    Benefit,
    Finding,
    Measure,
    Measurement,
    Model,
    ModelInfo,
    Position,
    Project,
    Theme,
)
from goldenthread.model.vocabulary import (
    CURRENCY_PATTERN,
    ENTITY_FIELDS,
    ID_PATTERN,
    MAX_NUMBER,
    MEASURE_FIELDS,
    MEASUREMENT_FIELDS,
    MIN_NONZERO,
    MODEL_FIELDS,
    TOP_LEVEL,
    Field,
    Kind,
)
from goldenthread.model.wording import with_article
from goldenthread.model.yamlread import Map, Seq

__all__ = ["SchemaError", "did_you_mean", "validate"]

_KIND_OF_SECTION: dict[str, Kind] = {SECTIONS[kind]: kind for kind in KINDS}


class SchemaError(ModelError):
    """The model does not follow the format; ``findings`` says where and why."""


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest candidate, or ``""``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Validator:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.file = ""
        #: id -> (kind, position of its key)
        self.ids: dict[str, tuple[Kind, Position]] = {}
        #: references to check once every id is known: (ids, kind wanted, key name, owner, file, entity id, kind)
        self.refs: list[tuple[Seq, str, str, str, str, str | None, Kind | None]] = []
        #: the entity being checked, named on every finding about it
        self.current: tuple[str | None, Kind | None] = (None, None)

    # -- helpers -------------------------------------------------------------
    def error(self, where: tuple[int, int], message: str, entity: str | None = None, kind: Kind | None = None) -> None:
        if entity is None:
            entity, kind = self.current
        self.findings.append(
            Finding(
                rule=SCHEMA_RULE,
                severity="error",
                message=message,
                pos=Position(self.file, where[0], where[1]),
                entity=entity,
                kind=kind,
            )
        )

    def pos(self, where: tuple[int, int]) -> Position:
        return Position(self.file, where[0], where[1])

    # -- values --------------------------------------------------------------
    def value(self, field: Field, name: str, value: object, where: tuple[int, int], owner: str) -> Any:
        """Check one value against its field; return it converted, or ``_BAD``."""
        t = field.type
        if t == "str":
            if isinstance(value, str):
                return value
            # A number or date where text is wanted is almost always meant as text.
            if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
                return value.isoformat() if isinstance(value, dt.date) else str(value)
            self.error(where, f"{name!r} of {owner} must be text, not {_describe(value)}")
            return _BAD
        if t in ("number", "amount"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.error(where, f"{name!r} of {owner} must be a number, not {_describe(value)}")
                return _BAD
            problem = _number_problem(value)
            if problem:
                self.error(where, f"{name!r} of {owner} {problem}")
                return _BAD
            if t == "amount" and value < 0:
                self.error(where, f"{name!r} of {owner} must not be negative ({value})")
                return _BAD
            return value
        if t == "date":
            if isinstance(value, dt.date):
                return value
            self.error(where, f"{name!r} of {owner} must be a date (YYYY-MM-DD), not {_describe(value)}")
            return _BAD
        if t == "enum":
            if isinstance(value, str) and value in field.choices:
                return value
            hint = did_you_mean(value, field.choices)
            self.error(
                where,
                f"{name!r} of {owner} must be one of {', '.join(field.choices)}, not {_describe(value)}{hint}",
            )
            return _BAD
        if t == "currency":
            if isinstance(value, str) and CURRENCY_PATTERN.match(value):
                return value
            self.error(where, f"{name!r} of {owner} must be a three-letter ISO 4217 code such as GBP")
            return _BAD
        if t == "strlist":
            if not isinstance(value, Seq):
                self.error(where, f"{name!r} of {owner} must be a list of text, not {_describe(value)}")
                return _BAD
            out = []
            for item, ipos in zip(value, value.item_pos, strict=True):
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, int | float) and not isinstance(item, bool):
                    out.append(str(item))
                else:
                    self.error(ipos, f"items of {name!r} of {owner} must be text, not {_describe(item)}")
            return tuple(out)
        if t == "refs":
            if not isinstance(value, Seq):
                self.error(where, f"{name!r} of {owner} must be a list of {field.ref} ids, not {_describe(value)}")
                return _BAD
            ok: list[str] = []
            for i, item in enumerate(value):
                item = value[i] = _id_text(item)
                if not isinstance(item, str):
                    self.error(value.item_pos[i], f"items of {name!r} of {owner} must be ids, not {_describe(item)}")
                    continue
                ok.append(item)
            self.refs.append((value, field.ref or "", name, owner, self.file, *self.current))
            return tuple(ok)
        if t == "waive":
            if not isinstance(value, Map):
                self.error(where, f"'waive' of {owner} must be a mapping of rule id to reason")
                return _BAD
            out_w: dict[str, str] = {}
            for rule, reason in value.items():
                kpos = value.key_pos[rule]
                if _is_extension(rule):
                    continue
                if rule not in RULES:
                    note = " (schema errors cannot be waived)" if rule == SCHEMA_RULE else did_you_mean(rule, RULES)
                    self.error(kpos, f"unknown rule {rule!r} in 'waive' of {owner}{note}")
                    continue
                if not isinstance(reason, str) or not reason.strip():
                    self.error(
                        value.value_pos[rule],
                        f"waiver of {rule!r} in {owner} needs a reason (non-empty text)",
                    )
                    continue
                out_w[rule] = reason
            return out_w
        if t == "measure":
            if not isinstance(value, Map):
                self.error(where, f"'measure' of {owner} must be a mapping, not {_describe(value)}")
                return _BAD
            fields = self.mapping(value, MEASURE_FIELDS, f"the measure of {owner}", at=where)
            if fields is None:
                return _BAD
            fields.pop("extra", None)  # x- keys are the user's; a Measure does not keep them
            return Measure(**fields)
        if t == "measurements":
            if not isinstance(value, Seq):
                self.error(where, f"'measurements' of {owner} must be a list, not {_describe(value)}")
                return _BAD
            out_m = []
            for item, ipos in zip(value, value.item_pos, strict=True):
                if not isinstance(item, Map):
                    self.error(ipos, f"each measurement of {owner} must be a mapping with date and value")
                    continue
                fields = self.mapping(item, MEASUREMENT_FIELDS, f"a measurement of {owner}", at=ipos)
                if fields is not None:
                    fields.pop("extra", None)
                    out_m.append(Measurement(pos=self.pos(ipos), **fields))
            return tuple(out_m)
        raise AssertionError(t)  # pragma: no cover

    def mapping(
        self,
        data: Map,
        fields: dict[str, Field],
        owner: str,
        entity: str | None = None,
        kind: Kind | None = None,
        at: tuple[int, int] | None = None,
    ) -> dict[str, Any] | None:
        """Check the keys of a mapping; return the converted fields, or None if any was bad."""
        out: dict[str, object] = {}
        extra: dict[object, object] = {}
        bad = False
        for key, value in data.items():
            field = fields.get(key) if isinstance(key, str) else None
            if field is None or not isinstance(key, str):
                if _is_extension(key):
                    extra[key] = _finite(value)
                    continue
                self.error(
                    data.key_pos[key],
                    f"unknown key {key!r} in {owner}{did_you_mean(key, fields)}",
                    entity,
                    kind,
                )
                bad = True
                continue
            if value is None and not field.required:
                continue
            converted = self.value(field, key, value, data.value_pos[key], owner)
            if converted is _BAD:
                bad = True
            else:
                out[key] = converted
        for key, field in fields.items():
            if field.required and key not in data:
                self.error(at or data.pos, f"{owner} is missing required key {key!r}", entity, kind)
                bad = True
        if bad:
            return None
        if extra:
            out["extra"] = extra
        return out

    # -- sections --------------------------------------------------------------
    def entity(
        self, kind: Kind, eid: str, data: object, key_pos: tuple[int, int], value_pos: tuple[int, int]
    ) -> Aim | Theme | Project | Benefit | None:
        self.current = (eid, kind)
        try:
            return self._entity(kind, eid, data, key_pos, value_pos)
        finally:
            self.current = (None, None)

    def _entity(
        self, kind: Kind, eid: str, data: object, key_pos: tuple[int, int], value_pos: tuple[int, int]
    ) -> Aim | Theme | Project | Benefit | None:
        owner = f"{kind} {eid!r}"
        if not isinstance(data, Map):
            # A bare "id:" has no value to point at; its key is where the user looks.
            where = key_pos if data is None else value_pos
            self.error(where, f"{owner} must be a mapping of fields, not {_describe(data)}", eid, kind)
            return None
        fields = self.mapping(data, ENTITY_FIELDS[kind], owner, eid, kind, at=key_pos)
        if fields is None:
            return None
        pos = self.pos(key_pos)
        values = {name: fields.pop(name) for name in list(fields) if name not in TYPED_FIELDS[kind]}
        if values:
            fields["values"] = values
        if kind == "aim":
            return Aim(id=eid, pos=pos, **fields)
        if kind == "theme":
            return Theme(id=eid, pos=pos, **fields)
        if kind == "project":
            start, end = fields.get("start"), fields.get("end")
            if start and end and end < start:
                self.error(data.value_pos["end"], f"end {end} of {owner} precedes its start {start}", eid, kind)
                return None
            return Project(id=eid, pos=pos, **fields)
        benefit_kind = fields.pop("kind", None)
        return Benefit(id=eid, pos=pos, benefit_kind=benefit_kind, **fields)


_BAD = object()


def _number_problem(value: int | float) -> str:
    """What is wrong with a number for an amount or a measure (see :data:`MAX_NUMBER`), or ``""``.

    Integers are compared as integers: turning ``10**309`` into a float would overflow.

    >>> _number_problem(10**309)
    'must be a finite number of at most 1e15 in size'
    >>> _number_problem(float("nan")) == _number_problem(-1e16) == _number_problem(10**309)
    True
    >>> _number_problem(1e-12), _number_problem(-3), _number_problem(0.0)
    ('must be 0 or at least 1e-9 in size, not 1e-12', '', '')
    """
    if isinstance(value, int):
        return "" if -MAX_NUMBER <= value <= MAX_NUMBER else _TOO_BIG
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return _TOO_BIG
    if value and abs(value) < MIN_NONZERO:
        return f"must be 0 or at least 1e-9 in size, not {value:g}"
    return ""


#: Says MAX_NUMBER; the message for MIN_NONZERO is written where it is checked.
_TOO_BIG = "must be a finite number of at most 1e15 in size"


_NON_FINITE = {math.inf: ".inf", -math.inf: "-.inf"}


def _finite(value: object) -> object:
    """``x-`` data with ``.nan`` and ``.inf`` kept as their YAML text, in place, so that every output stays strict JSON.

    >>> _finite([1.5, float("nan"), {"a": float("-inf")}])
    [1.5, '.nan', {'a': '-.inf'}]
    """
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE.get(value, ".nan")
    if isinstance(value, dict):
        for k, v in value.items():
            value[k] = _finite(v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            value[i] = _finite(v)
    return value


def _is_extension(key: object) -> bool:
    """Keys beginning ``x-`` are the user's own metadata, allowed in any mapping."""
    return isinstance(key, str) and key.startswith("x-")


def _id_text(key: object) -> object:
    """An id key as text: YAML reads ``2005:`` as a number and ``2005-06-01:`` as a date."""
    if isinstance(key, dt.date) or (isinstance(key, int) and not isinstance(key, bool)):
        return key.isoformat() if isinstance(key, dt.date) else str(key)
    return key


def _check_references(v: _Validator) -> None:
    ids = v.ids
    by_kind: dict[str, list[str]] | None = None
    for items, want, name, owner, file, entity, kind in v.refs:
        v.file = file
        v.current = (entity, kind)
        seen: set[str] = set()
        for item, ipos in zip(items, items.item_pos, strict=True):
            if not isinstance(item, str):
                continue
            if item in seen:
                v.error(ipos, f"{item!r} is listed twice in {name!r} of {owner}")
                continue
            seen.add(item)
            found = ids.get(item)
            if found is not None and found[0] == want:
                continue
            if found is not None:
                v.error(
                    ipos,
                    f"{name!r} of {owner} names {item!r}, which is {with_article(found[0])}, not {with_article(want)}",
                )
                continue
            if by_kind is None:
                by_kind = {k: [] for k in KINDS}
                for eid, (kind, _) in ids.items():
                    by_kind[kind].append(eid)
            v.error(ipos, f"{name!r} of {owner} names unknown {want} {item!r}{did_you_mean(item, by_kind[want])}")
    v.current = (None, None)


def validate(documents: list[tuple[str, Map]]) -> Model:
    """Validate documents (display name, parsed YAML) as one model, or raise :class:`SchemaError`."""
    v = _Validator()
    sections: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    info: dict[str, Any] = {}
    rules: dict[str, Setting] = {}
    seen_once: dict[str, Position] = {}
    for name, doc in documents:
        v.file = name
        for top, body in doc.items():
            kpos = doc.key_pos[top]
            if top not in TOP_LEVEL:
                if _is_extension(top):
                    continue
                v.error(kpos, f"unknown section {top!r}{did_you_mean(top, TOP_LEVEL)}")
                continue
            if top in ("model", "rules"):
                if top in seen_once:
                    v.error(kpos, f"{top!r} may appear once in a model; it is also at {seen_once[top]}")
                    continue
                seen_once[top] = v.pos(kpos)
            if body is None:
                continue
            if not isinstance(body, Map):
                v.error(doc.value_pos[top], f"section {top!r} must be a mapping, not {_describe(body)}")
                continue
            if top == "model":
                fields = v.mapping(body, MODEL_FIELDS, "'model'")
                if fields:
                    fields.pop("extra", None)
                    info.update(fields)
            elif top == "rules":
                for rule, setting in body.items():
                    if _is_extension(rule):
                        continue
                    if rule not in RULES:
                        note = (
                            " (schema errors are always errors)" if rule == SCHEMA_RULE else did_you_mean(rule, RULES)
                        )
                        v.error(body.key_pos[rule], f"unknown rule {rule!r}{note}")
                    elif setting not in SETTINGS:
                        v.error(
                            body.value_pos[rule],
                            f"rule {rule!r} must be set to error, warning or off, not {_describe(setting)}"
                            + did_you_mean(setting, SETTINGS),
                        )
                    else:
                        rules[rule] = SETTINGS[SETTINGS.index(setting)]  # the closed set's own value, typed
            else:
                kind = _KIND_OF_SECTION[top]
                section = sections[kind]
                for key, data in body.items():
                    key_pos = body.key_pos[key]
                    eid = _id_text(key)
                    if not isinstance(eid, str):
                        # YAML read it as a float, boolean or null: its spelling is gone.
                        v.error(key_pos, f"invalid id {eid!r}: YAML reads this key as {_describe(eid)}; quote it")
                        continue
                    if not ID_PATTERN.match(eid):
                        v.error(
                            key_pos,
                            f"invalid id {eid!r}: ids start with a letter or digit and hold only "
                            "letters, digits, '_', '.' and '-'",
                        )
                        continue
                    first = v.ids.get(eid)
                    if first is not None:
                        v.error(
                            key_pos,
                            f"duplicate id {eid!r}: already defined as {with_article(first[0])} at {first[1]}",
                            eid,
                            kind,
                        )
                        continue
                    v.ids[eid] = (kind, v.pos(key_pos))
                    entity = v.entity(kind, eid, data, key_pos, body.value_pos[key])
                    if entity is not None:
                        section[eid] = entity
    _check_references(v)
    if v.findings:
        v.findings.sort(key=lambda f: f.sort_key())
        raise SchemaError(v.findings)
    return Model(
        info=ModelInfo(**info),
        aims=sections["aim"],
        themes=sections["theme"],
        projects=sections["project"],
        benefits=sections["benefit"],
        rules=rules,
        files=tuple(name for name, _ in documents),
    )
