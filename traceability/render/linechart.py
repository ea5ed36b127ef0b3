"""The history page's line chart: inline SVG, plotted by date, one line a series.

Drawn here rather than by a charting library so that the page stays offline and
its text stays escaped (every label and tip goes through ``html.escape``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from goldenthread.traceability.render.formatting import money_display, number

__all__ = ["Series", "legend", "line_chart"]

#: Series colours: the Okabe-Ito palette the other pages' statuses use.
# The shares: blue, reddish purple, then "covered" in its status colour (bluish green).
_COLOURS = ("#0072b2", "#cc79a7", "#009e73", "#000000")
_DASHES = ("", "6 3", "2 3", "8 3 2 3")
#: Each series' mark has its own shape, so that two series sharing a value stay
#: told apart in black and white, and by readers who cannot tell the colours apart.
_SHAPES = ("circle", "square", "diamond", "triangle")
#: Lines that share a value at a point are drawn this far apart (a line is 2.5 wide):
#: otherwise the one drawn last hides the other ("with evidence" equal to "covered").
_APART = 3.0
#: The phone's chart is drawn at about the width it is shown (a 390 px screen less the
#: page's margins), so its text is not scaled down to an unreadable size.
_PHONE_WIDTH = 340


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: a label and one value per point (None: no value, a gap in the line)."""

    label: str
    values: Sequence[float | None]


def _ticks(top: float) -> list[float]:
    """Four or five round steps from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if top <= 4 and float(top).is_integer():
        step = 1.0
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _mark(k: int, cx: float, cy: float, colour: str, tip: str = "") -> str:
    """Series ``k``'s mark centred on (cx, cy), with its hover text (already escaped)."""
    shape = _SHAPES[k % len(_SHAPES)]
    title = f"<title>{tip}</title>" if tip else ""
    common = f'class="gt-point" data-series="{k}" data-shape="{shape}" fill="{colour}"'
    if shape == "circle":
        return f'<circle {common} cx="{cx}" cy="{cy}" r="4">{title}</circle>'
    if shape == "square":
        return (
            f'<rect {common} x="{round(cx - 3.6, 2)}" y="{round(cy - 3.6, 2)}" width="7.2" height="7.2">{title}</rect>'
        )
    d = 5.0
    corners = (
        [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)]
        if shape == "diamond"
        else [(cx, cy - d), (cx + d, cy + d * 0.8), (cx - d, cy + d * 0.8)]
    )
    points = " ".join(f"{round(a, 2)},{round(b, 2)}" for a, b in corners)
    return f'<polygon {common} points="{points}">{title}</polygon>'


def _apart(series: Sequence[Series]) -> list[list[float]]:
    """For each series and point, how far its line is moved up or down so that lines sharing a value there
    are drawn side by side (the first series on top), 0 where a value is its own."""
    shifts = [[0.0] * len(s.values) for s in series]
    for i in range(max((len(s.values) for s in series), default=0)):
        groups: dict[float, list[int]] = {}
        for k, s in enumerate(series):
            v = s.values[i] if i < len(s.values) else None
            if v is not None:
                groups.setdefault(round(v, 9), []).append(k)
        for members in groups.values():
            for j, k in enumerate(members):
                shifts[k][i] = (j - (len(members) - 1) / 2) * _APART
    return shifts


def _day(iso: str) -> dt.date:
    """The date of an ISO 8601 time stamp (a commit's), or of a plain date."""
    return dt.date.fromisoformat(iso[:10])


