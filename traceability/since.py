"""What changed since an earlier version of the model, as a board paper shows it.

Built on :func:`goldenthread.traceability.diff.diff`: each aim's status and
investment before, the benefits whose realisation status changed, and which
entities are new or changed (for ``render --since`` to mark them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from goldenthread.model.sources.git import load_side, revision_spec
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.diff import AimChange, Diff, diff

__all__ = ["BenefitChange", "Since", "since", "since_revision"]


@dataclass(frozen=True, slots=True)
class BenefitChange:
    """A benefit whose status is not what it was (``before`` None: the benefit is new)."""

    id: str
    title: str
    before: str | None
    after: str


@dataclass(frozen=True, slots=True)
class Since:
    """The change from the model at ``rev`` to this one."""

    rev: str
    #: Aim id -> its change (every aim of the new model; before None when new).
    aims: dict[str, AimChange]
    #: In the new model's order.
    benefits: tuple[BenefitChange, ...]
    #: Entity id -> ``added`` or ``changed`` (fields, links or measurements).
    entities: dict[str, str]
    diff: Diff


def since(old: Analysis, new: Analysis, rev: str) -> Since:
    """How ``new`` differs from ``old``, the model at git revision ``rev``."""
    d = diff(old, new)
    before = {s.id: s.status for s in old.benefits}
    benefits = tuple(
        BenefitChange(s.id, s.title, before.get(s.id), s.status) for s in new.benefits if before.get(s.id) != s.status
    )
    entities: dict[str, str] = {}
    present = set(new.graph)
    for ref in d.added:
        entities[ref.id] = "added"
    touched = [c.id for c in d.changed] + [m.benefit for m in d.measurements] + [b.id for b in benefits]
    touched += [end for link in (*d.links_added, *d.links_removed) for end in (link.source, link.target)]
    for entity in touched:
        if entity in present:
            entities.setdefault(entity, "changed")
    aims = {a.id: a for a in d.aims if a.id in new.model.aims}
    return Since(rev=rev, aims=aims, benefits=benefits, entities=entities, diff=d)


def since_revision(rev: str, path: str | os.PathLike[str], new: Analysis) -> Since:
    """The change since git revision ``rev`` of the model at ``path``, loaded as ``diff --since`` loads it.

    Raises the library's errors (a bad revision, a model that does not load
    at ``rev``), each naming the earlier side.
    """
    spec = revision_spec(rev, path, side="EARLIER")
    model, root = load_side(spec, "EARLIER")
    return since(Analysis(model, root), new, rev)
