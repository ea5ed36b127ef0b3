"""Benchmark the strategist's reports against ``check`` and against loading the model.

Run from the repository root (about 5 minutes on 2 cores at 100,000 entities)::

    python tests/benchmarks/bench_reports.py
    python tests/benchmarks/bench_reports.py --size 10000 --rounds 2   # quicker

Targets (issue 3):

* ``gaps`` and ``summary`` cost at most 1.3x ``check`` on the same model;
* ``trace`` and ``impact`` on one id answer within 1.5x of loading the model.

Each measurement runs the command in a fresh Python process, through click's
``CliRunner`` with its output captured, so it counts everything the user waits
for but the interpreter's start-up and imports: finding and loading the
model, the graph, the analysis and rendering the whole output.  "load" is
``load_model(path)`` alone.  The kinds are run in turn, ``--rounds`` times,
and each keeps its best time.

Both the CPU time of the process (``time.process_time``) and the wall time
are reported; the targets are judged on CPU time, which other work on a
shared machine barely moves, where wall time on 2 busy cores can swing by
50% from one run to the next.  Prints a Markdown table; exits 1 if a target
is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_model

#: kind -> (command line after "goldenthread", the exit code it must give); {path} and ids filled in.
COMMANDS: dict[str, tuple[list[str], int]] = {
    "check": (["check", "{path}"], 1),
    "gaps": (["gaps", "{path}"], 0),
    "summary": (["summary", "{path}"], 0),
    "trace aim": (["trace", "{aim}", "-m", "{path}"], 0),
    "trace project": (["trace", "{project}", "-m", "{path}"], 0),
    "impact project": (["impact", "{project}", "-m", "{path}"], 0),
    "impact theme": (["impact", "{theme}", "-m", "{path}"], 0),
}
#: kind -> (baseline kind, the most it may cost relative to the baseline)
TARGETS: dict[str, tuple[str, float]] = {
    "gaps": ("check", 1.3),
    "summary": ("check", 1.3),
    "trace aim": ("load", 1.5),
    "trace project": ("load", 1.5),
    "impact project": ("load", 1.5),
    "impact theme": ("load", 1.5),
}


def _worker(kind: str, path: str, ids: dict[str, str]) -> None:
    """Time one kind once in this (fresh) process and print the seconds."""
    if kind == "load":
        from goldenthread.model.loader import load_model

        wall, cpu = time.perf_counter(), time.process_time()
        load_model(path)
        print(json.dumps([time.process_time() - cpu, time.perf_counter() - wall]))
        return
    from click.testing import CliRunner

    from goldenthread.cli.main import cli

    args, code = COMMANDS[kind]
    argv = [a.format(path=path, **ids) for a in args]
    runner = CliRunner()
    wall, cpu = time.perf_counter(), time.process_time()
    result = runner.invoke(cli, argv, catch_exceptions=False)
    elapsed = [time.process_time() - cpu, time.perf_counter() - wall]
    if result.exit_code != code:
        raise SystemExit(f"{kind}: exit {result.exit_code}, expected {code}\n{result.stderr}")
    print(json.dumps(elapsed))


def _ids(path: str) -> dict[str, str]:
    """A well-linked aim, project and theme of the model: the first of each kind with a link."""
    from goldenthread.model.loader import load_model

    model = load_model(path)
    project = next(p for p in model.projects.values() if p.themes and not p.cancelled)
    theme = model.themes[project.themes[0]]
    return {"aim": theme.aims[0], "project": project.id, "theme": theme.id}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="entities in the generated model")
    parser.add_argument("--rounds", type=int, default=3, help="times each kind runs (best kept)")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "IDS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, path, ids = args.worker
        _worker(kind, path, json.loads(ids))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "model.yaml")
        Path(path).write_text(generate_model(args.size), encoding="utf-8")
        ids = _ids(path)
        kinds = ["load", *COMMANDS]
        cpu = dict.fromkeys(kinds, float("inf"))
        wall = dict.fromkeys(kinds, float("inf"))
        for r in range(args.rounds):
            for kind in kinds:
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", kind, path, json.dumps(ids)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                c, w = json.loads(out)
                cpu[kind], wall[kind] = min(cpu[kind], c), min(wall[kind], w)
                print(f"round {r + 1}: {kind:15s} cpu {c:6.2f} s  wall {w:6.2f} s", file=sys.stderr, flush=True)

    print(f"\n{args.size:,} entities (generate_model(n, seed=0)), best of {args.rounds} fresh processes, ids {ids}\n")
    print("| command | CPU s | wall s | relative to | CPU ratio | wall ratio | target | met |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |")
    failed = False
    for kind in kinds:
        row = f"| {kind} | {cpu[kind]:.2f} | {wall[kind]:.2f} |"
        if kind in TARGETS:
            base, limit = TARGETS[kind]
            ratio = cpu[kind] / cpu[base]
            met = ratio <= limit
            failed |= not met
            row += f" {base} | {ratio:.2f}x | {wall[kind] / wall[base]:.2f}x | {limit}x | {'yes' if met else 'NO'} |"
        else:
            row += " | | | | |"
        print(row)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
