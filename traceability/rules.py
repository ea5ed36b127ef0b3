"""Apply the golden-thread rules to a model and its graph.

Each rule is a generator of ``(rule id, entity, message)``; :func:`apply_rules`
turns them into findings with the model's severities and waivers applied,
so the caller decides what is fatal.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from goldenthread.model.rulebook import RULES, Setting
from goldenthread.model.types import Benefit, Entity, Finding, Model
from goldenthread.traceability.benefits import BenefitStatus, benefit_statuses
from goldenthread.traceability.reach import (
    delivering_projects,
    evidenced_aims,
    evidencing_benefits,
    reach_map,
    reaching_projects,
    realised_benefits,
    realising_projects,
)

__all__ = ["apply_rules", "severity_of"]

_Hit = tuple[str, Entity, str]


def _label(e: Entity) -> str:
    return f"{e.kind} {e.id!r} ({e.title})"


#: The delivery confidence ratings that say a project is unlikely to deliver as planned.
_LOW_CONFIDENCE = ("red", "amber-red")


def _aim_rules(model: Model, G: nx.DiGraph) -> Iterator[_Hit]:
    benefits = model.benefits
    for aim in model.aims.values():
        reaching = reaching_projects(G, aim.id)
        if not reaching:
            yield "aim-without-investment", aim, f"{_label(aim)} has no investment: no project reaches it"
        # The committed investment: budgeted projects past proposal.
        carriers = [p for p in map(model.projects.__getitem__, reaching) if p.status != "proposed" and p.budget]
        if carriers and all(p.confidence in _LOW_CONFIDENCE for p in carriers):
            yield (
                "aim-low-confidence",
                aim,
                f"{_label(aim)} rests on low delivery confidence: every project carrying its committed investment "
                f"is rated red or amber-red ({', '.join(f'{p.title}: {p.confidence}' for p in carriers)})",
            )
        if not any(benefits[b].measured for b in evidencing_benefits(G, aim.id)):
            yield (
                "aim-without-evidence",
                aim,
                f"{_label(aim)} has no evidence: no measured benefit evidences it",
            )


def _theme_rules(model: Model, G: nx.DiGraph) -> Iterator[_Hit]:
    for theme in model.themes.values():
        if not theme.aims:
            yield "theme-without-aim", theme, f"{_label(theme)} supports no aim"
        if not delivering_projects(G, theme.id):
            yield "theme-without-project", theme, f"{_label(theme)} is delivered by no project"


def _project_rules(model: Model, G: nx.DiGraph, reach: dict[str, list[str]]) -> Iterator[_Hit]:
    as_of, currency = model.info.as_of, model.info.currency
    for project in model.projects.values():
        if project.cancelled:
            continue
        if not reach[project.id]:
            yield (
                "project-without-aim",
                project,
                f"{_label(project)} reaches no aim, through a theme or directly",
            )
        if not realised_benefits(G, project.id):
            yield "project-without-benefit", project, f"{_label(project)} realises no benefit"
        spent = project.spent
        if spent is not None and project.budget is not None and spent > project.budget:
            yield (
                "project-overspent",
                project,
                f"{_label(project)} has spent {_num(spent)} {currency}, over its budget of "
                f"{_num(project.budget)} {currency}",
            )
        if project.status in ("active", "approved") and project.end is not None and project.end < as_of:
            yield (
                "project-overdue",
                project,
                f"{_label(project)} is still {project.status} but was due to end on {project.end}, "
                f"before the model's date {as_of}",
            )


def _benefit_rules(model: Model, G: nx.DiGraph, reach: dict[str, list[str]]) -> Iterator[_Hit]:
    statuses = {s.id: s for s in benefit_statuses(model)}
    for b in model.benefits.values():
        status = statuses[b.id]
        realisers = realising_projects(G, b.id)
        if not realisers:
            yield "benefit-without-project", b, f"{_label(b)} is realised by no project"
        aims = evidenced_aims(G, b.id)
        if not aims:
            yield "benefit-without-aim", b, f"{_label(b)} evidences no aim"
        if b.measure is None:
            yield "benefit-without-measure", b, f"{_label(b)} has no measure: it is not quantified"
        elif not b.measurements:
            yield "benefit-unmeasured", b, f"{_label(b)} has a measure but no measurements"
        elif (latest := status.latest) is not None and status.status == "missed":
            yield (
                "benefit-target-missed",
                b,
                f"{_label(b)} missed its target: {_num(latest.value)} on {latest.date} against "
                f"{_num(b.measure.target)} {b.measure.unit} due {b.measure.target_date}",
            )
        yield from _benefit_evidence_rules(b, status)
        if realisers and aims:
            reached: set[str] = set()
            for p in realisers:
                reached.update(reach[p])
            unreached = [a for a in aims if a not in reached]
            if unreached:
                names = ", ".join(repr(a) for a in unreached)
                yield (
                    "broken-thread",
                    b,
                    f"{_label(b)} evidences {names}, which none of its projects reaches",
                )


def _benefit_evidence_rules(b: Benefit, status: BenefitStatus) -> Iterator[_Hit]:
    latest, m = status.latest, b.measure
    if status.stale and latest is not None:
        period = b.review_every or "the model's review period"
        yield (
            "benefit-evidence-stale",
            b,
            f"{_label(b)} has stale evidence: its latest measurement, on {latest.date}, is older than "
            f"its review period ({period})",
        )
    if status.status == "over limit" and latest is not None and m is not None:
        yield (
            "dis-benefit-over-limit",
            b,
            f"{_label(b)} is over its limit: {_num(latest.value)} on {latest.date} against a limit of "
            f"{_num(m.target)} {m.unit}",
        )
    if latest is not None and m is not None:
        missing = [
            what
            for what, absent in (
                ("an owner", not b.owner),
                ("a baseline", m.baseline is None),
                ("a baseline date", m.baseline_date is None),
                ("a target date", m.target_date is None),
                ("a source on its latest measurement", not latest.source),
            )
            if absent
        ]
        if missing:
            listed = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
            yield "benefit-profile-incomplete", b, f"{_label(b)} has an incomplete benefit profile: it lacks {listed}"


def _num(x: float | int) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def severity_of(model: Model, rule: str) -> Setting:
    """The severity a rule has in this model: its default unless ``rules:`` sets it."""
    return model.rules.get(rule, RULES[rule].severity)


def apply_rules(model: Model, G: nx.DiGraph) -> list[Finding]:
    """Every golden-thread finding for the model, sorted by source position.

    Rules set to ``off`` yield nothing; a finding whose entity waives its rule
    keeps its severity and is marked ``waived`` with the reason.
    """
    reach = reach_map(G)
    hits = [
        *_aim_rules(model, G),
        *_theme_rules(model, G),
        *_project_rules(model, G, reach),
        *_benefit_rules(model, G, reach),
    ]
    findings = []
    for rule, entity, message in hits:
        severity = severity_of(model, rule)
        if severity == "off":
            continue
        reason = entity.waive.get(rule)
        findings.append(
            Finding(
                rule=rule,
                severity=severity,
                message=message,
                pos=entity.pos,
                entity=entity.id,
                kind=entity.kind,
                waived=reason is not None,
                reason=reason,
            )
        )
    findings.sort(key=Finding.sort_key)
    return findings
