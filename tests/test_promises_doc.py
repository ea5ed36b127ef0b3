"""docs/promises.md names the tests that hold each promise: every one it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "promises.md"


def _named_tests() -> list[tuple[str, str | None]]:
    """(test file, test name or None) for every ``tests/...py::name`` and following ``::name`` in the doc."""
    out: list[tuple[str, str | None]] = []
    current = None
    for m in re.finditer(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`", DOC.read_text(encoding="utf-8")):
        path, name = m.groups()
        if path:
            current = path
        if current and (path or name):
            out.append((current, name))
    return out


def test_the_doc_names_tests():
    assert len(_named_tests()) > 30


def test_every_test_the_doc_names_exists():
    missing = []
    for path, name in _named_tests():
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif name and not re.search(rf"^(\s*)def {name}\(", file.read_text(encoding="utf-8"), re.M):
            missing.append(f"{path}::{name}")
    assert missing == []
