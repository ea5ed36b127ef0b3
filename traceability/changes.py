"""What a change does to a model, as typed results: the :class:`Diff` that ``diff.diff`` returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from goldenthread.model.types import Finding
from goldenthread.model.vocabulary import Kind, Relation
from goldenthread.traceability.benefits import Progress
from goldenthread.traceability.coverage import AIM_STATUSES, AimStatus
from goldenthread.traceability.headline import Headline

__all__ = [
    "FAIL_CONDITIONS",
    "AimChange",
    "BenefitChange",
    "Diff",
    "EntityChange",
    "EntityRef",
    "FieldChange",
    "Link",
    "MeasurementChange",
    "Plain",
    "conditions_met",
]

#: What ``--fail-on`` may name; ``never`` holds never.
FAIL_CONDITIONS: tuple[str, ...] = ("new-errors", "new-findings", "investment-drop", "coverage-drop")
#: Investment differences smaller than this share of the amount are floating-point noise.
_TOLERANCE = 1e-9
#: Aim statuses from worst (0) to best.
_RANK = {status: i for i, status in enumerate(AIM_STATUSES)}

#: A plain JSON value: what field values are compared and reported as.
Plain = object


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an entity (or of the model's settings), before and after; None when absent."""

    field: str
    before: Plain
    after: Plain


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity added or removed."""

    id: str
    kind: Kind
    title: str


@dataclass(frozen=True, slots=True)
class EntityChange:
    """An entity in both models whose fields differ (links are reported apart, as :class:`Link`)."""

    id: str
    kind: Kind
    title: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """One link of the graph: ``source -relation-> target`` (the relations of :mod:`~.graph`)."""

    source: str
    relation: Relation
    target: str


@dataclass(frozen=True, slots=True)
class MeasurementChange:
    """A measurement of a benefit added (``before`` None), removed (``after`` None) or changed.

    ``before`` and ``after`` are ``{"value": number, "source": text or None}``.
    """

    benefit: str
    date: str
    before: dict[str, Plain] | None
    after: dict[str, Plain] | None


@dataclass(frozen=True, slots=True)
class BenefitChange:
    """A benefit whose status differs between OLD and NEW (both have it)."""

    id: str
    title: str
    status_before: Progress
    status_after: Progress


@dataclass(frozen=True, slots=True)
class AimChange:
    """One aim's investment and coverage status before and after.

    A status of None: the aim is not in that model.  An investment of None
    with a status: not stated (every project reaching the aim states no
    budget), which is unknown, not 0.
    """

    id: str
    title: str
    investment_before: float | None
    investment_after: float | None
    status_before: AimStatus | None
    status_after: AimStatus | None
    #: Titles of the benefits evidencing the aim whose status changed (when the aim's status did).
    benefits: tuple[str, ...] = ()

    @property
    def unstated(self) -> bool:
        """The aim is in a model whose projects state no budget for it: its investment is unknown there."""
        return (self.status_before is not None and self.investment_before is None) or (
            self.status_after is not None and self.investment_after is None
        )

    @property
    def delta(self) -> float | None:
        """The change in investment (an aim not in a model counts as none); None when a side is not stated."""
        if self.unstated:
            return None
        return (self.investment_after or 0.0) - (self.investment_before or 0.0)

    @property
    def investment_dropped(self) -> bool:
        b, a = self.investment_before, self.investment_after
        return b is not None and a is not None and b - a > _TOLERANCE * max(1.0, abs(b))

    @property
    def coverage_dropped(self) -> bool:
        b, a = self.status_before, self.status_after
        return b is not None and a is not None and _RANK[a] < _RANK[b]

    @property
    def changed(self) -> bool:
        return (
            self.status_before != self.status_after
            or (self.investment_before is None) != (self.investment_after is None)
            or abs(self.delta or 0.0) > _TOLERANCE * max(1.0, abs(self.investment_before or 0.0))
        )


@dataclass(frozen=True, slots=True)
class Diff:
    """Everything that differs between OLD and NEW, each list in a fixed order."""

    #: Model information (``model.*``) and rule settings (``rules.*``) that differ.
    settings: tuple[FieldChange, ...]
    #: NEW order.
    added: tuple[EntityRef, ...]
    #: OLD order.
    removed: tuple[EntityRef, ...]
    #: NEW order.
    changed: tuple[EntityChange, ...]
    #: Sorted by source, relation, target.
    links_added: tuple[Link, ...]
    links_removed: tuple[Link, ...]
    #: Sorted by benefit and date.
    measurements: tuple[MeasurementChange, ...]
    #: Findings of NEW whose rule and entity OLD has no finding for (NEW's order).
    introduced: tuple[Finding, ...]
    #: Findings of OLD whose rule and entity NEW has no finding for (OLD's order).
    resolved: tuple[Finding, ...]
    #: Findings in both, as NEW has them (NEW's order).
    still_open: tuple[Finding, ...]
    #: Every aim of NEW in its order, then those only OLD has.
    aims: tuple[AimChange, ...]
    #: The headline figures (``gaps``' summary) of each side.
    headline_before: Headline
    headline_after: Headline
    #: The gates' evidence: NEW's findings that are new unwaived errors / unwaived findings.
    new_errors: tuple[Finding, ...] = field(default=())
    new_findings: tuple[Finding, ...] = field(default=())
    #: Benefits in both whose status changed, NEW's order.
    benefits: tuple[BenefitChange, ...] = field(default=())

    @property
    def unchanged(self) -> bool:
        """True when the two models say the same thing (however their files are laid out)."""
        return not (
            self.settings
            or self.added
            or self.removed
            or self.changed
            or self.links_added
            or self.links_removed
            or self.measurements
        )

    @property
    def investment_drops(self) -> tuple[AimChange, ...]:
        return tuple(a for a in self.aims if a.investment_dropped)

    @property
    def coverage_drops(self) -> tuple[AimChange, ...]:
        return tuple(a for a in self.aims if a.coverage_dropped)


def conditions_met(d: Diff, chosen: Iterable[str]) -> tuple[str, ...]:
    """Which of the ``chosen`` gate conditions hold for ``d`` (``never`` never does), in the order given."""
    holds = {
        "new-errors": bool(d.new_errors),
        "new-findings": bool(d.new_findings),
        "investment-drop": bool(d.investment_drops),
        "coverage-drop": bool(d.coverage_drops),
    }
    return tuple(c for c in chosen if holds.get(c, False))
