"""``export --format archimate`` and ``import FILE.xml``: valid against the schemas, every relationship allowed,
stable identifiers, every property defined, and a round trip that gives the model back."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from benchmarks.generate import generate_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from modelessence import essence

from goldenthread.model.loader import example_path, load_model
from goldenthread.model.sources.archimate import read_exchange
from goldenthread.model.sources.archimatemap import (
    ELEMENT_TYPES,
    NAMESPACE,
    OWNER_TYPE,
    RELATIONSHIPS,
    escape_identifier,
    identifier,
    owner_identifier,
)
from goldenthread.model.sources.yamlwrite import imported_yaml
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.archiconcepts import concepts
from goldenthread.traceability.render.archimate import exchange_bytes

DATA = Path(__file__).parent / "data" / "archimate"
MODELS = Path(__file__).parent / "models"
#: Every model the tests keep that loads: the money model holds every field of money and benefits.
GOOD = [
    example_path(),
    MODELS / "portfolio.yaml",
    MODELS / "money.yaml",
    MODELS / "commented" / "three-files",
    *sorted((MODELS / "good").iterdir()),
]
NS = {"a": NAMESPACE}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
#: The letters of relationships.xml.
LETTER = {"Realization": "r", "Influence": "n", "Association": "o"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    # archimate3_Diagram.xsd includes the view and model schemas, which import xml.xsd: all local, no network.
    return etree.XMLSchema(etree.parse(str(DATA / "archimate3_Diagram.xsd")))


@pytest.fixture(scope="module")
def allowed() -> dict[tuple[str, str], str]:
    table = etree.parse(str(DATA / "relationships.xml")).getroot()
    return {(s.get("concept"), t.get("concept")): t.get("relations") for s in table for t in s}


def round_trip(model: Model, tmp: Path) -> Model:
    xml = tmp / "model.xml"
    xml.write_bytes(exchange_bytes(Analysis(model)))
    out = tmp / "back.yaml"
    out.write_text(imported_yaml(read_exchange(xml).imported, "model.xml")["goldenthread.yaml"], encoding="utf-8")
    return load_model(out)


def generated(tmp: Path, n: int, seed: int) -> Model:
    path = tmp / f"g{n}-{seed}.yaml"
    path.write_text(generate_model(n, seed))
    return load_model(path)


def check_document(data: bytes, schema: etree.XMLSchema, allowed: dict[tuple[str, str], str]) -> etree._Element:
    """The file validates, every relationship is one ArchiMate allows, and every property has a definition."""
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    types = {e.get("identifier"): e.get(XSI_TYPE) for e in root.iterfind("a:elements/a:element", NS)}
    for r in root.iterfind("a:relationships/a:relationship", NS):
        pair = (types[r.get("source")], types[r.get("target")])
        assert LETTER[r.get(XSI_TYPE)] in allowed[pair], (r.get(XSI_TYPE), pair)
    defined = {d.get("identifier") for d in root.iterfind("a:propertyDefinitions/a:propertyDefinition", NS)}
    refs = {p.get("propertyDefinitionRef") for p in root.iter(f"{{{NAMESPACE}}}property")}
    assert refs <= defined
    for view in root.iter(f"{{{NAMESPACE}}}view"):
        kinds = [child.tag.rpartition("}")[2] for child in view if child.tag != f"{{{NAMESPACE}}}name"]
        assert kinds == sorted(kinds, key=lambda k: k != "node"), "connections come after every node"
        for node in view.iterfind("a:node", NS):
            assert all(int(node.get(a)) >= 0 for a in "xywh")
    return root


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_export_validates_and_allows_every_relationship(path, schema, allowed):
    for views in ("thread", "per-aim"):
        check_document(exchange_bytes(Analysis(load_model(path)), views), schema, allowed)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(4, 80), seed=st.integers(0, 10_000))
def test_generated_models_validate_and_round_trip(n, seed, tmp_path, schema, allowed):
    model = generated(tmp_path, n, seed)
    check_document(exchange_bytes(Analysis(model), "per-aim"), schema, allowed)
    assert essence(round_trip(model, tmp_path)) == essence(model)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_round_trip_gives_the_model_back(path, tmp_path):
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


def test_the_mapping_of_the_example(example, schema, allowed):
    root = check_document(exchange_bytes(Analysis(example)), schema, allowed)
    types = [e.get(XSI_TYPE) for e in root.iterfind("a:elements/a:element", NS)]
    assert types == (
        ["Goal"] * len(example.aims)
        + ["CourseOfAction"] * len(example.themes)
        + ["WorkPackage"] * len(example.projects)
        + ["Outcome"] * len(example.benefits)
        + ["Stakeholder"] * len({e.owner for e in example.entities() if e.owner is not None})
    )
    links = sum(len(t.aims) for t in example.themes.values())
    links += sum(len(p.themes) + len(p.aims) for p in example.projects.values())
    links += sum(len(b.projects) + len(b.aims) for b in example.benefits.values())
    owned = sum(1 for e in example.entities() if e.owner is not None)
    rels = [r.get(XSI_TYPE) for r in root.iterfind("a:relationships/a:relationship", NS)]
    assert rels == ["Realization"] * links + ["Association"] * owned
    views = root.findall("a:views/a:diagrams/a:view", NS)
    assert [v.findtext("a:name", namespaces=NS) for v in views] == ["Golden thread"]
    assert len(views[0].findall("a:node", NS)) == len(example)
    assert len(views[0].findall("a:connection", NS)) == links
    assert root.find("a:name", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_project_and_its_properties(tmp_path):
    model = load_model(MODELS / "good" / "complete.yaml")
    root = etree.fromstring(exchange_bytes(Analysis(model)))
    names = {
        d.get("identifier"): (d.findtext("a:name", namespaces=NS), d.get("type"))
        for d in root.iterfind("a:propertyDefinitions/a:propertyDefinition", NS)
    }
    portal = root.find("a:elements/a:element[@identifier='id-portal']", NS)
    props = [
        (*names[p.get("propertyDefinitionRef")], p.findtext("a:value", namespaces=NS))
        for p in portal.iterfind("a:properties/a:property", NS)
    ]
    assert props == [
        ("goldenthread id", "string", "portal"),
        ("tag", "string", "web"),
        ("status", "string", "active"),
        ("budget", "number", "1200000.5"),
        ("currency", "string", "GBP"),
        ("start", "date", "2005-04-01"),
        ("end", "date", "2006-03-31"),
        ("attributed investment", "number", "1200000.5"),
    ]
    assert portal.findtext("a:documentation", namespaces=NS) == "Online payments and bookings."


def test_every_relationship_of_the_mapping_is_allowed(allowed):
    for (holder, other), (rtype, reverse) in RELATIONSHIPS.items():
        source, target = (other, holder) if reverse else (holder, other)
        assert LETTER[rtype] in allowed[ELEMENT_TYPES[source], ELEMENT_TYPES[target]], (holder, other)
    assert all(LETTER["Association"] in allowed[OWNER_TYPE, t] for t in ELEMENT_TYPES.values())
    assert LETTER["Influence"] in allowed[ELEMENT_TYPES["benefit"], ELEMENT_TYPES["aim"]]


def test_a_dis_benefit_influences_its_aim_negatively(example, allowed):
    # The model format has no dis-benefits yet (another issue adds the kind): the model is built here, unloaded.
    benefit = next(b for b in example.benefits.values() if b.aims)
    worse = dataclasses.replace(benefit, benefit_kind="dis-benefit")
    model = dataclasses.replace(example, benefits={**example.benefits, benefit.id: worse})
    rels = [r for r in concepts(Analysis(model)).relationships if r.source == identifier(benefit.id)]
    assert [(r.type, r.target, r.modifier) for r in rels] == [("Influence", identifier(a), "-") for a in benefit.aims]
    assert "n" in allowed["Outcome", "Goal"]


def test_output_is_deterministic_and_identifiers_stable(example):
    first = exchange_bytes(Analysis(example), "per-aim")
    assert first == exchange_bytes(Analysis(example), "per-aim")
    retitled = dataclasses.replace(
        example, aims={k: dataclasses.replace(a, title=a.title + " (new)") for k, a in example.aims.items()}
    )
    ids = re.compile(rb'identifier="([^"]+)"')
    assert ids.findall(exchange_bytes(Analysis(retitled), "per-aim")) == ids.findall(first)


_ARCHI_CSV_ID = re.compile(r"[a-zA-Z0-9_-]+\Z")


@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=2, unique=True))
def test_identifiers_are_xml_ids_archi_accepts_and_never_collide(texts):
    made = [escape_identifier(t) for t in texts]
    assert made[0] != made[1]
    for ident in (identifier(texts[0]), owner_identifier(texts[1])):
        assert _ARCHI_CSV_ID.match(ident)
        assert ident[0].isalpha()


def test_identifiers_of_awkward_ids_and_owners(write_model, schema, allowed):
    path = write_model(
        """
        aims:
          2024-plan: {title: "Plan: 2024", owner: "Chief Executive: Jo Bloggs"}
          a_b.c: {title: Dotted, owner: "Chief Executive: Jo Bloggs"}
        themes:
          t: {title: T, aims: [2024-plan, a_b.c], owner: "Ünïcode owner"}
        """
    )
    root = check_document(exchange_bytes(Analysis(load_model(path))), schema, allowed)
    idents = [e.get("identifier") for e in root.iterfind("a:elements/a:element", NS)]
    assert idents == [
        "id-2024-plan",
        "id-a_5fb_2ec",
        "id-t",
        "owner-Chief_20Executive_3a_20Jo_20Bloggs",
        "owner-_c3_9cn_c3_afcode_20owner",
    ]


def test_a_model_without_entities_still_validates(write_model, schema, allowed, tmp_path):
    model = load_model(write_model("model: {title: Empty, as_of: 2025-01-01}\n"))
    root = check_document(exchange_bytes(Analysis(model), "per-aim"), schema, allowed)
    assert root.find("a:elements", NS) is None
    assert essence(round_trip(model, tmp_path)) == essence(model)


def test_a_doctype_hidden_in_utf16_is_refused_after_parsing(tmp_path, invoke):
    text = (
        f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE model [<!ENTITY e "x">]>\n<model xmlns="{NAMESPACE}"/>\n'
    )
    (tmp_path / "in.xml").write_bytes(text.encode("utf-16"))
    result = invoke("import", "in.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == "in.xml:1:1: a DOCTYPE declaration is refused: an exchange file needs none\n"
    assert not (tmp_path / "out.yaml").exists()


def test_per_aim_views_hold_the_aim_and_what_reaches_it():
    model = load_model(MODELS / "portfolio.yaml")
    analysis = Analysis(model)
    root = etree.fromstring(exchange_bytes(analysis, "per-aim"))
    views = root.findall("a:views/a:diagrams/a:view", NS)
    assert [v.findtext("a:name", namespaces=NS) for v in views] == ["Golden thread"] + [
        a.title for a in model.aims.values()
    ]
    G = analysis.graph
    for aim, view in zip(model.aims, views[1:], strict=True):
        shown = {n.get("elementRef") for n in view.iterfind("a:node", NS)}
        assert shown == {identifier(n) for n in {aim} | _upstream(G, aim)}
        assert view.get("identifier") == f"view-aim-{escape_identifier(aim)}"


def _upstream(G, node) -> set[str]:
    seen: set[str] = set()
    todo = [node]
    while todo:
        for p in G.predecessors(todo.pop()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen
