"""The HTML views without a browser: safety, self-containment, determinism, layout, selection, CLI."""

from __future__ import annotations

import base64
import doctest
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import goldenthread.traceability.render.formatting
import goldenthread.traceability.render.html.layout
import goldenthread.traceability.render.html.network
import goldenthread.traceability.render.html.ordering
import goldenthread.traceability.render.html.palette
import goldenthread.traceability.render.html.reportpage
import goldenthread.traceability.render.html.view
from goldenthread.model import load_example, load_model
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.html.graphpage import render_graph
from goldenthread.traceability.render.html.layout import (
    count_crossings,
    drawn_crossings,
    layer_order,
    layered_positions,
)
from goldenthread.traceability.render.html.network import wrap_label
from goldenthread.traceability.render.html.page import content_security_policy, own_asset, vis_assets
from goldenthread.traceability.render.html.reportpage import render_report
from goldenthread.traceability.render.html.view import GraphOptions, UnknownEntity, select, thread
from goldenthread.traceability.rules import apply_rules

BROWSER_MODELS = Path(__file__).parent / "browser" / "models"
HOSTILE = BROWSER_MODELS / "hostile.yaml"
THREADS = BROWSER_MODELS / "threads.yaml"

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_DATA = re.compile(r'<script type="application/json" id="gt-data">(.*?)</script>', re.S)
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.fixture(scope="module")
def example_page() -> str:
    return render_graph(load_example()).html


@pytest.fixture(scope="module")
def example_report() -> str:
    return render_report(load_example()).html


def csp_of(html: str) -> dict[str, list[str]]:
    (policy,) = _CSP.findall(html)
    policy = policy.replace("&#39;", "'")
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def data_of(html: str) -> dict:
    (block,) = _DATA.findall(html)
    return json.loads(block)


