"""Benefit realisation: how far each benefit has come toward its target.

Definitions (as of the model's ``as_of`` date):

progress
    ``(latest - baseline) / (target - baseline)``: 0.0 at the baseline, 1.0 at
    the target, whichever the direction (a decrease from 100 to 80 that has
    reached 90 is 0.5).  None without a baseline or a measurement.  Not
    clamped: overshooting gives more than 1.0, going the wrong way less than 0.
expected
    The straight line from the baseline (progress 0) at the measure's
    ``baseline_date`` (else the date of the first measurement) to the target
    (progress 1) at ``target_date``, read at ``as_of``: ``(as_of - start) /
    (target_date - start)`` in days, between 0 and 1 (1 when the target date
    is not after the start).  None without a baseline, a target date or a
    measurement.
tolerance
    Percentage points of progress a benefit may fall below its line and still
    be on track ("within tolerance"): the measure's ``tolerance``, else the
    model's, else 0.

Measurements dated after ``as_of`` are later than the model's date: they are
ignored for the status, the progress and staleness, and counted in ``later``.
A benefit whose latest measurement (on or before ``as_of``) is older than its
review period (``review_every``, else the model's) at ``as_of`` is ``stale``.

A dis-benefit (``kind: dis-benefit``) is an adverse consequence kept within a
limit, its measure's target: its status is ``within limit`` or ``over limit``
once measured (``unmeasured`` / ``unquantified`` before), never the others.

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

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from goldenthread.model.types import Benefit, Measure, Measurement, Model
from goldenthread.model.vocabulary import PERIOD_PATTERN, BenefitKind, Direction

__all__ = [
    "LIMIT_STATUSES",
    "STATUSES",
    "BenefitStatus",
    "Progress",
    "benefit_status",
    "benefit_statuses",
    "expected_progress",
    "latest_of",
    "period_start",
    "progress_of",
]

#: Where a benefit stands, every status word, best first.
Progress = Literal[
    "achieved",
    "on track",
    "behind",
    "missed",
    "unmeasured",
    "unquantified",
    "within limit",
    "over limit",
]
STATUSES: tuple[Progress, ...] = get_args(Progress)
#: A dis-benefit's statuses once measured.
LIMIT_STATUSES: tuple[Progress, ...] = ("within limit", "over limit")


@dataclass(frozen=True, slots=True)
class BenefitStatus:
    """Where one benefit stands; see the module docstring for the definitions."""

    id: str
    title: str
    kind: BenefitKind | None
    unit: str | None
    baseline: float | None
    target: float | None
    target_date: dt.date | None
    direction: Direction
    latest: Measurement | None
    #: 1.0 = target reached; None where there is no baseline or no measurement.
    progress: float | None
    status: Progress
    #: The progress the straight line expects by ``as_of``; None where it cannot be drawn.
    expected: float | None = None
    #: Below the line, but by no more than the tolerance (so ``on track``).
    within_tolerance: bool = False
    #: Measurements dated after ``as_of``, ignored.
    later: int = 0
    #: The latest measurement is older than the review period at ``as_of``.
    stale: bool = False
    #: A dis-benefit: shown apart, never evidence.
    adverse: bool = False


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


_PERIOD_DAYS = {"d": 1, "w": 7}


def period_start(as_of: dt.date, period: str) -> dt.date:
    """The date ``period`` (``30d``, ``6w``, ``3m``, ``1y``) before ``as_of``; months and years by the calendar.

    >>> period_start(dt.date(2025, 5, 31), "3m"), period_start(dt.date(2024, 2, 29), "1y")
    (datetime.date(2025, 2, 28), datetime.date(2023, 2, 28))
    """
    match = PERIOD_PATTERN.match(period)
    if match is None:
        raise ValueError(period)
    n, unit = int(match[1]), match[2]
    if unit in _PERIOD_DAYS:
        return as_of - dt.timedelta(days=n * _PERIOD_DAYS[unit])
    months = as_of.year * 12 + as_of.month - 1 - (n if unit == "m" else 12 * n)
    year, month = divmod(months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(as_of.day, last_day))


def benefit_status(
    benefit: Benefit, as_of: dt.date, tolerance: float = 0, review_every: str | None = None
) -> BenefitStatus:
    """Where ``benefit`` stands on ``as_of``; ``tolerance`` and ``review_every`` are the model's defaults."""
    m = benefit.measure
    current = [x for x in benefit.measurements if x.date <= as_of]
    latest = latest_of(current)
    progress = expected = None
    within = stale = False
    if latest is not None:
        period = benefit.review_every or review_every
        stale = period is not None and latest.date < period_start(as_of, period)
    status: Progress
    if m is None:
        status = "unquantified"
    elif latest is None:
        status = "unmeasured"
    elif benefit.adverse:
        status = "within limit" if _reached(m, latest.value) else "over limit"
    else:
        progress = progress_of(m, latest.value)
        if progress is not None and m.target_date is not None:
            start = m.baseline_date or min(x.date for x in current)
            expected = expected_progress(start, m.target_date, as_of)
        allowed = (m.tolerance if m.tolerance is not None else tolerance) / 100
        if _reached(m, latest.value):
            status = "achieved"
        elif m.target_date is not None and m.target_date < as_of:
            status = "missed"
        elif progress is not None and expected is not None and progress < expected:
            # Compared on the unrounded figures: a hair below the line and within the tolerance is on track.
            within = expected - progress <= allowed
            status = "on track" if within else "behind"
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
        within_tolerance=within,
        later=len(benefit.measurements) - len(current),
        stale=stale,
        adverse=benefit.adverse,
    )


def benefit_statuses(model: Model) -> list[BenefitStatus]:
    """The status of every benefit of the model, in model order, as of ``model.info.as_of``."""
    info = model.info
    return [benefit_status(b, info.as_of, info.tolerance, info.review_every) for b in model.benefits.values()]
