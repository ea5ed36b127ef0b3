"""A value read from YAML: how a message names it, and what a number or a key may be.

Shared by validation (``validate.py``) and the readers that check values themselves.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from goldenthread.model.vocabulary import MAX_NUMBER, MIN_NONZERO

__all__ = ["TOO_BIG", "describe", "did_you_mean", "finite", "id_text", "is_extension", "number_problem"]


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest candidate, or ``""``."""
    if not isinstance(word, str):
        return ""
    import difflib  # only when a word is not known: a valid model never needs it

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def number_problem(value: int | float) -> str:
    """What is wrong with a number for an amount or a measure (see :data:`MAX_NUMBER`), or ``""``.

    Integers are compared as integers: turning ``10**309`` into a float would overflow.

    >>> number_problem(10**309)
    'must be a finite number of at most 1e15 in size'
    >>> number_problem(float("nan")) == number_problem(-1e16) == number_problem(10**309)
    True
    >>> number_problem(1e-12), number_problem(-3), number_problem(0.0)
    ('must be 0 or at least 1e-9 in size, not 1e-12', '', '')
    """
    if isinstance(value, int):
        return "" if -MAX_NUMBER <= value <= MAX_NUMBER else TOO_BIG
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return TOO_BIG
    if value and abs(value) < MIN_NONZERO:
        return f"must be 0 or at least 1e-9 in size, not {value:g}"
    return ""


#: Says MAX_NUMBER; the message for MIN_NONZERO is written where it is checked.
TOO_BIG = "must be a finite number of at most 1e15 in size"


_NON_FINITE = {math.inf: ".inf", -math.inf: "-.inf"}


def finite(value: object) -> object:
    """``x-`` data with ``.nan`` and ``.inf`` kept as their YAML text, in place, so that every output stays strict JSON.

    >>> finite([1.5, float("nan"), {"a": float("-inf")}])
    [1.5, '.nan', {'a': '-.inf'}]
    """
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE.get(value, ".nan")
    if isinstance(value, dict):
        for k, v in value.items():
            value[k] = finite(v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            value[i] = finite(v)
    return value


def is_extension(key: object) -> bool:
    """Keys beginning ``x-`` are the user's own metadata, allowed in any mapping."""
    return isinstance(key, str) and key.startswith("x-")


def id_text(key: object) -> object:
    """An id key as text: YAML reads ``2005:`` as a number and ``2005-06-01:`` as a date."""
    if isinstance(key, dt.date) or (isinstance(key, int) and not isinstance(key, bool)):
        return key.isoformat() if isinstance(key, dt.date) else str(key)
    return key
