"""Lay out rows as a text table, a Markdown table or CSV, and format the numbers in them.

Renderers build ``(header, rows)`` once and choose the layout here, so the
three forms of a report always hold the same cells.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence

__all__ = [
    "csv_table",
    "display_width",
    "markdown_escape",
    "markdown_table",
    "money",
    "number",
    "percent",
    "plural",
    "shorten",
    "text_table",
]

#: A column is right-aligned when its spec is ">", left-aligned otherwise.
Align = Sequence[str]


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis, on one line."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: Align = ()) -> list[str]:
    """Lines of a plain table: header, a rule, the rows; columns two spaces apart, no trailing spaces.

    ``align[i] == ">"`` right-aligns column ``i`` (numbers).
    """
    widths = [display_width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    right = [i < len(align) and align[i] == ">" for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(_pad(c, widths[i], right[i]) for i, c in enumerate(cells)).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def markdown_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and markup characters escaped."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: Align = ()) -> list[str]:
    """Lines of a GitHub-flavoured Markdown table; cells are escaped here."""
    rules = ["---:" if i < len(align) and align[i] == ">" else "---" for i in range(len(header))]
    out = ["| " + " | ".join(markdown_escape(h) for h in header) + " |", "| " + " | ".join(rules) + " |"]
    out.extend("| " + " | ".join(markdown_escape(c) for c in row) + " |" for row in rows)
    return out


def csv_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text (RFC 4180 quoting, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def number(x: float | int | None) -> str:
    """A number as people write it: thousands separated, no needless ``.0``; ``""`` for None."""
    if x is None:
        return ""
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def money(x: float, currency: str) -> str:
    """An amount rounded to whole units: ``GBP 1,234,567``."""
    return f"{currency} {x:,.0f}"


def percent(fraction: float | None, digits: int = 0) -> str:
    """``0.5`` -> ``50%``; ``""`` for None."""
    if fraction is None:
        return ""
    return f"{fraction * 100:.{digits}f}%"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 aim``, ``2 aims`` (``words`` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"
