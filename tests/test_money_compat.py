"""Compatibility of the money-and-benefits fields: a model using none of them keeps its findings and figures.

Issue 16: "every model valid today stays valid, with the same findings and figures
unless it uses a new field".  The one exception, by design, is ``project-overdue``:
it reads only the old fields ``status`` and ``end`` (docs/rules.md says so).  The
figures are checked against the equal split worked out here from the model objects,
independently of the attribution's code.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from test_graph_properties import FEW, models

from goldenthread.model import load_example, load_model
from goldenthread.model.errors import ModelError
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis

MODELS = Path(__file__).parent / "models"

#: The rules the money-and-benefits fields brought; all but project-overdue read a new field.
NEW_RULES = frozenset(
    {
        "project-overspent",
        "project-overdue",
        "aim-low-confidence",
        "benefit-evidence-stale",
        "dis-benefit-over-limit",
        "benefit-profile-incomplete",
    }
)
READS_OLD_FIELDS_ONLY = frozenset({"project-overdue"})


def uses_new_fields(model: Model) -> bool:
    """Whether the model states any field of the money-and-benefits issue."""
    info = model.info
    # A tolerance of 0 (the default) is the behaviour before the field.
    if info.tolerance or info.review_every is not None:
        return True
    for e in model.entities():
        if e.values:
            return True
    for b in model.benefits.values():
        if b.benefit_kind == "dis-benefit":
            return True
        if b.measure is not None and (b.measure.tolerance or b.measure.baseline_date is not None):
            return True
    return False


def equal_split(model: Model) -> dict[str, Fraction | None]:
    """Each aim's investment by the equal split, from the model objects (None: not stated)."""
    amounts: dict[str, Fraction] = dict.fromkeys(model.aims, Fraction(0))
    stated: set[str] = set()
    reached_by_any: set[str] = set()
    for p in model.projects.values():
        if p.status == "cancelled":
            continue
        reached = list(dict.fromkeys([*(a for t in p.themes for a in model.themes[t].aims), *p.aims]))
        reached_by_any.update(reached)
        if p.budget is None or not reached:
            continue
        stated.update(reached)
        share = (
            Fraction(repr(p.budget)) / len(reached) if isinstance(p.budget, float) else Fraction(p.budget, len(reached))
        )
        for a in reached:
            amounts[a] += share
    return {a: (None if a in reached_by_any and a not in stated else v) for a, v in amounts.items()}


def assert_compatible(model: Model) -> None:
    a = Analysis(model)
    fired = {f.rule for f in a.findings}
    assert not (fired & (NEW_RULES - READS_OLD_FIELDS_ONLY))
    expected = equal_split(model)
    shown = {row.id: row.investment for row in a.coverage.aims}
    assert shown == {k: (None if v is None else float(v)) for k, v in expected.items()}


def suite_models() -> list[tuple[str, Model]]:
    """(name, model) for the example and every test model that loads (shared with test_money_outputs)."""
    found = [("example", load_example())]
    folders = [p for p in MODELS.glob("*/*") if p.is_dir()]
    paths = [*folders, *(p for p in MODELS.rglob("*.y*ml") if not any(f in p.parents for f in folders))]
    for path in sorted(paths):
        try:
            found.append((path.relative_to(MODELS).as_posix(), load_model(path)))
        except ModelError:
            continue
    return found


OLD_MODELS = [(name, m) for name, m in suite_models() if not uses_new_fields(m)]


def test_the_old_models_are_many_and_the_money_model_is_not_among_them():
    names = [name for name, _ in OLD_MODELS]
    assert "portfolio.yaml" in names and "example" in names
    assert "money.yaml" not in names


@pytest.mark.parametrize(("name", "model"), OLD_MODELS, ids=[name for name, _ in OLD_MODELS])
def test_every_old_test_model_keeps_its_findings_and_figures(name, model):
    assert_compatible(model)


@FEW
@given(models())
def test_generated_models_without_the_new_fields_keep_their_findings_and_figures(model):
    assert not uses_new_fields(model)
    assert_compatible(model)


def test_project_overdue_is_the_one_new_finding_an_old_model_can_get(write_model):
    model = load_model(
        write_model(
            """
            model: {title: Old, as_of: 2024-06-30}
            aims: {a1: {title: Aim}}
            projects:
              p1: {title: Late, budget: 100, end: 2024-01-31, aims: [a1]}
            """
        )
    )
    assert not uses_new_fields(model)
    assert [(f.rule, f.entity) for f in Analysis(model).findings if f.rule in NEW_RULES] == [("project-overdue", "p1")]
