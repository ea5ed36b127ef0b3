"""The one comparison of findings: before and after a change, matched by rule and entity.

Two findings are *the same* when they have the same rule and the same entity
(waived or not, whatever their severity, message or place): what stays when
lines move or messages are reworded.  :func:`compare_findings` splits them into
introduced, resolved and still open; ``diff``, the editing commands and
``check --baseline`` (a :class:`Baseline`: the known findings' keys, which it
reports but does not fail on) all match this way.

Examples
--------
>>> from goldenthread.model import Finding
>>> old = [Finding(rule="aim-without-evidence", severity="warning", message="m", entity="a1")]
>>> b = Baseline.of(old)
>>> Finding(rule="aim-without-evidence", severity="error", message="x", entity="a1") in b
True
>>> len(b.new(old + [Finding(rule="theme-without-aim", severity="error", message="t", entity="t1")]))
1
>>> change = compare_findings(old, [])
>>> len(change.introduced), len(change.resolved), len(change.still_open)
(0, 1, 0)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from goldenthread.model.types import Finding

__all__ = ["Baseline", "FindingKey", "FindingsChange", "compare_findings", "finding_key"]

#: What identifies a finding across two versions of a model.
FindingKey = tuple[str, str | None]


def finding_key(f: Finding) -> FindingKey:
    """A finding's rule and entity: what stays when lines move or messages are reworded."""
    return f.rule, f.entity


@dataclass(frozen=True, slots=True)
class FindingsChange:
    """What a change did to the findings."""

    #: After the change and not before, in the order of ``after``.
    introduced: tuple[Finding, ...]
    #: Before the change and not after, in the order of ``before``.
    resolved: tuple[Finding, ...]
    #: After the change and before it too (as they are after), in the order of ``after``.
    still_open: tuple[Finding, ...]


def _split(known: Collection[FindingKey], findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """``findings`` not matched in ``known``, and those matched."""
    new: list[Finding] = []
    old: list[Finding] = []
    for f in findings:
        # (rule, entity) written out, not finding_key(): a call per finding costs more than the rest at 100k.
        (old if (f.rule, f.entity) in known else new).append(f)
    return new, old


def compare_findings(
    before: Iterable[Finding], after: Iterable[Finding], renamed: Mapping[str, str] | None = None
) -> FindingsChange:
    """Match the findings of two versions of a model by rule and entity.

    ``renamed`` maps an old id to its new one, so that a renamed entity's
    findings are the same findings.
    """
    before, after = list(before), list(after)
    rename = renamed or {}
    old_keys = (
        [(f.rule, rename.get(f.entity or "", f.entity)) for f in before]
        if rename
        else [(f.rule, f.entity) for f in before]
    )
    introduced, still_open = _split(set(old_keys), after)
    after_keys = {(f.rule, f.entity) for f in after}
    resolved = [f for f, key in zip(before, old_keys, strict=True) if key not in after_keys]
    return FindingsChange(tuple(introduced), tuple(resolved), tuple(still_open))


@dataclass(frozen=True, slots=True)
class Baseline:
    """The rule and entity of every finding of a baseline model."""

    keys: frozenset[FindingKey]
    #: Where the baseline came from, as named on the command line.
    source: str = ""

    @classmethod
    def of(cls, findings: Iterable[Finding], source: str = "") -> Baseline:
        return cls(frozenset(finding_key(f) for f in findings), source)

    def __contains__(self, f: object) -> bool:
        return isinstance(f, Finding) and finding_key(f) in self.keys

    def new(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not in the baseline (introduced since): the ones that may fail a check."""
        return _split(self.keys, findings)[0]

    def count(self, findings: Iterable[Finding]) -> int:
        """How many of ``findings`` are in the baseline (still open)."""
        return len(_split(self.keys, findings)[1])
