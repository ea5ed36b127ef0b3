"""Progress of long work on standard error, for a person at a terminal; nothing in pipes, files and CI.

Two shapes of work take seconds on a large model: rows written by the
thousand (the workbook), where a bar counts the rows, and a few long steps
one after the other (reading a workbook, then writing and checking the YAML;
loading a model, then laying out and writing a page), where the bar moves a
step at a time and names the step under way.  Both draw only when
:func:`~goldenthread.cli.options.shows_progress`, and only for input large
enough to take seconds, so small runs and every test's output stay as they
were.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import click

from goldenthread.cli.options import shows_progress

__all__ = ["LARGE_BYTES", "PAGE_STEPS", "is_large", "rows_counted", "steps"]

T = TypeVar("T")

#: Input files from this size on (a model of about 5,000 entities, a workbook of about 2,000) take seconds.
LARGE_BYTES = 1_000_000

#: The steps of writing a page (``report``, ``render``).
PAGE_STEPS = ("reading the model", "laying out the page", "writing the file")


def is_large(paths: Iterable[str | os.PathLike[str]], threshold: int = LARGE_BYTES) -> bool:
    """Whether the files, together, are large enough for work on them to take seconds."""
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            continue
    return total >= threshold


def _through(items: Iterable[T]) -> Iterator[T]:
    return iter(items)


@contextmanager
def rows_counted(length: int, label: str, minimum: int) -> Iterator[Callable[[Iterable[T]], Iterator[T]]]:
    """A walker to pass every row through, however many tables they come in: one bar counts them all.

    ``length`` is how many rows there will be; from ``minimum`` on, and where
    progress shows, the bar is drawn (redrawn about 200 times in all).
    """
    if length < minimum or not shows_progress():
        yield _through
        return
    step = max(1, length // 200)
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        done = 0

        def walk(items: Iterable[T]) -> Iterator[T]:
            nonlocal done
            for item in items:
                yield item
                done += 1
                if done % step == 0:
                    bar.update(step)

        yield walk
        bar.update(length)  # the bar stops at its length: this only fills what rounding left


@contextmanager
def steps(label: str, names: Sequence[str], large: bool) -> Iterator[Callable[[str], None]]:
    """A function to call as each of the steps ``names`` starts: the bar moves a step and names the new one."""
    if not large or not shows_progress():
        yield lambda name: None
        return
    with click.progressbar(
        length=len(names), label=label, file=sys.stderr, item_show_func=lambda name: name, show_pos=False
    ) as bar:
        started = False

        def start(name: str) -> None:
            nonlocal started
            bar.update(1 if started else 0, name)
            started = True

        yield start
        bar.update(len(names), "done")
