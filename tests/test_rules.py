"""The golden-thread rules: each fires where it should and stays quiet where it should not.

Every case is a tiny model written for it; findings are compared as
``(rule, entity, severity, line, column)`` so that a rule that fires on the
wrong entity, at the wrong place or with the wrong severity fails the test.
"""

from __future__ import annotations

import pytest

from goldenthread.model import load_model
from goldenthread.model.rulebook import RULES
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.rules import severity_of

#: One unbroken thread: aim <- theme <- project -> benefit -> aim, measured, on target.
#: It raises no finding at all; each test below breaks one link of it.
CLEAN = """
model: {title: Clean, as_of: 2005-07-14}
aims:
  a1: {title: Aim one}
themes:
  t1: {title: Theme one, aims: [a1]}
projects:
  p1: {title: Project one, themes: [t1]}
benefits:
  b1:
    title: Benefit one
    projects: [p1]
    aims: [a1]
    measure: {unit: GBP, target: 100, target_date: 2006-03-31}
    measurements:
      - {date: 2005-03-31, value: 50}
"""


@pytest.fixture
def findings(write_model):
    """Load a model from YAML text and return its rule findings."""

    def run(text: str):
        return Analysis(load_model(write_model(text))).findings

    return run


def hits(found) -> list[tuple[str, str, str, int, int]]:
    return [(f.rule, f.entity, f.severity, f.pos.line, f.pos.column) for f in found]


def rules_of(found) -> set[str]:
    return {f.rule for f in found}


def test_clean_thread_raises_nothing(findings):
    assert findings(CLEAN) == []


def test_every_rule_has_a_test_below():
    tested = {
        name.removeprefix("test_").split("__")[0].replace("_", "-")
        for name in globals()
        if name.startswith("test_") and "__" in name
    }
    assert tested == set(RULES)


# -- aims ----------------------------------------------------------------------


def test_aim_without_investment__fires_for_an_aim_nothing_reaches(findings):
    found = findings(CLEAN.replace("  a1: {title: Aim one}\n", "  a1: {title: Aim one}\n  a2: {title: Aim two}\n"))
    assert [h for h in hits(found) if h[0] == "aim-without-investment"] == [
        ("aim-without-investment", "a2", "error", 4, 3)
    ]
    f = next(f for f in found if f.rule == "aim-without-investment")
    assert f.message == "aim 'a2' (Aim two) has no investment: no project reaches it"
    assert (f.kind, f.waived, f.reason) == ("aim", False, None)


def test_aim_without_investment__cancelled_projects_do_not_count(findings):
    found = findings(
        """
        aims:
          a1: {title: Aim one}
          a2: {title: Aim two}
        themes:
          t2: {title: Theme two, aims: [a2]}
        projects:
          p1: {title: Live, aims: [a1]}
          p2: {title: Dropped, status: cancelled, themes: [t2], aims: [a2]}
        """
    )
    investment = [h for h in hits(found) if h[0] == "aim-without-investment"]
    assert investment == [("aim-without-investment", "a2", "error", 3, 3)]


def test_aim_without_investment__quiet_when_reached_directly_or_through_a_theme(findings):
    found = findings(
        """
        aims:
          a1: {title: Through a theme}
          a2: {title: Directly}
        themes:
          t1: {title: Theme, aims: [a1]}
        projects:
          p1: {title: Proposed still counts, status: proposed, themes: [t1]}
          p2: {title: Completed still counts, status: completed, aims: [a2]}
        """
    )
    assert "aim-without-investment" not in rules_of(found)


def test_aim_without_evidence__fires_when_no_benefit_is_measured(findings):
    found = findings(
        """
        aims:
          a1: {title: Aim one}
          a2: {title: Aim two}
          a3: {title: Aim three}
        benefits:
          b1: {title: Quantified but never measured, aims: [a1], measure: {unit: GBP, target: 5}}
          b2: {title: Measured, aims: [a2], measurements: [{date: 2005-01-01, value: 1}]}
        """
    )
    evidence = [h for h in hits(found) if h[0] == "aim-without-evidence"]
    assert evidence == [
        ("aim-without-evidence", "a1", "warning", 2, 3),
        ("aim-without-evidence", "a3", "warning", 4, 3),
    ]
    assert next(f for f in found if f.rule == "aim-without-evidence").message == (
        "aim 'a1' (Aim one) has no evidence: no measured benefit evidences it"
    )


