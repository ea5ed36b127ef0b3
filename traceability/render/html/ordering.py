"""The order of the nodes within each layer of the golden-thread picture: fewer crossing links.

The Sugiyama method: a link that spans several layers (a project contributing
to an aim) is split by a *virtual node* in every layer it passes, so that it
counts in the ordering like any other; then barycentre and median sweeps move
each node towards its neighbours in the layer just placed, each pass followed
by *transposition* (swap two neighbours when that removes crossings), and the
best order seen is kept.  Everything is deterministic: ties keep the previous
order, which starts as the model's order.  :mod:`.layout` places the ordered
layers on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

__all__ = ["count_crossings", "layer_order"]

#: Pictures up to this many links get the virtual nodes, the median sweeps, the
#: transposition and the crossing counts; larger ones plain barycentre sweeps
#: (:func:`_quick_order`): at 10,000 entities the rest would cost a second.
REFINE_UP_TO = 600


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