@pytest.mark.parametrize("page", ["example_page", "example_report"])
class TestSelfContainedAndLocked:
    def test_csp_admits_exactly_the_inline_scripts_and_styles(self, page, request):
        html = request.getfixturevalue(page)
        csp = csp_of(html)
        assert csp["default-src"] == ["'none'"]
        assert csp["img-src"] == ["data:"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["form-action"] == ["'none'"]
        scripts, styles = _SCRIPT.findall(html), _STYLE.findall(html)
        # vis-network and ours (the evidence links' routes, the page); vis-network's stylesheet,
        # ours and the status palette's.
        assert (len(scripts), len(styles)) == (3, 3)
        assert csp["script-src"] == [digest(s) for s in scripts]
        assert csp["style-src"] == [digest(s) for s in styles]
        # The CSP meta comes before any script or style, so it governs all of them.
        assert html.index("Content-Security-Policy") < html.index("<style>")

    def test_no_reference_the_page_would_load(self, page, request):
        html = request.getfixturevalue(page)
        loads = re.compile(
            r"""(?:\b(?:src|href|action|formaction|poster|data|srcset|xlink:href)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["']?)"""
            r"(?:https?:)?//",
            re.I,
        )
        assert loads.findall(html) == []
        assert re.findall(r"<(?:link|iframe|img|base|object|embed|audio|video)\b", html, re.I) == []
        assert "sourceMappingURL" not in html

    def test_vis_network_inlined_with_its_licence(self, page, request):
        html = request.getfixturevalue(page)
        js, css = vis_assets()
        assert js in html and css in html
        assert "@version 9.1.2" in html
        assert "vis.js is dual licensed under both" in html
        assert "The Apache 2.0 License" in html and "The MIT License" in html

    def test_utf8_declared_first(self, page, request):
        html = request.getfixturevalue(page)
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')


def test_csp_hash_of_known_text():
    # Hashes from `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`.
    from goldenthread.traceability.render.html.page import Asset

    policy = content_security_policy([Asset("alert(1)")], [Asset("p{}")])
    assert policy == (
        "default-src 'none'; script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; "
        "style-src 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def test_assets_that_would_end_their_element_are_refused(tmp_path, monkeypatch):
    from goldenthread.traceability.render.html import page

    monkeypatch.setattr(page, "HERE", tmp_path)
    page.own_asset.cache_clear()
    (tmp_path / "evil.js").write_text("var s = '</SCRIPT><script>alert(1)';", encoding="utf-8")
    (tmp_path / "evil.css").write_text("p{} </style>", encoding="utf-8")
    try:
        with pytest.raises(ValueError, match=r"evil\.js cannot be inlined"):
            own_asset("evil.js")
        with pytest.raises(ValueError, match=r"evil\.css cannot be inlined"):
            own_asset("evil.css")
    finally:
        page.own_asset.cache_clear()


# -- safety ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_pages() -> tuple[str, str]:
    model = load_model(HOSTILE)
    return render_graph(model).html, render_report(model).html


@pytest.mark.parametrize("which", [0, 1], ids=["graph", "report"])
def test_hostile_text_never_reaches_the_markup(hostile_pages, which):
    html = hostile_pages[which]
    for raw in (
        "<img src=x onerror",
        "</script><script>alert(2)",
        "<script>alert('model title')",
        "<svg onload",
        "<b onmouseover",
        '<a href="javascript',
        "<!-- <script>",
    ):
        assert raw not in html
    assert "&lt;script&gt;alert(&#39;model title&#39;)&lt;/script&gt;" in html
    # Exactly the page's own inline scripts (the data block is JSON).
    from goldenthread.traceability.render.html.graphpage import page_assets

    assert _SCRIPT.findall(html) == [str(s) for s in page_assets()[0]]
    assert "\u2028" not in html and "\u2029" not in html


def test_hostile_text_survives_as_data(hostile_pages):
    data = data_of(hostile_pages[0])
    by_id = {n["id"]: n for n in data["nodes"]}
    # A readable picture cuts long labels (the whole title is the tooltip's and the data's name).
    assert by_id["theme-xss"]["label"] == "</script><script>alert(2)</sc…"
    assert by_id["theme-xss"]["name"] == "</script><script>alert(2)</script>"
    assert by_id["aim-xss"]["tags"] == ["<script>alert('tag')</script>", "javascript:alert(3)"]
    assert "owner: {{ 7*7 }} \u2028\u2029 line separators" in by_id["proj-xss"]["lines"]
    block = _DATA.findall(hostile_pages[0])[0]
    assert "\\u003c/script\\u003e" in block and "\\u2028" in block


def test_hostile_ids_are_escaped_in_the_data():
    from goldenthread.model.types import Aim, Model, ModelInfo, Position

    bad = "</script><img src=x onerror=alert(1)>"
    model = Model(
        info=ModelInfo(title="t"),
        aims={bad: Aim(id=bad, title="a", pos=Position("x", 1, 1))},
        themes={},
        projects={},
        benefits={},
    )
    html = render_graph(model).html
    assert bad not in html
    assert data_of(html)["nodes"][0]["id"] == bad


def test_long_lists_are_cut_with_a_note(monkeypatch):
    from goldenthread.traceability.render.html import reportpage

    monkeypatch.setattr(reportpage, "FINDINGS_SHOWN", 2)
    monkeypatch.setattr(reportpage, "BENEFITS_SHOWN", 3)
    monkeypatch.setattr(reportpage, "MATRIX_CELLS_SHOWN", 41)
    html = render_report(load_example()).html
    assert "6 aims \u00d7 7 themes is too large a heat map for this page" in html
    assert 'id="gt-matrix"' not in html
    assert '<span data-count="warnings">45</span>' in html
    # At most 2 findings a rule; the counts stay whole and a note says how many more.
    groups = re.findall(
        r'data-rule-line="([^"]+)" data-group="([^"]+)">\s*<h3>[^<]*<span[^>]*>[^<]*</span> '
        r"<strong data-rule-count>(\d+)</strong>",
        html,
    )
    assert sum(int(c) for _, _, c in groups) == 55
    assert html.count('<li id="gt-f-') == sum(min(2, int(c)) for _, _, c in groups)
    assert "… and 10 more: <code>goldenthread check</code> lists them all." in html
    assert html.count("<tr data-benefit=") == 3
    assert "… and 8 more: <code>goldenthread benefits</code> lists them all." in html


# -- determinism -------------------------------------------------------------------------


def test_same_model_same_bytes_across_processes():
    """Byte-identical output whatever the hash seed: no set or dict order leaks into the page."""
    code = (
        "import hashlib, sys; from goldenthread.model import load_model;"
        "from goldenthread.traceability.render.html.graphpage import render_graph;"
        "from goldenthread.traceability.render.html.reportpage import render_report;"
        "m = load_model(sys.argv[1]);"
        "print(hashlib.sha256(render_graph(m).html.encode()).hexdigest(),"
        " hashlib.sha256(render_report(m).html.encode()).hexdigest())"
    )
    model = load_model(THREADS)
    here = " ".join(
        hashlib.sha256(p.encode()).hexdigest() for p in (render_graph(model).html, render_report(model).html)
    )
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, str(THREADS)], env=env, capture_output=True, text=True)
        assert out.stdout == here + "\n", out.stderr


