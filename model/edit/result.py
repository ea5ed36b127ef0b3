"""What an edit gives: the new text of each file it changes, what it did, and writing it.

Kept apart from :mod:`~goldenthread.model.edit.session`, which plans edits,
so that a renderer of an edit's outcome reads the result without the planning.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from goldenthread.model.edit.atomic import write_atomic_group
from goldenthread.model.edit.sourcefile import SourceFile
from goldenthread.model.edit.values import EditError
from goldenthread.model.errors import LoadError
from goldenthread.model.types import Finding, Model
from goldenthread.model.validate import SchemaError, validate
from goldenthread.model.yamlread import Map, parse_yaml

__all__ = ["EditRefused", "EditResult", "FileChange", "checked", "write_edit"]


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file an edit changes: its old and new text (``\\n`` line breaks)."""

    source: SourceFile
    old: str
    new: str
    created: bool = False
    #: The new text's data when it could be had without reading it again (see ``patchdata``).
    data: Map | None = None

    def diff(self) -> str:
        """The unified diff of the file, old to new."""
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile="/dev/null" if self.created else self.source.name,
            tofile=self.source.name,
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass(frozen=True, slots=True)
class EditResult:
    """What an edit does: the files it changes, what it says it did, the model before and after."""

    files: list[FileChange]
    changes: list[str]
    after: Model | None
    #: The model before the edit, validated when first asked for: ``import --merge`` never asks, and
    #: validating a model of 10,000 entities once more was an eighth of its time.
    validated_before: Callable[[], Model | None]
    #: old id -> new id, so that findings about a renamed entity are matched.
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def before(self) -> Model | None:
        """The model before the edit (None when it did not validate)."""
        return self.validated_before()

    def diff(self) -> str:
        return "".join(f.diff() for f in self.files)


def write_edit(result: EditResult) -> list[str]:
    """Write every changed file atomically, as one group (all or none); return the names written."""
    for change in result.files:
        if change.created:
            change.source.path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic_group({str(c.source.path): c.source.encode(c.new) for c in result.files})
    return [c.source.name for c in result.files]


def checked(files: list[SourceFile], changed: list[FileChange]) -> tuple[Model | None, Callable[[], Model | None]]:
    """The model after the changes, and a function giving the model before (validated once, when first called).

    Raises :class:`EditRefused` when the changes add schema errors.
    """
    change_of = {id(c.source): c for c in changed}
    documents: list[tuple[str, Map]] = []
    for source in files:
        change = change_of.get(id(source))
        if change is None:
            documents.append((source.name, source.data))
            continue
        if change.data is not None:
            documents.append((source.name, change.data))
            continue
        try:
            documents.append((source.name, parse_yaml(change.new, source.name)))
        except LoadError as e:
            raise EditError(f"not changed: the edited file would not read back: {e.findings[0].message}") from None
    originals = [(s.name, s.data) for s in files if s.raw]

    @functools.cache
    def before() -> Model | None:
        try:
            return validate(originals)
        except SchemaError:
            return None

    try:
        after = validate(documents)
    except SchemaError as e:
        # Only the errors the change brings refuse it: those the model had before are the user's to mend.
        before_errors: set[str] = set()
        try:
            validate(originals)
        except SchemaError as was:
            before_errors = {f.message for f in was.findings}
        new = [f for f in e.findings if f.message not in before_errors]
        if new:
            raise EditRefused(new) from None
        after = None
    return after, before


class EditRefused(EditError):
    """The edit would give the model schema errors it did not have; ``findings`` are those errors."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        where = findings[0].pos
        at = f" ({where})" if where is not None else ""
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"not changed: the edit would make the model invalid: {findings[0].message}{at}{more}")
