"""``goldenthread history --html``: the page in a real Chromium, offline, script-free, its charts drawn."""

from __future__ import annotations

import itertools
import re
import subprocess

import pytest
from click.testing import CliRunner
from gitrepo import GitRepo

from goldenthread.cli.main import cli
from tests.external import system_program

pytestmark = pytest.mark.browser

MODEL = """
model:
  title: Charted council
aims:
  a1:
    title: Better care
  a2:
    title: Cleaner streets
projects:
  p1:
    title: Care system
    budget: {budget}
    aims: [a1]
"""
#: From the third commit on, a benefit met its target: Better care is covered.
EVIDENCE = """
benefits:
  b1:
    title: Shorter waits
    projects: [p1]
    aims: [a1]
    measure: {unit: days, baseline: 20, target: 10, target_date: 2025-01-01, direction: decrease}
    measurements:
      - {date: 2024-12-01, value: 9}
"""


@pytest.fixture
def history_page(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "repo")
    for i, budget in enumerate((1000, 2500, 2000, 4000)):
        repo.write("model.yaml", MODEL.format(budget=budget) + (EVIDENCE if i >= 2 else ""))
        repo.commit(f"Step {i + 1} <img src=x onerror=alert(1)> </script><script>alert(2)</script>")
        if i == 1:
            repo.git("tag", "-a", "q2-paper", "-m", "The Q2 board paper")
    repo.write("model.yaml", "aims: [\n")
    repo.commit("Broken")
    monkeypatch.chdir(repo.path)
    out = tmp_path / "history.html"
    result = CliRunner().invoke(cli, ["history", "model.yaml", "--html", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_the_page_draws_its_charts_offline(history_page, open_page):
    page = open_page(history_page, wait_for_graph=False)
    assert page.requests == [page.url]
    assert page.console_errors == []
    assert page.dialogs == []
    assert page.js("document.scripts.length") == 0
    assert page.js("document.querySelectorAll('svg.gt-chart').length") == 3
    # Five commits, one of them broken: four points a series, one line each; the
    # first chart holds the shares of the aims (with investment, with evidence, covered),
    # each series with its own shape of mark.
    points = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')).map(s => s.querySelectorAll('.gt-point').length)"
    )
    assert points == [12, 4, 8]
    shapes = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('.gt-point')).map(p => p.tagName)"
    )
    assert shapes == ["circle"] * 4 + ["rect"] * 4 + ["polygon"] * 4
    assert page.js("document.querySelectorAll('svg.gt-chart polyline.gt-line').length") == 6
    shares = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('.gt-point title'))"
        ".map(t => t.textContent.split(' (')[0])"
    )
    assert shares[:4] == ["Aims with investment: 50%"] * 4
    assert shares[8:] == ["Aims covered: 0%", "Aims covered: 0%", "Aims covered: 50%", "Aims covered: 50%"]
    legend = page.js("Array.from(document.querySelectorAll('.gt-legend')[0].children).map(li => li.textContent.trim())")
    assert legend == ["Aims with investment", "Aims with evidence", "Aims covered"]
    covered = page.js(
        "Array.from(document.querySelectorAll('#gt-commits tbody tr')).slice(1)"
        ".map(r => r.querySelector('[data-label=\"Aims covered\"]').textContent)"
    )
    assert covered == ["1 of 2", "1 of 2", "0 of 2", "0 of 2"]
    # Placed by date: the test repository's commits are a day apart, so the points are evenly spaced.
    xs = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[1].querySelectorAll('circle'))"
        ".map(c => +c.getAttribute('cx'))"
    )
    assert xs == sorted(xs) and len({round(b - a, 1) for a, b in itertools.pairwise(xs)}) == 1
    # The tag is marked on the axis and named in the point's hover text.
    assert page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('text.gt-tag'))"
        ".map(t => t.textContent)"
    ) == ["q2-paper"]
    tips = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('.gt-point title'))"
        ".map(t => t.textContent)"
    )
    assert sum("[q2-paper]" in t for t in tips) == 3  # one point a share
    investment = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[1].querySelectorAll('circle title'))"
        ".map(t => t.textContent.split(' (')[0])"
    )
    assert investment == [
        "Total investment: £1,000",
        "Total investment: £2,500",
        "Total investment: £2,000",
        "Total investment: £4,000",
    ]
    box = page.js(
        "(() => { const r = document.querySelector('svg.gt-chart').getBoundingClientRect(); "
        "return [r.width, r.height]; })()"
    )
    assert box[0] > 500 and box[1] > 100
    page.screenshot("history.png", full_page=True)


