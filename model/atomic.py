"""Write files atomically: a failed run leaves the old file as it was.

Used for every file goldenthread writes: reports and exports, and models written back.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The rename is atomic on POSIX, so readers see the old file or the new one,
    never a half-written one.  A symbolic link is followed, so the file it
    points to is replaced and the link kept; an existing file keeps its
    permission bits (a private report stays private), and a new one gets the
    usual ``0o666 & ~umask``.  What is not a regular file (``/dev/stdout``, a
    named pipe) cannot be renamed over without destroying it, so it is written
    to directly.
    """
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        st = os.stat(path)  # follows links
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        with open(path, "wb") as f:
            f.write(raw)
        return
    target = Path(os.path.realpath(path))
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
