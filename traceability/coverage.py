"""The coverage report behind ``goldenthread gaps``: which aims lack investment or evidence.

An aim's status is ``no investment`` when no non-cancelled project reaches it
(through a theme or directly), else ``no evidence`` when no measured benefit
evidences it, else ``covered``.  These are the conditions of the rules
``aim-without-investment`` and ``aim-without-evidence``, computed by the same
traversals (:mod:`goldenthread.traceability.reach`): the reach of every
project is walked once and serves both the attribution and the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from goldenthread.model.collector import collector_paused
from goldenthread.model.types import Finding, Model, ModelInfo
from goldenthread.traceability.attribution import attribute
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.reach import evidencing_benefits, reach_map, reachers_map, supporting_themes
from goldenthread.traceability.rules import apply_rules

__all__ = ["AIM_STATUSES", "AimCoverage", "CoverageReport", "coverage", "coverage_json", "finding_counts", "info_json"]

#: Every aim status word, worst first.
AIM_STATUSES: tuple[str, ...] = ("no investment", "no evidence", "covered")


@dataclass(frozen=True, slots=True)
class AimCoverage:
    """One aim's row of the coverage report."""

    id: str
    title: str
    #: Non-cancelled projects reaching the aim, model order.
    projects: tuple[str, ...]
    #: Themes supporting the aim, model order.
    themes: tuple[str, ...]
    investment: float
    #: Share of the attributed total, 0..1 (0 when the total is 0).
    share: float
    #: Benefits evidencing the aim that have at least one measurement.
    measured: int
    #: All benefits evidencing the aim.
    total: int
    status: str


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Every aim's coverage, the findings, and the headline numbers."""

    info: ModelInfo
    aims: list[AimCoverage]
    findings: list[Finding]
    summary: dict
    #: Title of every entity a finding names, for readers who know entities by name.
    titles: dict[str, str] = field(default_factory=dict)


def finding_counts(findings: list[Finding]) -> dict[str, int]:
    """Unwaived errors, unwaived warnings and waived findings, as ``check`` counts them."""
    errors = sum(1 for f in findings if f.severity == "error" and not f.waived)
    warnings = sum(1 for f in findings if f.severity == "warning" and not f.waived)
    return {"errors": errors, "warnings": warnings, "waived": sum(1 for f in findings if f.waived)}


def _projects_without_measured_benefit(model: Model) -> int:
    # From the benefits' side: one pass over the links, not one lookup per project and benefit.
    proven = {p for b in model.benefits.values() if b.measurements for p in b.projects}
    return sum(1 for p in model.projects.values() if not p.cancelled and p.id not in proven)


def coverage(model: Model, G: nx.DiGraph | None = None, findings: list[Finding] | None = None) -> CoverageReport:
    """The coverage of every aim of ``model``, with the model's findings.

    Pass the graph and findings when you have them (``check`` has both) so
    that nothing is computed twice.
    """
    with collector_paused():
        return _coverage(model, G, findings)


def _coverage(model: Model, G: nx.DiGraph | None, findings: list[Finding] | None) -> CoverageReport:
    if G is None:
        G = build_graph(model)
    if findings is None:
        findings = apply_rules(model, G)
    reach = reach_map(G)
    attribution = attribute(G, reach)
    total = attribution.total
    benefits = model.benefits
    reachers = reachers_map(G, reach)
    rows = []
    for aim in model.aims.values():
        projects = reachers[aim.id]
        evidence = evidencing_benefits(G, aim.id)
        measured = sum(1 for b in evidence if benefits[b].measured)
        if not projects:
            status = "no investment"
        elif not measured:
            status = "no evidence"
        else:
            status = "covered"
        investment = attribution.aims[aim.id]
        rows.append(
            AimCoverage(
                id=aim.id,
                title=aim.title,
                projects=tuple(projects),
                themes=tuple(supporting_themes(G, aim.id)),
                investment=investment,
                share=investment / total if total else 0.0,
                measured=measured,
                total=len(evidence),
                status=status,
            )
        )
    summary = {
        "aims": len(rows),
        "aims_with_investment": sum(1 for r in rows if r.status != "no investment"),
        "aims_with_evidence": sum(1 for r in rows if r.measured),
        "total_investment": total,
        "unfunded_projects": len(attribution.unfunded),
        "projects_without_measured_benefit": _projects_without_measured_benefit(model),
        **finding_counts(findings),
    }
    nodes = G._node
    titles = {f.entity: nodes[f.entity]["title"] for f in findings if f.entity in nodes}
    return CoverageReport(info=model.info, aims=rows, findings=findings, summary=summary, titles=titles)


def info_json(info: ModelInfo) -> dict[str, object]:
    """The model block every JSON report starts with."""
    return {
        "title": info.title,
        "organisation": info.organisation,
        "as_of": info.as_of.isoformat(),
        "currency": info.currency,
    }


def coverage_json(report: CoverageReport) -> dict:
    """Exactly the document ``goldenthread gaps --format json`` prints."""
    return {
        "model": info_json(report.info),
        "aims": [
            {
                "id": r.id,
                "title": r.title,
                "projects": list(r.projects),
                "themes": list(r.themes),
                "investment": r.investment,
                "share": r.share,
                "benefits": {"measured": r.measured, "total": r.total},
                "status": r.status,
            }
            for r in report.aims
        ],
        "findings": [f.as_dict() for f in report.findings],
        "summary": dict(report.summary),
    }
