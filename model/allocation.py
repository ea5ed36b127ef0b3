"""A project's allocation written as one line of text, for a spreadsheet cell, a CSV field and ``set``.

``a-care=70,a-money=30``: aim id, ``=``, percent, comma between.  Whether the
aims are ones the project reaches and the shares add up to 100 is the
validator's to say, with the rest of the model in view.

>>> allocation_text({"a-care": 70, "a-money": 30.5})
'a-care=70,a-money=30.5'
>>> parse_allocation_text("a-care = 70, a-money=30.5")
{'a-care': 70, 'a-money': 30.5}
"""

from __future__ import annotations

import re

from goldenthread.model.vocabulary import ID_PATTERN

__all__ = ["AllocationTextError", "allocation_text", "parse_allocation_text"]

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")


class AllocationTextError(ValueError):
    """The text is not ``AIM=PERCENT,...``."""


def allocation_text(shares: dict[str, float | int]) -> str:
    return ",".join(
        f"{aim}={share:g}" if isinstance(share, float) else f"{aim}={share}" for aim, share in shares.items()
    )


def parse_allocation_text(text: str) -> dict[str, float | int]:
    out: dict[str, float | int] = {}
    for part in text.split(","):
        aim, sep, share = (s.strip() for s in part.partition("="))
        if not sep or not ID_PATTERN.match(aim) or not _NUMBER.match(share):
            raise AllocationTextError(f"write it as AIM=PERCENT,... (a-care=70,a-money=30), not {text!r}")
        out[aim] = float(share) if "." in share else int(share)
    return out