def test_aim_without_evidence__quiet_with_a_measured_benefit(findings):
    assert "aim-without-evidence" not in rules_of(findings(CLEAN))


# -- themes --------------------------------------------------------------------


def test_theme_without_aim__fires_for_missing_or_empty_aims(findings):
    found = findings(
        """
        themes:
          t1: {title: No aims key}
          t2: {title: Empty list, aims: []}
        projects:
          p1: {title: P, themes: [t1, t2]}
        """
    )
    assert [h for h in hits(found) if h[0] == "theme-without-aim"] == [
        ("theme-without-aim", "t1", "error", 2, 3),
        ("theme-without-aim", "t2", "error", 3, 3),
    ]
    assert next(f for f in found if f.rule == "theme-without-aim").message == "theme 't1' (No aims key) supports no aim"


def test_theme_without_aim__quiet_when_linked(findings):
    assert "theme-without-aim" not in rules_of(findings(CLEAN))


def test_theme_without_project__fires_when_only_cancelled_projects_deliver(findings):
    found = findings(
        """
        aims:
          a1: {title: A}
        themes:
          t1: {title: Nobody delivers, aims: [a1]}
          t2: {title: Cancelled delivers, aims: [a1]}
          t3: {title: Delivered, aims: [a1]}
        projects:
          p1: {title: Dropped, status: cancelled, themes: [t2]}
          p2: {title: Live, themes: [t3]}
        """
    )
    assert [h for h in hits(found) if h[0] == "theme-without-project"] == [
        ("theme-without-project", "t1", "warning", 4, 3),
        ("theme-without-project", "t2", "warning", 5, 3),
    ]
    assert next(f for f in found if f.rule == "theme-without-project").message == (
        "theme 't1' (Nobody delivers) is delivered by no project"
    )


# -- projects ------------------------------------------------------------------


def test_project_without_aim__fires_for_an_unlinked_project_or_one_whose_theme_has_no_aim(findings):
    found = findings(
        """
        themes:
          t1: {title: Aimless theme}
        projects:
          p1: {title: Unlinked}
          p2: {title: Through an aimless theme, themes: [t1]}
          p3: {title: Cancelled and unlinked, status: cancelled}
        """
    )
    assert [h for h in hits(found) if h[0] == "project-without-aim"] == [
        ("project-without-aim", "p1", "error", 4, 3),
        ("project-without-aim", "p2", "error", 5, 3),
    ]
    assert next(f for f in found if f.rule == "project-without-aim").message == (
        "project 'p1' (Unlinked) reaches no aim, through a theme or directly"
    )


def test_project_without_aim__quiet_when_linked_directly(findings):
    found = findings(
        """
        aims:
          a1: {title: A}
        projects:
          p1: {title: Direct, aims: [a1]}
        """
    )
    assert "project-without-aim" not in rules_of(found)


def test_project_without_benefit__fires_for_live_projects_only(findings):
    found = findings(
        """
        aims:
          a1: {title: A}
        projects:
          p1: {title: No benefit, aims: [a1]}
          p2: {title: Dropped, status: cancelled, aims: [a1]}
          p3: {title: Has one, aims: [a1]}
        benefits:
          b1: {title: B, projects: [p3], aims: [a1]}
        """
    )
    assert [h for h in hits(found) if h[0] == "project-without-benefit"] == [
        ("project-without-benefit", "p1", "warning", 4, 3),
    ]
    assert next(f for f in found if f.rule == "project-without-benefit").message == (
        "project 'p1' (No benefit) realises no benefit"
    )


# -- benefits ------------------------------------------------------------------


