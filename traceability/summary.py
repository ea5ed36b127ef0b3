"""The one-screen summary: counts by kind and status, investment, headline coverage."""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.model.types import KINDS, PROJECT_STATUSES, Model, ModelInfo
from goldenthread.traceability.benefits import STATUSES, BenefitStatus
from goldenthread.traceability.benefitvalue import BenefitValue
from goldenthread.traceability.coverage import AIM_STATUSES, CoverageReport
from goldenthread.traceability.headline import Headline

__all__ = ["Summary", "summarise"]


@dataclass(frozen=True, slots=True)
class Summary:
    """Headline numbers of a model; every status appears, in its fixed order, even at 0."""

    info: ModelInfo
    #: kind -> number of entities, in the order aim, theme, project, benefit.
    entities: dict[str, int]
    projects: dict[str, int]
    benefits: dict[str, int]
    aims: dict[str, int]
    #: The coverage report's summary: aims, aims_with_investment, aims_with_evidence,
    #: total_investment, unfunded_projects, projects_without_measured_benefit, errors, warnings, waived.
    headline: Headline
    #: The benefits' value claimed and realised, each benefit once (the coverage report's).
    value: BenefitValue | None = None


def summarise(model: Model, report: CoverageReport, benefit_rows: list[BenefitStatus]) -> Summary:
    """Summarise ``model`` from its coverage report and the status of its benefits."""
    # Counted by word: the renderers read the words as text.
    projects: dict[str, int] = dict.fromkeys(PROJECT_STATUSES, 0)
    for p in model.projects.values():
        projects[p.status] += 1
    benefits: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for b in benefit_rows:
        benefits[b.status] += 1
    aims: dict[str, int] = dict.fromkeys(AIM_STATUSES, 0)
    for a in report.aims:
        aims[a.status] += 1
    return Summary(
        info=model.info,
        entities={kind: len(model.section(kind)) for kind in KINDS},
        projects=projects,
        benefits=benefits,
        aims=aims,
        headline=report.summary,
        value=report.value,
    )
