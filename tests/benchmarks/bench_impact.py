"""Benchmark ``impact`` against ``check`` where it used to be quadratic: one project reaching every aim.

Run from the repository root::

    python tests/benchmarks/bench_impact.py                 # 2,000 to 100,000 aims
    python tests/benchmarks/bench_impact.py --sizes 8000    # quicker

The model has N aims, one theme supporting them all and one budgeted
project delivering the theme, so cancelling the project touches every aim:
before the fix each aim re-walked the project's reach (8,000 aims took 37 s).
Each measurement runs in a fresh Python process (``check_model(path)``, and
``impact(graph, "p")`` after loading, build included) and takes the best of
``--repeat`` runs.  The target: ``impact`` within 2x ``check``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time


def generate(n: int) -> str:
    aims = "".join(f"  a{i}: {{title: Aim {i}}}\n" for i in range(n))
    refs = "".join(f"      - a{i}\n" for i in range(n))
    return (
        f"aims:\n{aims}themes:\n  t:\n    title: Everything\n    aims:\n{refs}"
        "projects:\n  p: {title: Everything, budget: 1000000, themes: [t]}\n"
    )


def _worker(kind: str, path: str, repeat: int) -> None:
    from goldenthread.model.loader import load_model
    from goldenthread.traceability.check import check_model
    from goldenthread.traceability.graph import build_graph
    from goldenthread.traceability.impact import impact

    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if kind == "check":
            check_model(path)
        else:
            result = impact(build_graph(load_model(path)), "p")
            assert len(result.investment) > 0
        times.append(time.perf_counter() - t0)
    print(json.dumps(min(times)))


def _measure(kind: str, path: str, repeat: int) -> float:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, path, str(repeat)], check=True, capture_output=True, text=True
    )
    return float(json.loads(done.stdout))


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        _worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("| aims | check (s) | impact (s) | impact / check |")
    print("|---:|---:|---:|---:|")
    for n in args.sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(generate(n))
        try:
            check = _measure("check", f.name, args.repeat)
            impact = _measure("impact", f.name, args.repeat)
        finally:
            os.unlink(f.name)
        print(f"| {n:,} | {check:.2f} | {impact:.2f} | {impact / check:.2f} |")


if __name__ == "__main__":
    main()