def test_benefit_without_project__fires_without_projects_or_with_only_cancelled_ones(findings):
    found = findings(
        """
        aims:
          a1: {title: A}
        projects:
          p1: {title: Dropped, status: cancelled, aims: [a1]}
        benefits:
          b1: {title: Orphan, aims: [a1]}
          b2: {title: Realised only by a cancelled project, projects: [p1], aims: [a1]}
        """
    )
    assert [h for h in hits(found) if h[0] == "benefit-without-project"] == [
        ("benefit-without-project", "b1", "warning", 6, 3),
        ("benefit-without-project", "b2", "warning", 7, 3),
    ]
    assert next(f for f in found if f.rule == "benefit-without-project").message == (
        "benefit 'b1' (Orphan) is realised by no project"
    )


def test_benefit_without_project__quiet_when_realised(findings):
    assert "benefit-without-project" not in rules_of(findings(CLEAN))


def test_benefit_without_aim__fires(findings):
    found = findings(
        """
        benefits:
          b1: {title: Aimless}
        """
    )
    assert ("benefit-without-aim", "b1", "warning", 2, 3) in hits(found)
    assert (
        next(f for f in found if f.rule == "benefit-without-aim").message == "benefit 'b1' (Aimless) evidences no aim"
    )
    assert "benefit-without-aim" not in rules_of(findings(CLEAN))


def test_benefit_without_measure__fires_only_without_a_measure(findings):
    found = findings(
        """
        benefits:
          b1: {title: Unquantified}
          b2: {title: Quantified, measure: {unit: hours, target: 10}}
          b3: {title: Observed but unquantified, measurements: [{date: 2005-01-01, value: 3}]}
        """
    )
    assert [h for h in hits(found) if h[0] == "benefit-without-measure"] == [
        ("benefit-without-measure", "b1", "warning", 2, 3),
        ("benefit-without-measure", "b3", "warning", 4, 3),
    ]
    assert next(f for f in found if f.rule == "benefit-without-measure").message == (
        "benefit 'b1' (Unquantified) has no measure: it is not quantified"
    )


def test_benefit_unmeasured__fires_for_a_measure_without_measurements(findings):
    found = findings(
        """
        benefits:
          b1: {title: Unquantified}
          b2: {title: Quantified, measure: {unit: hours, target: 10}}
          b3: {title: Measured, measure: {unit: hours, target: 10}, measurements: [{date: 2005-01-01, value: 12}]}
        """
    )
    assert [h for h in hits(found) if h[0] == "benefit-unmeasured"] == [("benefit-unmeasured", "b2", "warning", 3, 3)]
    assert next(f for f in found if f.rule == "benefit-unmeasured").message == (
        "benefit 'b2' (Quantified) has a measure but no measurements"
    )


def _target_model(measure: str, measurements: str, as_of: str = "2005-07-14") -> str:
    return f"""
model: {{as_of: {as_of}}}
benefits:
  b1:
    title: Savings
    measure: {measure}
    measurements: {measurements}
"""


def test_benefit_target_missed__uses_the_latest_measurement_by_date_not_list_position(findings):
    # Listed newest first: the later-listed 120 is older; the latest (June) is 50, under 100.
    found = findings(
        _target_model(
            "{unit: GBP, target: 100, target_date: 2005-06-30}",
            "[{date: 2005-06-30, value: 50}, {date: 2005-03-31, value: 120}]",
        )
    )
    missed = [f for f in found if f.rule == "benefit-target-missed"]
    assert hits(missed) == [("benefit-target-missed", "b1", "warning", 3, 3)]
    assert (
        missed[0].message == "benefit 'b1' (Savings) missed its target: 50 on 2005-06-30 against 100 GBP due 2005-06-30"
    )


def test_benefit_target_missed__quiet_when_the_latest_by_date_reaches_it(findings):
    # The last listed (50) is older; the latest by date (120) reaches the target.
    found = findings(
        _target_model(
            "{unit: GBP, target: 100, target_date: 2005-06-30}",
            "[{date: 2005-06-30, value: 120}, {date: 2005-03-31, value: 50}]",
        )
    )
    assert "benefit-target-missed" not in rules_of(found)


