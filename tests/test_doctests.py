"""The examples in the library's docstrings run, and say what they show.

pytest's ``--doctest-modules`` collects files by path, and the three folders
are installed under other names (``model/`` is ``goldenthread.model``), so
under ``--import-mode=importlib`` it would import them a second time under
the wrong names.  Instead this test walks the installed ``goldenthread``
package and runs :mod:`doctest` over each module, one test per module.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
from types import ModuleType

import pytest

PACKAGES = ("goldenthread.model", "goldenthread.traceability", "goldenthread.cli")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _module_names() -> list[str]:
    names: list[str] = []
    for package in PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        # pkgutil lists without importing; __main__ modules run the program when imported.
        names.extend(
            info.name
            for info in pkgutil.walk_packages(path, prefix=f"{package}.", onerror=lambda name: None)
            if not info.name.endswith(".__main__")
        )
    return sorted(names)


def _examples(module: ModuleType) -> list[doctest.DocTest]:
    # Only the module's own objects: a name imported from elsewhere is tested where it is defined.
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [t for t in finder.find(module, module.__name__) if t.examples]


MODULES = _module_names()


@pytest.mark.parametrize(
    "name",
    [
        "goldenthread.model.collector",
        "goldenthread.traceability.attribution",
        "goldenthread.traceability.benefits",
        "goldenthread.traceability.context",
        "goldenthread.traceability.graph",
        "goldenthread.traceability.matrix",
        "goldenthread.traceability.reach",
        "goldenthread.traceability.trace",
    ],
)
def test_the_analyses_have_examples(name: str) -> None:
    assert name in MODULES
    assert _examples(importlib.import_module(name))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every module imports, and every example in its docstrings gives the output shown."""
    module = importlib.import_module(name)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in _examples(module):
        runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()
