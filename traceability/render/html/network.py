"""The vis-network nodes, edges and options of a model's graph, built with pyvis's node and edge model.

pyvis is imported here only, inside :func:`build_network`: it pulls in
IPython (0.4 s), which ``check`` must not pay for.  Only pyvis's ``Node`` and
``Edge`` are used: ``Network.add_node``/``add_edge`` scan a list per call
(quadratic, seconds at 10,000 entities) and its page template is unsafe, so
nodes are appended directly and the page is our own template.

Colours, shapes and dashes live in :mod:`.palette`, once; the page's legend reads them too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from goldenthread.model.types import KINDS, Benefit, Entity, Finding, Model, Project
from goldenthread.traceability.attribution import Attribution
from goldenthread.traceability.benefits import BenefitStatus
from goldenthread.traceability.graph import in_links, nodes_of_kind
from goldenthread.traceability.render.formatting import NOT_STATED
from goldenthread.traceability.render.formatting import money_display as format_money
from goldenthread.traceability.render.formatting import number as format_number
from goldenthread.traceability.render.formatting import percent_display as format_percent
from goldenthread.traceability.render.html.layout import LayoutSpacing, fitted_positions, layered_positions
from goldenthread.traceability.render.html.palette import KIND_STYLES, RELATION_STYLES, group_name, vis_groups
from goldenthread.traceability.render.html.view import Selection, is_gap

__all__ = ["DETAIL_UP_TO", "HIDDEN_AT_FIRST", "NetworkData", "build_network", "vis_options", "wrap_label"]


#: Above this many links the picture drops details that cost seconds to draw
#: and that its zoom would not show: dashes (vis-network draws a dashed line
#: dash by dash; the colours still tell the relations apart), arrowheads (in
#: the layered layout every link points up anyway) and hover highlights (each
#: one redraws everything).
DETAIL_UP_TO = 2000
#: Relations drawn only on request (the page's "Evidence links") or for a highlighted thread.
HIDDEN_AT_FIRST = ("evidences",)
_LABEL_MAX = 60
#: Characters a label line holds: labels below a dot or diamond may be wider
#: than those inside a box or ellipse, which grow with their text.
_LABEL_WIDTH = 20
_INSIDE_WIDTH = 16


@dataclass(frozen=True, slots=True)
class NetworkData:
    """What the page hands vis-network, plus the values its controls offer."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    tags: list[str]
    statuses: list[str]
    #: Whether the picture has its details: dashes, arrows, hover (see :data:`DETAIL_UP_TO`).
    detailed: bool


def wrap_label(title: str, width: int = _LABEL_WIDTH, most: int = _LABEL_MAX) -> str:
    """The node label: the title cut to ``most`` characters and broken into lines of about ``width``.

    Wrapped here, not by vis-network's ``widthConstraint``, which measures the
    text word by word in the browser (a few hundred milliseconds at 10,000 nodes).

    Examples
    --------
    >>> print(wrap_label("Developing Hantsweb as a platform for transactional service delivery"))
    Developing Hantsweb
    as a platform for
    transactional
    service…
    """
    if len(title) > most:
        title = title[: most - 1].rstrip() + "…"
    lines: list[str] = []
    line = ""
    for word in title.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _status_group(word: str | None) -> str | None:
    """The status part of a node's group: a waived aim status is coloured as the status."""
    return word.removesuffix(" (waived)") if word else None


def _finding_line(f: Finding) -> list[str]:
    """``[class, text]``: how the page shows one finding in a tooltip."""
    if f.waived:
        reason = f": {f.reason}" if f.reason else ""
        return ["waived", f"{f.severity} {f.rule} (waived{reason}): {f.message}"]
    return [f.severity, f"{f.severity} {f.rule}: {f.message}"]


def _benefit_line(status: BenefitStatus) -> str | None:
    """The progress line of a ``BenefitStatus``; None when there is nothing but the status to say."""
    parts = []
    if status.progress is not None:
        parts.append(format_percent(status.progress))
    unit = f" {status.unit}" if status.unit else ""
    if status.latest is not None:
        parts.append(f"latest {format_number(status.latest.value)}{unit} on {status.latest.date.isoformat()}")
    if status.target is not None:
        due = f" by {status.target_date.isoformat()}" if status.target_date else ""
        parts.append(f"target {format_number(status.target)}{unit}{due}")
    return "progress: " + "; ".join(parts) if parts else None


def _project_size(budget: float | None, largest: float, span: float = 26.0) -> float:
    """Dot radius by budget, area-proportional; unbudgeted projects get the smallest."""
    if not budget or budget <= 0 or largest <= 0:
        return 10.0
    return 10.0 + span * math.sqrt(budget / largest)


