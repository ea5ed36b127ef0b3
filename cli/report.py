"""``goldenthread report``: a one-page HTML report for a committee."""

from __future__ import annotations

import click

from goldenthread.cli.options import (
    ModelSource,
    html_output_options,
    load_analysis,
    model_options,
    open_in_browser,
    write_page,
)

__all__ = ["report"]


@click.command(short_help="A one-page HTML report for a committee, ready to print.")
@model_options
@html_output_options("goldenthread-report.html")
@click.option("--title", help="The report title (default: the model's title).")
def report(source: ModelSource, output: str, title: str | None, open_: bool) -> None:
    """Write MODEL's report as one self-contained HTML page.

    Headline figures, the coverage of each aim, the findings, the aims x
    themes heat map, the benefits and the interactive graph; the figures are
    those of `goldenthread gaps --format json`. It needs no network and prints
    to A4.
    """
    from goldenthread.traceability.render.html.reportpage import render_report

    page = render_report(load_analysis(source), title=title)
    write_page(output, page.html, protect=source.files())
    s = page.summary
    click.echo(
        f"wrote {output}: {s['aims_with_investment']} of {s['aims']} aims with investment, "
        f"{s['aims_with_evidence']} with evidence; open it in a web browser"
    )
    if open_:
        open_in_browser(output)
