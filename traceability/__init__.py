"""The golden thread as a graph, the analyses over it, and their renderers."""

from goldenthread.traceability.check import CheckResult, check_loaded, check_model
from goldenthread.traceability.graph import RELATIONS, build_graph
from goldenthread.traceability.rules import apply_rules

__all__ = ["RELATIONS", "CheckResult", "apply_rules", "build_graph", "check_loaded", "check_model"]
