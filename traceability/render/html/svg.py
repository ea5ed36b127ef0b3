"""The golden-thread picture as a static SVG, drawn in Python from the interactive picture's layout.

It is what prints (vector, so it stays sharp on paper) and what a reader sees
with scripts off.  It is drawn for a landscape A4 page: aims in the left
column, then themes, projects and benefits, each column in the order of its
layer in the interactive picture, a column too tall for the page split into
two or more side by side.  A node is a one-line card (aims and benefits add
their status): a band in its status colour (its kind's for themes and
projects), its title (shortened with an ellipsis; the full title is the
card's tooltip), a black badge counting its open findings, and a blue frame
when it changed (``--since``).  Links between neighbouring columns are
straight; a link that skips a column (a project contributing to an aim, a
benefit evidencing an aim) runs round the picture, through a lane beside
the columns and a channel below them, so that it never crosses a card.
The viewBox is always :data:`WIDTH` wide, so that a page fitted to its width
prints the labels at 8 pt or more.  Only attributes are used, never
``style``: the page's Content-Security-Policy admits no inline style.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from goldenthread.model.types import KINDS
from goldenthread.traceability.render.html.palette import BADGE, CHANGED

__all__ = ["DRAWN_UP_TO", "HEIGHT", "WIDTH", "static_svg"]

#: Above this many entities there is no static picture: a print of thousands
#: of cards reads no better than none, and the page would grow by megabytes.
DRAWN_UP_TO = 300
#: The picture's width in its own units: fitted to a landscape A4 page
#: (277 mm of print), 13-unit text prints at 8.3 pt.
WIDTH = 1270
#: The height the cards may take before a column is split (the page's height
#: left after its heading and legend, in the same units).
HEIGHT = 650
_HEADINGS = {"aim": "Aims", "theme": "Themes", "project": "Projects", "benefit": "Benefits"}
_GAP = 64  # between the columns of two kinds: room for the links and the lanes
_SUBGAP = 10  # between the parts of one split column
_FONT = 13
_LINE = 16
_PAD = 3
_BAND = 6
_TOP = 30
_SPACE = 3  # between two cards of a column
_CHAR = 7.0  # the width of an average character at 13 units
_BOLD = ' font-weight="600"'
_CHANGED = ' data-changed="1"'
_FACE = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"


def _lines_of(n: Mapping[str, object], width: float = 0.0) -> list[str]:
    """A card's text: the title (on two lines when ``width`` allows one break), then an aim's or benefit's status."""
    title = str(n.get("name") or str(n["label"]).replace("\n", " "))
    status = n.get("coverage") if n["kind"] == "aim" else n.get("status") if n["kind"] == "benefit" else None
    lines = [title]
    most = int(width / _CHAR)
    if width and len(title) > most:
        cut = title.rfind(" ", 0, most + 1)
        if cut > 0:
            lines = [title[:cut], title[cut + 1 :]]
    return lines + ([f"[{status}]"] if status else [])


def _shorten(text: str, width: float) -> str:
    most = max(4, int(width / _CHAR))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _height(lines: int) -> int:
    return lines * _LINE + 2 * _PAD


