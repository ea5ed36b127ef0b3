"""``import --merge``: a spreadsheet's edits applied to a commented, hand-kept model of three files, in place."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from external import system_program

COMMENTED = Path(__file__).parent / "models" / "commented" / "three-files"
FILES = ("strategy.yaml", "projects.yaml", "benefits.yaml")


@pytest.fixture
def model(tmp_path):
    shutil.copytree(COMMENTED, tmp_path / "m")
    return tmp_path / "m"


def _texts(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


def _comments(folder: Path) -> list[str]:
    """Every comment of the model, and every x- key line: what a hand-kept model must not lose."""
    out = []
    for name in FILES:
        for line in (folder / name).read_text().splitlines():
            if "#" in line:
                out.append(line[line.index("#") :])
            elif "x-" in line:
                out.append(line.strip())
    return out


def _edited(invoke, tmp_path) -> Path:
    """The model's workbook, edited as a strategist would: a budget, a new project and its link, a measurement."""
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    projects = wb["Projects"]
    header = [c.value for c in projects[1]]
    for row in projects.iter_rows(min_row=2):
        if row[0].value == "cloud":
            row[header.index("budget")].value = 300000
    projects.append(["records", "Records digitisation", None, "Archivist", "paper;scanning", None, "proposed", 80000])
    wb["Links"].append(["records", "digital"])
    wb["Measurements"].append(["online-share", dt.date(2025, 9, 30), 38, "Portal analytics"])
    wb.save(tmp_path / "edited.xlsx")
    return tmp_path / "edited.xlsx"


DIFF = """\
--- m/benefits.yaml
+++ m/benefits.yaml
@@ -11,6 +11,7 @@
       target: 60  # the Cabinet's figure
     measurements:
       - {date: 2025-06-30, value: 31, source: Portal analytics}  # first quarter live
+      - {date: 2025-09-30, value: 38, source: Portal analytics}
   hosting-savings:
     title: Hosting costs saved
     kind: cashable
--- m/projects.yaml
+++ m/projects.yaml
@@ -9,6 +9,13 @@
   cloud:
     title: Cloud migration
     status: approved
-    budget: 250000  # capital
+    budget: 300000  # capital
     themes: [platforms]
     x-programme: Modernisation
+  records:
+    title: Records digitisation
+    owner: Archivist
+    tags: [paper, scanning]
+    status: proposed
+    budget: 80000
+    themes: [digital]
"""
SAID = """\
changed project 'cloud': budget
added project 'records' to m/projects.yaml
changed benefit 'online-share': measurements
"""


