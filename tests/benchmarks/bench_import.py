"""Benchmark the spreadsheet path back into a model against ``check``, in the same run: ratios, not seconds.

Run from the repository root::

    python tests/benchmarks/bench_import.py                  # 10,000 entities
    python tests/benchmarks/bench_import.py --sizes 1000 10000 --repeat 5

For each size it writes a generated model (``generate.py``) and its workbook
(``export --format xlsx``), changes one cell of the workbook (a project's
budget), and times in turn, each in a fresh process as a user runs it:

* ``goldenthread check MODEL``: the yardstick;
* ``goldenthread import WORKBOOK -o NEW.yaml --force``: a new model from the workbook;
* ``goldenthread import CHANGED --merge -m COPY``: the one-cell change merged into a copy of the model.

It reports the best CPU time (user + system) of each and its ratio to
``check``'s; CPU time, because a machine shared with other work inflates it less
than wall time.  The issue's targets: import <= 3x check, merge of one cell <= 2x.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_model


def _cpu(args: list[str]) -> float:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on the generated model's gaps
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return float(usage.ru_utime + usage.ru_stime)


def _one_cell_changed(book: Path, out: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Projects"]
    column = [c.value for c in ws[1]].index("budget") + 1
    row = ws.max_row // 2
    ws.cell(row, column).value = (ws.cell(row, column).value or 0) + 1
    wb.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    exe = [sys.executable, "-m", "goldenthread.cli"]
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| entities | `check` CPU (s) | `import` CPU (s) | ratio | `import --merge`, one cell, CPU (s) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in ns.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            model = root / "model.yaml"
            model.write_text(generate_model(n), encoding="utf-8")
            book = root / "model.xlsx"
            subprocess.run([*exe, "export", str(model), "--format", "xlsx", "-o", str(book)], check=True)
            changed = root / "changed.xlsx"
            _one_cell_changed(book, changed)
            best = {"check": float("inf"), "import": float("inf"), "merge": float("inf")}
            for _ in range(ns.repeat):
                best["check"] = min(best["check"], _cpu([*exe, "check", str(model)]))
                new = root / "new.yaml"
                best["import"] = min(best["import"], _cpu([*exe, "import", str(book), "-o", str(new), "--force"]))
                copy = root / "copy.yaml"
                shutil.copyfile(model, copy)
                best["merge"] = min(best["merge"], _cpu([*exe, "import", str(changed), "--merge", "-m", str(copy)]))
            c = best["check"]
            print(
                f"| {n:,} | {c:.2f} | {best['import']:.2f} | {best['import'] / c:.2f} "
                f"| {best['merge']:.2f} | {best['merge'] / c:.2f} |"
            )


if __name__ == "__main__":
    main()
