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
) -> Markup:
    """An inline SVG line chart, one point per label, placed by date when the labels are dates.

    ``labels`` are ISO dates (oldest first; spaced by the time between them)
    or any text (spaced evenly); ``tips`` one hover text per point; ``money``
    the currency when the values are sums; ``percent`` for shares (0..100,
    the axis to 100%); ``tags`` the tag names of each point, drawn as a
    dashed line across the plot and named under the axis.  Every text is
    escaped here: the result is safe to put in a page as it is.
    """
    width, left, right, top_pad, bottom = 900, 90, 20, 14, 46 if tags else 40
    n = len(labels)
    values = [v for s in series for v in s.values if v is not None]
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0] if percent else _ticks(max(values, default=0.0))
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
        if percent:
            return f"{v:.0f}%"
        return money_display(v, money) if money else number(v)

    e = html.escape
    out = [
        f'<svg class="gt-chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{e(' / '.join(s.label for s in series))}</title>",
    ]
    for t in ticks:
        ty = round(y(t), 2)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{ty}" y2="{ty}" stroke="#e5e7eb" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 8}" y="{ty + 4}" text-anchor="end" font-size="13" fill="#374151">{e(fmt(t))}</text>'
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
    shown = sorted({0, n - 1, *(round(i * (n - 1) / 4) for i in range(1, 4))}) if n > 1 else [0]
    for i in shown:
        if 0 <= i < n:
            anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
            out.append(
                f'<text x="{round(x(i), 2)}" y="{top_pad + plot_h + 18}" text-anchor="{anchor}" font-size="13" '
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
            runs[-1].append(f"{round(x(i), 2)},{round(y(v), 2)}")
        for run in runs:
            if len(run) > 1:
                out.append(
                    f'<polyline class="gt-line" data-series="{k}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dashed} points="{" ".join(run)}"/>'
                )
        for i, v in enumerate(s.values):
            if v is None:
                continue
            out.append(
                f'<circle class="gt-point" data-series="{k}" cx="{round(x(i), 2)}" cy="{round(y(v), 2)}" r="4" '
                f'fill="{colour}"><title>{e(s.label)}: {e(fmt(v))} ({e(tips[i])})</title></circle>'
            )
    out.append("</svg>")
    return Markup("\n".join(out))


def legend(series: Sequence[Series]) -> list[dict[str, str]]:
    """Each series' label with the colour and dash its line is drawn in, for the key beside a chart."""
    return [
        {"label": s.label, "colour": _COLOURS[k % len(_COLOURS)], "dash": _DASHES[k % len(_DASHES)]}
        for k, s in enumerate(series)
    ]
