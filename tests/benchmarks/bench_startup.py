"""Start-up: ``goldenthread --help`` and ``check`` of a tiny model against ``python -c "import networkx"``.

Run from the repository root::

    python tests/benchmarks/bench_startup.py --repeat 15
    python tests/benchmarks/bench_startup.py --repeat 15 --against HEAD~3

Each command runs in a fresh process, all in turn, ``--repeat`` times; the
best CPU time (user + system) of each is kept, which a busy machine inflates
less than wall time, and reported as a ratio to importing networkx (which
every command that reads a model needs).  The issue's targets: ``--help`` at
most 0.5 times, ``check`` of a tiny model at most 1.2 times.

With ``--against REV`` the package at ``REV`` and the working tree are both
extracted (as ``tests/benchmarks/bench_check.py`` does) and run the same way
(``python -c``, calling the console script's function), in turn, so that a change's effect is not lost
in the machine's drift between two runs.  Bytecode is written by a first,
untimed run of each (a stale or missing ``.pyc`` is compiled on every start).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script, found through the path set above.
from bench_check import _tree_at

_AS_THE_SCRIPT = "import sys; from goldenthread.cli.main import main; sys.argv[0] = 'goldenthread'; main()"
TINY = "aims:\n  a1:\n    title: One aim\nthemes:\n  t1:\n    title: One theme\n    aims: [a1]\n"


def _cpu(args: list[str], env: dict[str, str] | None = None) -> float:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


Command = tuple[list[str], "dict[str, str] | None"]


def _best(commands: dict[str, Command], repeat: int) -> dict[str, float]:
    """Best CPU seconds of each command over ``repeat`` rounds taken in turn, after one untimed round."""
    for args, env in commands.values():
        _cpu(args, env)
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(repeat):
        for name, (args, env) in commands.items():
            best[name] = min(best[name], _cpu(args, env))
    return best


def measure(repeat: int) -> dict[str, float]:
    """The three commands, the console script of the installed package."""
    script = str(Path(sys.executable).with_name("goldenthread"))
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "goldenthread.yaml"
        model.write_text(TINY, encoding="utf-8")
        return _best(
            {
                "import networkx": ([sys.executable, "-c", "import networkx"], None),
                "goldenthread --help": ([script, "--help"], None),
                "goldenthread check (tiny model)": ([script, "check", str(model)], None),
            },
            repeat,
        )


def compare(rev: str, repeat: int) -> dict[str, float]:
    """``--help`` and ``check`` at ``rev`` and in the working tree, each extracted, in turn."""
    # The working tree as a commit object, made without touching the index, the tree or any branch.
    here = subprocess.run(["git", "stash", "create"], capture_output=True, text=True, check=True).stdout.strip()
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "goldenthread.yaml"
        model.write_text(TINY, encoding="utf-8")
        commands: dict[str, Command] = {"import networkx": ([sys.executable, "-c", "import networkx"], environ)}
        for side, commit in ((rev, rev), ("working tree", here or "HEAD")):
            env = {**environ, **_tree_at(commit, Path(tmp) / side.replace(" ", "-").replace("/", "-"))}
            # As the console script starts it (``-m`` would add runpy's own imports).
            cli = [sys.executable, "-c", _AS_THE_SCRIPT]
            commands[f"`--help`, {side}"] = ([*cli, "--help"], env)
            commands[f"`check`, {side}"] = ([*cli, "check", str(model)], env)
        return _best(commands, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--against", metavar="REV", help="Compare with the package at this git revision.")
    ns = parser.parse_args()
    best = measure(ns.repeat) if ns.against is None else compare(ns.against, ns.repeat)
    base = best["import networkx"]
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average {load}")
    print()
    print("| command | best CPU (s) | / import networkx |")
    print("|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name if name.startswith('`') else f'`{name}`'} | {seconds:.3f} | {seconds / base:.2f} |")


if __name__ == "__main__":
    main()
