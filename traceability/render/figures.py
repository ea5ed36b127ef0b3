"""How the HTML views write sums of money, counts and shares."""

from __future__ import annotations

__all__ = ["format_money", "format_number", "format_percent"]

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def format_number(x: float | int) -> str:
    """Thousands separated; decimals only where the value has them.

    Examples
    --------
    >>> format_number(1250000), format_number(2.5), format_number(1234.567)
    ('1,250,000', '2.5', '1,234.57')
    """
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def format_money(x: float | int | None, currency: str = "GBP") -> str:
    """A sum in the model's currency: a symbol for the common ones, else the ISO code.

    Examples
    --------
    >>> format_money(1250000), format_money(99.5, "EUR"), format_money(10, "CHF"), format_money(None)
    ('£1,250,000', '€99.50', 'CHF 10', '')
    """
    if x is None:
        return ""
    text = f"{x:,.2f}" if not float(x).is_integer() else f"{int(x):,}"
    symbol = _SYMBOLS.get(currency)
    if symbol:
        return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"
    return f"{currency} {text}"


def format_percent(share: float | None) -> str:
    """A 0..1 share as a whole percentage (one decimal below 1%).

    Examples
    --------
    >>> format_percent(0.4567), format_percent(0.004), format_percent(None)
    ('46%', '0.4%', '')
    """
    if share is None:
        return ""
    pct = share * 100
    if 0 < abs(pct) < 1:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"
