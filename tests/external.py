"""Where the tests find the real programs that read goldenthread's outputs.

Each finder returns the program's path, or skips the test on a workstation
without it, and FAILS under CI (``CI`` set): ``.ci/run`` installs every one of
them, so a test that reads an output with the real program never silently
stops running there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: npm packages the tests use, installed by .ci/run from .ci/tools/package.json.
NODE_BIN = ROOT / ".ci" / "tools" / "node_modules" / ".bin"
#: Mermaid's renderer starts Debian's Chromium with these options.
PUPPETEER_CONFIG = ROOT / ".ci" / "tools" / "puppeteer-config.json"


def unavailable(reason: str, install: str) -> None:
    """Skip here, fail under CI: ``install`` says how CI gets it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must have it ({install})", pytrace=False)
    pytest.skip(reason)


def system_program(name: str, install: str) -> str:
    """The path of a program on PATH (Graphviz ``dot``, ``soffice``, ``pdftotext``, ``git``...)."""
    found = shutil.which(name)
    if found is None:
        unavailable(f"{name} is not installed", install)
    return str(found)


def node_program(name: str) -> str:
    """The path of a program from .ci/tools (``mmdc``, ``sarif-multitool``)."""
    path = NODE_BIN / name
    if not path.exists():
        unavailable(f"{path} is not installed", "cd .ci/tools && PUPPETEER_SKIP_DOWNLOAD=1 npm install")
    return str(path)
