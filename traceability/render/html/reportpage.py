"""The one-page HTML report for a committee (``goldenthread report``).

Every figure and table row comes from :func:`~goldenthread.traceability.render.gaps.coverage_json`,
the document ``goldenthread gaps --format json`` prints, so the page and the
JSON can never disagree.
"""

from __future__ import annotations

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
from goldenthread.traceability.matrix import matrix
from goldenthread.traceability.render.envelope import relative_files
from goldenthread.traceability.render.gaps import coverage_json
from goldenthread.traceability.render.html.graphpage import graph_view, page_assets
from goldenthread.traceability.render.html.page import render_page
from goldenthread.traceability.render.html.view import GraphOptions

__all__ = ["BENEFITS_SHOWN", "FINDINGS_SHOWN", "MATRIX_CELLS_SHOWN", "ReportPage", "heat_level", "render_report"]

#: How finding groups are headed, in the order they appear.
GROUPS = (("error", "Errors"), ("warning", "Warnings"), ("waived", "Waived"))
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
    summary: dict[str, Any]


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


def _finding_groups(findings: list[Row]) -> list[Row]:
    """The full list: errors, warnings, waived; each finding keeps its place in the document as ``n``."""
    groups: dict[str, list[Row]] = {key: [] for key, _ in GROUPS}
    for n, f in enumerate(findings):
        groups["waived" if f["waived"] else f["severity"]].append({**f, "n": n})
    return [
        {"key": key, "heading": heading, "count": len(groups[key]), "findings": groups[key][:FINDINGS_SHOWN]}
        for key, heading in GROUPS
    ]


def _by_rule(groups: list[Row]) -> list[Row]:
    """One line a rule (errors, then warnings, then waived): its count and the entities, each a link to its row.

    Only findings listed in full below get a link; the count stays whole.
    """
    lines: list[Row] = []
    for g in groups:
        rules: dict[str, Row] = {}
        for f in g["findings"]:
            line = rules.setdefault(f["rule"], {"rule": f["rule"], "group": g["key"], "count": 0, "items": []})
            line["items"].append({"n": f["n"], "entity": f["entity"] or f["rule"]})
        counted: dict[str, int] = {}
        for f in g["all"]:
            counted[f["rule"]] = counted.get(f["rule"], 0) + 1
        for rule, count in counted.items():
            line = rules.setdefault(rule, {"rule": rule, "group": g["key"], "count": 0, "items": []})
            line["count"] = count
        lines.extend(rules.values())
    return lines


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
    largest = max(m.cells.values(), default=0)
    rows = []
    for r in m.rows:
        cells = []
        for c in m.cols:
            v = m.cells.get((r, c))
            # No cell: the theme does not support the aim (drawn blank, unlike a linked 0).
            cells.append({"col": c, "value": v, "level": heat_level(v or 0, largest)})
        rows.append({"id": r, "title": model.aims[r].title, "cells": cells})
    cols = [{"id": c, "title": model.themes[c].title} for c in m.cols]
    return {"rows": rows, "cols": cols, "value": m.value, "size": (len(m.rows), len(m.cols)), "too_large": False}


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
        "money": money,
    }


def render_report(model: Model | Analysis, title: str | None = None) -> ReportPage:
    """The report of ``model`` (or of an analysis already open) as HTML text (write it as UTF-8).

    Byte-identical for the same model.
    """
    analysis = model if isinstance(model, Analysis) else Analysis(model)
    model, G, report = analysis.model, analysis.graph, analysis.coverage
    scripts, styles = page_assets()
    info = model.info
    doc: Row = dict(coverage_json(report))
    doc["findings"] = _relative(doc["findings"], model.files)
    groups = _finding_groups(doc["findings"])
    everything: dict[str, list[Row]] = {key: [] for key, _ in GROUPS}
    for f in doc["findings"]:
        everything["waived" if f["waived"] else f["severity"]].append(f)
    for g in groups:
        g["all"] = everything[g["key"]]
    html = render_page(
        "report.html",
        scripts,
        styles,
        title=title or info.title or "Golden thread report",
        info=info,
        doc=doc,
        summary=doc["summary"],
        groups=groups,
        by_rule=_by_rule(groups),
        figures=_figures(model, report),
        heat=_heat_map(model, G),
        benefits=analysis.benefits[:BENEFITS_SHOWN],
        benefit_count=len(model.benefits),
        currency=info.currency,
        graph=graph_view(analysis, GraphOptions()),
        version=version("goldenthread"),
    )
    return ReportPage(html=html, summary=doc["summary"])
