"""How a goldenthread model maps to ArchiMate: element and relationship types, properties and identifiers.

Shared by the exchange-format writer (``export --format archimate``), the
Archi CSV writer (``--format archi-csv``) and the reader (``import FILE.xml``),
so that what is written is what is read back.

Identifiers must be XML IDs (no leading digit, no space or colon) and Archi's
CSV import takes only ``[A-Za-z0-9_-]``; an identifier is a prefix and the
goldenthread id (or owner's name) with every other character written as the
bytes of its UTF-8 encoding, ``_`` and two hex digits.  The same id always
gives the same identifier, so a model imported into Archi again is updated in
place, and no two ids give the same one.

>>> identifier("2024 plan:a_b")
'id-2024_20plan_3aa_5fb'
>>> relationship_identifier("id-t1", "id-a1")
'rel-id-t1_to_id-a1'
"""

from __future__ import annotations

import re
import string

__all__ = [
    "COMPUTED_PROPERTIES",
    "DIS_BENEFIT",
    "ELEMENT_TYPES",
    "ENTITY_PROPERTIES",
    "MODEL_IDENTIFIER",
    "MODEL_PROPERTIES",
    "NAMESPACE",
    "OWNER_TYPE",
    "RELATIONSHIPS",
    "dynamic_property",
    "escape_identifier",
    "identifier",
    "measurement_property",
    "owner_identifier",
    "relationship_identifier",
    "rule_property",
    "waiver_property",
]

#: The exchange format's namespace (versions 3.0 and 3.1 share it; Archi refuses the 2.x one).
NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
MODEL_IDENTIFIER = "goldenthread-model"

#: Entity kind -> ArchiMate element type.
ELEMENT_TYPES: dict[str, str] = {
    "aim": "Goal",
    "theme": "CourseOfAction",
    "project": "WorkPackage",
    "benefit": "Outcome",
}
#: An entity's owner is a Stakeholder, associated with the entities it owns.
OWNER_TYPE = "Stakeholder"
#: A benefit of this kind evidences its aims by an Influence of modifier ``-`` rather than a Realization.
DIS_BENEFIT = "dis-benefit"

#: (kind holding the link, kind linked to) -> (relationship type, whether the relationship runs the other way).
#: A benefit lists the projects that realise it; in ArchiMate the WorkPackage realises the Outcome.
RELATIONSHIPS: dict[tuple[str, str], tuple[str, bool]] = {
    ("theme", "aim"): ("Realization", False),
    ("project", "theme"): ("Realization", False),
    ("project", "aim"): ("Realization", False),
    ("benefit", "project"): ("Realization", True),
    ("benefit", "aim"): ("Realization", False),
}

#: Property name -> (its data type, the entity field it holds; ``measure.x`` for a measure's).
ENTITY_PROPERTIES: dict[str, tuple[str, str]] = {
    "goldenthread id": ("string", "id"),
    "tag": ("string", "tags"),
    "status": ("string", "status"),
    "budget": ("number", "budget"),
    "start": ("date", "start"),
    "end": ("date", "end"),
    "benefit kind": ("string", "kind"),
    "unit": ("string", "measure.unit"),
    "baseline": ("number", "measure.baseline"),
    "target": ("number", "measure.target"),
    "target date": ("date", "measure.target_date"),
    "direction": ("string", "measure.direction"),
    "baseline date": ("date", "measure.baseline_date"),
    "tolerance": ("number", "measure.tolerance"),
    # The fields of money and benefits (spend, delivery confidence, shares, value, review period).
    "spent": ("number", "spent"),
    "confidence": ("string", "confidence"),
    "allocation": ("string", "allocation"),
    "value": ("number", "value"),
    "review every": ("string", "review_every"),
}
#: Property name of the model -> (its data type, the ``model:`` field it holds).
MODEL_PROPERTIES: dict[str, tuple[str, str]] = {
    "organisation": ("string", "organisation"),
    "as of": ("date", "as_of"),
    "currency": ("string", "currency"),
    "default tolerance": ("number", "tolerance"),
    "default review period": ("string", "review_every"),
}
#: Properties written for reading in the architecture tool and ignored on import: name -> (data type, meaning).
COMPUTED_PROPERTIES: dict[str, tuple[str, str]] = {
    "currency": ("string", "the model's currency, beside a project's budget"),
    "attributed investment": ("number", "the budget attributed to an aim, theme or project"),
    "latest measurement": ("number", "a benefit's latest measured value"),
    "latest measurement date": ("date", "when it was measured"),
    "progress": ("number", "how far a benefit has come toward its target (1 = reached)"),
    "measured": ("boolean", "whether a benefit has a measurement"),
    "findings": ("string", "the entity's open findings, one a line"),
}

_MEASUREMENT_TYPES = {"date": "date", "value": "number", "source": "string"}
_MEASUREMENT = re.compile(r"measurement ([1-9][0-9]{0,5}) (date|value|source)\Z")
_WAIVER = re.compile(r"waived (\S+)\Z")
_RULE = re.compile(r"rule (\S+)\Z")


def measurement_property(n: int, part: str) -> str:
    """The property holding part (date, value or source) of a benefit's ``n``-th measurement (from 1)."""
    return f"measurement {n} {part}"


def waiver_property(rule: str) -> str:
    """The property holding the reason a rule is waived."""
    return f"waived {rule}"


def rule_property(rule: str) -> str:
    """The model property holding a rule's severity."""
    return f"rule {rule}"


def dynamic_property(name: str) -> tuple[str, str, str | int] | None:
    """``(what, data type, key)`` of a numbered or per-rule property; None for any other name.

    >>> dynamic_property("measurement 2 value"), dynamic_property("waived broken-thread"), dynamic_property("x")
    (('measurement value', 'number', 2), ('waived', 'string', 'broken-thread'), None)
    """
    if m := _MEASUREMENT.match(name):
        return f"measurement {m.group(2)}", _MEASUREMENT_TYPES[m.group(2)], int(m.group(1))
    if m := _WAIVER.match(name):
        return "waived", "string", m.group(1)
    if m := _RULE.match(name):
        return "rule", "string", m.group(1)
    return None


_PLAIN = frozenset(string.ascii_letters + string.digits + "-")


def escape_identifier(text: str) -> str:
    """``text`` in the characters Archi's CSV import allows: any other as ``_`` and the hex of each UTF-8 byte."""
    return "".join(c if c in _PLAIN else "".join(f"_{b:02x}" for b in c.encode()) for c in text)


def identifier(eid: str) -> str:
    """The identifier of the element of the entity ``eid``."""
    return "id-" + escape_identifier(eid)


def owner_identifier(owner: str) -> str:
    """The identifier of the Stakeholder named ``owner``."""
    return "owner-" + escape_identifier(owner)


def relationship_identifier(source: str, target: str) -> str:
    """The identifier of the relationship between two elements (by identifier): ``_t`` cannot occur in either."""
    return f"rel-{source}_to_{target}"
