"""Page 1 of the report: what the committee is asked to decide, and the aims sorted by how much they need it.

Everything here is worded for people: entities by title, money as a board
reads it (:func:`~goldenthread.traceability.render.formatting.board_money`),
shares in whole percent.  Ids, rule ids and file positions stay in the annex.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from goldenthread.traceability.benefits import BenefitStatus
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.coverage import AimCoverage
from goldenthread.traceability.reach import evidencing_benefits
from goldenthread.traceability.render.formatting import (
    NO_INVESTMENT,
    board_money,
    number,
    percent,
    plural,
    title_list,
)
from goldenthread.traceability.since import Since

__all__ = ["SEVERITY", "aim_rows", "at_risk_reasons", "decisions"]

#: The order a board reads the aims in: what needs a decision first.
SEVERITY = ("no investment", "at risk", "no evidence", "covered")
Row = dict[str, Any]


def _value(s: BenefitStatus, value: float) -> str:
    return number(round(value, 2)) + (f" {s.unit}" if s.unit else "")


def at_risk_reasons(s: BenefitStatus) -> str | None:
    """Why a measured benefit does not count as sound evidence, in words; None when it does.

    The latest value is set against the value expected by now (the straight
    line from the baseline to the target), or against the target once due.
    """
    if s.latest is None or s.status in ("achieved", "on track"):
        return None
    latest = f"{_value(s, s.latest.value)} on {s.latest.date.isoformat()}"
    if s.status == "missed" and s.target is not None:
        due = f" by {s.target_date.isoformat()}" if s.target_date else ""
        return f"{s.title} missed its target of {_value(s, s.target)}{due}: latest {latest}"
    if s.status == "behind" and None not in (s.expected, s.baseline, s.target):
        assert s.expected is not None and s.baseline is not None and s.target is not None
        expected = s.baseline + s.expected * (s.target - s.baseline)
        return f"{s.title} is behind: {latest} against {_value(s, expected)} expected by then"
    return f"{s.title} is measured ({latest}) but has no target to be on track for"


def _investment(analysis: Analysis, a: AimCoverage) -> float | None:
    """The aim's investment; None when no project reaching it states a budget (never shown as 0)."""
    projects = analysis.model.projects
    if not any(projects[p].budget is not None for p in a.projects):
        return None
    return a.investment


def aim_rows(analysis: Analysis, since: Since | None = None) -> list[Row]:
    """The aims, worst first (:data:`SEVERITY`, then model order), each with what a board needs."""
    model, currency = analysis.model, analysis.model.info.currency
    statuses = {s.id: s for s in analysis.benefits}
    rows = []
    for a in analysis.coverage.aims:
        invested = _investment(analysis, a)
        why = [
            r
            for b in evidencing_benefits(analysis.graph, a.id)
            if (r := at_risk_reasons(statuses[b])) is not None and a.status == "at risk"
        ]
        row: Row = {
            "id": a.id,
            "title": a.title,
            "status": a.status,
            "waived": a.waived,
            "reason": a.reason,
            "investment": NO_INVESTMENT if not a.projects else board_money(invested, currency),
            "exact": invested,
            "share": percent(a.share) if invested else "",
            "evidence": _evidence(a),
            "owner": model.aims[a.id].owner or "not named",
            "why": why,
            "rank": SEVERITY.index(a.status) if a.status in SEVERITY else len(SEVERITY),
        }
        change = since.aims.get(a.id) if since else None
        if since is not None:
            row["before"] = _before(change, currency)
        rows.append(row)
    return sorted(rows, key=lambda r: r["rank"])


def _evidence(a: AimCoverage) -> str:
    if not a.total:
        return "no benefit named"
    if not a.measured:
        return f"{plural(a.total, 'benefit')}, none measured"
    return f"{a.sound} of {a.measured} measured on track or achieved" + (
        f" ({a.total - a.measured} not measured)" if a.total > a.measured else ""
    )


def _before(change: Any, currency: str) -> Row:
    """The aim as it was, and which way it moved: ``↑`` better, ``↓`` worse, ``→`` the same."""
    if change is None or change.status_before is None:
        return {"status": "new", "investment": "", "arrow": "new", "moved": "new"}
    b, a = SEVERITY.index(change.status_before), SEVERITY.index(change.status_after)
    moved = "better" if a > b else "worse" if a < b else "same"
    return {
        "status": change.status_before,
        "investment": board_money(change.investment_before, currency),
        "arrow": {"better": "↑", "worse": "↓", "same": "→"}[moved],
        "moved": moved,
    }


