"""Exports read back by the programs that open them: Mermaid, Graphviz, a CSV reader, an XML parser.

Each hostile title must come back exactly as written (made one line by
``one_line``), and nothing in it may act: no Mermaid directive obeyed, no
entity or escape decoded, no formula, no row split, no carriage return lost.
"""

from __future__ import annotations

import csv
import io
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from external import PUPPETEER_CONFIG, node_program, system_program
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.model.validate import validate
from goldenthread.model.yamlread import parse_yaml
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.export import export_files, export_text
from goldenthread.traceability.render.safetext import csv_cell, one_line

HOSTILE_TITLES = [
    '%%{init: {"theme": "dark", "themeVariables": {"primaryTextColor": "#ffffff00"}}}%% restyled',
    "%%{init: {'securityLevel': 'loose'}}%% click n0 href 'https://example.org'",
    "C:\\new\\table \\N \\G \\l",
    "&amp; &lt; &#x1F; &#35; #35; #quot;",
    "<b>bold</b> <img src=x onerror=alert(1)> <script>alert(1)</script>",
    '"quoted" and `code` and **bold** and _em_',
    "[brackets] (parens) {braces} a|b --> c ==> d -.- e",
    "line\nbreak and\rreturn and\r\nboth and\ttab",
    "bidi \u202eevil\u202c and \u2066isolate\u2069 and \u2028separator",
    '=HYPERLINK("http://example.org","x")',
    "+1 -1 @SUM(A1) end",
    "émigré 日本語 😀 ﷽",
]

#: Characters the YAML reader refuses even escaped (controls but tab, LF, CR), so no model can hold them.
REFUSED = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r")
model_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=REFUSED + "\ufffe\uffff"), min_size=1
)


def _yaml(text: str) -> str:
    def escape(ch: str) -> str:
        if ch in '"\\':
            return "\\" + ch
        code = ord(ch)
        if 0x20 <= code < 0x7F:
            return ch
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return '"' + "".join(map(escape, text)) + '"'


def _graph(titles: list[str]) -> nx.DiGraph:
    aims = "".join(f"  a{i}: {{title: {_yaml(t)}, description: {_yaml(t)}}}\n" for i, t in enumerate(titles))
    text = f"model: {{title: {_yaml(titles[0])}}}\naims:\n{aims}themes:\n  t0: {{title: Theme, aims: [a0]}}\n"
    return build_graph(validate([("m.yaml", parse_yaml(text, "m.yaml"))]))


def _svg_texts(svg: bytes) -> list[str]:
    """Every piece of text drawn in an SVG (Graphviz <text>, Mermaid's HTML labels), as the viewer sees it."""
    root = ET.fromstring(svg)
    out = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("text", "p") or (tag == "span" and not len(el)):
            text = "".join(el.itertext())
            if text.strip():
                out.append(text)
    return out


# -- Mermaid --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mermaid_svg(tmp_path_factory) -> bytes:
    mmdc = node_program("mmdc")
    folder = tmp_path_factory.mktemp("mermaid")
    source = folder / "graph.mmd"
    source.write_text(export_text(_graph(HOSTILE_TITLES), "mermaid"), encoding="utf-8")
    target = folder / "graph.svg"
    subprocess.run(
        [mmdc, "-p", str(PUPPETEER_CONFIG), "-i", str(source), "-o", str(target), "-q"],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return target.read_bytes()


def test_mermaid_shows_every_hostile_title_literally(mermaid_svg):
    labels = set(_svg_texts(mermaid_svg))
    for i, title in enumerate(HOSTILE_TITLES):
        assert f"a{i}: {one_line(title)}" in labels, title


def test_mermaid_obeys_no_directive_in_a_title(mermaid_svg):
    svg = mermaid_svg.decode("utf-8")
    assert "#ffffff00" not in svg.split("</style>")[0]  # the theme variables were not applied
    assert "<a " not in svg and "href=" not in svg
    assert "<script" not in svg and "onerror=" not in svg.replace("onerror=alert", "")


# -- Graphviz ---------------------------------------------------------------------------------------------------


def _dot_svg(G: nx.DiGraph, folder: Path) -> bytes:
    dot = system_program("dot", "apt-get install -y graphviz")
    source = folder / "graph.dot"
    source.write_text(export_text(G, "dot"), encoding="utf-8")
    done = subprocess.run([dot, "-Tsvg", str(source)], check=True, capture_output=True, timeout=60)
    return done.stdout


def test_graphviz_shows_every_hostile_title_literally(tmp_path):
    texts = _svg_texts(_dot_svg(_graph(HOSTILE_TITLES), tmp_path))
    for title in HOSTILE_TITLES:
        assert one_line(title) in texts, title


@given(titles=st.lists(model_text, min_size=1, max_size=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_graphviz_svg_is_valid_xml_showing_each_title(tmp_path, titles):
    svg = _dot_svg(_graph(titles), tmp_path)
    texts = _svg_texts(svg)  # parses: Graphviz wrote valid XML
    for t in titles:
        shown = one_line(t)
        if shown.strip() and shown == shown.strip() and "  " not in shown:
            # Graphviz collapses nothing else; surrounding and doubled spaces are its layout's business.
            assert shown in texts, (t, texts)


# -- CSV ------------------------------------------------------------------------------------------------------


@given(titles=st.lists(model_text, min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_csv_reads_back_one_row_per_entity_and_no_formula(tmp_path_factory, titles):
    files = export_files(_graph(titles), "csv", "out")
    rows = list(csv.DictReader(io.StringIO(files[Path("out/nodes.csv")].removeprefix("\ufeff"), newline="")))
    assert [r["id"] for r in rows] == [f"a{i}" for i in range(len(titles))] + ["t0"]
    for row, title in zip(rows, titles, strict=False):
        assert row["title"] == csv_cell(title)
        assert row["description"] == csv_cell(title)
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                cell.startswith("-") and not _is_number(cell)
            )


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# -- GraphML and GEXF ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_keep_every_title_exactly(fmt):
    G = _graph(HOSTILE_TITLES)
    text = export_text(G, fmt)
    H = nx.parse_graphml(text) if fmt == "graphml" else nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    for i, title in enumerate(HOSTILE_TITLES):
        assert H.nodes[f"a{i}"]["title"] == title  # a carriage return included
