"""The git tags on commits, for the history page's annotations (``history --html``).

Read with one ``git for-each-ref`` (an annotated tag is followed to its
commit); outside a repository, or without git, there are none.
"""

from __future__ import annotations

import os
import shutil
import subprocess

__all__ = ["commit_tags"]


def commit_tags(cwd: str | os.PathLike[str] | None = None) -> dict[str, list[str]]:
    """Commit hash -> the names of the tags on it, sorted."""
    git = shutil.which("git")
    if git is None:
        return {}
    proc = subprocess.run(
        [git, "for-each-ref", "--format=%(objectname)%00%(*objectname)%00%(refname:short)", "refs/tags"],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        check=False,
    )
    if proc.returncode != 0:
        return {}
    tags: dict[str, list[str]] = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        sha, peeled, name = [*line.split("\0"), "", ""][:3]
        tags.setdefault(peeled or sha, []).append(name)
    return {sha: sorted(names) for sha, names in tags.items()}
