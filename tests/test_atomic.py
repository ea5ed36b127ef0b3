"""Output files: replaced whole or not at all, links followed, permissions kept."""

from __future__ import annotations

import os
import stat

import pytest

from goldenthread.model.edit.atomic import write_atomic


def test_writes_a_new_file_with_the_umask_mode(tmp_path):
    target = tmp_path / "out.html"
    old = os.umask(0o022)
    try:
        write_atomic(target, "héllo")
    finally:
        os.umask(old)
    assert target.read_bytes() == "héllo".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_keeps_the_mode_of_an_existing_file(tmp_path):
    target = tmp_path / "private.html"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_follows_a_symbolic_link_and_keeps_it(tmp_path):
    real = tmp_path / "web" / "real.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_writes_into_a_named_pipe_instead_of_replacing_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.html"
    target.write_text("old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_refuses_a_directory(tmp_path):
    with pytest.raises(OSError):
        write_atomic(tmp_path, "x")
    assert list(tmp_path.iterdir()) == []
