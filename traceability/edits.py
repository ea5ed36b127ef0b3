"""What an edit does to the findings: those it introduced and those it resolved.

Findings are matched by rule and entity (:func:`~goldenthread.traceability.baseline.compare_findings`);
only findings that count (not waived) are compared, so waiving a finding resolves it.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.model.types import Finding, Model
from goldenthread.traceability.baseline import compare_findings
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
    change = compare_findings(_open(before), _open(after), renamed)
    return FindingsDelta(introduced=list(change.introduced), resolved=list(change.resolved))
