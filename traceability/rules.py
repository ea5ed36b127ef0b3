"""Apply the golden-thread rules to a model and its graph.

Each rule is a generator of ``(rule id, entity, message)``; :func:`apply_rules`
turns them into findings with the model's severities and waivers applied,
so the caller decides what is fatal.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from goldenthread.model.rulebook import RULES, Setting
from goldenthread.model.types import Entity, Finding, Model
from goldenthread.traceability.benefits import benefit_status
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


def _aim_rules(model: Model, G: nx.DiGraph) -> Iterator[_Hit]:
    benefits = model.benefits
    for aim in model.aims.values():
        if not reaching_projects(G, aim.id):
            yield "aim-without-investment", aim, f"{_label(aim)} has no investment: no project reaches it"
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


def _benefit_rules(model: Model, G: nx.DiGraph, reach: dict[str, list[str]]) -> Iterator[_Hit]:
    as_of = model.info.as_of
    for b in model.benefits.values():
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
        elif (latest := b.latest) is not None and benefit_status(b, as_of).status == "missed":
            yield (
                "benefit-target-missed",
                b,
                f"{_label(b)} missed its target: {_num(latest.value)} on {latest.date} against "
                f"{_num(b.measure.target)} {b.measure.unit} due {b.measure.target_date}",
            )
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
