"""Golden outputs: every read-only command, in every text format, on every test model and the example.

Each case runs the installed CLI in-process on a fresh copy of ``tests/models/``
(working directory: the copy's root, so file positions read ``models/...``) with
a fixed environment, and keeps its exit code, standard output, standard error
and any file it writes. ``tests/test_golden.py`` runs every case again and
compares byte for byte: a refactoring must not change what users see.

After an intended change of an output, record them again and review the diff::

    python tests/golden/record.py

Left out: ``history`` (commit dates and hashes), ``render``/``report`` (HTML,
tested in a browser) and ``export --format xlsx`` (a zip with timestamps).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
MODELS = HERE.parent / "models"
OUTPUTS = HERE / "outputs"


@dataclass(frozen=True)
class Case:
    """One command line, and the files it writes (relative to the working directory) to keep."""

    name: str
    argv: tuple[str, ...]
    writes: tuple[str, ...] = ()


def _models() -> list[tuple[str, str]]:
    """(case-name part, argument) for the example and every model under tests/models/.

    A folder directly under ``good/`` or ``bad/`` is one model; every other YAML file is one.
    """
    found = [("example", "--example")]
    folders = [p for p in MODELS.glob("*/*") if p.is_dir()]
    for path in sorted([*folders, *MODELS.rglob("*.y*ml")]):
        if path.is_file() and any(f in path.parents for f in folders):
            continue
        rel = path.relative_to(MODELS).as_posix()
        found.append((rel.replace("/", "~"), f"models/{rel}"))
    return found


REPORTS = {
    "check": ("text", "json", "github", "sarif", "junit"),
    "gaps": ("text", "markdown", "csv", "json"),
    "benefits": ("text", "markdown", "csv", "json"),
    "summary": ("text", "markdown", "csv", "json"),
    "matrix": ("text", "markdown", "csv", "json"),
    "export": ("json", "graphml", "gexf", "dot", "mermaid"),
}

#: (model argument, ids) for trace and impact.
ENTITIES = {
    "--example": ("aim-5-improving-services", "theme-self-service", "proj-email", "ben-efficiency-savings", "nope"),
    "models/portfolio.yaml": ("a1", "t1", "p1", "b1"),
    "models/good/complete.yaml": ("aim-1", "web", "portal", "online-payments"),
}

DIFFS = (
    ("models/good/complete.yaml", "models/portfolio.yaml"),
    ("models/portfolio.yaml", "models/change/care.yaml"),
    ("models/formatting/two-space.yaml", "models/formatting/four-space.yaml"),
    ("models/good/complete.yaml", "models/bad/ref-missing.yaml"),
)

#: Editing commands, each on a fresh copy: (name, argv); the edited file is kept.
EDITS = (
    ("add-project", ("add", "project", "p9", "--title", "New", "--theme", "t1", "--budget", "1,200")),
    ("add-benefit", ("add", "benefit", "b9", "--title", "Saved", "--project", "p1", "--unit", "GBP", "--target", "9")),
    ("add-bad", ("add", "theme", "t1", "--title", "Taken", "--aim", "a0")),
    ("set", ("set", "p1", "budget", "5000", "status", "completed", "owner", "Jo")),
    ("set-measure", ("set", "b1", "measure.baseline", "10")),
    ("set-bad", ("set", "p1", "budjet", "5")),
    ("unset", ("set", "p1", "--unset", "budget")),
    ("link", ("link", "p2", "t1")),
    ("unlink", ("unlink", "t1", "a1")),
    ("rename", ("rename", "t1", "t9")),
    ("remove-cascade", ("remove", "t1", "--cascade")),
    ("remove-refused", ("remove", "t1")),
    ("waive", ("waive", "a1", "aim-without-evidence")),
    ("measure", ("measure", "b1", "42", "--date", "2024-01-02", "--source", "survey")),
)


def cases() -> list[Case]:
    """Every golden case, in a stable order."""
    out: list[Case] = []
    for label, model in _models():
        # A model that does not load says so the same way in every report: check shows it in every format.
        reports = {"check": REPORTS["check"], "gaps": ("json",)} if label.startswith("bad~") else REPORTS
        for command, formats in reports.items():
            for fmt in formats:
                out.append(Case(f"{command}-{fmt}@{label}", (command, model, "--format", fmt)))
        if label.startswith("bad~"):
            continue
        for cols in ("themes", "projects"):
            out.append(Case(f"matrix-budget-{cols}@{label}", ("matrix", model, "--cols", cols, "--value", "budget")))
        out.append(Case(f"check-strict@{label}", ("check", model, "--strict")))
        out.append(
            Case(
                f"export-csv@{label}",
                ("export", model, "--format", "csv", "-o", "csv"),
                ("csv/nodes.csv", "csv/edges.csv", "csv/measurements.csv", "csv/model.csv"),
            )
        )
    for model, ids in ENTITIES.items():
        label = "example" if model == "--example" else model.removeprefix("models/").replace("/", "~")
        for eid in ids:
            for fmt in ("text", "json"):
                out.append(Case(f"trace-{eid}-{fmt}@{label}", ("trace", eid, model, "--format", fmt)))
                out.append(Case(f"impact-{eid}-{fmt}@{label}", ("impact", eid, model, "--format", fmt)))
            out.append(Case(f"trace-{eid}-up@{label}", ("trace", eid, model, "--up")))
            out.append(Case(f"trace-{eid}-down@{label}", ("trace", eid, model, "--down")))
    for fmt in ("text", "json"):
        scenario = ("impact", "t1", "p2", "--cut", "p1=10", "models/portfolio.yaml", "--format", fmt)
        out.append(Case(f"impact-scenario-{fmt}@portfolio.yaml", scenario))
    for old, new in DIFFS:
        label = f"{Path(old).stem}~{Path(new).stem}"
        for fmt in ("text", "markdown", "json"):
            out.append(Case(f"diff-{fmt}@{label}", ("diff", old, new, "--format", fmt)))
        out.append(Case(f"check-baseline@{label}", ("check", new, "--baseline", old, "--format", "json")))
    out.append(Case("schema", ("schema",)))
    for command in ("add", "benefits", "check", "diff", "export", "gaps", "impact", "matrix", "summary", "trace"):
        out.append(Case(f"schema-{command}", ("schema", "--output", command)))
    model = "models/portfolio.yaml"
    for name, argv in EDITS:
        for fmt in ("text", "json"):
            out.append(
                Case(
                    f"edit-{name}-{fmt}",
                    (*argv, "-m", "models/portfolio.yaml", "--format", fmt),
                    ("models/portfolio.yaml",),
                )
            )
        out.append(Case(f"edit-{name}-dry-run", (*argv, "-m", "models/portfolio.yaml", "--dry-run"), (model,)))
    return out


_shared: list[Path] = []


@contextmanager
def _workdir(writes: bool) -> Iterator[Path]:
    """A copy of tests/models/ to run in: a fresh one for a case that writes, else one shared by all."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        if writes:
            shutil.copytree(MODELS, root / "models")
        else:
            if not _shared:
                _shared.append(Path(tempfile.mkdtemp()).resolve())
                shutil.copytree(MODELS, _shared[0] / "models")
                atexit.register(shutil.rmtree, _shared[0], True)
            root = _shared[0]
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(old)


