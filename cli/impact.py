"""``goldenthread impact ID... [MODEL]``: what cancelling projects, or dropping themes, would do."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, format_option, last_argument_model, load_analysis, model_options
from goldenthread.traceability.impact import impact as impact_of
from goldenthread.traceability.render.impact import FORMATS, render_impact


@click.command()
@click.argument("entity_ids", metavar="ID... [MODEL]", nargs=-1, required=True)
@model_options(positional=False, model_from=last_argument_model("entity_ids"))
@format_option(FORMATS, "text: one section an ID; json: one document, the impacts in order.")
def impact(entity_ids: tuple[str, ...], source: ModelSource, fmt: str) -> None:
    """What cancelling project ID (or dropping theme ID) would do, for each ID in turn.

    Lists the aims that would lose all investment, the themes left with no
    project, the benefits left with no realiser, and each touched aim's
    attributed investment before and after.

    The model: with two or more arguments, the last is the model when it
    names an existing file or folder (unless -m/--model or --example names
    the model; then every argument is an ID). Exits 0; 2 when an ID is
    unknown or names an aim or a benefit.
    """
    analysis = load_analysis(source)
    results = [impact_of(analysis.graph, entity_id) for entity_id in entity_ids]
    click.echo(render_impact(analysis, results, fmt), nl=False)
