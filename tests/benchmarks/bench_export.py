"""Benchmark the exports that hold a whole model against ``check`` on the same model.

Run from the repository root (a few minutes on 2 cores)::

    python tests/benchmarks/bench_export.py
    python tests/benchmarks/bench_export.py --rounds 1   # quicker
    python tests/benchmarks/bench_export.py --only xlsx  # the 10,000-entity pair only

Targets (issue 18):

* ``export --format xlsx`` at 10,000 entities costs at most 2x ``check``'s CPU time;
* ``export --format graphml`` at 100,000 entities costs at most 1.3x ``check``'s
  CPU time and 1.3x its peak memory.

Each measurement runs the command in a fresh Python process through click's
``CliRunner`` (the export written to a file in a temporary folder), so it
counts loading the model, the graph, the analysis and writing the file, but
not the interpreter's start-up and imports.  Peak memory is the process's
maximum resident set size (``ru_maxrss``), which includes the interpreter.
The kinds run in turn, ``--rounds`` times, and each keeps its best figures.
Prints a Markdown table; exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_model

#: kind -> (entities, command line after "goldenthread", the exit code it must give)
COMMANDS: dict[str, tuple[int, list[str], int]] = {
    "check 10k": (10_000, ["check", "{path}"], 1),
    "export xlsx 10k": (10_000, ["export", "{path}", "--format", "xlsx", "-o", "{out}.xlsx"], 0),
    "check 100k": (100_000, ["check", "{path}"], 1),
    "export graphml 100k": (100_000, ["export", "{path}", "--format", "graphml", "-o", "{out}.graphml"], 0),
}
#: kind -> (baseline kind, most CPU time relative to it, most peak memory relative to it or None)
TARGETS: dict[str, tuple[str, float, float | None]] = {
    "export xlsx 10k": ("check 10k", 2.0, None),
    "export graphml 100k": ("check 100k", 1.3, 1.3),
}


def _worker(kind: str, path: str, out: str) -> None:
    """Run one kind once in this (fresh) process; print CPU s, wall s and peak RSS in MiB."""
    from click.testing import CliRunner

    from goldenthread.cli.main import cli

    _, args, code = COMMANDS[kind]
    argv = [a.format(path=path, out=out) for a in args]
    wall, cpu = time.perf_counter(), time.process_time()
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    elapsed = [time.process_time() - cpu, time.perf_counter() - wall]
    if result.exit_code != code:
        raise SystemExit(f"{kind}: exit {result.exit_code}, expected {code}\n{result.stderr}")
    print(json.dumps([*elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="times each kind runs (best kept)")
    parser.add_argument("--only", choices=("xlsx", "graphml"), help="time one export and its check only")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0

    size_of = {"xlsx": 10_000, "graphml": 100_000}
    kinds = {k: v for k, v in COMMANDS.items() if args.only is None or v[0] == size_of[args.only]}
    best: dict[str, list[float]] = {k: [float("inf")] * 3 for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for size in sorted({n for n, _, _ in kinds.values()}):
            paths[size] = str(Path(tmp) / f"model-{size}.yaml")
            Path(paths[size]).write_text(generate_model(size), encoding="utf-8")
        for r in range(args.rounds):
            for kind, (size, _, _) in kinds.items():
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", kind, paths[size], str(Path(tmp) / "out")],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                figures = json.loads(out)
                best[kind] = [min(a, b) for a, b in zip(best[kind], figures, strict=True)]
                c, w, m = figures
                print(f"round {r + 1}: {kind:20s} cpu {c:6.2f} s  wall {w:6.2f} s  {m:7.0f} MiB", file=sys.stderr)

    print(f"\ngenerate_model(n, seed=0), best of {args.rounds} fresh processes\n")
    print("| command | CPU s | wall s | peak MiB | relative to | CPU ratio | memory ratio | target | met |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |")
    failed = False
    for kind in kinds:
        cpu, wall, mem = best[kind]
        row = f"| {kind} | {cpu:.2f} | {wall:.2f} | {mem:.0f} |"
        if kind in TARGETS:
            base, cpu_limit, mem_limit = TARGETS[kind]
            cpu_ratio = cpu / best[base][0]
            mem_ratio = mem / best[base][2]
            met = cpu_ratio <= cpu_limit and (mem_limit is None or mem_ratio <= mem_limit)
            failed |= not met
            target = f"{cpu_limit}x CPU" + (f", {mem_limit}x memory" if mem_limit else "")
            row += f" {base} | {cpu_ratio:.2f}x | {mem_ratio:.2f}x | {target} | {'yes' if met else 'NO'} |"
        else:
            row += " | | | | |"
        print(row)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
