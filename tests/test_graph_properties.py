"""Properties of the graph analyses on generated models (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import networkx as nx
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from goldenthread.model.types import (
    PROJECT_STATUSES,
    Aim,
    Benefit,
    Measure,
    Measurement,
    Model,
    ModelInfo,
    Position,
    Project,
    Theme,
)
from goldenthread.traceability.attribution import attribute
from goldenthread.traceability.coverage import coverage
from goldenthread.traceability.graph import build_graph, node_attributes
from goldenthread.traceability.impact import impact
from goldenthread.traceability.reach import reached_aims, reaching_projects
from goldenthread.traceability.render.export import export_text
from goldenthread.traceability.render.graphjson import graph_from_json
from goldenthread.traceability.rules import apply_rules
from goldenthread.traceability.trace import trace

FEW = settings(max_examples=40, deadline=None)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
NUMBERS = st.one_of(st.integers(0, 10**7), st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
FREE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), TEXT, DATES),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def models(draw) -> Model:
    """A random valid model: a few of each kind, linked at random, in source order."""
    line = iter(range(1, 10_000))

    def common(prefix: str, i: int) -> dict:
        extra = draw(st.dictionaries(st.sampled_from(["x-a", "x-b"]), FREE, max_size=1))
        return {
            "id": f"{prefix}{i}",
            "title": draw(TEXT),
            "pos": Position("gen.yaml", next(line), 3),
            "tags": tuple(draw(st.lists(TEXT, max_size=2))),
            "extra": extra,
        }

    def some(ids: list[str]) -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))) if ids else ()

    aims = [Aim(**common("a", i)) for i in range(draw(st.integers(0, 5)))]
    aim_ids = [a.id for a in aims]
    themes = [Theme(**common("t", i), aims=some(aim_ids)) for i in range(draw(st.integers(0, 4)))]
    theme_ids = [t.id for t in themes]
    projects = [
        Project(
            **common("p", i),
            status=draw(st.sampled_from(PROJECT_STATUSES)),
            budget=draw(st.one_of(st.none(), NUMBERS)),
            start=draw(st.one_of(st.none(), DATES)),
            themes=some(theme_ids),
            aims=some(aim_ids),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    project_ids = [p.id for p in projects]
    benefits = []
    for i in range(draw(st.integers(0, 4))):
        measure = draw(
            st.one_of(
                st.none(),
                st.builds(
                    Measure,
                    unit=TEXT,
                    target=NUMBERS,
                    baseline=st.one_of(st.none(), NUMBERS),
                    target_date=st.one_of(st.none(), DATES),
                    direction=st.sampled_from(["increase", "decrease"]),
                ),
            )
        )
        measurements = tuple(
            Measurement(date=d, value=v, pos=Position("gen.yaml", next(line), 9))
            for d, v in draw(st.lists(st.tuples(DATES, NUMBERS), max_size=3))
        )
        benefits.append(
            Benefit(
                **common("b", i),
                projects=some(project_ids),
                aims=some(aim_ids),
                measure=measure,
                measurements=measurements,
            )
        )
    return Model(
        info=ModelInfo(title=draw(TEXT), as_of=draw(DATES)),
        aims={a.id: a for a in aims},
        themes={t.id: t for t in themes},
        projects={p.id: p for p in projects},
        benefits={b.id: b for b in benefits},
    )


def funded_reach(G: nx.DiGraph) -> dict[str, set[str]]:
    """Oracle: each non-cancelled project -> the aims it has a path to over delivers/supports/contributes."""
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v, r in G.edges(data="relation") if r in ("delivers", "supports", "contributes"))
    return {
        p: {n for n in nx.descendants(H, p) if G.nodes[n]["kind"] == "aim"}
        for p, d in G.nodes(data=True)
        if d["kind"] == "project" and d["status"] != "cancelled"
    }


@FEW
@given(models())
def test_build_graph_equals_the_graph_networkx_would_build(model):
    G = build_graph(model)
    ref = nx.DiGraph(model=model.info)
    ref.add_nodes_from((e.id, {**node_attributes(e), "entity": e}) for e in model.entities())
    for t in model.themes.values():
        ref.add_edges_from((t.id, a, {"relation": "supports"}) for a in t.aims)
    for p in model.projects.values():
        ref.add_edges_from((p.id, t, {"relation": "delivers"}) for t in p.themes)
        ref.add_edges_from((p.id, a, {"relation": "contributes"}) for a in p.aims)
    for b in model.benefits.values():
        ref.add_edges_from((p, b.id, {"relation": "realises"}) for p in b.projects)
        ref.add_edges_from((b.id, a, {"relation": "evidences"}) for a in b.aims)
    assert nx.utils.graphs_equal(G, ref)
    assert list(G.edges(data=True)) == list(ref.edges(data=True))
    assert {n: list(G.pred[n]) for n in G} == {n: list(ref.pred[n]) for n in ref}


@FEW
@given(models())
def test_aim_without_investment_fires_exactly_for_unreached_aims(model):
    G = build_graph(model)
    reached = set().union(*funded_reach(G).values())
    fired = {f.entity for f in apply_rules(model, G) if f.rule == "aim-without-investment"}
    assert fired == set(model.aims) - reached
    # The coverage report walks the reach the other way round; it must agree with the rule's traversal.
    rows = {a.id: a for a in coverage(model, G, apply_rules(model, G)).aims}
    for aim in model.aims:
        assert set(rows[aim].projects) == set(reaching_projects(G, aim))
        assert list(rows[aim].projects) == [p for p in model.projects if p in rows[aim].projects]
        assert (rows[aim].status == "no investment") == (aim in fired)


@FEW
@given(models())
def test_attribution_sums_to_the_budget_of_projects_reaching_an_aim(model):
    G = build_graph(model)
    a = attribute(G)
    expected = sum(float(p.budget or 0) for p in model.projects.values() if funded_reach(G).get(p.id))
    assert math.isclose(a.total, expected, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(sum(a.aims.values()), a.total, rel_tol=1e-9, abs_tol=1e-6)
    assert list(a.aims) == list(model.aims)
    assert a.unfunded == tuple(p.id for p in model.projects.values() if not p.cancelled and p.budget is None)


@FEW
@given(models())
def test_json_export_round_trips_to_an_equal_graph(model):
    G = build_graph(model)
    back = graph_from_json(json.loads(export_text(G, "json")))
    assert back.graph == G.graph
    assert back.adj == G.adj
    assert list(back.nodes) == list(G.nodes)
    assert list(back.edges(data=True)) == list(G.edges(data=True))
    flat = {n: {k: v for k, v in d.items() if k != "entity"} for n, d in G.nodes(data=True)}
    assert {n: {k: v for k, v in d.items() if k != "entity"} for n, d in back.nodes(data=True)} == flat
    # The typed entity comes back too, with a benefit's projects in model order (the order of the edges into it).
    order = {p: i for i, p in enumerate(model.projects)}
    for e in model.entities():
        if isinstance(e, Benefit):
            e = dataclasses.replace(e, projects=tuple(sorted(e.projects, key=order.__getitem__)))
        assert back.nodes[e.id]["entity"] == e
    # So the analyses answer the same on the graph read back.
    assert apply_rules(model, back) == apply_rules(model, G)
    assert attribute(back) == attribute(G)


@FEW
@given(models(), st.data())
def test_impact_agrees_with_recomputing_without_the_entity(model, data):
    G = build_graph(model)
    candidates = [*model.projects, *model.themes]
    assume(candidates)
    entity = data.draw(st.sampled_from(candidates))
    result = impact(G, entity)
    without = G.copy()
    without.remove_node(entity)
    before, after = attribute(G).aims, attribute(without).aims
    for aim in model.aims:
        b, f = result.investment.get(aim, (before[aim], before[aim]))
        # None is "not stated" (no project reaching the aim states a budget), which attribution counts as 0.
        assert math.isclose(0.0 if b is None else b, before[aim], rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(0.0 if f is None else f, after[aim], rel_tol=1e-9, abs_tol=1e-6)
    reached_before = set().union(*funded_reach(G).values())
    reached_after = set().union(*funded_reach(without).values())
    assert set(result.aims_losing_investment) == reached_before - reached_after


@FEW
@given(models(), st.data())
def test_impact_of_a_project_with_no_aims_changes_nothing(model, data):
    G = build_graph(model)
    aimless = [p for p in model.projects if not reached_aims(G, p)]
    assume(aimless)
    result = impact(G, data.draw(st.sampled_from(aimless)))
    assert result.investment == {}
    assert result.aims_losing_investment == ()


@FEW
@given(models(), st.data())
def test_trace_both_ways_is_up_then_down(model, data):
    G = build_graph(model)
    assume(len(model))
    entity = data.draw(st.sampled_from([e.id for e in model.entities()]))
    both, up, down = trace(G, entity), trace(G, entity, "up"), trace(G, entity, "down")
    assert (both.up, both.down) == (up.up, down.down)
    assert (up.down, down.up) == ((), ())
    assert both.root == up.root == down.root
    # Every node on the way up is an aim or on a path to one; the aims reached are the graph's.
    aims_up = {n.id for node in up.up for n in _flatten(node) if n.kind == "aim"}
    assert aims_up == {a for a in nx.descendants(G, entity) if G.nodes[a]["kind"] == "aim"} - _via_benefits(G, entity)


def _flatten(node):
    yield node
    for child in node.children:
        yield from _flatten(child)


def _via_benefits(G: nx.DiGraph, entity: str) -> set[str]:
    """Aims reachable from ``entity`` only through a benefit it realises (the trace shows those going down)."""
    H = G.copy()
    H.remove_edges_from([(u, v) for u, v, r in G.edges(data="relation") if r == "realises"])
    reachable = set(nx.descendants(H, entity))
    return {a for a in nx.descendants(G, entity) if G.nodes[a]["kind"] == "aim"} - reachable
