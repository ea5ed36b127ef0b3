"""``goldenthread render`` pages opened in Chromium: offline, faithful to the model, interactive."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from goldenthread.model import load_example, load_model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.html.palette import CANCELLED, KIND_STYLES, RELATION_STYLES, STATUS_COLOURS
from goldenthread.traceability.render.html.view import thread
from goldenthread.traceability.rules import apply_rules

pytestmark = pytest.mark.browser
#: threads.yaml has no unwaived error (its gaps are warnings): "Gaps only" keeps nothing.
GAPS_THREADS: list[str] = []
MODELS = Path(__file__).parent / "models"

AIM_4_THREAD = [
    "aim-4-communities",
    "ben-community-responsibility",
    "ben-community-wellbeing",
    "proj-hantsweb",
    "proj-swift",
    "proj-swift-childrens-services",
]


def resolved(opened, node_id: str) -> dict:
    """The options vis-network actually draws a node with (after its group is applied)."""
    return opened.js(
        """id => { const o = window.goldenthread.network.body.nodes[id].options;
                   return {shape: o.shape, background: o.color.background, border: o.color.border,
                           borderWidth: o.borderWidth, opacity: o.opacity}; }""",
        node_id,
    )


def test_example_opens_offline_without_console_errors(open_page, example_graph):
    opened = open_page(example_graph)
    assert opened.requests == [opened.url]
    assert opened.console_errors == []
    assert opened.js("Object.keys(window.goldenthread).slice(0, 3)") == ["network", "nodes", "edges"]
    assert opened.page.title() == "Annual IT Performance Report 2004/05"
    assert opened.page.text_content("#gt-count") == "Showing 39 of 39 entities"
    shot = opened.screenshot("graph-example.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_network_holds_exactly_the_model(open_page, example_graph):
    model = load_example()
    G = build_graph(model)
    opened = open_page(example_graph)
    nodes = opened.js("window.goldenthread.nodes.get().map(n => [n.id, n.kind])")
    assert nodes == [[e.id, e.kind] for e in model.entities()]
    edges = opened.js("window.goldenthread.edges.get().map(e => [e.from, e.to, e.relation, e.color])")
    assert sorted(map(tuple, edges)) == sorted(
        (a, b, r, RELATION_STYLES[r].colour) for a, b, r in G.edges(data="relation")
    )
    assert len(edges) == 36
    # Colour means status: aims and benefits take their status's fill, the rest
    # their kind's; no border means findings (a badge counts them).
    aims = {a.id: a.status for a in Analysis(model).coverage.aims}
    for e in model.entities():
        style = KIND_STYLES[e.kind]
        drawn = resolved(opened, e.id)
        assert drawn["shape"] == style.shape, e.id
        fill = {"aim": STATUS_COLOURS.get(aims.get(e.id, "")), "benefit": STATUS_COLOURS["unquantified"]}
        assert drawn["background"] == (fill.get(e.kind) or style.fill), e.id
        assert (drawn["border"], drawn["borderWidth"]) == (style.border, 1), e.id


def test_findings_are_counted_on_a_badge_and_cancelled_projects_grey(open_page, threads_graph):
    opened = open_page(threads_graph)
    assert opened.console_errors == []
    model = load_model(MODELS / "threads.yaml")
    unwaived: dict[str, int] = {}
    for f in apply_rules(model, build_graph(model)):
        if not f.waived and f.entity:
            unwaived[f.entity] = unwaived.get(f.entity, 0) + 1
    badges = opened.js("Object.fromEntries(window.goldenthread.marked().map(n => [n.id, n.open]))")
    assert badges == unwaived
    assert "t-idle" not in badges  # its one finding is waived
    old = resolved(opened, "p-old")
    assert (old["background"], old["border"], old["borderWidth"]) == (CANCELLED[0], CANCELLED[1], 1)
    # Budgets size the projects: the larger budget, the larger dot.
    sizes = opened.js("['p-good', 'p-gap', 'p-old'].map(id => window.goldenthread.network.body.nodes[id].options.size)")
    assert sizes[1] > sizes[0] > sizes[2] == 10


def test_gaps_only_on_the_example_keeps_the_errors_threads_and_refits(open_page, example_graph):
    model = load_example()
    G = build_graph(model)
    errors = {f.entity for f in apply_rules(model, G) if f.severity == "error" and not f.waived and f.entity}
    expected = sorted(thread(G, errors))
    assert 0 < len(expected) < len(model.aims) + len(model.themes) + len(model.projects) + len(model.benefits)
    opened = open_page(example_graph)
    opened.page.check("#gt-gaps")
    assert opened.visible() == expected
    # Refitted: every entity left is inside the window.
    inside = opened.js(
        """ids => { const g = window.goldenthread, v = document.getElementById('gt-viewport').getBoundingClientRect();
                    const c = document.getElementById('gt-network').getBoundingClientRect();
                    return ids.every(id => { const p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
                      const x = p.x + c.left, y = p.y + c.top;
                      return x >= v.left && x <= v.right && y >= v.top && y <= v.bottom; }); }""",
        expected,
    )
    assert inside is True


def test_clicking_an_aim_highlights_exactly_its_thread(open_page, example_graph):
    G = build_graph(load_example())
    assert sorted(thread(G, ["aim-4-communities"])) == AIM_4_THREAD
    opened = open_page(example_graph)
    opened.click_node("aim-4-communities")
    assert opened.unfaded() == AIM_4_THREAD
    assert resolved(opened, "aim-5-improving-services")["opacity"] == pytest.approx(0.12)
    assert resolved(opened, "proj-swift")["opacity"] in (None, 1)  # drawn opaque
    lit = opened.js("window.goldenthread.edges.get({filter: e => !e.faded}).map(e => e.from + '>' + e.to)")
    assert sorted(lit) == sorted(f"{a}>{b}" for a, b in G.edges if a in AIM_4_THREAD and b in AIM_4_THREAD)
    assert "Thread of Building Strong and Safe Communities" in opened.page.text_content("#gt-message")
    # A click on the empty canvas (bottom left corner of its box) clears the highlight.
    box = opened.page.locator("#gt-viewport").bounding_box()
    opened.page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)
    assert len(opened.unfaded()) == 39


def test_search_focuses_the_entity(open_page, example_graph):
    opened = open_page(example_graph)
    search = opened.page.locator("#gt-q")
    search.fill("SWIFT social care system")
    search.press("Enter")
    assert opened.js("window.goldenthread.network.getSelectedNodes()") == ["proj-swift"]
    # The whole picture is on a canvas larger than its box: the box scrolls to the entity.
    x, y = opened.node_point("proj-swift")
    box = opened.page.locator("#gt-viewport").bounding_box()
    assert box["x"] + 20 < x < box["x"] + box["width"] - 20
    assert box["y"] + 20 < y < box["y"] + box["height"] - 20
    assert opened.page.text_content("#gt-message") == "Focused SWIFT social care system (proj-swift)."
    assert opened.unfaded() == sorted(thread(build_graph(load_example()), ["proj-swift"]))
    # Part of an id or title: the first match in model order.
    search.fill("swift")
    opened.page.click("#gt-search button")
    assert opened.js("window.goldenthread.network.getSelectedNodes()") == ["proj-swift-childrens-services"]
    search.fill("no such thing")
    search.press("Enter")
    assert opened.page.text_content("#gt-message") == "No entity matches \u201cno such thing\u201d."


def test_kind_tag_status_and_gaps_filters(open_page, threads_graph):
    opened = open_page(threads_graph)
    page = opened.page
    everything = ["a-gap", "a-good", "b-good", "p-gap", "p-good", "p-old", "t-gap", "t-good", "t-idle"]
    assert opened.visible() == everything
    page.uncheck("input[data-kind=project]")
    assert opened.visible() == ["a-gap", "a-good", "b-good", "t-gap", "t-good", "t-idle"]
    hidden_edges = opened.js("window.goldenthread.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges == 3 + 1  # every link of a project, and the evidence link (shown on request)
    page.check("input[data-kind=project]")
    # Tag and status keep the matches with their threads.
    page.select_option("#gt-tag", "web")
    assert opened.visible() == ["a-good", "b-good", "p-good", "p-old", "t-good"]
    page.select_option("#gt-tag", "")
    page.select_option("#gt-status", "cancelled")
    assert opened.visible() == ["p-old"]
    page.select_option("#gt-status", "approved")
    assert opened.visible() == ["a-gap", "p-gap", "t-gap"]
    page.select_option("#gt-status", "")
    # Gaps only: entities with unwaived errors and their threads, refitted.
    page.check("#gt-gaps")
    assert opened.visible() == GAPS_THREADS
    assert page.text_content("#gt-count") == f"Showing {len(GAPS_THREADS)} of 9 entities"
    assert page.text_content("#gt-message") == "No gaps: no entity has an unwaived error."
    page.uncheck("#gt-gaps")
    # With findings: unwaived findings of any severity (t-idle's is waived).
    page.check("#gt-findings")
    assert opened.visible() == ["a-gap", "p-gap", "t-gap"]
    page.uncheck("#gt-findings")
    # Evidence links are drawn on request, and for a highlighted thread: routed round the
    # picture by the page, never straight by vis-network.
    evidence = "Object.keys(window.goldenthread.evidenceRoutes()).length"
    straight = "window.goldenthread.edges.get({filter: e => e.relation === 'evidences' && !e.hidden}).length"
    assert opened.js(evidence) == 0
    page.check("#gt-evidence")
    assert (opened.js(evidence), opened.js(straight)) == (1, 0)
    page.uncheck("#gt-evidence")
    assert opened.js(evidence) == 0
    opened.js("window.goldenthread.highlight('a-good')")
    assert (opened.js(evidence), opened.js(straight)) == (1, 0)
    opened.js("window.goldenthread.highlight(null)")
    page.check("#gt-gaps")
    page.click("#gt-reset")
    assert opened.visible() == everything
    assert page.is_checked("#gt-gaps") is False
    assert opened.js("[...document.querySelectorAll('#gt-tag option')].map(o => o.value)") == ["", "infra", "web"]
    assert opened.js("[...document.querySelectorAll('#gt-status option')].map(o => o.value)") == [
        "",
        "active",
        "approved",
        "cancelled",
        "on track",
    ]
    assert opened.console_errors == []


def test_tooltip_is_plain_text_lines(open_page, threads_graph):
    opened = open_page(threads_graph)
    x, y = opened.node_point("p-gap")
    opened.page.mouse.move(x, y)
    tip = opened.page.locator("div.vis-tooltip .gt-tip")
    tip.wait_for(state="visible")
    assert tip.locator("div").all_text_contents() == [
        "Project without benefit",
        "id: p-gap",
        "kind: project",
        "status: approved",
        "budget: £300,000",
        "attributed investment: £300,000",
        "tags: infra",
        "warning project-without-benefit: project 'p-gap' (Project without benefit) realises no benefit",
    ]


def test_hostile_text_is_inert(open_page, render_file):
    path = render_file("render", str(MODELS / "hostile.yaml"), name="hostile.html")
    opened = open_page(path)
    page = opened.page
    assert page.title() == "<script>alert('model title')</script>"
    model = load_model(MODELS / "hostile.yaml")
    labels = opened.js(
        "window.goldenthread.nodes.get().map(n => [n.id, window.goldenthread.network.body.nodes[n.id].options.label])"
    )
    # An aim's label ends with its coverage status on a line of its own.
    # A long title is cut on the picture (the tooltip holds it whole, below): the label is text.
    shown = [lab.replace("\n", " ").removesuffix(" [no evidence]") for _, lab in labels][:3]
    assert shown == [e.title if len(e.title) <= 30 else e.title[:29] + "…" for e in list(model.entities())[:3]]
    # Every tooltip, shown in turn, holds the title as text and no element but its lines.
    for e in model.entities():
        x, y = opened.node_point(e.id)
        page.mouse.move(x, y)
        title = page.locator("div.vis-tooltip .gt-tip-title")
        title.wait_for(state="visible")
        assert title.text_content() == e.title
        page.mouse.move(2, 2)
    for tag in ("<script>alert('tag')</script>", "javascript:alert(3)"):
        page.select_option("#gt-tag", tag)
    page.fill("#gt-q", "</script><script>alert(2)</script>")
    page.press("#gt-q", "Enter")
    assert opened.js("window.goldenthread.network.getSelectedNodes()") == ["theme-xss"]
    page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert opened.js("document.images.length") == 0
    handlers = "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')))"
    assert opened.js(handlers + ".length") == 0
    assert opened.requests == [opened.url]
    assert opened.console_errors == []


def test_hostile_ids_are_inert(open_page, tmp_path):
    from goldenthread.model.types import Aim, Model, ModelInfo, Position, Project
    from goldenthread.traceability.render.html.graphpage import render_graph

    bad = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "javascript:alert(3)"]
    at = Position("x.yaml", 1, 1)
    model = Model(
        info=ModelInfo(title="ids"),
        aims={bad[0]: Aim(id=bad[0], title="aim", pos=at)},
        themes={},
        projects={
            bad[1]: Project(id=bad[1], title="p1", pos=at, aims=(bad[0],)),
            bad[2]: Project(id=bad[2], title="p2", pos=at, aims=(bad[0],)),
        },
        benefits={},
    )
    path = tmp_path / "ids.html"
    path.write_text(render_graph(model).html, encoding="utf-8")
    opened = open_page(path)
    assert opened.js("window.goldenthread.nodes.getIds()") == bad
    opened.click_node(bad[0])
    assert opened.unfaded() == sorted(bad)
    assert opened.dialogs == []
    assert opened.js("document.images.length") == 0
    assert opened.console_errors == []


def test_force_layout_keeps_physics(open_page, render_file):
    path = render_file("render", "--example", "--layout", "force", name="force.html")
    opened = open_page(path)
    assert opened.js("window.goldenthread.network.physics.options.enabled") is True
    assert opened.console_errors == []


#: Every theme's and project's box (shape and label), in canvas units.
MIDDLE_BOXES = """() => { const net = window.goldenthread.network;
  return net.body.nodeIndices.filter(id => ['theme', 'project'].includes(window.goldenthread.nodes.get(id).kind))
    .map(id => { const b = net.getBoundingBox(id); return [id, b.left, b.top, b.right, b.bottom]; }); }"""


#: Whether the canvas has ink (anything darker than the background) within 8 px of each point.
INKED = """points => { const net = window.goldenthread.network, canvas = document.querySelector('#gt-network canvas');
  const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth;
  return points.map(([x, y]) => { const p = net.canvasToDOM({x, y});
    const [left, top, side] = [Math.round((p.x - 8) * ratio), Math.round((p.y - 8) * ratio), 16 * ratio];
    const d = ctx.getImageData(left, top, side, side).data;
    for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 600) return true; }
    return false; }); }"""


def _through(segment: list[list[float]], box: list) -> bool:
    """Whether an upright or level segment passes through a box."""
    (x1, y1), (x2, y2) = segment
    _, left, top, right, bottom = box
    return min(x1, x2) < right and max(x1, x2) > left and min(y1, y2) < bottom and max(y1, y2) > top


@pytest.mark.parametrize("case", ["example", (56, 3)], ids=str)
def test_evidence_links_toggle_and_are_routed_round_the_middle_layers(open_page, render_file, tmp_path, case):
    from committee_models import committee_model

    if case == "example":
        model, args = load_example(), ["--example"]
    else:
        path = tmp_path / "generated.yaml"
        path.write_text(committee_model(*case), encoding="utf-8")
        model, args = load_model(path), [str(path)]
    opened = open_page(render_file("render", *args, name="evidence.html"))
    page = opened.page
    evidence = {(a, b) for a, b, rel in build_graph(model).edges(data="relation") if rel == "evidences"}
    assert evidence
    ids = dict(opened.js("window.goldenthread.edges.get().map(e => [e.id, [e.from, e.to]])"))
    assert opened.js("window.goldenthread.evidenceRoutes()") == {}
    page.check("#gt-evidence")
    routes = opened.js("window.goldenthread.evidenceRoutes()")
    assert {tuple(ids[k]) for k in routes} == evidence
    positions = opened.js("window.goldenthread.network.getPositions()")
    middle = opened.js(MIDDLE_BOXES)
    for k, points in routes.items():
        benefit, aim = ids[k]
        # From under the benefit to over the aim, in upright and level runs ...
        assert (points[0][0], points[-1][0]) == (positions[benefit]["x"], positions[aim]["x"])
        assert all(p[0] == q[0] or p[1] == q[1] for p, q in pairwise(points))
        # ... none of which passes through a theme or a project.
        assert [b[0] for p, q in pairwise(points) for b in middle if _through([p, q], b)] == []
    # Drawn, not only computed: the canvas is inked along the middle of each route's lane.
    lanes = [[(p[2][0] + p[3][0]) / 2, (p[2][1] + p[3][1]) / 2] for p in routes.values()]
    assert opened.js(INKED, lanes) == [True] * len(lanes)
    page.uncheck("#gt-evidence")
    assert opened.js("window.goldenthread.evidenceRoutes()") == {}
    assert opened.js(INKED, lanes) == [False] * len(lanes)
    if case == "example":
        page.check("#gt-evidence")
        opened.screenshot("graph-evidence.png")


#: How many pixels are inked (darker than the background) in the box round a route (its corners, 8 px out).
INK = """points => { const net = window.goldenthread.network, canvas = document.querySelector('#gt-network canvas');
  const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth;
  const at = points.map(([x, y]) => net.canvasToDOM({x, y})), xs = at.map(p => p.x), ys = at.map(p => p.y);
  const left = Math.round((Math.min(...xs) - 8) * ratio), top = Math.round((Math.min(...ys) - 8) * ratio);
  const d = ctx.getImageData(left, top, Math.round((Math.max(...xs) + 8) * ratio) - left,
    Math.round((Math.max(...ys) + 8) * ratio) - top).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 600) n++; }
  return n; }"""
#: A point along a route (sampled) where vis-network finds neither an entity nor one of its links.
CLEAR_POINT = """points => { const net = window.goldenthread.network;
  for (let i = 0; i + 1 < points.length; i++) {
    const [p, q] = [points[i], points[i + 1]];
    for (let f = 0.5, k = 1; k < 20; f += (k % 2 ? 1 : -1) * k / 40, k++) {
      const x = p[0] + f * (q[0] - p[0]), y = p[1] + f * (q[1] - p[1]), d = net.canvasToDOM({x, y});
      if (net.getNodeAt(d) === undefined && net.getEdgeAt(d) === undefined) return [x, y]; } }
  return null; }"""
#: A point of the canvas in page coordinates.
ON_PAGE = """([x, y]) => { const net = window.goldenthread.network, p = net.canvasToDOM({x, y});
  const r = document.getElementById('gt-network').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"""


def test_every_link_answers_the_pointer_with_its_ends_and_relation(open_page, example_graph):
    """Links the page routes itself (bent through a gap, evidence round the side) hover as vis-network's
    own links do: drawn wider under the pointer or with an end selected, and a tooltip naming the link."""
    opened = open_page(example_graph)
    page = opened.page
    titles = {e.id: e.title for e in load_example().entities()}
    ends = dict(opened.js("window.goldenthread.edges.get().map(e => [e.id, [e.from, e.to]])"))

    def tip_of(locator: str) -> list[str]:
        tip = page.locator(locator)
        tip.wait_for(state="visible")
        return tip.locator("div").all_text_contents()

    def named(link: str) -> str:
        a, b = ends[link]
        return f"{titles[a]} → {titles[b]}"

    def hover_route(link: str, points: list) -> tuple[list[float], list[str]]:
        # A point of the route clear of every entity and of every link vis-network draws itself.
        at = opened.js(CLEAR_POINT, points)
        before = opened.js(INK, points)
        page.mouse.move(*opened.js(ON_PAGE, at))
        lines = tip_of("div.gt-route-tip")
        assert opened.js("window.goldenthread.hoveredLink()") == link
        # Drawn wider (vis's hover width, 1.5, added to 1.5): more ink along it, the rest unchanged.
        assert opened.js(INK, points) > before + 20
        page.mouse.move(2, 2)
        page.locator("div.gt-route-tip").wait_for(state="hidden")
        assert opened.js("window.goldenthread.hoveredLink()") is None
        assert opened.js(INK, points) == before
        return lines

    bent = opened.js("window.goldenthread.bentRoutes()")
    assert bent
    link, points = sorted(bent.items())[0]
    lines = hover_route(link, points)
    assert lines == [named(link), "project contributes to aim"]
    # With an end selected, the routed link is drawn wider too, as vis draws a selected node's links.
    # (Selected without the click's highlight, which fades the rest of the picture.)
    before = opened.js(INK, points)
    opened.js(
        "id => { window.goldenthread.network.selectNodes([id]); window.goldenthread.network.redraw(); }", ends[link][0]
    )
    assert opened.js(INK, points) > before + 20
    opened.js("() => { window.goldenthread.network.unselectAll(); window.goldenthread.network.redraw(); }")
    assert opened.js(INK, points) == before

    page.check("#gt-evidence")
    routes = opened.js("window.goldenthread.evidenceRoutes()")
    link, points = sorted(routes.items())[0]
    lines = hover_route(link, points)
    assert lines == [named(link), "benefit evidences aim"]

    # A link vis-network draws itself: the same tooltip, from vis.
    straight = opened.js(
        """() => { const g = window.goldenthread, net = g.network, pos = net.getPositions();
        return g.edges.get().filter(e => !e.hidden).map(e => [e.id, (pos[e.from].x + pos[e.to].x) / 2,
          (pos[e.from].y + pos[e.to].y) / 2]).filter(([id, x, y]) => {
          const d = net.canvasToDOM({x, y}); return net.getNodeAt(d) === undefined && net.getEdgeAt(d) === id; }); }"""
    )
    link, x, y = straight[0]
    page.mouse.move(*opened.js(ON_PAGE, [x, y]))
    assert tip_of("div.vis-tooltip .gt-tip") == [
        named(link),
        RELATION_STYLES[opened.js("id => window.goldenthread.edges.get(id).relation", link)].label,
    ]
