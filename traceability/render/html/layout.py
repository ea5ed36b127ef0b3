"""Layered positions for the golden-thread picture, computed once in Python.

vis-network's own physics needs minutes to settle a few hundred nodes and its
hierarchical layout takes half a minute at 10,000, so the page draws nodes at
positions given here with physics off: aims in the top row, then themes,
projects and benefits.  The order within each layer comes from
:mod:`.ordering` (the Sugiyama method, fewer crossings between layers); on
small pictures a last pass here *sifts* each node to the place in its layer
where the fewest links cross *as drawn* (straight segments between the real
nodes), which is what a reader sees.  A readable picture that must fit a
window folds its long layers into rows that take turns along them.
Everything is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from goldenthread.traceability.render.html.ordering import count_crossings, layer_order

__all__ = [
    "LayoutSpacing",
    "count_crossings",
    "drawn_crossings",
    "fitted_positions",
    "layer_order",
    "layered_positions",
]

#: The as-drawn pass is quadratic in the links per swap tried.
DRAWN_UP_TO = 400
#: How far (in places) a node walks each way when sifting, and the segment
#: tests one picture may spend on it (about a second in CPython at most).
SIFT_REACH = 8
SIFT_BUDGET = 40_000


@dataclass(frozen=True, slots=True)
class LayoutSpacing:
    """Distances in vis-network's canvas units (pixels at zoom 1)."""

    #: Between neighbours in a row: room for a label of ~20 characters a line at 14 px.
    x_gap: float = 175.0
    #: Between layers: room for a label of four lines under a dot.
    y_gap: float = 240.0
    #: Between the rows of one layer wrapped because it is long.
    row_gap: float = 90.0
    #: The fewest nodes a wrapped row holds.
    min_row: int = 40


#: A link as drawn: x1, y1, x2, y2, then its least and greatest x.
Segment = tuple[float, float, float, float, float, float]


def _segment(p: tuple[float, float], q: tuple[float, float]) -> Segment:
    return (p[0], p[1], q[0], q[1], min(p[0], q[0]), max(p[0], q[0]))


def _cross(s: Segment, t: Segment) -> bool:
    """Whether two segments properly intersect: at one point inside both, not at an end."""
    if max(s[1], s[3]) <= min(t[1], t[3]) or max(t[1], t[3]) <= min(s[1], s[3]):
        return False
    return _cross_in_band(s, t)


def _cross_in_band(s: Segment, t: Segment) -> bool:
    """:func:`_cross` for segments known to share part of their band of layers.

    Written out flat: it runs hundreds of thousands of times per layout.
    """
    if s[5] < t[4] or t[5] < s[4]:
        return False
    x1, y1, x2, y2, _, _ = s
    x3, y3, x4, y4, _, _ = t
    d1 = (x4 - x3) * (y1 - y3) - (y4 - y3) * (x1 - x3)
    d2 = (x4 - x3) * (y2 - y3) - (y4 - y3) * (x2 - x3)
    if d1 == 0 or d2 == 0 or (d1 > 0) == (d2 > 0):
        return False
    d3 = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1)
    d4 = (x2 - x1) * (y4 - y1) - (y2 - y1) * (x4 - x1)
    return d3 != 0 and d4 != 0 and (d3 > 0) != (d4 > 0)


def drawn_crossings(positions: dict[str, tuple[float, float]], edges: Iterable[tuple[str, str]]) -> int:
    """Pairs of links that cross as drawn: straight segments between the nodes' positions.

    Quadratic in the links; for the benchmark and the tests.

    Examples
    --------
    >>> drawn_crossings({"a": (0, 0), "b": (1, 0), "c": (0, 1), "d": (1, 1)}, [("a", "d"), ("b", "c")])
    1
    """
    segs = [_segment(positions[a], positions[b]) for a, b in edges]
    return sum(1 for i, s in enumerate(segs) for t in segs[i + 1 :] if _cross(s, t))


def _rows(layer: list[str], width: int) -> list[list[str]]:
    return [layer[i : i + width] for i in range(0, len(layer), width)]


