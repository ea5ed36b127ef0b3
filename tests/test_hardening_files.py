"""Files: every file of a folder model read or refused, outputs that never replace the model, positions that exist."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.cli.main import cli
from goldenthread.model.edit import atomic
from goldenthread.model.edit.atomic import OverwritesModel, ReadOnlyOutput, write_atomic, write_atomic_group
from goldenthread.model.errors import LoadError
from goldenthread.model.loader import load_model, model_files
from goldenthread.model.yamlread import parse_yaml, position_of

AIM = "aims:\n  a1: {title: A}\n"
THEME = "themes:\n  t1: {title: T, aims: [a1]}\n"


def _folder(tmp_path: Path) -> Path:
    top = tmp_path / "model"
    (top / "sub").mkdir(parents=True)
    (top / "aims.yaml").write_text(AIM)
    (top / "sub" / "themes.yaml").write_text(THEME)
    return top


def _names(top: Path) -> list[str]:
    return [os.path.relpath(shown, top) for _, shown in model_files(top)]


# -- folder models ---------------------------------------------------------------------------------------------


def test_a_folder_that_cannot_be_listed_is_a_load_error(tmp_path, monkeypatch, runner):
    top = _folder(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(LoadError) as caught:
        model_files(top)
    assert str(caught.value) == f"{top / 'sub'}:1:1: error[schema] cannot read folder: Permission denied"
    result = runner.invoke(cli, ["check", str(top), "--format", "json"])
    assert result.exit_code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_subfolder_fails_the_check(tmp_path, runner):
    top = _folder(tmp_path)
    (top / "sub").chmod(0)
    try:
        result = runner.invoke(cli, ["check", str(top)])
    finally:
        (top / "sub").chmod(0o755)
    assert result.exit_code == 2


def test_a_link_to_a_folder_is_followed(tmp_path, runner):
    top = tmp_path / "model"
    top.mkdir()
    (top / "aims.yaml").write_text(AIM)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "themes.yaml").write_text(THEME + "  t2: {title: Broken, aims: [nope]}\n")
    (top / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert _names(top) == ["aims.yaml", "linked/themes.yaml"]
    result = runner.invoke(cli, ["check", str(top), "--format", "json"])
    assert result.exit_code == 1  # the broken file behind the link was read
    doc = json.loads(result.stdout)
    assert doc["model"]["files"] == ["aims.yaml", "linked/themes.yaml"]  # relative to the model folder


def test_a_file_reached_twice_through_a_link_is_read_once(tmp_path):
    top = _folder(tmp_path)
    (top / "again").symlink_to(top / "sub", target_is_directory=True)
    assert _names(top) == ["again/themes.yaml", "aims.yaml"]
    assert set(load_model(top).themes) == {"t1"}


def test_a_link_loop_is_refused(tmp_path):
    top = _folder(tmp_path)
    (top / "sub" / "up").symlink_to(top, target_is_directory=True)
    with pytest.raises(LoadError) as caught:
        model_files(top)
    assert str(caught.value) == (
        f"{top / 'sub' / 'up'}:1:1: error[schema] "
        "symbolic link loops back to a folder that holds it; remove or replace it"
    )


def test_a_broken_link_is_refused_in_a_folder_and_alone(tmp_path):
    top = _folder(tmp_path)
    (top / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    for path in (top, top / "gone.yaml"):
        with pytest.raises(LoadError) as caught:
            model_files(path)
        assert str(caught.value) == f"{top / 'gone.yaml'}:1:1: error[schema] a broken symbolic link"


def test_a_link_to_a_file_is_followed(tmp_path):
    top = _folder(tmp_path)
    (tmp_path / "extra.yaml").write_text("benefits:\n  b1: {title: B, aims: [a1]}\n")
    (top / "extra.yaml").symlink_to(tmp_path / "extra.yaml")
    assert set(load_model(top).benefits) == {"b1"}


def test_check_json_lists_every_file_read(tmp_path, runner):
    top = _folder(tmp_path)
    result = runner.invoke(cli, ["check", str(top), "--format", "json"])
    assert json.loads(result.stdout)["model"]["files"] == ["aims.yaml", "sub/themes.yaml"]


# -- never over the model ---------------------------------------------------------------------------------------


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "self.yaml"
    path.write_text(AIM + THEME)
    return path


def _ways_to_name(model_file: Path) -> dict[str, Path]:
    link = model_file.with_name("link.yaml")
    link.symlink_to(model_file)
    hard = model_file.with_name("hard.yaml")
    os.link(model_file, hard)
    return {"itself": model_file, "symbolic link": link, "hard link": hard, "relative": Path("self.yaml")}


@pytest.mark.parametrize("way", ["itself", "symbolic link", "hard link", "relative"])
@pytest.mark.parametrize(
    "command",
    [["render"], ["report"], ["export", "--format", "json"], ["export", "--format", "mermaid"]],
)
def test_no_command_writes_over_the_model_it_reads(model_file, runner, monkeypatch, command, way):
    monkeypatch.chdir(model_file.parent)
    before = model_file.read_bytes()
    target = _ways_to_name(model_file)[way]
    result = runner.invoke(cli, [command[0], str(model_file), *command[1:], "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"goldenthread: error: refusing to write {target}: it is a file of the model being read\n"
    assert model_file.read_bytes() == before


@pytest.mark.parametrize("way", ["itself", "symbolic link", "hard link", "relative"])
def test_every_name_of_a_model_file_is_protected(model_file, monkeypatch, way):
    monkeypatch.chdir(model_file.parent)
    target = _ways_to_name(model_file)[way]
    with pytest.raises(OverwritesModel):
        write_atomic(target, "x", protect=[model_file])
    assert model_file.read_text() == AIM + THEME


def test_csv_export_into_the_model_folder_cannot_replace_a_model_file(tmp_path, runner):
    top = tmp_path / "model"
    top.mkdir()
    (top / "nodes.csv").write_text("old")
    (top / "edges.csv").write_text("old")
    (top / "aims.yaml").write_text(AIM)
    # A model file named like a table is protected, and then neither table is written.
    (top / "aims.yaml").rename(top / "m.yaml")
    protected = top / "edges.csv"
    with pytest.raises(OverwritesModel):
        write_atomic_group({top / "nodes.csv": "new", protected: "new"}, protect=[protected])
    assert (top / "nodes.csv").read_text() == "old"


@pytest.mark.parametrize(
    "command", [["render", "-o"], ["report", "-o"], ["export", "-o"], ["export", "--format", "dot", "-o"]]
)
def test_every_writer_refuses_a_read_only_file(model_file, runner, command):
    target = model_file.parent / "out.txt"
    target.write_text("keep")
    target.chmod(0o444)
    result = runner.invoke(cli, [command[0], str(model_file), *command[1:], str(target)])
    assert result.exit_code == 2, result.output
    assert "read-only" in result.stderr
    assert target.read_text() == "keep"


def test_read_only_is_a_library_error():
    assert issubclass(ReadOnlyOutput, PermissionError)


# -- stopped runs and concurrent runs --------------------------------------------------------------------------------

_STOPPED = """
import os, signal, sys
from goldenthread.model.edit import atomic
real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signal.{sig})
os.fsync = fsync
atomic.write_atomic(sys.argv[1], "new")
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_a_run_stopped_by_a_signal_leaves_no_temporary_file(tmp_path, sig):
    target = tmp_path / "out.html"
    target.write_text("old")
    done = subprocess.run([sys.executable, "-c", _STOPPED.format(sig=sig), str(target)], capture_output=True)
    assert done.returncode == -getattr(signal, sig), done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]
    assert target.read_text() == "old"