def test_the_page_fits_a_phone(history_page, open_page):
    page = open_page(history_page, wait_for_graph=False, viewport={"width": 390, "height": 844})
    assert page.js("document.documentElement.scrollWidth <= innerWidth") is True
    widest = page.js(
        "Math.max(...Array.from(document.querySelectorAll('table, svg')).map(e => e.getBoundingClientRect().width))"
    )
    assert widest <= 390
    # The table's rows are cards inside their section's box, not spilling over its edge.
    spill = page.js(
        "(() => { const s = document.querySelector('.gt-table').getBoundingClientRect(); "
        "return Array.from(document.querySelectorAll('#gt-commits tr')).filter(r => { "
        "const b = r.getBoundingClientRect(); return b.width && (b.left < s.left || b.right > s.right); }).length; })()"
    )
    assert spill == 0
    # Each chart drawn at about the width it is shown: its text 11 px or more on the screen
    # (a chart drawn for the desktop and scaled down would put it at about 5 px).
    shown = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart, svg.gt-chart-phone'))"
        ".filter(s => s.getBoundingClientRect().width > 0).map(s => s.getAttribute('class'))"
    )
    assert shown == ["gt-chart-phone"] * 3
    sizes = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart-phone text'))"
        ".map(t => [t.textContent, t.getScreenCTM().a * parseFloat(t.getAttribute('font-size'))])"
    )
    assert {text for text, _ in sizes} >= {"100%", "q2-paper", "£4,000"}
    assert [(text, size) for text, size in sizes if size < 11] == []
    # And nothing of a chart past its box: the longest tick label fits the axis' margin.
    overflow = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart-phone')).flatMap(s => { "
        "const b = s.getBoundingClientRect(); return Array.from(s.querySelectorAll('text')).filter(t => { "
        "const r = t.getBoundingClientRect(); return r.left < b.left - 0.5 || r.right > b.right + 0.5; })"
        ".map(t => t.textContent); })"
    )
    assert overflow == []
    page.screenshot("history-phone.png", full_page=True)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_lines_that_share_a_value_are_both_seen(history_page, open_page, viewport):
    """In the fixture "with evidence" equals "covered" at every commit: each line is on top somewhere along
    every stretch, drawn beside the other rather than under it, and each keeps its own word in the tips."""
    page = open_page(history_page, wait_for_graph=False, viewport=viewport)
    seen = page.js(
        """(() => {
        const svg = Array.from(document.querySelectorAll('svg.gt-chart, svg.gt-chart-phone'))
          .find(s => s.getBoundingClientRect().width > 0);
        svg.scrollIntoView();
        const m = svg.getScreenCTM();
        const out = {};
        for (const line of svg.querySelectorAll('polyline.gt-line')) {
          const pts = line.getAttribute('points').split(' ').map(p => p.split(',').map(Number));
          const k = line.dataset.series;
          out[k] = [];
          for (let i = 1; i < pts.length; i++) {
            let hit = false;
            for (let f = 0.03; f < 0.97; f += 0.007) {
              const x = pts[i - 1][0] + f * (pts[i][0] - pts[i - 1][0]);
              const y = pts[i - 1][1] + f * (pts[i][1] - pts[i - 1][1]);
              const top = document.elementFromPoint(m.a * x + m.e, m.d * y + m.f);
              if (top && top.dataset && top.dataset.series === k) { hit = true; break; }
            }
            out[k].push(hit);
          }
        }
        return out;
        })()"""
    )
    assert seen == {"0": [True] * 3, "1": [True] * 3, "2": [True] * 3}
    # Every mark shows some of itself, to hover over.
    hidden = page.js(
        """Array.from(document.querySelectorAll('svg.gt-chart, svg.gt-chart-phone'))
        .find(s => s.getBoundingClientRect().width > 0).querySelectorAll('.gt-point').values().toArray()
        .filter(p => { const r = p.getBoundingClientRect();
          for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {
            if (document.elementFromPoint(r.left + r.width * i / 8, r.top + r.height * j / 8) === p) return false; }
          return true; }).map(p => p.querySelector('title').textContent)"""
    )
    assert hidden == []
    # The two lines of equal values are apart by more than a line's width (2.5).
    ys = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('polyline.gt-line'))"
        ".map(l => l.getAttribute('points').split(' ').map(p => +p.split(',')[1]))"
    )
    assert all(abs(a - b) >= 2.5 for a, b in zip(ys[1], ys[2], strict=True))
    words = page.js(
        "Array.from(document.querySelectorAll('svg.gt-chart')[0].querySelectorAll('.gt-point title'))"
        ".map(t => t.textContent.split(':')[0])"
    )
    assert sorted(set(words)) == ["Aims covered", "Aims with evidence", "Aims with investment"]


