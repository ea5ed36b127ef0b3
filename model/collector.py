"""Pause Python's cyclic garbage collector around bulk work.

Loading and analysing a large model creates millions of small acyclic
objects; the collector walks them again and again for nothing (at 100,000
entities that doubles the time), and reference counting frees them anyway.

Where it is paused: once, around the whole command, by the command group
(``goldenthread.cli.main``); and by the library calls a Python user makes to
read a model (``load_model``, ``check_model``), each saying so.  Analyses and
renderers never switch it: they run inside one of those pauses, or in the
caller's own state.

Examples
--------
>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; leave it as it was found (nested pauses are fine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
