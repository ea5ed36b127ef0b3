"""The golden thread as a graph, the analyses over it, and their renderers.

Each analysis is a function over the graph (or the model) returning plain
data; a notebook can call them as the commands do::

    from goldenthread.model import load_example
    from goldenthread.traceability import attribute, build_graph

    G = build_graph(load_example())
    attribute(G).aims
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goldenthread.traceability.attribution import Attribution, attribute
    from goldenthread.traceability.benefits import BenefitStatus, benefit_status, benefit_statuses
    from goldenthread.traceability.check import CheckResult, check_loaded, check_model
    from goldenthread.traceability.coverage import CoverageReport, coverage
    from goldenthread.traceability.graph import RELATIONS, UnknownEntity, WrongKind, build_graph
    from goldenthread.traceability.impact import Impact, impact
    from goldenthread.traceability.matrix import Matrix, matrix
    from goldenthread.traceability.render.gaps import coverage_json
    from goldenthread.traceability.render.graphjson import graph_from_json, graph_to_json
    from goldenthread.traceability.rules import apply_rules
    from goldenthread.traceability.summary import Summary, summarise
    from goldenthread.traceability.trace import Trace, trace

__all__ = [
    "RELATIONS",
    "Attribution",
    "BenefitStatus",
    "CheckResult",
    "CoverageReport",
    "Impact",
    "Matrix",
    "Summary",
    "Trace",
    "UnknownEntity",
    "WrongKind",
    "apply_rules",
    "attribute",
    "benefit_status",
    "benefit_statuses",
    "build_graph",
    "check_loaded",
    "check_model",
    "coverage",
    "coverage_json",
    "graph_from_json",
    "graph_to_json",
    "impact",
    "matrix",
    "summarise",
    "trace",
]

# The names above, each imported from its module when first used: importing one module
# of the package (``check`` imports ``traceability.check``) does not import them all (start-up; see cli/main.py).
_HOME: dict[str, str] = {
    "Attribution": "goldenthread.traceability.attribution",
    "attribute": "goldenthread.traceability.attribution",
    "BenefitStatus": "goldenthread.traceability.benefits",
    "benefit_status": "goldenthread.traceability.benefits",
    "benefit_statuses": "goldenthread.traceability.benefits",
    "CheckResult": "goldenthread.traceability.check",
    "check_loaded": "goldenthread.traceability.check",
    "check_model": "goldenthread.traceability.check",
    "CoverageReport": "goldenthread.traceability.coverage",
    "coverage": "goldenthread.traceability.coverage",
    "RELATIONS": "goldenthread.traceability.graph",
    "UnknownEntity": "goldenthread.traceability.graph",
    "WrongKind": "goldenthread.traceability.graph",
    "build_graph": "goldenthread.traceability.graph",
    "Impact": "goldenthread.traceability.impact",
    "impact": "goldenthread.traceability.impact",
    "Matrix": "goldenthread.traceability.matrix",
    "matrix": "goldenthread.traceability.matrix",
    "coverage_json": "goldenthread.traceability.render.gaps",
    "graph_from_json": "goldenthread.traceability.render.graphjson",
    "graph_to_json": "goldenthread.traceability.render.graphjson",
    "apply_rules": "goldenthread.traceability.rules",
    "Summary": "goldenthread.traceability.summary",
    "summarise": "goldenthread.traceability.summary",
    "Trace": "goldenthread.traceability.trace",
    "trace": "goldenthread.traceability.trace",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
