"""The coverage report behind ``goldenthread gaps``: which aims lack investment or evidence.

An aim's status is ``no investment`` when no non-cancelled project reaches it
(through a theme or directly), else ``no evidence`` when no measured benefit
evidences it, else ``at risk`` when none of its measured benefits is achieved
or on track (all behind, missed, or measured without a target), else
``covered``: the status says whether the evidence is sound, not only whether
there is some.  A waived finding behind the status is shown with its reason.  These are the conditions of the rules
``aim-without-investment`` and ``aim-without-evidence``, computed by the same
traversals (:mod:`goldenthread.traceability.reach`): the reach of every
project is walked once and serves both the attribution and the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

import networkx as nx

from goldenthread.model.types import Finding, Model, ModelInfo
from goldenthread.traceability.attribution import Attribution, attribute
from goldenthread.traceability.benefits import BenefitStatus, benefit_statuses
from goldenthread.traceability.benefitvalue import BenefitValue, benefit_value
from goldenthread.traceability.check import finding_counts
from goldenthread.traceability.graph import entity_of
from goldenthread.traceability.headline import Headline
from goldenthread.traceability.money import MoneyTrace, trace_money
from goldenthread.traceability.reach import (
    evidencing_benefits,
    reach_map,
    reachers_map,
    supported_aims,
    supporting_themes,
)

__all__ = ["AIM_STATUSES", "AimCoverage", "AimStatus", "CoverageReport", "ThemeMoney", "coverage", "finding_counts"]

#: Every aim status word, worst first.
AimStatus = Literal["no investment", "no evidence", "at risk", "covered"]
AIM_STATUSES: tuple[AimStatus, ...] = get_args(AimStatus)
#: The rule whose finding each gap status stands for (its waiver shows on the row).
_STATUS_RULES = {"no investment": "aim-without-investment", "no evidence": "aim-without-evidence"}
#: Benefit statuses that make evidence sound.
_SOUND = ("achieved", "on track")


@dataclass(frozen=True, slots=True)
class AimCoverage:
    """One aim's row of the coverage report."""

    id: str
    title: str
    #: Non-cancelled projects reaching the aim, model order.
    projects: tuple[str, ...]
    #: Themes supporting the aim, model order.
    themes: tuple[str, ...]
    #: Attributed investment; None when every project reaching the aim states no budget (unknown, not 0).
    investment: float | None
    #: Share of the attributed total, 0..1 (0 when the total is 0 or the investment unknown).
    share: float
    #: Benefits evidencing the aim that have at least one measurement.
    measured: int
    #: All benefits evidencing the aim.
    total: int
    status: AimStatus
    #: The finding behind ``status`` is waived (the status still says what is missing).
    waived: bool = False
    #: The waiver's reason, when ``waived``.
    reason: str | None = None
    #: Measured benefits evidencing the aim that are achieved or on track.
    sound: int = 0
    #: Non-cancelled projects reaching the aim that state no budget.
    unbudgeted: int = 0
    #: Benefit value (claimed, realised to date) of the benefits evidencing it; None: none states a value.
    value: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class ThemeMoney:
    """One theme's attributed investment (:mod:`~goldenthread.traceability.attribution`), as every output shows it."""

    id: str
    title: str
    #: None when every project delivering it states no budget (unknown, not 0).
    investment: float | None
    #: False for a theme that supports no aim: its money reaches no aim.
    serves_aims: bool


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Every aim's coverage, the findings, and the headline numbers."""

    info: ModelInfo
    aims: list[AimCoverage]
    findings: list[Finding]
    #: The headline figures.
    summary: Headline
    #: Title of every entity a finding names, for readers who know entities by name.
    titles: dict[str, str] = field(default_factory=dict)
    #: Non-cancelled projects realising no measured benefit, model order (the headline figure's items).
    unmeasured_projects: tuple[str, ...] = ()
    #: Non-cancelled projects with no budget, model order.
    unfunded: tuple[str, ...] = ()
    #: The money traced to aims and the money that reaches none, committed and proposed.
    money: MoneyTrace | None = None
    #: The benefits' value claimed and realised, each benefit once.
    value: BenefitValue | None = None
    #: Every theme's attributed investment, model order.
    themes: tuple[ThemeMoney, ...] = ()


