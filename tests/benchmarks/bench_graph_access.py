"""What reading the graph through networkx's public views would cost ``check``'s analyses.

``traceability/graph.py`` hands the analyses the graph's own mappings
(``entity_of``, ``project_of``, ``out_links``, ``in_links``) and fills the graph directly in
``build_graph``.  This benchmark times ``build_graph`` and ``apply_rules`` on
a generated model both ways in one process, in turn, best of ``--repeat``:

* fast: the code as it is;
* public: the accessors replaced by their public-API equivalents
  (``G.nodes[n]["entity"]``, ``G.succ``, ``G.pred``) and the graph built with
  ``add_nodes_from``/``add_edges_from``.

Run from the repository root::

    python tests/benchmarks/bench_graph_access.py            # 100,000 entities
    python tests/benchmarks/bench_graph_access.py --size 10000
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_model

import goldenthread.traceability.graph as graph
from goldenthread.model.types import Model
from goldenthread.traceability import reach, rules
from goldenthread.traceability.graph import build_graph, node_attributes
from goldenthread.traceability.rules import apply_rules

#: Every module on apply_rules's path that imported an accessor by name.
_USERS = (graph, reach, rules)


def _public_build(model: Model) -> nx.DiGraph:
    G = nx.DiGraph(model=model.info)
    G.add_nodes_from((e.id, {**node_attributes(e), "entity": e}) for e in model.entities())
    for t in model.themes.values():
        G.add_edges_from((t.id, a, {"relation": "supports"}) for a in t.aims)
    for p in model.projects.values():
        G.add_edges_from((p.id, t, {"relation": "delivers"}) for t in p.themes)
        G.add_edges_from((p.id, a, {"relation": "contributes"}) for a in p.aims)
    for b in model.benefits.values():
        G.add_edges_from((p, b.id, {"relation": "realises"}) for p in b.projects)
        G.add_edges_from((b.id, a, {"relation": "evidences"}) for a in b.aims)
    return G


_PUBLIC: dict[str, Callable[..., object]] = {
    "entity_of": lambda G, n: G.nodes[n]["entity"],
    "project_of": lambda G, n: G.nodes[n]["entity"],
    "out_links": lambda G: G.succ,
    "in_links": lambda G: G.pred,
}


@contextmanager
def _public_api() -> Iterator[None]:
    saved = [(m, name, getattr(m, name)) for m in _USERS for name in _PUBLIC if hasattr(m, name)]
    try:
        for m, name, _ in saved:
            setattr(m, name, _PUBLIC[name])
        yield
    finally:
        for m, name, original in saved:
            setattr(m, name, original)


def _time(model: Model, build: Callable[[Model], nx.DiGraph]) -> tuple[float, float, int]:
    # CPU time: on a shared machine it moves far less with the load than wall time.
    start = time.process_time()
    G = build(model)
    built = time.process_time() - start
    start = time.process_time()
    findings = apply_rules(model, G)
    return built, time.process_time() - start, len(findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="entities")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each way, taken in turn")
    args = parser.parse_args(argv)
    import tempfile

    from goldenthread.model.loader import load_model

    with tempfile.TemporaryDirectory(prefix="gt-bench-") as tmp:
        path = Path(tmp) / "model.yaml"
        path.write_text(generate_model(args.size), encoding="utf-8")
        model = load_model(path)
    gc.disable()  # as under the command line, which pauses the collector around every command
    best: dict[str, list[float]] = {"fast": [9e9, 9e9], "public": [9e9, 9e9]}
    counts = set()
    for _ in range(args.repeat):
        for way in ("fast", "public"):
            if way == "fast":
                built, ruled, n = _time(model, build_graph)
            else:
                with _public_api():
                    built, ruled, n = _time(model, _public_build)
            best[way] = [min(best[way][0], built), min(best[way][1], ruled)]
            counts.add(n)
            gc.collect()
    if len(counts) != 1:
        raise SystemExit(f"the two ways found different numbers of findings: {sorted(counts)}")
    fast, public = sum(best["fast"]), sum(best["public"])
    print(f"{args.size:,} entities, best of {args.repeat} taken in turn, CPU seconds, collector paused:")
    print()
    print("| | `build_graph` | `apply_rules` | both |")
    print("|---|---:|---:|---:|")
    for way, (built, ruled) in best.items():
        print(f"| {way} | {built:.3f} s | {ruled:.3f} s | {built + ruled:.3f} s |")
    print()
    print(f"public / fast: {public / fast:.2f}x ({public - fast:+.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
