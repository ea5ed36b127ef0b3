"""The colours, shapes and dashes of every view, stated once: status in the Okabe-Ito colours, always with the word.

Okabe and Ito chose these eight colours so that readers with any common
colour-vision deficiency tell them apart; each status is also written out,
with a mark that survives a black-and-white copy.  The aims' coverage
statuses and the benefits' realisation statuses share colours by meaning:
sound (bluish green), short of it (orange), failed (vermilion), not known
(yellow).  Black text reads on every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from goldenthread.traceability.render.html.page import Asset

__all__ = [
    "BADGE",
    "BENEFIT_FILLS",
    "CANCELLED",
    "CHANGED",
    "KIND_STYLES",
    "OKABE_ITO",
    "RELATION_STYLES",
    "STATUS_COLOURS",
    "STATUS_MARKS",
    "KindStyle",
    "RelationStyle",
    "group_name",
    "palette_css",
    "status_class",
    "vis_groups",
]

OKABE_ITO = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky blue": "#56b4e9",
    "bluish green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermilion": "#d55e00",
    "reddish purple": "#cc79a7",
}
#: Every status word of ``gaps`` (aims) and ``benefits`` -> its fill.
STATUS_COLOURS: dict[str, str] = {
    "covered": OKABE_ITO["bluish green"],
    "at risk": OKABE_ITO["orange"],
    "no evidence": OKABE_ITO["yellow"],
    "no investment": OKABE_ITO["vermilion"],
    "achieved": OKABE_ITO["bluish green"],
    "on track": OKABE_ITO["sky blue"],
    "behind": OKABE_ITO["orange"],
    "missed": OKABE_ITO["vermilion"],
    "unmeasured": OKABE_ITO["yellow"],
    "unquantified": "#d9d9d9",
    # A dis-benefit's two statuses: blue and reddish purple, apart from the benefits' colours.
    "within limit": OKABE_ITO["blue"],
    "over limit": OKABE_ITO["reddish purple"],
}
#: A mark before each status word, so that a grey copy still tells them apart at a glance.
STATUS_MARKS: dict[str, str] = {
    "covered": "✓",
    "at risk": "!",
    "no evidence": "?",
    "no investment": "✕",
    "achieved": "✓",
    "on track": "→",
    "behind": "!",
    "missed": "✕",
    "unmeasured": "?",
    "unquantified": "·",
    "within limit": "✓",
    "over limit": "✕",
}
#: The benefits' fills (the words of ``goldenthread benefits``), in the order of the legend.
BENEFIT_FILLS: dict[str, str] = {
    s: STATUS_COLOURS[s]
    for s in ("achieved", "on track", "behind", "missed", "unmeasured", "unquantified", "within limit", "over limit")
}
#: Findings and changes drawn on the graph, apart from every status fill.
BADGE = OKABE_ITO["black"]
CHANGED = OKABE_ITO["blue"]


@dataclass(frozen=True, slots=True)
class KindStyle:
    label: str
    shape: str
    fill: str
    border: str
    font: str


@dataclass(frozen=True, slots=True)
class RelationStyle:
    label: str
    colour: str
    #: vis-network ``dashes``: False for a solid line, else [dash, gap].
    dashes: bool | list[int]


#: Aims and benefits are filled with their status colour; the kinds' own fills
#: are neutral, so that colour on the picture always means status.
KIND_STYLES: dict[str, KindStyle] = {
    "aim": KindStyle("Aim", "box", "#ffffff", "#1b1b1b", "#000000"),
    "theme": KindStyle("Theme", "ellipse", "#e8e3f1", "#5a4b78", "#1b1b1b"),
    "project": KindStyle("Project", "dot", "#bcc7d3", "#4a5968", "#1b1b1b"),
    "benefit": KindStyle("Benefit", "diamond", "#ffffff", "#1b1b1b", "#1b1b1b"),
}
RELATION_STYLES: dict[str, RelationStyle] = {
    "supports": RelationStyle("theme supports aim", "#5a4b78", False),
    "delivers": RelationStyle("project delivers theme", "#4a5968", False),
    "contributes": RelationStyle("project contributes to aim", "#4a5968", [2, 5]),
    "realises": RelationStyle("project realises benefit", "#7a7a7a", False),
    "evidences": RelationStyle("benefit evidences aim", OKABE_ITO["reddish purple"], [9, 5]),
}
#: Fill, border and label of a cancelled project.
CANCELLED = ("#eeeeee", "#a8a8a8", "#6b6b6b")


def status_class(status: str) -> str:
    """The CSS class of a status word.

    >>> status_class("no investment")
    'gt-status-no-investment'
    """
    return "gt-status-" + status.replace(" ", "-")


@cache
def palette_css() -> Asset:
    """The stylesheet of the status chips, generated from :data:`STATUS_COLOURS` (so stated once)."""
    rules = [
        f".{status_class(s)}{{background:{c};color:#000000;print-color-adjust:exact;-webkit-print-color-adjust:exact}}"
        for s, c in STATUS_COLOURS.items()
    ]
    rules += [f'.{status_class(s)}::before{{content:"{m} "}}' for s, m in STATUS_MARKS.items()]
    rules.append(f":root{{--gt-changed:{CHANGED};--gt-badge:{BADGE}}}")
    return Asset("\n".join(rules) + "\n")


def group_name(kind: str, cancelled: bool = False, status: str | None = None) -> str:
    """The vis group of a node: its kind, then ``-cancelled`` or its status (aims and benefits).

    Styles live once per group in the options rather than on each of
    thousands of nodes.

    Examples
    --------
    >>> group_name("benefit", status="on track"), group_name("project", cancelled=True)
    ('benefit-on-track', 'project-cancelled')
    """
    name = kind + ("-cancelled" if cancelled else "")
    return name + ("-" + status.replace(" ", "-") if status is not None else "")


def vis_groups() -> dict[str, dict[str, Any]]:
    """Every vis group: a kind's shape, its fill (a status's for aims and benefits), border and font."""
    statuses = {"aim": ("covered", "at risk", "no evidence", "no investment"), "benefit": tuple(BENEFIT_FILLS)}
    groups: dict[str, dict[str, Any]] = {}
    for kind, style in KIND_STYLES.items():
        looks: list[tuple[bool, str | None, str, str, str]] = [(False, None, style.fill, style.border, style.font)]
        if kind == "project":
            looks.append((True, None, *CANCELLED))
        looks += [(False, s, STATUS_COLOURS[s], style.border, "#000000") for s in statuses.get(kind, ())]
        for cancelled, status, fill, border, font in looks:
            plain = {"background": fill, "border": border}
            groups[group_name(kind, cancelled, status)] = {
                "shape": style.shape,
                "color": {**plain, "highlight": plain, "hover": plain},
                "font": {"color": font},
                "borderWidth": 1,
                "borderWidthSelected": 3,
                # Projects: the smallest dot unless a budget sizes it.
                "size": 10 if kind == "project" else 16,
            }
    return groups
