"""Start-up: ``goldenthread --help`` and ``check`` of a tiny model against ``python -c "import networkx"``.

Run from the repository root::

    python tests/benchmarks/bench_startup.py --repeat 15

Each command runs in a fresh process, the three in turn, ``--repeat`` times; the
best CPU time (user + system) of each is kept, which a busy machine inflates
less than wall time, and reported as a ratio to importing networkx (which
every command that reads a model needs).  The issue's targets: ``--help`` at
most 0.5 times, ``check`` of a tiny model at most 1.2 times.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

TINY = "aims:\n  a1:\n    title: One aim\nthemes:\n  t1:\n    title: One theme\n    aims: [a1]\n"


def _cpu(args: list[str]) -> float:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def measure(repeat: int) -> dict[str, float]:
    """Best CPU seconds of each command over ``repeat`` rounds taken in turn."""
    script = str(Path(sys.executable).with_name("goldenthread"))
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "goldenthread.yaml"
        model.write_text(TINY, encoding="utf-8")
        commands = {
            "import networkx": [sys.executable, "-c", "import networkx"],
            "goldenthread --help": [script, "--help"],
            "goldenthread check (tiny model)": [script, "check", str(model)],
        }
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(repeat):
            for name, args in commands.items():
                best[name] = min(best[name], _cpu(args))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    ns = parser.parse_args()
    best = measure(ns.repeat)
    base = best["import networkx"]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| command | best CPU (s) | / import networkx |")
    print("|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| `{name}` | {seconds:.3f} | {seconds / base:.2f} |")


if __name__ == "__main__":
    main()
