"""Exit codes, decided here and nowhere else, and the library's errors turned into messages.

=====  ===========================================================================
code   meaning
=====  ===========================================================================
0      success: the command did what was asked (a report always, whatever it found)
1      findings at a failing severity (``check``; gates such as ``diff --fail-on``)
2      the model could not be loaded or validated, or the command was misused
=====  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

import click

from goldenthread.model.errors import GoldenthreadError, ModelError, format_finding_line
from goldenthread.model.types import Finding
from goldenthread.traceability.check import CheckResult
from goldenthread.traceability.render.safetext import one_line

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_UNUSABLE", "exit_for_check", "exit_for_findings", "fail"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


def exit_for_findings(findings: Iterable[Finding], strict: bool = False) -> int:
    """1 when an unwaived error (or, ``strict``, an unwaived warning) is among ``findings``, else 0."""
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(f.severity in failing and not f.waived for f in findings) else EXIT_OK


def exit_for_check(result: CheckResult, strict: bool = False) -> int:
    """``check``'s exit code: 2 when a file could not be read as YAML at all, else as :func:`exit_for_findings`.

    A model that reads but does not follow the format is reported like any
    other findings: its schema errors fail with 1.
    """
    if result.unreadable:
        return EXIT_UNUSABLE
    return exit_for_findings(result.findings, strict)


def fail(error: GoldenthreadError) -> NoReturn:
    """Say what went wrong, one line a problem on stderr, and exit 2.

    A model error says each positioned problem as ``path:line:col: ...``;
    any other library error is one line after ``goldenthread: error:``.
    """
    if isinstance(error, ModelError) and error.findings:
        for f in error.findings:
            click.echo(one_line(format_finding_line(f)), err=True)
    else:
        click.echo(f"goldenthread: error: {one_line(str(error))}", err=True)
    raise click.exceptions.Exit(EXIT_UNUSABLE)
