"""Benchmark ``goldenthread diff`` and ``check --baseline`` against ``check`` of one side.

Run from the repository root (a few minutes at 100,000 entities)::

    python tests/benchmarks/bench_diff.py
    python tests/benchmarks/bench_diff.py --sizes 10000     # quicker

For each size it writes a generated model (``generate.py``) and a copy with
1% of its entities changed (budgets re-split, titles revised, a few entities
added and removed), then measures, each in a fresh Python process:

* ``check`` of NEW: the library calls behind ``goldenthread check NEW``;
* ``diff``: the calls behind ``goldenthread diff OLD NEW`` (load both, analyse
  both, compare, render text);
* ``check --baseline``: the calls behind ``goldenthread check NEW --baseline OLD``.

The three are interleaved, ``--repeat`` rounds (default 5 up to 10,000
entities, else 2), each run in a fresh process; the best of each is kept.

Targets (issue 10): ``diff`` within 2.5x ``check``, ``check --baseline``
within 2x ``check``.  The table is Markdown, for docs/change-control.md.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_model

TARGETS = {"diff": 2.5, "baseline": 2.0}
#: How the sides are loaded: as the command decides (auto), or forced to two processes or one.
_MODE = "auto"


def changed_copy(text: str, share: float = 0.01) -> str:
    """The model with about ``share`` of its entities changed, deterministically."""
    lines = text.split("\n")
    entity_lines = [i for i, line in enumerate(lines) if line.startswith("  ") and not line.startswith("   ")]
    step = max(1, round(1 / share))
    for n, i in enumerate(entity_lines[::step]):
        j = i + 1
        if lines[j].startswith("    title: "):
            lines[j] += " (revised)" if n % 2 else ""
        k = j
        while k < len(lines) and lines[k].startswith("    "):
            if lines[k].startswith("    budget: ") and n % 2 == 0:
                lines[k] = "    budget: 1234000"
            k += 1
    return "\n".join(lines)


def _worker(kind: str, old: str, new: str, repeat: int) -> None:
    from goldenthread.model.collector import collector_paused
    from goldenthread.traceability.check import check_model
    from goldenthread.traceability.diff import diff
    from goldenthread.traceability.render.check import render_check
    from goldenthread.traceability.render.diff import DiffSides, render_diff
    from goldenthread.traceability.sides import analyse_pair, baseline_and

    def run_check() -> object:
        return render_check(check_model(new), "text")

    def run_diff() -> object:
        a, b = analyse_pair(old, new)
        return render_diff(diff(a, b), "text", DiffSides(old, new))

    def run_baseline() -> object:
        known, result = baseline_and(old, lambda: check_model(new))
        known.new(result.findings)
        return render_check(result, "text", baseline=known)

    if _MODE != "auto":
        from goldenthread.traceability import sides

        sides._parallel = lambda: _MODE == "parallel"  # type: ignore[attr-defined]
        sides._large = lambda old, new: True  # type: ignore[attr-defined]
    run = {"check": run_check, "diff": run_diff, "baseline": run_baseline}[kind]
    times = []
    for _ in range(repeat):
        # As the command group does: the collector paused once around the whole command.
        with collector_paused():
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    print(json.dumps({"times": times}))


def _in_process(kind: str, old: Path, new: Path, repeat: int) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--mode", _MODE, "--worker", kind, str(old), str(new), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return min(json.loads(out)["times"])


def machine() -> list[str]:
    cpu = "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        cpu = next((ln.split(":", 1)[1].strip() for ln in lscpu.splitlines() if ln.startswith("Model name")), cpu)
    except OSError:
        pass
    return [
        f"- machine: {os.cpu_count()} CPUs (`nproc`), {cpu}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}",
        f"- load average (1/5/15 min) at start: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, help="rounds (default 5 up to 10,000 entities, else 2)")
    parser.add_argument(
        "--mode",
        choices=("auto", "parallel", "serial"),
        default="auto",
        help="load the two sides as the command decides, or always in two processes, or always in one",
    )
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global _MODE
    _MODE = args.mode
    if args.worker:
        _worker(args.worker[0], args.worker[1], args.worker[2], int(args.worker[3]))
        return 0
    print("\n".join(machine()))
    print(f"- sides loaded: {args.mode}")
    print()
    print("| entities | `check` NEW | `diff` OLD NEW | diff / check | `check --baseline` | baseline / check |")
    print("|---:|---:|---:|---:|---:|---:|")
    missed = []
    with tempfile.TemporaryDirectory(prefix="gt-bench-diff-") as tmp:
        for n in args.sizes:
            repeat = args.repeat or (5 if n <= 10_000 else 2)
            text = generate_model(n)
            old, new = Path(tmp) / f"old-{n}.yaml", Path(tmp) / f"new-{n}.yaml"
            old.write_text(text, encoding="utf-8")
            new.write_text(changed_copy(text), encoding="utf-8")
            print(f"... {n:,} entities, best of {repeat}", file=sys.stderr)
            # Interleaved, a fresh process each time: a machine whose load drifts skews all three alike.
            best = {"check": float("inf"), "diff": float("inf"), "baseline": float("inf")}
            for _ in range(repeat):
                for kind in best:
                    best[kind] = min(best[kind], _in_process(kind, old, new, 1))
            check, d, b = best["check"], best["diff"], best["baseline"]
            for kind, t in (("diff", d), ("baseline", b)):
                if t / check > TARGETS[kind]:
                    missed.append(f"{kind} at {n:,} entities: {t / check:.2f}x check (target {TARGETS[kind]}x)")
            print(f"| {n:,} | {check:.2f} s | {d:.2f} s | **{d / check:.2f}** | {b:.2f} s | **{b / check:.2f}** |")
    print()
    print(
        "Targets missed: " + "; ".join(missed) + "."
        if missed
        else "Targets met: diff within 2.5x check, check --baseline within 2x check."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
