"""``goldenthread diff`` on a real git repository: each kind of change, and its exact answer."""

from __future__ import annotations

import json

import pytest
from gitrepo import GitRepo

STRATEGY = """
model:
  title: Test council
  as_of: 2025-03-31
aims:
  a1:
    title: Better care
  a2:
    title: Cleaner streets
themes:
  t1:
    title: Care records
    aims: [a1]
  t2:
    title: Street sensors
    aims: [a2]
"""

DELIVERY = """
projects:
  p1:
    title: Care system
    budget: 100000
    themes: [t1]
  p2:
    title: Sensor network
    budget: 50000
    themes: [t2]
benefits:
  b1:
    title: Faster assessments
    kind: quality
    projects: [p1]
    aims: [a1]
    measure: {unit: days, baseline: 20, target: 10, target_date: 2026-03-31, direction: decrease}
    measurements:
      - {date: 2024-03-31, value: 15}
  b2:
    title: Fewer complaints
    kind: quality
    projects: [p2]
    aims: [a2]
    measure: {unit: complaints, baseline: 100, target: 50, target_date: 2026-03-31, direction: decrease}
"""


@pytest.fixture
def repo(invoke, tmp_path) -> GitRepo:
    """A repository (the working directory) whose first commit holds the model in model/."""
    r = GitRepo(tmp_path)
    r.write("model/strategy.yaml", STRATEGY)
    r.write("model/delivery.yaml", DELIVERY)
    r.commit("First model")
    return r


def diff_json(invoke, *args: str) -> tuple[int, dict]:
    result = invoke("diff", *args, "--format", "json")
    assert result.stderr == "" or result.exit_code == 1, result.stderr
    return result.exit_code, json.loads(result.stdout)


def changes(doc: dict) -> dict:
    """The parts of the document that say what changed (the envelope and headline aside)."""
    return {
        "settings": doc["settings"],
        "entities": doc["entities"],
        "links": doc["links"],
        "measurements": doc["measurements"],
        "introduced": [(f["rule"], f["entity"]) for f in doc["findings"]["introduced"]],
        "resolved": [(f["rule"], f["entity"]) for f in doc["findings"]["resolved"]],
    }


NOTHING = {
    "settings": [],
    "entities": {"added": [], "removed": [], "changed": []},
    "links": {"added": [], "removed": []},
    "measurements": [],
    "introduced": [],
    "resolved": [],
}


class TestNoChange:
    def test_same_commit(self, repo, invoke):
        code, doc = diff_json(invoke, "HEAD:model", "model")
        assert code == 0
        assert doc["unchanged"] is True
        assert changes(doc) == NOTHING
        # In the order of check: by file, then place.
        assert [(f["rule"], f["entity"]) for f in doc["findings"]["still_open"]] == [
            ("benefit-unmeasured", "b2"),
            ("aim-without-evidence", "a2"),
        ]

    def test_reformatting_reordering_and_comments_are_no_change(self, repo, invoke):
        repo.write(
            "model/delivery.yaml",
            """
            # Reordered, reformatted and commented: the same model.
            benefits:
              b2:
                aims:
                  - a2
                measure:
                  direction: decrease
                  target_date: 2026-03-31
                  target: 50
                  baseline: 100
                  unit: complaints
                projects: [p2]   # the sensors
                kind: quality
                title: "Fewer complaints"
              b1: {title: Faster assessments, kind: quality, projects: [p1], aims: [a1],
                   measure: {unit: days, baseline: 20, target: 10, target_date: 2026-03-31, direction: decrease},
                   measurements: [{value: 15, date: 2024-03-31}]}
            projects:
              p2: {title: Sensor network, budget: 50_000.0, themes: [t2]}
              p1:
                themes:
                - t1
                budget: 1.0e5
                title: Care system
            """.replace("50_000.0", "50000.0"),
        )
        repo.commit("Reformat")
        code, doc = diff_json(invoke, "HEAD~1:model", "HEAD:model")
        assert code == 0
        assert doc["unchanged"] is True
        assert changes(doc) == NOTHING

    def test_moving_an_entity_to_another_file_is_no_change(self, repo, invoke):
        text = (repo.path / "model/delivery.yaml").read_text()
        head, _, benefits = text.partition("benefits:\n")
        repo.write("model/delivery.yaml", head)
        (repo.path / "model/benefits/").mkdir()
        (repo.path / "model/benefits/all.yaml").write_text("benefits:\n" + benefits)
        repo.commit("Benefits in a file of their own")
        code, doc = diff_json(invoke, "HEAD~1:model", "HEAD:model")
        assert (code, doc["unchanged"], changes(doc)) == (0, True, NOTHING)
        assert doc["old"]["model"]["files"] == ["delivery.yaml", "strategy.yaml"]
        assert doc["new"]["model"]["files"] == ["benefits/all.yaml", "delivery.yaml", "strategy.yaml"]


