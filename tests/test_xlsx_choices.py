"""The workbook's dropdowns, as openpyxl and LibreOffice read them."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
from external import system_program

from goldenthread.model import load_model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.xlsx import workbook_bytes

MODELS = Path(__file__).parent / "models"


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "c.xlsx"
    book.write_bytes(workbook_bytes(Analysis(load_model(MODELS / "good" / "complete.yaml"))))
    return book


def _validations(ws) -> dict[str, tuple[str, str, str]]:
    return {str(dv.sqref): (dv.type, dv.formula1, dv.errorStyle or "stop") for dv in ws.data_validations.dataValidation}


def test_closed_lists_and_ids_have_dropdowns(tmp_path):
    wb = openpyxl.load_workbook(_book(tmp_path))
    projects = wb["Projects"]
    assert _validations(projects) == {"G2:G1004": ("list", '"proposed,approved,active,completed,cancelled"', "stop")}
    assert projects["G1"].value == "status"
    benefits = wb["Benefits"]
    assert benefits["G1"].value == "kind" and benefits["L1"].value == "direction"
    assert _validations(benefits) == {
        "G2:G1003": ("list", '"cashable,non-cashable,quality,dis-benefit"', "stop"),
        "L2:L1003": ("list", '"increase,decrease"', "stop"),
    }
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden"
    ids = [c.value for c in lists["A"][1:] if c.value]
    benefit_ids = [c.value for c in lists["B"][1:] if c.value]
    assert ids == [c.value for name in ("Aims", "Themes", "Projects", "Benefits") for c in wb[name]["A"][1:]]
    assert benefit_ids == [c.value for c in wb["Benefits"]["A"][1:]]
    links = _validations(wb["Links"])
    last = len(ids) + 1
    rows = wb["Links"].max_row
    assert links == {
        f"A2:A{rows + 1000}": ("list", f"Lists!$A$2:$A${last}", "warning"),
        f"B2:B{rows + 1000}": ("list", f"Lists!$A$2:$A${last}", "warning"),
    }
    measured = _validations(wb["Measurements"])
    assert list(measured.values()) == [("list", f"Lists!$B$2:$B${len(benefit_ids) + 1}", "warning")]


def test_the_empty_register_has_the_closed_lists_only(invoke, tmp_path):
    from goldenthread.traceability.render.xlsx import empty_register

    book = tmp_path / "e.xlsx"
    book.write_bytes(empty_register())
    wb = openpyxl.load_workbook(book)
    assert list(_validations(wb["Projects"])) == ["G2:G1001"]
    assert _validations(wb["Links"]) == {}


def test_libreoffice_keeps_the_dropdowns(tmp_path):
    soffice = system_program("soffice", "apt-get install -y libreoffice-calc-nogui")
    book = _book(tmp_path)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(tmp_path / "c.ods") as ods:
        content = ods.read("content.xml").decode("utf-8")
    conditions = re.findall(r'table:condition="([^"]*)"', content)
    assert any('"proposed";"approved";"active";"completed";"cancelled"' in c.replace("&quot;", '"') for c in conditions)
    assert any('"increase";"decrease"' in c.replace("&quot;", '"') for c in conditions)
    assert any("$Lists.$A$2:" in c for c in conditions), conditions
