"""The tree: every production module small enough to read, in the folder of its job."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
MODULES = sorted(p for folder in ("model", "traceability", "cli") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(ROOT).as_posix() for p in MODULES])
def test_no_module_over_400_lines(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_folders_name_the_jobs():
    folders = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/**/") if (p / "__init__.py").exists()}
    assert {"model/edit", "model/sources", "traceability/render"} <= folders
