"""The traceability matrix: aims against themes or projects.

A cell exists only where the two are linked; its value depends on ``value``:

aims x themes, ``count``
    the number of non-cancelled projects delivering the theme, for each theme
    that supports the aim (0 when no project delivers it).
aims x themes, ``budget``
    the part of the aim's attributed investment that arrives through the
    theme, by the attribution's routes
    (:func:`~goldenthread.traceability.attribution.routes`): each project's
    share of the aim is divided equally among the routes by which it reaches
    the aim (each of its themes supporting the aim, and its direct link if it
    has one).  A theme's column adds up to its attributed investment
    (:attr:`Matrix.themes`), save the money of projects reaching no aim (no
    row to show it in).  Money arriving by direct links is in
    no theme's column but in the row's ``direct`` amount, and the row's
    ``total`` is the aim's investment (as ``gaps`` shows it): the theme cells
    and ``direct`` add up to ``total``.  Money nobody stated is ``None``, never 0:
    a cell where only projects without a budget arrive, ``direct`` where only
    they link directly, and ``total`` where the aim's investment is not stated
    (:attr:`~goldenthread.traceability.attribution.Attribution.unstated`).
    An aim with no direct link has no ``direct`` entry.
aims x projects, ``count``
    1 where the non-cancelled project reaches the aim (through a theme or
    directly).
aims x projects, ``budget``
    the project's attributed share of the aim (``None`` for a project with no budget: not stated).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

from goldenthread.traceability.attribution import Routes, aim_shares, attribute, exact_amount, routes
from goldenthread.traceability.graph import entity_of, nodes_of_kind, project_of
from goldenthread.traceability.reach import delivered_themes, is_active, reached_aims, supported_aims

__all__ = ["COLS", "ROWS", "VALUES", "Matrix", "matrix"]

ROWS: tuple[str, ...] = ("aims",)
COLS: tuple[str, ...] = ("themes", "projects")
VALUES: tuple[str, ...] = ("count", "budget")


@dataclass(frozen=True, slots=True)
class Matrix:
    """Row ids and column ids in model order; ``cells`` only where a row and a column are linked."""

    rows: list[str]
    cols: list[str]
    #: None: linked, but the money is not stated (by budget only).
    cells: dict[tuple[str, str], float | None]
    #: "count" | "budget"
    value: str
    #: The kind of entity of the rows and of the columns.
    kinds: tuple[str, str] = ("aim", "theme")
    #: Title of every row and column.
    titles: dict[str, str] = field(default_factory=dict)
    #: Aims x themes by budget: each aim's money arriving by direct links, in no theme's column
    #: (no entry: no direct link; None: not stated).
    direct: dict[str, float | None] = field(default_factory=dict)
    #: Aims x themes by budget: each aim's whole investment (the theme cells plus ``direct``; None: not stated).
    totals: dict[str, float | None] = field(default_factory=dict)
    #: Aims x themes by budget: each theme's attributed investment (None: not stated), which
    #: is its column's sum plus the money of projects reaching no aim through it.
    themes: dict[str, float | None] = field(default_factory=dict)
    #: Aims x themes by budget: the aims no non-cancelled project reaches (total 0: no investment at all).
    unreached: frozenset[str] = frozenset()


def _project_routes(G: nx.DiGraph) -> Iterator[tuple[str, Fraction | None, Routes]]:
    """Every non-cancelled project reaching an aim: (id, budget (None: not stated), its :func:`routes`)."""
    for p in nodes_of_kind(G, "project"):
        if not is_active(G, p):
            continue
        reach = reached_aims(G, p)
        project = project_of(G, p)
        if not reach:
            continue
        budget = None if project.budget is None else exact_amount(project.budget)
        yield p, budget, routes(G, p, project, reach)


def _route_money(G: nx.DiGraph) -> dict[tuple[str, str | None], Fraction | None]:
    """(aim, theme or None for a direct link) -> the money arriving by that route, added exactly (as the
    attribution adds); None where only projects with no budget arrive (not stated)."""
    out: dict[tuple[str, str | None], Fraction | None] = {}
    for _, budget, ways in _project_routes(G):
        for (a, t), fraction in ways.items():
            if a is None:
                continue
            have = out.get((a, t))
            if budget is not None:
                out[a, t] = (have or Fraction(0)) + budget * fraction
            elif (a, t) not in out:
                out[a, t] = None
    return out


def _money(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _budget_rows(
    money: dict[tuple[str, str | None], Fraction | None], aims: list[str], unstated: frozenset[str]
) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Each aim's direct money (where it has a direct link) and total investment (None: not stated)."""
    direct = {a: _money(v) for (a, t), v in money.items() if t is None}
    total = dict.fromkeys(aims, Fraction(0))
    for (a, _), v in money.items():
        total[a] += v or 0
    return direct, {a: None if a in unstated else float(v) for a, v in total.items()}


