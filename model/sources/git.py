"""Read a model as it was at a git revision, without touching the work tree.

``REV:PATH`` names the model file or folder PATH at revision REV of the git
repository of the current directory, as git itself reads it: PATH from the
top of the repository, or from the current directory when it starts with
``./`` or ``../``.  Objects are read with one ``git cat-file --batch``
process per repository (no checkout, no temporary files), so walking
hundreds of commits costs one process, not hundreds.

Every failure is a :class:`~goldenthread.model.errors.GoldenthreadError`:
:class:`GitSourceError` when git cannot answer (not a repository, an unknown
revision, a path missing at that revision), the loader's ``LoadError`` or
``SchemaError`` when the files there do not parse or validate; their
positions read ``REV:PATH:line:col``.  :func:`load_side` names the side of a
comparison (``OLD``, ``NEW``, ``BASELINE``) in front of each.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import GoldenthreadError, LoadError, ModelError
from goldenthread.model.loader import load_model
from goldenthread.model.types import Finding, Model, Position
from goldenthread.model.validate import validate
from goldenthread.model.yamlread import MAX_BYTES, parse_yaml

__all__ = [
    "Commit",
    "GitSourceError",
    "Repository",
    "RevPath",
    "SideError",
    "load_side",
    "revision_spec",
    "split_rev_path",
]

_SUFFIXES = (".yaml", ".yml")
#: Tree entry modes of regular files; links and submodules are not model files.
_FILE_MODES = (b"100644", b"100755")


class GitSourceError(GoldenthreadError):
    """git could not give the model asked for: no repository, no such revision or path."""


class SideError(ModelError):
    """A side of a comparison could not be loaded; each finding's place names the side."""


