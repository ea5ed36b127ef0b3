"""Benchmark one edit on a large model: ``goldenthread set`` and ``goldenthread add`` as a user runs them.

Run from the repository root::

    python tests/benchmarks/bench_edit.py                  # 10,000 entities
    python tests/benchmarks/bench_edit.py --sizes 1000 10000 --repeat 5

For each size it writes a generated model (``generate.py``) to a temporary
file, then times, each in a fresh process (interpreter start-up, imports,
reading, the edit, validating the whole model before and after, the findings
introduced and resolved, and the atomic write all included):

* ``goldenthread set ID owner TEXT`` on a project in the middle of the file;
* ``goldenthread add project ID --title T --theme THEME``;
* ``goldenthread link PROJECT AIM``.

It reports the best wall time and the CPU time (user + system) of the child,
which a busy machine inflates less.  The issue's target: under 3 s at 10,000 entities.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_model


def _run(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def _ids(text: str, prefix: str) -> list[str]:
    return [line.strip().rstrip(":") for line in text.splitlines() if line.startswith(f"  {prefix}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    exe = [sys.executable, "-m", "goldenthread.cli"]
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| entities | edit | best wall (s) | best CPU (s) |")
    print("|---:|---|---:|---:|")
    for n in ns.sizes:
        text = generate_model(n)
        projects, themes, aims = _ids(text, "proj-"), _ids(text, "theme-"), _ids(text, "aim-")
        middle = projects[len(projects) // 2]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.yaml"
            edits = {
                "set owner": [["set", middle, "owner", f"Owner {i}"] for i in range(ns.repeat)],
                "add project": [
                    ["add", "project", f"new-{i}", "--title", "New", "--theme", themes[0]] for i in range(ns.repeat)
                ],
                "link": [["link", projects[i], aims[-1]] for i in range(ns.repeat)],
            }
            for name, runs in edits.items():
                best_wall = best_cpu = float("inf")
                for args in runs:
                    path.write_text(text)
                    wall, cpu = _run([*exe, *args, "-m", str(path)])
                    best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
                print(f"| {n:,} | {name} | {best_wall:.2f} | {best_cpu:.2f} |")


if __name__ == "__main__":
    main()
