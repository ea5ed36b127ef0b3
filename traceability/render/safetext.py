"""Make user text inert where other programs read it: terminals, CI logs and spreadsheets.

Titles, messages and file names come from the model, which may be hostile.
Every renderer that writes text for a terminal, a text report, a GitHub
workflow command or a CSV file passes user text through one of these, so
that a title can neither split a finding over two lines, forge another
finding, move the cursor, reorder a line (bidirectional controls), nor run
as a formula in the spreadsheet that opens an export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["csv_cell", "csv_text", "one_line", "workflow_data", "workflow_property"]

# C0 and C1 controls (line breaks and tab included), DEL, the Unicode line and
# paragraph separators, and the bidirectional controls (Trojan Source, CVE-2021-42574).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    r"""``text`` printable on one line: line breaks as ``\n``, other controls and bidi marks escaped.

    Only text holding something to escape has its backslashes doubled, so a
    plain Windows path reads as it is written; where a control character is
    escaped, a backslash written in the text shows as ``\\``, telling the
    two apart.

    >>> one_line("two\nlines")
    'two\\nlines'
    >>> one_line("C:\\new")
    'C:\\new'
    >>> one_line("cr\roverwrites")
    'cr\\roverwrites'
    >>> one_line("\x1b]0;title\x07")
    '\\x1b]0;title\\x07'
    >>> one_line("abc\u202edef")
    'abc\\u202edef'
    >>> one_line("Café, naïve 日本")
    'Café, naïve 日本'
    """
    if _UNPRINTABLE.search(text) is None:
        return text
    return re.sub(r"[\\]|" + _UNPRINTABLE.pattern, _escape, text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    r"""A CSV cell that no spreadsheet runs as a formula (the OWASP rule: prefix ``'``).

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    (after any apostrophes) gets a leading apostrophe, which an import takes
    off again; numbers are left alone, so a negative number stays a number.
    Quoting fields that hold a line break is :func:`csv_text`'s job.

    >>> csv_cell("=HYPERLINK(\"http://x\")")
    '\'=HYPERLINK("http://x")'
    >>> csv_cell("-1"), csv_cell(-1), csv_cell("a-b"), csv_cell(""), csv_cell("'=x"), csv_cell("'x")
    ("'-1", -1, 'a-b', '', "''=x", "'x")
    """
    # Text already starting with apostrophes before a formula character gets one more,
    # so that taking one off on import (model/sources/spreadsheet.py) gives the text back.
    if isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_field(value: object) -> str:
    value = csv_cell(value)
    text = "" if value is None else str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    r"""Rows as CSV (RFC 4180 quoting, ``\n`` line ends), every cell through :func:`csv_cell`.

    Written here rather than with :mod:`csv`, whose writer leaves a lone
    carriage return unquoted when lines end with ``\n``: a reader then splits
    the row in two.  Every field holding a comma, a quote, CR or LF is quoted.

    >>> csv_text([["id", "title"], ["a1", "one\rtwo"], ["a2", "=1+1, x"], ["a3", -3], ["a4", 'a "b']])
    'id,title\na1,"one\rtwo"\na2,"\'=1+1, x"\na3,-3\na4,"a ""b"\n'
    """
    # A row of one empty field is written "" (as the csv module does): an empty line reads as no field at all.
    return "".join((",".join(_csv_field(v) for v in row) or '""') + "\n" for row in rows)


def workflow_data(s: str) -> str:
    r"""The message of a GitHub workflow command (``::error ...::message``): ``%``, CR and LF encoded.

    >>> workflow_data("50% done\nnext::error::forged")
    '50%25 done%0Anext::error::forged'
    """
    text = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # A line break was the only way out of the command; other controls would still reach the log.
    return one_line(text)


def workflow_property(s: str) -> str:
    r"""A property value of a workflow command (``file=``, ``title=``): also ``:`` and ``,`` encoded.

    >>> workflow_property("a,b:c\n")
    'a%2Cb%3Ac%0A'
    """
    return workflow_data(s).replace(":", "%3A").replace(",", "%2C")
