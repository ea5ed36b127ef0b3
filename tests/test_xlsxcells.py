"""The workbook reader gives the values openpyxl's read-only mode gives, cell for cell, faster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from goldenthread.model.sources.xlsxcells import WorkbookUnreadable, sheets

TESTS = Path(__file__).parent


def _trimmed(rows) -> list[list[object]]:
    """Rows without trailing empty cells (openpyxl pads every row to the sheet's width)."""
    out = []
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    while out and not out[-1]:
        out.pop()
    return out


def _openpyxl(path: Path) -> dict[str, list[list[object]]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: _trimmed(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def _ours(path: Path) -> dict[str, list[list[object]]]:
    return {title: _trimmed(rows) for title, rows in sheets(path)}


@pytest.fixture
def every_kind(tmp_path) -> Path:
    """A workbook saved by openpyxl with every kind of value, gaps, rich text and a second calendar-free sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kinds"
    ws.append(["text", "int", "float", "bool", "date", "datetime", "percent"])
    ws.append(["Better care", 1200000, 0.1, True, dt.date(2025, 3, 31), dt.datetime(2025, 3, 31, 12, 30), 0.25])
    ws["G2"].number_format = "0%"
    ws["A4"] = "after a skipped row"
    ws["D4"] = False
    ws["C5"] = 1e-7
    ws["A6"] = CellRichText("rich ", TextBlock(InlineFont(b=True), "text"))
    ws["B6"] = "=1+1"
    ws["A7"] = "#N/A"
    ws["E7"] = dt.time(9, 15)
    other = wb.create_sheet("Second")
    other["C3"] = "far corner"
    path = tmp_path / "kinds.xlsx"
    wb.save(path)
    return path


def test_every_kind_of_value_reads_as_openpyxl_reads_it(every_kind):
    ours = _ours(every_kind)
    assert ours == _openpyxl(every_kind)
    assert ours["Kinds"][1] == [
        "Better care",
        1200000,
        0.1,
        True,
        dt.datetime(2025, 3, 31),
        dt.datetime(2025, 3, 31, 12, 30),
        0.25,
    ]
    # Row 3 was skipped: an empty row keeps the spreadsheet's row numbers.
    assert ours["Kinds"][2] == []
    assert ours["Kinds"][5][0] == "rich text"
    assert ours["Second"] == [[], [], [None, None, "far corner"]]


@pytest.mark.parametrize(
    "model", ["--example", "models/portfolio.yaml", "models/money.yaml", "models/commented/three-files"]
)
def test_every_export_reads_as_openpyxl_reads_it(invoke, tmp_path, model):
    args = ["--example"] if model == "--example" else ["-m", str(TESTS / model)]
    book = tmp_path / "book.xlsx"
    assert invoke("export", *args, "--format", "xlsx", "-o", str(book)).exit_code == 0
    assert _ours(book) == _openpyxl(book)


def test_the_1904_calendar(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.active["A1"] = dt.date(2025, 3, 31)
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert _ours(path) == _openpyxl(path) == {"Sheet": [[dt.datetime(2025, 3, 31)]]}


@pytest.mark.parametrize(
    ("part", "text"),
    [
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c>"),
        ("xl/workbook.xml", b"not xml"),
    ],
)
def test_a_broken_part_is_one_error(every_kind, tmp_path, part, text):
    import zipfile

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(every_kind) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, text if info.filename == part else src.read(info))
    with pytest.raises(WorkbookUnreadable):
        for _, rows in sheets(broken):
            list(rows)