def _place(ordered: list[list[str]], spacing: LayoutSpacing, width: int) -> dict[str, tuple[float, float]]:
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in ordered:
        if not layer:
            continue
        rows = _rows(layer, width)
        for r, row in enumerate(rows):
            # Centred on the first row, so that a shorter last row still sits between its nodes.
            offset = (len(rows[0]) - 1) / 2 if len(rows) > 1 else (len(row) - 1) / 2
            # Stagger wrapped rows by half a gap so edges from the row below
            # do not run straight through the nodes of the row above.
            shift = spacing.x_gap / 2 if r % 2 else 0.0
            for j, node in enumerate(row):
                positions[node] = ((j - offset) * spacing.x_gap + shift, y)
            y += spacing.row_gap
        y += spacing.y_gap - spacing.row_gap
    return positions


def _zigzag(ordered: list[list[str]], spacing: LayoutSpacing, width: int) -> dict[str, tuple[float, float]]:
    """A long layer folded into rows that take turns along it: node ``j`` of ``k`` rows goes to row ``j mod k``.

    The layer keeps its order from left to right, only closer together, so
    its links cross as few others as in one long row; neighbours in a row
    stay a full gap apart, so their labels do not meet.
    """
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in ordered:
        if not layer:
            continue
        rows = math.ceil(len(layer) / width)
        step = spacing.x_gap / rows
        for j, node in enumerate(layer):
            positions[node] = ((j - (len(layer) - 1) / 2) * step, y + (j % rows) * spacing.row_gap)
        y += (rows - 1) * spacing.row_gap + spacing.y_gap
    return positions


def _spread(ordered: list[list[str]], spacing: LayoutSpacing, width: int) -> dict[str, tuple[float, float]]:
    """Every layer spread over the width of the longest: long links run closer to upright."""
    span = max(len(layer) for layer in ordered) * spacing.x_gap
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in ordered:
        if not layer:
            continue
        n = len(layer)
        for j, node in enumerate(layer):
            positions[node] = (((j + 0.5) / n - 0.5) * span, y)
        y += spacing.y_gap
    return positions


Placer = Callable[[list[list[str]], LayoutSpacing, int], dict[str, tuple[float, float]]]


def _sift_as_drawn(
    ordered: list[list[str]], edges: list[tuple[str, str]], place: Placer, spacing: LayoutSpacing, width: int
) -> dict[str, tuple[float, float]]:
    """Move each node (below the aims) to the place in its layer where the fewest links cross as drawn.

    Sifting: the node walks through its layer by swaps with its neighbour,
    each of which only moves the links of the two nodes swapped, so a walk
    costs a node's links times the layer's, not a recount of the picture.
    Repeated while a pass improves; ``ordered`` is changed in place.
    """
    touching: dict[str, list[int]] = {}
    for k, (a, b) in enumerate(edges):
        touching.setdefault(a, []).append(k)
        touching.setdefault(b, []).append(k)
    pos = place(ordered, spacing, width)
    segs = [_segment(pos[a], pos[b]) for a, b in edges]
    # Links whose bands of layers do not overlap can never cross: each link is
    # only ever tested against the links sharing part of its band.
    bands = [(min(s[1], s[3]), max(s[1], s[3])) for s in segs]
    rivals = [
        [m for m, (lo2, hi2) in enumerate(bands) if m != k and lo < hi2 and lo2 < hi]
        for k, (lo, hi) in enumerate(bands)
    ]

    def local(u: str, v: str) -> int:
        mine = set(touching.get(u, ())) | set(touching.get(v, ()))
        return sum(1 for k in mine for m in rivals[k] if (m not in mine or m > k) and _cross_in_band(segs[k], segs[m]))

    def swap(layer: list[str], j: int) -> int:
        """Swap ``layer[j]`` and ``layer[j + 1]``; the change in crossings."""
        u, v = layer[j], layer[j + 1]
        before = local(u, v)
        pos[u], pos[v] = pos[v], pos[u]
        layer[j], layer[j + 1] = v, u
        for k in (*touching.get(u, ()), *touching.get(v, ())):
            a, b = edges[k]
            segs[k] = _segment(pos[a], pos[b])
        return local(u, v) - before

    # A deterministic budget of segment tests bounds the time on the largest
    # pictures this pass takes (DRAWN_UP_TO links), whatever their shape.
    budget = [SIFT_BUDGET]

    def spend(u: str, v: str) -> None:
        budget[0] -= sum(len(rivals[k]) for k in (*touching.get(u, ()), *touching.get(v, ())))

    for _ in range(4):
        improved = False
        for layer in ordered[1:]:
            for node in list(layer):
                if node not in touching or budget[0] <= 0:
                    continue
                j = layer.index(node)
                lo, hi = max(0, j - SIFT_REACH), min(len(layer) - 1, j + SIFT_REACH)
                change, best, best_at = 0, 0, j
                for i in range(j - 1, lo - 1, -1):
                    spend(node, layer[i])
                    change += swap(layer, i)
                    if change < best:
                        best, best_at = change, i
                for i in range(lo, hi):
                    spend(node, layer[i + 1])
                    change += swap(layer, i)
                    if change < best:
                        best, best_at = change, i + 1
                for i in range(hi - 1, best_at - 1, -1):
                    swap(layer, i)
                improved = improved or best < 0
        if not improved:
            break
    return pos


