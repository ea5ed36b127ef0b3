"""How every renderer writes numbers, money, shares, plurals, tables and colour.

Renderers build ``(header, rows)`` once and choose the layout here (text,
Markdown or CSV), so the forms of a report always hold the same cells; and
they format figures here, so that a sum of money reads the same in a table,
a tree, a summary and an HTML page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from goldenthread.model.types import ModelInfo
from goldenthread.traceability.render.safetext import csv_text, one_line

__all__ = [
    "MIN_FIT_WIDTH",
    "NOT_STATED",
    "NO_INVESTMENT",
    "amount",
    "csv_table",
    "display_width",
    "markdown_escape",
    "markdown_table",
    "minor_unit",
    "model_heading",
    "money",
    "money_display",
    "number",
    "paint",
    "percent",
    "percent_display",
    "plural",
    "shorten",
    "text_table",
]

#: A column is right-aligned when its spec is ">", left-aligned otherwise.
Align = Sequence[str]

#: The narrowest a column fitted to the terminal is made (wider than any header it has).
MIN_FIT_WIDTH = 16


# -- numbers ---------------------------------------------------------------------------------------
def number(x: float | int | None) -> str:
    """A number as people write it: thousands separated, no needless ``.0``; ``""`` for None.

    >>> number(1250000), number(2.5), number(1234.567), number(None)
    ('1,250,000', '2.5', '1,234.57', '')
    """
    if x is None:
        return ""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


#: What a report says of money nobody stated: never 0.
NOT_STATED = "not stated"
#: ... and money that does not exist: an aim no project reaches.
NO_INVESTMENT = "none"

#: ISO 4217 currencies whose minor unit is not the hundredth: digits after the point.
_MINOR_DIGITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV"), 0),
    **dict.fromkeys(("XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}


def minor_unit(x: float | None, currency: str) -> float | None:
    """An amount rounded to the currency's minor unit (pence, cents; yen whole), for machine formats.

    >>> minor_unit(6525833.333333333, "GBP"), minor_unit(1234.5, "JPY"), minor_unit(None, "GBP")
    (6525833.33, 1234.0, None)
    """
    if x is None:
        return None
    return round(float(x), _MINOR_DIGITS.get(currency, 2)) + 0.0  # + 0.0: no -0.0


def amount(x: float | None) -> str:
    """A sum in whole units with thousands separators, for a table headed by its currency; None: not stated.

    >>> amount(1234567.4), amount(None)
    ('1,234,567', 'not stated')
    """
    return NOT_STATED if x is None else f"{x:,.0f}"


def money(x: float, currency: str) -> str:
    """An amount rounded to whole units after the currency code, as text reports write it.

    >>> money(1234567.4, "GBP")
    'GBP 1,234,567'
    """
    return f"{currency} {x:,.0f}"


_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money_display(x: float | int | None, currency: str = "GBP") -> str:
    """A sum as a page shows it: a symbol for the common currencies, else the code; pence kept.

    >>> money_display(1250000), money_display(99.5, "EUR"), money_display(10, "CHF"), money_display(None)
    ('£1,250,000', '€99.50', 'CHF 10', '')
    >>> money_display(-5, "GBP")
    '-£5'
    """
    if x is None:
        return ""
    text = f"{x:,.2f}" if not float(x).is_integer() else f"{int(x):,}"
    symbol = _SYMBOLS.get(currency)
    if symbol:
        return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"
    return f"{currency} {text}"


def board_money(x: float | int | None, currency: str = "GBP") -> str:
    """A sum as a board reads it: millions to one decimal, thousands whole; ``not stated`` for None.

    The exact figure (:func:`money_display`) stays in the tables behind.

    >>> board_money(6_480_000), board_money(259_600), board_money(950), board_money(12_000_000, "EUR")
    ('£6.5m', '£260k', '£950', '€12m')
    >>> board_money(None), board_money(0), board_money(999_600), board_money(-1_500_000, "CHF")
    ('not stated', '£0', '£1m', '-CHF 1.5m')
    """
    if x is None:
        return "not stated"
    size = abs(x)
    if round(size / 1e3) >= 1000:
        text = f"{size / 1e6:.1f}".removesuffix(".0") + "m"
    elif size >= 1000:
        text = f"{size / 1e3:.0f}k"
    else:
        text = f"{size:.0f}"
    symbol = _SYMBOLS.get(currency)
    sign = "-" if x < 0 else ""
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{currency} {text}"


def percent(fraction: float | None, digits: int | None = 0) -> str:
    """A 0..1 fraction as a percentage; ``""`` for None.

    ``digits`` None: whole percent, one decimal below 1% (so a small share is not shown as 0%).

    >>> percent(0.5), percent(0.1234, 1), percent(0.4567, None), percent(0.004, None), percent(None)
    ('50%', '12.3%', '46%', '0.4%', '')
    """
    if fraction is None:
        return ""
    pct = fraction * 100
    if digits is None:
        digits = 1 if 0 < abs(pct) < 1 else 0
    return f"{pct:.{digits}f}%"


def percent_display(share: float | None) -> str:
    """A share as a page shows it: whole percent, one decimal below 1%.

    >>> percent_display(0.4567), percent_display(0.004), percent_display(None)
    ('46%', '0.4%', '')
    """
    return percent(share, None)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 aim``, ``2 aims``, thousands separated (``words`` for an irregular plural).

    >>> plural(1, "aim"), plural(1200, "aim"), plural(2, "entity", "entities")
    ('1 aim', '1,200 aims', '2 entities')
    """
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def title_list(titles: Sequence[str], most: int = 6) -> str:
    """Titles as a sentence lists them: ``A, B and C``; past ``most``, the first ones and how many more.

    >>> title_list(["Roads"]), title_list(["Roads", "Schools", "Care"]), title_list(list("abcdefgh"), 3)
    ('Roads', 'Roads, Schools and Care', 'a, b, c and 5 more')
    """
    if len(titles) > most:
        return ", ".join(titles[:most]) + f" and {len(titles) - most} more"
    if len(titles) <= 1:
        return "".join(titles)
    return ", ".join(titles[:-1]) + " and " + titles[-1]


