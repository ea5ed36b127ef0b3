"""Where the portfolio's money goes: traced to an aim or not, committed or proposed."""

from __future__ import annotations

from goldenthread.model import load_model
from goldenthread.traceability.attribution import attribute
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.money import trace_money

MODEL = """
    model: {title: Money, as_of: 2024-01-01}
    aims:
      a1: {title: Aim one}
    themes:
      t1: {title: Serves an aim, aims: [a1]}
      t2: {title: Serves none}
      t3: {title: Serves none either}
    projects:
      p1: {title: Traced, budget: 1000, themes: [t1]}
      p2: {title: Untraced, budget: 300}
      p3: {title: Half aimless, budget: 200, themes: [t1, t2]}
      p4: {title: Only proposed, budget: 500, status: proposed, aims: [a1]}
      p5: {title: Cancelled, budget: 7000, status: cancelled, themes: [t3]}
      p6: {title: Proposed without a budget, status: proposed, themes: [t3]}
      p7: {title: Tenths, budget: 0.1, themes: [t3]}
      p8: {title: Tenths again, budget: 0.2, themes: [t3]}
"""


def test_money_traced_untraced_and_proposed(write_model):
    model = load_model(write_model(MODEL))
    G = build_graph(model)
    m = trace_money(model, G, attribute(G))
    # Not cancelled: 1000 + 300 + 200 + 500 + 0.1 + 0.2.
    assert m.portfolio == 2000.3
    # Reaching a1: p1, p3 (through t1) and p4.
    assert m.traced == 1700.0
    # p2 and the tenths reach no aim; exactly 300.3, not 300.30000000000001.
    assert m.untraced == (("p2", 300.0), ("p7", 0.1), ("p8", 0.2))
    assert m.untraced_total == 300.3
    # p3's 200 all reaches a1 through t1, none of it through t2; t3 holds the tenths, which reach
    # no aim (the cancelled project brings nothing).
    assert m.aimless_themes == (("t3", 0.3),)
    # p4 reaches a1 by its direct link alone.
    assert m.direct_only == (("p4", 500.0),)
    assert m.proposed == (("p4", 500.0), ("p6", None))
    assert m.proposed_traced == 500.0
    assert m.committed_traced == 1200.0
