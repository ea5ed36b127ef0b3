"""The golden thread as a graph, the analyses over it, and their renderers.

Each analysis is a function over the graph (or the model) returning plain
data; a notebook can call them as the commands do::

    from goldenthread.model import load_example
    from goldenthread.traceability import attribute, build_graph

    G = build_graph(load_example())
    attribute(G).aims
"""

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