def layered_positions(
    layers: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    spacing: LayoutSpacing | None = None,
    sweeps: int = 4,
    row_width: int | None = None,
) -> dict[str, tuple[float, float]]:
    """Canvas positions ``(x, y)`` for every node: one band per layer, centred on x = 0.

    A layer longer than the row width wraps onto several rows, so that a large
    model is a block rather than a band too wide to read.  The row width grows
    with the square root of the node count; ``row_width`` sets it (a picture
    that must fit a window).  This is the public entry point other views (an
    ArchiMate export, say) take positions from.

    Examples
    --------
    >>> layered_positions([["a"], ["t1", "t2"]], [("t1", "a")])
    {'a': (0.0, 0.0), 't1': (-87.5, 240.0), 't2': (87.5, 240.0)}
    """
    spacing = spacing or LayoutSpacing()
    edges = list(edges)
    ordered = layer_order(layers, edges, sweeps=sweeps)
    total = sum(len(layer) for layer in ordered)
    width = row_width or max(spacing.min_row, math.ceil(2 * math.sqrt(total)))
    wraps = any(len(layer) > width for layer in ordered)
    if len(edges) > DRAWN_UP_TO or (wraps and row_width is None):
        return _place(ordered, spacing, width)
    if wraps:
        return _sift_as_drawn([list(layer) for layer in ordered], edges, _zigzag, spacing, width)
    # The rows as ordered, then sifted in two ways to place them: keep the
    # picture that crosses least as drawn.
    best = _place(ordered, spacing, width)
    fewest = drawn_crossings(best, edges)
    for place in (_place,) if wraps else (_place, _spread):
        trial = [list(layer) for layer in ordered]
        pos = _sift_as_drawn(trial, edges, place, spacing, width)
        crossings = drawn_crossings(pos, edges)
        if crossings < fewest:
            best, fewest = pos, crossings
    return best


def fitted_positions(
    layers: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    spacing: LayoutSpacing,
    widths: Sequence[int],
    most_rows: int,
    sweeps: int = 4,
) -> dict[str, tuple[float, float]]:
    """:func:`layered_positions` for a picture that must fit a window: the row width that crosses least.

    Each of ``widths`` (the first, the widest the window holds, always) is
    laid out if the picture then stands at most ``most_rows`` rows tall, and
    the one whose links cross least as drawn is kept, the first on a tie.
    How long layers fold decides which links must run across others, and no
    one width is best on every model, so the choice is measured, not fixed.

    Examples
    --------
    >>> fitted_positions([["a"], ["t1", "t2", "t3"]], [], LayoutSpacing(), (3, 2), most_rows=2)
    {'a': (0.0, 0.0), 't1': (-175.0, 240.0), 't2': (0.0, 240.0), 't3': (175.0, 240.0)}
    """
    edges = list(edges)
    best: dict[str, tuple[float, float]] | None = None
    fewest = 0
    for i, width in enumerate(widths):
        rows = sum(math.ceil(len(layer) / width) for layer in layers)
        if i and rows > most_rows:
            continue
        pos = layered_positions(layers, edges, spacing, sweeps, width)
        crossings = drawn_crossings(pos, edges)
        if best is None or crossings < fewest:
            best, fewest = pos, crossings
    assert best is not None, "no row width given"
    return best
