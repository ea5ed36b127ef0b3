"""Plain YAML scalars as values, by the YAML 1.2 core schema plus ISO dates: text to null, bool, int, float, date.

Used by the reader (``yamlread.py``) and by the round-trip editor, which must read
a scalar exactly as the reader does.
"""

from __future__ import annotations

import datetime as dt
import math
import re

__all__ = ["CORE", "MAX_INT_DIGITS", "SCALAR_TAGS", "BadScalar", "resolve_plain", "resolve_tagged"]

#: Digits an integer may have (decimal, octal or hex).  Python refuses to turn
#: integers of over 4,300 decimal digits into text, and no model needs a
#: thousand; the bound keeps every integer printable wherever it goes.
MAX_INT_DIGITS = 1000

#: The prefix of the core schema's tags (``!!str`` is ``tag:yaml.org,2002:str``).
CORE = "tag:yaml.org,2002:"

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_NUMERIC_START = frozenset("0123456789+-.")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


class BadScalar(ValueError):
    """A plain scalar that looks like a value of some type but is not a valid one."""


def resolve_plain(text: str) -> object:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema, plus ISO dates.

    >>> resolve_plain("no"), resolve_plain("0x1F"), resolve_plain("2005-07-14")
    ('no', 31, datetime.date(2005, 7, 14))
    """
    if not text or text[0] in _NUMERIC_START:
        if text in _NULLS:
            return None
        if _INT.match(text):
            return int(_digits(text, text.lstrip("+-")))
        # Matched first: int() alone would also take "0o1_7", "0x 1F" or "0o+7", which YAML 1.2 reads as text.
        if _OCT.match(text):
            return int(_digits(text, text[2:]), 8)
        if _HEX.match(text):
            return int(_digits(text, text[2:]), 16)
        if _FLOAT.match(text):
            return float(text)
        if text in ("+.inf", "-.inf", ".inf", "+.Inf", "-.Inf", ".Inf", "+.INF", "-.INF", ".INF"):
            return -math.inf if text[0] == "-" else math.inf
        if text in (".nan", ".NaN", ".NAN"):
            return math.nan
        m = _DATE.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as e:
                raise BadScalar(f"impossible date {text!r}: {e}") from None
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return text


def _digits(text: str, digits: str) -> str:
    """``text``, if its ``digits`` are few enough to make an integer every part of goldenthread can print."""
    if len(digits) > MAX_INT_DIGITS:
        raise BadScalar(f"number too long: {len(digits):,} digits, at most {MAX_INT_DIGITS:,}")
    return text


def resolve_tagged(tag: str, text: str) -> object:
    if tag == CORE + "str":
        return text
    value = resolve_plain(text)
    types: dict[str, type | tuple[type, ...]] = {
        "int": int,
        "float": (float, int),
        "bool": bool,
        "null": type(None),
    }
    expected = types[tag[len(CORE) :]]
    if isinstance(value, bool) and expected is not bool:
        raise BadScalar(f"{text!r} is not a valid !!{tag[len(CORE) :]}")
    if not isinstance(value, expected):
        raise BadScalar(f"{text!r} is not a valid !!{tag[len(CORE) :]}")
    if tag.endswith("float") and isinstance(value, int | float):
        return float(value)
    return value


SCALAR_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null"))
