"""Words the messages share, so that every message says them the same way."""

from __future__ import annotations

__all__ = ["with_article"]


def with_article(word: str) -> str:
    """``word`` with its indefinite article, as the messages name a kind.

    >>> with_article("aim"), with_article("theme")
    ('an aim', 'a theme')
    """
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"
