"""Properties of ``diff`` over generated models, each against an independent oracle."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from benchmarks.generate import generate_model
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from goldenthread.model.loader import load_model
from goldenthread.model.validate import validate
from goldenthread.model.yamlread import parse_yaml
from goldenthread.traceability.baseline import finding_key
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.diff import FAIL_CONDITIONS, conditions_met, diff

SIZES = st.integers(min_value=8, max_value=80)
SEEDS = st.integers(min_value=0, max_value=10_000)


def analysed(n: int, seed: int) -> Analysis:
    text = generate_model(n, seed)
    return Analysis(validate([("m.yaml", parse_yaml(text, "m.yaml"))]))


@settings(max_examples=25, deadline=None)
@given(SIZES, SEEDS)
def test_a_model_against_itself_is_unchanged(n, seed):
    a = analysed(n, seed)
    d = diff(a, analysed(n, seed))
    assert d.unchanged
    assert (d.introduced, d.resolved) == ((), ())
    assert len(d.still_open) == len(a.findings)
    assert conditions_met(d, FAIL_CONDITIONS) == ()
    assert all(not x.changed for x in d.aims)


@settings(max_examples=25, deadline=None)
@given(SIZES, SEEDS, SIZES, SEEDS)
def test_swapping_the_sides_swaps_the_answer(n1, s1, n2, s2):
    assume((n1, s1) != (n2, s2))
    a, b = analysed(n1, s1), analysed(n2, s2)
    ab, ba = diff(a, b), diff(b, a)
    ids_a = {e.id for e in a.model.entities()}
    ids_b = {e.id for e in b.model.entities()}
    # Oracle: ids by set difference (an id changing kind counts as removed and added).
    kinds_a = {e.id: e.kind for e in a.model.entities()}
    kinds_b = {e.id: e.kind for e in b.model.entities()}
    retyped = {i for i in ids_a & ids_b if kinds_a[i] != kinds_b[i]}
    assert {e.id for e in ab.added} == (ids_b - ids_a) | retyped
    assert {e.id for e in ab.removed} == (ids_a - ids_b) | retyped
    assert ab.added == ba.removed or {e.id for e in ab.added} == {e.id for e in ba.removed}
    assert ab.links_added == ba.links_removed and ab.links_removed == ba.links_added
    assert {c.id: [(f.field, f.after, f.before) for f in c.changes] for c in ab.changed} == {
        c.id: [(f.field, f.before, f.after) for f in c.changes] for c in ba.changed
    }
    assert [(m.benefit, m.date, m.after, m.before) for m in ab.measurements] == [
        (m.benefit, m.date, m.before, m.after) for m in ba.measurements
    ]
    assert {finding_key(f) for f in ab.introduced} == {finding_key(f) for f in ba.resolved}
    assert {finding_key(f) for f in ab.still_open} == {finding_key(f) for f in ba.still_open}
    # An aim whose investment is not stated on either side has no delta (None) both ways.
    assert {x.id: x.delta for x in ab.aims} == {x.id: None if x.delta is None else -x.delta for x in ba.aims}


def _scatter(text: str, folder: Path, rng: random.Random) -> None:
    """Write the model as a folder: every entity in a random file, sections and entities shuffled."""
    data = yaml.safe_load(text)
    files: list[dict] = [{} for _ in range(rng.randint(1, 4))]
    files[0]["model"] = data["model"]
    files[-1]["rules"] = data["rules"]
    for section in ("aims", "themes", "projects", "benefits"):
        items = list(data[section].items())
        rng.shuffle(items)
        for key, value in items:
            if isinstance(value, dict):
                value = dict(rng.sample(list(value.items()), len(value)))
            rng.choice(files).setdefault(section, {})[key] = value
    for i, doc in enumerate(files):
        order = list(doc.items())
        rng.shuffle(order)
        style = rng.choice((True, False, None))
        (folder / f"part-{i}.yaml").write_text(yaml.safe_dump(dict(order), sort_keys=False, default_flow_style=style))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SIZES, SEEDS, st.randoms(use_true_random=False))
def test_layout_order_and_style_are_no_change(tmp_path_factory, n, seed, rng):
    text = generate_model(n, seed)
    folder = tmp_path_factory.mktemp("scattered")
    _scatter(text, folder, rng)
    a = analysed(n, seed)
    b = Analysis(load_model(folder), str(folder))
    d = diff(a, b)
    assert d.unchanged, (d.added, d.removed, d.changed[:3], d.links_added[:3], d.measurements[:3])
    assert {finding_key(f) for f in d.still_open} == {finding_key(f) for f in a.findings}
    assert (d.introduced, d.resolved) == ((), ())
    assert d.headline_before == d.headline_after


@settings(max_examples=30, deadline=None)
@given(SIZES, SEEDS, SEEDS, st.integers(min_value=1_500, max_value=60_000))
def test_markdown_stays_under_any_limit_and_says_what_it_left_out(n, s1, s2, limit):
    from goldenthread.traceability.render.diff import DiffSides, render_diff

    d = diff(analysed(n, s1), analysed(n, s2))
    full = render_diff(d, "markdown", DiffSides("a", "b"), limit=10**9)
    text = render_diff(d, "markdown", DiffSides("a", "b"), limit=limit)
    assert len(text) <= limit
    assert text.count("<details>") == text.count("</details>")
    if len(full) <= limit:
        assert text == full
    else:
        assert text.rstrip("\n").endswith("`goldenthread diff --format json` lists everything._")
        # Every line kept is a line of the whole text, in the same order.
        kept = [line for line in text.splitlines()[:-2] if line]
        whole = iter(full.splitlines())
        assert all(any(line == w for w in whole) for line in kept)
