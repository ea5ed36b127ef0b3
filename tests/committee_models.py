"""Generate committee-sized models (30-80 entities) with the shape and link density of real ones.

The benchmark generator (``tests/benchmarks/generate.py``) makes a large
portfolio: few aims, thousands of projects.  A paper a committee reads is
smaller and denser: 5-10 aims, a theme or two per aim, most projects
delivering one or two themes and a quarter also serving an aim directly, and
benefits realised by one or two projects, each evidencing one or two aims
(about 1.7 links an entity, like the 43- and 56-entity models of the issue
that asked for this).  The same ``(n, seed)`` gives the same model; used by
the layout tests and ``tests/benchmarks/bench_render.py --crossings``::

    from committee_models import committee_model
    text = committee_model(56, seed=3)
"""

from __future__ import annotations

import random

__all__ = ["committee_model", "shares"]


def shares(n: int) -> dict[str, int]:
    """How many aims, themes, projects and benefits a model of ``n`` entities holds."""
    aims = max(2, round(n * 0.12))
    themes = max(2, round(n * 0.15))
    benefits = max(2, round(n * 0.3))
    return {"aims": aims, "themes": themes, "projects": n - aims - themes - benefits, "benefits": benefits}


def _list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def committee_model(n: int, seed: int = 0) -> str:
    """The YAML text of a valid model of ``n`` entities (30 to 80 is the range it is meant for)."""
    rng = random.Random(seed)
    k = shares(n)
    aims = [f"a{i + 1}" for i in range(k["aims"])]
    themes = [f"t{i + 1}" for i in range(k["themes"])]
    projects = [f"p{i + 1}" for i in range(k["projects"])]
    benefits = [f"b{i + 1}" for i in range(k["benefits"])]
    out = [f"model: {{title: Committee model {n}-{seed}, as_of: 2025-03-31}}", "aims:"]
    out += [f"  {a}: {{title: Aim number {a[1:]} of the strategy}}" for a in aims]
    out.append("themes:")
    for i, t in enumerate(themes):
        # Themes follow the aims roughly in order, as a strategy document lists them.
        home = aims[min(len(aims) - 1, i * len(aims) // len(themes))]
        served = sorted({home, *rng.sample(aims, rng.randint(0, 1))}, key=aims.index)
        out.append(f"  {t}: {{title: Theme {t[1:]} of the IT strategy, aims: {_list(served)}}}")
    out.append("projects:")
    for p in projects:
        delivers = sorted(rng.sample(themes, rng.choice((1, 1, 2))), key=themes.index)
        direct = f", aims: [{rng.choice(aims)}]" if rng.random() < 0.25 else ""
        budget = f", budget: {rng.randrange(20, 2000) * 1000}" if rng.random() < 0.8 else ""
        out.append(f"  {p}: {{title: Project {p[1:]} replaces a system, themes: {_list(delivers)}{direct}{budget}}}")
    out.append("benefits:")
    for b in benefits:
        realised = sorted(rng.sample(projects, rng.choice((1, 1, 2))), key=projects.index)
        evidenced = sorted(rng.sample(aims, rng.choice((1, 1, 2))), key=aims.index)
        out.append(
            f"  {b}: {{title: Benefit {b[1:]} in fewer calls, projects: {_list(realised)}, aims: {_list(evidenced)}}}"
        )
    return "\n".join(out) + "\n"
