"""A workbook's shared strings are bounded before openpyxl reads them (count and length)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenthread.model.sources.sharedstrings as sharedstrings
from goldenthread.model.loader import load_model
from goldenthread.model.sources.spreadsheet import MAX_CELLS
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.xlsx import workbook_bytes

MODELS = Path(__file__).parent / "models"


def _with_shared_strings(tmp_path: Path, part: bytes, name: str = "xl/sharedStrings.xml") -> Path:
    """The complete test model's workbook with its shared strings part replaced by ``part``."""
    original = workbook_bytes(Analysis(load_model(MODELS / "good" / "complete.yaml")))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.lower() != name.lower():
                dst.writestr(info, src.read(info))
        dst.writestr(name, part)
    book = tmp_path / "hostile.xlsx"
    book.write_bytes(out.getvalue())
    return book


def _sst(items: int, text: bytes = b"a", prefix: bytes = b"") -> bytes:
    ns = b' xmlns:%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % prefix[:-1] if prefix else b""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><%ssst%s>' % (prefix, ns)
        + (b"<%ssi><%st>%s</%st></%ssi>" % (prefix, prefix, text, prefix, prefix)) * items
        + b"</%ssst>" % prefix
    )


def test_millions_of_shared_strings_are_refused_at_once(tmp_path, invoke):
    # 3 million one-letter strings: a workbook of a few hundred KB that openpyxl took 20 s to open.
    book = _with_shared_strings(tmp_path, _sst(3_000_000))
    assert book.stat().st_size < 1_000_000
    result = invoke("import", str(book), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"{book}: over {MAX_CELLS:,} shared strings; refused\n"
    assert not (tmp_path / "out.yaml").exists()


def test_a_namespace_prefix_does_not_hide_them(tmp_path, invoke):
    book = _with_shared_strings(tmp_path, _sst(MAX_CELLS + 1, prefix=b"x:"))
    result = invoke("import", str(book), "-o", str(tmp_path / "out.yaml"))
    assert result.stderr == f"{book}: over {MAX_CELLS:,} shared strings; refused\n"


def test_one_huge_shared_string_is_refused(tmp_path, invoke):
    book = _with_shared_strings(tmp_path, _sst(1, b"x" * 40_000_000))
    result = invoke("import", str(book), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"{book}: a shared string over the 32,767-character limit of a cell; refused\n"


def test_a_cell_longer_than_a_cell_may_hold_is_named(tmp_path, invoke):
    # openpyxl itself stops at 32,767 characters, so the CSV export is where a longer text can come in.
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "csv").exit_code == 0
    nodes = tmp_path / "csv" / "nodes.csv"
    rows = list(csv.reader(nodes.open(encoding="utf-8-sig", newline="")))
    column = rows[0].index("title")
    rows[1][column] = "t" * 40_000
    with nodes.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = invoke("import", "csv", "-o", "out.yaml")
    assert result.exit_code == 2
    assert f"nodes.csv:{chr(ord('A') + column)}2: 40,000 characters, over the 32,767 a cell may hold" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_an_ordinary_workbook_passes(tmp_path):
    book = _with_shared_strings(tmp_path, _sst(1000))
    sharedstrings.check_shared_strings(book, 1000)
    with pytest.raises(sharedstrings.SharedStringsRefused, match=r"^over 999 shared strings; refused$"):
        sharedstrings.check_shared_strings(book, 999)


@settings(max_examples=60, deadline=None)
@given(items=st.integers(0, 300), chunk=st.integers(1, 200), prefix=st.sampled_from([b"", b"x:", b"ss:"]))
def test_every_item_is_counted_once_whatever_the_chunk_boundaries(items, chunk, prefix):
    part = _sst(items, b"text", prefix)
    original = sharedstrings._CHUNK
    sharedstrings._CHUNK = chunk
    try:
        sharedstrings._scan(io.BytesIO(part), items)  # exactly at the limit: passes
        if items:
            with pytest.raises(sharedstrings.SharedStringsRefused):
                sharedstrings._scan(io.BytesIO(part), items - 1)
    finally:
        sharedstrings._CHUNK = original
