"""``goldenthread report``: a one-page HTML report for a committee."""

from __future__ import annotations

import click

from goldenthread.cli.options import (
    ModelSource,
    change_since,
    html_output_options,
    load_analysis,
    model_options,
    open_in_browser,
    write_page,
)
from goldenthread.cli.progress import PAGE_STEPS, is_large, steps

__all__ = ["report"]


@click.command()
@model_options
@html_output_options("goldenthread-report.html")
@click.option("--title", help="The report title (default: the model's title).")
@click.option(
    "--since",
    metavar="REV",
    help="Compare with the model at git revision REV: each aim's status and investment then, and what moved.",
)
def report(source: ModelSource, output: str, title: str | None, since: str | None, open_: bool) -> None:
    """Write MODEL's report as one self-contained HTML page.

    Page 1 says what to decide: the source and date, the points for
    decision, and the aims worst first with their status, investment,
    evidence and owner (with --since, their status and investment at REV).
    Then the graph, the benefits, the projects, the aims x themes heat map and
    the annex: the exact figures and the findings by rule. The figures are
    those of `goldenthread gaps --format json`. It needs no network and prints
    to A4. The date produced is today's (SOURCE_DATE_EPOCH's when set).
    """
    from goldenthread.traceability.provenance import produced_on, provenance
    from goldenthread.traceability.render.html.reportpage import render_report

    with steps("Writing the report", PAGE_STEPS, is_large(source.files())) as step:
        step(PAGE_STEPS[0])
        analysis = load_analysis(source)
        change = change_since(since, source, analysis)
        where = provenance(source.path) if source.path is not None else None
        step(PAGE_STEPS[1])
        page = render_report(analysis, title=title, produced=produced_on(), source=where, since=change)
        step(PAGE_STEPS[2])
        write_page(output, page.html, protect=source.files())
    s = page.summary
    click.echo(
        f"wrote {output}: {s['aims_with_investment']} of {s['aims']} aims with investment, "
        f"{s['aims_with_evidence']} with evidence; open it in a web browser"
    )
    if open_:
        open_in_browser(output)
