"""``goldenthread trace ID``: the golden thread through one entity."""

from __future__ import annotations

import click

from goldenthread.cli.options import example_option, load_for_command
from goldenthread.traceability.graph import UnknownEntity, build_graph
from goldenthread.traceability.render.tree import TRACE_FORMATS, render_trace
from goldenthread.traceability.trace import trace as trace_entity


def model_option(f):
    return click.option(
        "-m",
        "--model",
        type=click.Path(),
        help="The model (a YAML file or a folder); found as for `check` when not given.",
    )(f)


@click.command(short_help="The golden thread through one entity, as a tree.")
@click.argument("entity_id", metavar="ID")
@model_option
@example_option
@click.option("--up", is_flag=True, help="Only toward the aims (why we do it).")
@click.option("--down", is_flag=True, help="Only toward delivery and evidence (what it delivers).")
@click.option("--format", "fmt", type=click.Choice(TRACE_FORMATS), default="text", show_default=True)
def trace(entity_id: str, model: str | None, example: bool, up: bool, down: bool, fmt: str) -> None:
    """The golden thread through entity ID, as an indented tree.

    For an aim: down through themes and projects to the benefits. For a
    project: up through its themes to the aims, and across to the benefits
    it realises and the aims they evidence. For a theme or benefit: both ways.
    """
    graph = build_graph(load_for_command(model, example))
    try:
        result = trace_entity(graph, entity_id, up=up, down=down)
    except UnknownEntity as e:
        raise click.BadParameter(str(e), param_hint="ID") from None
    click.echo(render_trace(result, fmt), nl=False)
