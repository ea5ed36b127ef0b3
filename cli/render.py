"""``goldenthread render``: the interactive golden-thread graph as one HTML file."""

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
from goldenthread.model.types import KINDS, PROJECT_STATUSES
from goldenthread.traceability.benefits import STATUSES as BENEFIT_STATUSES
from goldenthread.traceability.render.html.view import OVERVIEW_THRESHOLD, GraphOptions, UnknownEntity, UnknownTag

__all__ = ["MAX_DEPTH", "render"]

#: The largest --depth accepted: far beyond any model's longest path.
MAX_DEPTH = 100_000


@click.command()
@model_options
@html_output_options("goldenthread.html")
@click.option(
    "--layout",
    type=click.Choice(["layered", "force"]),
    default="layered",
    show_default=True,
    help="layered: aims on top, then themes, projects, benefits, fixed; force: physics on, to explore.",
)
@click.option("--focus", metavar="ID", help="Only the neighbourhood of this entity.")
@click.option(
    "--depth",
    # Bounded so a typo cannot ask for 10**20 steps; the walk stops early anyway
    # once the neighbourhood stops growing.
    type=click.IntRange(min=0, max=MAX_DEPTH),
    default=2,
    show_default=True,
    help="How many links from --focus the neighbourhood reaches.",
)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds (repeatable).")
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Entities with this tag and their threads (repeatable)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(PROJECT_STATUSES + BENEFIT_STATUSES),
    help="Projects or benefits with this status and their threads (repeatable).",
)
@click.option(
    "--gaps-only",
    is_flag=True,
    help="Entities with unwaived errors (what fails check) and their threads (the page's Gaps only).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help=f"Draw every entity, even above {OVERVIEW_THRESHOLD:,} (where the default is an overview).",
)
@click.option("--title", help="The page title (default: the model's title).")
@click.option("--since", metavar="REV", help="Mark the entities new or changed since git revision REV.")
def render(
    source: ModelSource,
    output: str,
    layout: str,
    focus: str | None,
    depth: int,
    kinds: tuple[str, ...],
    tags: tuple[str, ...],
    statuses: tuple[str, ...],
    gaps_only: bool,
    show_all: bool,
    title: str | None,
    since: str | None,
    open_: bool,
) -> None:
    """Draw MODEL's golden thread as one self-contained, interactive HTML file.

    Aims across the top, then themes, projects and benefits; an aim's or a
    benefit's colour is its status, a badge counts an entity's open findings,
    and with --since a frame marks what is new or changed since REV. The file needs no network: open it in any
    browser. Models of more than 2,000 entities are drawn as an overview
    (aims, themes and entities with findings) unless --all or --focus.
    """
    from goldenthread.traceability.render.html.graphpage import render_graph

    options = GraphOptions(
        layout=layout,
        focus=focus,
        depth=depth,
        kinds=kinds,
        tags=tags,
        statuses=statuses,
        gaps_only=gaps_only,
        show_all=show_all,
        title=title,
    )
    with steps("Drawing the graph", PAGE_STEPS, is_large(source.files())) as step:
        step(PAGE_STEPS[0])
        analysis = load_analysis(source)
        change = change_since(since, source, analysis)
        step(PAGE_STEPS[1])
        try:
            page = render_graph(analysis, options, change)
        except UnknownEntity as e:
            raise click.BadParameter(str(e), param_hint="'--focus'") from None
        except UnknownTag as e:
            raise click.BadParameter(str(e), param_hint="'--tag'") from None
        step(PAGE_STEPS[2])
        write_page(output, page.html, protect=source.files())
    shown = f"{page.shown:,} of {page.total:,} entities" + (
        " (overview; --all for every one)" if page.view.selection.overview else ""
    )
    links = page.view.edges
    click.echo(f"wrote {output}: {shown}, {links:,} link{'' if links == 1 else 's'}; open it in a web browser")
    if open_:
        open_in_browser(output)
