"""``goldenthread trace ID [MODEL]``: the golden thread through one entity."""

from __future__ import annotations

import click

from goldenthread.cli.options import ModelSource, format_option, load_analysis, model_options
from goldenthread.traceability.render.trace import FORMATS, render_trace
from goldenthread.traceability.trace import Direction
from goldenthread.traceability.trace import trace as trace_entity


@click.command()
@click.argument("entity_id", metavar="ID")
@model_options
@click.option("--up", is_flag=True, help="Only toward the aims (why we do it).")
@click.option("--down", is_flag=True, help="Only toward delivery and evidence (what it delivers).")
@format_option(FORMATS, "text: an indented tree; json: one document.")
def trace(entity_id: str, source: ModelSource, up: bool, down: bool, fmt: str) -> None:
    """The golden thread through entity ID, as an indented tree.

    For an aim: down through themes and projects to the benefits. For a
    project: up through its themes to the aims, and across to the benefits
    it realises and the aims they evidence. For a theme or benefit: both ways.
    Neither --up nor --down, or both, traces both ways. Exits 0; 2 when no
    entity has that ID.
    """
    analysis = load_analysis(source)
    direction: Direction = "up" if up and not down else "down" if down and not up else "both"
    click.echo(render_trace(analysis, trace_entity(analysis.graph, entity_id, direction), fmt), nl=False)