@pytest.mark.parametrize(
    ("direction", "latest", "missed"),
    [
        ("increase", 99, True),
        ("increase", 100, False),  # at the target counts as reached
        ("increase", 101, False),
        ("decrease", 101, True),
        ("decrease", 100, False),
        ("decrease", 99, False),
    ],
)
def test_benefit_target_missed__respects_direction(findings, direction, latest, missed):
    found = findings(
        _target_model(
            f"{{unit: minutes, target: 100, target_date: 2005-06-30, direction: {direction}}}",
            f"[{{date: 2005-01-31, value: 500}}, {{date: 2005-05-31, value: {latest}}}]",
        )
    )
    assert ("benefit-target-missed" in rules_of(found)) is missed


def test_benefit_target_missed__decrease_message(findings):
    found = findings(
        _target_model(
            "{unit: days, target: 10, target_date: 2005-03-31, direction: decrease, baseline: 30}",
            "[{date: 2005-04-30, value: 12.5}]",
        )
    )
    missed = [f for f in found if f.rule == "benefit-target-missed"]
    assert missed[0].message == (
        "benefit 'b1' (Savings) missed its target: 12.5 on 2005-04-30 against 10 days due 2005-03-31"
    )


@pytest.mark.parametrize(
    ("target_date", "as_of", "fires"),
    [
        ("2005-07-13", "2005-07-14", True),
        ("2005-07-14", "2005-07-14", False),  # due today: not yet missed
        ("2005-07-15", "2005-07-14", False),
    ],
)
def test_benefit_target_missed__only_once_the_target_date_is_before_as_of(findings, target_date, as_of, fires):
    found = findings(
        _target_model(
            f"{{unit: GBP, target: 100, target_date: {target_date}}}",
            "[{date: 2005-01-01, value: 10}]",
            as_of=as_of,
        )
    )
    assert ("benefit-target-missed" in rules_of(found)) is fires


def test_benefit_target_missed__quiet_without_a_target_date(findings):
    found = findings(_target_model("{unit: GBP, target: 100}", "[{date: 2005-01-01, value: 10}]"))
    assert "benefit-target-missed" not in rules_of(found)


def test_broken_thread__fires_for_an_aim_no_realising_project_reaches(findings):
    found = findings(
        """
        aims:
          a1: {title: Reached}
          a2: {title: Only a cancelled project reaches it}
          a3: {title: Nobody reaches it}
        projects:
          p1: {title: Live, aims: [a1]}
          p2: {title: Dropped, status: cancelled, aims: [a2]}
        benefits:
          b1: {title: Claims too much, projects: [p1, p2], aims: [a1, a2, a3]}
        """
    )
    broken = [f for f in found if f.rule == "broken-thread"]
    assert hits(broken) == [("broken-thread", "b1", "warning", 9, 3)]
    assert (
        broken[0].message == "benefit 'b1' (Claims too much) evidences 'a2', 'a3', which none of its projects reaches"
    )


def test_broken_thread__quiet_when_every_evidenced_aim_is_reached(findings):
    found = findings(
        """
        aims:
          a1: {title: A}
          a2: {title: B}
        themes:
          t1: {title: T, aims: [a2]}
        projects:
          p1: {title: Direct, aims: [a1]}
          p2: {title: Through a theme, themes: [t1]}
        benefits:
          b1: {title: Shared, projects: [p1, p2], aims: [a1, a2]}
        """
    )
    assert "broken-thread" not in rules_of(found)


def test_broken_thread__quiet_without_live_realising_projects(findings):
    # No live project realises it: benefit-without-project says so, broken-thread does not repeat it.
    found = findings(
        """
        aims:
          a1: {title: A}
        projects:
          p1: {title: Dropped, status: cancelled}
        benefits:
          b1: {title: B, projects: [p1], aims: [a1]}
        """
    )
    assert "broken-thread" not in rules_of(found)
    assert "benefit-without-project" in rules_of(found)


# -- severities and waivers ----------------------------------------------------

_UNLINKED_PROJECT = """
projects:
  p1:
    title: Unlinked
    waive: {{{waive}}}
rules: {{{rules}}}
"""