def run(case: Case) -> bytes:
    """The case's exit code, outputs and written files, as one document."""
    from click.testing import CliRunner

    from goldenthread.cli.main import cli

    env = {"NO_COLOR": "1", "COLUMNS": None, "GOLDENTHREAD_MODEL": None, "GITHUB_ACTIONS": None}
    with _workdir(bool(case.writes)) as root:
        result = CliRunner().invoke(cli, list(case.argv), env=env, catch_exceptions=False)
        parts = [f"$ goldenthread {' '.join(case.argv)}\nexit: {result.exit_code}\n--- stdout\n".encode()]
        parts += [result.stdout_bytes, b"--- stderr\n", result.stderr_bytes]
        for name in case.writes:
            path = root / name
            parts += [f"--- {name}\n".encode(), path.read_bytes() if path.exists() else b"(not written)\n"]
    # The working directory differs each run (SARIF names it as the source root), and so does
    # where the built-in example is installed (SARIF points at its file by an absolute URI).
    from urllib.parse import quote

    from goldenthread.model.loader import example_path

    examples = str(example_path().resolve().parent)
    out = b"".join(parts).replace(str(root).encode(), b"<work>")
    return out.replace(quote(examples).encode(), b"<examples>").replace(examples.encode(), b"<examples>")


def path_of(case: Case) -> Path:
    return OUTPUTS / f"{case.name}.txt"


def main() -> None:
    if OUTPUTS.exists():
        shutil.rmtree(OUTPUTS)
    OUTPUTS.mkdir()
    for case in cases():
        path_of(case).write_bytes(run(case))
    print(f"recorded {len(cases())} outputs in {OUTPUTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
