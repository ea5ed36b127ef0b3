"""The model format (version 1) as data: one description that drives both
validation (``validate.py``) and the published JSON Schema (``jsonschema.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from goldenthread.model.types import BENEFIT_KINDS, DIRECTIONS, PROJECT_STATUSES

__all__ = [
    "CURRENCY_PATTERN",
    "ENTITY_FIELDS",
    "ID_PATTERN",
    "MAX_NUMBER",
    "MEASUREMENT_FIELDS",
    "MEASURE_FIELDS",
    "MIN_NONZERO",
    "MODEL_FIELDS",
    "TOP_LEVEL",
    "Field",
]

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}\Z")

#: The largest size of an amount or a measure: a thousand trillion, more than
#: any budget or measured figure, and small enough that adding millions of
#: them, or subtracting one from another, stays finite and exact to the penny
#: (doubles hold every multiple of 0.01 up to about 7e13 exactly).
MAX_NUMBER = 1e15
#: The smallest size of an amount or a measure other than 0: a difference of
#: two measures divides a progress figure, and a difference below 1e-9 would
#: make it overflow.
MIN_NONZERO = 1e-9


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping in the format.

    ``type`` is one of: str, strlist, number, amount (number >= 0), date,
    enum, refs, waive, measure, measurements, currency.
    """

    type: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None


COMMON: dict[str, Field] = {
    "title": Field("str", "Short name shown in reports.", required=True),
    "description": Field("str", "Longer text."),
    "owner": Field("str", "Who is accountable."),
    "tags": Field("strlist", "Free labels for filtering."),
    "waive": Field("waive", "Acknowledged gaps: rule id -> reason. Waived findings never fail a check."),
}

ENTITY_FIELDS: dict[str, dict[str, Field]] = {
    "aim": dict(COMMON),
    "theme": {**COMMON, "aims": Field("refs", "Aims this theme supports.", ref="aim")},
    "project": {
        **COMMON,
        "status": Field("enum", "Delivery status; default active.", choices=PROJECT_STATUSES),
        "budget": Field("amount", "Budget in the model currency (>= 0)."),
        "start": Field("date", "Start date (YYYY-MM-DD)."),
        "end": Field("date", "End date (YYYY-MM-DD); not before start."),
        "themes": Field("refs", "Themes this project delivers.", ref="theme"),
        "aims": Field("refs", "Aims it supports directly, besides through its themes.", ref="aim"),
    },
    "benefit": {
        **COMMON,
        "kind": Field("enum", "Gershon classification.", choices=BENEFIT_KINDS),
        "projects": Field("refs", "The investments that realise it.", ref="project"),
        "aims": Field("refs", "The aims it evidences.", ref="aim"),
        "measure": Field("measure", "How the benefit is quantified."),
        "measurements": Field("measurements", "Observed values, any order."),
    },
}

MODEL_FIELDS: dict[str, Field] = {
    "title": Field("str", "Title of the model."),
    "organisation": Field("str", "The organisation whose strategy this is."),
    "description": Field("str", "Longer text."),
    "as_of": Field("date", "Date the model describes; default today."),
    "currency": Field("currency", "ISO 4217 code; default GBP."),
}

MEASURE_FIELDS: dict[str, Field] = {
    "unit": Field("str", "Unit of the measure (GBP, hours, %...).", required=True),
    "target": Field("number", "Target value.", required=True),
    "baseline": Field("number", "Value before the investment."),
    "target_date": Field("date", "When the target should be reached."),
    "direction": Field("enum", "Whether higher (increase, default) or lower is better.", choices=DIRECTIONS),
}

MEASUREMENT_FIELDS: dict[str, Field] = {
    "date": Field("date", "When it was measured.", required=True),
    "value": Field("number", "The measured value.", required=True),
    "source": Field("str", "Where the figure comes from."),
}

#: Top-level keys, each holding a mapping.
TOP_LEVEL: dict[str, str] = {
    "model": "Title, organisation, as-of date and currency.",
    "aims": "Strategic aims, keyed by id.",
    "themes": "IT strategy themes, keyed by id.",
    "projects": "Projects invested in, keyed by id.",
    "benefits": "Benefits measured, keyed by id.",
    "rules": "Severity per rule id: error, warning or off.",
}
