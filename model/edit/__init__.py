"""Changing model files while keeping every comment and byte that is not changed, and writing files atomically.

``session`` plans an edit on a model's files (:class:`ModelEdit`); ``values``
says what the editing commands accept; ``operations`` and ``fragments`` change
the YAML text; ``patchdata`` gives the new data without reading it again;
``roundtrip`` writes YAML back with its layout; ``atomic`` writes
any file all or nothing, one writer at a time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goldenthread.model.edit.session import EditError, EditResult, FileChange, ModelEdit, write_edit

__all__ = ["EditError", "EditResult", "FileChange", "ModelEdit", "write_edit"]


def __getattr__(name: str) -> Any:
    # Imported when first used: writing a report (atomic) need not load the editing machinery.
    if name in __all__:
        value = getattr(importlib.import_module("goldenthread.model.edit.session"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