def model_heading(info: ModelInfo) -> str:
    """``Title (Organisation, as of 2005-07-14)``: the first line of every text report, on one line."""
    title = info.title or "Untitled model"
    who = f"{info.organisation}, " if info.organisation else ""
    return one_line(f"{title} ({who}as of {info.as_of.isoformat()})")


# -- colour ----------------------------------------------------------------------------------------
_RESET = "\x1b[0m"
_COLOURS = {
    "error": "\x1b[31m",
    "warning": "\x1b[33m",
    "waived": "\x1b[2m",
    "no investment": "\x1b[31m",
    "no evidence": "\x1b[33m",
    "at risk": "\x1b[33m",
    "covered": "\x1b[32m",
}


def paint(text: str, key: str, colour: bool = True) -> str:
    """``text`` in the ANSI colour of ``key`` (a severity or a status) when ``colour``; else as is.

    >>> paint("covered", "covered")
    '\\x1b[32mcovered\\x1b[0m'
    >>> paint("covered", "covered", colour=False), paint("x", "unknown key")
    ('covered', 'x')
    """
    return f"{_COLOURS[key]}{text}{_RESET}" if colour and key in _COLOURS else text


# -- tables ----------------------------------------------------------------------------------------
def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide characters take two, combining marks none.

    >>> display_width("abc"), display_width("日本"), display_width("e\u0301")
    (3, 4, 1)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` columns with an ellipsis when longer.

    >>> shorten("Maximising life opportunities", 12)
    'Maximising…'
    >>> shorten("short", 12)
    'short'
    """
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


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: Align = (),
    width: int | None = None,
    fit: int | None = None,
) -> list[str]:
    """Lines of a plain table: header, a rule, the rows; columns two spaces apart, no trailing spaces.

    ``align[i] == ">"`` right-aligns column ``i`` (numbers). With a terminal
    ``width``, column ``fit`` (a title) is cut with an ellipsis just enough for
    the table to fit, never below :data:`MIN_FIT_WIDTH`; it is never cut when
    there is room.

    >>> text_table(["id", "title"], [["a1", "Maximising life opportunities"]], width=20, fit=1)
    ['id  title', '--  ----------------', 'a1  Maximising life…']
    """
    cells = [[one_line(c) for c in row] for row in rows]
    widths = [display_width(h) for h in header]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    if width is not None and fit is not None:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        if excess > 0 and widths[fit] > MIN_FIT_WIDTH:
            widths[fit] = max(MIN_FIT_WIDTH, display_width(header[fit]), widths[fit] - excess)
            for row in cells:
                row[fit] = shorten(row[fit], widths[fit])
    right = [i < len(align) and align[i] == ">" for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(_pad(c, widths[i], right[i]) for i, c in enumerate(row)).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in cells)]


def markdown_escape(text: str) -> str:
    """Text safe inside a Markdown table cell or a pull-request comment: one line, markup shown as written.

    Pipes and markup characters are escaped, ``&`` too (so ``&amp;`` shows as
    typed, not as ``&``), and each ``@`` is a code span: GitHub notifies no one
    for ``@user`` or ``@org/team`` inside code.

    >>> markdown_escape("a|b *c*")
    'a\\\\|b \\\\*c\\\\*'
    >>> markdown_escape("ask @octocat &amp; @org/team")
    'ask `@`octocat \\\\&amp; `@`org/team'
    """
    text = " ".join(one_line(str(text)).split())
    for ch in "\\`*_[]<>|&":
        text = text.replace(ch, "\\" + ch)
    return text.replace("@", "`@`")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: Align = ()) -> list[str]:
    """Lines of a GitHub-flavoured Markdown table; cells are escaped here."""
    rules = ["---:" if i < len(align) and align[i] == ">" else "---" for i in range(len(header))]
    out = ["| " + " | ".join(markdown_escape(h) for h in header) + " |", "| " + " | ".join(rules) + " |"]
    out.extend("| " + " | ".join(markdown_escape(c) for c in row) + " |" for row in rows)
    return out


def csv_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    r"""The header and rows as CSV, written by the one CSV writer (no cell can run as a formula).

    >>> csv_table(["id", "title"], [["a1", "=1+1"], ["a2", -3]])
    "id,title\na1,'=1+1\na2,-3\n"
    """
    return csv_text([header, *rows])
