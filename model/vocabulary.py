"""The vocabulary of the model (format version 1), as data: its kinds, fields, links and closed sets.

Everything else reads the model's words from here: validation
(``validate.py``), the published JSON Schema (``jsonschema.py``), the docs'
field tables (``docs/generate.py``), the editing commands' value parsing and
field order (``editvalues.py``), the graph's edges (``traceability/graph.py``)
and ``trace``'s sentences (``traceability/render/trace.py``).  A worked example
of adding a field is in ``docs/inside.md``.

Examples
--------
>>> [(link.source, link.relation, link.target) for link in LINKS if link.holder == "benefit"]
[('project', 'realises', 'benefit'), ('benefit', 'evidences', 'aim')]
>>> field_order("theme")
('title', 'description', 'owner', 'tags', 'aims', 'waive')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "BENEFIT_KINDS",
    "CONFIDENCES",
    "CURRENCY_PATTERN",
    "DIRECTIONS",
    "ENTITY_FIELDS",
    "FIELD_ORDER",
    "ID_PATTERN",
    "KINDS",
    "LINKS",
    "MAX_NUMBER",
    "MEASUREMENT_FIELDS",
    "MEASURE_FIELDS",
    "MIN_NONZERO",
    "MODEL_FIELDS",
    "PERIOD_PATTERN",
    "PROJECT_STATUSES",
    "RELATIONS",
    "SECTIONS",
    "SEVERITIES",
    "TOP_LEVEL",
    "BenefitKind",
    "Confidence",
    "Direction",
    "Field",
    "FieldType",
    "Kind",
    "Link",
    "ProjectStatus",
    "Relation",
    "Severity",
    "field_order",
    "fields_in_order",
    "link_between",
]

# --- closed sets: a Literal type for mypy, and its values in order for everything else ----------

#: Entity kinds in the order of the golden thread, top (aims) to bottom (benefits).
Kind = Literal["aim", "theme", "project", "benefit"]
ProjectStatus = Literal["proposed", "approved", "active", "completed", "cancelled"]
#: Gershon's classification of a benefit, or ``dis-benefit``: an adverse consequence kept within a limit
#: (MSP, the Infrastructure and Projects Authority).
BenefitKind = Literal["cashable", "non-cashable", "quality", "dis-benefit"]
#: Delivery confidence: the three-point scale of the Government Major Projects Portfolio (since 2021)
#: and the five-point scale before it, which a model may mix.
Confidence = Literal["green", "amber-green", "amber", "amber-red", "red"]
#: Whether higher or lower is better for a measure.
Direction = Literal["increase", "decrease"]
#: How much a finding matters; ``rules:`` may also turn a rule ``off``.
Severity = Literal["error", "warning"]
#: What a link means, named from the contributor: project -delivers-> theme.
Relation = Literal["delivers", "supports", "contributes", "realises", "evidences"]

KINDS: tuple[Kind, ...] = get_args(Kind)
PROJECT_STATUSES: tuple[ProjectStatus, ...] = get_args(ProjectStatus)
BENEFIT_KINDS: tuple[BenefitKind, ...] = get_args(BenefitKind)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
RELATIONS: tuple[Relation, ...] = get_args(Relation)

#: The YAML section that holds each kind.
SECTIONS: dict[str, str] = {kind: f"{kind}s" for kind in KINDS}

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
CURRENCY_PATTERN = re.compile(r"[A-Z]{3}\Z")
#: A review period: a whole number of days, weeks, months or years (``30d``, ``6w``, ``3m``, ``1y``).
PERIOD_PATTERN = re.compile(r"([1-9][0-9]{0,3})([dwmy])\Z")

#: The largest size of an amount or a measure: a thousand trillion, more than
#: any budget or measured figure, and small enough that adding millions of
#: them, or subtracting one from another, stays finite and exact to the penny
#: (doubles hold every multiple of 0.01 up to about 7e13 exactly).
MAX_NUMBER = 1e15
#: The smallest size of an amount or a measure other than 0: a difference of
#: two measures divides a progress figure, and a difference below 1e-9 would
#: make it overflow.
MIN_NONZERO = 1e-9


#: How a field's value is written: amount is a number >= 0; refs a list of ids; waive rule id -> reason;
#: percent a number in [0, 100]; period a review period (PERIOD_PATTERN); allocation aim id -> percent.
FieldType = Literal[
    "str",
    "strlist",
    "number",
    "amount",
    "percent",
    "date",
    "period",
    "enum",
    "refs",
    "waive",
    "measure",
    "measurements",
    "currency",
    "allocation",
]


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping in the format: how it is written, what it means, whether it must be there.

    ``choices``: the closed set of an ``enum``; ``ref``: the kind a ``refs`` field names.
    """

    type: FieldType
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """One kind of link: which field holds it, and the words for it.

    The graph's edge goes from the contributor (``source``) to what it
    supports (``target``); the field is on ``holder``, one of the two (a
    benefit names the projects that realise it).
    """

    relation: Relation
    source: Kind
    target: Kind
    holder: Kind
    field: str
    #: The relation in a sentence, from the source: "contributes to".
    active: str
    #: ... and from the target: "contributed to by".
    passive: str

    @property
    def named(self) -> Kind:
        """The kind the holder's field names: the other end of the link."""
        return self.target if self.holder == self.source else self.source

    @property
    def words(self) -> str:
        """The link read from the holder to the kind it names, one word: "delivers", "realised by"."""
        return self.relation if self.holder == self.source else self.passive


