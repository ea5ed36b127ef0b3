"""``goldenthread summary``: the model on one screen."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, format_option, load_analysis, model_options
from goldenthread.traceability.render.summary import FORMATS, render_summary


@click.command()
@model_options
@format_option(FORMATS, "text: one screen; markdown: ready to paste; csv: one row a figure; json: one document.")
def summary(source: ModelSource, fmt: str) -> None:
    """Counts by kind and status, total investment, and the headline coverage numbers. Exits 0."""
    click.echo(render_summary(load_analysis(source), fmt), nl=False)
