"""Check loaded YAML documents against the format and build a :class:`Model`.

Every problem becomes a ``schema`` finding at the exact key, value or list
item it concerns; validation carries on past a problem so that one run
reports them all.
"""

from __future__ import annotations

from typing import Any

from goldenthread.model.errors import ModelError
from goldenthread.model.fieldcheck import FieldChecker
from goldenthread.model.rulebook import RULES, SCHEMA_RULE, SETTINGS, Setting
from goldenthread.model.types import (
    KINDS,
    SECTIONS,
    Model,
    ModelInfo,
    Position,
)
from goldenthread.model.vocabulary import (
    ID_PATTERN,
    MODEL_FIELDS,
    TOP_LEVEL,
    Kind,
)
from goldenthread.model.wording import with_article
from goldenthread.model.yamlread import Map
from goldenthread.model.yamlvalues import describe, did_you_mean, id_text, is_extension

__all__ = ["SchemaError", "did_you_mean", "validate"]

_KIND_OF_SECTION: dict[str, Kind] = {SECTIONS[kind]: kind for kind in KINDS}


class SchemaError(ModelError):
    """The model does not follow the format; ``findings`` says where and why."""


def _check_references(v: FieldChecker) -> None:
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


def _check_allocations(v: FieldChecker, themes: dict[str, Any], projects: dict[str, Any]) -> None:
    """Every aim an allocation names must be one its project reaches, through a theme or directly."""
    for shares, owner, file, entity, kind in v.allocations:
        project = projects.get(entity or "")
        if project is None:
            continue
        v.file = file
        v.current = (entity, kind)
        reached = dict.fromkeys(project.aims)
        for t in project.themes:
            if t in themes:
                reached.update(dict.fromkeys(themes[t].aims))
        for key in shares:
            aim = id_text(key)
            if aim in reached:
                continue
            where = shares.key_pos[key]
            found = v.ids.get(str(aim))
            if found is None or found[0] != "aim":
                what = f"unknown aim {aim!r}" if found is None else f"{aim!r}, which is {with_article(found[0])}"
                v.error(where, f"'allocation' of {owner} names {what}{did_you_mean(str(aim), list(reached))}")
            else:
                route = ", ".join(repr(a) for a in reached) or "none"
                v.error(where, f"'allocation' of {owner} names {aim!r}, which it does not reach (it reaches {route})")
    v.current = (None, None)


def validate(documents: list[tuple[str, Map]]) -> Model:
    """Validate documents (display name, parsed YAML) as one model, or raise :class:`SchemaError`."""
    v = FieldChecker()
    sections: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    info: dict[str, Any] = {}
    rules: dict[str, Setting] = {}
    seen_once: dict[str, Position] = {}
    for name, doc in documents:
        v.file = name
        for top, body in doc.items():
            kpos = doc.key_pos[top]
            if top not in TOP_LEVEL:
                if is_extension(top):
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
                v.error(doc.value_pos[top], f"section {top!r} must be a mapping, not {describe(body)}")
                continue
            if top == "model":
                fields = v.mapping(body, MODEL_FIELDS, "'model'")
                if fields:
                    fields.pop("extra", None)
                    info.update(fields)
            elif top == "rules":
                for rule, setting in body.items():
                    if is_extension(rule):
                        continue
                    if rule not in RULES:
                        note = (
                            " (schema errors are always errors)" if rule == SCHEMA_RULE else did_you_mean(rule, RULES)
                        )
                        v.error(body.key_pos[rule], f"unknown rule {rule!r}{note}")
                    elif setting not in SETTINGS:
                        v.error(
                            body.value_pos[rule],
                            f"rule {rule!r} must be set to error, warning or off, not {describe(setting)}"
                            + did_you_mean(setting, SETTINGS),
                        )
                    else:
                        rules[rule] = SETTINGS[SETTINGS.index(setting)]  # the closed set's own value, typed
            else:
                kind = _KIND_OF_SECTION[top]
                section = sections[kind]
                for key, data in body.items():
                    key_pos = body.key_pos[key]
                    eid = id_text(key)
                    if not isinstance(eid, str):
                        # YAML read it as a float, boolean or null: its spelling is gone.
                        v.error(key_pos, f"invalid id {eid!r}: YAML reads this key as {describe(eid)}; quote it")
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
    _check_allocations(v, sections["theme"], sections["project"])
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
