"""``goldenthread benefits``: which benefits are on track."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, format_option, load_analysis, model_options, terminal_width
from goldenthread.traceability.render.benefits import FORMATS, render_benefits


@click.command()
@model_options
@format_option(FORMATS, "text: a table; markdown: ready to paste; csv: one row a benefit; json: one document.")
def benefits(source: ModelSource, fmt: str) -> None:
    """Benefit realisation: latest measurement, progress toward target, and status.

    Status is achieved, on track, behind (progress below the straight line
    from the baseline at the first measurement to the target at its date, as
    of the model's as_of), missed, unmeasured or unquantified. Exits 0.
    """
    click.echo(render_benefits(load_analysis(source), fmt, width=terminal_width()), nl=False)
