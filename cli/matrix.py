"""``goldenthread matrix``: the traceability matrix."""

from __future__ import annotations

import click

from goldenthread.cli.options import load_for_command, model_argument
from goldenthread.traceability.graph import build_graph
from goldenthread.traceability.matrix import COLS, ROWS, VALUES
from goldenthread.traceability.matrix import matrix as build_matrix
from goldenthread.traceability.render.reports import MATRIX_FORMATS, render_matrix


@click.command(short_help="The traceability matrix: aims against themes or projects.")
@model_argument
@click.option("--rows", type=click.Choice(ROWS), default="aims", show_default=True, help="What the rows are.")
@click.option("--cols", type=click.Choice(COLS), default="themes", show_default=True, help="What the columns are.")
@click.option(
    "--value",
    type=click.Choice(VALUES),
    default="count",
    show_default=True,
    help="count: projects per link; budget: attributed investment per link.",
)
@click.option("--format", "fmt", type=click.Choice(MATRIX_FORMATS), default="text", show_default=True)
def matrix(model: str | None, example: bool, rows: str, cols: str, value: str, fmt: str) -> None:
    """The traceability matrix of aims against themes or projects."""
    m = load_for_command(model, example)
    result = build_matrix(build_graph(m), rows=rows, cols=cols, value=value)
    click.echo(render_matrix(result, fmt, currency=m.info.currency), nl=False)
