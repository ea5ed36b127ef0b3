"""One analysis context per loaded model: everything computed lazily, once.

Commands and renderers receive an :class:`Analysis` instead of optional
"pass it if you have it" arguments: the graph, the reach of every project,
the attribution and the findings are each computed the first time something
asks for them, and shared by everything that asks after.

Examples
--------
>>> from goldenthread.model import load_example
>>> a = Analysis(load_example(), root="<example>")
>>> a.graph.number_of_nodes() == len(a.model)
True
>>> a.graph is a.graph
True
"""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from goldenthread.model.types import Finding, Model
from goldenthread.traceability.attribution import Attribution, attribute
from goldenthread.traceability.benefits import BenefitStatus, benefit_statuses
from goldenthread.traceability.coverage import CoverageReport, coverage
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.reach import reach_map
from goldenthread.traceability.rules import apply_rules
from goldenthread.traceability.summary import Summary, summarise

__all__ = ["Analysis"]


class Analysis:
    """A validated model and what the analyses say of it, each computed on first use.

    ``root`` is where the model was read from (the folder named, or the
    directory of the file named): file names in outputs are relative to it.
    """

    def __init__(self, model: Model, root: str | None = None) -> None:
        self.model = model
        self.root = root

    @cached_property
    def graph(self) -> nx.DiGraph:
        return build_graph(self.model)

    @cached_property
    def reach(self) -> dict[str, list[str]]:
        """Project id -> the aims it reaches (model order)."""
        return reach_map(self.graph)

    @cached_property
    def attribution(self) -> Attribution:
        return attribute(self.graph, self.reach)

    @cached_property
    def findings(self) -> list[Finding]:
        return apply_rules(self.model, self.graph)

    @cached_property
    def coverage(self) -> CoverageReport:
        return coverage(self.model, self.graph, self.findings, self.reach, self.attribution, self.benefits)

    @cached_property
    def benefits(self) -> list[BenefitStatus]:
        return benefit_statuses(self.model)

    @cached_property
    def summary(self) -> Summary:
        return summarise(self.model, self.coverage, self.benefits)
