"""Which entities a rendered graph shows: a neighbourhood, filters, and the overview of a large model.

The page's own controls filter further in the browser with the same rules:
``--kind`` keeps entities of those kinds; ``--tag`` and ``--status`` keep the
matching entities *with their golden threads* (everything they reach and
everything that reaches them), so a filtered picture still shows what the
matches serve.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import networkx as nx

from goldenthread.model.types import Finding
from goldenthread.model.validate import did_you_mean
from goldenthread.traceability.graph import UnknownEntity, require_node

__all__ = [
    "OVERVIEW_THRESHOLD",
    "GraphOptions",
    "Selection",
    "UnknownEntity",
    "UnknownTag",
    "is_gap",
    "select",
    "thread",
]

#: Above this many entities the default picture is the overview (aims, themes
#: and the entities with unwaived findings): a few thousand nodes already draw
#: as an unreadable band, and the page stays quick to open.
OVERVIEW_THRESHOLD = 2000


class UnknownTag(LookupError):
    """``--tag`` names a tag no entity has; the message suggests the closest one."""


@dataclass(frozen=True, slots=True)
class GraphOptions:
    """What to show and how; the ``render`` command's options."""

    layout: str = "layered"
    focus: str | None = None
    depth: int = 2
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    #: Only the gaps (:func:`is_gap`), with their threads (the page's "Gaps only").
    gaps_only: bool = False
    #: Draw every selected entity even above :data:`OVERVIEW_THRESHOLD`.
    show_all: bool = False
    title: str | None = None
    threshold: int = OVERVIEW_THRESHOLD


@dataclass(frozen=True, slots=True)
class Selection:
    """The entities to draw, in model order, and how they were chosen."""

    nodes: list[str]
    total: int
    overview: bool = False
    #: Filters applied, as ``name: value`` lines for the page's note.
    applied: tuple[str, ...] = field(default=())


def is_gap(f: Finding) -> bool:
    """Whether a finding makes its entity a gap: an unwaived error, which fails ``check``.

    Warnings are left out: on most models nearly every entity has one, and
    a filter that keeps everything shows nothing.
    """
    return f.severity == "error" and not f.waived


def thread(G: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """The golden threads of ``sources``: themselves, all they reach and all that reaches them.

    One breadth-first walk each way from all the sources at once, so a filter
    matching thousands of entities costs two passes, not thousands.

    Examples
    --------
    >>> G = nx.DiGraph([("p", "t"), ("t", "a"), ("q", "a")])
    >>> sorted(thread(G, ["t"]))
    ['a', 'p', 't']
    """
    # A set first: ``sources`` may be a generator, and both walks start from it.
    start = set(sources)
    found: set[str] = set()
    for adjacency in (G.succ, G.pred):
        seen = set(start)
        todo = list(seen)
        while todo:
            node = todo.pop()
            for other in adjacency[node]:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        found |= seen
    return found


def _neighbourhood(G: nx.DiGraph, focus: str, depth: int) -> set[str]:
    seen = {focus}
    frontier = [focus]
    # Stops as soon as a step finds nothing new, however large ``depth`` is.
    for _ in range(depth):
        if not frontier:
            break
        nxt = []
        for node in frontier:
            for other in (*G.succ[node], *G.pred[node]):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


def select(
    G: nx.DiGraph,
    findings: Collection[Finding],
    options: GraphOptions,
    statuses: dict[str, str] | None = None,
) -> Selection:
    """The entities the page draws for ``options``.

    Parameters
    ----------
    G
        The model's graph (:func:`goldenthread.traceability.graph.build_graph`).
    findings
        The model's findings; entities with unwaived ones stay in the overview.
    options
        ``focus``/``depth``, ``kinds``, ``tags``, ``statuses``, ``show_all``.
    statuses
        Entity id -> status (project status, or benefit progress status).

    Raises
    ------
    UnknownEntity
        When ``options.focus`` is not an entity of the model (with a did-you-mean).
    UnknownTag
        When a tag of ``options.tags`` is on no entity (with a did-you-mean).
    """
    statuses = statuses or {}
    nodes = G.nodes
    keep: set[str] | None = None
    applied: list[str] = []

    def narrow(chosen: set[str]) -> None:
        nonlocal keep
        keep = chosen if keep is None else keep & chosen

    if options.focus is not None:
        require_node(G, options.focus)
        narrow(_neighbourhood(G, options.focus, options.depth))
        applied.append(f"neighbourhood of {options.focus} to depth {options.depth}")
    if options.tags:
        wanted = set(options.tags)
        known = {t for _, d in nodes.items() for t in d.get("tags") or ()}
        for tag in options.tags:
            if tag not in known:
                raise UnknownTag(f"no entity has the tag {tag!r}{did_you_mean(tag, sorted(known))}")
        narrow(thread(G, (n for n, d in nodes.items() if wanted.intersection(d.get("tags") or ()))))
        applied.append("tag: " + ", ".join(options.tags) + " (with their threads)")
    if options.statuses:
        wanted = set(options.statuses)
        narrow(thread(G, (n for n, s in statuses.items() if s in wanted)))
        applied.append("status: " + ", ".join(options.statuses) + " (with their threads)")
    if options.gaps_only:
        narrow(thread(G, {f.entity for f in findings if is_gap(f) and f.entity is not None and f.entity in G}))
        applied.append("gaps only (with their threads)")
    if options.kinds:
        wanted = set(options.kinds)
        narrow({n for n, d in nodes.items() if d["kind"] in wanted})
        applied.append("kind: " + ", ".join(options.kinds))
    chosen = list(nodes) if keep is None else [n for n in nodes if n in keep]
    overview = not options.show_all and len(chosen) > options.threshold
    if overview:
        gaps = {f.entity for f in findings if not f.waived and f.entity is not None}
        chosen = [n for n in chosen if nodes[n]["kind"] in ("aim", "theme") or n in gaps]
    return Selection(nodes=chosen, total=len(nodes), overview=overview, applied=tuple(applied))
