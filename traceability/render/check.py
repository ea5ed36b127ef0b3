"""``goldenthread check``: a :class:`~goldenthread.traceability.check.CheckResult` as text, JSON or
GitHub Actions workflow commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goldenthread.traceability.check import CheckResult, finding_counts
from goldenthread.traceability.render.envelope import document, dumps, model_block, program_block
from goldenthread.traceability.render.findings import counts_text, finding_line, repository_path
from goldenthread.traceability.render.formatting import plural
from goldenthread.traceability.render.outputs import formats_of
from goldenthread.traceability.render.safetext import one_line, workflow_data, workflow_property

if TYPE_CHECKING:  # a baseline is made only by check --baseline, which imports it
    from goldenthread.traceability.baseline import Baseline

__all__ = ["FORMATS", "check_json", "render_check", "summary_line"]

FORMATS = formats_of("check")
#: Said after a finding the baseline has too (``check --baseline``): reported, never failing.
BASELINE_MARK = " (baseline)"


def _baseline_note(result: CheckResult, baseline: Baseline | None) -> str:
    if baseline is None:
        return ""
    return f"; {baseline.count(result.findings)} in the baseline {one_line(baseline.source)}, not failing"


def summary_line(result: CheckResult) -> str:
    """The last line of the text and github formats: the counts, and what they were counted in."""
    if result.unreadable:
        return f"{one_line(result.source)}: the model could not be loaded"
    counts = counts_text(finding_counts(result.findings))
    if result.model is None:
        return f"{counts}: the model does not follow the format"
    return f"{counts} in {plural(len(result.model), 'entity', 'entities')}"


def _text(result: CheckResult, colour: bool, baseline: Baseline | None = None) -> str:
    lines = [finding_line(f, colour) + (BASELINE_MARK if baseline and f in baseline else "") for f in result.findings]
    lines.append(summary_line(result) + _baseline_note(result, baseline))
    return "\n".join(lines) + "\n"


def check_json(result: CheckResult) -> dict[str, object]:
    """The command's own keys of ``goldenthread check --format json``.

    ``loaded`` is false when the model could not be loaded or does not follow
    the format (the ``model`` block is then null but for its files).
    ``summary`` is the deprecated name of ``findings_count``.
    """
    counts = finding_counts(result.findings)
    return {
        "source": result.source,
        "loaded": result.model is not None,
        "findings": [f.as_dict() for f in result.findings],
        "findings_count": counts,
        "summary": dict(counts),
    }


def _github(result: CheckResult, baseline: Baseline | None = None, repository: str | None = None) -> str:
    out = []
    for f in result.findings:
        known = baseline is not None and f in baseline
        command = "notice" if f.waived or known else f.severity
        props = []
        if f.pos:
            file = repository_path(f.pos.file, repository) or f.pos.file
            props = [f"file={workflow_property(file)}", f"line={f.pos.line}", f"col={f.pos.column}"]
        props.append(f"title={workflow_property(f.rule)}")
        message = f.message + (f" (waived: {f.reason})" if f.waived else "") + (BASELINE_MARK if known else "")
        out.append(f"::{command} {','.join(props)}::{workflow_data(message)}")
    out.append(summary_line(result) + _baseline_note(result, baseline))
    return "\n".join(out) + "\n"


def render_check(
    result: CheckResult,
    fmt: str = "text",
    *,
    root: str | None = None,
    colour: bool = False,
    baseline: Baseline | None = None,
    repository: str | None = None,
    strict: bool = False,
) -> str:
    """The check result in ``fmt`` (one of :data:`FORMATS`); ``root`` is what the model's files are relative to.

    ``baseline`` marks the findings it has too (``check --baseline``);
    ``repository`` is the root the file paths of the CI formats (github,
    SARIF, JUnit) are given from; ``strict`` fails warnings (JUnit's failures
    are what fails the check).
    """
    if fmt == "json":
        block = model_block(result.model, root, files=result.files)
        body = check_json(result)
        if baseline is not None:
            body["findings"] = [{**f.as_dict(), "baseline": f in baseline} for f in result.findings]
            body["baseline"] = {"source": baseline.source, "findings": baseline.count(result.findings)}
        return dumps(document("check", block, body))
    if fmt == "github":
        return _github(result, baseline, repository)
    if fmt == "sarif":
        from goldenthread.traceability.render.sarif import render_sarif  # each format's imports when asked for

        source = None if result.source == "<example>" else result.source
        return render_sarif(result.findings, program_block("check")["version"], repository, baseline, source)
    if fmt == "junit":
        from goldenthread.traceability.render.junit import render_junit

        rules = result.model.rules if result.model else None
        return render_junit(
            result.findings, rules, baseline, strict=strict, checked=result.model is not None, base=repository
        )
    return _text(result, colour, baseline)
