"""``goldenthread matrix``: the traceability matrix."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, format_option, load_analysis, model_options, terminal_width
from goldenthread.traceability.matrix import COLS, ROWS, VALUES
from goldenthread.traceability.matrix import matrix as build_matrix
from goldenthread.traceability.render.matrix import FORMATS, render_matrix


@click.command()
@model_options
@click.option("--rows", type=click.Choice(ROWS), default="aims", show_default=True, help="What the rows are.")
@click.option("--cols", type=click.Choice(COLS), default="themes", show_default=True, help="What the columns are.")
@click.option(
    "--value",
    type=click.Choice(VALUES),
    default="count",
    show_default=True,
    help="count: projects per link; budget: attributed investment per link.",
)
@format_option(
    FORMATS, "text: numbered columns and a legend; markdown: ready to paste; csv: raw numbers; json: one document."
)
def matrix(source: ModelSource, rows: str, cols: str, value: str, fmt: str) -> None:
    """The traceability matrix of aims against themes or projects. Exits 0."""
    analysis = load_analysis(source)
    result = build_matrix(analysis.graph, rows=rows, cols=cols, value=value)
    click.echo(render_matrix(analysis, result, fmt, width=terminal_width()), nl=False)
