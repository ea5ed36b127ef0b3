"""``goldenthread init``: a commented starter model that passes check, and never over an existing file."""

from __future__ import annotations

import json

import jsonschema
import openpyxl
import pytest
import yaml

from goldenthread.model.sources.spreadsheet import read_workbook


def test_init_writes_a_model_that_passes_check(invoke, tmp_path):
    result = invoke("init", "--title", "Our plan", "--organisation", "Borough", "--as-of", "2025-04-01")
    assert result.exit_code == 0
    assert result.stderr == "goldenthread: wrote goldenthread.yaml\ngoldenthread: wrote goldenthread.schema.json\n"
    text = (tmp_path / "goldenthread.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=./goldenthread.schema.json\n")
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
        "goldenthread.schema.json",
        "projects.yaml",
        "themes.yaml",
    ]
    assert invoke("check", "--strict").exit_code == 0  # model/ is found by itself
    assert (
        (tmp_path / "model" / "projects.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: $schema=./goldenthread.schema.json\n"
            "# This folder is one goldenthread model: every .yaml file in it is read together, and an\n"
            "# entity may link to one in any other file. One file per section, so that the people who\n"
            "# keep each part edit their own file: this one holds the projects and their budgets.\n"
            "# `goldenthread add` puts a new entity in the file that holds its section.\n"
            "\n"
            "# Projects: the investments.\n"
            "projects:\n"
        )
    )


@pytest.mark.parametrize("split", [False, True])
def test_the_schema_beside_the_model_is_the_formats_and_the_model_is_valid_against_it(invoke, tmp_path, split):
    assert invoke("init", "m", *(["--split"] if split else []), "--as-of", "2025-04-01").exit_code == 0
    written = json.loads((tmp_path / "m" / "goldenthread.schema.json").read_text())
    assert written == json.loads(invoke("schema").stdout)
    validator = jsonschema.Draft202012Validator(written)
    for path in (tmp_path / "m").glob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=./goldenthread.schema.json"
        # YAML dates arrive in JSON as strings, as the schema says
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert list(validator.iter_errors(data)) == []


def test_init_refuses_when_only_the_schema_exists(invoke, tmp_path):
    (tmp_path / "goldenthread.schema.json").write_text("{}")
    result = invoke("init")
    assert result.exit_code == 2
    assert result.stderr == (
        "goldenthread: error: goldenthread.schema.json already exists: init never overwrites a file\n"
    )
    assert not (tmp_path / "goldenthread.yaml").exists()


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
