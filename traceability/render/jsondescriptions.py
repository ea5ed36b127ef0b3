"""What every key of the ``--format json`` documents means: the ``description`` of each schema property.

Looked up most specific first: ``"COMMAND:PARENT/KEY"``, ``"PARENT/KEY"``,
then ``"KEY"``, where PARENT is the key of the object (or of the list of
objects) that holds KEY.  A key that means one thing everywhere is described
once; a description written in :mod:`~goldenthread.traceability.render.jsonschemas`
itself is kept.  ``tests/test_json_descriptions.py`` holds every key of
every schema to having one.
"""

from __future__ import annotations

import copy

__all__ = ["DESCRIPTIONS", "describe"]

Schema = dict[str, object]

_FIGURE = "Before and after the change (null: the aim is not in that model)."
_STATUS_COUNT = "How many benefits have this status (benefit-target-missed and progress, as benefits says)."
_AIM_COUNT = "How many aims have this coverage status."
_PROJECT_COUNT = "How many projects have this status."

DESCRIPTIONS: dict[str, str] = {
    # The envelope.
    "goldenthread": "The program that wrote the document.",
    "goldenthread/version": "goldenthread's version.",
    "command": "The command that printed the document.",
    "model": "The model the document is about (null blocks when it did not load).",
    "title": "The title, as the model writes it.",
    "model/title": "The model's title, or null.",
    "organisation": "The organisation whose strategy the model is, or null.",
    "as_of": "The date the model speaks for (YYYY-MM-DD): targets are judged against it.",
    "currency": "The ISO 4217 code of every amount.",
    "entities": "How many entities the model holds, by kind; null when it did not load.",
    "aim": "How many aims.",
    "theme": "How many themes.",
    "project": "How many projects.",
    "benefit": "How many benefits.",
    # Findings.
    "rule": "The rule that found it (schema: the model does not follow the format).",
    "severity": "error or warning, as the model's rules set it.",
    "entity": "The id of the entity it is about, or null.",
    "kind": "The entity's kind: aim, theme, project or benefit.",
    "message": "What is wrong, in words.",
    "file": "The file, relative to the model's root, or null.",
    "line": "The line in that file (1-based), or null.",
    "column": "The column in that line (1-based), or null.",
    "waived": "True when the model acknowledges it with a waiver.",
    "reason": "The waiver's reason, or null.",
    "errors": "Unwaived errors.",
    "warnings": "Unwaived warnings.",
    "findings_count/waived": "Waived findings.",
    "summary/waived": "Waived findings.",
    "findings": "Every finding, in model order.",
    "source": "What was read: the path (or REV:PATH) as given.",
    # gaps
    "gaps:aims": "One row per aim: what reaches it, its money and its coverage status.",
    "id": "The entity's id.",
    "projects": "The ids of the non-cancelled projects that reach the aim.",
    "themes": "The ids of the themes that support the aim.",
    "investment": "The money attributed to the aim, in the model's currency.",
    "share": "The aim's share of all attributed money (0 to 1); null when its investment is not stated.",
    "aims/benefits": "The benefits that evidence the aim: measured ones, and all.",
    "measured": "Benefits with at least one measurement.",
    "benefits/total": "All benefits that evidence the aim.",
    "aims/status": "The aim's coverage status: no investment, no evidence, at risk or covered.",
    "sound": "Measured benefits evidencing the aim that are achieved or on track: the evidence that covers it.",
    "aims/waived": "True when the status stands for a finding the aim waives.",
    "aims/reason": "That waiver's reason, or null.",
    # The headline figures (gaps, summary).
    "aims": "How many aims.",
    "aims_with_investment": "Aims that a non-cancelled project reaches.",
    "aims_with_evidence": "Aims that a measured benefit evidences.",
    "aims_at_risk": "Aims whose evidence is all behind, missed or unmeasured.",
    "aims_covered": "Aims with investment and sound evidence.",
    "total_investment": "The money attributed to aims, in the model's currency; null when projects reach aims "
    "but none of them states a budget (unknown, not 0).",
    "unfunded_projects": "Non-cancelled projects with no budget stated.",
    "projects_without_measured_benefit": "Non-cancelled projects that realise no measured benefit.",
    "portfolio_budget": "Every non-cancelled project's budget, traced to an aim or not; null when none of them "
    "states a budget (unfunded_projects counts them).",
    "untraced_budget": "The part of the portfolio's budget that reaches no aim.",
    "proposed_projects": "Projects still proposed (not committed).",
    "proposed_investment": "The budget of the proposed projects that reaches an aim; null when none of them "
    "states a budget (unknown, not 0).",
    "theme_investment": "Every theme's attributed investment, model order: the money arriving at aims through "
    "it, plus the budgets of projects reaching no aim split among their themes (docs/format.md, Money).",
    "theme_investment/investment": "The theme's attributed investment in the model's currency; null when every "
    "project delivering it states no budget (unknown, not 0).",
    "serves_aims": "False for a theme that supports no aim: its money reaches no aim.",
    # benefits
    "benefits:benefits": "One row per benefit: its measure, latest measurement, progress and status.",
    "within_tolerance": "True when progress is below the expected line by no more than the measure's tolerance.",
    "stale": "True when the latest measurement is older than the benefit's review period at the model's date.",
    "dis_benefit": "True for a dis-benefit: an adverse consequence kept within a limit (its target).",
    "benefit_value": "Full-year money value of the benefits evidencing it: claimed, and realised to date "
    "(value times progress, capped to 0..1); each benefit counted once. Null when no benefit states a value.",
    "claimed": "The sum of the stated values (in the model currency).",
    "realised": "Value times progress to date, capped to 0..1, summed (in the model currency).",
    "benefits/kind": "cashable, non-cashable or quality, or null.",
    "unit": "The unit of the measure, or null.",
    "direction": "increase when higher is better, decrease when lower is; null without a measure.",
    "baseline": "The value before the investment, or null.",
    "target": "The target value, or null.",
    "target_date": "When the target should be reached, or null.",
    "latest": "The latest measurement by date, or null.",
    "latest/date": "When it was measured.",
    "latest/value": "The measured value.",
    "progress": "How far from baseline to target the latest measurement is (0 to 1 and beyond), or null.",
    "expected": "Where progress should be by as_of on a straight line to the target date, or null.",
    "benefits/status": "The benefit's status, as benefits reports it.",
    "statuses": "How many benefits have each status.",
    "achieved": _STATUS_COUNT,
    "on track": _STATUS_COUNT,
    "behind": _STATUS_COUNT,
    "missed": _STATUS_COUNT,
    "unmeasured": _STATUS_COUNT,
    "unquantified": _STATUS_COUNT,
    # matrix
    "value": "What a cell holds: count (links) or budget (money).",
    "matrix:kinds": "The kinds of the rows and of the columns.",
    "kinds/rows": "The kind of the rows.",
    "kinds/cols": "The kind of the columns.",
    "matrix:cols": "The columns, in model order.",
    "cols/investment": "Aims x themes by budget: the theme's attributed investment (its column's sum, plus the "
    "money of projects reaching no aim through it); null when not stated.",
    "matrix:rows": "The rows, in model order, each with its cells.",
    "cells": "Column id -> the cell's value; a column not linked is left out; by budget, null where only projects "
    "stating no budget arrive (not stated, never 0).",
    "direct": "Aims x themes by budget: the money that reaches the aim by direct links (0 with none); null when "
    "only projects stating no budget link it directly.",
    "rows/total": "Aims x themes by budget: the aim's whole investment; null when not stated (as in gaps).",
    # summary
    "summary:entities": "How many entities, by section.",
    "entities/aims": "How many aims.",
    "entities/themes": "How many themes.",
    "entities/projects": "How many projects.",
    "entities/benefits": "How many benefits.",
    "summary:projects": "How many projects have each status.",
    "summary:benefits": "How many benefits have each status.",
    "summary:aims": "How many aims have each coverage status.",
    "proposed": _PROJECT_COUNT,
    "approved": _PROJECT_COUNT,
    "active": _PROJECT_COUNT,
    "completed": _PROJECT_COUNT,
    "cancelled": _PROJECT_COUNT,
    "no investment": _AIM_COUNT,
    "no evidence": _AIM_COUNT,
    "at risk": _AIM_COUNT,
    "covered": _AIM_COUNT,
    "summary": "The headline figures.",
    # trace
    "trace:entity": "The entity traced.",
    "relation": "The link's relation: delivers, supports, contributes, realises or evidences.",
    "outgoing": "True when the link goes from this entity's parent to it (down), false for up.",
    "status": "The entity's status (a project's, or a benefit's as benefits reports it), or null.",
    "budget": "The project's budget, or null when not stated.",
    "quantified": "True when the benefit has a measure with a target.",
    "children": "The entities linked from this one, the same way.",
    # impact
    "impacts": "One per entity named: what the thread loses without it.",
    "impact:entity": "The id of the project or theme taken away.",
    "impact:impacts/entity": "The id of the project or theme taken away.",
    "impact:impacts/investment": "Aim id -> its investment with the entity and without it.",
    "aims_losing_investment": "Aims that would have no investment left.",
    "themes_losing_projects": "Themes that no project would deliver.",
    "benefits_losing_realisers": "Benefits that no project would realise.",
    "impact:investment": "Aim id -> its investment with the entity and without it.",
    "investment/before": "With the entity.",
    "investment/after": "Without it.",
    "impact:investment/before": "Before the change; null when no project reaching the aim states a budget.",
    "impact:investment/after": "After it; null when no project reaching the aim then states a budget.",
    "scenario": "Every ID and --cut together, as one change: what the thread loses and the money before and after.",
    "scenario/cancel": "The projects cancelled (including any cancelled already), model order.",
    "scenario/drop": "The themes dropped, model order.",
    "scenario/cuts": "The budget cuts, model order of the projects.",
    "cuts/project": "The id of the project cut.",
    "cuts/percent": "The percent its budget is reduced by.",
    "cuts/before": "Its budget.",
    "cuts/after": "Its budget after the cut.",
    "cuts/active": "False for a cancelled project: its budget counted for nothing already.",
    "projects_losing_route": "Projects that reach an aim now and none afterwards (their money then reaches no aim).",
    "impact:scenario/investment": "Aim id -> its investment before and after the whole scenario.",
    "no_route": "The budget of the non-cancelled projects that reach no aim.",
    "no_route/before": "Now.",
    "no_route/after": "After the scenario.",
    **dict.fromkeys(
        ("impact:before/money", "impact:after/money", "impact:released/money"),
        "The budgets stated; null when none is and some project states no budget.",
    ),
    "released": "The budget the scenario takes away: the cancelled projects' and the cuts'.",
    **dict.fromkeys(
        ("impact:before/projects_without_budget", "impact:after/projects_without_budget"),
        "How many of those projects state no budget (their money is not known).",
    ),
    "impact:released/projects_without_budget": "How many projects cancelled state no budget (not known).",
    # export
    "directed": "Always true: links go from contributor to what it supports.",
    "multigraph": "Always false: at most one link between two entities.",
    "graph": "The node-link document's own header.",
    "format": "Always goldenthread-graph.",
    "graph/version": "The version of the node-link layout.",
    "nodes": "Every entity, with every field the model format gives it (docs/format.md) and its file, line, column.",
    "edges": "Every link.",
    "edges/source": "The id of the entity the link comes from.",
    "edges/target": "The id of the entity it supports.",
    # diff
    "old": "The old side: what was read, and its model block.",
    "new": "The new side: what was read, and its model block.",
    "headline": "Each headline figure, before and after.",
    "headline/before": "Before the change.",
    "headline/after": "After the change.",
    "settings": "Changes to the model block and the rules.",
    "field": "The field that changed.",
    "before": "Its value before.",
    "after": "Its value after.",
    "diff:entities": "Entities added, removed and changed, matched by id.",
    "added": "What the new side has and the old lacks.",
    "removed": "What the old side has and the new lacks.",
    "changed": "Entities on both sides whose fields differ.",
    "changes": "Each field that changed.",
    "links": "Links added and removed.",
    "added/source": "The id of the entity the link comes from.",
    "removed/source": "The id of the entity the link comes from.",
    "added/target": "The id of the entity it links to.",
    "removed/target": "The id of the entity it links to.",
    "diff:measurements": "Measurements added (before null), removed (after null) or changed, by benefit and date.",
    "measurements/benefit": "The benefit measured.",
    "measurements/date": "The measurement's date.",
    "measurements/before": "The measurement before, or null when it was added.",
    "measurements/after": "The measurement after, or null when it was removed.",
    "before/value": "The measured value.",
    "after/value": "The measured value.",
    "before/source": "Where the figure comes from, or null.",
    "after/source": "Where the figure comes from, or null.",
    "diff:aims": "Each aim's investment and coverage status, before and after.",
    "diff:benefits": "Each benefit whose status changed, with its status before and after.",
    "investment/delta": "After minus before (a missing aim counts as 0); null when a side is not stated.",
    "diff:investment/before": "Before the change; null when not stated (no project reaching the aim states a "
    "budget: unknown, not 0) or when the old model has no such aim (status before is null).",
    "diff:investment/after": "After the change; null when not stated (no project reaching the aim states a "
    "budget: unknown, not 0) or when the new model has no such aim (status after is null).",
    "diff:aims/investment": _FIGURE,
    "diff:aims/status": _FIGURE,
    "status/before": "The coverage status before, or null.",
    "status/after": "The coverage status after, or null.",
    "diff:findings": "Findings matched by rule and entity.",
    "introduced": "Findings the change (or edit) brings.",
    "resolved": "Findings the change (or edit) clears.",
    "still_open": "Findings on both sides.",
    "gate": "What each --fail-on condition would fail on.",
    "new-errors": "New unwaived errors: (rule, entity) pairs.",
    "new-findings": "New unwaived findings: (rule, entity) pairs.",
    "investment-drop": "The ids of aims whose investment falls.",
    "coverage-drop": "The ids of aims whose coverage status gets worse.",
    # history
    "date": "The commit's date (ISO 8601, with its offset).",
    "commit": "The commit's full hash.",
    "subject": "The commit's subject, whole.",
    "commits/aims": "How many aims, or null when the model did not load there.",
    "commits/aims_with_investment": "Aims with investment, or null.",
    "commits/aims_with_evidence": "Aims with evidence, or null.",
    "commits/aims_covered": "Aims covered (with investment and sound evidence), or null.",
    "commits/total_investment": "The money attributed to aims, or null.",
    "commits/errors": "Unwaived errors, or null.",
    "commits/warnings": "Unwaived warnings, or null.",
    "commits/waived": "Waived findings, or null.",
    # editing commands
    "dry_run": "True with --dry-run: nothing was written.",
}


def _lookup(command: str, parent: str, key: str) -> str | None:
    for name in (f"{command}:{parent}/{key}", f"{command}:{key}" if not parent else "", f"{parent}/{key}", key):
        if name and name in DESCRIPTIONS:
            return DESCRIPTIONS[name]
    return None


def describe(schema: Schema, command: str) -> Schema:
    """A copy of ``schema`` with a description on every property that lacks one (shared parts are not changed)."""
    out = copy.deepcopy(schema)

    def walk(node: object, parent: str) -> None:
        if not isinstance(node, dict):
            return
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, prop in properties.items():
                if isinstance(prop, dict) and not prop.get("description"):
                    text = _lookup(command, parent, key)
                    if text:
                        prop["description"] = text
                walk(prop, key)
        for name in ("items", "additionalProperties"):
            walk(node.get(name), parent)
        for name in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(name, ()):
                walk(sub, parent)
        defs = node.get("$defs")
        if isinstance(defs, dict):
            for sub in defs.values():
                walk(sub, parent)

    walk(out, "")
    return out