def test_hostile_subjects_are_text(history_page, open_page):
    page = open_page(history_page, wait_for_graph=False)
    assert page.js("document.querySelectorAll('img').length") == 0
    rows = page.js("Array.from(document.querySelectorAll('#gt-commits tbody tr')).map(r => r.cells[2].textContent)")
    assert rows[0] == "Broken"
    assert rows[1] == "Step 4 <img src=x onerror=alert(1)> </script><script>alert(2)</script>"
    problem = page.js("document.querySelector('#gt-commits tbody tr .gt-problem').textContent")
    assert problem.startswith("did not load: ") and "invalid YAML" in problem
    csp = page.js("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert csp.startswith("default-src 'none'")


def test_the_page_prints_on_a4_landscape(history_page, open_page, tmp_path):
    page = open_page(history_page, wait_for_graph=False)
    path = tmp_path / "history.pdf"
    path.write_bytes(page.page.pdf(format="A4", landscape=True))
    pdftotext = system_program("pdftotext", "apt-get install -y poppler-utils")
    boxes = subprocess.run([pdftotext, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([^"]+)" height="([^"]+)">(.*?)</page>', boxes, re.DOTALL)
    assert pages and all(float(w) > float(h) for w, h, _ in pages)  # landscape
    word = re.compile(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]*)</word>')
    words = [(float(w), float(h), *map(float, m[:4]), m[4]) for w, h, body in pages for m in word.findall(body)]
    # Nothing under 8 pt (a word's box is its line's height) and nothing past a page's edge.
    assert [t for *_, y1, _, y2, t in words if y2 - y1 < 8] == []
    assert [t for w, h, x1, y1, x2, y2, t in words if x1 < 0 or y1 < 0 or x2 > w or y2 > h] == []
    # Nothing cut: every figure of the table is printed, the shares' legend too.
    text = " ".join(t for *_, t in words)
    for needed in ("Aims with investment", "Aims with evidence", "Aims covered", "Step 4", "q2-paper", "£4,000"):
        assert needed in text, needed
    # The charts' own text (the axes' figures and dates) printed at 8 pt or more too, once: the phone's
    # charts are not printed.
    ticks = [(t, y2 - y1) for *_, y1, _, y2, t in words if t in ("100%", "75%", "25%")]
    assert sorted(t for t, _ in ticks) == ["100%", "25%", "75%"]
    assert all(size >= 8 for _, size in ticks)
    rows = page.js("Array.from(document.querySelectorAll('#gt-commits tbody tr')).map(r => r.cells[1].textContent)")
    assert all(r.split()[0] in text for r in rows)
