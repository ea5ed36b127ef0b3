"""``goldenthread impact``: what cancelling projects or dropping themes would do, as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence

from goldenthread.traceability.context import Analysis
from goldenthread.traceability.impact import Impact
from goldenthread.traceability.render.envelope import document, dumps, model_block
from goldenthread.traceability.render.formatting import plural, text_table
from goldenthread.traceability.render.safetext import one_line

__all__ = ["FORMATS", "impact_json", "impacts_json", "render_impact"]

FORMATS: tuple[str, ...] = ("text", "json")


def _ids(ids: tuple[str, ...], titles: dict[str, str]) -> list[str]:
    if not ids:
        return ["  none"]
    return [one_line(f"  {n}: {titles.get(n, '')}") for n in ids]


def _change(before: float, after: float) -> str:
    diff = after - before
    if round(diff) == 0:
        return "no change"
    return f"{diff:+,.0f}"


def _text(result: Impact, currency: str) -> list[str]:
    verb = "Cancelling project" if result.kind == "project" else "Dropping theme"
    out = [one_line(f"{verb} {result.entity}: {result.title}")]
    if not result.active:
        out.append("It is already cancelled: cancelling it changes nothing.")
        return out
    out += ["", f"Aims that would lose all investment ({len(result.aims_losing_investment)})"]
    out += _ids(result.aims_losing_investment, result.titles)
    if result.kind == "project":
        out += ["", f"Themes left with no project ({len(result.themes_losing_projects)})"]
        out += _ids(result.themes_losing_projects, result.titles)
        out += ["", f"Benefits left with no realiser ({len(result.benefits_losing_realisers)})"]
        out += _ids(result.benefits_losing_realisers, result.titles)
    out += ["", f"Attributed investment of the {plural(len(result.investment), 'aim')} it touches ({currency})"]
    if result.investment:
        rows = [
            [a, f"{before:,.0f}", "->", f"{after:,.0f}", _change(before, after)]
            for a, (before, after) in result.investment.items()
        ]
        table = text_table(["aim", "before", "", "after", "change"], rows, align=("<", ">", "<", ">", "<"))
        out += ["  " + line for line in table]
    else:
        out.append("  none: it reaches no aim")
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


def impacts_json(results: Sequence[Impact]) -> dict[str, object]:
    """The command's own keys of ``goldenthread impact --format json``: ``impacts``, one per ID in order.

    With a single ID its keys are also at the top level, as before ``impact``
    took several (deprecated: read ``impacts``).
    """
    impacts = [impact_json(r) for r in results]
    return {**(impacts[0] if len(impacts) == 1 else {}), "impacts": impacts}


def render_impact(analysis: Analysis, results: Sequence[Impact], fmt: str = "text") -> str:
    """The impact of each entity in ``results`` in ``fmt`` (one of :data:`FORMATS`), in order."""
    if fmt == "json":
        return dumps(document("impact", model_block(analysis.model, analysis.root), impacts_json(results)))
    currency = analysis.model.info.currency
    out: list[str] = []
    for i, result in enumerate(results):
        out += ([""] if i else []) + _text(result, currency)
    return "\n".join(out) + "\n"
