"""``goldenthread impact``: what cancelling projects, dropping themes and cutting budgets would do, as text or JSON.

The text is one answer for the whole scenario, naming entities by title; the
JSON holds the scenario (``scenario``) and, for scripts written when
``impact`` took one ID at a time, each ID's impact alone (``impacts``).
"""

from __future__ import annotations

from collections.abc import Sequence

from goldenthread.traceability.context import Analysis
from goldenthread.traceability.impact import Impact
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.formatting import NO_INVESTMENT, NOT_STATED, amount, plural, text_table
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line
from goldenthread.traceability.scenario import NoRoute, Scenario

__all__ = ["FORMATS", "impact_json", "impacts_json", "render_impact", "scenario_json"]

FORMATS = formats_of("impact")


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "no change" if before is None and after is None else "not known"
    diff = after - before
    if round(diff) == 0:
        return "no change"
    return f"{diff:+,.0f}"


def _titles(ids: Sequence[str], titles: dict[str, str]) -> list[str]:
    return [one_line(f"  {titles[n]}") for n in ids]


def _changes(s: Scenario, currency: str) -> list[str]:
    """One line a change, in words: what the scenario does."""
    t = s.titles
    out = [
        f"Cancelling project {t[p]}" + (" (it is cancelled already: no change)" if p in s.already_cancelled else "")
        for p in s.cancelled
    ]
    out += [f"Dropping theme {t[n]}" for n in s.dropped]
    out += [
        f"Cutting project {t[c.project]} by {c.percent:g}%: {currency} {c.before:,.0f} -> {c.after:,.0f}"
        + ("" if c.active else " (it is cancelled already: no change)")
        for c in s.cuts
    ]
    return out


def _sections(sections: Sequence[tuple[str, Sequence[str]]], titles: dict[str, str]) -> list[str]:
    """Each list under its title; an empty one is a line saying so, next to the other empty ones."""
    out: list[str] = []
    empty = False
    for title, ids in sections:
        if not ids:
            out += [f"{title}: none"] if empty else ["", f"{title}: none"]
        else:
            out += ["", f"{title} ({len(ids)})", *_titles(ids, titles)]
        empty = not ids
    return out


def _money(r: NoRoute, currency: str) -> str:
    """Money with the projects whose money is not known: "not stated" when none is stated, never 0."""
    if r.amount is None:
        return f"{NOT_STATED} ({plural(r.unbudgeted, 'project')} without a budget)"
    unbudgeted = f" plus {plural(r.unbudgeted, 'project')} without a budget" if r.unbudgeted else ""
    return f"{currency} {r.money:,.0f}{unbudgeted}"


def scenario_text(s: Scenario, currency: str) -> list[str]:
    """The scenario in words: the changes, what loses everything, and the money before and after."""
    changes = _changes(s, currency)
    out = [one_line(changes[0])] if len(changes) == 1 else ["Scenario: these changes together", *changes]
    out = [one_line(line) if i == 0 else one_line("  " + line) for i, line in enumerate(out)]
    if len(changes) == 1 and s.already_cancelled:
        return [one_line(f"Cancelling project {s.titles[s.cancelled[0]]}"), "It is cancelled already: no change."]
    sections = [("Aims that would lose all investment", s.aims_losing_investment)]
    if s.cancelled:
        sections.append(("Themes left with no project", s.themes_losing_projects))
        sections.append(("Benefits left with no realiser", s.benefits_losing_realisers))
    if s.dropped:
        sections.append(("Projects left with no route to an aim", s.projects_losing_route))
    out += _sections(sections, s.titles)
    out += ["", f"Attributed investment of the {plural(len(s.investment), 'aim')} it touches ({currency})"]
    if s.investment:
        # An aim no project would reach has no investment ("none"), which is not a sum of 0.
        lost = set(s.aims_losing_investment)
        rows = [
            [
                s.titles[a],
                amount(before),
                "->",
                NO_INVESTMENT if a in lost else amount(after),
                _change(before, after),
            ]
            for a, (before, after) in s.investment.items()
        ]
        table = text_table(["aim", "before", "", "after", "change"], rows, align=("<", ">", "<", ">", "<"))
        out += ["  " + line for line in table]
    else:
        out.append("  none: it reaches no aim")
    before, after = s.no_route
    if before == after:
        out += ["", f"Money that reaches no aim: {_money(before, currency)}, no change"]
    else:
        out += ["", "Money that reaches no aim", f"  now: {_money(before, currency)}"]
        out.append(f"  afterwards: {_money(after, currency)}")
    out += [
        f"Budget released: {_money(NoRoute(s.released, s.released_unbudgeted), currency)}",
    ]
    return out


def impact_json(result: Impact) -> dict[str, object]:
    """One entity's impact as JSON."""
    return {
        "entity": result.entity,
        "kind": result.kind,
        "title": result.title,
        "aims_losing_investment": list(result.aims_losing_investment),
        "themes_losing_projects": list(result.themes_losing_projects),
        "benefits_losing_realisers": list(result.benefits_losing_realisers),
        "investment": {a: {"before": b, "after": f} for a, (b, f) in result.investment.items()},
    }


def _no_route_json(r: NoRoute) -> dict[str, object]:
    return {"money": r.amount, "projects_without_budget": r.unbudgeted}


def scenario_json(s: Scenario) -> dict[str, object]:
    """The scenario as JSON: every change together."""
    return {
        "cancel": list(s.cancelled),
        "drop": list(s.dropped),
        "cuts": [
            {"project": c.project, "percent": c.percent, "before": c.before, "after": c.after, "active": c.active}
            for c in s.cuts
        ],
        "aims_losing_investment": list(s.aims_losing_investment),
        "themes_losing_projects": list(s.themes_losing_projects),
        "benefits_losing_realisers": list(s.benefits_losing_realisers),
        "projects_losing_route": list(s.projects_losing_route),
        "investment": {a: {"before": b, "after": f} for a, (b, f) in s.investment.items()},
        "no_route": {"before": _no_route_json(s.no_route[0]), "after": _no_route_json(s.no_route[1])},
        "released": {
            "money": NoRoute(s.released, s.released_unbudgeted).amount,
            "projects_without_budget": s.released_unbudgeted,
        },
    }


def impacts_json(results: Sequence[Impact], combined: Scenario) -> dict[str, object]:
    """The command's own keys of ``goldenthread impact --format json``: ``scenario``, and ``impacts`` one per ID.

    With a single ID its keys are also at the top level, as before ``impact``
    took several (deprecated: read ``impacts``).
    """
    impacts = [impact_json(r) for r in results]
    return {**(impacts[0] if len(impacts) == 1 else {}), "impacts": impacts, "scenario": scenario_json(combined)}


def render_impact(analysis: Analysis, results: Sequence[Impact], combined: Scenario, fmt: str = "text") -> str:
    """The scenario ``combined`` (and, in JSON, each ID's impact in ``results``) in ``fmt``, one of :data:`FORMATS`."""
    if fmt == "json":
        return dumps(document("impact", model_block(analysis.model, analysis.root), impacts_json(results, combined)))
    return "\n".join(scenario_text(combined, analysis.model.info.currency)) + "\n"
