"""``goldenthread init``: a commented starter model that passes check, and never over an existing file."""

from __future__ import annotations

import openpyxl

from goldenthread.model.jsonschema import SCHEMA_ID
from goldenthread.model.sources.spreadsheet import read_workbook


def test_init_writes_a_model_that_passes_check(invoke, tmp_path):
    result = invoke("init", "--title", "Our plan", "--organisation", "Borough", "--as-of", "2025-04-01")
    assert result.exit_code == 0
    assert result.stderr == "goldenthread: wrote goldenthread.yaml\n"
    text = (tmp_path / "goldenthread.yaml").read_text()
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_ID}\n")
    assert '  title: "Our plan"  # shown at the top of every report\n' in text
    assert "  as_of: 2025-04-01" in text
    check = invoke("check", "--strict")
    assert check.exit_code == 0
    assert check.stdout == "0 errors, 0 warnings, 0 waived in 4 entities\n"


def test_every_field_is_shown_with_a_comment(invoke, tmp_path):
    invoke("init", "--as-of", "2025-04-01")
    text = (tmp_path / "goldenthread.yaml").read_text()
    for field in ("title:", "organisation:", "as_of:", "currency:", "description:", "owner:", "tags:", "aims:"):
        assert field in text
    for field in ("status:", "budget:", "start:", "end:", "themes:", "kind:", "projects:", "measure:"):
        assert field in text
    for field in ("unit:", "baseline:", "target:", "target_date:", "direction:", "measurements:", "waive:"):
        assert field in text


def test_split(invoke, tmp_path):
    assert invoke("init", "model", "--split", "--as-of", "2025-04-01").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == [
        "aims.yaml",
        "benefits.yaml",
        "projects.yaml",
        "themes.yaml",
    ]
    assert invoke("check", "--strict").exit_code == 0  # model/ is found by itself


def test_init_refuses_to_overwrite(invoke, tmp_path):
    (tmp_path / "goldenthread.yaml").write_text("keep")
    result = invoke("init")
    assert result.exit_code == 2
    assert result.stderr == "goldenthread: error: goldenthread.yaml already exists: init never overwrites a file\n"
    assert (tmp_path / "goldenthread.yaml").read_text() == "keep"


def test_init_xlsx_writes_an_empty_register(invoke, tmp_path):
    assert invoke("init", "--xlsx", "register.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "register.xlsx")
    assert wb.sheetnames == [
        "Aims",
        "Themes",
        "Projects",
        "Benefits",
        "Measurements",
        "Links",
        "Findings",
        "About",
        "Lists",
    ]
    assert [c.value for c in wb["Projects"][1]][:10] == [
        "id",
        "title",
        "description",
        "owner",
        "tags",
        "waivers",
        "status",
        "budget",
        "start",
        "end",
    ]
    about = [row[:2] for row in wb["About"].iter_rows(values_only=True)]
    assert ("Projects", "budget") in about
    assert read_workbook(tmp_path / "register.xlsx").sections == {"aim": {}, "theme": {}, "project": {}, "benefit": {}}
    assert invoke("init", "--xlsx", "register.xlsx").exit_code == 2
