"""The model as ArchiMate concepts: elements, relationships and properties, for the exchange file and Archi's CSV.

Both ``export --format archimate`` and ``--format archi-csv`` write these
concepts, so the two carry the same identifiers and the same properties;
:mod:`goldenthread.model.sources.archimatemap` says how each field maps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from goldenthread.model.allocation import allocation_text
from goldenthread.model.edit.values import LINKS
from goldenthread.model.sources.archimatemap import (
    DIS_BENEFIT,
    ELEMENT_TYPES,
    MODEL_IDENTIFIER,
    OWNER_TYPE,
    RELATIONSHIPS,
    identifier,
    measurement_property,
    owner_identifier,
    relationship_identifier,
    rule_property,
    waiver_property,
)
from goldenthread.model.types import Benefit, Entity, Project
from goldenthread.traceability.context import Analysis

__all__ = ["Concepts", "Element", "Relationship", "Value", "concepts", "value_text"]

#: A property's value, typed: text, a number, a date or a yes/no.
Value = str | int | float | dt.date | bool


@dataclass(frozen=True, slots=True)
class Element:
    identifier: str
    type: str
    name: str
    documentation: str | None
    properties: tuple[tuple[str, Value], ...]
    #: The entity it stands for (None for a Stakeholder).
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Relationship:
    identifier: str
    type: str
    source: str
    target: str
    #: An Influence's modifier (``-`` for a dis-benefit), else None.
    modifier: str | None = None


@dataclass(frozen=True, slots=True)
class Concepts:
    name: str
    documentation: str | None
    properties: tuple[tuple[str, Value], ...]
    elements: list[Element] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    identifier: str = MODEL_IDENTIFIER


def value_text(value: Value) -> str:
    """A property value as the exchange file and the CSV write it.

    >>> value_text(1200000.5), value_text(3), value_text(dt.date(2025, 1, 2)), value_text(True)
    ('1200000.5', '3', '2025-01-02', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


@dataclass(frozen=True, slots=True)
class _Computed:
    """What the analyses say of each entity, looked up by id."""

    attributed: dict[str, dict[str, float]]
    findings: dict[str, list[str]]
    progress: dict[str, float]

    @classmethod
    def of(cls, analysis: Analysis) -> _Computed:
        a = analysis.attribution
        findings: dict[str, list[str]] = {}
        for f in analysis.findings:
            if f.entity is not None and not f.waived:
                findings.setdefault(f.entity, []).append(f"{f.severity}: {f.message}")
        progress = {s.id: s.progress for s in analysis.benefits if s.progress is not None}
        return cls({"aim": a.aims, "theme": a.themes, "project": a.projects}, findings, progress)


def _entity_properties(e: Entity, currency: str, computed: _Computed) -> list[tuple[str, Value]]:
    out: list[tuple[str, Value]] = [("goldenthread id", e.id)]
    out += [("tag", t) for t in e.tags]
    if isinstance(e, Project):
        out.append(("status", e.status))
        if e.budget is not None:
            out += [("budget", e.budget), ("currency", currency)]
        out += [(name, v) for name, v in (("start", e.start), ("end", e.end)) if v is not None]
        out += [(name, v) for name, v in (("spent", e.spent), ("confidence", e.confidence)) if v is not None]
        if e.allocation:
            out.append(("allocation", allocation_text(e.allocation)))
    if isinstance(e, Benefit):
        out += _benefit_properties(e)
        if e.id in computed.progress:
            out.append(("progress", computed.progress[e.id]))
    for rule, reason in e.waive.items():
        out.append((waiver_property(rule), reason))
    attributed = computed.attributed.get(e.kind, {})
    if e.id in attributed:
        out.append(("attributed investment", attributed[e.id]))
    if e.id in computed.findings:
        out.append(("findings", "\n".join(computed.findings[e.id])))
    return out


def _benefit_properties(b: Benefit) -> list[tuple[str, Value]]:
    out: list[tuple[str, Value]] = []
    if b.benefit_kind is not None:
        out.append(("benefit kind", b.benefit_kind))
    m = b.measure
    if m is not None:
        out.append(("unit", m.unit))
        if m.baseline is not None:
            out.append(("baseline", m.baseline))
        out.append(("target", m.target))
        if m.target_date is not None:
            out.append(("target date", m.target_date))
        out.append(("direction", m.direction))
        if m.baseline_date is not None:
            out.append(("baseline date", m.baseline_date))
        if m.tolerance is not None:
            out.append(("tolerance", m.tolerance))
    if b.value is not None:
        out.append(("value", b.value))
    if b.values.get("review_every"):
        out.append(("review every", str(b.values["review_every"])))
    for n, item in enumerate(sorted(b.measurements, key=lambda x: x.date), start=1):
        out += [(measurement_property(n, "date"), item.date), (measurement_property(n, "value"), item.value)]
        if item.source is not None:
            out.append((measurement_property(n, "source"), item.source))
    out.append(("measured", b.measured))
    latest = b.latest
    if latest is not None:
        out += [("latest measurement", latest.value), ("latest measurement date", latest.date)]
    return out


def _relationships(e: Entity) -> list[Relationship]:
    out = []
    me = identifier(e.id)
    for (kind, other), (rtype, reverse) in RELATIONSHIPS.items():
        if kind != e.kind:
            continue
        modifier = None
        if isinstance(e, Benefit) and other == "aim" and e.benefit_kind == DIS_BENEFIT:
            rtype, modifier = "Influence", "-"
        for target in getattr(e, LINKS[kind, other][0]):
            source, dest = (identifier(target), me) if reverse else (me, identifier(target))
            out.append(Relationship(relationship_identifier(source, dest), rtype, source, dest, modifier))
    return out


def concepts(analysis: Analysis) -> Concepts:
    """Every entity an element, every link a relationship, every owner a Stakeholder; in model order."""
    model = analysis.model
    info = model.info
    props: list[tuple[str, Value]] = []
    if info.organisation is not None:
        props.append(("organisation", info.organisation))
    props += [("as of", info.as_of), ("currency", info.currency)]
    if info.tolerance:
        props.append(("default tolerance", info.tolerance))
    if info.review_every:
        props.append(("default review period", info.review_every))
    props += [(rule_property(rule), setting) for rule, setting in model.rules.items()]
    out = Concepts(name=info.title or "", documentation=info.description, properties=tuple(props))
    owners: dict[str, list[str]] = {}
    computed = _Computed.of(analysis)
    for e in model.entities():
        out.elements.append(
            Element(
                identifier(e.id),
                ELEMENT_TYPES[e.kind],
                e.title,
                e.description,
                tuple(_entity_properties(e, info.currency, computed)),
                entity=e.id,
            )
        )
        out.relationships.extend(_relationships(e))
        if e.owner is not None:
            owners.setdefault(e.owner, []).append(identifier(e.id))
    for owner, owned in owners.items():
        who = owner_identifier(owner)
        out.elements.append(Element(who, OWNER_TYPE, owner, None, ()))
        out.relationships.extend(Relationship(relationship_identifier(who, x), "Association", who, x) for x in owned)
    return out
