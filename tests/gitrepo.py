"""A real git repository in a temporary folder, for the tests of diff, history, baseline and the Action.

Commits get fixed names and dates, so that hashes and history rows are the
same on every run, and nothing depends on the user's git configuration.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

__all__ = ["GitRepo"]


class GitRepo:
    """``git init`` in ``path``; :meth:`write` files, :meth:`commit` them with a fixed clock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tick = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self) -> dict[str, str]:
        day = f"2025-01-{1 + self._tick % 28:02d}T{10 + self._tick // 28 % 12:02d}:00:00+00:00"
        return {
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_AUTHOR_DATE": day,
            "GIT_COMMITTER_DATE": day,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def git(self, *args: str) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env(), capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, f"git {' '.join(args)} failed: {proc.stderr}"
        return proc.stdout.strip()

    def write(self, name: str, text: str) -> Path:
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p

    def remove(self, name: str) -> None:
        (self.path / name).unlink()

    def commit(self, subject: str) -> str:
        """Commit everything in the work tree; return the new commit's full hash."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", subject)
        self._tick += 1
        return self.git("rev-parse", "HEAD")