def test_rendering_twice_is_identical(example_page):
    assert render_graph(load_example()).html == example_page


# -- the data vis-network gets -----------------------------------------------------------


def test_example_data_holds_every_entity_and_link(example_page):
    model = load_example()
    G = build_graph(model)
    data = data_of(example_page)
    assert [n["id"] for n in data["nodes"]] == [e.id for e in model.entities()]
    assert [(e["from"], e["to"], e["relation"]) for e in data["edges"]] == list(G.edges(data="relation"))
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["edges"]["smooth"] is False
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert data["options"]["interaction"]["hideEdgesOnZoom"] is True
    groups = {n["id"]: n["group"] for n in data["nodes"]}
    assert groups["aim-2-environment"] == "aim-no-investment"
    assert groups["aim-1-life-opportunities"] == "aim-no-evidence"
    assert groups["proj-swift"] == "project"
    assert groups["theme-self-service"] == "theme"
    assert data["tags"] == ["gershon", "past-investment", "plan-12-18-months", "priority-2005-06"]
    assert data["statuses"] == ["active", "approved", "unquantified"]


def test_layered_positions_put_each_kind_in_its_row(example_page):
    rows: dict[str, set[float]] = {}
    for n in data_of(example_page)["nodes"]:
        rows.setdefault(n["kind"], set()).add(n["y"])
    # A readable picture: layers 130 apart; of the row widths that fit the window, rows of 7
    # cross least: the 15 projects fold into three rows 120 apart that take turns along the
    # layer, the 11 benefits into two.
    assert rows == {"aim": {0}, "theme": {130}, "project": {260, 380, 500}, "benefit": {630, 750}}


def test_a_readable_picture_takes_the_row_width_that_crosses_least_and_still_fits():
    from goldenthread.traceability.render.html.layout import LayoutSpacing, fitted_positions
    from goldenthread.traceability.render.html.network import HIDDEN_AT_FIRST

    model = load_example()
    layers = [list(model.section(k)) for k in ("aim", "theme", "project", "benefit")]
    edges = [(a, b) for a, b, rel in build_graph(model).edges(data="relation") if rel not in HIDDEN_AT_FIRST]
    spacing = LayoutSpacing(y_gap=130.0, row_gap=120.0)
    nine = fitted_positions(layers, edges, spacing, (9,), most_rows=7)
    chosen = fitted_positions(layers, edges, spacing, (9, 8, 7), most_rows=7)
    # Rows of 9 (six rows tall) cross 13 times, rows of 7 (seven rows) 11 times.
    assert (drawn_crossings(nine, edges), drawn_crossings(chosen, edges)) == (13, 11)
    # Over the rows the window holds, the narrower widths are not tried.
    assert fitted_positions(layers, edges, spacing, (9, 8, 7), most_rows=6) == nine


def test_tooltip_lines_of_a_project(tmp_path):
    data = data_of(render_graph(load_model(THREADS)).html)
    node = next(n for n in data["nodes"] if n["id"] == "p-gap")
    assert node["lines"] == ["status: approved", "budget: £300,000", "attributed investment: £300,000", "tags: infra"]
    assert node["findings"] == [
        ["warning", "warning project-without-benefit: project 'p-gap' (Project without benefit) realises no benefit"]
    ]
    benefit = next(n for n in data["nodes"] if n["id"] == "b-good")
    assert benefit["lines"] == [
        "status: on track",
        "progress: 60%; latest 60 GBP on 2005-06-30; target 100 GBP by 2006-03-31",
    ]
    idle = next(n for n in data["nodes"] if n["id"] == "t-idle")
    assert idle["group"] == "theme"
    assert "open" not in idle and "gap" not in idle
    assert idle["findings"] == [
        [
            "waived",
            "warning theme-without-project (waived: Starts next year): "
            "theme 't-idle' (Idle theme) is delivered by no project",
        ]
    ]


