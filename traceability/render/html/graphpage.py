"""The interactive golden-thread graph as one self-contained HTML page (``goldenthread render``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from goldenthread.model.types import KINDS, Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.html.network import build_network, vis_options
from goldenthread.traceability.render.html.page import Asset, own_asset, render_page, vis_assets
from goldenthread.traceability.render.html.palette import (
    BADGE,
    BENEFIT_FILLS,
    CANCELLED,
    CHANGED,
    KIND_STYLES,
    RELATION_STYLES,
    STATUS_COLOURS,
    palette_css,
)
from goldenthread.traceability.render.html.svg import static_svg
from goldenthread.traceability.render.html.view import GraphOptions, Selection, select
from goldenthread.traceability.since import Since

__all__ = ["READABLE_UP_TO", "GraphPage", "GraphView", "graph_view", "page_assets", "render_graph"]


#: Pictures up to this many entities open at a zoom where every label is at
#: least 11 px, on a canvas as large as that needs (the page scrolls); larger
#: ones open fitted to the window, as an overview to zoom into.
READABLE_UP_TO = 60
#: The row widths a readable picture chooses from, the one whose links cross
#: least: nine labels of 175 px at zoom 0.8 fill a 1400 px window; narrower
#: rows stand taller, so they are taken only while the picture stays within
#: MOST_ROWS rows (four layers and three folds), what a 900 px window holds.
ROW_WIDTHS = (9, 8, 7)
MOST_ROWS = 7


@dataclass(frozen=True, slots=True)
class GraphView:
    """The graph part of a page: the data block, the legend and the note on what is shown."""

    data: dict[str, Any]
    selection: Selection
    legend: dict[str, Any]
    note: str | None
    #: The static picture (print, scripts off); None for large pictures.
    svg: Markup | None = None

    @property
    def edges(self) -> int:
        return len(self.data["edges"])


@dataclass(frozen=True, slots=True)
class GraphPage:
    html: str
    view: GraphView

    @property
    def shown(self) -> int:
        return len(self.view.selection.nodes)

    @property
    def total(self) -> int:
        return self.view.selection.total


#: Statuses only a dis-benefit has: in the legend only when the model holds one (the legend sits above the picture).
_DIS_BENEFIT_STATUSES = ("within limit", "over limit")


def _legend(dashes: bool, since: Since | None, dis_benefits: bool) -> dict[str, Any]:
    return {
        "kinds": [{"kind": k, "style": KIND_STYLES[k]} for k in KINDS],
        "relations": [
            {"relation": r, "colour": s.colour, "dashes": s.dashes if dashes else False, "label": s.label}
            for r, s in RELATION_STYLES.items()
        ],
        "badge": BADGE,
        "changed": CHANGED,
        "since": since.rev if since else None,
        "aim_fills": [(s, STATUS_COLOURS[s]) for s in ("no investment", "at risk", "no evidence", "covered")],
        "benefit_fills": [(s, c) for s, c in BENEFIT_FILLS.items() if dis_benefits or s not in _DIS_BENEFIT_STATUSES],
        "cancelled": CANCELLED,
    }


def _note(selection: Selection) -> str | None:
    parts = []
    if selection.overview:
        parts.append(
            f"Overview of a large model: {len(selection.nodes):,} of {selection.total:,} entities shown "
            "(aims, themes and the entities with unwaived findings; themes show their project counts). "
            "For the whole graph run goldenthread render --all; for one neighbourhood, "
            "goldenthread render --focus ID --depth 2."
        )
    if selection.applied:
        parts.append(
            f"Showing {len(selection.nodes):,} of {selection.total:,} entities: " + "; ".join(selection.applied) + "."
        )
    return " ".join(parts) or None


def graph_view(analysis: Analysis, options: GraphOptions | None = None, since: Since | None = None) -> GraphView:
    """Select, lay out and encode the model's graph for the page; ``since`` marks what changed.

    Raises
    ------
    goldenthread.traceability.render.html.view.UnknownEntity
        When ``options.focus`` names no entity.
    """
    options = options or GraphOptions()
    model, G, findings = analysis.model, analysis.graph, analysis.findings
    progress = {s.id: s for s in analysis.benefits}
    statuses: dict[str, str] = {p.id: p.status for p in model.projects.values()}
    statuses.update((b, s.status) for b, s in progress.items())
    selection = select(G, findings, options, statuses)
    aims = {a.id: a.status + (" (waived)" if a.waived else "") for a in analysis.coverage.aims}
    changed = since.entities if since else None
    readable = len(selection.nodes) <= READABLE_UP_TO and options.layout == "layered"
    net = build_network(
        model,
        G,
        findings,
        selection,
        analysis.attribution,
        progress,
        aims,
        changed,
        ROW_WIDTHS if readable else (),
        MOST_ROWS,
    )
    vis = vis_options(options.layout, detailed=net.detailed)
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": vis,
        "tags": net.tags,
        "statuses": net.statuses,
        "kinds": list(KINDS),
        "total": selection.total,
        # The force layout moves the nodes after the first draw: it opens fitted.
        "readable": readable,
        # A link's tooltip names its relation in words.
        "relations": {r: s.label for r, s in RELATION_STYLES.items()},
        "badge": BADGE,
        "changed": CHANGED,
    }
    svg = static_svg(net.nodes, net.edges, vis["groups"])
    return GraphView(
        data=data,
        selection=selection,
        legend=_legend(net.detailed, since, any(b.adverse for b in model.benefits.values())),
        note=_note(selection),
        svg=svg,
    )


def page_assets() -> tuple[list[Asset], list[Asset]]:
    """The inline scripts and stylesheets of a page with the graph: vis-network, then ours."""
    vis_js, vis_css = vis_assets()
    return [vis_js, own_asset("routes.js"), own_asset("graph.js")], [vis_css, own_asset("page.css"), palette_css()]


def render_graph(model: Model | Analysis, options: GraphOptions | None = None, since: Since | None = None) -> GraphPage:
    """The graph page of ``model`` (or of an analysis already open) as HTML text (write it as UTF-8).

    The same model and options give byte-identical text: the page holds no
    time stamp and its data is in model order with sorted keys.
    """
    analysis = model if isinstance(model, Analysis) else Analysis(model)
    options = options or GraphOptions()
    info = analysis.model.info
    scripts, styles = page_assets()
    view = graph_view(analysis, options, since)
    html = render_page(
        "graph.html",
        scripts,
        styles,
        title=options.title or info.title or "Golden thread",
        info=info,
        graph=view,
        since=since,
    )
    return GraphPage(html=html, view=view)
