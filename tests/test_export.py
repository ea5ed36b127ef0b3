"""``goldenthread export``: JSON that round-trips, GraphML, GEXF, DOT, Mermaid and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from goldenthread.model import load_model
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.export import FORMATS, export_files, export_text, flat_attributes
from goldenthread.traceability.render.graphjson import graph_from_json, graph_to_json

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


@pytest.fixture(scope="module")
def G():
    return build_graph(load_model(MODEL))


def assert_identical(a: nx.DiGraph, b: nx.DiGraph) -> None:
    assert nx.utils.graphs_equal(a, b)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    for n, d in a.nodes(data=True):
        assert {k: type(v) for k, v in d.items()} == {k: type(v) for k, v in b.nodes[n].items()}, n


class TestJson:
    def test_round_trip_is_identical(self, G):
        text = export_text(G, "json")
        assert_identical(G, graph_from_json(json.loads(text)))

    def test_round_trip_keeps_typed_values(self, G):
        back = graph_from_json(json.loads(export_text(G, "json")))
        b7 = back.nodes["b7"]
        assert b7["extra"] == {"x-note": {"reviewed": dt.date(2024, 6, 1), "by": ["audit"]}}
        assert b7["measurements"][0].source == "Timesheets"
        assert back.nodes["p1"]["start"] == dt.date(2023, 4, 1)
        assert back.graph["model"].as_of == dt.date(2024, 6, 30)

    def test_example_round_trips(self, example):
        G = build_graph(example)
        assert_identical(G, graph_from_json(json.loads(export_text(G, "json"))))

    def test_node_link_form_that_networkx_reads(self, G):
        doc = json.loads(export_text(G, "json"))
        H = nx.node_link_graph(doc, edges="edges")
        assert list(H) == list(G)
        assert H.edges["p1", "t1"] == {"relation": "delivers"}
        assert doc["graph"]["format"] == "goldenthread-graph"
        assert doc["nodes"][0] == {
            "id": "a1",
            "kind": "aim",
            "title": "Healthy residents",
            "description": None,
            "owner": None,
            "tags": [],
            "waive": {},
            "file": MODEL,
            "line": 11,
            "column": 3,
        }

    def test_free_values_that_json_cannot_hold_are_tagged(self):
        G = nx.DiGraph()
        extra = {"x-a": {1: dt.date(2020, 1, 2), "$x": [float("inf")]}, "x-b": dt.datetime(2020, 1, 2, 3, 4)}
        G.add_node("n", kind="aim", title="N", extra=extra)
        doc = graph_to_json(G)
        assert doc["nodes"][0]["extra"] == {
            "x-a": {"$map": [[1, {"$date": "2020-01-02"}], ["$x", [{"$float": "inf"}]]]},
            "x-b": {"$datetime": "2020-01-02T03:04:00"},
        }
        assert graph_from_json(json.loads(json.dumps(doc))).nodes["n"]["extra"] == extra


class TestScalarFormats:
    def test_flat_attributes(self, G):
        assert flat_attributes(G.nodes["b2"]) == {
            "label": "Calls about bins",
            "kind": "benefit",
            "title": "Calls about bins",
            "benefit_kind": "non-cashable",
            "unit": "calls",
            "target": 40.0,
            "baseline": 100.0,
            "target_date": "2025-06-30",
            "direction": "decrease",
            "measurements": 2,
            "latest_date": "2024-06-30",
            "latest_value": 85.0,
            "file": MODEL,
            "line": 68,
            "column": 3,
        }

    def test_graphml_reads_back(self, G, tmp_path):
        path = tmp_path / "g.graphml"
        path.write_text(export_text(G, "graphml"), encoding="utf-8")
        H = nx.read_graphml(path)
        assert list(H) == list(G)
        assert H.nodes["p1"]["budget"] == 900.0
        assert H.nodes["p1"]["start_date"] == "2023-04-01"
        assert H.edges["b1", "a1"]["relation"] == "evidences"

    def test_gexf_reads_back_and_is_dated_by_the_model(self, G, tmp_path):
        text = export_text(G, "gexf")
        assert '<meta lastmodifieddate="2024-06-30">' in text
        path = tmp_path / "g.gexf"
        path.write_text(text, encoding="utf-8")
        H = nx.read_gexf(path)
        assert H.number_of_nodes() == 19 and H.number_of_edges() == G.number_of_edges()
        assert H.nodes["a4"]["label"] == "Orphan aim"
        assert H.nodes["p1"]["end_date"] == "2025-03-31"


class TestDot:
    def test_one_cluster_per_kind_and_quoted_labels(self, G):
        text = export_text(G, "dot")
        assert text.startswith('digraph "Portfolio test" {\n')
        for kind, label in (("aim", "Aims"), ("theme", "Themes"), ("project", "Projects"), ("benefit", "Benefits")):
            assert f'  subgraph "cluster_{kind}" {{\n    label="{label}";\n' in text
        assert '    "b7" [label="b7\\nStaff time \\"released\\""];' in text
        assert '  "p1" -> "t1" [label="delivers"];' in text
        assert text.count(" -> ") == G.number_of_edges()

    def test_backslashes_and_newlines_cannot_break_out(self, write_model):
        path = write_model('aims:\n  a.1:\n    title: "C:\\\\temp \\" \\n next"\n')
        text = export_text(build_graph(load_model(path)), "dot")
        # The line break is shown as \n (one_line), so the text's own backslash shows doubled; DOT doubles both.
        assert '"a.1" [label="a.1\\nC:\\\\\\\\temp \\" \\\\n next"];' in text


class TestMermaid:
    def test_flowchart_with_safe_ids_and_escaped_labels(self, G):
        lines = export_text(G, "mermaid").splitlines()
        assert lines[:3] == ["flowchart BT", '  subgraph aims["Aims"]', '    n0["a1: Healthy residents"]']
        assert '    n18["b7: Staff time #34;released#34;"]' in lines
        assert "  n7 -->|delivers| n4" in lines  # p1 -> t1

    def test_markup_is_escaped(self, write_model):
        path = write_model('aims:\n  end:\n    title: "<b>R&D</b> #1 `x`"\n')
        text = export_text(build_graph(load_model(path)), "mermaid")
        assert '    n0["end: #60;b#62;R#38;D#60;/b#62; #35;1 #96;x#96;"]' in text

    def test_fenced_in_a_markdown_file(self, G, tmp_path):
        ((_, text),) = export_files(G, "mermaid", tmp_path / "graph.md").items()
        assert text.startswith("```mermaid\nflowchart BT\n") and text.endswith("```\n")
        ((_, plain),) = export_files(G, "mermaid", tmp_path / "graph.mmd").items()
        assert plain.startswith("flowchart BT\n")


class TestCommand:
    def test_json_to_stdout_by_default(self, invoke):
        result = invoke("export", MODEL)
        assert result.exit_code == 0
        assert json.loads(result.stdout)["graph"]["model"]["currency"] == "EUR"

    @pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
    def test_writes_a_file_deterministically(self, invoke, tmp_path, fmt):
        out = tmp_path / f"graph.{fmt}"
        result = invoke("export", "--example", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0
        assert result.stderr == f"goldenthread: wrote {out}\n"
        first = out.read_bytes()
        invoke("export", "--example", "--format", fmt, "-o", str(out))
        assert out.read_bytes() == first
        assert invoke("export", "--example", "--format", fmt).stdout.encode() == first
        assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]

    def test_csv_writes_four_tables_into_a_folder(self, invoke, tmp_path):
        out = tmp_path / "tables"
        result = invoke("export", MODEL, "--format", "csv", "-o", str(out))
        assert result.exit_code == 0
        assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "measurements.csv", "model.csv", "nodes.csv"]
        # Each file starts with a UTF-8 byte-order mark, so that Excel reads it as UTF-8.
        assert (out / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbfid,kind,title,")
        assert (out / "edges.csv").read_bytes().startswith(b"\xef\xbb\xbfsource,target,relation\n")
        assert (out / "model.csv").read_bytes().startswith(b"\xef\xbb\xbffield,value\n")
        header = b"\xef\xbb\xbfbenefit,date,value,source,after as of\n"
        assert (out / "measurements.csv").read_bytes().startswith(header)
        nodes = list(csv.DictReader((out / "nodes.csv").open(encoding="utf-8-sig")))
        edges = list(csv.DictReader((out / "edges.csv").open(encoding="utf-8-sig")))
        assert [n["id"] for n in nodes][:5] == ["a1", "a2", "a3", "a4", "t1"]
        assert nodes[7]["budget"] == "900.0" and nodes[7]["status"] == "active"
        assert nodes[-1]["title"] == 'Staff time "released"'
        assert edges[0] == {"source": "t1", "target": "a1", "relation": "supports"}
        assert len(edges) == 22

    def test_csv_needs_a_folder(self, invoke, tmp_path):
        result = invoke("export", "--example", "--format", "csv")
        assert result.exit_code == 2
        assert "name a folder with -o/--output" in result.stderr
        file = tmp_path / "x.csv"
        file.write_text("")
        assert invoke("export", "--example", "--format", "csv", "-o", str(file)).exit_code == 2

    def test_missing_folder_for_a_file_is_a_usage_error(self, invoke, tmp_path):
        result = invoke("export", "--example", "-o", str(tmp_path / "no" / "g.json"))
        assert result.exit_code == 2
        assert "does not exist" in result.stderr
