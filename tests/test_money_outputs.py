"""One figure per theme, the same in every output (issue 16: "one definition of a theme's attributed investment").

The report once said "Automation and AI £1,940,000" while the graph's tooltip and
the workbook said £1,680,000 for the same theme.  Every output that shows a
theme's investment reads it from the attribution now; these tests run each of them
on every test model, the example and generated models, and compare exactly.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from openpyxl import load_workbook
from test_graph_properties import FEW, models
from test_money_compat import suite_models

from goldenthread.model import load_model
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.matrix import matrix
from goldenthread.traceability.render.formatting import money_display
from goldenthread.traceability.render.gaps import render_gaps
from goldenthread.traceability.render.html.graphpage import graph_view
from goldenthread.traceability.render.html.reportpage import render_report
from goldenthread.traceability.render.matrix import matrix_json
from goldenthread.traceability.render.summary import render_summary
from goldenthread.traceability.render.xlsx import workbook_bytes

MODELS = Path(__file__).parent / "models"


def _json_figures(doc: dict) -> dict[str, float | None]:
    return {t["id"]: t["investment"] for t in doc["theme_investment"]}


def _tooltips(a: Analysis) -> dict[str, str]:
    """Theme id -> the amount its tooltip shows."""
    out = {}
    for node in graph_view(a).data["nodes"]:
        if node["kind"] == "theme":
            (line,) = [x for x in node.get("lines", []) if x.startswith("attributed investment: ")]
            out[node["id"]] = line.removeprefix("attributed investment: ")
    return out


def _workbook(a: Analysis) -> dict[str, float | None]:
    sheet = load_workbook(io.BytesIO(workbook_bytes(a)), read_only=True)["Themes"]
    rows = list(sheet.iter_rows(values_only=True))
    col = rows[0].index("attributed investment")
    return {str(r[0]): r[col] for r in rows[1:] if r[0] is not None}


def _report(a: Analysis) -> dict[str, str]:
    """Theme id -> the amount the report shows, for the themes that serve no aim (the ones it lists)."""
    html = render_report(a, produced=a.model.info.as_of).html
    block = re.search(r'data-items="aimless_themes">(.*?)</details>', html, re.S)
    if block is None:
        return {}
    found = re.findall(r'<span class="gt-id"> ([^<]+)</span> <span class="gt-amount">([^<]+)</span>', block.group(1))
    return dict(found)


def assert_one_figure_per_theme(model: Model) -> None:
    a = Analysis(model)
    currency = model.info.currency
    truth = {t: a.attribution.investment(t) for t in model.themes}
    shown = {t: "not stated" if v is None else money_display(v, currency) for t, v in truth.items()}
    assert _json_figures(json.loads(render_gaps(a, "json"))) == truth
    assert _json_figures(json.loads(render_summary(a, "json"))) == truth
    m = matrix_json(matrix(a.graph, "aims", "themes", "budget"))
    assert {c["id"]: c["investment"] for c in m["cols"]} == truth
    assert _workbook(a) == truth
    assert _tooltips(a) == {t: shown[t] for t in _tooltips(a)}
    report = _report(a)
    aimless = {t for t in model.themes if not model.themes[t].aims}
    assert report == {t: shown[t] for t in aimless if truth[t]}
    # The matrix's theme columns add up to the theme's figure, but for money reaching no aim.
    for t in model.themes:
        if model.themes[t].aims and truth[t] is not None:
            cells = sum(v for (_, c), v in matrix(a.graph, "aims", "themes", "budget").cells.items() if c == t)
            assert cells == pytest.approx(truth[t], rel=1e-12, abs=1e-9)


@pytest.mark.parametrize(("name", "model"), suite_models(), ids=[name for name, _ in suite_models()])
def test_every_output_shows_one_figure_per_theme_on_every_test_model(name, model):
    assert_one_figure_per_theme(model)


@FEW
@given(models())
def test_every_output_shows_one_figure_per_theme_on_generated_models(model):
    assert_one_figure_per_theme(model)


AIMLESS = """
    model: {title: Aimless, as_of: 2024-06-30, currency: GBP}
    aims:
      a1: {title: Better care}
    themes:
      t-care: {title: Care systems, aims: [a1]}
      t-ai: {title: Automation and AI}
    projects:
      p-both: {title: Care robots, budget: 1680000, themes: [t-care, t-ai]}
      p-ai: {title: Chatbot pilot, budget: 260000, themes: [t-ai]}
      p-direct: {title: Care grants, budget: 50000, aims: [a1]}
"""


def test_the_motivating_case_one_figure_for_the_theme_that_serves_no_aim(write_model):
    # Before: the report counted Care robots' half in Automation and AI (its money reaches an aim
    # through Care systems) and the chatbot; the tooltip and the workbook counted only the half.
    a = Analysis(load_model(write_model(AIMLESS)))
    assert a.attribution.themes == {"t-care": 1680000.0, "t-ai": 260000.0}
    assert _report(a) == {"t-ai": "£260,000"}
    assert _tooltips(a)["t-ai"] == "£260,000"
    assert _workbook(a)["t-ai"] == 260000.0


def test_the_report_names_money_reaching_no_aim_and_projects_reaching_aims_only_directly(write_model):
    a = Analysis(load_model(write_model(AIMLESS)))
    html = render_report(a, produced=a.model.info.as_of).html
    untraced = re.search(r'data-words="untraced">([^<]*)</p>', html)
    direct = re.search(r'data-words="direct_only">([^<]*)</p>', html)
    assert untraced is not None and direct is not None
    assert untraced.group(1) == "£260,000 reaches no aim: Chatbot pilot (£260,000)."
    assert direct.group(1) == "Reaching aims only directly, through no theme of the strategy: Care grants (£50,000)."
    assert '<span data-key="untraced">£260k reaches no aim</span>' in html
