"""``goldenthread impact ID``: what cancelling a project, or dropping a theme, would do."""

from __future__ import annotations

import click

from goldenthread.cli.options import example_option, load_for_command
from goldenthread.cli.trace import model_option
from goldenthread.traceability.graph import UnknownEntity, WrongKind, build_graph
from goldenthread.traceability.impact import impact as impact_of
from goldenthread.traceability.render.tree import IMPACT_FORMATS, render_impact


@click.command(short_help="What cancelling a project or dropping a theme would do.")
@click.argument("entity_id", metavar="ID")
@model_option
@example_option
@click.option("--format", "fmt", type=click.Choice(IMPACT_FORMATS), default="text", show_default=True)
def impact(entity_id: str, model: str | None, example: bool, fmt: str) -> None:
    """What cancelling project ID (or dropping theme ID) would do.

    Lists the aims that would lose all investment, the themes left with no
    project, the benefits left with no realiser, and each touched aim's
    attributed investment before and after. Exits 0.
    """
    m = load_for_command(model, example)
    try:
        result = impact_of(build_graph(m), entity_id)
    except (UnknownEntity, WrongKind) as e:
        raise click.BadParameter(str(e), param_hint="ID") from None
    click.echo(render_impact(result, fmt, currency=m.info.currency), nl=False)
