"""``diff --format json``: the document is the common envelope (its
``model`` block is NEW's) followed by these keys, every list in the order
of :class:`~goldenthread.traceability.diff.Diff`:

=================  ==========================================================================
key                value
=================  ==========================================================================
``old``, ``new``   ``{"source": what was named, "model": model block}`` of each side
``unchanged``      true when the models say the same thing (layout, order, comments aside)
``headline``       figure -> ``{"before", "after"}``: the keys of ``gaps``' ``summary``
``settings``       ``[{"field", "before", "after"}]``: ``model.*`` and ``rules.*`` that differ
``entities``       ``{"added": [ref], "removed": [ref], "changed": [ref + "changes"]}``; a ref is
                   ``{"id", "kind", "title"}``, ``changes`` is ``[{"field", "before", "after"}]``
``links``          ``{"added": [link], "removed": [link]}``, a link ``{"source", "relation", "target"}``
``measurements``   ``[{"benefit", "date", "before", "after"}]``, each side ``{"value", "source"}`` or null
``aims``           ``[{"id", "title", "investment": {"before", "after", "delta"},
                   "status": {"before", "after"}, "benefits": [title]}]``, every aim of either side
                   (null: not in that side); ``benefits``: those evidencing it whose status changed,
                   when its status did
``benefits``       ``[{"id", "title", "status": {"before", "after"}}]``: benefits whose status changed
``findings``       ``{"introduced", "resolved", "still_open"}``: lists of findings as ``check`` has them
``gate``           ``{"new-errors", "new-findings", "investment-drop", "coverage-drop"}``:
                   the findings' ``[rule, entity]`` or the aims' ids that make each condition hold
=================  ==========================================================================

Money (the aims' investment and the headline's sums) is rounded to the model
currency's minor unit: pence, cents, whole yen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from goldenthread.model.types import Finding
from goldenthread.traceability.diff import Diff, FieldChange, Link
from goldenthread.traceability.render.envelope import document
from goldenthread.traceability.render.formatting import minor_unit

if TYPE_CHECKING:
    from goldenthread.traceability.render.diff import DiffSides

__all__ = ["diff_json", "headline_keys"]


def headline_keys(d: Diff) -> list[str]:
    keys = list(d.headline_after)
    keys.extend(k for k in d.headline_before if k not in d.headline_after)
    return keys


def _finding_keys(findings: Sequence[Finding]) -> list[list[str | None]]:
    return [[f.rule, f.entity] for f in findings]


_MONEY_FIGURES = ("total_investment", "portfolio_budget", "untraced_budget", "proposed_investment")


def diff_json(d: Diff, sides: DiffSides) -> dict[str, object]:
    """The document ``diff --format json`` prints (see the module docstring)."""

    def ref(e: object) -> dict[str, object]:
        return {"id": e.id, "kind": e.kind, "title": e.title}  # type: ignore[attr-defined]

    def change(c: FieldChange) -> dict[str, object]:
        return {"field": c.field, "before": c.before, "after": c.after}

    def link(x: Link) -> dict[str, str]:
        return {"source": x.source, "relation": x.relation, "target": x.target}

    # Money in the model currency's minor unit: no 6525833.333333333.
    currency = sides.currency

    def figure(key: str, v: object) -> object:
        return minor_unit(v, currency) if key in _MONEY_FIGURES and isinstance(v, int | float) else v

    body: dict[str, object] = {
        "old": {"source": sides.old, "model": sides.old_block},
        "new": {"source": sides.new, "model": sides.new_block},
        "unchanged": d.unchanged,
        "headline": {
            key: {"before": figure(key, d.headline_before.get(key)), "after": figure(key, d.headline_after.get(key))}
            for key in headline_keys(d)
        },
        "settings": [change(c) for c in d.settings],
        "entities": {
            "added": [ref(e) for e in d.added],
            "removed": [ref(e) for e in d.removed],
            "changed": [{**ref(c), "changes": [change(x) for x in c.changes]} for c in d.changed],
        },
        "links": {"added": [link(x) for x in d.links_added], "removed": [link(x) for x in d.links_removed]},
        "measurements": [
            {"benefit": m.benefit, "date": m.date, "before": m.before, "after": m.after} for m in d.measurements
        ],
        "aims": [
            {
                "id": a.id,
                "title": a.title,
                "investment": {
                    "before": minor_unit(a.investment_before, currency),
                    "after": minor_unit(a.investment_after, currency),
                    "delta": minor_unit(a.delta, currency),
                },
                "status": {"before": a.status_before, "after": a.status_after},
                "benefits": list(a.benefits),
            }
            for a in d.aims
        ],
        "benefits": [
            {"id": c.id, "title": c.title, "status": {"before": c.status_before, "after": c.status_after}}
            for c in d.benefits
        ],
        "findings": {
            "introduced": [f.as_dict() for f in d.introduced],
            "resolved": [f.as_dict() for f in d.resolved],
            "still_open": [f.as_dict() for f in d.still_open],
        },
        "gate": {
            "new-errors": _finding_keys(d.new_errors),
            "new-findings": _finding_keys(d.new_findings),
            "investment-drop": [a.id for a in d.investment_drops],
            "coverage-drop": [a.id for a in d.coverage_drops],
        },
    }
    return document("diff", sides.new_block or {}, body)