def _delivery(analysis: Analysis, say: Callable[[str, str], None]) -> None:
    """Projects over budget or past their end, aims resting on low confidence, dis-benefits over their limit.

    Taken from the unwaived findings of their rules, so page 1 and the annex
    never disagree; worded with titles and the figures behind each.
    """
    model, currency = analysis.model, analysis.model.info.currency
    hits: dict[str, list[str]] = {}
    for f in analysis.findings:
        if not f.waived and f.entity is not None:
            hits.setdefault(f.rule, []).append(f.entity)
    overspent = [
        f"{p.title} ({board_money(p.spent, currency)} spent of {board_money(p.budget, currency)})"
        for p in map(model.projects.__getitem__, hits.get("project-overspent", ()))
    ]
    if overspent:
        say("overspent", f"Over budget: {title_list(overspent)}. Agree the extra money, or cut the scope.")
    overdue = [
        f"{p.title} (due {p.end.isoformat() if p.end else 'unknown'}, still {p.status})"
        for p in map(model.projects.__getitem__, hits.get("project-overdue", ()))
    ]
    if overdue:
        say("overdue", f"Past their end date: {title_list(overdue)}. Agree a new date, or close them.")
    shaky = [model.aims[a].title for a in hits.get("aim-low-confidence", ())]
    if shaky:
        say(
            "low-confidence",
            f"{title_list(shaky)} "
            + ("rests" if len(shaky) == 1 else "rest")
            + " only on projects whose delivery confidence is red or amber-red.",
        )
    statuses = {s.id: s for s in analysis.benefits}
    over = []
    for b in hits.get("dis-benefit-over-limit", ()):
        s = statuses[b]
        if s.latest is not None and s.target is not None:
            over.append(f"{s.title} ({_value(s, s.latest.value)} against a limit of {_value(s, s.target)})")
    if over:
        say("over-limit", f"Dis-benefits over their limit: {title_list(over)}.")


def decisions(analysis: Analysis, rows: list[Row], since: Since | None = None) -> list[Row]:
    """The "for decision" points, generated from the figures: each a key and a sentence of plain words."""
    model, report = analysis.model, analysis.coverage
    currency = model.info.currency
    titles = {e.id: e.title for e in model.entities()}
    money = report.money
    assert money is not None
    out: list[Row] = []

    def say(key: str, text: str) -> None:
        out.append({"key": key, "text": text})

    bare = [r["title"] for r in rows if r["status"] == "no investment"]
    if bare:
        say(
            "no-investment",
            f"{plural(len(bare), 'aim has', 'aims have')} no investment: {title_list(bare)}. "
            "No project in the portfolio works towards "
            + ("it" if len(bare) == 1 else "them")
            + ": fund work, or retire the aim.",
        )
    for r in rows:
        if r["status"] == "at risk":
            reasons = "; ".join(r["why"]) or "none of its measured benefits is achieved or on track"
            say("at-risk", f"{r['title']} is at risk: {reasons}.")
    dark = [r["title"] for r in rows if r["status"] == "no evidence"]
    if dark:
        say(
            "no-evidence",
            f"{plural(len(dark), 'aim has', 'aims have')} no measured evidence: {title_list(dark)}. "
            "Nothing shows whether the money spent on " + ("it" if len(dark) == 1 else "them") + " is working.",
        )
    _delivery(analysis, say)
    if money.untraced:
        named = [f"{titles[i]} ({board_money(amount, currency)})" for i, amount in money.untraced]
        say(
            "untraced",
            f"{board_money(money.untraced_total, currency)} reaches no aim: {title_list(named)}. "
            "Link it to the strategy, or stop it.",
        )
    if report.unfunded:
        named = [titles[i] for i in report.unfunded]
        say(
            "unfunded",
            f"{plural(len(named), 'project states', 'projects state')} no budget: {title_list(named)}. "
            + ("Its" if len(named) == 1 else "Their")
            + " cost is not stated, so the investment shown leaves it out.",
        )
    if money.proposed:
        named = [titles[i] for i, _ in money.proposed]
        amount = money.proposed_traced
        say(
            "proposed",
            f"{board_money(amount, currency)} of the investment is proposed, not committed: {title_list(named)}."
            if amount
            else f"Proposed, not committed, reaching no aim: {title_list(named)}."
            if amount is not None
            else f"Proposed, not committed, with no budget stated: {title_list(named)}.",
        )
    if since is not None:
        worse = [r["title"] for r in rows if r.get("before", {}).get("moved") == "worse"]
        better = [r["title"] for r in rows if r.get("before", {}).get("moved") == "better"]
        moved = [f"{b.title} ({b.before or 'new'} → {b.after})" for b in since.benefits]
        parts = []
        if worse:
            parts.append(f"worse: {title_list(worse)}")
        if better:
            parts.append(f"better: {title_list(better)}")
        if moved:
            parts.append(f"benefits whose status changed: {title_list(moved)}")
        say("since", f"Since {since.rev}: " + ("; ".join(parts) if parts else "no aim or benefit changed status") + ".")
    if not out:
        say("none", "Every aim is covered and all the money reaches an aim: the thread needs no decision.")
    return out