def _projects_without_measured_benefit(model: Model) -> tuple[str, ...]:
    # From the benefits' side: one pass over the links, not one lookup per project and benefit.
    proven = {p for b in model.benefits.values() if b.measurements for p in b.projects}
    return tuple(p.id for p in model.projects.values() if not p.cancelled and p.id not in proven)


def coverage(
    model: Model,
    G: nx.DiGraph,
    findings: list[Finding],
    reach: dict[str, list[str]] | None = None,
    attribution: Attribution | None = None,
    status_list: list[BenefitStatus] | None = None,
) -> CoverageReport:
    """The coverage of every aim of ``model``, given its graph and its findings.

    ``reach`` (:func:`~goldenthread.traceability.reach.reach_map`), the
    ``attribution`` and the benefits' statuses are worked out here when not
    given; :class:`~goldenthread.traceability.context.Analysis` gives the ones
    it already has, so that no page works them out twice.
    """
    if reach is None:
        reach = reach_map(G)
    if attribution is None:
        attribution = attribute(G, reach)
    if status_list is None:
        status_list = benefit_statuses(model)
    total = attribution.total
    benefits = model.benefits
    reachers = reachers_map(G, reach)
    statuses = {s.id: s for s in status_list}
    value = benefit_value(model, G, status_list)
    waivers = {(f.entity, f.rule): f for f in findings if f.waived}
    rows = []
    for aim in model.aims.values():
        projects = reachers[aim.id]
        evidence = evidencing_benefits(G, aim.id)
        measured = sum(1 for b in evidence if benefits[b].measured)
        sound = sum(1 for b in evidence if benefits[b].measured and statuses[b].status in _SOUND)
        status: AimStatus
        if not projects:
            status = "no investment"
        elif not measured:
            status = "no evidence"
        elif not sound:
            status = "at risk"
        else:
            status = "covered"
        waiver = waivers.get((aim.id, _STATUS_RULES.get(status, "")))
        unbudgeted = sum(1 for p in projects if model.projects[p].budget is None)
        investment = attribution.investment(aim.id)
        rows.append(
            AimCoverage(
                id=aim.id,
                title=aim.title,
                projects=tuple(projects),
                themes=tuple(supporting_themes(G, aim.id)),
                investment=investment,
                share=investment / total if investment and total else 0.0,
                measured=measured,
                total=len(evidence),
                status=status,
                waived=waiver is not None,
                reason=waiver.reason if waiver is not None else None,
                sound=sound,
                unbudgeted=unbudgeted,
                value=value.aims[aim.id],
            )
        )
    unmeasured = _projects_without_measured_benefit(model)
    reached = [r for r in rows if r.projects]
    money = trace_money(model, G, attribution)
    summary = Headline(
        aims=len(rows),
        aims_with_investment=sum(1 for r in rows if r.status != "no investment"),
        aims_with_evidence=sum(1 for r in rows if r.measured),
        aims_at_risk=sum(1 for r in rows if r.status == "at risk"),
        aims_covered=sum(1 for r in rows if r.status == "covered"),
        # Unknown when projects reach aims and none of them states a budget.
        total_investment=None if reached and all(r.investment is None for r in reached) else total,
        unfunded_projects=len(attribution.unfunded),
        projects_without_measured_benefit=len(unmeasured),
        portfolio_budget=money.portfolio,
        untraced_budget=money.untraced_total,
        proposed_projects=len(money.proposed),
        proposed_investment=money.proposed_traced,
        **finding_counts(findings),
    )
    titles = {f.entity: entity_of(G, f.entity).title for f in findings if f.entity is not None and f.entity in G}
    return CoverageReport(
        info=model.info,
        aims=rows,
        findings=findings,
        summary=summary,
        titles=titles,
        unmeasured_projects=unmeasured,
        unfunded=attribution.unfunded,
        money=money,
        value=value,
        themes=tuple(
            ThemeMoney(t.id, t.title, attribution.investment(t.id), bool(supported_aims(G, t.id)))
            for t in model.themes.values()
        ),
    )