class TestChanges:
    def test_add_an_aim(self, repo, invoke):
        repo.write("model/strategy.yaml", STRATEGY.replace("themes:\n", "  a3:\n    title: Open data\nthemes:\n", 1))
        repo.commit("Add an aim")
        code, doc = diff_json(invoke, "HEAD~1:model", "HEAD:model", "--fail-on", "new-errors")
        assert code == 1
        assert changes(doc) == {
            **NOTHING,
            "entities": {"added": [{"id": "a3", "kind": "aim", "title": "Open data"}], "removed": [], "changed": []},
            "introduced": [("aim-without-evidence", "a3"), ("aim-without-investment", "a3")],
        }
        assert doc["headline"]["aims"] == {"before": 2, "after": 3}
        assert doc["aims"][-1] == {
            "id": "a3",
            "title": "Open data",
            "investment": {"before": None, "after": 0.0, "delta": 0.0},
            "status": {"before": None, "after": "no investment"},
            "benefits": [],
        }
        assert doc["gate"]["new-errors"] == [["aim-without-investment", "a3"]]
        # A new aim's gaps are new findings, but no aim that was there lost anything.
        assert invoke("diff", "HEAD~1:model", "HEAD:model", "--fail-on", "coverage-drop").exit_code == 0
        assert invoke("diff", "HEAD~1:model", "HEAD:model", "--fail-on", "investment-drop").exit_code == 0

    def test_cancel_a_project(self, repo, invoke):
        repo.write(
            "model/delivery.yaml", DELIVERY.replace("    budget: 50000\n", "    budget: 50000\n    status: cancelled\n")
        )
        repo.commit("Cancel the sensors")
        code, doc = diff_json(
            invoke, "HEAD~1:model", "HEAD:model", "--fail-on", "investment-drop", "--fail-on", "coverage-drop"
        )
        assert code == 1
        assert changes(doc) == {
            **NOTHING,
            "entities": {
                "added": [],
                "removed": [],
                "changed": [
                    {
                        "id": "p2",
                        "kind": "project",
                        "title": "Sensor network",
                        "changes": [{"field": "status", "before": "active", "after": "cancelled"}],
                    }
                ],
            },
            "introduced": [
                ("benefit-without-project", "b2"),
                ("aim-without-investment", "a2"),
                ("theme-without-project", "t2"),
            ],
        }
        a2 = doc["aims"][1]
        assert a2 == {
            "id": "a2",
            "title": "Cleaner streets",
            "investment": {"before": 50000.0, "after": 0.0, "delta": -50000.0},
            "status": {"before": "no evidence", "after": "no investment"},
            "benefits": [],
        }
        assert doc["gate"]["investment-drop"] == ["a2"]
        assert doc["gate"]["coverage-drop"] == ["a2"]
        assert doc["headline"]["total_investment"] == {"before": 150000.0, "after": 100000.0}

    def test_resplit_a_budget(self, repo, invoke):
        repo.write(
            "model/delivery.yaml",
            DELIVERY.replace("budget: 100000", "budget: 60000").replace("budget: 50000", "budget: 90000"),
        )
        repo.commit("Move 40,000 from care to streets")
        result = invoke("diff", "HEAD~1:model", "HEAD:model", "--fail-on", "investment-drop")
        assert result.exit_code == 1
        assert result.stderr == ("goldenthread: diff: --fail-on investment-drop: the change makes the thread worse\n")
        assert result.stdout == (
            "OLD HEAD~1:model -> NEW HEAD:model\n"
            "0 added, 0 removed, 2 changed; links 0 added, 0 removed; measurements 0 added, 0 removed, 0 changed; "
            "findings 0 introduced, 0 resolved, 2 still open\n"
            "\n" + HEADLINE_RESPLIT + "\n"
            "Entities:\n"
            "~ project p1 (Care system)\n"
            "    budget: 100,000 -> 60,000\n"
            "~ project p2 (Sensor network)\n"
            "    budget: 50,000 -> 90,000\n"
            "\n"
            "Aims whose investment or coverage changed:\n"
            "a1 (Better care): investment £100,000 -> £60,000 (-£40,000); status covered\n"
            "a2 (Cleaner streets): investment £50,000 -> £90,000 (+£40,000); status no evidence\n"
            "\n"
            "2 findings still open\n"
        )

    def test_add_measurements(self, repo, invoke):
        repo.write(
            "model/delivery.yaml",
            DELIVERY.replace(
                "target: 50, target_date: 2026-03-31, direction: decrease}\n",
                "target: 50, target_date: 2026-03-31, direction: decrease}\n"
                "    measurements:\n      - {date: 2024-09-30, value: 80, source: Survey}\n",
            ).replace("{date: 2024-03-31, value: 15}", "{date: 2024-03-31, value: 14}"),
        )
        repo.commit("Measure the complaints")
        code, doc = diff_json(invoke, "HEAD~1:model", "HEAD:model", "--fail-on", "new-findings")
        assert code == 0
        assert changes(doc) == {
            **NOTHING,
            "measurements": [
                {
                    "benefit": "b1",
                    "date": "2024-03-31",
                    "before": {"value": 15, "source": None},
                    "after": {"value": 14, "source": None},
                },
                {"benefit": "b2", "date": "2024-09-30", "before": None, "after": {"value": 80, "source": "Survey"}},
            ],
            "resolved": [("benefit-unmeasured", "b2"), ("aim-without-evidence", "a2")],
        }
        # 80 complaints against a target of 50 due in 2026: measured, not yet reached.
        assert doc["aims"][1]["status"] == {"before": "no evidence", "after": "covered"}
        text = invoke("diff", "HEAD~1:model", "HEAD:model").stdout
        assert "; measurements 1 added, 0 removed, 1 changed; " in text
        markdown = invoke("diff", "HEAD~1:model", "HEAD:model", "--format", "markdown").stdout
        assert "<summary>Measurements: 1 added, 0 removed, 1 changed</summary>" in markdown
        assert "- added: b2 2024-09-30: 80 (Survey)" in markdown


