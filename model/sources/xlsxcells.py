"""The values of a workbook's sheets, read straight from the XML of the .xlsx, as openpyxl's read-only mode gives them.

openpyxl builds an object for every cell and, for every text, a rich-text
tree, then throws both away: at 10,000 entities that was two thirds of
``import --merge``.  Here each sheet's XML is streamed through the standard
library's expat parser and each row becomes a list of plain values, the ones
openpyxl's ``iter_rows(values_only=True)`` gives with ``data_only=True``:
numbers as int or float, text (shared, inline or a formula's last result), a
boolean, an error as its text (``#N/A``), and a number in a date format as a
``datetime`` (openpyxl's own format test and calendar, so the two agree).
A row the sheet skips is an empty row, so row numbers stay the spreadsheet's.

What it trusts: nothing.  The caller has bounded the file, its unpacked size
and its shared strings first; expat resolves no external entity and refuses
an entity expansion out of proportion (billion laughs); any malformed part
raises :class:`WorkbookUnreadable` with the reason.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

__all__ = ["WorkbookUnreadable", "sheets"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN = (f"{_MAIN}{t}" for t in ("row", "c", "v", "is", "t", "r"))
_LETTERS = re.compile(r"[A-Z]{1,3}\Z")
_DIGITS = "0123456789"


class WorkbookUnreadable(Exception):
    """The .xlsx is not a workbook this reader can read; the message says why."""


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text(item: Element) -> str:
    """The plain text of a shared string or an inline string: its ``t``, or its runs' ``t`` (no phonetic runs)."""
    direct = item.find(_TEXT)
    if direct is not None:
        return direct.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in item.iter(_RUN))


def _parts(z: zipfile.ZipFile, name: str) -> Element | None:
    try:
        with z.open(name) as f:
            return _whole(f)
    except KeyError:
        return None


def _whole(f: IO[bytes]) -> Element:
    root: Element | None = None
    for _, el in iterparse(f, events=("end",)):
        root = el
    if root is None:
        raise WorkbookUnreadable("an empty part")
    return root


def _shared_strings(z: zipfile.ZipFile, name: str | None) -> list[str]:
    if name is None:
        return []
    out: list[str] = []
    try:
        with z.open(name) as f:
            for _, el in iterparse(f, events=("end",)):
                if el.tag == f"{_MAIN}si":
                    out.append(_text(el))
                    el.clear()
    except KeyError:
        return []
    return out


def _date_styles(z: zipfile.ZipFile, name: str | None) -> tuple[set[int], set[int]]:
    """The style indexes whose number format is a date (and of those, a duration), as openpyxl decides."""
    root = _parts(z, name) if name else None
    if root is None:
        return set(), set()
    custom = {
        int(f.get("numFmtId", "-1")): f.get("formatCode", "")
        for f in root.iter(f"{_MAIN}numFmt")
        if f.get("numFmtId", "").isdigit()
    }
    dates: set[int] = set()
    durations: set[int] = set()
    xfs = root.find(f"{_MAIN}cellXfs")
    for i, xf in enumerate(xfs if xfs is not None else ()):
        fid = xf.get("numFmtId", "0")
        if not fid.isdigit():
            continue
        code = custom.get(int(fid)) or BUILTIN_FORMATS.get(int(fid), "")
        if code and is_date_format(code):
            dates.add(i)
            if is_timedelta_format(code):
                durations.add(i)
    return dates, durations


def _number(text: str) -> int | float:
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


class _Sheet:
    """Turns one sheet's rows into lists of values."""

    def __init__(self, strings: list[str], dates: set[int], durations: set[int], epoch: dt.datetime) -> None:
        self.strings, self.dates, self.durations, self.epoch = strings, dates, durations, epoch

    def value(self, c: Element) -> Any:
        kind = c.get("t", "n")
        if kind == "inlineStr":
            inline = c.find(_INLINE)
            return None if inline is None else _text(inline)
        raw = c.findtext(_VALUE) or None
        if raw is None:
            return None
        if kind == "n":
            number = _number(raw)
            style = c.get("s")
            if style is not None and style.isdigit() and int(style) in self.dates:
                try:
                    return from_excel(number, self.epoch, timedelta=int(style) in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_ISO8601(raw)
        return raw  # "str" (a formula's text), "e" (an error such as #N/A)

    def rows(self, f: IO[bytes]) -> Iterator[list[Any]]:
        try:
            yield from self._rows(f)
        except (ParseError, ValueError, IndexError, OverflowError) as e:
            raise WorkbookUnreadable(str(e)) from None

    def _rows(self, f: IO[bytes]) -> Iterator[list[Any]]:
        last = 0
        columns: dict[str, int] = {}  # a reference's letters -> its column, worked out once a sheet
        value = self.value
        for _, el in iterparse(f, events=("end",)):
            if el.tag != _ROW:
                continue
            r = el.get("r")
            index = int(r) if r is not None and r.isdigit() else last + 1
            for _ in range(last + 1, index):
                yield []
            last = max(last, index)
            values: list[Any] = []
            for c in el:
                if c.tag != _CELL:
                    continue
                letters = c.get("r", "").rstrip(_DIGITS)
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = _column(letters) if _LETTERS.match(letters) else 0
                if column == 0 or column == len(values) + 1:
                    values.append(value(c))
                elif column > len(values):
                    values.extend([None] * (column - len(values) - 1))
                    values.append(value(c))
                else:
                    values[column - 1] = value(c)
            el.clear()
            yield values


def _targets(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], dict[str, str], dt.datetime]:
    """The sheets (title, part) in order, the other parts the workbook names by type, and its calendar."""
    book = _parts(z, "xl/workbook.xml")
    rels = _parts(z, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        raise WorkbookUnreadable("no xl/workbook.xml and its relationships")
    where: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        where[rel.get("Id", "")] = part
        by_type[rel.get("Type", "").rsplit("/", 1)[-1]] = part
    sheets = []
    for s in book.iter(f"{_MAIN}sheet"):
        sheet_part = where.get(s.get(f"{_DOC_REL}id", ""))
        if sheet_part is not None:
            sheets.append((s.get("name", ""), sheet_part))
    pr = book.find(f"{_MAIN}workbookPr")
    mac = pr is not None and pr.get("date1904", "false").lower() in ("1", "true")
    return sheets, by_type, CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900


def sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Any]]]]:
    """Each sheet's title and its rows, in the workbook's order; each row's values from column A.

    Read each sheet's rows before asking for the next sheet.

    Raises
    ------
    WorkbookUnreadable
        The file is not a workbook, or a part of it is not well-formed XML.
    """
    try:
        with zipfile.ZipFile(path) as z:
            order, parts, epoch = _targets(z)
            reader = _Sheet(
                _shared_strings(z, parts.get("sharedStrings")), *_date_styles(z, parts.get("styles")), epoch
            )
            for title, part in order:
                try:
                    with z.open(part) as f:
                        yield title, reader.rows(f)
                except KeyError:
                    raise WorkbookUnreadable(f"no part {part} for sheet {title!r}") from None
    except (zipfile.BadZipFile, ParseError, OSError, ValueError, IndexError) as e:
        raise WorkbookUnreadable(str(e)) from None
