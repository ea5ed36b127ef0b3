"""The one-page HTML report for a committee (``goldenthread report``).

Every figure and table row comes from :func:`~goldenthread.traceability.render.gaps.coverage_json`,
the document ``goldenthread gaps --format json`` prints, so the page and the
JSON can never disagree.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import networkx as nx

from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.coverage import CoverageReport
from goldenthread.traceability.headline import Headline
from goldenthread.traceability.matrix import matrix
from goldenthread.traceability.provenance import Provenance
from goldenthread.traceability.render.envelope import relative_files
from goldenthread.traceability.render.gaps import coverage_json
from goldenthread.traceability.render.html.decision import aim_rows, decisions
from goldenthread.traceability.render.html.graphpage import graph_view, page_assets
from goldenthread.traceability.render.html.page import render_page
from goldenthread.traceability.render.html.view import GraphOptions
from goldenthread.traceability.render.rulewords import rule_title
from goldenthread.traceability.since import Since

__all__ = ["BENEFITS_SHOWN", "FINDINGS_SHOWN", "MATRIX_CELLS_SHOWN", "ReportPage", "heat_level", "render_report"]

#: The most findings listed per group and benefits per table: a committee
#: reads no more, and a 10,000-entity model would make a 13 MB page that takes
#: seconds to lay out.  The counts stay whole; a note says what was left out.
FINDINGS_SHOWN = 200
BENEFITS_SHOWN = 500
#: The largest heat map drawn (rows x columns); 200 aims x 500 themes would be
#: 100,000 cells, megabytes no one reads on a page.
MATRIX_CELLS_SHOWN = 2500
#: One row of the page's data: a finding, a group, a line of the findings by rule.
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReportPage:
    html: str
    #: The headline figures the page shows.
    summary: Headline


def heat_level(value: float, largest: float) -> int:
    """The heat-map class of a cell: 0 for empty, else 1..5 in proportion to the largest cell.

    Examples
    --------
    >>> [heat_level(v, 10) for v in (0, 1, 2, 5, 10)]
    [0, 1, 1, 3, 5]
    """
    if value <= 0 or largest <= 0:
        return 0
    return max(1, min(5, math.ceil(5 * value / largest)))


def _annex(findings: list[Row], titles: dict[str, str]) -> list[Row]:
    """The findings grouped by rule, each rule named in words: errors first, then warnings, then waived.

    Each finding keeps its place in the document as ``n``; a group lists at
    most :data:`FINDINGS_SHOWN` of them, its count stays whole.
    """
    order = {"error": 0, "warning": 1, "waived": 2}
    groups: dict[tuple[str, str], Row] = {}
    for n, f in enumerate(findings):
        group = "waived" if f["waived"] else f["severity"]
        g = groups.setdefault(
            (group, f["rule"]),
            {"rule": f["rule"], "title": rule_title(f["rule"]), "group": group, "count": 0, "findings": []},
        )
        g["count"] += 1
        if len(g["findings"]) < FINDINGS_SHOWN:
            entity = f["entity"]
            g["findings"].append({**f, "n": n, "name": titles.get(entity, entity) if entity else None})
    return sorted(groups.values(), key=lambda g: order[g["group"]])


def _projects(model: Model, report: CoverageReport) -> list[Row]:
    """The projects in model order: budget and spend (exact), status, delivery confidence, the aims they reach."""
    reaching: dict[str, list[str]] = {}
    for a in report.aims:
        for p in a.projects:
            reaching.setdefault(p, []).append(a.title)
    return [
        {
            "id": p.id,
            "title": p.title,
            "status": p.status,
            "budget": p.budget,
            "spent": p.spent,
            "confidence": p.confidence,
            "aims": reaching.get(p.id, []),
            "owner": p.owner,
        }
        for p in list(model.projects.values())[:BENEFITS_SHOWN]
    ]


def _relative(findings: list[Row], files: tuple[str, ...]) -> list[Row]:
    """Findings whose file is relative to the model root: a page never shows the maker's absolute paths."""
    if not files:
        return findings
    parents = [posixpath.dirname(f.replace(os.sep, "/")) for f in files]
    root = posixpath.commonpath(parents) if len(parents) > 1 else parents[0]
    shown = []
    for f in findings:
        if f["file"]:
            f = {**f, "file": relative_files([f["file"]], root)[0]}
        shown.append(f)
    return shown