def test_many_links_drop_the_costly_details(monkeypatch):
    """Above DETAIL_UP_TO links: no dashes, no arrowheads, no hover redraws (force keeps its arrows)."""
    from goldenthread.traceability.render.html import network

    model = load_example()
    detailed = data_of(render_graph(model).html)
    assert {e["relation"] for e in detailed["edges"] if "dashes" in e} == {"contributes", "evidences"}
    assert detailed["options"]["edges"]["arrows"]["to"]["enabled"] is True
    assert detailed["options"]["interaction"]["hover"] is True
    monkeypatch.setattr(network, "DETAIL_UP_TO", 10)
    html = render_graph(model).html
    plain = data_of(html)
    assert not any("dashes" in e for e in plain["edges"])
    # Neither the legend nor the static picture dashes a relation (the waived border stays dashed).
    assert 'stroke-dasharray="2 5"' not in html
    assert 'stroke-dasharray="9 5"' not in html
    assert plain["options"]["edges"]["arrows"]["to"]["enabled"] is False
    assert plain["options"]["interaction"]["hover"] is False
    force = data_of(render_graph(model, GraphOptions(layout="force")).html)
    assert force["options"]["edges"]["arrows"]["to"]["enabled"] is True
    assert force["options"]["physics"]["enabled"] is True


# -- layout ------------------------------------------------------------------------------


def test_barycentre_sweeps_untangle_crossings():
    aims = ["a1", "a2", "a3"]
    themes = ["t3", "t1", "t2"]
    projects = ["p2", "p3", "p1"]
    edges = [("t1", "a1"), ("t2", "a2"), ("t3", "a3"), ("p1", "t1"), ("p2", "t2"), ("p3", "t3")]
    before = [aims, themes, projects]
    assert count_crossings(before, edges) == 4
    after = layer_order(before, edges)
    assert after == [["a1", "a2", "a3"], ["t1", "t2", "t3"], ["p1", "p2", "p3"]]
    assert count_crossings(after, edges) == 0


def test_aims_keep_model_order_and_sweeps_reduce_example_crossings():
    model = load_example()
    G = build_graph(model)
    layers = [list(model.section(k)) for k in ("aim", "theme", "project", "benefit")]
    edges = list(G.edges)
    after = layer_order(layers, edges)
    assert after[0] == layers[0]
    assert count_crossings(after, edges) < count_crossings(layers, edges)
    assert layer_order(layers, edges) == after  # deterministic


#: Crossings as drawn (pairs of straight links that properly intersect) by the
#: layout before the virtual nodes, median sweeps, transposition and sifting
#: (commit fca9ffd), measured by tests/benchmarks/bench_render.py --crossings.
CROSSINGS_BEFORE = {
    "example": 48,
    "threads.yaml": 0,
    "hostile.yaml": 0,
    "portfolio.yaml": 8,
    "complete.yaml": 3,
    "bom.yaml": 0,
    "yaml12.yaml": 0,
    "folder": 0,
}
TEST_MODELS = {
    "threads.yaml": THREADS,
    "hostile.yaml": Path(__file__).parent / "browser" / "models" / "hostile.yaml",
    "portfolio.yaml": Path(__file__).parent / "models" / "portfolio.yaml",
    "complete.yaml": Path(__file__).parent / "models" / "good" / "complete.yaml",
    "bom.yaml": Path(__file__).parent / "models" / "good" / "bom.yaml",
    "yaml12.yaml": Path(__file__).parent / "models" / "good" / "yaml12.yaml",
    "folder": Path(__file__).parent / "models" / "good" / "folder",
}