def line_chart(
    series: Sequence[Series],
    labels: Sequence[str],
    tips: Sequence[str],
    money: str | None = None,
    *,
    percent: bool = False,
    tags: Sequence[Sequence[str]] = (),
    height: int = 260,
    phone: bool = False,
) -> Markup:
    """An inline SVG line chart, one point per label, placed by date when the labels are dates.

    ``labels`` are ISO dates (oldest first; spaced by the time between them)
    or any text (spaced evenly); ``tips`` one hover text per point; ``money``
    the currency when the values are sums; ``percent`` for shares (0..100,
    the axis to 100%); ``tags`` the tag names of each point, drawn as a
    dashed line across the plot and named under the axis.  Every text is
    escaped here: the result is safe to put in a page as it is.  Lines that
    share a value are drawn side by side, each with its own shape of mark.
    ``phone``: the narrow variant (fewer dates under the axis), for a page to
    show instead on a narrow screen.
    """
    n = len(labels)
    values = [v for s in series for v in s.values if v is not None]
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0] if percent else _ticks(max(values, default=0.0))
    font = 12 if phone else 13
    if phone:
        # The y axis as wide as its longest label needs (about 0.6 em a character), no wider.
        widest = max(len(_tick_text(t, percent, money)) for t in ticks)
        width, left, right = _PHONE_WIDTH, round(widest * font * 0.62) + 12, 12
    else:
        width, left, right = 900, 90, 20
    top_pad, bottom = 14, 46 if tags else 40
    y_max = ticks[-1] or 1.0
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    try:
        days = [_day(label).toordinal() for label in labels]
    except ValueError:
        days = list(range(n))
    first, span = (days[0], days[-1] - days[0]) if days else (0, 0)

    def x(i: int) -> float:
        if n == 1 or span == 0:
            return left + (plot_w / 2 if n == 1 else plot_w * i / max(1, n - 1))
        return left + plot_w * (days[i] - first) / span

    def y(v: float) -> float:
        return top_pad + plot_h * (1 - v / y_max)

    def fmt(v: float) -> str:
        return _tick_text(v, percent, money)

    e = html.escape
    shifts = _apart(series)
    out = [
        f'<svg class="{"gt-chart-phone" if phone else "gt-chart"}" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{e(' / '.join(s.label for s in series))}</title>",
    ]
    for t in ticks:
        ty = round(y(t), 2)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{ty}" y2="{ty}" stroke="#e5e7eb" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 8}" y="{ty + 4}" text-anchor="end" font-size="{font}" fill="#374151">{e(fmt(t))}</text>'
        )
    out.append(
        f'<line x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}" stroke="#9ca3af" stroke-width="1"/>'
    )
    for i, names in enumerate(tags):
        if names:
            tx = round(x(i), 2)
            out.append(
                f'<line class="gt-tag-line" x1="{tx}" x2="{tx}" y1="{top_pad}" y2="{top_pad + plot_h}" '
                f'stroke="#6b7280" stroke-width="1" stroke-dasharray="3 3"><title>{e(", ".join(names))}</title></line>'
            )
            out.append(
                f'<text class="gt-tag" x="{tx}" y="{height - 4}" text-anchor="middle" font-size="12" '
                f'font-weight="700" fill="#1d2430">{e(", ".join(names))}</text>'
            )
    parts = 2 if phone else 4
    shown = sorted({0, n - 1, *(round(i * (n - 1) / parts) for i in range(1, parts))}) if n > 1 else [0]
    for i in shown:
        if 0 <= i < n:
            anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
            out.append(
                f'<text x="{round(x(i), 2)}" y="{top_pad + plot_h + 18}" text-anchor="{anchor}" font-size="{font}" '
                f'fill="#374151">{e(labels[i][:10])}</text>'
            )
    for k, s in enumerate(series):
        colour = _COLOURS[k % len(_COLOURS)]
        dash = _DASHES[k % len(_DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(f"{round(x(i), 2)},{round(y(v) + shifts[k][i], 2)}")
        for run in runs:
            if len(run) > 1:
                out.append(
                    f'<polyline class="gt-line" data-series="{k}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dashed} points="{" ".join(run)}"/>'
                )
        for i, v in enumerate(s.values):
            if v is None:
                continue
            tip = f"{e(s.label)}: {e(fmt(v))} ({e(tips[i])})"
            out.append(_mark(k, round(x(i), 2), round(y(v) + shifts[k][i], 2), colour, tip))
    out.append("</svg>")
    return Markup("\n".join(out))


def _tick_text(v: float, percent: bool, money: str | None) -> str:
    if percent:
        return f"{v:.0f}%"
    return money_display(v, money) if money else number(v)


def legend(series: Sequence[Series]) -> list[dict[str, str | Markup]]:
    """Each series' label with the colour, dash and mark its line is drawn with, for the key beside a chart."""
    return [
        {
            "label": s.label,
            "colour": _COLOURS[k % len(_COLOURS)],
            "dash": _DASHES[k % len(_DASHES)],
            "mark": Markup(_mark(k, 14.0, 5.0, _COLOURS[k % len(_COLOURS)])),
        }
        for k, s in enumerate(series)
    ]