HEADLINE_RESPLIT = (
    "Figure                                 Before     After  Change\n"
    "-----------------------------------  --------  --------  ------\n"
    "Aims                                        2         2\n"
    "Aims with investment                        2         2\n"
    "Aims with evidence                          1         1\n"
    "Aims at risk                                0         0\n"
    "Aims covered                                1         1\n"
    "Total investment                     £150,000  £150,000\n"
    "Unfunded projects                           0         0\n"
    "Projects without a measured benefit         1         1\n"
    "Errors                                      0         0\n"
    "Warnings                                    2         2\n"
    "Waived                                      0         0\n"
)


class TestLinksAndSince:
    def test_relink_a_project(self, repo, invoke):
        repo.write("model/delivery.yaml", DELIVERY.replace("themes: [t2]", "themes: [t1]\n    aims: [a2]"))
        code, doc = diff_json(invoke, "--since", "HEAD", "model")
        assert code == 0
        assert doc["old"]["source"] == "HEAD:model"
        assert doc["new"]["source"] == "model"
        assert doc["links"] == {
            "added": [
                {"source": "p2", "relation": "contributes", "target": "a2"},
                {"source": "p2", "relation": "delivers", "target": "t1"},
            ],
            "removed": [{"source": "p2", "relation": "delivers", "target": "t2"}],
        }
        assert doc["entities"]["changed"] == []
        # p2's money is now split between a1 (through t1) and a2 (directly).
        assert [(a["id"], a["investment"]) for a in doc["aims"]] == [
            ("a1", {"before": 100000.0, "after": 125000.0, "delta": 25000.0}),
            ("a2", {"before": 50000.0, "after": 25000.0, "delta": -25000.0}),
        ]
        assert [(f["rule"], f["entity"]) for f in doc["findings"]["introduced"]] == [("theme-without-project", "t2")]

    def test_since_from_a_subdirectory_reads_the_same_model(self, repo, invoke, monkeypatch):
        repo.write("model/delivery.yaml", DELIVERY.replace("budget: 100000", "budget: 100001"))
        monkeypatch.chdir(repo.path / "model")
        result = invoke("diff", "--since", "HEAD", ".", "--format", "json")
        assert result.exit_code == 0, result.stderr
        doc = json.loads(result.stdout)
        assert doc["old"]["source"] == "HEAD:model"
        assert doc["entities"]["changed"] == [
            {
                "id": "p1",
                "kind": "project",
                "title": "Care system",
                "changes": [{"field": "budget", "before": 100000, "after": 100001}],
            }
        ]
        # ./ names a path from the current directory, as in git.
        same = invoke("diff", "HEAD:./strategy.yaml", "HEAD:model/strategy.yaml", "--format", "json")
        assert json.loads(same.stdout)["unchanged"] is True

    def test_changed_fields_one_by_one(self, repo, invoke):
        repo.write(
            "model/delivery.yaml",
            DELIVERY.replace(
                "    title: Care system\n", "    title: Care system II\n    owner: Director\n    tags: [b, a]\n"
            ).replace(
                "direction: decrease}\n    measurements",
                "direction: increase}\n    waive: {benefit-target-missed: Known}\n    measurements",
            ),
        )
        code, doc = diff_json(invoke, "--since", "HEAD")
        assert code == 0
        assert doc["entities"]["changed"] == [
            {
                "id": "p1",
                "kind": "project",
                "title": "Care system II",
                "changes": [
                    {"field": "title", "before": "Care system", "after": "Care system II"},
                    {"field": "owner", "before": None, "after": "Director"},
                    {"field": "tags", "before": [], "after": ["a", "b"]},
                ],
            },
            {
                "id": "b1",
                "kind": "benefit",
                "title": "Faster assessments",
                "changes": [
                    {"field": "measure.direction", "before": "decrease", "after": "increase"},
                    {"field": "waive.benefit-target-missed", "before": None, "after": "Known"},
                ],
            },
        ]


