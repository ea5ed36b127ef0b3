"""Layered positions for the golden-thread picture, computed once in Python.

vis-network's own physics needs minutes to settle a few hundred nodes and its
hierarchical layout takes half a minute at 10,000, so the page draws nodes at
positions given here with physics off: aims in the top row, then themes,
projects and benefits.  Within a layer, nodes are ordered to reduce edge
crossings with a few barycentre sweeps (each node moves towards the mean place
of its neighbours in the layers already placed).  Everything is deterministic:
ties keep the previous order, which starts as the model's order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["LayoutSpacing", "count_crossings", "layer_order", "layered_positions"]


@dataclass(frozen=True, slots=True)
class LayoutSpacing:
    """Distances in vis-network's canvas units (pixels at zoom 1)."""

    #: Between neighbours in a row: room for a label of ~20 characters a line.
    x_gap: float = 150.0
    #: Between layers.
    y_gap: float = 220.0
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


def _sweep(layer: list[str], neighbours: dict[str, list[str]], place: dict[str, float]) -> list[str]:
    """Order one layer by the barycentre of each node's already-placed neighbours."""
    here = _relative(layer)
    keyed = []
    for i, node in enumerate(layer):
        total = 0.0
        count = 0
        for other in neighbours.get(node, ()):
            p = place.get(other)
            if p is not None:
                total += p
                count += 1
        keyed.append((total / count if count else here[node], i, node))
    keyed.sort()
    return [node for _, _, node in keyed]


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
        Links between nodes of any two different layers, in either direction.
    sweeps
        Down-and-up passes; each ends with a downward pass so every layer is
        finally ordered by the layers above it.
    fixed_top
        Keep the top layer (the aims) in the order given.

    Returns
    -------
    list of list of str
        The same nodes, reordered within their layers.

    Examples
    --------
    >>> layer_order([["a1", "a2"], ["t2", "t1"]], [("t1", "a1"), ("t2", "a2")])
    [['a1', 'a2'], ['t1', 't2']]
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
    first = 1 if fixed_top else 0
    for _ in range(sweeps):
        # Upward pass first: bottom layers pull the middle into shape, then the
        # downward pass lines everything up under the (fixed) aims.
        place = {}
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
    """Edge crossings between adjacent layers (edges spanning layers are left out).

    Used by the tests to show the sweeps help; quadratic per layer pair.
    """
    level = {node: (i, j) for i, layer in enumerate(layers) for j, node in enumerate(layer)}
    pairs: dict[int, list[tuple[int, int]]] = {}
    for a, b in edges:
        (la, ja), (lb, jb) = level[a], level[b]
        if abs(la - lb) != 1:
            continue
        if la > lb:
            la, ja, lb, jb = lb, jb, la, ja
        pairs.setdefault(la, []).append((ja, jb))
    crossings = 0
    for segs in pairs.values():
        for i, (a1, b1) in enumerate(segs):
            for a2, b2 in segs[i + 1 :]:
                if (a1 - a2) * (b1 - b2) < 0:
                    crossings += 1
    return crossings


def layered_positions(
    layers: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    spacing: LayoutSpacing | None = None,
    sweeps: int = 4,
) -> dict[str, tuple[float, float]]:
    """Canvas positions ``(x, y)`` for every node: one band per layer, centred on x = 0.

    A layer longer than the row width wraps onto several rows, so that a large
    model is a block rather than a band too wide to read.  The row width grows
    with the square root of the node count.

    Examples
    --------
    >>> layered_positions([["a"], ["t1", "t2"]], [("t1", "a")])
    {'a': (0.0, 0.0), 't1': (-75.0, 220.0), 't2': (75.0, 220.0)}
    """
    spacing = spacing or LayoutSpacing()
    ordered = layer_order(layers, edges, sweeps=sweeps)
    total = sum(len(layer) for layer in ordered)
    width = max(spacing.min_row, math.ceil(2 * math.sqrt(total)))
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in ordered:
        if not layer:
            continue
        rows = [layer[i : i + width] for i in range(0, len(layer), width)]
        for r, row in enumerate(rows):
            offset = (len(row) - 1) / 2
            # Stagger wrapped rows by half a gap so edges from the row below
            # do not run straight through the nodes of the row above.
            shift = spacing.x_gap / 2 if r % 2 else 0.0
            for j, node in enumerate(row):
                positions[node] = ((j - offset) * spacing.x_gap + shift, y)
            y += spacing.row_gap
        y += spacing.y_gap - spacing.row_gap
    return positions