def _fields(e: Entity, progress: BenefitStatus | None, largest: float, span: float) -> dict[str, object]:
    """A node's data beyond vis's own: status, size by budget, benefit kind, tags."""
    extra: dict[str, object] = {}
    if isinstance(e, Project):
        extra["status"] = e.status
        if e.budget:
            extra["size"] = round(_project_size(e.budget, largest, span), 1)
    elif isinstance(e, Benefit):
        if progress is not None:
            extra["status"] = progress.status
        if e.benefit_kind:
            extra["subkind"] = e.benefit_kind
    if e.tags:
        extra["tags"] = list(e.tags)
    return extra


def _details(
    e: Entity,
    status: object,
    invested: Mapping[str, float | None] | None,
    progress: BenefitStatus | None,
    currency: str,
) -> list[str]:
    """The plain-text tooltip lines after the title, id and kind."""
    lines = []
    if e.owner:
        lines.append(f"owner: {e.owner}")
    if status:
        lines.append(f"status: {status}")
    if isinstance(e, Project):
        lines.append("budget: " + (format_money(e.budget, currency) if e.budget is not None else NOT_STATED))
        if e.spent is not None:
            lines.append("spent: " + format_money(e.spent, currency))
        if e.confidence:
            lines.append(f"delivery confidence: {e.confidence}")
    if isinstance(e, Benefit) and e.value is not None:
        lines.append("value: " + format_money(e.value, currency) + " a year")
    if invested is not None:
        amount = invested.get(e.id)
        lines.append("attributed investment: " + (NOT_STATED if amount is None else format_money(amount, currency)))
    if progress is not None:
        line = _benefit_line(progress)
        if line:
            lines.append(line)
    if e.tags:
        lines.append("tags: " + ", ".join(e.tags))
    return lines


