"""tests/models/money.yaml, which uses every field of issue 16, answered as worked by hand.

- platform (1,000,000) is allocated 60/30/10 to care, money and place: 600,000 / 300,000 / 100,000;
  portal (400,000) reaches care only. So care 1,000,000, money 300,000, place 100,000; 1,400,000 in all,
  plus sensors, which states no budget (place's second project).
- platform has spent 1,100,000 of 1,000,000 (overspent) and, still active, was due on 2025-03-01 (overdue).
- Every budgeted project reaching each aim is rated amber-red or red: three aims of low confidence.
- savings: the line runs from 2023-04-01 to 2026-03-31 (1,095 days), 730 of them gone: 2/3 expected; 40%
  progress is 26.7 points below, beyond its 10 points' tolerance: behind. Its 2025-06-30 figure is later than
  the model's date and ignored. Measured 2024-09-30, exactly six months before: not stale.
- waits: (27 - 30) / (20 - 30) = 30%; the line from its one measurement (2024-06-30) expects 274/639 = 42.9%:
  12.9 points below the model's 5: behind; measured more than three months ago: stale.
- complaints, a dis-benefit, is at 62 against a limit of 50: over limit, and no evidence for care.
"""

from __future__ import annotations

import json
from pathlib import Path

MODEL = str(Path(__file__).parent / "models" / "money.yaml")


def test_investment_follows_the_allocation(invoke):
    doc = json.loads(invoke("gaps", MODEL, "--format", "json").stdout)
    assert [(a["id"], a["investment"], a["projects_without_budget"], a["status"]) for a in doc["aims"]] == [
        ("care", 1_000_000.0, 0, "at risk"),
        ("money", 300_000.0, 0, "at risk"),
        ("place", 100_000.0, 1, "no evidence"),
    ]
    assert doc["summary"]["total_investment"] == 1_400_000.0
    assert "Total investment GBP 1,400,000, plus 1 project without a budget." in invoke("gaps", MODEL).stdout


def test_findings(invoke):
    doc = json.loads(invoke("check", MODEL, "--format", "json").stdout)
    assert [(f["rule"], f["entity"], f["line"]) for f in doc["findings"]] == [
        ("aim-low-confidence", "care", 12),
        ("aim-low-confidence", "money", 13),
        ("aim-low-confidence", "place", 14),
        ("aim-without-evidence", "place", 14),
        ("project-overdue", "platform", 19),
        ("project-overspent", "platform", 19),
        ("project-without-benefit", "sensors", 38),
        ("benefit-evidence-stale", "waits", 60),
        ("dis-benefit-over-limit", "complaints", 69),
    ]


def test_benefits(invoke):
    doc = json.loads(invoke("benefits", MODEL, "--format", "json").stdout)
    rows = {b["id"]: b for b in doc["benefits"]}
    savings, waits, complaints = rows["savings"], rows["waits"], rows["complaints"]
    assert (savings["status"], savings["progress"], savings["expected"]) == ("behind", 0.4, 730 / 1095)
    assert (savings["latest"], savings["later_measurements"], savings["stale"]) == (
        {"date": "2024-09-30", "value": 200000},
        1,
        False,
    )
    assert (waits["status"], waits["progress"], waits["expected"], waits["stale"]) == ("behind", 0.3, 274 / 639, True)
    assert (complaints["status"], complaints["dis_benefit"], complaints["direction"]) == (
        "over limit",
        True,
        "decrease",
    )


def test_benefit_value_claimed_and_realised(invoke):
    # savings: 500,000 a year, 40% of the way: 200,000 realised; no other benefit states a value.
    doc = json.loads(invoke("gaps", MODEL, "--format", "json").stdout)
    assert [a["benefit_value"] for a in doc["aims"]] == [None, {"claimed": 500_000.0, "realised": 200_000.0}, None]
    assert doc["benefit_value"] == {"claimed": 500_000.0, "realised": 200_000.0}
    assert "Benefit value claimed GBP 500,000 a year, realised to date GBP 200,000." in invoke("gaps", MODEL).stdout


def test_benefit_value_counts_each_benefit_once(invoke, write_model):
    path = write_model(
        """
        model: {as_of: 2025-01-01}
        aims:
          a1: {title: A}
          a2: {title: B}
        benefits:
          b1:
            title: Shared
            value: 1000
            aims: [a1, a2]
            measure: {unit: x, baseline: 0, target: 10}
            measurements: [{date: 2024-01-01, value: 15}]
          d1: {title: Harm, kind: dis-benefit, value: 99, aims: [a1]}
        """
    )
    doc = json.loads(invoke("gaps", str(path), "--format", "json").stdout)
    # Progress 150% is capped at 100%; the dis-benefit's value is not a benefit's.
    assert [a["benefit_value"] for a in doc["aims"]] == [{"claimed": 1000.0, "realised": 1000.0}] * 2
    assert doc["benefit_value"] == {"claimed": 1000.0, "realised": 1000.0}


def test_the_graph_page_draws_dis_benefits_and_tooltips_say_spend_confidence_and_value(invoke, tmp_path):
    result = invoke("render", MODEL, "-o", str(tmp_path / "g.html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "g.html").read_text("utf-8")
    for line in (
        "spent: \\u00a31,100,000",
        "delivery confidence: amber-red",
        "value: \\u00a3500,000 a year",
        "benefit-over-limit",
    ):
        assert line in page
    assert invoke("report", MODEL, "-o", str(tmp_path / "r.html")).exit_code == 0