def _theme_cells(
    G: nx.DiGraph, themes: list[str], value: str, money: dict[tuple[str, str | None], Fraction | None]
) -> dict[tuple[str, str], float | None]:
    cells: dict[tuple[str, str], float | None] = {}
    counts: dict[tuple[str, str], float] = {}
    for t in themes:
        for a in supported_aims(G, t):
            cells[a, t] = counts[a, t] = 0.0
    if value == "count":
        for p in nodes_of_kind(G, "project"):
            if not is_active(G, p):
                continue
            for t in delivered_themes(G, p):
                for a in supported_aims(G, t):
                    counts[a, t] += 1
        cells.update(counts)
        return cells
    # The routes of the attribution, so a theme's column adds up to its attributed investment.
    cells.update(((a, t), _money(v)) for (a, t), v in money.items() if t is not None)
    return cells


def matrix(G: nx.DiGraph, rows: str = "aims", cols: str = "themes", value: str = "count") -> Matrix:
    """The traceability matrix of ``rows`` against ``cols``; see the module docstring for the cells.

    Examples
    --------
    >>> from goldenthread.model import load_example
    >>> from goldenthread.traceability.graph import build_graph
    >>> m = matrix(build_graph(load_example()))
    >>> m.cells["aim-1-life-opportunities", "theme-self-service"]
    2.0
    """
    if rows not in ROWS:
        raise ValueError(f"rows must be one of {', '.join(ROWS)}, not {rows!r}")
    if cols not in COLS:
        raise ValueError(f"cols must be one of {', '.join(COLS)}, not {cols!r}")
    if value not in VALUES:
        raise ValueError(f"value must be one of {', '.join(VALUES)}, not {value!r}")
    row_ids = nodes_of_kind(G, "aim")
    by_budget = (cols, value) == ("themes", "budget")
    money = _route_money(G) if value == "budget" else {}
    cells: dict[tuple[str, str], float | None]
    if cols == "themes":
        col_ids = nodes_of_kind(G, "theme")
        cells = _theme_cells(G, col_ids, value, money)
    else:
        col_ids = nodes_of_kind(G, "project")
        cells = {}
        for p in col_ids:
            stated = project_of(G, p).budget is not None
            for a, share in aim_shares(G, p).items():
                cells[a, p] = 1.0 if value == "count" else share if stated else None
    titles = {n: entity_of(G, n).title for n in (*row_ids, *col_ids)}
    attribution = attribute(G) if by_budget else None
    direct, totals = _budget_rows(money, row_ids, attribution.unstated) if attribution is not None else ({}, {})
    return Matrix(
        rows=row_ids,
        cols=col_ids,
        cells=cells,
        value=value,
        kinds=("aim", cols[:-1]),
        titles=titles,
        direct=direct,
        totals=totals,
        themes={t: attribution.investment(t) for t in col_ids} if attribution is not None else {},
        unreached=frozenset(row_ids).difference(a for a, _ in money) if attribution is not None else frozenset(),
    )
