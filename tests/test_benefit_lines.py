"""A benefit's expected line, tolerance, later measurements, review period and dis-benefits, worked by hand."""

from __future__ import annotations

import datetime as dt

from goldenthread.model.types import Benefit, Measure, Measurement, Position
from goldenthread.traceability.benefits import benefit_status, period_start

D = dt.date
AS_OF = D(2024, 7, 1)
POS = Position("m.yaml", 1, 1)


def _benefit(measure: Measure, *points: tuple[dt.date, float], **fields: object) -> Benefit:
    measurements = tuple(Measurement(date=d, value=v) for d, v in points)
    return Benefit(id="b", title="B", pos=POS, measure=measure, measurements=measurements, **fields)  # type: ignore[arg-type]


def _savings(**extra: object) -> Measure:
    return Measure(unit="GBP", baseline=0, target=100, target_date=D(2025, 1, 1), **extra)  # type: ignore[arg-type]


def test_the_line_starts_at_the_baseline_date_so_one_measurement_can_be_behind():
    # 182 of the 366 days from 2024-01-01 to 2025-01-01 have passed: the line expects 182/366 = 0.4973;
    # 40 of 100 is 0.4, below it.
    s = benefit_status(_benefit(_savings(baseline_date=D(2024, 1, 1)), (AS_OF, 40)), AS_OF)
    assert (s.status, s.progress, s.expected, s.within_tolerance) == ("behind", 0.4, 182 / 366, False)
    # Without a baseline date the line starts at the one measurement: nothing is expected yet.
    s = benefit_status(_benefit(_savings(), (AS_OF, 40)), AS_OF)
    assert (s.status, s.expected) == ("on track", 0.0)


def test_within_tolerance_is_on_track_and_says_so():
    # 0.4973 - 0.4 = 0.0973: within 10 points, beyond 9.
    measure = _savings(baseline_date=D(2024, 1, 1), tolerance=10)
    s = benefit_status(_benefit(measure, (AS_OF, 40)), AS_OF)
    assert (s.status, s.within_tolerance) == ("on track", True)
    s = benefit_status(_benefit(_savings(baseline_date=D(2024, 1, 1), tolerance=9), (AS_OF, 40)), AS_OF)
    assert s.status == "behind"
    # The model's default applies where the measure states none.
    s = benefit_status(_benefit(_savings(baseline_date=D(2024, 1, 1)), (AS_OF, 40)), AS_OF, tolerance=10)
    assert (s.status, s.within_tolerance) == ("on track", True)


def test_measurements_after_the_model_date_are_ignored_and_counted():
    b = _benefit(_savings(), (D(2024, 6, 1), 40), (D(2024, 8, 1), 100))
    s = benefit_status(b, AS_OF)
    assert (s.status, s.latest and s.latest.value, s.later) == ("on track", 40, 1)
    only_later = benefit_status(_benefit(_savings(), (D(2024, 8, 1), 100)), AS_OF)
    assert (only_later.status, only_later.latest, only_later.later) == ("unmeasured", None, 1)


def test_review_periods_count_calendar_months_and_years():
    assert period_start(D(2025, 5, 31), "3m") == D(2025, 2, 28)
    assert period_start(D(2025, 1, 15), "1m") == D(2024, 12, 15)
    assert period_start(D(2024, 2, 29), "1y") == D(2023, 2, 28)
    assert period_start(D(2024, 7, 1), "6w") == D(2024, 5, 20)
    assert period_start(D(2024, 7, 1), "30d") == D(2024, 6, 1)
    assert benefit_status(_benefit(_savings(), (D(2024, 3, 31), 40)), AS_OF).stale is False  # no period
    assert benefit_status(_benefit(_savings(), (D(2024, 3, 31), 40)), AS_OF, review_every="3m").stale is True
    b = _benefit(_savings(), (D(2024, 3, 31), 40), values={"review_every": "3m"})
    assert benefit_status(b, AS_OF).stale is True
    assert benefit_status(b, D(2024, 6, 30)).stale is False


def test_a_dis_benefit_is_within_or_over_its_limit():
    limit = Measure(unit="minutes", target=10, direction="decrease")
    within = benefit_status(_benefit(limit, (AS_OF, 10), benefit_kind="dis-benefit"), AS_OF)
    over = benefit_status(_benefit(limit, (AS_OF, 10.5), benefit_kind="dis-benefit"), AS_OF)
    assert (within.status, over.status, over.adverse, over.progress) == ("within limit", "over limit", True, None)
