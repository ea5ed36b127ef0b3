"""``goldenthread import FILE.xml`` from the command line: hostile and broken files give one positioned line and
exit 2 with nothing written; --force, --map and the note of what was skipped; text of any kind comes back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_archimate import essence, round_trip

from goldenthread.model.loader import load_model

NS = 'xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
SMALL = """\
model: {title: Small, as_of: 2025-01-01}
aims:
  a1: {title: Aim one, owner: Chief Executive}
themes:
  t1: {title: Theme one, aims: [a1]}
projects:
  p1: {title: Project one, themes: [t1], budget: 100}
benefits:
  b1: {title: Benefit one, projects: [p1], aims: [a1]}
"""


def element(ident: str, etype: str, name: str, props: str = "") -> str:
    return f'<element identifier="{ident}" xsi:type="{etype}"><name>{name}</name>{props}</element>'


def exchange(elements: str, relationships: str = "") -> str:
    rels = f"<relationships>{relationships}</relationships>" if relationships else ""
    head = f'<?xml version="1.0"?>\n<model {NS} identifier="m">\n<name>M</name>\n'
    return f"{head}<elements>\n{elements}\n</elements>{rels}</model>\n"


@pytest.fixture
def small_xml(tmp_path, invoke) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL)
    assert invoke("export", "small.yaml", "--format", "archimate", "-o", "small.xml").exit_code == 0
    return tmp_path / "small.xml"


def test_export_then_import_from_the_command_line(small_xml, tmp_path, invoke):
    result = invoke("import", "small.xml", "-o", "back.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == "goldenthread: wrote back.yaml\n"
    text = (tmp_path / "back.yaml").read_text()
    assert "# Imported from small.xml by goldenthread import.\n" in text
    assert "  # from small.xml:13:5\n  a1:\n" in text
    assert essence(load_model(tmp_path / "back.yaml")) == essence(load_model(tmp_path / "small.yaml"))


def test_import_refuses_to_overwrite_without_force(small_xml, tmp_path, invoke):
    (tmp_path / "back.yaml").write_bytes(b"keep me")
    result = invoke("import", "small.xml", "-o", "back.yaml")
    assert result.exit_code == 2
    assert result.stderr == "goldenthread: error: back.yaml already exists: use --force to replace it\n"
    assert (tmp_path / "back.yaml").read_bytes() == b"keep me"
    assert invoke("import", "small.xml", "-o", "back.yaml", "--force").exit_code == 0
    assert load_model(tmp_path / "back.yaml").aims["a1"].owner == "Chief Executive"


HOSTILE = {
    "xxe": (
        '<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"<model {NS}><name>&xxe;</name></model>\n",
        "2:1: a DOCTYPE declaration is refused: an exchange file needs none",
    ),
    "billion-laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
        + f"]>\n<model {NS}><name>&lol9;</name></model>\n",
        "2:1: a DOCTYPE declaration is refused: an exchange file needs none",
    ),
    "undeclared-entity": (
        f'<?xml version="1.0"?>\n<model {NS}>\n  <name>&xxe;</name></model>\n',
        "3:14: not well-formed XML: Entity 'xxe' not defined",
    ),
    "malformed": (
        f'<?xml version="1.0"?>\n<model {NS}>\n  <name>M</model>\n',
        "3:18: not well-formed XML: Opening and ending tag mismatch: name line 3 and model",
    ),
    "truncated": (f"<model {NS}><name>M", "1:121: not well-formed XML: Premature end of data in tag name line 1"),
    "empty": ("", "1:1: not well-formed XML: Document is empty"),
    "not-xml": ("\x00\x01binary", "1:1: not well-formed XML: Document is empty"),
    "deep": (
        f"<model {NS}>" + "<a>" * 3000 + "</a>" * 3000 + "</model>",
        # libxml2's own limit without XML_PARSE_HUGE (lxml's huge_tree), hit at the 257th level.
        "1:881: not well-formed XML: Excessive depth in document: 256, use XML_PARSE_HUGE option",
    ),
    "archimate-2": (
        '<model xmlns="http://www.opengroup.org/xsd/archimate"><name>M</name></model>',
        "1:1: not an ArchiMate exchange file: its namespace is 'http://www.opengroup.org/xsd/archimate',"
        " not the 3.x format's 'http://www.opengroup.org/xsd/archimate/3.0/'",
    ),
    "other-root": (
        "<html><body/></html>",
        "1:1: not an ArchiMate exchange file: its root element is <html>, not <model>",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_and_broken_files_give_one_positioned_line(name, tmp_path, invoke):
    text, message = HOSTILE[name]
    (tmp_path / "in.xml").write_text(text, encoding="utf-8")
    result = invoke("import", "in.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"in.xml:{message}\n"
    assert not (tmp_path / "out.yaml").exists()


def test_a_file_over_the_limit_is_refused_before_reading(small_xml, tmp_path, invoke, monkeypatch):
    import goldenthread.model.sources.archimate as archimate

    monkeypatch.setattr(archimate, "MAX_BYTES", 1000)
    size = small_xml.stat().st_size
    result = invoke("import", "small.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"small.xml:1:1: {size:,} bytes, over the 1,000-byte limit; refused\n"
    assert not (tmp_path / "out.yaml").exists()


def test_problems_name_the_line_and_column(small_xml, tmp_path, invoke):
    text = small_xml.read_text()
    text = text.replace('<value xml:lang="en">100</value>', '<value xml:lang="en">lots</value>')
    text = text.replace('<value xml:lang="en">active</value>', '<value xml:lang="en">actve</value>')
    (tmp_path / "bad.xml").write_text(text)
    result = invoke("import", "bad.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == "bad.xml:47:9: 'budget' must be a number, not 'lots'\n"
    (tmp_path / "bad.xml").write_text(text.replace("lots", "100"))
    result = invoke("import", "bad.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("bad.xml:38:5: ")
    assert "'actve'" in result.stderr and "did you mean 'active'?" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


ARCHI_MADE = exchange(
    element("id-1a", "Goal", "Be greener")
    + element("id-2b", "Principle", "Cloud first")
    + element("id-3c", "WorkPackage", "Move to the cloud")
    + element("id-4d", "Requirement", "Uptime 99.9%")
    + element("id-5e", "Requirement", "Encrypted at rest"),
    '<relationship identifier="r1" source="id-2b" target="id-1a" xsi:type="Realization"/>'
    '<relationship identifier="r2" source="id-3c" target="id-2b" xsi:type="Realization"/>'
    '<relationship identifier="r3" source="id-4d" target="id-5e" xsi:type="Flow"/>',
)


def test_other_types_are_skipped_with_a_note(tmp_path, invoke):
    (tmp_path / "archi.xml").write_text(ARCHI_MADE)
    result = invoke("import", "archi.xml", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "goldenthread: note: skipped 3 elements: Principle (1), Requirement (2)"
        " (read a type as a kind with --map TYPE=KIND)\n"
        "goldenthread: note: skipped 3 relationships: Flow (1), Realization (2)\n"
        "goldenthread: wrote out.yaml\n"
    )
    model = load_model(tmp_path / "out.yaml")
    assert [(a.id, a.title) for a in model.aims.values()] == [("id-1a", "Be greener")]
    assert [(p.id, p.themes) for p in model.projects.values()] == [("id-3c", ())]


def test_map_reads_another_type_as_a_kind(tmp_path, invoke):
    (tmp_path / "archi.xml").write_text(ARCHI_MADE)
    result = invoke("import", "archi.xml", "-o", "out.yaml", "--map", "Principle=theme")
    assert result.exit_code == 0, result.output
    model = load_model(tmp_path / "out.yaml")
    assert [(t.id, t.title, t.aims) for t in model.themes.values()] == [("id-2b", "Cloud first", ("id-1a",))]
    assert model.projects["id-3c"].themes == ("id-2b",)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("Principle", "'Principle': write TYPE=KIND, e.g. Principle=theme"),
        (
            "Principle=theem",
            "'Principle=theem': the kind must be one of aim, theme, project, benefit; did you mean 'theme'?",
        ),
    ],
)
def test_a_bad_map_is_a_usage_error(option, message, tmp_path, invoke):
    (tmp_path / "archi.xml").write_text(ARCHI_MADE)
    result = invoke("import", "archi.xml", "-o", "out.yaml", "--map", option)
    assert result.exit_code == 2
    assert f"Invalid value for '--map': {message}" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\r"), min_size=1, max_size=25
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=_TEXT.filter(str.strip),
    description=_TEXT,
    owner=_TEXT,
    tag=_TEXT,
    budget=st.one_of(st.integers(0, 10**12), st.integers(0, 10**12).map(lambda i: i / 100)),
    value=st.integers(-(10**11), 10**11).map(lambda i: i / 100),
    reason=_TEXT.filter(str.strip),
)
def test_round_trip_keeps_any_text_and_number(title, description, owner, tag, budget, value, reason, tmp_path):
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    text = (
        f"model: {{title: {q(title)}, description: {q(description)}, as_of: 2025-01-01}}\n"
        f"aims:\n  a1: {{title: {q(title)}, description: {q(description)}, owner: {q(owner)}, tags: [{q(tag)}]}}\n"
        f"projects:\n  p1: {{title: P, budget: {budget!r}, aims: [a1], owner: {q(owner)},"
        f" waive: {{project-without-benefit: {q(reason)}}}}}\n"
        f"benefits:\n  b1: {{title: B, aims: [a1], measure: {{unit: {q(owner)}, target: {value!r}}},"
        f" measurements: [{{date: 2025-01-01, value: {value!r}, source: {q(description)}}}]}}\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


def test_model_properties_are_checked_where_they_are(small_xml, tmp_path, invoke):
    text = small_xml.read_text().replace('<value xml:lang="en">GBP</value>', '<value xml:lang="en">pounds</value>', 1)
    definition = (
        '<propertyDefinition identifier="p-rule" type="string"><name>rule brokn-thread</name></propertyDefinition>'
    )
    text = text.replace("<propertyDefinitions>", "<propertyDefinitions>" + definition)
    rule = '<property propertyDefinitionRef="p-rule"><value>fatal</value></property>'
    text = text.replace("<properties>", "<properties>" + rule, 1)
    (tmp_path / "bad.xml").write_text(text)
    result = invoke("import", "bad.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "bad.xml:4:15: unknown rule 'brokn-thread'; did you mean 'broken-thread'?\n"
        "bad.xml:8:5: currency must be a three-letter ISO 4217 code, not 'pounds'\n"
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_a_file_imports_or_names_its_problems(data, tmp_path, invoke):
    (tmp_path / "small.yaml").write_text(SMALL)
    invoke("export", "small.yaml", "--format", "archimate", "-o", "small.xml")
    lines = (tmp_path / "small.xml").read_text().splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["drop", "twice", "cut", "text"]))
        if edit == "drop":
            del lines[i]
        elif edit == "twice":
            lines.insert(i, lines[i])
        elif edit == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        else:
            lines[i] = lines[i].replace(">", ">" + data.draw(st.text(max_size=5)), 1)
        if not lines:
            break
    (tmp_path / "hurt.xml").write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.unlink(missing_ok=True)
    result = invoke("import", "hurt.xml", "-o", "out.yaml")
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        load_model(out)  # what import writes always loads
    else:
        assert not out.exists()
        problems = [line for line in result.stderr.splitlines() if not line.startswith("goldenthread: note:")]
        assert problems and all(re.match(r"hurt\.xml:\d+:\d+: ", line) for line in problems), problems


def test_a_control_character_the_model_refuses_is_named_where_it_is(tmp_path, invoke):
    (tmp_path / "in.xml").write_text(exchange(element("id-a", "Goal", "Escape&#x9b;[2J")))
    result = invoke("import", "in.xml", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == "in.xml:5:44: control character U+009B is not allowed in a model\n"
    assert not (tmp_path / "out.yaml").exists()


def test_the_model_language_goes_to_every_text_and_comes_back(invoke, tmp_path):
    (tmp_path / "cy.yaml").write_text(
        "model:\n  title: Strategaeth\n  language: cy\n  tolerance: 5\n  review_every: 3m\naims:\n  a1: {title: Nod}\n",
        encoding="utf-8",
    )
    assert invoke("export", "cy.yaml", "--format", "archimate", "-o", "cy.xml").exit_code == 0
    text = (tmp_path / "cy.xml").read_text(encoding="utf-8")
    assert 'xml:lang="cy"' in text and 'xml:lang="en"' not in text
    assert invoke("import", "cy.xml", "-o", "back.yaml").exit_code == 0
    back = load_model(tmp_path / "back.yaml").info
    assert (back.language, back.title) == ("cy", "Strategaeth")