def _unlinked(waive: str = "", rules: str = "") -> str:
    return _UNLINKED_PROJECT.format(waive=waive, rules=rules)


def test_defaults_come_from_the_rulebook(findings):
    found = findings(_unlinked())
    assert hits(found) == [
        ("project-without-aim", "p1", "error", 2, 3),
        ("project-without-benefit", "p1", "warning", 2, 3),
    ]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("error", [("project-without-aim", "p1", "error", 2, 3), ("project-without-benefit", "p1", "error", 2, 3)]),
        ("warning", [("project-without-aim", "p1", "error", 2, 3), ("project-without-benefit", "p1", "warning", 2, 3)]),
        ("off", [("project-without-aim", "p1", "error", 2, 3)]),
    ],
)
def test_rules_section_sets_the_severity(findings, setting, expected):
    assert hits(findings(_unlinked(rules=f"project-without-benefit: {setting}"))) == expected


def test_rules_section_can_lower_an_error(findings):
    found = findings(_unlinked(rules="project-without-aim: warning, project-without-benefit: off"))
    assert hits(found) == [("project-without-aim", "p1", "warning", 2, 3)]


def test_severity_of_reads_the_model(write_model):
    model = load_model(write_model(_unlinked(rules="project-without-aim: off")))
    assert severity_of(model, "project-without-aim") == "off"
    assert severity_of(model, "broken-thread") == "warning"


def test_waived_finding_keeps_its_severity_and_carries_the_reason(findings):
    found = findings(_unlinked(waive="project-without-aim: 'Back-office upgrade, no aim by design'"))
    assert [(f.rule, f.severity, f.waived, f.reason) for f in found] == [
        ("project-without-aim", "error", True, "Back-office upgrade, no aim by design"),
        ("project-without-benefit", "warning", False, None),
    ]


def test_waiver_follows_a_raised_severity(findings):
    found = findings(_unlinked(waive="project-without-benefit: None claimed", rules="project-without-benefit: error"))
    waived = [f for f in found if f.waived]
    assert [(f.rule, f.severity, f.reason) for f in waived] == [("project-without-benefit", "error", "None claimed")]


def test_a_rule_set_off_is_not_reported_even_when_waived(findings):
    found = findings(_unlinked(waive="project-without-benefit: None claimed", rules="project-without-benefit: off"))
    assert rules_of(found) == {"project-without-aim"}


def test_a_waiver_covers_only_its_own_entity(findings):
    found = findings(
        """
        projects:
          p1: {title: Waived, waive: {project-without-benefit: Infrastructure}}
          p2: {title: Not waived}
        rules: {project-without-aim: off}
        """
    )
    assert [(f.entity, f.waived) for f in found] == [("p1", True), ("p2", False)]


def test_findings_are_sorted_by_file_position_then_rule(findings):
    found = findings(
        """
        benefits:
          b1: {title: B}
        aims:
          a1: {title: A}
        """
    )
    assert [(f.pos.line, f.rule) for f in found] == [
        (2, "benefit-without-aim"),
        (2, "benefit-without-measure"),
        (2, "benefit-without-project"),
        (4, "aim-without-evidence"),
        (4, "aim-without-investment"),
    ]


def test_findings_in_a_folder_carry_their_own_file(tmp_path):
    folder = tmp_path / "strategy"
    folder.mkdir()
    (folder / "aims.yaml").write_text("aims:\n  a1: {title: A}\n", encoding="utf-8")
    (folder / "work").mkdir()
    (folder / "work" / "projects.yaml").write_text("projects:\n  p1: {title: P, aims: [a1]}\n", encoding="utf-8")
    found = Analysis(load_model(folder)).findings
    assert [(f.rule, str(f.pos)) for f in found] == [
        ("aim-without-evidence", f"{folder}/aims.yaml:2:3"),
        ("project-without-benefit", f"{folder}/work/projects.yaml:2:3"),
    ]


# -- money and benefits as practitioners count them (issue 16) ------------------------


