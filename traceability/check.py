"""The check that CI runs: load, validate, apply the rules (its exit code is decided in ``goldenthread.cli.exits``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import LoadError
from goldenthread.model.loader import load_example, load_model, model_files
from goldenthread.model.types import Finding, Model
from goldenthread.model.validate import SchemaError
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.rules import apply_rules

__all__ = ["CheckResult", "check_loaded", "check_model", "finding_counts"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found. ``model`` is None when the model did not load or validate."""

    source: str
    findings: list[Finding]
    model: Model | None = None
    #: True when a file could not be read as YAML at all (exit 2).
    unreadable: bool = False
    files: tuple[str, ...] = field(default=())


def finding_counts(findings: list[Finding]) -> dict[str, int]:
    """Unwaived errors, unwaived warnings and waived findings, as ``check`` counts them."""
    errors = sum(1 for f in findings if f.severity == "error" and not f.waived)
    warnings = sum(1 for f in findings if f.severity == "warning" and not f.waived)
    return {"errors": errors, "warnings": warnings, "waived": sum(1 for f in findings if f.waived)}


def check_loaded(model: Model, source: str) -> CheckResult:
    """Apply the rules to a model already loaded."""
    findings = apply_rules(model, build_graph(model))
    return CheckResult(source=source, findings=findings, model=model, files=model.files)


def check_model(path: str | os.PathLike[str] | None) -> CheckResult:
    """Check the model at ``path`` (None: the built-in example).

    The one library call that reads a model and analyses it, so it pauses the
    garbage collector for its whole run, as the command line does around every
    command (see :mod:`goldenthread.model.collector`): re-enabling it between
    loading and the rules makes it walk every loaded object once, about 1 s at
    100,000 entities.  The analyses themselves never touch it.
    """
    source = "<example>" if path is None else os.fspath(path)
    with collector_paused():
        try:
            model = load_example() if path is None else load_model(path)
        except LoadError as e:
            return CheckResult(source=source, findings=e.findings, unreadable=True, files=_files_of(path))
        except SchemaError as e:
            return CheckResult(source=source, findings=e.findings, files=_files_of(path))
        return check_loaded(model, source)


def _files_of(path: str | os.PathLike[str] | None) -> tuple[str, ...]:
    """The files a model that failed to load is made of, as reported (none if even they are unknown)."""
    if path is None:
        return ()
    try:
        return tuple(shown for _, shown in model_files(path))
    except LoadError:
        return ()
