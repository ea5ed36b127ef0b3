"""What a change does to the golden thread: two analysed models in, a typed :class:`Diff` out.

Everything is matched by id, never by file, line or order: reordering
entities or list items, comments, formatting and moving an entity to another
file are no change.  Findings are matched by rule and entity, measurements by
benefit and date (the n-th of one date with the n-th).

The gates of ``diff --fail-on`` are decided here, as data
(:func:`conditions_met`), so that the command only maps them to an exit code:

- ``new-errors``: a finding in NEW is an unwaived error, and its rule and
  entity were not an unwaived error in OLD (new, or made worse: a warning
  turned error, a waiver dropped);
- ``new-findings``: the same for unwaived findings of any severity;
- ``investment-drop``: an aim in both models has less investment in NEW;
- ``coverage-drop``: an aim in both models has a worse status in NEW
  (``covered`` > ``no evidence`` > ``no investment``).

Examples
--------
>>> from goldenthread.model import load_example
>>> from goldenthread.traceability.context import Analysis
>>> a = Analysis(load_example())
>>> d = diff(a, a)
>>> d.unchanged, conditions_met(d, FAIL_CONDITIONS)
(True, ())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from goldenthread.model.types import TYPED_FIELDS, Benefit, Entity, Finding, Model, Project
from goldenthread.model.vocabulary import ENTITY_FIELDS, MEASURE_FIELDS, MODEL_FIELDS, Relation, field_order
from goldenthread.traceability.baseline import compare_findings, finding_key
from goldenthread.traceability.changes import (
    FAIL_CONDITIONS,
    AimChange,
    BenefitChange,
    Diff,
    EntityChange,
    EntityRef,
    FieldChange,
    Link,
    MeasurementChange,
    Plain,
    conditions_met,
)
from goldenthread.traceability.context import Analysis

__all__ = [
    "FAIL_CONDITIONS",
    "AimChange",
    "Diff",
    "EntityChange",
    "EntityRef",
    "FieldChange",
    "Link",
    "MeasurementChange",
    "conditions_met",
    "diff",
    "finding_key",
]


def _plain(value: object) -> Plain:
    """A field value as plain JSON data (dates as ISO text, tuples as lists)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _fields(e: Entity) -> dict[str, Plain]:
    """The entity's own fields by their YAML names, in the vocabulary's order, links left out;
    waivers and the measure field by field, the user's ``x-`` keys last."""
    out: dict[str, Plain] = {}
    typed = TYPED_FIELDS[e.kind]
    for name in field_order(e.kind):
        kind = ENTITY_FIELDS[e.kind][name].type
        if kind in ("refs", "measurements"):
            continue  # links are compared as links, measurements one by one
        attribute = "benefit_kind" if (e.kind, name) == ("benefit", "kind") else name
        value: Any = getattr(e, attribute) if name in typed else e.values.get(name)
        if kind == "strlist":
            out[name] = sorted(value)  # a set of labels: their order is no change
        elif kind == "measure":
            for inner in MEASURE_FIELDS:
                out[f"measure.{inner}"] = _plain(getattr(value, inner)) if value else None
        elif kind == "waive":
            for rule in sorted(value):
                out[f"waive.{rule}"] = value[rule]
        else:
            out[name] = _plain(value)
    for key in sorted(e.extra):
        out[key] = _plain(e.extra[key])
    return out


def _field_changes(before: dict[str, Plain], after: dict[str, Plain]) -> tuple[FieldChange, ...]:
    keys = list(before)
    keys.extend(k for k in after if k not in before)
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in keys if not _same(before.get(k), after.get(k)))


def _same(a: Plain, b: Plain) -> bool:
    # True == 1 in Python, but a flag turned into a number is a change.
    return a == b and type(a) is type(b) if isinstance(a, bool) or isinstance(b, bool) else a == b


def _settings(old: Model, new: Model) -> tuple[FieldChange, ...]:
    def flat(m: Model) -> dict[str, Plain]:
        # Every field of the model block the vocabulary has (the model-wide tolerance and review period too).
        out: dict[str, Plain] = {f"model.{name}": _plain(getattr(m.info, name)) for name in MODEL_FIELDS}
        out.update((f"rules.{rule}", setting) for rule, setting in sorted(m.rules.items()))
        return out

    return _field_changes(flat(old), flat(new))


def _links(m: Model) -> set[tuple[str, Relation, str]]:
    """Every link as a (source, relation, target) tuple: plain tuples hash fast."""
    out: set[tuple[str, Relation, str]] = set()
    add = out.add
    for theme in m.themes.values():
        for aim in theme.aims:
            add((theme.id, "supports", aim))
    for project in m.projects.values():
        for delivered in project.themes:
            add((project.id, "delivers", delivered))
        for aim in project.aims:
            add((project.id, "contributes", aim))
    for benefit in m.benefits.values():
        for realiser in benefit.projects:
            add((realiser, "realises", benefit.id))
        for aim in benefit.aims:
            add((benefit.id, "evidences", aim))
    return out


def _measurements(benefits: Iterable[Benefit]) -> dict[tuple[str, str, int], dict[str, Plain]]:
    out: dict[tuple[str, str, int], dict[str, Plain]] = {}
    for b in benefits:
        seen: dict[str, int] = {}
        # Sorted as _readings sorts: the n-th reading of a day is matched with the n-th.
        for x in sorted(b.measurements, key=lambda x: (x.date, x.value, x.source is None, x.source or "")):
            day = x.date.isoformat()
            n = seen.get(day, 0)
            seen[day] = n + 1
            out[(b.id, day, n)] = {"value": x.value, "source": x.source}
    return out