def _project_line(findings, project: str, rule: str):
    found = findings(CLEAN.replace("  p1: {title: Project one, themes: [t1]}\n", project))
    return [h for h in hits(found) if h[0] == rule], [f.message for f in found if f.rule == rule]


def test_project_overspent__fires_when_spent_is_over_budget(findings):
    got = _project_line(
        findings, "  p1: {title: Project one, themes: [t1], budget: 100, spent: 120.5}\n", "project-overspent"
    )
    assert got == (
        [("project-overspent", "p1", "warning", 7, 3)],
        ["project 'p1' (Project one) has spent 120.5 GBP, over its budget of 100 GBP"],
    )


def test_project_overspent__quiet_at_or_under_budget_or_without_one(findings):
    for line in (
        "  p1: {title: Project one, themes: [t1], budget: 100, spent: 100}\n",
        "  p1: {title: Project one, themes: [t1], spent: 100}\n",
    ):
        assert _project_line(findings, line, "project-overspent") == ([], [])


def test_project_overdue__fires_for_active_or_approved_past_its_end(findings):
    got = _project_line(
        findings, "  p1: {title: Project one, themes: [t1], status: approved, end: 2005-07-13}\n", "project-overdue"
    )
    assert got == (
        [("project-overdue", "p1", "warning", 7, 3)],
        [
            "project 'p1' (Project one) is still approved but was due to end on 2005-07-13, "
            "before the model's date 2005-07-14"
        ],
    )


def test_project_overdue__quiet_when_completed_or_due_on_the_model_date(findings):
    for line in (
        "  p1: {title: Project one, themes: [t1], status: completed, end: 2005-07-13}\n",
        "  p1: {title: Project one, themes: [t1], end: 2005-07-14}\n",
    ):
        assert _project_line(findings, line, "project-overdue") == ([], [])


def test_aim_low_confidence__fires_when_every_committed_project_is_red_or_amber_red(findings):
    line = (
        "  p1: {title: Project one, themes: [t1], budget: 10, confidence: red}\n"
        "  p2: {title: Project two, aims: [a1], budget: 5, confidence: amber-red}\n"
        "  p3: {title: Only proposed, aims: [a1], budget: 5, status: proposed, confidence: green}\n"
        "  p4: {title: No budget, aims: [a1], confidence: green}\n"
    )
    hits_, messages = _project_line(findings, line, "aim-low-confidence")
    assert hits_ == [("aim-low-confidence", "a1", "warning", 3, 3)]
    assert messages == [
        "aim 'a1' (Aim one) rests on low delivery confidence: every project carrying its committed investment "
        "is rated red or amber-red (Project one: red, Project two: amber-red)"
    ]


def test_aim_low_confidence__quiet_when_one_carrier_is_better_or_unrated(findings):
    for second in ("confidence: amber", "confidence: amber-green", "status: active"):
        line = (
            "  p1: {title: Project one, themes: [t1], budget: 10, confidence: red}\n"
            f"  p2: {{title: Project two, aims: [a1], budget: 5, {second}}}\n"
        )
        assert _project_line(findings, line, "aim-low-confidence") == ([], [])


def _benefit_hits(findings, benefit: str, rule: str, model: str = "model: {title: Clean, as_of: 2005-07-14}\n"):
    text = CLEAN.split("benefits:\n")[0].replace("model: {title: Clean, as_of: 2005-07-14}\n", model)
    found = findings(text + "benefits:\n" + benefit)
    return [h for h in hits(found) if h[0] == rule], [f.message for f in found if f.rule == rule]


_MEASURED = """\
  b1:
    title: Benefit one
    projects: [p1]
    aims: [a1]
    measure: {unit: GBP, target: 100, target_date: 2006-03-31}
"""


def test_benefit_evidence_stale__fires_when_the_latest_is_older_than_the_review_period(findings):
    benefit = _MEASURED + "    review_every: 3m\n    measurements:\n      - {date: 2005-04-13, value: 50}\n"
    assert _benefit_hits(findings, benefit, "benefit-evidence-stale") == (
        [("benefit-evidence-stale", "b1", "warning", 9, 3)],
        [
            "benefit 'b1' (Benefit one) has stale evidence: its latest measurement, on 2005-04-13, is older than "
            "its review period (3m)"
        ],
    )