class TestMarkdown:
    def test_headline_table_first_then_details(self, repo, invoke):
        repo.write(
            "model/delivery.yaml", DELIVERY.replace("    budget: 50000\n", "    budget: 50000\n    status: cancelled\n")
        )
        result = invoke("diff", "--since", "HEAD", "--format", "markdown")
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[:6] == [
            "## Golden thread: what this change does",
            "",
            "OLD `HEAD:model` → NEW `model`",
            "",
            "| Figure | Before | After | Change |",
            "| --- | ---: | ---: | ---: |",
        ]
        assert "| Total investment | £150,000 | £100,000 | -£50,000 |" in lines
        first_details = lines.index("<details>")
        assert lines[first_details + 1] == "<summary>Findings: 3 introduced, 0 resolved</summary>"
        assert "- changed project `p2` Sensor network" in lines
        assert "  - `status`: active → cancelled" in lines
        # Findings, aims, entities, findings still open; no link changed.
        assert lines.count("<details>") == lines.count("</details>") == 4

    def test_kept_under_the_limit_with_a_note(self, repo, invoke):
        many = "".join(f"  x{i:04d}:\n    title: Aim number {i} <b>bold</b> | pipe\n" for i in range(2000))
        repo.write("model/strategy.yaml", STRATEGY.replace("themes:\n", many + "themes:\n", 1))
        result = invoke("diff", "--since", "HEAD", "--format", "markdown")
        assert result.exit_code == 0
        text = result.stdout
        assert len(text) < 60_000
        assert text.count("<details>") == text.count("</details>")
        last = text.splitlines()[-1]
        assert last.startswith("_") and last.endswith("`goldenthread diff --format json` lists everything._")
        assert "lines left out to keep this under 60,000 characters" in last
        # User text is escaped: no raw tag or table-breaking pipe reaches the comment.
        assert "<b>" not in text and "\\<b\\>" in text