def test_a_failure_in_the_second_file_leaves_both_old_files(tmp_path, monkeypatch):
    a, b = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    a.write_text("old a")
    b.write_text("old b")
    calls = []
    real = atomic._temporary

    def temporary(target, raw, mode, made):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(target, raw, mode, made)

    monkeypatch.setattr(atomic, "_temporary", temporary)
    with pytest.raises(OSError):
        write_atomic_group({a: "new a", b: "new b"})
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]


def test_concurrent_groups_into_one_folder_end_with_one_runs_pair(tmp_path):
    a, b = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    errors: list[BaseException] = []

    def run(tag: str) -> None:
        try:
            for _ in range(30):
                write_atomic_group({a: tag, b: tag})
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run, args=(str(i),)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert a.read_text() == b.read_text()


def test_the_umask_is_read_without_changing_it(monkeypatch):
    def no_umask(mask):
        raise AssertionError("os.umask changes the mask for every thread")

    old = os.umask(0o027)
    os.umask(old)
    try:
        os.umask(0o027)
        monkeypatch.setattr(os, "umask", no_umask)
        assert atomic.current_umask() == 0o027
    finally:
        monkeypatch.undo()
        os.umask(old)


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600


# -- positions under every line ending ------------------------------------------------------------------------------

LINE_ENDS = ["\n", "\r\n", "\r"]

