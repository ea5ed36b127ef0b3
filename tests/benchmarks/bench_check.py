"""Benchmark ``goldenthread check`` against the floor of loading the same file with PyYAML's C loader.

Run from the repository root (takes 3-5 minutes on 2 cores, mostly at 100,000 entities)::

    python tests/benchmarks/bench_check.py
    python tests/benchmarks/bench_check.py --sizes 1000 10000   # quicker
    python tests/benchmarks/bench_check.py --against HEAD --sizes 100000   # before/after, one run

With ``--against REV`` it instead compares the package as it is at git
revision ``REV`` ("before") with the working tree ("after") in one run:
the two are timed in turn, ``--pairs`` times each, so that the load of the
machine falls on both alike (see :func:`_compare`).

For each size it writes a generated model (``generate.py``) to a temporary
file, then measures, each in a fresh Python process so that one measurement
cannot warm or bloat another:

* floor: ``yaml.load(f, Loader=yaml.CSafeLoader)``, garbage collector on (the
  issue's target) and, for reference, off;
* ``check_model(path)``, the library call behind ``goldenthread check``;
* ``goldenthread check PATH`` as a subprocess, wall time (interpreter start-up,
  imports, output and exit included);
* for reference, ``load_roundtrip`` (ruamel.yaml, the editing path) up to
  ``--roundtrip-max`` entities;
* the peak resident memory (``ru_maxrss`` from ``os.wait4`` on that process) of
  each.

Times are the best of ``--repeat`` runs inside the process (default 5 at 1,000
entities, 3 at 10,000, 1 above).  The table is Markdown, for the README.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import counts, generate_model

TARGET_RSS_MIB = 1024


def _worker(kind: str, path: str, repeat: int) -> None:
    """Time one kind of load ``repeat`` times in this process; print the times as JSON."""
    if kind in ("floor", "floor-nogc"):
        import yaml

        def run():
            with open(path, "rb") as f:
                return yaml.load(f, Loader=yaml.CSafeLoader)

    elif kind == "check":
        from goldenthread.traceability.check import check_model

        def run():
            return check_model(path)

    elif kind == "roundtrip":
        from goldenthread.model.edit.roundtrip import load_roundtrip

        def run():
            return load_roundtrip(path)

    elif kind == "phases":
        _phases(path)
        return
    elif kind == "analyse":
        _analyse(path)
        return
    elif kind == "idle":

        def run():
            return None

    else:
        raise SystemExit(f"unknown worker {kind!r}")
    times = []
    extra: dict[str, object] = {}
    for _ in range(repeat):
        if kind == "floor-nogc":
            gc.disable()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        gc.enable()
        if kind == "check":
            from goldenthread.cli.exits import exit_for_check

            unwaived = [f for f in result.findings if not f.waived]
            extra = {
                "errors": sum(1 for f in unwaived if f.severity == "error"),
                "warnings": sum(1 for f in unwaived if f.severity == "warning"),
                "exit": exit_for_check(result),
            }
        del result
    print(json.dumps({"times": times, **extra}))


def _phases(path: str) -> None:
    """Time the stages of ``check`` one by one, as ``check_model`` runs them (collector paused)."""
    import yaml
    from yaml.cyaml import CParser

    from goldenthread.model.collector import collector_paused
    from goldenthread.model.validate import validate
    from goldenthread.model.yamlread import read_yaml
    from goldenthread.traceability.check import check_loaded
    from goldenthread.traceability.graph import build_graph
    from goldenthread.traceability.render.check import render_check
    from goldenthread.traceability.rules import apply_rules

    times: dict[str, float] = {}
    with collector_paused():
        # The part of read_yaml no Python code of ours can speed up: libyaml making PyYAML's event objects.
        with open(path, encoding="utf-8") as f:
            parser = CParser(f.read())
        start = time.perf_counter()
        while not isinstance(parser.get_event(), yaml.StreamEndEvent):
            pass
        times["(libyaml events alone)"] = time.perf_counter() - start
        del parser
        start = time.perf_counter()
        data = read_yaml(path)
        times["read_yaml"] = time.perf_counter() - start
        start = time.perf_counter()
        model = validate([(path, data)])
        times["validate"] = time.perf_counter() - start
        start = time.perf_counter()
        graph = build_graph(model)
        times["build_graph"] = time.perf_counter() - start
        start = time.perf_counter()
        apply_rules(model, graph)
        times["apply_rules"] = time.perf_counter() - start
    result = check_loaded(model, path)
    start = time.perf_counter()
    render_check(result, "text", colour=False)
    times["render text"] = time.perf_counter() - start
    print(json.dumps({"times": [0.0], "phases": times}))


def _analyse(path: str) -> None:
    """Time loading, ``build_graph`` and ``apply_rules`` (the APIs both sides of ``--against`` share)."""
    from goldenthread.model.collector import collector_paused
    from goldenthread.model.loader import load_model
    from goldenthread.traceability.graph import build_graph
    from goldenthread.traceability.rules import apply_rules

    # CPU time of this process: on a shared machine it moves far less with the load than wall time.
    times: dict[str, float] = {}
    with collector_paused():
        start = time.process_time()
        model = load_model(path)
        times["load_model"] = time.process_time() - start
        start = time.process_time()
        graph = build_graph(model)
        times["build_graph"] = time.process_time() - start
        start = time.process_time()
        findings = apply_rules(model, graph)
        times["apply_rules"] = time.process_time() - start
    print(json.dumps({"times": [0.0], "phases": times, "findings": len(findings)}))


def _cpu_of(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run a process to its end: (CPU seconds, user and system, exit code)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def _measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """Run a process to its end: (wall seconds, peak RSS in KiB, exit code, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read().decode() if proc.stdout else ""
    # wait4, not RUSAGE_CHILDREN: the latter is the high-water mark of every child so far.
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode, out


def _in_process(kind: str, path: Path, repeat: int) -> tuple[float, float, dict]:
    """(best seconds, peak RSS MiB, worker's report) of a worker process."""
    _, rss, code, out = _measure([sys.executable, __file__, "--worker", kind, str(path), str(repeat)])
    if code != 0:
        raise SystemExit(f"worker {kind} failed with exit code {code}")
    report = json.loads(out)
    return min(report["times"]), rss / 1024, report


def _console(path: Path, repeat: int) -> tuple[float, float, int]:
    """(best wall seconds, peak RSS MiB, exit code) of the console command."""
    exe = shutil.which("goldenthread")
    argv = [exe, "check", str(path)] if exe else [sys.executable, "-m", "goldenthread.cli", "check", str(path)]
    runs = [_measure(argv) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs) / 1024, runs[0][2]


def _machine() -> list[str]:
    cpu = "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        cpu = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")), cpu)
    except OSError:
        pass
    import ruamel.yaml
    import yaml

    return [
        f"- machine: {os.cpu_count()} CPUs (`nproc`), {cpu}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, PyYAML {yaml.__version__} (libyaml {yaml._yaml.get_version_string()}),"
        f" ruamel.yaml {ruamel.yaml.__version__}",
    ]


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _tree_at(rev: str, into: Path) -> dict[str, str]:
    """Extract the package at git revision ``rev`` under ``into``; the environment that imports it first.

    The three folders become one regular package ``goldenthread`` on
    ``PYTHONPATH``, which the path finder reaches before the editable install's.
    """
    package = into / "goldenthread"
    package.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "model", "traceability", "cli"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(package)], input=archive.stdout, check=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(into)}


