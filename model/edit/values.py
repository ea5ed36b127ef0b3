"""What the editing commands accept: ids, field names and values typed as text."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal

from goldenthread.model import vocabulary
from goldenthread.model.allocation import AllocationTextError, parse_allocation_text
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.validate import did_you_mean
from goldenthread.model.vocabulary import (
    CURRENCY_PATTERN,
    ENTITY_FIELDS,
    FIELD_ORDER,
    ID_PATTERN,
    MEASURE_FIELDS,
    PERIOD_PATTERN,
    Field,
)
from goldenthread.model.wording import with_article

__all__ = [
    "FIELD_ORDER",
    "LINKS",
    "EditError",
    "check_new_id",
    "parse_allocation",
    "parse_date",
    "parse_field_value",
    "parse_number",
    "scalar_field",
    "shown",
    "split_list",
]

#: (kind of the entity that holds the link, kind it names) -> (the holder's field, the link in words).
LINKS: dict[tuple[str, str], tuple[str, str]] = {
    (link.holder, link.named): (link.field, link.words) for link in vocabulary.LINKS
}

#: Field types ``set`` takes as one value typed as text (an allocation as ``aim=percent,...``).
_SCALAR_TYPES = ("str", "enum", "amount", "number", "percent", "date", "period", "allocation")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")


class EditError(GoldenthreadError):
    """An edit cannot be made as asked: an unknown id, a link between the wrong kinds, a bad value..."""


def check_new_id(eid: str, taken: Mapping[str, object]) -> None:
    """Refuse an id that does not follow the format or is already used."""
    if not ID_PATTERN.match(eid):
        raise EditError(
            f"invalid id {eid!r}: ids start with a letter or digit and hold only letters, digits, '_', '.' and '-'"
        )
    if eid in taken:
        other = taken[eid]
        raise EditError(f"the id {eid!r} is already used by the {getattr(other, 'kind', 'entity')} {eid!r}")


def scalar_field(kind: str, name: str) -> tuple[tuple[str, ...], Field]:
    """The path and format of a scalar field of ``kind`` (``measure.target`` for a measure's)."""
    fields = ENTITY_FIELDS[kind]
    names = [n for n, f in fields.items() if f.type in _SCALAR_TYPES]
    if kind == "benefit":
        names += [f"measure.{n}" for n in MEASURE_FIELDS]
    if name.startswith("measure.") and kind == "benefit":
        inner = name.removeprefix("measure.")
        if inner in MEASURE_FIELDS:
            return ("measure", inner), MEASURE_FIELDS[inner]
    elif name in fields and fields[name].type in _SCALAR_TYPES:
        return (name,), fields[name]
    if name in fields:
        how = "use link and unlink" if fields[name].type == "refs" else "it is not a single value"
        raise EditError(f"{name!r} of {with_article(kind)} cannot be set: {how}")
    raise EditError(
        f"{with_article(kind)} has no field {name!r}{did_you_mean(name, names)}; fields: {', '.join(names)}"
    )


def parse_number(name: str, text: str) -> int | float:
    """A number typed as text: ``1200``, ``1200.50``, ``1.2e6``; thousands separators ``1,200`` allowed.

    A whole number is written whole, however typed: ``1.5e6`` is ``1500000``,
    not ``1500000.0``.  Money typed as money (``£1,500,000``, ``1.5m``) is
    refused with the plain number to type instead: the model states one
    currency, and a guessed figure in a budget is worse than a refusal.

    >>> parse_number("budget", "1.5e6")
    1500000
    """
    plain = text.strip().replace(",", "").replace("_", "")
    if not _NUMBER.match(plain):
        meant = _money_meant(plain)
        if meant is not None:
            raise EditError(
                f"{name!r} must be a plain number: type {meant} (no currency sign, code or multiplier), not {text!r}"
            )
        raise EditError(f"{name!r} must be a number, not {text!r}")
    value: int | float = int(plain) if _INTEGER.match(plain) else float(plain)
    if not math.isfinite(value):
        raise EditError(f"{name!r} must be a finite number, not {text!r}")
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


#: Below this, every whole float is exactly an int (2**53).
_EXACT = 2**53
_MONEY = re.compile(
    r"(?P<sign>-?)\s*(?:[£$€¥]|[A-Z]{3}\s)?\s*(?P<number>[0-9]*\.?[0-9]+)\s*"
    r"(?P<mult>k|m|mn|bn|thousand|million|billion)?\s*(?:[A-Z]{3})?\Z",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}


def _money_meant(plain: str) -> str | None:
    """The plain number money typed with a currency or a multiplier stands for.

    >>> _money_meant("£1.5m"), _money_meant("2,000 GBP".replace(",", "")), _money_meant("lots")
    ('1500000', '2000', None)
    """
    m = _MONEY.match(plain)
    if m is None:
        return None
    mult = _MULTIPLIERS.get((m["mult"] or "").lower(), 1)
    # Decimal arithmetic: 1.1m is 1100000, not 1100000.0000000002.
    value = Decimal(m["number"]) * mult
    shown = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    return f"{m['sign']}{shown}"


def split_list(text: str) -> list[str]:
    """A list typed with commas (``A, B``): each item stripped, empty ones dropped."""
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_date(name: str, text: str) -> dt.date:
    """A date typed as ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text.strip()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()) else _bad()
    except ValueError:
        raise EditError(f"{name!r} must be a date (YYYY-MM-DD), not {text!r}") from None


def _bad() -> dt.date:
    raise ValueError


def parse_allocation(name: str, text: str) -> dict[str, int | float]:
    """Shares typed as ``a-care=70,a-money=30``; whether they name reached aims and add up is ``check``'s."""
    try:
        return parse_allocation_text(text)
    except AllocationTextError as e:
        raise EditError(f"{name!r}: {e}") from None


def parse_field_value(name: str, field: Field, text: str) -> object:
    """The model value of ``text`` for ``field``; raises :class:`EditError` naming what was expected."""
    if field.type in ("number", "amount"):
        value = parse_number(name, text)
        if field.type == "amount" and value < 0:
            raise EditError(f"{name!r} must not be negative ({text})")
        return value
    if field.type == "percent":
        value = parse_number(name, text)
        if not 0 <= value <= 100:
            raise EditError(f"{name!r} must be a number from 0 to 100, not {text!r}")
        return value
    if field.type == "period":
        if not PERIOD_PATTERN.match(text.strip()):
            raise EditError(f"{name!r} must be a period such as 30d, 6w, 3m or 1y, not {text!r}")
        return text.strip()
    if field.type == "allocation":
        return parse_allocation(name, text)
    if field.type == "date":
        return parse_date(name, text)
    if field.type == "currency":
        if not CURRENCY_PATTERN.match(text.strip().upper()):
            raise EditError(f"{name!r} must be an ISO 4217 code of three letters (GBP, EUR...), not {text!r}")
        return text.strip().upper()
    if field.type == "enum":
        if text not in field.choices:
            raise EditError(
                f"{name!r} must be one of {', '.join(field.choices)}, not {text!r}{did_you_mean(text, field.choices)}"
            )
        return text
    if field.type == "str" and not text.strip() and field.required:
        raise EditError(f"{name!r} must not be empty")
    return text


def shown(value: object) -> str:
    """A value as an edit's report line shows it: dates as YYYY-MM-DD, text quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)