def _items(ids: Iterable[str], titles: dict[str, str]) -> list[dict[str, str]]:
    return [{"id": i, "title": titles[i]} for i in ids]


def _heat_map(model: Model, G: nx.DiGraph) -> Row:
    m = matrix(G, "aims", "themes", "count")
    if len(m.rows) * len(m.cols) > MATRIX_CELLS_SHOWN:
        return {"rows": [], "cols": [], "value": m.value, "size": (len(m.rows), len(m.cols)), "too_large": True}
    largest = max((v for v in m.cells.values() if v is not None), default=0)  # counts: never None
    rows = []
    for r in m.rows:
        cells = []
        for c in m.cols:
            v = m.cells.get((r, c))
            # No cell: the theme does not support the aim (drawn blank, unlike a linked 0).
            cells.append({"col": c, "value": v, "level": heat_level(v or 0, largest)})
        rows.append({"id": r, "title": model.aims[r].title, "cells": cells})
    cols = [{"id": c, "title": model.themes[c].title} for c in m.cols]
    return {
        "rows": rows,
        "cols": cols,
        "names": {c["id"]: c["title"] for c in cols},
        "value": m.value,
        "size": (len(m.rows), len(m.cols)),
        "too_large": False,
    }


def _figures(model: Model, report: CoverageReport) -> dict[str, object]:
    """What each headline figure counts, named: the items behind the numbers."""
    titles = {e.id: e.title for e in model.entities()}
    money = report.money
    assert money is not None
    return {
        "without_investment": _items((a.id for a in report.aims if a.status == "no investment"), titles),
        "without_evidence": _items((a.id for a in report.aims if not a.measured), titles),
        "unmeasured": _items(report.unmeasured_projects, titles),
        "unfunded": _items(report.unfunded, titles),
        "untraced": [{"id": i, "title": titles[i], "amount": a} for i, a in money.untraced],
        "aimless_themes": [{"id": i, "title": titles[i], "amount": a} for i, a in money.aimless_themes],
        "proposed": [{"id": i, "title": titles[i], "amount": a} for i, a in money.proposed],
        "direct_only": [{"id": i, "title": titles[i], "amount": a} for i, a in money.direct_only],
        "money": money,
    }


def render_report(
    model: Model | Analysis,
    title: str | None = None,
    *,
    produced: dt.date | None = None,
    source: Provenance | None = None,
    since: Since | None = None,
) -> ReportPage:
    """The report of ``model`` (or of an analysis already open) as HTML text (write it as UTF-8).

    ``produced`` is the date printed on the cover (None: the model's as-of
    date); ``source`` where the model comes from (None: not stated);
    ``since`` the change from an earlier version (``report --since``).
    Byte-identical for the same arguments.
    """
    analysis = model if isinstance(model, Analysis) else Analysis(model)
    model, G, report = analysis.model, analysis.graph, analysis.coverage
    scripts, styles = page_assets()
    info = model.info
    doc: Row = dict(coverage_json(report))
    doc["findings"] = _relative(doc["findings"], model.files)
    titles = {e.id: e.title for e in model.entities()}
    rows = aim_rows(analysis, since)
    html = render_page(
        "report.html",
        scripts,
        styles,
        title=title or info.title or "Golden thread report",
        info=info,
        doc=doc,
        summary=report.summary,
        allocated=any(p.allocation for p in model.projects.values()),
        annex=_annex(doc["findings"], titles),
        rows=rows,
        decide=decisions(analysis, rows, since),
        produced=produced or info.as_of,
        source=source,
        since=since,
        projects=_projects(model, report),
        project_count=len(model.projects),
        figures=_figures(model, report),
        heat=_heat_map(model, G),
        benefits=analysis.benefits[:BENEFITS_SHOWN],
        benefit_count=len(model.benefits),
        currency=info.currency,
        graph=graph_view(analysis, GraphOptions(), since),
        version=version("goldenthread"),
    )
    return ReportPage(html=html, summary=report.summary)
