"""Where a report's figures come from: the model's path in its repository, the commit, and the date produced.

A board paper states its source.  The path is the model's from the top of its
git repository (never the maker's absolute path); the commit is ``HEAD``'s,
and ``uncommitted`` says whether the files on disk differ from ``HEAD``'s,
found by comparing their bytes with git's objects (no ``git status``, which
would read the whole work tree).  Outside git only the model's own name is
given.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.loader import model_files
from goldenthread.model.sources.git import Repository

__all__ = ["Provenance", "produced_on", "provenance"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """The source of a model as a report states it."""

    #: From the top of the repository; outside git the file or folder name alone.
    path: str
    #: ``HEAD``'s full hash; None outside git or before the first commit.
    commit: str | None = None
    #: The model's files differ from ``HEAD``'s (edited, added or not yet committed).
    uncommitted: bool = False

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None


def provenance(path: str | os.PathLike[str]) -> Provenance:
    """The provenance of the model at ``path`` (a file or folder on disk)."""
    full = os.path.abspath(os.fspath(path))
    name = os.path.basename(full.rstrip(os.sep)) or full
    folder = full if os.path.isdir(full) else os.path.dirname(full)
    try:
        with Repository(folder) as repo:
            in_tree = repo.worktree_path(full)
            try:
                commit = repo.commit("HEAD")
            except GoldenthreadError:
                return Provenance(in_tree or ".", None, True)
            try:
                committed = {d.split(":", 1)[1]: data for d, data in repo.model_documents(commit, in_tree, "HEAD")}
            except GoldenthreadError:
                return Provenance(in_tree or ".", commit, True)
            on_disk = {repo.worktree_path(real): Path(real).read_bytes() for real, _ in model_files(full)}
            return Provenance(in_tree or ".", commit, on_disk != committed)
    except (GoldenthreadError, OSError):
        return Provenance(name)


def produced_on(environ: dict[str, str] | None = None) -> dt.date:
    """The date a report is produced: today (UTC), or ``SOURCE_DATE_EPOCH``'s for a reproducible build.

    >>> produced_on({"SOURCE_DATE_EPOCH": "1700000000"})
    datetime.date(2023, 11, 14)
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
