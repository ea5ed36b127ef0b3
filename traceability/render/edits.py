"""The editing commands' report: what changed, what was written, and the findings an edit introduced or resolved.

As text (one line each) or as one JSON document in the envelope; ``--dry-run``'s
unified diff is the edit's own (:meth:`~goldenthread.model.edit.session.EditResult.diff`).
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.model.edit.session import EditResult
from goldenthread.model.errors import format_finding_line
from goldenthread.traceability.edits import FindingsDelta
from goldenthread.traceability.render.envelope import document, dumps, model_block, relative_files
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line

__all__ = ["FORMATS", "EditReport", "render_edit"]

#: The editing commands print alike (``add``'s formats are every one's).
FORMATS = formats_of("add")


@dataclass(frozen=True, slots=True)
class EditReport:
    """One editing command's outcome: the edit, the files written, the findings' change."""

    command: str
    result: EditResult
    written: list[str]
    delta: FindingsDelta
    dry_run: bool
    #: What file names are relative to in JSON (the model's root).
    root: str | None


def render_edit(report: EditReport, fmt: str) -> str:
    """The report as text (lines, no final newline) or JSON (a document)."""
    result, delta = report.result, report.delta
    if fmt == "json":
        body = {
            "dry_run": report.dry_run,
            "changes": result.changes,
            # Relative to the model root, as the model block's files are.
            "files": relative_files([c.source.name for c in result.files], report.root),
            "written": relative_files(report.written, report.root),
            "diff": result.diff(),
            "introduced": [f.as_dict() for f in delta.introduced],
            "resolved": [f.as_dict() for f in delta.resolved],
        }
        return dumps(document(report.command, model_block(result.after, report.root), body))
    out = [one_line(c) for c in result.changes] or ["nothing to change"]
    out += [f"wrote {name}" for name in report.written]
    if report.dry_run and result.files:
        out.append("dry run: nothing written")
    out += ["introduced: " + one_line(format_finding_line(f)) for f in delta.introduced]
    out += ["resolved: " + one_line(format_finding_line(f)) for f in delta.resolved]
    return "\n".join(out)