class TestBadInput:
    def test_unknown_revision(self, repo, invoke):
        result = invoke("diff", "HEAD~5:model", "model")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: OLD (HEAD~5:model): unknown revision 'HEAD~5' in {repo.path}\n"

    def test_path_missing_at_the_revision(self, repo, invoke):
        result = invoke("diff", "model", "HEAD:nowhere")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "goldenthread: error: NEW (HEAD:nowhere): no such file or folder 'nowhere' at HEAD\n"

    def test_not_a_git_repository(self, invoke, tmp_path, write_model):
        write_model(STRATEGY, "m.yaml")
        result = invoke("diff", "HEAD:m.yaml", "m.yaml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: OLD (HEAD:m.yaml): not a git repository: {tmp_path}\n"

    def test_since_outside_a_repository(self, invoke, tmp_path, write_model):
        write_model(STRATEGY, "m.yaml")
        result = invoke("diff", "--since", "HEAD", "m.yaml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: OLD (HEAD:m.yaml): not a git repository: {tmp_path}\n"

    def test_a_revision_whose_files_do_not_parse(self, repo, invoke):
        repo.write("model/delivery.yaml", DELIVERY.replace("    budget: 50000\n", "    budget: [50000\n"))
        repo.commit("Broken")
        result = invoke("diff", "HEAD:model", "HEAD~1:model")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "OLD (HEAD:model/delivery.yaml):9:11: error[schema] invalid YAML: while parsing a flow sequence: "
            "did not find expected ',' or ']'\n"
        )

    def test_a_revision_whose_model_does_not_validate(self, repo, invoke):
        repo.write("model/delivery.yaml", DELIVERY.replace("themes: [t2]", "themes: [t3]"))
        repo.commit("Dangling")
        result = invoke("diff", "HEAD~1:model", "HEAD:model")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "NEW (HEAD:model/delivery.yaml):9:14: error[schema] 'themes' of project 'p2' names unknown theme 't3'\n"
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["model"], "give OLD and NEW (each a path or REV:PATH), or --since REV [MODEL]"),
            (["a", "b", "c"], "give OLD and NEW (each a path or REV:PATH), or --since REV [MODEL]"),
            (["--since", "HEAD", "a", "b"], "with --since, give at most one MODEL (the working copy to compare)"),
            (["-m", "model", "a", "b"], "-m/--model goes with --since; otherwise name OLD and NEW"),
        ],
    )
    def test_misuse(self, repo, invoke, args, message):
        result = invoke("diff", *args)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == f"Error: {message}"

    def test_a_revision_that_looks_like_an_option(self, repo, invoke):
        result = invoke("diff", "--", "--output=x:model", "model")
        assert result.exit_code == 2
        assert result.stderr == "goldenthread: error: OLD (--output=x:model): invalid revision '--output=x'\n"
        assert not (repo.path / "x").exists()