def build_network(
    model: Model,
    G: nx.DiGraph,
    findings: list[Finding],
    selection: Selection,
    attribution: Attribution,
    benefit_statuses: Mapping[str, BenefitStatus],
    aim_statuses: Mapping[str, str] | None = None,
    changed: Mapping[str, str] | None = None,
    row_widths: Sequence[int] = (),
    most_rows: int = 0,
) -> NetworkData:
    """The vis nodes and edges of the selected entities, positioned by layer.

    An aim's or benefit's label ends with its status and its fill shows it
    (:data:`~.palette.STATUS_COLOURS`); ``findings`` counts the unwaived
    findings (drawn as a badge), ``changed`` says ``added`` or ``changed``.

    Parameters
    ----------
    attribution
        A :class:`goldenthread.traceability.attribution.Attribution` of the model.
    benefit_statuses
        Benefit id -> :class:`goldenthread.traceability.benefits.BenefitStatus`.
    aim_statuses
        Aim id -> its coverage status as ``gaps`` words it (``covered``, ``at risk``, ...).
    changed
        Entity id -> ``added`` or ``changed`` since an earlier version (``render --since``).
    row_widths
        For a picture that must fit a window, the row widths (most nodes a row holds before
        its layer wraps) to choose from, widest first; empty: as wide as the layout likes.
    most_rows
        The most rows a picture that must fit a window may stand (the widest width excepted).
    """
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    currency = model.info.currency
    chosen = set(selection.nodes)
    by_entity: dict[str, list[Finding]] = {}
    for f in findings:
        if f.entity is not None:
            by_entity.setdefault(f.entity, []).append(f)
    budgets = [p.budget for p in model.projects.values() if p.budget and not p.cancelled]
    largest = float(max(budgets)) if budgets else 0.0
    theme_counts = _theme_counts(G, by_entity) if selection.overview else {}

    layers = [[n for n in model.section(kind) if n in chosen] for kind in KINDS]
    links = [(a, b, rel) for a, b, rel in G.edges(data="relation") if a in chosen and b in chosen]
    # Two sweeps already untangle most crossings; four pay off only on small pictures.
    sweeps = 4 if len(chosen) <= 2000 else 2
    # Evidence links (benefit -> aim) skip the two middle layers: drawn straight they
    # cross nearly everything, so the picture shows them on request or for a
    # highlighted thread, and the order is chosen for the links it draws.
    drawn = [(a, b) for a, b, rel in links if rel not in HIDDEN_AT_FIRST]
    # A picture that must fit a window: layers closer, wrapped rows apart enough for four-line labels.
    if row_widths:
        spacing = LayoutSpacing(y_gap=130.0, row_gap=120.0)
        positions = fitted_positions(layers, drawn, spacing, row_widths, most_rows, sweeps)
    else:
        positions = layered_positions(layers, drawn, sweeps=sweeps)

    # The attribution's one figure per entity; None where not stated (unknown, never 0).
    invested_by_kind = {
        kind: {n: attribution.investment(n) for n in amounts}
        for kind, amounts in (
            ("aim", attribution.aims),
            ("theme", attribution.themes),
            ("project", attribution.projects),
        )
    }
    net = Network(directed=True)
    for e in model.entities():
        if e.id not in chosen:
            continue
        kind = e.kind
        # Smaller dots where rows wrap closely (a picture that must open whole).
        extra = _fields(e, benefit_statuses.get(e.id), largest, 14.0 if row_widths else 26.0)
        lines = _details(e, extra.get("status"), invested_by_kind.get(kind), benefit_statuses.get(e.id), currency)
        width = _INSIDE_WIDTH if kind in ("aim", "theme") else _LABEL_WIDTH
        # A picture that must open whole: two lines a title (the full title on hover).
        label = wrap_label(e.title, width, 2 * width - 2 if row_widths else _LABEL_MAX)
        status_word = None
        if kind == "benefit" and "status" in extra:
            status_word = str(extra["status"])
        elif kind == "aim" and aim_statuses and e.id in aim_statuses:
            status_word = aim_statuses[e.id]
            extra["coverage"] = status_word.removesuffix(" (waived)")
            lines.append(f"coverage: {status_word}")
        if status_word is not None:
            label = f"{label}\n[{status_word}]"
        if e.id in theme_counts:
            total, gaps = theme_counts[e.id]
            counts = f"projects: {total} ({gaps} with findings)"
            lines.append(counts)
            label = f"{label}\n{counts}"
        if label.replace("\n", " ") != e.title:
            extra["name"] = e.title
        if changed and e.id in changed:
            extra["changed"] = changed[e.id]
            lines.append(f"{changed[e.id]} since the earlier version")
        if lines:
            extra["lines"] = lines
        mine = by_entity.get(e.id)
        if mine:
            if unwaived := sum(1 for f in mine if not f.waived):
                extra["open"] = unwaived
            # An unwaived error (what fails the check) makes a gap: what "Gaps only" keeps.
            if any(is_gap(f) for f in mine):
                extra["gap"] = 1
            extra["findings"] = [_finding_line(f) for f in mine]
        x, y = positions[e.id]
        node = Node(
            e.id,
            KIND_STYLES[kind].shape,
            label=label,
            group=group_name(kind, isinstance(e, Project) and e.cancelled, _status_group(status_word)),
            kind=kind,
            x=int(x) if x.is_integer() else x,
            y=int(y) if y.is_integer() else y,
            **extra,
        )
        net.nodes.append(node.options)
        net.node_ids.append(e.id)
        net.node_map[e.id] = node.options
    detailed = len(links) <= DETAIL_UP_TO
    for i, (a, b, rel) in enumerate(links):
        rs = RELATION_STYLES[rel]
        # Arrows and width are global options; a string colour sets highlight and hover too.
        edge = Edge(a, b, id=f"e{i}", relation=rel, color=rs.colour)
        if rel in HIDDEN_AT_FIRST:
            edge.options["optional"] = True
        if detailed and rs.dashes:
            edge.options["dashes"] = rs.dashes
        net.edges.append(edge.options)
    tags = sorted({t for n in net.nodes for t in n.get("tags", ())})
    statuses = sorted({n["status"] for n in net.nodes if "status" in n})
    return NetworkData(nodes=net.nodes, edges=net.edges, tags=tags, statuses=statuses, detailed=detailed)


def _theme_counts(G: nx.DiGraph, by_entity: dict[str, list[Finding]]) -> dict[str, tuple[int, int]]:
    """Theme -> (projects delivering it, of which with unwaived findings), for the overview."""
    counts = {}
    for n in nodes_of_kind(G, "theme"):
        projects = [p for p, e in in_links(G)[n].items() if e["relation"] == "delivers"]
        gaps = sum(1 for p in projects if any(not f.waived for f in by_entity.get(p, ())))
        counts[n] = (len(projects), gaps)
    return counts


def vis_options(layout: str = "layered", detailed: bool = True) -> dict[str, Any]:
    """vis-network options: physics off on precomputed positions, or on for ``force``.

    ``detailed``: arrowheads and hover highlights (see :data:`DETAIL_UP_TO`);
    the force layout keeps its arrows, as nothing else shows the direction.
    """
    physics: dict[str, Any] = {"enabled": False}
    if layout == "force":
        physics = {
            "enabled": True,
            "solver": "barnesHut",
            # avoidOverlap 1: nodes repel by their whole size, so none is drawn on another.
            "barnesHut": {"springLength": 200, "avoidOverlap": 1, "gravitationalConstant": -6000},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        }
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": physics,
        "groups": vis_groups(),
        "nodes": {
            "font": {"size": 14, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"},
            "margin": 8,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": detailed or layout == "force", "scaleFactor": 0.5}},
            "width": 1.5,
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": detailed,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": True,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }
