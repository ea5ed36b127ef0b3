"""Layered positions for the golden-thread picture, computed once in Python.

vis-network's own physics needs minutes to settle a few hundred nodes and its
hierarchical layout takes half a minute at 10,000, so the page draws nodes at
positions given here with physics off: aims in the top row, then themes,
projects and benefits.

Within a layer, nodes are ordered to reduce edge crossings (the Sugiyama
method): a link that spans several layers (a benefit evidencing an aim) is
split by a *virtual node* in every layer it passes, so that it counts in the
ordering like any other; then barycentre and median sweeps move each node
towards its neighbours in the layer just placed, each pass followed by
*transposition* (swap two neighbours when that removes crossings), and the
best order seen is kept.  On small pictures a last pass swaps neighbours while
that lowers the crossings *as drawn* (straight segments between the real
nodes), which is what a reader sees.  Everything is deterministic: ties keep
the previous order, which starts as the model's order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["LayoutSpacing", "count_crossings", "drawn_crossings", "layer_order", "layered_positions"]

#: Pictures up to this many links get the virtual nodes, the median sweeps, the
#: transposition and the crossing counts; larger ones plain barycentre sweeps
#: (:func:`_quick_order`): at 10,000 entities the rest would cost a second.
REFINE_UP_TO = 600
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


def _relative(order: Sequence[str]) -> dict[str, float]:
    """Place in a layer scaled to 0..1, so layers of different lengths compare."""
    n = len(order)
    if n <= 1:
        return dict.fromkeys(order, 0.5)
    return {node: i / (n - 1) for i, node in enumerate(order)}


def _barycentre(places: list[float]) -> float:
    return sum(places) / len(places)


def _median(places: list[float]) -> float:
    places = sorted(places)
    mid = len(places) // 2
    return places[mid] if len(places) % 2 else (places[mid - 1] + places[mid]) / 2


def _sweep(
    layer: list[str],
    neighbours: dict[str, list[str]],
    place: dict[str, float],
    centre: Callable[[list[float]], float] = _barycentre,
) -> list[str]:
    """Order one layer by the centre of each node's neighbours in the layer placed last.

    A node without placed neighbours keeps its own relative place.
    """
    here = _relative(layer)
    keyed = []
    for i, node in enumerate(layer):
        places = [p for other in neighbours.get(node, ()) if (p := place.get(other)) is not None]
        keyed.append((centre(places) if places else here[node], i, node))
    keyed.sort()
    return [node for _, _, node in keyed]


def _inversions(pairs: list[tuple[int, int]]) -> int:
    """Pairs of segments ``(a1, b1), (a2, b2)`` with ``a1 < a2`` and ``b1 > b2``: a merge-sort count."""
    pairs.sort()
    seq = [b for _, b in pairs]
    # Equal upper ends share an endpoint and do not cross: sorting by (a, b)
    # puts them in b order, so they add no inversion.
    count = 0
    width = 1
    n = len(seq)
    buf = seq[:]
    while width < n:
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i, j, k = lo, mid, lo
            while i < mid and j < hi:
                if seq[j] < seq[i]:
                    buf[k] = seq[j]
                    count += mid - i
                    j += 1
                else:
                    buf[k] = seq[i]
                    i += 1
                k += 1
            buf[k:hi] = seq[i:mid] + seq[j:hi]
        seq, buf = buf, seq
        width *= 2
    return count


class _Proper:
    """The layered graph with a virtual node wherever a link passes a layer."""

    def __init__(self, layers: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> None:
        self.order = [list(layer) for layer in layers]
        level = {node: i for i, layer in enumerate(self.order) for node in layer}
        self.up: dict[str, list[str]] = {}
        self.down: dict[str, list[str]] = {}
        self.virtual: set[str] = set()
        count = 0
        for a, b in edges:
            la, lb = level.get(a), level.get(b)
            if la is None or lb is None or la == lb:
                continue
            upper, lower = (a, b) if la < lb else (b, a)
            top, bottom = min(la, lb), max(la, lb)
            chain = [upper]
            for layer in range(top + 1, bottom):
                # NUL cannot occur in an entity id, so these never clash with one.
                v = f"\0{count}"
                count += 1
                self.virtual.add(v)
                self.order[layer].append(v)
                chain.append(v)
            chain.append(lower)
            for hi, lo in pairwise(chain):
                self.down.setdefault(hi, []).append(lo)
                self.up.setdefault(lo, []).append(hi)

    def crossings_between(self, i: int, order: list[list[str]]) -> int:
        """Crossings between layer ``i`` and layer ``i + 1``."""
        below = {node: j for j, node in enumerate(order[i + 1])}
        pairs = [(j, below[lo]) for j, node in enumerate(order[i]) for lo in self.down.get(node, ())]
        return _inversions(pairs)

    def crossings(self, order: list[list[str]]) -> int:
        return sum(self.crossings_between(i, order) for i in range(len(order) - 1))

    def transpose(self, order: list[list[str]], first: int) -> None:
        """Swap neighbours in a layer while that removes crossings with both adjacent layers."""
        for _ in range(4):
            improved = False
            for i in range(first, len(order)):
                layer = order[i]
                above = {n: j for j, n in enumerate(order[i - 1])} if i > 0 else {}
                below = {n: j for j, n in enumerate(order[i + 1])} if i + 1 < len(order) else {}
                for j in range(len(layer) - 1):
                    u, v = layer[j], layer[j + 1]
                    if self._pair(u, v, above, below) > self._pair(v, u, above, below):
                        layer[j], layer[j + 1] = v, u
                        improved = True
            if not improved:
                return

    def _pair(self, u: str, v: str, above: dict[str, int], below: dict[str, int]) -> int:
        """Crossings among the links of ``u`` and ``v`` when ``u`` is left of ``v``."""
        c = 0
        for side, links in ((above, self.up), (below, self.down)):
            pu = [side[x] for x in links.get(u, ())]
            pv = [side[x] for x in links.get(v, ())]
            c += sum(1 for a in pu for b in pv if a > b)
        return c


def layer_order(
    layers: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    sweeps: int = 4,
    fixed_top: bool = True,
) -> list[list[str]]:
    """Order the nodes of each layer to reduce edge crossings.

    Parameters
    ----------
    layers
        Node ids per layer, top first, each in its starting (model) order.
    edges
        Links between nodes of any two different layers, in either direction;
        a link spanning several layers counts in each layer it passes.
    sweeps
        Down-and-up passes of each heuristic (barycentre, then median).
    fixed_top
        Keep the top layer (the aims) in the order given.

    Returns
    -------
    list of list of str
        The same nodes, reordered within their layers: the order with the
        fewest crossings seen (the starting order included).

    Examples
    --------
    >>> layer_order([["a1", "a2"], ["t2", "t1"]], [("t1", "a1"), ("t2", "a2")])
    [['a1', 'a2'], ['t1', 't2']]
    """
    edges = list(edges)
    first = 1 if fixed_top else 0
    if len(edges) > REFINE_UP_TO:
        return _quick_order(layers, edges, sweeps, first)
    g = _Proper(layers, edges)
    order = g.order
    best = [list(layer) for layer in order]
    best_crossings = g.crossings(order)
    for centre in (_barycentre, _median):
        order = [list(layer) for layer in best]
        for _ in range(sweeps):
            # Upward pass first: bottom layers pull the middle into shape, then
            # the downward pass lines everything up under the (fixed) aims.
            for i in range(len(order) - 2, first - 1, -1):
                order[i] = _sweep(order[i], g.down, _relative(order[i + 1]), centre)
            for i in range(max(first, 1), len(order)):
                order[i] = _sweep(order[i], g.up, _relative(order[i - 1]), centre)
            g.transpose(order, first)
            crossings = g.crossings(order)
            if crossings < best_crossings:
                best, best_crossings = [list(layer) for layer in order], crossings
    return [[n for n in layer if n not in g.virtual] for layer in best]


def _quick_order(
    layers: Sequence[Sequence[str]], edges: list[tuple[str, str]], sweeps: int, first: int
) -> list[list[str]]:
    """Barycentre sweeps alone, a link weighing in only at its two ends: for large pictures.

    Thousands of links draw as a band in which no one follows a crossing; the
    sweeps still group each node with its neighbours, in a tenth of the time
    the virtual nodes, median sweeps and crossing counts would take.
    """
    order = [list(layer) for layer in layers]
    level = {node: i for i, layer in enumerate(order) for node in layer}
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for a, b in edges:
        la, lb = level.get(a), level.get(b)
        if la is None or lb is None or la == lb:
            continue
        upper, lower = (a, b) if la < lb else (b, a)
        up.setdefault(lower, []).append(upper)
        down.setdefault(upper, []).append(lower)
    for _ in range(sweeps):
        place: dict[str, float] = {}
        for i in range(len(order) - 1, first - 1, -1):
            if i < len(order) - 1:
                order[i] = _sweep(order[i], down, place)
            place.update(_relative(order[i]))
        place = _relative(order[0]) if order else {}
        for i in range(1, len(order)):
            order[i] = _sweep(order[i], up, place)
            place.update(_relative(order[i]))
    return order


def count_crossings(layers: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]]) -> int:
    """Edge crossings of the layered graph, a link spanning layers counted in every layer it passes.

    Examples
    --------
    >>> count_crossings([["a1", "a2"], ["t1", "t2"]], [("t1", "a2"), ("t2", "a1")])
    1
    """
    g = _Proper(layers, edges)
    # The real nodes keep their given order; a virtual node goes before the
    # first real node whose links come from further right than its own.
    for i in range(1, len(g.order)):
        above = _relative(g.order[i - 1])
        real = [n for n in g.order[i] if n not in g.virtual]
        own = _relative(real)
        centre = {n: _barycentre(ps) if (ps := [above[u] for u in g.up.get(n, ())]) else own[n] for n in real}
        layer = list(real)
        for v in (n for n in g.order[i] if n in g.virtual):
            key = above[g.up[v][0]]
            at = next((j for j, n in enumerate(layer) if n not in g.virtual and centre[n] > key), len(layer))
            layer.insert(at, v)
        g.order[i] = layer
    return g.crossings(g.order)


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