class TestSidesInOneProcessOrTwo:
    """Where fork or a second core is missing, the sides load one after the other: same answers."""

    def test_only_large_models_on_disk_are_worth_a_second_process(self, repo, monkeypatch):
        from goldenthread.traceability import sides

        monkeypatch.setattr(sides, "LARGE_BYTES", 500)
        assert sides._large("HEAD:model", "model")
        assert not sides._large("HEAD:model", "HEAD~1:model")
        assert not sides._large("nowhere", "")
        monkeypatch.setattr(sides, "LARGE_BYTES", 10_000)
        assert not sides._large("HEAD:model", "model")

    def test_the_same_document_either_way(self, repo, invoke, monkeypatch):
        from goldenthread.traceability import sides

        repo.write("model/delivery.yaml", DELIVERY.replace("budget: 100000", "budget: 70000"))
        monkeypatch.setattr(sides, "_parallel", lambda: True)
        monkeypatch.setattr(sides, "_large", lambda old, new: True)
        forked = invoke("diff", "--since", "HEAD", "--format", "json")
        baseline_forked = invoke("check", "model", "--baseline", "HEAD:model")
        monkeypatch.setattr(sides, "_parallel", lambda: False)
        alone = invoke("diff", "--since", "HEAD", "--format", "json")
        baseline_alone = invoke("check", "model", "--baseline", "HEAD:model")
        assert forked.stdout == alone.stdout and forked.exit_code == alone.exit_code == 0
        assert json.loads(alone.stdout)["aims"][0]["investment"]["delta"] == -30000.0
        assert baseline_forked.stdout == baseline_alone.stdout
        assert baseline_forked.exit_code == baseline_alone.exit_code == 0

    @pytest.mark.parametrize("parallel", [True, False])
    def test_when_both_sides_fail_old_is_named(self, repo, invoke, monkeypatch, parallel):
        from goldenthread.traceability import sides

        monkeypatch.setattr(sides, "_parallel", lambda: parallel)
        monkeypatch.setattr(sides, "_large", lambda old, new: True)
        result = invoke("diff", "HEAD~9:model", "nowhere")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: OLD (HEAD~9:model): unknown revision 'HEAD~9' in {repo.path}\n"
        # delivery.yaml alone names aims and themes it does not hold.
        result = invoke("diff", "model", "HEAD:model/delivery.yaml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("NEW (HEAD:model/delivery.yaml):5:14: error[schema] 'themes' of project 'p1'")

    @pytest.mark.parametrize("parallel", [True, False])
    def test_a_broken_baseline_prints_nothing(self, repo, invoke, monkeypatch, parallel):
        from goldenthread.traceability import sides

        monkeypatch.setattr(sides, "_parallel", lambda: parallel)
        result = invoke("check", "model", "--baseline", "model/delivery.yaml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("BASELINE (model/delivery.yaml):5:14: error[schema]")


def test_money_in_json_is_rounded_to_the_minor_unit(invoke, tmp_path):
    old = (
        "aims:\n  a1: {title: A}\n  a2: {title: B}\n  a3: {title: C}\n"
        "projects:\n  p1: {title: P, budget: 100, aims: [a1, a2, a3]}\n"
    )
    (tmp_path / "old.yaml").write_text(old, "utf-8")
    (tmp_path / "new.yaml").write_text(old.replace("budget: 100", "budget: 200"), "utf-8")
    doc = json.loads(invoke("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    assert [a["investment"] for a in doc["aims"]] == [{"before": 33.33, "after": 66.67, "delta": 33.33}] * 3
    assert doc["headline"]["total_investment"] == {"before": 100.0, "after": 200.0}


def test_benefit_status_changes_are_reported_and_named_on_their_aims(invoke, tmp_path):
    old = (
        "model: {as_of: 2025-01-01}\naims:\n  a1: {title: Care}\nprojects:\n  p1: {title: P, budget: 10, aims: [a1]}\n"
        "benefits:\n  b1:\n    title: Savings\n    projects: [p1]\n    aims: [a1]\n"
        "    measure: {unit: x, baseline: 0, target: 100, target_date: 2026-01-01}\n"
        "    measurements:\n      - {date: 2024-01-01, value: 60}\n"
    )
    # The line expects 366/731 (50%) by 2025-01-01: 60% is on track, 10% behind.
    (tmp_path / "old.yaml").write_text(old, "utf-8")
    (tmp_path / "new.yaml").write_text(old.replace("value: 60", "value: 10"), "utf-8")
    doc = json.loads(invoke("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    assert doc["benefits"] == [{"id": "b1", "title": "Savings", "status": {"before": "on track", "after": "behind"}}]
    assert [(a["id"], a["status"], a["benefits"]) for a in doc["aims"]] == [
        ("a1", {"before": "covered", "after": "at risk"}, ["Savings"])
    ]
    text = invoke("diff", "old.yaml", "new.yaml").stdout
    assert "b1 (Savings): on track -> behind" in text
    assert "status covered -> at risk (benefits whose status changed: Savings)" in text
    markdown = invoke("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert "- `b1` Savings: on track → behind" in markdown
