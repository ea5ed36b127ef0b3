"""The analyses from Python, on the portfolio test model: what the commands print, as data."""

from goldenthread.model import load_model
from goldenthread.traceability import impact, trace
from goldenthread.traceability.context import Analysis

analysis = Analysis(load_model("tests/models/portfolio.yaml"), root="tests/models")
print(analysis.attribution.aims)  # aim id -> investment attributed to it
print([(aim.id, aim.status) for aim in analysis.coverage.aims])
print([node.id for node in trace(analysis.graph, "p2").up])  # why p2: toward the aims
print(impact(analysis.graph, "p1").aims_losing_investment)  # cancelling p1 leaves every aim reached
print(analysis.summary.entities)
