"""Check each mapping of a model against its fields in the vocabulary: types, closed sets, required keys.

Used by :func:`~goldenthread.model.validate.validate`, which walks the documents
and checks the references once every id is known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import (
    Aim,
    Benefit,
    Finding,
    Measure,
    Measurement,
    Position,
    Project,
    Theme,
    untyped_fields,
)
from goldenthread.model.vocabulary import (
    CURRENCY_PATTERN,
    ENTITY_FIELDS,
    KINDS,
    MEASURE_FIELDS,
    MEASUREMENT_FIELDS,
    PERIOD_PATTERN,
    Field,
    Kind,
)
from goldenthread.model.yamlread import Map, Seq
from goldenthread.model.yamlvalues import describe, did_you_mean, finite, id_text, is_extension, number_problem

__all__ = ["BAD", "FieldChecker"]

#: What :meth:`FieldChecker.value` returns for a value it refused.
BAD = object()


class FieldChecker:
    """Checks values against their fields, collecting one ``schema`` finding a problem, at its place."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.file = ""
        #: id -> (kind, position of its key)
        self.ids: dict[str, tuple[Kind, Position]] = {}
        #: references to check once every id is known: (ids, kind wanted, key name, owner, file, entity id, kind)
        self.refs: list[tuple[Seq, str, str, str, str, str | None, Kind | None]] = []
        #: the entity being checked, named on every finding about it
        self.current: tuple[str | None, Kind | None] = (None, None)
        #: allocations to check against the aims each project reaches: (mapping, owner, file, entity id, kind)
        self.allocations: list[tuple[Map, str, str, str | None, Kind | None]] = []
        #: kind -> its fields kept in ``Entity.values`` (read from the vocabulary once a run; mostly none)
        self.untyped: dict[str, tuple[str, ...]] = {kind: tuple(untyped_fields(kind)) for kind in KINDS}

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
        """Check one value against its field; return it converted, or ``BAD``."""
        t = field.type
        if t == "str":
            if isinstance(value, str):
                return value
            # A number or date where text is wanted is almost always meant as text.
            if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
                return value.isoformat() if isinstance(value, dt.date) else str(value)
            self.error(where, f"{name!r} of {owner} must be text, not {describe(value)}")
            return BAD
        if t in ("number", "amount"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.error(where, f"{name!r} of {owner} must be a number, not {describe(value)}")
                return BAD
            problem = number_problem(value)
            if problem:
                self.error(where, f"{name!r} of {owner} {problem}")
                return BAD
            if t == "amount" and value < 0:
                self.error(where, f"{name!r} of {owner} must not be negative ({value})")
                return BAD
            return value
        if t == "percent":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
                self.error(where, f"{name!r} of {owner} must be a number from 0 to 100, not {describe(value)}")
                return BAD
            return value
        if t == "period":
            if isinstance(value, str) and PERIOD_PATTERN.match(value):
                return value
            self.error(
                where,
                f"{name!r} of {owner} must be a period such as 30d, 6w, 3m or 1y "
                f"(days, weeks, months, years), not {describe(value)}",
            )
            return BAD
        if t == "allocation":
            return self.allocation(name, value, where, owner)
        if t == "date":
            if isinstance(value, dt.date):
                return value
            self.error(where, f"{name!r} of {owner} must be a date (YYYY-MM-DD), not {describe(value)}")
            return BAD
        if t == "enum":
            if isinstance(value, str) and value in field.choices:
                return value
            hint = did_you_mean(value, field.choices)
            self.error(
                where,
                f"{name!r} of {owner} must be one of {', '.join(field.choices)}, not {describe(value)}{hint}",
            )
            return BAD
        if t == "currency":
            if isinstance(value, str) and CURRENCY_PATTERN.match(value):
                return value
            self.error(where, f"{name!r} of {owner} must be a three-letter ISO 4217 code such as GBP")
            return BAD
        if t == "strlist":
            if not isinstance(value, Seq):
                self.error(where, f"{name!r} of {owner} must be a list of text, not {describe(value)}")
                return BAD
            out = []
            for item, ipos in zip(value, value.item_pos, strict=True):
                if isinstance(item, str):
                    out.append(item)
                elif isinstance(item, int | float) and not isinstance(item, bool):
                    out.append(str(item))
                else:
                    self.error(ipos, f"items of {name!r} of {owner} must be text, not {describe(item)}")
            return tuple(out)
        if t == "refs":
            if not isinstance(value, Seq):
                self.error(where, f"{name!r} of {owner} must be a list of {field.ref} ids, not {describe(value)}")
                return BAD
            ok: list[str] = []
            for i, item in enumerate(value):
                item = value[i] = id_text(item)
                if not isinstance(item, str):
                    self.error(value.item_pos[i], f"items of {name!r} of {owner} must be ids, not {describe(item)}")
                    continue
                ok.append(item)
            self.refs.append((value, field.ref or "", name, owner, self.file, *self.current))
            return tuple(ok)
        if t == "waive":
            if not isinstance(value, Map):
                self.error(where, f"'waive' of {owner} must be a mapping of rule id to reason")
                return BAD
            out_w: dict[str, str] = {}
            for rule, reason in value.items():
                kpos = value.key_pos[rule]
                if is_extension(rule):
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
                self.error(where, f"'measure' of {owner} must be a mapping, not {describe(value)}")
                return BAD
            fields = self.mapping(value, MEASURE_FIELDS, f"the measure of {owner}", at=where)
            if fields is None:
                return BAD
            fields.pop("extra", None)  # x- keys are the user's; a Measure does not keep them
            return Measure(**fields)
        if t == "measurements":
            if not isinstance(value, Seq):
                self.error(where, f"'measurements' of {owner} must be a list, not {describe(value)}")
                return BAD
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

    def allocation(self, name: str, value: object, where: tuple[int, int], owner: str) -> Any:
        """Aim id -> percent, each in (0, 100], summing to 100; which aims the project reaches is checked later."""
        if not isinstance(value, Map) or not value:
            self.error(where, f"{name!r} of {owner} must be a mapping of aim id to percent, not {describe(value)}")
            return BAD
        out: dict[str, float | int] = {}
        bad = False
        for key, share in value.items():
            aim = id_text(key)
            if not isinstance(aim, str):
                self.error(value.key_pos[key], f"keys of {name!r} of {owner} must be aim ids, not {describe(aim)}")
                bad = True
                continue
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 100:
                self.error(
                    value.value_pos[key],
                    f"the share of {aim!r} in {name!r} of {owner} must be a percent above 0 and at most 100, "
                    f"not {describe(share)}",
                )
                bad = True
                continue
            out[aim] = share
        if bad:
            return BAD
        from fractions import Fraction  # exact sums only where a model states shares: not on every start

        total = sum(Fraction(repr(float(v))) for v in out.values())
        if not Fraction(9999, 100) <= total <= Fraction(10001, 100):
            self.error(where, f"the shares in {name!r} of {owner} add up to {float(total):g}%, not 100%")
            return BAD
        self.allocations.append((value, owner, self.file, *self.current))
        return out

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
                if is_extension(key):
                    extra[key] = finite(value)
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
            if converted is BAD:
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
            self.error(where, f"{owner} must be a mapping of fields, not {describe(data)}", eid, kind)
            return None
        fields = self.mapping(data, ENTITY_FIELDS[kind], owner, eid, kind, at=key_pos)
        if fields is None:
            return None
        pos = self.pos(key_pos)
        untyped = self.untyped[kind]
        if untyped:
            values = {name: fields.pop(name) for name in untyped if name in fields}
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
        measure = fields.get("measure")
        if benefit_kind == "dis-benefit" and measure is not None:
            stated = data.get("measure")
            if isinstance(stated, Map) and stated.get("direction") is None:
                # A dis-benefit's limit is a ceiling unless the file says otherwise.
                fields["measure"] = replace(measure, direction="decrease")
        return Benefit(id=eid, pos=pos, benefit_kind=benefit_kind, **fields)


BAD = object()
