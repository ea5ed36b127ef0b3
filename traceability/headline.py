"""The headline figures of a model: one frozen type, the same for every report that shows them.

``gaps`` and ``summary`` (the ``summary`` object of their JSON), ``report``,
``diff`` (before and after), ``history`` (one row a commit) and the workbook
read these figures from a :class:`Headline`; it is also a read-only mapping of
figure name to value, in the order below, which is how the JSON writes it.

Examples
--------
>>> from goldenthread.model import load_example
>>> from goldenthread.traceability.context import Analysis
>>> h = Analysis(load_example()).coverage.summary
>>> h.aims, h["aims"], list(h)[:3]
(6, 6, ['aims', 'aims_with_investment', 'aims_with_evidence'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields

__all__ = ["Headline", "investment_stated"]


# eq=False: compared as the mapping it also is, so it equals the dict of the same figures.
@dataclass(frozen=True, slots=True, eq=False)
class Headline(Mapping[str, float | None]):
    """Counts of aims, projects and findings, and sums of money, of one model."""

    aims: int
    aims_with_investment: int
    aims_with_evidence: int
    aims_at_risk: int
    aims_covered: int
    #: Money traced to an aim (non-cancelled projects), in the model currency; None when not stated
    #: (projects reach aims, but none of them states a budget): unknown, not 0.
    total_investment: float | None
    unfunded_projects: int
    projects_without_measured_benefit: int
    #: Every non-cancelled project's budget, traced or not; None when none of them states one.
    portfolio_budget: float | None
    #: Budget that reaches no aim.
    untraced_budget: float
    proposed_projects: int
    #: Proposed projects' budget that would reach an aim; None when none of them states a budget.
    proposed_investment: float | None
    #: Unwaived errors and warnings, and waived findings, as ``check`` counts them.
    errors: int
    warnings: int
    waived: int

    def __getitem__(self, name: str) -> float | None:
        if name not in _NAMES:
            raise KeyError(name)
        value: float | None = getattr(self, name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Headline))


def investment_stated(h: Mapping[str, float | None]) -> bool:
    """Whether the headline's total is known: some project reaching an aim states a budget, or none needs to.

    When projects reach aims but none of them states a budget, the total is
    not 0 but unknown (None): reports say "not stated".
    """
    return h["total_investment"] is not None
