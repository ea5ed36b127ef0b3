"""Errors the model layer raises; the CLI turns them into one-line messages."""

from __future__ import annotations

from goldenthread.model.types import Finding, Position

__all__ = ["GoldenthreadError", "LoadError", "ModelError", "NoModelFound"]


class GoldenthreadError(Exception):
    """The root of every error goldenthread's library raises on purpose.

    The command line turns any of them into a one-line message and exit 2;
    anything else escaping the library is a bug.
    """


class ModelError(GoldenthreadError):
    """A model could not be used; carries the positioned findings that say why."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(format_finding_line(f) for f in findings))


class LoadError(ModelError):
    """A model file could not be read or parsed as safe YAML."""

    @classmethod
    def at(cls, file: str, line: int, column: int, message: str) -> LoadError:
        return cls([Finding(rule="schema", severity="error", message=message, pos=Position(file, line, column))])


class NoModelFound(GoldenthreadError):
    """No model was named and none was found where one is looked for."""


def format_finding_line(f: Finding) -> str:
    where = f"{f.pos}: " if f.pos else ""
    return f"{where}{f.severity}[{f.rule}] {f.message}"