@pytest.mark.parametrize("name", sorted(CROSSINGS_BEFORE))
def test_crossings_as_drawn_are_at_most_60_percent_of_before(name):
    model = load_example() if name == "example" else load_model(TEST_MODELS[name])
    G = build_graph(model)
    layers = [list(model.section(k)) for k in ("aim", "theme", "project", "benefit")]
    edges = list(G.edges)
    positions = layered_positions(layers, edges)
    assert drawn_crossings(positions, edges) <= 0.6 * CROSSINGS_BEFORE[name]
    assert layered_positions(layers, edges) == positions  # deterministic


def test_links_spanning_layers_count_in_every_layer_they_pass():
    # p2 contributes to a1 directly, passing the theme layer between t1 and t2:
    # there it crosses p1 -> t2, which only counting the passed layer sees.
    layers = [["a1", "a2"], ["t1", "t2"], ["p1", "p2"]]
    edges = [("t1", "a1"), ("t2", "a2"), ("p1", "t2"), ("p2", "a1")]
    assert count_crossings(layers, edges) == 1
    ordered = layer_order(layers, edges)
    assert ordered == [["a1", "a2"], ["t1", "t2"], ["p2", "p1"]]
    assert count_crossings(ordered, edges) == 0


def test_drawn_crossings_count_proper_intersections_only():
    pos = {"a": (0.0, 0.0), "b": (2.0, 0.0), "c": (0.0, 2.0), "d": (2.0, 2.0), "e": (1.0, 1.0)}
    assert drawn_crossings(pos, [("a", "d"), ("b", "c")]) == 1
    # Sharing an end, or touching at one, is not a crossing.
    assert drawn_crossings(pos, [("a", "d"), ("a", "b")]) == 0
    assert drawn_crossings(pos, [("a", "e"), ("e", "d"), ("b", "c")]) == 0


def test_long_layers_wrap_into_rows():
    layer = [f"p{i}" for i in range(100)]
    pos = layered_positions([["a"], layer], [])
    rows = sorted({pos[p][1] for p in layer})
    assert rows == [240.0, 330.0, 420.0]  # 40, 40 and 20 nodes
    assert sum(1 for p in layer if pos[p][1] == 240.0) == 40


def test_wrap_label():
    assert wrap_label("SAP") == "SAP"
    assert wrap_label("Improving SAP usability for everyone", width=16) == "Improving SAP\nusability for\neveryone"
    assert wrap_label("x" * 70) == "x" * 59 + "…"


# -- selection ---------------------------------------------------------------------------


def _selected(model, **options) -> list[str]:
    G = build_graph(model)
    statuses = {p.id: p.status for p in model.projects.values()}
    return select(G, apply_rules(model, G), GraphOptions(**options), statuses).nodes


def test_focus_depth_kind_tag_status():
    model = load_model(THREADS)
    assert _selected(model, focus="t-good", depth=1) == ["a-good", "t-good", "p-good"]
    assert _selected(model, focus="t-good", depth=2) == ["a-good", "t-good", "t-idle", "p-good", "b-good"]
    assert _selected(model, kinds=("aim", "theme")) == ["a-good", "a-gap", "t-good", "t-gap", "t-idle"]
    assert _selected(model, tags=("web",)) == ["a-good", "t-good", "p-good", "p-old", "b-good"]
    assert _selected(model, statuses=("cancelled",)) == ["p-old"]
    assert _selected(model, tags=("web",), kinds=("project",)) == ["p-good", "p-old"]
    with pytest.raises(UnknownEntity, match="no entity has the id 'nope'"):
        _selected(model, focus="nope")


def test_overview_above_the_threshold():
    model = load_model(THREADS)
    # Above the threshold: aims, themes and entities with unwaived findings only.
    assert _selected(model, threshold=5) == ["a-good", "a-gap", "t-good", "t-gap", "t-idle", "p-gap"]
    assert _selected(model, threshold=5, show_all=True) == list(build_graph(model))
    view = render_graph(model, GraphOptions(threshold=5))
    assert view.view.selection.overview
    data = data_of(view.html)
    t_gap = next(n for n in data["nodes"] if n["id"] == "t-gap")
    assert t_gap["label"].endswith("\nprojects: 1 (1 with findings)")
    assert "Overview of a large model: 6 of 9 entities shown" in view.html


