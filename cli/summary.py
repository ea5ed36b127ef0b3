"""``goldenthread summary``: the model on one screen."""

from __future__ import annotations

import click

from goldenthread.cli.options import load_for_command, model_argument
from goldenthread.traceability.render.reports import SUMMARY_FORMATS, render_summary
from goldenthread.traceability.summary import summarise


@click.command(short_help="Counts, investment and coverage on one screen.")
@model_argument
@click.option("--format", "fmt", type=click.Choice(SUMMARY_FORMATS), default="text", show_default=True)
def summary(model: str | None, example: bool, fmt: str) -> None:
    """Counts by kind and status, total investment, and the headline coverage numbers."""
    click.echo(render_summary(summarise(load_for_command(model, example)), fmt), nl=False)
