"""The golden thread over time: one row of headline figures per commit that touched the model.

Each commit's model is read straight from git's object store (one
``cat-file`` process for the whole walk, no checkout), validated and
analysed like any model.  A commit whose model does not load (a broken
file was committed, or the model was deleted) keeps its row, with
``problem`` saying why and no figures: history does not stop at it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from goldenthread.model.errors import GoldenthreadError, ModelError, format_finding_line
from goldenthread.model.sources.git import Commit, Repository
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis

__all__ = ["History", "HistoryRow", "history"]


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One commit and the model's headline figures there (None when it did not load)."""

    sha: str
    #: Committer date, ISO 8601 with its offset.
    date: str
    subject: str
    aims: int | None = None
    aims_with_investment: int | None = None
    aims_with_evidence: int | None = None
    aims_covered: int | None = None
    total_investment: float | None = None
    errors: int | None = None
    warnings: int | None = None
    waived: int | None = None
    #: Why the model did not load at this commit (its first problem), else None.
    problem: str | None = None

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def loaded(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class History:
    """The rows, newest first, and the newest model that loaded (None if none did) with its root."""

    rows: list[HistoryRow]
    model: Model | None
    #: What the newest model's file names are relative to: ``<short hash>:<folder>``.
    root: str | None


def _row(sha: str, date: str, subject: str, model: Model) -> HistoryRow:
    s = Analysis(model).coverage.summary
    return HistoryRow(
        sha=sha,
        date=date,
        subject=subject,
        aims=s.aims,
        aims_with_investment=s.aims_with_investment,
        aims_with_evidence=s.aims_with_evidence,
        aims_covered=s.aims_covered,
        total_investment=s.total_investment,
        errors=s.errors,
        warnings=s.warnings,
        waived=s.waived,
    )


def history(
    repo: Repository,
    path: str,
    rev_range: str | None = None,
    max_count: int | None = None,
    walk: Callable[[Sequence[Commit]], Iterable[Commit]] = iter,
) -> History:
    """Rows for the commits that touched ``path`` (from the top of the repository), newest first.

    ``rev_range`` is what ``git log`` takes (``A..B``, a branch; default HEAD);
    ``max_count`` limits the number of commits. ``walk`` goes through the
    commits (the command passes one that shows progress on a terminal).
    """
    rows: list[HistoryRow] = []
    newest: Model | None = None
    root: str | None = None
    for c in walk(repo.log([path], rev_range, max_count)):
        try:
            model = repo.load(c.sha, path, c.sha[:7])
        except ModelError as e:
            first = e.findings[0] if e.findings else None
            rows.append(HistoryRow(c.sha, c.date, c.subject, problem=format_finding_line(first) if first else str(e)))
            continue
        except GoldenthreadError as e:
            rows.append(HistoryRow(c.sha, c.date, c.subject, problem=str(e)))
            continue
        if newest is None:
            newest = model
            folder = path if repo.is_tree(c.sha, path) else path.rpartition("/")[0]
            root = f"{c.sha[:7]}:{folder}"
        rows.append(_row(c.sha, c.date, c.subject, model))
    return History(rows, newest, root)
