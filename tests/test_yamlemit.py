"""The emitter ``import`` writes new files with: every scalar reads back as itself, by both YAML readers."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.model.sources.yamlemit import emit_entity, scalar
from goldenthread.model.yamlread import parse_yaml

# Control characters are refused by import before they reach the emitter (line breaks and tabs aside).
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), min_size=1)
_NUMBER = st.one_of(st.integers(-(10**15), 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64))


@given(value=st.one_of(_TEXT, _NUMBER, st.dates()), flow=st.booleans())
def test_a_scalar_reads_back_as_itself(value, flow):
    text = f"k: [{scalar(value, True)}]\n" if flow else f"k: {scalar(value)}\n"
    fast = parse_yaml(text, "t.yaml")["k"]
    slow = yaml.safe_load(text)["k"]
    got_fast = fast[0] if flow else fast
    got_slow = slow[0] if flow else slow
    assert got_fast == value
    assert got_slow == value


def test_an_entity_as_import_writes_it():
    out: list[str] = []
    fields = {
        "title": "Cost: per transaction",
        "tags": ["a;b", "true"],
        "measure": {"unit": "%", "target": 1e16},
        "measurements": [{"date": "2025-06-30", "value": 1.5}, {"date": "2025-03-31", "value": 2}],
    }
    emit_entity(out, "2025", fields, ("title", "tags", "measure", "measurements"), 2)
    assert "".join(out) == (
        '  "2025":\n'
        '    title: "Cost: per transaction"\n'
        '    tags: ["a;b", "true"]\n'
        "    measure:\n"
        '      unit: "%"\n'
        "      target: 1.0e+16\n"
        "    measurements:\n"
        '      - {date: "2025-03-31", value: 2}\n'
        '      - {date: "2025-06-30", value: 1.5}\n'
    )