#: Every kind of link, in the order the graph is built (and ``trace`` lists relations).
LINKS: tuple[Link, ...] = (
    Link("supports", "theme", "aim", "theme", "aims", "supports", "supported by"),
    Link("delivers", "project", "theme", "project", "themes", "delivers", "delivered by"),
    Link("contributes", "project", "aim", "project", "aims", "contributes to", "contributed to by"),
    Link("realises", "project", "benefit", "benefit", "projects", "realises", "realised by"),
    Link("evidences", "benefit", "aim", "benefit", "aims", "evidences", "evidenced by"),
)


def link_between(holder: str, named: str) -> Link | None:
    """The link a ``holder`` entity makes by naming a ``named`` one in a field, if the format has one."""
    for link in LINKS:
        if link.holder == holder and link.named == named:
            return link
    return None


def _refs(holder: Kind, name: str, doc: str) -> Field:
    """The field of ``holder`` that holds one of :data:`LINKS`: the kind it names comes from the link."""
    (link,) = (link for link in LINKS if link.holder == holder and link.field == name)
    return Field("refs", doc, ref=link.named)


COMMON: dict[str, Field] = {
    "title": Field("str", "Short name shown in reports.", required=True),
    "description": Field("str", "Longer text."),
    "owner": Field("str", "Who is accountable."),
    "tags": Field("strlist", "Free labels for filtering."),
    "waive": Field("waive", "Acknowledged gaps: rule id -> reason. Waived findings never fail a check."),
}

ENTITY_FIELDS: dict[str, dict[str, Field]] = {
    "aim": dict(COMMON),
    "theme": {**COMMON, "aims": _refs("theme", "aims", "Aims this theme supports.")},
    "project": {
        **COMMON,
        "status": Field("enum", "Delivery status; default active.", choices=PROJECT_STATUSES),
        "budget": Field("amount", "Budget in the model currency (>= 0)."),
        "spent": Field("amount", "Actual spend to date, in the model currency (>= 0)."),
        "start": Field("date", "Start date (YYYY-MM-DD)."),
        "end": Field("date", "End date (YYYY-MM-DD); not before start."),
        "confidence": Field(
            "enum",
            "Delivery confidence: green, amber, red (three-point) or the five-point scale.",
            choices=CONFIDENCES,
        ),
        "themes": _refs("project", "themes", "Themes this project delivers."),
        "aims": _refs("project", "aims", "Aims it supports directly, besides through its themes."),
        "allocation": Field(
            "allocation",
            "Share of the budget per aim it reaches: aim id -> percent, summing to 100; default an equal split.",
        ),
    },
    "benefit": {
        **COMMON,
        "kind": Field(
            "enum",
            "Gershon classification, or dis-benefit (an adverse consequence kept within a limit).",
            choices=BENEFIT_KINDS,
        ),
        "value": Field("amount", "Full-year money value, in the model currency (>= 0)."),
        "projects": _refs("benefit", "projects", "The investments that realise it."),
        "aims": _refs("benefit", "aims", "The aims it evidences."),
        "measure": Field("measure", "How the benefit is quantified."),
        "measurements": Field("measurements", "Observed values, any order."),
        "review_every": Field("period", "How often it is measured (30d, 6w, 3m, 1y); default the model's."),
    },
}

MODEL_FIELDS: dict[str, Field] = {
    "title": Field("str", "Title of the model."),
    "organisation": Field("str", "The organisation whose strategy this is."),
    "description": Field("str", "Longer text."),
    "as_of": Field("date", "Date the model describes; default today."),
    "currency": Field("currency", "ISO 4217 code; default GBP."),
    "tolerance": Field("percent", "Default tolerance of every measure, in percentage points of progress."),
    "review_every": Field("period", "Default review period of every benefit (30d, 6w, 3m, 1y)."),
    "language": Field("str", "Language of the model's text, as a BCP 47 tag (en, en-GB, cy); default en."),
}

MEASURE_FIELDS: dict[str, Field] = {
    "unit": Field("str", "Unit of the measure (GBP, hours, %...).", required=True),
    "target": Field("number", "Target value.", required=True),
    "baseline": Field("number", "Value before the investment."),
    "baseline_date": Field("date", "When the baseline was taken: the expected line starts there."),
    "target_date": Field("date", "When the target should be reached."),
    "direction": Field(
        "enum",
        "Whether higher (increase, default) or lower is better; a dis-benefit's default is decrease.",
        choices=DIRECTIONS,
    ),
    "tolerance": Field("percent", "Percentage points of progress it may fall below its line and be on track."),
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


def field_order(kind: str) -> tuple[str, ...]:
    """The order ``kind``'s fields are written in a file: as declared, the waivers last."""
    names = [name for name in ENTITY_FIELDS[kind] if name != "waive"]
    return (*names, "waive")


def _merged(orders: list[tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for order in orders:
        for i, name in enumerate(order):
            if name not in out:
                before = [out.index(p) for p in order[:i] if p in out]
                out.insert(max(before) + 1 if before else 0, name)
    return tuple(out)


def fields_in_order() -> tuple[str, ...]:
    """Every entity field in one order that keeps each kind's :func:`field_order`: where a new field goes."""
    return _merged([field_order(kind) for kind in KINDS])


#: :func:`fields_in_order` of the vocabulary as declared.
FIELD_ORDER: tuple[str, ...] = fields_in_order()
