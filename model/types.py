"""The strategy model as plain, frozen data: no I/O happens here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from goldenthread.model.rulebook import Setting

# The closed sets are the vocabulary's; named here too, where the types that use them are.
from goldenthread.model.vocabulary import (
    BENEFIT_KINDS,
    CONFIDENCES,
    DIRECTIONS,
    ENTITY_FIELDS,
    KINDS,
    PROJECT_STATUSES,
    SECTIONS,
    SEVERITIES,
    BenefitKind,
    Confidence,
    Direction,
    Kind,
    ProjectStatus,
    Severity,
)
from goldenthread.model.vocabulary import Field as VocabularyField

__all__ = [
    "BENEFIT_KINDS",
    "DIRECTIONS",
    "KINDS",
    "PROJECT_STATUSES",
    "SECTIONS",
    "SEVERITIES",
    "TYPED_FIELDS",
    "Aim",
    "Benefit",
    "Entity",
    "Finding",
    "Measure",
    "Measurement",
    "Model",
    "ModelInfo",
    "Position",
    "Project",
    "Theme",
    "untyped_fields",
]


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """Fields every aim, theme, project and benefit has."""

    id: str
    title: str
    pos: Position
    description: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    #: Acknowledged gaps: rule id -> reason.
    waive: dict[str, str] = field(default_factory=dict)
    #: The user's own ``x-`` keys, kept as loaded.
    extra: dict[str, object] = field(default_factory=dict)
    #: Fields of the vocabulary with no attribute of their own here, as validated: name -> value.
    #: A field added to ``vocabulary.py`` lands here until an analysis needs it typed.
    values: dict[str, object] = field(default_factory=dict)

    kind: Kind = "aim"


@dataclass(frozen=True, slots=True, kw_only=True)
class Aim(Entity):
    """A strategic aim: what the organisation wants to achieve."""

    kind: Kind = "aim"


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme(Entity):
    """An IT strategy theme, and the aims it supports."""

    kind: Kind = "theme"
    aims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(Entity):
    """A project invested in: its money, dates, delivery confidence, and the themes and aims it serves."""

    kind: Kind = "project"
    status: ProjectStatus = "active"
    budget: float | int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    themes: tuple[str, ...] = ()
    aims: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    # The fields below live in ``values`` (so the workbook, CSV and exports carry them as the
    # vocabulary declares them); these properties type them for the analyses.
    @property
    def spent(self) -> float | int | None:
        """Actual spend to date, if stated."""
        value = self.values.get("spent")
        return value if isinstance(value, int | float) else None

    @property
    def confidence(self) -> Confidence | None:
        """Delivery confidence (``green`` ... ``red``), if rated."""
        value = self.values.get("confidence")
        return value if value in CONFIDENCES else None

    @property
    def allocation(self) -> dict[str, float | int]:
        """Aim id -> percent of the budget that counts for it; empty for the equal split."""
        value = self.values.get("allocation")
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    """How a benefit is measured: its unit, baseline, target and the line between them."""

    unit: str
    target: float | int
    baseline: float | int | None = None
    baseline_date: dt.date | None = None
    target_date: dt.date | None = None
    #: A dis-benefit's default is decrease (set when the model is read).
    direction: Direction = "increase"
    #: Percentage points of progress; None: the model's default.
    tolerance: float | int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Measurement:
    """One measured value of a benefit, on a date."""

    date: dt.date
    value: float | int
    source: str | None = None
    pos: Position | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Benefit(Entity):
    """A benefit (or dis-benefit) measured, the projects realising it and the aims it evidences."""

    kind: Kind = "benefit"
    benefit_kind: BenefitKind | None = None
    projects: tuple[str, ...] = ()
    aims: tuple[str, ...] = ()
    measure: Measure | None = None
    measurements: tuple[Measurement, ...] = ()

    @property
    def measured(self) -> bool:
        return bool(self.measurements)

    @property
    def adverse(self) -> bool:
        """A dis-benefit: an adverse consequence kept within a limit, never evidence for an aim."""
        return self.benefit_kind == "dis-benefit"

    @property
    def value(self) -> float | int | None:
        """Full-year money value, if stated."""
        value = self.values.get("value")
        return value if isinstance(value, int | float) else None

    @property
    def review_every(self) -> str | None:
        """Its own review period (``3m``), if stated."""
        value = self.values.get("review_every")
        return value if isinstance(value, str) else None

    @property
    def latest(self) -> Measurement | None:
        """The latest measurement by date (the last listed wins a tie)."""
        best: Measurement | None = None
        for m in self.measurements:
            if best is None or m.date >= best.date:
                best = m
        return best


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelInfo:
    """The model block: title, organisation, date, currency and the model-wide defaults."""

    title: str | None = None
    organisation: str | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    currency: str = "GBP"
    description: str | None = None
    #: Default tolerance of every measure, percentage points of progress.
    tolerance: float | int = 0
    #: Default review period of every benefit (``3m``); None: no review period.
    review_every: str | None = None
    #: Language of the model's text (BCP 47), for formats that name one (ArchiMate's xml:lang); None: en.
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Model:
    """A validated model. Each section maps id -> entity in source order."""

    info: ModelInfo
    aims: dict[str, Aim]
    themes: dict[str, Theme]
    projects: dict[str, Project]
    benefits: dict[str, Benefit]
    #: Severity overrides from ``rules:``: rule id -> error | warning | off.
    rules: dict[str, Setting] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def section(self, kind: str) -> dict[str, Entity]:
        """The entities of one kind (``aim``, ``theme``, ``project`` or ``benefit``), id -> entity."""
        section: dict[str, Entity] = getattr(self, SECTIONS[kind])
        return section

    def entities(self) -> Iterator[Entity]:
        """Every entity, aims first, then themes, projects, benefits."""
        for kind in KINDS:
            yield from self.section(kind).values()

    def __len__(self) -> int:
        return len(self.aims) + len(self.themes) + len(self.projects) + len(self.benefits)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem found in a model, at a place in its source."""

    rule: str
    severity: Severity
    message: str
    pos: Position | None = None
    entity: str | None = None
    kind: Kind | None = None
    waived: bool = False
    reason: str | None = None

    def sort_key(self) -> tuple[tuple[str, int, int], str, str]:
        p = self.pos
        return (p.file, p.line, p.column) if p else ("", 0, 0), self.rule, self.message

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "entity": self.entity,
            "kind": self.kind,
            "message": self.message,
            "file": self.pos.file if self.pos else None,
            "line": self.pos.line if self.pos else None,
            "column": self.pos.column if self.pos else None,
            "waived": self.waived,
            "reason": self.reason,
        }


#: kind -> the names of the vocabulary's fields its type has an attribute for (a benefit's
#: ``kind`` is ``benefit_kind``); the others are kept in :attr:`Entity.values`.
TYPED_FIELDS: dict[str, frozenset[str]] = {
    str(next(f.default for f in fields(cls) if f.name == "kind")): frozenset(f.name for f in fields(cls)) | {"kind"}
    for cls in (Aim, Theme, Project, Benefit)
}


def untyped_fields(kind: str) -> dict[str, VocabularyField]:
    """``kind``'s fields that live in :attr:`Entity.values`, read from the vocabulary when asked."""
    return {name: f for name, f in ENTITY_FIELDS[kind].items() if name not in TYPED_FIELDS[kind]}
