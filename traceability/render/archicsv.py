"""``export --format archi-csv``: the model as the three files Archi's CSV import reads.

``elements.csv`` (the model's own row first, typed ``ArchimateModel``),
``relations.csv`` and ``properties.csv``, with the identifiers and properties
of the exchange export (:mod:`~goldenthread.traceability.render.archiconcepts`):
imported into a model that already holds them, Archi updates each element by
its identifier.  Every field is quoted, as Archi writes them, and text that a
spreadsheet would run as a formula starts with an apostrophe, as in every CSV
goldenthread writes (:func:`~goldenthread.traceability.render.safetext.csv_cell`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.archiconcepts import Value, concepts, value_text
from goldenthread.traceability.render.safetext import csv_cell

__all__ = ["ARCHI_CSV_FILES", "archi_csv_tables"]

ARCHI_CSV_FILES: tuple[str, ...] = ("elements.csv", "relations.csv", "properties.csv")

#: Archi's CSV names a relationship by its class: the exchange type and "Relationship".
_SUFFIX = "Relationship"


class _Literal(str):
    """A value goldenthread itself writes, never a formula: left as it is."""


def _cell(value: object) -> str:
    value = value if isinstance(value, _Literal) else csv_cell(value)
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"'


def _csv(rows: Iterable[Sequence[object]]) -> str:
    return "".join(",".join(_cell(v) for v in row) + "\r\n" for row in rows)


def _value(value: Value) -> object:
    # A number stays a number, so that a negative one is not taken for a formula and prefixed.
    return value if isinstance(value, int | float) and not isinstance(value, bool) else value_text(value)


def archi_csv_tables(analysis: Analysis) -> dict[str, str]:
    """File name -> text of the three CSV files (CRLF line ends, as Archi writes them)."""
    c = concepts(analysis)
    elements: list[list[object]] = [["ID", "Type", "Name", "Documentation", "Specialization"]]
    elements.append([c.identifier, "ArchimateModel", c.name, c.documentation or "", ""])
    properties: list[list[object]] = [["ID", "Key", "Value"]]
    properties += [[c.identifier, name, _value(v)] for name, v in c.properties]
    for e in c.elements:
        elements.append([e.identifier, e.type, e.name, e.documentation or "", ""])
        properties += [[e.identifier, name, _value(v)] for name, v in e.properties]
    relations: list[list[object]] = [["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"]]
    for r in c.relationships:
        relations.append([r.identifier, r.type + _SUFFIX, "", "", r.source, r.target, ""])
        if r.modifier is not None:
            # Archi's CSV carries an Influence's strength as this property.
            properties.append([r.identifier, "Influence_Strength", _Literal(r.modifier)])
    return {
        ARCHI_CSV_FILES[0]: _csv(elements),
        ARCHI_CSV_FILES[1]: _csv(relations),
        ARCHI_CSV_FILES[2]: _csv(properties),
    }
