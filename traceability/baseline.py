"""Gate only what a change makes worse: findings matched against a baseline's.

A finding is *in the baseline* when the baseline model has a finding of the
same rule for the same entity (waived or not, whatever its severity or
place): the gap was known before.  ``check --baseline`` reports such
findings but does not fail on them.

Examples
--------
>>> from goldenthread.model import Finding
>>> old = [Finding(rule="aim-without-evidence", severity="warning", message="m", entity="a1")]
>>> b = Baseline.of(old)
>>> Finding(rule="aim-without-evidence", severity="error", message="x", entity="a1") in b
True
>>> len(b.new(old + [Finding(rule="theme-without-aim", severity="error", message="t", entity="t1")]))
1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from goldenthread.model.types import Finding

__all__ = ["Baseline", "FindingKey", "finding_key"]

#: What identifies a finding across two versions of a model.
FindingKey = tuple[str, str | None]


def finding_key(f: Finding) -> FindingKey:
    """A finding's rule and entity: what stays when lines move or messages are reworded."""
    return f.rule, f.entity


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
        """The findings not in the baseline: the ones that may fail a check."""
        return [f for f in findings if finding_key(f) not in self.keys]

    def count(self, findings: Iterable[Finding]) -> int:
        """How many of ``findings`` are in the baseline."""
        return sum(1 for f in findings if finding_key(f) in self.keys)
