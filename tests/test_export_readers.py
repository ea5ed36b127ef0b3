"""Exports read by what reads them: networkx and yEd's GraphML, the GEXF 1.2 format, mmdc, a CSV import."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from external import PUPPETEER_CONFIG, node_program
from lxml import etree

from goldenthread.traceability.render.export import MERMAID_MAX_EDGES

CARE = Path(__file__).parent / "models" / "change" / "care.yaml"
TITLED = "model:\n  title: Care strategy\n  organisation: Hampshire\n  as_of: 2025-03-31\n  currency: EUR\n" + (
    CARE.read_text(encoding="utf-8").replace("title: Better care", "title: Better care & « naïve »")
)


def test_graphml_has_the_model_on_the_graph_and_yed_labels(invoke, write_model):
    write_model(TITLED)
    text = invoke("export", "model.yaml", "--format", "graphml").stdout
    G = nx.parse_graphml(text)
    assert G.graph == {
        "node_default": {},
        "edge_default": {},
        "title": "Care strategy",
        "organisation": "Hampshire",
        "as_of": "2025-03-31",
        "currency": "EUR",
    }
    a1 = G.nodes["a1"]
    # networkx reads yEd's label (y:NodeLabel) and shape (y:Shape) as yEd shows them.
    assert (a1["label"], a1["title"], a1["shape_type"]) == (
        "Better care & « naïve »",
        "Better care & « naïve »",
        "octagon",
    )
    assert G.nodes["p1"]["budget"] == 1000.0 and G.nodes["p1"]["shape_type"] == "roundrectangle"
    assert sorted(G.edges(data="relation")) == [("p1", "a1", "contributes"), ("t1", "a1", "supports")]
    root = etree.fromstring(text.encode("utf-8"))
    y = "{http://www.yworks.com/xml/graphml}"
    labels = [el.text for el in root.iter(f"{y}NodeLabel")]
    assert labels == ["Better care & « naïve »", "Cleaner streets", "Care records", "Care system"]
    graphics = root.findall(".//{http://graphml.graphdrawing.org/xmlns}key[@yfiles.type='nodegraphics']")
    assert len(graphics) == 1 and graphics[0].get("for") == "node"


def test_graphml_of_the_example_reads_back_whole(invoke, example):
    G = nx.parse_graphml(invoke("export", "--example", "--format", "graphml").stdout)
    assert G.number_of_nodes() == len(example) and G.graph["organisation"] == "Hampshire County Council"


GEXF = "{http://www.gexf.net/1.2draft}"
#: What the GEXF 1.2 primer and schema (gexf.net/1.2draft/gexf.xsd) allow; no copy of the schema is at hand here.
GRAPH_ATTRIBUTES = {"defaultedgetype", "mode", "timeformat", "timerepresentation", "start", "end", "idtype"}
ATTRIBUTE_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}


def test_gexf_follows_the_1_2_format(invoke):
    """The constraints of the GEXF 1.2 schema an export can break, checked one by one."""
    text = invoke("export", "--example", "--format", "gexf").stdout
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    assert [c.tag for c in root] == [f"{GEXF}meta", f"{GEXF}graph"]
    graph = root.find(f"{GEXF}graph")
    assert set(graph.attrib) <= GRAPH_ATTRIBUTES, set(graph.attrib) - GRAPH_ATTRIBUTES
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    declared = {}
    for attributes in graph.findall(f"{GEXF}attributes"):
        assert attributes.get("class") in ("node", "edge")
        for a in attributes:
            assert a.tag == f"{GEXF}attribute" and a.get("type") in ATTRIBUTE_TYPES
            declared[attributes.get("class"), a.get("id")] = a.get("type")
    ids = [n.get("id") for n in graph.iter(f"{GEXF}node")]
    assert len(ids) == len(set(ids))
    for cls, element in (("node", "node"), ("edge", "edge")):
        for item in graph.iter(f"{GEXF}{element}"):
            for value in item.iter(f"{GEXF}attvalue"):
                kind = declared[cls, value.get("for")]
                if kind in ("long", "integer"):
                    int(value.get("value"))
                elif kind == "double":
                    float(value.get("value"))
    edges = list(graph.iter(f"{GEXF}edge"))
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert len({e.get("id") for e in edges}) == len(edges)
    assert nx.read_gexf(io.BytesIO(text.encode("utf-8"))).number_of_nodes() == len(ids)


def test_csv_starts_with_a_byte_order_mark_and_imports_back(invoke, write_model, tmp_path):
    write_model(TITLED)
    assert invoke("export", "model.yaml", "--format", "csv", "-o", "csv").exit_code == 0
    assert (tmp_path / "csv" / "nodes.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    result = invoke("import", "csv", "-o", "back.yaml")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(invoke("export", "back.yaml").stdout)
    assert doc["nodes"][0]["title"] == "Better care & « naïve »"


def _wide(projects: int) -> str:
    aims = "".join(f"  a{i}: {{title: Aim {i}}}\n" for i in range(3))
    rows = "".join(f"  p{i}: {{title: Project {i}, budget: 10, aims: [a0, a1]}}\n" for i in range(projects))
    return f"aims:\n{aims}projects:\n{rows}"


def _mmdc(folder: Path, source: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node_program("mmdc"), "-p", str(PUPPETEER_CONFIG), "-i", source, "-o", "out.svg", "-q", *options],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _links_drawn(svg: Path) -> int:
    return len(etree.parse(str(svg)).xpath("//*[local-name()='path' and contains(@class, 'flowchart-link')]"))


def test_mermaid_over_500_links_warns_and_renders_with_max_edges(invoke, write_model, tmp_path):
    write_model(_wide(260))  # 520 links
    result = invoke("export", "model.yaml", "--format", "mermaid", "-o", "graph.mmd")
    assert result.exit_code == 0
    assert result.stderr == (
        "goldenthread: warning: 520 links, more than Mermaid draws in one flowchart (500): "
        'render it with maxEdges set (mmdc -c with {"maxEdges": 520}), or export to a .md file, '
        "which splits it by aim\ngoldenthread: wrote graph.mmd\n"
    )
    # mmdc refuses it as Mermaid's default does, and draws every link with the limit the warning names.
    assert "Edge limit exceeded" in _mmdc(tmp_path, "graph.mmd").stderr
    (tmp_path / "config.json").write_text('{"maxEdges": 520}', encoding="utf-8")
    proc = _mmdc(tmp_path, "graph.mmd", "-c", "config.json")
    assert proc.returncode == 0, proc.stderr
    assert _links_drawn(tmp_path / "out.svg") == 520


def test_mermaid_over_500_links_in_markdown_is_one_flowchart_per_aim(invoke, write_model, tmp_path):
    write_model(_wide(260) + "  p-alone: {title: Alone, budget: 1}\n")
    result = invoke("export", "model.yaml", "--format", "mermaid", "-o", "graph.md")
    assert result.stderr.startswith(
        "goldenthread: warning: 520 links, more than Mermaid draws in one flowchart (500): "
    )
    assert "written as one flowchart per aim\n" in result.stderr
    text = (tmp_path / "graph.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Aim 0", "## Aim 1", "## Aim 2", "## Not linked to an aim"]
    blocks = text.split("```mermaid\n")[1:]
    counts = []
    for i, block in enumerate(blocks):
        (tmp_path / f"part{i}.mmd").write_text(block.split("```")[0], encoding="utf-8")
        proc = _mmdc(tmp_path, f"part{i}.mmd")
        assert proc.returncode == 0, proc.stderr
        counts.append(_links_drawn(tmp_path / "out.svg"))
    assert counts == [260, 260, 0, 0]


@pytest.mark.parametrize("projects", [MERMAID_MAX_EDGES // 2])
def test_mermaid_at_the_limit_is_left_as_it_is(invoke, write_model, projects):
    write_model(_wide(projects))  # exactly 500 links
    result = invoke("export", "model.yaml", "--format", "mermaid")
    assert result.stdout.startswith("flowchart BT\n") and result.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "dot", "mermaid"])
def test_dash_is_standard_output(invoke, fmt, tmp_path):
    result = invoke("export", "--example", "--format", fmt, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == invoke("export", "--example", "--format", fmt).stdout
    assert list(tmp_path.iterdir()) == []


def test_dash_is_standard_output_for_a_workbook(invoke, tmp_path):
    from openpyxl import load_workbook

    result = invoke("export", "--example", "--format", "xlsx", "-o", "-")
    assert result.exit_code == 0
    assert "Aims" in load_workbook(io.BytesIO(result.stdout_bytes)).sheetnames
    assert list(tmp_path.iterdir()) == []


def test_dash_is_refused_for_csv(invoke, tmp_path):
    result = invoke("export", "--example", "--format", "csv", "-o", "-")
    assert result.exit_code == 2
    assert "--format csv writes three files: name a folder with -o/--output" in result.stderr
