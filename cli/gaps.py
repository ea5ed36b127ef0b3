"""``goldenthread gaps``: which aims lack investment, and which lack evidence."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, load_analysis, model_options, use_colour
from goldenthread.traceability.render.reports import GAPS_FORMATS, render_gaps


@click.command(short_help="Which aims lack investment, and which lack evidence.")
@model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GAPS_FORMATS),
    default="text",
    show_default=True,
    help="text: a table and the findings; markdown: ready to paste; csv: the aims table; json: one document.",
)
def gaps(source: ModelSource, fmt: str) -> None:
    """The coverage report: one row per aim, then the findings by severity.

    An aim is "no investment" when no non-cancelled project reaches it, else
    "no evidence" when no measured benefit evidences it, else "covered".
    Always exits 0 (it is a report; `goldenthread check` is the gate).
    """
    report = load_analysis(source).coverage
    colour = fmt == "text" and use_colour()
    click.echo(render_gaps(report, fmt, colour=colour), nl=False, color=colour)
