"""``export --format archi-csv``: Archi's three CSV files, with the exchange export's identifiers and properties."""

from __future__ import annotations

import csv
import io
import re

from lxml import etree

from goldenthread.model.loader import load_model
from goldenthread.model.sources.archimatemap import NAMESPACE
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.archicsv import archi_csv_tables
from goldenthread.traceability.render.archimate import exchange_bytes

NS = {"a": NAMESPACE}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
#: What Archi's CSV import accepts as an identifier (CSVImporter.checkIDForInvalidCharacters).
ARCHI_ID = re.compile(r"[a-zA-Z0-9_-]+\Z")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_headers_are_archis(example):
    tables = archi_csv_tables(Analysis(example))
    assert list(tables) == ["elements.csv", "relations.csv", "properties.csv"]
    assert tables["elements.csv"].startswith('"ID","Type","Name","Documentation","Specialization"\r\n')
    assert tables["relations.csv"].startswith(
        '"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n'
    )
    assert tables["properties.csv"].startswith('"ID","Key","Value"\r\n')
    for text in tables.values():
        table = rows(text)
        assert {len(r) for r in table} == {len(table[0])}


def test_same_identifiers_and_properties_as_the_exchange_file(example):
    analysis = Analysis(example)
    tables = {name: rows(text) for name, text in archi_csv_tables(analysis).items()}
    root = etree.fromstring(exchange_bytes(analysis))
    elements = [
        (e.get("identifier"), e.get(XSI_TYPE), e.findtext("a:name", namespaces=NS))
        for e in root.iterfind("a:elements/a:element", NS)
    ]
    model_row = ["goldenthread-model", "ArchimateModel", example.info.title, "", ""]
    assert tables["elements.csv"][1] == model_row
    assert [tuple(r[:3]) for r in tables["elements.csv"][2:]] == elements
    relations = [
        (r.get("identifier"), r.get(XSI_TYPE) + "Relationship", r.get("source"), r.get("target"))
        for r in root.iterfind("a:relationships/a:relationship", NS)
    ]
    assert [(r[0], r[1], r[4], r[5]) for r in tables["relations.csv"][1:]] == relations
    names = {
        d.get("identifier"): d.findtext("a:name", namespaces=NS)
        for d in root.iter(f"{{{NAMESPACE}}}propertyDefinition")
    }
    properties = [
        [owner.get("identifier"), names[p.get("propertyDefinitionRef")], p.findtext("a:value", namespaces=NS)]
        for owner in (root, *root.iterfind("a:elements/a:element", NS))
        for p in owner.iterfind("a:properties/a:property", NS)
    ]
    assert tables["properties.csv"][1:] == properties
    assert all(ARCHI_ID.match(r[0]) for t in tables.values() for r in t[1:])


def test_formula_like_text_is_neutralised_and_numbers_stay_numbers(write_model):
    path = write_model(
        """
        aims:
          a1: {title: "=HYPERLINK(\\"http://x\\")", description: "+1 more", owner: "@everyone"}
        benefits:
          b1: {title: B, aims: [a1], measure: {unit: "-", baseline: -5, target: 2}}
        """
    )
    tables = {name: rows(text) for name, text in archi_csv_tables(Analysis(load_model(path))).items()}
    aim = tables["elements.csv"][2]
    assert aim[2:4] == ['\'=HYPERLINK("http://x")', "'+1 more"]
    assert tables["elements.csv"][4][2] == "'@everyone"
    props = {(r[0], r[1]): r[2] for r in tables["properties.csv"][1:]}
    assert props["id-b1", "baseline"] == "-5"
    assert props["id-b1", "unit"] == "'-"


def test_export_writes_the_three_files_into_a_folder(tmp_path, invoke):
    result = invoke("export", "--example", "--format", "archi-csv", "-o", "archi")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "goldenthread: wrote archi/elements.csv\ngoldenthread: wrote archi/relations.csv\n"
        "goldenthread: wrote archi/properties.csv\n"
    )
    assert (tmp_path / "archi" / "elements.csv").read_bytes().startswith(b'"ID","Type"')
    result = invoke("export", "--example", "--format", "archi-csv")
    assert result.exit_code == 2
    assert "--format archi-csv writes three files: name a folder with -o/--output" in result.stderr
    (tmp_path / "file").write_text("x")
    result = invoke("export", "--example", "--format", "archi-csv", "-o", "file")
    assert result.exit_code == 2
    assert "'file' is a file; archi-csv writes its files into a folder" in result.stderr
    assert (tmp_path / "file").read_text() == "x"


def test_export_archimate_needs_a_file(tmp_path, invoke):
    result = invoke("export", "--example", "--format", "archimate")
    assert result.exit_code == 2
    assert "--format archimate writes an exchange file: name it with -o/--output" in result.stderr
    result = invoke("export", "--example", "--format", "archimate", "-o", "ex.xml", "--views", "per-aim")
    assert result.exit_code == 0
    root = etree.parse(str(tmp_path / "ex.xml")).getroot()
    assert len(root.findall("a:views/a:diagrams/a:view", NS)) == 1 + 6
