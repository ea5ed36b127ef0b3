"""``goldenthread report`` opened in Chromium: offline, and its numbers are those of ``gaps --format json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import cli
from goldenthread.model import load_example, load_model
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.matrix import matrix
from goldenthread.traceability.render.formatting import money_display as format_money
from goldenthread.traceability.render.formatting import percent_display as format_percent

pytestmark = pytest.mark.browser
MODELS = Path(__file__).parent / "models"
GOOD = Path(__file__).resolve().parents[1] / "models" / "good"


def gaps_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["gaps", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def page_numbers(opened) -> dict:
    """Every figure and table cell the report shows, read from the page."""
    return opened.js(
        """() => {
          const text = (el) => el.textContent.trim();
          const figures = {};
          document.querySelectorAll('[data-figure]').forEach(el => { figures[el.dataset.figure] = text(el); });
          document.querySelectorAll('[data-count]').forEach(el => { figures[el.dataset.count] = text(el); });
          // The exact figures of the annex (page 1 shows them as a board reads them).
          const aims = [...document.querySelectorAll('#gt-exact tbody tr')].map(tr => {
            const row = {id: tr.dataset.aim};
            tr.querySelectorAll('[data-col]').forEach(td => { row[td.dataset.col] = text(td); });
            return row;
          });
          const status = Object.fromEntries([...document.querySelectorAll('#gt-coverage tbody tr')]
            .map(tr => [tr.dataset.aim, text(tr.querySelector('[data-col=status]'))]));
          aims.forEach(a => { a.status = status[a.id]; });
          const groups = {};
          const findings = {};
          document.querySelectorAll('[data-rule-line]').forEach(g => {
            const key = g.dataset.group;
            groups[key] = String(Number(groups[key] || 0) + Number(text(g.querySelector('[data-rule-count]'))));
            findings[key] = (findings[key] || []).concat(
              [...g.querySelectorAll('li')].map(li => [li.dataset.rule, li.dataset.entity]));
          });
          const heat = {};
          document.querySelectorAll('#gt-matrix tbody tr').forEach(tr => {
            tr.querySelectorAll('td').forEach(td => {
              if (td.textContent) heat[tr.dataset.aim + ' ' + td.dataset.theme] = text(td);
            });
          });
          return {figures, aims, groups, findings, heat};
        }"""
    )


def expected_numbers(doc: dict) -> dict:
    s = doc["summary"]
    currency = doc["model"]["currency"]
    grouped = {"error": [], "warning": [], "waived": []}
    for f in doc["findings"]:
        grouped["waived" if f["waived"] else f["severity"]].append([f["rule"], f["entity"]])
    proposed = (
        {"proposed_investment": format_money(s["proposed_investment"], currency)} if s["proposed_projects"] else {}
    )
    # With no budget stated anywhere the money is "not stated", never a total of nothing.
    money = (
        {"total_investment": "not stated"}
        if s["unfunded_projects"] == doc["model"]["entities"]["project"]
        else {
            "portfolio_budget": format_money(s["portfolio_budget"], currency),
            "total_investment": format_money(s["total_investment"], currency),
        }
    )
    return {
        "figures": {
            **proposed,
            **money,
            "unfunded_projects": str(s["unfunded_projects"]),
            "aims_with_investment": f"{s['aims_with_investment']} of {s['aims']}",
            "aims_with_evidence": f"{s['aims_with_evidence']} of {s['aims']}",
            "projects_without_measured_benefit": str(s["projects_without_measured_benefit"]),
            "findings": f"{s['errors']} errors, {s['warnings']} warnings, {s['waived']} waived",
            "errors": str(s["errors"]),
            "warnings": str(s["warnings"]),
            "waived": str(s["waived"]),
        },
        "aims": [
            {
                "id": a["id"],
                "status": a["status"],
                # An aim no project reaches has no investment ("none"), one whose projects state
                # no budget an unknown one ("not stated"): never £0.
                "investment": "none"
                if not a["projects"]
                else "not stated"
                if a["investment"] is None
                else format_money(a["investment"], currency),
                "share": format_percent(a["share"]) if a["investment"] else "",
                "themes": str(len(a["themes"])),
                "projects": str(len(a["projects"])),
                "benefits": f"{a['benefits']['measured']} of {a['benefits']['total']}",
            }
            for a in doc["aims"]
        ],
        "groups": {k: str(len(v)) for k, v in grouped.items() if v},
        "findings": {k: sorted(v) for k, v in grouped.items() if v},
    }


def _sorted_findings(numbers: dict) -> dict:
    """The annex lists findings by rule: compared with the document's as sets, per group."""
    return {**numbers, "findings": {k: sorted(v) for k, v in numbers["findings"].items()}}


