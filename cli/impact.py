"""``goldenthread impact ID... [MODEL] [--cut PROJECT=PERCENT]...``: what cancelling projects, dropping themes
and cutting budgets would do, together."""

from __future__ import annotations

import os
import re
from fractions import Fraction
from typing import Any

import click

from goldenthread.cli.options import ModelSource, format_option, last_argument_model, load_analysis, model_options
from goldenthread.traceability.impact import impact as impact_of
from goldenthread.traceability.render.impact import FORMATS, render_impact
from goldenthread.traceability.scenario import BadCut, scenario

_CUT = re.compile(r"(?P<project>[^=]+)=(?P<percent>[0-9]+(?:\.[0-9]+)?)%?\Z")


def _cuts(values: tuple[str, ...]) -> dict[str, Fraction]:
    """``--cut`` values as project -> percent; the percent's range is the library's to check."""
    cuts: dict[str, Fraction] = {}
    for value in values:
        found = _CUT.match(value.strip())
        if found is None:
            raise BadCut(f"--cut {value!r}: write PROJECT=PERCENT, e.g. --cut proj-email=20")
        project = found["project"].strip()
        if project in cuts:
            raise BadCut(f"--cut names {project!r} twice; cut each project once")
        cuts[project] = Fraction(found["percent"])
    return cuts


def _model_from(params: dict[str, Any]) -> str | None:
    """As :func:`last_argument_model`; with ``--cut``, a lone argument naming an existing path is the model too."""
    ids: tuple[str, ...] = params["entity_ids"]
    given = params.get("model_option") is not None or params.get("example")
    if params["cut_values"] and len(ids) == 1 and not given and os.path.exists(ids[0]):
        params["entity_ids"] = ()
        return ids[0]
    return last_argument_model("entity_ids")(params)


@click.command()
@click.argument("entity_ids", metavar="[ID]... [MODEL]", nargs=-1)
@click.option(
    "--cut",
    "cut_values",
    metavar="PROJECT=PERCENT",
    multiple=True,
    help="Reduce the project's budget by PERCENT (more than 0, at most 100); repeatable.",
)
@model_options(positional=False, model_from=_model_from)
@format_option(FORMATS, "text: the scenario in words; json: the scenario and each ID's impact alone.")
def impact(entity_ids: tuple[str, ...], cut_values: tuple[str, ...], source: ModelSource, fmt: str) -> None:
    """What cancelling projects ID, dropping themes ID and cutting budgets would do, all together.

    Lists the aims that would lose all investment, the themes left with no
    project, the benefits left with no realiser, the projects left with no
    route to an aim, each touched aim's attributed investment before and
    after, the money that reaches no aim before and after, and the budget
    released.

    The model: with two or more arguments (one with --cut), the last is the
    model when it names an existing file or folder (unless -m/--model or
    --example names the model; then every argument is an ID). Exits 0; 2
    when an ID is unknown or names an aim or a benefit, or a cut is not a
    project with a budget, by more than 0% and at most 100%.
    """
    if not entity_ids and not cut_values:
        raise click.UsageError("name a project or theme ID, or a --cut PROJECT=PERCENT")
    cuts = _cuts(cut_values)
    analysis = load_analysis(source)
    combined = scenario(analysis.graph, entity_ids, cuts)
    # One ID and no cut: the scenario is that ID's impact alone.
    alone = combined if len(set(entity_ids)) == 1 and not cuts else None
    results = [impact_of(analysis.graph, entity_id, alone) for entity_id in entity_ids]
    click.echo(render_impact(analysis, results, combined, fmt), nl=False)