def test_the_round_trip_by_hand_keeps_every_comment(invoke, model, tmp_path):
    before, comments = _texts(model), _comments(model)
    book = _edited(invoke, tmp_path)
    dry = invoke("import", str(book.name), "--merge", "-m", "m", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout == DIFF
    assert dry.stderr == SAID + "dry run: nothing written\n"
    assert _texts(model) == before
    shutil.copytree(model, tmp_path / "before")
    done = invoke("import", str(book.name), "--merge", "-m", "m")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == SAID + "wrote m/benefits.yaml\nwrote m/projects.yaml\n"
    assert _comments(model) == comments
    assert (model / "strategy.yaml").read_bytes() == before["strategy.yaml"]
    diff = invoke("diff", "before", "m")
    assert "+ project records (Records digitisation)\n~ project cloud (Cloud migration)\n" in diff.stdout
    assert "    budget: 250,000 -> 300,000\n" in diff.stdout
    assert "+ online-share 2025-09-30: 38 (Portal analytics)\n" in diff.stdout
    again = invoke("import", str(book.name), "--merge", "-m", "m")
    assert again.stdout == "m already says what edited.xlsx says: nothing to change\n"
    assert invoke("check", "m").exit_code == 0


def test_a_workbook_saved_by_libreoffice_merges_the_same(invoke, model, tmp_path):
    soffice = system_program("soffice", "apt-get install -y libreoffice-calc-nogui")
    book = _edited(invoke, tmp_path)
    out = tmp_path / "calc"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    dry = invoke("import", "calc/edited.xlsx", "--merge", "-m", "m", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout == DIFF


def test_an_unchanged_export_changes_nothing(invoke, model, tmp_path):
    before = _texts(model)
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    assert invoke("export", "-m", "m", "--format", "csv", "-o", "csv").exit_code == 0
    for book in ("m.xlsx", "csv"):
        r = invoke("import", book, "--merge", "-m", "m")
        assert r.exit_code == 0, r.stderr
        assert r.stdout == f"m already says what {book} says: nothing to change\n"
    assert _texts(model) == before


def test_removals_only_with_allow_remove(invoke, model, tmp_path):
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    wb["Projects"].delete_rows(3)  # cloud
    links = wb["Links"]
    for i in reversed(range(2, links.max_row + 1)):
        if "cloud" in (links.cell(i, 1).value, links.cell(i, 2).value):
            links.delete_rows(i)
    wb.save(tmp_path / "less.xlsx")
    kept = invoke("import", "less.xlsx", "--merge", "-m", "m", "--dry-run")
    assert kept.stdout == (
        "--- m/benefits.yaml\n+++ m/benefits.yaml\n@@ -14,7 +14,6 @@\n"
        "   hosting-savings:\n     title: Hosting costs saved\n     kind: cashable\n"
        "-    projects: [cloud]\n     aims: [aim-savings]\n     measure:\n       unit: GBP\n"
    )
    assert "kept project 'cloud': not in the spreadsheet (--allow-remove removes it)\n" in kept.stderr
    gone = invoke("import", "less.xlsx", "--merge", "-m", "m", "--allow-remove")
    assert gone.exit_code == 0, gone.stderr
    assert "removed project 'cloud' from m/projects.yaml\n" in gone.stdout
    assert (model / "projects.yaml").read_text() == (
        "# Projects: the investments. Budgets in GBP, whole pounds.\n"
        "projects:\n"
        "  portal:\n"
        "    title: Resident portal\n"
        "    status: active  # went live for council tax in June\n"
        "    budget: 400000\n"
        "    themes: [digital]\n"
    )


def test_a_model_block_change_and_a_refusal_leave_files_alone(invoke, model, tmp_path):
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    about = wb["About"]
    for row in about.iter_rows():
        if row[0].value == "as of":
            row[1].value = dt.date(2025, 12, 31)
    wb.save(tmp_path / "q4.xlsx")
    r = invoke("import", "q4.xlsx", "--merge", "-m", "m", "--dry-run")
    assert r.stdout == (
        "--- m/strategy.yaml\n+++ m/strategy.yaml\n@@ -4,7 +4,7 @@\n"
        " model:\n"
        "   title: Borough IT strategy  # as the committee knows it\n"
        "   organisation: Example Borough\n"
        "-  as_of: 2025-09-30  # the quarter this model describes\n"
        "+  as_of: 2025-12-31  # the quarter this model describes\n"
        "   currency: GBP\n"
        " \n"
        " # --- Aims (agreed by Cabinet, March 2025) ---\n"
    )
    before = _texts(model)
    wb["Projects"].append(["portal2", "Portal two", None, None, None, None, "active", -5])
    wb.save(tmp_path / "bad.xlsx")
    bad = invoke("import", "bad.xlsx", "--merge", "-m", "m")
    assert bad.exit_code == 2
    assert bad.stderr == "bad.xlsx:Projects!H4: 'budget' must not be negative (-5)\n"
    assert _texts(model) == before


def test_split_force_into_a_folder_with_other_model_files_is_refused(invoke, model, tmp_path):
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    before = _texts(model)
    r = invoke("import", "m.xlsx", "--split", "--force", "-o", "m")
    assert r.exit_code == 2
    assert r.stderr == (
        "goldenthread: error: m holds other model files (m/strategy.yaml), "
        "which would be read with the imported ones: import into an empty folder, "
        "or change the model in place with --merge\n"
    )
    assert _texts(model) == before


def test_merge_usage(invoke, model, tmp_path):
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    r = invoke("import", "m.xlsx", "--merge", "-m", "m", "-o", "x.yaml")
    assert r.exit_code == 2
    assert "--merge changes the model in place: -o, --split and --force do not apply" in r.stderr
    r = invoke("import", "m.xlsx")
    assert r.exit_code == 2
    assert "name the YAML to write with -o/--output, or change a model with --merge" in r.stderr


def test_defaults_stated_or_not_are_no_change(invoke, write_model, tmp_path):
    path = write_model(
        """
        aims:
          a1: {title: A}
        projects:
          p1: {title: P, status: active, aims: [a1]}
          p2: {title: Q, aims: [a1]}
        benefits:
          b1: {title: B, projects: [p1], aims: [a1], measure: {unit: h, target: 5, direction: increase}}
          b2: {title: C, projects: [p2], aims: [a1], measure: {unit: h, target: 5}}
        """
    )
    before = path.read_bytes()
    assert invoke("export", "model.yaml", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    assert invoke("export", "model.yaml", "--format", "csv", "-o", "csv").exit_code == 0
    for book in ("m.xlsx", "csv"):
        r = invoke("import", book, "--merge", "-m", "model.yaml")
        assert r.stdout == f"model.yaml already says what {book} says: nothing to change\n"
    assert path.read_bytes() == before


def test_rule_settings_are_merged_after_the_model_block(invoke, model, tmp_path):
    assert invoke("export", "-m", "m", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    about = wb["About"]
    about.insert_rows(7)
    about["A7"], about["B7"] = "rule benefit-unmeasured", "off"
    wb.save(tmp_path / "rules.xlsx")
    r = invoke("import", "rules.xlsx", "--merge", "-m", "m")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "set rule benefit-unmeasured to off\nwrote m/strategy.yaml\n"
    assert (
        (model / "strategy.yaml")
        .read_text()
        .startswith(
            "# Borough IT strategy 2025-28: the aims and the themes that serve them.\n"
            "# Kept by the strategy team; projects and benefits live in their own files.\n"
            "\n"
            "model:\n"
            "  title: Borough IT strategy  # as the committee knows it\n"
            "  organisation: Example Borough\n"
            "  as_of: 2025-09-30  # the quarter this model describes\n"
            "  currency: GBP\n"
            "rules:\n"
            "  benefit-unmeasured: off\n"
            "\n"
            "# --- Aims (agreed by Cabinet, March 2025) ---\n"
        )
    )
    assert "warning[benefit-unmeasured]" not in invoke("check", "m").stdout
    assert invoke("import", "rules.xlsx", "--merge", "-m", "m").stdout.endswith("nothing to change\n")


def test_a_merge_and_edits_at_once_lose_no_update(invoke, model, tmp_path):
    book = _edited(invoke, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "GOLDENTHREAD_MODEL"}
    cli = [sys.executable, "-m", "goldenthread.cli"]
    # Each holds the model's lock from reading to renaming: whichever order they run in, all land.
    runs = [[*cli, "import", book.name, "--merge", "-m", "m"]]
    runs += [[*cli, "add", "aim", f"extra-{i}", "--title", f"Extra {i}", "-m", "m"] for i in range(4)]
    procs = [subprocess.Popen(r, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL) for r in runs]
    assert [p.wait(timeout=300) for p in procs] == [0] * len(runs)
    strategy = (model / "strategy.yaml").read_text()
    assert [f"  extra-{i}:" in strategy for i in range(4)] == [True] * 4
    projects = (model / "projects.yaml").read_text()
    assert "  records:\n" in projects
    assert "    budget: 300000  # capital\n" in projects