BROKEN = [
    # (lines, what is wrong): each must be refused at a line and column that exist.
    (["aims:", "  a1: {title: x"], "unclosed flow mapping"),
    (["aims:", "  a1:", "    title: x", "\towner: y"], "tab"),
    (["aims:", '  a1: {title: "x\x00"}'], "NUL"),
    (["aims:", '  a1: {title: "\\x1b"}'], "escaped control"),
    (["aims:", "  a1: [x", "  a2: y"], "unclosed flow sequence"),
    (["a: b", 'c: "unterminated'], "unterminated string"),
    (["a: 1", "a: 2"], "duplicate key"),
    (["x: &a 1", "y: *a"], "anchor"),
]


def _lines(text: str) -> list[str]:
    return re.split("\r\n|[\r\n\x85\u2028\u2029]", text)


def _assert_real_position(text: str, line: int, column: int) -> None:
    lines = _lines(text)
    if text.endswith(("\n", "\r")):
        lines = lines[:-1]
    assert 1 <= line <= len(lines), (line, lines)
    assert 1 <= column <= len(lines[line - 1]) + 1, (column, lines[line - 1])


@given(
    case=st.sampled_from(BROKEN),
    end=st.sampled_from(LINE_ENDS),
    final=st.booleans(),
    padding=st.lists(st.sampled_from(["# note", "", "x-a: 1", "x-b: [1, 2]"]), max_size=3),
    trailing=st.integers(0, 2),
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_every_refusal_names_a_real_line_and_column(case, end, final, padding, trailing):
    lines, _ = case
    lines = [*lines, *[""] * trailing]
    text = end.join([*padding, *lines]) + (end if final else "")
    with pytest.raises(LoadError) as caught:
        parse_yaml(text.encode("utf-8"), "f.yaml")
    [f] = caught.value.findings
    _assert_real_position(text, f.pos.line, f.pos.column)
    # The same lines under LF: the same position.
    with pytest.raises(LoadError) as under_lf:
        parse_yaml("\n".join([*padding, *lines]) + ("\n" if final else ""), "f.yaml")
    assert (f.pos.line, f.pos.column) == (under_lf.value.findings[0].pos.line, under_lf.value.findings[0].pos.column)


@given(end=st.sampled_from(LINE_ENDS), before=st.integers(0, 5), column=st.integers(0, 8))
def test_bad_utf8_is_placed_under_every_line_end(end, before, column):
    data = end.join(["a: b"] * before + ["c: " + "x" * column]).encode() + b"\xff" + end.encode()
    with pytest.raises(LoadError) as caught:
        parse_yaml(data, "f.yaml")
    [f] = caught.value.findings
    assert (f.pos.line, f.pos.column) == (before + 1, 4 + column)


@given(end=st.sampled_from(LINE_ENDS), before=st.integers(0, 5))
def test_values_are_placed_under_every_line_end(end, before):
    text = end.join([f"x-pad{i}: 1" for i in range(before)] + ["aims:", "  a1:", "    title: T"]) + end
    doc = parse_yaml(text, "f.yaml")
    assert doc["aims"]["a1"].value_pos["title"] == (before + 3, 12)


def test_position_of_never_names_a_line_past_the_end():
    assert position_of("a: [", 4) == (1, 5)
    assert position_of("a: [\n", 5) == (1, 5)
    assert position_of("a: [\r\n", 6) == (1, 5)
    assert position_of("a\rb\r", 4) == (2, 2)
    assert position_of("a\n\n", 3) == (2, 1)  # the empty last line, not a third
    assert position_of("a\r\n\r\n", 5) == (2, 1)


def test_a_lone_cr_file_places_a_nul_on_its_line():
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: 1\rb: 2\rc: x\x00\r", "f.yaml")
    assert str(caught.value) == "f.yaml:3:5: error[schema] NUL character in file"


def test_a_tab_in_a_lone_cr_file_is_explained():
    with pytest.raises(LoadError) as caught:
        parse_yaml("aims:\r  a1:\r    title: x\r\towner: y\r", "f.yaml")
    assert (
        str(caught.value)
        == "f.yaml:4:1: error[schema] invalid YAML: a tab character here: YAML indents with spaces only"
    )


def test_node_bound_is_a_positioned_error(monkeypatch):
    from goldenthread.model import yamlread

    monkeypatch.setattr(yamlread, "MAX_NODES", 12)
    # 12 values: the top mapping, its key, the list and 9 items.
    assert parse_yaml("x-data: [0, 1, 2, 3, 4, 5, 6, 7, 8]\n", "f.yaml")["x-data"][8] == 8
    with pytest.raises(LoadError) as caught:
        parse_yaml("x-data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n", "f.yaml")
    assert (
        str(caught.value) == "f.yaml:1:37: error[schema] file holds over 12 values; split the model into several files"
    )
