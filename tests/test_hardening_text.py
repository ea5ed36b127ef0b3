"""User text reaching terminals, CI logs and spreadsheets: one line, no controls, no formulas."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from goldenthread.cli.main import cli
from goldenthread.traceability.render.safetext import csv_cell, csv_text, one_line, workflow_data, workflow_property

#: What must never reach a terminal line: C0/C1 controls, line separators, bidirectional controls.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: What the YAML reader refuses even escaped: every control but tab, LF and CR.
REFUSED = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r")

any_text = st.text(st.characters(blacklist_categories=("Cs",)))
#: Text a model may hold: anything the reader lets through in a double-quoted string.
model_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=REFUSED), min_size=1)
hostile_parts = st.sampled_from(
    ["\n", "\r", "\r\n", "\t", "\u202e", "\u2066", "\u2028", "\\", "::error::", "%0A", "=cmd|'/c calc'!A0"]
)
hostile_text = st.lists(st.one_of(model_text, hostile_parts), min_size=1, max_size=6).map("".join)


# -- the functions ------------------------------------------------------------------------------------------------


@given(any_text)
def test_one_line_leaves_nothing_unprintable(text):
    out = one_line(text)
    assert UNPRINTABLE.search(out) is None
    assert len(out.splitlines()) <= 1


@given(any_text)
def test_one_line_changes_only_text_that_needs_it(text):
    assume(UNPRINTABLE.search(text) is None)
    assert one_line(text) == text


@given(any_text)
def test_workflow_values_cannot_end_the_command(text):
    for out in (workflow_data(text), workflow_property(text)):
        assert UNPRINTABLE.search(out) is None
        assert "\n" not in out and "\r" not in out
    assert ":" not in workflow_property(text) and "," not in workflow_property(text)


@given(st.one_of(any_text, st.integers(), st.floats(allow_nan=False)))
def test_a_csv_cell_never_starts_a_formula(value):
    out = csv_cell(value)
    if isinstance(value, str):
        assert not str(out).startswith(("=", "+", "-", "@", "\t", "\r"))
        assert str(out).removeprefix("'") == value or out == value
    else:
        assert out == value


@given(st.lists(st.lists(any_text, min_size=1, max_size=4), min_size=1, max_size=5))
def test_csv_text_reads_back_one_row_per_row(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    back = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
    assert back == [[str(csv_cell(c)) for c in r] for r in rows]


# -- the commands -------------------------------------------------------------------------------------------------


def _yaml(text: str) -> str:
    """A YAML double-quoted string holding ``text``, every character past ASCII escaped."""

    def escape(ch: str) -> str:
        if ch in '"\\':
            return "\\" + ch
        code = ord(ch)
        if 0x20 <= code < 0x7F:
            return ch
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return '"' + "".join(map(escape, text)) + '"'


def _hostile_model(tmp_path, title: str, name: str = "model.yaml"):
    path = tmp_path / name
    path.write_text(
        f"aims:\n  a1: {{title: {_yaml(title)}}}\nprojects:\n  p1: {{title: {_yaml(title)}, status: active}}\n",
        encoding="utf-8",
    )
    return path


@given(title=hostile_text)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_text_is_one_line_a_finding_whatever_the_titles(tmp_path, runner, title):
    path = _hostile_model(tmp_path, title)
    result = runner.invoke(cli, ["check", str(path), "--format", "text"], env={"NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(result.stdout.split("\n")) - 1  # no CR, LS or other line break inside a line
    for line in lines[:-1]:
        assert line.startswith(f"{path}:"), line
        assert UNPRINTABLE.search(line) is None
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?, \d+ waived in \d+ entit(y|ies)", lines[-1])


@given(title=hostile_text)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_github_is_one_workflow_command_a_finding(tmp_path, runner, title):
    path = _hostile_model(tmp_path, title)
    result = runner.invoke(cli, ["check", str(path), "--format", "github"])
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    for line in lines[:-2]:
        assert re.fullmatch(r"::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[\w-]+::[^\r\n]*", line), line
        assert UNPRINTABLE.search(line) is None


@pytest.mark.parametrize(
    "name",
    ["two\nlines.yaml", "esc\x1b]0;pwned\x07.yaml", "cr\roverwrite.yaml", "bidi\u202etxt.yaml", "a,b:c%0A.yaml"],
)
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_file_names_cannot_break_lines_or_reach_the_terminal(tmp_path, runner, name, fmt):
    path = tmp_path / name
    path.write_text("aims:\n  a1: {title: A}\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path), "--format", fmt])
    assert result.exit_code == 1
    lines = result.stdout.split("\n")
    assert len(lines) == 4 and lines[-1] == ""  # two findings (no investment, no evidence), the summary
    assert UNPRINTABLE.search(result.stdout.replace("\n", "")) is None
    for line in lines[:2]:
        if fmt == "github":
            command = line.split(" ", 1)[0]
            assert line.startswith(f"{command} file={workflow_property(str(path))},line=2,col=3,")
        else:
            assert line.startswith(f"{one_line(str(path))}:2:3: ")


def test_a_model_error_on_stderr_is_one_line_whatever_the_file_name(tmp_path, runner):
    path = tmp_path / "x\ny\x1b[2J.yaml"
    path.write_text("aims: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["summary", str(path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    message = "invalid YAML: while parsing a flow node: did not find expected node content"
    assert line == f"{one_line(str(path))}:1:8: error[schema] {message}"


# -- bytes that are not UTF-8 on the command line -------------------------------------------------------------------


def _run(args: list[bytes], cwd) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "goldenthread.cli", *args], cwd=cwd, capture_output=True, env=env)


def test_a_title_that_is_not_utf8_is_written_with_replacement_characters(tmp_path):
    (tmp_path / "m.yaml").write_text("aims:\n  a1: {title: A}\n", encoding="utf-8")
    done = _run([b"render", b"m.yaml", b"--title", b"\xff\xfe", b"-o", b"out.html"], tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out.html").read_bytes().decode("utf-8")  # valid UTF-8
    assert "<title>\ufffd\ufffd" in page
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command",
    [
        [b"check"],
        [b"render", b"-o", b"out.html"],
        [b"report", b"-o", b"out.html"],
        [b"export"],
        [b"export", b"--format", b"csv", b"-o", b"out\xff"],
        [b"summary"],
    ],
)
def test_a_model_file_named_in_bytes_that_are_not_utf8(tmp_path, command):
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"m"))
    with open(os.path.join(os.fsencode(tmp_path), b"m", b"bad\xff.yaml"), "wb") as f:
        f.write(b"aims:\n  a1: {title: A}\nthemes:\n  t1: {title: T, aims: [a1]}\n")
    done = _run([command[0], b"m", *command[1:]], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    done.stdout.decode("utf-8")
    done.stderr.decode("utf-8")


def test_unicode_categories_in_the_unprintable_set_are_what_one_line_escapes():
    # The test's own definition and the function's agree: every Cc, Zl, Zp character and every bidi control.
    for code in range(0x3000):
        ch = chr(code)
        needs = (
            unicodedata.category(ch) in ("Cc", "Zl", "Zp")
            or ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
        assert (one_line(ch) != ch) == needs, hex(code)


@given(title=st.from_regex(r"['=+\-@]{0,4}[a-z'=]{0,3}x", fullmatch=True))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_csv_export_then_import_gives_formula_like_titles_back(tmp_path, runner, monkeypatch, title):
    from goldenthread.model.loader import load_model

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(f"aims:\n  a1: {{title: {_yaml(title)}}}\n", encoding="utf-8")
    assert runner.invoke(cli, ["export", "m.yaml", "--format", "csv", "-o", "csv"]).exit_code == 0
    assert runner.invoke(cli, ["import", "csv", "-o", "back.yaml"]).exit_code == 0
    assert load_model(tmp_path / "back.yaml").aims["a1"].title == title
    for p in ("csv/nodes.csv", "csv/edges.csv", "back.yaml"):
        os.unlink(p)