def _readings(b: Benefit) -> list[tuple[dt.date, float | int, bool, str]]:
    # The measurements without their places: listed in any order, moved in the file, they are the same.
    return sorted((x.date, x.value, x.source is None, x.source or "") for x in b.measurements)


def _measurement_changes(old: Model, new: Model) -> tuple[MeasurementChange, ...]:
    # Only benefits whose readings differ are looked at closely; most are untouched.
    olds, news = old.benefits, new.benefits
    touched = {
        bid
        for bid in olds.keys() | news.keys()
        if bid not in olds or bid not in news or _readings(olds[bid]) != _readings(news[bid])
    }
    before = _measurements(olds[b] for b in touched if b in olds)
    after = _measurements(news[b] for b in touched if b in news)
    out = []
    for key in sorted(before.keys() | after.keys()):
        b, a = before.get(key), after.get(key)
        if b is None or a is None or not (_same(b["value"], a["value"]) and b["source"] == a["source"]):
            out.append(MeasurementChange(benefit=key[0], date=key[1], before=b, after=a))
    return tuple(out)


def _quick(e: Entity) -> tuple[object, ...]:
    """The entity's own fields as one tuple, for the fast equal-or-not test (most entities are equal)."""
    base = (e.title, e.description, e.owner, e.tags, e.waive, e.extra, e.values)
    if isinstance(e, Project):
        return (*base, e.status, e.budget, e.start, e.end)
    if isinstance(e, Benefit):
        return (*base, e.benefit_kind, e.measure)
    return base


def _ref(e: Entity) -> EntityRef:
    return EntityRef(e.id, e.kind, e.title)


def _entities(old: Model, new: Model) -> tuple[tuple[EntityRef, ...], tuple[EntityRef, ...], tuple[EntityChange, ...]]:
    old_all: dict[str, Entity] = {e.id: e for e in old.entities()}
    new_ids: set[str] = set()
    added, changed = [], []
    for e in new.entities():
        new_ids.add(e.id)
        before = old_all.get(e.id)
        if before is None:
            added.append(_ref(e))
        elif before.kind != e.kind:
            # An id that now names another kind of entity: the old one went and a new one came.
            added.append(_ref(e))
            new_ids.discard(e.id)
        elif _quick(before) != _quick(e):
            changes = _field_changes(_fields(before), _fields(e))
            if changes:
                changed.append(EntityChange(e.id, e.kind, e.title, changes))
    removed = [_ref(e) for e in old.entities() if e.id not in new_ids]
    return tuple(added), tuple(removed), tuple(changed)


def _benefits(old: Analysis, new: Analysis) -> tuple[BenefitChange, ...]:
    before = {s.id: s.status for s in old.benefits}
    return tuple(
        BenefitChange(s.id, s.title, before[s.id], s.status)
        for s in new.benefits
        if s.id in before and before[s.id] != s.status
    )


def _aims(old: Analysis, new: Analysis, benefits: tuple[BenefitChange, ...]) -> tuple[AimChange, ...]:
    # An aim's status moves with the status of the benefits evidencing it: name those that changed.
    moved = {c.id: c.title for c in benefits}
    causes: dict[str, list[str]] = {}
    for benefit in new.model.benefits.values():
        if benefit.id in moved and not benefit.adverse:
            for a in benefit.aims:
                causes.setdefault(a, []).append(moved[benefit.id])
    before = {r.id: r for r in old.coverage.aims}
    after = {r.id: r for r in new.coverage.aims}
    out = []
    for aim_id, r in after.items():
        b = before.get(aim_id)
        out.append(
            AimChange(
                id=aim_id,
                title=r.title,
                # None: not stated (no project reaching the aim states a budget), or no such aim before.
                investment_before=b.investment if b else None,
                investment_after=r.investment,
                status_before=b.status if b else None,
                status_after=r.status,
                benefits=tuple(causes.get(aim_id, ())) if b is not None and b.status != r.status else (),
            )
        )
    out.extend(
        AimChange(aim_id, b.title, b.investment, None, b.status, None)
        for aim_id, b in before.items()
        if aim_id not in after
    )
    return tuple(out)


def _unwaived_keys(findings: Iterable[Finding], severities: tuple[str, ...]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.entity) for f in findings if not f.waived and f.severity in severities}


def diff(old: Analysis, new: Analysis) -> Diff:
    """Compare two analysed models; see the module docstring for what counts as a change."""
    old_findings, new_findings = old.findings, new.findings
    findings = compare_findings(old_findings, new_findings)
    old_errors = _unwaived_keys(old_findings, ("error",))
    old_any = _unwaived_keys(old_findings, ("error", "warning"))
    links_old, links_new = _links(old.model), _links(new.model)
    added, removed, changed = _entities(old.model, new.model)
    benefits = _benefits(old, new)
    return Diff(
        settings=_settings(old.model, new.model),
        added=added,
        removed=removed,
        changed=changed,
        links_added=tuple(Link(*x) for x in sorted(links_new - links_old)),
        links_removed=tuple(Link(*x) for x in sorted(links_old - links_new)),
        measurements=_measurement_changes(old.model, new.model),
        introduced=findings.introduced,
        resolved=findings.resolved,
        still_open=findings.still_open,
        aims=_aims(old, new, benefits),
        benefits=benefits,
        headline_before=old.coverage.summary,
        headline_after=new.coverage.summary,
        new_errors=tuple(
            f for f in new_findings if f.severity == "error" and not f.waived and (f.rule, f.entity) not in old_errors
        ),
        new_findings=tuple(f for f in new_findings if not f.waived and (f.rule, f.entity) not in old_any),
    )