def expected_heat(model) -> dict:
    m = matrix(build_graph(model), "aims", "themes", "count")
    return {f"{a} {t}": f"{v:.0f}" for (a, t), v in m.cells.items()}


def test_example_report_opens_offline_and_matches_gaps(open_page, example_report):
    opened = open_page(example_report)
    assert opened.requests == [opened.url]
    assert opened.console_errors == []
    doc = gaps_json("--example")
    numbers = _sorted_findings(page_numbers(opened))
    assert numbers == {**expected_numbers(doc), "heat": expected_heat(load_example())}
    # The example's own figures, spelled out.
    assert numbers["figures"]["aims_with_investment"] == "4 of 6"
    assert numbers["figures"]["findings"] == "6 errors, 45 warnings, 4 waived"
    assert opened.page.text_content("#gt-organisation") == "Hampshire County Council"
    assert opened.page.text_content("#gt-as-of") == "2005-07-14"
    assert opened.js("window.goldenthread.nodes.length") == 39
    opened.screenshot("report-example.png")
    opened.screenshot("report-example-full.png", full_page=True, publish=False)


@pytest.mark.parametrize("model", [GOOD / "complete.yaml", MODELS / "threads.yaml"], ids=lambda p: p.stem)
def test_report_numbers_equal_gaps_json(open_page, render_file, model):
    path = render_file("report", str(model), name=f"report-{model.stem}.html")
    opened = open_page(path)
    numbers = _sorted_findings(page_numbers(opened))
    assert numbers == {**expected_numbers(gaps_json(str(model))), "heat": expected_heat(load_model(model))}
    assert opened.console_errors == []


def test_report_with_budgets_and_waivers(open_page, render_file):
    path = render_file("report", str(GOOD / "complete.yaml"), name="report-complete.html")
    opened = open_page(path)
    numbers = page_numbers(opened)
    assert numbers["figures"]["total_investment"] == "£1,200,000.50"
    assert numbers["aims"][0]["share"] == "100%"
    # Page 1 shows the money as a board reads it.
    assert opened.page.text_content("#gt-coverage [data-col=investment]") == "£1.2m"
    waived = opened.page.text_content("[data-group=waived] li")
    assert "(warning, waived: A pilot; its results fed the platform.)" in waived
    progress = opened.js("[...document.querySelectorAll('#gt-benefits [data-col=progress]')].map(e => e.textContent)")
    assert progress == ["49%", "103%"]


def test_report_prints_to_a4_without_controls(open_page, example_report):
    opened = open_page(example_report)
    opened.page.emulate_media(media="print")
    assert opened.page.is_hidden(".gt-toolbar")
    assert opened.page.is_visible("#gt-coverage")
    pdf = opened.page.pdf(format="A4", print_background=True)
    assert pdf[:5] == b"%PDF-"
    # A4 portrait in points, on every page.
    assert b"/MediaBox [0 0 595.91998 842.88]" in pdf or b"/MediaBox [0 0 595 842]" in pdf
    assert opened.console_errors == []


def test_hostile_report_is_inert(open_page, render_file):
    path = render_file("report", str(MODELS / "hostile.yaml"), name="report-hostile.html")
    opened = open_page(path)
    page = opened.page
    assert page.text_content("h1") == "<script>alert('model title')</script>"
    assert page.text_content("#gt-organisation") == "</title><img src=x onerror=alert('organisation')>"
    assert "waived: <img src=x onerror=alert('reason')>)" in page.text_content("[data-group=waived] li")
    assert page.text_content("#gt-coverage tbody tr td strong") == "<img src=x onerror=alert(1)>"
    assert "<img src=x onerror=alert(1)>" in page.text_content("#gt-decide")
    page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert opened.js("document.images.length") == 0
    assert opened.requests == [opened.url]
    assert opened.console_errors == []
