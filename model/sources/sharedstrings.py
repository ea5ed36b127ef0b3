"""Bound a workbook's shared strings before they are read.

An .xlsx keeps each distinct text once, in ``xl/sharedStrings.xml``, and cells
point into it. A reader takes that part whole before the first cell, so the
cell limit comes too late: a 145 KB workbook holding three million tiny shared
strings took 20 seconds to open, and one 40 MB string became a 40 MB title.
This module scans the part as a stream of bytes, without parsing XML, and
refuses a workbook with more shared strings than cells may be read, or with
one string longer than a cell can hold, as soon as either is seen.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

__all__ = ["MAX_CELL_TEXT", "SharedStringsRefused", "check_shared_strings"]

#: Excel's own limit on the characters in one cell: no workbook Excel or
#: LibreOffice writes holds a longer text.
MAX_CELL_TEXT = 32_767
#: The bytes one string item may take in the XML: every character written as
#: a character reference (``&#x1F600;``, 9 bytes) plus the markup around it.
_MAX_ITEM_BYTES = MAX_CELL_TEXT * 9 + 4096
_CHUNK = 1 << 20
#: An item's start tag, with or without a namespace prefix (``<si>``, ``<x:si>``).
_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?si[\s/>]")
#: More than the longest match of _ITEM: what a chunk boundary may cut.
_OVERLAP = 64


class SharedStringsRefused(Exception):
    """The workbook's shared strings are over a limit; the message says which."""


def check_shared_strings(path: Path, max_items: int) -> None:
    """Refuse, with :class:`SharedStringsRefused`, a workbook whose shared strings are over a limit.

    ``max_items`` is the most shared strings allowed (the caller's cell limit:
    a cell holds at most one). Raises ``zipfile.BadZipFile`` or ``OSError``
    when the file cannot be read as a zip, as the caller's other checks do.
    """
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.lower().rsplit("/", 1)[-1] == "sharedstrings.xml":
                with z.open(info) as part:
                    _scan(part, max_items)


def _scan(part: IO[bytes], max_items: int) -> None:
    read = part.read
    count = 0
    since_item = 0  # bytes since the start of the last item (or of the part)
    tail = b""
    while chunk := read(_CHUNK):
        data = tail + chunk
        last = None
        for m in _ITEM.finditer(data):
            if m.end() <= len(tail):
                continue  # wholly inside the previous chunk's tail: counted then
            count += 1
            if count > max_items:
                raise SharedStringsRefused(f"over {max_items:,} shared strings; refused")
            last = m.start()
        since_item = len(data) - last if last is not None else since_item + len(chunk)
        if since_item > _MAX_ITEM_BYTES:
            raise SharedStringsRefused(f"a shared string over the {MAX_CELL_TEXT:,}-character limit of a cell; refused")
        tail = data[-_OVERLAP:]