def static_svg(
    nodes: Sequence[Mapping[str, object]],
    edges: Sequence[Mapping[str, object]],
    groups: Mapping[str, Mapping[str, object]],
) -> Markup | None:
    """The picture of the vis ``nodes`` and ``edges`` as inline SVG markup; None when too large to draw.

    Parameters
    ----------
    nodes, edges
        The data block of the page (:class:`goldenthread.traceability.render.html.network.NetworkData`),
        nodes in model order; a layer's order on the page is its nodes' ``x``.
    groups
        The vis groups of :func:`~goldenthread.traceability.render.html.network.vis_options`: a
        card's band takes its group's fill (kind, cancelled, status).
    """
    if not nodes or len(nodes) > DRAWN_UP_TO:
        return None
    columns: dict[str, list[Mapping[str, object]]] = {k: [] for k in KINDS}
    for n in nodes:
        columns[str(n["kind"])].append(n)
    for col in columns.values():
        col.sort(key=lambda n: (float(n["y"]), float(n["x"])))  # type: ignore[arg-type]
    kinds: list[str] = [k for k in KINDS if columns[k]]
    # Titles on two lines when every column still fits the height unsplit; else one.
    card = (WIDTH - 8 - _GAP * (len(kinds) - 1)) / len(kinds)
    text = {str(n["id"]): _lines_of(n, card - _BAND - 20) for n in nodes}
    if any(sum(_height(len(text[str(n["id"])])) + _SPACE for n in columns[k]) > HEIGHT for k in kinds):
        text = {str(n["id"]): _lines_of(n) for n in nodes}
    # How many parts each column needs to fit the height.
    parts = {}
    for k in kinds:
        tall = sum(_height(len(text[str(n["id"])])) + _SPACE for n in columns[k])
        parts[k] = max(1, math.ceil(tall / HEIGHT))
    cards = sum(parts.values())
    card = (WIDTH - 8 - _GAP * (len(kinds) - 1) - _SUBGAP * (cards - len(kinds))) / cards
    place: dict[str, tuple[float, float, int]] = {}
    left: dict[str, float] = {}
    x = 4.0
    bottom = 0.0
    for k in kinds:
        left[k] = x
        per = math.ceil(len(columns[k]) / parts[k])
        for p in range(parts[k]):
            y = float(_TOP)
            for n in columns[k][p * per : (p + 1) * per]:
                h = _height(len(text[str(n["id"])]))
                place[str(n["id"])] = (x, y, h)
                y += h + _SPACE
            bottom = max(bottom, y)
            x += card + (_SUBGAP if p < parts[k] - 1 else _GAP)
    right = {k: left[k] + parts[k] * card + (parts[k] - 1) * _SUBGAP for k in kinds}
    column_of = {str(n["id"]): str(n["kind"]) for n in nodes}
    out: list[str] = []
    for k in kinds:
        out.append(
            f'<text x="{left[k]:g}" y="18" font-size="15" font-weight="700" fill="#1b1b1b">{_HEADINGS[k]}</text>'
        )
    channel = bottom + 6
    skipped = 0
    # Links first, so that cards sit on top of anything passing behind them.
    for e in edges:
        src, dst = str(e["from"]), str(e["to"])
        a, b = place[src], place[dst]
        ka, kb = column_of[src], column_of[dst]
        dash = e.get("dashes")
        dashed = f' stroke-dasharray="{" ".join(str(d) for d in dash)}"' if isinstance(dash, list) else ""
        stroke_colour = escape(str(e["color"]))
        (lo, lo_kind), (hi, hi_kind) = sorted(((a, ka), (b, kb)), key=lambda t: KINDS.index(t[1]))
        if kinds.index(hi_kind) - kinds.index(lo_kind) <= 1:
            points = [(right[lo_kind] if parts[lo_kind] == 1 else lo[0] + card, lo[1] + lo[2] / 2)]
            points.append((hi[0], hi[1] + hi[2] / 2))
        else:
            # Round the picture: out of the far card into its lane, down to the
            # channel, across, up the near column's lane and into the near card.
            lane = 6 + (skipped % 8) * 6
            far_lane = hi[0] - lane
            near_lane = right[lo_kind] + lane
            y_channel = channel + (skipped % 8) * 4
            points = [
                (hi[0], hi[1] + hi[2] / 2),
                (far_lane, hi[1] + hi[2] / 2),
                (far_lane, y_channel),
                (near_lane, y_channel),
                (near_lane, lo[1] + lo[2] / 2),
                (lo[0] + card, lo[1] + lo[2] / 2),
            ]
            skipped += 1
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{stroke_colour}" stroke-width="1.3" '
            f'data-relation="{escape(str(e.get("relation", "")))}"{dashed}/>'
        )
    for n in nodes:
        x0, y0, h = place[str(n["id"])]
        colour = groups[str(n["group"])]["color"]
        assert isinstance(colour, Mapping)
        fill = str(colour["background"])
        lines = text[str(n["id"])]
        changed = bool(n.get("changed"))
        stroke, wide = (CHANGED, 3) if changed else ("#8a8a8a", 1)
        spans = "".join(
            f'<tspan x="{x0 + _BAND + 5:.1f}" dy="{0 if i == 0 else _LINE}"{_BOLD if t.startswith("[") else ""}>'
            f"{escape(_shorten(t, card - _BAND - 20))}</tspan>"
            for i, t in enumerate(lines)
        )
        badge = ""
        if n.get("open"):
            cx, cy = x0 + card - 9, y0 + 9
            badge = (
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{BADGE}"/>'
                f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="13" font-weight="700" text-anchor="middle" '
                f'fill="#ffffff">'
                f"{int(str(n['open']))}</text>"
            )
        out.append(
            f'<g data-id="{escape(str(n["id"]))}"{_CHANGED if changed else ""}>'
            f"<title>{escape(str(n.get('name') or str(n['label']).replace(chr(10), ' ')))} "
            f"({escape(str(n['id']))})</title>"
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{card:.1f}" height="{h}" rx="3" fill="#ffffff" '
            f'stroke="{stroke}" stroke-width="{wide}"/>'
            f'<rect x="{x0 + 1:.1f}" y="{y0 + 1:.1f}" width="{_BAND}" height="{h - 2}" fill="{fill}" stroke="#1b1b1b" '
            f'stroke-width="0.4"/>'
            f'<text x="{x0 + _BAND + 5:.1f}" y="{y0 + _PAD + _FONT - 1:.1f}" font-size="{_FONT}" fill="#1b1b1b">'
            f"{spans}</text>{badge}</g>"
        )
    height = channel + 8 * 4 + 6 if skipped else bottom + 4
    head = (
        f'<svg class="gt-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="The golden thread: aims, themes, projects and benefits" '
        f'font-family="{_FACE}">'
    )
    return Markup(head + "".join(out) + "</svg>")
