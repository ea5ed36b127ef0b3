"""A real headless Chromium (Debian's) driven by Playwright, shared by the whole session.

Without Chromium these tests skip on a workstation but FAIL under CI (``CI``
set): the views are only tested when a browser has opened them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.external import system_program

#: Debian's Chromium; GOLDENTHREAD_CHROMIUM points elsewhere (the harness tests use it).
CHROMIUM = os.environ.get("GOLDENTHREAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
MODELS = Path(__file__).parent / "models"
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: the browser tests must run in CI (apt-get install -y chromium)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test (launching it costs about a second)."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    """A page opened with the network blocked, and what it tried to do."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind in ("error", "warning")] + self.errors

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible(self) -> list[str]:
        return sorted(self.js("window.goldenthread.visible()"))

    def unfaded(self) -> list[str]:
        return sorted(self.js("window.goldenthread.nodes.get({filter: n => !n.faded}).map(n => n.id)"))

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(
            self.js(
                """id => {
                  const g = window.goldenthread;
                  const p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
                  const r = document.getElementById('gt-network').getBoundingClientRect();
                  return [p.x + r.left, p.y + r.top];
                }""",
                node_id,
            )
        )

    def click_node(self, node_id: str) -> None:
        x, y = self.node_point(node_id)
        self.page.mouse.click(x, y)

    def screenshot(self, name: str, full_page: bool = False, publish: bool = True) -> Path:
        """Save a screenshot under tests/artifacts/.

        With GOLDENTHREAD_SCREENSHOTS=1 a ``publish``-ed one is also copied to
        docs/screenshots/ for the README (the copy is committed, so it is only
        refreshed on request, not on every run).
        """
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        if publish and os.environ.get("GOLDENTHREAD_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, SCREENSHOTS / name)
        return path

    def print_shots(self, pdf: bytes, names: list[str]) -> None:
        """Pages 1, 2, ... of a printed PDF as PNGs (``pdftoppm -r 70``), like :meth:`screenshot`."""
        if not os.environ.get("GOLDENTHREAD_SCREENSHOTS"):
            return
        pdftoppm = system_program("pdftoppm", "apt-get install -y poppler-utils")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "print.pdf").write_bytes(pdf)
        for page, name in enumerate(names, start=1):
            stem = ARTIFACTS / name.removesuffix(".png")
            pages = ["-f", str(page), "-l", str(page)]
            subprocess.run(
                [pdftoppm, "-r", "70", "-png", "-singlefile", *pages, str(ARTIFACTS / "print.pdf"), str(stem)],
                check=True,
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ARTIFACTS / name, SCREENSHOTS / name)


@pytest.fixture(scope="session")
def render_file(tmp_path_factory):
    """Run ``goldenthread ARGS -o FILE`` in-process and return FILE."""
    from click.testing import CliRunner

    from goldenthread.cli.main import cli

    def run(*args: str, name: str = "page.html") -> Path:
        out = tmp_path_factory.mktemp("pages") / name
        result = CliRunner().invoke(cli, [*args, "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return out

    return run


@pytest.fixture(scope="session")
def example_graph(render_file) -> Path:
    return render_file("render", "--example", name="graph-example.html")


@pytest.fixture(scope="session")
def example_report(render_file) -> Path:
    return render_file("report", "--example", name="report-example.html")


@pytest.fixture(scope="session")
def threads_graph(render_file) -> Path:
    return render_file("render", str(MODELS / "threads.yaml"), name="graph-threads.html")


@pytest.fixture
def open_page(browser):
    """Open an HTML file with every request but the file itself aborted, and wait for the graph."""
    contexts = []

    def opener(path: Path, wait_for_graph: bool = True, viewport: dict | None = None) -> Opened:
        context = browser.new_context(viewport=viewport or VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        url = Path(path).resolve().as_uri()
        opened = Opened(page=page, url=url)

        def route(r):
            opened.requests.append(r.request.url)
            if r.request.url == url:
                r.continue_()
            else:
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def dialog(d):
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url)
        if wait_for_graph:
            page.wait_for_function("() => window.goldenthread && window.goldenthread.drawn", timeout=30_000)
        return opened

    yield opener
    for context in contexts:
        context.close()
