"""How findings read in text and Markdown, and how they are counted, for every report that lists them.

Messages, titles and waiver reasons come from the model: each line passes
through :func:`~goldenthread.traceability.render.safetext.one_line`, so one
finding is always one line.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping

from goldenthread.model.types import Finding
from goldenthread.traceability.render.formatting import paint, plural
from goldenthread.traceability.render.safetext import one_line

__all__ = ["by_severity", "counts_text", "finding_line", "finding_text", "group_heading", "repository_path"]


def repository_path(file: str, base: str | None) -> str | None:
    """``file`` (as findings name it) from the top of the repository ``base``, with ``/``; None when it
    is not a file there: a model read from git or the example (``<...>``), or a file outside ``base``.

    CI annotates a file by its path from the repository's top, whatever folder the check ran in.

    >>> repository_path("model/a.yaml", None)
    'model/a.yaml'
    >>> repository_path("<example>", "/repo") is None
    True
    """
    if file.startswith("<"):
        return None
    path = file if base is None else os.path.relpath(os.path.abspath(file), os.path.abspath(base))
    path = posixpath.normpath(path.replace(os.sep, "/"))
    return None if path == ".." or path.startswith("../") else path


def counts_text(counts: Mapping[str, int]) -> str:
    """``1 error, 9 warnings, 1 waived`` from :func:`~goldenthread.traceability.check.finding_counts`."""
    return f"{plural(counts['errors'], 'error')}, {plural(counts['warnings'], 'warning')}, {counts['waived']:,} waived"


def finding_line(f: Finding, colour: bool = False) -> str:
    """``path:line:col: severity[rule] message``, with the waiver reason if waived: the line ``check`` prints."""
    where = f"{one_line(str(f.pos))}: " if f.pos else ""
    label = f"{f.severity}[{f.rule}]"
    if colour:
        label = paint(label, "waived" if f.waived else f.severity)
    tail = f" (waived: {one_line(str(f.reason))})" if f.waived else ""
    return f"{where}{label} {one_line(f.message)}{tail}"


def finding_text(f: Finding, titles: Mapping[str, str]) -> str:
    """``[rule] id (title) what is wrong``, with the waiver reason when waived: a finding in a report.

    The rules word their messages ``kind 'id' (title) ...``; that lead is
    shortened to ``id (title)``, and a message worded otherwise is kept whole
    after ``id (title):``.
    """
    title = titles.get(f.entity) if f.entity else None
    body = f.message
    if f.entity and title is not None:
        lead = f"{f.kind} {f.entity!r} ({title})"
        if body.startswith(lead):
            body = f"{f.entity} ({title}){body[len(lead) :]}"
        else:
            body = f"{f.entity} ({title}): {body}"
    waived = f" (waived: {f.reason})" if f.waived else ""
    return one_line(f"[{f.rule}] {body}{waived}")


def by_severity(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """The findings grouped as errors then warnings (waived ones stay in their group); empty groups left out."""
    groups: dict[str, list[Finding]] = {"error": [], "warning": []}
    for f in findings:
        groups.setdefault(f.severity, []).append(f)
    return [(s, fs) for s, fs in groups.items() if fs]


def group_heading(severity: str, group: list[Finding]) -> str:
    """``Warnings (8, and 1 waived)``: the unwaived count first, as the ``Findings:`` line counts them."""
    waived = sum(1 for f in group if f.waived)
    return f"{severity.capitalize()}s ({len(group) - waived:,}{f', and {waived:,} waived' if waived else ''})"
