"""Load a model from a file or folder: the one entry point from paths to a :class:`Model`."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import LoadError
from goldenthread.model.types import Model
from goldenthread.model.validate import validate
from goldenthread.model.yamlread import read_yaml

__all__ = ["EXAMPLE_NAME", "load_example", "load_model", "model_files"]

EXAMPLE_NAME = "hampshire.yaml"
_SUFFIXES = (".yaml", ".yml")


def model_files(path: str | os.PathLike[str]) -> list[tuple[Path, str]]:
    """The files that make up the model at ``path``: (real path, name to report), sorted by path."""
    p = Path(path)
    shown = os.fspath(path)
    try:
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.suffix in _SUFFIXES and f.is_file()),
                key=lambda f: f.relative_to(p).as_posix(),
            )
            if not found:
                raise LoadError.at(shown, 1, 1, "folder holds no *.yaml or *.yml files")
            return [(f, os.path.join(shown, f.relative_to(p).as_posix())) for f in found]
        exists = p.exists()
    except OSError as e:  # a name too long, a folder that cannot be listed...
        raise LoadError.at(shown, 1, 1, f"cannot read: {e.strerror or e}") from None
    if not exists:
        raise LoadError.at(shown, 1, 1, "no such file or folder")
    return [(p, shown)]


def load_model(path: str | os.PathLike[str]) -> Model:
    """Load and validate the model at ``path`` (a YAML file or a folder of them).

    Raises :class:`~goldenthread.model.errors.LoadError` when a file cannot be
    read as safe YAML, and :class:`~goldenthread.model.validate.SchemaError`
    when the model does not follow the format.
    """
    with collector_paused():
        documents = [(shown, read_yaml(real, shown)) for real, shown in model_files(path)]
        return validate(documents)


def example_path() -> Path:
    """Where the built-in Hampshire 2004/05 example is installed."""
    return Path(str(resources.files("goldenthread.model.examples").joinpath(EXAMPLE_NAME)))


def load_example() -> Model:
    """The built-in example: Hampshire County Council's IT strategy 2004/05."""
    name = f"<example>/{EXAMPLE_NAME}"
    with collector_paused():
        return validate([(name, read_yaml(example_path(), name))])
