"""Write an .xlsx package directly: sheets of rows, a handful of cell styles, frozen headers, filters, dropdowns.

``export --format xlsx`` writes some 260,000 cells at 10,000 entities;
through openpyxl's cell objects that cost over 4x ``check`` (issue 18 asks
2x).  The workbook it writes needs little of SpreadsheetML: text as inline
strings, numbers, dates as serial days, seven cell styles, a frozen first
row, an auto-filter and list validations; each sheet's XML is made here as
text.  ``tests/test_xlsx.py`` reads the result with openpyxl and LibreOffice.

A cell is ``(value, style)`` (``None``: empty).  Text is XML-escaped, with
``xml:space="preserve"``; numbers that are not finite are written as text.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from goldenthread.model.sources.sheetlayout import column_letter

__all__ = [
    "BOLD",
    "COMPUTED_HEADER",
    "DATE",
    "INPUT_HEADER",
    "MONEY",
    "PLAIN",
    "SHARE",
    "Sheet",
    "escape",
    "package",
]

#: The cell styles (indexes into cellXfs below).
PLAIN, INPUT_HEADER, COMPUTED_HEADER, MONEY, DATE, SHARE, BOLD = range(7)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_EPOCH = dt.date(1899, 12, 30)
_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
#: What XML escapes, and what XML 1.0 cannot hold at all (written as U+FFFD instead of failing the export).
_SPECIAL = re.compile('[&<>"]|[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def escape(text: str) -> str:
    """``text`` for XML element text and attribute values."""
    return _SPECIAL.sub(lambda m: _ESCAPE.get(m.group(), "\ufffd"), text)


@dataclass
class Sheet:
    """One sheet: its name, column widths, rows of cells, and what goes after the rows."""

    name: str
    widths: Sequence[float]
    rows: Iterable[Sequence[tuple[object, int] | None]]
    filtered: bool = True
    hidden: bool = False
    #: The ``<dataValidation>`` elements, as text, given the number of rows written.
    validations: Callable[[int], list[str]] | None = None
    #: Set by :func:`package`: the number of rows written.
    last_row: int = 0


def _letters(n: int) -> list[str]:
    return [column_letter(i) for i in range(1, n + 1)]


def _cell(ref: str, value: object, style: int) -> str:
    s = f' s="{style}"' if style else ""
    # Text first: most cells hold it.
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        days = (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        return f'<c r="{ref}"{s}><v>{days!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{s}><v>{(value - _EPOCH).days}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def _sheet_xml(sheet: Sheet, first: bool) -> bytes:
    cols = len(sheet.widths)
    letters = _letters(max(cols, 1))
    parts = ['<sheetData><row r="1">']
    rows = iter(sheet.rows)
    r = 0
    for r, row in enumerate(rows, start=1):
        if r > 1:
            parts.append(f'<row r="{r}">')
        for letter, cell in zip(letters, row, strict=False):
            if cell is not None and cell[0] is not None and cell[0] != "":
                parts.append(_cell(f"{letter}{r}", cell[0], cell[1]))
        parts.append("</row>")
    if r == 0:
        parts.append("</row>")
        r = 1
    parts.append("</sheetData>")
    sheet.last_row = r
    end = f"{letters[-1]}{r}"
    selected = ' tabSelected="1"' if first else ""
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<dimension ref="A1:{end}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{selected}>'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><cols>'
        + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1))
        + "</cols>"
    )
    tail = f'<autoFilter ref="A1:{end}"/>' if sheet.filtered else ""
    validations = sheet.validations(r) if sheet.validations is not None else []
    if validations:
        tail += f'<dataValidations count="{len(validations)}">{"".join(validations)}</dataValidations>'
    return (head + "".join(parts) + tail + "</worksheet>").encode("utf-8")


def _styles(money: str) -> str:
    xf = '<xf numFmtId="{n}" fontId="{f}" fillId="{fill}" borderId="0" xfId="0"{a}/>'
    xfs = [
        xf.format(n=0, f=0, fill=0, a=""),
        xf.format(n=0, f=1, fill=2, a=' applyFont="1" applyFill="1"'),
        xf.format(n=0, f=1, fill=3, a=' applyFont="1" applyFill="1"'),
        xf.format(n=164, f=0, fill=0, a=' applyNumberFormat="1"'),
        xf.format(n=165, f=0, fill=0, a=' applyNumberFormat="1"'),
        xf.format(n=166, f=0, fill=0, a=' applyNumberFormat="1"'),
        xf.format(n=0, f=1, fill=0, a=' applyFont="1"'),
    ]
    solid = '<fill><patternFill patternType="solid"><fgColor rgb="{}"/><bgColor indexed="64"/></patternFill></fill>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{escape(money)}"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="4"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        + solid.format("FFDDEBF7")
        + solid.format("FFEDEDED")
        + '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


def package(sheets: Sequence[Sheet], money: str, creator: str, stamp: dt.datetime) -> bytes:
    """The .xlsx file of ``sheets``: the same bytes for the same input (fixed zip times, ``stamp`` as its dates).

    ``money`` is the number format of :data:`MONEY` cells.
    """
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    files: dict[str, bytes] = {}
    for i, sheet in enumerate(sheets, start=1):
        files[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(sheet, i == 1)
    hidden = ' state="hidden"'
    entries = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{i}"{hidden if s.hidden else ""} r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{escape(s.name)}'!$A$1:${_letters(len(s.widths))[-1]}${s.last_row}</definedName>"
        for i, s in enumerate(sheets)
        if s.filtered
    )
    files["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets>'
        f"<definedNames>{names}</definedNames></workbook>"
    ).encode()
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    rels += f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    files["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'
    ).encode()
    files["xl/styles.xml"] = _styles(money).encode()
    files["docProps/core.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{escape(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
    ).encode()
    files["docProps/app.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{escape(creator)}</Application></Properties>"
    ).encode()
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>{overrides}'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
    )
    package_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>'
    )
    out = io.BytesIO()
    # The fastest level: the sheets' XML still shrinks about tenfold, in a third of level 6's time.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        ordered = {"[Content_Types].xml": content_types.encode(), "_rels/.rels": package_rels.encode(), **files}
        for name, data in ordered.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, 1)
    return out.getvalue()
