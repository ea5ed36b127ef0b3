"""``goldenthread diff``: what a change does to the golden thread."""

from __future__ import annotations

import click

from goldenthread.cli.exits import Outcome, finish
from goldenthread.cli.options import format_option, source_of
from goldenthread.model.sources.git import revision_spec
from goldenthread.traceability.diff import FAIL_CONDITIONS, conditions_met, diff
from goldenthread.traceability.render.diff import DIFF_FORMATS, DiffSides, render_diff
from goldenthread.traceability.render.envelope import model_block
from goldenthread.traceability.sides import analyse_pair

__all__ = ["diff_command"]


@click.command("diff")
@click.argument("sides", nargs=-1, metavar="OLD NEW")
@click.option("--since", metavar="REV", help="Compare REV:<model> with the working copy of the model.")
@click.option("-m", "--model", "model_option", metavar="PATH", help="With --since: the model (a file or folder).")
@format_option(DIFF_FORMATS, "text: for a terminal; markdown: a pull-request comment; json: one document.")
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice((*FAIL_CONDITIONS, "never")),
    multiple=True,
    default=("never",),
    show_default=True,
    help="Exit 1 when this holds (repeat for several): new unwaived errors, new unwaived findings, "
    "an aim's investment falls, an aim's coverage status gets worse.",
)
def diff_command(
    sides: tuple[str, ...], since: str | None, model_option: str | None, fmt: str, fail_on: tuple[str, ...]
) -> None:
    """Compare two versions of a model, matched by id: entities, links, measurements,
    findings, investment and coverage per aim, and the headline figures.

    OLD and NEW are each a model file or folder, or REV:PATH read from the git
    repository of the current directory (PATH from the top of the repository,
    or from here when it starts with ./). With --since REV, compare REV's
    version of [MODEL] with the working copy. Reordering, comments, formatting
    and moving an entity to another file are no change.

    Exit 0, or 1 when a --fail-on condition holds; 2 when a side cannot be loaded.
    """
    if since is not None:
        if len(sides) > 1:
            raise click.UsageError("with --since, give at most one MODEL (the working copy to compare)")
        source = source_of(sides[0] if sides else None, model_option, False)
        if source.path is None:  # pragma: no cover - source_of without --example always names a path
            raise click.UsageError("--since needs a model in the working copy")
        old_spec, new_spec = revision_spec(since, source.path), source.path
    else:
        if model_option is not None:
            raise click.UsageError("-m/--model goes with --since; otherwise name OLD and NEW")
        if len(sides) != 2:
            raise click.UsageError("give OLD and NEW (each a path or REV:PATH), or --since REV [MODEL]")
        old_spec, new_spec = sides
    old, new = analyse_pair(old_spec, new_spec)
    d = diff(old, new)
    names = DiffSides(
        old=old_spec,
        new=new_spec,
        currency=new.model.info.currency,
        old_block=model_block(old.model, old.root),
        new_block=model_block(new.model, new.root),
    )
    click.echo(render_diff(d, fmt, names), nl=False)
    held = conditions_met(d, fail_on)
    if held:
        click.echo(f"goldenthread: diff: --fail-on {', '.join(held)}: the change makes the thread worse", err=True)
    finish(Outcome.FINDINGS if held else Outcome.OK)
