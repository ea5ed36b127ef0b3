"""The report's page 1 decides: its source and date, the points for decision, and ``--since``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from gitrepo import GitRepo

from goldenthread.model.rulebook import RULES
from goldenthread.traceability.provenance import produced_on, provenance
from goldenthread.traceability.render.formatting import board_money
from goldenthread.traceability.render.rulewords import RULE_TITLES

#: One quarter of a small strategy: care is measured, streets are not.
MODEL = """
model:
  title: Test council
  organisation: Test Borough
  as_of: 2025-01-15
aims:
  a1:
    title: Better care
    owner: Director of Care
  a2:
    title: Cleaner streets
projects:
  p1:
    title: Care system
    budget: 1250000
    aims: [a1]
  p2:
    title: Street sensors
    aims: [a2]
benefits:
  b1:
    title: Fewer missed visits
    projects: [p1]
    aims: [a1]
    measure: {unit: visits, baseline: 100, target: 20, target_date: 2025-12-31, direction: decrease}
    measurements: [{date: 2025-01-01, value: 90}]
"""
#: The next quarter: the visits went up (behind), the sensors got a budget.
NEXT = (
    MODEL.replace("as_of: 2025-01-15", "as_of: 2025-03-31")
    .replace("[{date: 2025-01-01, value: 90}]", "[{date: 2025-01-01, value: 90}, {date: 2025-03-01, value: 95}]")
    .replace("    title: Street sensors\n", "    title: Street sensors\n    budget: 260000\n")
)


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:ul|dl|table|section)>', html, re.DOTALL)
    assert found, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    r = GitRepo(tmp_path / "repo")
    r.write("strategy/model.yaml", MODEL)
    r.commit("Q4 paper")
    r.write("strategy/model.yaml", NEXT)
    r.commit("Q1 paper")
    return r


def test_board_money():
    assert [board_money(x) for x in (6_480_000, 259_600, 950, None, 0)] == [
        "£6.5m",
        "£260k",
        "£950",
        "not stated",
        "£0",
    ]


def test_every_rule_has_a_title_in_words():
    assert set(RULES) <= set(RULE_TITLES)
    assert all(not re.search(r"[a-z]-[a-z]", title) for title in RULE_TITLES.values())


def test_produced_on_honours_source_date_epoch():
    assert produced_on({"SOURCE_DATE_EPOCH": "1735689600"}) == dt.date(2025, 1, 1)
    assert produced_on({}) == dt.datetime.now(dt.UTC).date()


def test_provenance_names_the_path_in_the_repository_the_commit_and_uncommitted_changes(repo):
    head = repo.git("rev-parse", "HEAD")
    model = repo.path / "strategy" / "model.yaml"
    assert provenance(model).path == "strategy/model.yaml"
    assert (provenance(model).commit, provenance(model).uncommitted) == (head, False)
    model.write_text(model.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert provenance(model).uncommitted is True
    assert provenance(repo.path / "strategy").path == "strategy"


def test_provenance_outside_git_is_the_name_alone(tmp_path):
    model = tmp_path / "model.yaml"
    model.write_text(MODEL, encoding="utf-8")
    assert provenance(model) == type(provenance(model))("model.yaml")


def test_page_one_states_source_date_and_decisions(repo, invoke, monkeypatch):
    monkeypatch.chdir(repo.path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743465600")  # 2025-04-01
    result = invoke("report", "strategy/model.yaml", "-o", "out.html")
    assert result.exit_code == 0, result.output
    html = (repo.path / "out.html").read_text(encoding="utf-8")
    facts = _text(html, "gt-facts")
    short = repo.git("rev-parse", "--short=7", "HEAD")
    assert facts == (
        f"Organisation Test Borough Strategy as of 2025-03-31 Produced 2025-04-01 "
        f"Source strategy/model.yaml at commit {short}"
    )
    decide = _text(html, "gt-decide")
    # Why the aim is at risk, by title, latest value against the value expected by then:
    # 89 of the 364 days from the first measurement to the target date have passed,
    # so 100 - 80 * 89 / 364 = 80.44 visits were expected.
    assert (
        "Better care is at risk: Fewer missed visits is behind: 95 visits on 2025-03-01 "
        "against 80.44 visits expected by then." in decide
    )
    aims = _text(html, "gt-coverage")
    # Worst first; the owner named; board money.
    assert aims.index("Better care") < aims.index("Cleaner streets")
    assert "Director of Care" in aims and "£1.2m" in aims and "£260k" in aims


def test_since_shows_the_direction_of_travel(repo, invoke, monkeypatch):
    monkeypatch.chdir(repo.path)
    result = invoke("report", "strategy/model.yaml", "--since", "HEAD~1", "-o", "since.html")
    assert result.exit_code == 0, result.output
    html = (repo.path / "since.html").read_text(encoding="utf-8")
    assert _text(html, "gt-since") == "HEAD~1"
    rows = dict(re.findall(r'<tr data-aim="([^"]+)".*?data-col="before" data-moved="([^"]+)"', html, re.DOTALL))
    # Care was covered (on track) and is now at risk; streets kept their status.
    assert rows == {"a1": "worse", "a2": "same"}
    assert "↓ covered, £1.2m" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert _text(html, "gt-moved") == "Fewer missed visits: on track → behind"
    assert (
        "Since HEAD~1: worse: Better care; benefits whose status changed: Fewer missed visits (on track → behind)."
        in (_text(html, "gt-decide"))
    )


def test_render_since_marks_what_changed(repo, invoke, monkeypatch):
    monkeypatch.chdir(repo.path)
    result = invoke("render", "strategy/model.yaml", "--since", "HEAD~1", "-o", "g.html")
    assert result.exit_code == 0, result.output
    html = (repo.path / "g.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="gt-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert {n["id"]: n["changed"] for n in data["nodes"] if "changed" in n} == {"p2": "changed", "b1": "changed"}
    assert "new or changed since HEAD~1" in html
    assert 'data-id="b1" data-changed="1"' in html


@pytest.mark.parametrize("command", ["report", "render"])
def test_since_needs_a_model_in_git(invoke, command, tmp_path: Path):
    result = invoke(command, "--example", "--since", "HEAD")
    assert result.exit_code == 2
    assert "--since compares with the model at a git revision" in result.output
    (tmp_path / "m.yaml").write_text(MODEL, encoding="utf-8")
    result = invoke(command, "m.yaml", "--since", "HEAD", "-o", "x.html")
    assert result.exit_code == 2
    assert result.output.startswith("goldenthread: error: EARLIER")
    assert not (tmp_path / "x.html").exists()


def test_the_key_figures_say_not_stated_when_no_project_states_a_budget():
    from goldenthread.model.loader import load_example, load_model
    from goldenthread.traceability.render.html.reportpage import render_report

    html = render_report(load_example()).html
    assert 'data-figure="total_investment">not stated</div>' in html
    assert 'data-figure="portfolio_budget"' not in html
    # With budgets, the figure is the money, against the portfolio.
    html = render_report(load_model(Path(__file__).parent / "models" / "portfolio.yaml")).html
    assert re.search(r'data-figure="total_investment">[^<]*\d', html)
    assert 'data-figure="portfolio_budget"' in html


def test_page_one_names_delivery_problems_with_their_figures():
    """Over budget, past its end, low confidence and a dis-benefit over its limit reach page 1 in words."""
    from goldenthread.model.loader import load_model
    from goldenthread.traceability.render.html.reportpage import render_report

    html = render_report(load_model(Path(__file__).parent / "models" / "money.yaml")).html
    points = {
        k: " ".join(re.sub(r"<[^>]+>", " ", v).split())
        for k, v in re.findall(r'data-decide="([^"]+)">(.*?)</li>', html, re.S)
    }
    assert (
        points["overspent"]
        == "Over budget: Care platform (£1.1m spent of £1m). Agree the extra money, or cut the scope."
    )
    assert points["overdue"] == (
        "Past their end date: Care platform (due 2025-03-01, still active). Agree a new date, or close them."
    )
    assert points["low-confidence"] == (
        "Better care, Sound finances and Thriving places rest only on projects whose delivery confidence "
        "is red or amber-red."
    )
    assert points["over-limit"] == (
        "Dis-benefits over their limit: Complaints about the new platform "
        "(62 complaints against a limit of 50 complaints)."
    )
    assert points["unfunded"] == (
        "1 project states no budget: Street sensors. Its cost is not stated, so the investment shown leaves it out."
    )


def test_waived_delivery_findings_stay_off_page_one(tmp_path):
    from goldenthread.model.loader import load_model
    from goldenthread.traceability.render.html.reportpage import render_report

    text = (Path(__file__).parent / "models" / "money.yaml").read_text(encoding="utf-8")
    waived = text.replace(
        "    title: Care platform\n",
        "    title: Care platform\n    waive: {project-overspent: Extra agreed in March}\n",
        1,
    )
    assert waived != text
    (tmp_path / "m.yaml").write_text(waived, encoding="utf-8")
    html = render_report(load_model(tmp_path / "m.yaml")).html
    assert 'data-decide="overspent"' not in html
    assert 'data-decide="overdue"' in html


def test_the_projects_annex_shows_spend_and_delivery_confidence_when_stated():
    from goldenthread.model.loader import load_example, load_model
    from goldenthread.traceability.render.html.reportpage import render_report

    html = render_report(load_model(Path(__file__).parent / "models" / "money.yaml")).html
    assert _text(html, "gt-projects") == (
        "Project Status Budget Spent Delivery confidence Aims it reaches "
        "Care platform platform active £1,000,000 £1,100,000 (over budget) amber-red "
        "Better care; Sound finances; Thriving places "
        "Resident portal portal approved £400,000 £100,000 red Better care "
        "Street sensors sensors active not stated not stated green Thriving places"
    )
    # A model that rates and states neither has no empty columns for them.
    assert "Delivery confidence" not in _text(render_report(load_example()).html, "gt-projects")


def test_proposed_money_reaching_no_aim_is_not_said_to_be_0_of_the_investment():
    from goldenthread.model.loader import load_model
    from goldenthread.traceability.render.html.reportpage import render_report

    html = render_report(load_model(Path(__file__).parent / "models" / "portfolio.yaml")).html
    decide = _text(html, "gt-decide")
    assert decide.endswith("Proposed, not committed, reaching no aim: Side project."), decide
    assert "0 of the investment is proposed" not in decide
