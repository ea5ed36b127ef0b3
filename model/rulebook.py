"""The rules of the golden thread: their ids, default severities and meanings.

The model format refers to these ids (``rules:`` and ``waive:``), so the
catalogue lives with the model; ``goldenthread.traceability.rules`` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from goldenthread.model.vocabulary import Kind

__all__ = ["RULES", "SCHEMA_RULE", "SETTINGS", "Rule", "Setting"]

#: Structural problems (syntax, types, unknown keys, references, duplicates).
SCHEMA_RULE = "schema"
#: What ``rules:`` may set a rule to.
Setting = Literal["error", "warning", "off"]
SETTINGS: tuple[Setting, ...] = get_args(Setting)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: Kind
    #: Its default: ``off`` for a rule a team turns on in ``rules:``.
    severity: Setting
    summary: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("aim-without-investment", "aim", "error", "no non-cancelled project reaches the aim"),
        Rule("aim-without-evidence", "aim", "warning", "no measured benefit evidences the aim"),
        Rule("theme-without-aim", "theme", "error", "the theme supports no aim"),
        Rule("theme-without-project", "theme", "warning", "no non-cancelled project delivers the theme"),
        Rule("project-without-aim", "project", "error", "the project (not cancelled) reaches no aim"),
        Rule("project-without-benefit", "project", "warning", "the project (not cancelled) realises no benefit"),
        Rule("benefit-without-project", "benefit", "warning", "no non-cancelled project realises the benefit"),
        Rule("benefit-without-aim", "benefit", "warning", "the benefit evidences no aim"),
        Rule(
            "benefit-without-measure",
            "benefit",
            "warning",
            "the benefit has no measure: it is not quantified",
        ),
        Rule("benefit-unmeasured", "benefit", "warning", "the benefit has a measure but no measurements"),
        Rule(
            "benefit-target-missed",
            "benefit",
            "warning",
            "the target date has passed and the latest measurement has not reached the target",
        ),
        Rule(
            "broken-thread",
            "benefit",
            "warning",
            "the benefit evidences an aim that none of its realising projects reaches",
        ),
        Rule("project-overspent", "project", "warning", "the project has spent more than its budget"),
        Rule(
            "project-overdue",
            "project",
            "warning",
            "the project is active or approved but its end date is before the model's date",
        ),
        Rule(
            "aim-low-confidence",
            "aim",
            "warning",
            "every project carrying the aim's committed investment is rated red or amber-red",
        ),
        Rule(
            "benefit-evidence-stale",
            "benefit",
            "warning",
            "the latest measurement is older than the benefit's review period",
        ),
        Rule("dis-benefit-over-limit", "benefit", "warning", "the dis-benefit's latest measurement is over its limit"),
        Rule(
            "benefit-profile-incomplete",
            "benefit",
            "off",
            "a measured benefit lacks an owner, a baseline with its date, a target date, "
            "or a source on its latest measurement",
        ),
    )
}