def test_thread_of_a_set():
    G = build_graph(load_model(THREADS))
    assert sorted(thread(G, ["p-gap"])) == ["a-gap", "p-gap", "t-gap"]
    # Ancestors and descendants, not the descendants of the ancestors: b-good is not on t-good's thread.
    assert sorted(thread(G, ["t-good", "p-old"])) == ["a-good", "p-good", "p-old", "t-good"]


# -- CLI ---------------------------------------------------------------------------------


def test_render_writes_the_default_file(invoke):
    result = invoke("render", "--example")
    assert result.exit_code == 0
    assert result.stdout == "wrote goldenthread.html: 39 of 39 entities, 36 links; open it in a web browser\n"
    html = Path("goldenthread.html").read_text(encoding="utf-8")
    assert "<title>Annual IT Performance Report 2004/05</title>" in html
    data = data_of(html)
    assert (len(data["nodes"]), len(data["edges"])) == (39, 36)


def test_report_writes_the_default_file(invoke):
    result = invoke("report", "--example")
    assert result.exit_code == 0
    assert result.stdout == (
        "wrote goldenthread-report.html: 4 of 6 aims with investment, 0 with evidence; open it in a web browser\n"
    )
    html = Path("goldenthread-report.html").read_text(encoding="utf-8")
    assert "<title>Annual IT Performance Report 2004/05</title>" in html
    assert len(data_of(html)["nodes"]) == 39


def test_render_options(invoke):
    result = invoke("render", str(THREADS), "-o", "t.html", "--focus", "p-gap", "--depth", "1", "--title", "Mine")
    assert result.exit_code == 0
    assert result.stdout == "wrote t.html: 2 of 9 entities, 1 link; open it in a web browser\n"
    html = Path("t.html").read_text(encoding="utf-8")
    assert "<title>Mine</title>" in html
    assert "Showing 2 of 9 entities: neighbourhood of p-gap to depth 1." in html
    result = invoke("render", str(THREADS), "-o", "k.html", "--kind", "aim", "--status", "approved", "--tag", "infra")
    assert result.stdout.startswith("wrote k.html: 1 of 9 entities, 0 links")


def test_open_uses_the_default_browser(invoke, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert invoke("render", "--example", "--open").exit_code == 0
    assert invoke("report", "--example", "--open", "-o", "r.html").exit_code == 0
    assert opened == [Path("goldenthread.html").resolve().as_uri(), Path("r.html").resolve().as_uri()]


def test_bad_focus_and_bad_output_are_usage_errors(invoke):
    result = invoke("render", "--example", "--focus", "nope")
    assert result.exit_code == 2
    assert "Invalid value for '--focus': no entity has the id 'nope'" in result.stderr
    result = invoke("render", "--example", "--focus", "proj-hantsweb-transaction")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--focus': no entity has the id 'proj-hantsweb-transaction'; "
        "did you mean 'proj-hantsweb-transactional'?" in result.stderr
    )
    result = invoke("report", "--example", "-o", "missing/dir/r.html")
    assert result.exit_code == 2
    assert "cannot write missing/dir/r.html: No such file or directory" in result.stderr
    assert not Path("missing").exists()


def test_unloadable_model_exits_2(invoke, write_model):
    path = write_model("aims: [not, a, mapping]\n")
    for command in ("render", "report"):
        result = invoke(command, str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{path}:1:")
        assert not Path("goldenthread.html").exists()


def test_check_does_not_import_pyvis():
    code = "import sys, goldenthread.cli.main; print('pyvis' in sys.modules, 'IPython' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out == "False False\n"


@pytest.mark.parametrize(
    "module",
    [
        goldenthread.traceability.render.formatting,
        goldenthread.traceability.render.html.layout,
        goldenthread.traceability.render.html.ordering,
        goldenthread.traceability.render.html.palette,
        goldenthread.traceability.render.html.network,
        goldenthread.traceability.render.html.reportpage,
        goldenthread.traceability.render.html.view,
    ],
    ids=lambda m: m.__name__.rsplit(".", 1)[1],
)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_a_tag_no_entity_has_is_a_usage_error_with_a_suggestion(invoke):
    result = invoke("render", "--example", "--tag", "priority-2005-6")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--tag': no entity has the tag 'priority-2005-6'; did you mean 'priority-2005-06'?"
        in result.stderr
    )
    assert not Path("goldenthread.html").exists()