@dataclass(frozen=True, slots=True)
class RevPath:
    """A model at a revision: ``rev`` as the user wrote it, ``path`` as written after the colon."""

    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit of :meth:`Repository.log`."""

    sha: str
    #: Committer date, ISO 8601 with the committer's offset.
    date: str
    subject: str


def split_rev_path(text: str) -> RevPath | None:
    """``text`` as ``REV:PATH``, or None when it is a path on disk or has no colon.

    A file or folder that exists by that name wins, so a local path holding a
    colon is still read from disk.

    >>> split_rev_path("HEAD~1:model")
    RevPath(rev='HEAD~1', path='model')
    >>> split_rev_path("main:") is None, split_rev_path("model") is None
    (False, True)
    """
    if ":" not in text or os.path.exists(text):
        return None
    rev, _, path = text.partition(":")
    if not rev:
        return None
    return RevPath(rev, path)


def _git() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitSourceError("git is not installed (it is needed to read REV:PATH)")
    return found


class Repository:
    """The git repository around ``cwd`` (the current directory by default), read-only.

    Use it as a context manager, or call :meth:`close`, to end its ``cat-file`` process.
    """

    def __init__(self, cwd: str | os.PathLike[str] | None = None) -> None:
        self.cwd = os.fspath(cwd) if cwd is not None else os.getcwd()
        self._exe = _git()
        self._batch: subprocess.Popen[bytes] | None = None
        self._empty: str | None = None
        out = self._run("rev-parse", "--show-toplevel", "--show-prefix", check=False)
        if out is None:
            raise GitSourceError(f"not a git repository: {self.cwd}")
        lines = out.split("\n")
        self.top = lines[0]
        #: The current directory from the top of the repository ("" or ending in "/").
        self.prefix = lines[1] if len(lines) > 1 else ""

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        batch, self._batch = self._batch, None
        if batch is not None:
            assert batch.stdin is not None
            batch.stdin.close()
            batch.wait()
            if batch.stdout is not None:
                batch.stdout.close()

    def _run(self, *args: str, check: bool = True) -> str | None:
        proc = subprocess.run(
            [self._exe, *args],
            cwd=self.cwd,
            capture_output=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
            check=False,
        )
        if proc.returncode != 0:
            if check:
                message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                raise GitSourceError(f"git {args[0]} failed: {message[-1] if message else proc.returncode}")
            return None
        return proc.stdout.decode("utf-8", "surrogateescape").rstrip("\n")

    # -- names -------------------------------------------------------------

    def commit(self, rev: str) -> str:
        """The full hash of the commit ``rev`` names, or :class:`GitSourceError`."""
        if not rev or rev.startswith("-") or "\n" in rev:
            raise GitSourceError(f"invalid revision {rev!r}")
        sha = self._run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False)
        if not sha:
            raise GitSourceError(f"unknown revision {rev!r} in {self.top}")
        return sha

    def path_in_tree(self, path: str) -> str:
        """``path`` as written after ``REV:`` -> its path from the top ("" for the top itself)."""
        p = path.replace(os.sep, "/")
        if p.startswith(("./", "../")) or p in (".", ".."):
            p = self.prefix + p
        p = posixpath.normpath(p) if p else "."
        if p.startswith("../") or p == "..":
            raise GitSourceError(f"{path!r} is outside the repository {self.top}")
        return "" if p == "." else p

    def worktree_path(self, path: str | os.PathLike[str]) -> str:
        """A path on disk (relative to the current directory) -> its path from the top of the repository."""
        full = os.path.realpath(os.path.join(self.cwd, os.fspath(path)))
        rel = os.path.relpath(full, os.path.realpath(self.top))
        if rel == ".." or rel.startswith(".." + os.sep):
            raise GitSourceError(f"{os.fspath(path)} is outside the git repository {self.top}")
        rel = Path(rel).as_posix()
        return "" if rel == "." else rel

    # -- objects -----------------------------------------------------------

    def _cat(self, name: str) -> tuple[str, bytes] | None:
        """(type, content) of the object ``name`` (``sha`` or ``sha:path``), or None when missing."""
        if "\n" in name:
            raise GitSourceError(f"a path holding a line break cannot be read from git: {name!r}")
        if self._batch is None:
            self._batch = subprocess.Popen(
                [self._exe, "cat-file", "--batch"],
                cwd=self.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
            )
        stdin, stdout = self._batch.stdin, self._batch.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        header = stdout.readline()
        if not header:
            raise GitSourceError("git cat-file ended early")
        parts = header.split()
        # Found: "<hash> <type> <size>"; else "<name> missing" or "<name> ambiguous" (a name may hold spaces).
        if len(parts) != 3 or not parts[2].isdigit() or header.rstrip(b"\n").endswith((b" missing", b" ambiguous")):
            return None
        size = int(parts[2])
        if size > MAX_BYTES:
            _drain(stdout, size + 1)
            return parts[1].decode("ascii"), _TooLarge(size)
        content = _read_exactly(stdout, size)
        stdout.read(1)  # the newline after the content
        return parts[1].decode("ascii"), content

    def _tree_files(self, tree: bytes, base: str) -> Iterator[tuple[str, str]]:
        """(path from the top, blob hash) of every regular file under a tree, depth first."""
        width = len(self._empty_tree()) // 2
        stack = [(tree, base)]
        while stack:
            data, prefix = stack.pop()
            i = 0
            while i < len(data):
                space = data.index(b" ", i)
                nul = data.index(b"\0", space)
                mode = data[i:space]
                name = data[space + 1 : nul].decode("utf-8", "surrogateescape")
                sha = data[nul + 1 : nul + 1 + width].hex()
                i = nul + 1 + width
                path = f"{prefix}/{name}" if prefix else name
                if mode == b"40000":
                    sub = self._cat(sha)
                    if sub is not None:
                        stack.append((sub[1], path))
                elif mode in _FILE_MODES and name.endswith(_SUFFIXES):
                    yield path, sha

    def _empty_tree(self) -> str:
        """The hash of the empty tree: 40 hex digits in a SHA-1 repository, 64 in a SHA-256 one."""
        if self._empty is None:
            self._empty = self._run("hash-object", "-t", "tree", "/dev/null") or "0" * 40
        return self._empty

    def model_documents(self, commit: str, path: str, label: str) -> list[tuple[str, bytes]]:
        """(name to report, bytes) of each model file at ``commit``:``path`` (from the top), sorted by path.

        ``label`` is the revision as the user wrote it; names read ``label:path``.
        """
        found = self._cat(f"{commit}:{path}")
        shown = f"{label}:{path}"
        if found is None:
            raise GitSourceError(f"no such file or folder {path or '.'!r} at {label}")
        kind, content = found
        if kind == "blob":
            files = [(path, f"{commit}:{path}")]
        elif kind == "tree":
            files = sorted(self._tree_files(content, path))
            if not files:
                raise LoadError.at(shown, 1, 1, "folder holds no *.yaml or *.yml files")
        else:
            raise GitSourceError(f"{shown} is not a file or folder ({kind})")
        out = []
        for file_path, name in files:
            display = f"{label}:{file_path}"
            if kind == "blob":
                data = content
            else:
                blob = self._cat(name)
                if blob is None:  # pragma: no cover - a tree names only objects the repository holds
                    raise GitSourceError(f"{display}: object {name} is missing from the repository")
                data = blob[1]
            if isinstance(data, _TooLarge):
                raise LoadError.at(display, 1, 1, f"file is {data.size:,} bytes, over the {MAX_BYTES:,}-byte limit")
            out.append((display, data))
        return out

    def load(self, commit: str, path: str, label: str) -> Model:
        """The validated model at ``commit``:``path``; LoadError or SchemaError name ``label:path:line:col``."""
        with collector_paused():
            documents = [(name, parse_yaml(data, name)) for name, data in self.model_documents(commit, path, label)]
            return validate(documents)

    def is_tree(self, commit: str, path: str) -> bool:
        found = self._cat(f"{commit}:{path}")
        return found is not None and found[0] == "tree"

    def log(self, paths: list[str], rev_range: str | None = None, max_count: int | None = None) -> list[Commit]:
        """The commits that touched ``paths`` (from the top), newest first, as ``git log`` lists them."""
        if rev_range is not None and (rev_range.startswith("-") or not rev_range):
            raise GitSourceError(f"invalid revision range {rev_range!r}")
        args = ["log", "-z", "--format=%H%x1f%cI%x1f%s"]
        if max_count is not None:
            args.append(f"--max-count={max_count}")
        args.append("--end-of-options")
        args.append(rev_range or "HEAD")
        args.append("--")
        args.extend(f":(top,literal){p}" if p else ":/" for p in paths)
        out = self._run(*args, check=False)
        if out is None:
            if rev_range is None and self._run("rev-parse", "--verify", "--quiet", "HEAD", check=False) is None:
                return []  # a repository with no commit yet
            raise GitSourceError(f"unknown revision or range {rev_range or 'HEAD'!r} in {self.top}")
        commits = []
        for record in out.split("\0"):
            record = record.strip("\n")
            if not record:
                continue
            sha, date, subject = record.split("\x1f", 2)
            commits.append(Commit(sha=sha, date=date, subject=subject))
        return commits


class _TooLarge(bytes):
    """Stands for an object over :data:`MAX_BYTES`, not read: ``size`` is how large it is."""

    size: int

    def __new__(cls, size: int) -> _TooLarge:
        self = super().__new__(cls)
        self.size = size
        return self


def _drain(stream: IO[bytes], size: int) -> None:
    while size:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            raise GitSourceError("git cat-file ended early")
        size -= len(chunk)


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise GitSourceError("git cat-file ended early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _label_findings(side: str, findings: list[Finding]) -> list[Finding]:
    out = []
    for f in findings:
        if f.pos is not None:
            out.append(replace(f, pos=Position(f"{side} ({f.pos.file})", f.pos.line, f.pos.column)))
        else:
            out.append(replace(f, message=f"{side}: {f.message}"))
    return out


def revision_spec(
    rev: str, path: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None, side: str = "OLD"
) -> str:
    """``REV:PATH`` naming, at ``rev``, the model that is at ``path`` in the work tree (``diff --since``).

    Errors name the side: ``OLD (HEAD~1:model): not a git repository: ...``.
    """
    try:
        with Repository(cwd) as repo:
            in_tree = repo.worktree_path(path)
    except GitSourceError as e:
        raise GitSourceError(f"{side} ({rev}:{os.fspath(path)}): {e}") from None
    return f"{rev}:{in_tree}"


def load_side(spec: str, side: str, cwd: str | os.PathLike[str] | None = None) -> tuple[Model, str]:
    """Load one side of a comparison, a path on disk or ``REV:PATH``: (model, root for file names).

    Every error names the side: ``OLD (HEAD~1:model/aims.yaml):12:3: ...``
    for a problem in a file, ``OLD (HEAD~1:model): unknown revision ...``
    when git cannot answer.
    """
    if not spec:
        # Path("") is the current folder: an empty name would silently read whatever is here.
        raise GitSourceError(f"{side}: the name of the model is empty")
    rev_path = split_rev_path(spec)
    try:
        if rev_path is None:
            path = spec if cwd is None else os.path.join(os.fspath(cwd), spec)
            model = load_model(path)
            return model, spec if os.path.isdir(path) else os.path.dirname(spec)
        with Repository(cwd) as repo:
            commit = repo.commit(rev_path.rev)
            in_tree = repo.path_in_tree(rev_path.path)
            model = repo.load(commit, in_tree, rev_path.rev)
            folder = in_tree if repo.is_tree(commit, in_tree) else posixpath.dirname(in_tree)
            return model, f"{rev_path.rev}:{folder}"
    except ModelError as e:
        raise SideError(_label_findings(side, e.findings)) from None
    except GitSourceError as e:
        raise GitSourceError(f"{side} ({spec}): {e}") from None
