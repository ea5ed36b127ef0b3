"""``goldenthread history``: one row of headline figures per commit that touched the model."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from gitrepo import GitRepo

from goldenthread.traceability.render.linechart import Series, line_chart

MODEL = """
model:
  title: Test council
  as_of: 2025-03-31
aims:
  a1:
    title: Better care
  a2:
    title: Cleaner streets
projects:
  p1:
    title: Care system
    budget: 1000
    aims: [a1]
"""


@pytest.fixture
def repo(invoke, tmp_path) -> GitRepo:
    """Four commits: the model, an unrelated file, more money and a second aim reached, a broken file."""
    r = GitRepo(tmp_path)
    r.write("model/strategy.yaml", MODEL)
    r.commit("First model")
    r.write("README.txt", "not the model\n")
    r.commit("Unrelated")
    r.write("model/strategy.yaml", MODEL.replace("budget: 1000", "budget: 3000").replace("[a1]", "[a1, a2]"))
    r.commit("Fund streets too")
    r.write("model/strategy.yaml", MODEL.replace("budget: 1000", "budget: [1000"))
    r.commit("Broken: <b>oops</b>")
    return r


def test_text(repo, invoke):
    result = invoke("history", "model")
    assert result.exit_code == 0, result.stderr
    broken, funded, first = (repo.git("rev-parse", "--short=7", rev) for rev in ("HEAD", "HEAD~1", "HEAD~3"))
    assert result.stdout.splitlines() == [
        "Date        Commit   Subject               Invested aims  Evidenced aims  Covered aims  "
        "Investment  Errors  Warnings  Waived",
        "----------  -------  -------------------  --------------  --------------  ------------  "
        "----------  ------  --------  ------",
        f"2025-01-04  {broken}  Broken: <b>oops</b>  (did not load)",
        f"2025-01-03  {funded}  Fund streets too             2 of 2          0 of 2        0 of 2  "
        "    £3,000       0         3       0",
        f"2025-01-01  {first}  First model                  1 of 2          0 of 2        0 of 2  "
        "    £1,000       1         3       0",
        "",
        f"{broken} did not load: {broken}:model/strategy.yaml:13:9: error[schema] invalid YAML: "
        "while parsing a flow sequence: did not find expected ',' or ']'",
    ]


def test_json_and_csv_hold_the_same_rows(repo, invoke):
    doc = json.loads(invoke("history", "--format", "json").stdout)
    assert doc["goldenthread"]["command"] == "history"
    assert doc["path"] == "model"
    assert doc["model"]["files"] == ["strategy.yaml"]
    assert doc["model"]["title"] == "Test council"
    rows = doc["commits"]
    assert [r["subject"] for r in rows] == ["Broken: <b>oops</b>", "Fund streets too", "First model"]
    assert rows[1] == {
        "date": "2025-01-03T10:00:00+00:00",
        "commit": repo.git("rev-parse", "HEAD~1"),
        "subject": "Fund streets too",
        "aims": 2,
        "aims_with_investment": 2,
        "aims_with_evidence": 0,
        "aims_covered": 0,
        "total_investment": 3000.0,
        "errors": 0,
        "warnings": 3,
        "waived": 0,
        "problem": None,
    }
    assert rows[0]["aims"] is None and rows[0]["problem"].endswith("did not find expected ',' or ']'")
    table = list(csv.DictReader(io.StringIO(invoke("history", "--format", "csv").stdout)))
    assert [r["commit"] for r in table] == [r["commit"] for r in rows]
    assert table[2]["total_investment"] == "1000.0" and table[0]["total_investment"] == ""


def test_range_and_count(repo, invoke):
    doc = json.loads(invoke("history", "--rev-range", "HEAD~3..HEAD~1", "--format", "json").stdout)
    assert [r["subject"] for r in doc["commits"]] == ["Fund streets too"]
    doc = json.loads(invoke("history", "--max-count", "1", "--format", "json").stdout)
    assert [r["subject"] for r in doc["commits"]] == ["Broken: <b>oops</b>"]


def test_json_and_csv_keep_whole_subjects(repo, invoke):
    subject = "A long subject: " + "the thread from aims to money, " * 5
    repo.write("model/strategy.yaml", MODEL.replace("budget: 1000", "budget: 2000"))
    repo.commit(subject)
    doc = json.loads(invoke("history", "model", "--format", "json").stdout)
    assert doc["commits"][0]["subject"] == subject.strip()
    rows = list(csv.DictReader(io.StringIO(invoke("history", "model", "--format", "csv").stdout)))
    assert rows[0]["subject"] == subject.strip()
    assert len(subject.strip()) > 150


def test_a_csv_subject_is_never_a_formula(repo, invoke):
    repo.write("model/strategy.yaml", MODEL)
    repo.commit('=HYPERLINK("http://x")')
    table = list(csv.reader(io.StringIO(invoke("history", "--format", "csv", "--max-count", "1").stdout)))
    assert table[1][2] == '\'=HYPERLINK("http://x")'


def test_html_page_is_written(repo, invoke, tmp_path):
    out = tmp_path / "history.html"
    result = invoke("history", "--html", str(out))
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "Broken: &lt;b&gt;oops&lt;/b&gt;" in page and "<b>oops" not in page
    assert page.count('class="gt-chart"') == 3


def test_no_commit_touched_the_model(invoke, tmp_path):
    r = GitRepo(tmp_path)
    r.write("model/strategy.yaml", MODEL)
    result = invoke("history", "model")
    assert (result.exit_code, result.stdout) == (0, "no commit touched the model\n")


class TestBadInput:
    def test_not_a_repository(self, invoke, tmp_path, write_model):
        write_model(MODEL, "model.yaml")
        out = tmp_path / "page.html"
        result = invoke("history", "model.yaml", "--html", str(out))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: not a git repository: {tmp_path}\n"
        assert not out.exists()

    def test_unknown_range(self, repo, invoke, tmp_path):
        out = tmp_path / "page.html"
        out.write_text("old page\n")
        result = invoke("history", "--rev-range", "nosuch..HEAD", "--html", str(out))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"goldenthread: error: unknown revision or range 'nosuch..HEAD' in {repo.path}\n"
        assert out.read_text() == "old page\n"

    def test_example_is_refused(self, repo, invoke):
        result = invoke("history", "--example")
        assert result.exit_code == 2
        assert "name a model in a git repository, not --example" in result.stderr

    def test_a_model_that_is_not_there(self, repo, invoke):
        result = invoke("history", "modle")
        assert (result.exit_code, result.stdout) == (2, "")
        assert (
            result.stderr == "goldenthread: error: no file or folder 'modle': history follows a model that exists now\n"
        )

    def test_no_model_found(self, invoke, tmp_path):
        GitRepo(tmp_path)
        result = invoke("history")
        assert result.exit_code == 2
        assert result.stderr.startswith("goldenthread: error: no model found")


class TestLineChart:
    def test_points_lines_and_gaps(self):
        svg = str(line_chart([Series("A", [1, None, 3, 4])], ["d1", "d2", "d3", "d4"], ["t1", "t2", "t3", "t4"]))
        assert svg.count("<circle") == 3
        # The gap at None splits the line: one run of one point (not drawn) and one of two.
        assert svg.count("<polyline") == 1

    def test_text_is_escaped(self):
        svg = str(line_chart([Series("<s>", [1])], ["<d>"], ["</title><script>"]))
        assert "<s>" not in svg and "<d>" not in svg and "<script>" not in svg
        assert "&lt;/title&gt;&lt;script&gt;" in svg


def test_equal_values_are_drawn_side_by_side():
    svg = str(line_chart([Series("A", [50.0, 50.0]), Series("B", [50.0, 75.0])], ["d1", "d2"], ["t1", "t2"]))
    lines = re.findall(r'<polyline [^>]*points="([^"]+)"', svg)
    ys = [[float(p.split(",")[1]) for p in line.split()] for line in lines]
    # At d1 both are 50: a line's width (2.5) and a little apart, A above B; at d2 each where it is.
    assert ys[1][0] - ys[0][0] == 3.0
    assert (ys[0][1] - ys[0][0], ys[1][1] < ys[0][1]) == (1.5, True)
    assert re.findall(r"<(circle|rect|polygon) class=\"gt-point\"", svg) == ["circle", "circle", "rect", "rect"]


def test_the_phone_chart_is_drawn_narrow_with_fewer_dates():
    labels = [f"2025-01-0{d}" for d in range(1, 10)]
    svg = str(line_chart([Series("A", list(range(9)))], labels, labels, phone=True))
    assert svg.startswith('<svg class="gt-chart-phone" viewBox="0 0 340 260"')
    assert re.findall(r">(2025-01-0\d)</text>", svg) == ["2025-01-01", "2025-01-05", "2025-01-09"]


def test_points_are_placed_by_date_and_tags_marked():
    svg = line_chart(
        [Series("Aims with evidence", [25.0, 50.0, 75.0])],
        ["2025-01-01T10:00:00+00:00", "2025-01-02T10:00:00+00:00", "2025-01-11T10:00:00+00:00"],
        ["first", "second", "third"],
        percent=True,
        tags=[[], ["q1-paper"], []],
    )
    xs = [float(x) for x in re.findall(r'<circle [^>]*cx="([^"]+)"', svg)]
    # One day, then nine: the gaps are in the same proportion.
    assert round((xs[2] - xs[1]) / (xs[1] - xs[0]), 6) == 9
    assert re.findall(r'<text class="gt-tag"[^>]*>([^<]*)</text>', svg) == ["q1-paper"]
    assert ">100%</text>" in svg and "Aims with evidence: 75%" in svg
