"""Load a model from a file or folder: the one entry point from paths to a :class:`Model`."""

from __future__ import annotations

import os
from pathlib import Path

from goldenthread.model.collector import collector_paused
from goldenthread.model.errors import LoadError
from goldenthread.model.types import Model
from goldenthread.model.validate import validate
from goldenthread.model.yamlread import read_yaml

__all__ = ["EXAMPLE_NAME", "load_example", "load_model", "model_files"]

EXAMPLE_NAME = "hampshire.yaml"
_SUFFIXES = (".yaml", ".yml")


def display_name(name: str) -> str:
    r"""A path as it can be shown: bytes that were not UTF-8 (kept by Python as lone surrogates) as U+FFFD.

    >>> display_name("caf\udce9.yaml")
    'caf�.yaml'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def model_files(path: str | os.PathLike[str]) -> list[tuple[Path, str]]:
    """The files that make up the model at ``path``: (path to open, name to report), sorted by path.

    A folder is read whole, through its subfolders: a file or folder that
    cannot be read is a :class:`LoadError`, never passed over, and symbolic
    links (to files or folders) are followed, a link back into a folder
    being walked is refused.
    """
    p = Path(path)
    shown = display_name(os.fspath(path))
    try:
        if p.is_dir():
            found = _once(sorted(_walk(p, shown), key=lambda f: f[1].as_posix()))
            if not found:
                raise LoadError.at(shown, 1, 1, "folder holds no *.yaml or *.yml files")
            return [(f, display_name(os.path.join(os.fspath(path), rel.as_posix()))) for f, rel in found]
        exists = p.exists()
        is_link = p.is_symlink()
    except OSError as e:  # a name too long, a folder that cannot be listed...
        raise LoadError.at(shown, 1, 1, f"cannot read: {e.strerror or e}") from None
    if not exists:
        raise LoadError.at(shown, 1, 1, "a broken symbolic link" if is_link else "no such file or folder")
    return [(p, shown)]


def _once(found: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Each file once, under the first of its names: a link to a folder of the model adds no second copy."""
    seen: set[tuple[int, int]] = set()
    out = []
    for f, rel in found:
        st = f.stat()
        key = (st.st_dev, st.st_ino)
        if key not in seen:
            seen.add(key)
            out.append((f, rel))
    return out


def _walk(top: Path, shown: str) -> list[tuple[Path, Path]]:
    """(path, path relative to ``top``) of every model file under ``top``, failing on what cannot be read."""
    found: list[tuple[Path, Path]] = []
    # Each entry: a folder, its path relative to top, and the (device, inode) of the folders above it and itself.
    pending: list[tuple[Path, Path, frozenset[tuple[int, int]]]] = []
    st = top.stat()
    pending.append((top, Path(), frozenset({(st.st_dev, st.st_ino)})))
    while pending:
        folder, rel, above = pending.pop()
        where = display_name(os.path.join(shown, rel.as_posix())) if rel.parts else shown
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            raise LoadError.at(where, 1, 1, f"cannot read folder: {e.strerror or e}") from None
        for entry in entries:
            child = rel / entry.name
            child_shown = display_name(os.path.join(shown, child.as_posix()))
            try:
                is_dir = entry.is_dir()  # follows links
                is_file = not is_dir and entry.is_file()
                is_link = entry.is_symlink()
                target = os.stat(entry.path) if is_dir or is_file else None
            except OSError as e:
                raise LoadError.at(child_shown, 1, 1, f"cannot read: {e.strerror or e}") from None
            if is_dir and target is not None:
                key = (target.st_dev, target.st_ino)
                if key in above:
                    raise LoadError.at(
                        child_shown, 1, 1, "symbolic link loops back to a folder that holds it; remove or replace it"
                    )
                pending.append((Path(entry.path), child, above | {key}))
            elif Path(entry.name).suffix in _SUFFIXES:
                if is_link and target is None:
                    raise LoadError.at(child_shown, 1, 1, "a broken symbolic link")
                if not is_file:
                    raise LoadError.at(child_shown, 1, 1, "not a regular file: expected a YAML file")
                found.append((Path(entry.path), child))
    return found


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
    from importlib import resources  # only for the example: a cost at start-up for every command otherwise

    return Path(str(resources.files("goldenthread.model.examples").joinpath(EXAMPLE_NAME)))


def load_example() -> Model:
    """The built-in example: Hampshire County Council's IT strategy 2004/05."""
    name = f"<example>/{EXAMPLE_NAME}"
    with collector_paused():
        return validate([(name, read_yaml(example_path(), name))])
