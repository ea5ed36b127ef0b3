"""Each rule named in plain words, for the people who read reports: what its findings are a list of.

The rule book (:mod:`goldenthread.model.rulebook`) holds the ids, severities
and one-line meanings that machines and authors use; a board paper heads each
group of findings with one of these titles instead of the id.
"""

from __future__ import annotations

from goldenthread.model.rulebook import SCHEMA_RULE

__all__ = ["RULE_TITLES", "rule_title"]

RULE_TITLES: dict[str, str] = {
    "aim-without-investment": "Aims with no investment",
    "aim-without-evidence": "Aims with no measured evidence",
    "theme-without-aim": "Themes that serve no aim",
    "theme-without-project": "Themes no project delivers",
    "project-without-aim": "Projects that reach no aim",
    "project-without-benefit": "Projects with no benefit",
    "benefit-without-project": "Benefits no project delivers",
    "benefit-without-aim": "Benefits that evidence no aim",
    "benefit-without-measure": "Benefits with no measure",
    "benefit-unmeasured": "Benefits not yet measured",
    "benefit-target-missed": "Benefits that missed their target",
    "broken-thread": "Benefits claimed for an aim their projects do not reach",
    "project-overspent": "Projects that have spent more than their budget",
    "project-overdue": "Projects still open past their end date",
    "aim-low-confidence": "Aims resting only on projects with low delivery confidence",
    "benefit-evidence-stale": "Benefits whose evidence is out of date",
    "dis-benefit-over-limit": "Adverse effects (disbenefits) over their limit",
    "benefit-profile-incomplete": "Benefits missing parts of their register entry",
    SCHEMA_RULE: "Problems in the model's files",
}


def rule_title(rule: str) -> str:
    """The plain-words title of ``rule``; a rule without one (a newer rule) is named by its id.

    >>> rule_title("aim-without-investment")
    'Aims with no investment'
    >>> rule_title("some-new-rule")
    'some-new-rule'
    """
    return RULE_TITLES.get(rule, rule)
