"""``goldenthread benefits``: which benefits are on track."""

from __future__ import annotations

import click

from goldenthread.cli.options import load_for_command, model_argument
from goldenthread.traceability.benefits import benefit_statuses
from goldenthread.traceability.render.reports import BENEFITS_FORMATS, render_benefits


@click.command(short_help="Which benefits are achieved, on track, behind or missed.")
@model_argument
@click.option("--format", "fmt", type=click.Choice(BENEFITS_FORMATS), default="text", show_default=True)
def benefits(model: str | None, example: bool, fmt: str) -> None:
    """Benefit realisation: latest measurement, progress toward target, and status.

    Status is achieved, on track, behind (progress below the straight line
    from the baseline at the first measurement to the target at its date, as
    of the model's as_of), missed, unmeasured or unquantified.
    """
    m = load_for_command(model, example)
    click.echo(render_benefits(benefit_statuses(m), m.info, fmt), nl=False)
