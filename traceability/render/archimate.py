"""``export --format archimate``: the model in the Open Group's ArchiMate exchange format (3.x), for Archi and others.

Aims are Goals, themes CoursesOfAction, projects WorkPackages and benefits
Outcomes, linked by Realizations (a dis-benefit by an Influence of modifier
``-``); owners are Stakeholders with Associations.  Fields ArchiMate has no
element for are typed properties, each with its ``propertyDefinition`` (Archi
drops a property without one).  One view, "Golden thread", holds every entity
laid out in the layers of the HTML graph; ``views="per-aim"`` adds one view
per aim with the entities that reach it.  The output is the same bytes for the
same model.
"""

from __future__ import annotations

import networkx as nx
from lxml import etree

from goldenthread.model.sources.archimatemap import (
    COMPUTED_PROPERTIES,
    ENTITY_PROPERTIES,
    MODEL_PROPERTIES,
    NAMESPACE,
    dynamic_property,
    escape_identifier,
    identifier,
)
from goldenthread.model.types import KINDS, Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.archiconcepts import Concepts, Relationship, Value, concepts, value_text

__all__ = ["VIEWS", "exchange_bytes", "view_positions"]

#: The choices of ``--views``.
VIEWS: tuple[str, ...] = ("thread", "per-aim")

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
#: A node's size in the view: Archi's default for an element.
_W, _H = 120, 55
_MARGIN = 24
#: Characters no XML document can hold; YAML allows them.  Shown as ``\\uXXXX``, as the other XML exports do.
_NOT_XML = frozenset("\ufffe\uffff")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _xml_text(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if c in _NOT_XML else c for c in text)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _text(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    el = _sub(parent, tag)
    el.set(_XML_LANG, lang)
    el.text = _xml_text(text)


def _type(el: etree._Element, name: str) -> None:
    el.set(f"{{{_XSI}}}type", name)


def property_type(name: str) -> str:
    """The data type of a property, from its name."""
    for table in (ENTITY_PROPERTIES, MODEL_PROPERTIES):
        if name in table:
            return table[name][0]
    if name in COMPUTED_PROPERTIES:
        return COMPUTED_PROPERTIES[name][0]
    dynamic = dynamic_property(name)
    if dynamic is None:
        raise ValueError(f"no property {name!r}")
    return dynamic[1]


def _definition(name: str) -> str:
    return "prop-" + escape_identifier(name)


def _properties(parent: etree._Element, props: tuple[tuple[str, Value], ...], lang: str) -> None:
    if not props:
        return
    box = _sub(parent, "properties")
    for name, value in props:
        p = _sub(box, "property", propertyDefinitionRef=_definition(name))
        _text(p, "value", value_text(value), lang)


def view_positions(model: Model, G: nx.DiGraph, chosen: set[str]) -> dict[str, tuple[int, int]]:
    """Top-left corners of the chosen entities in a view: the HTML graph's layers, aims on top, all >= 0.

    The one call into the HTML graph's layout.
    """
    from goldenthread.traceability.render.html.layout import layered_positions

    layers = [[n for n in model.section(kind) if n in chosen] for kind in KINDS]
    edges = [(a, b) for a, b in G.edges() if a in chosen and b in chosen]
    centres = layered_positions(layers, edges)
    if not centres:
        return {}
    left = min(x for x, _ in centres.values())
    top = min(y for _, y in centres.values())
    return {n: (round(x - left) + _MARGIN, round(y - top) + _MARGIN) for n, (x, y) in centres.items()}


def _view(
    views: etree._Element,
    vid: str,
    name: str,
    positions: dict[str, tuple[int, int]],
    relationships: list[Relationship],
    lang: str,
) -> None:
    view = _sub(views, "view", identifier=vid)
    _type(view, "Diagram")
    _text(view, "name", name, lang)
    node_of: dict[str, str] = {}
    for eid, (x, y) in positions.items():
        ref = identifier(eid)
        node_of[ref] = f"{vid}_node_{ref}"
        node = _sub(view, "node", identifier=node_of[ref], elementRef=ref, x=str(x), y=str(y), w=str(_W), h=str(_H))
        _type(node, "Element")
    # The schema puts connections after every node.
    for r in relationships:
        if r.source in node_of and r.target in node_of:
            line = _sub(
                view,
                "connection",
                identifier=f"{vid}_line_{r.identifier}",
                relationshipRef=r.identifier,
                source=node_of[r.source],
                target=node_of[r.target],
            )
            _type(line, "Relationship")


def _elements(root: etree._Element, c: Concepts, lang: str) -> list[str]:
    """Write the elements; the names of the properties used, model's first, each once, in order of first use."""
    used: dict[str, None] = dict.fromkeys(name for name, _ in c.properties)
    # The schema wants at least one <element> in <elements>: a model without entities has no <elements>.
    if c.elements:
        elements = _sub(root, "elements")
        for e in c.elements:
            el = _sub(elements, "element", identifier=e.identifier)
            _type(el, e.type)
            _text(el, "name", e.name, lang)
            if e.documentation is not None:
                _text(el, "documentation", e.documentation, lang)
            _properties(el, e.properties, lang)
            used.update(dict.fromkeys(name for name, _ in e.properties))
    return list(used)


def exchange_bytes(analysis: Analysis, views: str = "thread") -> bytes:
    """The model as an ArchiMate exchange file (UTF-8 XML), with its views (see :data:`VIEWS`)."""
    if views not in VIEWS:
        raise ValueError(f"views must be one of {', '.join(VIEWS)}, not {views!r}")
    model = analysis.model
    # The exchange file names a language for every text.
    lang = model.info.language or "en"
    c: Concepts = concepts(analysis)
    root = etree.Element(_q("model"), nsmap={None: NAMESPACE, "xsi": _XSI}, identifier=c.identifier)
    root.set(f"{{{_XSI}}}schemaLocation", _LOCATION)
    _text(root, "name", c.name, lang)
    if c.documentation is not None:
        _text(root, "documentation", c.documentation, lang)
    _properties(root, c.properties, lang)
    used = _elements(root, c, lang)
    if c.relationships:
        rels = _sub(root, "relationships")
        for r in c.relationships:
            rel = _sub(rels, "relationship", identifier=r.identifier, source=r.source, target=r.target)
            _type(rel, r.type)
            if r.modifier is not None:
                rel.set("modifier", r.modifier)
    if used:
        defs = _sub(root, "propertyDefinitions")
        for name in used:
            d = _sub(defs, "propertyDefinition", identifier=_definition(name), type=property_type(name))
            _text(d, "name", name, lang)
    diagrams = _sub(_sub(root, "views"), "diagrams")
    G = analysis.graph
    _view(diagrams, "view-thread", "Golden thread", view_positions(model, G, set(G.nodes)), c.relationships, lang)
    if views == "per-aim":
        for aim in model.aims.values():
            chosen = {aim.id, *nx.ancestors(G, aim.id)}
            vid = "view-aim-" + escape_identifier(aim.id)
            _view(diagrams, vid, aim.title, view_positions(model, G, chosen), c.relationships, lang)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
