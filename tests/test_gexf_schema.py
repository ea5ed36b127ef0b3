"""Every GEXF export validated against the official GEXF 1.2 schema (``gexf.xsd`` of the 1.2draft specification).

The schema files (gexf.xsd and the data, dynamics, hierarchy, phylogenics and
viz schemas it includes, CC BY 4.0, from the GEXF working group's
specification, ``specs/1.2draft/``) belong in ``tests/data/gexf/``. Until they
are there, these tests skip and ``tests/test_export_readers.py`` checks the
constraints the schema documents one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from lxml import etree
from test_graph_properties import FEW, models

from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.render.export import export_text

TESTS = Path(__file__).parent
SCHEMA = TESTS / "data" / "gexf" / "gexf.xsd"
#: Every test model meant to load: a file, or a folder of files (one model) two levels down.
MODELS = sorted(
    {
        str((p if len(p.relative_to(TESTS / "models").parts) <= 2 else p.parent).relative_to(TESTS))
        for p in (TESTS / "models").rglob("*.yaml")
        if "bad" not in p.relative_to(TESTS / "models").parts
    }
)

pytestmark = pytest.mark.skipif(not SCHEMA.exists(), reason=f"the GEXF 1.2 schema is not in {SCHEMA.parent}")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    # The schemas include each other by relative path: nothing is fetched from the network.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def _assert_valid(schema: etree.XMLSchema, text: str) -> None:
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), [str(e) for e in schema.error_log]


@pytest.mark.parametrize("model", ["--example", *MODELS])
def test_every_test_models_gexf_is_valid(invoke, schema, model):
    args = ["--example"] if model == "--example" else ["-m", str(TESTS / model)]
    result = invoke("export", "--format", "gexf", *args)
    assert result.exit_code == 0, result.stderr
    _assert_valid(schema, result.stdout)


@FEW
@given(models())
def test_a_generated_models_gexf_is_valid(schema, model):
    _assert_valid(schema, export_text(build_graph(model), "gexf"))
