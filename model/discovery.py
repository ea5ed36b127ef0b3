"""Where to find the model when none is named on the command line."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_FILE", "DEFAULT_FOLDER", "ENV_VAR", "discover_model"]

ENV_VAR = "GOLDENTHREAD_MODEL"
DEFAULT_FILE = "goldenthread.yaml"
DEFAULT_FOLDER = "model"


def discover_model(cwd: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None) -> str | None:
    """The model to use when none is named: ``$GOLDENTHREAD_MODEL``, then
    ``goldenthread.yaml``, then a ``model/`` folder in ``cwd``; None if none is there."""
    env = os.environ if environ is None else environ
    named = env.get(ENV_VAR)
    if named:
        return named
    base = Path.cwd() if cwd is None else Path(cwd)
    # exists(), not is_file(): a folder by that name should fail loudly when loaded, not be passed over.
    if (base / DEFAULT_FILE).exists():
        return DEFAULT_FILE if cwd is None else str(base / DEFAULT_FILE)
    if (base / DEFAULT_FOLDER).is_dir():
        return DEFAULT_FOLDER if cwd is None else str(base / DEFAULT_FOLDER)
    return None
