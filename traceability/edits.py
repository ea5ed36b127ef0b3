"""What an edit does to the findings: those it introduced and those it resolved.

Findings are matched by rule and entity, as ``check`` names them; only
findings that count (not waived) are compared, so waiving a finding resolves it.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.model.types import Finding, Model
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.rules import apply_rules

__all__ = ["FindingsDelta", "findings_delta"]


@dataclass(frozen=True, slots=True)
class FindingsDelta:
    """Findings present after an edit and not before (introduced), and the reverse (resolved)."""

    introduced: list[Finding]
    resolved: list[Finding]


def _open(model: Model | None) -> list[Finding]:
    return [] if model is None else [f for f in apply_rules(model, build_graph(model)) if not f.waived]


def findings_delta(before: Model | None, after: Model | None, renamed: dict[str, str] | None = None) -> FindingsDelta:
    """Compare the unwaived findings of two versions of a model.

    ``renamed`` maps an old id to its new one, so that a renamed entity's
    findings are the same findings.  A model that did not validate (None) has
    no findings to compare: then nothing is introduced or resolved.
    """
    if before is None or after is None:
        return FindingsDelta([], [])
    renamed = renamed or {}
    old = {(f.rule, renamed.get(f.entity or "", f.entity)): f for f in _open(before)}
    new = {(f.rule, f.entity): f for f in _open(after)}
    introduced = [f for key, f in new.items() if key not in old]
    resolved = [f for key, f in old.items() if key not in new]
    return FindingsDelta(introduced=introduced, resolved=resolved)
