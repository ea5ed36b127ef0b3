"""Write files atomically: a failed or stopped run leaves the old file as it was.

Used for every file goldenthread writes: reports and exports, and models written back.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from goldenthread.model.errors import GoldenthreadError

if TYPE_CHECKING:
    from filelock import BaseFileLock

__all__ = [
    "OverwritesModel",
    "ReadOnlyOutput",
    "current_umask",
    "model_locked",
    "write_atomic",
    "write_atomic_group",
]


class OverwritesModel(GoldenthreadError):
    """An output would replace a file of the model being read."""


class ReadOnlyOutput(GoldenthreadError, PermissionError):
    """An output would replace a file that is not writable."""


def _umask_from_proc() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return None


def _umask_by_setting() -> int:
    # os.umask can only be read by setting it, which races with other threads: done once, at import.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK_AT_START = _umask_by_setting() if _umask_from_proc() is None else None


def current_umask() -> int:
    """The process umask, read without changing it (Linux ``/proc``); elsewhere, as it was at start-up."""
    umask = _umask_from_proc()
    if umask is not None:
        return umask
    return _UMASK_AT_START if _UMASK_AT_START is not None else 0o022


def _encode(data: str | bytes, encoding: str) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode(encoding)
    except UnicodeEncodeError:
        # Text from a command line or a file name that was not valid UTF-8 holds
        # lone surrogates; they are written as U+FFFD, never as invalid bytes.
        return data.encode(encoding, "surrogateescape").decode(encoding, "replace").encode(encoding)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_writable(path: str | os.PathLike[str], protect: Collection[str | os.PathLike[str]] = ()) -> None:
    """Refuse, before anything is written, an output that is a model file or a read-only file.

    ``protect``: the files of the model being read.  An output is one of them
    if it has the same real path (links resolved) or is the same file (a
    hard link).
    """
    shown = os.fspath(path)
    real = os.path.realpath(path)
    try:
        st = os.stat(path)
    except OSError:
        st = None
    for p in protect:
        if os.path.realpath(p) == real:
            raise OverwritesModel(f"refusing to write {shown}: it is a file of the model being read")
        if st is not None:
            with contextlib.suppress(OSError):
                if _same_file(os.stat(p), st):
                    raise OverwritesModel(f"refusing to write {shown}: it is a file of the model being read")
    # Mode bits as well as access(): root may write anything, but a file made read-only is meant to stay.
    if st is not None and stat.S_ISREG(st.st_mode) and (not os.access(path, os.W_OK) or not st.st_mode & 0o222):
        raise ReadOnlyOutput(f"refusing to write {shown}: the file is read-only")


class _Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a temporary file existed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop_cleanly() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception for the block, so its ``finally`` removes temporaries.

    Afterwards the signal is delivered again with its previous handling, so the
    process ends as it would have.  Only the main thread can set handlers;
    elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield
    except _Stopped as e:
        for s, handler in previous.items():
            signal.signal(s, handler)
        previous = {}
        signal.raise_signal(e.signum)
        raise SystemExit(128 + e.signum) from None  # when the previous handling was to ignore it
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _mode_for(st: os.stat_result | None) -> int:
    return stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()


def _temporary(target: Path, raw: bytes, mode: int, made: list[str]) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    made.append(tmp)
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, mode)
    return tmp


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    encoding: str = "utf-8",
    protect: Collection[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The rename is atomic on POSIX, so readers see the old file or the new one,
    never a half-written one; a run stopped by an error, SIGTERM or SIGHUP
    removes its temporary file.  A symbolic link is followed, so the file it
    points to is replaced and the link kept; an existing file keeps its
    permission bits (a private report stays private), and a new one gets the
    usual ``0o666 & ~umask``.  What is not a regular file (``/dev/stdout``, a
    named pipe) cannot be renamed over without destroying it, so it is written
    to directly.

    Raises :class:`OverwritesModel` when ``path`` is one of ``protect`` (the
    files of the model being read) and :class:`ReadOnlyOutput` when it is a
    read-only file, before writing anything.
    """
    write_atomic_group({os.fspath(path): data}, encoding, protect)


def write_atomic_group(
    files: Mapping[str, str | bytes],
    encoding: str = "utf-8",
    protect: Collection[str | os.PathLike[str]] = (),
) -> None:
    """Write several files as a unit, each as :func:`write_atomic` does.

    Every file is refused or accepted before any is written; all temporary
    files are written before the first rename; and two runs writing into one
    folder at once take turns (a lock on the folder), so the folder ends
    with the files of one run, never ``nodes.csv`` of one beside
    ``edges.csv`` of another.
    """
    for path in files:
        check_writable(path, protect)
    raws = {path: _encode(data, encoding) for path, data in files.items()}
    direct: dict[str, bytes] = {}
    renamed: list[tuple[Path, bytes, int]] = []
    for path, raw in raws.items():
        try:
            st = os.stat(path)  # follows links
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            direct[path] = raw
        else:
            renamed.append((Path(os.path.realpath(path)), raw, _mode_for(st)))
    for path, raw in direct.items():
        with open(path, "wb") as f:
            f.write(raw)
    if not renamed:
        return
    made: list[str] = []
    with _signals_stop_cleanly(), _folders_locked({t.parent for t, _, _ in renamed}):
        try:
            temporaries = [(_temporary(target, raw, mode, made), target) for target, raw, mode in renamed]
            for tmp, target in temporaries:
                os.replace(tmp, target)
                made.remove(tmp)
        finally:
            for tmp in made:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _lock_file(folder: str | os.PathLike[str]) -> str:
    """The lock file standing for ``folder``: in the temporary folder, so nothing is left beside the user's files."""
    import hashlib  # its OpenSSL binding costs start-up for every command otherwise

    key = hashlib.sha256(os.fsencode(os.path.realpath(folder))).hexdigest()[:32]
    return os.path.join(tempfile.gettempdir(), f"goldenthread-{key}.lock")


# One lock object per lock file in a process: filelock's locks count re-entries, so
# a model locked for an edit can be written by write_atomic_group, which locks its folder again.
_locks: dict[str, BaseFileLock] = {}


def _folder_lock(folder: str | os.PathLike[str]) -> BaseFileLock:
    from filelock import FileLock

    path = _lock_file(folder)
    if path not in _locks:
        _locks[path] = FileLock(path)
    return _locks[path]


@contextlib.contextmanager
def model_locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock of the model at ``path`` (a file or folder) from reading it to renaming its files.

    Two edits of one model at once then take turns, and the second reads
    what the first wrote: no update is lost.  The lock is the model folder's
    (a file's parent), the same one :func:`write_atomic_group` takes to write into it.
    """
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    with _folder_lock(folder):
        yield


@contextlib.contextmanager
def _folders_locked(folders: Collection[Path]) -> Iterator[None]:
    """A lock on each folder written into, taken in one order so that two runs cannot deadlock.

    ``filelock`` locks with ``fcntl`` on POSIX and ``msvcrt`` on Windows, and
    the operating system releases the lock when a process dies.
    """
    with contextlib.ExitStack() as held:
        for folder in sorted(folders):
            held.enter_context(_folder_lock(folder))
        yield
