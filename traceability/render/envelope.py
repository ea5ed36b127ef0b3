"""The one JSON envelope every ``--format json`` document is built in.

Every document is one object whose first two keys are ``goldenthread``
(the program's version and the command) and ``model`` (the same block for the
same model, whichever command printed it); the command's own keys follow.

Examples
--------
>>> from goldenthread.model import load_example
>>> block = model_block(load_example(), root="<example>")
>>> block["files"], sorted(block["entities"])
(['hampshire.yaml'], ['aim', 'benefit', 'project', 'theme'])
>>> doc = document("gaps", block, {"aims": []})
>>> list(doc)
['goldenthread', 'model', 'aims']
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.metadata import version

from goldenthread.model.types import KINDS, Model

__all__ = ["document", "dumps", "model_block", "program_block"]


@cache
def _version() -> str:
    return version("goldenthread")


def program_block(command: str) -> dict[str, str]:
    """``{"version": ..., "command": ...}``: which program and command wrote the document."""
    return {"version": _version(), "command": command}


def relative_files(files: Sequence[str], root: str | None) -> list[str]:
    """The model's files relative to the model root, with ``/`` separators.

    ``root`` is the folder named on the command line, or the directory of the
    file named; files outside it (none, in practice) are kept as given.

    >>> relative_files(["models/a/aims.yaml", "models/a/x/b.yaml"], "models/a")
    ['aims.yaml', 'x/b.yaml']
    >>> relative_files(["<example>/hampshire.yaml"], "<example>")
    ['hampshire.yaml']
    """
    out = []
    for f in files:
        shown = f.replace(os.sep, "/")
        if root:
            base = root.replace(os.sep, "/").rstrip("/")
            if shown.startswith(base + "/"):
                shown = shown[len(base) + 1 :]
        out.append(posixpath.normpath(shown))
    return out


def model_block(model: Model | None, root: str | None = None, files: Sequence[str] | None = None) -> dict[str, object]:
    """The ``model`` block: identical in every command's document for the same model.

    ``model`` is None when it could not be loaded (only ``check`` reports on
    such a model): every field is then null but ``files``, the files it tried.
    """
    shown = list(model.files if model is not None else files or ())
    block: dict[str, object] = {
        "title": None,
        "organisation": None,
        "as_of": None,
        "currency": None,
        "files": relative_files(shown, root),
        "entities": None,
    }
    if model is not None:
        info = model.info
        block.update(
            title=info.title,
            organisation=info.organisation,
            as_of=info.as_of.isoformat(),
            currency=info.currency,
            entities={kind: len(model.section(kind)) for kind in KINDS},
        )
    return block


def document(command: str, model: Mapping[str, object], body: Mapping[str, object]) -> dict[str, object]:
    """The whole document: the envelope's two blocks first, then ``body``'s keys in order."""
    doc: dict[str, object] = {"goldenthread": program_block(command), "model": dict(model)}
    for key, value in body.items():
        if key in doc:
            raise ValueError(f"{key!r} is an envelope key")
        doc[key] = value
    return doc


def dumps(doc: object) -> str:
    """Strict JSON as every command prints it: indented, UTF-8 kept, a final newline.

    ``allow_nan=False``: a NaN or infinity is a bug upstream, and must fail
    here rather than print a document no strict parser reads.

    >>> dumps({"a": 1.5})
    '{\\n  "a": 1.5\\n}\\n'
    """
    import json  # only when a document is printed: check's text output does without it

    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
