"""Load and analyse the two sides of a comparison (``diff``, ``check --baseline``), side by side.

Loading and analysing a model is pure-Python work bound to one core, and
the two sides of a comparison do not depend on each other.  With two cores
or more (and ``fork``), the baseline of ``check --baseline`` is loaded in a
forked child process while this one runs the check, and only the rule and
entity of each of its findings come back.  ``diff`` needs OLD's whole model
back, which costs about a third of loading it: it loads OLD in a child only
when the models are large (:data:`LARGE_BYTES` on disk), else one side
after the other.  Either way the results are the same.

Errors cross the process boundary as data and are raised again here, so
they read exactly as if the side had been loaded in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from goldenthread.model.errors import GoldenthreadError, ModelError
from goldenthread.model.loader import model_files
from goldenthread.model.sources.git import GitSourceError, SideError, load_side, split_rev_path
from goldenthread.model.types import Finding

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.context import Analysis

__all__ = ["analyse_pair", "baseline_and"]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: The size of model files above which ``diff`` loads OLD in a second process.  Sending a model
#: back costs about a third of loading it, and starting the process a fixed time: measured
#: (docs/change-control.md), one process is faster at 10,000 entities (2 MB), two at 100,000 (22 MB).
LARGE_BYTES = 8_000_000


def _parallel() -> bool:
    """Whether a second process can be forked here, and a second core could run it."""
    return _cores() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _disk_bytes(spec: str) -> int:
    """The size of a model on disk (0 for ``REV:PATH`` or a path that is not there)."""
    if not spec or split_rev_path(spec) is not None:
        return 0
    try:
        return sum(real.stat().st_size for real, _ in model_files(spec))
    except (GoldenthreadError, OSError):
        return 0


def _large(old: str, new: str) -> bool:
    """Whether the models are large enough for a second process to pay (judged by what is on disk)."""
    return max(_disk_bytes(new), _disk_bytes(old)) >= LARGE_BYTES


def _analysed(spec: str, label: str) -> Analysis:
    model, root = load_side(spec, label)
    a = Analysis(model, root)
    a.findings  # noqa: B018 - computed here, on this side's core
    a.coverage  # noqa: B018
    return a


def _old_side(spec: str, label: str) -> tuple[str, Any]:
    """In the child: the side's model, findings and coverage, or its error as data."""
    return _as_data(lambda: _shipped(_analysed(spec, label)))


def _shipped(a: Analysis) -> tuple[Any, ...]:
    return a.model, a.root, a.findings, a.coverage


def _baseline_keys(spec: str, label: str) -> tuple[str, Any]:
    """In the child: the baseline's finding keys, or its error as data."""
    return _as_data(lambda: Baseline.of(_analysed_findings(spec, label), spec))


def _as_data(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        # A forked child inherits the paused collector from the CLI edge.
        return "ok", work()
    except ModelError as e:
        return "model", e.findings
    except GoldenthreadError as e:
        return "git", str(e)
    except Exception:  # a bug: its traceback, as text, to be raised in the parent
        return "bug", traceback.format_exc()


def _unpack(result: tuple[str, Any]) -> Any:
    kind, value = result
    if kind == "ok":
        return value
    if kind == "model":
        raise SideError(value)
    if kind == "git":
        raise GitSourceError(value)
    raise RuntimeError(f"loading a side failed in the worker process:\n{value}")


def _in_child(
    job: Callable[[str, str], tuple[str, Any]], spec: str, label: str
) -> tuple[ProcessPoolExecutor, Future[Any]]:
    from concurrent.futures import ProcessPoolExecutor  # imports pickle and more: only when a pool is started

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return pool, pool.submit(job, spec, label)


def analyse_pair(old: str, new: str, labels: tuple[str, str] = ("OLD", "NEW")) -> tuple[Analysis, Analysis]:
    """Both sides loaded and analysed (findings and coverage computed); errors name their side.

    When both sides fail, OLD's error is the one raised.
    """
    if not (_parallel() and _large(old, new)):
        return _analysed(old, labels[0]), _analysed(new, labels[1])
    pool, future = _in_child(_old_side, old, labels[0])
    try:
        try:
            b = _analysed(new, labels[1])
        except GoldenthreadError:
            _unpack(future.result())  # OLD's error first, as when loaded in order
            raise
        model, root, findings, coverage = _unpack(future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    a = Analysis(model, root)
    # Seed the lazily computed values with the child's: cached_property keeps them in __dict__.
    a.__dict__["findings"] = findings
    a.__dict__["coverage"] = coverage
    return a, b


def baseline_and(spec: str, then: Callable[[], Any]) -> tuple[Baseline, Any]:
    """The baseline at ``spec`` (loaded in a child process when possible) and what ``then()`` returns.

    ``then`` is the check itself, run here meanwhile.
    """
    if not _parallel():
        return Baseline.of(_analysed_findings(spec, "BASELINE"), spec), then()
    pool, future = _in_child(_baseline_keys, spec, "BASELINE")
    try:
        try:
            result = then()
        except GoldenthreadError:
            _unpack(future.result())
            raise
        return _unpack(future.result()), result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _analysed_findings(spec: str, label: str) -> list[Finding]:
    model, root = load_side(spec, label)
    return Analysis(model, root).findings
