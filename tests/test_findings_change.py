"""One comparison of findings, by rule and entity, behind diff, the edits and check --baseline."""

from __future__ import annotations

from goldenthread.model import Finding
from goldenthread.traceability.baseline import Baseline, compare_findings


def finding(rule: str, entity: str | None, severity: str = "error", message: str = "m") -> Finding:
    return Finding(rule=rule, severity=severity, message=message, entity=entity)  # type: ignore[arg-type]


def test_introduced_resolved_and_still_open_in_their_own_order():
    a, b, c = finding("r", "a"), finding("r", "b"), finding("r", "c")
    moved = finding("r", "b", severity="warning", message="reworded")
    change = compare_findings([a, b], [c, moved])
    assert change.introduced == (c,)
    assert change.resolved == (a,)
    assert change.still_open == (moved,)


def test_a_renamed_entity_keeps_its_findings():
    change = compare_findings(
        [finding("r", "old"), finding("s", None)], [finding("r", "new"), finding("s", None)], {"old": "new"}
    )
    assert (change.introduced, change.resolved) == ((), ())
    assert [f.entity for f in change.still_open] == ["new", None]


def test_the_baseline_matches_the_same_way():
    before, after = [finding("r", "a")], [finding("r", "a"), finding("r", "z")]
    change = compare_findings(before, after)
    baseline = Baseline.of(before)
    assert baseline.new(after) == list(change.introduced)
    assert baseline.count(after) == len(change.still_open)
