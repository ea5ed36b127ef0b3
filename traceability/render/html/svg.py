"""The golden-thread picture as a static SVG, drawn in Python from the interactive picture's layout.

It is what prints (vector, so it stays sharp on paper) and what a reader sees
with scripts off.  The layout is the interactive one turned a quarter: aims in
the left column, then themes, projects and benefits, each column in the order
of its layer, so that long titles fit an A4 page at a legible size.  A node is
a card: a band in its kind's colour (a benefit's in its status colour), its
label, and the border of its findings (red, or dashed slate when waived).
Only attributes are used, never ``style``: the page's Content-Security-Policy
admits no inline style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from goldenthread.model.types import KINDS
from goldenthread.traceability.render.html.layout import LayoutSpacing

__all__ = ["DRAWN_UP_TO", "static_svg"]

#: Above this many entities there is no static picture: a print of thousands
#: of cards reads no better than none, and the page would grow by megabytes.
DRAWN_UP_TO = 300
_HEADINGS = {"aim": "Aims", "theme": "Themes", "project": "Projects", "benefit": "Benefits"}
_COLUMN = 250
_CARD = 184
_BAND = 7
_FONT = 13
_LINE = 16
_PAD = 6
_TOP = 34
_FACE = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"


def _card_height(label: str) -> int:
    return len(label.split("\n")) * _LINE + 2 * _PAD


def _lines(label: str, x: float, y: float, colour: str) -> str:
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else _LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(label.split("\n"))
    )
    return f'<text x="{x:g}" y="{y:g}" font-size="{_FONT}" fill="{colour}">{spans}</text>'


def static_svg(
    nodes: Sequence[Mapping[str, object]],
    edges: Sequence[Mapping[str, object]],
    groups: Mapping[str, Mapping[str, object]],
    spacing: LayoutSpacing | None = None,
) -> Markup | None:
    """The picture of the vis ``nodes`` and ``edges`` as inline SVG markup; None when too large to draw.

    Parameters
    ----------
    nodes, edges
        The data block of the page (:class:`goldenthread.traceability.render.html.network.NetworkData`).
    groups
        The vis groups of :func:`~goldenthread.traceability.render.html.network.vis_options`: a
        card's band takes its group's fill (kind, cancelled, benefit status), its border the group's.
    """
    if not nodes or len(nodes) > DRAWN_UP_TO:
        return None
    spacing = spacing or LayoutSpacing()
    rows: dict[str, set[float]] = {}
    for n in nodes:
        rows.setdefault(str(n["kind"]), set()).add(float(n["y"]))  # type: ignore[arg-type]
    if any(len(ys) > 1 for ys in rows.values()):
        return None  # a layer wrapped onto rows: only very large pictures do that
    pitch = max(_card_height(str(n["label"])) for n in nodes) + 12
    least = min(float(n["x"]) for n in nodes)  # type: ignore[arg-type]
    place: dict[str, tuple[float, float, int]] = {}
    height = 0.0
    for n in nodes:
        col = KINDS.index(str(n["kind"]))
        top = _TOP + (float(n["x"]) - least) / spacing.x_gap * pitch  # type: ignore[arg-type]
        h = _card_height(str(n["label"]))
        place[str(n["id"])] = (4 + col * _COLUMN, top, h)
        height = max(height, top + h)
    width = 8 + (len(KINDS) - 1) * _COLUMN + _CARD
    out = [
        f'<svg class="gt-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 6:g}" '
        f'width="100%" role="img" aria-label="The golden thread: aims, themes, projects and benefits" '
        f'font-family="{_FACE}">'
    ]
    for kind in KINDS:
        column = 4 + KINDS.index(kind) * _COLUMN
        out.append(
            f'<text x="{column}" y="18" font-size="15" font-weight="700" fill="#1b1b1b">{_HEADINGS[kind]}</text>'
        )
    # Links first, so that cards sit on top of the links passing behind them.
    for e in edges:
        a, b = place[str(e["from"])], place[str(e["to"])]
        left, right = (a, b) if a[0] < b[0] else (b, a)
        dash = e.get("dashes")
        dashed = f' stroke-dasharray="{" ".join(str(d) for d in dash)}"' if isinstance(dash, list) else ""
        out.append(
            f'<line x1="{left[0] + _CARD:g}" y1="{left[1] + left[2] / 2:g}" x2="{right[0]:g}" '
            f'y2="{right[1] + right[2] / 2:g}" stroke="{escape(str(e["color"]))}" stroke-width="1.4"{dashed}/>'
        )
    for n in nodes:
        x, y, h = place[str(n["id"])]
        group = groups[str(n["group"])]
        colour = group["color"]
        assert isinstance(colour, Mapping)
        border, fill = str(colour["border"]), str(colour["background"])
        gap = n.get("gap") or 0
        stroke = border if gap else "#8a8a8a"
        dashes = ' stroke-dasharray="5 4"' if gap == 1 else ""
        name = escape(str(n.get("name") or str(n["label"]).replace("\n", " ")))
        out.append(
            f'<g data-id="{escape(str(n["id"]))}"><title>{name} ({escape(str(n["id"]))})</title>'
            f'<rect x="{x:g}" y="{y:g}" width="{_CARD}" height="{h}" rx="3" fill="#ffffff" '
            f'stroke="{stroke}" stroke-width="{2.5 if gap else 1}"{dashes}/>'
            f'<rect x="{x + 1:g}" y="{y + 1:g}" width="{_BAND}" height="{h - 2}" fill="{fill}"/>'
            + _lines(str(n["label"]), x + _BAND + 6, y + _PAD + _FONT - 2, "#1b1b1b")
            + "</g>"
        )
    out.append("</svg>")
    return Markup("".join(out))