def test_benefit_evidence_stale__takes_the_model_default_and_ignores_later_measurements(findings):
    model = "model: {title: Clean, as_of: 2005-07-14, review_every: 30d}\n"
    later = (
        _MEASURED + "    measurements:\n      - {date: 2005-06-13, value: 50}\n      - {date: 2005-08-01, value: 60}\n"
    )
    hits_, _ = _benefit_hits(findings, later, "benefit-evidence-stale", model)
    assert hits_ == [("benefit-evidence-stale", "b1", "warning", 9, 3)]


def test_benefit_evidence_stale__quiet_within_the_period_or_without_one(findings):
    fresh = _MEASURED + "    review_every: 3m\n    measurements:\n      - {date: 2005-04-14, value: 50}\n"
    assert _benefit_hits(findings, fresh, "benefit-evidence-stale") == ([], [])
    none = _MEASURED + "    measurements:\n      - {date: 1999-01-01, value: 50}\n"
    assert _benefit_hits(findings, none, "benefit-evidence-stale") == ([], [])


_DIS = """\
  b1:
    title: Benefit one
    projects: [p1]
    aims: [a1]
  d1:
    title: Longer queues at the counter
    kind: dis-benefit
    projects: [p1]
    aims: [a1]
    measure: {unit: minutes, target: 10}
"""


def test_dis_benefit_over_limit__fires_over_the_limit(findings):
    dis = _DIS + "    measurements:\n      - {date: 2005-06-01, value: 12}\n"
    assert _benefit_hits(findings, dis, "dis-benefit-over-limit") == (
        [("dis-benefit-over-limit", "d1", "warning", 13, 3)],
        [
            "benefit 'd1' (Longer queues at the counter) is over its limit: 12 on 2005-06-01 against a limit of "
            "10 minutes"
        ],
    )


def test_dis_benefit_over_limit__quiet_at_the_limit_and_never_evidence(findings):
    dis = _DIS + "    measurements:\n      - {date: 2005-06-01, value: 10}\n"
    hits_, _ = _benefit_hits(findings, dis, "dis-benefit-over-limit")
    assert hits_ == []
    # The measured dis-benefit does not evidence the aim: b1 is unmeasured, so the aim has no evidence.
    found = findings(CLEAN.split("benefits:\n")[0] + "benefits:\n" + dis)
    assert [h for h in hits(found) if h[0] == "aim-without-evidence"] == [
        ("aim-without-evidence", "a1", "warning", 3, 3)
    ]


def test_benefit_profile_incomplete__off_by_default_and_lists_what_is_missing(findings):
    benefit = _MEASURED + "    measurements:\n      - {date: 2005-04-14, value: 50}\n"
    assert _benefit_hits(findings, benefit, "benefit-profile-incomplete") == ([], [])
    on = "model: {title: Clean, as_of: 2005-07-14}\nrules: {benefit-profile-incomplete: warning}\n"
    assert _benefit_hits(findings, benefit, "benefit-profile-incomplete", on) == (
        [("benefit-profile-incomplete", "b1", "warning", 10, 3)],
        [
            "benefit 'b1' (Benefit one) has an incomplete benefit profile: it lacks an owner, a baseline, "
            "a baseline date and a source on its latest measurement"
        ],
    )


def test_benefit_profile_incomplete__quiet_for_a_full_profile(findings):
    full = """\
  b1:
    title: Benefit one
    owner: Head of Finance
    projects: [p1]
    aims: [a1]
    measure: {unit: GBP, baseline: 0, baseline_date: 2005-01-01, target: 100, target_date: 2006-03-31}
    measurements:
      - {date: 2005-04-14, value: 50, source: Ledger}
"""
    on = "model: {title: Clean, as_of: 2005-07-14}\nrules: {benefit-profile-incomplete: warning}\n"
    assert _benefit_hits(findings, full, "benefit-profile-incomplete", on) == ([], [])