def _compare(rev: str, sizes: list[int], pairs: int, seed: int) -> int:
    """Time ``goldenthread check`` and its analysis phases at ``rev`` and in the working tree, in turn.

    Each side runs ``pairs`` times, before then after, in fresh processes;
    the best of each is kept.  The times are CPU time (user and system) of the
    process, which a busy machine disturbs far less than wall time, and the
    turns matter too: a burst of load hits one pair, not one side.
    """
    print("\n".join(_machine()))
    print(f"- load average (1/5/15 min) at start: {_load()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="gt-bench-") as tmp:
        before_env = _tree_at(rev, Path(tmp) / "before")
        sides = {"before": before_env, "after": {**os.environ}}
        for n in sizes:
            path = Path(tmp) / f"model-{n}.yaml"
            path.write_text(generate_model(n, seed), encoding="utf-8")
            command: dict[str, list[float]] = {"before": [], "after": []}
            phases: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
            for i in range(pairs):
                print(f"... {n:,} entities, pair {i + 1} of {pairs}, load {_load()}", file=sys.stderr)
                for side, env in sides.items():
                    argv = [sys.executable, "-m", "goldenthread.cli", "check", str(path)]
                    cpu, code = _cpu_of(argv, env)
                    if code not in (0, 1):
                        raise SystemExit(f"{side}: goldenthread check exited {code}")
                    command[side].append(cpu)
                    worker = [sys.executable, __file__, "--worker", "analyse", str(path), "1"]
                    _, _, code, out = _measure(worker, env)
                    if code != 0:
                        raise SystemExit(f"{side}: analyse worker exited {code}")
                    phases[side].append(json.loads(out)["phases"])
            best = {side: min(times) for side, times in command.items()}
            names = list(phases["before"][0])
            cells = [f"{best['before']:.2f} s", f"{best['after']:.2f} s", f"**{best['after'] / best['before']:.3f}**"]
            for name in names:
                b = min(p[name] for p in phases["before"])
                a = min(p[name] for p in phases["after"])
                cells.append(f"{b:.3f} / {a:.3f} s ({a / b:.2f})")
            rows.append(f"| {n:,} | " + " | ".join(cells) + " |")
    print(f"- load average at end: {_load()}")
    print(f"- before: `{rev}`; after: the working tree; best of {pairs}, taken in turn; CPU seconds (user + system)")
    print()
    header = ["entities", "`goldenthread check` before", "after", "after / before"]
    header += [f"`{name}` before / after" for name in names]
    print("| " + " | ".join(header) + " |")
    print("|---:" * len(header) + "|")
    print("\n".join(rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="entity counts")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 5 / 3 / 1 by size)")
    parser.add_argument("--roundtrip-max", type=int, default=10_000, help="largest size to time load_roundtrip at")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--against", metavar="REV", help="compare with the package at git revision REV")
    parser.add_argument("--pairs", type=int, default=3, help="with --against: runs of each side, taken in turn")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    if args.against:
        return _compare(args.against, args.sizes, args.pairs, args.seed)

    idle_rss = _in_process("idle", Path(__file__), 1)[1]
    startup = min(_measure([shutil.which("goldenthread") or "goldenthread", "--version"])[0] for _ in range(3))
    print("\n".join(_machine()))
    print(f"- load average (1/5/15 min) at start: {_load()}")
    print(f"- `goldenthread --version` wall time (start-up, imports): {startup:.2f} s; idle Python {idle_rss:.0f} MiB")
    rows = []
    phases: list[tuple[int, dict[str, float]]] = []
    missed = []
    with tempfile.TemporaryDirectory(prefix="gt-bench-") as tmp:
        for n in args.sizes:
            repeat = args.repeat or (5 if n <= 1_000 else 3 if n <= 10_000 else 1)
            path = Path(tmp) / f"model-{n}.yaml"
            path.write_text(generate_model(n, args.seed), encoding="utf-8")
            size_mb = path.stat().st_size / 1e6
            print(f"... {n:,} entities ({size_mb:.2f} MB), best of {repeat}, load {_load()}", file=sys.stderr)
            floor, floor_rss, _ = _in_process("floor", path, repeat)
            floor_nogc, _, _ = _in_process("floor-nogc", path, repeat)
            check, check_rss, report = _in_process("check", path, repeat)
            wall, wall_rss, code = _console(path, repeat)
            if n <= args.roundtrip_max:
                rt, rt_rss, _ = _in_process("roundtrip", path, min(repeat, 3))
                rt_cell = f"{rt:.2f} s / {rt_rss:.0f} MiB"
            else:
                rt_cell = "not run"
            ratio = check / floor
            if n >= 10_000 and ratio > 1:
                missed.append(f"check slower than the floor at {n:,} entities ({ratio:.2f}x)")
            if n >= 100_000 and max(check_rss, wall_rss) > TARGET_RSS_MIB:
                missed.append(f"peak memory {max(check_rss, wall_rss):.0f} MiB at {n:,} entities")
            c = counts(n)
            rows.append(
                f"| {n:,} | {size_mb:.2f} MB | {floor:.2f} s | {floor_nogc:.2f} s | {check:.2f} s | **{ratio:.2f}** "
                f"| {wall:.2f} s (exit {code}) | {floor_rss:.0f} MiB | {check_rss:.0f} / {wall_rss:.0f} MiB "
                f"| {rt_cell} | {report['errors']} / {report['warnings']} |"
            )
            print(f"    {c}, {report['errors']} errors / {report['warnings']} warnings", file=sys.stderr)
            phases.append((n, _in_process("phases", path, 1)[2]["phases"]))
    print(f"- load average at end: {_load()}")
    print()
    print(
        "| entities | file | floor: CSafeLoader | floor, GC off | `check_model` | check / floor "
        "| `goldenthread check` | peak RSS floor | peak RSS check (library / command) "
        "| `load_roundtrip` (ruamel) | errors / warnings |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    names = list(phases[0][1]) if phases else []
    print("Where `check_model`'s time goes (one run each, collector paused as in `check`):")
    print()
    print("| entities | " + " | ".join(f"`{name}`" for name in names) + " |")
    print("|---:|" + "---:|" * len(names))
    for n, times in phases:
        print(f"| {n:,} | " + " | ".join(f"{times[name]:.2f} s" for name in names) + " |")
    print()
    if missed:
        print("Targets missed: " + "; ".join(missed) + ".")
    elif {10_000, 100_000} <= set(args.sizes):
        print("Targets met: check no slower than the floor at 10,000 and 100,000 entities; 100,000 under 1 GiB.")
    else:
        print("No target missed at these sizes (the targets are set at 10,000 and 100,000 entities).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
