"""Render a :class:`~goldenthread.traceability.check.CheckResult` as text, JSON or
GitHub Actions workflow commands."""

from __future__ import annotations

import json

from goldenthread.model.types import Finding
from goldenthread.traceability.check import CheckResult

__all__ = ["FORMATS", "finding_line", "render_check", "summary_line"]

FORMATS = ("text", "json", "github")

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "waived": "\x1b[2m"}
_RESET = "\x1b[0m"


def finding_line(f: Finding, colour: bool = False) -> str:
    """``path:line:col: severity[rule] message``, with the waiver reason if waived."""
    where = f"{f.pos}: " if f.pos else ""
    label = f"{f.severity}[{f.rule}]"
    if colour:
        label = f"{_COLOURS['waived' if f.waived else f.severity]}{label}{_RESET}"
    tail = f" (waived: {f.reason})" if f.waived else ""
    return f"{where}{label} {f.message}{tail}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    if result.unreadable:
        return f"{result.source}: the model could not be loaded"
    counts = f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}, {result.waived} waived"
    if result.model is None:
        return f"{counts}: the model does not follow the format"
    return f"{counts} in {_plural(len(result.model), 'entity').replace('entitys', 'entities')}"


def _text(result: CheckResult, colour: bool) -> str:
    lines = [finding_line(f, colour) for f in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _model_json(result: CheckResult) -> dict[str, object]:
    m = result.model
    info = m.info if m else None
    return {
        "title": info.title if info else None,
        "organisation": info.organisation if info else None,
        "as_of": info.as_of.isoformat() if info else None,
        "currency": info.currency if info else None,
        "source": result.source,
        "files": list(result.files),
        "entities": len(m) if m else None,
        "loaded": m is not None,
    }


def _json(result: CheckResult) -> str:
    doc = {
        "model": _model_json(result),
        "findings": [f.as_dict() for f in result.findings],
        "summary": {"errors": result.errors, "warnings": result.warnings, "waived": result.waived},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(result: CheckResult) -> str:
    out = []
    for f in result.findings:
        command = "notice" if f.waived else f.severity
        props = []
        if f.pos:
            props = [
                f"file={_escape_property(f.pos.file)}",
                f"line={f.pos.line}",
                f"col={f.pos.column}",
            ]
        props.append(f"title={_escape_property(f.rule)}")
        message = f.message + (f" (waived: {f.reason})" if f.waived else "")
        out.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def render_check(result: CheckResult, fmt: str = "text", colour: bool = False) -> str:
    """The check result in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return _json(result)
    if fmt == "github":
        return _github(result)
    return _text(result, colour)
