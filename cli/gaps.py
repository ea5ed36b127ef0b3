"""``goldenthread gaps``: which aims lack investment, and which lack evidence."""

from __future__ import annotations

import click

from goldenthread.cli.options import (
    ModelSource,
    format_option,
    load_analysis,
    model_options,
    terminal_width,
    use_colour,
)
from goldenthread.traceability.render.gaps import FORMATS, render_gaps


@click.command()
@model_options
@format_option(
    FORMATS, "text: a table and the findings; markdown: ready to paste; csv: the aims table; json: one document."
)
def gaps(source: ModelSource, fmt: str) -> None:
    """The coverage report: one row per aim, then the findings by severity.

    An aim is "no investment" when no non-cancelled project reaches it, else
    "no evidence" when no measured benefit evidences it, else "at risk" when
    none of its measured benefits is achieved or on track, else "covered".
    Always exits 0 (it is a report; `goldenthread check` is the gate).
    """
    colour = fmt == "text" and use_colour()
    text = render_gaps(load_analysis(source), fmt, colour=colour, width=terminal_width())
    click.echo(text, nl=False, color=colour)
