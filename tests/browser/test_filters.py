"""``render --tag/--status/--gaps-only`` keep exactly what the page's own filter keeps.

For every tag and status of every test model, the page drawn with the
command-line filter holds the same entities as the whole page filtered by its
own controls in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import cli

pytestmark = pytest.mark.browser
TESTS = Path(__file__).resolve().parents[1]
MODELS = [
    None,
    TESTS / "browser" / "models" / "threads.yaml",
    TESTS / "browser" / "models" / "hostile.yaml",
    TESTS / "models" / "portfolio.yaml",
    TESTS / "models" / "good" / "complete.yaml",
    TESTS / "models" / "good" / "bom.yaml",
    TESTS / "models" / "good" / "yaml12.yaml",
    TESTS / "models" / "good" / "folder",
]
_DATA = re.compile(r'<script type="application/json" id="gt-data">(.*?)</script>', re.DOTALL)


def _model_args(model: Path | None) -> list[str]:
    return ["--example"] if model is None else [str(model)]


def _drawn(path: Path) -> tuple[list[str], dict]:
    """The ids a written page draws, and its data block."""
    data = json.loads(_DATA.search(path.read_text(encoding="utf-8")).group(1))
    return sorted(n["id"] for n in data["nodes"]), data


def _render(tmp_path: Path, model: Path | None, *args: str) -> Path:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["render", *_model_args(model), *args, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def _page_filter(opened, control: str, value: object) -> list[str]:
    """Set one of the page's controls as a user would and read what stays visible."""
    opened.js("window.goldenthread.reset()")
    if control == "gaps":
        opened.page.check("#gt-gaps")
    else:
        opened.page.select_option(f"#gt-{control}", str(value))
    return opened.visible()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: "example" if m is None else m.name)
def test_command_line_filters_equal_the_page_filters(open_page, tmp_path, model):
    page = _render(tmp_path, model)
    whole, data = _drawn(page)
    opened = open_page(page)
    assert opened.visible() == whole
    cases = [("tag", t, ["--tag", t]) for t in data["tags"]]
    cases += [("status", s, ["--status", s]) for s in data["statuses"]]
    gaps = [n for n in data["nodes"] if n.get("gap") == 1]
    if gaps:
        cases.append(("gaps", True, ["--gaps-only"]))
    assert data["statuses"], "every test model has projects with a status"
    for control, value, args in cases:
        in_page = _page_filter(opened, control, value)
        filtered = tmp_path / "filtered"
        filtered.mkdir(exist_ok=True)
        out = filtered / "page.html"
        result = CliRunner().invoke(cli, ["render", *_model_args(model), *args, "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert _drawn(out)[0] == in_page, (control, value)