def test_depth_is_bounded_and_the_walk_stops_when_nothing_is_new(invoke):
    result = invoke("render", "--example", "--focus", "proj-swift", "--depth", "1" + "0" * 20)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--depth': 100000000000000000000 is not in the range 0<=x<=100000."
    )
    assert not Path("goldenthread.html").exists()
    # The largest depth allowed ends as soon as the neighbourhood stops growing: the whole
    # connected part of the example, the same as depth 50.
    deep = invoke("render", "--example", "--focus", "proj-swift", "--depth", "100000", "-o", "deep.html")
    assert deep.exit_code == 0
    some = invoke("render", "--example", "--focus", "proj-swift", "--depth", "50", "-o", "some.html")
    assert deep.stdout.replace("deep.html", "x") == some.stdout.replace("some.html", "x")


def test_neighbourhood_walk_visits_each_step_once():
    import networkx as nx

    from goldenthread.traceability.render.html import view

    G = nx.DiGraph([("p", "t"), ("t", "a")])
    assert view._neighbourhood(G, "p", 10**18) == {"p", "t", "a"}


def test_gaps_only_keeps_the_entities_with_errors_and_their_threads(invoke):
    import networkx as nx

    from goldenthread.traceability.rules import apply_rules

    result = invoke("render", str(THREADS), "--gaps-only", "-o", "gaps.html")
    assert result.exit_code == 0
    data = data_of(Path("gaps.html").read_text(encoding="utf-8"))
    model = load_model(THREADS)
    G = build_graph(model)
    gaps = {f.entity for f in apply_rules(model, G) if not f.waived and f.severity == "error" and f.entity}
    expected = set(gaps)
    for g in gaps:
        expected |= nx.ancestors(G, g) | nx.descendants(G, g)
    assert {n["id"] for n in data["nodes"]} == expected


#: Crossings as drawn in v0.2 (every link straight between ``layered_positions`` for all
#: of them), measured with ``tests/benchmarks/bench_render.py --crossings``; the
#: generated models are ``committee_model(n, seed)``.
V02_CROSSINGS = {
    "example": 21,  # the example as corrected against the report (36 links)
    "portfolio.yaml": 4,
    "complete.yaml": 1,
    (30, 1): 125,
    (36, 6): 233,
    (43, 2): 251,
    (50, 7): 367,
    (56, 3): 416,
    (60, 5): 738,
    (70, 8): 836,
    (80, 4): 995,
}


def _model_named(name, tmp_path):
    from committee_models import committee_model

    if name == "example":
        return load_example()
    if isinstance(name, tuple):
        path = tmp_path / "generated.yaml"
        path.write_text(committee_model(*name), encoding="utf-8")
        return load_model(path)
    return load_model(TEST_MODELS[name])


@pytest.mark.parametrize("name", list(V02_CROSSINGS), ids=str)
def test_the_page_as_opened_crosses_at_most_60_percent_of_v02(name, tmp_path):
    from goldenthread.traceability.context import Analysis
    from goldenthread.traceability.render.html.graphpage import graph_view

    model = _model_named(name, tmp_path)
    G = build_graph(model)
    layers = [list(model.section(k)) for k in ("aim", "theme", "project", "benefit")]
    assert drawn_crossings(layered_positions(layers, list(G.edges)), list(G.edges)) == V02_CROSSINGS[name]
    data = graph_view(Analysis(model)).data
    pos = {n["id"]: (float(n["x"]), float(n["y"])) for n in data["nodes"]}
    # What the page draws when it opens: every link but the evidence links (shown on request).
    shown = [(e["from"], e["to"]) for e in data["edges"] if not e.get("optional")]
    assert {e["relation"] for e in data["edges"] if e.get("optional")} <= {"evidences"}
    assert drawn_crossings(pos, shown) <= 0.6 * V02_CROSSINGS[name]
    assert graph_view(Analysis(model)).data["nodes"] == data["nodes"]  # deterministic
