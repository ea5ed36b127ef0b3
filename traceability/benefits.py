"""Benefit realisation: how far each benefit has come toward its target.

Definitions (as of the model's ``as_of`` date):

progress
    ``(latest - baseline) / (target - baseline)``: 0.0 at the baseline, 1.0 at
    the target, whichever the direction (a decrease from 100 to 80 that has
    reached 90 is 0.5).  None without a baseline or a measurement.  Not
    clamped: overshooting gives more than 1.0, going the wrong way less than 0.
expected
    The straight line from the baseline (progress 0) at the date of the first
    measurement to the target (progress 1) at ``target_date``, read at
    ``as_of``: ``(as_of - first) / (target_date - first)`` in days, between 0
    and 1 (1 when the target date is not after the first measurement).  None
    without a baseline, a target date or a measurement.

The status of a benefit is the first of these that applies:

``unquantified``
    it has no measure;
``unmeasured``
    it has a measure but no measurement;
``achieved``
    the latest measurement reaches the target (``>=`` it, or ``<=`` for a
    decrease), whatever the date;
``missed``
    the target date is before ``as_of`` and the target is not reached;
``behind``
    progress is below the expected line (so only a benefit with a baseline and
    a target date can be behind);
``on track``
    otherwise: measured, not yet due, and not shown to be behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from goldenthread.model.types import Benefit, Measure, Measurement, Model

__all__ = [
    "STATUSES",
    "BenefitStatus",
    "benefit_status",
    "benefit_statuses",
    "expected_progress",
    "latest_of",
    "progress_of",
]

#: Every status word, best first.
STATUSES: tuple[str, ...] = ("achieved", "on track", "behind", "missed", "unmeasured", "unquantified")


@dataclass(frozen=True, slots=True)
class BenefitStatus:
    """Where one benefit stands; see the module docstring for the definitions."""

    id: str
    title: str
    kind: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    target_date: dt.date | None
    direction: str
    latest: Measurement | None
    #: 1.0 = target reached; None where there is no baseline or no measurement.
    progress: float | None
    #: achieved | on track | behind | missed | unmeasured | unquantified
    status: str
    #: The progress the straight line expects by ``as_of``; None where it cannot be drawn.
    expected: float | None = None


def latest_of(measurements: Iterable[Measurement]) -> Measurement | None:
    """The latest measurement by date; of two on the same date, the one listed last.

    The same choice as :attr:`goldenthread.model.types.Benefit.latest`, for
    callers that hold a graph node's ``measurements`` rather than a Benefit.
    """
    best = None
    for m in measurements:
        if best is None or m.date >= best.date:
            best = m
    return best


def _reached(measure: Measure, value: float) -> bool:
    if measure.direction == "decrease":
        return value <= measure.target
    return value >= measure.target


def progress_of(measure: Measure, value: float) -> float | None:
    """Progress of ``value`` from the baseline toward the target; None without a baseline.

    Examples
    --------
    >>> from goldenthread.model.types import Measure
    >>> progress_of(Measure(unit="days", baseline=100, target=80, direction="decrease"), 90)
    0.5
    """
    if measure.baseline is None:
        return None
    span = measure.target - measure.baseline
    if span == 0:
        return 1.0 if _reached(measure, value) else 0.0
    return (value - measure.baseline) / span


def expected_progress(first: dt.date, target_date: dt.date, as_of: dt.date) -> float:
    """The progress the straight line from ``first`` (0) to ``target_date`` (1) expects at ``as_of``."""
    if target_date <= first:
        return 1.0
    if as_of <= first:
        return 0.0
    return min(1.0, (as_of - first).days / (target_date - first).days)


def benefit_status(benefit: Benefit, as_of: dt.date) -> BenefitStatus:
    """Where ``benefit`` stands on ``as_of``."""
    m = benefit.measure
    latest = benefit.latest
    progress = expected = None
    if m is None:
        status = "unquantified"
    elif latest is None:
        status = "unmeasured"
    else:
        progress = progress_of(m, latest.value)
        if progress is not None and m.target_date is not None:
            first = min(x.date for x in benefit.measurements)
            expected = expected_progress(first, m.target_date, as_of)
        if _reached(m, latest.value):
            status = "achieved"
        elif m.target_date is not None and m.target_date < as_of:
            status = "missed"
        elif progress is not None and expected is not None and progress < expected:
            status = "behind"
        else:
            status = "on track"
    return BenefitStatus(
        id=benefit.id,
        title=benefit.title,
        kind=benefit.benefit_kind,
        unit=m.unit if m else None,
        baseline=m.baseline if m else None,
        target=m.target if m else None,
        target_date=m.target_date if m else None,
        direction=m.direction if m else "increase",
        latest=latest,
        progress=progress,
        status=status,
        expected=expected,
    )


def benefit_statuses(model: Model) -> list[BenefitStatus]:
    """The status of every benefit of the model, in model order, as of ``model.info.as_of``."""
    as_of = model.info.as_of
    return [benefit_status(b, as_of) for b in model.benefits.values()]
